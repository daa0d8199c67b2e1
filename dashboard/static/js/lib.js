// Shared helpers of the dashboard pages: REST reads, DOM building, formats.
"use strict";

const NS = "/xmtp/nodeselection/v1";
const RW = "/xmtp/rewards/v1";
const TR = "/xmtp/treasury/v1";

const Dash = {
  pages: {},
  charts: [],
  pendingCharts: [],
  regions: {},
  denoms: {},
  ops: {}, // owner -> operator record, read before every render
};

// get reads one REST answer (same origin) and fails with the chain's message.
async function get(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(path + ": " + (body.message || res.status));
  }
  return body;
}

// el builds an element: el("td", {class: "num"}, "12", child...).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("data-") || k.startsWith("aria-") || ["id", "class", "scope", "for", "href", "role", "type", "colspan"].includes(k)) {
      e.setAttribute(k, v === true ? "" : String(v));
    } else {
      e[k] = v;
    }
  }
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// table builds an accessible table: column headers with scope=col; a row's
// first cell is a row header (scope=row) when rowHeader is true.
function table(id, caption, headers, rows, opts = {}) {
  const head = el("tr", {}, headers.map((h) => el("th", { scope: "col", class: h.num ? "num" : null }, h.label || h)));
  const body = rows.map((r) => {
    const cells = r.cells.map((c, i) => {
      const isHead = opts.rowHeader && i === 0;
      const h = headers[i] || {};
      const attrs = { class: h.num ? "num" : null, "data-col": h.key || null };
      if (isHead) attrs.scope = "row";
      return el(isHead ? "th" : "td", attrs, c);
    });
    return el("tr", r.attrs || {}, cells);
  });
  if (rows.length === 0) {
    body.push(el("tr", {}, el("td", { colspan: headers.length, class: "muted" }, opts.empty || "none")));
  }
  return el("table", { id }, el("caption", {}, caption), el("thead", {}, head), el("tbody", {}, body));
}

// facts builds a definition list of [label, value, id] triples.
function facts(items) {
  return el("dl", { class: "facts" }, items.map(([k, v, id]) => [el("dt", {}, k), el("dd", { id: id || null }, v)]));
}

// loadOperators reads every operator record once per render: owner ->
// record, so that owners are shown by moniker and node id (SPEC 14).
async function loadOperators() {
  const r = await get(NS + "/operators?pagination.limit=1000");
  const out = {};
  for (const o of r.operators || []) out[o.owner] = o;
  return out;
}

// nodeId is the XMTP node id of an NFT: 100 × n for op-n ("" when not op-n).
function nodeId(nftId) {
  const m = /^op-([1-9][0-9]*)$/.exec(nftId || "");
  return m ? String(100n * BigInt(m[1])) : "";
}

