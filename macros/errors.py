"""The one error type a bad data file raises: file, key path, problem."""

from __future__ import annotations

from collections.abc import Sequence

try:  # MkDocs prints a PluginError as a one-line "Error: ..." instead of a traceback.
    from mkdocs.exceptions import PluginError as _Base
except ImportError:  # pragma: no cover - other builders (Zensical) or plain `python -m macros.check`
    _Base = Exception


def format_loc(loc: Sequence[str | int]) -> str:
    """Render a key path the way a reader writes it: alerts[3].critical."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


class DataError(_Base):
    """One or more problems in the data files, each naming file, key path and problem."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("invalid handbook data:\n  " + "\n  ".join(problems))
