# dlpgate: `make run` starts the gateway on config/dlpgate.toml; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
CONFIG ?= config/dlpgate.toml

.PHONY: run test install install-test lint bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

run: install
	$(VENV)/bin/dlpgate serve --config $(CONFIG)

test: install-test
	bash tests/install-system-packages.sh
	$(PY) -m pytest

lint: install-test
	$(VENV)/bin/ruff check dlpgate tests

# dlpgate against a bare aiosmtpd relay, interleaved in one run (ratios); BENCH_ARGS=--quick for a short run
bench: install-test
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var .pytest_cache
