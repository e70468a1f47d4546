import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction import SUPPORTED, ExtractionError, detect_language, extract_claims
from claims.management.text_input import read_text


class Command(BaseCommand):
    help = "Print the claims of an article (a text file, or - for stdin). Touches no database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="plain-text file in UTF-8, or - to read stdin")
        parser.add_argument("--lang", choices=SUPPORTED, help="language (default: detected)")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--published-at",
            type=dt.date.fromisoformat,
            help="publication date (YYYY-MM-DD), to resolve 'am Mittwoch', 'last year' ...",
        )

    def handle(self, *args, **options):
        text = read_text(options["file"])
        language = options["lang"]
        try:
            language = language or detect_language(text)
            claims = extract_claims(
                text,
                language,
                options["published_at"],
                max_chars=settings.EXTRACTION_MAX_CHARS,
            )
        except ExtractionError as refused:
            raise CommandError(str(refused)) from None
        if options["format"] == "json":
            document = {"language": language, "claims": [c.to_dict() for c in claims]}
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for claim in claims:
            speaker = f" — {claim.speaker.name}" if claim.speaker else ""
            self.stdout.write(
                f"[{claim.start}:{claim.end}] {claim.kind} {claim.checkworthiness:.2f}{speaker}\n"
                f"    {claim.text}"
            )
        self.stdout.write(f"{len(claims)} claims ({language})")
