#!/bin/sh
# The install a fresh clone gets: a brand-new venv for each Python given (default
# python3), the bootstrap and the lock with hashes required and no cache, then
# the package imports and the pinned spaCy model loads. Catches a lock that
# only installs thanks to a warm cache or a particular bundled pip.
set -eu
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || set -- python3
for py in "$@"; do
  if ! "$py" -V >/dev/null 2>&1; then
    echo "check-install: $py does not run here, skipped" >&2
    continue
  fi
  dir=$(mktemp -d)
  trap 'rm -rf "$dir"' EXIT
  "$py" -m venv "$dir/venv"
  "$dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    --no-cache-dir --no-deps --require-hashes -r requirements-bootstrap.txt
  "$dir/venv/bin/uv" pip install --quiet --no-cache --python "$dir/venv/bin/python" \
    --require-hashes -r requirements.lock
  "$dir/venv/bin/uv" pip install --quiet --no-cache --python "$dir/venv/bin/python" \
    --no-deps --no-build-isolation -e .
  "$dir/venv/bin/python" -c "import bellum, spacy; from bellum.nlp.pipeline import MODEL; spacy.load(MODEL)"
  echo "check-install: $("$dir/venv/bin/python" -V) installs the lock from nothing"
  rm -rf "$dir"
  trap - EXIT
done
