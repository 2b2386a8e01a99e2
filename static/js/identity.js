/* The identiteitskaart: a tap on a part of the map chooses the part and the spot in the
   form below it (which works without this script too), shows the dot where it will go,
   and puts the cursor in the word field. */
(function () {
  "use strict";

  // An invalid form (422) or a refused placement (409) comes back as a fragment to show
  // in place, as on the board.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409|422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];

  var SVG = "http://www.w3.org/2000/svg";

  function form() {
    return document.querySelector("[data-place-form]");
  }

  function showPreview() {
    var f = form();
    if (!f) return;
    var checked = f.querySelector("input[name=part]:checked");
    document.querySelectorAll(".idmap-preview").forEach(function (el) { el.remove(); });
    if (!checked) return;
    var svg = document.querySelector('svg.idmap-field[data-part="' + CSS.escape(checked.value) + '"]');
    if (!svg) return;
    var dot = document.createElementNS(SVG, "circle");
    dot.setAttribute("class", "idmap-preview");
    dot.setAttribute("cx", f.elements.x.value);
    dot.setAttribute("cy", f.elements.y.value);
    dot.setAttribute("r", "3.2");
    svg.appendChild(dot);
  }

  document.addEventListener("click", function (event) {
    var svg = event.target.closest && event.target.closest("svg.idmap-field");
    var f = form();
    if (!svg || !f) return;
    var point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    var spot = point.matrixTransform(svg.getScreenCTM().inverse());
    function clamp(v) { return Math.max(0, Math.min(100, Math.round(v))); }
    var radio = f.querySelector('input[name=part][value="' + CSS.escape(svg.dataset.part) + '"]');
    if (radio) radio.checked = true;
    f.elements.x.value = clamp(spot.x);
    f.elements.y.value = clamp(spot.y);
    showPreview();
    f.elements.word.focus();
  });

  document.addEventListener("input", function (event) {
    if (event.target.form && event.target.form.hasAttribute("data-place-form")) showPreview();
  });
  document.addEventListener("change", function (event) {
    if (event.target.form && event.target.form.hasAttribute("data-place-form")) showPreview();
  });
  // A live refresh of the map drops the preview: draw it again.
  document.addEventListener("htmx:load", showPreview);
})();
