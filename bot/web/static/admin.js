// The admin pages' live touches; every page works without them.
// - Texts: as the owner types, each wording's preview (the sample customer), its SMS count and a warning naming any
//   character outside GSM-7, computed as bot/core/texts.py does (render, segments, non_gsm), from the alphabet and
//   sample the page hands over in #texts-config.
// - Board & API: copy buttons for the board link and a new token; those fields select whole on focus.
(function () {
  "use strict";

  // --- texts --------------------------------------------------------------------------------------

  function fmt(text, vars) {
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(vars, key) ? vars[key] : whole;
    });
  }

  // Python's str.format over a template: "{{" and "}}" are braces, "{name}" a value (unknown: empty, as texts.py's
  // _Blank). null when the template can't be filled (a lone brace): the server then sends the default wording.
  function fill(template, sample) {
    var out = "";
    var parts = template.split(/(\{\{|\}\}|\{[^{}]*\}|[{}])/);
    for (var i = 0; i < parts.length; i += 1) {
      var part = parts[i];
      if (part === "{{") { out += "{"; } else if (part === "}}") { out += "}"; } else if (part === "{" || part === "}") {
        return null;
      } else if (part.charAt(0) === "{" && part.length > 1) {
        var name = part.slice(1, -1);
        if (!/^[A-Za-z_]\w*$/.test(name)) { return null; }
        out += Object.prototype.hasOwnProperty.call(sample, name) ? String(sample[name]) : "";
      } else {
        out += part;
      }
    }
    return out;
  }

  // texts.py _render's tidying: white space folded, no space before "." or ",", "Marie L.." → "Marie L.".
  function tidy(text) {
    text = text.split(/\s+/).filter(Boolean).join(" ");
    text = text.split(" .").join(".").split(" ,").join(",");
    return text.replace(/(^|[^\wÀ-ÿ])([A-ZÀ-Ý])\.\.(?!\.)/g, "$1$2.").trim();
  }

  function textsPage(config) {
    var basic = new Set(Array.from(config.gsm7));
    var extended = new Set(Array.from(config.gsm7_extended));
    var t = config.strings;

    function nonGsm(text) {
      var seen = [];
      Array.from(text).forEach(function (ch) {
        if (!basic.has(ch) && !extended.has(ch) && seen.indexOf(ch) === -1) { seen.push(ch); }
      });
      return seen;
    }

    // As texts.segments: GSM-7 (an extended character takes two) 160 a segment, 153 once split; else UCS-2 in UTF-16
    // code units (an emoji takes two), 70 a segment, 67 once split.
    function segments(text, ucs2) {
      var units;
      if (!ucs2) {
        units = Array.from(text).reduce(function (n, ch) { return n + (extended.has(ch) ? 2 : 1); }, 0);
        return units <= 160 ? 1 : Math.ceil(units / 153);
      }
      units = text.length;
      return units <= 70 ? 1 : Math.ceil(units / 67);
    }

    // As character_names in bot/web/admin/texts.py: a letter as itself, anything else with its code point.
    function names(chars) {
      return chars.map(function (ch) {
        var shown = fmt(t.quoted, { ch: ch });
        if (/[\p{L}\p{N}]/u.test(ch)) { return shown; }
        return shown + " (U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0") + ")";
      }).join(", ");
    }

    function update(box) {
      var wording = box.closest(".wording");
      var defaultText = box.dataset.default;
      var typed = box.value.trim() ? box.value : defaultText;
      var filled = fill(typed, config.sample);
      var shown = tidy(filled === null ? fill(defaultText, config.sample) : filled);
      var odd = nonGsm(shown);
      var n = segments(shown, odd.length > 0);
      var count = Array.from(shown).length;
      wording.querySelector("[data-preview]").textContent = shown;
      wording.querySelector("[data-sms-count]").textContent =
        n === 1 ? fmt(t.sms_one, { units: count }) : fmt(t.sms_many, { units: count, n: n });
      var warning = wording.querySelector("[data-ucs2]");
      warning.hidden = odd.length === 0;
      warning.textContent = odd.length ? fmt(t.ucs2_warning, { chars: names(odd) }) : "";
    }

    document.querySelectorAll(".wording textarea[data-default]").forEach(function (box) {
      box.addEventListener("input", function () { update(box); });
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
