"""Drive Material's search box the way a person does: click into it, type, read the results.

Shared by tests/browser/ and tools/bench.py; needs the `test` extra (playwright). PROBE (an init script, added to the
browser context before any page loads) wraps the search worker and counts the queries sent to it
and the results it returns; results are read only once every query typed has been answered, the
list has changed since the last answer arrived and then stopped changing, so a result for a
half-typed query is never taken for the answer to the whole one, however slow the machine. The
wait runs in the page (no round trip per check), so a query costs about what the search costs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page

# Material's SearchMessageType: SETUP=0, READY=1, QUERY=2, RESULT=3.
# Also wraps a Worker assigned later: the offline bundle's iframe-worker shim replaces
# window.Worker under file://, after this script has run.
PROBE = """(() => {
  if (window.__vohProbe) return;
  window.__vohProbe = true; window.__vohSent = 0; window.__vohAnswered = 0; window.__vohAnsweredAt = 0;
  const wrap = (Base) => {
    if (!Base || Base.__voh) return Base;
    class Probed extends Base {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
          const type = event.data && event.data.type;
          if (type === 1 && window.__vohReady === undefined) window.__vohReady = performance.now();
          // Stamped before Material's own listener (added after this constructor) renders it.
          if (type === 3) { window.__vohAnswered += 1; window.__vohAnsweredAt = performance.now(); }
        });
      }
      postMessage(message, ...rest) {
        if (message && message.type === 2) window.__vohSent += 1;
        return super.postMessage(message, ...rest);
      }
    }
    Probed.__voh = true;
    return Probed;
  };
  let current = wrap(window.Worker);
  Object.defineProperty(window, 'Worker', {
    configurable: true, get: () => current, set: (value) => { current = wrap(value); },
  });
})();"""
INPUT = "input.md-search__input"
RESULT_LINKS = "li.md-search-result__item > a.md-search-result__link"
META = ".md-search-result__meta"
# Before anything is cleared: whether the probe is in, and whether the box already has the focus
# (a person clicks into it once, then keeps typing there).
STATE = ("[!!(window.Worker && window.Worker.__voh === true),"
         f" document.activeElement === document.querySelector({json.dumps(INPUT)})]")
# Installed before typing: records when the result list last changed, and how many queries had
# been sent, so the wait below needs one sent after this point.
WATCH = """() => {
  const target = document.querySelector('.md-search-result');
  const input = document.querySelector('input.md-search__input');
  window.__vohLastChange = 0;
  window.__vohLastKey = performance.now();
  window.__vohSentBefore = window.__vohSent;
  if (window.__vohObserver) window.__vohObserver.disconnect();
  window.__vohObserver = new MutationObserver(() => { window.__vohLastChange = performance.now(); });
  window.__vohObserver.observe(target, {childList: true, subtree: true, characterData: true});
  if (!window.__vohKeyListener) {
    window.__vohKeyListener = () => { window.__vohLastKey = performance.now(); };
    input.addEventListener('input', window.__vohKeyListener);
  }
}"""
# Settled: a query was sent after WATCH, every query sent has been answered, the result list
# changed after the last keystroke and after (or with) the last answer, and it has been quiet for
# quietMs since (Material renders a long list's tail in chunks as it scrolls into view).
SETTLED = """(quietMs) => window.__vohSent > window.__vohSentBefore
  && window.__vohAnswered >= window.__vohSent
  && window.__vohLastChange > window.__vohLastKey
  && window.__vohLastChange >= window.__vohAnsweredAt
  && performance.now() - window.__vohLastChange > quietMs"""


# Every result link with its score, grouped by page as Material renders them: the page's link
# first, then its sections (the best ones shown, the rest folded under "more").
# Read in one round trip with the timestamps and the RESULT_LINKS in page order.
RANKED = """() => ({
  lastChange: window.__vohLastChange, lastKey: window.__vohLastKey,
  hrefs: Array.from(document.querySelectorAll(RESULT_LINKS), a => a.href),
  groups: Array.from(document.querySelectorAll('li.md-search-result__item')).map(item =>
    Array.from(item.querySelectorAll('a.md-search-result__link')).map(a => [a.href,
      parseFloat(a.querySelector('article').getAttribute('data-md-score'))])),
})""".replace("RESULT_LINKS", json.dumps(RESULT_LINKS))


PASTE = """(text) => {
  const input = document.querySelector('input.md-search__input');
  const data = new DataTransfer();
  data.setData('text/plain', text);
  const event = new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true});
  input.dispatchEvent(event);
  return event.defaultPrevented;
}"""


@dataclass
class SearchResult:
    pages: list[str]  # site-relative paths of the result pages, best first
    keystroke_to_results_ms: float  # last keystroke to the last change of the result list
    # Site-relative locations (`page/` or `page/#anchor`), best first: groups in Material's
    # order, and within a group by score, so a page's best section comes before a weak page hit.
    locations: list[str]


def search(
    page: Page, base_url: str, query: str, quiet_ms: int = 30, timeout_ms: int = 15000, key_delay_ms: int = 15,
    paste: bool = False,
) -> SearchResult:
    """Type (or, with `paste`, paste) `query` into the search box of a page loaded with PROBE;
    return the result pages and locations. A paste is one input followed by a key release,
    which is what Material listens for."""
    probed, focused = page.evaluate(STATE)
    if not probed:
        raise RuntimeError("add search.PROBE to the browser context (add_init_script) before loading the page")
    if not focused:
        page.click(INPUT)
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.evaluate(WATCH)
    if paste:
        # A real paste event, so the site's own paste handling runs; where nothing handles it, the
        # browser's default (inserting the text) is done here, followed by the key release
        # Material listens for.
        handled = page.evaluate(PASTE, query)
        if not handled:
            page.keyboard.insert_text(query)
            page.keyboard.press("End")
    else:
        page.keyboard.type(query, delay=key_delay_ms)
    page.wait_for_function(SETTLED, arg=quiet_ms, timeout=timeout_ms, polling=10)
    read = page.evaluate(RANKED)
    last_change, last_key, hrefs, groups = read["lastChange"], read["lastKey"], read["hrefs"], read["groups"]
    locations = [
        location_path(base_url, href)
        for group in groups
        for href, _ in sorted(group, key=lambda link: -link[1])
    ]
    return SearchResult(
        pages=[site_path(base_url, href) for href in hrefs],
        keystroke_to_results_ms=last_change - last_key,
        locations=list(dict.fromkeys(locations)),
    )


def location_path(base_url: str, href: str) -> str:
    """'http://127.0.0.1:8000/troubleshooting/x/?h=a#y' -> 'troubleshooting/x/#y'."""
    fragment = urlsplit(href).fragment
    return site_path(base_url, href) + (f"#{fragment}" if fragment else "")


def site_path(base_url: str, href: str) -> str:
    """'http://127.0.0.1:8000/troubleshooting/x/#y' -> 'troubleshooting/x/' (file:// too)."""
    absolute = urljoin(base_url, href)
    path = urlsplit(absolute).path
    base_path = urlsplit(base_url).path
    rel = path[len(base_path):] if path.startswith(base_path) else path.lstrip("/")
    return rel.removesuffix("index.html")
