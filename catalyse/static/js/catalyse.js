// Catalyse: small progressive enhancements. Pages work without this file.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});

// A refused form answers 400 (or 422) with the same fragment carrying its French errors: show it in place,
// as HTMX does for a success (by default HTMX drops 4xx answers and the person sees nothing).
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (status === 400 || status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
