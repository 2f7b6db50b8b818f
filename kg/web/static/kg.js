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

// Suggestions as you type, for every input marked data-suggest.
function suggest(input) {
  const list = input.parentElement.querySelector(".suggestions") ||
    input.insertAdjacentElement("afterend", el("ul", { class: "suggestions", role: "listbox" }));
  let pending = null;
  input.addEventListener("input", () => {
    clearTimeout(pending);
    const text = input.value.trim();
    if (!text) { list.hidden = true; return; }
    pending = setTimeout(async () => {
      const answer = await fetch("/api/search?" + new URLSearchParams({ q: text, limit: 8 }));
      if (!answer.ok) return;
      const data = await answer.json();
      list.replaceChildren(...data.results.map((r) => {
        const item = el("li", { role: "option", "data-id": r.id },
          el("span", { class: "dot t-" + r.type }), r.label,
          r.matched !== r.label ? el("small", { text: " (" + r.matched + ")" }) : "",
          el("small", { class: "type", text: " " + r.type }));
        item.addEventListener("mousedown", (event) => {
          event.preventDefault();
          if (input.name === "e" || input.name === "q") window.location = entityHref(r.id);
          else { input.value = r.id; list.hidden = true; }
        });
        return item;
      }));
      list.hidden = data.results.length === 0;
    }, 120);
  });
  input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 150));
}

function showEdge(panel, edge, labels) {
  if (!edge) return;
  const items = edge.links.map((link) => el("li", {},
    el("b", { text: link.class + " " }), el("i", { text: link.relation }),
    link.date ? el("span", { class: "date", text: " " + link.date }) : "",
    el("span", { class: "f", text: " " + link.factuality }),
    el("blockquote", {}, quote(link),
      el("cite", {}, el("a", { href: "/article?" + new URLSearchParams({ id: link.article }), text: link.article }),
        link.outlet ? ", " + link.outlet : ""))));
  panel.replaceChildren(
    el("h3", {}, labels.get(edge.source) || edge.source, " → ", labels.get(edge.target) || edge.target),
    el("p", { text: edge.weight + (edge.weight === 1 ? " event" : " events") }),
    el("ol", { class: "edge-links" }, ...items));
}

function readData() {
  return JSON.parse(document.getElementById("graph-data").textContent);
}

const kgPages = {
  network(key) {
    const data = readData();
    const labels = new Map(data.nodes.map((n) => [n.id, n.label]));
    const panel = document.getElementById("evidence");
    const view = kgGraph.draw(document.getElementById("graph"), data, {
      onEdge: (edge) => showEdge(panel, edge, labels),
      onNode: (node) => { if (node && node.key !== key) window.location = entityHref(node.key); },
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
      onNode: (node) => { window.location = entityHref(node.key); },
    });
  },

  sparql() {
    const form = document.getElementById("sparql-form");
    const editor = document.getElementById("query");
    const status = document.getElementById("status");
    const results = document.getElementById("results");
    const queries = JSON.parse(document.getElementById("queries-data").textContent);
    for (const button of document.querySelectorAll(".canned-query")) {
      button.addEventListener("click", () => {
        const found = queries.find((q) => q.name === button.dataset.name);
        editor.value = found.text;
        status.textContent = found.params.length
          ? "Bind " + found.params.map((p) => "?" + p).join(", ") + " (e.g. with VALUES) before running."
          : found.description;
      });
    }
    document.getElementById("download").addEventListener("click", (event) => {
      event.currentTarget.href = "/sparql?" + new URLSearchParams({ query: editor.value, format: "csv" });
    });
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      status.textContent = "Running…";
      results.replaceChildren();
      const started = performance.now();
      const answer = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query", Accept: "application/sparql-results+json, text/turtle" },
        body: editor.value,
      });
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      const type = answer.headers.get("content-type") || "";
      if (!answer.ok) {
        const error = await answer.json().catch(() => ({ error: answer.statusText }));
        status.textContent = "";
        results.replaceChildren(el("p", { class: "error", role: "alert", text: error.error }));
        return;
      }
      if (type.startsWith("text/turtle")) {
        results.replaceChildren(el("pre", { text: await answer.text() }));
        status.textContent = "Graph in " + seconds + " s";
        return;
      }
      const data = await answer.json();
      if ("boolean" in data) {
        results.replaceChildren(el("p", { class: "boolean", text: String(data.boolean) }));
        status.textContent = "Answer in " + seconds + " s";
        return;
      }
      const vars = data.head.vars;
      const rows = data.results.bindings.map((b) => el("tr", {}, ...vars.map((v) => {
        const term = b[v];
        if (!term) return el("td");
        if (term.type === "uri") return el("td", {}, el("span", { class: "iri", title: term.value, text: compact(term.value) }));
        return el("td", { text: term.value });
      })));
      results.replaceChildren(el("table", { class: "listing", id: "results-table" },
        el("thead", {}, el("tr", {}, ...vars.map((v) => el("th", { text: v })))),
        el("tbody", {}, ...rows)));
      status.textContent = rows.length + (rows.length === 1 ? " row" : " rows") + " in " + seconds + " s";
    });
  },
};

const PREFIXES = [
  ["kg:", "https://w3id.org/kgnews/ontology#"],
  ["schema:", "https://schema.org/"],
  ["", "https://w3id.org/kgnews/id/"],
];

function compact(iri) {
  for (const [prefix, namespace] of PREFIXES) {
    if (iri.startsWith(namespace)) return prefix + iri.slice(namespace.length).replace("/", ":");
  }
  return iri;
}

document.querySelectorAll("[data-suggest]").forEach(suggest);
window.kgPages = kgPages;
