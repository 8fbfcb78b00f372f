// variantgen's bridge to GeoGebra's JavaScript API: draw one construction and report what
// GeoGebra made of it. Called from Python (Playwright) as window.vgDraw(job).
"use strict";

function vgHex(color) {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color || "");
  return m ? [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)] : null;
}

function vgStyle(api, job, made) {
  const style = job.style || {};
  const has = (key, name) => Array.isArray(style[key]) && style[key].includes(name);
  for (const name of made) {
    const type = api.getObjectType(name);
    const isPoint = type === "point";
    api.setLabelVisible(name, isPoint && !has("label_hidden", name));
    if (isPoint) api.setPointSize(name, (style.point_size || {})[name] || 5);
    api.setColor(name, 0, 0, 0);
    if (!isPoint) api.setFilling(name, 0);
    api.setLineThickness(name, (style.line_thickness || {})[name] || 6);
  }
  for (const [name, hex] of Object.entries(style.colors || {})) {
    const rgb = vgHex(hex);
    if (rgb && api.exists(name)) api.setColor(name, rgb[0], rgb[1], rgb[2]);
  }
  for (const name of style.dashed || []) if (api.exists(name)) { api.setLineStyle(name, 1); api.setColor(name, 40, 90, 200); }
  for (const name of style.filled || []) if (api.exists(name)) { api.setFilling(name, 0.25); api.setColor(name, 230, 120, 40); }
  for (const [name, text] of Object.entries(style.captions || {})) {
    if (!api.exists(name)) continue;
    api.setCaption(name, text);
    api.setLabelStyle(name, 3);  // show the caption
    api.setLabelVisible(name, true);
    api.setColor(name, 200, 30, 30);
  }
  for (const name of style.hidden || []) if (api.exists(name)) api.setVisible(name, false);
  for (const t of style.texts || []) {
    // Nothing from the job is spliced into a command: the label is reduced to letters and digits,
    // the position must be two numbers, and the words are set through the API as a value.
    const label = "vgText" + String(t.label).replace(/[^A-Za-z0-9]/g, "");
    const x = Number(t.x), y = Number(t.y);
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (!api.evalCommand(`${label}=""`)) continue;  // a free, empty text: its words come next, as a value
    api.setTextValue(label, String(t.text));
    api.setCoords(label, x, y);
    api.setVisible(label, true);
  }
}

// A number as GeoGebra reads it: fixed-point (it would read 1e-18 as 1·ℯ − 18), bounded.
function vgNum(value) {
  const x = Number(value);
  return Number.isFinite(x) && Math.abs(x) < 1e9 ? x.toFixed(9) : null;
}

// A figure in space is drawn from its projection onto the page (variantgen.render.solid): the
// construction's own objects stay in the file, hidden (they live in space); GeoGebra draws the
// projected points, line pieces and arcs, made here from numbers only. A point carries its
// name as a caption, placed by its offset in pixels.
function vgSpace(api, space) {
  for (const name of api.getAllObjectNames()) api.setVisible(name, false);
  const xy = (x, y) => `(${x},${y})`;
  let k = 0;
  for (const s of space.segments || []) {
    const c = [s.x1, s.y1, s.x2, s.y2].map(vgNum);
    if (c.includes(null)) continue;
    const name = `vgEdge${++k}`;
    if (!api.evalCommand(`${name}=Segment(${xy(c[0], c[1])},${xy(c[2], c[3])})`)) continue;
    api.setLabelVisible(name, false);
    api.setLineThickness(name, 5);
    if (s.auxiliary) api.setColor(name, 40, 90, 200); else api.setColor(name, 0, 0, 0);
    if (s.hidden) api.setLineStyle(name, 1);
    if (typeof s.caption === "string") {  // a measure the figure marks, as a plane figure marks it
      api.setCaption(name, s.caption);
      api.setLabelStyle(name, 3);
      api.setLabelVisible(name, true);
      api.setColor(name, 200, 30, 30);
    }
  }
  for (const a of space.arcs || []) {
    const c = [a.cx, a.cy, a.ux, a.uy, a.vx, a.vy, a.t0, a.t1].map(vgNum);
    if (c.includes(null)) continue;
    const [cx, cy, ux, uy, vx, vy, t0, t1] = c;
    const name = `vgArc${++k}`;
    const curve = `Curve(${cx}+(${ux})*cos(t)+(${vx})*sin(t),${cy}+(${uy})*cos(t)+(${vy})*sin(t),t,${t0},${t1})`;
    if (!api.evalCommand(`${name}=${curve}`)) continue;
    api.setLabelVisible(name, false);
    api.setLineThickness(name, 5);
    api.setColor(name, 0, 0, 0);
    if (a.hidden) api.setLineStyle(name, 1);
  }
  for (const f of space.fills || []) {
    const corners = (f.points || []).map((p) => [vgNum(p[0]), vgNum(p[1])]);
    if (corners.length < 3 || corners.some((p) => p.includes(null))) continue;
    const name = `vgFill${++k}`;
    if (!api.evalCommand(`${name}=Polygon(${corners.map((p) => xy(p[0], p[1])).join(",")})`)) continue;
    api.setLabelVisible(name, false);
    api.setLineThickness(name, 0);
    api.setColor(name, 230, 120, 40);
    api.setFilling(name, 0.25);
  }
  for (const p of space.points || []) {
    const x = vgNum(p.x), y = vgNum(p.y);
    if (x === null || y === null) continue;
    const name = `VgPoint${++k}`;  // a capital: GeoGebra reads a lower-case name of a pair as a vector
    if (!api.evalCommand(`${name}=${xy(x, y)}`)) continue;
    // The offset first: an element given as XML takes the XML's style, so the rest comes after.
    const offset = (p.offset || []).map(vgNum);
    if (offset.length === 2 && !offset.includes(null)) {
      api.evalXML(`<element type="point" label="${name}"><labelOffset x="${Math.round(offset[0])}" y="${Math.round(offset[1])}"/></element>`);
    }
    api.setFixed(name, true, false);
    api.setPointSize(name, 4);
    api.setColor(name, 0, 0, 0);
    api.setCaption(name, String(p.label));
    api.setLabelStyle(name, 3);
    api.setLabelVisible(name, !!p.show_label);
  }
}

