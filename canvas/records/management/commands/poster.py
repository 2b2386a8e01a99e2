from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from canvas.records import poster
from canvas.records.models import CanvasVersion
from networks.models import Network


class Command(BaseCommand):
    help = (
        "Write a network's canvas as a PDF poster (A3–A0, landscape), or its coalition "
        "sheets (one A4 page per coalition) with --coalitions."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--size",
            choices=list(poster.SIZES),
            default=poster.DEFAULT_SIZE,
            help="Paper size of the poster (default A1).",
        )
        parser.add_argument(
            "-o",
            "--output",
            type=Path,
            help="The PDF file to write (default: SLUG-SIZE.pdf or SLUG-coalities.pdf).",
        )
        parser.add_argument(
            "--coalitions", action="store_true", help="Write the coalition sheets instead."
        )
        parser.add_argument(
            "--coalition",
            type=int,
            metavar="ID",
            help="Only the sheet of this coalition (its id); implies --coalitions.",
        )
        parser.add_argument(
            "--saved-version",
            dest="canvas_version",
            type=int,
            metavar="ID",
            help="Print this saved version (its id) instead of the canvas as it is now.",
        )
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
        )

    def handle(self, *args, slug, size, output, coalitions, coalition, canvas_version, **options):
        try:
            network = Network.objects.get(slug=slug)
        except Network.DoesNotExist:
            raise CommandError(f"Geen netwerk met slug “{slug}”.") from None
        with translation.override(options["language"]):
            source, label, when = self._canvas(network, canvas_version)
            if coalitions or coalition is not None:
                only = self._coalition_name(network, coalition, source.document())
                # The canvas now: its people (no addresses: no reader) and open actions.
                extras = None if canvas_version else poster.sheet_extras(network, None)
                pdf = poster.sheets_pdf(source, only=only, label=label, when=when, extras=extras)
                default = f"{slug}-coalities.pdf"
            else:
                extras = None if canvas_version else poster.sheet_extras(network, None)
                pdf = poster.poster_pdf(source, size, label=label, when=when, extras=extras)
                default = f"{slug}-{size}.pdf"
        output = output or Path(default)
        try:
            output.write_bytes(pdf)
        except OSError as error:
            raise CommandError(f"{output}: {error.strerror}") from None
        self.stdout.write(f"{output} ({len(pdf) // 1024} kB)")

    def _canvas(self, network, version_id):
        """Return the source, label and date to print: now, or a saved version."""
        if version_id is None:
            return poster.Source(network=network), "", None
        try:
            version = network.versions.get(pk=version_id)
        except CanvasVersion.DoesNotExist:
            raise CommandError(f"Geen versie {version_id} van “{network.slug}”.") from None
        return poster.Source(document=version.document), version.title, version.created_at

    def _coalition_name(self, network, coalition_id, document):
        if coalition_id is None:
            return None
        coalition = network.coalitions.filter(pk=coalition_id).first()
        names = {item["name"] for item in document.get("coalitions", [])}
        if coalition is None or coalition.name not in names:
            raise CommandError(f"Geen coalitie {coalition_id} in “{network.slug}”.")
        return coalition.name
