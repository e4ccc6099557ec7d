"""YAML documents with the line of every key, for `file:line` findings.

The values are read with the handbook's own loader (macros/loading.py's UniqueKeyLoader, which
refuses a key given twice); the lines come from the same text composed into nodes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from ..loading import UniqueKeyLoader

Path = tuple[str | int, ...]


class YamlSyntaxError(Exception):
    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.line = line


@dataclass
class YamlDoc:
    value: Any
    lines: dict[Path, int] = field(default_factory=dict)  # key path -> line of the key (1-based)
    content_lines: dict[Path, int] = field(default_factory=dict)  # scalar path -> line its text starts on
    start: int = 1

    def line(self, path: Path) -> int:
        """The line of path, else of its nearest parent that has one, else the document start."""
        for end in range(len(path), 0, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return self.start


def _walk(node: yaml.Node, path: Path, doc: YamlDoc) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                continue
            child = (*path, key_node.value)
            doc.lines.setdefault(child, key_node.start_mark.line + 1)
            _walk(value_node, child, doc)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            doc.lines.setdefault(child, item.start_mark.line + 1)
            _walk(item, child, doc)
    elif isinstance(node, yaml.ScalarNode):
        # A block scalar (`config: |`) starts on the line after its indicator.
        block = node.style in ("|", ">")
        doc.content_lines[path] = node.start_mark.line + 1 + (1 if block else 0)


def _syntax_error(exc: yaml.YAMLError) -> YamlSyntaxError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    line = mark.line + 1 if mark is not None else None
    where = f"line {line}, column {mark.column + 1}: " if mark is not None else ""
    return YamlSyntaxError(f"YAML does not load: {where}{' '.join(str(problem).split())}", line)


def load_documents(text: str) -> list[YamlDoc]:
    """Every non-empty document of a YAML text, with lines; YamlSyntaxError if it does not load."""
    try:
        values = list(yaml.load_all(text, Loader=UniqueKeyLoader))
        nodes = list(yaml.compose_all(text, Loader=UniqueKeyLoader))
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None
    docs = []
    for value, node in zip(values, nodes, strict=False):
        if value is None or node is None:
            continue
        doc = YamlDoc(value=value, start=node.start_mark.line + 1)
        _walk(node, (), doc)
        docs.append(doc)
    return docs
