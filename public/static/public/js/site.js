// Progressive enhancement only: every page works without this file.
// Loaded with `defer` from our own origin (CSP script-src 'self').
(function () {
  "use strict";

  var FOCUS_KEY = "atlas-focus-after-submit";

  // "Drucken" buttons are hidden without JavaScript (the print stylesheet
  // works from the browser menu anyway); with it they open the print dialog.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // Forms marked data-autosubmit (the search filters) submit when a
  // checkbox, radio button or select changes, so that the counts update at
  // once. The page reloads; the control the user changed gets the focus back
  // so keyboard and screen-reader users keep their place. The submit button
  // stays for everyone else.
  function remember(control) {
    try {
      window.sessionStorage.setItem(
        FOCUS_KEY,
        JSON.stringify({ name: control.name, value: control.value, type: control.type })
      );
    } catch (error) {
      // Storage disabled: the form still submits, focus starts at the top.
    }
  }

  function restoreFocus() {
    var saved;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(FOCUS_KEY) || "null");
      window.sessionStorage.removeItem(FOCUS_KEY);
    } catch (error) {
      return;
    }
    if (!saved) {
      return;
    }
    var controls = document.querySelectorAll("form[data-autosubmit] [name]");
    for (var i = 0; i < controls.length; i += 1) {
      var control = controls[i];
      var sameValue = control.tagName === "SELECT" || control.value === saved.value;
      if (control.name === saved.name && sameValue) {
        control.focus();
        announceStatus(control.form);
        return;
      }
    }
  }

  // A live region announces changes, not the text a new page starts with.
  // After a filter change reloaded the page, write the result summary again
  // (after a pause, so that screen readers notice) to have the new count read
  // out while the focus stays on the changed control.
  function announceStatus(form) {
    var status = form && form.querySelector("[role=status]");
    if (!status) {
      return;
    }
    var text = status.textContent;
    status.textContent = "";
    window.setTimeout(function () {
      status.textContent = text;
    }, 150);
  }

  document.querySelectorAll("form[data-autosubmit]").forEach(function (form) {
    form.addEventListener("change", function (event) {
      var control = event.target;
      var kind = control.type;
      if (kind !== "checkbox" && kind !== "radio" && control.tagName !== "SELECT") {
        return;
      }
      remember(control);
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    });
  });

  restoreFocus();

  // The district map (/karte/): the district under the pointer or with the
  // focus is named with its counts beside the legend, at once (the SVG
  // <title> tooltip of the browser comes late and not on focus). Screen
  // readers read the same text as the link's name already.
  var details = document.querySelector("[data-map-details]");
  if (details) {
    var show = function (event) {
      details.textContent = event.currentTarget.getAttribute("aria-label");
      details.hidden = false;
    };
    document.querySelectorAll("svg a.district").forEach(function (district) {
      district.addEventListener("mouseenter", show);
      district.addEventListener("focus", show);
    });
  }
})();
