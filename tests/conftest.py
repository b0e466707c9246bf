"""Shared fixtures. Tests build real DuckDB files with the real pipeline."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "data" / "corpus" / "mali_war.txt"
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold" / "mali_war.events.jsonl"
TEXTS = Path(__file__).parent / "texts"

# ACLED event types and sub-types as shared/docs/event-schema.md lists them: the
# tests hold their own copy of the spec, so a typo in the code cannot agree with itself.
ACLED_TAXONOMY = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
                               "Headquarters or base established", "Looting/property destruction",
                               "Non-violent transfer of territory", "Other"},
}



def bellum_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("bellum")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "bellum.cli"]


def run_cli(*args: str, cwd: Path | None = None, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run the real `bellum` command in a subprocess."""
    env = dict(os.environ, COLUMNS="200", NO_COLOR="1")
    return subprocess.run([*bellum_cmd(), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env=env)


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline bellum uses, loaded once."""
    from bellum.nlp.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def res(nlp):
    """The extraction resources (lexicons, matchers, gazetteer), loaded once."""
    from bellum.extract import Resources

    return Resources.load(nlp.vocab)


@pytest.fixture(scope="session")
def article_kb(tmp_path_factory) -> Path:
    """The knowledge base of the bundled Mali War article, built once per session."""
    import bellum

    db = tmp_path_factory.mktemp("article") / "kb.duckdb"
    bellum.build([CORPUS], db=db).close()
    return db


@pytest.fixture(scope="session")
def small_kb(tmp_path_factory) -> Path:
    """A knowledge base of the invented test texts in tests/texts/."""
    import bellum

    folder = tmp_path_factory.mktemp("texts")
    for f in TEXTS.glob("*.txt"):
        shutil.copy(f, folder / f.name)
    db = folder / "kb.duckdb"
    bellum.build([folder], db=db).close()
    return db
