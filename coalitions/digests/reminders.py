"""Where reminders come from: a small interface, so whatever has due dates can register.

A source is a callable `source(today)` that returns the items due soon. An item needs:

- `owner`: the person to remind (a User; guests and people without an address are skipped),
- `due_date`: a `datetime.date`,
- `title`: what is due, as its owner wrote it,
- optionally `network` (for the mail's wording), `get_absolute_url()` (a link to it) and
  `reminder_key` (what makes a reminder unique; by default the item's type, id and due
  date, so a new due date gets a new reminder).

Register it once, from the AppConfig.ready() of the app that owns the items:

    reminders.register_source(lambda today: Action.objects.open().due_before(today + DAYS))

Plain data: imports nothing of the rooms, so any app may register.
"""

from datetime import timedelta

# How many days before its due date an owner hears of an item.
DAYS_BEFORE = 2

_sources = []


def register_source(source):
    if source not in _sources:
        _sources.append(source)


def sources():
    return list(_sources)


def key_of(item):
    """Return what makes the reminder of `item` unique: sent once per item and due date."""
    key = getattr(item, "reminder_key", None)
    return key or f"{type(item).__name__.lower()}:{item.pk}:{item.due_date.isoformat()}"


def due_soon(items, today, days_before=DAYS_BEFORE):
    """Return the items whose due date is from `today` to `days_before` days after it."""
    last = today + timedelta(days=days_before)
    return [item for item in items if item.due_date is not None and today <= item.due_date <= last]
