"""The board's four note blocks: each block's head, a section per prompt, its notes.

Around its notes each of the ~20 prompts repeats a skeleton: title, guiding questions,
two URLs, three translated texts, the add link. In the template language that cost
~1,700 Python calls a prompt, 35,000 a page (`manage.py bench`, calls); built here from
escaped f-strings, with the texts that depend only on the language and the prompt kept
once, it costs a few dozen. The rare forms (adding a note, editing one) stay partials of
the board template, rendered from here where one is open.
"""

from functools import cache, cached_property
from html import escape

from django import template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, ngettext

from canvas.board.templatetags.board import NoteList
from canvas.prompts import NOTE_BLOCKS, PROMPTS

register = template.Library()

BLOCKS = {block.slug: block for block in NOTE_BLOCKS}


@register.simple_tag(takes_context=True)
def canvas_block(context, section):
    """Render one block of the canvas: its head, its prompts with their notes, and under
    regie en leiderschap the 4C advice (fetched after the board is shown)."""
    slug, language = section.block.slug, get_language()
    notes = PromptNotes(context)
    html = _block_head(slug, language)
    for item in section.prompts:
        html += _prompt_head(item.prompt.slug, language)
        html += notes.render(item.prompt, item.notes, item.hidden, item.clusters)
        html += "\n</section>\n"
    html += "</div>\n"
    if slug == "leadership" and not context.get("readonly"):
        url = escape(reverse("networks:advice", args=[context["network"].slug]))
        html += (
            f'<div hx-get="{url}?deel=leiderschap" hx-trigger="load" hx-swap="outerHTML"></div>\n'
        )
    return mark_safe(html + "</section>")  # noqa: S308 - every value is escaped


@register.simple_tag(takes_context=True)
def prompt_notes(context, prompt, notes, hidden):
    """Render a prompt's notes, their hidden count and the add link (or the add form)."""
    clusters = context.get("clusters") or ()
    return mark_safe(PromptNotes(context).render(prompt, notes, hidden, clusters))  # noqa: S308


@register.simple_tag
def block_jump_links():
    """Render the links to the four blocks in the board's sticky bar."""
    return mark_safe(_jump_links(get_language()))  # noqa: S308 - escaped in _jump_links


@cache
def _jump_links(language):
    """Return the links to the blocks, in the active `language` (the cache's key)."""
    return "".join(
        f'<a href="#block-{block.slug}" class="jump-{block.slug}">{escape(str(block.title))}</a>'
        for block in NOTE_BLOCKS
    )


@cache
def _block_head(slug, language):
    """Return a block's opening up to its prompts. `language`, the active one, is the
    cache's key: the texts are translated into it."""
    block = BLOCKS[slug]
    return (
        f'<section class="block block-{slug}" id="block-{slug}"'
        f' aria-labelledby="block-{slug}-title">\n'
        '<header class="block-head">\n'
        f'<h2 id="block-{slug}-title">{escape(str(block.title))}</h2>\n'
        f'<p class="block-question">{escape(str(block.question))}</p>\n'
        "</header>\n"
        '<div class="prompts">\n'
    )


@cache
def _prompt_head(slug, language):
    """Return a prompt's opening: its title and guiding questions (translated into the
    active `language`, the cache's key)."""
    prompt = PROMPTS[slug]
    hints = gettext("Hulpvraag") if len(prompt.questions) == 1 else gettext("Hulpvragen")
    questions = "".join(f"<li>{escape(str(question))}</li>" for question in prompt.questions)
    return (
        f'<section class="prompt" id="prompt-{slug}" aria-labelledby="prompt-{slug}-title">\n'
        f'<h3 id="prompt-{slug}-title" class="prompt-title">{escape(str(prompt.title))}</h3>\n'
        '<details class="hints">\n'
        f"<summary>{escape(hints)}</summary>\n"
        f"<ul>{questions}</ul>\n"
        "</details>\n"
    )


@cache
def _prompt_texts(slug, language):
    """Return the texts the notes of a prompt are read with: the list's label and the
    add link's hidden ending (translated into the active `language`, the cache's key)."""
    title = escape(str(PROMPTS[slug].title))
    return (
        gettext("Notities bij %(title)s") % {"title": title},
        gettext("toevoegen bij %(title)s") % {"title": title},
    )


@cache
def _cluster_texts(slug, language):
    """Return the escaped texts of a prompt's "+ Cluster" form (translated into the
    active `language`, the cache's key)."""
    where = gettext("maken bij %(title)s") % {"title": PROMPTS[slug].title}
    summary = (
        f'<span aria-hidden="true">+</span> {escape(gettext("Cluster"))}'
        f'<span class="visually-hidden"> {escape(where)}</span>'
    )
    return summary, escape(gettext("Naam van de nieuwe cluster")), escape(gettext("Cluster maken"))


