// The board on top of htmx: keyboard use of the inline forms, and a message when a
// request fails. Only an enhancement: without JavaScript every form posts and every
// link navigates as usual.
(function () {
  "use strict";

  // An invalid form (422) and a note changed meanwhile (409) come back as a fragment to
  // show in place; other errors leave the page as it is and say so.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409|422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];
  // Boosted links and forms swap one note or card in place: the page must not jump.
  htmx.config.scrollIntoViewOnBoost = false;

  // Nor may its address change: htmx 2.0.10 pushes a boosted link's address even under
  // hx-push-url="false" (htmx issue 3966), and a reload then opened the note's plain
  // edit page, off the live board. Keep the address where the board says so.
  document.addEventListener("htmx:beforeHistoryUpdate", function (event) {
    var history = event.detail.history;
    var source = event.detail.requestConfig && event.detail.requestConfig.elt;
    if (history.type !== "push" || !source || !source.closest) return;
    if (!source.closest('[hx-push-url="false"]')) return;
    history.type = "replace";
    history.path = window.location.pathname + window.location.search + window.location.hash;
  });

  // htmx wires up new content only when it settles, 20 ms after showing it: a key pressed
  // in between (Esc right after saving) would follow a plain link instead. Wire it up at
  // once; settling then finds it done.
  document.addEventListener("htmx:afterSwap", function (event) {
    htmx.process(event.target);
  });

  // "+ Stip" follows the dots left (#dots-left's data-left, which every dot's answer
  // renews): with none left each "+ Stip" is disabled and says "geen stippen meer"
  // (the server refuses such a dot all the same).
  function followDotsLeft() {
    var left = document.getElementById("dots-left");
    if (!left || !left.hasAttribute("data-left")) return;
    var spent = Number(left.getAttribute("data-left")) <= 0;
    document.querySelectorAll('.dot-button[value="erbij"]').forEach(function (button) {
      button.disabled = spent;
    });
  }
  document.addEventListener("htmx:afterSettle", followDotsLeft);

  // A note's field counts its characters against its limit ("123/500"), in the span
  // the server renders next to it (id: the field's id + "-count").
  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[maxlength]")) return;
    var count = document.getElementById(field.id + "-count");
    if (count) count.textContent = field.value.length + "/" + field.maxLength;
  });

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    var form = field.closest && field.closest("form");
    if (!form) return;
    if (event.key === "Escape") {
      var cancel = form.querySelector("[data-cancel]");
      if (cancel) {
        event.preventDefault();
        cancel.click();
      }
    } else if (
      event.key === "Enter" &&
      !event.shiftKey &&
      !event.isComposing &&
      field.hasAttribute("data-enter-submits")
    ) {
      // Shift+Enter still makes a new line.
      event.preventDefault();
      form.requestSubmit();
    }
  });

  // A form opened to edit a text starts with the caret after the text, where one goes on
  // writing (browsers put it at the start). Only the first time it gets the focus, and
  // only if the caret is still at the start: a selection someone made stays.
  document.addEventListener("focusin", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("textarea[autofocus]") || field.dataset.caretPlaced) {
      return;
    }
    field.dataset.caretPlaced = "";
    if (field.selectionStart !== 0 || field.selectionEnd !== 0) return; // a selection made
    var end = field.value.length;
    field.setSelectionRange(end, end);
  });

  var hideTimer;
  function flash(kind) {
    var box = document.getElementById("flash");
    if (!box) return;
    box.textContent = box.dataset[kind];
    box.hidden = false;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () {
      box.hidden = true;
    }, 8000);
  }
  document.addEventListener("htmx:responseError", function () {
    flash("error");
  });
  document.addEventListener("htmx:sendError", function () {
    flash("offline");
  });
})();
