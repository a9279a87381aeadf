// Co-development room: the exposé timer (progressive enhancement; without JS the page shows the start and end times).
(function () {
  "use strict";
  var timers = [];

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function render(el) {
    var target = el.querySelector("[data-codev-remaining]");
    var ends = Date.parse(el.getAttribute("data-ends-at"));
    if (!target || isNaN(ends)) return false;
    var left = Math.round((ends - Date.now()) / 1000);
    target.hidden = false;
    if (left <= 0) {
      target.textContent = el.getAttribute("data-over") || "Temps écoulé";
      target.classList.add("codev-timer-over");
      return false;
    }
    var label = el.getAttribute("data-left") || "{m} min {s} s";
    target.textContent = label.replace("{m}", String(Math.floor(left / 60))).replace("{s}", pad(left % 60));
    return true;
  }

  function bind(root) {
    var found = (root || document).querySelectorAll ? (root || document).querySelectorAll("[data-codev-timer]") : [];
    found.forEach(function (el) {
      if (el.dataset.codevBound) return;
      el.dataset.codevBound = "1";
      if (render(el)) timers.push(el);
    });
  }

  setInterval(function () {
    timers = timers.filter(function (el) { return document.body.contains(el) && render(el); });
  }, 1000);

  // Keep keyboard users where they were when a part of the room is replaced (a step change, a form sent): the same
  // field if it is still there (the first field of the form they sent), else the heading of the current step.
  var refocus = null;
  document.addEventListener("htmx:oobBeforeSwap", function (event) {
    var target = event.detail && event.detail.target;
    var active = document.activeElement;
    if (target && active && active !== document.body && target.contains(active)) {
      var id = active.id;
      if (!id && active.form) {
        var field = active.form.querySelector("textarea, select, input:not([type=hidden])");
        if (field) id = field.id;
      }
      refocus = id || "codev-step-title";
    }
  });
  document.addEventListener("htmx:oobAfterSwap", function () {
    if (!refocus) return;
    var el = document.getElementById(refocus) || document.getElementById("codev-step-title");
    refocus = null;
    if (el) el.focus({ preventScroll: true });
  });

  document.addEventListener("DOMContentLoaded", function () { bind(document); });
  document.addEventListener("htmx:load", function (event) { bind(event.target); bind(document); });
})();
