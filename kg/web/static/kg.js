// Page scripts of kg serve. Every text from the store is put in the page with
// textContent (never innerHTML), so article text stays text.
"use strict";

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function entityHref(id) {
  return "/entity?" + new URLSearchParams({ e: id });
}

// Offsets count code points (as Python does), not UTF-16 units: slice an array.
function quote(link) {
  const [start, end] = link.trigger_in_evidence || [0, 0];
  const chars = Array.from(link.evidence);
  return el("q", { class: "evidence" }, chars.slice(0, start).join(""),
    el("mark", { class: "trigger", text: chars.slice(start, end).join("") }),
    chars.slice(end).join(""));
}

// Suggestions as you type, for every input marked data-suggest: arrows move
// through them, Enter takes the highlighted one, Escape closes the list.
let suggestionLists = 0;
function suggest(input) {
  const list = input.parentElement.querySelector(".suggestions") ||
    input.insertAdjacentElement("afterend", el("ul", { class: "suggestions", role: "listbox" }));
  list.id = list.id || "suggestions-" + ++suggestionLists;
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");
  let pending = null;
  let active = -1;
  const options = () => [...list.querySelectorAll("li[role=option]")];
  function show(open) {
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    if (!open) highlight(-1);
  }
  function highlight(index) {
    const items = options();
    active = index;
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    if (index >= 0 && items[index]) input.setAttribute("aria-activedescendant", items[index].id);
    else input.removeAttribute("aria-activedescendant");
  }
  function choose(result) {
    if (input.name === "e" || input.name === "q") window.location = entityHref(result.id);
    else { input.value = result.id; show(false); }
  }
  input.addEventListener("input", () => {
    clearTimeout(pending);
    const text = input.value.trim();
    if (!text) { show(false); return; }
    pending = setTimeout(async () => {
      const answer = await fetch("/api/search?" + new URLSearchParams({ q: text, limit: 8 }));
      if (!answer.ok) return;
      const data = await answer.json();
      if (input.value.trim() !== text) return;  // typed on meanwhile
      list.replaceChildren(...data.results.map((r, i) => {
        const item = el("li", { role: "option", id: list.id + "-" + i, "data-id": r.id, "aria-selected": "false" },
          el("span", { class: "dot t-" + r.type }), r.label,
          r.matched !== r.label ? el("small", { text: " (" + r.matched + ")" }) : "",
          el("small", { class: "type", text: " " + r.type }));
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(r);
        });
        item.result = r;
        return item;
      }));
      active = -1;
      show(data.results.length > 0);
    }, 120);
  });
  input.addEventListener("keydown", (event) => {
    const items = options();
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!items.length) return;
      event.preventDefault();
      show(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      highlight((active + step + items.length) % items.length);
    } else if (event.key === "Enter" && !list.hidden && active >= 0 && items[active]) {
      event.preventDefault();
      choose(items[active].result);
    } else if (event.key === "Escape" && !list.hidden) {
      event.preventDefault();
      show(false);
    }
  });
  input.addEventListener("blur", () => setTimeout(() => show(false), 150));
}

function showEdge(panel, edge, labels) {
  if (!edge) return;
  const items = edge.links.map((link) => el("li", {},
    el("b", { text: link.class + " " }), el("i", { text: link.relation }),
    link.date ? el("span", { class: "date", text: " " + link.date }) : el("span", { class: "date none", text: " no date" }),
    el("span", { class: "f", text: " " + link.factuality }),
    el("span", { class: "confidence", title: "confidence", text: " " + Math.round(100 * (link.confidence || 0)) + "%" }),
    el("blockquote", {}, quote(link),
      el("cite", {}, el("a", { href: "/article?" + new URLSearchParams({ id: link.article }), text: link.article }),
        link.outlet ? ", " + link.outlet : ""))));
  panel.replaceChildren(
    el("h3", {}, labels.get(edge.source) || edge.source, " → ", labels.get(edge.target) || edge.target),
    el("p", { text: edge.weight + (edge.weight === 1 ? " event" : " events") }),
    el("ol", { class: "edge-links" }, ...items));
}

