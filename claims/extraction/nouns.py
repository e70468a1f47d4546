"""What a count counts, across German and English: "3.000 Lehrkräfte" and "3,000
teachers" count teachers; "2.400 Geburten" and "2.400 Operationen" count two things.

A lexicon of the nouns news texts count most, grouped by what they count (a concept,
named by its English plural). German forms are listed as written (singular and plural);
the dative plural (Lehrern) is added here, and a compound counts by its last part
(Sprachkurse -> Kurse, Wohnungseinbrüche -> Einbrüche). English forms are singulars
with their regular plurals added (irregular ones are listed).

Only nouns found here have a concept; any other noun has none, and a comparison of two
counts then falls back to comparing the nouns' words.
"""

from functools import cache

# concept: English singulars (and irregular plurals) | German forms
_CONCEPTS = """
people: person people individual resident inhabitant citizen | Mensch Menschen Person
    Personen Leute Einwohner Einwohnerin Einwohnerinnen Bewohner Bewohnerin Bewohnerinnen
    Bürger Bürgerin Bürgerinnen
jobs: job employee worker staff position | Stelle Stellen Arbeitsplatz Arbeitsplätze
    Mitarbeiter Mitarbeiterin Mitarbeiterinnen Beschäftigte Beschäftigten Arbeitnehmer
    Arbeitnehmerin Arbeitnehmerinnen Angestellte Angestellten Arbeitskraft Arbeitskräfte Job
    Jobs
teachers: teacher educator | Lehrer Lehrerin Lehrerinnen Lehrkraft Lehrkräfte Pädagoge
    Pädagogen Pädagogin Pädagoginnen
students: student pupil schoolchild schoolchildren | Schüler Schülerin Schülerinnen Student
    Studenten Studentin Studentinnen Studierende Studierenden
children: child children kid | Kind Kinder
patients: patient | Patient Patienten Patientin Patientinnen
doctors: doctor physician | Arzt Ärzte Ärztin Ärztinnen Mediziner Medizinerin Medizinerinnen
nurses: nurse carer | Pflegekraft Pflegekräfte Pfleger Pflegerin Pflegerinnen
    Krankenschwester Krankenschwestern
police officers: officer policeman policemen | Polizist Polizisten Polizistin Polizistinnen
    Beamte Beamten Beamtin Beamtinnen
vehicles: vehicle car truck lorry bus buses van | Fahrzeug Fahrzeuge Auto Autos Wagen Pkw Lkw
    Lastwagen Bus Busse Transporter
passengers: passenger traveller traveler rider commuter | Fahrgast Fahrgäste Passagier
    Passagiere Reisende Reisenden Pendler Pendlerin Pendlerinnen
visitors: visitor guest spectator attendee fan | Besucher Besucherin Besucherinnen Gast Gäste
    Zuschauer Zuschauerin Zuschauerinnen Fan Fans
hospitals: hospital clinic | Krankenhaus Krankenhäuser Klinik Kliniken Klinikum Kliniken
homes: home house flat apartment dwelling | Wohnung Wohnungen Haus Häuser Eigenheim Eigenheime
    Wohneinheit Wohneinheiten
deaths: death fatality fatalities | Tote Toten Todesfall Todesfälle Todesopfer Verstorbene
    Verstorbenen
births: birth | Geburt Geburten
cases: case | Fall Fälle
infections: infection | Infektion Infektionen Erkrankung Erkrankungen Ansteckung Ansteckungen
emergencies: emergency | Notfall Notfälle
robberies: robbery mugging | Überfall Überfälle Raub Raubüberfall Raubüberfälle
cancellations: cancellation | Ausfall Ausfälle Absage Absagen
operations: operation procedure surgery surgeries | Operation Operationen Eingriff Eingriffe
beds: bed | Bett Betten
schools: school | Schule Schulen
companies: company companies business firm | Unternehmen Firma Firmen Betrieb Betriebe
courses: course class classes | Kurs Kurse
trees: tree | Baum Bäume
arrests: arrest | Festnahme Festnahmen Verhaftung Verhaftungen
callouts: call callout | Anruf Anrufe Einsatz Einsätze Notruf Notrufe
crimes: crime offence offense | Straftat Straftaten Delikt Delikte
burglaries: burglary burglaries break-in | Einbruch Einbrüche
accidents: accident crash collision | Unfall Unfälle
loans: loan checkout | Ausleihe Ausleihen
places: place spot | Platz Plätze
stops: stop | Haltestelle Haltestellen
sites: site | Baustelle Baustellen
stations: station | Station Stationen Tankstelle Tankstellen Ladestation Ladestationen
    Bahnhof Bahnhöfe
applications: application | Antrag Anträge Bewerbung Bewerbungen
members: member | Mitglied Mitglieder
votes: vote | Stimme Stimmen
flights: flight | Flug Flüge
trains: train | Zug Züge
overnight stays: overnight stay | Übernachtung Übernachtungen
refugees: refugee asylum-seeker | Flüchtling Flüchtlinge Geflüchtete Geflüchteten
    Asylbewerber Asylbewerberin Asylbewerberinnen
households: household | Haushalt Haushalte
animals: animal pet | Tier Tiere Haustier Haustiere
books: book | Buch Bücher
games: game match matches | Spiel Spiele Partie Partien
apprentices: apprentice trainee | Auszubildende Auszubildenden Azubi Azubis Lehrling Lehrlinge
soldiers: soldier troop | Soldat Soldaten Soldatin Soldatinnen
voters: voter | Wähler Wählerin Wählerinnen Wahlberechtigte Wahlberechtigten
respondents: respondent | Befragte Befragten
days: day | Tag Tage
tickets: ticket season-ticket | Karte Karten Ticket Tickets Dauerkarte Dauerkarten
    Eintrittskarte Eintrittskarten Fahrkarte Fahrkarten
meters: meter smart-meter | Zähler Stromzähler Gaszähler Wasserzähler
kilowatt hours: kwh kilowatt-hour | kWh Kilowattstunde Kilowattstunden
megawatt hours: mwh megawatt-hour | MWh Megawattstunde Megawattstunden
gigawatt hours: gwh gigawatt-hour | GWh Gigawattstunde Gigawattstunden
kilometres: km kilometre kilometer | km Kilometer Kilometern
tonnes: tonne ton t | Tonne Tonnen
"""


