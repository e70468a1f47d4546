"""Reading other fact-checkers' ClaimReview: no database, bytes in, normalized dicts out.

What a feed may be:
- a schema.org DataFeed (JSON or JSON-LD) whose dataFeedElement items are ClaimReview
  objects or carry one under `item`;
- an HTML page with ClaimReview JSON-LD in <script type="application/ld+json">;
- a JSON file in the shape of the Google Fact Check Tools export or API
  (`{"claims": [{"text", "claimant", "claimDate", "claimReview": [...]}]}`);
- a plain JSON list of ClaimReview objects.
A feed that cannot be read raises `FeedError` with one sentence saying why; a single
ClaimReview that cannot be used (no `claimReviewed`, no URL) is skipped, and the reason
kept in `ClaimReviews.skipped`, without losing the others.
"""

import datetime as dt
import json
import re
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.utils.translation import gettext as _

from claims.extraction.language import detect_language

# JSON-LD nests; ClaimReview sits at most a few levels down (page -> @graph -> article ->
# review). Deeper structures are not searched, so a hostile file cannot exhaust the stack.
MAX_DEPTH = 12
URL_MAX = 2000
NAME_MAX = 200
_SPACE = re.compile(r"\s+")
_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


class FeedError(Exception):
    """The feed as a whole cannot be read; the message is one sentence for an editor."""


class ClaimReviews(list):
    """The normalized reviews read from a feed, and why the unusable ones were skipped."""

    def __init__(self, reviews=(), skipped=()):
        super().__init__(reviews)
        self.skipped = list(skipped)


def read_claimreviews(payload: bytes, content_type: str) -> ClaimReviews:
    """The ClaimReviews in a feed, normalized (see `normalize`); raises FeedError."""
    content_type = (content_type or "").lower()
    if "html" in content_type or payload.lstrip()[:1] == b"<":
        return _from_html(payload)
    try:
        data = json.loads(payload)
    except UnicodeDecodeError:
        raise FeedError(_("The feed is neither JSON nor an HTML page.")) from None
    except RecursionError:
        raise FeedError(_("The feed is nested too deeply to be read.")) from None
    except json.JSONDecodeError as error:
        if "json" in content_type:
            raise FeedError(
                _("The feed is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": error.lineno, "column": error.colno}
            ) from None
        raise FeedError(_("The feed is neither JSON nor an HTML page.")) from None
    if isinstance(data, dict) and "claims" in data:
        return _from_fact_check_tools(data["claims"])
    if not isinstance(data, dict | list):
        raise FeedError(_expected())
    nodes = _claimreview_nodes(data)
    if not nodes:
        if isinstance(data, list) or _is_type(data, "DataFeed") or "@graph" in data:
            raise FeedError(_("No ClaimReview was found in the feed."))
        raise FeedError(_expected())
    return _normalized(nodes)


def _expected() -> str:
    return _(
        "Expected a schema.org DataFeed, a list of ClaimReview objects or a Fact Check "
        "Tools export (an object with “claims”), but the JSON is none of these."
    )


