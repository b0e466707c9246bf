# Two commands do everything on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= demo.duckdb
PORT ?= 8000

.PHONY: install demo test bench lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
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

# Regenerate the lock file from pyproject.toml (needs the registry).
lock:
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra test \
	  --strip-extras -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .pytest_cache
