// The agenda editor on top of htmx. Only an enhancement: without JavaScript the form
// posts and the page comes back.
(function () {
  "use strict";

  // Refused input (422) and a refused action (409) come back as the editor, with the
  // message beside its field: show it in place, as the board does (static/js/board.js).
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409|422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];
})();
