import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from matching import services
from matching.feeds import FeedError, read_claimreviews

# Below this many reviews the import takes a moment: no progress bar.
PROGRESS_FROM = 1000


class Command(BaseCommand):
    help = (
        "Import other fact-checkers' ClaimReview from a file ('-' for stdin) or a URL: a "
        "schema.org DataFeed, a page with ClaimReview JSON-LD, a list of ClaimReview "
        "objects or a Fact Check Tools export. Prints 'N new, N updated, N unchanged, N skipped'."
    )

    stealth_options = ("stdin",)  # what '-' reads; sys.stdin unless given (tests)

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="FILE|URL")

    def handle(self, *args, **options):
        source = options["source"]
        try:
            reviews = self.read(source, options.get("stdin") or sys.stdin.buffer)
        except FeedError as error:
            raise CommandError(str(error)) from None
        for reason in reviews.skipped:
            self.stderr.write(reason)
        with tqdm(
            total=len(reviews),
            unit=" reviews",
            file=sys.stderr,
            disable=len(reviews) < PROGRESS_FROM,
        ) as bar:
            result = services.import_claimreviews(reviews, progress=bar.update)
        # The summary is what scripts read (DESIGN.md): the same words in every language.
        self.stdout.write(
            f"{result.created} new, {result.updated} updated, "
            f"{result.unchanged} unchanged, {result.skipped} skipped"
        )

    def read(self, source: str, stdin):
        if source.lower().startswith(("http://", "https://")):
            return services.fetch_claimreviews(source)  # the safe fetcher, like a feed
        if source == "-":
            return read_claimreviews(stdin.read(), "")
        try:
            payload = Path(source).read_bytes()
        except OSError as failure:
            raise CommandError(
                _("Cannot read %(file)s: %(reason)s.")
                % {"file": source, "reason": failure.strerror or failure}
            ) from None
        html = Path(source).suffix.lower() in (".html", ".htm")
        return read_claimreviews(payload, "text/html" if html else "")
