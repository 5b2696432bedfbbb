# Everything a fresh machine needs: Python 3.11 and the package registries.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: site test lint install clean

$(BIN)/factdesk: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

install: $(BIN)/factdesk

## Validate the knowledge base and build the site into site/.
site: install
	$(BIN)/factdesk validate --strict
	$(BIN)/mkdocs build --strict --site-dir site

## Install what the tests need and run the whole suite (lint and types included).
test: install
	$(BIN)/ruff check generator tests bench
	$(BIN)/mypy
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check generator tests bench
	$(BIN)/ruff format --check generator tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) site .cache .pytest_cache .mypy_cache .ruff_cache
