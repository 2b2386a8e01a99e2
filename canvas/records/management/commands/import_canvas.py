from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from canvas.records.interchange import DocumentError, import_network, parse


class Command(BaseCommand):
    help = "Import a netwerkcanvas/1 JSON file as a new network; prints the new network's slug."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--facilitator",
            metavar="EMAIL",
            help="Make this existing user a facilitator of the imported network.",
        )

    def handle(self, *args, file, facilitator, **options):
        user = None
        if facilitator:
            try:
                user = get_user_model().objects.get(email__iexact=facilitator)
            except get_user_model().DoesNotExist:
                raise CommandError(f"Geen gebruiker met e-mailadres {facilitator}.") from None
        try:
            data = parse(file.read_bytes())
            network = import_network(data, facilitator=user)
        except OSError as error:
            raise CommandError(f"{file}: {error.strerror}") from None
        except DocumentError as error:
            raise CommandError(
                f"{file} is geen geldig netwerkcanvas/1-document:\n{error}"
            ) from None
        self.stdout.write(f"Netwerk “{network.name}” geïmporteerd.")
        self.stdout.write(network.slug)
