// factdesk: the verdict graphic and label beside each fact-check in search results.
// Material's search dialog and Pagefind's find page draw their results from indexes of
// text; this script watches their result lists (they are drawn again on every keystroke)
// and adds, under each result that is a claim page, the rating's drawing from the site's
// sprite with its accessible name, and its label as text. What it reads (verdicts.json,
// written by render/verdict_search.py) is only ever set with textContent and
// setAttribute, never parsed as HTML.
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var MARK = "fd-search-verdict";
  var script = document.currentScript;
  if (!script || !window.MutationObserver || !window.fetch) { return; }
  var here = script.src;
  var ratings = null; // verdicts.json, once asked for
  var pages = null; // Material's dialog: claim page address -> rating key
  // The two UIs: where their results go, a result, its link, and what to put it after.
  var UIS = [
    {
      list: ".md-search-result__list", item: ".md-search-result__item",
      link: "a.md-search-result__link", after: "h1", rating: fromPages
    },
    {
      list: "#fd-find", item: ".pagefind-ui__result",
      link: "a.pagefind-ui__result-link", after: ".pagefind-ui__result-title",
      rating: fromPagefind
    }
  ];

  function getJSON(url) {
    return fetch(url).then(function (answer) {
      if (!answer.ok) { throw new Error(url + ": " + answer.status); }
      return answer.json();
    });
  }

  function loadRatings() {
    if (!ratings) {
      ratings = getJSON(new URL("verdicts.json", here).href);
    }
    return ratings;
  }

  // The address a result links to, without the query Material adds for highlighting or
  // the fragment of a section.
  function address(link) {
    var url = new URL(link.getAttribute("href") || "", document.baseURI);
    return url.origin + url.pathname;
  }

  function fromPages(link, data) {
    if (!pages) {
      var base = new URL(data.pages, here).href;
      pages = getJSON(base).then(function (byPage) {
        var root = new URL(data.root, here);
        var out = new Map();
        Object.keys(byPage).forEach(function (page) {
          var url = new URL(page, root);
          out.set(url.origin + url.pathname, byPage[page]);
        });
        return out;
      });
    }
    // Material groups a page's results in one item that leads with a link to the page
    // (or to its first section that matched): the page is what has the verdict.
    return pages.then(function (byAddress) { return byAddress.get(address(link)); });
  }

  // The find page's results carry the rating as Pagefind metadata; the page notes each
  // result's rating by its address as Pagefind hands it over (find.md.j2).
  function fromPagefind(link) {
    var noted = window.fdSearchRatings;
    return Promise.resolve(noted ? noted.get(address(link)) : undefined);
  }

  // The ratings in the page's language (<html lang>), else the desk's default language.
  function inPageLanguage(data) {
    var lang = document.documentElement.getAttribute("lang") || "";
    var others = data.languages || {};
    return Object.prototype.hasOwnProperty.call(others, lang) ? others[lang] : data.ratings;
  }

  function graphic(rating) {
    var box = document.createElement("span");
    box.className = MARK;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "fd-verdict-graphic fd-search-verdict-graphic");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", rating.name);
    svg.setAttribute("viewBox", "0 0 " + rating.width + " 28");
    svg.setAttribute("width", String(rating.width));
    svg.setAttribute("height", "28");
    var use = document.createElementNS(SVG, "use");
    use.setAttribute("href", new URL(rating.symbol, here).href);
    svg.appendChild(use);
    var label = document.createElement("span");
    label.className = "fd-search-verdict-label";
    // The drawing's name already says the label to a screen reader.
    label.setAttribute("aria-hidden", "true");
    label.textContent = rating.label;
    box.appendChild(svg);
    box.appendChild(label);
    return box;
  }

  // Put the verdict into one result, or take away one that no longer fits it (a list
  // that reuses its items for the next query's results).
  function decorate(ui, item, data) {
    var link = item.querySelector(ui.link);
    var old = item.querySelector("." + MARK);
    if (!link) { return; }
    var target = address(link);
    if (old && old.getAttribute("data-for") === target) { return; }
    ui.rating(link, data).then(function (key) {
      var now = item.querySelector("." + MARK);
      if (now && now.getAttribute("data-for") === target) { return; }
      if (now) { now.parentNode.removeChild(now); }
      var table = inPageLanguage(data);
      var rating = key !== undefined && Object.prototype.hasOwnProperty.call(table, key)
        ? table[key] : null;
      if (!rating || address(link) !== target) { return; }
      var box = graphic(rating);
      box.setAttribute("data-for", target);
      var after = item.querySelector(ui.after);
      if (after && after.parentNode) {
        after.parentNode.insertBefore(box, after.nextSibling);
      } else {
        link.appendChild(box);
      }
    }).catch(function () { /* no verdicts: the results still show their text */ });
  }

  function watch(ui) {
    var list = document.querySelector(ui.list);
    if (!list) { return; }
    var pending = false;
    function update() {
      pending = false;
      var items = list.querySelectorAll(ui.item);
      if (!items.length) { return; }
      loadRatings().then(function (data) {
        Array.prototype.forEach.call(items, function (item) { decorate(ui, item, data); });
      }).catch(function () { ratings = null; });
    }
    // Results are drawn item by item: one update per frame is enough.
    var observer = new MutationObserver(function () {
      if (!pending) {
        pending = true;
        window.requestAnimationFrame(update);
      }
    });
    observer.observe(list, { childList: true, subtree: true, attributes: true,
                             attributeFilter: ["href"] });
    update();
  }

  UIS.forEach(watch);
})();
