from django.core.management.base import BaseCommand, CommandError

from claims.models import ApiClient
from publishing.api_clients import create_api_client


class Command(BaseCommand):
    help = "Create an API client for a CMS and print its token (shown once, on the last line)."

    def add_arguments(self, parser):
        parser.add_argument("name")

    def handle(self, *args, name, **options):
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError("Give the client a name of 1 to 100 characters.")
        if ApiClient.objects.filter(name=name).exists():
            raise CommandError(f"An API client named {name!r} exists already.")
        client, token = create_api_client(name)
        self.stderr.write(
            f"API client {client.name!r} (id {client.pk}). Keep the token; it is shown once:"
        )
        self.stdout.write(token)