# Concepts that count persons: "people" may stand for any of them.
PERSON_CONCEPTS = frozenset(
    [
        "people", "jobs", "teachers", "students", "children", "patients", "doctors",
        "nurses", "police officers", "passengers", "visitors", "deaths", "refugees",
        "members", "voters", "respondents", "apprentices", "soldiers",
    ]
)  # fmt: skip


def _english_plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


@cache
def _lexicon() -> dict[str, dict[str, str]]:
    """{language: {form (casefolded): concept}}."""
    forms: dict[str, dict[str, str]] = {"de": {}, "en": {}}
    for line in _entries(_CONCEPTS):
        concept, _, rest = line.partition(":")
        english, _, german = rest.partition("|")
        for word in english.split():
            forms["en"].setdefault(word, concept)
            forms["en"].setdefault(_english_plural(word), concept)
        for word in german.split():
            word = word.casefold()
            forms["de"].setdefault(word, concept)
            if not word.endswith(("n", "s")):
                forms["de"].setdefault(word + "n", concept)  # dative plural: Lehrern
    return forms


def _entries(lexicon: str) -> list[str]:
    """A lexicon's entries, each on one line (continuation lines are indented)."""
    entries: list[str] = []
    for line in lexicon.strip().splitlines():
        if line.startswith(" ") and entries:
            entries[-1] += " " + line.strip()
        else:
            entries.append(line.strip())
    return entries


@cache
def _german_suffixes() -> tuple[str, ...]:
    """German forms a compound may end in, longest first (Einbrüche before Brüche)."""
    return tuple(sorted((f for f in _lexicon()["de"] if len(f) >= 4), key=len, reverse=True))


@cache
def concept(noun: str, language: str) -> str:
    """What `noun` (a counted noun as written) counts, or "" when the lexicon has no word
    for it. A hyphenated noun not in the lexicon counts by its last part (Kita-Plätze:
    places)."""
    forms = _lexicon().get(language, {})
    whole = noun.casefold().strip()
    if whole in forms:
        return forms[whole]  # gigawatt-hours
    word = whole.split("-")[-1]
    if word in forms:
        return forms[word]
    if language == "de":
        for suffix in _german_suffixes():
            if word.endswith(suffix):
                return forms[suffix]
    return ""