// A selected node: what it is, a way to open or expand it, and its links.
function showNode(panel, view, node, labels, expand) {
  if (!node) {
    panel.replaceChildren(el("p", { class: "hint", text: "Click a link to read its evidence; click an entity to select it, double-click to expand it." }));
    return;
  }
  const graph = view.graph;
  const shown = new Set(view.visible().edges);
  const links = graph.edges(node.id).filter((e) => shown.has(e)).map((id) => {
    const a = graph.getEdgeAttributes(id);
    const other = graph.source(id) === node.id ? graph.target(id) : graph.source(id);
    const arrow = graph.source(id) === node.id ? " → " : " ← ";
    const button = el("button", { type: "button", class: "link-button", text: a.label + arrow + (labels.get(other) || other) });
    button.addEventListener("click", () => showEdge(panel, view.edges.get(id), labels));
    return el("li", {}, button);
  });
  const open = el("a", { href: entityHref(node.key), class: "entity t-" + node.type, text: "Open " + node.label });
  const more = el("button", { type: "button", id: "expand-node", text: "Expand neighbours" });
  more.addEventListener("click", () => expand(node.id));
  panel.replaceChildren(
    el("h3", { text: node.label }),
    el("p", { text: node.type + " · " + node.mentions + (node.mentions === 1 ? " mention" : " mentions") + " · " + links.length + (links.length === 1 ? " link" : " links") }),
    el("p", {}, open, " ", more),
    el("ul", { class: "node-links" }, ...links));
}

function readData() {
  return JSON.parse(document.getElementById("graph-data").textContent);
}

// The legend of the drawn graph: node types and edge classes with their colours.
function drawLegend(legend, view) {
  const types = Object.entries(kgGraph.TYPE_COLOURS).map(([t, colour]) =>
    el("li", {}, el("span", { class: "dot", style: "background:" + colour }), t));
  const classes = view.classes.map((c) =>
    el("li", {}, el("span", { class: "bar", style: "background:" + kgGraph.classColour(c, view.classes) }),
      c === "Event" ? "Event (verb shown)" : c));
  legend.replaceChildren(el("ul", { class: "legend-types", "aria-label": "Entity types" }, ...types),
    el("ul", { class: "legend-classes", "aria-label": "Event classes" }, ...classes));
}

// The drawing's own filters (no page reload): types, degree, classes,
// factuality, confidence and a time range over the months the links carry.
function graphFilters(form, view) {
  const months = [...new Set(view.graph.mapEdges((e, a) => [a.first, a.last]).flat()
    .filter(Boolean).map((d) => d.slice(0, 7)))].sort();
  const checks = (name, values, labelOf) => el("fieldset", {}, el("legend", { text: name }),
    ...values.map((v) => el("label", {}, el("input", { type: "checkbox", name, value: v, checked: "" }), " " + (labelOf ? labelOf(v) : v))));
  const from = el("input", { type: "range", id: "time-from", min: "0", max: String(Math.max(0, months.length - 1)), value: "0", "aria-label": "From month" });
  const to = el("input", { type: "range", id: "time-to", min: "0", max: String(Math.max(0, months.length - 1)), value: String(Math.max(0, months.length - 1)), "aria-label": "To month" });
  const span = el("output", { id: "time-range" });
  const undated = el("label", {}, el("input", { type: "checkbox", id: "time-any", checked: "" }), " links without a date");
  const confidence = el("input", { type: "range", id: "min-confidence", min: "0", max: "1", step: "0.05", value: "0", "aria-label": "Minimum confidence" });
  const confidenceOut = el("output", { text: "0%" });
  const degree = el("input", { type: "number", id: "min-degree", min: "0", value: "0", "aria-label": "Minimum number of links" });
  const types = [...new Set(view.graph.mapNodes((n, a) => a.entity_type))].sort();
  const facts = [...new Set(view.graph.mapEdges((e, a) => a.factualities).flat())].sort();
  form.replaceChildren(
    checks("type", types), checks("class", view.classes), checks("factuality", facts),
    el("fieldset", {}, el("legend", { text: "links" }), el("label", {}, "at least ", degree),
      el("label", {}, " confidence ≥ ", confidence, " ", confidenceOut)),
    months.length ? el("fieldset", { class: "time" }, el("legend", { text: "time" }), from, to, " ", span, " ", undated) : "");
  function apply() {
    const chosen = (name) => new Set([...form.querySelectorAll("input[name=" + name + "]:checked")].map((i) => i.value));
    let a = Number(from.value), b = Number(to.value);
    if (a > b) [a, b] = [b, a];
    const whole = a === 0 && b === months.length - 1;
    span.textContent = months.length ? months[a] + " – " + months[b] : "";
    confidenceOut.textContent = Math.round(100 * Number(confidence.value)) + "%";
    const anyDate = form.querySelector("#time-any");
    view.setFilters({
      types: chosen("type").size === types.length ? null : chosen("type"),
      classes: chosen("class").size === view.classes.length ? null : chosen("class"),
      factualities: chosen("factuality").size === facts.length ? null : chosen("factuality"),
      minConfidence: Number(confidence.value),
      minDegree: Number(degree.value) || 0,
      from: whole ? null : months[a],
      to: whole ? null : months[b],
      undated: anyDate ? anyDate.checked : true,
    });
  }
  form.oninput = apply;  // (re)drawn after an expansion: one handler each
  form.onchange = apply;
  apply();
}

