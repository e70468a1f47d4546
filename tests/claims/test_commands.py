"""The extraction commands, run as a newsroom script would run them."""

import json
import os
import subprocess
import sys
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
