/* The activity explorer: builds one row per activity from the page's JSON data (text nodes
   only) and shows the rows every filled box matches, the boxes combining as
   helpers.find_activities's filters do. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var body = document.querySelector("table.explorer tbody");
  var found = document.getElementById("found");
  var box = function (id) { return document.getElementById(id); };
  var OUTCOME = /^(l\d+(a\d+(d\d+)?)?)$/;
  var CHALLENGE = /^(\d+\.\d+)\b/;

  function cell(tr, lines, cls) {
    var td = tr.insertCell();
    if (cls) td.className = cls;
    lines.forEach(function (text) {
      var div = document.createElement("div");
      div.textContent = text;
      td.appendChild(div);
    });
    return td;
  }
  function options(id, values) {
    var list = box(id);
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v;
      list.appendChild(o);
    });
  }
  function unique(values) {
    return values.filter(function (v, i) { return values.indexOf(v) === i; });
  }

  var rows = data.rows.map(function (r) {
    var people = r[4].map(function (i) { return data.people[i]; });
    var regions = unique(people.map(function (p) { return p[1]; }).filter(function (i) { return i >= 0; }));
    var codes = r[5].concat(r[6]).map(function (i) { return data.codes[i]; });
    var alliances = r[7].map(function (i) { return data.alliances[i]; });
    var tr = body.insertRow();
    if (!r[8]) tr.className = "out";
    cell(tr, [data.periods[r[0]][0]], "period");
    cell(tr, [r[2]], "dates").setAttribute("data-sort", r[1]);
    cell(tr, [r[3]]);
    cell(tr, people.map(function (p) { return p[0]; }));
    cell(tr, regions.map(function (i) { return data.regions[i]; }));
    var titled = function (c) { return c[1] ? c[0] + " " + c[1] : c[0] + " (not in the report's listing)"; };
    cell(tr, r[5].map(function (i) { return titled(data.codes[i]); }));
    cell(tr, r[6].map(function (i) { return titled(data.codes[i]); }));
    cell(tr, alliances.map(function (a) { return a[0]; }));
    var names = people.map(function (p) { return p[2]; }).join(" | ");
    return {
      tr: tr, period: r[0], people: people, regions: regions, codes: codes,
      alliances: alliances.map(function (a) { return a[1]; }).join(" | "),
      text: [r[9], names, alliances.map(function (a) { return a[1]; }).join(" "),
             codes.map(function (c) { return c[3]; }).join(" ")].join(" | ")
    };
  });

  options("l-member", data.people.map(function (p) { return p[0]; }).sort());
  options("l-code", data.codes.map(function (c) { return c[1] ? c[0] + " " + c[1] : c[0]; })
    .filter(function (v, i, all) { return all.indexOf(v) === i; }).sort());
  options("l-alliance", data.alliances.map(function (a) { return a[0]; }).sort());

  function words(query) {
    return fold(query).split(" ").filter(Boolean);
  }
  function every(query, haystack) {
    return words(query).every(function (w) { return haystack.indexOf(w) >= 0; });
  }
  /* A member box: the people one of whose spellings it folds to exactly (`Bruxelles` →
     Brussels); else those one of whose spellings holds it (a part of a name). */
  function member(query) {
    var q = fold(query);
    if (!q) return null;
    var exact = data.people.filter(function (p) { return p[2].split("|").indexOf(q) >= 0; });
    var match = exact.length
      ? function (p) { return exact.indexOf(p) >= 0; }
      : function (p) { return p[2].indexOf(q) >= 0; };
    return function (row) { return row.people.some(match); };
  }
  /* A code box: an outcome code matches its deliverables (`L2A2` → L2A2D3, not L2A21), a
     challenge code itself (`2.3`, or `2.3 Climate resilience`); other words, the titles. */
  function code(query) {
    var q = fold(query);
    if (!q) return null;
    var first = q.split(" ")[0];
    if (OUTCOME.test(first)) {
      return function (row) {
        return row.codes.some(function (c) {
          var k = c[0].toLowerCase();
          return c[2] === "o" && k.indexOf(first) === 0 && !/^\d/.test(k.slice(first.length));
        });
      };
    }
    var m = CHALLENGE.exec(query.trim());
    if (m) return function (row) { return row.codes.some(function (c) { return c[2] === "c" && c[0] === m[1]; }); };
    return function (row) { return row.codes.some(function (c) { return every(q, c[3]); }); };
  }

  function apply() {
    var tests = [];
    var text = box("f-text").value;
    if (words(text).length) tests.push(function (row) { return every(text, row.text); });
    var who = member(box("f-member").value);
    if (who) tests.push(who);
    var region = box("f-region").value;
    if (region) {
      var ri = data.regions.indexOf(region);
      tests.push(function (row) { return row.regions.indexOf(ri) >= 0; });
    }
    var what = code(box("f-code").value);
    if (what) tests.push(what);
    var alliance = box("f-alliance").value;
    if (words(alliance).length) tests.push(function (row) { return every(alliance, row.alliances); });
    var from = box("f-from").selectedIndex, to = box("f-to").selectedIndex;
    tests.push(function (row) { return row.period >= Math.min(from, to) && row.period <= Math.max(from, to); });
    var shown = 0;
    rows.forEach(function (row) {
      var keep = tests.every(function (t) { return t(row); });
      row.tr.hidden = !keep;
      if (keep) shown += 1;
    });
    found.textContent = shown === rows.length
      ? rows.length + " activities"
      : shown + " of " + rows.length + " activities match";
  }
  ["f-text", "f-member", "f-code", "f-alliance"].forEach(function (id) {
    box(id).addEventListener("input", apply);
  });
  ["f-region", "f-from", "f-to"].forEach(function (id) {
    box(id).addEventListener("change", apply);
  });
  apply();
})();