const kgPages = {
  network(key, things) {
    const data = readData();
    const labels = new Map(data.nodes.map((n) => [n.id, n.label]));
    const panel = document.getElementById("evidence");
    const canvas = document.getElementById("graph");
    const status = document.getElementById("graph-status");
    let view = null;
    const expand = (id) => view.expand(id);
    view = kgGraph.draw(canvas, data, {
      onEdge: (edge) => showEdge(panel, edge, labels),
      onNode: (node) => showNode(panel, view, node, labels, expand),
      onExpand: async (node) => {
        const answer = await fetch("/api/network?" + new URLSearchParams({ e: node.key, hops: 1, things: things ? 1 : 0 }));
        if (!answer.ok) return null;
        const more = await answer.json();
        for (const n of more.nodes) labels.set(n.id, n.label);
        return more;
      },
      onExpanded: (node, added) => {
        status.textContent = added ? added + " entities added around " + node.label : "No more entities around " + node.label;
        graphFilters(document.getElementById("graph-filters"), view);
      },
      onChange: () => drawLegend(document.getElementById("legend"), view),
    });
    drawLegend(document.getElementById("legend"), view);
    graphFilters(document.getElementById("graph-filters"), view);
    const find = document.getElementById("graph-find");
    find.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      event.preventDefault();
      const found = view.find(find.value);
      status.textContent = found ? "Found " + labels.get(found) : "No entity in the graph matches " + find.value;
    });
    document.getElementById("zoom-in").addEventListener("click", () => view.zoomIn());
    document.getElementById("zoom-out").addEventListener("click", () => view.zoomOut());
    document.getElementById("zoom-fit").addEventListener("click", () => view.fit());
    document.getElementById("fullscreen").addEventListener("click", () => {
      const wrap = document.getElementById("network");
      if (document.fullscreenElement) document.exitFullscreen();
      else if (wrap.requestFullscreen) wrap.requestFullscreen();
    });
    document.getElementById("label-density").addEventListener("input", (event) => {
      view.setLabelDensity(Number(event.target.value));
    });
    // keyboard: arrows move through the shown entities (by name), Enter opens
    // the selected one, Escape clears, + and - zoom, 0 fits
    canvas.addEventListener("keydown", (event) => {
      const order = view.visible().nodes.slice().sort((a, b) =>
        (labels.get(a) || a).localeCompare(labels.get(b) || b));
      const at = order.indexOf(view.state.selected);
      if (event.key === "ArrowRight" || event.key === "ArrowDown") {
        view.select(order[(at + 1) % order.length]);
      } else if (event.key === "ArrowLeft" || event.key === "ArrowUp") {
        view.select(order[(at - 1 + order.length) % order.length]);
      } else if (event.key === "Enter" && view.state.selected) {
        window.location = entityHref(view.nodes.get(view.state.selected).key);
      } else if (event.key === "Escape") {
        view.select(null);
      } else if (event.key === "+" || event.key === "=") {
        view.zoomIn();
      } else if (event.key === "-") {
        view.zoomOut();
      } else if (event.key === "0") {
        view.fit();
      } else {
        return;
      }
      event.preventDefault();
      if (view.state.selected) status.textContent = "Selected " + labels.get(view.state.selected) + " (" + (order.indexOf(view.state.selected) + 1) + " of " + order.length + ")";
    });
    document.getElementById("export-gexf").addEventListener("click", () => {
      kgGraph.download(key.replace(/[^A-Za-z0-9-]+/g, "-") + ".gexf",
        new Blob([view.gexf()], { type: "application/xml" }));
    });
    document.getElementById("export-png").addEventListener("click", async () => {
      kgGraph.download(key.replace(/[^A-Za-z0-9-]+/g, "-") + ".png", await view.png());
    });
  },

  path() {
    const data = readData();
    kgGraph.draw(document.getElementById("graph"), data, {
      onEdge: (edge) => showEdge(document.getElementById("evidence"), edge,
        new Map(data.nodes.map((n) => [n.id, n.label]))),
      onNode: (node) => { if (node) window.location = entityHref(node.key); },
    });
  },
};

document.querySelectorAll("[data-suggest]").forEach(suggest);
window.kgPages = kgPages;
