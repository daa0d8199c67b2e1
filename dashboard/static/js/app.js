// Router: #/<page>[/<arg>]; each page is re-rendered every few seconds and
// right after the next cycle boundary, so the figures follow the chain.
"use strict";

(function () {
  const main = document.getElementById("main");
  const status = document.getElementById("status");
  let timer = null;
  let generation = 0;
  let shown = null; // the page on screen
  Dash.renders = 0;

  function route() {
    const parts = (location.hash || "#/network").replace(/^#\//, "").split("/");
    const name = Dash.pages[parts[0]] ? parts[0] : "network";
    return { name, arg: decodeURIComponent(parts.slice(1).join("/")) };
  }

  async function render(first) {
    const gen = ++generation;
    const r = route();
    const page = Dash.pages[r.name];
    Dash.pendingCharts = [];
    try {
      Dash.ops = await loadOperators();
      const view = await page.render(r.arg);
      if (gen !== generation) return; // a newer render started
      if (shown && shown.stop) shown.stop();
      main.replaceChildren(view);
      shown = page;
      drawCharts();
      for (const a of document.querySelectorAll("nav a")) {
        if (a.dataset.nav === (r.name === "operator" ? "operators" : r.name)) a.setAttribute("aria-current", "page");
        else a.removeAttribute("aria-current");
      }
      if (page.start) page.start(view);
      Dash.renders++;
      main.dataset.page = r.name;
      main.dataset.renders = String(Dash.renders);
      status.textContent = "updated " + new Date().toISOString().slice(11, 19) + " UTC";
      if (first) main.focus({ preventScroll: true });
    } catch (err) {
      if (gen !== generation) return;
      if (shown && shown.stop) shown.stop();
      shown = null;
      drawCharts();
      main.replaceChildren(el("p", { class: "error", role: "alert" }, String(err.message || err)));
      main.dataset.page = "error";
    }
  }

  function schedule() {
    clearTimeout(timer);
    const period = Dash.refreshMs || 4000;
    timer = setTimeout(async () => {
      const a = document.activeElement;
      const typing = a && main.contains(a) && ["INPUT", "SELECT"].includes(a.tagName);
      if (!typing) await render(false);
      schedule();
    }, period);
  }

  async function start() {
    try {
      Dash.regions = await get("regions.json");
    } catch (err) {
      Dash.regions = {};
    }
    try {
      Dash.denoms = await loadDenoms();
    } catch (err) {
      Dash.denoms = {}; // amounts stay in base units
    }
    window.addEventListener("hashchange", () => {
      render(true);
      schedule();
    });
    await render(true);
    schedule();
  }

  start();
})();
