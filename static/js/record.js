// Posters and versions on top of htmx. Only an enhancement: without JavaScript the
// forms submit and the links download as usual.
(function () {
  "use strict";

  // An invalid form (422) comes back as a fragment to show in place; the same rules as
  // the board's (static/js/board.js), which loads this file too.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409|422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];

  // A rendered poster: start its download (the link is answered from the cache). A swap
  // from the live stream (sse-swap) has no target in its details: the event's own is it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var target = (event.detail && event.detail.target) || event.target;
    var link = target && target.querySelector && target.querySelector("a[data-autodownload]");
    if (link) link.click();
  });

  // A poster that failed to render: say so where the link would have been.
  document.addEventListener("htmx:responseError", function (event) {
    var result = document.getElementById("poster-result");
    if (result && event.detail.elt.closest("#poster-form")) {
      result.innerHTML = "";
      var message = document.createElement("p");
      message.className = "errorlist";
      message.setAttribute("role", "alert");
      message.textContent = result.dataset.error;
      result.appendChild(message);
    }
  });
})();