# What a rate, a share or a change is about: "die Arbeitslosenquote lag bei 5,9 Prozent"
# and "the jobless rate was 5.9 percent" measure one thing, a sick-leave rate another.
# concept: English words and phrases | German words (a compound counts by its ending)
_MEASURES = """
unemployment: unemployment | jobless | joblessness | unemployed | Arbeitslosigkeit
    Arbeitslosenquote Arbeitslosenzahl Arbeitslosenzahlen Arbeitslose Arbeitslosen
inflation: inflation | consumer prices | cost of living | Inflation Inflationsrate Teuerung
    Teuerungsrate Verbraucherpreise Lebenshaltungskosten
growth: economic growth | gdp | economy | economic output | Wirtschaftswachstum Wachstum BIP
    Bruttoinlandsprodukt Wirtschaftsleistung Konjunktur Wirtschaft
wages: wages | wage | salaries | earnings | Lohn Löhne Löhnen Reallöhne Gehalt Gehälter
    Einkommen Verdienst
rents: rent | rents | Miete Mieten Mietpreise Kaltmiete Kaltmieten
house prices: house prices | home prices | property prices | Immobilienpreise Hauspreise
    Kaufpreise
vaccination: vaccination | vaccinated | vaccination rate | jabs | Impfquote Impfungen
    Impfrate geimpft
turnout: turnout | Wahlbeteiligung
crime: crime | crimes | offences | offenses | Kriminalität Straftaten Delikte
emissions: emissions | carbon dioxide | co2 | Emissionen Ausstoß CO2-Ausstoß Treibhausgase
exports: exports | Exporte Ausfuhren
imports: imports | Importe Einfuhren
industrial output: industrial output | industrial production | Industrieproduktion Produktion
sick leave: sick leave | sickness absence | sick days | Krankenstand Krankmeldungen
    Krankheitstage
vacancies: vacancy rate | vacant | empty homes | Leerstand Leerstandsquote
hospital admissions: hospital admissions | admissions | hospitalisations | hospitalizations
    | Krankenhauseinweisungen Klinikeinweisungen Einweisungen
poverty: poverty | Armut Armutsquote Armutsgefährdungsquote
debt: debt | Schulden Verschuldung Schuldenstand
deficit: deficit | Defizit Haushaltsdefizit
energy prices: energy prices | electricity prices | gas prices | power prices | energy bills
    | Energiepreise Strompreise Strompreis Gaspreise Gaspreis
taxes: tax | taxes | Steuer Steuern
pensions: pensions | pension | Rente Renten
birth rate: birth rate | fertility rate | Geburtenrate Geburtenziffer
waiting times: waiting time | waiting times | waits | Wartezeit Wartezeiten
homelessness: homelessness | homeless | Obdachlosigkeit Wohnungslosigkeit Obdachlose
    Wohnungslose
"""


# Measures that end other words of other meaning (Landwirtschaft, Übereinkommen,
# Fettgehalt): they count only as whole words.
_WHOLE_WORDS_ONLY = frozenset(["wirtschaft", "einkommen", "gehalt", "verdienst", "produktion"])


@cache
def _measure_lexicon() -> tuple[dict[str, str], dict[str, str], tuple[str, ...]]:
    """(English words and phrases, German words, German endings longest first)."""
    english: dict[str, str] = {}
    german: dict[str, str] = {}
    for entry in _entries(_MEASURES):
        concept, _, rest = entry.partition(":")
        *phrases, german_words = rest.split("|")
        for phrase in phrases:
            english.setdefault(" ".join(phrase.split()).casefold(), concept)
        for word in german_words.split():
            german.setdefault(word.casefold(), concept)
    endings = tuple(
        sorted(
            (w for w in german if len(w) >= 5 and w not in _WHOLE_WORDS_ONLY), key=len, reverse=True
        )
    )
    return english, german, endings


def measures(words: tuple[str, ...], language: str) -> frozenset[str]:
    """What the text of `words` (casefolded, in order) measures, by the lexicon above."""
    english, german, endings = _measure_lexicon()
    found = set()
    if language == "de":
        for word in words:
            if word in german:
                found.add(german[word])
            elif len(word) > 5:
                ending = next((e for e in endings if word.endswith(e)), None)
                if ending:
                    found.add(german[ending])
        return frozenset(found)
    joined = f" {' '.join(words)} "
    for phrase, concept in english.items():
        if f" {phrase} " in joined:
            found.add(concept)
    return frozenset(found)
