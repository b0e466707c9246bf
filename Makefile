# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
UV := $(BIN)/uv
DB ?= demo.duckdb
PORT ?= 8000

.PHONY: install demo test bench lock check-install clean

install: $(STAMP)

# The venv's own pip only bootstraps uv (one hash-pinned wheel, no dependencies);
# uv then installs the hash lock, so the install does not depend on the pip a
# Python bundles (pip 23.2 mishandles a hash-pinned package asked for with an extra).
$(STAMP): requirements.lock requirements-bootstrap.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-bootstrap.txt
	$(UV) pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: install
	$(BIN)/bellum build data/corpus/mali_war.txt --db $(DB)
	$(BIN)/bellum serve --db $(DB) --host 127.0.0.1 --port $(PORT)

test: install
	sh scripts/ensure-chromium.sh
	$(BIN)/pytest -q

bench: install
	$(BIN)/python bench/throughput.py
	$(BIN)/python bench/api_latency.py
	$(BIN)/bellum build data/corpus/mali_war.txt --db /tmp/bellum-bench.duckdb -q
	$(BIN)/python bench/geocode_gold.py --db /tmp/bellum-bench.duckdb

# Regenerate both locks (needs the registry). Existing pins are kept unless
# pyproject.toml asks otherwise; `--universal` covers every Python >= 3.11 and
# platform, extras included (smart-open[http] pulls in requests).
lock: install
	$(UV) pip compile --quiet --generate-hashes --universal --extra test \
	  -o requirements.lock pyproject.toml
	$(UV) pip compile --quiet --generate-hashes --universal \
	  -o requirements-bootstrap.txt requirements-bootstrap.in

# The lock installs into a brand-new venv with no cache, hashes required.
check-install:
	sh scripts/check-install.sh

clean:
	rm -rf $(VENV) .pytest_cache
