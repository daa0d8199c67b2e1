// Treasury: bucket balances, inflows by category per cycle, spends.
"use strict";

Dash.pages.treasury = {
  async render() {
    const [b, tp, inf, sp] = await Promise.all([
      get(TR + "/buckets"),
      get(TR + "/params"),
      get(TR + "/inflows?pagination.reverse=true&pagination.limit=200"),
      get(TR + "/spends?pagination.reverse=true&pagination.limit=50"),
    ]);
    const params = tp.params;
    const split = {
      BUYBACK_BURN: params.buyback_burn_bps, STAKING_REWARDS: params.staking_rewards_bps, ECOSYSTEM: params.ecosystem_bps,
    };
    const inflows = (inf.inflows || []).slice().sort((x, y) => Number(x.id) - Number(y.id));
    return el("section", { "aria-labelledby": "h-treasury" },
      el("h2", { id: "h-treasury" }, "Treasury"),
      facts([
        ["Module account", el("span", { class: "addr" }, b.module_address)],
        ["Module balance", coins(b.module_balance), "module-balance"],
      ]),
      table("buckets", "Buckets", [{ label: "Bucket", key: "bucket" }, { label: "Share of inflows", num: true }, { label: "Balance", key: "balance", num: true }],
        (b.buckets || []).map((x) => {
          const name = enumName(x.bucket, "BUCKET_");
          return { attrs: { "data-bucket": name }, cells: [name, bps(split[name]), coins(x.coins)] };
        }), { rowHeader: true }),
      el("h3", {}, "Inflows by category per cycle"),
      inflowChart(inflows),
      table("inflows", "Latest inflows", [{ label: "Id", num: true }, { label: "Cycle", num: true }, "Source",
        { label: "Total", num: true }, "Parts", "Split (burn / staking / ecosystem)"],
      inflows.slice(-20).reverse().map((x) => ({
        cells: [x.id, x.cycle, x.source, amount(x.total, x.denom),
          (x.parts || []).map((p) => enumName(p.category, "CATEGORY_") + " " + p.amount).join(", "),
          [x.split.buyback_burn, x.split.staking_rewards, x.split.ecosystem].join(" / ")],
      })), { empty: "no inflows yet" }),
      table("spends", "Spends", [{ label: "Id", num: true }, "Kind", "Bucket", "Recipient", { label: "Amount", num: true }, "Initiator", { label: "Height", num: true }],
        (sp.spends || []).map((s) => ({
          cells: [s.id, enumName(s.kind, "SPEND_KIND_"), enumName(s.bucket, "BUCKET_"), s.recipient,
            s.amount.amount + " " + s.amount.denom, s.initiator, s.height],
        })), { empty: "no spends yet" }));
  },
};

function inflowChart(inflows) {
  const cycles = [...new Set(inflows.map((x) => Number(x.cycle)))].sort((a, b) => a - b);
  const cats = {};
  for (const x of inflows) {
    for (const p of x.parts || []) {
      const c = enumName(p.category, "CATEGORY_");
      cats[c] = cats[c] || {};
      cats[c][x.cycle] = (cats[c][x.cycle] || 0) + Number(p.amount);
    }
  }
  const colors = { CAP_EXCESS: "#0b5cad", ROUNDING: "#8250df", WITHHELD: "#bf8700", SLASH: "#cf222e" };
  return chart("chart-inflows", "Treasury inflows by category per cycle", {
    type: "bar",
    data: {
      labels: cycles.map((c) => "#" + c),
      datasets: Object.keys(cats).sort().map((c) => ({
        label: c, data: cycles.map((cy) => cats[c][cy] || 0), backgroundColor: colors[c] || "#57606a",
      })),
    },
    options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } },
  });
}
