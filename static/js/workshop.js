/* A workshop on the board: the countdown, a quiet signal when the time is up, and
   following the facilitator's step.

   The server renders the seconds left (computed from the stored timestamps), so a reload
   or a late joiner starts from the right time; this file only counts down from there
   (or from the end it renders too, data-ends, when the bar is shown later than that).
   The bar (#workshop-bar) is swapped by htmx and by live.js whenever the facilitator
   steers; a short tick picks up whatever is on the page now, so no swap event is needed.
   Without JavaScript the bar still shows the step and the time as rendered. */
(function () {
  "use strict";

  var SOUND_KEY = "netwerkcanvas:timer-sound";
  var deadlines = new WeakMap(); // timer element -> when it reaches zero (this clock, ms)
  var followed = null; // the step anchor last brought into view
  var audio = null;

  function format(seconds) {
    var h = Math.floor(seconds / 3600);
    var m = Math.floor((seconds % 3600) / 60);
    var s = seconds % 60;
    var mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(s).padStart(2, "0");
  }

  function soundOn() {
    try {
      return window.localStorage.getItem(SOUND_KEY) === "on";
    } catch (error) {
      return false;
    }
  }

  // Two soft sine tones, made on the spot: no audio file, nothing loud.
  function chime() {
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    audio = audio || new Context();
    if (audio.state === "suspended") audio.resume();
    var now = audio.currentTime;
    [[659.25, 0], [880, 0.22]].forEach(function (tone) {
      var oscillator = audio.createOscillator();
      var gain = audio.createGain();
      oscillator.type = "sine";
      oscillator.frequency.value = tone[0];
      gain.gain.setValueAtTime(0.0001, now + tone[1]);
      gain.gain.exponentialRampToValueAtTime(0.12, now + tone[1] + 0.03);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + tone[1] + 0.9);
      oscillator.connect(gain);
      gain.connect(audio.destination);
      oscillator.start(now + tone[1]);
      oscillator.stop(now + tone[1] + 1);
    });
  }

  function timeUp(timer) {
    var label = timer.querySelector("[data-timer-label]");
    timer.classList.remove("timer-running", "timer-almost");
    timer.classList.add("timer-done", "timer-ringing");
    if (label) label.textContent = label.dataset.doneText;
    if (label) say(label.dataset.doneText);
    if (heard) heard.timer = "done"; // said: a bar rendered at zero needs not say it again
    if (soundOn()) chime();
  }

  // -- saying what others change ------------------------------------------------------
  // Each bar carries its state (step, timer, silent writing, open vote, hidden notes) and
  // a sentence per part. When a new bar arrives, what changed is said in the polite live
  // region beside the bar, which keeps its place (a region swapped in is not heard), and
  // focus stays where it is.

  var heard; // the state of the bar last seen: undefined before the first look

  function say(text) {
    var region = document.querySelector("[data-workshop-announce]");
    if (!region || !text) return;
    region.textContent = "";
    // A moment empty, so the same sentence twice is said twice.
    window.setTimeout(function () {
      region.textContent = text;
    }, 100);
  }

  function barState(bar) {
    if (!bar || !bar.dataset.sayState) return null;
    var parts = bar.dataset.sayState.split(" ");
    return { step: parts[0], timer: parts[1], silent: parts[2], vote: parts[3], hidden: +parts[4] };
  }

  var lastBar = null;

  function announceChanges() {
    var bar = document.getElementById("workshop-bar");
    if (bar === lastBar) return; // every change comes as a new bar
    lastBar = bar;
    var now = barState(bar);
    var before = heard;
    heard = now;
    if (!before || !now) return; // the first look, or no workshop (any more)
    var sentences = [];
    if (now.step !== before.step) {
      // A new step resets the timer and ends silent writing: saying the step says it all.
      sentences.push(bar.dataset.sayStep);
      if (now.silent === "1") sentences.push(bar.dataset.saySilent);
    } else {
      if (now.timer !== before.timer) sentences.push(bar.dataset.sayTimer);
      // The end of silent writing says whether all notes can be seen now (a reveal);
      // a reveal after it is said when the bar knew of hidden notes before.
      if (now.silent !== before.silent) sentences.push(bar.dataset.saySilent);
      else if (before.hidden > 0 && now.hidden === 0) sentences.push(bar.dataset.sayReveal);
    }
    if (now.vote !== before.vote) sentences.push(bar.dataset.sayVote);
    if (sentences.length) say(sentences.join(" "));
  }

  // -- saying what arrives, and what one's own request did --------------------------
  // Notes others add at the current step are counted (live.js names them after each
  // swap) and said together: after a short wait, and at most every few seconds, so a
  // busy round is a sentence now and then, not one per note. One's own notes never come
  // this way (live.js skips the events of this tab's requests).

  var NOTES_WAIT = 1500; // ms: notes arriving together are said together
  var NOTES_GAP = 5000; // ms: at least this long between two such sentences
  var arrived = { step: null, count: 0, timer: null, said: 0 };

  function currentStep() {
    var bar = document.getElementById("workshop-bar");
    if (!bar || bar.classList.contains("workshop-none")) return "";
    return bar.dataset.stepAnchor || "";
  }

  document.addEventListener("live:notes-added", function (event) {
    var anchor = currentStep();
    var step = anchor && document.getElementById(anchor);
    if (!step) return;
    var here = event.detail.notes.filter(function (note) {
      return note.isConnected && step.contains(note);
    }).length;
    if (!here) return;
    if (arrived.step !== anchor) arrived.count = 0;
    arrived.step = anchor;
    arrived.count += here;
    if (arrived.timer) return;
    var wait = Math.max(NOTES_WAIT, arrived.said + NOTES_GAP - Date.now());
    arrived.timer = window.setTimeout(sayArrived, wait);
  });

  function sayArrived() {
    var count = arrived.count;
    arrived.timer = null;
    arrived.count = 0;
    var region = document.querySelector("[data-workshop-announce]");
    if (!region || !count || arrived.step !== currentStep()) return; // the step moved on
    var title = document.getElementById(arrived.step + "-title");
    var text = count === 1 ? region.dataset.sayNote : region.dataset.sayNotes;
    if (!text || !title) return;
    arrived.said = Date.now();
    say(text.replace("{n}", count).replace("{step}", title.textContent.trim()));
  }

  // After one's own request: the dots left after a dot (the answer renews #dots-left),
  // "Opgeslagen" after saving a note or choosing one's involvement. A refused request
  // (409, 422) shows its message by the field instead.
  // The form is noted when the request leaves: its answer replaces it, and the event of
  // the answer reaches the document from what is left around it.
  var saying = new WeakMap(); // xhr -> "dot" or "saved"
  document.addEventListener("htmx:beforeSend", function (event) {
    var form = event.detail.elt;
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (!form || !form.matches || verb !== "post") return;
    if (form.matches("form.dot-form")) saying.set(event.detail.xhr, "dot");
    else if (form.matches("form.note-form, form.commit-levels")) saying.set(event.detail.xhr, "saved");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail.xhr;
    var what = xhr && saying.get(xhr);
    if (!what) return;
    saying.delete(xhr);
    if (xhr.status < 200 || xhr.status > 299) return;
    var source = what === "dot" ? document.getElementById("dots-left") : document.querySelector("[data-workshop-announce]");
    if (source) say(what === "dot" ? source.dataset.say : source.dataset.saySaved);
  });

  function updateTimer(timer) {
    if (!timer.hasAttribute("data-running")) return; // paused or done: as rendered
    var deadline = deadlines.get(timer);
    if (deadline === undefined) {
      var remaining = parseInt(timer.dataset.remaining, 10) || 0;
      deadline = Date.now() + remaining * 1000;
      // A bar may be shown long after it was rendered (a pushed bar replayed after a
      // reconnect): its end on the server's clock says when. Both guesses are late by
      // a delay at most, so the earlier one is the better.
      var ends = parseInt(timer.dataset.ends, 10);
      if (ends && clockOffset !== null) deadline = Math.min(deadline, ends + clockOffset);
      deadlines.set(timer, deadline);
    }
    if (timer.classList.contains("timer-done")) return;
    var left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    var clock = timer.querySelector("[data-timer-clock]");
    var text = format(left);
    if (clock && clock.textContent !== text) clock.textContent = text;
    timer.classList.toggle("timer-almost", left > 0 && left <= 30);
    if (left === 0) timeUp(timer);
  }

  // The height of what sticks to the top while a workshop runs (0 without one: then the
  // board's own scroll margins suffice).
  function stickyHeight() {
    var sticky = document.querySelector(".board-sticky");
    var bar = document.getElementById("workshop-bar");
    if (!sticky || !bar || bar.classList.contains("workshop-none")) return 0;
    if (window.getComputedStyle(sticky).position !== "sticky") return 0; // a short screen
    return sticky.getBoundingClientRect().height;
  }

  function typing() {
    var active = document.activeElement;
    return active && active.matches("textarea, input[type=text], select");
  }

  var brought = { target: null, at: 0 };

  function topFor(target) {
    return target.getBoundingClientRect().top + window.scrollY - stickyHeight() - 16;
  }

  function bringIntoView(target) {
    var reduce = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    var top = topFor(target);
    window.scrollTo({ top: Math.max(0, top), behavior: reduce ? "auto" : "smooth" });
    brought = { target: target, at: Date.now() };
  }

  // Links to a place on the board (the block shortcuts, "Naar de stemming") land below the
  // sticky bar, whatever its height now; a step just brought into view stays clear of the
  // bar when the bar grows (a vote or silent writing announced just after the step).
  var barHeight = -1;
  function keepClearOfBar() {
    var height = stickyHeight();
    if (height === barHeight) return;
    barHeight = height;
    document.documentElement.style.scrollPaddingTop = height ? height + 16 + "px" : "";
    var target = brought.target;
    if (target && Date.now() - brought.at < 3000 && document.body.contains(target) && focusSeenAt(topFor(target))) {
      bringIntoView(target);
    }
  }

  // The facilitator's dock (a fixed panel on a wide screen): the page ends above it, and
  // whatever is scrolled to or focused stays clear of it.
  var dockHeight = -1;
  function keepClearOfDock() {
    var panel = document.getElementById("workshop-panel");
    var fixed = panel && window.getComputedStyle(panel).position === "fixed";
    var height = fixed ? Math.ceil(panel.getBoundingClientRect().height) : 0;
    if (height === dockHeight) return;
    dockHeight = height;
    document.documentElement.style.scrollPaddingBottom = height ? height + 16 + "px" : "";
    document.body.style.paddingBottom = height ? height + "px" : "";
  }

  // Highlight the current step; when it changes, bring it into view, unless the person is
  // writing, or is the facilitator (whose panel stays where it is).
  function followStep() {
    var bar = document.getElementById("workshop-bar");
    var running = bar && !bar.classList.contains("workshop-none");
    var anchor = running ? bar.dataset.stepAnchor || "" : "";
    var target = anchor ? document.getElementById(anchor) : null;
    document.querySelectorAll(".current-step").forEach(function (element) {
      if (element !== target) element.classList.remove("current-step");
    });
    if (target && !target.classList.contains("current-step")) {
      target.classList.add("current-step");
      target.dataset.now = bar.dataset.nowLabel || "";
    }
    if (anchor === followed) return;
    var firstLook = followed === null;
    followed = anchor;
    var steering = document.getElementById("workshop-panel") !== null;
    if (!target || steering || typing()) return;
    if (firstLook && window.location.hash) return; // the page was opened at a place
    // On a phone the step's card (its question and add control) is what to see first.
    var card = document.getElementById("step-card");
    var goal = card && card.offsetHeight ? card : target;
    // Someone on a control stays where they are when following would take it out of
    // sight (WCAG 2.4.11): the new step is said in the live region all the same.
    if (!focusSeenAt(topFor(goal))) {
      brought = { target: null, at: 0 }; // nor back to an earlier step when the bar grows
      return;
    }
    bringIntoView(goal);
  }

  // Whether the focused element (if any, on the page) can still be seen when the page is
  // scrolled to `top`: below what sticks to the top, above the bottom of the window.
  function focusSeenAt(top) {
    var active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) return true;
    var box = active.getBoundingClientRect();
    if (!box.width && !box.height) return true; // nothing to see (hidden meanwhile)
    var sticky = document.querySelector(".board-sticky");
    if (sticky && sticky.contains(active)) return true; // it moves along
    var most = document.documentElement.scrollHeight - window.innerHeight;
    var at = box.top + window.scrollY - Math.max(0, Math.min(top, most));
    return at >= stickyHeight() && at + box.height <= window.innerHeight;
  }

  function showSoundToggles() {
    var on = soundOn() ? "true" : "false";
    document.querySelectorAll("[data-sound-toggle]").forEach(function (button) {
      if (button.hidden) button.hidden = false;
      if (button.getAttribute("aria-pressed") !== on) button.setAttribute("aria-pressed", on);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-sound-toggle]");
    if (!button) return;
    var on = !soundOn();
    try {
      window.localStorage.setItem(SOUND_KEY, on ? "on" : "off");
    } catch (error) {
      return;
    }
    if (on) chime(); // a preview, and the click lets the page play sound later
    showSoundToggles();
  });

  function tick() {
    announceChanges();
    document.querySelectorAll("[data-timer]").forEach(updateTimer);
    keepClearOfBar();
    keepClearOfDock();
    followStep();
    showSoundToggles();
  }

  // How far this browser's clock is ahead of the server's (ms, and the page's own
  // loading time), from the server's time the board was rendered at; null if unknown.
  var clockOffset = null;

  function start() {
    var root = document.querySelector("[data-live-now]");
    var now = root && parseInt(root.dataset.liveNow, 10);
    if (now) clockOffset = Date.now() - now;
    tick();
    window.setInterval(tick, 250);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
