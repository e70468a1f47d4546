"""Claim matching at scale: the 30 claims of a new article against a large match index,
and the import rate of a ClaimReview feed.

    .venv/bin/python bench/matching.py [--entries 1000000] [--reviews 10000] [--reuse]

Needs PostgreSQL on 127.0.0.1 (as `make test` sets up). It uses its own database
(claimtracker_matchbench) and fills the index directly in bulk (COPY): external
reviews with one MatchEntry and their MatchKey rows each. Their signatures come from
sentences written by bench/corpus.py, read once by the real signature reader, then
varied (figures, persons, organisations, dates) so that every entry is another claim
and keys are spread as in a real index; the common ones (a frequent word, a year) end
up with many postings, as they would. --reuse keeps an index already loaded.

Then it times, per claim of a new article (30 claims, German and English):
- lookup: candidate generation in PostgreSQL and compare() of the candidates
  (matching.index.find_candidates + best_entries), the part the index is for;
- with the signature: the same plus reading the claim's signature (the engine).
And it imports a DataFeed of --reviews ClaimReviews (parsing, storing, indexing) and
prints reviews per second.
"""

import argparse
import io
import json
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402
from bench.setup import django_on, environment, fresh_database  # noqa: E402

DATABASE = "claimtracker_matchbench"
REDIS_DB = 10
SEED = 2026
POOL = 3000  # distinct sentences whose signatures are read and varied
CHUNK = 50_000  # entries per COPY round
CLAIMS = 30
BAR_MS = 200.0
FIRST = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hugo", "Ida", "Jan",
         "Karl", "Lena", "Mark", "Nora", "Otto", "Paula", "Rita", "Sven", "Tara", "Uwe"]  # fmt: skip
LAST = ["Albers", "Brandt", "Cole", "Dietz", "Engel", "Finch", "Glasser", "Hale", "Imhof",
        "Jung", "Keller", "Lorenz", "Maier", "Novak", "Ortiz", "Price", "Quast", "Ramm"]  # fmt: skip
ORG_WORDS = ["Harlow", "Pinecrest", "Brenner", "Kornfeld", "Falkenberg", "Seabrook",
             "Stonebridge", "Auental", "Nordsee", "Lindenau", "Eschental", "Dunmore"]  # fmt: skip
ORG_KINDS = ["AG", "GmbH", "Foods", "Bank", "Motors", "Kliniken", "Logistik", "Textil"]


def sentences(count: int, rng: random.Random) -> list[tuple[str, str]]:
    """(language, sentence) from the benchmark corpus, those with a figure or a name."""
    found = []
    for language, text in corpus.corpus(count * 300, seed=SEED):
        for sentence in text.replace("\n", " ").split(". "):
            if any(c.isdigit() for c in sentence) and len(sentence) > 40:
                found.append((language, sentence.rstrip(".") + "."))
    rng.shuffle(found)
    return found[:count]


def varied(sig: dict, rng: random.Random) -> dict:
    """Another claim of the same shape: other figures, persons, organisations and dates."""
    varied = dict(sig)
    varied["figures"] = [
        [round(value * rng.uniform(0.2, 5.0), 2 if value < 100 else 0), *rest]
        for value, *rest in sig["figures"]
    ]
    varied["persons"] = [
        f"{rng.choice(FIRST)} {rng.choice(LAST)}".casefold() for _ in sig["persons"]
    ]
    varied["actors"] = [
        f"{rng.choice(ORG_WORDS)} {rng.choice(ORG_KINDS)} {rng.randint(1, 400)}".casefold()
        for _ in sig["actors"] or [0]
    ]
    varied["dates"] = [str(rng.randint(1990, 2030)) + d[4:] for d in sig["dates"]]
    varied["names"] = sorted({w for a in varied["actors"] for w in a.split()})
    return varied


