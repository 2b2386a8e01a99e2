"""Measure what a hostile import file costs the server: `uv run manage.py bench_import`.

Posts files to `/importeren/` through Django's test client (the server's own time: the
upload's parsing, the form, validation, the page), on the configured database, inside a
transaction that is rolled back: nothing stays behind. Per file it prints the answer's
status and size, the wall-clock and CPU time, and the peak of Python's allocations.

The files: the review's 293 KiB document of 100,000 invalid items; 15,000 invalid items
(within the value limit: the first 50 faults are listed); 5 MB of invalid items (just
within the upload limit) and one byte more; and the largest document of valid notes
the value limit lets through, which is imported.
"""

import html
import json
import re
import time
import tracemalloc

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand
from django.db import transaction
from django.test import Client

from canvas.prompts import NOTE_BLOCKS
from canvas.records.forms import MAX_IMPORT_BYTES
from canvas.records.interchange import FORMAT, MAX_VALUES
from networks.models import User

HEAD = '{"format":"netwerkcanvas/1","network":{"name":"x"},"identity":{"passion":['


def invalid_items(count):
    """The review's document: `count` notes that are the number 1, as `[1, 1, …]`."""
    return (HEAD + ", ".join(["1"] * count) + "]}}").encode()


def invalid_bytes(size):
    """A document of invalid items of exactly `size` bytes."""
    tail = "]}}"
    items = ", ".join(["1"] * ((size - len(HEAD) - len(tail) + 2) // 3))
    text = HEAD + items + tail
    return (text + " " * (size - len(text))).encode()


def valid_notes(values):
    """A valid document of short notes spread over the prompts, of about `values` values."""
    prompts = [(block.slug, prompt.slug) for block in NOTE_BLOCKS for prompt in block.prompts]
    document = {"format": FORMAT, "network": {"name": "Meting import"}}
    for block, prompt in prompts:
        document.setdefault(block, {})[prompt] = []
    for i in range(values - 4 - len(NOTE_BLOCKS) - len(prompts)):
        block, prompt = prompts[i % len(prompts)]
        document[block][prompt].append(f"Notitie {i}")
    return json.dumps(document, ensure_ascii=False).encode()


class Command(BaseCommand):
    help = "Time hostile and large import files through the web import (rolled back)."

    def handle(self, *args, **options):
        files = [
            ("100,000 invalid items", invalid_items(100_000)),
            ("15,000 invalid items", invalid_items(15_000)),
            ("5 MB of invalid items", invalid_bytes(MAX_IMPORT_BYTES)),
            ("5 MB + 1 byte", invalid_bytes(MAX_IMPORT_BYTES + 1)),
            (f"valid, {MAX_VALUES:,} values", valid_notes(MAX_VALUES)),
        ]
        self.stdout.write(
            f"{'file':<26} {'size':>10} {'status':>6} {'answer':>10} {'wall':>7} {'CPU':>7} "
            f"{'peak':>8}"
        )
        for label, content in files:
            with transaction.atomic():
                user = User.objects.create_user("bench-import@example.org", "bench-import-pw")
                client = Client(HTTP_HOST="localhost")
                client.force_login(user)
                timing = self._post(client, content, trace=False)
                peak = self._post(client, content, trace=True)
                transaction.set_rollback(True)
            status, size, wall, cpu, first = timing
            self.stdout.write(
                f"{label:<26} {len(content) / 1024:>7.0f} KiB {status:>6} "
                f"{size / 1024:>6.1f} KiB {wall:>6.2f}s {cpu:>6.2f}s {peak / 2**20:>5.0f} MiB"
                f"  {first}"
            )

    def _post(self, client, content, *, trace):
        upload = SimpleUploadedFile("canvas.json", content, content_type="application/json")
        if trace:
            tracemalloc.start()
        wall, cpu = time.perf_counter(), time.process_time()
        with transaction.atomic():
            response = client.post("/importeren/", {"file": upload})
            transaction.set_rollback(True)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        if trace:
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            return peak
        # The last line of the message next to the field: what the person reads last.
        block = re.search(r'<ul class="faults"[^>]*>(.*?)</ul>', response.content.decode(), re.S)
        lines = re.findall(r"<li>(.*?)</li>", block.group(1)) if block else [""]
        last = html.unescape(lines[-1])
        return response.status_code, len(response.content), wall, cpu, last[:70]
