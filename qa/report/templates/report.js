(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("qa-data").textContent);
  var COL = { doc: 0, para: 1, lang: 2, score: 3, labels: 4, chars: 5 };
  var rows = data.rows;
  var tbody = document.getElementById("rows");
  var trs = Array.prototype.slice.call(tbody.querySelectorAll("tr[data-i]"));
  var table = document.getElementById("paragraphs");
  var status = document.getElementById("status");
  var empty = document.getElementById("empty");
  var form = document.getElementById("filters");
  var fLabel = document.getElementById("f-label");
  var fLang = document.getElementById("f-lang");
  var fDoc = document.getElementById("f-doc");
  var fMin = document.getElementById("f-min");
  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  var state = { key: "score", dir: "descending" };

  function rowOf(tr) { return rows[Number(tr.getAttribute("data-i"))]; }

  function compare(key, a, b) {
    var x = a[COL[key]], y = b[COL[key]];
    if (typeof x === "number") { return x - y; }
    return collator.compare(String(x), String(y));
  }

  function sortBy(key, dir) {
    var sign = dir === "ascending" ? 1 : -1;
    var sorted = trs.slice().sort(function (ta, tb) {
      var a = rowOf(ta), b = rowOf(tb);
      var c = sign * compare(key, a, b);
      if (c === 0 && key !== "score") { c = compare("score", b, a); }
      if (c === 0) { c = Number(ta.getAttribute("data-i")) - Number(tb.getAttribute("data-i")); }
      return c;
    });
    var frag = document.createDocumentFragment();
    sorted.forEach(function (tr) { frag.appendChild(tr); });
    tbody.appendChild(frag);
    state.key = key;
    state.dir = dir;
    Array.prototype.forEach.call(table.querySelectorAll("thead th[data-key]"), function (th) {
      if (th.getAttribute("data-key") === key) { th.setAttribute("aria-sort", dir); }
      else { th.removeAttribute("aria-sort"); }
    });
  }

  function matches(row) {
    var label = fLabel.value, lang = fLang.value, doc = fDoc.value;
    var min = parseFloat(fMin.value);
    var labels = row[COL.labels];
    if (label === "*" && labels.length === 0) { return false; }
    if (label === "-" && labels.length !== 0) { return false; }
    if (label && label !== "*" && label !== "-" && labels.indexOf(label) < 0) { return false; }
    if (lang && row[COL.lang] !== lang) { return false; }
    if (doc && row[COL.doc] !== doc) { return false; }
    if (!isNaN(min) && row[COL.score] < min) { return false; }
    return true;
  }

  function applyFilters() {
    var shown = 0;
    trs.forEach(function (tr) {
      var ok = matches(rowOf(tr));
      tr.hidden = !ok;
      if (ok) { shown += 1; }
    });
    status.textContent = "Showing " + shown.toLocaleString("en") + " of " +
      trs.length.toLocaleString("en") + " paragraphs.";
    empty.hidden = shown !== 0;
  }

  Array.prototype.forEach.call(table.querySelectorAll("thead th[data-key] button"), function (btn) {
    btn.addEventListener("click", function () {
      var key = btn.parentNode.getAttribute("data-key");
      var dir;
      if (state.key === key) { dir = state.dir === "ascending" ? "descending" : "ascending"; }
      else { dir = key === "score" ? "descending" : "ascending"; }
      sortBy(key, dir);
    });
  });
  [fLabel, fLang, fDoc, fMin].forEach(function (el) {
    el.addEventListener("input", applyFilters);
    el.addEventListener("change", applyFilters);
  });
  form.addEventListener("submit", function (ev) { ev.preventDefault(); applyFilters(); });
  form.addEventListener("reset", function () { window.setTimeout(applyFilters, 0); });
  Array.prototype.forEach.call(document.querySelectorAll("a.doc-link"), function (a) {
    a.addEventListener("click", function () {
      fDoc.value = a.getAttribute("data-doc");
      fLabel.value = "";
      fLang.value = "";
      fMin.value = "0";
      applyFilters();
    });
  });
  applyFilters();
}());
