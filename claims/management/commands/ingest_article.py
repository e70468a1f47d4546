from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_datetime

from claims import services
from claims.extraction import SUPPORTED, ExtractionError
from claims.management.text_input import read_text
from claims.models import Article


class Command(BaseCommand):
    help = "Store an article from a text file (or - for stdin), extract its claims, print its id."

    def add_arguments(self, parser):
        parser.add_argument("file", help="plain-text file in UTF-8, or - to read stdin")
        parser.add_argument("--title", help="default: the first line, if it is short")
        parser.add_argument("--lang", choices=SUPPORTED, help="language (default: detected)")
        parser.add_argument("--url", default="")
        parser.add_argument("--outlet", default="")
        parser.add_argument("--author", default="")
        parser.add_argument("--published-at", help="ISO date and time of publication")

    def handle(self, *args, **options):
        body = read_text(options["file"]).strip()
        if not body:
            raise CommandError(f"{options['file']} holds no text.")
        published_at = None
        if options["published_at"]:
            published_at = parse_datetime(options["published_at"])
            if published_at is None:
                raise CommandError(
                    f"--published-at {options['published_at']!r} is not an ISO date."
                )
        article = Article(
            title=options["title"] or _title(body, options["file"]),
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


def _title(body: str, file: str) -> str:
    first_line = body.splitlines()[0].strip()
    if len(first_line) <= 200:
        return first_line
    return "stdin" if file == "-" else Path(file).stem
