"""Extract main text and metadata from the body of an archived HTTP response.

Approach:

* Decide the kind from the magic bytes first (a PDF is a PDF whatever the server said), then
  from the declared content type, then by sniffing ``<html`` for untyped or mistyped bodies.
* HTML: decode with the charset from the Content-Type header, else the ``<meta>`` charset,
  else UTF-8 with replacement characters. Take the language from a tree of our own, then
  hand the markup to ``bare_extraction`` (boilerplate removal plus metadata; the date comes
  from htmldate,
  restricted to markup and URL, without guessing from running text).
  Where trafilatura keeps no main text, fall back to ``html2txt`` (all visible text) so
  that short pages still yield something.
* HTML of more than a million characters: read as a stream (lxml's pull parser), every
  paragraph outside page furniture (nav, footer, aside, forms, scripts), each emptied
  once read; metadata from the page's beginning. trafilatura would hold three copies
  of the tree at once.
* PDF: pypdf, text of every page joined by blank lines, plus the document information
  dictionary. Encrypted files are tried with the empty user password only.
* text/plain: decoded text. Anything else: no text.

Third-party parsers fail in many ways on hostile input, so ``extract_content`` never raises:
failures become ``metadata["error"]``. Pure Python, no Django.
"""

import codecs
import datetime as dt
import io
import re
from dataclasses import dataclass, field

import pypdf
from lxml import etree
from trafilatura import bare_extraction, extract_metadata, html2txt, load_html
from trafilatura.settings import set_date_params

HTML_TYPES = {"text/html", "application/xhtml+xml"}
BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
CHARSET_PARAM = re.compile(r"""charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
# <meta charset>, <meta http-equiv content="...; charset=..."> or <?xml encoding>. Bounded
# gaps, so a crafted run of "<meta" without ">" cannot make the scan quadratic.
META_CHARSET = re.compile(
    rb"""<(?:meta[^>]{0,300}?charset|\?xml[^>]{0,100}?encoding)\s*=\s*["']?\s*([\w.:-]+)""",
    re.IGNORECASE,
)
LANGUAGE_TAG = re.compile(r"[a-z]{2,3}(?=$|[-_])")
SNIFF_BYTES = 4096
# Beyond this many characters, HTML is read as a stream (see _large_html_text).
LARGE_HTML_CHARS = 1_000_000
# A large page's metadata and language come from its beginning: the head and the top
# of the body (headline, byline, date) fit in it.
LARGE_HTML_HEAD_CHARS = 200_000
FEED_CHARS = 64 * 1024
# In a large page, the elements whose text makes a paragraph of the main text ...
PARAGRAPHS = frozenset(
    ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "td",
     "th", "caption", "figcaption", "div", "section", "article", "main", "header", "body"]
)  # fmt: skip
# ... and those that are page furniture or code, never main text.
FURNITURE = frozenset(
    ["head", "script", "style", "noscript", "template", "nav", "footer", "aside", "form",
     "button", "select", "svg", "iframe", "object"]
)  # fmt: skip


@dataclass(frozen=True)
class Content:
    text: str  # main text (boilerplate removed for HTML), "" when none
    title: str = ""
    author: str = ""
    published: dt.date | None = None
    site_name: str = ""
    canonical_url: str = ""
    language: str = ""  # e.g. "de", "en" when known
    kind: str = "html"  # "html", "pdf", "text", "other"
    metadata: dict = field(default_factory=dict)  # JSON-serializable: the fields above plus extras


def extract_content(body: bytes, content_type: str, url: str) -> Content:
    """Return the main text and metadata of a response body; never raises."""
    kind = "other"
    try:
        kind = _kind(body, content_type or "")
        if kind == "html":
            return _from_html(body, content_type or "", url or "")
        if kind == "pdf":
            return _from_pdf(body)
        if kind == "text":
            text, encoding = _decode(body, content_type or "", sniff_meta=False)
            return _content("text", text, extras={"encoding": encoding})
        return _content("other")
    except Exception as exc:  # any parser bug on any input must not break archiving
        return _content(kind, extras={"error": f"{type(exc).__name__}: {exc}"})


