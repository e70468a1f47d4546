# The two commands a newcomer needs:  make run  and  make test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml Makefile | cksum | cut -d' ' -f1)
# The venv's bundled setuptools is old and vulnerable: `install` upgrades it to at least
# this version, which fixes the last of CVE-2022-40897, CVE-2024-6345 and CVE-2025-47273.
SETUPTOOLS_MIN := 78.1.1
# The wacz command lives in a venv of its own (see wacz-tool in pyproject.toml, the one
# place its pins are kept). Its stamp names the pins, so a change of pins re-creates it.
WACZ_VENV := .venv-wacz
WACZ_READ_PINS := import shlex, tomllib, zlib; pins = tomllib.load(open("pyproject.toml", "rb"))["project"]["optional-dependencies"]["wacz-tool"]
WACZ_PINS := $(shell $(PYTHON) -c '$(WACZ_READ_PINS); print(" ".join(map(shlex.quote, pins)))' 2>/dev/null)
WACZ_STAMP := $(WACZ_VENV)/.installed-$(shell $(PYTHON) -c '$(WACZ_READ_PINS); print(zlib.crc32(repr(pins).encode()))' 2>/dev/null)

.PHONY: install wacz-tool run test lint format clean model

install: $(STAMP) $(WACZ_STAMP) .env.local node_modules/.package-lock.json

# Local development settings, read by config/settings.py only. Never `.env`:
# docker compose reads that one, and production must not run with DEBUG on.
.env.local:
	@printf '%s\n' '# Local development settings (see README, Configuration).' 'DEBUG=1' > $@

$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
		|| { echo "make: Python 3.11 or newer is needed (set PYTHON=/path/to/python3.11)."; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip "setuptools>=$(SETUPTOOLS_MIN)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	@rm -f $(VENV)/.installed-* && touch $@

## The wacz command alone (make install includes it).
wacz-tool: $(WACZ_STAMP)

$(WACZ_STAMP):
	@test -n "$(WACZ_PINS)" || { echo "make: no wacz-tool pins readable in pyproject.toml (Python 3.11 or newer is needed)."; exit 1; }
	rm -rf $(WACZ_VENV)
	$(PYTHON) -m venv $(WACZ_VENV)
	$(WACZ_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(WACZ_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(WACZ_PINS)
	@touch $@

## Run the product on its embedded default (SQLite, broker-less Celery worker, demo data).
run: install
	bin/run

## ReplayWeb.page (served by the replay origin) and axe-core (the accessibility tests),
## from the npm registry, pinned in package-lock.json.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make: npm (Node.js) is needed for ReplayWeb.page."; exit 1; }
	npm ci --no-audit --no-fund --silent

## Lint, then the whole test suite against PostgreSQL and Redis on 127.0.0.1.
test: install
	bin/ensure-services
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Retrain the check-worthiness base model on corpus/checkworthiness (weights are committed).
model: install
	$(BIN)/python bin/train-model corpus/checkworthiness

clean:
	rm -rf $(VENV) $(WACZ_VENV) var
