# Two commands for a fresh clone: `make serve` and `make test`. Each sets itself up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check-data test-tools lock clean

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Strict build; the script swaps the new site in only when the build succeeded.
build: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" tools/build-site.sh

check-data: $(STAMP)
	$(BIN)/python -m macros.check

test-tools:
	bash tools/install-test-tools.sh

test: $(STAMP) test-tools
	$(BIN)/python -m pytest

# Refresh the pinned versions after changing pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet '.[test]'
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^vault-operations-handbook' > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf site site.new dist .tools
