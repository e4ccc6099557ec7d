/* Error lookup: match a pasted log line against every text of the failure catalogue.
 *
 * The catalogue is embedded in the error-index page as JSON (no fetch, so it works from file://
 * in the offline bundle). Matching is ours, not lunr's: a pasted line carries timestamps, log
 * levels, request IDs, addresses, pod names, JSON wrappers and gRPC prefixes that a full-text
 * engine treats as search terms. Here they are stripped, and each catalogue text is scored by
 * how much of it appears in the paste, in order, with its <placeholders> matching anything.
 *
 * The same file runs in the browser (window.vohErrorLookup) and under QuickJS in the unit tests
 * (globalThis.vohErrorLookup), so the tests exercise the code readers run.
 */
(function (root) {
  "use strict";

  // Fields that structured loggers (hclog JSON, logr/zap, klog) put the message and error in.
  var MESSAGE_KEYS = ["@message", "msg", "message", "error", "err", "@error", "desc", "reason"];
  // Words too common in log lines to tell two messages apart.
  var STOP = {};
  ("a an and are as at be but by for from has have if in into is it its no not of on or so " +
   "such that the their then there these they this to was will with").split(" ").forEach(function (w) {
    STOP[w] = true;
  });
  var NOISE = [
    /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?/g, // ISO timestamps
    /\b[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+\s+[\w.-]+:\d+\]/g,                   // klog header
    /\b\d{2}:\d{2}:\d{2}(?:\.\d+)?\b/g,                                               // bare times
    /\[(?:TRACE|DEBUG|INFO|WARN|WARNING|ERROR|ERR|FATAL)\]/gi,                         // hclog levels
    /\b(?:level|lvl|severity)=\w+/gi,
    /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi,             // UUIDs, request IDs
    /\b(?:\d{1,3}\.){3}\d{1,3}(?::\d+)?\b/g,                                          // IPv4 and port
    /\brpc error: code = \w+ desc = /gi,                                              // gRPC wrapper
  ];

  function unwrapJson(text) {
    var trimmed = text.trim();
    if (trimmed.charAt(0) !== "{") return text;
    try {
      var object = JSON.parse(trimmed);
      var parts = [];
      MESSAGE_KEYS.forEach(function (key) {
        if (typeof object[key] === "string") parts.push(object[key]);
      });
      return parts.length ? parts.join(" ") : text;
    } catch (e) {
      return text;
    }
  }

  // Lower-case words of a text; placeholders become null (they match any run of words).
  function tokens(text, keepPlaceholders) {
    var out = [];
    // Words split on every punctuation mark but ', so vault.core.unsealed, vault_core_unsealed and
    // a name with a placeholder inside (vault.<pod-name>.runtime) compare word by word.
    var re = /<[a-z][a-z0-9-]*>|[a-z0-9']+/gi;
    var match;
    while ((match = re.exec(text)) !== null) {
      var word = match[0];
      if (word.charAt(0) === "<") {
        if (keepPlaceholders) out.push(null);
        continue;
      }
      // Quotes around a word are not part of it ('<key-path>' is quoted, its value is not).
      word = word.toLowerCase().replace(/^'+|'+$/g, "");
      if (word && !STOP[word]) out.push(word);
    }
    return out;
  }

  function normalise(pasted) {
    var text = String(pasted).split(/\r?\n/).map(unwrapJson).join(" ");
    NOISE.forEach(function (re) { text = text.replace(re, " "); });
    return text;
  }

  // Weighted longest common subsequence of the text's words in the paste, placeholders skipped:
  // the summed weight of the text's words found in order.
  function inOrder(words, weights, pasteWords) {
    var previous = new Array(pasteWords.length + 1).fill(0);
    for (var i = 0; i < words.length; i++) {
      var current = new Array(pasteWords.length + 1).fill(0);
      for (var j = 0; j < pasteWords.length; j++) {
        current[j + 1] = words[i] === pasteWords[j]
          ? previous[j] + weights[i]
          : Math.max(previous[j + 1], current[j]);
      }
      previous = current;
    }
    return previous[pasteWords.length];
  }

  // How much a word tells texts apart: rare words in the catalogue weigh more than words like
  // "error", "failed" or "vault" that half the texts share (inverse document frequency).
  function weigher(catalogue) {
    var seen = {};
    catalogue.forEach(function (row) {
      var unique = {};
      tokens(normalise(row.text), false).forEach(function (w) { unique[w] = true; });
      Object.keys(unique).forEach(function (w) { seen[w] = (seen[w] || 0) + 1; });
    });
    var n = catalogue.length || 1;
    return function (word) { return Math.log(1 + n / (seen[word] || 1)); };
  }

  var cache = {catalogue: null, rows: null};
  function prepared(catalogue) {
    if (cache.catalogue === catalogue) return cache.rows;
    var weight = weigher(catalogue);
    cache.catalogue = catalogue;
    cache.rows = catalogue.map(function (row) {
      // The same noise stripped from the text as from a paste: an address or a time printed in
      // a catalogue text must not count against a paste that had it removed.
      var words = tokens(normalise(row.text), true).filter(function (w) { return w !== null; });
      return {row: row, words: words, weights: words.map(weight),
              total: words.map(weight).reduce(function (a, b) { return a + b; }, 0)};
    });
    return cache.rows;
  }

  /* catalogue: [{id, text, page, heading}], one row per printed text. Returns the best rows
   * (one per entry id), each with `score` in 0..1: the weighted share of the text's words found
   * in the paste in order. A text needs two of its words found (one, if it has only one) and
   * most of its weight, so a stray common word never makes a match. */
  function match(pasted, catalogue, limit) {
    var pasteWords = tokens(normalise(pasted), false);
    if (!pasteWords.length) return [];
    var present = {};
    pasteWords.forEach(function (w) { present[w] = true; });
    var best = {};
    prepared(catalogue).forEach(function (item) {
      if (!item.words.length) return;
      var hits = item.words.filter(function (w) { return present[w]; }).length;
      if (hits < Math.min(2, item.words.length)) return;
      var score = inOrder(item.words, item.weights, pasteWords) / item.total;
      if (score < 0.5) return;
      var row = item.row;
      var previous = best[row.id];
      if (!previous || score > previous.score) {
        best[row.id] = {id: row.id, text: row.text, page: row.page, heading: row.heading, score: score,
                        weight: item.total};
      }
    });
    // Of two texts matched as well, the one carrying more information is the more specific.
    return Object.keys(best).map(function (id) { return best[id]; })
      .sort(function (a, b) { return b.score - a.score || b.weight - a.weight; })
      .slice(0, limit || 5);
  }

  // A pasted line made fit for Material's search box: noise stripped as above, then every
  // character that lunr's query syntax would read as an operator (field `:`, `+`/`-` presence,
  // `~` fuzz, `^` boost, `*` wildcard, quotes for required phrases) becomes a space, and the words
  // are capped: a 200-word stack trace is not a better query than its first line.
  var MAX_SEARCH_WORDS = 32;
  function forSearch(pasted) {
    var text = normalise(pasted)
      .replace(/\b[a-z][a-z0-9+.-]*:\/\//gi, " ")                  // URL schemes
      // Pod and ReplicaSet names (web-7d9f8c6b5-x2k4l): the whole generated name, not only its
      // hash, or the dangling prefix matches whatever page has the most hyphenated words. The
      // suffixes use Kubernetes' vowel-free alphabet (rand.SafeEncodeString), so sha256 stays.
      .replace(/(^|\s|["'(])[a-z0-9][a-z0-9.-]*-(?=[bcdfghjklmnpqrstvwxz2456789]*\d)[bcdfghjklmnpqrstvwxz2456789]{5,10}(?:-[bcdfghjklmnpqrstvwxz2456789]{5})?(?=$|[\s"'),:;])/g, "$1 ")
      .replace(/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi, " ")  // hashes, hex IDs
      // Counts and ratios (0/1, 1, 2): only 3-digit numbers (403, 503, 8200) tell messages apart.
      .replace(/(^|\s)\d{1,2}(?:\/\d{1,2})?(?=$|[\s,.;:])/g, "$1 ")
      .replace(/[:"`+~^*(){}\[\]<>=,;|\\!?]/g, " ")
      .replace(/'(?![a-z])|(?<![a-z])'/gi, " ")                           // quotes, not couldn't
      .replace(/(^|\s)[-.\/]+/g, "$1");                               // leading dashes: flags
    // One-letter words (the s of key(s), a stray x) would carry Material's trailing wildcard and
    // match every word that starts with them.
    return text.split(/\s+/).filter(function (w) { return w.length > 1; }).slice(0, MAX_SEARCH_WORDS).join(" ");
  }

  var api = {match: match, normalise: normalise, tokens: tokens, forSearch: forSearch};
  root.vohErrorLookup = api;

  // The page: a textarea, results as links. Absent under QuickJS (no document).
  if (typeof document === "undefined") return;

  // The catalogue is the error index table on the same page: its links are MkDocs' own, so they
  // are right on the hosted site and in the offline bundle alike.
  function readCatalogue(table) {
    var rows = [];
    table.querySelectorAll("tbody tr[data-id]").forEach(function (tr) {
      var text = tr.querySelector('[data-field="text"] code');
      var link = tr.querySelector('[data-field="link"] a');
      if (!text || !link) return;
      rows.push({id: tr.getAttribute("data-entry"), text: text.textContent,
                 page: link.getAttribute("href"), heading: tr.getAttribute("data-heading") || text.textContent});
    });
    return rows;
  }

  function mount() {
    var form = document.getElementById("voh-error-lookup");
    var table = document.querySelector('table[data-table="error_index"]');
    if (!form || !table || form.getAttribute("data-mounted")) return;
    form.setAttribute("data-mounted", "true");
    var catalogue = readCatalogue(table);
    var input = form.querySelector("textarea");
    var output = form.querySelector("ol");
    var status = form.querySelector("[role=status]");
    function update() {
      var results = match(input.value, catalogue, 5);
      output.innerHTML = "";
      results.forEach(function (row) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = row.page;
        var code = document.createElement("code");
        code.textContent = row.heading;
        link.appendChild(code);
        item.appendChild(link);
        item.appendChild(document.createTextNode(" (" + Math.round(row.score * 100) + "% of its words found)"));
        output.appendChild(item);
      });
      status.textContent = input.value.trim()
        ? (results.length ? results.length + " matching entries" : "No catalogue text matches; try the search box.")
        : "";
    }
    input.addEventListener("input", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    if (input.value) update();
  }
  // Pasting into the search box: the search gets the cleaned line (the box shows what ran), and
  // when the paste holds a catalogue text (the lookup's match, most of its weight in order), that
  // entry is shown first in the result list as an exact match, above Material's own results.
  var PANEL_SCORE = 0.85;
  var PANEL_HITS = 2;
  var pending = [];

  function siteBase() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* default */ }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function exactItem(hit) {
    var item = document.createElement("li");
    item.className = "md-search-result__item voh-lookup-hit";
    var link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = new URL(hit.page, siteBase()).href;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    // Above every lunr score, so readers and tests alike see it first.
    article.setAttribute("data-md-score", "1000000");
    var heading = document.createElement("h2");
    var code = document.createElement("code");
    code.textContent = hit.heading;
    heading.appendChild(code);
    var note = document.createElement("p");
    note.textContent = "Exact match in the failure catalogue (" + Math.round(hit.score * 100) +
      "% of its words, in order).";
    article.appendChild(heading);
    article.appendChild(note);
    link.appendChild(article);
    item.appendChild(link);
    return item;
  }

  function showPending(list) {
    if (!pending.length || (list.firstElementChild && list.firstElementChild.classList.contains("voh-lookup-hit"))) {
      return;
    }
    var first = list.firstElementChild;
    pending.forEach(function (hit) { list.insertBefore(exactItem(hit), first); });
  }

  function mountSearchPaste() {
    var input = document.querySelector("input.md-search__input");
    var list = document.querySelector(".md-search-result__list");
    if (!input || input.getAttribute("data-voh-paste")) return;
    input.setAttribute("data-voh-paste", "true");
    if (list) {
      // Material empties and refills the list on every answer: put the match back on top.
      new MutationObserver(function () { showPending(list); }).observe(list, {childList: true});
    }
    input.addEventListener("keydown", function (event) {
      // Typing changes the query: the exact match belonged to the paste.
      if (event.key.length === 1 || event.key === "Backspace" || event.key === "Delete") pending = [];
    });
    input.addEventListener("paste", function (event) {
      var data = event.clipboardData && event.clipboardData.getData("text/plain");
      if (!data) return;
      event.preventDefault();
      var catalogue = root.vohErrorCatalogue || [];
      pending = match(data, catalogue, PANEL_HITS).filter(function (hit) { return hit.score >= PANEL_SCORE; });
      var cleaned = forSearch(data);
      var start = input.selectionStart || 0;
      var end = input.selectionEnd || 0;
      input.value = (input.value.slice(0, start) + cleaned + input.value.slice(end)).trim();
      // Material reads the box on keyup; a paste by mouse has none, so send one.
      input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
      if (list) showPending(list);
    });
  }

  function mountAll() { mount(); mountSearchPaste(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})(typeof window !== "undefined" ? window : globalThis);
