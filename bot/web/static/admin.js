// The admin pages' live touches; every page works without them.
// - Texts: as the owner types, each wording's preview (the sample customer), its SMS count and the warning naming
//   any character that sends it as UCS-2. The server renders them (bot/core/texts.py, French typography and all):
//   this only asks, shortly after the typing pauses, and shows the latest answer.
// - Board & API: copy buttons for the board link and a new token; those fields select whole on focus.
(function () {
  "use strict";

  // A burst of keystrokes makes one request.
  var PAUSE_MS = 150;

  function textsPage(config) {
    document.querySelectorAll(".wording textarea[data-key]").forEach(function (box) {
      var wording = box.closest(".wording");
      var timer = null;
      var asked = 0;  // answers can come back out of order: only the latest question's is shown

      function show(answer) {
        wording.querySelector("[data-preview]").textContent = answer.preview;
        wording.querySelector("[data-sms-count]").textContent = answer.count;
        var warning = wording.querySelector("[data-ucs2]");
        warning.textContent = answer.warning;
        warning.hidden = !answer.warning;
      }

      function ask() {
        var question = ++asked;
        var query = new URLSearchParams({ lang: box.name, text: box.value });
        fetch(config.preview_urls[box.dataset.key] + "?" + query, {
          credentials: "same-origin", headers: { Accept: "application/json" }
        }).then(function (response) {
          return response.ok ? response.json() : Promise.reject(response.status);
        }).then(function (answer) {
          if (question === asked) { show(answer); }
        }, function () { /* signed out or offline: the last count stays; saving shows the server's */ });
      }

      box.addEventListener("input", function () {
        window.clearTimeout(timer);
        timer = window.setTimeout(ask, PAUSE_MS);
      });
    });
  }

  // --- copy fields --------------------------------------------------------------------------------

  function copyButtons() {
    document.querySelectorAll("input[data-select-all]").forEach(function (field) {
      field.addEventListener("focus", function () { field.select(); });
    });
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.dataset.copy);
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        field.focus();
        field.select();
        var copied = navigator.clipboard && window.isSecureContext
          ? navigator.clipboard.writeText(field.value)
          : Promise.resolve(document.execCommand("copy"));
        copied.then(function () {
          button.textContent = button.dataset.copied;
          window.setTimeout(function () { button.textContent = label; }, 2000);
        }, function () { /* the field stays selected: the browser's own copy works */ });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var texts = document.getElementById("texts-config");
    if (texts) { textsPage(JSON.parse(texts.textContent)); }
    copyButtons();
  });
})();
