"""Main text and metadata come out of archived response bodies, and nothing in them raises."""

import datetime as dt
import io
import json
from pathlib import Path

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sources.content import Content, extract_content

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE_URL = "https://bote.example/lokales/radwege?utm_source=newsletter"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def make_pdf(pages: list[list[str]], info: dict[str, str]) -> bytes:
    """Write a minimal PDF by hand: Helvetica text lines per page plus an /Info dictionary."""

    def pdf_string(text: str) -> bytes:
        raw = text.encode("cp1252")  # WinAnsiEncoding for the page text, PDFDocEncoding for /Info
        return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"

    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(len(pages)))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    for i, lines in enumerate(pages):
        page_id, content_id = 4 + 2 * i, 5 + 2 * i
        stream = b"BT /F1 12 Tf 72 720 Td 14 TL\n%s\nET" % b"\n".join(
            pdf_string(line) + b" Tj T*" for line in lines
        )
        objects[page_id] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_id
        )
        objects[content_id] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream)
    info_id = len(objects) + 1
    objects[info_id] = b"<< %s >>" % b" ".join(
        b"/" + key.encode() + b" " + pdf_string(value) for key, value in info.items()
    )

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number in range(1, info_id + 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (info_id + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (info_id + 1, info_id)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


REPORT_PDF = make_pdf(
    [
        ["Haushaltsbericht 2024", "Die Stadt gibt 12 Millionen Euro für Schulen aus."],
        ["Für Brücken sind 3 Millionen Euro eingeplant (Seite zwei)."],
    ],
    {
        "Title": "Haushaltsbericht Kleinhausen",
        "Author": "Kämmerei Kleinhausen",
        "CreationDate": "D:20240314083000+01'00'",
    },
)


def encrypted(pdf: bytes, user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    # RC4 works without the optional cryptography package.
    writer.encrypt(user_password=user_password, owner_password="chefredaktion", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


# --- HTML -----------------------------------------------------------------------------------


def test_german_article_text_keeps_the_article_and_drops_navigation_and_footer():
    content = extract_content(fixture("article_de.html"), "text/html; charset=utf-8", ARTICLE_URL)

    assert content.kind == "html"
    assert "zwölf Kilometer neue Radwege" in content.text
    assert "„Meilenstein für die Verkehrswende“" in content.text
    assert "Dieser Anteil soll sich bis 2030 verdoppeln." in content.text
    for boilerplate in ("Startseite", "Jetzt Abo abschließen", "Impressum", "Verlagsgesellschaft"):
        assert boilerplate not in content.text


def test_german_article_metadata_comes_from_its_meta_tags():
    content = extract_content(fixture("article_de.html"), "text/html", ARTICLE_URL)

    assert content.title == "Neue Radwege in Kleinhausen"
    assert content.author == "Greta Sommerfeld"
    assert content.site_name == "Der Kleinhausener Bote"
    assert content.canonical_url == "https://bote.example/lokales/neue-radwege-kleinhausen"
    assert content.published == dt.date(2024, 3, 14)
    assert content.language == "de"
    assert content.metadata["published"] == "2024-03-14"
    assert (
        content.metadata["description"] == "Der Stadtrat beschließt zwölf Kilometer neue Radwege."
    )
    assert content.metadata["hostname"] == "bote.example"


def test_page_without_declared_canonical_has_empty_canonical_url():
    content = extract_content(fixture("tiny.html"), "text/html", ARTICLE_URL)

    assert content.canonical_url == ""


def test_windows_1252_header_charset_decodes_cafe_and_pound():
    content = extract_content(
        fixture("article_en_cp1252.html"), "text/html; charset=windows-1252", "https://e.example/"
    )

    assert content.title == "Corner café closes after forty years"
    assert "£1.20" in content.text
    assert "\ufffd" not in content.text
    assert content.author == "Tobias Wrenfield"
    assert content.language == "en"


def test_iso_8859_1_header_charset_is_read_as_windows_1252_like_browsers_do():
    content = extract_content(
        fixture("article_en_cp1252.html"), 'text/html; charset="ISO-8859-1"', "https://e.example/"
    )

    # 0x93/0x94 are curly quotes in windows-1252 but control characters in ISO-8859-1.
    assert "“We will miss every single one of our guests,”" in content.text
    assert content.metadata["encoding"] == "cp1252"


def test_meta_charset_is_used_when_the_header_has_none():
    content = extract_content(fixture("meta_charset_latin1.html"), "text/html", "")

    assert content.title == "Grüße aus Übersee"
    assert "Die Fähre über den Fluss fährt ab Montag wieder stündlich." in content.text


def test_header_charset_wins_over_meta_charset():
    body = '<html><head><meta charset="utf-8"></head><body><p>Straße</p></body></html>'

    content = extract_content(body.encode("cp1252"), "text/html; charset=windows-1252", "")

    assert content.text == "Straße"


def test_undeclared_charset_falls_back_to_utf8_with_replacement_characters():
    body = "<html><body><p>Grüße und ein kaputtes Byte: </p></body></html>".encode() + b"\xff"

    content = extract_content(body, "text/html", "")

    assert "Grüße und ein kaputtes Byte:" in content.text


def test_unknown_or_non_text_charset_label_falls_back_to_utf8():
    body = "<html><body><p>Grüße</p></body></html>".encode()

    for content_type in ("text/html; charset=klingon", "text/html; charset=base64"):
        assert extract_content(body, content_type, "").text == "Grüße"


def test_xml_declaration_encoding_is_used_for_xhtml():
    body = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de"><head><title>Fähre</title>'
        "</head><body><p>Die Fähre fährt wieder.</p></body></html>"
    ).encode("latin-1")

    content = extract_content(body, "application/xhtml+xml", "")

    assert (content.title, content.text, content.language) == (
        "Fähre",
        "Die Fähre fährt wieder.",
        "de",
    )


@pytest.mark.parametrize(
    ("head", "language"),
    [
        ('<meta http-equiv="Content-Language" content="en-GB">', "en"),
        ('<meta property="og:locale" content="fr_FR">', "fr"),
        ("", ""),
    ],
)
def test_language_comes_from_content_language_or_og_locale_when_html_lang_is_missing(
    head, language
):
    body = f"<html><head>{head}</head><body><p>Ein Satz.</p></body></html>".encode()

    assert extract_content(body, "text/html", "").language == language


def test_copyright_year_and_dates_in_running_text_are_not_taken_as_published_date():
    body = (
        "<html><body><article><p>Der Rat tagte am 14. März 2024 und beschloss den Haushalt.</p>"
        "</article><footer>© 2021 Verlag</footer></body></html>"
    ).encode()

    assert extract_content(body, "text/html", "https://e.example/haushalt").published is None


def test_date_in_the_url_is_used_when_the_page_declares_none():
    body = b"<html><body><p>Der Rat beschloss den Haushalt.</p></body></html>"

    content = extract_content(body, "text/html", "https://e.example/2020/01/15/haushalt")

    assert content.published == dt.date(2020, 1, 15)


def test_tiny_page_with_one_sentence_still_yields_that_sentence():
    content = extract_content(fixture("tiny.html"), "text/html", "https://e.example/notiz")

    assert content.text == "Die Sitzung beginnt um neun Uhr."
    assert content.title == "Notiz"


def test_bare_html_fragment_yields_its_text():
    content = extract_content(b"<p>Nur ein Satz.</p>", "text/html", "")

    assert content.text == "Nur ein Satz."


def test_html_is_sniffed_when_the_content_type_is_generic():
    content = extract_content(fixture("tiny.html"), "application/octet-stream", "")

    assert content.kind == "html"
    assert content.text == "Die Sitzung beginnt um neun Uhr."


def test_binary_garbage_declared_as_html_does_not_raise():
    garbage = bytes(range(256)) * 8 + b"\x00<html\xff\xfe<<<>>>\x00"

    content = extract_content(garbage, "text/html", "https://e.example/")

    assert content.kind == "html"
    assert isinstance(content.text, str)


def test_empty_html_body_gives_empty_text():
    assert extract_content(b"", "text/html", "").text == ""


# --- PDF ------------------------------------------------------------------------------------


def test_pdf_text_of_all_pages_is_joined_by_blank_lines():
    content = extract_content(REPORT_PDF, "application/pdf", "https://e.example/bericht.pdf")

    assert content.kind == "pdf"
    assert content.text == (
        "Haushaltsbericht 2024\nDie Stadt gibt 12 Millionen Euro für Schulen aus."
        "\n\nFür Brücken sind 3 Millionen Euro eingeplant (Seite zwei)."
    )


def test_pdf_metadata_gives_title_author_creation_date_and_page_count():
    content = extract_content(REPORT_PDF, "application/pdf", "")

    assert content.title == "Haushaltsbericht Kleinhausen"
    assert content.author == "Kämmerei Kleinhausen"
    assert content.published == dt.date(2024, 3, 14)
    assert content.metadata["page_count"] == 2
    assert "error" not in content.metadata


def test_pdf_is_recognised_by_its_magic_bytes_despite_a_wrong_content_type():
    content = extract_content(REPORT_PDF, "text/html", "")

    assert content.kind == "pdf"
    assert content.title == "Haushaltsbericht Kleinhausen"


@pytest.mark.parametrize("cut", [8, 100, len(REPORT_PDF) // 2, len(REPORT_PDF) - 40])
def test_truncated_pdf_gives_empty_text_and_an_error(cut):
    content = extract_content(REPORT_PDF[:cut], "application/pdf", "")

    assert content.kind == "pdf"
    assert content.text == ""
    assert content.metadata["error"]


def test_password_protected_pdf_gives_empty_text_and_an_error():
    content = extract_content(encrypted(REPORT_PDF, "geheim"), "application/pdf", "")

    assert content.text == ""
    assert "encrypted" in content.metadata["error"]


def test_pdf_encrypted_with_an_empty_user_password_is_read():
    content = extract_content(encrypted(REPORT_PDF, ""), "application/pdf", "")

    assert "12 Millionen Euro" in content.text
    assert content.title == "Haushaltsbericht Kleinhausen"


# --- other kinds ----------------------------------------------------------------------------


def test_plain_text_is_decoded_with_its_header_charset():
    body = "  Pressemitteilung: Bürgerbüro öffnet am 2. Mai.\n".encode("cp1252")

    content = extract_content(body, "text/plain; charset=windows-1252", "")

    assert content == Content(
        text="Pressemitteilung: Bürgerbüro öffnet am 2. Mai.",
        kind="text",
        metadata=content.metadata,
    )


def test_plain_text_without_charset_is_read_as_utf8():
    content = extract_content("Grüße aus Köln".encode(), "text/plain", "")

    assert (content.kind, content.text) == ("text", "Grüße aus Köln")


def test_image_is_kind_other_without_text():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)

    content = extract_content(png, "image/png", "https://e.example/bild.png")

    assert (content.kind, content.text) == ("other", "")


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (fixture("article_de.html"), "text/html"),
        (REPORT_PDF, "application/pdf"),
        (REPORT_PDF[:100], "application/pdf"),
        (b"Hallo", "text/plain"),
        (b"\x89PNG", "image/png"),
    ],
)
def test_metadata_repeats_the_fields_and_is_json_serializable(body, content_type):
    content = extract_content(body, content_type, ARTICLE_URL)

    metadata = json.loads(json.dumps(content.metadata))
    assert metadata["kind"] == content.kind
    assert metadata["title"] == content.title
    assert metadata["published"] == (content.published and content.published.isoformat())


# --- properties -----------------------------------------------------------------------------

# Prefixes steer generated bytes past the first checks into the parsers.
PREFIXES = st.sampled_from(
    [b"", b"%PDF-1.4\n", b"<html><body>", b"\xef\xbb\xbf<!DOCTYPE html><html>", b"\xff\xfe"]
)
BODIES = st.one_of(st.binary(max_size=2000), st.tuples(PREFIXES, st.binary()).map(b"".join))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    body=BODIES,
    content_type=st.sampled_from(
        ["text/html", "text/html; charset=utf-16", "application/pdf", "text/plain"]
    ),
)
def test_arbitrary_bytes_never_raise(body, content_type):
    content = extract_content(body, content_type, "https://e.example/")

    assert isinstance(content, Content)
    assert content.text == content.text.strip()
    json.dumps(content.metadata)


def large_page(paragraphs: list[str], *, furniture: str = "") -> bytes:
    """A page beyond LARGE_HTML_CHARS: a headed article, then `paragraphs` repeated to size."""
    from sources.content import LARGE_HTML_CHARS

    block = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    filler = "<p>Weitere Zahlen aus dem Jahresbericht der Stadtwerke.</p>\n"
    body = block + filler * (LARGE_HTML_CHARS // len(filler) + 1)
    return (
        '<!doctype html><html lang="de"><head><meta charset="utf-8">'
        "<title>Stadtwerke melden Rekord</title>"
        '<meta name="author" content="Lena Hartmann"><script>var tracking = "x";</script>'
        f"</head><body><nav>Startseite | Politik</nav>{furniture}"
        f"<article><h1>Stadtwerke melden Rekord</h1>{body}</article>"
        "<footer>Impressum | Datenschutz</footer></body></html>"
    ).encode()


def test_a_large_page_is_read_as_a_stream_with_its_text_and_metadata():
    body = large_page(["Die Stadtwerke haben 85 Millionen Fahrgäste befördert."])

    content = extract_content(body, "text/html; charset=utf-8", ARTICLE_URL)

    assert content.metadata["reader"] == "stream"  # not parsed whole (memory: bench/archive.py)
    assert content.text.startswith(
        "Stadtwerke melden Rekord\nDie Stadtwerke haben 85 Millionen Fahrgäste befördert.\n"
    )
    assert (content.title, content.author, content.language) == (
        "Stadtwerke melden Rekord",
        "Lena Hartmann",
        "de",
    )


def test_a_large_page_leaves_out_navigation_footer_scripts_and_forms():
    body = large_page(
        ["Der Rat stimmte zu."],
        furniture="<aside>Mehr zum Thema</aside><form><button>Suchen</button></form>",
    )

    text = extract_content(body, "text/html", ARTICLE_URL).text

    for furniture in ("Startseite", "Impressum", "tracking", "Mehr zum Thema", "Suchen"):
        assert furniture not in text


def test_a_large_page_keeps_loose_text_and_nested_paragraphs_once():
    body = large_page(
        ["<span>Erstens</span> die Kosten", "Zweitens<div>der Zeitplan</div>"]
    ).replace(b"<article>", b"<article><div>Vorab: <p>Innen</p>danach</div>")

    lines = extract_content(body, "text/html", ARTICLE_URL).text.splitlines()

    # An element's loose text follows the paragraphs inside it; nothing comes twice.
    assert lines[:6] == [
        "Innen",
        "Vorab: danach",
        "Stadtwerke melden Rekord",
        "Erstens die Kosten",
        "Zweitens",  # a <div> closes the <p> it appears in, as in a browser
        "der Zeitplan",
    ]
