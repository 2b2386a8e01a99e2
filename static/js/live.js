/* Live board: what htmx's SSE extension cannot do on its own.

   The board element (data-live-board) carries sse-connect, the stream. Live fragments
   carry an id, data-live-key (keys, space-separated) and data-live-url (where to get the
   fragment again, rendered with the viewer's own permissions and controls). A "changed"
   event names keys, and brings the HTML of those it can ("html": {key: HTML}), rendered
   once for everyone of this board's audience: each of its elements is swapped in as it
   is for the fragment of the same id (one key may name several: "workshop" brings the
   bar and the step card). Each other fragment with such a key (a facilitator's panel) is
   fetched again.

   Pushed HTML is the same for every member: what is this person's own stays as the page
   has it (their own request brought it): which notes and ambitions are theirs (.mine:
   their controls show), their hidden ones, their dots, and the cards of the coalitions
   they are in (fetched again after the swap: their controls, their partners' addresses).

   A live refresh never takes anything from under a person's fingers:
   - a form someone is using (one with a text field, or typed in) is never replaced: it
     moves over into the new fragment, in place of what it stands in for (the element
     named by its data-live-slot, else the element with an id around it), and says so
     when its own item (its data-live-key) changed meanwhile;
   - the focused element keeps focus: its counterpart in the new fragment gets it;
   - a fragment htmx is working on (a request from or into it, or a swap settling) is
     left alone and refreshed once htmx is done, so the person's own request lands;
   - a refresh never focuses anything by itself ([autofocus] is for the person's own
     requests). */