def _kind(body: bytes, content_type: str) -> str:
    media_type = content_type.split(";", 1)[0].strip().lower()
    if body.startswith(b"%PDF-") or media_type == "application/pdf":
        return "pdf"
    if media_type in HTML_TYPES:
        return "html"
    if media_type == "text/plain":  # honoured like a browser would: markup is shown as text
        return "text"
    # Untyped or mistyped responses (octet-stream, error pages served as image/*).
    return "html" if b"<html" in body[:1024].lower() else "other"


def _decode(body: bytes, content_type: str, *, sniff_meta: bool) -> tuple[str, str]:
    """Decode like a browser: BOM, then header charset, then <meta> charset, then UTF-8."""
    for bom, encoding in BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace"), encoding
    labels = []
    if match := CHARSET_PARAM.search(content_type):
        labels.append(match[1])
    if sniff_meta and (match := META_CHARSET.search(body[:SNIFF_BYTES])):
        label = match[1].decode("ascii")
        # A document whose <meta> we could read as ASCII is not UTF-16 (WHATWG rule).
        labels.append("utf-8" if label.lower().startswith(("utf-16", "utf16")) else label)
    for label in labels:
        try:
            encoding = codecs.lookup(label).name
            # Browsers read latin-1 and ASCII labels as windows-1252, and so do page authors.
            encoding = "cp1252" if encoding in {"iso8859-1", "ascii"} else encoding
            return body.decode(encoding, errors="replace"), encoding
        except (LookupError, UnicodeError):  # unknown label, or a non-text codec like base64
            continue
    return body.decode("utf-8", errors="replace"), "utf-8"


def _from_html(body: bytes, content_type: str, url: str) -> Content:
    html, encoding = _decode(body, content_type, sniff_meta=True)
    if len(html) > LARGE_HTML_CHARS:
        return _from_large_html(html, encoding, url)
    # load_html rejects bare fragments ("<p>Hallo</p>"); wrapping them makes a document.
    tree = load_html(html)
    if tree is None:
        html = f"<html><body>{html}</body></html>"
        tree = load_html(html)
    if tree is None:
        return _content("html", extras={"encoding": encoding, "error": "unparseable HTML"})
    language = _html_language(tree)
    # trafilatura copies a tree it is given (it prunes its input); given the markup it
    # parses its own. So ours goes first: one tree at a time, 20 MB less on a 5 MB page.
    del tree
    # No extensive date search: it guesses from running text and "© 2021" footers, and a
    # wrong publication date misleads a fact-checker more than a missing one.
    dates = set_date_params(extensive=False)
    doc = bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=dates,
        output_format="python",
    )
    text = (doc.text or "").strip() if doc is not None else ""
    if doc is None or not text:  # rare: parse again for the fallbacks
        tree = load_html(html)
        # trafilatura discards pages without main text, metadata included
        doc = doc or extract_metadata(tree, url or None, date_config=dates)
        text = text or html2txt(tree)
    return _html_content(text, doc, url, language, encoding)


def _from_large_html(html: str, encoding: str, url: str) -> Content:
    """A page of millions of characters: main text from a stream, metadata from its top.

    trafilatura holds three copies of a page's tree at once (as parsed, cleaned, and a
    backup); on a 5 MB page that is 90 MB, so a worker parsing a few such pages at once
    ran out of memory. Read as a stream, a page needs little more than its text.
    """
    top = load_html(html[:LARGE_HTML_HEAD_CHARS])
    if top is None:
        return _content("html", extras={"encoding": encoding, "error": "unparseable HTML"})
    doc = extract_metadata(top, url or None, date_config=set_date_params(extensive=False))
    if doc is None:
        return _content("html", extras={"encoding": encoding, "error": "unparseable HTML"})
    return _html_content(
        _large_html_text(html), doc, url, _html_language(top), encoding, reader="stream"
    )