class PromptNotes:
    """What the prompts of one rendering share, read from the template context once."""

    def __init__(self, context):
        self.context = context
        self.notes = NoteList(context)
        readonly, presenting = context.get("readonly"), context.get("presenting")
        self.state = context.get("state")
        self.live = bool(context.get("network")) and (not readonly or presenting)
        self.projector = "?projector=1" if presenting else ""
        access = None if readonly else context.get("access")
        self.may_add = access is not None and access.can_contribute
        # The prompts' URL prefix (board_context): read where a URL is shown.
        self.prompts = escape(context["urls"]["prompts"]) if self.live or self.may_add else ""
        self.autofocus = " autofocus" if context.get("focus") == "add" else ""
        self.error = context.get("error")
        self.language = get_language()
        self.may_cluster = self.notes.may_cluster
        self.csrf_input = self.notes.csrf_input if self.may_cluster else ""

    @cached_property
    def clusters_url(self):
        """The clusters' URL prefix: reversed only where a cluster is shown."""
        dissolve = reverse("canvas:dissolve_cluster", args=[self.context["network"].slug, 0])
        return escape(dissolve.removesuffix("0/opheffen/"))

    def render(self, prompt, notes, hidden, clusters=()):
        """Return the prompt's <div class="prompt-notes">: every value in it escaped."""
        slug = prompt.slug
        label, _add = _prompt_texts(slug, self.language)
        live = ""
        if self.live:
            live = (
                f'data-live-key="prompt-{slug}" '
                f'data-live-url="{self.prompts}{slug}/{self.projector}" '
            )
        sortable = " data-sortable" if self.may_cluster else ""
        html = (
            f'<div class="prompt-notes" id="prompt-notes-{slug}" {live}hx-boost="true"'
            f' hx-push-url="false" hx-target="closest li" hx-swap="outerHTML"{sortable}>\n'
        )
        if self.error:
            html += f'<p class="field-error" role="alert">{escape(self.error)}</p>\n'
        ids = {cluster.id for cluster in clusters}
        loose = [note for note in notes if note.cluster_id not in ids] if ids else notes
        html += (
            f'<ol class="notes" aria-label="{label}" data-drop="prompt-{slug}">\n'
            f"{self._items(loose)}</ol>\n"
        )
        for cluster in clusters:
            html += self._cluster(slug, cluster, [n for n in notes if n.cluster_id == cluster.id])
        if hidden:
            count = ngettext(
                "%(n)s verborgen notitie van iemand anders, tot de onthulling",
                "%(n)s verborgen notities van anderen, tot de onthulling",
                hidden,
            ) % {"n": hidden}
            html += f'<p class="hidden-count">{escape(count)}</p>\n'
        if self.may_add:
            html += self._add(prompt)
        if self.may_cluster and (notes or clusters):
            html += self._cluster_add(slug)
        return html + "</div>"

    def _cluster(self, slug, cluster, notes):
        """Return a cluster of the prompt: its name, its notes, and "opheffen" for those who
        may cluster."""
        pk, name = cluster.id, escape(cluster.name)
        dissolve = ""
        if self.may_cluster:
            url = f"{self.clusters_url}{pk}/opheffen/"
            dissolve = (
                f'<form class="cluster-dissolve" method="post" action="{url}" hx-post="{url}"'
                f' hx-target="#prompt-notes-{slug}" hx-swap="outerHTML">{self.csrf_input}'
                f'<button type="submit" class="link-button">{escape(gettext("Opheffen"))}'
                f'<span class="visually-hidden"> — {name}</span></button></form>'
            )
        return (
            f'<section class="cluster" id="cluster-{pk}" aria-labelledby="cluster-{pk}-title">\n'
            f'<div class="cluster-head"><h4 class="cluster-name" id="cluster-{pk}-title">{name}'
            f"</h4>{dissolve}</div>\n"
            f'<ol class="notes cluster-notes" aria-labelledby="cluster-{pk}-title"'
            f' data-drop="cluster-{pk}">\n{self._items(notes)}</ol>\n</section>\n'
        )

    def _cluster_add(self, slug):
        """Return the form that names a new cluster, folded away under "+ Cluster"."""
        url = f"{self.prompts}{slug}/clusters/"
        summary, label, button = _cluster_texts(slug, self.language)
        return (
            f'<details class="cluster-new"><summary>{summary}</summary>\n'
            f'<form class="cluster-add" id="cluster-add-{slug}" method="post" action="{url}"'
            f' hx-post="{url}" hx-target="#prompt-notes-{slug}" hx-swap="outerHTML">'
            f'{self.csrf_input}<label for="cluster-{slug}-name">{label}</label>'
            f'<input type="text" id="cluster-{slug}-name" name="name" maxlength="80" required>'
            f'<button type="submit" class="button small">{button}</button></form>\n</details>\n'
        )

    def _items(self, notes):
        """Return the notes' <li>s; the one being edited (without htmx) as its form."""
        state = self.state
        if state is None or state.kind != "note-edit":
            return "".join(map(self.notes.render, notes))
        return "".join(
            self._partial("note-form", note=note, form=state.form)
            if note.id == state.pk
            else self.notes.render(note)
            for note in notes
        )

    def _add(self, prompt):
        """Return the add link under a prompt's notes, or the add form when it is open."""
        slug = prompt.slug
        url = f"{self.prompts}{slug}/nieuw/"
        state = self.state
        if state is not None and state.kind == "note-add" and state.prompt == slug:
            form = self._partial("note-add-form", prompt=prompt, form=state.form, add_url=url)
            part = form.strip()
        else:
            _label, add = _prompt_texts(slug, self.language)
            noun = gettext("Spelregel") if prompt.block == "rules" else gettext("Notitie")
            part = (
                f'<a class="add-link" href="{url}#add-{slug}" hx-get="{url}"{self.autofocus}'
                f' hx-target="#prompt-notes-{slug}" hx-swap="outerHTML">'
                f'<span aria-hidden="true">+</span> {escape(noun)}'
                f'<span class="visually-hidden"> {add}</span></a>'
            )
        return f'<div class="note-add" id="add-{slug}">\n{part}\n</div>\n'

    def _partial(self, name, **values):
        """Render a partial of the board template here, with `values` added to the context."""
        with self.context.push(**values):
            return get_template(f"board/board.html#{name}").template.render(self.context)
