/* The Wagtail admin for screen readers: a rich-text field's editable area is
   named by its field's label, the tag field's typing box likewise, and a link
   whose visible words differ from its aria-label gets its words in the name.
   Loaded on every admin page (home/wagtail_hooks.py). */
(function () {
  "use strict";
  function fieldLabel(element) {
    // The nearest label up the tree: a field's wrapper, else a block's heading.
    for (var node = element.parentElement, depth = 0; node && depth < 12; node = node.parentElement, depth++) {
      var label = node.querySelector(":scope > label, :scope > .w-field__label, :scope > .w-panel__header .w-panel__heading, :scope > [data-field-label]");
      if (label && label.textContent.trim()) return label.textContent.replace("*", "").trim();
    }
    return element.getAttribute("placeholder") || "Text";
  }
  function fix(root) {
    root.querySelectorAll('[role="textbox"][contenteditable="true"]').forEach(function (box) {
      if (!box.getAttribute("aria-label") && !box.getAttribute("aria-labelledby")) {
        var text = fieldLabel(box);
        if (text) box.setAttribute("aria-label", text);
      }
    });
    root.querySelectorAll("input.ui-autocomplete-input").forEach(function (input) {
      if (!input.getAttribute("aria-label")) {
        var text = fieldLabel(input);
        if (text) input.setAttribute("aria-label", text);
      }
    });
    root.querySelectorAll("a[aria-label], button[aria-label]").forEach(function (link) {
      var words = link.textContent.trim();
      if (words && link.getAttribute("aria-label").indexOf(words) === -1) {
        link.setAttribute("aria-label", words + ": " + link.getAttribute("aria-label"));
      }
    });
  }
  function run() { fix(document); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", run); else run();
  new MutationObserver(function () { fix(document); }).observe(document.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ["role"] });
})();
