# Two commands for a fresh clone: `make serve` and `make test`. Each sets itself up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test check-data test-tools lock clean alerts

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Strict build; the script swaps the new site in only when the build succeeded.
build: $(STAMP) offline
	PATH="$(CURDIR)/$(BIN):$$PATH" tools/build-site.sh

check-data: $(STAMP)
	$(BIN)/python -m macros.check

test-tools:
	bash tools/install-test-tools.sh

test: $(STAMP) test-tools offline
	$(BIN)/python -m pytest

# Refresh the pinned versions after changing pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet '.[test]'
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^vault-operations-handbook' > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf site site.new dist .tools

# The alert rules (rule file, PrometheusRule, promtool tests) into dist/alerts/; the site build
# publishes the same files under downloads/. SITE_URL sets the runbook links' base.
RELEASE ?= kube-prometheus-stack
alerts: $(STAMP)
	$(BIN)/python -m macros.prometheus_rules --out dist/alerts --release $(RELEASE)

# The offline bundle (open from disk, works air-gapped) as dist/vault-operations-handbook-offline.zip;
# `make build` and `make test` build it first, and the site build publishes it under downloads/.
.PHONY: offline bench
offline: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" tools/build-offline.sh dist/vault-operations-handbook-offline.zip

# Build-time, size and in-browser search figures for the current sources (see README, Benchmark).
bench: $(STAMP) test-tools
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python tools/bench.py

# The agent-skills plugin (skills/README.md): the strict site build generates, checks and zips it
# (macros/skills_hook.py, published as downloads/vault-operations.zip); this target unpacks the
# same zip into dist/vault-operations/ and keeps it as dist/vault-operations.zip.
.PHONY: skills
skills: $(STAMP)
	@set -euo pipefail; scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	$(BIN)/mkdocs build --strict --site-dir "$$scratch/site"; \
	rm -rf dist/vault-operations dist/vault-operations.zip; mkdir -p dist; \
	cp "$$scratch/site/downloads/vault-operations.zip" dist/vault-operations.zip; \
	$(BIN)/python -m zipfile -e dist/vault-operations.zip dist/; \
	echo "built dist/vault-operations/ (plugin) and dist/vault-operations.zip"
