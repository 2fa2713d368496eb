# Two entry points for a fresh machine (see README):
#   make demo   set up .venv and code the seed article
#   make test   set up .venv and run the whole test suite
PYTHON ?= python3
VENV   := .venv
SEED   := ../shared/data/seed/seed-article.txt
EXAMPLE := $(if $(wildcard $(SEED)),$(SEED),examples/phone-call.txt)

.PHONY: demo test bench setup
setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[test]'
	touch $@

demo: setup
	$(VENV)/bin/eventwire code $(EXAMPLE) --published 2018-12-08

test: setup
	$(VENV)/bin/python -m pytest -q

bench: setup
	$(VENV)/bin/python bench/throughput.py
