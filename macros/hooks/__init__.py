"""The MkDocs hooks that mkdocs.yml lists under `hooks:`. Each file only wires MkDocs events to
the package modules that do the work (macros/downloads.py, macros/offline.py,
macros/search_dialog.py, macros/search_tuning.py, macros/export/), so the logic is importable and
testable like the rest of the package.

MkDocs loads a hook by file path, not as part of this package; its `import macros...` finds
the package of the checkout being built because builds run as `python -m mkdocs` (or
`python -m macros.build`) from the project folder, which puts that folder first on sys.path.
"""
