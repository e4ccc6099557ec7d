"""The examples checker: every fenced code block on the built site, classified and checked.

Readers paste the handbook's examples into production clusters, so each copyable block is
validated against what the targeted versions accept; each module's docstring says what its kind
must meet. `collect` reads the built HTML, `classify` says what a block is, one module per kind
checks it, and `runner` ties them together for tests/test_examples.py.
"""
