#!/usr/bin/env bash
# Installs the programs the test suite needs beyond Python packages. Idempotent; called by
# `make test` (and so by .ci/run). Nothing here is skipped silently: a missing tool that cannot
# be installed stops with a message saying how to get it.
set -euo pipefail
cd "$(dirname "$0")/.."

tools_dir=.tools
mkdir -p "$tools_dir"

# promtool: from Debian's prometheus package, unpacked (not installed) so no service starts.
promtool="$tools_dir/prometheus/usr/bin/promtool"
if [ ! -x "$promtool" ] && ! command -v promtool >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    work=$(mktemp -d)
    if ! (cd "$work" && apt-get download prometheus >/dev/null 2>&1); then
      if [ "$(id -u)" = 0 ]; then apt-get update -qq >/dev/null; fi
      (cd "$work" && apt-get download prometheus >/dev/null)
    fi
    dpkg -x "$work"/prometheus_*.deb "$tools_dir/prometheus"
    rm -rf "$work"
  fi
  if [ ! -x "$promtool" ]; then
    echo "promtool is needed: install Debian's 'prometheus' package or put promtool on PATH" >&2
    exit 1
  fi
fi
