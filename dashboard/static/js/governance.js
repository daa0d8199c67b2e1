// Governance: proposals in their voting period; for those that change the
// x/rewards params, the next settlement now and under the proposal, per operator.
"use strict";

const rewardsUpdate = "/xmtp.rewards.v1.MsgUpdateParams";

Dash.pages.governance = {
  async render() {
    const props = (await get("/cosmos/gov/v1/proposals?proposal_status=PROPOSAL_STATUS_VOTING_PERIOD")).proposals || [];
    const pool = await get(RW + "/pool");
    const sections = [];
    for (const p of props) {
      const types = (p.messages || []).map((m) => m["@type"]);
      const head = el("h3", {}, "Proposal " + p.id + ": " + (p.title || "(untitled)"));
      const info = facts([
        ["Voting ends", when(p.voting_end_time)],
        ["Messages", types.join(", ")],
        ["Tally (yes / no / abstain / veto)", [p.final_tally_result.yes_count, p.final_tally_result.no_count,
          p.final_tally_result.abstain_count, p.final_tally_result.no_with_veto_count].join(" / ")],
      ]);
      let body;
      if (!types.includes(rewardsUpdate)) {
        body = el("p", { class: "muted" }, "No x/rewards parameter change: no settlement comparison.");
      } else if (!(pool.budgets || []).length) {
        body = el("p", { class: "muted" }, "No ended cycle awaits settlement, nothing to compare yet.");
      } else {
        const sim = await get(RW + "/simulate_proposal/" + p.id);
        body = comparison(p.id, sim, pool.denom);
      }
      sections.push(el("article", { "data-proposal": p.id }, head, info, body));
    }
    return el("section", { "aria-labelledby": "h-gov" },
      el("h2", { id: "h-gov" }, "Governance"),
      props.length ? sections : el("p", { id: "no-proposals" }, "No proposal is in its voting period."));
  },
};

function comparison(id, sim, denom) {
  const cur = {};
  for (const m of sim.current.members || []) cur[m.owner] = m;
  const owners = [...new Set([...(sim.current.members || []), ...(sim.proposed.members || [])].map((m) => m.owner))];
  const prop = {};
  for (const m of sim.proposed.members || []) prop[m.owner] = m;
  const rows = owners.map((o) => {
    const a = (cur[o] && cur[o].credited) || "0";
    const b = (prop[o] && prop[o].credited) || "0";
    return { attrs: { "data-owner": o }, cells: [opLink(o), amount(a, denom), amount(b, denom), amount((BigInt(b) - BigInt(a)).toString(), denom)] };
  });
  return el("div", {},
    facts([
      ["Cycle simulated", sim.current.cycle],
      ["Credited in total (current → proposed)", amount(sim.current.total_credited, denom) + " → " + amount(sim.proposed.total_credited, denom)],
      ["Cap excess to the treasury", amount(sim.current.total_cap_excess, denom) + " → " + amount(sim.proposed.total_cap_excess, denom)],
    ]),
    table("sim-" + id, "Credited per operator in the next settlement",
      [{ label: "Operator" }, { label: "Current params", num: true }, { label: "Proposed params", num: true }, { label: "Difference", num: true }],
      rows, { rowHeader: true }));
}
