"""Reviewer UI server time with 10,000 articles and 100,000 claims in PostgreSQL.

    .venv/bin/python bench/ui.py [--requests 200] [--reuse] [--q percent]

Needs PostgreSQL on 127.0.0.1 (as `make test` sets up). It uses its own database
(claimtracker_uibench), fills it with articles written by bench/corpus.py and
claims found in them by the extraction engine, then times the reviewer pages
in-process with Django's test client (no HTTP server, no network): the server
time of each request, logged in as an editor (who sees the most). --reuse keeps
a database that already holds the data instead of loading it again.
"""

import argparse
import os
import random
import statistics
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.setup import fresh_database  # noqa: E402

DATABASE = "claimtracker_uibench"
SERVER = "postgresql://postgres:postgres@127.0.0.1:5432"
ENVIRONMENT = {
    "DATABASE_URL": f"postgres://postgres:postgres@127.0.0.1:5432/{DATABASE}",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/12",
    "SECRET_KEY": "benchmark-only-secret-key-not-for-anything-else",
    "VAR_DIR": str(ROOT / "var" / "bench"),
    "ENV_FILE": "",
    "ALLOWED_HOSTS": "testserver,localhost",
    "SECURE_SSL_REDIRECT": "0",
    "STATIC_MANIFEST": "0",
    "LOG_LEVEL": "WARNING",
}

ARTICLES = 10_000
CLAIMS = 100_000
FIFTY = 50  # claims of the one long article whose page is timed
POOL = 500  # distinct texts, reused across the articles
BATCH = 5000
BAR_MS = 100.0
MARKER = "uibench-fifty"  # external_id of the article with 50 claims
SEED = 2026

# Share of claims in each status; the rest of a newsroom's claims are never looked at.
STATUS_WEIGHTS = {
    "new": 0.74,
    "assigned": 0.04,
    "in_review": 0.02,
    "awaiting_approval": 0.015,
    "published": 0.11,
    "dismissed": 0.075,
}
VERSION_BY_STATUS = {
    "new": 1,
    "assigned": 2,
    "in_review": 3,
    "awaiting_approval": 4,
    "published": 5,
    "dismissed": 2,
}
DISMISSALS = [
    "Opinion, not a checkable fact.",
    "Already checked last week.",
    "Keine überprüfbare Tatsachenbehauptung.",
    "Trivial; not worth a fact-check.",
]


# --- database ---------------------------------------------------------------


def database_has_data() -> bool:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
    if not exists:
        return False
    try:
        with psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True) as conn:
            articles = conn.execute("SELECT count(*) FROM claims_article").fetchone()[0]
            claims = conn.execute("SELECT count(*) FROM claims_claim").fetchone()[0]
            marker = conn.execute(
                "SELECT count(*) FROM claims_article WHERE external_id = %s", [MARKER]
            ).fetchone()[0]
    except psycopg.Error:
        return False
    return (articles, claims, marker) == (ARTICLES, CLAIMS, 1)


@contextmanager
def explicit_timestamps(*models):
    """Let the fixture set created_at/updated_at itself (auto_now would make them all equal)."""
    saved = []
    for model in models:
        for field in model._meta.concrete_fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                saved.append((field, field.auto_now, field.auto_now_add))
                field.auto_now = field.auto_now_add = False
    try:
        yield
    finally:
        for field, auto_now, auto_now_add in saved:
            field.auto_now, field.auto_now_add = auto_now, auto_now_add


# --- data -------------------------------------------------------------------


def extracted_pool():
    """POOL texts with their extracted claims (as model field values), and one long text."""
    from bench.corpus import corpus
    from claims.extraction import extract_claims
    from claims.services import claim_fields

    texts = corpus(POOL * 1600, seed=SEED)[:POOL]
    pool = []
    for language, text in texts:
        found = extract_claims(text, language)
        pool.append((language, text, [(c.text, c.start, c.end, claim_fields(c)) for c in found]))
    # The article with exactly 50 claims: German texts joined until there are enough.
    german = [text for language, text in texts if language == "de"]
    body = german[0]
    for extra in german[1:]:
        found = extract_claims(body, "de")
        if len(found) >= FIFTY:
            break
        body = f"{body}\n{extra}"
    long_claims = [(c.text, c.start, c.end, claim_fields(c)) for c in found[:FIFTY]]
    assert len(long_claims) == FIFTY
    return pool, ("de", body, long_claims)


