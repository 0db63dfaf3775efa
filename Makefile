# Daftar: two commands set up a fresh machine.
#   make run   install what is missing, create the demo workspace, open the app
#   make test  install what is missing, run every test headless
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed

.PHONY: run test setup system-deps lint build deb clean-venv

run: setup
	$(PY) -m daftar.cli demo --if-missing
	$(PY) -m daftar.cli app

test: setup
	scripts/run-tests

setup: system-deps $(STAMP)

system-deps:
	@scripts/ensure-system-deps

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

clean-venv:
	rm -rf $(VENV)
