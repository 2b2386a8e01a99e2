import json
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from canvas.records.interchange import EXAMPLE_PATH, import_network
from canvas.tools.demo_region import add_region, add_scans
from networks.models import Membership, Network

# Local demo accounts: (role, email, name, password). Never for production data.
DEMO_ACCOUNTS = [
    (
        Membership.Role.FACILITATOR,
        "facilitator@example.org",
        "Fenna Facilitator",
        "canvas-facilitator",
    ),
    (
        Membership.Role.COORDINATOR,
        "coordinator@example.org",
        "Cas Coördinator",
        "canvas-coordinator",
    ),
    (Membership.Role.MEMBER, "deelnemer@example.org", "Dewi Deelnemer", "canvas-deelnemer"),
]


class Command(BaseCommand):
    help = "Migrate, load the demo network and its accounts, and serve the app."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--no-serve", action="store_true", help="Set up, but do not serve.")

    def handle(self, *args, port, no_serve, **options):
        if not settings.DEBUG:
            raise CommandError("The demo creates accounts with known passwords: DEBUG must be on.")
        call_command("migrate", verbosity=0, interactive=False)
        network = self._demo_network()
        self.stdout.write(f"Demo-netwerk: {network.name} (/n/{network.slug}/)")
        for role, email, password in self._demo_accounts(network):
            self.stdout.write(f"{role}: {email} / {password}")
        # Neighbouring networks (the coordinator's meta-network) and two past scans.
        coordinator = get_user_model().objects.get(email__iexact=DEMO_ACCOUNTS[1][1])
        add_region(network, coordinator)
        add_scans(network)
        if not no_serve:
            self._serve(port)

    def _serve(self, port):
        """Serve the ASGI app: live event streams need it (under WSGI they stay silent)."""
        import uvicorn

        connections.close_all()  # the server's threads open their own
        if "SITE_URL" not in os.environ:  # links in mail name the port it serves on
            settings.SITE_URL = f"http://127.0.0.1:{port}"
        self.stdout.write(f"http://127.0.0.1:{port}/ (Ctrl-C stopt)")
        uvicorn.run(
            "canvas.asgi:application",
            host="127.0.0.1",
            port=port,
            timeout_graceful_shutdown=3,  # open event streams would block Ctrl-C otherwise
            log_level="warning",
        )

    @transaction.atomic
    def _demo_network(self):
        data = json.loads(EXAMPLE_PATH.read_text(encoding="utf-8"))
        # The demo network is recognised by name, so a second run adds nothing.
        network = Network.objects.filter(name=data["network"]["name"]).first()
        return network or import_network(data)

    @transaction.atomic
    def _demo_accounts(self, network):
        User = get_user_model()
        logins = []
        for role, email, name, password in DEMO_ACCOUNTS:
            user = User.objects.filter(email__iexact=email).first()
            if user is None:
                user = User.objects.create_user(email, password, name=name)
            else:
                user.set_password(password)  # the printed login must keep working
                user.save(update_fields=["password"])
            Membership.objects.update_or_create(network=network, user=user, defaults={"role": role})
            logins.append((role.value, email, password))
        return logins
