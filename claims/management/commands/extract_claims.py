import datetime as dt
import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.extraction import (
    SUPPORTED,
    ExtractionError,
    RankingModel,
    detect_language,
    extract_claims,
    load_base_model,
)
from claims.management.text_input import read_text


class Command(BaseCommand):
    help = (
        "Print the claims of an article (a text file, or - for stdin): the candidates at or "
        "above the ranking model's threshold, then the other sentences. Touches no database."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="plain-text file in UTF-8, or - to read stdin")
        parser.add_argument("--lang", choices=SUPPORTED, help="language (default: detected)")
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--published-at",
            type=dt.date.fromisoformat,
            help="publication date (YYYY-MM-DD), to resolve 'am Mittwoch', 'last year' ...",
        )
        parser.add_argument(
            "--model",
            help="a ranking model's weights file (JSON); default: the shipped base model",
        )

    def handle(self, *args, **options):
        text = read_text(options["file"])
        language = options["lang"]
        try:
            model = RankingModel.load(options["model"]) if options["model"] else load_base_model()
        except (OSError, ValueError, KeyError) as refused:
            raise CommandError(f"Cannot read the model {options['model']}: {refused}") from None
        try:
            language = language or detect_language(text)
            candidates = extract_claims(
                text,
                language,
                options["published_at"],
                model=model,
                min_checkworthiness=0,
                max_chars=settings.EXTRACTION_MAX_CHARS,
            )
        except ExtractionError as refused:
            raise CommandError(str(refused)) from None
        claims = [c for c in candidates if c.checkworthiness >= model.threshold]
        other = [c for c in candidates if c.checkworthiness < model.threshold]
        if options["format"] == "json":
            document = {
                "language": language,
                "model": {"version": model.version, "threshold": model.threshold},
                "claims": [c.to_dict() for c in claims],
                "other": [c.to_dict() for c in other],
            }
            self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))
            return
        for claim in claims:
            self._line(claim)
        if other:
            self.stdout.write(f"other sentences (below {model.threshold:.2f}):")
            for claim in other:
                self._line(claim)
        self.stdout.write(
            f"{len(claims)} claims, {len(other)} other sentences ({language}, "
            f"model {model.version})"
        )

    def _line(self, claim):
        speaker = f" — {claim.speaker.name}" if claim.speaker else ""
        self.stdout.write(
            f"[{claim.start}:{claim.end}] {claim.kind} {claim.checkworthiness:.2f}{speaker}\n"
            f"    {claim.text}"
        )
