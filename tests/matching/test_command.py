"""`manage.py import_claimreviews FILE|URL`: a summary line, or one readable line and a non-zero exit."""

import io
import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from matching.models import ExternalClaimReview
from tests.worker import ROOT

from .feeds import claimreview, data_feed_bytes

pytestmark = pytest.mark.django_db


def run(*args, stdin=None) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    options = {"stdin": stdin} if stdin is not None else {}
    call_command("import_claimreviews", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_the_summary_line_is_the_same_in_german(tmp_path):
    path = tmp_path / "feed.json"
    path.write_bytes(data_feed_bytes(claimreview(1)))
    with translation.override("de"):
        out, _ = run(str(path))
    assert out.strip() == "1 new, 0 updated, 0 unchanged, 0 skipped"


def test_a_file_is_imported_and_summed_up(tmp_path):
    path = tmp_path / "feed.json"
    path.write_bytes(data_feed_bytes(claimreview(1), claimreview(2)))
    out, _ = run(str(path))
    assert out.strip() == "2 new, 0 updated, 0 unchanged, 0 skipped"
    assert ExternalClaimReview.objects.count() == 2


def test_the_same_file_again_is_unchanged_and_a_changed_one_updated(tmp_path):
    path = tmp_path / "feed.json"
    path.write_bytes(data_feed_bytes(claimreview(1), claimreview(2)))
    run(str(path))
    assert run(str(path))[0].strip() == "0 new, 0 updated, 2 unchanged, 0 skipped"
    path.write_bytes(data_feed_bytes(claimreview(1, rating="Richtig"), claimreview(2)))
    assert run(str(path))[0].strip() == "0 new, 1 updated, 1 unchanged, 0 skipped"


def test_skipped_reviews_are_named_on_stderr(tmp_path):
    broken = claimreview(2)
    del broken["claimReviewed"]
    path = tmp_path / "feed.json"
    path.write_bytes(data_feed_bytes(claimreview(1), broken))
    out, err = run(str(path))
    assert out.strip() == "1 new, 0 updated, 0 unchanged, 1 skipped"
    assert "without “claimReviewed” was skipped (https://faktencheck.example/pruefung-2)" in err


def test_an_html_file_is_read_as_a_page(tmp_path):
    path = tmp_path / "check.html"
    markup = json.dumps(claimreview(1))
    path.write_text(f'<html><script type="application/ld+json">{markup}</script></html>')
    assert run(str(path))[0].strip() == "1 new, 0 updated, 0 unchanged, 0 skipped"


def test_a_dash_reads_stdin():
    out, _ = run("-", stdin=io.BytesIO(json.dumps([claimreview(1)]).encode()))
    assert out.strip() == "1 new, 0 updated, 0 unchanged, 0 skipped"


def test_a_url_is_fetched_through_the_safe_fetcher(web):
    web.pages["/command/feed.json"] = (data_feed_bytes(claimreview(5)), "application/json")
    out, _ = run(web.url("/command/feed.json"))
    assert out.strip() == "1 new, 0 updated, 0 unchanged, 0 skipped"


def test_a_large_import_shows_a_progress_bar_on_the_terminals_stderr(tmp_path, capsys):
    path = tmp_path / "large.json"
    path.write_bytes(data_feed_bytes(*(claimreview(n) for n in range(1000))))
    out, _ = run(str(path))
    assert out.strip() == "1000 new, 0 updated, 0 unchanged, 0 skipped"
    assert "1000/1000" in capsys.readouterr().err


def test_a_small_import_shows_no_progress_bar(tmp_path, capsys):
    path = tmp_path / "small.json"
    path.write_bytes(data_feed_bytes(claimreview(1)))
    run(str(path))
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (b"no feed here", "The feed is neither JSON nor an HTML page."),
        (b'{"title": "x"}', "Expected a schema.org DataFeed"),
        (b"[]", "No ClaimReview was found in the feed."),
    ],
)
def test_a_bad_file_is_one_readable_error(tmp_path, payload, message):
    path = tmp_path / "bad.json"
    path.write_bytes(payload)
    with pytest.raises(CommandError, match=message):
        run(str(path))


def test_a_missing_file_is_one_readable_error(tmp_path):
    with pytest.raises(
        CommandError, match=r"^Cannot read .*nothing\.json: No such file or directory\.$"
    ):
        run(str(tmp_path / "nothing.json"))


def test_a_blocked_url_is_one_readable_error(web):
    with pytest.raises(CommandError, match="internal or reserved address"):
        run(web.url("/to-loopback"))


def test_from_the_shell_a_bad_input_exits_non_zero_with_one_line_and_no_traceback(tmp_path):
    path = tmp_path / "bad.json"
    path.write_bytes(b"no feed here")
    # The command stops before it touches the database, so the default one is never used.
    done = subprocess.run(
        [sys.executable, "manage.py", "import_claimreviews", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={**os.environ, "LANGUAGE_CODE": "en"},
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "CommandError: The feed is neither JSON nor an HTML page."
    ]
