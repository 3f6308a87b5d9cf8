# dlpgate: `make run` starts the gateway on config/dlpgate.toml; `make test` runs the tests.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
CONFIG ?= config/dlpgate.toml

.PHONY: run test install install-test lint bench clean man dist admin

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

# The first web console account (asks for its password).
admin: install
	$(VENV)/bin/dlpgate user add admin --role admin --config $(CONFIG)

test: install-test lint
	bash tests/install-system-packages.sh
	$(PY) -m pytest

# Static checks (config in pyproject.toml): ruff with complexity and unused-noqa
# rules, and mypy over the whole package.
lint: install-test
	$(VENV)/bin/ruff check dlpgate tests
	$(VENV)/bin/mypy

# dlpgate against a bare aiosmtpd relay, interleaved in one run (ratios); BENCH_ARGS=--quick for a short run
bench: install-test
	$(PY) bench/run.py $(BENCH_ARGS)

# The man page and shell completions, generated from the argparse parser
# (tests/packaging/test_generated.py fails when they are out of date).
man: install-test
	$(VENV)/bin/argparse-manpage --module dlpgate.cli --function parser --prog dlpgate --project-name dlpgate \
	  --version $$($(PY) -c 'import dlpgate; print(dlpgate.__version__)') \
	  --description "outbound-mail data-loss-prevention gateway for health organisations" \
	  --manual-title "dlpgate manual" --output docs/dlpgate.1
	$(VENV)/bin/shtab --shell=bash dlpgate.cli.parser -o deploy/completion/dlpgate.bash
	$(VENV)/bin/shtab --shell=zsh dlpgate.cli.parser -o deploy/completion/_dlpgate

# sdist and wheel in dist/
dist: install-test
	$(PY) -m build --no-isolation --outdir dist .

clean:
	rm -rf $(VENV) var config/var dist .pytest_cache
