# Daftar: two commands set up a fresh machine.
#   make run   install what is missing, create the demo workspace, open the app
#   make test  install what is missing, run every test headless
#   make build the one-folder build dist/daftar/ (checked with its own self-test)
#   make deb   dist/daftar_VERSION_amd64.deb from that build
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
# Interface translations: the Qt Linguist sources (.ts) are compiled to .qm here, never committed
QM      := $(patsubst %.ts,%.qm,$(wildcard resources/translations/*.ts))

.PHONY: run test setup system-deps lint build deb clean-venv

run: setup
	$(PY) -m daftar.cli demo --if-missing
	$(PY) -m daftar.cli app

test: setup
	scripts/run-tests

setup: system-deps $(STAMP) $(QM)

system-deps:
	@scripts/ensure-system-deps

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	@touch $(STAMP)

%.qm: %.ts | $(STAMP)
	$(PY) scripts/translations.py compile

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

# IT staff: the one-folder build dist/daftar/ (PyInstaller, build.spec) and the Debian package
BUILD_STAMP := $(VENV)/.installed-build

$(BUILD_STAMP): pyproject.toml $(STAMP)
	$(PY) -m pip install -q -e '.[build]'
	@touch $(BUILD_STAMP)

build: setup $(BUILD_STAMP)
	$(VENV)/bin/pyinstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller build.spec
	dist/daftar/daftar self-test

deb: build
	packaging/linux/build-deb.sh

clean-venv:
	rm -rf $(VENV)
