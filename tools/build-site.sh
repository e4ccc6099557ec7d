#!/usr/bin/env bash
# Strict build into a scratch folder, swapped in only on success, so a failed build never
# leaves a half-written site where the last good one was. Usage: tools/build-site.sh [site-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
site=${1:-site}
scratch="$site.new"
export NO_MKDOCS_2_WARNING=1
rm -rf "$scratch"
# The one strict build (macros/build.py: python -m mkdocs from this checkout, never -v).
if ! python3 -m macros.build --site-dir "$scratch"; then
  rm -rf "$scratch"
  echo "build failed: $site/ left as it was" >&2
  exit 1
fi
rm -rf "$site"
mv "$scratch" "$site"
