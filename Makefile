# cjm: `make help` lists the targets. Everything installs into .venv from this repo's files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER_PACKAGES := chromium fonts-noto-color-emoji
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf

.DEFAULT_GOAL := help
.PHONY: help demo test chromium lint lab clean

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

## test: lint and run the test suite (installs chromium first when it is missing)
test: $(STAMP) chromium
	$(BIN)/ruff check cjm tests data/make_demo.py benchmarks
	$(BIN)/python -m pytest

## chromium: install Debian's chromium and an emoji font (for the browser test) when missing
chromium:
	@if command -v chromium >/dev/null 2>&1 && [ -f $(EMOJI_FONT) ]; then exit 0; fi; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	  else echo "make: chromium or its emoji font is missing and installing needs root or sudo;" \
	    "as root run: apt-get update && apt-get install -y $(BROWSER_PACKAGES)" >&2; exit 1; fi; \
	  command -v apt-get >/dev/null 2>&1 || { echo "make: chromium is missing and there is" \
	    "no apt-get here: install chromium with your package manager" >&2; exit 1; }; \
	  echo "installing $(BROWSER_PACKAGES) with apt-get (for the browser test)"; \
	  $$sudo apt-get update && \
	  $$sudo apt-get install -y --no-install-recommends $(BROWSER_PACKAGES) && \
	  { command -v chromium >/dev/null 2>&1 || \
	    { echo "make: apt-get did not install a chromium command" >&2; exit 1; }; }

## lint: ruff only
lint: $(STAMP)
	$(BIN)/ruff check cjm tests data/make_demo.py benchmarks

## lab: open JupyterLab on this workspace
lab: $(STAMP)
	$(BIN)/jupyter lab

## clean: remove the virtual environment and caches
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
