"""Evidence locator cost by source size: seconds and peak memory, up to a page at the 25 MB limit.

    .venv/bin/python bench/locator.py [--sizes 400K,1M,5M,24M]

Each size runs in its own process, so its peak RSS is its own. The source is
figure-dense German prose; the claim's quote and figure are absent from it, so
the locator does its most: a fuzzy alignment of the whole quote and a figure
search over the whole (capped) text. A second claim of 2,000 characters (the
longest needle) shows the alignment at its budget. Needs no database.
"""

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PARAGRAPH = (
    "Die Stadtwerke haben mehr als 1000 Beschäftigte und wollen bis 2030 rund 1,2 Milliarden "
    "Euro in das Fernwärmenetz investieren. Die Arbeitslosenquote sank im Mai um 0,4 "
    "Prozentpunkte auf 5,1 Prozent. Im Jahr wurden 85 Millionen Fahrgäste befördert, "
    "3.400 Busse fuhren 12,5 Mio. Kilometer, sagte Sprecherin Petra Albers.\n"
)
CLAIM = "„Wir haben 777 Millionen Euro in neue Schulen gesteckt“, sagte der Kämmerer."
FIGURES = [{"text": "777 Millionen Euro", "value": 777e6, "unit": "EUR", "approximate": False}]
LONG_CLAIM = ("Der Kämmerer verkündete zahlreiche neue Vorhaben für Schulen und Kitas. " * 30)[
    :2000
]
UNITS = {"K": 1024, "M": 1024 * 1024}


def size_in_bytes(size: str) -> int:
    return int(float(size[:-1]) * UNITS[size[-1].upper()])


def measure(size: str) -> None:
    """Runs in the child: one location on a source of `size`; prints seconds and peak RSS."""
    from sources.locator import MAX_SOURCE_CHARS, locate

    length = size_in_bytes(size)
    source = (PARAGRAPH * (length // len(PARAGRAPH) + 1))[:length]
    started = time.perf_counter()
    location = locate(CLAIM, FIGURES, source, "de")
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    locate(LONG_CLAIM, [], source, "de")
    long_seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    searched = min(len(source), MAX_SOURCE_CHARS)
    print(
        f"{size:>6}  {len(source):>11,} chars  searched {searched:>10,}  "
        f"sentence {seconds:5.2f} s  2,000-char claim {long_seconds:5.2f} s  "
        f"peak RSS {peak_mb:4.0f} MB  found={location.found}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="400K,1M,5M,24M")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return measure(args.one)
    from sources.locator import MAX_SOURCE_CHARS

    print(f"Locator, worst case (nothing found); MAX_SOURCE_CHARS = {MAX_SOURCE_CHARS:,}")
    for size in args.sizes.split(","):
        subprocess.run([sys.executable, __file__, "--one", size], check=True)


if __name__ == "__main__":
    main()
