"""Import and export of the `netwerkcanvas/1` interchange format.

The one place that turns a network's canvas into a document and back: the management
commands, the web UI and saved versions all go through here.
"""

import hashlib
import json
import re
from functools import cache
from itertools import islice
from pathlib import Path

from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from canvas.identity.models import IdentityMap
from canvas.models import Cluster, Note
from canvas.prompts import NOTE_BLOCKS
from canvas.replies.models import Reply
from coalitions.actions.models import Action
from coalitions.models import Ambition, Coalition, CoalitionMember, Commitment
from networks.models import Activity, Actor, Membership, Network, NetworkActor, User

FORMAT = "netwerkcanvas/1"
DATA_DIR = Path(__file__).resolve().parent / "data"
EXAMPLE_PATH = DATA_DIR / "example-network.json"

# Bounds on the work one document may cost, whoever sends it: the faults listed (the rest
# are only announced), how deep it nests (the format needs 5 levels) and how many values
# it holds (a canvas of 400 notes has about 2,500).
MAX_FAULTS = 50
MAX_DEPTH = 12
MAX_VALUES = 20_000
# What a key is, to the end of the string: the schema's `$` lets a trailing newline through.
KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
# Text no database column stores: NUL (PostgreSQL refuses it) and lone surrogates (no
# UTF-8 encodes them).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class DocumentError(ValueError):
    """The document does not match `netwerkcanvas/1`; `faults` lists each fault with its path."""

    def __init__(self, faults):
        self.faults = faults
        super().__init__("\n".join(str(fault) for fault in faults))


class Fault:
    def __init__(self, path, message):
        self.path, self.message = path, message

    def __str__(self):
        return f"{self.path}: {self.message}" if self.path else self.message


def _short(value, limit=60):
    """Return `value` as text of at most `limit` characters, to quote in a message."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_path(parts):
    """Return a readable path such as `coalitions[2].core_partners[0]`."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{_short(part)}" if text else _short(part)
    return text or _("(document)")


def _more_faults():
    return Fault(
        "", _("… en nog meer fouten; de eerste %(count)d staan hierboven.") % {"count": MAX_FAULTS}
    )