// keyHex turns a proto bytes field (base64 in the REST JSON) into lower-case hex.
function keyHex(b64) {
  if (!b64) return "";
  return Array.from(atob(b64), (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
}

// shortKey is a key's short form: the first 8 and the last 6 hex digits.
function shortKey(hex) {
  return hex && hex.length > 16 ? hex.slice(0, 8) + "…" + hex.slice(-6) : hex || "";
}

// opName is an operator's label: its moniker and node id ("frankfurt-2 ·
// node 200"), the shortened address for an owner that is no operator (or
// has no moniker yet).
function opName(owner) {
  const o = Dash.ops[owner];
  if (!o) return short(owner);
  const id = nodeId(o.nft_id);
  return (o.moniker || short(owner)) + (id ? " · node " + id : "");
}

// opLabel shows an owner by moniker and node id with the shortened address
// below; the full address is its title.
function opLabel(owner) {
  const o = Dash.ops[owner];
  if (!o) return el("span", { class: "addr", title: owner }, short(owner));
  const id = nodeId(o.nft_id);
  return el("span", { class: "op", title: owner },
    el("span", { class: "moniker", "data-moniker": o.moniker || "" }, o.moniker || "(no moniker)"),
    id ? el("span", { class: "nodeid", "data-node-id": id }, " · node " + id) : null,
    el("span", { class: "addr muted" }, short(owner)));
}

// opLink links an operator's page by moniker and node id; the full address
// is its title and part of its accessible name.
function opLink(owner, full) {
  if (full || !Dash.ops[owner]) {
    return el("a", { href: "#/operator/" + owner, class: "addr", title: owner, "aria-label": owner }, full ? owner : short(owner));
  }
  return el("a", { href: "#/operator/" + owner, class: "oplink", title: owner, "aria-label": opName(owner) + " " + owner }, opLabel(owner));
}

function short(addr) {
  return addr && addr.length > 20 ? addr.slice(0, 12) + "…" + addr.slice(-6) : addr;
}

function enumName(v, prefix) {
  return String(v || "").replace(prefix, "");
}

// MIN_DECIMALS is how many decimals a display unit always shows (USDC is a
// currency: cents); other units show the decimals they need.
const MIN_DECIMALS = { USDC: 2 };

// loadDenoms reads the bank denom metadata (what wallets read) once: base
// denom -> display unit and its exponent.
async function loadDenoms() {
  const out = {};
  const r = await get("/cosmos/bank/v1beta1/denoms_metadata?pagination.limit=200");
  for (const m of r.metadatas || []) {
    const unit = (m.denom_units || []).find((u) => u.denom === m.display);
    if (unit) out[m.base] = { display: m.display, exponent: Number(unit.exponent || 0) };
  }
  return out;
}

// display renders an integer amount of a base denom exactly in its display
// unit ("1000000000 uusdc" -> "1,000.00 USDC", "100000000000 uxmtp" ->
// "100,000 XMTP"); a denom without metadata stays in base units.
function display(v, denom) {
  const raw = v === undefined || v === null || v === "" ? "0" : String(v);
  const d = denom && Dash.denoms[denom];
  if (!d || !/^-?\d+$/.test(raw)) return raw + (denom ? " " + denom : "");
  const neg = raw.startsWith("-");
  const digits = (neg ? raw.slice(1) : raw).padStart(d.exponent + 1, "0");
  const cut = digits.length - d.exponent;
  let frac = digits.slice(cut).replace(/0+$/, "");
  frac = frac.padEnd(Math.min(MIN_DECIMALS[d.display] || 0, d.exponent), "0");
  const whole = digits.slice(0, cut).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (neg ? "-" : "") + whole + (frac ? "." + frac : "") + " " + d.display;
}

// amount renders an integer micro-unit string exactly, in the display unit
// of its denom.
function amount(v, denom) {
  return display(v, denom);
}

function coins(list) {
  if (!list || list.length === 0) return "0";
  return list.map((c) => display(c.amount, c.denom)).join(", ");
}

// plainDec renders a LegacyDec ("1.250000000000000000") as a plain decimal
// ("1.25"): exact, trailing zeros dropped.
function plainDec(v) {
  const s = String(v === undefined || v === null || v === "" ? "0" : v);
  if (!s.includes(".")) return s;
  const out = s.replace(/0+$/, "").replace(/\.$/, "");
  return out === "-0" ? "0" : out;
}

function bps(v) {
  const n = Number(v || 0);
  return (n / 100).toFixed(2) + "%";
}

function when(ts) {
  if (!ts || ts.startsWith("0001-")) return "—";
  return new Date(ts).toISOString().replace(".000Z", "Z");
}

function countryName(code) {
  return Dash.regions[code] || "unknown";
}

// mulFloor returns floor(intStr × decStr) exactly (LegacyDec has 18 decimals).
function mulFloor(intStr, decStr) {
  const [w, f = ""] = String(decStr || "0").split(".");
  const scaled = BigInt(w + (f + "0".repeat(18)).slice(0, 18));
  return ((BigInt(intStr || "0") * scaled) / 10n ** 18n).toString();
}

// chart draws a Chart.js chart into a labelled canvas and tracks it, so a
// re-render destroys the old one first.
function chart(id, label, config) {
  const canvas = el("canvas", { id, role: "img", "aria-label": label });
  const box = el("div", { class: "chart" }, canvas);
  config.options = Object.assign({ animation: false, responsive: true, maintainAspectRatio: false }, config.options || {});
  Dash.pendingCharts.push(() => new Chart(canvas, config));
  return box;
}

// drawCharts replaces the charts of the previous render by the pending ones,
// once their canvases are in the document.
function drawCharts() {
  for (const c of Dash.charts) c.destroy();
  Dash.charts = Dash.pendingCharts.map((make) => make());
  Dash.pendingCharts = [];
}
