// The SPARQL editor of `kg serve`: YASQE (highlighting, completion, Ctrl+Enter)
// and YASR (sortable, paged tables) against the store's own /sparql, with
// nothing fetched from elsewhere: prefixes and terms come from /api/vocabulary.
//
// start(options) builds the editor in #query-editor and the results in
// #results and returns {yasqe, yasr, run()}; it keeps them in
// window.kgSparql.view for tests and users' scripts.
import Yasqe from "@triply/yasqe";
import Yasr from "@triply/yasr";

const ENTITY_NAMESPACE = "https://w3id.org/kgnews/id/";

// Completion of the ontology's terms ("kg:Sup" → kg:Supply), offline.
function termCompleter(terms) {
  return {
    name: "kg-terms",
    bulk: true,
    autoShow: true,
    get: () => terms,
    isValidCompletionPosition(yasqe) {
      const token = yasqe.getCompleteToken();
      return /^[A-Za-z]+:[A-Za-z_]*$/.test(token.string || "");
    },
    preProcessToken(yasqe, token) {
      return { ...token, autocompletionString: token.string };
    },
  };
}

// A query with a PREFIX line for each known prefix it uses and does not
// declare: the server binds them anyway, but declared, the editor checks
// the query and a shared query runs on any endpoint.
export function declared(query, prefixes) {
  const lines = [];
  for (const [name, iri] of Object.entries(prefixes)) {
    const used = new RegExp("(^|[^\\w:?$])" + name + ":", "m").test(query);
    const stated = new RegExp("PREFIX\\s+" + name + ":", "i").test(query);
    if (used && !stated) lines.push("PREFIX " + name + ": <" + iri + ">");
  }
  return lines.length ? lines.join("\n") + "\n" + query : query;
}

function shareable(yasqe) {
  return window.location.origin + "/sparql?" + new URLSearchParams({ query: yasqe.getValue() });
}

// YASR reads "{{name}}" in a literal as a slot for another column's value;
// store text is shown as it is: a word joiner (U+2060, invisible) goes
// between the braces of a solution's literals before YASR sees them.
export function verbatim(response, duration) {
  const type = (response && response.header && response.header["content-type"]) || "";
  if (!response || !response.ok || !type.includes("json")) return response;
  let data;
  try {
    data = JSON.parse(response.text);
  } catch (err) {
    return response;
  }
  for (const row of (data.results && data.results.bindings) || []) {
    for (const term of Object.values(row)) {
      if (term.type !== "uri" && term.value.includes("{{")) {
        term.value = term.value.replaceAll("{{", "{\u2060{");
      }
    }
  }
  return { data, contentType: type, status: response.status, executionTime: duration };
}

// The query in the address bar, so a query can be shared as a link.
function remember(query) {
  const url = new URL(window.location.href);
  url.searchParams.set("query", query);
  window.history.replaceState(null, "", url);
}

export async function start(options) {
  const vocabulary = await fetch("/api/vocabulary").then((r) => r.json()).catch(() => ({ prefixes: {}, terms: [] }));
  Yasqe.registerAutocompleter(termCompleter(vocabulary.terms), true);
  const editor = document.getElementById("query-editor");
  const yasqe = new Yasqe(editor, {
    value: declared(options.query, vocabulary.prefixes),
    persistenceId: null,
    resizeable: true,
    editorHeight: "260px",
    showQueryButton: true,
    // prefix.cc's format, served by kg itself
    prefixCcApi: "/api/prefixes",
    autocompleters: ["prefixes", "variables", "kg-terms"],
    createShareableLink: shareable,
    consumeShareLink: null,
    requestConfig: {
      endpoint: "/sparql",
      method: "POST",
      acceptHeaderSelect: "application/sparql-results+json",
      acceptHeaderGraph: "text/turtle",
      acceptHeaderUpdate: "application/sparql-results+json",
    },
  });
  const yasr = new Yasr(document.getElementById("results"), {
    persistenceId: null,
    prefixes: vocabulary.prefixes,
    pluginOrder: ["table", "response"],
    defaultPlugin: "table",
  });
  const status = document.getElementById("status");
  yasqe.on("query", () => {
    status.textContent = "Running…";
    remember(yasqe.getValue());
  });
  yasqe.on("queryResponse", (instance, response, duration) => {
    yasr.setResponse(verbatim(response, duration), duration);
    const error = response && (response.status >= 400 || response instanceof Error);
    status.textContent = error ? "" : "Answer in " + (duration / 1000).toFixed(2) + " s";
  });
  // an entity's IRI in the results opens its page here
  document.getElementById("results").addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("a[href]");
    if (!link || !link.href.startsWith(ENTITY_NAMESPACE)) return;
    event.preventDefault();
    window.location = "/entity?" + new URLSearchParams({ e: link.href });
  });
  for (const button of document.querySelectorAll(".canned-query")) {
    button.addEventListener("click", () => {
      const found = options.queries.find((q) => q.name === button.dataset.name);
      yasqe.setValue(declared(found.text, vocabulary.prefixes));
      remember(yasqe.getValue());
      status.textContent = found.params.length
        ? "Bind " + found.params.map((p) => "?" + p).join(", ") + " (e.g. with VALUES) before running."
        : found.description;
    });
  }
  document.getElementById("download").addEventListener("click", (event) => {
    event.currentTarget.href = "/sparql?" + new URLSearchParams({ query: yasqe.getValue(), format: "csv" });
  });
  const view = { yasqe, yasr, run: () => yasqe.query() };
  window.kgSparql.view = view;
  return view;
}
