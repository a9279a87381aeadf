// Journeys: the action plan's HTMX forms answer 400 with the errors to show (swapped in by catalyse.js);
// move the focus to what changed (the error summary, or the plan's heading) for screen readers.
(() => {
  "use strict";
  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    if (!target || !target.matches || !target.matches("[data-swap-errors]")) return;
    const plan = document.getElementById(target.id) || target;
    const summary = plan.querySelector(".error-summary");
    if (summary) {
      summary.focus();
      return;
    }
    const field = plan.querySelector("input[name='what']");
    if (event.detail.requestConfig && event.detail.requestConfig.verb === "post" && field && plan.contains(document.activeElement) === false) {
      field.focus();
    }
  });
})();
