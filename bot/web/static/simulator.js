// The phone simulator: one card per phone with its thread (texts it sent, texts the bot sent it), kept
// current from /simulator/messages on each server-sent "change" event; sending goes through /simulator/send.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("sim-config").textContent);
  var t = config.strings;
  var storeId = config.store.id;
  var memory = "arrivee-sim-phones-" + storeId;  // the phones opened by hand, across reloads of this tab
  var opened = JSON.parse(sessionStorage.getItem(memory) || "[]");
  var people = {};
  var messages = [];
  var cards = {};
  var fetching = null;
  var again = false;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function fmt(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) { return key in vars ? vars[key] : whole; });
  }

  function clock(iso) {
    if (!iso) { return ""; }
    var d = new Date(iso);
    return d.toLocaleTimeString(config.lang === "fr" ? "fr-CA" : "en-CA", { hour: "2-digit", minute: "2-digit" });
  }

  function label(phone) {
    var p = people[phone];
    return p ? p.name : phone;
  }

  function open(phone) {
    if (opened.indexOf(phone) === -1) {
      opened.push(phone);
      sessionStorage.setItem(memory, JSON.stringify(opened));
    }
    render();
    var card = cards[phone];
    if (card) {
      card.querySelector("input").focus();
      card.scrollIntoView({ block: "nearest" });
    }
  }

  function renderPicks() {
    var box = document.getElementById("quick-picks");
    var buttons = Object.keys(people).map(function (phone) {
      var p = people[phone];
      var b = el("button", "pick secondary");
      b.type = "button";
      b.dataset.phone = phone;
      b.appendChild(el("span", "pick-name", p.name));
      b.appendChild(el("span", "pick-meta", (t.roles[p.role] || p.role) + (p.language ? " · " + p.language.toUpperCase() : "") + " · " + phone));
      b.addEventListener("click", function () { open(phone); });
      return b;
    });
    box.replaceChildren.apply(box, buttons);
  }

  function makeCard(phone) {
    var card = el("article", "phone");
    card.dataset.phone = phone;
    var head = el("header", "phone-head");
    head.appendChild(el("span", "phone-name"));
    head.appendChild(el("span", "phone-meta"));
    card.appendChild(head);
    card.appendChild(el("div", "thread"));
    var status = el("div", "phone-status");
    card.appendChild(status);
    var form = el("form", "compose");
    var input = el("input");
    input.type = "text";
    input.maxLength = 1600;
    input.placeholder = t.placeholder;
    input.setAttribute("aria-label", t.placeholder);
    input.autocomplete = "off";
    var send = el("button", "primary", t.send);
    send.type = "submit";
    form.appendChild(input);
    form.appendChild(send);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var body = input.value.trim();
      if (!body) { return; }
      send.disabled = true;
      post(phone, body, status).then(function (ok) {
        send.disabled = false;
        if (ok) { input.value = ""; }
        input.focus();
      });
    });
    card.appendChild(form);
    return card;
  }

  function render() {
    var byPhone = {};
    var order = [];
    messages.forEach(function (m) {
      if (!m.phone) { return; }
      if (!byPhone[m.phone]) { byPhone[m.phone] = []; order.push(m.phone); }
      byPhone[m.phone].push(m);
    });
    opened.forEach(function (phone) { if (order.indexOf(phone) === -1) { order.push(phone); byPhone[phone] = []; } });
    // A stable order (customers, then staff; each in order of appearance) so cards never jump while typing.
    function isStaff(phone) { return people[phone] && people[phone].role !== "customer" ? 1 : 0; }
    order = order.map(function (phone, i) { return [isStaff(phone), i, phone]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; })
      .map(function (entry) { return entry[2]; });
    var box = document.getElementById("phones");
    if (!order.length) { return; }
    var nodes = order.map(function (phone) {
      var card = cards[phone] || (cards[phone] = makeCard(phone));
      var p = people[phone];
      card.querySelector(".phone-name").textContent = label(phone);
      card.querySelector(".phone-meta").textContent = (p ? (t.roles[p.role] || p.role) + " · " : "") + phone;
      var thread = card.querySelector(".thread");
      var atBottom = thread.scrollHeight - thread.scrollTop - thread.clientHeight < 40;
      var bubbles = byPhone[phone].map(function (m) {
        // "in" is what this phone sent the store; "out" is what the bot sent this phone.
        var bubble = el("div", "bubble " + m.direction + " status-" + m.status);
        bubble.dataset.id = m.id;
        bubble.appendChild(el("div", "bubble-body", m.body));
        var meta = m.direction === "out" ? (t.status[m.status] || m.status) + " · " + clock(m.at) : clock(m.at);
        bubble.appendChild(el("div", "bubble-meta", meta));
        return bubble;
      });
      thread.replaceChildren.apply(thread, bubbles);
      if (atBottom) { thread.scrollTop = thread.scrollHeight; }
      return card;
    });
    box.replaceChildren.apply(box, nodes);
  }

  function refresh() {
    if (fetching) { again = true; return fetching; }
    fetching = fetch(config.messages_url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) { throw new Error(String(r.status)); } return r.json(); })
      .then(function (data) {
        people = {};
        data.people.forEach(function (p) { people[p.phone] = p; });
        messages = data.messages;
        renderPicks();
        render();
        document.body.dataset.lastMessage = messages.length ? messages[messages.length - 1].id : 0;
      })
      .catch(function () {})
      .then(function () {
        fetching = null;
        if (again) { again = false; refresh(); }
      });
    return fetching;
  }

  function post(phone, body, status) {
    var error = document.getElementById("sim-error");
    return fetch(config.send_url, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRF-Token": config.csrf },
      body: JSON.stringify({ store: storeId, from: phone, body: body })
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (data) {
        status.textContent = data.status ? fmt(t.webhook, { status: data.status }) : (data.message || r.status);
        error.hidden = r.ok;
        if (!r.ok) { error.textContent = data.message || String(r.status); }
        refresh();
        return r.ok;
      });
    }).catch(function (err) {
      error.textContent = String(err);
      error.hidden = false;
      return false;
    });
  }

  document.getElementById("other-phone").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = document.getElementById("other-number");
    var raw = input.value.trim();
    if (!raw) { return; }
    // Numbers are shown as the bot stores them (E.164); a North American 10-digit number gets its +1.
    var digits = raw.replace(/[^\d+]/g, "");
    if (digits.charAt(0) !== "+") { digits = (digits.length === 10 ? "+1" : "+") + digits; }
    input.value = "";
    open(digits);
  });

  function setConnection(live) {
    var node = document.getElementById("connection");
    node.classList.toggle("live", live);
    node.classList.toggle("offline", !live);
  }

  if (window.EventSource) {
    var source = new EventSource(config.events_url);
    source.addEventListener("open", function () { setConnection(true); });
    source.addEventListener("change", function () { setConnection(true); refresh(); });
    source.addEventListener("error", function () { if (source.readyState !== 1) { setConnection(false); } });
  }
  refresh();
  setInterval(refresh, 30000);
}());
