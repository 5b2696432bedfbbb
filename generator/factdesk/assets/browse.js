// factdesk browse page: filter the server-rendered table by rating, topic, claimant and
// words, sort by date, and keep the state in the URL so a filtered view can be shared.
// Without JavaScript the full table still works.
(function () {
  "use strict";
  var table = document.getElementById("fd-browse");
  var form = document.getElementById("fd-filters");
  if (!table || !form) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("fd-count");
  var keys = ["rating", "topic", "claimant", "q", "sort"];

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    keys.forEach(function (key) {
      var field = form.elements[key];
      field.value = params.get(key) || (key === "sort" ? "new" : "");
      if (field.value === "" && key === "sort") { field.value = "new"; }
    });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    keys.forEach(function (key) {
      var value = form.elements[key].value;
      if (value && !(key === "sort" && value === "new")) { params.set(key, value); }
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(null, "", url);
  }

  function matches(row, want) {
    if (want.rating && row.dataset.rating !== want.rating) { return false; }
    if (want.topic && (" " + row.dataset.topics + " ").indexOf(" " + want.topic + " ") < 0) { return false; }
    if (want.claimant && row.dataset.claimant !== want.claimant) { return false; }
    return want.words.every(function (word) { return row.dataset.text.indexOf(word) >= 0; });
  }

  function apply() {
    var want = {
      rating: form.elements.rating.value,
      topic: form.elements.topic.value,
      claimant: form.elements.claimant.value,
      words: form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean)
    };
    var order = form.elements.sort.value === "old" ? 1 : -1;
    var sorted = rows.slice().sort(function (a, b) {
      var x = a.dataset.date, y = b.dataset.date;
      return x === y ? 0 : (x < y ? -order : order);
    });
    var shown = 0;
    sorted.forEach(function (row) {
      var ok = matches(row, want);
      row.hidden = !ok;
      if (ok) { shown += 1; }
      body.appendChild(row);
    });
    count.textContent = shown + " of " + rows.length + " fact-checks";
    writeUrl();
  }

  form.hidden = false;
  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  readUrl();
  apply();
}());
