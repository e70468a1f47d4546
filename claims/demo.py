"""Demo content: two short news articles written for this project.

The texts are fictional (invented towns and people) and exist so a new
installation has something to look at and to try the workflow on.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DemoClaim:
    text: str  # an exact substring of the article body
    kind: str
    speaker_name: str = ""
    speaker_role: str = ""
    attribution: str = ""
    checkworthiness: float = 0.5


@dataclass(frozen=True)
class DemoArticle:
    external_id: str
    title: str
    language: str
    outlet: str
    author: str
    published_at: str
    url: str
    body: str
    claims: list[DemoClaim] = field(default_factory=list)


GERMAN = DemoArticle(
    external_id="demo-de-strassenbahn",
    title="Rheinfeld will sein Straßenbahnnetz um 42 Kilometer erweitern",
    language="de",
    outlet="Rheinfelder Rundschau (Demo)",
    author="Lena Hartmann",
    published_at="2026-11-18T09:30:00+01:00",
    url="https://rundschau.example/rheinfeld/strassenbahn",
    body=(
        "Die Stadtwerke Rheinfeld wollen ihr Straßenbahnnetz bis 2030 um 42 Kilometer "
        "erweitern. Das kündigte Verkehrsdezernentin Petra Albers am Dienstag im Stadtrat an. "
        "Die Kosten beziffert die Stadt auf rund 1,2 Milliarden Euro, von denen der Bund nach "
        "Angaben des Rathauses etwa 60 Prozent übernehmen soll.\n"
        "„Wir bauen nicht für die nächste Wahl, sondern für die nächste Generation“, sagte "
        "Albers. Bereits im vergangenen Jahr hätten die Busse und Bahnen der Stadt mehr als "
        "85 Millionen Fahrgäste befördert – so viele wie nie zuvor.\n"
        "Kritik kommt von der Opposition. Der Fraktionschef der Bürgerliste, Martin Kessler, "
        "bezweifelt die Zahlen: Die Fahrgastzahlen seien durch das Deutschlandticket künstlich "
        "aufgebläht worden. Stadtkämmerer Jonas Weber warnte, die Stadt habe bereits Schulden "
        "in Höhe von 780 Mio. Euro.\n"
        "Die erste neue Linie soll am 1. März 2027 in Betrieb gehen. Schätzungen von "
        "Verkehrsplanern zufolge könnten dadurch täglich bis zu 20.000 Autofahrten entfallen. "
        "Ob sich das Projekt am Ende rechnet, bleibt abzuwarten."
    ),
    claims=[
        DemoClaim(
            "Die Stadtwerke Rheinfeld wollen ihr Straßenbahnnetz bis 2030 um 42 Kilometer "
            "erweitern.",
            "statistic",
            checkworthiness=0.7,
        ),
        DemoClaim(
            "Die Kosten beziffert die Stadt auf rund 1,2 Milliarden Euro",
            "statistic",
            attribution="die Stadt",
            checkworthiness=0.85,
        ),
        DemoClaim(
            "„Wir bauen nicht für die nächste Wahl, sondern für die nächste Generation“",
            "quote",
            speaker_name="Petra Albers",
            speaker_role="Verkehrsdezernentin",
            checkworthiness=0.3,
        ),
        DemoClaim(
            "Bereits im vergangenen Jahr hätten die Busse und Bahnen der Stadt mehr als "
            "85 Millionen Fahrgäste befördert",
            "reported_speech",
            speaker_name="Petra Albers",
            speaker_role="Verkehrsdezernentin",
            checkworthiness=0.9,
        ),
        DemoClaim(
            "die Stadt habe bereits Schulden in Höhe von 780 Mio. Euro",
            "reported_speech",
            speaker_name="Jonas Weber",
            speaker_role="Stadtkämmerer",
            checkworthiness=0.85,
        ),
        DemoClaim(
            "Schätzungen von Verkehrsplanern zufolge könnten dadurch täglich bis zu 20.000 "
            "Autofahrten entfallen.",
            "reported_speech",
            attribution="Schätzungen von Verkehrsplanern zufolge",
            checkworthiness=0.55,
        ),
    ],
)

ENGLISH = DemoArticle(
    external_id="demo-en-desalination",
    title="Harbourside approves $340 million desalination plant",
    language="en",
    outlet="Harbourside Herald (demo)",
    author="Tom Ellery",
    published_at="2026-11-20T17:05:00+00:00",
    url="https://herald.example/harbourside/desalination",
    body=(
        "Harbourside council approved a new desalination plant on Thursday, the largest "
        "infrastructure project in the town's history. The plant will cost about $340 million "
        "and is expected to supply 45 million litres of drinking water a day once it opens "
        "in 2028.\n"
        "“We have had three droughts in ten years. Doing nothing is no longer an option,” said "
        "council leader Maria Okafor. She added that water bills would rise by less than "
        "4 percent.\n"
        "According to the regional water authority, reservoir levels fell to 31 percent last "
        "summer, the lowest since records began in 1976. Environmental groups warned that the "
        "brine discharged by the plant could harm local fisheries. Dr. Samuel Reyes, a marine "
        "biologist at Westcoast University, told reporters that similar plants had raised "
        "salinity near their outlets by up to 2 percent.\n"
        "The council said that more than 1,200 residents had responded to its public "
        "consultation. Construction is scheduled to begin in March."
    ),
    claims=[
        DemoClaim(
            "The plant will cost about $340 million",
            "statistic",
            checkworthiness=0.8,
        ),
        DemoClaim(
            "“We have had three droughts in ten years. Doing nothing is no longer an option,”",
            "quote",
            speaker_name="Maria Okafor",
            speaker_role="council leader",
            checkworthiness=0.75,
        ),
        DemoClaim(
            "water bills would rise by less than 4 percent",
            "reported_speech",
            speaker_name="Maria Okafor",
            speaker_role="council leader",
            checkworthiness=0.8,
        ),
        DemoClaim(
            "reservoir levels fell to 31 percent last summer, the lowest since records began "
            "in 1976",
            "reported_speech",
            attribution="According to the regional water authority",
            checkworthiness=0.9,
        ),
        DemoClaim(
            "similar plants had raised salinity near their outlets by up to 2 percent",
            "reported_speech",
            speaker_name="Samuel Reyes",
            speaker_role="marine biologist at Westcoast University",
            checkworthiness=0.8,
        ),
        DemoClaim(
            "more than 1,200 residents had responded to its public consultation",
            "reported_speech",
            attribution="The council said",
            checkworthiness=0.6,
        ),
    ],
)

ARTICLES = [GERMAN, ENGLISH]
