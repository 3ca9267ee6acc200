/* A search box over a table (input[data-filter] names the table's id): a row stays when
   every word typed, folded, is in its data-keys (names folded by the workbench). */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("input[data-filter]"), function (input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    var count = document.getElementById(input.getAttribute("data-count"));
    if (!table || !table.tBodies[0]) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    function apply() {
      var words = fold(input.value).split(" ").filter(Boolean);
      var shown = 0;
      rows.forEach(function (row) {
        var keys = row.getAttribute("data-keys") || "";
        var keep = words.every(function (w) { return keys.indexOf(w) >= 0; });
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      if (count) count.textContent = words.length ? shown + " of " + rows.length + " members" : rows.length + " members";
    }
    input.addEventListener("input", apply);
    apply();
  });
})();
