# Two commands for a newcomer: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast install browser postgres eval bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's requirements change.
$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

demo: install
	mkdir -p out/demo
	$(BIN)/crosswire --store out/demo/crosswire.db analyze examples/japan-2plus2/ --out out/demo

# Browser tests drive Debian's chromium; install it when we may (root) and it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || \
		echo "chromium could not be installed: browser tests will be skipped" >&2

# The store suite runs on PostgreSQL too: a throwaway cluster from Debian's server, started by the tests.
postgres:
	@command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ "$$(id -u)" != 0 ] || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || \
		echo "postgresql could not be installed: PostgreSQL store tests will be skipped" >&2

# The whole suite, evaluation gates and browser tests included: this is what CI runs.
test: install browser postgres
	$(BIN)/python -m pytest -q

# The quick loop while developing: skips tests marked slow.
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

# Every quality measure, each printing ours beside its baseline and failing under its floor.
EVALS := extraction metadata quantities dates clustering claim_alignment discrepancies realstories quantities_recognizers quotes
eval: install
	@for e in $(EVALS); do echo "== eval/$$e.py"; $(BIN)/python eval/$$e.py || exit 1; done

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf out build *.egg-info src/*.egg-info
