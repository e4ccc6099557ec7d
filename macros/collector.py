"""The garbage collector in a one-shot build.

A build holds a large heap for its whole run (the data, every page's Markdown and HTML, the
caches), and CPython's collector walks it on each full collection, a few times a build and again
while the interpreter exits: measured, about 0.4 s of a serial clean build and 0.3 s of its exit.
Almost none of it becomes garbage before the process ends: with the collector off, a clean build
peaks about 10 MB higher (136 MB against 127 MB). So a `mkdocs build` turns the collector off once
its data is loaded (`settle`), and leaves what it holds out of the collection the interpreter
runs on exit (`before_exit`; not after drawing a diagram, see there). Only for a build that ends
with its process: a `mkdocs serve` process builds again and again, and what a rebuild drops must
still be collected.
"""

from __future__ import annotations

import gc
import sys

# MkDocs' commands whose process ends with the build (macros/forks.py forks a copy only in these).
ONE_SHOT = ("build", "gh-deploy")


def settle(command: str | None) -> None:
    """From now on until the process ends, no collection: what exists lives that long anyway."""
    if command in ONE_SHOT:
        gc.freeze()
        gc.disable()


def before_exit(command: str | None) -> None:
    """The interpreter collects once more as it exits: leave the build's heap out of that pass,
    unless this process drew a diagram. mermaidx's SVG engine is a nanobind extension, which
    reports every one of its objects the exit leaves uncollected as a leak, on the terminal."""
    if command not in ONE_SHOT:
        return
    if "mermaidx" in sys.modules:
        gc.unfreeze()  # the exit's collection frees them, as in a process that never froze
    else:
        gc.freeze()
