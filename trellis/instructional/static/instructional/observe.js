// The live observation page: a running clock, notes saved as they are typed, tallies stamped with
// the clock. Loaded as a file (the Content-Security-Policy allows no inline script).
//
// Nothing typed is lost: every note waits in an outbox (kept in localStorage, so a reload or a
// closed tab keeps it) until the server has answered 2xx for the text last typed; failures are
// retried every few seconds. Each note carries an id made here when it is begun, and the server
// keeps one note per id, so a retried save never writes twice.
"use strict";

(function () {
  var root = document.getElementById("observe");
  if (!root) return;
  var visit = root.dataset.visit;
  var notesUrl = root.dataset.notesUrl;
  // The words it shows come translated from the page (data-say-*), English when absent.
  function word(key, english) { return root.dataset[key] || english; }
  var clockKey = "trellis-observe-clock-" + visit;
  var outboxKey = "trellis-observe-outbox-" + visit;
  var clock = document.getElementById("clock");
  var toggle = document.getElementById("clock-toggle");
  var text = document.getElementById("note-text");
  var at = document.getElementById("note-at");
  var next = document.getElementById("note-next");
  var status = document.getElementById("note-status");

  function newId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  // -- the clock: elapsed seconds survive a reload; paused time does not count ----------------
  function load(key, fallback) {
    try { return JSON.parse(localStorage.getItem(key)) || fallback; } catch (e) { return fallback; }
  }
  function store(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  var state = load(clockKey, { startedAt: Date.now(), pausedAt: null });
  store(clockKey, state);
  function seconds() {
    var now = state.pausedAt || Date.now();
    return Math.max(0, Math.floor((now - state.startedAt) / 1000));
  }
  function format(s) {
    var m = Math.floor(s / 60), r = s % 60;
    return (m < 10 ? "0" : "") + m + ":" + (r < 10 ? "0" : "") + r;
  }
  function parse(value) {
    var m = /^\s*(\d+):([0-5]\d)\s*$/.exec(value || "");
    return m ? parseInt(m[1], 10) * 60 + parseInt(m[2], 10) : null;
  }
  function tick() {
    clock.textContent = format(seconds());
    toggle.textContent = state.pausedAt ? word("sayResume", "Resume") : word("sayPause", "Pause");
  }
  toggle.addEventListener("click", function () {
    if (state.pausedAt) { state.startedAt += Date.now() - state.pausedAt; state.pausedAt = null; }
    else { state.pausedAt = Date.now(); }
    store(clockKey, state);
    tick();
  });
  setInterval(tick, 1000);
  tick();

  // -- notes: the outbox ----------------------------------------------------------------------
  var outbox = load(outboxKey, {});
  var current = null; // the id of the note being typed
  var timer = null, retry = null, sending = false;

  function csrf() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; } catch (e) { return ""; }
  }
  function say(message) { status.textContent = message; }

  function flush() {
    clearTimeout(timer);
    if (sending) return;
    var ids = Object.keys(outbox);
    if (!ids.length) { say(word("saySaved", "All notes saved")); return; }
    var id = ids[0], note = outbox[id];
    var body = new FormData();
    body.append("client_id", id);
    body.append("at_seconds", note.at);
    body.append("text", note.text);
    sending = true;
    say(word("saySaving", "Saving…"));
    fetch(notesUrl, { method: "POST", body: body, credentials: "same-origin", headers: { "X-CSRFToken": csrf() } })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        // only what was sent is done; text typed since waits for the next save
        if (outbox[id] && outbox[id].text === note.text) delete outbox[id];
        store(outboxKey, outbox);
        var list = document.getElementById("notes");
        if (list) { list.outerHTML = html; }
        sending = false;
        flush();
      })
      .catch(function () {
        sending = false;
        say(word("sayRetrying", "Not saved yet: retrying"));
        clearTimeout(retry);
        retry = setTimeout(flush, 3000);
      });
  }

  function begin() {
    current = newId();
    at.value = format(seconds());
  }
  function typed() {
    if (!current) begin();
    var when = parse(at.value);
    outbox[current] = { at: when === null ? seconds() : when, text: text.value };
    store(outboxKey, outbox);
    say(word("sayTyping", "Typing…"));
    clearTimeout(timer);
    timer = setTimeout(flush, 700);
  }
  function nextNote() {
    if (current && text.value.trim()) flush();
    current = null;
    text.value = "";
    at.value = "";
    text.focus();
  }
  text.addEventListener("input", typed);
  at.addEventListener("change", function () { if (current && outbox[current]) typed(); });
  text.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey) { event.preventDefault(); nextNote(); }
  });
  next.addEventListener("click", nextNote);
  window.addEventListener("online", flush);
  if (Object.keys(outbox).length) flush();

  // -- tallies: stamped with the clock, one id per sweep so a double submit counts once -------
  var tallyId = document.getElementById("tally-client-id");
  var tallyAt = document.getElementById("tally-at");
  if (tallyId) tallyId.value = newId();
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.elt.id !== "tally-form") return;
    event.detail.parameters.at_seconds = String(seconds());
    event.detail.parameters.client_id = tallyId.value;
  });
  // A refused rating or sweep (400) says why, naming the field; what was typed stays.
  var tallyStatus = document.getElementById("tally-status");
  document.addEventListener("htmx:beforeSwap", function (event) {
    var elt = event.detail.elt;
    if (event.detail.xhr.status !== 400 || !elt.classList) return;
    if (elt.classList.contains("rating")) {
      event.detail.shouldSwap = true;  // into the form's status: "Level: Rate ... with one of ..."
      event.detail.isError = false;
    } else if (elt.id === "tally-form" && tallyStatus) {
      event.detail.shouldSwap = false;
      tallyStatus.textContent = event.detail.xhr.responseText;
      tallyStatus.hidden = false;
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt.id === "tally-form" && event.detail.successful && tallyStatus) {
      tallyStatus.hidden = true;
      tallyStatus.textContent = "";
    }
    if (event.detail.elt.id === "tally-form" && event.detail.successful) {
      tallyId.value = newId();
      event.detail.elt.reset();
      tallyId.value = tallyId.value || newId();
    }
  });
})();