def claim_counts(rng, capacities, total):
    """A count per article, each within what its text offers, adding up to `total`."""
    counts = [min(cap, rng.randint(5, 15)) for cap in capacities]
    order = list(range(len(counts)))
    while (diff := total - sum(counts)) != 0:
        rng.shuffle(order)
        step = 1 if diff > 0 else -1
        for i in order:
            if counts[i] + step in range(1, capacities[i] + 1):
                counts[i] += step
                diff -= step
                if diff == 0:
                    break
    return counts


def make_users():
    from django.contrib.auth.models import Group, User

    users = {}
    desk = [("reviewer", "Reviewers"), ("editor", "Editors"), ("editor2", "Editors")]
    desk += [(f"reviewer{n}", "Reviewers") for n in range(2, 7)]
    for name, group in desk:
        user = User.objects.create_user(name, f"{name}@newsroom.example", password=None)
        user.groups.add(Group.objects.get(name=group))
        users[name] = user
    return users


def load() -> dict:
    from django.db import connection

    from claims.models import Article, Claim, ClaimNote, Notification, Rating, Verdict
    from sources.models import Evidence, Source

    rng = random.Random(SEED)  # noqa: S311 - reproducible fixture, not secrets
    started = time.monotonic()
    pool, (long_language, long_body, long_claims) = extracted_pool()
    extracted = time.monotonic() - started
    users = make_users()
    reviewer, editor, editor2 = users["reviewer"], users["editor"], users["editor2"]
    # The timed editor and "reviewer" get a bigger share of the work than the rest of the desk.
    assignees = [reviewer, editor] + [users[f"reviewer{n}"] for n in range(2, 7)]
    assignee_weights = [0.20, 0.15] + [0.13] * 5
    ratings = list(Rating.objects.all())
    now = time.time()

    def moment(days_back: float):
        return datetime.fromtimestamp(now - days_back * 86400, tz=UTC)

    # Articles: texts from the pool, German and English alternating (as the pool is);
    # the long article with 50 claims is one of them, in the middle of the list.
    fifty_index = ARTICLES // 2
    articles, spans = [], []
    for n in range(ARTICLES):
        if n == fifty_index:
            language, body, claims = long_language, long_body, long_claims
        else:
            language, body, claims = pool[n % POOL]
        created = moment(365 * (ARTICLES - n) / ARTICLES)
        articles.append(
            Article(
                title=body.split("\n", 1)[0][:500],
                body=body,
                language=language,
                outlet=rng.choice(["Rheinfelder Rundschau", "Harbourside Herald", "Nordkurier"]),
                author=rng.choice(["Lena Hartmann", "Tom Ellery", "Ada Brandt"]),
                url=f"https://news.example/{n}",
                published_at=created,
                external_id=MARKER if n == fifty_index else f"uibench-{n}",
                created_at=created,
                updated_at=created,
            )
        )
        spans.append(claims)
    capacities = [len(s) for s in spans]
    counts = claim_counts(
        rng, capacities[:fifty_index] + capacities[fifty_index + 1 :], CLAIMS - FIFTY
    )
    counts.insert(fifty_index, FIFTY)
    assert sum(counts) == CLAIMS and counts[fifty_index] == FIFTY

    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    # Benchmark fixture: bulk_create writes no django-simple-history records (the app's
    # own writes do); the claim whose page is timed gets a real history below.
    with explicit_timestamps(Article, Claim, Verdict, Source, Evidence):
        Article.objects.bulk_create(articles, batch_size=BATCH)
        claims = []
        for article, wanted, available in zip(articles, counts, spans, strict=True):
            chosen = sorted(rng.sample(range(len(available)), wanted))
            for index in chosen:
                text, start, end, fields = available[index]
                status = rng.choices(statuses, weights)[0]
                assignee = None
                if status not in ("new", "dismissed") or rng.random() < 0.02:
                    assignee = rng.choices(assignees, assignee_weights)[0]
                    status = "assigned" if status == "new" else status
                changed = article.created_at + timedelta(
                    seconds=rng.random() * (now - article.created_at.timestamp())
                )
                claims.append(
                    Claim(
                        article=article,
                        text=text,
                        start=start,
                        end=end,
                        status=status,
                        assignee=assignee,
                        dismissal_reason=rng.choice(DISMISSALS) if status == "dismissed" else "",
                        flag="A cited source is gone." if rng.random() < 0.005 else "",
                        version=VERSION_BY_STATUS[status],
                        created_at=article.created_at,
                        updated_at=changed,
                        **fields,
                    )
                )
        Claim.objects.bulk_create(claims, batch_size=BATCH)

        verdicts = []
        for claim in claims:
            if claim.status not in ("published", "awaiting_approval"):
                continue
            author = claim.assignee
            published = claim.status == "published"
            verdicts.append(
                Verdict(
                    claim=claim,
                    rating=rng.choice(ratings),
                    summary="Die Zahl stimmt nicht ganz; die Quelle nennt einen anderen Wert.",
                    rationale="Checked against the annual report.",
                    author=author,
                    approver=(editor2 if author == editor else editor) if published else None,
                    published_at=claim.updated_at if published else None,
                    version=2 if published else 1,
                    created_at=claim.updated_at - timedelta(hours=2),
                    updated_at=claim.updated_at,
                )
            )
        Verdict.objects.bulk_create(verdicts, batch_size=BATCH)

        source_statuses = ["archived"] * 90 + ["failed"] * 4 + ["gone"] * 2 + ["pending"] * 4
        sources = []
        for n in range(3000):
            status = rng.choice(source_statuses)
            created = moment(rng.random() * 365)
            sources.append(
                Source(
                    url=f"https://source{n % 300}.example/report/{n}",
                    normalized_url=f"https://source{n % 300}.example/report/{n}",
                    title=f"Report {n}",
                    status=status,
                    last_error="HTTP 404" if status in ("failed", "gone") else "",
                    changed_at=moment(rng.random() * 30) if rng.random() < 0.03 else None,
                    gone_at=created if status == "gone" else None,
                    added_by=reviewer,
                    created_at=created,
                    updated_at=created,
                )
            )
        Source.objects.bulk_create(sources, batch_size=BATCH)
        evidence = []
        for claim in claims:
            if claim.status in ("new", "assigned", "dismissed"):
                continue
            for source in rng.sample(sources, rng.randint(1, 3)):
                evidence.append(
                    Evidence(
                        claim=claim,
                        source=source,
                        stance=rng.choice(["supports", "refutes", "context"]),
                        excerpt="Der Bericht nennt eine andere Zahl.",
                        added_by=claim.assignee,
                        created_at=claim.updated_at,
                        updated_at=claim.updated_at,
                    )
                )
        Evidence.objects.bulk_create(evidence, batch_size=BATCH)

    Notification.objects.bulk_create(
        Notification(recipient=editor, claim=claims[n * 997], message=f"Verdict {n} awaits you")
        for n in range(30)
    )
    showcase = showcase_claim(claims, reviewer, editor, ratings, sources)
    ClaimNote.objects.create(claim=showcase, author=reviewer, text="Asked the press office.")

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return {
        "seconds": time.monotonic() - started,
        "extraction_seconds": extracted,
        "verdicts": len(verdicts),
        "sources": len(sources),
        "evidence": len(evidence),
        "counts": counts,
    }


