"""Check the failure catalogue's code sources against local git mirrors of the upstream repos.

    python tools/check_failure_sources.py --mirrors <dir> [--area <name>]

`<dir>` holds bare or normal git repositories named `<owner>+<repo>/repo` (or `<owner>+<repo>`).
For every entry whose `source.code` names a mirrored repository, it checks that the file exists
at the cited ref and that every text marked verified has its longest literal part (the text
between `<placeholders>`) in one of the entry's cited files. It prints what it could not
confirm and exits non-zero if anything failed; repositories with no mirror are listed as
skipped. Run it when entries are added; it needs the mirrors, so the test suite does not.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from macros.loading import load_all
from macros.models.failures import all_entries

SOURCE = re.compile(r"^(?P<repo>[\w.-]+/[\w.-]+)@(?P<ref>[\w.\-/]+?):(?P<path>\S+)$")
PLACEHOLDER = re.compile(r"<[a-z][a-z0-9-]*>")


def mirror_of(mirrors: Path, repo: str) -> Path | None:
    for candidate in (mirrors / repo.replace("/", "+") / "repo", mirrors / repo.replace("/", "+")):
        if candidate.is_dir():
            return candidate
    return None


def show(git_dir: Path, ref: str, path: str) -> str | None:
    result = subprocess.run(["git", "-C", str(git_dir), "show", f"{ref}:{path}"], capture_output=True)
    return result.stdout.decode("utf-8", "replace") if result.returncode == 0 else None


# Where a printed line joins what the code writes in one call to what a logger or a caller adds:
# placeholders, `: ` (Go's error wrapping), `key=value` pairs (hclog, logr) and quotes.
_JOINS = re.compile(r"<[a-z][a-z0-9-]*>|: |\s\w+=|[\"'`{}]|\s\|\s")


def literal(text: str) -> str:
    """The longest part of a text that one format string in the code prints as is."""
    parts = [p.strip(" *:.,") for p in _JOINS.split(text)]
    return max(parts, key=len)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirrors", type=Path, required=True)
    parser.add_argument("--area")
    args = parser.parse_args()
    catalogue = load_all().failures
    failed = skipped = checked = 0
    for area, _, entry in all_entries(catalogue):
        if args.area and area != args.area:
            continue
        bodies: list[str] = []
        for source in entry.source.code:
            match = SOURCE.match(source)
            if not match:
                continue
            git_dir = mirror_of(args.mirrors, match["repo"])
            if git_dir is None:
                skipped += 1
                continue
            body = show(git_dir, match["ref"], match["path"])
            checked += 1
            if body is None:
                failed += 1
                print(f"{area}/{entry.id}: {source}: no such file at that ref")
            else:
                bodies.append(body)
        if not bodies:
            continue
        for text in entry.texts:
            if not text.verified:
                continue
            part = literal(text.text)
            if len(part) >= 8 and not any(part in body for body in bodies):
                failed += 1
                print(f"{area}/{entry.id}: {part!r} not found in the cited files")
    print(f"{checked} sources checked, {skipped} on repositories without a mirror, {failed} problems")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
