# Collectives: `make demo` serves the demo, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export COLLECTIVES_DATA_DIR ?= $(CURDIR)/data

.PHONY: install demo test test-sqlite test-postgres lint browser messages clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: install
	COLLECTIVES_DEV=1 $(BIN)/collectives migrate --no-input
	COLLECTIVES_DEV=1 PORT=$(PORT) $(BIN)/collectives demo
	COLLECTIVES_DEV=1 $(BIN)/collectives serve --port $(PORT)

# Browser tests need Debian's chromium; install it when missing and we are allowed to.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium not found: browser tests will be skipped"; fi; }

test: install browser test-sqlite test-postgres

test-sqlite:
	COLLECTIVES_TESTING=1 DATABASE_URL= $(BIN)/pytest

test-postgres:
	@if [ -n "$$DATABASE_URL" ]; then \
	  echo "== again on PostgreSQL =="; \
	  COLLECTIVES_TESTING=1 $(BIN)/pytest -m "not browser" --ignore=tests/network --ignore=collectives/network; \
	else echo "DATABASE_URL not set: skipping the PostgreSQL run"; fi

lint: install
	$(BIN)/ruff check collectives tests bench
	$(BIN)/ruff format --check collectives tests bench

messages: install
	cd collectives && COLLECTIVES_DEV=1 ../$(BIN)/collectives makemessages -l es --no-location --ignore 'network/*' && COLLECTIVES_DEV=1 ../$(BIN)/collectives compilemessages

clean:
	rm -rf $(VENV) data .pytest_cache
