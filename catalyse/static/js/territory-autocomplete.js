// Autocomplete of territories (ARIA 1.2 combobox with a listbox popup), on the API /api/v1/territories.
// Progressive enhancement: without this file, the search form still works (GET ?q=).
//
// Markup: an element with [data-territory-autocomplete] that contains an <input>. Optional attributes on it:
//   data-api-url="/api/v1/territories"    where to ask
//   data-level="commune"                  only one level (else the form's <select name="level">, if any)
//   data-territory-field="id_territory"   fill this hidden input with the chosen LEVEL:CODE instead of
//                                          going to the territory's page
(() => {
  "use strict";

  const english = (document.documentElement.lang || "fr").startsWith("en");
  const T = english
    ? {
        list: "Suggested territories",
        none: "No territory found. Press Enter to search anyway.",
        count: (n) => `${n} suggestion${n > 1 ? "s" : ""}: use the up and down arrows, then Enter.`,
        inhabitants: (n) => `${n.toLocaleString("en")} inhabitant${n > 1 ? "s" : ""}`,
        error: "Suggestions are unavailable; press Enter to search.",
      }
    : {
        list: "Territoires suggérés",
        none: "Aucun territoire trouvé. Appuyez sur Entrée pour chercher quand même.",
        count: (n) => `${n} suggestion${n > 1 ? "s" : ""}\u202f: flèches haut et bas pour choisir, puis Entrée.`,
        inhabitants: (n) => `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, "\u202f")} habitant${n > 1 ? "s" : ""}`,
        error: "Les suggestions sont indisponibles\u202f; appuyez sur Entrée pour chercher.",
      };
  const DELAY_MS = 120;
  const LIMIT = 8;
  let counter = 0;

  function setup(container) {
    const input = container.querySelector("input");
    if (!input || input.getAttribute("role") === "combobox") return;
    counter += 1;
    const listId = `${input.id || "territory"}-suggestions-${counter}`;
    const apiUrl = container.dataset.apiUrl || "/api/v1/territories";
    const form = input.form;
    const fieldId = container.dataset.territoryField;
    const hidden = fieldId ? document.getElementById(fieldId) : null;

    const list = document.createElement("ul");
    list.id = listId;
    list.className = "autocomplete-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", T.list);
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    container.after(list);
    list.after(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    let results = [];
    let active = -1;
    let timer = null;
    let controller = null;
    let lastQuery = null;

    function level() {
      if (container.dataset.level) return container.dataset.level;
      const select = form ? form.querySelector("select[name=level]") : null;
      return select ? select.value : "";
    }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function open() {
      if (!results.length) return;
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function highlight(index) {
      const options = list.querySelectorAll("[role=option]");
      options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute("aria-activedescendant", options[index].id);
        options[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render() {
      list.replaceChildren();
      results.forEach((item, index) => {
        const option = document.createElement("li");
        option.id = `${listId}-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        const name = document.createElement("span");
        name.className = "name";
        name.textContent = item.label;
        const meta = document.createElement("span");
        meta.className = "meta";
        const parts = [item.kind_label];
        if (item.population !== null) parts.push(T.inhabitants(item.population));
        if (item.postal_codes.length) parts.push(item.postal_codes.slice(0, 3).join(", ") + (item.postal_codes.length > 3 ? "…" : ""));
        meta.textContent = ` · ${parts.join(" · ")}`;
        option.append(name, meta);
        option.addEventListener("mousedown", (event) => event.preventDefault()); // keep the focus in the input
        option.addEventListener("click", () => choose(index));
        list.append(option);
      });
      if (results.length) {
        open();
        status.textContent = T.count(results.length);
      } else {
        close();
        status.textContent = input.value.trim() ? T.none : "";
      }
    }

    function choose(index) {
      const item = results[index];
      if (!item) return;
      if (hidden) {
        hidden.value = item.ref;
        hidden.dispatchEvent(new Event("change", { bubbles: true }));
        input.value = item.label;
        lastQuery = input.value;
        close();
        return;
      }
      window.location.assign(item.url);
    }

    async function fetchResults() {
      const q = input.value.trim();
      const key = `${q}\u0000${level()}`;
      if (key === lastQuery) return;
      lastQuery = key;
      if (controller) controller.abort();
      if (!q) {
        results = [];
        render();
        return;
      }
      controller = new AbortController();
      const params = new URLSearchParams({ q: q.slice(0, 100), limit: String(LIMIT) });
      if (level()) params.set("level", level());
      try {
        const response = await fetch(`${apiUrl}?${params}`, {
          headers: { Accept: "application/json" },
          signal: controller.signal,
        });
        if (!response.ok) throw new Error(String(response.status));
        const data = await response.json();
        results = data.results || [];
        active = -1;
        render();
      } catch (error) {
        if (error.name === "AbortError") return;
        results = [];
        render();
        status.textContent = T.error;
        lastQuery = null;
      }
    }

    input.addEventListener("input", () => {
      if (hidden) hidden.value = "";
      clearTimeout(timer);
      timer = setTimeout(fetchResults, DELAY_MS);
    });

    input.addEventListener("keydown", (event) => {
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (list.hidden) {
            open();
            if (!results.length) fetchResults();
          }
          if (results.length) highlight(active + 1 >= results.length ? 0 : active + 1);
          break;
        case "ArrowUp":
          event.preventDefault();
          if (list.hidden) open();
          if (results.length) highlight(active <= 0 ? results.length - 1 : active - 1);
          break;
        case "Enter":
          if (!list.hidden && active >= 0) {
            event.preventDefault();
            choose(active);
          }
          break;
        case "Escape":
          if (!list.hidden) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            results = [];
            lastQuery = null;
            render();
          }
          break;
        case "Tab":
          close();
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", () => setTimeout(close, 100));
    input.addEventListener("focus", () => {
      if (results.length && input.value.trim()) open();
    });
    if (form) {
      const select = form.querySelector("select[name=level]");
      if (select) select.addEventListener("change", () => { lastQuery = null; });
    }
  }

  function init(root) {
    if (root.matches && root.matches("[data-territory-autocomplete]")) setup(root);
    root.querySelectorAll("[data-territory-autocomplete]").forEach(setup);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => init(document));
  else init(document);
  // Forms that HTMX brings into the page later.
  document.addEventListener("htmx:load", (event) => init(event.detail.elt));
})();
