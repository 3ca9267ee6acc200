/* Sort any table.sortable on a header click (or Enter/Space); offline, no library.
   Cells may carry data-sort (ISO dates, numbers); missing values ("—") always sort last. */
(function () {
  "use strict";
  var MISSING = { "": true, "\u2014": true };
  function key(row, col) {
    var cell = row.cells[col];
    if (!cell) return "";
    var k = cell.getAttribute("data-sort");
    return k !== null ? k : cell.textContent.trim();
  }
  function isNumber(v) {
    return v !== "" && isFinite(Number(v));
  }
  function sortBy(table, col, th) {
    var body = table.tBodies[0];
    if (!body) return;
    var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
    Array.prototype.forEach.call(th.parentNode.cells, function (h) {
      h.removeAttribute("aria-sort");
    });
    th.setAttribute("aria-sort", dir);
    var rows = Array.prototype.map.call(body.rows, function (r, i) {
      return { row: r, pos: i, value: key(r, col) };
    });
    var numeric = rows.every(function (o) {
      return MISSING[o.value] || isNumber(o.value);
    });
    rows.sort(function (a, b) {
      var am = !!MISSING[a.value], bm = !!MISSING[b.value], c;
      if (am || bm) return am === bm ? a.pos - b.pos : am ? 1 : -1;
      c = numeric
        ? Number(a.value) - Number(b.value)
        : a.value.localeCompare(b.value, undefined, { numeric: true, sensitivity: "base" });
      if (dir === "descending") c = -c;
      return c || a.pos - b.pos;
    });
    rows.forEach(function (o) {
      body.appendChild(o.row);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
    var head = table.tHead;
    if (!head || !head.rows.length) return;
    var cells = head.rows[head.rows.length - 1].cells;
    Array.prototype.forEach.call(cells, function (th, col) {
      th.tabIndex = 0;
      th.classList.add("sort-header");
      th.title = "Sort by this column";
      th.addEventListener("click", function () {
        sortBy(table, col, th);
      });
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          sortBy(table, col, th);
        }
      });
    });
  });
})();
