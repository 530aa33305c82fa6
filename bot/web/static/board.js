// The staff board: renders /board/<token>/state, refetches it on each server-sent "change" event,
// ticks waiting times every second, and posts claim / done / ready with the session's CSRF token.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("board-config").textContent);
  var t = config.strings;
  var LISTS = ["waiting", "claimed", "on_the_way", "done"];
  var EMPTY = { waiting: t.nobody_waiting, claimed: t.nobody_claimed, on_the_way: t.nobody_coming, done: t.nothing_done };

  var current = null;      // the last state fetched
  var fetchedAt = 0;       // when it was fetched (ms, this browser's clock): times tick from there
  var present = null;      // ids of handoffs at the store at the last fetch; null before the first
  var fetching = null;     // the fetch in flight, so bursts of events make one request
  var again = false;
  var audio = null;

  function fmt(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(vars, key) ? vars[key] : whole;
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function duration(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    if (seconds < 60) { return seconds + " s"; }
    var minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      var rest = seconds % 60;
      return minutes + " min " + (rest < 10 ? "0" : "") + rest + " s";
    }
    var m = minutes % 60;
    return Math.floor(minutes / 60) + " h " + (m < 10 ? "0" : "") + m;
  }

  function where(h) {
    if (h.location === "door") { return t.door; }
    if (h.spot) { return fmt(t.spot, { spot: h.spot }); }
    return h.photo ? t.spot_in_photo : t.no_spot;
  }

  function elapsed() { return (Date.now() - fetchedAt) / 1000; }

  function urgency(waited) {
    var limit = current.store.escalation_seconds;
    if (waited >= limit) { return "red"; }
    return waited >= limit / 2 ? "amber" : "ok";
  }

  function timeText(h, extra) {
    if (h.status === "on_the_way") {
      if (h.eta_seconds === null) { return t.eta_none; }
      var left = h.eta_seconds - extra;
      var minutes = Math.max(0, Math.round(Math.abs(left) / 60));
      return left >= 0 ? fmt(t.eta_in, { minutes: minutes }) : fmt(t.eta_late, { minutes: minutes });
    }
    if (h.waited_seconds === null) { return ""; }
    if (h.status === "done") { return fmt(t.waited_done, { time: duration(h.waited_seconds) }); }
    return fmt(t.waited, { time: duration(h.waited_seconds + extra) });
  }

  function button(label, cls, onClick, data) {
    var b = el("button", cls, label);
    b.type = "button";
    Object.keys(data || {}).forEach(function (k) { b.dataset[k] = data[k]; });
    b.addEventListener("click", function () { onClick(b); });
    return b;
  }

  function card(h) {
    var c = el("article", "card status-" + h.status);
    c.dataset.handoffId = h.id;
    c.dataset.status = h.status;
    if (h.status === "waiting") { c.classList.add("urgency-" + urgency(h.waited_seconds + elapsed())); }

    var head = el("div", "card-head");
    // Someone on the way has no spot yet: their card leads with when they are expected instead.
    var lead = el("span", "where", h.status === "on_the_way" ? timeText(h, elapsed()) : where(h));
    head.appendChild(lead);
    head.appendChild(el("span", "customer", h.customer));
    c.appendChild(head);

    var orders = el("div", "orders");
    h.orders.forEach(function (o) {
      var tag = el("span", "order" + (o.ready ? "" : " not-ready"), "#" + o.number);
      orders.appendChild(tag);
    });
    c.appendChild(orders);

    if (h.vehicle) { c.appendChild(el("div", "vehicle", h.vehicle)); }
    if (h.photo) {
      // The customer's picture of their car: tap for the full size.
      var link = el("a", "photo");
      link.href = h.photo;
      link.target = "_blank";
      link.rel = "noopener";
      var img = document.createElement("img");
      img.src = h.photo;
      img.alt = t.photo;
      img.loading = "lazy";
      link.appendChild(img);
      c.appendChild(link);
    }
    if (h.note) {
      var note = el("div", "note");
      var fr = config.lang === "fr";
      note.appendChild(el("strong", null, t.note + (fr ? " : " : ": ")));
      note.appendChild(document.createTextNode(fr ? "« " + h.note + " »" : "\u201c" + h.note + "\u201d"));
      c.appendChild(note);
    }
    if (h.status !== "done" && !h.orders_ready && h.status !== "on_the_way") {
      c.appendChild(el("div", "warning", t.not_ready));
    }
    if (h.unverified_phone && h.status !== "done") { c.appendChild(el("div", "warning", t.unverified)); }
    if (h.customer_opted_out && h.status !== "done") { c.appendChild(el("div", "warning", t.no_texts)); }

    if (h.status === "on_the_way") {
      lead.dataset.tick = "1";
    } else {
      var when = el("div", "when", timeText(h, elapsed()));
      when.dataset.tick = "1";
      c.appendChild(when);
    }
    // The wait the customer was told when they arrived: staff see the same figure.
    if ((h.status === "waiting" || h.status === "claimed") && h.wait_low !== null && h.wait_low !== undefined) {
      var told = h.wait_low === h.wait_high ? fmt(t.told_about, { low: h.wait_low })
        : fmt(t.told_range, { low: h.wait_low, high: h.wait_high });
      c.appendChild(el("div", "told", told));
    }
    if (h.status === "claimed") { c.appendChild(el("div", "taken", fmt(t.taken_by, { name: h.claimed_by }))); }
    if (h.status === "done" && h.claimed_by) { c.appendChild(el("div", "taken", fmt(t.closed_by, { name: h.claimed_by }))); }

    var actions = el("div", "actions");
    if (h.status === "waiting") {
      actions.appendChild(button(t.claim, "primary claim", function (b) { act(h.id, "claim", b); }, { action: "claim" }));
    }
    if (h.status === "waiting" || h.status === "claimed") {
      var mine = h.claimed_by_id === config.me.id;
      actions.appendChild(button(t.close, (h.status === "claimed" && mine ? "primary" : "secondary") + " close",
        function (b) { act(h.id, "done", b); }, { action: "done" }));
    }
    if (h.status !== "done") {
      h.orders.filter(function (o) { return !o.ready; }).forEach(function (o) {
        actions.appendChild(button(fmt(t.ready, { number: o.number }), "secondary ready",
          function (b) { markReady(o.number, b); }, { action: "ready", order: o.number }));
      });
    }
    if (actions.childNodes.length) { c.appendChild(actions); }
    c._handoff = h;
    return c;
  }

  function render(state, arrivals) {
    document.getElementById("paused").hidden = !state.store.paused;
    // What arriving customers are told while paused, so staff at the door say the same.
    var message = document.getElementById("pause-message");
    message.textContent = state.store.pause_message || "";
    message.hidden = !state.store.pause_message;
    LISTS.forEach(function (name) {
      var list = document.querySelector('[data-list="' + name + '"]');
      var rows = state[name];
      var nodes = rows.map(card);
      nodes.forEach(function (node) {
        if (arrivals.indexOf(node._handoff.id) !== -1) { node.classList.add("new"); }
      });
      if (!nodes.length) { nodes = [el("p", "empty", EMPTY[name])]; }
      list.replaceChildren.apply(list, nodes);
      document.querySelector('[data-count="' + name + '"]').textContent = rows.length;
    });
  }

  function tick() {
    if (!current) { return; }
    var extra = elapsed();
    document.querySelectorAll(".card").forEach(function (c) {
      var h = c._handoff;
      if (!h) { return; }
      var when = c.querySelector("[data-tick]");
      if (when) { when.textContent = timeText(h, extra); }
      if (h.status === "waiting" && h.waited_seconds !== null) {
        var level = urgency(h.waited_seconds + extra);
        ["ok", "amber", "red"].forEach(function (l) { c.classList.toggle("urgency-" + l, l === level); });
      }
    });
  }

  function announce(state, arrivals) {
    if (!arrivals.length) { return; }
    var names = state.waiting.filter(function (h) { return arrivals.indexOf(h.id) !== -1; })
      .map(function (h) { return h.customer + " · " + where(h); });
    var banner = document.getElementById("announce");
    banner.textContent = fmt(t.new_arrival, { customer: names.join(", ") });
    banner.hidden = false;
    document.body.classList.remove("flash");
    void document.body.offsetWidth;  // restart the animation when arrivals come back to back
    document.body.classList.add("flash");
    clearTimeout(announce.timer);
    announce.timer = setTimeout(function () {
      banner.hidden = true;
      document.body.classList.remove("flash");
    }, 8000);
    beep();
  }

  function fetchState() {
    if (fetching) { again = true; return fetching; }
    fetching = fetch(config.state_url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (r.status === 404 || r.status === 403) { window.location.reload(); }
        if (!r.ok) { throw new Error("state " + r.status); }
        return r.json();
      })
      .then(function (state) {
        var here = state.waiting.concat(state.claimed).map(function (h) { return h.id; });
        // An arrival is a handoff newly waiting at the store; the first load announces nothing.
        var arrivals = present === null ? [] : state.waiting.map(function (h) { return h.id; })
          .filter(function (id) { return present.indexOf(id) === -1; });
        present = here;
        current = state;
        fetchedAt = Date.now();
        render(state, arrivals);
        announce(state, arrivals);
        document.body.dataset.version = state.version;
      })
      .catch(function () { setConnection(false); })
      .then(function () {
        fetching = null;
        if (again) { again = false; fetchState(); }
      });
    return fetching;
  }

  function showReplies(texts, isError) {
    var box = document.getElementById("replies");
    texts.forEach(function (text) {
      var item = el("div", "reply" + (isError ? " error" : ""), text);
      box.appendChild(item);
      setTimeout(function () { item.remove(); }, 10000);
    });
  }

  function post(url, body, trigger) {
    if (trigger) { trigger.disabled = true; }
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": config.csrf },
      body: JSON.stringify(body || {})
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        if (!r.ok) { throw new Error(data.message || t.error); }
        showReplies(data.replies || []);
      });
    }).catch(function (err) {
      showReplies([err.message || t.error], true);
    }).then(function () {
      if (trigger) { trigger.disabled = false; }
      return fetchState();
    });
  }

  function act(id, action, trigger) {
    return post(config.page_url + "/handoffs/" + id + "/" + action, {}, trigger);
  }

  function markReady(number, trigger) {
    return post(config.page_url + "/ready", { number: number }, trigger);
  }

  // Browsers only let a page make sound after a tap; the button says whether that happened.
  function unlockSound() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) { return; }
    if (!audio) { audio = new Ctx(); }
    if (audio.state === "suspended") { audio.resume(); }
    var b = document.getElementById("sound");
    b.textContent = t.sound_on;
    b.setAttribute("aria-pressed", "true");
  }

  function beep() {
    if (!audio || audio.state !== "running") { return; }
    var start = audio.currentTime;
    [880, 1320].forEach(function (freq, i) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, start + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.4, start + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + i * 0.18 + 0.16);
      osc.connect(gain).connect(audio.destination);
      osc.start(start + i * 0.18);
      osc.stop(start + i * 0.18 + 0.17);
    });
  }

  function setConnection(live) {
    var node = document.getElementById("connection");
    node.textContent = live ? node.dataset.live : node.dataset.offline;
    node.classList.toggle("offline", !live);
    node.classList.toggle("live", live);
  }

  function listen() {
    if (!window.EventSource) { return; }
    var source = new EventSource(config.events_url);
    source.addEventListener("open", function () { setConnection(true); });
    source.addEventListener("change", function () { setConnection(true); fetchState(); });
    // The server ends each stream after a while; EventSource reconnects on its own after `retry`.
    source.addEventListener("error", function () { if (source.readyState !== 1) { setConnection(false); } });
  }

  document.getElementById("sound").addEventListener("click", unlockSound);
  document.addEventListener("pointerdown", unlockSound, { once: true });
  document.getElementById("ready-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = document.getElementById("ready-number");
    var number = input.value.trim().replace(/^#/, "");
    if (!number) { return; }
    markReady(number, event.submitter).then(function () { input.value = ""; });
  });

  fetchState();
  listen();
  setInterval(tick, 1000);
  // A slow safety net in case events are blocked by a proxy: refetch now and then regardless.
  setInterval(fetchState, 30000);
}());
