# Two commands set everything up on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test serve validate schema browser-deps pack-deps pagefind clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependencies or their pins change.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	touch $(STAMP)

validate: $(STAMP)
	$(BIN)/briefbook validate

site: validate pack-deps pagefind
	$(BIN)/briefbook build --audience public --site-dir site
	@echo
	@echo "Site built into site/. Open site/index.html, or preview with: make serve"

serve: $(STAMP) pagefind
	$(BIN)/briefbook serve

schema: $(STAMP)
	$(BIN)/briefbook schema

# Pagefind 1.6 (the site's search index) from npm into the environment, when missing.
pagefind: $(STAMP)
	bash scripts/install-pagefind.sh $(BIN)

browser-deps:
	bash scripts/install-browser-deps.sh

# Pango and fonts with Cyrillic for printing briefing packs (WeasyPrint), when missing.
pack-deps:
	bash scripts/install-pack-deps.sh

test: $(STAMP) pagefind browser-deps pack-deps
	$(BIN)/python -m pytest

bench: $(STAMP) pagefind
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site generated .generated.spare .pytest_cache
