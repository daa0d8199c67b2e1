// Audit: the last settled cycles with the result of each audit check the
// chain reports. The response is rendered generically: every boolean is a
// check, every list of {name/check, ok/match/passed} objects is a set of checks.
"use strict";

Dash.pages.audit = {
  async render() {
    const recs = (await get(RW + "/cycle_records?pagination.reverse=true&pagination.limit=10")).records || [];
    const audits = await Promise.all(recs.map((r) => get(RW + "/audit/" + r.cycle).then((a) => ({ cycle: r.cycle, a }))));
    const rows = audits.map(({ cycle, a }) => ({ cycle, checks: auditChecks(a), diffs: a.differences || [] }));
    const names = [];
    for (const r of rows) for (const c of r.checks) if (!names.includes(c.name)) names.push(c.name);
    const lo = recs.length ? recs[recs.length - 1].cycle : 0;
    const hi = recs.length ? recs[0].cycle : 0;
    const cli = "xmtpd q rewards audit --from " + lo + " --to " + hi;
    return el("section", { "aria-labelledby": "h-audit" },
      el("h2", { id: "h-audit" }, "Audit"),
      el("p", {}, "Each settled cycle is recomputed by the chain from its stored inputs. Re-derive the same results yourself:"),
      el("pre", { class: "cli" }, el("code", { id: "audit-cli" }, cli)),
      table("audit", "Last " + rows.length + " settled cycles",
        [{ label: "Cycle", num: true }, ...names, "Differences"],
        rows.map((r) => ({
          attrs: { "data-cycle": r.cycle },
          cells: [r.cycle, ...names.map((n) => {
            const c = r.checks.find((x) => x.name === n);
            if (!c) return "—";
            return el("span", { class: c.ok ? "pass" : "fail", "data-check": n, "data-ok": c.ok ? "1" : "0" },
              (c.ok ? "pass" : "FAIL") + (c.detail ? " (" + c.detail + ")" : ""));
          }), r.diffs.length ? r.diffs.map((d) => d.field + ": " + d.stored + " ≠ " + d.recomputed).join("; ") : "none"],
        })), { rowHeader: true, empty: "no settled cycle yet" }));
  },
};

const okKeys = ["ok", "match", "passed", "pass", "valid"];
const nameKeys = ["name", "check", "kind"];

// auditChecks flattens an Audit answer into [{name, ok, detail}].
function auditChecks(a) {
  const out = [];
  for (const [k, v] of Object.entries(a)) {
    if (typeof v === "boolean") out.push({ name: k, ok: v });
    else if (Array.isArray(v) && v.length && typeof v[0] === "object" && v[0] !== null) {
      for (const item of v) {
        const nk = nameKeys.find((x) => typeof item[x] === "string");
        const ok = okKeys.find((x) => typeof item[x] === "boolean");
        if (nk && ok) out.push({ name: item[nk], ok: item[ok], detail: item.detail || item.reason || item.message || "" });
      }
    } else if (v && typeof v === "object" && !Array.isArray(v)) {
      const ok = okKeys.find((x) => typeof v[x] === "boolean");
      if (ok) out.push({ name: k, ok: v[ok], detail: v.detail || v.reason || "" });
    }
  }
  return out;
}
