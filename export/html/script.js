"use strict";
// stancematrix: sorting and filtering of the matrix, and the cells' notes
// and evidence in a dialog. The page reads in full without this script.
(function () {
  var table = document.getElementById("mx");
  var form = document.getElementById("controls");
  var dialog = document.getElementById("cell-dialog");
  if (!table || !form) { return; }
  form.hidden = false;
  var $ = function (id) { return document.getElementById(id); };
  var heads = Array.prototype.slice.call(table.querySelectorAll("thead th.party"));
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr.row"));
  var bodies = Array.prototype.slice.call(table.tBodies);
  var sortParty = -1, sortDir = 0;

  // The cells carry their party, stance and score for sorting and
  // filtering: the party from the column's header, the stance from the
  // colour class (s0, s1, …) and the score from the stance filter's options.
  var scoreOf = {};
  Array.prototype.forEach.call(document.querySelectorAll("#f-stance option[data-s]"), function (o) {
    scoreOf[o.value] = o.getAttribute("data-s");
  });
  var columns = heads.map(function (th) { return th.getAttribute("data-p"); });
  rows.forEach(function (r) {
    for (var j = 1; j < r.cells.length; j++) {
      var c = r.cells[j], m = /(?:^| )s(\d+)(?: |$)/.exec(c.className);
      var k = m ? m[1] : c.classList.contains("su") ? "u" : "-1";
      c.setAttribute("data-p", columns[j - 1]);
      c.setAttribute("data-k", k);
      if (scoreOf[k] !== undefined) { c.setAttribute("data-s", scoreOf[k]); }
    }
  });

  function cellOf(row, p) { return row.querySelector('td[data-p="' + p + '"]'); }

  // Sorting the issues by a party's stance: most supportive first, then
  // most opposed first, then as in the workbook.
  heads.forEach(function (th) {
    var b = document.createElement("button");
    b.type = "button";
    while (th.firstChild && !(th.firstChild.classList && th.firstChild.classList.contains("grp"))) {
      b.appendChild(th.firstChild);
    }
    th.insertBefore(b, th.firstChild);
    b.setAttribute("aria-describedby", "sort-help");
    th.setAttribute("aria-sort", "none");
    b.addEventListener("click", function () {
      var p = +th.getAttribute("data-p");
      if (sortParty !== p) { sortParty = p; sortDir = 1; } else { sortDir = (sortDir + 1) % 3; }
      if (sortDir === 0) { sortParty = -1; }
      sortRows();
    });
  });
  var help = document.createElement("span");
  help.id = "sort-help";
  help.className = "vh";
  help.textContent = "Sorts the issues by this party's stance";
  table.parentNode.appendChild(help);

  function key(row) {
    var c = cellOf(row, sortParty);
    if (!c) { return [3, 0]; }
    if (c.hasAttribute("data-s")) { return [0, -parseFloat(c.getAttribute("data-s"))]; }
    if (c.getAttribute("data-k") !== "-1") { return [1, 0]; }
    return [2, 0];
  }

  function sortRows() {
    heads.forEach(function (th) {
      var p = +th.getAttribute("data-p");
      th.setAttribute("aria-sort", p !== sortParty || sortDir === 0 ? "none" : sortDir === 1 ? "descending" : "ascending");
    });
    bodies.forEach(function (tb) {
      var rs = Array.prototype.slice.call(tb.querySelectorAll("tr.row"));
      rs.sort(function (a, b) {
        if (sortDir !== 0) {
          var ka = key(a), kb = key(b);
          if (ka[0] !== kb[0]) { return ka[0] - kb[0]; }
          if (ka[1] !== kb[1]) { return sortDir === 1 ? ka[1] - kb[1] : kb[1] - ka[1]; }
        }
        return +a.getAttribute("data-i") - +b.getAttribute("data-i");
      });
      rs.forEach(function (r) { tb.appendChild(r); });
    });
    status();
  }

  // Ordering the parties: as in the workbook, by similarity, or by
  // agreement with one party (that party first, unknown pairs last).
  function orderParties(v) {
    var idx = heads.map(function (th) { return +th.getAttribute("data-p"); });
    var rank = {};
    if (v === "sim") {
      heads.forEach(function (th) { rank[th.getAttribute("data-p")] = +th.getAttribute("data-sim"); });
    } else if (v !== "") {
      var ag = table.querySelector('th.party[data-p="' + v + '"]').getAttribute("data-agree").split(",");
      idx.forEach(function (p) {
        rank[p] = String(p) === v ? -2000 : ag[p] === "" ? 1 : -(+ag[p]);
      });
    } else {
      idx.forEach(function (p) { rank[p] = p; });
    }
    idx.sort(function (a, b) { return rank[a] - rank[b] || a - b; });
    var lines = [table.tHead.rows[0]].concat(rows);
    lines.forEach(function (tr) {
      idx.forEach(function (p) { tr.appendChild(tr.querySelector('[data-p="' + p + '"]')); });
    });
  }

  function filter() {
    var text = $("f-text").value.trim().toLowerCase();
    var cat = $("f-cat") ? $("f-cat").value : "";
    var party = $("f-party").value;
    var stance = $("f-stance").value;
    table.querySelectorAll("[data-p]").forEach(function (c) {
      c.classList.toggle("off", party !== "" && c.getAttribute("data-p") !== party);
    });
    rows.forEach(function (r) {
      var ok = !text || r.cells[0].textContent.toLowerCase().indexOf(text) >= 0;
      if (ok && cat) { ok = r.parentNode.getAttribute("data-cat") === cat; }
      if (ok && stance !== "") {
        var cs = party !== "" ? [cellOf(r, party)] : Array.prototype.slice.call(r.querySelectorAll("td"));
        ok = cs.some(function (c) { return c && c.getAttribute("data-k") === stance; });
      }
      r.hidden = !ok;
    });
    bodies.forEach(function (tb) { tb.hidden = !tb.querySelector("tr.row:not([hidden])"); });
    status();
  }

  function status() {
    var shown = rows.filter(function (r) { return !r.hidden; }).length;
    var msg = "Showing " + shown + " of " + rows.length + " issues";
    if (sortDir !== 0) {
      var th = table.querySelector('th.party[data-p="' + sortParty + '"]');
      msg += ", sorted by " + th.querySelector("button").textContent.trim() + (sortDir === 1 ? " (most supportive first)" : " (most opposed first)");
    }
    $("f-status").textContent = msg + ".";
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); });
  ["f-text", "f-cat", "f-party", "f-stance"].forEach(function (id) {
    var el = $(id);
    if (el) { el.addEventListener(el.tagName === "INPUT" ? "input" : "change", filter); }
  });
  $("f-order").addEventListener("change", function () { orderParties(this.value); });
  form.addEventListener("reset", function () {
    setTimeout(function () { sortParty = -1; sortDir = 0; orderParties(""); filter(); sortRows(); }, 0);
  });
  status();

  // A cell opens its note and evidence, the entry of "Issue by issue".
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var opener = null;
  table.addEventListener("click", function (e) {
    var a = e.target.closest("td > a");
    if (!a) { return; }
    var row = a.closest("tr"), td = a.closest("td");
    var id = "c-" + (+row.getAttribute("data-i") + 1) + "-" + (+td.getAttribute("data-p") + 1);
    var entry = document.getElementById(id);
    if (!entry) { return; }
    e.preventDefault();
    var th = table.querySelector('th.party[data-p="' + td.getAttribute("data-p") + '"]');
    var body = $("cell-dialog-body");
    body.textContent = "";
    var copy = entry.cloneNode(true);
    copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
    // Each citation brings its source along: name, speaker, date, link.
    copy.querySelectorAll("a.cite").forEach(function (c) {
      var src = document.getElementById(c.getAttribute("href").slice(1));
      if (!src) { return; }
      var p = document.createElement("p");
      p.className = "src";
      p.appendChild(document.createTextNode(c.textContent + " "));
      Array.prototype.forEach.call(src.childNodes, function (n) { p.appendChild(n.cloneNode(true)); });
      c.closest(".ev").appendChild(p);
    });
    while (copy.firstChild) { body.appendChild(copy.firstChild); }
    var name = th.getAttribute("title") || th.querySelector("bdi").textContent;
    $("cell-dialog-h").textContent = name + " on " + row.cells[0].textContent;
    var more = document.createElement("p");
    var link = document.createElement("a");
    link.href = "#" + id;
    link.textContent = "Go to the issue";
    link.addEventListener("click", function () { opener = null; dialog.close(); });
    more.appendChild(link);
    body.appendChild(more);
    opener = a;
    dialog.showModal();
  });
  $("cell-dialog-close").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (e) { if (e.target === dialog) { dialog.close(); } });
  dialog.addEventListener("close", function () { if (opener) { opener.focus(); opener = null; } });
})();
