"""extract_claims: the queue (at or above the ranking's threshold) and the other sentences."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from claims.extraction import RankingModel, load_base_model

TEXT = (
    "Hafen Oststrand wächst\n"
    "Der Hafen Oststrand hat 2025 rund 4,2 Millionen Tonnen Fracht umgeschlagen, "
    "teilte die Hafengesellschaft mit. Was für ein Jahr! Die Stimmung am Kai ist gut.\n"
)


def run(tmp_path, *args):
    article = tmp_path / "article.txt"
    article.write_text(TEXT)
    out = StringIO()
    call_command("extract_claims", str(article), "--format", "json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_claims_are_at_or_above_the_threshold_and_the_rest_is_other(tmp_path):
    document = run(tmp_path)
    threshold = load_base_model().threshold
    assert [c["text"][:22] for c in document["claims"]] == ["Der Hafen Oststrand ha"]
    assert all(c["checkworthiness"] >= threshold for c in document["claims"])
    assert [c["text"] for c in document["other"]] == [
        "Was für ein Jahr!",
        "Die Stimmung am Kai ist gut.",
    ]
    assert all(c["checkworthiness"] < threshold for c in document["other"])


def test_the_document_names_the_model_and_its_threshold(tmp_path):
    model = run(tmp_path)["model"]
    assert model == {"version": load_base_model().version, "threshold": load_base_model().threshold}


def test_a_model_file_ranks_instead_of_the_base_model(tmp_path):
    path = tmp_path / "everything.json"
    RankingModel("keep-all-v1", {}, bias=9.0, threshold=0.5).save(path)
    document = run(tmp_path, "--model", str(path))
    assert document["other"] == []
    assert len(document["claims"]) == 3
    assert {c["model_version"] for c in document["claims"]} == {"keep-all-v1"}


def test_an_unreadable_model_file_is_refused(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read the model"):
        run(tmp_path, "--model", str(path))
