"""The install a fresh clone gets: the locks are complete, hash-pinned and free
of anything particular to one machine. (`.ci/run` also installs the lock into
a brand-new venv with no cache: scripts/check-install.sh.)"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REQ = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?==([^ ;\\]+)")


def _entries(path: Path) -> dict[str, list[str]]:
    """name -> the hashes of its pin, for every requirement line of a lock."""
    entries: dict[str, list[str]] = {}
    name = None
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        m = REQ.match(line)
        if m:
            name = m.group(1).lower()
            entries[name] = []
        elif stripped.startswith("--hash=sha256:") and name:
            entries[name].append(stripped)
        elif line[0] not in " \t":
            raise AssertionError(f"{path.name}: not a pinned requirement: {line!r}")
    return entries


def test_lock_has_no_machine_local_indexes():
    # an index or wheel folder of one machine breaks the install everywhere else
    for lock in ("requirements.lock", "requirements-bootstrap.txt"):
        text = (ROOT / lock).read_text(encoding="utf-8")
        assert not re.search(r"^\s*--(extra-index-url|index-url|find-links|trusted-host)", text, re.M), lock
        assert "file://" not in text and "/opt/" not in text, lock


def test_every_pin_is_exact_and_hashed():
    for lock in ("requirements.lock", "requirements-bootstrap.txt"):
        entries = _entries(ROOT / lock)
        assert entries, lock
        unhashed = [n for n, hashes in entries.items() if not hashes]
        assert not unhashed, f"{lock}: pins without a hash: {unhashed}"


def test_lock_covers_what_pyproject_asks_for():
    entries = _entries(ROOT / "requirements.lock")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    specs = project["dependencies"] + [d for ds in project["optional-dependencies"].values() for d in ds]
    wanted = [re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", s).group(0) for s in specs]
    norm = {n.replace("_", "-").replace(".", "-") for n in entries}
    missing = [w for w in wanted if w.lower().replace("_", "-").replace(".", "-") not in norm]
    assert not missing, f"requirements.lock lacks {missing}: run make lock"
    # extras a dependency requests are locked too: weasel asks for smart-open[http]
    assert "requests" in entries and "smart-open" in entries


def test_install_bootstraps_a_pinned_installer():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "-r requirements-bootstrap.txt" in make and "--require-hashes" in make
    assert "uv" in _entries(ROOT / "requirements-bootstrap.txt")
