// Observatory map: read a département's count aloud and on screen when it is hovered or focused.
document.addEventListener("DOMContentLoaded", () => {
  const readout = document.getElementById("map-readout");
  if (!readout) return;
  const show = (event) => {
    const area = event.target.closest(".map-area");
    if (area) readout.textContent = area.dataset.readout;
  };
  document.querySelectorAll(".map-area").forEach((area) => {
    area.addEventListener("mouseenter", show);
    area.addEventListener("focus", show);
  });
});
