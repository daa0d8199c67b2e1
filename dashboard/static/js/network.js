// Network: cycle, countdown to the next boundary, current and next sets, and
// the schedule of the next cycles as an operators × cycles timeline.
"use strict";

Dash.pages.network = {
  countdown: null,

  async render() {
    const [as, sched, ops] = await Promise.all([
      get(NS + "/active_set"),
      get(NS + "/schedule?cycles=10"),
      get(NS + "/operators?pagination.limit=1000"),
    ]);
    const byOwner = {};
    for (const o of ops.operators || []) byOwner[o.owner] = o;
    this.boundary = Date.parse(as.next_boundary);
    return el("section", { "aria-labelledby": "h-network" },
      el("h2", { id: "h-network" }, "Network"),
      facts([
        ["Cycle", as.cycle, "cycle"],
        ["Cycle start", when(as.cycle_start), "cycle-start"],
        ["Next boundary", when(as.next_boundary), "next-boundary"],
        ["Countdown", el("span", { id: "countdown", "aria-live": "off" }, countdownText(this.boundary)), null],
        ["Strategy", enumName(sched.strategy, "STRATEGY_")],
        ["Operators", (ops.operators || []).length],
      ]),
      el("div", { class: "sets" },
        setTable("current-set", "Current set (serving cycle " + as.cycle + ")", as.current, byOwner),
        setTable("next-set", "Next set (announced for cycle " + (Number(as.cycle) + 1) + ")", as.next, byOwner)),
      el("h3", {}, "Schedule"),
      el("p", { class: "muted" }, "Predicted from the current state by Query/Schedule; the first column is the announced next set."),
      timeline(sched.cycles || []));
  },

  start(view) {
    const span = view.querySelector("#countdown");
    this.countdown = setInterval(() => {
      span.textContent = countdownText(this.boundary);
    }, 1000);
  },

  stop() {
    clearInterval(this.countdown);
  },
};

function countdownText(boundary) {
  const s = Math.max(0, Math.round((boundary - Date.now()) / 1000));
  const m = Math.floor(s / 60);
  return (m > 0 ? m + "m " : "") + (s % 60) + "s";
}

function setTable(id, caption, members, byOwner) {
  const headers = [
    { label: "Operator (moniker · node id)", key: "owner" },
    { label: "Region", key: "region" },
    { label: "Country", key: "country" },
    { label: "Endpoint", key: "endpoint" },
    { label: "Since cycle", key: "since_cycle", num: true },
  ];
  const rows = (members || []).map((m) => {
    const o = byOwner[m.owner] || {};
    return {
      attrs: { "data-owner": m.owner },
      cells: [opLink(m.owner), o.region || "", countryName(o.region), o.endpoint || "", m.since_cycle],
    };
  });
  return table(id, caption, headers, rows, { rowHeader: true, empty: "empty set" });
}

function timeline(cycles) {
  const owners = [];
  const seen = new Set();
  for (const c of cycles) {
    for (const m of c.members || []) {
      if (!seen.has(m)) {
        seen.add(m);
        owners.push(m);
      }
    }
  }
  const head = el("tr", {}, el("th", { scope: "col" }, "Operator"),
    cycles.map((c) => el("th", { scope: "col", "data-cycle": c.cycle, title: when(c.start) }, "#" + c.cycle)));
  const rows = owners.map((o) => el("tr", { "data-owner": o },
    el("th", { scope: "row" }, opLink(o)),
    cycles.map((c) => {
      const on = (c.members || []).includes(o);
      return el("td", { class: on ? "on" : null, "data-cycle": c.cycle, "data-member": on ? "1" : "0" },
        on ? "●" : "", el("span", { class: "sr-only" }, on ? "serving" : "not serving"));
    })));
  return el("table", { id: "timeline", class: "timeline" },
    el("caption", {}, "Operators × cycles (● = in the set)"), el("thead", {}, head), el("tbody", {}, rows));
}
