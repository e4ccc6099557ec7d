#!/usr/bin/env bash
# Installs the programs the test suite needs beyond Python packages. Idempotent; called by
# `make test` (and so by .ci/run). Nothing here is skipped silently: a missing tool that cannot
# be installed stops with a message saying how to get it.
set -euo pipefail
cd "$(dirname "$0")/.."

tools_dir=.tools
mkdir -p "$tools_dir"

# promtool: from Debian's prometheus package, unpacked (not installed) so no service starts.
# The unpacked package is kept in the user's cache, one folder per package version, so another
# clone copies it instead of downloading it again (12 s on a fresh clone otherwise).
promtool="$tools_dir/prometheus/usr/bin/promtool"
if [ ! -x "$promtool" ] && ! command -v promtool >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    version=$(apt-cache policy prometheus 2>/dev/null | sed -n 's/^ *Candidate: *//p')
    cached="${XDG_CACHE_HOME:-$HOME/.cache}/vault-operations-handbook/prometheus_${version:-unknown}"
    if [ -z "$version" ] || [ "$version" = "(none)" ] || [ ! -x "$cached/usr/bin/promtool" ]; then
      work=$(mktemp -d)
      if ! (cd "$work" && apt-get download prometheus >/dev/null 2>&1); then
        if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null; fi
        (cd "$work" && apt-get download prometheus >/dev/null)
      fi
      dpkg -x "$work"/prometheus_*.deb "$work/unpacked"
      if [ -n "$version" ] && [ "$version" != "(none)" ] && mkdir -p "$(dirname "$cached")" 2>/dev/null; then
        rm -rf "$cached.new" && mv "$work/unpacked" "$cached.new" && rm -rf "$cached" && mv "$cached.new" "$cached"
      else
        cached="$work/unpacked"  # no cache to keep it in: use it from here, once
      fi
    fi
    rm -rf "$tools_dir/prometheus"
    # Hard links where the cache shares the file system (instant), else a copy.
    cp -al "$cached" "$tools_dir/prometheus" 2>/dev/null || { rm -rf "$tools_dir/prometheus"; cp -a "$cached" "$tools_dir/prometheus"; }
    if [ -n "${work:-}" ]; then rm -rf "$work"; fi
  fi
  if [ ! -x "$promtool" ]; then
    echo "promtool is needed: install Debian's 'prometheus' package or put promtool on PATH" >&2
    exit 1
  fi
fi

# Chromium for the browser tests (tests/browser) and `make bench`: the system browser, driven by
# Playwright with executable_path. Debian's package when we are root; otherwise say how to get one.
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1 \
    && ! command -v google-chrome >/dev/null 2>&1 && [ -z "${VOH_CHROMIUM:-}" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    if ! apt-get install -y -qq chromium >/dev/null 2>&1; then
      apt-get update -qq >/dev/null
      apt-get install -y -qq chromium >/dev/null
    fi
  elif ! ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium* >/dev/null 2>&1; then
    echo "Chromium is needed for the browser tests: as root, apt-get install chromium;" \
      "or run .venv/bin/playwright install chromium; or set VOH_CHROMIUM to a Chromium binary" >&2
    exit 1
  fi
fi

# npm, for the offline bundle's iframe-worker shim (package-lock.json); `make offline` runs npm ci.
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y -qq npm >/dev/null 2>&1 || { apt-get update -qq >/dev/null; apt-get install -y -qq npm >/dev/null; }
  else
    echo "npm is needed to build the offline bundle: install Node.js 18+ with npm" >&2
    exit 1
  fi
fi
