"""Two whole articles of our own: every candidate the engine must find, and its queue."""

import datetime as dt
from pathlib import Path

import pytest

from claims.extraction import extract_claims

ARTICLES = Path(__file__).parent / "articles"
PUBLISHED = dt.date(2026, 11, 25)  # a Wednesday

WINDPARKS_DE = [
    # text, kind, speaker (name, role), figures (text, value, unit, qualifier), dates (text, value)
    (
        "Der Energieversorger Nordwind will bis 2028 rund 2,5 Milliarden Euro in Windparks investieren.",
        "statistic",
        None,
        [("rund 2,5 Milliarden Euro", 2.5e9, "EUR", "approximately")],
        [("2028", "2028")],
    ),
    (
        "Das kündigte Vorstandschefin Katrin Vogel am Montag in Hamburg an.",
        "reported_speech",
        ("Katrin Vogel", "Vorstandschefin"),
        [],
        [("am Montag", "2026-11-23")],
    ),
    (
        "„Wir verdoppeln unsere Kapazität. Und wir tun das ohne neue Schulden“, sagte Vogel.",
        "quote",
        ("Katrin Vogel", "Vorstandschefin"),
        [],
        [],
    ),
    (
        "Ein Sprecher der Gewerkschaft, Lars Petersen, begrüßte die Pläne.",
        "statement",
        ("Lars Petersen", "Sprecher der Gewerkschaft"),
        [],
        [],
    ),
    (
        "Er sagte, in den Werken würden mehr als 800 neue Stellen entstehen.",
        "reported_speech",
        ("Lars Petersen", "Sprecher der Gewerkschaft"),
        [("mehr als 800", 800, "Stellen", "more_than")],
        [],
    ),
    (
        "Die Firma habe im vergangenen Jahr einen Gewinn von 412 Mio. Euro erzielt.",
        "reported_speech",
        ("Lars Petersen", "Sprecher der Gewerkschaft"),
        [("412 Mio. Euro", 412e6, "EUR", None)],
        [("im vergangenen Jahr", "2025")],
    ),
    (
        "Analysten zufolge dürfte der Strompreis dadurch um bis zu 3 Prozent sinken.",
        "reported_speech",
        None,
        [("bis zu 3 Prozent", 3, "percent", "up_to")],
        [],
    ),
    (
        "Laut Bundesnetzagentur speisten Windanlagen 2024 knapp 33 Prozent des Stroms ein.",
        "reported_speech",
        None,
        [("knapp 33 Prozent", 33, "percent", "approximately")],
        [("2024", "2024")],
    ),
    ("Die Entscheidung steht exemplarisch für den Wandel der Branche.", "statement", None, [], []),
]

MATERNITY_EN = [
    (
        "Lakeside Hospital will close its maternity ward on March 1, 2027, the health board "
        "announced on Tuesday.",
        "reported_speech",
        None,
        [],
        [("March 1, 2027", "2027-03-01"), ("on Tuesday", "2026-11-24")],
    ),
    (
        "The ward delivered fewer than 900 babies last year, down from 1,400 in 2015.",
        "statistic",
        None,
        [("fewer than 900", 900, "babies", "less_than"), ("1,400", 1400, None, None)],
        [("last year", "2025"), ("2015", "2015")],
    ),
    (
        "“We cannot staff it safely any more,” said chief medical officer Priya Raman.",
        "quote",
        ("Priya Raman", "chief medical officer"),
        [],
        [],
    ),
    (
        "She added that about 40 percent of midwife posts were vacant.",
        "reported_speech",
        ("Priya Raman", "chief medical officer"),
        [("about 40 percent", 40, "percent", "approximately")],
        [],
    ),
    (
        "Tom Hale, a councillor for the north ward, told reporters that mothers would have to "
        "travel up to 45 miles.",
        "reported_speech",
        ("Tom Hale", "councillor for the north ward"),
        [("up to 45", 45, "miles", "up_to")],
        [],
    ),
    (
        "According to the regional ambulance service, response times rose by 12 minutes.",
        "reported_speech",
        None,
        [("12", 12, "minutes", None)],
        [],
    ),
    ("Critics say the closure is emblematic of rural decline.", "statement", None, [], []),
]


def summary(claim):
    return (
        claim.text,
        claim.kind,
        (claim.speaker.name, claim.speaker.role) if claim.speaker else None,
        [(f.text, f.value, f.unit, f.qualifier) for f in claim.figures],
        [(d.text, d.value) for d in claim.dates],
    )


@pytest.mark.parametrize(
    ("name", "language", "expected"),
    [("windparks-de", "de", WINDPARKS_DE), ("maternity-en", "en", MATERNITY_EN)],
)
def test_every_candidate_of_the_article(name, language, expected):
    text = (ARTICLES / f"{name}.txt").read_text()
    candidates = extract_claims(text, published_at=PUBLISHED, min_checkworthiness=0)
    assert [summary(c) for c in candidates] == expected
    assert all(text[c.start : c.end] == c.text for c in candidates)


# Sentences with a figure and a source belong in the queue; titles, judgements and
# quotes that assert nothing checkable do not.
QUEUE = {
    "windparks-de": (
        ["2,5 Milliarden Euro in Windparks investieren", "800 neue Stellen", "412 Mio. Euro",
         "knapp 33 Prozent"],
        ["Windparks stecken", "steht exemplarisch", "Wir verdoppeln"],
    ),
    "maternity-en": (
        ["fewer than 900 babies", "about 40 percent", "up to 45 miles", "rose by 12 minutes"],
        ["to close maternity ward\n", "emblematic", "We cannot staff"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(QUEUE))
def test_the_queue_holds_the_figure_claims_and_not_the_filler(name):
    text = (ARTICLES / f"{name}.txt").read_text()
    queued = [c.text + "\n" for c in extract_claims(text, published_at=PUBLISHED)]
    claims, filler = QUEUE[name]
    assert all(any(part in c for c in queued) for part in claims)
    assert not any(part in c for part in filler for c in queued)


@pytest.mark.parametrize(("name", "language"), [("windparks-de", "de"), ("maternity-en", "en")])
def test_the_language_is_detected(name, language):
    from claims.extraction import detect_language

    assert detect_language((ARTICLES / f"{name}.txt").read_text()) == language


@pytest.mark.parametrize("name", sorted(QUEUE))
def test_the_headline_is_no_candidate(name):
    text = (ARTICLES / f"{name}.txt").read_text()
    headline = text.splitlines()[0]
    candidates = extract_claims(text, min_checkworthiness=0)
    assert not any(c.start < len(headline) for c in candidates)
