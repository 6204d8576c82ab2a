// Progressive enhancement only: every page works without this file.
// Loaded with `defer` from our own origin (CSP script-src 'self').
(function () {
  "use strict";

  // "Drucken" buttons are hidden without JavaScript (the print stylesheet
  // works from the browser menu anyway); with it they open the print dialog.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
