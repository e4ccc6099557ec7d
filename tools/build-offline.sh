#!/usr/bin/env bash
# Builds the offline bundle (mkdocs.offline.yml) and zips it. Usage: tools/build-offline.sh [zip]
# The zip holds one folder, vault-operations-handbook/, whose index.html opens from disk.
# A failed build leaves any previous zip untouched.
set -euo pipefail
cd "$(dirname "$0")/.."
zip_path=${1:-dist/vault-operations-handbook-offline.zip}
export NO_MKDOCS_2_WARNING=1

# The iframe-worker shim comes from the npm registry at the version package-lock.json pins;
# nothing from npm is committed. Reinstall when the lock file is newer than the install.
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is needed to build the offline bundle: install Node.js 18+ (Debian: apt-get install npm)" >&2
  exit 1
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bundle="$work/vault-operations-handbook"
# The one strict build (macros/build.py: python -m mkdocs from this checkout, never -v).
if ! python3 -m macros.build --config-file mkdocs.offline.yml --site-dir "$bundle"; then
  echo "offline build failed: $zip_path left as it was" >&2
  exit 1
fi
mkdir -p "$(dirname "$zip_path")"
python3 - "$work" "$zip_path.new" <<'PY'
import sys, zipfile
from pathlib import Path
root, out = Path(sys.argv[1]), sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
    for path in sorted(root.rglob("*")):
        if path.is_file():
            archive.write(path, path.relative_to(root).as_posix())
PY
mv "$zip_path.new" "$zip_path"
echo "offline bundle: $zip_path ($(du -h "$zip_path" | cut -f1)); unzip it and open vault-operations-handbook/index.html"
