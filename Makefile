# cjm: `make help` lists the targets. Everything installs into .venv from this repo's files.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BROWSER_PACKAGES := chromium fonts-noto-color-emoji
JAVA_PACKAGES := default-jre-headless
EMOJI_FONT := /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf

.DEFAULT_GOAL := help
.PHONY: help demo test chromium java lint lab clean

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	@# an editable install leaves cjm uncompiled: each process (every kernel of a review)
	@# would compile it again where Python does not write bytecode itself
	$(BIN)/python -m compileall -q cjm
	@touch $(STAMP)

## demo: run cjm on the bundled demo project and print where the outputs are
demo: $(STAMP)
	$(BIN)/cjm demo

## test: lint and run the test suite (installs chromium and Java first when they are missing)
test: $(STAMP) chromium java
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

## java: install Debian's Java runtime (for the Spark tests of the event log) when missing
java:
	@if command -v java >/dev/null 2>&1; then exit 0; fi; \
	  if [ "$$(id -u)" -eq 0 ]; then sudo=; \
	  elif command -v sudo >/dev/null 2>&1; then sudo=sudo; \
	  else echo "make: Java is missing and installing it needs root or sudo; the Spark" \
	    "tests will be skipped. As root run: apt-get install -y $(JAVA_PACKAGES)" >&2; exit 0; fi; \
	  command -v apt-get >/dev/null 2>&1 || { echo "make: Java is missing and there is no" \
	    "apt-get here: install a Java runtime (17 or later); the Spark tests will be" \
	    "skipped" >&2; exit 0; }; \
	  echo "installing $(JAVA_PACKAGES) with apt-get (for the Spark tests)"; \
	  $$sudo apt-get update && \
	  $$sudo apt-get install -y --no-install-recommends $(JAVA_PACKAGES) || \
	  echo "make: apt-get could not install Java; the Spark tests will be skipped" >&2

## lint: ruff only
lint: $(STAMP)
	$(BIN)/ruff check cjm tests data/make_demo.py benchmarks

## lab: open JupyterLab on this workspace
lab: $(STAMP)
	$(BIN)/jupyter lab

## clean: remove the virtual environment and caches
clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache build dist
