"""A deterministic corpus of news-like German and English articles, written for
the benchmarks from our own sentence templates (fictional people and places)."""

import random

PEOPLE = ["Katrin Vogel", "Lars Petersen", "Petra Albers", "Jonas Weber", "Mira Okonkwo",
          "Tomasz Nowak", "Elena Rossi", "Samuel Reyes", "Priya Raman", "Tom Hale"]  # fmt: skip
ORGS = ["Nordwind", "Stadtwerke Rheinfeld", "Lakeside Hospital", "Westcoast University",
        "Harbourside Council", "Kessler & Söhne", "Bundesnetzagentur", "AWS"]  # fmt: skip
CITIES = ["Rheinfeld", "Harbourside", "Lakeside", "Hamburg", "Leipzig", "Bristol"]

GERMAN = {
    "roles": [
        "Sprecherin",
        "Vorstandschef",
        "Stadtkämmerer",
        "Verkehrsdezernentin",
        "Bürgermeister",
        "Analystin",
        "Forscher",
    ],
    "weekdays": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag"],
    "months": ["Januar", "März", "Juni", "September", "November"],
    "sentences": [
        "{org} will bis {year} rund {dec} Milliarden Euro in {city} investieren.",
        "Das kündigte {role} {person} am {weekday} in {city} an.",
        "„Wir verdoppeln unsere Kapazität. Und wir tun das ohne neue Schulden“, sagte {last}.",
        "Ein {role} von {org}, {person}, bestätigte die Pläne.",
        "Er sagte, es würden mehr als {num} neue Stellen entstehen.",
        "Die Firma habe im vergangenen Jahr einen Gewinn von {num} Mio. Euro erzielt.",
        "Schätzungen zufolge hatte {org} zeitweise über {thousands} Mitarbeiter in {city}.",
        "Laut {org} stieg die Zahl der Fahrgäste um {pct} Prozent auf {dec} Millionen.",
        "Die erste Linie soll am {day}. {month} {year} in Betrieb gehen.",
        "{role} {person} hatte bereits im {month} vor Kürzungen gewarnt, die durch steigende Kosten bedingt seien.",
        "Analysten zufolge dürfte der Preis dadurch um bis zu {pct} Prozent sinken.",
        "Der Schritt steht exemplarisch für den Wandel der Branche.",
        "Die Entscheidung fällt in eine Phase wachsender Unsicherheit.",
        "Nach Angaben der Stadt kamen {thousands} Besucher, etwa {pct} Prozent mehr als im Vorjahr.",
        "{year} beendete der Konzern sein Geschäft in {city}.",
        "Das Labor habe über {num} Studien veröffentlicht – eine Arbeit, die eigenen Angaben zufolge rund eine Milliarde Dollar Umsatz eingebracht habe.",
    ],
}
ENGLISH = {
    "roles": [
        "spokesperson",
        "chief executive",
        "council leader",
        "finance director",
        "mayor",
        "analyst",
        "researcher",
    ],
    "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "months": ["January", "March", "June", "September", "November"],
    "sentences": [
        "{org} will invest about ${dec} billion in {city} by {year}.",
        "The plan was announced by {role} {person} on {weekday}.",
        "“We cannot wait any longer. The money is there,” said {role} {person}.",
        "She added that bills would rise by less than {pct} percent.",
        "{person}, a {role} at {org}, told reporters that up to {num} jobs were at risk.",
        "According to the regional authority, reservoir levels fell to {pct} percent last summer.",
        "The council said that more than {thousands} residents had responded.",
        "Construction is scheduled to begin in {month}.",
        "The ward delivered fewer than {num} babies last year, down from {thousands} in {year}.",
        "Analysts estimate that sales fell by {pct} percent.",
        "Critics say the closure is emblematic of rural decline.",
        "The decision comes at a time of growing uncertainty.",
        "{org} reported revenue of ${dec} billion on {month} {day}, {year}.",
        "It opened in {year} and employs {num} people.",
    ],
}


def _fill(template: str, rng: random.Random, spec: dict, last_person: list) -> str:
    person = rng.choice(PEOPLE)
    if "{person}" in template:
        last_person[0] = person
    return template.format(
        org=rng.choice(ORGS),
        city=rng.choice(CITIES),
        person=person,
        last=last_person[0].split()[-1],
        role=rng.choice(spec["roles"]),
        weekday=rng.choice(spec["weekdays"]),
        month=rng.choice(spec["months"]),
        year=rng.randint(1995, 2029),
        day=rng.randint(1, 28),
        num=rng.randint(12, 950),
        thousands=f"{rng.randint(1, 99)}{',' if spec is ENGLISH else '.'}{rng.randint(0, 999):03d}",
        dec=f"{rng.randint(1, 9)}{'.' if spec is ENGLISH else ','}{rng.randint(1, 9)}",
        pct=rng.randint(2, 60),
    )


def article(rng: random.Random, language: str) -> str:
    spec = GERMAN if language == "de" else ENGLISH
    last_person = [rng.choice(PEOPLE)]
    paragraphs = []
    for _ in range(rng.randint(4, 7)):
        sentences = [
            _fill(rng.choice(spec["sentences"]), rng, spec, last_person)
            for _ in range(rng.randint(2, 5))
        ]
        paragraphs.append(" ".join(sentences))
    headline = _fill(rng.choice(spec["sentences"]), rng, spec, last_person).rstrip(".")
    return "\n".join([headline, *paragraphs])


def corpus(size_bytes: int, seed: int = 2026) -> list[tuple[str, str]]:
    """(language, text) articles, alternating German and English, totalling size_bytes."""
    rng = random.Random(seed)  # noqa: S311 - reproducible text, not secrets
    articles, total = [], 0
    while total < size_bytes:
        language = "de" if len(articles) % 2 == 0 else "en"
        text = article(rng, language)
        articles.append((language, text))
        total += len(text.encode())
    return articles