@cache
def _validator():
    schema = json.loads((DATA_DIR / "netwerkcanvas-1.schema.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema)


_TYPE_NAMES = {
    "string": gettext_lazy("een tekst"),
    "array": gettext_lazy("een lijst"),
    "object": gettext_lazy("een object"),
    "integer": gettext_lazy("een geheel getal"),
}


def _bad_key(key):
    return _(
        "ongeldige sleutel “%(key)s”: gebruik letters, cijfers, _ . of - (hoogstens 64 tekens)"
    ) % {"key": _short(key)}


def _describe(error):
    """Return a Dutch message, and the path, for one JSON Schema error."""
    path = list(error.absolute_path)
    kind, value, instance = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = [key for key in value if key not in instance]
        return [*path, missing[0]], _("verplicht veld ontbreekt")
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        unknown = [key for key in instance if key not in allowed]
        return [*path, unknown[0]], _("onbekende sleutel “%(key)s”; toegestaan: %(allowed)s") % {
            "key": _short(unknown[0]),
            "allowed": ", ".join(allowed),
        }
    if kind == "maxLength":
        return path, _("te lang: %(length)d tekens, maximaal %(max)d") % {
            "length": len(instance),
            "max": value,
        }
    if kind == "minLength":
        return path, _("mag niet leeg zijn")
    if kind == "enum":
        return path, _("onbekende waarde “%(value)s”; kies uit: %(choices)s") % {
            "value": _short(instance),
            "choices": ", ".join(value),
        }
    if kind == "const":
        return path, _("verwacht “%(expected)s”, gevonden “%(found)s”") % {
            "expected": value,
            "found": _short(instance),
        }
    if kind == "type":
        return path, _("verwacht %(type)s") % {"type": _TYPE_NAMES.get(value, value)}
    if kind == "pattern":
        return path, _bad_key(instance)
    if kind == "minimum":
        return path, _("moet minstens %(min)s zijn") % {"min": value}
    if kind == "oneOf":  # only notes and rules are one of two shapes
        return path, _("verwacht een notitie: een tekst, of een object met “text”")
    if kind == "maximum":
        return path, _("moet hoogstens %(max)s zijn") % {"max": value}
    return path, _short(error.message, 200)


def _order(part):
    """Sort key of a path's part: positions in a list by number, keys by name."""
    return (0, part, "") if isinstance(part, int) else (1, 0, part)


def _schema_faults(data):
    """Return the first MAX_FAULTS faults, and one more saying there are more, if so.

    Validation stops there: a document of a million faults costs no more than one of 51.
    """
    errors = list(islice(_validator().iter_errors(data), MAX_FAULTS + 1))
    faults = []
    for error in sorted(errors[:MAX_FAULTS], key=lambda e: list(map(_order, e.path))):
        path, message = _describe(best_match([error]))
        faults.append(Fault(format_path(path), message))
    if len(errors) > MAX_FAULTS:
        faults.append(_more_faults())
    return faults


def _value_faults(data, *, saved=False):
    """Return faults no schema can state: too deep, too many values, text no database stores.

    Walks the document without recursion and stops at the first MAX_FAULTS faults, or
    as soon as it is too large: the schema's validator and the database never see such
    a document.
    """
    faults, stack, count = [], [(data, [], 1)], 1
    while stack:
        value, path, depth = stack.pop()
        children = ()
        if depth > MAX_DEPTH:
            faults.append(
                Fault(
                    format_path(path),
                    _("te diep genest: hoogstens %(max)d niveaus") % {"max": MAX_DEPTH},
                )
            )
        elif isinstance(value, str):
            found = _UNSTORABLE.search(value)
            if found:
                faults.append(_unstorable(path, found.group()))
        elif isinstance(value, dict):
            for key in value:
                found = _UNSTORABLE.search(key)
                if found:
                    faults.append(_unstorable(path, found.group()))
            children = value.items()
        elif isinstance(value, list):
            children = enumerate(value)
        count += len(value) if children else 0
        if count > MAX_VALUES and not saved:
            message = _("te groot: meer dan %(max)d waarden (400 notities zijn er zo’n 2.500)")
            return [Fault(_("(document)"), message % {"max": MAX_VALUES})]
        stack.extend(
            (item, [*path, key], depth + 1)
            for key, item in reversed(list(children))
            if not (isinstance(key, str) and _UNSTORABLE.search(key))
        )
        if len(faults) >= MAX_FAULTS:
            if stack:
                faults.append(_more_faults())
            break
    return faults


def _unstorable(path, char):
    return Fault(format_path(path), _("ongeldig teken U+%(code)04X") % {"code": ord(char)})


def _reference_faults(data):
    """Return faults in what the schema cannot check: unique keys and references."""
    faults = []

    def unique(items, field, label, *, fold=False):
        seen = {}
        for i, item in enumerate(items):
            value = item.get(field)
            folded = value.casefold() if fold and isinstance(value, str) else value
            if folded in seen:
                faults.append(
                    Fault(
                        format_path([label, i, field]),
                        _("“%(value)s” komt dubbel voor (ook bij %(other)s)")
                        % {"value": value, "other": format_path([label, seen[folded]])},
                    )
                )
            seen.setdefault(folded, i)
        return seen

    def well_formed(items, label):
        for i, item in enumerate(items):
            if not KEY.fullmatch(item["key"]):
                faults.append(
                    Fault(
                        format_path([label, i, "key"]),
                        _bad_key(item["key"].strip()),
                    )
                )

    actors = data.get("actors", [])
    well_formed(actors, "actors")
    well_formed(data.get("ambitions", []), "ambitions")
    actor_keys = unique(actors, "key", "actors")
    unique(actors, "name", "actors", fold=True)
    ambitions = data.get("ambitions", [])
    ambition_keys = unique(ambitions, "key", "ambitions")
    unique(ambitions, "title", "ambitions", fold=True)
    _cluster_faults(data, faults)
    coalitions = data.get("coalitions", [])
    unique(coalitions, "name", "coalitions", fold=True)
    for i, coalition in enumerate(coalitions):
        ambition = coalition.get("ambition")
        if ambition is not None and ambition not in ambition_keys:
            faults.append(
                Fault(
                    format_path(["coalitions", i, "ambition"]),
                    _("onbekende ambitie “%(key)s”") % {"key": ambition},
                )
            )
        seen = set()
        for j, key in enumerate(coalition.get("core_partners", [])):
            path = format_path(["coalitions", i, "core_partners", j])
            if key not in actor_keys:
                faults.append(Fault(path, _("onbekende actor “%(key)s”") % {"key": key}))
            elif key in seen:
                faults.append(Fault(path, _("actor “%(key)s” staat er dubbel in") % {"key": key}))
            seen.add(key)
    return faults


def _cluster_faults(data, faults):
    """Add the faults of the optional clusters: a name twice under one prompt (ignoring
    capitals), a note naming a cluster its prompt lacks."""
    clusters = data.get("clusters", {})
    for prompt, names in clusters.items():
        seen = {}
        for i, name in enumerate(names):
            if name.casefold() in seen:
                faults.append(
                    Fault(
                        format_path(["clusters", prompt, i]),
                        _("“%(value)s” komt dubbel voor (ook bij %(other)s)")
                        % {
                            "value": name,
                            "other": format_path(["clusters", prompt, seen[name.casefold()]]),
                        },
                    )
                )
            seen.setdefault(name.casefold(), i)
    for block in NOTE_BLOCKS:
        for prompt in block.prompts:
            names = set(clusters.get(prompt.slug, []))
            for i, note in enumerate(data.get(block.slug, {}).get(prompt.slug, [])):
                name = note.get("cluster") if isinstance(note, dict) else None
                if name is not None and name not in names:
                    faults.append(
                        Fault(
                            format_path([block.slug, prompt.slug, i, "cluster"]),
                            _("onbekende cluster “%(name)s” (niet in clusters.%(prompt)s)")
                            % {"name": name, "prompt": prompt.slug},
                        )
                    )


def _no_constant(name):
    raise ValueError(name)


def parse(text):
    """Return the JSON document in `text` (str or bytes), or raise DocumentError."""
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        if isinstance(error, json.JSONDecodeError):
            where = _("regel %(line)d, kolom %(col)d") % {"line": error.lineno, "col": error.colno}
        elif isinstance(error, UnicodeDecodeError):
            where = _("geen UTF-8")
        elif isinstance(error, RecursionError):
            where = _("te diep genest")
        elif str(error) in ("NaN", "Infinity", "-Infinity"):
            where = _("%(name)s is geen JSON") % {"name": error}
        else:  # Python refuses to read integers of more than 4,300 digits.
            where = _("een getal met te veel cijfers")
        raise DocumentError([Fault(_("(document)"), _("geen geldige JSON (%s)") % where)]) from None
    return data


def validate(data, *, saved=False):
    """Raise DocumentError listing the faults of `data` (the first MAX_FAULTS), or return None.

    `saved`: the document is a saved version of this installation (its own export), so
    its size is no one's attack: a canvas that outgrew MAX_VALUES can still be restored.
    """
    faults = _value_faults(data, saved=saved)
    if not faults:
        faults = _schema_faults(data)
    if not faults:
        faults = _reference_faults(data)
    if faults:
        raise DocumentError(faults)


def _note_kwargs(block, prompt, position, note, clusters):
    """Return a Note's fields from the document's `note`; `clusters` is {(prompt, name):
    cluster id} (see _replace_clusters)."""
    if isinstance(note, str):
        note = {"text": note}
    kwargs = {
        "block": block.slug,
        "prompt": prompt,
        "position": position,
        "text": note["text"],
        "author_name": note.get("author", ""),
        "votes": note.get("votes", 0),
        "cluster_id": clusters.get((prompt, note.get("cluster"))),
    }
    if block.has_status:
        kwargs["status"] = note.get("status", Note.Status.PROPOSED)
    return kwargs


def _fill(network, data):
    """Add the canvas of the (valid) document `data` to `network`, which is empty."""
    network_actors = {}
    for item in data.get("actors", []):
        actor = Actor.objects.filter(name__iexact=item["name"]).first()
        if actor is None:
            actor = Actor.objects.create(name=item["name"], kind=item.get("kind", ""))
        elif not actor.kind and item.get("kind"):
            actor.kind = item["kind"]
            actor.save(update_fields=["kind"])
        network_actors[item["key"]] = NetworkActor.objects.create(
            network=network, actor=actor, key=item["key"], role=item.get("role", "")
        )

    clusters = _replace_clusters(network, data)
    notes = []
    for block in NOTE_BLOCKS:
        prompts = data.get(block.slug, {})
        for prompt in block.prompts:
            for position, note in enumerate(prompts.get(prompt.slug, [])):
                kwargs = _note_kwargs(block, prompt.slug, position, note, clusters)
                notes.append(Note(network=network, **kwargs))
    Note.objects.bulk_create(notes)

    ambitions = {}
    for position, item in enumerate(data.get("ambitions", [])):
        ambitions[item["key"]] = Ambition.objects.create(
            network=network,
            key=item["key"],
            title=item["title"],
            description=item.get("description", ""),
            position=position,
        )

    for position, item in enumerate(data.get("coalitions", [])):
        coalition = Coalition.objects.create(
            network=network,
            name=item["name"],
            work_form=item.get("work_form", ""),
            ambition=ambitions.get(item.get("ambition")),
            target_group=item.get("target_group", ""),
            status=item.get("status", Coalition.Status.IDEA),
            position=position,
        )
        coalition.core_partners.set([network_actors[key] for key in item.get("core_partners", [])])
        Action.keep_next_step(coalition, item.get("next_step", ""))


@transaction.atomic
def import_network(data, *, facilitator=None):
    """Create a new network from the document `data` and return it; all or nothing.

    The document's `people` part, if any, is ignored: it names accounts of the
    installation that wrote it.
    """
    validate(data)
    info = data["network"]
    network = Network.objects.create(
        name=info["name"],
        slug=Network.unique_slug(info["name"]),
        description=info.get("description", ""),
        network_type=info.get("network_type", ""),
    )
    _fill(network, data)
    if facilitator is not None:
        Membership.objects.create(
            network=network, user=facilitator, role=Membership.Role.FACILITATOR
        )
        Activity.record(network, facilitator, "network.imported", subject=network.name)
    return network


def _export_note(note, block, clusters):
    fields = {"text": note.text}
    if note.author_display:
        fields["author"] = note.author_display
    if note.votes:
        fields["votes"] = note.votes
    if note.cluster_id in clusters:
        fields["cluster"] = clusters[note.cluster_id].name
    if block.has_status and (len(fields) > 1 or note.status != Note.Status.PROPOSED):
        fields["status"] = note.status
    return fields if len(fields) > 1 else note.text


def export_network(network, *, people=False, identity_map=False):
    """Return the `netwerkcanvas/1` document of the network's current canvas.

    With `people`, for the versions this installation stores, the document also holds
    its optional `people` part: who wrote which note and ambition, who committed to which
    ambition and who is in which coalition, by account id, so a restore brings them back.
    Exports leave it out: account ids mean nothing elsewhere.
    With `identity_map`, also for stored versions, it holds the optional `identity_map`
    part: the words and dots of the network's latest identiteitskaart, naming nobody.
    """
    info = {"name": network.name}
    if network.description:
        info["description"] = network.description
    if network.network_type:
        info["network_type"] = network.network_type
    document = {"format": FORMAT, "network": info}

    network_actors = list(network.network_actors.select_related("actor").order_by("id"))
    actors = []
    for network_actor in network_actors:
        item = {"key": network_actor.key, "name": network_actor.actor.name}
        if network_actor.actor.kind:
            item["kind"] = network_actor.actor.kind
        if network_actor.role:
            item["role"] = network_actor.role
        actors.append(item)
    document["actors"] = actors

    notes = {}
    for note in network.notes.revealed().select_related("author").order_by("position", "id"):
        notes.setdefault(note.prompt, []).append(note)
    clusters = {c.pk: c for c in network.clusters.order_by("prompt", "position", "id")}
    for block in NOTE_BLOCKS:
        document[block.slug] = {
            prompt.slug: [
                _export_note(note, block, clusters) for note in notes.get(prompt.slug, [])
            ]
            for prompt in block.prompts
        }
    note_people = [
        {
            "prompt": prompt,
            "index": index,
            **({"person": note.author_id} if note.author_id else {}),
            **({"anonymous": True} if note.anonymous else {}),
        }
        for prompt, items in notes.items()
        for index, note in enumerate(items)
        if note.author_id or note.anonymous
    ]

    ambitions = list(network.ambitions.order_by("position", "id"))
    document["ambitions"] = [
        {
            "key": a.key,
            "title": a.title,
            **({"description": a.description} if a.description else {}),
        }
        for a in ambitions
    ]
    keys = {network_actor.pk: network_actor.key for network_actor in network_actors}
    order = {network_actor.pk: i for i, network_actor in enumerate(network_actors)}
    coalitions = []
    for coalition in (
        network.coalitions.select_related("ambition")
        .prefetch_related("core_partners")
        .order_by("position", "id")
    ):
        item = {"name": coalition.name}
        if coalition.work_form:
            item["work_form"] = coalition.work_form
        if coalition.ambition:
            item["ambition"] = coalition.ambition.key
        if coalition.target_group:
            item["target_group"] = coalition.target_group
        partners = sorted(coalition.core_partners.all(), key=lambda na: order[na.pk])
        if partners:
            item["core_partners"] = [keys[na.pk] for na in partners]
        item["status"] = coalition.status
        if coalition.next_step:
            item["next_step"] = coalition.next_step
        coalitions.append(item)
    document["coalitions"] = coalitions
    if identity_map:
        latest = IdentityMap.objects.select_related("workshop").latest_of(network)
        if latest is not None:
            document["identity_map"] = latest.as_document()
    if clusters:  # optional: a canvas without clusters exports as it always did
        names = {}
        for cluster in clusters.values():
            names.setdefault(cluster.prompt, []).append(cluster.name)
        document["clusters"] = {
            prompt.slug: names[prompt.slug]
            for block in NOTE_BLOCKS
            for prompt in block.prompts
            if prompt.slug in names
        }
    if people:
        document["people"] = _export_people(network, ambitions, note_people)
        if replies := _export_replies(notes):
            document["people"]["replies"] = replies
    return document


def _export_replies(notes):
    """Return the replies under the document's notes (“Waarom?”), for a version's `people`
    part: by the note's prompt and index, with their text and who wrote them."""
    where = {
        note.pk: (prompt, index)
        for prompt, items in notes.items()
        for index, note in enumerate(items)
    }
    rows = (
        Reply.objects.filter(note__in=where, hidden=False)
        .select_related("author")
        .order_by("created_at", "id")
    )
    return [
        {
            "prompt": where[reply.note_id][0],
            "index": where[reply.note_id][1],
            "text": reply.text,
            **({"person": reply.author_id} if reply.author_id else {}),
            # The name too, for a restore after the account is gone (never an anonymous one's).
            **({"name": reply.author_display} if reply.author_display else {}),
            **({"anonymous": True} if reply.anonymous else {}),
        }
        for reply in rows
    ]


def _export_people(network, ambitions, note_people):
    """Return the `people` part of a version's document (see `export_network`)."""
    commitments = {}
    for commitment in Commitment.objects.filter(ambition__in=ambitions).order_by(
        "created_at", "id"
    ):
        commitments.setdefault(commitment.ambition_id, []).append(
            {"person": commitment.user_id, "level": commitment.level}
        )
    members = {}
    for member in CoalitionMember.objects.filter(
        coalition__network=network, coalition__deleted_at__isnull=True
    ).order_by("created_at", "id"):
        members.setdefault(member.coalition_id, []).append(
            {"person": member.user_id, "role": member.role}
        )
    return {
        "notes": note_people,
        "ambitions": [
            {
                "key": a.key,
                **({"created_by": a.created_by_id} if a.created_by_id else {}),
                "commitments": commitments.get(a.pk, []),
            }
            for a in ambitions
        ],
        "coalitions": [
            {"name": c.name, "members": members.get(c.pk, [])}
            for c in network.coalitions.order_by("position", "id")
        ],
    }


def without_people(document):
    """Return the document without its `people` part: what may leave the installation."""
    return {key: value for key, value in document.items() if key != "people"}


def fingerprint(network):
    """Return a hash that changes whenever the network's exported document may change.

    Cheaper than `export_network` (rows of values, no model objects), so an unchanged
    canvas is recognised fast, e.g. to serve its poster from the cache. It hashes more
    than the document holds (ids, times of change), so it may change when the document
    does not, never the other way round.
    """
    digest = hashlib.sha256()
    core_partners = Coalition.core_partners.through.objects.filter(coalition__network=network)
    for rows in (
        Network.objects.filter(pk=network.pk).values_list("name", "description", "network_type"),
        Note.all_objects.filter(network=network).values_list(
            "id",
            "prompt",
            "text",
            "author_name",
            "author_id",
            "author__name",
            "author__email",
            "votes",
            "status",
            "position",
            "cluster_id",
            "deleted_at",
            "updated_at",
        ),
        network.clusters.values_list("id", "prompt", "name", "position").order_by("id"),
        network.network_actors.values_list("id", "key", "role", "actor__name", "actor__kind"),
        network.ambitions.values_list(),
        network.coalitions.values_list(),
        core_partners.values_list("coalition_id", "networkactor_id").order_by("id"),
    ):
        digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


def dumps(document):
    """Return the document as the JSON text we write to files: UTF-8, indented, stable."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _replace_actors(network, data):
    """Make the network's actors the document's; return them by key.

    Actors match by name, the register's identity. An actor the document lacks leaves the
    network, unless a person represents it there: that link is not canvas content.
    """
    wanted = []
    for item in data.get("actors", []):
        actor = Actor.objects.filter(name__iexact=item["name"]).first()
        if actor is None:
            actor = Actor.objects.create(name=item["name"], kind=item.get("kind", ""))
        elif not actor.kind and item.get("kind"):
            actor.kind = item["kind"]
            actor.save(update_fields=["kind"])
        wanted.append((item, actor))
    current = {na.actor_id: na for na in network.network_actors.all()}
    wanted_ids = {actor.pk for _item, actor in wanted}
    kept = []
    for network_actor in current.values():
        if network_actor.actor_id not in wanted_ids:
            if network_actor.memberships.exists():
                kept.append((network_actor, network_actor.key))
            else:
                network_actor.delete()
    # Park every key first, so swapping keys between actors never collides.
    network.network_actors.update(key=Concat(Value("~"), Cast("pk", CharField())))
    by_key = {}
    for item, actor in wanted:
        network_actor = current.get(actor.pk) or NetworkActor(network=network, actor=actor)
        network_actor.key, network_actor.role = item["key"], item.get("role", "")
        network_actor.save()
        by_key[item["key"]] = network_actor
    for network_actor, key in kept:
        new_key, n = key, 2
        while new_key in by_key:  # shortened to stay within a key's 64 characters
            new_key, n = f"{key[: 63 - len(str(n))]}-{n}", n + 1
        network_actor.key = new_key
        network_actor.save(update_fields=["key"])
        by_key[new_key] = network_actor
    return by_key


class _People:
    """The `people` part of a version's document, ready for a restore.

    Authorship (of notes and ambitions) comes back for every account that still exists,
    also of people who left the network: it is theirs, should they return. Commitments
    and places in coalitions come back only for people who are still members: a restore
    does not quietly put someone back into a network they left (what they still have
    and the version holds, they keep).
    """

    def __init__(self, network, part):
        self.notes = {(item["prompt"], item["index"]): item for item in part.get("notes", [])}
        self.ambitions = {item["key"]: item for item in part.get("ambitions", [])}
        self.coalitions = {item["name"].casefold(): item for item in part.get("coalitions", [])}
        persons = {item["person"] for item in self.notes.values() if "person" in item}
        for item in self.ambitions.values():
            persons.update(c["person"] for c in item.get("commitments", []))
            if "created_by" in item:
                persons.add(item["created_by"])
        for item in self.coalitions.values():
            persons.update(m["person"] for m in item.get("members", []))
        persons.update(item["person"] for item in part.get("replies", []) if "person" in item)
        self.accounts = set(User.objects.filter(pk__in=persons).values_list("pk", flat=True))
        self.members = set(
            Membership.objects.filter(network=network, user__in=persons).values_list(
                "user_id", flat=True
            )
        )

    def note_author(self, prompt, index, written_name):
        """Return (author id, author name, anonymous) for the document's note."""
        item = self.notes.get((prompt, index), {})
        person = item.get("person") if item.get("person") in self.accounts else None
        # A note whose account is gone keeps the name written on it.
        return person, "" if person else written_name, bool(item.get("anonymous"))

    def account(self, person):
        return person if person in self.accounts else None

    def levels(self, ambition_key):
        """Return {user id: level} of the ambition's commitments in the version."""
        item = self.ambitions.get(ambition_key, {})
        return {c["person"]: c["level"] for c in item.get("commitments", [])}

    def roles(self, coalition_name):
        """Return {user id: role} of the coalition's people in the version."""
        item = self.coalitions.get(coalition_name.casefold(), {})
        return {m["person"]: m["role"] for m in item.get("members", [])}

    def set(self, rows, field, wanted, create):
        """Make `rows` (one per person) hold `wanted`, {user id: value}, as in the version.

        Rows that stay are kept (with their dates); a row is added only for a member.
        """
        for row in rows:
            value = wanted.pop(row.user_id, None)
            if value is None:
                row.delete()
            elif getattr(row, field) != value:
                type(row).objects.filter(pk=row.pk).update(**{field: value})
        for user_id, value in wanted.items():
            if user_id in self.members:
                create(user_id, value)


def _replace_clusters(network, data):
    """Make the network's clusters the document's; return {(prompt, name): cluster id}.

    A cluster of the same prompt and name (ignoring capitals) is kept, so its notes stay
    in it; the clusters the document lacks go (their notes stay, outside any cluster).
    """
    existing = {(c.prompt, c.name.casefold()): c for c in Cluster.objects.filter(network=network)}
    found = {}
    for prompt, names in data.get("clusters", {}).items():
        for position, name in enumerate(names):
            cluster = existing.pop((prompt, name.casefold()), None)
            if cluster is None:
                cluster = Cluster.objects.create(
                    network=network, prompt=prompt, name=name, position=position
                )
            elif (cluster.name, cluster.position) != (name, position):
                cluster.name, cluster.position = name, position
                cluster.save(update_fields=["name", "position"])
            found[(prompt, name)] = cluster.pk
    Cluster.objects.filter(pk__in=[c.pk for c in existing.values()]).delete()
    return found


def _replace_notes(network, data, people, now):
    """Make the network's notes the document's, keeping each note whose text stays.

    A note kept keeps its author, so its writer may still edit it. A note the document
    lacks is marked deleted, as by hand, not destroyed; a deleted note the document
    holds comes back (the living first, then the latest deleted): the same note, with
    its date and the dots of past votes. With `people` (restoring a version), each note
    gets the author it had in the version.
    """
    existing = {}
    # Hidden notes (silent writing in a running workshop) are in no document: they stay.
    notes = Note.all_objects.filter(network=network, hidden=False)  # deleted ones revive
    for note in notes.order_by(F("deleted_at").desc(nulls_first=True), "position", "id"):
        existing.setdefault((note.prompt, note.text), []).append(note)
    keep, create = set(), []
    clusters = _replace_clusters(network, data)
    for block in NOTE_BLOCKS:
        prompts = data.get(block.slug, {})
        for prompt in block.prompts:
            for position, item in enumerate(prompts.get(prompt.slug, [])):
                kwargs = _note_kwargs(block, prompt.slug, position, item, clusters)
                if people is not None:
                    author, name, anonymous = people.note_author(
                        prompt.slug, position, kwargs["author_name"]
                    )
                    kwargs.update(author_id=author, author_name=name, anonymous=anonymous)
                matches = existing.get((prompt.slug, kwargs["text"]))
                if not matches:
                    create.append(Note(network=network, **kwargs))
                    continue
                note = matches.pop(0)
                keep.add(note.pk)
                changed = note.is_deleted
                note.deleted_at = None
                if people is not None:
                    for name in ("author_id", "author_name", "anonymous"):
                        if getattr(note, name) != kwargs[name]:
                            setattr(note, name, kwargs[name])
                            changed = True
                elif kwargs["author_name"] != note.author_display:
                    # The document names another author: the name written on it wins.
                    note.author, note.author_name = None, kwargs["author_name"]
                    changed = True
                for name in ("position", "votes", "status", "cluster_id"):
                    if name in kwargs and getattr(note, name) != kwargs[name]:
                        setattr(note, name, kwargs[name])
                        changed = True
                if changed:
                    note.revision += 1
                    note.save()
    network.notes.revealed().exclude(pk__in=keep).update(deleted_at=now, updated_at=now)
    Note.objects.bulk_create(create)


def _restore_replies(network, items, people):
    """Give the restored notes the replies they had in the version (“Waarom?”).

    Replies the notes hold now stay (nothing written is lost by a restore; the version
    kept before it holds them too); a reply of the version they lack is added.
    """
    notes = {
        (note.prompt, note.position): note
        for note in Note.objects.revealed().filter(network=network)
    }
    have = {
        (reply.note_id, reply.text)
        for reply in Reply.objects.filter(note__in=[n.pk for n in notes.values()])
    }
    create = []
    for item in items:
        note = notes.get((item["prompt"], item["index"]))
        if note is None or (note.pk, item["text"]) in have:
            continue
        have.add((note.pk, item["text"]))
        author = people.account(item.get("person"))
        create.append(
            Reply(
                note=note,
                text=item["text"],
                author_id=author,
                author_name="" if author else item.get("name", ""),
                anonymous=bool(item.get("anonymous")),
            )
        )
    Reply.objects.bulk_create(create)


def _replace_ambitions(network, data, people, now):
    """Make the network's ambitions the document's, matched by key; return them by key.

    Deleted ambitions count too: one the document holds comes back (with who committed
    to it); the others are marked deleted, as by hand. With `people` (restoring a
    version), who wrote each ambition and who committed to it become the version's.
    """
    items = data.get("ambitions", [])
    keys = [item["key"] for item in items]
    # Hidden ambitions (a silent brainstorm in a running workshop) are in no document: they stay.
    ambitions = Ambition.all_objects.filter(network=network, hidden=False)
    ambitions.exclude(key__in=keys).filter(deleted_at__isnull=True).update(
        deleted_at=now, updated_at=now
    )
    current = {ambition.key: ambition for ambition in ambitions.filter(key__in=keys)}
    # Park the titles first: two ambitions may swap titles, which are unique.
    ambitions.filter(key__in=keys).update(title=Concat(Value("~"), Cast("pk", CharField())))
    by_key = {}
    for position, item in enumerate(items):
        ambition = current.get(item["key"]) or Ambition(network=network, key=item["key"])
        if ambition.pk and (ambition.description, ambition.position, ambition.is_deleted) != (
            item.get("description", ""),
            position,
            False,
        ):
            ambition.revision += 1
        ambition.title = item["title"]
        ambition.description = item.get("description", "")
        ambition.position = position
        ambition.deleted_at = None
        if people is not None:
            created_by = people.ambitions.get(item["key"], {}).get("created_by")
            ambition.created_by_id = people.account(created_by)
        ambition.save()
        by_key[item["key"]] = ambition
        if people is not None:
            people.set(
                ambition.commitments.all(),
                "level",
                people.levels(item["key"]),
                lambda user_id, level, a=ambition: Commitment.objects.create(
                    ambition=a, user_id=user_id, level=level
                ),
            )
    return by_key


def _replace_coalitions(network, data, actors, ambitions, people, now):
    """Make the network's coalitions the document's, matched by name: members stay.

    A deleted coalition the document holds comes back; the living ones it lacks are
    marked deleted, as by hand (with their members, for an undo or a later restore).
    With `people` (restoring a version), each coalition's people become the version's.
    """
    items = data.get("coalitions", [])
    names = {item["name"].casefold() for item in items}
    current, leaving = {}, []
    # The living first, then the latest deleted: of a living and a deleted coalition with
    # one name, the living stays.
    for coalition in Coalition.all_objects.filter(network=network).order_by(
        F("deleted_at").desc(nulls_first=True), "id"
    ):
        name = coalition.name.casefold()
        if name in names and name not in current:
            current[name] = coalition
        elif not coalition.is_deleted:
            leaving.append(coalition.pk)
    Coalition.all_objects.filter(pk__in=leaving).update(deleted_at=now, updated_at=now)
    for position, item in enumerate(items):
        coalition = current.get(item["name"].casefold()) or Coalition(network=network)
        fields = {
            "name": item["name"],
            "work_form": item.get("work_form", ""),
            "ambition": ambitions.get(item.get("ambition")),
            "target_group": item.get("target_group", ""),
            "status": item.get("status", Coalition.Status.IDEA),
            "next_step": item.get("next_step", ""),
            "position": position,
            "deleted_at": None,
        }
        if coalition.pk and any(getattr(coalition, k) != v for k, v in fields.items()):
            coalition.revision += 1
        for name, value in fields.items():
            setattr(coalition, name, value)
        coalition.save()
        coalition.core_partners.set([actors[key] for key in item.get("core_partners", [])])
        Action.keep_next_step(coalition, item.get("next_step", ""))
        if people is not None:
            people.set(
                coalition.members.all(),
                "role",
                people.roles(item["name"]),
                lambda user_id, role, c=coalition: CoalitionMember.objects.create(
                    coalition=c, user_id=user_id, role=role
                ),
            )


@transaction.atomic
def replace_canvas(network, data, *, saved=False):
    """Make the network's canvas that of the (valid) document `data`; all or nothing.

    For restoring a version and for importing a file as a new version. The network keeps
    its name, members and roles; its actors, notes, ambitions and coalitions become the
    document's. What stays the same is kept rather than recreated, so authors keep their
    notes and coalitions keep their members; what the document lacks is marked deleted,
    not destroyed, so a later restore brings back the very same items.

    `saved`: `data` is a version this installation stored. Its size is not limited (see
    `validate`), and its `people` part gives back who wrote what, who committed to which
    ambition and who is in which coalition (see `_People`). A file's `people` part is
    ignored: it could otherwise hand out authorship and places in coalitions to any
    account.
    """
    validate(data, saved=saved)
    part = data.get("people") if saved else None
    people = _People(network, part) if part is not None else None
    now = timezone.now()
    actors = _replace_actors(network, data)
    _replace_notes(network, data, people, now)
    if part is not None:
        _restore_replies(network, part.get("replies", []), people)
    ambitions = _replace_ambitions(network, data, people, now)
    _replace_coalitions(network, data, actors, ambitions, people, now)
    Network.objects.filter(pk=network.pk).update(updated_at=now)
