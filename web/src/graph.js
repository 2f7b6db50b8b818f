// The graph view of `kg serve` (network and path pages) and `kg show`.
//
// draw(container, data, options) lays out and renders an entity network:
//   data = {nodes: [{id, label, type, mentions, hop}],
//           edges: [{id, source, target, event_class, weight, links: [...]}]}
// It returns the view {graph, renderer, gexf(), png()} and keeps
// it in window.kgView, so that a page (or a test) can read the drawn graph.
import Graph from "graphology";
import { write as writeGEXF } from "graphology-gexf";
import { circular } from "graphology-layout";
import forceAtlas2 from "graphology-layout-forceatlas2";
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

export function classColour(name, classes) {
  const index = classes.indexOf(name);
  return CLASS_PALETTE[(index < 0 ? 0 : index) % CLASS_PALETTE.length];
}

export function build(data) {
  const graph = new Graph({ type: "directed", multi: false });
  const classes = [...new Set(data.edges.map((e) => e.event_class))].sort();
  const most = Math.max(1, ...data.nodes.map((n) => n.mentions || 0));
  for (const node of data.nodes) {
    graph.addNode(node.id, {
      label: node.label,
      entity_type: node.type,
      mentions: node.mentions || 0,
      hop: node.hop || 0,
      size: 4 + 12 * Math.sqrt((node.mentions || 0) / most),
      color: TYPE_COLOURS[node.type] || "#444444",
      x: 0,
      y: 0,
    });
  }
  for (const edge of data.edges) {
    if (!graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    if (graph.hasEdge(edge.source, edge.target)) continue;
    graph.addDirectedEdgeWithKey(edge.id, edge.source, edge.target, {
      label: edge.event_class,
      event_class: edge.event_class,
      weight: edge.weight,
      size: Math.min(1 + edge.weight, 6),
      color: classColour(edge.event_class, classes),
      type: "arrow",
    });
  }
  circular.assign(graph);
  if (graph.order > 1) {
    const settings = forceAtlas2.inferSettings(graph);
    settings.barnesHutOptimize = graph.order > 300;
    forceAtlas2.assign(graph, {
      iterations: graph.order > 1000 ? 60 : 150,
      settings,
    });
  }
  return { graph, classes };
}

export function draw(container, data, options = {}) {
  const { graph, classes } = build(data);
  const edges = new Map(data.edges.map((e) => [e.id, e]));
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const renderer = new Sigma(graph, container, {
    renderEdgeLabels: graph.size < 200,
    defaultEdgeType: "arrow",
    labelRenderedSizeThreshold: graph.order > 300 ? 10 : 4,
  });
  renderer.on("clickEdge", ({ edge }) => options.onEdge && options.onEdge(edges.get(edge)));
  renderer.on("clickNode", ({ node }) => options.onNode && options.onNode(nodes.get(node)));
  const view = {
    graph,
    renderer,
    classes,
    gexf() {
      return writeGEXF(graph, {
        formatNode: (key, attributes) => ({
          label: attributes.label,
          attributes: { type: attributes.entity_type, mentions: attributes.mentions },
          viz: { color: attributes.color, x: attributes.x, y: attributes.y, size: attributes.size },
        }),
        formatEdge: (key, attributes) => ({
          label: attributes.event_class,
          weight: attributes.weight,
          attributes: { event_class: attributes.event_class },
          viz: { color: attributes.color },
        }),
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
