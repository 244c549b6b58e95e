// Trellis's only script beside htmx: behaviour the Content-Security-Policy allows (no inline code, no eval).
"use strict";

// A language-insight panel sends the text of the field it watches (data-for="<field id>").
document.addEventListener("htmx:configRequest", function (event) {
  var panel = event.detail.elt;
  if (!panel.classList || !panel.classList.contains("language-panel")) return;
  var field = document.getElementById(panel.dataset.for);
  event.detail.parameters.text = field ? field.value : "";
});

// <input data-select-on-click> selects its text; <button data-copy="#id"> copies that field's value.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (target.matches && target.matches("[data-select-on-click]")) target.select();
  var button = target.closest && target.closest("[data-copy]");
  if (!button) return;
  var source = document.querySelector(button.dataset.copy);
  if (source && navigator.clipboard) {
    navigator.clipboard.writeText(source.value).then(function () { button.textContent = "Copied"; });
  }
});
