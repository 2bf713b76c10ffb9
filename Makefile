# flowcite: `make run` starts the dashboard, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Every file under data/articles, whatever its suffix or folder: the stamp is rewritten (and the
# tables rebuilt) whenever one is added, changed, renamed or deleted. It is refreshed as make reads
# this file, so `make -n data` tells the truth too.
INPUTS := data/processed/.inputs
_ := $(shell $(PYTHON) -P etl/inputs_stamp.py data/articles $(INPUTS))

.PHONY: run test data lint bench clean check-install compile

# installed with the pip that ships with Python, never upgraded: what a new user has
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# the extraction's modules compiled with mypyc into build/compiled (etl/accelerate.py): the same rules
# 1.2-1.3x as fast. A source edited since is run as Python until this runs again; a machine with no C
# compiler runs them as Python (one line says why), so an attempt is marked, not a success
COMPILED := build/.compile-attempt
$(COMPILED): $(STAMP) $(wildcard etl/*.py)
	$(PY) -m etl compile
	@mkdir -p build && touch $(COMPILED)

compile: $(COMPILED)

# the tables are rebuilt when an input is newer than the last build (a build that changes no table leaves
# its files as they were, so a stamp of its own marks when it ran)
BUILT := data/processed/.built
$(BUILT): $(STAMP) $(COMPILED) $(INPUTS) $(wildcard data/reviews.csv) $(shell find etl -name '*.py' -o -name '*.json')
	$(PY) -m etl extract data/articles --out data/processed
	touch $(BUILT)

data: $(BUILT)

# READ_ONLY=1: a dashboard nobody can change (no Add or Review page, every write refused); the tables
# are served as they are, never rebuilt
run: $(if $(READ_ONLY),$(STAMP),data)
	$(if $(READ_ONLY),FLOWCITE_READ_ONLY=1 ,)$(PY) -m streamlit run dashboard/app.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m mypy

test: $(STAMP) $(COMPILED)
	$(PY) -m ruff check .
	$(PY) -m mypy
	$(PY) -m pytest

# a fresh venv with Python's own pip, `pip install .`, an HTML article extracted (needs the registry)
check-install: $(STAMP)
	$(PY) -m pytest -m install tests/install

bench: $(STAMP) $(COMPILED)
	$(PY) -m pip install --quiet -e '.[bench]'
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
