# flowcite: `make run` starts the dashboard, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ARTICLES := $(wildcard data/articles/*.txt data/articles/*.md data/articles/*.html)

.PHONY: run test data lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

data/processed/figures.csv: $(STAMP) $(ARTICLES) $(wildcard data/reviews.csv) $(shell find etl -name '*.py' -o -name '*.json')
	$(PY) -m etl extract data/articles --out data/processed

data: data/processed/figures.csv

run: data
	$(PY) -m streamlit run dashboard/app.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
