// Operators: every registered operator in a filterable table.
"use strict";

Dash.opFilter = { text: "", status: "" };

Dash.pages.operators = {
  async render() {
    const [opsRes, nsp] = await Promise.all([get(NS + "/operators?pagination.limit=1000"), get(NS + "/params")]);
    const ops = opsRes.operators || [];
    const bond = nsp.params.bond_denom;
    const statuses = [...new Set(ops.map((o) => enumName(o.status, "OPERATOR_STATUS_")))].sort();
    const text = el("input", { id: "filter-text", type: "search", value: Dash.opFilter.text });
    const status = el("select", { id: "filter-status" },
      el("option", { value: "" }, "all"),
      statuses.map((s) => el("option", { value: s, selected: s === Dash.opFilter.status }, s)));
    const headers = [
      { label: "Operator (moniker · node id)", key: "owner" },
      { label: "Node key", key: "node_key" },
      { label: "Status", key: "status" },
      { label: "Stake", key: "stake", num: true },
      { label: "Credit", key: "credit", num: true },
      { label: "Violations (window)", key: "violations", num: true },
      { label: "Withholding", key: "withhold", num: true },
      { label: "Region", key: "region" },
      { label: "Country", key: "country" },
    ];
    const rows = ops.map((o) => ({
      attrs: {
        "data-owner": o.owner,
        "data-status": enumName(o.status, "OPERATOR_STATUS_"),
        "data-search": [o.owner, o.moniker, nodeId(o.nft_id), o.region, countryName(o.region), o.endpoint].join(" ").toLowerCase(),
      },
      cells: [opLink(o.owner), nodeKeyCell(o), enumName(o.status, "OPERATOR_STATUS_"), amount(o.stake, bond), plainDec(o.credit),
        (o.penalty && o.penalty.violations) || 0, bps(o.penalty && o.penalty.withhold_bps), o.region, countryName(o.region)],
    }));
    const tbl = table("operators", "Operators (" + ops.length + ")", headers, rows, { rowHeader: true });
    const apply = () => {
      Dash.opFilter = { text: text.value, status: status.value };
      const q = text.value.trim().toLowerCase();
      let shown = 0;
      for (const tr of tbl.querySelectorAll("tbody tr[data-owner]")) {
        const ok = (!q || tr.dataset.search.includes(q)) && (!status.value || tr.dataset.status === status.value);
        tr.hidden = !ok;
        if (ok) shown++;
      }
      count.textContent = shown + " of " + ops.length + " shown";
    };
    const count = el("span", { id: "filter-count", role: "status" });
    text.addEventListener("input", apply);
    status.addEventListener("change", apply);
    apply();
    return el("section", { "aria-labelledby": "h-operators" },
      el("h2", { id: "h-operators" }, "Operators"),
      el("div", { class: "filters", role: "search" },
        el("label", { for: "filter-text" }, "Moniker, node id, owner, region, country or endpoint", text),
        el("label", { for: "filter-status" }, "Status", status),
        count),
      tbl);
  },
};

// nodeKeyCell is an operator's XMTP node key in short form, with an
// announced rotation: "02ab12cd…9f8e7d → 03…(from cycle 42)".
function nodeKeyCell(o) {
  const key = keyHex(o.signing_public_key);
  const pending = keyHex(o.pending_signing_public_key);
  return el("span", {},
    key ? el("code", { title: key, "data-key": key }, shortKey(key)) : el("span", { class: "muted" }, "none"),
    pending ? el("span", { class: "pending", "data-pending-key": pending, title: pending },
      " → " + shortKey(pending) + " from cycle " + o.effective_cycle) : null);
}
