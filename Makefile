# cjm: `make help` lists the targets. Everything installs into .venv from this repo's files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help demo test lint lab clean

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@touch $(STAMP)

## demo: run cjm on the bundled demo project and print where the outputs are
demo: $(STAMP)
	$(BIN)/cjm demo

## test: lint and run the test suite
test: $(STAMP)
	$(BIN)/ruff check cjm tests data/make_demo.py benchmarks
	$(BIN)/python -m pytest

## lint: ruff only
lint: $(STAMP)
	$(BIN)/ruff check cjm tests data/make_demo.py benchmarks

## lab: open JupyterLab on this workspace
lab: $(STAMP)
	$(BIN)/jupyter lab

## clean: remove the virtual environment and caches
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