(function () {
  "use strict";

  // This tab's own changes come back as events too: it already shows them. Each request
  // names its change with a fresh random token (never the same twice, so no event tells
  // which changes came from one tab); the tab skips the events that carry its tokens.
  var mine = new Set();
  function token() {
    var bytes = crypto.getRandomValues(new Uint8Array(12)); // also on plain http
    return Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
  }
  var lastEventId = null;
  var fetching = new Map(); // fragment id -> whether to fetch again after this fetch
  var waiting = new Set(); // ids of fragments to refresh once htmx is done with them
  var requests = new Map(); // htmx requests under way: xhr -> [element, target]

  function board() {
    return document.querySelector("[sse-connect][data-live-board]");
  }

  document.addEventListener("htmx:configRequest", function (event) {
    var change = token();
    mine.add(change);
    if (mine.size > 200) mine.delete(mine.values().next().value); // the oldest
    event.detail.headers["X-Live-Change"] = change;
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
    // The stream sends who is here right after what the page missed: from then on the
    // board is live (data-live-open).
    source.addEventListener("presence", function () {
      var root = board();
      if (root) root.setAttribute("data-live-open", "");
    });
    var root = board();
    if (root) root.classList.remove("live-offline");
  });

  document.addEventListener("htmx:sseError", function () {
    var root = board();
    if (root) {
      root.classList.add("live-offline");
      root.removeAttribute("data-live-open");
    }
  });

  // -- what htmx is working on --------------------------------------------------------

  document.addEventListener("htmx:beforeSend", function (event) {
    requests.set(event.detail.xhr, [event.detail.elt, event.detail.target]);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    requests.delete(event.detail.xhr);
    setTimeout(refreshWaiting);
  });
  document.addEventListener("htmx:afterSettle", function () {
    setTimeout(refreshWaiting);
  });

  // A fragment htmx is working on: a request came from it or will swap into (or over)
  // it, or new content in it has not settled yet (htmx focuses [autofocus] on settling).
  function busy(el) {
    if (el.matches(".htmx-settling, .htmx-added")) return true;
    if (el.querySelector(".htmx-request, .htmx-settling, .htmx-added")) return true;
    return Array.from(requests.values()).some(function (request) {
      var source = request[0];
      var target = request[1];
      return (
        (source && source.isConnected && el.contains(source)) ||
        (target && target.isConnected && (el.contains(target) || target.contains(el)))
      );
    });
  }

  function refreshWaiting() {
    Array.from(waiting).forEach(function (id) {
      var el = document.getElementById(id);
      if (el && busy(el)) return;
      waiting.delete(id);
      if (el) refresh(el);
    });
  }

  // -- refreshing fragments -----------------------------------------------------------

  function changed(data) {
    if (data.change && mine.delete(data.change)) return;
    var keys = data.keys || [];
    var html = data.html || {};
    var targets = new Set();
    keys.forEach(function (key) {
      var fresh = pushedElements(html, key);
      document.querySelectorAll('[data-live-key~="' + CSS.escape(key) + '"]').forEach(function (el) {
        if (!el.hasAttribute("data-live-url")) return;
        if (fresh.has(el.id) && el.getAttribute("data-live-key") === key) {
          pushed(el, fresh.get(el.id));
        } else {
          targets.add(el); // not pushed for this audience (a facilitator's panel): fetched
        }
      });
      // An item being edited has no fragment of its own: say it changed under the form.
      document.querySelectorAll('form[data-live-key~="' + CSS.escape(key) + '"]').forEach(function (form) {
        markChanged(form);
      });
      noteInPlace(key, fresh, keys, targets, data.into);
    });
    outermost(targets).forEach(refresh);
  }

  // A note that changed where it stands (its text, a rule's status) comes as its own
  // <li> ("note-12"), swapped in by its id; its prompt's list is fetched instead when
  // this board got none (a hidden note, which only its author's tabs show). A note whose
  // list the event names too is refreshed with that list. A new note says which list it
  // joins (`into`).
  function noteInPlace(key, fresh, keys, targets, into) {
    if (!/^note-\d+$/.test(key)) return;
    var note = document.getElementById(key);
    if (!note && into) {
      noteAdded(key, fresh, into, targets);
      return;
    }
    var list = note && note.matches("li.note") && note.closest("[data-live-key][data-live-url]");
    if (!list || list.getAttribute("data-live-key").split(" ").some(function (k) { return keys.indexOf(k) >= 0; })) return;
    if (fresh.has(key)) pushed(note, fresh.get(key), list);
    else targets.add(list);
  }

  // A new note joins the end of its prompt's notes that are in no cluster, on every
  // board that shows that prompt. A list htmx is busy with (the person's own add, whose
  // answer would come over it) or that is being fetched is fetched again instead.
  function noteAdded(key, fresh, into, targets) {
    document.querySelectorAll('.prompt-notes[data-live-key~="' + CSS.escape(into) + '"][data-live-url]').forEach(function (list) {
      var notes = list.querySelector("ol.notes");
      if (!fresh.has(key) || !notes || fetching.has(list.id) || busy(list)) {
        targets.add(list);
        return;
      }
      var template = document.createElement("template");
      template.innerHTML = fresh.get(key);
      var note = template.content.firstElementChild;
      notes.appendChild(note);
      htmx.process(note);
      noteSwap(note.id);
      document.dispatchEvent(new CustomEvent("live:notes-added", { detail: { notes: [note] } }));
    });
  }

  // The pushed HTML of a key, as {id: HTML} of its top-level elements: one key may name
  // several fragments ("workshop": the bar and the step card), each swapped by its id.
  function pushedElements(html, key) {
    var found = new Map();
    if (!Object.prototype.hasOwnProperty.call(html, key)) return found;
    var template = document.createElement("template");
    template.innerHTML = html[key].trim();
    Array.from(template.content.children).forEach(function (node) {
      if (node.id) found.set(node.id, node.outerHTML);
    });
    return found;
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

  // Swap in HTML that came with the event; a fragment htmx is working on (or that is
  // being fetched) is fetched once htmx is done instead, so nothing is lost. `holder`:
  // what is fetched for it (a note has no URL of its own: its list).
  function pushed(el, html, holder) {
    if (fetching.has(el.id) || busy(el) || concernsMe(el, html)) {
      refresh(holder || el);
      return;
    }
    swapKeeping(el, html, true);
  }

  // A part that names its people (a coalition's card: data-people) comes as those outside
  // it see it; someone in it, before the change or after, fetches their own copy (their
  // controls, the addresses only they may read).
  function concernsMe(el, html) {
    var fresh = /^\s*<[^>]*\sdata-people="([^"]*)"/.exec(html);
    return isMine(el.getAttribute("data-people")) || isMine(fresh && fresh[1]);
  }

  // Whether this page's person is among `people` (a card's data-people).
  function isMine(people) {
    var root = board();
    var me = root && root.dataset.liveViewer;
    return Boolean(me && people && people.split(" ").indexOf(me) >= 0);
  }

  // Swaps since the page opened, counted, with the id of what each one swapped: a fetch
  // that started before a swap inside its fragment (the person's own choice) may hold
  // older content than the page has now.
  var swaps = 0;
  var swapped = new Map(); // id -> the count at its last swap
  function noteSwap(id) {
    if (!id) return;
    swaps += 1;
    swapped.delete(id);
    swapped.set(id, swaps);
    if (swapped.size > 200) swapped.delete(swapped.keys().next().value); // the oldest
  }
  document.addEventListener("htmx:afterSwap", function (event) {
    noteSwap(event.detail.target && event.detail.target.id);
  });

  function swappedInside(el, since) {
    return Array.from(swapped).some(function (entry) {
      var inner = entry[1] > since && document.getElementById(entry[0]);
      return inner && inner !== el && el.contains(inner);
    });
  }

  function refresh(el) {
    var id = el.id;
    if (fetching.has(id)) {
      fetching.set(id, true);
      return;
    }
    if (busy(el)) {
      waiting.add(id);
      return;
    }
    fetching.set(id, false);
    var started = swaps;
    fetch(el.dataset.liveUrl, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        var current = document.getElementById(id);
        if (!current) return;
        if (current !== el || swappedInside(el, started)) {
          // Replaced meanwhile, or a part of it (the person's own request, a pushed
          // change): this copy may be older, so fetch it once more.
          fetching.set(id, true);
        } else if (busy(el)) {
          waiting.add(id);
        } else {
          swapKeeping(el, html);
        }
      })
      .catch(function () { resyncLater(); })
      .finally(function () {
        var again = fetching.get(id);
        fetching.delete(id);
        var current = document.getElementById(id);
        if (again && current) refresh(current);
      });
  }

  var resyncTimer = null;
  function resyncLater() {
    if (!resyncTimer) resyncTimer = setTimeout(function () { resyncTimer = null; resync(); }, 5000);
  }

  // A form someone is using: one with a text field (an editor, or an add form), or one
  // typed in. Forms of buttons only (delete, status, taking part) are not, nor one folded
  // away unseen.
  function inUse(form) {
    // One folded away (the "+ Cluster" form in its <details>) is not, until typed in.
    if (form.closest("details:not([open])") && !form.hasAttribute("data-live-dirty")) return false;
    return (
      form.querySelector("textarea, input[type=text], select") !== null ||
      form.hasAttribute("data-live-dirty")
    );
  }

  document.addEventListener("input", function (event) {
    var form = event.target.closest && event.target.closest("form");
    if (form) form.setAttribute("data-live-dirty", "");
  });

  // What a form in use keeps: the element with an id that holds it inside the fragment
  // (`keep`, moved over as it is), and the id of what it stands in for in a fresh copy.
  function holderOf(form, fragment) {
    var keep = form;
    while (!keep.id && keep.parentElement && keep.parentElement !== fragment) {
      keep = keep.parentElement;
    }
    if (!keep.id) return null;
    return { form: form, keep: keep, place: form.dataset.liveSlot || keep.id };
  }

  // `shared`: `html` came with an event, the same for everyone of this board's audience
  // (not with this person's own request).
  function swapKeeping(el, html, shared) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    var fresh = template.content;
    fresh.querySelectorAll("[autofocus]").forEach(function (node) {
      node.removeAttribute("autofocus");
    });
    var ownCards = shared ? keepOwn(el, fresh) : [];

    // Forms in use move over into the new fragment, in place of what they stand in for;
    // one that has no place there keeps the whole fragment as it is.
    var moves = Array.from(el.querySelectorAll("form")).filter(inUse).map(function (form) {
      return moveInto(fresh, holderOf(form, el), el);
    });
    if (moves.some(function (move) { return move === null; })) {
      el.classList.add("live-stale"); // saving or cancelling the form brings the news
      return;
    }

    // Focus: in a form that moves over it stays put; elsewhere it goes to the counterpart,
    // or, when that is gone (a closed vote takes "+ Stip" away), to the nearest thing
    // around it that is still there (the note), rather than dropping to the page.
    var focused = document.activeElement;
    var selection = focused && focused.setSelectionRange && [focused.selectionStart, focused.selectionEnd];
    var around = null;
    if (focused && el.contains(focused) && !moves.some(function (move) { return move.keep.contains(focused); })) {
      var lost = focused;
      focused = twinOf(focused, fresh);
      if (!focused) around = aroundOf(lost, el, fresh);
      selection = null;
    }
    var before = new Set(within(el, "li.note[id]").map(function (note) { return note.id; }));

    moves.forEach(function (move) { move.apply(); });
    var nodes = Array.from(fresh.children);
    el.replaceWith(fresh);
    noteSwap(el.id);
    nodes.forEach(function (node) { htmx.process(node); });
    if (around) focused = focusableIn(around);
    if (focused && focused.isConnected && document.activeElement !== focused) {
      focused.focus({ preventScroll: true });
      if (selection) focused.setSelectionRange(selection[0], selection[1]);
    }
    // Notes someone else added: workshop.js says how many arrived at the current step.
    var added = [];
    nodes.forEach(function (node) {
      var notes = Array.from(node.querySelectorAll("li.note[id]"));
      if (node.matches("li.note[id]")) notes.unshift(node);
      notes.forEach(function (note) {
        if (!before.has(note.id) && !note.classList.contains("mine")) added.push(note);
      });
    });
    if (added.length) {
      document.dispatchEvent(new CustomEvent("live:notes-added", { detail: { notes: added } }));
    }
    ownCards.forEach(function (id) {
      var card = document.getElementById(id);
      if (card) refresh(card);
    });
  }

  // The nearest element around `node` (inside the fragment `el`, or `el` itself) that the
  // fresh copy still has: in it the focus lands when its own counterpart is gone.
  function aroundOf(node, el, fresh) {
    for (var up = node.parentElement; up; up = up.parentElement) {
      if (up.id && fresh.getElementById(up.id)) return fresh.getElementById(up.id);
      if (up === el) return null;
    }
    return null;
  }

  // Where focus goes in `holder` (on the page now): its text or title (a note's text says
  // where one is), else its first control that can be seen and used, else the holder
  // itself. Text is made focusable by script only, for this.
  function focusableIn(holder) {
    if (!holder.isConnected) return null;
    var text = holder.querySelector("p[id$='-text'], [id$='-title']");
    if (!text) {
      var controls = holder.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary");
      for (var i = 0; i < controls.length; i++) {
        if (!controls[i].disabled && controls[i].getClientRects().length) return controls[i];
      }
    }
    text = text || holder;
    if (!text.hasAttribute("tabindex")) text.setAttribute("tabindex", "-1");
    return text;
  }

  // What pushed HTML leaves out and this page knows: which notes, ambitions and words on
  // the identiteitskaart are this person's, their hidden ones (only they ever receive
  // those), their dots on each item, the dots they have left (of the same vote only: a
  // new vote starts with all of them), the level they chose for an ambition, and the
  // cards of the coalitions they are in (their controls, the addresses only partners
  // read): those stay as the page has them and are fetched once swapped (their ids are
  // returned), as a change may be theirs.
  function keepOwn(el, fresh) {
    var left = el.querySelector(".dots-left[id][data-vote]");
    var freshLeft = left && fresh.getElementById(left.id);
    if (freshLeft && freshLeft.getAttribute("data-vote") === left.getAttribute("data-vote")) {
      freshLeft.textContent = left.textContent;
      ["data-left", "data-say"].forEach(function (name) {
        if (left.hasAttribute(name)) freshLeft.setAttribute(name, left.getAttribute(name));
      });
    }
    el.querySelectorAll(".commit-levels button[aria-pressed][id]").forEach(function (button) {
      var twin = fresh.getElementById(button.id);
      if (twin) twin.setAttribute("aria-pressed", button.getAttribute("aria-pressed"));
    });
    // One's own word on the identiteitskaart: its dot stays marked, its line said.
    el.querySelectorAll(".idmap-mine[id]").forEach(function (line) {
      if (fresh.getElementById(line.id)) return;
      var apply = putBack(line, fresh);
      if (apply) apply();
    });
    within(el, "li.note.mine[id], article.lane.mine[id], .idmap-dot.mine[id]").forEach(function (item) {
      var twin = fresh.getElementById(item.id);
      if (twin) {
        twin.classList.add("mine");
      } else if (item.matches(".note-hidden, .lane-hidden")) {
        var apply = putBack(item, fresh); // still hidden: back where it was
        if (apply) apply();
      }
    });
    el.querySelectorAll(".dots[id]").forEach(function (dots) {
      var twin = fresh.getElementById(dots.id);
      if (!twin) return;
      [".dots-mine", ".dots-you"].forEach(function (selector) {
        var from = dots.querySelector(selector);
        var to = twin.querySelector(selector);
        if (from && to) to.textContent = from.textContent;
      });
      dots.querySelectorAll("button[name=dot]").forEach(function (button) {
        var other = twin.querySelector('button[name=dot][value="' + CSS.escape(button.value) + '"]');
        if (!other) return;
        other.disabled = button.disabled;
        if (button.hasAttribute("aria-disabled")) other.setAttribute("aria-disabled", button.getAttribute("aria-disabled"));
        else other.removeAttribute("aria-disabled");
      });
    });
    var ownCards = [];
    if (el.matches("[data-people]")) return ownCards; // a card alone: concernsMe decided
    fresh.querySelectorAll("[data-people][id]").forEach(function (card) {
      var old = document.getElementById(card.id);
      old = old && el.contains(old) ? old : null;
      if (!isMine(card.getAttribute("data-people")) && !(old && isMine(old.getAttribute("data-people")))) return;
      if (old) card.replaceWith(old); // as the page has it until its own copy is in
      ownCards.push(card.id);
    });
    return ownCards;
  }

  // The elements of `el` that match `selector`, `el` itself first (a pushed note).
  function within(el, selector) {
    var found = Array.from(el.querySelectorAll(selector));
    if (el.matches(selector)) found.unshift(el);
    return found;
  }

  // How a form in use moves into the fresh copy ({keep, apply}), or null if it cannot.
  function moveInto(fresh, holder, fragment) {
    if (!holder) return null;
    var keep = holder.keep;
    var twin = fresh.getElementById(holder.place);
    // Where the fresh copy has no place for a form of no item of its own, what holds it
    // may have one: a thread's reply form, in a pushed note whose thread is closed, keeps
    // the open thread whole. (An item's form whose item is gone is said below.)
    var free = !holder.form.dataset.liveSlot && !holder.form.dataset.liveKey;
    for (var up = keep; !twin && free && up.parentElement && up.parentElement !== fragment; ) {
      up = up.parentElement;
      twin = up.id ? fresh.getElementById(up.id) : null;
      if (twin) keep = up;
    }
    if (twin) return { keep: keep, apply: function () { twin.replaceWith(keep); } };
    keep = holder.keep;
    if (!holder.form.dataset.liveKey) return null; // a new item's form, shown elsewhere
    // Its item was deleted meanwhile: keep the text where it was, and say so.
    markChanged(holder.form, "liveDeleted");
    var apply = putBack(keep, fresh);
    return apply && { keep: keep, apply: apply };
  }

  // Where an element whose counterpart is gone goes back: next to a sibling that is still
  // there, or into the same list. Return the function that puts it there, or null.
  function putBack(keep, fresh) {
    var twin;
    for (var before = keep.previousElementSibling; before; before = before.previousElementSibling) {
      twin = before.id && fresh.getElementById(before.id);
      if (twin) return twin.after.bind(twin, keep);
    }
    for (var after = keep.nextElementSibling; after; after = after.nextElementSibling) {
      twin = after.id && fresh.getElementById(after.id);
      if (twin) return twin.before.bind(twin, keep);
    }
    var list = keep.parentElement;
    var selector = list.tagName.toLowerCase() + (list.classList[0] ? "." + CSS.escape(list.classList[0]) : "");
    var freshList = list.id ? fresh.getElementById(list.id) : fresh.querySelector(selector);
    return freshList ? freshList.appendChild.bind(freshList, keep) : null;
  }

  // The counterpart of an element in a fresh copy: the element with the same id, or the
  // one doing the same (same link, same button of the same form) under the same id.
  function twinOf(node, fresh) {
    if (node.id) return fresh.getElementById(node.id);
    var scope = node.parentElement && node.parentElement.closest("[id]");
    var freshScope = scope && fresh.getElementById(scope.id);
    if (!freshScope) return null;
    var signature = signatureOf(node);
    function alike(other) { return signatureOf(other) === signature; }
    var olds = Array.from(scope.querySelectorAll(node.tagName)).filter(alike);
    var news = Array.from(freshScope.querySelectorAll(node.tagName)).filter(alike);
    return news[olds.indexOf(node)] || null;
  }

  function signatureOf(node) {
    var form = node.closest("form");
    return ["href", "name", "value", "formaction"]
      .map(function (name) { return node.getAttribute(name); })
      .concat([form && form.getAttribute("action")])
      .join(" ");
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
