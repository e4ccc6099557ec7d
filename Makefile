# Two commands for a fresh clone: `make serve` and `make test`. Each sets itself up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1
# The offline bundle and what it is built from (a real file target, rebuilt only when one changes).
OFFLINE_ZIP := dist/vault-operations-handbook-offline.zip
OFFLINE_INPUTS := mkdocs.yml mkdocs.offline.yml package-lock.json $(shell find docs data macros skills tools -type f -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: serve build test test-fast check-data test-tools lock clean alerts

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

# Watches data/, macros/, skills/ and tools/ too (mkdocs.yml `watch:`): an edited data row or
# renderer rebuilds the pages like an edited page does. `python -m` from this folder, so the hooks
# import this checkout's `macros` whichever checkout the venv was installed from.
serve: $(STAMP)
	$(BIN)/python -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

# Strict build; the script swaps the new site in only when the build succeeded.
build: $(STAMP) $(OFFLINE_ZIP)
	PATH="$(CURDIR)/$(BIN):$$PATH" tools/build-site.sh

check-data: $(STAMP)
	$(BIN)/python -m macros.check

# Lint your own configuration against the handbook (docs/operations/check-your-configuration.md):
# make lint-config FILES="path/to/values.yaml k8s/" [LINT_FORMAT=text|json|sarif]
LINT_FORMAT ?= text
.PHONY: lint-config
lint-config: $(STAMP)
	@test -n "$(FILES)" || { echo 'usage: make lint-config FILES="<file-or-folder> ..." [LINT_FORMAT=text|json|sarif]' >&2; exit 2; }
	$(BIN)/vault-handbook lint --format $(LINT_FORMAT) $(FILES)

test-tools:
	bash tools/install-test-tools.sh

# All three tiers (unit, site, browser); CI runs this. The 25 slowest tests are listed at the end.
# Two workers, one test file each at a time (a file's shared fixtures, such as the search
# queries' results, are computed once); they share one strict build (tests/conftest.py).
test: $(STAMP) test-tools $(OFFLINE_ZIP)
	$(BIN)/python -m pytest -n 2 --dist loadfile --durations=25

# The unit tier only: no build, no browser (data models, renderers, checkers, the error lookup).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -m unit -q

# Refresh the pinned versions after changing pyproject.toml.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet '.[test]'
	.venv-lock/bin/pip freeze --exclude-editable | grep -v '^vault-operations-handbook' > constraints.txt
	rm -rf .venv-lock

clean:
	rm -rf site site.new dist .tools

# The alert rules (rule file, PrometheusRule, promtool tests) and the Grafana dashboards (JSON and
# sidecar ConfigMaps) into dist/alerts/; the site build publishes the same files under downloads/.
# SITE_URL sets the base of the runbook and panel links.
RELEASE ?= kube-prometheus-stack
alerts: $(STAMP)
	$(BIN)/python -m macros.alerts --out dist/alerts --release $(RELEASE)

# The offline bundle (open from disk, works air-gapped) as dist/vault-operations-handbook-offline.zip;
# `make build` and `make test` build it first, and the site build publishes it under downloads/.
.PHONY: offline bench
offline: $(OFFLINE_ZIP)
$(OFFLINE_ZIP): $(STAMP) $(OFFLINE_INPUTS)
	PATH="$(CURDIR)/$(BIN):$$PATH" tools/build-offline.sh $@

# Build-time, size and in-browser search figures for the current sources (see README, Benchmark).
bench: $(STAMP) test-tools $(OFFLINE_ZIP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/python tools/bench.py

# The agent-skills plugin (skills/README.md): the strict site build generates, checks and zips it
# (macros/export/, run by the hook macros/hooks/skills.py, published as downloads/vault-operations.zip);
# this target unpacks the same zip into dist/vault-operations/ and keeps it as dist/vault-operations.zip.
.PHONY: skills
skills: $(STAMP)
	@set -euo pipefail; scratch=$$(mktemp -d); trap 'rm -rf "$$scratch"' EXIT; \
	$(BIN)/python -m macros.build --site-dir "$$scratch/site"; \
	rm -rf dist/vault-operations dist/vault-operations.zip; mkdir -p dist; \
	cp "$$scratch/site/downloads/vault-operations.zip" dist/vault-operations.zip; \
	$(BIN)/python -m zipfile -e dist/vault-operations.zip dist/; \
	echo "built dist/vault-operations/ (plugin) and dist/vault-operations.zip"
