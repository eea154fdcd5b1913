# The two commands of the README: `make learn` and `make test`. Both set up first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup learn test lint clean

$(STAMP): pyproject.toml
	@command -v node >/dev/null || { echo "voyager needs Node.js >= 20 (https://nodejs.org); install it and retry."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)
	$(BIN)/voyager setup

learn: setup
	$(BIN)/voyager learn $(ARGS)

test: setup
	bash tests/run_all.sh

lint: setup
	$(BIN)/ruff check .

clean:
	rm -rf $(VENV) env/node_modules bridge/node_modules