def showcase_claim(claims, reviewer, editor, ratings, sources):
    """A published claim in an ordinary article, taken through the workflow with history."""
    from django.utils import timezone

    from claims.models import Claim, Verdict
    from sources.models import Evidence

    # A new claim (no verdict yet): the published record cannot be deleted or rewritten.
    claim = next(c for c in claims[len(claims) // 3 :] if c.status == "new")
    claim = Claim.objects.get(pk=claim.pk)
    steps = [
        ("new", None, None, "extracted"),
        ("assigned", reviewer, editor, "assigned"),
        ("in_review", reviewer, reviewer, "review started"),
        ("awaiting_approval", reviewer, reviewer, "verdict proposed"),
    ]
    for status, assignee, user, reason in steps:
        claim.status, claim.assignee = status, assignee
        claim.version += 1
        claim._history_user, claim._change_reason = user, reason
        claim.save()
    for source in sources[:2]:
        item = Evidence(claim=claim, source=source, stance="refutes", added_by=reviewer)
        item._history_user = reviewer
        item.save()
    verdict = Verdict(
        claim=claim, rating=ratings[3], summary="Die Zahl ist zu hoch.", author=reviewer
    )
    verdict._history_user = reviewer
    verdict.save()
    verdict.approver = editor
    verdict.published_at = timezone.now()
    verdict._history_user = editor
    verdict.save()
    claim.status, claim.version = "published", claim.version + 1
    claim._history_user, claim._change_reason = editor, "approved and published"
    claim.save()
    return claim


# --- measuring ----------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def measure(client, url, requests, warmup=5):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Copied now: every request start clears the connection's query log.
    queries = list(captured.captured_queries)
    assert response.status_code == 200, (url, response.status_code)
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return {
        "median": statistics.median(times),
        "p95": percentile(times, 0.95),
        "queries": queries,
        "bytes": len(response.content),
    }


def explain(sql: str) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return [row[0] for row in cursor.fetchall()]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page")
    parser.add_argument("--reuse", action="store_true", help="keep a database that has the data")
    parser.add_argument("--q", default="percent", help="search word (occurs in many claims)")
    options = parser.parse_args()
    run_started = time.monotonic()

    os.environ.update(ENVIRONMENT)
    os.environ.pop("DEBUG", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    reused = options.reuse and database_has_data()
    if not reused:
        fresh_database(DATABASE)
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Count

    from claims.models import Article, Claim, Verdict
    from claims.selectors import search_claims
    from sources.models import Evidence, Source

    call_command("migrate", verbosity=0)
    loaded = None if reused else load()

    fifty = Article.objects.get(external_id=MARKER)
    showcase = (
        Claim.history.values("id").annotate(n=Count("history_id")).order_by("-n", "id").first()
    )
    claim_id = showcase["id"]
    editor = User.objects.get(username="editor")
    per_article = (
        Claim.objects.values("article")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("n", flat=True)
    )
    per_article = list(per_article)
    matches = search_claims(options.q).count()
    by_status = dict(Claim.objects.values_list("status").annotate(n=Count("id")).order_by())

    print(f"database: {DATABASE} ({'reused' if reused else 'loaded fresh'})")
    print(
        f"articles: {Article.objects.count():,}; claims: {Claim.objects.count():,} "
        f"(per article min {min(per_article)}, mean {statistics.mean(per_article):.1f}, "
        f"max {max(per_article)}); verdicts: {Verdict.objects.count():,}; "
        f"sources: {Source.objects.count():,}; evidence: {Evidence.objects.count():,}"
    )
    print("claims by status: " + ", ".join(f"{k} {v:,}" for k, v in sorted(by_status.items())))
    if loaded:
        print(
            f"load time: {loaded['seconds']:.1f} s (of which extraction of {POOL} texts "
            f"{loaded['extraction_seconds']:.1f} s), including VACUUM ANALYZE"
        )

    from django.test import Client

    client = Client()
    client.force_login(editor)
    pages = [
        ("dashboard", "/"),
        (f"article with {FIFTY} claims", f"/articles/{fifty.pk}/"),
        ("claim with verdict + history", f"/claims/{claim_id}/"),
        (f"search q={options.q} ({matches:,} hits)", f"/claims/?q={options.q}"),
        ("filtered status=new&kind=statistic", "/claims/?status=new&kind=statistic"),
        ("article list", "/articles/"),
        ("new article form", "/articles/new/"),
        ("article fetch status (JSON)", f"/articles/{fifty.pk}/status.json"),
    ]
    awaiting = (
        Claim.objects.filter(status=Claim.Status.AWAITING_APPROVAL)
        .exclude(verdicts__author=editor)
        .order_by("pk")
        .first()
    )
    if awaiting is not None:
        pages.append(("publish preview", f"/publishing/claims/{awaiting.pk}/preview/"))
    print(
        f"\nserver time, in-process test client, logged in as editor; "
        f"{options.requests} timed requests per page after 5 warm-up requests"
    )
    print(
        f"{'page':44} {'median':>9} {'p95':>9} {'queries':>8} {'slowest query':>14}  bar p95 < {BAR_MS:.0f} ms"
    )
    over = []
    for name, url in pages:
        name = name[:44]
        result = measure(client, url, options.requests)
        slowest = max(result["queries"], key=lambda q: float(q["time"]))
        meets = result["p95"] < BAR_MS
        print(
            f"{name:44} {result['median']:6.1f} ms {result['p95']:6.1f} ms "
            f"{len(result['queries']):8d} {float(slowest['time']) * 1000:11.1f} ms  "
            f"{'meets' if meets else 'MISSES'}   {url}"
        )
        if not meets:
            over.append((name, result["queries"], slowest))
    for name, queries, slowest in over:
        print(f"\n{name} misses the bar; its queries of 5 ms or more (one request):")
        for query in queries:
            if float(query["time"]) >= 0.005:
                print(f"  {float(query['time']) * 1000:6.1f} ms  {query['sql'][:300]}")
        print(f"slowest, EXPLAIN (ANALYZE, BUFFERS):\n  {slowest['sql']}")
        print("\n".join(f"    {line}" for line in explain(slowest["sql"])))
    connection.close()
    print(f"\nwhole run: {time.monotonic() - run_started:.0f} s")


if __name__ == "__main__":
    main()
