// One operator: earnings against the cap in the running period, payable,
// arrears, withholding, performance history, violations and unbondings.
"use strict";

Dash.pages.operator = {
  async render(owner) {
    if (!owner) throw new Error("no operator named; pick one on the Operators page");
    const enc = encodeURIComponent(owner);
    const [opRes, earn, rparams, as, nsp] = await Promise.all([
      get(NS + "/operator/" + enc),
      get(RW + "/earnings/" + enc),
      get(RW + "/params"),
      get(NS + "/active_set"),
      get(NS + "/params"),
    ]);
    const bond = nsp.params.bond_denom;
    const from = Math.max(1, Number(as.cycle) - 30);
    const [perf, viol, unb, recs] = await Promise.all([
      get(NS + "/performance/" + enc + "?from_cycle=" + from),
      get(NS + "/violations/" + enc),
      get(NS + "/unbondings/" + enc),
      get(RW + "/cycle_records?pagination.reverse=true&pagination.limit=50"),
    ]);
    const o = opRes.operator;
    const p = rparams.params;
    const acc = earn.account || {};
    const denom = p.reward_denom;
    const cap = mulFloor(acc.period_costs, p.profit_cap);
    const id = nodeId(o.nft_id);
    const key = keyHex(o.signing_public_key);
    const pending = keyHex(o.pending_signing_public_key);
    return el("section", { "aria-labelledby": "h-operator" },
      el("h2", { id: "h-operator" }, "Operator ", el("span", { id: "op-moniker" }, o.moniker || "(no moniker)"),
        " · node ", el("span", { id: "op-node-id" }, id), " ", el("span", { class: "addr" }, owner)),
      el("div", { class: "grid2" },
        facts([
          ["Moniker", o.moniker || "—", null],
          ["Node id", id, null],
          ["Node signing key", key ? el("code", { title: key, "data-key": key }, shortKey(key)) : "none (not seated while require_node_key is on)", "op-node-key"],
          ["Key rotation", pending ? ["to ", el("code", { title: pending, "data-key": pending }, shortKey(pending)),
            ", in force from cycle " + o.effective_cycle] : "none pending", "op-pending-key"],
          ["Status", enumName(o.status, "OPERATOR_STATUS_"), "op-status"],
          ["Stake", amount(o.stake, bond), "op-stake"],
          ["Credit", plainDec(o.credit), "op-credit"],
          ["Region", o.region + " — " + countryName(o.region), "op-region"],
          ["Endpoint", o.endpoint, "op-endpoint"],
          ["Payout address", o.payout_address, null],
          ["NFT", o.nft_id, null],
          ["Jailed until", when(o.jailed_until), null],
        ]),
        facts([
          ["Payout period", earn.period + " (from " + when(earn.period_start) + ")", "period"],
          ["Payable", amount(acc.payable, denom), "payable"],
          ["Arrears", amount(acc.arrears, denom), "arrears"],
          ["Period earnings E", amount(acc.period_earnings, denom), "period-earnings"],
          ["Period costs C", amount(acc.period_costs, denom), "period-costs"],
          ["Cap (profit_cap × C)", amount(cap, denom), "cap"],
          ["Cap headroom", amount(earn.cap_headroom, denom), "cap-headroom"],
          ["Withholding in force", bps(earn.withhold_bps), "withhold"],
        ])),
      el("div", { class: "grid2" },
        el("div", {}, el("h3", {}, "Earnings against the cap, period " + earn.period),
          earningsChart(owner, earn, p, recs.records || [])),
        el("div", {}, el("h3", {}, "Performance per cycle"), perfChart(perf.performances || []))),
      table("performance", "Performance history", [
        { label: "Cycle", num: true }, { label: "Uptime", num: true }, { label: "Work units", num: true },
        { label: "Observations", num: true }, "Attested"],
      (perf.performances || []).slice(-15).reverse().map((x) => ({
        cells: [x.cycle, bps(x.uptime_bps), x.work_units, x.observations, x.attested ? "yes" : "no"],
      })), { empty: "no settled cycle yet" }),
      table("violations", "Violations (" + ((viol.penalty && viol.penalty.violations) || 0) + " in the running window, withholding " +
        bps(viol.penalty && viol.penalty.withhold_bps) + ")", [
        { label: "Id", num: true }, "Kind", { label: "Cycle", num: true }, "Time", "Excused", "Evidence"],
      (viol.violations || []).map((v) => ({
        cells: [v.id, enumName(v.kind, "VIOLATION_KIND_"), v.cycle, when(v.time), v.excused ? "yes" : "no", v.evidence],
      })), { empty: "no violations" }),
      table("unbondings", "Unbondings", [
        { label: "Id", num: true }, { label: "Amount", num: true }, "Completes", { label: "Created in cycle", num: true }],
      (unb.entries || []).map((u) => ({ cells: [u.id, amount(u.amount, bond), when(u.completion_time), u.creation_cycle] })),
      { empty: "no unbonding entries" }));
  },
};

// earningsChart plots E and the cap (profit_cap × C) after each settled cycle
// of the running period, then the live tracker.
function earningsChart(owner, earn, p, records) {
  const pts = [];
  for (const r of records.slice().reverse()) {
    if (String(r.period) !== String(earn.period)) continue;
    const m = (r.members || []).find((x) => x.owner === owner);
    if (!m) continue;
    pts.push({ label: "#" + r.cycle, e: m.period_earnings_after, cap: mulFloor(m.period_costs_after, p.profit_cap) });
  }
  const acc = earn.account || {};
  pts.push({ label: "now", e: acc.period_earnings || "0", cap: mulFloor(acc.period_costs, p.profit_cap) });
  return chart("chart-earnings", "Period earnings and cap by cycle", {
    type: "line",
    data: {
      labels: pts.map((x) => x.label),
      datasets: [
        { label: "earnings E (" + p.reward_denom + ")", data: pts.map((x) => Number(x.e)), borderColor: "#0b5cad", backgroundColor: "#0b5cad" },
        { label: "cap (" + p.reward_denom + ")", data: pts.map((x) => Number(x.cap)), borderColor: "#cf222e", backgroundColor: "#cf222e", borderDash: [6, 4] },
      ],
    },
    options: { scales: { y: { beginAtZero: true } } },
  });
}

function perfChart(perfs) {
  return chart("chart-performance", "Uptime and work units per cycle", {
    data: {
      labels: perfs.map((x) => "#" + x.cycle),
      datasets: [
        { type: "line", label: "uptime %", data: perfs.map((x) => Number(x.uptime_bps) / 100), yAxisID: "y", borderColor: "#1f883d", backgroundColor: "#1f883d" },
        { type: "bar", label: "work units", data: perfs.map((x) => Number(x.work_units)), yAxisID: "y1", backgroundColor: "#8fb8e8" },
      ],
    },
    options: {
      scales: {
        y: { min: 0, max: 100, position: "left", title: { display: true, text: "uptime %" } },
        y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false }, title: { display: true, text: "work units" } },
      },
    },
  });
}
