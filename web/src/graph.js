// The graph view of `kg serve` (network and path pages) and `kg show`.
//
// draw(container, data, options) lays out and renders an entity network:
//   data = {nodes: [{id, key, label, type, mentions, hop}],
//           edges: [{id, source, target, event_class, relation, weight, links: [...]}]}
// It returns the view and keeps it in window.kgView, so that a page, a test
// or a user's script can read and steer the drawn graph:
//   graph, renderer            graphology graph and sigma renderer
//   state                      {hovered, hoveredEdge, selected}
//   select(id), expand(id)     select a node; add its neighbours in place
//   setFilters(f), visible()   hide what the filters leave out; what shows
//   zoomIn(), zoomOut(), fit(), find(text)
//   gexf(), png()              exports of the view
import Graph from "graphology";
import { write as writeGEXF } from "graphology-gexf";
import { circular } from "graphology-layout";
import forceAtlas2 from "graphology-layout-forceatlas2";
import FA2Layout from "graphology-layout-forceatlas2/worker";
import Sigma from "sigma";
import { toBlob } from "@sigma/export-image";

// Colours of entity types and of event classes (classes past the palette cycle).
export const TYPE_COLOURS = {
  Person: "#1f77b4",
  Organization: "#2ca02c",
  Country: "#d62728",
  Place: "#9467bd",
  Thing: "#8c8c8c",
};
const CLASS_PALETTE = [
  "#e6550d", "#3182bd", "#31a354", "#756bb1", "#636363", "#e377c2",
  "#bcbd22", "#17becf", "#8c564b", "#fd8d3c", "#6baed6", "#74c476",
];
// Generic readings: drawn thin and grey, named by their verb.
const GENERIC = new Set(["Event", "Statement"]);
const GENERIC_COLOUR = "#b0b0b0";
const DIMMED = "#e2e2e2";
// From this many nodes the layout runs in a web worker: the graph is drawn at
// once (on a circle) and settles while the page stays live.
const WORKER_FROM = 100;

export function classColour(name, classes) {
  if (GENERIC.has(name)) return GENERIC_COLOUR;
  const typed = classes.filter((c) => !GENERIC.has(c));
  const index = typed.indexOf(name);
  return CLASS_PALETTE[(index < 0 ? 0 : index) % CLASS_PALETTE.length];
}

// "supplied · Supply ×3": the verb and class an edge stands for, and how many events.
export function edgeLabel(edge) {
  const verb = edge.relation || (edge.links && edge.links[0] && edge.links[0].relation) || "";
  const name = GENERIC.has(edge.event_class) ? verb || edge.event_class
    : verb ? verb + " · " + edge.event_class : edge.event_class;
  return edge.weight > 1 ? name + " ×" + edge.weight : name;
}

function edgeFacts(edge) {
  const links = edge.links || [];
  const dates = links.map((l) => l.date).filter(Boolean).sort();
  return {
    classes: [...new Set(links.map((l) => l.class))].sort(),
    factualities: [...new Set(links.map((l) => l.factuality))].sort(),
    confidence: Math.max(0, ...links.map((l) => l.confidence || 0)),
    first: dates[0] || "",
    last: dates[dates.length - 1] || "",
  };
}

function addData(graph, data, classes, edges, nodes) {
  const most = Math.max(1, ...data.nodes.map((n) => n.mentions || 0));
  for (const node of data.nodes) {
    nodes.set(node.id, node);
    if (graph.hasNode(node.id)) continue;
    graph.addNode(node.id, {
      label: node.label,
      key: node.key,
      entity_type: node.type,
      mentions: node.mentions || 0,
      hop: node.hop || 0,
      size: 4 + 12 * Math.sqrt(Math.min(1, (node.mentions || 0) / most)),
      color: TYPE_COLOURS[node.type] || "#444444",
      x: 0,
      y: 0,
    });
  }
  const added = [];
  for (const edge of data.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    if (graph.hasEdge(edge.source, edge.target)) continue;
    if (!classes.includes(edge.event_class)) classes.push(edge.event_class);
    edges.set(edge.id, edge);
    const facts = edgeFacts(edge);
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
      label: edgeLabel(edge),
      event_class: edge.event_class,
      relation: edge.relation || "",
      weight: edge.weight,
      classes: facts.classes,
      factualities: facts.factualities,
      confidence: facts.confidence,
      first: facts.first,
      last: facts.last,
      size: GENERIC.has(edge.event_class) ? 1 : Math.min(1.5 + edge.weight, 6),
      color: classColour(edge.event_class, classes),
      type: "arrow",
    });
    added.push(edge.id);
  }
  return added;
}

export function build(data) {
  const graph = new Graph({ type: "directed", multi: false });
  const classes = [...new Set(data.edges.map((e) => e.event_class))].sort();
  addData(graph, data, classes, new Map(), new Map());
  circular.assign(graph);
  return { graph, classes };
}

