"""Demo content: two short news articles written for this project.

The texts are fictional (invented towns and people) and exist so a new
installation has something to look at and to try the workflow on.
"""

from dataclasses import dataclass


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
)

ARTICLES = [GERMAN, ENGLISH]
