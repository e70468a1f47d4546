from django.core.management.base import BaseCommand, CommandError

from claims.models import ApiClient
from publishing.api_clients import DEFAULT_SCOPES, UnknownScope, create_api_client


class Command(BaseCommand):
    help = (
        "Create an API client for a CMS and print its token (shown once, on the last line). "
        "Without --scope it gets every scope: " + ", ".join(DEFAULT_SCOPES) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("name")
        parser.add_argument(
            "--scope",
            action="append",
            dest="scopes",
            metavar="SCOPE",
            help="What the client may do; repeat for several. "
            + "; ".join(f"{scope.value}: {scope.label}" for scope in ApiClient.Scope),
        )

    def handle(self, *args, name, scopes=None, **options):
        name = name.strip()
        if not name or len(name) > 100:
            raise CommandError("Give the client a name of 1 to 100 characters.")
        if ApiClient.objects.filter(name=name).exists():
            raise CommandError(f"An API client named {name!r} exists already.")
        try:
            client, token = create_api_client(name, scopes or DEFAULT_SCOPES)
        except UnknownScope as unknown:
            raise CommandError(str(unknown)) from None
        self.stderr.write(
            f"API client {client.name!r} (id {client.pk}), scopes {', '.join(client.scopes)}. "
            "Keep the token; it is shown once:"
        )
        self.stdout.write(token)
