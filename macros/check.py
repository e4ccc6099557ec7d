"""`python -m macros.check`: validate data/ without building the site.

`python -m macros.check data/failures/<area>.yaml ...` checks only those failure files (shape
and the rules within them), for a writer drafting one area while others edit theirs.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .errors import DataError
from .loading import DOCS_DIR, load_all, load_failure_areas
from .models.failures import problems as failure_problems


def main(argv: list[str]) -> int:
    try:
        if argv:
            failures, problems = load_failure_areas([Path(a) for a in argv])
            if failures is not None:
                problems = [p for p in failure_problems("data/failures/", failures, DOCS_DIR)
                            if "no failure entry" not in p and "no data file" not in p]
            if problems:
                raise DataError(problems)
            count = sum(len(a.entries) for a in failures.areas.values()) if failures else 0
            print(f"{len(argv)} failure file(s) valid, {count} entries")
            return 0
        load_all()
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print("data/: all files valid")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
