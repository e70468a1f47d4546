"""Inflected forms generated from lemmas."""

import re

import pytest

from claims.extraction.lexicon import (
    alternation,
    english_verb_forms,
    german_role_forms,
    german_verb_forms,
    speech_pattern,
)


@pytest.mark.parametrize(
    ("entry", "forms"),
    [
        ("fragen", {"fragen", "fragt", "fragte", "fragten", "gefragt"}),
        ("melden", {"melden", "meldet", "meldete", "meldeten", "gemeldet"}),
        ("rechnen", {"rechnet", "rechnete", "gerechnet"}),
        ("erwidern", {"erwidern", "erwidert", "erwiderte", "erwiderten"}),
        ("bestreiten:bestreitet,bestritt,bestritten", {"bestreitet", "bestritt", "bestritten"}),
        ("zitieren", {"zitiert", "zitierte"}),
        ("verlangen", {"verlangt", "verlangte"}),
    ],
)
def test_german_verbs_are_conjugated_from_their_lemma(entry, forms):
    joined, separable = german_verb_forms(entry)
    assert forms <= joined
    assert separable == {}


def test_inseparable_prefixes_and_ieren_verbs_take_no_ge():
    assert "geerwidert" not in german_verb_forms("erwidern")[0]
    assert "gezitiert" not in german_verb_forms("zitieren")[0]


def test_a_separable_verb_is_one_word_in_subordinate_clauses_and_split_in_main_clauses():
    joined, separable = german_verb_forms("auf|listen")
    assert {"auflistet", "auflistete", "aufgelistet", "aufzulisten"} <= joined
    assert separable == {"auf": {"listen", "listet", "listete", "listeten"}}


def test_a_separable_strong_verb_keeps_its_participle():
    joined, separable = german_verb_forms("vor|tragen:trägt,trug,getragen")
    assert {"vorgetragen", "vortrug", "vortrugen", "vorträgt"} <= joined
    assert "trug" in separable["vor"]


@pytest.mark.parametrize(
    ("entry", "forms"),
    [
        ("shout", {"shout", "shouts", "shouted"}),
        ("quote", {"quotes", "quoted"}),
        ("clarify", {"clarifies", "clarified"}),
        ("stress", {"stresses", "stressed"}),
        ("commit+", {"commits", "committed"}),
        ("speak:spoke,spoken", {"speaks", "spoke", "spoken"}),
    ],
)
def test_english_verbs_are_inflected_from_their_lemma(entry, forms):
    assert forms <= english_verb_forms(entry)


def test_german_roles_have_their_feminine_and_plural():
    forms = german_role_forms("planer anwalt/anwältin")
    assert {"planer", "planerin", "planerinnen", "anwalt", "anwältin"} <= forms


def test_the_prefix_tree_pattern_matches_exactly_its_words():
    words = {"sag", "sagt", "sagte", "sagten", "gesagt", "sprach"}
    pattern = re.compile(rf"(?:{alternation(words)})")
    assert all(pattern.fullmatch(w) for w in words)
    assert not any(pattern.fullmatch(w) for w in ("sa", "sagten2", "sprache", "gesag"))


def test_a_separable_speech_verb_counts_only_with_its_particle_closing_the_clause():
    pattern = re.compile(speech_pattern("de"))
    assert pattern.search("Die Bahn räumte am Montag Fehler ein.")
    assert pattern.search("Die Bahn räumte ein, dass Züge fehlten.")
    assert not pattern.search("Die Bahn räumte den Bahnsteig ein wenig auf.")
