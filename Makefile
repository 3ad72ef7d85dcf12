# Monay DB. `make demo` runs the main job, `make test` runs every test.
# Both install what they need (Debian packages when missing, a .venv).

SHELL := /bin/bash
VENV  ?= .venv
PY    := $(VENV)/bin/python
BIN   := $(VENV)/bin
DEBS  := postgresql-15 postgresql-contrib postgresql-15-pgtap libtap-parser-sourcehandler-pgtap-perl \
         postgresql-15-plpgsql-check postgresql-15-partman pgbouncer softhsm2 \
         prometheus prometheus-postgres-exporter
PYTHON ?= python3

.PHONY: setup demo test test-repeat lint pgtap pytest ruff bench bench-full schema clean

setup: $(VENV)/.installed
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "installing Debian packages:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "missing Debian packages:$$missing (install them with apt-get as root; apt is not available here)" >&2; exit 1; \
	  fi; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[dev]'
	touch $@

demo: setup
	$(BIN)/monaydb db start
	$(BIN)/monaydb migrate
	$(BIN)/monaydb demo

test: setup lint pgtap pytest ruff

lint: setup
	$(BIN)/monaydb lint

pgtap: setup
	$(BIN)/monaydb test

# For whoever touches the tests: the pgTAP suite N times in a row, stops at the first failure.
N ?= 20
test-repeat: setup
	$(BIN)/monaydb test --repeat $(N)

pytest: setup
	$(BIN)/pytest -q

ruff: setup
	$(BIN)/ruff check tools tests bench

bench: setup
	$(BIN)/monaydb bench --scale quick

bench-full: setup
	$(BIN)/monaydb bench --scale full

schema: setup
	$(BIN)/monaydb schema dump

clean:
	-$(BIN)/monaydb db destroy --yes
	rm -rf $(VENV)
