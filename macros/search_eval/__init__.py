"""Search evaluation shared by the tests and `make bench` (tools/bench.py): the query set
(`cases`), the error lookup's own script under QuickJS (`lookup`), driving Material's search box
in Chromium (`browser`, `chromium`) and serving a built site on 127.0.0.1 (`serve`).

`lookup`, `browser` and `chromium` need the `test` extra (quickjs-ng, playwright); nothing in a
site build imports this package.
"""