// job: {commands, target, style, view: {xmin,xmax,ymin,ymax}, width, height, axes, grid, svg}
// returns {png, value, ggb, svg} (svg null unless asked) or {error}
window.vgDraw = async function (job) {
  const api = window.ggbApplet;
  api.newConstruction();
  const size = `${job.width}x${job.height}`;
  if (window.vgSize !== size) {  // once per page: both relayout the applet
    api.setSize(job.width + 2, job.height + 2);  // the PNG export leaves out a one-pixel border: W×H exactly
    api.setPerspective("G");
    window.vgSize = size;
  }
  api.setAxesVisible(!!job.axes, !!job.axes);
  api.setGridVisible(!!job.grid);
  // No repaint per command and per style call: the figure is painted once, for the export.
  api.setRepaintingActive(false);
  let value = null;
  try {
    // GeoGebra names the objects a command makes on the side (a polygon's sides become a, b, c…).
    // A later command of the job that assigns such a name would redefine that side and break the
    // polygon, which the exact evaluator never sees: the side is renamed out of the way first.
    const assigned = new Set();
    const sides = [];
    let renamed = 0;
    for (const command of job.commands) {
      const label = (/^\s*([A-Za-z][\w']*)\s*(?:\(\s*x\s*\))?\s*=/.exec(command) || [])[1];
      if (label && api.exists(label) && !assigned.has(label)) api.renameObject(label, `vgSide${++renamed}`);
      const made = api.evalCommandGetLabels(command);
      if (made === null || made === undefined) return { error: `GeoGebra rejected the command ${command}` };
      // What a command makes besides its own object (a regular polygon's new corners, a polygon's
      // sides) carries GeoGebra's names, not the job's: its labels are not drawn.
      for (const side of String(made).split(",")) if (side && side !== label) sides.push(side);
      if (label) assigned.add(label);
    }
    vgStyle(api, job, api.getAllObjectNames());  // the construction is new: every object is the job's
    for (let k = 1; k <= renamed; k++) api.setLabelVisible(`vgSide${k}`, false);  // GeoGebra's names, not the job's
    for (const side of sides) if (api.exists(side) && !assigned.has(side)) api.setLabelVisible(side, false);
    if (job.target) {
      if (!api.evalCommand(`vgTarget=${job.target}`)) return { error: `GeoGebra cannot evaluate the target ${job.target}` };
      value = api.getValue("vgTarget");
      api.deleteObject("vgTarget");
    }
    if (job.space) vgSpace(api, job.space);
    const v = job.view;
    api.setCoordSystem(v.xmin, v.xmax, v.ymin, v.ymax);
  } finally {
    api.setRepaintingActive(true);
  }
  const png = api.getPNGBase64(1, false, 72);
  const ggb = api.getBase64();
  // exportSVG hands the SVG to a callback (GeoGebra 5.4.916); a data: URL or the markup itself.
  const svg = job.svg ? await new Promise((resolve) => api.exportSVG(resolve)) : null;
  return { png, value, ggb, svg };
};
