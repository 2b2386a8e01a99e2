"""Soft delete, one way for notes, ambitions and coalitions.

A deleted item keeps its row with `deleted_at` set, so a slip can be undone. Each such
model has two managers:

- `objects`, its default manager, hands out only what is not deleted, so every list,
  count, export, poster, vote and reverse relation (`network.notes`, `actor.coalitions`)
  leaves deleted items out without having to remember it;
- `all_objects` finds deleted ones too: for the undo, the admin, and whatever must see
  a network's every row (replacing its canvas, its fingerprint).

Both answer `.alive()` and `.deleted()`. Related objects (`dot.note`) still load through
Django's plain base manager.
"""

from django.db import models


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self):
        """Return the items that are not deleted."""
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        """Return the deleted items, waiting for their undo."""
        return self.filter(deleted_at__isnull=False)


class AliveManager(models.Manager.from_queryset(SoftDeleteQuerySet)):
    """The default manager of a soft-deleted model: only what is not deleted."""

    def get_queryset(self):
        return super().get_queryset().alive()
