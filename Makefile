# Everything a fresh machine needs: Python 3.11 and the package registries.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site docs test test-fast lint install browser fonts screenshots lighthouse catalogs catalog-new clean

$(BIN)/factdesk: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev]'
	touch $@

install: $(BIN)/factdesk

## Validate the knowledge base and build the site into site/.
site: install
	$(BIN)/factdesk validate --strict
	$(BIN)/factdesk build --site-dir site

## Build the factdesk manual (manual/mkdocs.yml, a site apart from the desk's) into manual/site/.
docs: install
	$(BIN)/mkdocs build --strict --config-file manual/mkdocs.yml

## Debian's Chromium for the browser tests (Playwright drives it; it downloads no browser).
browser:
	@command -v chromium >/dev/null || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; }

## A Hangul font for the share-card tests (Debian's fonts-nanum, 10 MB; fonts-noto-cjk,
## which also covers Chinese and Japanese, is 56 MB).
fonts:
	@test -f /usr/share/fonts/truetype/nanum/NanumGothic.ttf || { \
	  echo "installing Debian's fonts-nanum for the share-card tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-nanum >/dev/null; }

## Install what the tests need and run the whole suite (lint and types included).
test: install browser fonts
	$(BIN)/ruff check generator tests bench scripts
	$(BIN)/mypy
	$(BIN)/pytest -q

## The unit tier only (no site builds, no browser, no scale tests): seconds, for the edit loop.
test-fast: install
	$(BIN)/pytest -q -m unit

## Retake manual/docs/screenshots/ (the README's pictures) from a fresh build of the example site.
screenshots: install browser
	$(BIN)/python -m scripts.screenshots

## Lighthouse (npm, installed into .cache/lighthouse) over every reader page type, both presets:
## accessibility >= 98, SEO 100, best practices >= 95.
lighthouse: install browser
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm >/dev/null; }
	BIN=$(BIN) bash scripts/lighthouse.sh

## The interface catalogs (generator/factdesk/render/locale/): extract the readers' words
## from the code and templates into factdesk.pot, update every language's .po from it
## (new words arrive empty: translate them), compile each .po to the .mo the site reads.
catalogs: install
	$(BIN)/python -m scripts.catalogs all

## Start a catalog for one more language: make catalog-new CODE=fr (then translate it and
## run make catalogs).
catalog-new: install
	@test -n "$(CODE)" || { echo "say which language: make catalog-new CODE=fr"; exit 2; }
	$(BIN)/python -m scripts.catalogs init $(CODE)

lint: install
	$(BIN)/ruff check generator tests bench scripts
	$(BIN)/ruff format --check generator tests bench scripts
	$(BIN)/mypy

clean:
	rm -rf $(VENV) site manual/site .cache .pytest_cache .mypy_cache .ruff_cache
