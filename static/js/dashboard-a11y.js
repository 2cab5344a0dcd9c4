/* The shop dashboard (Oscar's templates) for screen readers: names the row
   checkboxes and quantity boxes Oscar leaves unnamed, and takes the tab list's
   items out of a list role they do not fit. Loaded by
   templates/oscar/dashboard/layout.html. */
(function () {
  "use strict";
  function rowName(input) {
    var row = input.closest("tr");
    var link = row && row.querySelector("a");
    return link ? link.textContent.trim() : input.value;
  }
  function name(selector, label) {
    document.querySelectorAll(selector).forEach(function (input) {
      if (!input.getAttribute("aria-label") && !(input.id && document.querySelector('label[for="' + input.id + '"]'))) {
        input.setAttribute("aria-label", label(input));
      }
    });
  }
  var lang = document.documentElement.lang || "de";
  var de = lang.indexOf("de") === 0;
  function fix() {
    name('input[name="select_all"]', function () { return de ? "Alle auswählen" : "Select all"; });
    name('input[type="checkbox"][name="selected_order"]', function (i) { return (de ? "Bestellung auswählen: " : "Select order: ") + rowName(i); });
    name('input[type="checkbox"][name="selected_line"]', function (i) { return (de ? "Position auswählen: " : "Select line: ") + rowName(i); });
    name('input[name^="selected_line_qty_"]', function (i) { return (de ? "Menge: " : "Quantity: ") + rowName(i); });
    name('input[type="checkbox"]', function (i) { return rowName(i); });
    document.querySelectorAll('[role="tablist"] > li').forEach(function (li) { li.setAttribute("role", "presentation"); });
    document.querySelectorAll('[role="tablist"] a[data-toggle="tab"]').forEach(function (tab) {
      tab.setAttribute("role", "tab");
      tab.setAttribute("aria-selected", tab.classList.contains("active") ? "true" : "false");
    });
  }
  // Oscar's own script adds controls (the "select all" box) once the page has
  // loaded: named as they appear.
  fix();
  new MutationObserver(fix).observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ["class"] });
})();
