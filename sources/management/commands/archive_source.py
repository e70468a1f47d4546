from django.core.management.base import BaseCommand, CommandError

from sources import services


class Command(BaseCommand):
    help = "Fetch and archive one URL now (through the safe fetcher) and print the capture."

    def add_arguments(self, parser):
        parser.add_argument("url")

    def handle(self, *args, url, **options):
        try:
            source = services.source_for_url(url)
            outcome = services.archive(source)
        except services.SourceError as refused:
            raise CommandError(str(refused)) from None
        except services.Retry as failure:
            raise CommandError(f"Not archived, try again later: {failure}") from None
        capture = outcome.capture
        if capture is None:
            raise CommandError(f"Not archived: {outcome.message}")
        self.stdout.write(
            "\n".join(
                [
                    f"capture {capture.pk} of source {source.pk}",
                    f"url:          {source.url}",
                    f"final url:    {capture.final_url}",
                    f"status:       {capture.http_status}",
                    f"content type: {capture.content_type}",
                    f"size:         {capture.size} bytes",
                    f"sha256:       {capture.sha256}",
                    f"warc:         {capture.warc.name}",
                    f"title:        {source.title}",
                    f"text:         {len(capture.text)} characters",
                ]
            )
        )
