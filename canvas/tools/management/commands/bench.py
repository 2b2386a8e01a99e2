"""`uv run manage.py bench`: time the board on a large network (see canvas.tools.bench)."""

import os
import uuid

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client, override_settings

from canvas.garbage import tune_garbage_collection
from canvas.records.interchange import import_network
from canvas.tools import bench_poster
from canvas.tools.bench import MEASUREMENTS, large_document
from networks.models import Actor, Network, User


class Command(BaseCommand):
    help = "Time the board and adding a note on a network of 400 notes, 60 actors, 30 coalitions."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=50, help="Requests per measurement.")
        parser.add_argument("--notes", type=int, default=400)
        parser.add_argument("--actors", type=int, default=60)
        parser.add_argument("--ambitions", type=int, default=30)
        parser.add_argument("--coalitions", type=int, default=30)
        parser.add_argument("--skip-posters", action="store_true", help="Leave out the posters.")

    def handle(
        self, *args, requests, notes, actors, ambitions, coalitions, skip_posters, **options
    ):
        # As the server does once its application is built (canvas/asgi.py).
        tune_garbage_collection()
        call_command("migrate", verbosity=0, interactive=False)
        document = large_document(
            notes=notes, actors=actors, ambitions=ambitions, coalitions=coalitions
        )
        user = User.objects.create_user(
            f"bench-{uuid.uuid4().hex[:8]}@example.invalid", None, name="Bench Facilitator"
        )
        network = import_network(document, facilitator=user)
        self.stdout.write(
            f"Netwerk: {notes} notities, {actors} actoren, {ambitions} ambities, "
            f"{coalitions} coalities; {requests} verzoeken per meting ({connection.vendor})."
        )
        try:
            with override_settings(ALLOWED_HOSTS=["testserver"]):
                client = Client()
                client.force_login(user)
                figures = [measure(client, network, requests) for measure in MEASUREMENTS]
        finally:
            self._clean_up(network, user, document)
        # "min" is the request's cost when nothing else wanted the CPU: on a shared machine
        # it tells the code's speed apart from the queue for a core.
        self.stdout.write(
            f"{'meting':<18}{'min ms':>8}{'p50 ms':>8}{'p95 ms':>8}{'doel p95':>10}"
            f"{'cpu p50':>9}{'cpu p95':>9}{'queries':>9}{'calls':>9}"
        )
        for figure in figures:
            self.stdout.write(
                f"{figure.name:<18}{figure.percentile(0):>8.1f}{figure.percentile(50):>8.1f}"
                f"{figure.percentile(95):>8.1f}{figure.target_p95_ms:>8.0f}"
                f"{'' if figure.ok else ' !':<2}"
                f"{figure.cpu_percentile(50):>9.1f}{figure.cpu_percentile(95):>9.1f}"
                f"{figure.queries:>9}{figure.calls or '-':>9}"
            )
        self.stdout.write(f"Belasting van de machine (1/5/15 min): {os.getloadavg()}")
        if not skip_posters:
            self.stdout.write("")
            bench_poster.measure(self.stdout)

    def _clean_up(self, network, user, document):
        Network.objects.filter(pk=network.pk).delete()
        user.delete()
        names = [actor["name"] for actor in document["actors"]]
        Actor.objects.filter(name__in=names, network_actors__isnull=True).delete()