def _large_html_text(html: str) -> str:
    """The text of every paragraph outside page furniture, one paragraph a line.

    Each paragraph is emptied once read, so the tree never holds more than the
    paragraph being read. A paragraph's text comes before the loose text of the
    element around it (the page order, except for such loose text).
    """
    parser = etree.HTMLPullParser(events=("start", "end"))
    paragraphs: list[str] = []
    furniture = 0  # how many furniture elements we are inside
    for offset in range(0, len(html) + 1, FEED_CHARS):
        if offset < len(html):
            parser.feed(html[offset : offset + FEED_CHARS])
        else:
            parser.close()
        for event, element in parser.read_events():
            tag = element.tag if isinstance(element.tag, str) else ""
            if tag in FURNITURE:
                furniture += 1 if event == "start" else -1
            if event != "end" or (tag not in FURNITURE and tag not in PARAGRAPHS):
                continue
            if tag in PARAGRAPHS and not furniture and (text := _words(element)):
                paragraphs.append(text)
            element.clear(keep_tail=True)
            # Emptied elements before this one (with no text of their own) can go too.
            while (previous := element.getprevious()) is not None and not len(previous):
                if (previous.tail or "").strip() or (previous.text or "").strip():
                    break
                element.getparent().remove(previous)
    return "\n".join(paragraphs)


def _words(element) -> str:
    return " ".join("".join(element.itertext()).split())


def _html_content(text, doc, url, language, encoding, **extras) -> Content:
    return _content(
        "html",
        text,
        title=doc.title,
        author=doc.author,
        published=_parse_date(doc.date),
        site_name=doc.sitename,
        # trafilatura echoes our URL when the page declares none; only a declared one is news.
        canonical_url=doc.url if doc.url != url else "",
        language=language,
        extras={
            "encoding": encoding,
            "description": doc.description,
            "hostname": doc.hostname,
            "image": doc.image,
            "categories": doc.categories,
            "tags": doc.tags,
            **extras,
        },
    )


def _html_language(tree) -> str:
    """Primary language subtag from <html lang>, Content-Language or og:locale ("de_DE")."""
    root = tree.getroottree().getroot()
    candidates = [root.get("lang"), root.get("xml:lang")]  # the HTML parser keeps "xml:" as is
    candidates += tree.xpath(
        "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
        " = 'content-language']/@content | //meta[@property='og:locale']/@content"
    )
    for candidate in candidates:
        if candidate and (match := LANGUAGE_TAG.match(candidate.strip().lower())):
            return match[0]
    return ""


def _from_pdf(body: bytes) -> Content:
    try:
        reader = pypdf.PdfReader(io.BytesIO(body))
        # Many PDFs are encrypted only against editing, with an empty password for reading.
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("PDF is encrypted with a password")
        info = reader.metadata
        page_count = len(reader.pages)
    except Exception as exc:
        return _content("pdf", extras={"error": f"{type(exc).__name__}: {exc}"})

    texts, failed_pages = [], []
    for number, page in enumerate(reader.pages, start=1):
        try:  # one damaged page should not cost the text of the others
            texts.append(page.extract_text().strip())
        except Exception:
            failed_pages.append(number)
    published = None
    if info is not None:
        try:
            created = info.creation_date
            published = created.date() if created else None
        except Exception:  # malformed date strings are common in the wild
            published = None
    return _content(
        "pdf",
        "\n\n".join(text for text in texts if text),
        title=_pdf_text(info, "/Title"),
        author=_pdf_text(info, "/Author"),
        published=published,
        extras={
            "page_count": page_count,
            "subject": _pdf_text(info, "/Subject"),
            "producer": _pdf_text(info, "/Producer"),
            "failed_pages": failed_pages,
            "error": f"text extraction failed on pages {failed_pages}" if failed_pages else "",
        },
    )


def _pdf_text(info, key: str) -> str:
    """A string entry of the document information dictionary, "" if absent or not text."""
    try:
        value = info.get(key) if info is not None else None
        value = value.get_object() if value is not None else None
        return str(value) if isinstance(value, str) else ""
    except Exception:
        return ""


def _parse_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _content(
    kind: str,
    text: str = "",
    *,
    published: dt.date | None = None,
    extras: dict | None = None,
    **fields: str | None,
) -> Content:
    """Build a Content with stripped strings and a JSON-serializable metadata copy."""
    strings = {name: (value or "").strip() for name, value in fields.items()}
    metadata: dict = {
        "title": "",
        "author": "",
        "site_name": "",
        "canonical_url": "",
        "language": "",
        **strings,
        "published": published.isoformat() if published else None,
        "kind": kind,
    }
    # Extras only when they carry something, so metadata stays small and readable.
    metadata.update({key: value for key, value in (extras or {}).items() if value})
    return Content(
        text=(text or "").strip(), published=published, kind=kind, metadata=metadata, **strings
    )
