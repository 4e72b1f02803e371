# councilplans — every setup step lives here; a fresh machine needs only Python 3.11+.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
DB     ?= councilplans.db
STAMP  := $(VENV)/.installed-stamp

.PHONY: help install run test lint eval bench samples samples-tools fuzz clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install councilplans with its dev tools

run: $(STAMP)  ## import the bundled samples into councilplans.db and print a summary
	$(VENV)/bin/councilplans import samples/*.docx samples/*.pdf samples/shapes --db sqlite:///$(DB)
	$(VENV)/bin/councilplans documents --db sqlite:///$(DB)

test: $(STAMP)  ## lint and run the test suite
	$(VENV)/bin/ruff check councilplans evaluation tests samples
	$(PY) -m pytest

lint: $(STAMP)  ## ruff
	$(VENV)/bin/ruff check councilplans evaluation tests samples

eval: $(STAMP)  ## score imports of the samples against their expected records, and ICDAR 2013
	$(PY) -m evaluation.samples --shapes --variants --layouts --holdout --jobs 2
	$(PY) -m evaluation.icdar

bench: $(STAMP)  ## time a 120-page plan (import vs pdfplumber, camelot, pypdfium2) and a samples batch
	$(PY) -m evaluation.bench

samples-tools:  ## install LibreOffice and Chromium (Debian packages) for regenerating sample PDFs
	@missing=""; \
	command -v soffice >/dev/null || missing="$$missing libreoffice-writer-nogui fonts-liberation"; \
	command -v chromium >/dev/null || missing="$$missing chromium fonts-liberation"; \
	if [ -n "$$missing" ]; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	fi

samples: $(STAMP) samples-tools  ## regenerate samples/ from samples/specs and samples/shapes
	$(PY) samples/generate.py

fuzz: $(STAMP)  ## a longer fuzz run over mutated sample files
	FUZZ_EXAMPLES=3000 $(PY) -m pytest tests/test_fuzz.py -q

clean:  ## remove the virtualenv, caches and the local database
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache $(DB) $(DB)-wal $(DB)-shm
