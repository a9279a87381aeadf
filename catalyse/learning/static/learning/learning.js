// Formations: a refused answer (400) still replaces its block, so that the French error shows where it belongs.
document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  if (event.detail.xhr.status === 400 && target && target.closest("[data-learning]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
