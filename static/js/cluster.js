// Clustering by dragging, with mouse or finger: a note dropped into a cluster or into
// another prompt's list posts the same form as its "verplaats naar…" control
// (canvas/views.py, move_note_to), with the revision the note was shown at, so a stale
// drop is refused and both lists come back as they are. Only an enhancement: by
// keyboard and without JavaScript "verplaats naar…" does the same.
(function () {
  "use strict";
  if (typeof Sortable === "undefined" || typeof htmx === "undefined") return;

  function setUp(root) {
    if (!root.querySelectorAll) return;
    root.querySelectorAll("[data-sortable] ol.notes").forEach(function (list) {
      if (list.hasAttribute("data-sortable-ready")) return;
      list.setAttribute("data-sortable-ready", "");
      Sortable.create(list, {
        group: "notes",
        sort: false, // the order within a list is the editor's "hoger/lager zetten"
        draggable: "li[data-move]",
        filter: "a, button, input, select, textarea, form",
        preventOnFilter: false,
        delay: 200, // a finger that moves at once scrolls the page; one that rests drags
        delayOnTouchOnly: true,
        animation: 120,
        ghostClass: "note-ghost",
        chosenClass: "note-chosen",
        onStart: function () { document.body.classList.add("dragging"); },
        onEnd: drop,
      });
    });
  }

  function drop(event) {
    document.body.classList.remove("dragging");
    if (event.from === event.to) return;
    var note = event.item;
    var source = event.from.closest(".prompt-notes");
    htmx.ajax("POST", note.getAttribute("data-move"), {
      source: source,
      target: source,
      swap: "outerHTML",
      values: { target: event.to.getAttribute("data-drop"), revision: note.getAttribute("data-revision") },
      headers: { "X-Drag": "1" },
    }).then(function () {
      // Moved: the answer replaced both lists. Refused: the note is back in its own
      // list (the answer), and this copy in the other one goes.
      if (note.isConnected) note.remove();
    });
  }

  // Lists arrive with the page, with htmx swaps and with live refreshes: each is set up
  // at the latest when someone starts to drag in it (capture runs before Sortable's own).
  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (event) { setUp(event.detail.elt); });
  ["pointerdown", "touchstart", "mousedown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var notes = event.target.closest && event.target.closest("[data-sortable]");
      if (notes) setUp(notes.closest(".board") || document);
    }, { capture: true, passive: true });
  });
})();
