// Charts of the stanceline dashboard. The data comes as JSON in <script type="application/json" id="chart-data">;
// every string in it was escaped on the server (plotly reads a few tags in hover text).
(function () {
  "use strict";
  var el = document.getElementById("chart");
  var src = document.getElementById("chart-data");
  if (!el || !src) return;
  if (!window.Plotly) { el.textContent = "The chart needs JavaScript (plotly could not be loaded)."; return; }
  var data = JSON.parse(src.textContent);
  var COLORS = {support: "#1a9850", conditional: "#e08e0b", neutral: "#7f8c8d", oppose: "#d73027", none: "#9aa5b1"};
  var LABELS = {support: "support", conditional: "conditional", neutral: "neutral", oppose: "oppose", none: "no stance"};
  var config = {displaylogo: false, responsive: true, modeBarButtonsToRemove: ["select2d", "lasso2d", "toImage"]};
  var font = {family: "system-ui, -apple-system, Segoe UI, sans-serif", size: 13};
  var done = function () { el.setAttribute("data-ready", "1"); };

  if (data.kind === "bars") {
    Plotly.newPlot(el, [{type: "bar", x: data.x, y: data.y, marker: {color: "#3b6ea5"},
      hovertemplate: "%{x}: %{y} statements<extra></extra>"}],
      {height: 240, margin: {l: 40, r: 10, t: 10, b: 50}, font: font, xaxis: {type: "date", dtick: "M3", tickformat: "%b %Y"}, bargap: 0.15}, config).then(done);
    return;
  }

  var traces = [], hrefs = [];
  ["support", "conditional", "neutral", "oppose", "none"].forEach(function (s) {
    var pts = data.points.filter(function (p) { return p.stance === s; });
    if (!pts.length) return;
    hrefs.push(pts.map(function (p) { return p.href; }));
    traces.push({
      type: "scatter", mode: "markers", name: LABELS[s],
      x: pts.map(function (p) { return p.x; }),
      y: pts.map(function (p) { return p.y; }),
      customdata: pts.map(function (p) { return p.id; }),
      text: pts.map(function (p) { return p.hover; }),
      hovertemplate: "%{text}<extra></extra>",
      marker: {size: 13, color: COLORS[s], line: {color: COLORS[s], width: 2.5},
               symbol: pts.map(function (p) { return p.uncertain ? "circle-open" : "circle"; })}
    });
  });
  traces.push({type: "scatter", mode: "markers", name: "on or before publication (no date of its own)", x: [null], y: [null],
               marker: {size: 13, symbol: "circle-open", color: "#444"}, hoverinfo: "skip"});
  var layout = {
    height: Math.max(240, 90 + 44 * data.lanes.length), font: font, hovermode: "closest",
    margin: {l: 10, r: 10, t: 10, b: 40},
    xaxis: {type: "date", gridcolor: "#eee"},
    yaxis: {type: "category", categoryorder: "array", categoryarray: data.lanes.slice().reverse(),
            automargin: true, gridcolor: "#eee"},
    legend: {orientation: "h", y: 1.02, yanchor: "bottom", x: 0},
    hoverlabel: {align: "left"}
  };
  Plotly.newPlot(el, traces, layout, config).then(done);
  el.on("plotly_click", function (ev) {
    // The link goes through a sighting (/sightings/ARTICLE/ID): it finds the statement even after its id changed.
    var p = ev && ev.points && ev.points[0];
    var href = p && hrefs[p.curveNumber] && hrefs[p.curveNumber][p.pointNumber];
    if (typeof href === "string" && href.indexOf("/sightings/") === 0) window.location.href = href + "#ev";
  });
})();
