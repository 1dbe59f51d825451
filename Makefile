# stanceline — two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# Two stamps: running needs the package and its runtime dependencies only; the tests (and lint) add the
# test extras, the benchmarks the bench extras.
RUN_STAMP   := $(VENV)/.installed-run
STAMP       := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench

.PHONY: run test test-fast lint bench clean axe

DB ?= stanceline.db
PORT ?= 8000

run: $(RUN_STAMP)  ## set up (runtime dependencies only), ingest the sample corpus into $(DB), print its shifts and a timeline, serve the dashboard
	@echo; echo "== 1/4 Reading the sample corpus (examples/articles: 24 invented articles) into $(DB)"
	$(BIN)/stanceline ingest examples/articles --db $(DB) --gazetteer examples/actors.toml
	@echo; echo "== 2/4 Stance shifts: who moved from oppose to support or conditional (or back), with the statements on both sides"
	@echo "   (a date with ≤: only known to be said on or before the article's publication; [article#statement]: the evidence)"
	$(BIN)/stanceline shifts --db $(DB)
	@echo; echo "== 3/4 The timeline of the most quoted person: every statement in the order said"
	@echo "   (topic:stance, — when it takes none; ×N: reported by N articles; stanceline timeline NAME for anyone else)"
	$(BIN)/stanceline timeline --db $(DB)
	@echo; echo "== 4/4 The dashboard: open http://127.0.0.1:$(PORT)/ in a browser; Ctrl-C stops it"
	$(BIN)/stanceline serve --db $(DB) --port $(PORT)

test: $(STAMP)  ## the whole test suite (adds the test extras to the venv)
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)  ## the inner loop: all but the slow, browser and PostgreSQL tests (under a minute)
	$(BIN)/python -m pytest -q -m "not slow and not browser and not postgres"

axe: tests/axe/node_modules/axe-core/axe.min.js  ## axe-core from the npm registry (pinned by tests/axe/package-lock.json) for the accessibility test

tests/axe/node_modules/axe-core/axe.min.js: tests/axe/package-lock.json
	npm ci --prefix tests/axe --no-audit --no-fund
	@touch $@

LINTED := src tests benchmarks examples

lint: $(STAMP)  ## ruff: the lint rules and the formatting of [tool.ruff] in pyproject.toml
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

bench: $(BENCH_STAMP)  ## benchmarks on ../shared/data (not part of the tests)
	$(BIN)/python benchmarks/attribution.py
	$(BIN)/python benchmarks/sample.py
	$(BIN)/python benchmarks/timex.py
	$(BIN)/python benchmarks/dating.py
	$(BIN)/python benchmarks/throughput.py
	$(BIN)/python benchmarks/web.py
	$(BIN)/python benchmarks/ingest.py

$(RUN_STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "stanceline needs Python 3.11 or newer: make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	@touch $@

$(STAMP): $(RUN_STAMP)
	$(BIN)/python -m pip install -q -e '.[test]'
	@touch $@

$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[test,bench]'
	@touch $@

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache $(DB) $(DB)-wal $(DB)-shm