function settle(graph) {
  if (graph.order <= 1) return null;
  const settings = forceAtlas2.inferSettings(graph);
  if (graph.order < WORKER_FROM) {
    forceAtlas2.assign(graph, { iterations: 150, settings });
    return null;
  }
  settings.barnesHutOptimize = true;
  const layout = new FA2Layout(graph, { settings });
  layout.start();
  setTimeout(() => layout.stop(), Math.min(6000, 1500 + graph.order));
  return layout;
}

// Does an edge pass the filters? (f: {classes, factualities, minConfidence,
// from, to, undated}; dates compared as prefixes of YYYY-MM-DD)
function edgePasses(a, f) {
  if (f.classes && !a.classes.some((c) => f.classes.has(c))) return false;
  if (f.factualities && !a.factualities.some((x) => f.factualities.has(x))) return false;
  if (f.minConfidence && a.confidence < f.minConfidence) return false;
  if (!a.first) return f.undated !== false;  // undated links: shown unless left out
  if (f.from && a.last.slice(0, f.from.length) < f.from) return false;
  if (f.to && a.first.slice(0, f.to.length) > f.to) return false;
  return true;
}

export function draw(container, data, options = {}) {
  const { graph, classes } = build(data);
  const edges = new Map(data.edges.map((e) => [e.id, e]));
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const layout = settle(graph);
  const state = { hovered: null, hoveredEdge: null, selected: null, filters: {} };
  let shown = { nodes: new Set(graph.nodes()), edges: new Set(graph.edges()) };

  function recompute() {
    const f = state.filters;
    const keptEdges = new Set();
    graph.forEachEdge((edge, a, source, target) => {
      if (edgePasses(a, f)) keptEdges.add(edge);
    });
    const degree = new Map();
    for (const edge of keptEdges) {
      for (const end of graph.extremities(edge)) degree.set(end, (degree.get(end) || 0) + 1);
    }
    const keptNodes = new Set();
    graph.forEachNode((node, a) => {
      if (f.types && !f.types.has(a.entity_type) && a.hop !== 0) return;
      if (f.minDegree && (degree.get(node) || 0) < f.minDegree && a.hop !== 0) return;
      keptNodes.add(node);
    });
    for (const edge of [...keptEdges]) {
      const [s, t] = graph.extremities(edge);
      if (!keptNodes.has(s) || !keptNodes.has(t)) keptEdges.delete(edge);
    }
    shown = { nodes: keptNodes, edges: keptEdges };
  }

  function focus() {
    return state.hovered || state.selected;
  }

  const renderer = new Sigma(graph, container, {
    enableEdgeEvents: true,
    renderEdgeLabels: true,
    defaultEdgeType: "arrow",
    labelDensity: options.labelDensity || 1,
    labelGridCellSize: 60,
    labelRenderedSizeThreshold: graph.order > 300 ? 8 : 0,
    edgeLabelSize: 11,
    zIndex: true,
    nodeReducer(node, a) {
      const out = { ...a };
      if (!shown.nodes.has(node)) return { ...out, hidden: true };
      const center = focus();
      if (center) {
        if (node === center || graph.areNeighbors(node, center)) {
          out.forceLabel = true;
          out.zIndex = 1;
          if (node === center) out.highlighted = true;
        } else {
          out.color = DIMMED;
          out.label = "";
          out.zIndex = 0;
        }
      }
      return out;
    },
    edgeReducer(edge, a) {
      const out = { ...a };
      if (!shown.edges.has(edge)) return { ...out, hidden: true };
      const center = focus();
      if (center && !graph.extremities(edge).includes(center)) return { ...out, hidden: true };
      if (edge === state.hoveredEdge) {
        out.size = (a.size || 1) + 2;
        out.forceLabel = true;
        out.zIndex = 1;
      }
      if (center) out.forceLabel = true;
      return out;
    },
  });

  renderer.on("enterNode", ({ node }) => {
    state.hovered = node;
    container.style.cursor = "pointer";
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on("leaveNode", () => {
    state.hovered = null;
    container.style.cursor = "";
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on("enterEdge", ({ edge }) => {
    state.hoveredEdge = edge;
    container.style.cursor = "pointer";
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on("leaveEdge", () => {
    state.hoveredEdge = null;
    container.style.cursor = "";
    renderer.refresh({ skipIndexation: true });
  });
  renderer.on("clickEdge", ({ edge }) => {
    if (options.onEdge) options.onEdge(edges.get(edge));
  });
  renderer.on("clickNode", ({ node }) => view.select(node));
  renderer.on("doubleClickNode", (event) => {
    event.preventSigmaDefault();
    view.expand(event.node);
  });
  renderer.on("clickStage", () => view.select(null));

  const camera = renderer.getCamera();
  const view = {
    graph,
    renderer,
    classes,
    state,
    layout,
    nodes,
    edges,
    select(node) {
      state.selected = node && graph.hasNode(node) ? node : null;
      renderer.refresh({ skipIndexation: true });
      if (options.onNode) options.onNode(state.selected ? nodes.get(state.selected) : null);
      return state.selected;
    },
    async expand(node) {
      if (!options.onExpand || !graph.hasNode(node)) return 0;
      const more = await options.onExpand(nodes.get(node));
      if (!more) return 0;
      const before = new Set(graph.nodes());
      const fresh = more.nodes.filter((n) => !before.has(n.id));
      for (const n of fresh) n.hop = 2;
      const { x, y } = graph.getNodeAttributes(node);
      // new neighbours start on a ring around the node, one typical link
      // away; a short layout run then moves only them
      let reach = 0;
      graph.forEachEdge((e, a, s, t, sa, ta) => { reach += Math.hypot(sa.x - ta.x, sa.y - ta.y); });
      reach = graph.size ? reach / graph.size : 1;
      const added = addData(graph, more, classes, edges, nodes);
      fresh.forEach((n, i) => {
        const angle = (2 * Math.PI * i) / Math.max(1, fresh.length);
        graph.mergeNodeAttributes(n.id, { x: x + reach * Math.cos(angle), y: y + reach * Math.sin(angle) });
      });
      for (const edge of added) graph.setEdgeAttribute(edge, "color",
        classColour(graph.getEdgeAttribute(edge, "event_class"), classes));
      if (fresh.length && graph.order < WORKER_FROM) {
        before.forEach((n) => graph.setNodeAttribute(n, "fixed", true));
        forceAtlas2.assign(graph, { iterations: 60, settings: forceAtlas2.inferSettings(graph) });
        before.forEach((n) => graph.removeNodeAttribute(n, "fixed"));
      }
      recompute();
      renderer.refresh();
      if (options.onChange) options.onChange(view);
      if (options.onExpanded) options.onExpanded(nodes.get(node), fresh.length);
      return fresh.length;
    },
    setFilters(filters) {
      state.filters = filters || {};
      recompute();
      renderer.refresh({ skipIndexation: true });
      if (options.onChange) options.onChange(view);
    },
    visible() {
      return { nodes: [...shown.nodes].sort(), edges: [...shown.edges].sort() };
    },
    setLabelDensity(value) {
      renderer.setSetting("labelDensity", value);
      renderer.setSetting("labelRenderedSizeThreshold", value >= 3 ? 0 : graph.order > 300 ? 8 : 0);
    },
    zoomIn() { return camera.animatedZoom({ duration: 200 }); },
    zoomOut() { return camera.animatedUnzoom({ duration: 200 }); },
    fit() { return camera.animatedReset({ duration: 200 }); },
    // the first shown node whose label holds `text` (best: starts with it), selected and centred
    find(text) {
      const wanted = text.trim().toLowerCase();
      if (!wanted) return null;
      const found = [...shown.nodes]
        .map((n) => [n, (graph.getNodeAttribute(n, "label") || "").toLowerCase()])
        .filter(([, label]) => label.includes(wanted))
        .sort((a, b) => (b[1].startsWith(wanted) - a[1].startsWith(wanted)) || a[1].localeCompare(b[1]));
      if (!found.length) return null;
      const node = found[0][0];
      view.select(node);
      const shownAt = renderer.getNodeDisplayData(node);
      if (shownAt) camera.animate({ x: shownAt.x, y: shownAt.y, ratio: Math.min(camera.ratio, 0.6) }, { duration: 300 });
      return node;
    },
    // where a node is drawn, in pixels from the container's top-left corner
    position(node) {
      return renderer.graphToViewport(graph.getNodeAttributes(node));
    },
    gexf() {
      return writeGEXF(graph, {
        formatNode: (key, attributes) => ({
          label: attributes.label,
          attributes: { type: attributes.entity_type, mentions: attributes.mentions },
          viz: { color: attributes.color, x: attributes.x, y: attributes.y, size: attributes.size },
        }),
        formatEdge: (key, attributes) => {
          const links = (edges.get(key) || {}).links || [];
          const best = links[0] || {};
          return {
            label: attributes.label,
            weight: attributes.weight,
            attributes: {
              event_class: attributes.event_class,
              relation: attributes.relation,
              classes: attributes.classes.join(" "),
              factuality: attributes.factualities.join(" "),
              confidence: attributes.confidence,
              start: attributes.first,
              end: attributes.last,
              evidence: best.evidence || "",
              article: best.article || "",
              articles: [...new Set(links.map((l) => l.article))].join(" "),
            },
            viz: { color: attributes.color },
          };
        },
      });
    },
    png() {
      return toBlob(renderer, { format: "png", backgroundColor: "#ffffff" });
    },
  };
  window.kgView = view;
  return view;
}

export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
