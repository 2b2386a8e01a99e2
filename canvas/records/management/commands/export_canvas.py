from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from canvas.records.interchange import dumps, export_network
from networks.models import Network


class Command(BaseCommand):
    help = "Write a network's canvas as a netwerkcanvas/1 JSON document."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("-o", "--output", type=Path, help="Write to this file, not stdout.")

    def handle(self, *args, slug, output, **options):
        try:
            network = Network.objects.get(slug=slug)
        except Network.DoesNotExist:
            raise CommandError(f"Geen netwerk met slug “{slug}”.") from None
        text = dumps(export_network(network))
        if output:
            output.write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
