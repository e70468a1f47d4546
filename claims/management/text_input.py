import sys
from pathlib import Path

from django.core.management.base import CommandError


def read_text(name: str) -> str:
    """The file's text; one readable error for a missing, unreadable or non-UTF-8 file."""
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as failure:
        raise CommandError(f"Cannot read {name}: {failure.strerror}.") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as failure:
        raise CommandError(
            f"{name} is not UTF-8 text (byte {failure.start} cannot be decoded)."
        ) from None
