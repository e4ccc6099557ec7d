"""`python -m macros.check`: validate data/ without building the site."""

from __future__ import annotations

import sys

from .errors import DataError
from .loading import load_all


def main() -> int:
    try:
        load_all()
    except DataError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 1
    print("data/: all files valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
