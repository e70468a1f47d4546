from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from claims import selectors, services
from claims.extraction import SUPPORTED, ExtractionError
from claims.management.text_input import read_text
from claims.models import Article
from claims.text import normalize_body, split_headline


class Command(BaseCommand):
    help = "Store an article from a text file (or - for stdin), extract its claims, print its id."

    def add_arguments(self, parser):
        parser.add_argument("file", help="plain-text file in UTF-8, or - to read stdin")
        parser.add_argument(
            "--title",
            help="default: the first line when it is a headline (short, without final "
            "punctuation, more text below), which is then not part of the body",
        )
        parser.add_argument("--lang", choices=SUPPORTED, help="language (default: detected)")
        parser.add_argument("--url", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--author", default="")
        parser.add_argument(
            "--published-at",
            help="ISO date and time of publication; without an offset, in TIME_ZONE",
        )
        parser.add_argument(
            "--allow-duplicate",
            action="store_true",
            help="store it even when the same URL or the same text is stored already",
        )

    def handle(self, *args, **options):
        body = normalize_body(read_text(options["file"])).strip()
        if not body:
            raise CommandError(f"{options['file']} holds no text.")
        published_at = _published_at(options["published_at"])
        title = options["title"]
        if not title:
            headline = split_headline(body)
            if headline:
                title, body = headline
            else:
                title = _title(body, options["file"])
        if not options["allow_duplicate"]:
            existing = selectors.duplicate_of(url=options["url"], body=body, external_id="")
            if existing is not None:
                same = " and ".join(existing.duplicate_by)
                self.stderr.write(
                    f"ingest_article: the same article is stored already as article "
                    f"{existing.pk} (same {same})."
                )
                raise SystemExit(1)
        article = Article(
            title=title,
            body=body,
            language=options["lang"] or "",
            url=options["url"],
            outlet=options["outlet"],
            author=options["author"],
            published_at=published_at,
        )
        try:
            summary = services.save_article(article)
        except ExtractionError as refused:
            raise CommandError(str(refused)) from None
        self.stderr.write(f"Article {article.pk} ({article.language}): {summary}")
        self.stdout.write(str(article.pk))


def _published_at(value: str | None):
    if not value:
        return None
    published_at = parse_datetime(value)
    if published_at is None:
        raise CommandError(f"--published-at {value!r} is not an ISO date.")
    if timezone.is_naive(published_at):
        # A time without an offset is the newsroom's own (settings.TIME_ZONE).
        published_at = timezone.make_aware(published_at, timezone.get_default_timezone())
    return published_at


def _title(body: str, file: str) -> str:
    """Without a headline: the first line when it is short (it stays in the body)."""
    first_line = body.splitlines()[0].strip()
    if len(first_line) <= 200:
        return first_line
    return "stdin" if file == "-" else Path(file).stem
