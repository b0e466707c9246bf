// bellum dashboard: one page over the read-only HTTP API of this server.
// Plain JS, no build step. Text from documents is untrusted: it only ever
// reaches the page through textContent / d3's .text(), never innerHTML.
"use strict";

(function () {
  const TYPE_COLORS = {
    "Battles": "#d62728",
    "Explosions/Remote violence": "#ff7f0e",
    "Violence against civilians": "#9467bd",
    "Protests": "#2ca02c",
    "Riots": "#8c564b",
    "Strategic developments": "#1f77b4",
  };
  const OTHER_COLOR = "#7f7f7f";
  const EDGE_KINDS = {
    alliance: { color: "#2ca02c", dash: null, label: "alliance" },
    member: { color: "#555", dash: null, label: "member of" },
    hostility: { color: "#d62728", dash: "5,4", label: "hostility" },
    merge: { color: "#9467bd", dash: null, label: "merged into" },
    agreement: { color: "#1f77b4", dash: "2,3", label: "agreement" },
  };
  const INTER_COLORS = ["#999", "#1f77b4", "#d62728", "#ff7f0e", "#bcbd22", "#8c564b", "#2ca02c", "#7f7f7f", "#17becf"];
  const MAP_LIMIT = 5000;
  const PAGE_SIZE = 25;
  const DAY = 86400000;

  const S = {
    info: null, filters: [], topo: null, countries: null, projection: null,
    first: null, last: null, date: null, windowMonths: 12, page: 0, total: 0,
    docs: new Map(), holderColors: new Map(), nodePos: new Map(), stats: null,
    playing: null, pending: null, seq: 0, actors: [],
  };

  const $ = (sel) => document.querySelector(sel);

  // Build an element; strings become text nodes (never parsed as HTML).
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return node;
  }

  function showError(message) {
    const box = $("#error");
    box.textContent = message;
    box.hidden = !message;
  }

  async function api(path, params) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== null && v !== undefined && v !== "") qs.set(k, v);
    }
    const url = qs.toString() ? `${path}?${qs}` : path;
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => ({ ok: false, error: `${res.status} from ${path}` }));
    if (!res.ok || body.ok === false) throw new Error(body.error || `${res.status} from ${path}`);
    return body;
  }

  // -- dates -------------------------------------------------------------
  const iso = (d) => d.toISOString().slice(0, 10);
  const parseDay = (s) => new Date(`${s}T00:00:00Z`);
  function addMonths(d, n) {
    const r = new Date(d.getTime());
    r.setUTCMonth(r.getUTCMonth() + n);
    return r;
  }
  function windowSince() {
    if (!S.windowMonths) return null;
    return iso(new Date(addMonths(S.date, -S.windowMonths).getTime() + DAY));
  }
  const PRECISION_WORDS = { 1: "exact place", 2: "near the place", 3: "region or country only" };

  // One name per actor everywhere: the canonical name the table, the API and the
  // CLI use (an alias such as a French acronym would name the same group twice).
  const short = (name) => name;

  // -- start ---------------------------------------------------------------
  async function init() {
    try {
      const [info, filters, actors, topo] = await Promise.all([
        api("/api/info"), api("/api/filters"), api("/api/actors"),
        fetch("/static/boundaries/countries-50m.json").then((r) => r.json()),
      ]);
      S.info = info; S.filters = filters.filters; S.topo = topo; S.actors = actors.actors;
    } catch (err) {
      showError(`Could not load the knowledge base: ${err.message}`);
      return;
    }
    $("#kb-summary").textContent =
      `${S.info.events} events · ${S.info.documents} document(s) · ${S.info.actors} actors · ` +
      `${S.info.control_spans} control spans · ${S.info.first_date || "?"} to ${S.info.last_date || "?"}`;
    buildFilterForm();
    buildSlider();
    buildLegends();
    drawBasemap();
    $("#window").addEventListener("change", () => { S.windowMonths = +$("#window").value; S.page = 0; schedule(); });
    $("#play").addEventListener("click", togglePlay);
    $("#prev").addEventListener("click", () => { if (S.page > 0) { S.page--; updateTable(); } });
    $("#next").addEventListener("click", () => { if ((S.page + 1) * PAGE_SIZE < S.total) { S.page++; updateTable(); } });
    $("#table-window").addEventListener("change", () => { S.page = 0; updateTable(); });
    $("#network-all").addEventListener("change", () => { if (S.shown) drawGraph(S.shown.graph); });
    window.addEventListener("resize", redrawAfterResize);
    await refreshStats();
    await update();
    document.body.dataset.ready = "1";
  }

  // -- filters (generated from /api/filters, the server's one table) ---------
  function buildFilterForm() {
    const form = $("#filters");
    for (const f of S.filters) {
      if (f.name === "since" || f.name === "until") continue; // the slider sets these
      const input = el("input", {
        name: f.name, type: f.type === "int" ? "number" : "text", min: f.type === "int" ? 0 : null,
        placeholder: f.name.replace("_", " "), title: `${f.help} (${f.matches})`,
      });
      if (f.name === "actor") {
        input.setAttribute("list", "actor-names");
        const list = el("datalist", { id: "actor-names" });
        const names = new Set(S.actors.flatMap((a) => [a.name, ...(a.aliases || [])]));
        for (const n of [...names].sort()) list.append(el("option", { value: n }));
        form.append(list);
      }
      if (f.name === "event_type") {
        input.setAttribute("list", "event-types");
        const list = el("datalist", { id: "event-types" });
        for (const t of S.info.event_types) list.append(el("option", { value: t.event_type }));
        form.append(list);
      }
      form.append(el("label", { class: "filter" }, f.name.replace("_", " "), input));
    }
    form.append(el("button", { type: "submit" }, "Apply"), el("button", { type: "reset" }, "Clear"));
    form.addEventListener("submit", (e) => { e.preventDefault(); S.page = 0; refreshStats().then(update); });
    form.addEventListener("reset", () => setTimeout(() => { S.page = 0; refreshStats().then(update); }, 0));
  }

  function filterValues() {
    const out = {};
    for (const [k, v] of new FormData($("#filters")).entries()) if (String(v).trim()) out[k] = String(v).trim();
    return out;
  }

  // -- slider and play -----------------------------------------------------
  function buildSlider() {
    S.first = parseDay(S.info.first_date || "2012-01-01");
    S.last = parseDay(S.info.last_date || iso(new Date()));
    const days = Math.max(0, Math.round((S.last - S.first) / DAY));
    const slider = $("#slider");
    slider.max = String(days);
    const wanted = new URLSearchParams(location.search).get("date");
    let start = days;
    const notice = $("#notice");
    if (wanted !== null) {
      const day = /^\d{4}-\d{2}-\d{2}$/.test(wanted) ? parseDay(wanted) : null;
      const real = day && !Number.isNaN(day.getTime()) && iso(day) === wanted;
      if (!real) {
        notice.textContent = `?date=${wanted} is not a date: give YYYY-MM-DD (e.g. ?date=${iso(S.last)}); ` +
          `showing the last date of the record, ${iso(S.last)}.`;
      } else {
        start = Math.round((day - S.first) / DAY);
        if (start < 0 || start > days) {
          notice.textContent = `?date=${wanted} is outside the record (${iso(S.first)} to ${iso(S.last)}); ` +
            `showing ${start < 0 ? iso(S.first) : iso(S.last)}.`;
        }
        start = Math.min(days, Math.max(0, start));
      }
      notice.hidden = !notice.textContent;
    }
    slider.value = String(start);
    S.date = new Date(S.first.getTime() + start * DAY);
    $("#date-label").textContent = iso(S.date);
    slider.addEventListener("input", () => {
      S.date = new Date(S.first.getTime() + (+slider.value) * DAY);
      $("#date-label").textContent = iso(S.date);
      S.page = 0;
      markTimeline();
      schedule();
    });
  }

  function setDate(d) {
    const slider = $("#slider");
    const v = Math.min(+slider.max, Math.max(0, Math.round((d - S.first) / DAY)));
    slider.value = String(v);
    slider.dispatchEvent(new Event("input"));
  }

  function togglePlay() {
    const button = $("#play");
    if (S.playing) {
      clearInterval(S.playing); S.playing = null;
      button.textContent = "▶ Play"; button.setAttribute("aria-label", "Play");
      return;
    }
    if (+$("#slider").value >= +$("#slider").max) setDate(S.first);
    button.textContent = "⏸ Pause"; button.setAttribute("aria-label", "Pause");
    S.playing = setInterval(() => {
      if (+$("#slider").value >= +$("#slider").max) { togglePlay(); return; }
      setDate(addMonths(S.date, 1));
    }, 900);
  }

  // redraw what is shown at the new size (no new requests)
  function redrawAfterResize() {
    const [w] = mapSize();
    if (!S.shown || w === S.mapWidth) return;
    drawBasemap();
    drawEvents(S.shown.events);
    drawHolders(S.shown.state);
    drawGraph(S.shown.graph);
    drawTimeline();
  }

  function schedule() {
    clearTimeout(S.pending);
    S.pending = setTimeout(update, 120);
  }

  // -- the update every control drives -------------------------------------
  async function update() {
    const seq = ++S.seq;
    const date = iso(S.date);
    history.replaceState(null, "", `?date=${date}`);
    try {
      const params = { ...filterValues(), since: windowSince(), until: date, limit: MAP_LIMIT };
      const filtered = Object.keys(filterValues()).length > 0;
      const [events, state, graph, inWindow] = await Promise.all([
        api("/api/events", params), api("/api/state", { date }), api("/api/graph", { at: date }),
        // who is active in the window, whatever the table's filters
        filtered ? api("/api/events", { since: windowSince(), until: date, limit: MAP_LIMIT }) : null,
      ]);
      S.active = activeActors((inWindow || events).events);
      if (seq !== S.seq) return; // a newer date was asked for meanwhile
      showError("");
      S.shown = { events, state, graph };
      drawEvents(events);
      drawHolders(state);
      drawGraph(graph);
      markTimeline();
      await updateTable();
      document.body.dataset.shownDate = date;
    } catch (err) {
      showError(err.message);
    }
  }

  // -- map -------------------------------------------------------------------
  function mapSize() {
    const w = Math.max(320, $("#map").clientWidth || 700);
    return [w, Math.round(w * 0.72)];
  }

  function drawBasemap() {
    const [w, h] = mapSize();
    S.mapWidth = w;
    const box = $("#map");
    box.replaceChildren();
    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${w} ${h}`).attr("width", w).attr("height", h);
    const defs = svg.append("defs");
    const hatch = defs.append("pattern").attr("id", "hatch").attr("patternUnits", "userSpaceOnUse")
      .attr("width", 8).attr("height", 8).attr("patternTransform", "rotate(45)");
    hatch.append("line").attr("x1", 0).attr("y1", 0).attr("x2", 0).attr("y2", 8).attr("class", "hatch-line");

    S.countries = topojson.feature(S.topo, S.topo.objects.countries);
    const e = S.info.extent || [[-12, 9], [5, 25]];
    const pad = 2;
    const area = {
      type: "Feature",
      geometry: { type: "MultiPoint", coordinates: [
        [Math.min(e[0][0], e[1][0] - 10) - pad, Math.min(e[0][1], e[1][1] - 8) - pad],
        [Math.max(e[1][0], e[0][0] + 10) + pad, Math.max(e[1][1], e[0][1] + 8) + pad]] },
    };
    S.projection = d3.geoMercator().fitExtent([[10, 10], [w - 10, h - 10]], area);
    const path = d3.geoPath(S.projection);
    svg.append("rect").attr("class", "sea").attr("width", w).attr("height", h);
    svg.append("g").attr("class", "countries").selectAll("path").data(S.countries.features).join("path")
      .attr("class", "country").attr("d", path)
      .append("title").text((d) => d.properties.name);
    svg.append("g").attr("class", "region-hatch");
    const labels = S.countries.features.filter((f) => {
      const [x, y] = path.centroid(f);
      return x > 30 && x < w - 30 && y > 20 && y < h - 20 && path.area(f) > 1500;
    });
    svg.append("g").attr("class", "country-labels").selectAll("text").data(labels).join("text")
      .attr("transform", (d) => `translate(${path.centroid(d)})`).text((d) => d.properties.name);
    svg.append("g").attr("class", "holders"); // under the events, so events stay clickable
    svg.append("g").attr("class", "events");
    svg.append("g").attr("class", "holder-labels");
  }

  const fold = (s) => String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const radius = (ev) => 3 + Math.sqrt(Math.max(0, ev.fatalities || 0)) * 1.6;
  const pinned = (ev) => ev.geo_precision !== 3 && ev.latitude !== null && ev.longitude !== null &&
    ev.geo_precision !== null && ev.geo_precision !== undefined;

  function drawEvents(res) {
    const events = res.events;
    const onMap = events.filter(pinned);
    const offMap = events.filter((ev) => !pinned(ev));
    const svg = d3.select("#map svg");
    const g = svg.select("g.events");
    g.selectAll("*").remove();
    const xy = (ev) => S.projection([ev.longitude, ev.latitude]);
    // precision 2 ("near"): an open ring around the point, wider than the point itself
    g.selectAll("circle.halo").data(onMap.filter((ev) => ev.geo_precision === 2)).join("circle")
      .attr("class", "halo").attr("cx", (ev) => xy(ev)[0]).attr("cy", (ev) => xy(ev)[1])
      .attr("r", (ev) => radius(ev) + 9).attr("stroke", (ev) => TYPE_COLORS[ev.event_type] || OTHER_COLOR);
    g.selectAll("circle.event-point").data(onMap, (ev) => ev.event_id).join("circle")
      .attr("class", (ev) => `event-point precision-${ev.geo_precision}`)
      .attr("data-event-id", (ev) => ev.event_id)
      .attr("data-precision", (ev) => ev.geo_precision)
      .attr("cx", (ev) => xy(ev)[0]).attr("cy", (ev) => xy(ev)[1]).attr("r", radius)
      .attr("fill", (ev) => TYPE_COLORS[ev.event_type] || OTHER_COLOR)
      .on("click", (e, ev) => showEvent(ev.event_id))
      .append("title").text((ev) =>
        `${ev.event_date || "date unknown"} ${ev.event_type}: ${ev.sub_event_type || ""}\n${ev.location || ""} (${PRECISION_WORDS[ev.geo_precision]})` +
        `\n${ev.actor1 || "?"} vs ${ev.actor2 || "?"}${ev.fatalities ? `\n${ev.fatalities} killed` : ""}`);

    // precision 3: hatch the country instead of pretending to know the town
    const regional = new Set(offMap.filter((ev) => ev.country).map((ev) => fold(ev.country)));
    const path = d3.geoPath(S.projection);
    svg.select("g.region-hatch").selectAll("path")
      .data(S.countries.features.filter((f) => regional.has(fold(f.properties.name))))
      .join("path").attr("class", "hatched").attr("d", path)
      .append("title").text((f) => `${f.properties.name}: events known only at region or country level (see the list)`);

    $("#map-count").textContent = `${iso(S.date)}: ${onMap.length} pinned, ${offMap.length} region-level` +
      (res.total > events.length ? ` (first ${events.length} of ${res.total})` : "");
    const list = $("#unplaced-list");
    list.replaceChildren();
    for (const ev of offMap) {
      const where = [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ") || "place unknown";
      const who = [ev.actor1, ev.actor2].filter(Boolean).join(" vs ");
      const item = el("li", { "data-event-id": ev.event_id, class: "unplaced" },
        el("span", { class: "swatch" }), `${ev.event_date || "date unknown"} · ${ev.event_type}${who ? `: ${who}` : ""} · ${where}`);
      item.firstChild.style.background = TYPE_COLORS[ev.event_type] || OTHER_COLOR;
      item.addEventListener("click", () => showEvent(ev.event_id));
      list.append(item);
    }
    $("#unplaced-count").textContent = `(${offMap.length})`;
  }

  function holderColor(actor) {
    if (!S.holderColors.has(actor)) {
      S.holderColors.set(actor, d3.schemeTableau10[S.holderColors.size % 10]);
    }
    return S.holderColors.get(actor);
  }

  // The label: "Gao: MNLA / MOJWA?" ("?" the date falls in an imprecise bound);
  // the tooltip spells out names, inferred holders and contested places.
  // A stale holder (no report has shown it there for long) is "(stale)" in the
  // label and a faded square: kept, never shown as current.
  function holderLabel(p) {
    return `${p.place}: ${p.holders.map((h) =>
      `${short(h.actor)}${h.uncertain ? "?" : ""}${h.stale ? " (stale)" : ""}`).join(" / ")}`;
  }
  function holderTitle(p) {
    const names = p.holders.map((h) =>
      `${h.actor}${h.uncertain ? " (date uncertain)" : ""}${h.inferred ? " (inferred, not reported)" : ""}` +
      `${h.stale ? ` (stale: last confirmed ${h.confirmed})` : ""}` +
      ` from ${h.since || "before the record"} to ${h.until || "the end of the record"}`);
    return `${p.place}${p.contested ? " (contested)" : ""}\n${names.join("\n")}`;
  }

  // Keep town labels readable: flip them left near the right edge, step a label
  // down past the ones already placed, and hide it (the square and its tooltip
  // stay) when there is no room nearby.
  function placeLabels(labels) {
    const [w] = mapSize();
    const placed = [];
    const boxOf = (t) => {
      const b = t.getBBox();
      const m = t.parentNode.transform.baseVal.consolidate().matrix;
      return { x: b.x + m.e, y: b.y + m.f, w: b.width, h: b.height };
    };
    const hits = (a) => placed.some((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h);
    labels.sort((a, b) => boxOf(a).y - boxOf(b).y);
    for (const t of labels) {
      let box = boxOf(t);
      if (box.x + box.w > w - 4) {
        t.setAttribute("text-anchor", "end");
        t.setAttribute("x", -7);
        box = boxOf(t);
      }
      let tries = 0;
      while (hits(box) && tries < 3) {
        t.setAttribute("y", +t.getAttribute("y") + box.h);
        box = boxOf(t);
        tries++;
      }
      if (hits(box)) t.classList.add("crowded");
      else placed.push(box);
    }
  }

  function drawHolders(state) {
    const places = state.places.filter((p) => p.latitude !== null && p.longitude !== null);
    const g = d3.select("#map svg g.holders");
    g.selectAll("*").remove();
    const at = (p) => `translate(${S.projection([p.longitude, p.latitude])})`;
    const item = g.selectAll("g.holder").data(places, (p) => p.place).join("g")
      .attr("class", "holder").attr("data-place", (p) => p.place).attr("transform", at);
    item.append("rect").attr("x", -4).attr("y", -4).attr("width", 8).attr("height", 8)
      .attr("fill", (p) => holderColor(p.holders[0].actor))
      .attr("class", (p) => (p.holders.every((h) => h.stale) ? "stale"
        : p.holders.some((h) => h.uncertain || h.inferred) ? "uncertain" : null));
    item.append("title").text(holderTitle);
    // the labels go above the event points (squares stay below so points remain clickable)
    const labels = d3.select("#map svg g.holder-labels");
    labels.selectAll("*").remove();
    labels.selectAll("g").data(places, (p) => p.place).join("g").attr("transform", at)
      .append("text").attr("class", "holder-label").attr("x", 7).attr("y", -6)
      .attr("data-place", (p) => p.place)
      .attr("data-holders", (p) => p.holders.map((h) => h.actor).join(" / "))
      .classed("stale", (p) => p.holders.every((h) => h.stale))
      .text(holderLabel);
    placeLabels(labels.selectAll("text.holder-label").nodes());
    // which colour is whom, for the holders shown at this date
    const legend = $("#holder-legend");
    legend.replaceChildren();
    const shown = [...new Set(places.map((p) => p.holders[0].actor))].sort();
    if (shown.length) legend.append(el("span", { class: "key" }, `holders at ${state.date}:`));
    for (const actor of shown) {
      const sw = el("span", { class: "swatch square" });
      sw.style.background = holderColor(actor);
      legend.append(el("span", { class: "key", title: actor }, sw, short(actor)));
    }
    const kinds = new Set(places.flatMap((p) => p.holders.map((h) =>
      (h.stale ? "stale" : h.inferred ? "inferred" : h.uncertain ? "uncertain" : "reported"))));
    if (kinds.has("inferred") || kinds.has("uncertain")) {
      legend.append(el("span", { class: "key", id: "legend-inferred" },
        el("span", { class: "swatch square dashed" }), "dashed: inferred or date uncertain"));
    }
    if (kinds.has("stale")) {
      const years = Math.round((state.stale_after_days || 730) / 365);
      legend.append(el("span", { class: "key", id: "legend-stale" },
        el("span", { class: "swatch square stale" }),
        `faded, "(stale)": no report has confirmed the holding in the ${years} years before ${state.date}`));
    }
  }

  // -- network -------------------------------------------------------------
  // Labels never overlap each other or a node: each tries right, left, above and
  // below its node; a label with no free place is hidden (its node's tooltip stays).
  function networkLabels(svgNode, nodes, w, h) {
    const placed = [];
    const circles = nodes.map((n) => ({ x: n.x - 8, y: n.y - 8, w: 16, h: 16 }));
    const hits = (a) => placed.some((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) ||
      circles.some((b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h);
    const labels = [...svgNode.querySelectorAll("g.node")];
    labels.sort((a, b) => a.__data__.y - b.__data__.y);
    for (const g of labels) {
      const n = g.__data__;
      const t = g.querySelector("text.node-label");
      const bw = t.getComputedTextLength() + 2;
      const bh = 13;
      const spots = [[9, 4, "start"], [-9, 4, "end"], [0, -11, "middle"], [0, 19, "middle"]];
      let done = false;
      for (const [dx, dy, anchor] of spots) {
        const x0 = anchor === "start" ? n.x + dx : anchor === "end" ? n.x + dx - bw : n.x - bw / 2;
        const box = { x: x0, y: n.y + dy - 10, w: bw, h: bh };
        if (box.x < 0 || box.x + box.w > w || box.y < 0 || box.y + box.h > h || hits(box)) continue;
        t.setAttribute("x", dx); t.setAttribute("y", dy); t.setAttribute("text-anchor", anchor);
        placed.push(box);
        done = true;
        break;
      }
      t.classList.toggle("crowded", !done);
    }
  }

  function activeActors(events) {
    const out = new Set();
    for (const ev of events || []) {
      for (const a of [ev.actor1, ev.actor2, ...(ev.assoc_actor_1 || []), ...(ev.assoc_actor_2 || [])]) if (a) out.add(a);
    }
    return out;
  }

  // By default only the relations of actors with events in the window (an edge shows
  // when one of its ends is active, so an active group's coalition stays); "all actors"
  // shows every relation in force at the date.
  function visibleGraph(graph) {
    if ($("#network-all").checked || !S.active) return graph;
    const edges = graph.edges.filter((e) => S.active.has(e.source) || S.active.has(e.target));
    const names = new Set(edges.flatMap((e) => [e.source, e.target]));
    return { ...graph, nodes: graph.nodes.filter((n) => names.has(n.name)), edges };
  }

  function drawGraph(full) {
    const graph = visibleGraph(full);
    const box = $("#network");
    const w = Math.max(280, box.clientWidth || 400);
    const h = Math.max(300, Math.min(560, 80 + graph.nodes.length * 10));
    box.replaceChildren();
    const hidden = full.nodes.length - graph.nodes.length;
    $("#network-date").textContent = `at ${graph.date}: ${graph.nodes.length} actors, ${graph.edges.length} relations` +
      (hidden ? ` (${hidden} more without events in the window)` : "");
    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${w} ${h}`).attr("width", w).attr("height", h);
    svg.append("defs").append("marker").attr("id", "arrow").attr("viewBox", "0 -4 8 8").attr("refX", 16)
      .attr("markerWidth", 7).attr("markerHeight", 7).attr("orient", "auto")
      .append("path").attr("d", "M0,-4L8,0L0,4").attr("fill", "#555");
    if (!graph.nodes.length) {
      svg.append("text").attr("x", w / 2).attr("y", h / 2).attr("class", "empty")
        .attr("text-anchor", "middle").text(full.nodes.length ? "no relation of an actor active in the window"
          : "no relation known at this date");
      return;
    }
    // start from the previous positions so the picture does not jump between dates
    const nodes = graph.nodes.map((n) => ({ ...n, ...(S.nodePos.get(n.name) || {}) }));
    const links = graph.edges.map((e) => ({ ...e }));
    const sim = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).id((n) => n.name).distance(95))
      .force("charge", d3.forceManyBody().strength(-360))
      .force("center", d3.forceCenter(w / 2, h / 2))
      .force("collide", d3.forceCollide(34))
      .force("x", d3.forceX(w / 2).strength(0.05))
      .force("y", d3.forceY(h / 2).strength(0.08))
      .stop();
    for (let i = 0; i < 220; i++) {
      sim.tick();
      for (const n of nodes) { // keep inside the box while the layout settles, not after
        n.x = Math.max(24, Math.min(w - 140, n.x));
        n.y = Math.max(16, Math.min(h - 16, n.y));
      }
    }
    for (const n of nodes) S.nodePos.set(n.name, { x: n.x, y: n.y });
    const style = (e) => EDGE_KINDS[e.kind] || { color: "#aaa", dash: "1,3", label: e.kind };
    svg.append("g").selectAll("line").data(links).join("line")
      .attr("class", (e) => `edge kind-${e.kind}`).attr("data-kind", (e) => e.kind)
      .attr("x1", (e) => e.source.x).attr("y1", (e) => e.source.y)
      .attr("x2", (e) => e.target.x).attr("y2", (e) => e.target.y)
      .attr("stroke", (e) => style(e).color).attr("stroke-dasharray", (e) => style(e).dash)
      .attr("marker-end", (e) => (e.kind === "member" || e.kind === "merge" ? "url(#arrow)" : null))
      .attr("opacity", (e) => (e.uncertain ? 0.45 : 0.9))
      .append("title").text((e) => `${e.source.name} — ${style(e).label} — ${e.target.name}\n` +
        `${e.start_date || "?"} to ${e.end_date || "…"}${e.uncertain ? " (date uncertain)" : ""} [${e.basis || ""}]`);
    const node = svg.append("g").selectAll("g").data(nodes).join("g").attr("class", "node").attr("data-name", (n) => n.name)
      .attr("transform", (n) => `translate(${n.x},${n.y})`);
    node.append("circle").attr("r", 7).attr("fill", (n) => INTER_COLORS[n.inter || 0] || "#999");
    node.append("text").attr("class", "node-label").attr("x", 9).attr("y", 4)
      .text((n) => { const s = short(n.name); return s.length > 24 ? `${s.slice(0, 23)}…` : s; });
    networkLabels(svg.node(), nodes, w, h);
    node.append("title").text((n) => `${n.name}${n.kind ? ` (${n.kind})` : ""} — click to filter the events by it`);
    node.on("click", (e, n) => {
      $("#filters input[name='actor']").value = n.name;
      $("#filters").requestSubmit();
    });
  }

  // -- timeline --------------------------------------------------------------
  async function refreshStats() {
    try {
      S.stats = await api("/api/stats", filterValues());
      drawTimeline();
    } catch (err) {
      showError(err.message);
    }
  }

  function drawTimeline() {
    const box = $("#timeline");
    box.replaceChildren();
    if (!S.stats || !S.first) return;
    const w = Math.max(320, box.clientWidth || 900), h = 200, m = { l: 36, r: 44, t: 20, b: 22 };
    const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${w} ${h}`).attr("width", w).attr("height", h);
    const months = d3.utcMonths(d3.utcMonth.floor(S.first), d3.utcMonth.offset(d3.utcMonth.floor(S.last), 1));
    const types = Object.keys(TYPE_COLORS);
    const byMonth = new Map(months.map((d) => [iso(d).slice(0, 7), { month: d, fatalities: 0 }]));
    for (const r of S.stats.months) {
      const row = byMonth.get(r.month);
      if (!row) continue;
      const key = types.includes(r.event_type) ? r.event_type : "other";
      row[key] = (row[key] || 0) + r.events;
      row.fatalities += r.fatalities;
    }
    const rows = [...byMonth.values()];
    const keys = [...types, "other"];
    const stacked = d3.stack().keys(keys).value((d, k) => d[k] || 0)(rows);
    const x = d3.scaleUtc().domain([S.first, S.last]).range([m.l, w - m.r]);
    const y = d3.scaleLinear().domain([0, d3.max(stacked.at(-1), (d) => d[1]) || 1]).nice().range([h - m.b, m.t]);
    const yf = d3.scaleLinear().domain([0, d3.max(rows, (d) => d.fatalities) || 1]).nice().range([h - m.b, m.t]);
    const bw = Math.max(1, (w - m.l - m.r) / Math.max(1, months.length) - 1);
    svg.append("g").attr("class", "window");
    svg.append("g").selectAll("g").data(stacked).join("g")
      .attr("fill", (s) => TYPE_COLORS[s.key] || OTHER_COLOR)
      .selectAll("rect").data((s) => s).join("rect")
      .attr("class", "bar").attr("x", (d) => x(d.data.month)).attr("width", bw)
      .attr("y", (d) => y(d[1])).attr("height", (d) => y(d[0]) - y(d[1]));
    svg.append("path").datum(rows).attr("class", "fatalities-line")
      .attr("d", d3.line().x((d) => x(d.month) + bw / 2).y((d) => yf(d.fatalities)));
    svg.append("g").attr("transform", `translate(0,${h - m.b})`).call(d3.axisBottom(x).ticks(Math.min(14, w / 70)));
    svg.append("g").attr("transform", `translate(${m.l},0)`).call(d3.axisLeft(y).ticks(Math.min(4, y.domain()[1])).tickFormat(d3.format("d")));
    svg.append("g").attr("transform", `translate(${w - m.r},0)`).call(d3.axisRight(yf).ticks(Math.min(4, yf.domain()[1])).tickFormat(d3.format("d")));
    svg.append("text").attr("class", "axis-label").attr("x", m.l + 4).attr("y", 11).text("events (bars)");
    svg.append("text").attr("class", "axis-label").attr("x", w - m.r + 4).attr("y", 11)
      .attr("text-anchor", "end").text("deaths (line)");
    // click the chart to move the slider there
    svg.append("rect").attr("class", "catch").attr("x", m.l).attr("y", 0).attr("width", w - m.l - m.r).attr("height", h)
      .on("click", (e) => setDate(x.invert(d3.pointer(e)[0])));
    S.timelineX = x; S.timelineH = h; S.timelineM = m;
    // events known only to the year: a hatched band across their year, not a made-up month
    const years = d3.rollups(S.stats.year_only, (rs) => d3.sum(rs, (r) => r.events), (r) => r.year);
    svg.append("g").attr("class", "year-only").selectAll("rect").data(years).join("rect")
      .attr("class", "year-band")
      .attr("x", ([y]) => Math.max(m.l, x(parseDay(`${y}-01-01`))))
      .attr("width", ([y]) => Math.max(2, Math.min(w - m.r, x(parseDay(`${y}-12-31`))) - Math.max(m.l, x(parseDay(`${y}-01-01`)))))
      .attr("y", h - m.b - 10).attr("height", 10)
      .append("title").text(([y, n]) => `${n} event(s) dated only to ${y}`);
    const yearOnly = d3.sum(S.stats.year_only, (r) => r.events);
    const undated = S.stats.undated || 0;
    $("#timeline-note").textContent = (yearOnly
      ? `${yearOnly} event(s) dated only to a year are not in the monthly bars (hatched band under their year).` : "") +
      (undated ? ` ${undated} event(s) have no known date and are not on the timeline or the map.` : "");
    markTimeline();
  }

  function markTimeline() {
    const x = S.timelineX;
    if (!x) return;
    const g = d3.select("#timeline svg g.window");
    g.selectAll("*").remove();
    const since = windowSince() ? parseDay(windowSince()) : S.first;
    g.append("rect").attr("class", "window-range").attr("x", x(since)).attr("y", 0)
      .attr("width", Math.max(2, x(S.date) - x(since))).attr("height", S.timelineH - S.timelineM.b);
    g.append("line").attr("class", "window-date").attr("x1", x(S.date)).attr("x2", x(S.date))
      .attr("y1", 0).attr("y2", S.timelineH - S.timelineM.b);
  }

  // -- table -------------------------------------------------------------------
  function tableParams() {
    const p = { ...filterValues() };
    if ($("#table-window").checked) { p.since = windowSince(); p.until = iso(S.date); }
    return p;
  }

  async function updateTable() {
    const params = tableParams();
    const res = await api("/api/events", { ...params, limit: PAGE_SIZE, offset: S.page * PAGE_SIZE });
    S.total = res.total;
    const body = $("#events-table tbody");
    body.replaceChildren();
    for (const ev of res.events) {
      const row = el("tr", { "data-event-id": ev.event_id, tabindex: 0 },
        el("td", {}, ev.event_date || "unknown"), el("td", {}, ev.event_type), el("td", {}, ev.sub_event_type),
        el("td", {}, ev.actor1), el("td", {}, ev.actor2), el("td", {}, ev.location),
        el("td", {}, ev.country), el("td", { class: "num" }, ev.fatalities ?? ""),
        el("td", {}, PRECISION_WORDS[ev.geo_precision] || "unlocated"));
      row.addEventListener("click", () => showEvent(ev.event_id));
      row.addEventListener("keydown", (e) => { if (e.key === "Enter") showEvent(ev.event_id); });
      body.append(row);
    }
    const from = res.total ? S.page * PAGE_SIZE + 1 : 0;
    $("#table-count").textContent = `${from}–${S.page * PAGE_SIZE + res.events.length} of ${res.total}`;
    $("#prev").disabled = S.page === 0;
    $("#next").disabled = (S.page + 1) * PAGE_SIZE >= res.total;
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) qs.set(k, v);
    qs.set("format", "csv"); qs.set("limit", "100000");
    $("#csv").setAttribute("href", `/api/events?${qs}`);
  }

  // -- source text -----------------------------------------------------------
  // Offsets from the server count code points (Python); JS strings index UTF-16 units.
  // Characters outside the BMP (two units) shift them, so map when the text has any.
  function codePointIndex(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
    const units = [];
    let u = 0;
    for (const ch of text) { units.push(u); u += ch.length; }
    units.push(u);
    return (i) => units[Math.max(0, Math.min(i, units.length - 1))];
  }

  async function documentText(id) {
    if (!S.docs.has(id)) {
      S.docs.set(id, api(`/api/documents/${encodeURIComponent(id)}`).then((r) => {
        r.document.unit = codePointIndex(r.document.text);
        return r.document;
      }));
    }
    return S.docs.get(id);
  }

  function sectionAround(doc, start) {
    let best = null;
    for (const s of doc.sections || []) {
      if (s.start_char <= start && start < s.end_char && (!best || s.level >= best.level)) best = s;
    }
    return best;
  }

  async function showEvent(id) {
    let ev;
    try {
      ev = (await api(`/api/events/${encodeURIComponent(id)}`)).event;
    } catch (err) { showError(err.message); return; }
    for (const n of document.querySelectorAll(".selected")) n.classList.remove("selected");
    for (const n of document.querySelectorAll(`[data-event-id="${CSS.escape(id)}"]`)) n.classList.add("selected");
    $("#source-hint").hidden = true;
    const when = ev.date_end ? `${ev.event_date} to ${ev.date_end}` : (ev.event_date || "unknown (no date in the text, no publication date)");
    const deaths = ev.fatalities ?? (ev.fatalities_low ? `at least ${ev.fatalities_low}` : "none reported");
    const place = [ev.location, ev.admin1, ev.country].filter(Boolean).join(", ");
    const detail = $("#event-detail");
    detail.replaceChildren(
      el("h3", {}, `${ev.event_type} — ${ev.sub_event_type || ""}`),
      el("dl", {},
        el("dt", {}, "date"), el("dd", {}, `${when} (${ev.date_precision || "?"})`),
        el("dt", {}, "actors"), el("dd", {}, `${ev.actor1 || "?"} vs ${ev.actor2 || "—"}`),
        el("dt", {}, "place"), el("dd", {}, `${place || "unknown"} (${PRECISION_WORDS[ev.geo_precision] || "unlocated"})`),
        el("dt", {}, "deaths"), el("dd", {}, String(deaths)),
        el("dt", {}, "id"), el("dd", {}, ev.event_id)));
    const box = $("#passages");
    box.replaceChildren();
    for (const src of ev.sources) {
      let doc = null;
      try { doc = await documentText(src.doc_id); } catch (err) { /* the passage text below still shows */ }
      box.append(renderPassage(src, doc));
    }
    // scroll the passages box (not the page) so the first highlight shows under the details
    const mark = box.querySelector("mark");
    if (mark) box.scrollTop = Math.max(0, mark.offsetTop - 60); // #passages is the offsetParent
    // an event chosen in the table (below the fold) brings the Source panel into view
    const panel = $("#source").getBoundingClientRect();
    if (panel.top < 0 || panel.top > window.innerHeight - 80) $("#source").scrollIntoView({ block: "start" });
  }

  // The section around the passage, the passage itself in <mark>; all as text nodes.
  function renderPassage(src, doc) {
    const head = el("p", { class: "passage-head" }, `${src.doc_id} · ${src.section || "—"} · characters ${src.start_char}–${src.end_char}`);
    const text = el("div", { class: "passage-text" });
    if (doc && doc.text && src.text !== null) {
      const sec = sectionAround(doc, src.start_char);
      let from = sec ? sec.start_char : 0;
      let to = sec ? sec.end_char : doc.n_chars;
      if (src.start_char - from > 1500) from = src.start_char - 1500;
      if (to - src.end_char > 1500) to = src.end_char + 1500;
      const cut = (a, b) => doc.text.slice(doc.unit(a), doc.unit(b));
      text.append(
        (from > (sec ? sec.start_char : 0) ? "…" : "") + cut(from, src.start_char),
        el("mark", {}, cut(src.start_char, src.end_char)),
        cut(src.end_char, to) + (to < (sec ? sec.end_char : doc.n_chars) ? "…" : ""));
    } else {
      text.append(el("mark", {}, src.text || src.quote || "(passage not available)"));
    }
    return el("div", { class: "passage" }, head, text);
  }

  // -- legends ---------------------------------------------------------------
  function buildLegends() {
    const map = $("#map-legend");
    for (const [t, c] of Object.entries(TYPE_COLORS)) {
      const sw = el("span", { class: "swatch" });
      sw.style.background = c;
      map.append(el("span", { class: "key" }, sw, t));
    }
    map.append(el("span", { class: "key" }, el("span", { class: "swatch ring" }), "ring: near the place"),
      el("span", { class: "key" }, el("span", { class: "swatch hatch" }), "hatched: region-level only (listed below)"),
      el("span", { class: "key" }, el("span", { class: "swatch square" }), "square: holder at the date (dashed: inferred or uncertain; faded: stale; ? date uncertain)"),
      el("span", { class: "key" }, "size: deaths"));
    const net = $("#network-legend");
    for (const k of Object.values(EDGE_KINDS)) {
      const sw = el("span", { class: "line-swatch" });
      sw.style.borderTopColor = k.color;
      sw.style.borderTopStyle = k.dash ? "dashed" : "solid";
      net.append(el("span", { class: "key" }, sw, k.label));
    }
  }

  document.addEventListener("DOMContentLoaded", init);
})();
