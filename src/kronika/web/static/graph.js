// Draws an entity's neighbourhood with cytoscape.js; the page lists the same edges without it.
(function () {
  "use strict";
  var box = document.getElementById("graph");
  if (!box || typeof cytoscape !== "function") { return; }
  var entityUrl = box.getAttribute("data-entity-url");
  fetch(box.getAttribute("data-source"), { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var elements = data.nodes.map(function (node) {
        // names go in as data, never as markup: cytoscape draws them as canvas text
        return { data: { id: node.id, label: node.name, centre: node.centre ? 1 : 0 } };
      });
      data.edges.forEach(function (edge, index) {
        elements.push({ data: { id: "e" + index, source: edge.source, target: edge.target,
                                label: edge.label, kind: edge.kind } });
      });
      var graph = cytoscape({
        container: box,
        elements: elements,
        layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 400000,
                  idealEdgeLength: 140, nodeOverlap: 40, padding: 20 },
        style: [
          { selector: "node", style: { label: "data(label)", "font-size": 9,
                                       "background-color": "#0b5cad", width: 14, height: 14 } },
          { selector: "node[centre = 1]", style: { "background-color": "#b35c00", width: 22, height: 22 } },
          { selector: "edge", style: { width: 1, "line-color": "#c3ccd5", "curve-style": "bezier" } },
          { selector: "edge[kind = 'relation']", style: { "line-color": "#5bb36a", width: 2.5,
                                                         label: "data(label)", "font-size": 8,
                                                         color: "#2f6b3a",
                                                         "target-arrow-shape": "triangle",
                                                         "target-arrow-color": "#5bb36a" } }
        ]
      });
      graph.on("tap", "node", function (event) {
        window.location.href = entityUrl.replace("ENTITY", encodeURIComponent(event.target.id()));
      });
      box.setAttribute("data-ready", "1");
    });
})();
