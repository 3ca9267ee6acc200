/* Say so when a table or chart is wider than the screen, or a long table taller than its box:
   a line above the box ("Scroll sideways …"), shown only while the box scrolls and written
   again when the window changes size. Offline, no library. */
(function () {
  "use strict";
  var boxes = document.querySelectorAll(".helpers-table, .chart-scroll");
  function cueOf(box) {
    var before = box.previousElementSibling;
    if (before && before.classList.contains("scroll-cue")) return before;
    var cue = document.createElement("p");
    cue.className = "scroll-cue";
    cue.hidden = true;
    box.parentNode.insertBefore(cue, box);
    return cue;
  }
  function update() {
    Array.prototype.forEach.call(boxes, function (box) {
      var cue = cueOf(box);
      var wide = box.scrollWidth > box.clientWidth + 1;
      var tall = box.scrollHeight > box.clientHeight + 1;
      var chart = box.classList.contains("chart-scroll");
      var text = "";
      if (wide) text = "Scroll sideways to see " + (chart ? "the whole chart" : "every column") + " \u2192";
      if (tall) text += (text ? "; scroll" : "Scroll") + " down inside the table to see every row \u2193";
      cue.textContent = text;
      cue.hidden = !text;
      box.classList.toggle("scrolls-x", wide);
    });
  }
  update();
  window.addEventListener("load", update);
  window.addEventListener("resize", update);
})();
