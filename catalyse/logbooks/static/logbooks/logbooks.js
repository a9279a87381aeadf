// After the HTMX preview replaced the editor, bring keyboard and screen-reader users to the preview.
document.addEventListener("htmx:afterSwap", function (event) {
  var preview = document.getElementById("apercu");
  if (preview && event.detail.target && event.detail.target.id === "editeur") {
    preview.focus();
  }
});
