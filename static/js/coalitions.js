// A coalition's page and Mijn coalities on top of htmx. Only an enhancement: without
// JavaScript every form posts as usual.
(function () {
  "use strict";

  // An invalid form (422) and an action changed meanwhile (409) come back as a fragment
  // to show in place, as on the board (static/js/board.js).
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "409|422", swap: true, error: false },
    { code: "[45]..", swap: false, error: true },
  ];
})();
