"""Documentation that is checked against the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from bellum.export import ACLED_COLUMNS

ROOT = Path(__file__).resolve().parents[1]


def _cli_docs():
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_docs_cli_reference_is_current():
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == _cli_docs().render(), "docs/cli.md is stale: run python scripts/cli_docs.py"


def test_docs_every_module_is_in_architecture():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    pkg = ROOT / "src" / "bellum"
    for path in sorted(pkg.glob("*.py")) + sorted(p for p in pkg.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        name = path.name if path.is_dir() else path.name
        if name in ("__init__.py", "__main__.py"):
            continue
        label = f"{name}/" if path.is_dir() else name
        assert f"`{label}" in text, f"docs/architecture.md does not describe {label}"


def test_docs_acled_columns_match_the_issue_order():
    # the order ACLED publishes and the project's export promises (README, docs)
    assert ACLED_COLUMNS[:3] == ["event_id_cnty", "event_date", "year"] and ACLED_COLUMNS[-1] == "timestamp"
    assert len(ACLED_COLUMNS) == 31 and len(set(ACLED_COLUMNS)) == 31


def test_docs_architecture_lists_every_role_convention_in_order():
    from bellum.roles.conventions import CONVENTIONS

    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text[text.index("## Role rules, in order"):]
    at = [section.find(f"`{r.name}`") for r in CONVENTIONS]
    assert all(i >= 0 for i in at), [r.name for r, i in zip(CONVENTIONS, at) if i < 0]
    assert at == sorted(at), "docs/architecture.md lists the conventions out of order"
