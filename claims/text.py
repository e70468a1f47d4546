"""An article's text as it is stored, wherever it comes in (pure Python, no Django).

Claim offsets count characters of the stored body, and a browser counts a line
break as one character: bodies are kept with LF line breaks, in Unicode NFC, and
without trailing whitespace. Every way in (admin, API, commands, fetching) goes
through `claims.services.save_article`, which applies `normalize_body`.
"""

import hashlib
import unicodedata
from urllib.parse import urlsplit

# The first line is a headline when it is at most this long and has no final punctuation.
HEADLINE_MAX_CHARS = 200
HEADLINE_MAX_WORDS = 16
_FINAL_PUNCTUATION = ".!?:;,…\"“”„»«'’)"

# Query parameters that only say where a visitor came from. Any other parameter may pick
# the page (?id=, ?cid=, ?ref=, ?session=, a bare ?kill-child), so every other one is kept.
TRACKING_PARAMETERS = frozenset(
    [
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid",
        "ysclid", "twclid", "ttclid", "igshid", "igsh", "li_fat_id", "mc_cid", "mc_eid",
        "_ga", "_gl", "_hsenc", "_hsmi", "__hssc", "__hstc", "__hsfp", "mkt_tok",
        "oly_anon_id", "oly_enc_id", "vero_id", "vero_conv", "wt_mc", "wt_zmc", "xtor",
        "srsltid", "pk_campaign", "pk_kwd", "pk_keyword", "pk_source", "pk_medium",
        "pk_content",
    ]
)  # fmt: skip
TRACKING_PREFIXES = ("utm_", "mtm_")


def normalize_text(text: str) -> str:
    """CRLF and lone CR as LF, and Unicode NFC; lengths of prefixes map offsets (see
    migration 0014). Claim texts are normalized with this, bodies with normalize_body."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def normalize_body(text: str) -> str:
    """The body as stored: LF line breaks, NFC, no trailing whitespace at the end."""
    return normalize_text(text).rstrip()


def body_sha256(body: str) -> str:
    """Hex SHA-256 of the normalized body: the same text, however it came in ("" for
    no text: articles sent by URL only wait for theirs)."""
    normalized = normalize_body(body)
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest() if normalized else ""


def url_key(url: str) -> str:
    """An article's address for comparison, "" for none: http and https, "www.", the
    host's case, a default port, a trailing slash, the fragment and tracking parameters
    make no difference; the other query parameters count, in any order.

    Simpler than sources.services.normalize_url (which claims may not import).
    """
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return ""
    host = (parts.hostname or "").removeprefix("www.")
    if parts.scheme.lower() not in ("http", "https") or not host:
        return ""
    if port not in (None, 80, 443):
        host = f"{host}:{port}"
    kept = sorted(
        parameter
        for parameter in parts.query.split("&")
        if (name := parameter.split("=", 1)[0].lower())
        and name not in TRACKING_PARAMETERS
        and not name.startswith(TRACKING_PREFIXES)
    )
    path = parts.path.rstrip("/")
    return f"{host}{path}" + (f"?{'&'.join(kept)}" if kept else "")


def split_headline(text: str) -> tuple[str, str] | None:
    """(headline, the rest) when the text's first line is a headline: short, without
    final punctuation, and followed by more text; else None."""
    first, _, rest = text.lstrip().partition("\n")
    first, rest = first.strip(), rest.strip()
    if (
        not first
        or not rest
        or len(first) > HEADLINE_MAX_CHARS
        or len(first.split()) > HEADLINE_MAX_WORDS
        or first[-1] in _FINAL_PUNCTUATION
    ):
        return None
    return first, rest
