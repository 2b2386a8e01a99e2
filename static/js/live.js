/* Live board: what htmx's SSE extension cannot do on its own.

   The board element (data-live-board) carries sse-connect, the stream. Live fragments
   carry data-live-key (keys, space-separated) and data-live-url (where to get the
   fragment again, rendered with the viewer's own permissions and controls). A "changed"
   event names keys; each fragment with such a key is fetched again and swapped in, except
   that a form someone is using (an editor, or any form with focus or typed text) is
   never replaced: it moves over into the new fragment, in place of the element it stands
   in for, and says so when its own item (its data-live-key) changed meanwhile. */
(function () {
  "use strict";

  // This tab's own changes come back as events too: it already shows them.
  var tab = Math.random().toString(36).slice(2, 12);
  var lastEventId = null;
  var inFlight = new Map(); // fragment -> whether another refresh is wanted after this one

  function board() {
    return document.querySelector("[sse-connect][data-live-board]");
  }

  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-Live-Tab"] = tab;
  });

  // htmx opens a new EventSource after an error, which would lose Last-Event-ID: pass the
  // last id seen (or the position the page was rendered at) in the address instead.
  htmx.createEventSource = function (url) {
    var root = board();
    var last = lastEventId || (root && root.dataset.livePosition);
    if (last) {
      url += (url.indexOf("?") < 0 ? "?" : "&") + "last=" + encodeURIComponent(last);
    }
    return new EventSource(url, { withCredentials: true });
  };

  document.addEventListener("htmx:sseOpen", function (event) {
    var source = event.detail.source;
    if (source.liveBound) return;
    source.liveBound = true;
    ["hello", "changed", "resync"].forEach(function (name) {
      source.addEventListener(name, function (message) {
        if (message.lastEventId) lastEventId = message.lastEventId;
      });
    });
    source.addEventListener("changed", function (message) {
      changed(JSON.parse(message.data));
    });
    source.addEventListener("resync", resync);
    source.addEventListener("removed", function () {
      window.location.reload(); // no access any more: the page says so
    });
    var root = board();
    if (root) root.classList.remove("live-offline");
  });

  document.addEventListener("htmx:sseError", function () {
    var root = board();
    if (root) root.classList.add("live-offline");
  });

  function changed(data) {
    if (data.tab === tab) return;
    var keys = data.keys || [];
    var targets = new Set();
    keys.forEach(function (key) {
      document.querySelectorAll('[data-live-key~="' + CSS.escape(key) + '"]').forEach(function (el) {
        if (el.hasAttribute("data-live-url")) targets.add(el);
      });
      // An item being edited has no fragment of its own: say it changed under the form.
      document.querySelectorAll('form[data-live-key~="' + CSS.escape(key) + '"]').forEach(function (form) {
        markChanged(form);
      });
    });
    outermost(targets).forEach(refresh);
  }

  function resync() {
    outermost(new Set(document.querySelectorAll("[data-live-key][data-live-url]"))).forEach(refresh);
  }

  // A fragment inside another one that is refreshed anyway needs no request of its own.
  function outermost(elements) {
    return Array.from(elements).filter(function (el) {
      for (var up = el.parentElement; up; up = up.parentElement) {
        if (elements.has(up)) return false;
      }
      return true;
    });
  }

  // A form someone is using: one with a text field (an editor, or the add form), or any
  // form with focus or typed text. Buttons-only forms (delete, status) are not "in use".
  function inUse(form) {
    // Forms of buttons that say so (dots, commitments) are replaced like the rest; the
    // focus moves to the button with the same id in the new copy.
    if (form.hasAttribute("data-live-buttons")) return false;
    return (
      form.querySelector("textarea, input[type=text], select") !== null ||
      form.hasAttribute("data-live-dirty") ||
      form.contains(document.activeElement)
    );
  }

  // The element a form in use stands in for: the one it keeps its place in.
  function slotOf(form, fragment) {
    var slot = form.dataset.liveSlot ? document.getElementById(form.dataset.liveSlot) : null;
    slot = slot || form;
    while (slot.parentElement && slot.parentElement !== fragment && !slot.id) {
      slot = slot.parentElement;
    }
    return slot.id ? slot : null;
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (form) form.setAttribute("data-live-dirty", "");
  });

  function refresh(el) {
    if (inFlight.has(el)) {
      inFlight.set(el, true);
      return;
    }
    var slots = Array.from(el.querySelectorAll("form")).filter(inUse).map(function (form) {
      return slotOf(form, el);
    });
    if (slots.some(function (slot) { return slot === null || slot === el; })) {
      // The form takes the whole fragment: leave it; saving it brings the news.
      el.classList.add("live-stale");
      return;
    }
    inFlight.set(el, false);
    fetch(el.dataset.liveUrl, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        if (document.body.contains(el)) swapKeeping(el, html);
      })
      .catch(function () { resyncLater(); })
      .finally(function () {
        var again = inFlight.get(el);
        inFlight.delete(el);
        // A change that came in meanwhile may be missing from this answer: fetch again,
        // into the fragment that now stands in the old one's place.
        var current = document.body.contains(el) ? el : el.id && document.getElementById(el.id);
        if (again && current) refresh(current);
      });
  }

  var resyncTimer = null;
  function resyncLater() {
    if (!resyncTimer) resyncTimer = setTimeout(function () { resyncTimer = null; resync(); }, 5000);
  }

  function swapKeeping(el, html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var fresh = template.content;
    // A refresh brings others' news, not a place to type: it must never take the focus
    // (a browser focuses an inserted autofocus element while nothing on the page had one).
    fresh.querySelectorAll("[autofocus]").forEach(function (element) {
      element.removeAttribute("autofocus");
    });
    var focused = document.activeElement;
    var selection = focused && focused.setSelectionRange && [focused.selectionStart, focused.selectionEnd];
    // Forms in use move over into the new fragment, in place of their fresh copies.
    Array.from(el.querySelectorAll("form")).filter(inUse).forEach(function (form) {
      var slot = slotOf(form, el);
      var counterpart = fresh.getElementById(slot.id);
      if (counterpart) {
        counterpart.replaceWith(slot);
      } else {
        // Its item was deleted meanwhile: keep the text where it was, and say so.
        markChanged(form, "liveDeleted");
        var list = fresh.querySelector("ol, ul") || fresh.firstElementChild;
        if (list) list.appendChild(slot);
      }
    });
    var nodes = Array.from(fresh.children);
    el.replaceWith(fresh);
    nodes.forEach(function (node) { htmx.process(node); });
    if (focused && document.body.contains(focused) && document.activeElement !== focused) {
      focused.focus();
      if (selection) focused.setSelectionRange(selection[0], selection[1]);
    } else if (focused && focused.id && !document.body.contains(focused)) {
      var twin = document.getElementById(focused.id);
      if (twin) twin.focus({ preventScroll: true });
    }
  }

  function markChanged(form, which) {
    var root = board();
    var text = root && root.dataset[which || "liveChanged"];
    form.classList.add("live-changed");
    var notice = form.querySelector(".live-notice");
    if (!text) return;
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "live-notice";
      notice.setAttribute("role", "status");
      form.prepend(notice);
    }
    notice.textContent = text;
  }
})();
