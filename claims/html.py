"""An article that arrives as HTML: its title, its text as stored, and its own links.

Pure Python (BeautifulSoup on lxml), no Django. The body is built the way
claims.text.normalize_body stores every body (LF line breaks, NFC, nothing
trailing), one paragraph a line, and each link keeps the span of its text in that
body: `body[start:end] == text`. Those links are the first sources a reviewer
checks for the claims around them (see `links_around`).

Links are plain dicts, {"url", "text", "start", "end"}, as Article.links stores them.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Comment, Doctype, NavigableString, ProcessingInstruction, Tag

from .text import normalize_body, split_headline

# Elements whose content stands on lines of its own.
BLOCKS = frozenset(
    ["address", "article", "blockquote", "body", "br", "caption", "center", "dd", "details",
     "div", "dl", "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header",
     "hgroup", "hr", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
     "td", "tfoot", "th", "thead", "tr", "ul"]
)  # fmt: skip
# Page furniture and code: never part of the article's text.
FURNITURE = frozenset(
    ["applet", "audio", "button", "canvas", "dialog", "embed", "footer", "form", "head",
     "iframe", "input", "map", "math", "nav", "noscript", "object", "script", "select",
     "style", "svg", "template", "textarea", "title", "video", "aside"]
)  # fmt: skip
# Collapsed like a browser collapses white space; a no-break space reads as a space too.
_SPACE = re.compile(r"[ \t\n\r\f\v\u00a0]+")
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
MAX_URL_CHARS = 2000
# A link this close to a claim (only spaces and brackets or punctuation between them,
# on the same line) stands next to it: "… 85 Millionen Fahrgäste (Jahresbericht)."
ADJOINING_CHARS = 3
_ADJOINING_GAP = re.compile(r"[ ()\[\].,;:–—-]*")


@dataclass(frozen=True)
class HtmlArticle:
    title: str
    body: str
    links: list[dict] = field(default_factory=list)
    language: str = ""  # from <html lang>, "" when the page does not say


def looks_like_html(text: str) -> bool:
    """Whether pasted text is markup at all (one tag is enough)."""
    return bool(_TAG.search(text or ""))


def article_from_html(html: str, base_url: str = "") -> HtmlArticle:
    """The article in a page or a fragment of one: title, body text and links.

    The main text is the page's <article> (the longest, when there are several),
    else its <main>, else its <body>, without navigation, forms, scripts and other
    furniture. The headline is the first <h1> of the main text, which then is no
    line of the body; without one, the page's og:title or <title>. Links keep
    their address (made absolute against `base_url` or the page's <base>) when it
    is http(s); links without text or to elsewhere in the page are left out.
    """
    soup = BeautifulSoup(html or "", "lxml")
    base = _base_url(soup, base_url)
    root = _main_element(soup)
    headline = _headline(root) if root is not None else None
    title = _words(headline.get_text(" ")) if headline is not None else ""
    writer = _Writer()
    if root is not None:
        writer.walk(root, base, skip=headline if title else None)
    body, links = writer.result()
    if not title:
        title = _page_title(soup)
    if not title and (split := split_headline(body)):
        # No headline in the markup: a first short line without final punctuation is one.
        title = split[0]
    return HtmlArticle(title=title[:500], body=body, links=links, language=_language(soup))


def cut(article: HtmlArticle, max_chars: int) -> HtmlArticle:
    """The article with its body cut to `max_chars`, and only the links still inside it."""
    if len(article.body) <= max_chars:
        return article
    body = normalize_body(article.body[:max_chars])
    links = [link for link in article.links if link["end"] <= len(body)]
    return HtmlArticle(article.title, body, links, article.language)


def relocate_links(links: list[dict], body: str) -> list[dict]:
    """The links of an earlier text of the article, placed in `body`.

    A link whose text still stands at its offsets stays. Another is moved to the
    nearest occurrence of its text as a whole word (one link per occurrence), and
    dropped when its text is no longer in the body: a link never points at other text.
    """
    kept, stale = [], []
    for link in links:
        start, end, text = link.get("start"), link.get("end"), link.get("text") or ""
        holds = isinstance(start, int) and isinstance(end, int) and 0 <= start < end
        (kept if holds and text and body[start:end] == text else stale).append(link)
    taken = {(link["start"], link["text"]) for link in kept}
    for link in sorted(stale, key=lambda link: link.get("start") or 0):
        text = link.get("text") or ""
        free = [p for p in _whole_word_occurrences(body, text) if (p, text) not in taken]
        if not free:
            continue
        old = link.get("start") if isinstance(link.get("start"), int) else 0
        position = min(free, key=lambda p: abs(p - old))
        taken.add((position, text))
        kept.append({**link, "start": position, "end": position + len(text)})
    return sorted(kept, key=lambda link: (link["start"], link["end"]))


def links_around(links: list[dict], body: str, start: int, end: int) -> list[dict]:
    """The links inside the span [start, end) of `body`, or standing right next to it.

    One per address, in the order of the text.
    """
    found, seen = [], set()
    for link in sorted(links, key=lambda link: link["start"]):
        overlaps = link["start"] < end and start < link["end"]
        if not overlaps and not _adjoins(body, link, start, end):
            continue
        if link["url"] not in seen:
            seen.add(link["url"])
            found.append(link)
    return found


def _adjoins(body: str, link: dict, start: int, end: int) -> bool:
    if link["start"] >= end:
        gap = body[end : link["start"]]
    elif link["end"] <= start:
        gap = body[link["end"] : start]
    else:
        return False
    return len(gap) <= ADJOINING_CHARS and _ADJOINING_GAP.fullmatch(gap) is not None


def _whole_word_occurrences(body: str, text: str) -> list[int]:
    found = []
    position = body.find(text) if text else -1
    while position != -1:
        before = body[position - 1] if position else " "
        after = body[position + len(text)] if position + len(text) < len(body) else " "
        if not (text[0].isalnum() and before.isalnum()) and not (
            text[-1].isalnum() and after.isalnum()
        ):
            found.append(position)
        position = body.find(text, position + 1)
    return found


class _Writer:
    """Writes text as a browser lays it out, one block a line, and records link spans."""

    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.space = False  # a space is due before the next text on this line
        self.line_break = False  # a line break is due before the next text
        self.open: list[dict] = []  # the links around the text being written
        self.links: list[dict] = []

    def walk(self, element: Tag, base: str, skip: Tag | None = None):
        for child in element.children:
            if isinstance(child, Comment | Doctype | ProcessingInstruction):
                continue
            if isinstance(child, NavigableString):
                self.text(str(child))
            elif isinstance(child, Tag) and child is not skip and not _furniture(child):
                self.element(child, base, skip)

    def element(self, tag: Tag, base: str, skip: Tag | None):
        block = tag.name.lower() in BLOCKS
        if block:
            self.break_line()
        url = _link_url(tag, base) if tag.name.lower() == "a" else ""
        if url:
            self.open.append({"url": url, "start": None, "end": None})
        self.walk(tag, base, skip)
        if url:
            link = self.open.pop()
            if link["start"] is not None:
                self.links.append(link)
        if block:
            self.break_line()

    def break_line(self):
        if self.length:
            self.line_break = True

    def text(self, raw: str):
        text = _SPACE.sub(" ", unicodedata.normalize("NFC", raw))
        if text.startswith(" "):
            self.space = True
            text = text[1:]
        if not text:
            return
        if self.line_break:
            self.write("\n")
        elif self.space and self.length:
            self.write(" ")
        self.line_break = False
        self.space = text.endswith(" ")
        text = text.rstrip(" ")
        for link in self.open:
            if link["start"] is None:
                link["start"] = self.length
        self.write(text)
        for link in self.open:
            link["end"] = self.length

    def write(self, text: str):
        self.parts.append(text)
        self.length += len(text)

    def result(self) -> tuple[str, list[dict]]:
        body = "".join(self.parts)
        links = sorted(self.links, key=lambda link: (link["start"], link["end"]))
        stored = normalize_body(body)
        if stored != body:
            # Text nodes are normalized one by one; joined, a combining mark at the start
            # of one may compose with the end of another. Offsets follow the composition.
            def moved(offset):
                return len(unicodedata.normalize("NFC", body[:offset]))

            links = [
                {**link, "start": moved(link["start"]), "end": moved(link["end"])} for link in links
            ]
            body = stored
        return body, [
            {"url": link["url"], "text": text, "start": link["start"], "end": link["end"]}
            for link in links
            if (text := body[link["start"] : link["end"]]).strip()
        ]


def _furniture(tag: Tag) -> bool:
    """Page furniture, code, hidden elements and pictures: none of it is running text."""
    name = tag.name.lower()
    if name in FURNITURE or name == "img":
        return True
    if name == "header" and tag.find_parent("article") is None:
        return True  # the site's header; an article's own header holds its headline
    if tag.has_attr("hidden") or (tag.get("aria-hidden") or "").lower() == "true":
        return True
    style = (tag.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _link_url(tag: Tag, base: str) -> str:
    href = (tag.get("href") or "").strip()
    if not href or href.startswith("#"):
        return ""
    url = urljoin(base, href) if base else href
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    return url if len(url) <= MAX_URL_CHARS else ""


def _base_url(soup: BeautifulSoup, given: str) -> str:
    declared = soup.find("base", href=True)
    if declared is not None:
        return urljoin(given, declared["href"].strip())
    return given


def _main_element(soup: BeautifulSoup) -> Tag | None:
    articles = [a for a in soup.find_all("article") if a.find_parent("article") is None]
    if articles:
        return max(articles, key=lambda a: len(a.get_text(" ", strip=True)))
    main = soup.find("main") or soup.find(attrs={"role": "main"})
    return main or soup.body or soup


def _headline(root: Tag) -> Tag | None:
    """The first <h1> that is part of the article's text (not the site's logo)."""
    for h1 in root.find_all("h1"):
        inside = [h1, *h1.parents]
        if not any(isinstance(t, Tag) and _furniture(t) for t in inside) and _words(
            h1.get_text(" ")
        ):
            return h1
    return None


def _page_title(soup: BeautifulSoup) -> str:
    meta = soup.find("meta", attrs={"property": "og:title"})
    if meta is not None and _words(meta.get("content") or ""):
        return _words(meta["content"])
    if soup.title is not None:
        return _words(soup.title.get_text(" "))
    return ""


def _language(soup: BeautifulSoup) -> str:
    html = soup.find("html")
    tag = (html.get("lang") or "") if html is not None else ""
    return tag.strip().lower().replace("_", "-").split("-")[0][:3]


def _words(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))