def load_index(entries: int, rng: random.Random) -> None:
    import psycopg
    from django.db import connection

    from matching import index

    pool = []
    started = time.perf_counter()
    for language, sentence in sentences(POOL, rng):
        sig = index.signature(sentence, language)
        pool.append((language, sentence, index.signature_to_dict(sig)))
    print(f"signatures of {len(pool)} sentences read in {time.perf_counter() - started:.1f} s")

    dsn = environment(DATABASE, REDIS_DB)["DATABASE_URL"].replace("postgres://", "postgresql://")
    started = time.perf_counter()
    postings = 0
    with psycopg.connect(dsn) as conn:
        conn.execute("ALTER TABLE matching_matchkey SET UNLOGGED")
        conn.execute("DROP INDEX IF EXISTS matchkey_key_entry_idx")
        fk_indexes = conn.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'matching_matchkey' "
            "AND indexname <> 'matching_matchkey_pkey'"
        ).fetchall()
        for (name,) in fk_indexes:
            conn.execute(f'DROP INDEX "{name}"')
        next_id = 1
        for start in range(0, entries, CHUNK):
            size = min(CHUNK, entries - start)
            reviews, match_entries, keys = io.StringIO(), io.StringIO(), io.StringIO()
            for offset in range(size):
                n = next_id + offset
                language, sentence, sig = pool[rng.randrange(len(pool))]
                sig = varied(sig, rng)
                text = sentence.replace("\t", " ")
                reviews.write(
                    f"{n}\thttps://factcheck.example/r/{n}\t{text}\t{language}\tFalse\t"
                    f"Factcheck Example\t\t\t{n:064x}\t{{}}\tnow\tnow\n"
                )
                signature_json = json.dumps(sig).replace("\\", "\\\\")
                match_entries.write(f"{n}\t{n}\t{language}\t{text}\t{signature_json}\tt\tnow\n")
                for key in index.index_keys(index.signature_from_dict(sig)):
                    keys.write(f"{n}\t{key.replace(chr(9), ' ')}\n")
                    postings += 1
            with conn.cursor() as cursor:
                for table, columns, data in (
                    (
                        "matching_externalclaimreview",
                        "id, url, claim_reviewed, language, rating_name, publisher_name, "
                        "publisher_url, claimant, content_sha256, raw, created_at, updated_at",
                        reviews,
                    ),
                    (
                        "matching_matchentry",
                        "id, review_id, language, text, signature, is_published, indexed_at",
                        match_entries,
                    ),
                    ("matching_matchkey", "entry_id, key", keys),
                ):
                    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                        copy.write(data.getvalue())
            conn.commit()
            next_id += size
            print(f"  {next_id - 1:,} entries, {postings:,} keys, "
                  f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
        print("building the key index ...", flush=True)
        conn.execute('CREATE INDEX matchkey_key_entry_idx ON matching_matchkey ("key", entry_id)')
        conn.execute("CREATE INDEX matchkey_entry_idx ON matching_matchkey (entry_id)")
        conn.execute("ALTER TABLE matching_matchkey SET LOGGED")
        for table in ("matching_externalclaimreview", "matching_matchentry", "matching_matchkey"):
            conn.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"
            )
        conn.commit()
        conn.autocommit = True
        conn.execute("VACUUM ANALYZE")
    connection.close()
    print(f"loaded {entries:,} entries and {postings:,} keys in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip


def new_article_claims(rng: random.Random) -> list[tuple[str, str]]:
    """30 claims of new articles: sentences the index has not seen, half German."""
    from claims.extraction import extract_claims

    claims = []
    while len(claims) < CLAIMS:
        language = "de" if len(claims) % 2 == 0 else "en"
        text = corpus.article(rng, language)
        for found in extract_claims(text, language, min_checkworthiness=0):
            claims.append((language, found.text))
            if len(claims) >= CLAIMS:
                break
    return claims


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def time_matching(rng: random.Random) -> None:
    from matching import index
    from matching.models import MatchEntry

    claims = new_article_claims(random.Random(SEED + 1))  # noqa: S311 - reproducible
    index.find_candidates(index.signature("Warm-up 2025, Harlow Foods.", "en"))
    lookups, totals, found = [], [], 0
    for language, text in claims:
        started = time.perf_counter()
        sig = index.signature(text, language)
        read = time.perf_counter()
        matches = index.best_entries(sig, index.find_candidates(sig))
        done = time.perf_counter()
        lookups.append((done - read) * 1000)
        totals.append((done - started) * 1000)
        found += len(matches)
    print(f"index: {MatchEntry.objects.count():,} entries")
    print(
        f"matching {len(claims)} claims: lookup p50 {statistics.median(lookups):.1f} ms, "
        f"p95 {p95(lookups):.1f} ms, max {max(lookups):.1f} ms; with the signature "
        f"p95 {p95(totals):.1f} ms; {found} matches; bar p95 < {BAR_MS:.0f} ms: "
        f"{'met' if p95(totals) < BAR_MS else 'NOT met'}"
    )


def time_import(count: int, rng: random.Random) -> None:
    from matching.feeds import read_claimreviews
    from matching.models import MatchEntry
    from matching.services import import_claimreviews

    pool = sentences(count, random.Random(SEED + 2))  # noqa: S311 - reproducible
    reviews = []
    for n in range(count):
        language, sentence = pool[n % len(pool)]
        reviews.append(
            {
                "@context": "https://schema.org",
                "@type": "ClaimReview",
                "url": f"https://feed.example/review-{n}",
                "claimReviewed": sentence,
                "inLanguage": language,
                "datePublished": "2026-03-02",
                "author": {"@type": "Organization", "name": "Feed Example"},
                "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
            }
        )
    feed = json.dumps(
        {"@context": "https://schema.org", "@type": "DataFeed", "dataFeedElement": reviews}
    ).encode()
    before = MatchEntry.objects.count()
    started = time.perf_counter()
    result = import_claimreviews(read_claimreviews(feed, "application/json"))
    seconds = time.perf_counter() - started
    indexed = MatchEntry.objects.count() - before
    print(
        f"import of a feed of {count:,} ClaimReviews ({len(feed) / 1e6:.1f} MB): {result}; "
        f"{indexed:,} indexed; {seconds:.1f} s, {count / seconds:.0f} reviews/s"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--reviews", type=int, default=10_000)
    parser.add_argument("--reuse", action="store_true", help="keep the loaded index")
    args = parser.parse_args()
    if not args.reuse:
        fresh_database(DATABASE)
    django_on(environment(DATABASE, REDIS_DB))
    from django.core.management import call_command

    rng = random.Random(SEED)  # noqa: S311 - reproducible text, not secrets
    if not args.reuse:
        call_command("migrate", verbosity=0)
        load_index(args.entries, rng)
    time_matching(rng)
    time_import(args.reviews, rng)


if __name__ == "__main__":
    main()
