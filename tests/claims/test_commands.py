"""The extraction commands, run as a newsroom script would run them."""

import datetime as dt
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Article

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed"
WINDPARKS = Path(__file__).parent / "extraction" / "articles" / "windparks-de.txt"


def manage(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        timeout=120,
        env=os.environ.copy(),
    )


def test_extract_claims_prints_the_contract_json():
    result = manage("extract_claims", str(WINDPARKS), "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["language"] == "de"
    claim = document["claims"][1]
    assert set(claim) >= {
        "text", "start", "end", "kind", "speaker", "attribution", "figures", "dates",
        "checkworthiness", "reasons",
    }  # fmt: skip
    assert set(claim["figures"][0]) == {"text", "value", "unit", "approximate", "qualifier"}


def test_extract_claims_reads_stdin():
    result = manage(
        "extract_claims",
        "-",
        "--format",
        "json",
        "--lang",
        "en",
        stdin=b"The council said that 1,200 residents replied.",
    )
    assert json.loads(result.stdout)["claims"][0]["figures"][0]["value"] == 1200


def test_extract_claims_of_nothing_is_an_empty_list():
    result = manage("extract_claims", "-", "--format", "json", stdin=b"")
    assert json.loads(result.stdout)["claims"] == []


def test_a_file_that_is_not_utf8_is_refused_in_one_line(tmp_path):
    latin1 = tmp_path / "alt.txt"
    latin1.write_bytes("Die Stadt zählt 1.000 Bürger.".encode("latin-1"))
    result = manage("extract_claims", str(latin1), "--format", "json")
    assert result.returncode != 0
    assert result.stderr.decode().strip().splitlines() == [
        f"CommandError: {latin1} is not UTF-8 text (byte 11 cannot be decoded)."
    ]


def test_a_missing_file_is_refused_in_one_line():
    result = manage("extract_claims", "/nonexistent/article.txt")
    assert result.returncode != 0
    assert b"Cannot read /nonexistent/article.txt" in result.stderr
    assert b"Traceback" not in result.stderr


def test_a_text_above_the_limit_is_refused(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Die Stadt wächst. " * 20)
    result = subprocess.run(
        [sys.executable, "manage.py", "extract_claims", str(big)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "EXTRACTION_MAX_CHARS": "100"},
        timeout=60,
    )
    assert result.returncode != 0
    assert "the limit is 100" in result.stderr


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not beside the project")
def test_the_reference_article_passes_every_check():
    result = subprocess.run(
        [sys.executable, str(SEED.parent / "tools" / "check_seed.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith(" 0 failed")


@pytest.mark.django_db
def test_ingest_article_stores_the_article_and_its_claims(capsys):
    call_command("ingest_article", str(WINDPARKS), "--url", "https://nordwind.example/a")
    article_id = int(capsys.readouterr().out.strip().splitlines()[-1])
    article = Article.objects.get(pk=article_id)
    assert article.title == "Nordwind will 2,5 Milliarden Euro in Windparks stecken"
    assert article.language == "de"
    texts = [c.text for c in article.claims.all()]
    for figure in ("2,5 Milliarden Euro", "412 Mio. Euro", "33 Prozent"):
        assert any(figure in text for text in texts), figure
    assert not any("exemplarisch" in text for text in texts)  # an opinion stays out
    assert all(article.body[c.start : c.end] == c.text for c in article.claims.all())


@pytest.mark.django_db
def test_ingest_article_refuses_an_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n")
    with pytest.raises(Exception, match="holds no text"):
        call_command("ingest_article", str(empty))
    assert not Article.objects.exists()


# --- ingest_article: normalized, never twice, the headline as title (issue 13, items 1-3)

HEADLINED = (
    "Stadtrat beschließt Haushalt mit Rekordschulden\n"
    "Der Stadtrat hat am Montag einen Haushalt von 1,2 Milliarden Euro beschlossen. "
    "Die Schulden steigen damit auf 780 Mio. Euro, sagte Kämmerer Jens Brandt.\n"
)


def ingest(*args):
    call_command("ingest_article", *map(str, args))
    return Article.objects.order_by("-pk").first()


@pytest.mark.django_db
def test_ingest_article_takes_the_headline_as_title_and_out_of_the_body(tmp_path):
    file = tmp_path / "haushalt.txt"
    file.write_text(HEADLINED)
    article = ingest(file)
    assert article.title == "Stadtrat beschließt Haushalt mit Rekordschulden"
    assert article.body.startswith("Der Stadtrat hat am Montag")
    assert not any("Rekordschulden" in claim.text for claim in article.claims.all())


@pytest.mark.django_db
def test_ingest_article_keeps_a_first_line_that_is_a_sentence_in_the_body(tmp_path):
    file = tmp_path / "council.txt"
    file.write_text(
        "The council approved a budget of 1.2 billion euros on Monday.\n"
        "Debt rises to 780 million euros, the treasurer said.\n"
    )
    article = ingest(file)
    assert article.title == "The council approved a budget of 1.2 billion euros on Monday."
    assert article.body.startswith("The council approved")


@pytest.mark.django_db
def test_ingest_article_with_a_title_keeps_the_whole_text_as_body(tmp_path):
    file = tmp_path / "haushalt.txt"
    file.write_text(HEADLINED)
    article = ingest(file, "--title", "Haushalt 2026")
    assert article.title == "Haushalt 2026"
    assert article.body.startswith("Stadtrat beschließt Haushalt")


@pytest.mark.django_db
def test_ingest_article_reads_a_naive_published_at_in_the_time_zone(tmp_path, settings):
    settings.TIME_ZONE = "Europe/Berlin"
    file = tmp_path / "haushalt.txt"
    file.write_text(HEADLINED)
    article = ingest(file, "--published-at", "2026-03-16T09:30")
    assert article.published_at == dt.datetime(2026, 3, 16, 8, 30, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_ingest_article_gives_no_warning_for_a_naive_published_at(tmp_path):
    file = tmp_path / "haushalt.txt"
    file.write_text(HEADLINED)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        ingest(file, "--published-at", "2026-03-16T09:30")


@pytest.mark.django_db
def test_ingest_article_stores_a_file_with_crlf_line_breaks_with_lf(tmp_path):
    file = tmp_path / "haushalt.txt"
    file.write_bytes(HEADLINED.replace("\n", "\r\n").encode())
    article = ingest(file, "--title", "Haushalt")
    assert article.body == HEADLINED.rstrip()


@pytest.mark.django_db
def test_ingest_article_refuses_the_same_text_again_in_one_line(tmp_path, capsys):
    file = tmp_path / "haushalt.txt"
    file.write_text(HEADLINED)
    first = ingest(file)
    capsys.readouterr()
    file.write_bytes(HEADLINED.replace("\n", "\r\n").encode())  # the same text, saved on Windows
    with pytest.raises(SystemExit) as exit_:
        call_command("ingest_article", str(file))
    assert exit_.value.code == 1
    output = capsys.readouterr()
    assert output.out == ""
    assert output.err.splitlines() == [
        f"ingest_article: the same article is stored already as article {first.pk} (same text)."
    ]
    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_ingest_article_refuses_the_same_address_again(tmp_path, capsys):
    file = tmp_path / "haushalt.txt"
    file.write_text(HEADLINED)
    first = ingest(file, "--url", "https://zeitung.example/haushalt")
    other = tmp_path / "anders.txt"
    other.write_text("Der Haushalt ist beschlossen.\n")
    capsys.readouterr()
    with pytest.raises(SystemExit):
        call_command("ingest_article", str(other), "--url", "https://zeitung.example/haushalt/")
    assert capsys.readouterr().err.splitlines() == [
        f"ingest_article: the same article is stored already as article {first.pk} (same URL)."
    ]


@pytest.mark.django_db
def test_ingest_article_stores_a_duplicate_when_allowed(tmp_path):
    file = tmp_path / "haushalt.txt"
    file.write_text(HEADLINED)
    first = ingest(file)
    second = ingest(file, "--allow-duplicate")
    assert second.pk != first.pk
    assert second.body == first.body
