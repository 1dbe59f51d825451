// Charts of the stanceline dashboard. The data comes as JSON in <script type="application/json" id="chart-data">;
// every string in it was escaped on the server (plotly reads a few tags in hover text).
(function () {
  "use strict";
  var el = document.getElementById("chart");
  var src = document.getElementById("chart-data");
  if (!el || !src) return;
  if (!window.Plotly) { el.textContent = "The chart needs JavaScript (plotly could not be loaded)."; return; }
  var data = JSON.parse(src.textContent);
  // Okabe–Ito: told apart with every common colour-vision deficiency. Colour is the stance, fill the date.
  var COLORS = {support: "#009E73", conditional: "#0072B2", neutral: "#CC79A7", oppose: "#D55E00", none: "#999999"};
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
  var stances = ["support", "conditional", "neutral", "oppose", "none"];
  stances.forEach(function (s) {
    // One legend entry per stance, a square of its colour: it names the colour, not a date kind.
    if (!data.points.some(function (p) { return p.stance === s; })) return;
    hrefs.push([]);
    traces.push({type: "scatter", mode: "markers", name: LABELS[s], legendgroup: s, x: [null], y: [null],
                 marker: {size: 12, symbol: "square", color: COLORS[s]}, hoverinfo: "skip"});
    [false, true].forEach(function (undated) {
      var pts = data.points.filter(function (p) { return p.stance === s && p.uncertain === undated; });
      if (!pts.length) return;
      hrefs.push(pts.map(function (p) { return p.href; }));
      traces.push({
        type: "scatter", mode: "markers", name: LABELS[s] + (undated ? " (undated)" : ""),
        legendgroup: s, showlegend: false,
        x: pts.map(function (p) { return p.x; }),
        y: pts.map(function (p) { return p.y; }),
        customdata: pts.map(function (p) { return p.id; }),
        text: pts.map(function (p) { return p.hover; }),
        hovertemplate: "%{text}<extra></extra>",
        marker: {size: 12, symbol: undated ? "circle-open" : "circle", color: COLORS[s],
                 opacity: 0.9, line: {color: COLORS[s], width: 2.5}}
      });
    });
  });
  // Points of one lane said on the same day are spread within it (invisible at a scale of years): count them.
  var counted = {}, cx = [], cy = [], ct = [];
  data.points.forEach(function (p) {
    var key = p.y + "|" + p.x.slice(0, 10);
    if (p.same_day < 2 || counted[key]) return;
    counted[key] = 1; cx.push(p.x.slice(0, 10) + "T12:00"); cy.push(p.y); ct.push("×" + p.same_day);
  });
  if (cx.length) {
    hrefs.push([]);
    traces.push({type: "scatter", mode: "text", x: cx, y: cy, text: ct, textposition: "top right",
                 textfont: {size: 11, color: "#333"}, showlegend: false, hoverinfo: "skip", name: "same day"});
  }
  // Events (what happened) between the statements: dark markers, one shape per PLOVER family, each family a
  // legend entry; a threatened or planned event is drawn open, with an entry of its own. Never a stance colour.
  var FAMILIES = [["verbal cooperation", "diamond"], ["material cooperation", "triangle-up"],
                  ["verbal conflict", "star"], ["material conflict", "x"], ["other", "hexagon"]];
  var EVENT_COLOR = "#333333";
  var events = data.events || [];
  FAMILIES.forEach(function (f) {
    [false, true].forEach(function (hyp) {
      var evs = events.filter(function (e) { return e.family === f[0] && e.hypothetical === hyp; });
      if (!evs.length) return;
      var symbol = f[1] + (hyp ? "-open" : "");
      hrefs.push(evs.map(function (e) { return e.href; }));
      traces.push({
        type: "scatter", mode: "markers", name: "event: " + f[0] + (hyp ? " (threatened or planned)" : ""),
        legendgroup: "event-" + f[0] + (hyp ? "-hyp" : ""),
        x: evs.map(function (e) { return e.x; }),
        y: evs.map(function (e) { return e.y; }),
        meta: evs.map(function (e) { return e.id; }),
        text: evs.map(function (e) { return e.hover; }),
        hovertemplate: "%{text}<extra></extra>",
        marker: {size: 13, symbol: symbol, color: EVENT_COLOR, opacity: 0.95,
                 line: {color: EVENT_COLOR, width: 2}}
      });
    });
  });
  // What the fill says, in neutral grey: the same for every stance.
  [["dated", "circle"], ["on or before publication (no date of its own)", "circle-open"]].forEach(function (k) {
    hrefs.push([]);
    traces.push({type: "scatter", mode: "markers", name: k[0], legendgroup: "fill-" + k[1], x: [null], y: [null],
                 marker: {size: 12, symbol: k[1], color: "#555", line: {color: "#555", width: 2.5}}, hoverinfo: "skip"});
  });
  var xaxis = {type: "date", gridcolor: "#eee"};
  if (data.range) xaxis.range = data.range;
  if (data.outside && data.full_range) xaxis.rangeslider = {visible: true, range: data.full_range, thickness: 0.08};
  var layout = {
    height: Math.max(240, 90 + 44 * data.lanes.length) + (xaxis.rangeslider ? 50 : 0), font: font, hovermode: "closest",
    margin: {l: 10, r: 10, t: 10, b: 40},
    xaxis: xaxis,
    yaxis: {type: "category", categoryorder: "array", categoryarray: data.lanes.slice().reverse(),
            automargin: true, gridcolor: "#eee", fixedrange: true},
    legend: {orientation: "h", y: 1.02, yanchor: "bottom", x: 0},
    hoverlabel: {align: "left"}
  };
  Plotly.newPlot(el, traces, layout, config).then(done);
  el.on("plotly_click", function (ev) {
    // The link goes through a sighting (/sightings/ARTICLE/ID): it finds the statement even after its id changed.
    var p = ev && ev.points && ev.points[0];
    var href = p && hrefs[p.curveNumber] && hrefs[p.curveNumber][p.pointNumber];
    if (typeof href === "string" && href.indexOf("/sightings/") === 0) window.location.href = href + "#ev";
    else if (typeof href === "string" && href.indexOf("/articles/") === 0) window.location.href = href;
  });
})();
