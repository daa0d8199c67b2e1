// Treasury: bucket balances, the burn auction, inflows by category per
// cycle, spends.
"use strict";

Dash.pages.treasury = {
  async render() {
    const [b, tp, inf, sp, auc, past] = await Promise.all([
      get(TR + "/buckets"),
      get(TR + "/params"),
      get(TR + "/inflows?pagination.reverse=true&pagination.limit=200"),
      get(TR + "/spends?pagination.reverse=true&pagination.limit=50"),
      get(TR + "/auction"),
      get(TR + "/auctions?pagination.reverse=true&pagination.limit=1000"),
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
      auctionView(auc, past.auctions || [], params.burn_denom),
      el("h3", {}, "Inflows by category per cycle"),
      inflowChart(inflows),
      table("inflows", "Latest inflows", [{ label: "Id", num: true }, { label: "Cycle", num: true }, "Source",
        { label: "Total", num: true }, "Parts", "Split (burn / staking / ecosystem)"],
      inflows.slice(-20).reverse().map((x) => ({
        cells: [x.id, x.cycle, x.source, amount(x.total, x.denom),
          (x.parts || []).map((p) => enumName(p.category, "CATEGORY_") + " " + amount(p.amount, x.denom)).join(", "),
          [x.split.buyback_burn, x.split.staking_rewards, x.split.ecosystem].map((v) => amount(v, x.denom)).join(" / ")],
      })), { empty: "no inflows yet" }),
      table("spends", "Spends", [{ label: "Id", num: true }, "Kind", "Bucket", "Recipient", { label: "Amount", num: true }, "Initiator", { label: "Height", num: true }],
        (sp.spends || []).map((s) => ({
          cells: [s.id, enumName(s.kind, "SPEND_KIND_"), enumName(s.bucket, "BUCKET_"), opLinkless(s.recipient),
            amount(s.amount.amount, s.amount.denom), opLinkless(s.initiator), s.height],
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

// auctionView shows the open burn auction (lot, highest bid, end, minimum
// next bid), what the closed auctions on record burned, and those auctions.
function auctionView(auc, closed, burnDenom) {
  const a = auc.auction || {};
  const open = auc.open === true;
  let burned = 0n;
  for (const x of closed) {
    if (x.burned && x.burned.denom === burnDenom) burned += BigInt(x.burned.amount || "0");
  }
  const bid = a.highest_bid || {};
  return el("div", { id: "auction" },
    el("h3", {}, "Burn auction"),
    facts([
      ["Auction", open ? "#" + a.id + " open" : "none open", "auction-id"],
      ["Lot", open ? lotText(a.lot) : "—", "auction-lot"],
      ["Highest bid", open && a.highest_bidder ? amount(bid.amount, bid.denom) : "no bid yet", "auction-bid"],
      ["Highest bidder", open && a.highest_bidder ? opLinkless(a.highest_bidder) : "—", "auction-bidder"],
      ["Minimum next bid", open && auc.min_next_bid ? amount(auc.min_next_bid.amount, auc.min_next_bid.denom) : "—", "auction-min-bid"],
      ["Ends", open ? when(a.end_time) : "—", "auction-end"],
      ["Burned so far (" + closed.length + " closed auctions on record)", amount(burned.toString(), burnDenom), "auction-burned"],
    ]),
    table("auctions", "Closed auctions", [{ label: "Id", num: true }, "Lot", { label: "Winning bid", num: true }, "Outcome",
      { label: "Burned", num: true }, "Ended"],
    closed.slice(0, 10).map((x) => ({
      attrs: { "data-auction": x.id },
      cells: [x.id, lotText(x.lot), x.highest_bidder ? amount(x.highest_bid.amount, x.highest_bid.denom) : "—",
        enumName(x.outcome, "AUCTION_OUTCOME_"), amount(x.burned && x.burned.amount, x.burned && x.burned.denom), when(x.end_time)],
    })), { empty: "no auction closed yet" }));
}

// lotText is an auction's lot; an empty lot (BUYBACK_BURN held nothing when
// the auction opened) takes no bids.
function lotText(lot) {
  return lot && lot.length ? coins(lot) : "empty";
}

// opLinkless shows an address, by moniker and node id when it is an operator's.
function opLinkless(addr) {
  return Dash.ops[addr] ? opLabel(addr) : el("span", { class: "addr", title: addr }, short(addr));
}
