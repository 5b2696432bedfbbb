// factdesk browse page. Without JavaScript it is a plain, paginated table. With it, the
// filters (rating, topic, claimant, words) and the sort work over every claim: the
// compact index api/browse.json is fetched when the reader turns to the filters (or on
// the first filter) and searched in memory.
// The filter is kept in the address, so a filtered view can be shared. Text from the
// index is only ever set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var table = document.getElementById("fd-browse");
  var form = document.getElementById("fd-filters");
  if (!table || !form) { return; }
  var PAGE = 100;
  var body = table.tBodies[0];
  var serverRows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("fd-count");
  var pager = document.getElementById("fd-pager");
  var more = document.getElementById("fd-more");
  var root = table.getAttribute("data-root");
  var keys = ["rating", "topic", "claimant", "q", "sort"];
  var data = null;
  var loading = null;
  var limit = PAGE;

  function load() {
    if (!loading) {
      loading = fetch(table.getAttribute("data-index"))
        .then(function (response) { return response.json(); })
        .then(function (index) {
          data = index.rows.map(function (row) {
            var claimant = index.claimants[row[3]];
            return {
              id: row[0], date: row[1], rating: index.ratings[row[2]] || "",
              claimant: claimant[0], claimantName: claimant[1],
              topics: row[4].map(function (t) { return index.topics[t]; }),
              claim: row[5],
              text: (row[5] + " " + claimant[1] + " " + row[6]).toLowerCase()
            };
          });
        });
    }
    return loading;
  }

  function wanted() {
    return {
      rating: form.elements.rating.value,
      topic: form.elements.topic.value,
      claimant: form.elements.claimant.value,
      words: form.elements.q.value.toLowerCase().split(/\s+/).filter(Boolean),
      old: form.elements.sort.value === "old"
    };
  }

  function active(want) {
    return want.rating || want.topic || want.claimant || want.words.length || want.old;
  }

  function matches(item, want) {
    if (want.rating && item.rating !== want.rating) { return false; }
    if (want.topic && item.topics.indexOf(want.topic) < 0) { return false; }
    if (want.claimant && item.claimant !== want.claimant) { return false; }
    return want.words.every(function (word) { return item.text.indexOf(word) >= 0; });
  }

  function link(href, text, className) {
    var a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = text;
    if (className) { a.className = className; }
    return a;
  }

  function badge(key) {
    var option = form.querySelector("select[name=rating] option[value='" + key + "']");
    var span = document.createElement("span");
    span.className = "fd-badge";
    span.setAttribute("data-rating", key);
    if (option) {
      span.style.setProperty("--fd-bg", option.getAttribute("data-bg"));
      span.style.setProperty("--fd-fg", option.getAttribute("data-fg"));
      span.textContent = option.textContent;
    } else {
      span.textContent = key;
    }
    return span;
  }

  function row(item) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-rating", item.rating);
    tr.setAttribute("data-topics", item.topics.join(" "));
    tr.setAttribute("data-claimant", item.claimant);
    tr.setAttribute("data-date", item.date);
    var cells = [document.createElement("td"), document.createElement("td"),
      document.createElement("td"), document.createElement("td"), document.createElement("td")];
    var time = document.createElement("time");
    time.setAttribute("datetime", item.date);
    time.textContent = item.date;
    cells[0].appendChild(time);
    cells[1].appendChild(link(root + "claims/" + encodeURIComponent(item.id) + "/", item.claim));
    cells[2].appendChild(link(root + "claimants/" + encodeURIComponent(item.claimant) + "/", item.claimantName));
    cells[3].appendChild(badge(item.rating));
    item.topics.forEach(function (topic, i) {
      if (i) { cells[4].appendChild(document.createTextNode(" ")); }
      cells[4].appendChild(link(root + "topics/" + encodeURIComponent(topic) + "/", topic, "fd-topic"));
    });
    cells.forEach(function (cell) { tr.appendChild(cell); });
    return tr;
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    keys.forEach(function (key) {
      form.elements[key].value = params.get(key) || (key === "sort" ? "new" : "");
      if (key === "sort" && !form.elements.sort.value) { form.elements.sort.value = "new"; }
    });
  }

  function writeUrl() {
    var params = new URLSearchParams();
    keys.forEach(function (key) {
      var value = form.elements[key].value;
      if (value && !(key === "sort" && value === "new")) { params.set(key, value); }
    });
    var query = params.toString();
    window.history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
  }

  function show(rows, text, paged) {
    var fragment = document.createDocumentFragment();
    rows.forEach(function (tr) { fragment.appendChild(tr); });
    body.replaceChildren(fragment);
    count.textContent = text;
    if (pager) { pager.hidden = !paged; }
  }

  function apply() {
    var want = wanted();
    writeUrl();
    if (!active(want)) {
      more.hidden = true;
      show(serverRows, serverRows.length + " fact-checks on this page", true);
      table.setAttribute("data-state", "page");
      return;
    }
    table.setAttribute("data-state", "loading");
    load().then(function () {
      var started = performance.now();
      var found = data.filter(function (item) { return matches(item, want); });
      if (want.old) { found.reverse(); }
      show(found.slice(0, limit).map(row), found.length + " of " + data.length + " fact-checks", false);
      more.hidden = found.length <= limit;
      table.setAttribute("data-filter-ms", (performance.now() - started).toFixed(1));
      table.setAttribute("data-state", "filtered");
    });
  }

  form.hidden = false;
  // A reader reaching for the filters will use them: fetch the index then, not on the
  // first change, so it is usually there when they have chosen. Readers who only page
  // through never download it.
  form.addEventListener("pointerover", load);
  form.addEventListener("focusin", load);
  form.addEventListener("input", function () { limit = PAGE; apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () { limit += PAGE; apply(); });
  readUrl();
  apply();
}());
