"""MkDocs hooks (listed under `hooks:` in mkdocs.yml): thin entry points that hand each event to
the package module that does the work."""
