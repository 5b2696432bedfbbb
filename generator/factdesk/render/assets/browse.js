// factdesk browse page. Without JavaScript it is a plain, paginated table. With it, the
// filters (rating, topic, claimant, words) and the sort work over every claim: the
// compact index api/browse.json is fetched when the reader turns to the filters (or on
// the first filter) and searched in memory.
// The filter is kept in the address, so a filtered view can be shared. Text from the
// index is only ever set with textContent, never parsed as HTML. The page gives this
// script everything about the site's layout (page size, URL patterns, the row skeleton):
// nothing here repeats it.
(function () {
  "use strict";
  var table = document.getElementById("fd-browse");
  var form = document.getElementById("fd-filters");
  var skeleton = document.getElementById("fd-row");
  var graphics = document.getElementById("fd-verdicts");
  if (!table || !form || !skeleton) { return; }
  var PAGE = parseInt(table.getAttribute("data-page-size"), 10);
  var URLS = JSON.parse(table.getAttribute("data-urls"));
  // The counts' words in the page's language, {n} {found} {total} where the numbers go.
  var WORDS = JSON.parse(table.getAttribute("data-words") || "{}");
  function say(key, fallback, values) {
    return (WORDS[key] || fallback).replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }
  var body = table.tBodies[0];
  var serverRows = Array.prototype.slice.call(body.rows);
  var count = document.getElementById("fd-count");
  var pager = document.getElementById("fd-pager");
  var more = document.getElementById("fd-more");
  var failure = document.getElementById("fd-error");
  var retry = document.getElementById("fd-retry");
  var keys = ["rating", "topic", "claimant", "q", "sort"];
  var data = null;
  var loading = null;
  var limit = PAGE;

  function load() {
    if (!loading) {
      loading = fetch(table.getAttribute("data-index"))
        .then(function (response) {
          if (!response.ok) { throw new Error("HTTP " + response.status); }
          return response.json();
        })
        .then(function (index) {
          data = index.rows.map(function (row) {
            var claimant = index.claimants[row[3]];
            return {
              id: row[0], date: row[1], rating: index.ratings[row[2]] || "",
              claimant: claimant[0], claimantName: claimant[1],
              topics: row[4].map(function (t) { return index.topics[t]; }),
              claim: row[5],
              // The claim's own date, where the index carries it (an 8th column).
              claimDate: row.length > 7 ? row[7] : "",
              text: (row[5] + " " + claimant[1] + " " + row[6]).toLowerCase()
            };
          });
        })
        .catch(function (error) {
          // Forget the failed attempt, so the next filter or "Try again" fetches anew.
          loading = null;
          throw error;
        });
    }
    return loading;
  }

  function url(kind, id) {
    return URLS[kind].replace("{id}", encodeURIComponent(id));
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

  // The verdict graphic the page drew for this rating; the rating's words otherwise.
  function verdict(key) {
    var drawn = null;
    Array.prototype.some.call(graphics ? graphics.content.children : [], function (svg) {
      if (svg.getAttribute("data-rating") === key) { drawn = svg; }
      return drawn !== null;
    });
    if (drawn) { return drawn.cloneNode(true); }
    var span = document.createElement("span");
    span.textContent = key;
    return span;
  }

  // What readers call a topic: the label of its option in the topic filter.
  function topicName(key) {
    var found = key;
    Array.prototype.some.call(form.elements.topic.options, function (option) {
      if (option.value === key) { found = option.textContent; }
      return found !== key;
    });
    return found;
  }

  // A row cloned from the page's skeleton, so it is drawn exactly as the server's rows.
  function row(item) {
    var tr = skeleton.content.firstElementChild.cloneNode(true);
    function slot(name) { return tr.querySelector("[data-slot=" + name + "]"); }
    tr.setAttribute("data-rating", item.rating);
    tr.setAttribute("data-topics", item.topics.join(" "));
    tr.setAttribute("data-claimant", item.claimant);
    tr.setAttribute("data-date", item.date);
    slot("date").setAttribute("datetime", item.date);
    slot("date").textContent = item.date;
    slot("claim-date").setAttribute("datetime", item.claimDate);
    slot("claim-date").textContent = item.claimDate || say("unknown", "unknown", {});
    slot("claim").setAttribute("href", url("claim", item.id));
    slot("claim").textContent = item.claim;
    slot("claimant").setAttribute("href", url("claimant", item.claimant));
    slot("claimant").textContent = item.claimantName;
    if (item.rating) { slot("rating").appendChild(verdict(item.rating)); }
    item.topics.forEach(function (topic, i) {
      var a = document.createElement("a");
      a.className = "fd-topic";
      a.setAttribute("href", url("topic", topic));
      a.textContent = topicName(topic);
      if (i) { slot("topics").appendChild(document.createTextNode(" ")); }
      slot("topics").appendChild(a);
    });
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
    failure.hidden = true;
    if (!active(want)) {
      more.hidden = true;
      show(serverRows, say("page", "{n} fact-checks on this page", { n: serverRows.length }), true);
      table.setAttribute("data-state", "page");
      return;
    }
    table.setAttribute("data-state", "loading");
    load().then(function () {
      var started = performance.now();
      var found = data.filter(function (item) { return matches(item, want); });
      if (want.old) { found.reverse(); }
      show(found.slice(0, limit).map(row),
           say("found", "{found} of {total} fact-checks", { found: found.length, total: data.length }), false);
      more.hidden = found.length <= limit;
      table.setAttribute("data-filter-ms", (performance.now() - started).toFixed(1));
      table.setAttribute("data-state", "filtered");
    }, function () {
      // The page's own rows stay; the reader is told and can try again.
      table.setAttribute("data-state", "error");
      count.textContent = "";
      failure.hidden = false;
    });
  }

  form.hidden = false;
  // A reader reaching for the filters will use them: fetch the index then, not on the
  // first change, so it is usually there when they have chosen. Readers who only page
  // through never download it.
  function prefetch() { load().catch(function () { /* shown when a filter needs it */ }); }
  form.addEventListener("pointerover", prefetch);
  form.addEventListener("focusin", prefetch);
  form.addEventListener("input", function () { limit = PAGE; apply(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  more.addEventListener("click", function () { limit += PAGE; apply(); });
  retry.addEventListener("click", apply);
  readUrl();
  apply();
}());
