"""HTTP byte ranges (RFC 9110, section 14): one range of a file, as ReplayWeb.page reads a WACZ.

It asks for `bytes=first-last`, `bytes=first-` and the last bytes, `bytes=-count` (a
ZIP file's directory is at its end). A header that asks for several ranges, or that
cannot be read, is ignored and the whole file sent, as the RFC allows.
"""

import re

SINGLE_RANGE = re.compile(r"bytes=(\d*)-(\d*)", re.ASCII)
CHUNK_BYTES = 64 * 1024


class RangeNotSatisfiable(Exception):
    """The range starts beyond the end of the file (or asks for its last 0 bytes)."""


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """The one range `header` asks of `size` bytes, as (first, last), both included;
    None to send the whole file."""
    match = SINGLE_RANGE.fullmatch(header.strip())
    if not match or match.group(1) == match.group(2) == "":
        return None
    first, last = match.groups()
    if not first:  # the last `last` bytes
        count = int(last)
        if count == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(size - count, 0), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # not a valid range: ignored
    if start >= size:
        raise RangeNotSatisfiable
    end = min(int(last), size - 1) if last else size - 1
    return start, end


def read_part(file, start: int, length: int):
    """Yield `length` bytes of the open binary `file` from `start`, then close it."""
    try:
        file.seek(start)
        while length > 0:
            chunk = file.read(min(CHUNK_BYTES, length))
            if not chunk:
                return
            length -= len(chunk)
            yield chunk
    finally:
        file.close()