def _from_html(payload: bytes) -> ClaimReviews:
    soup = BeautifulSoup(payload, "lxml")
    nodes, broken = [], 0
    for script in soup.find_all("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json":
            continue
        try:
            data = json.loads(script.string or script.get_text() or "")
        except (ValueError, RecursionError):
            broken += 1  # one broken block does not spoil the others
            continue
        nodes += _claimreview_nodes(data)
    if not nodes:
        if broken:
            raise FeedError(
                _("No ClaimReview was found in the page; %(count)s JSON-LD block(s) were broken.")
                % {"count": broken}
            )
        raise FeedError(_("No ClaimReview was found in the page."))
    return _normalized(nodes)


def _claimreview_nodes(data, depth: int = 0, *, listed: bool = True) -> list[dict]:
    """Every ClaimReview object in a JSON(-LD) structure, in document order.

    `listed`: the value is a feed element or an item of a top-level list, where an
    object with `claimReviewed` counts as a ClaimReview even without an @type.
    """
    if depth > MAX_DEPTH:
        return []
    if isinstance(data, list):
        return [n for item in data for n in _claimreview_nodes(item, depth + 1, listed=listed)]
    if not isinstance(data, dict):
        return []
    if _is_type(data, "ClaimReview") or (
        listed and "@type" not in data and "claimReviewed" in data
    ):
        return [data]
    found = []
    for key, value in data.items():
        feed_item = key in ("dataFeedElement", "item", "@graph")
        found += _claimreview_nodes(value, depth + 1, listed=feed_item)
    return found


def _is_type(node: dict, name: str) -> bool:
    types = node.get("@type") or node.get("type") or []
    if isinstance(types, str):
        types = [types]
    # "ClaimReview", "schema:ClaimReview", "https://schema.org/ClaimReview"
    return any(isinstance(t, str) and re.split(r"[:/#]", t)[-1] == name for t in types)


def _normalized(nodes: list[dict]) -> ClaimReviews:
    reviews = ClaimReviews()
    for position, node in enumerate(nodes, start=1):
        review, reason = normalize(node, position)
        if review is None:
            reviews.skipped.append(reason)
        else:
            reviews.append(review)
    return reviews


def normalize(node: dict, position: int = 1) -> tuple[dict | None, str]:
    """One schema.org ClaimReview as the fields of ExternalClaimReview, or why it is unusable."""
    url = _url(node.get("url")) or _url(node.get("@id"))
    claim = _text(node.get("claimReviewed"))
    skipped = _unusable(url, claim, position)
    if skipped:
        return None, skipped
    item = _first_dict(node.get("itemReviewed"))
    rating = _first_dict(node.get("reviewRating"))
    author = _first_dict(node.get("author")) or _first_dict(node.get("publisher"))
    language = _language(node.get("inLanguage") or item.get("inLanguage"), claim)
    return {
        "url": url,
        "claim_reviewed": claim,
        "language": language,
        "rating_name": _text(rating.get("alternateName") or rating.get("name"))[:NAME_MAX],
        "rating_value": _number(rating.get("ratingValue")),
        "rating_best": _number(rating.get("bestRating")),
        "rating_worst": _number(rating.get("worstRating")),
        "publisher_name": _name(author),
        "publisher_url": _url(author.get("url")),
        "claimant": _name(_first_dict(item.get("author"), allow_text=True)),
        "claim_date": _date(item.get("datePublished")),
        "review_date": _date(node.get("datePublished")),
        "raw": node,
    }, ""


def _unusable(url: str, claim: str, position: int) -> str:
    if not claim:
        where = url or _("item %(position)s") % {"position": position}
        return _("A ClaimReview without “claimReviewed” was skipped (%(where)s).") % {
            "where": where
        }
    if not url:
        return _("A ClaimReview without a web address was skipped (“%(claim)s”).") % {
            "claim": claim[:60]
        }
    return ""


def _from_fact_check_tools(claims) -> ClaimReviews:
    """The Fact Check Tools shape: each claim with the reviews published of it."""
    if not isinstance(claims, list) or not all(isinstance(c, dict) for c in claims):
        raise FeedError(_("Expected “claims” to be a list of objects, as Fact Check Tools gives."))
    nodes = []
    for claim in claims:
        reviews = claim.get("claimReview") or []
        if isinstance(reviews, dict):
            reviews = [reviews]
        context = {key: value for key, value in claim.items() if key != "claimReview"}
        nodes += [(context, r) for r in reviews if isinstance(r, dict)]
    if not nodes:
        raise FeedError(_("No ClaimReview was found in the feed."))
    reviews = ClaimReviews()
    for position, (claim, review) in enumerate(nodes, start=1):
        url, text = _url(review.get("url")), _text(claim.get("text"))
        skipped = _unusable(url, text, position)
        if skipped:
            reviews.skipped.append(skipped)
            continue
        publisher = _first_dict(review.get("publisher"))
        site = _text(publisher.get("site"))
        if site and "://" not in site:
            site = f"https://{site}"  # the export gives a bare host name
        reviews.append(
            {
                "url": url,
                "claim_reviewed": text,
                "language": _language(review.get("languageCode"), text),
                "rating_name": _text(review.get("textualRating"))[:NAME_MAX],
                "rating_value": None,
                "rating_best": None,
                "rating_worst": None,
                "publisher_name": _text(publisher.get("name"))[:NAME_MAX],
                "publisher_url": _url(site),
                "claimant": _text(claim.get("claimant"))[:NAME_MAX],
                "claim_date": _date(claim.get("claimDate")),
                "review_date": _date(review.get("reviewDate")),
                "raw": {**claim, "claimReview": [review]},
            }
        )
    return reviews


def _text(value) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    if not isinstance(value, str):
        return ""
    return _SPACE.sub(" ", value).strip()


def _url(value) -> str:
    url = _text(value)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or len(url) > URL_MAX:
        return ""
    return url


def _first_dict(value, *, allow_text: bool = False) -> dict:
    if isinstance(value, list):
        value = value[0] if value else None
    if allow_text and isinstance(value, str):
        return {"name": value}  # "author": "Jane Doe"
    return value if isinstance(value, dict) else {}


def _name(node: dict) -> str:
    return _text(node.get("name"))[:NAME_MAX]


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if number == number and abs(number) != float("inf") else None


def _date(value) -> dt.date | None:
    match = _DATE.match(_text(value))
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _language(value, text: str) -> str:
    """de, en or other: as the feed declares it, else as the claim's words tell."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    code = _text(value).lower()
    if code:
        if code.split("-")[0] in ("de", "deu", "ger", "german", "deutsch"):
            return "de"
        if code.split("-")[0] in ("en", "eng", "english", "englisch"):
            return "en"
        return "other"
    return detect_language(text, default="other")
