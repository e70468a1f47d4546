"""manage.py train_checkworthiness: --import, --evaluate, training, --language."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.models import ImportedDecision, RankingModelVersion

pytestmark = pytest.mark.django_db

CHECK_WORTHY = [
    ("Die Grundsteuer in Lindenau steigt 2027 um 14 Prozent.", "de"),
    ("Im Landkreis fehlen nach Angaben des Schulamts 212 Lehrkräfte.", "de"),
    ("The county spent 3.4 million pounds on road repairs last year.", "en"),
    ("Bus fares in Westmoor will rise by 12 percent in April, the council said.", "en"),
]
NOT_CHECK_WORTHY = [
    ("Das bleibt abzuwarten.", "de"),
    ("Wir freuen uns auf die neue Saison.", "de"),
    ("What a wonderful evening it was.", "en"),
    ("Let's see what happens.", "en"),
]


def jsonl(tmp_path, lines, name="decisions.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def labelled_lines():
    return [
        json.dumps({"text": text, "language": language, "label": label})
        for rows, label in ((CHECK_WORTHY, 1), (NOT_CHECK_WORTHY, 0))
        for text, language in rows
    ]


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("train_checkworthiness", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_stores_the_good_lines_with_their_file_and_line_number(tmp_path):
    path = jsonl(tmp_path, labelled_lines()[:2])
    run("--import", path, "--evaluate", path)
    assert list(ImportedDecision.objects.values_list("line_number", "label", "source_file")) == [
        (1, 1, "decisions.jsonl"),
        (2, 1, "decisions.jsonl"),
    ]


def test_import_reports_bad_lines_by_number_and_skips_them(tmp_path):
    good = json.dumps({"text": "Der Etat wächst um 3 Prozent.", "language": "de", "label": 1})
    lines = [
        good,
        "{not json",
        json.dumps({"text": "Fine.", "language": "fr", "label": 0}),
        json.dumps({"text": "Fine.", "language": "en", "label": 2}),
        json.dumps(["a", "list"]),
        json.dumps({"language": "en", "label": 0}),
        good,
    ]
    _out, err = run("--import", jsonl(tmp_path, lines), "--evaluate", jsonl(tmp_path, [good], "e"))
    for number in (2, 3, 4, 5, 6):
        assert f"line {number}:" in err
    assert "line 1:" not in err and "line 7:" not in err
    assert ImportedDecision.objects.count() == 2


def test_a_line_that_is_not_utf8_is_reported_not_a_traceback(tmp_path):
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"text": "Gebühr", "language": "de", "label": 1}'.encode("latin-1"))
    _out, err = run("--import", str(path), "--evaluate", str(path))
    assert "line 1: not UTF-8 text" in err


def test_a_missing_file_is_one_readable_error(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*missing\.jsonl"):
        run("--import", str(tmp_path / "missing.jsonl"))


def test_evaluate_prints_the_metrics_with_a_json_last_line(tmp_path):
    out, _err = run("--evaluate", jsonl(tmp_path, labelled_lines()))
    lines = out.strip().splitlines()
    result = json.loads(lines[-1])
    assert list(result) == ["auc", "precision", "recall", "f1", "kept", "n"]
    assert result["n"] == 8
    assert all(isinstance(result[key], float) for key in ("auc", "precision", "f1", "kept"))
    assert any(line.startswith("ROC-AUC") for line in lines)


def test_evaluate_with_a_language_scores_only_its_lines(tmp_path):
    out, _err = run("--evaluate", jsonl(tmp_path, labelled_lines()), "--language", "en")
    assert json.loads(out.strip().splitlines()[-1])["n"] == 4


def test_evaluate_does_not_train(tmp_path):
    run("--evaluate", jsonl(tmp_path, labelled_lines()))
    assert not RankingModelVersion.objects.exists()


def test_import_with_a_language_keeps_only_its_lines(tmp_path):
    path = jsonl(tmp_path, labelled_lines())
    run("--import", path, "--evaluate", path, "--language", "de")
    assert set(ImportedDecision.objects.values_list("language", flat=True)) == {"de"}


def test_training_prints_the_new_version_and_its_metrics(tmp_path):
    run("--import", jsonl(tmp_path, labelled_lines() * 5), "--evaluate", jsonl(tmp_path, [], "e"))
    out, _err = run()
    version = RankingModelVersion.objects.get()
    assert f"Version {version.version} (in force)" in out
    assert '"auc"' in out.splitlines()[-1]


def test_training_without_decisions_is_a_readable_error():
    with pytest.raises(CommandError, match="no decisions"):
        run()
