"""API throughput and latency: gunicorn (2 workers) on PostgreSQL, wrk on loopback.

    .venv/bin/python bench/api.py [--seconds 10] [--connections 16]

Measures, in the same run: a trivial JSON view (/api/v1/ping/), reading an
article with 50 claims, and posting a 5 KB article (extraction included).
Needs PostgreSQL on 127.0.0.1 and wrk (Debian package). Prints its figures.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.setup import django_on, environment, fresh_database  # noqa: E402

DATABASE = "claimtracker_apibench"
PORT = 8799
ENVIRONMENT = environment(
    DATABASE,
    11,
    ALLOWED_HOSTS="127.0.0.1,localhost",
    SECURE_SSL_REDIRECT="0",
    STATIC_MANIFEST="0",
    API_RATE="100000000/min",
)


def article_with_50_claims(client):
    from bench.corpus import corpus
    from claims.extraction import extract_claims
    from claims.models import Article, Claim
    from claims.services import claim_fields

    text = "\n".join(t for lang, t in corpus(60 * 1024, seed=7) if lang == "de")
    found = extract_claims(text, "de")[:50]
    assert len(found) == 50, len(found)
    article = Article.objects.create(
        title="Fünfzig Behauptungen", body=text, language="de", api_client=client
    )
    Claim.objects.bulk_create(
        Claim(article=article, text=c.text, start=c.start, end=c.end, **claim_fields(c))
        for c in found
    )
    return article


def five_kb_article() -> str:
    from bench.corpus import corpus

    text = "\n".join(t for lang, t in corpus(20 * 1024, seed=11) if lang == "de")
    return text[:5120].rsplit(".", 1)[0] + "."


def wrk(url, seconds, connections, script=None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {p: _ms(v) for p, v in re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M)}
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "rate": rate,
        "p50": latency["50"],
        "p99": latency["99"],
        "errors": int(errors.group(1)) if errors else 0,
    }


def _ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(\w+)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    options = parser.parse_args()

    fresh_database(DATABASE)
    django_on(ENVIRONMENT)
    from django.core.management import call_command

    from publishing.api_clients import create_api_client

    call_command("migrate", verbosity=0)
    client, token = create_api_client("Bench CMS")
    article = article_with_50_claims(client)
    payload = json.dumps({"title": "Bench", "body": five_kb_article(), "language": "de"})

    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--workers", "2",
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=os.environ.copy(),
    )  # fmt: skip
    base = f"http://127.0.0.1:{PORT}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/v1/ping/", timeout=1)  # noqa: S310 - our own server
                break
            except OSError:
                time.sleep(0.1)
        with tempfile.TemporaryDirectory() as tmp:
            read_script = Path(tmp) / "read.lua"
            read_script.write_text(f'wrk.headers["Authorization"] = "Token {token}"\n')
            post_script = Path(tmp) / "post.lua"
            post_script.write_text(
                'wrk.method = "POST"\n'
                f"wrk.body = {json.dumps(payload)}\n"
                'wrk.headers["Content-Type"] = "application/json"\n'
                f'wrk.headers["Authorization"] = "Token {token}"\n'
            )
            wrk(f"{base}/api/v1/ping/", 2, options.connections)  # warm both workers
            wrk(f"{base}/api/v1/articles/{article.pk}/", 2, options.connections, str(read_script))
            wrk(f"{base}/api/v1/articles/", 3, 2, str(post_script))  # loads the extraction pipeline
            trivial = wrk(f"{base}/api/v1/ping/", options.seconds, options.connections)
            read = wrk(
                f"{base}/api/v1/articles/{article.pk}/",
                options.seconds,
                options.connections,
                str(read_script),
            )
            # One connection per worker: latency of a post, not of a queue in front of it.
            posting = wrk(f"{base}/api/v1/articles/", options.seconds, 2, str(post_script))
    finally:
        server.terminate()
        server.wait(timeout=30)

    print(f"gunicorn 2 workers, PostgreSQL, wrk -t2 on loopback, {options.seconds} s per run")
    print(
        f"trivial JSON view:        {trivial['rate']:8.0f} req/s  p50 {trivial['p50']:6.1f} ms  p99 {trivial['p99']:6.1f} ms  ({options.connections} connections)"
    )
    print(f"read article (50 claims): {read['rate']:8.0f} req/s  p50 {read['p50']:6.1f} ms  p99 {read['p99']:6.1f} ms  "
          f"= {read['rate'] / trivial['rate'] * 100:.0f}% of trivial   (bar: >= 40%)")  # fmt: skip
    print(f"post 5 KB article:        {posting['rate']:8.0f} req/s  p50 {posting['p50']:6.1f} ms  p99 {posting['p99']:6.1f} ms  "
          f"(2 connections)   (bar: p99 < 200 ms)")  # fmt: skip
    failed = trivial["errors"] + read["errors"] + posting["errors"]
    print(f"non-2xx responses: {failed}")


if __name__ == "__main__":
    main()
