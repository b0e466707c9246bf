"""Write docs/cli.md from the live command definitions (python scripts/cli_docs.py).

tests/test_docs.py regenerates it in memory and fails when the committed
file is stale, so the reference cannot drift from the code."""

from __future__ import annotations

import sys
from pathlib import Path

import typer.main

from bellum.cli import app

HEADER = """# bellum command reference

Generated from the commands themselves by `scripts/cli_docs.py`; do not edit by hand.
Every command that reads a knowledge base takes `--db FILE` (default `./bellum.duckdb`).
Errors are one line on stderr; exit codes: 1 general, 2 bad input or argument,
3 not a knowledge base.
"""


def _walk(cmd, prefix: str):
    if hasattr(cmd, "commands"):  # a group (typer vendors its own click)
        for name in sorted(cmd.commands):
            yield from _walk(cmd.commands[name], f"{prefix} {name}")
    else:
        yield prefix, cmd


def render() -> str:
    root = typer.main.get_command(app)
    parts = [HEADER]
    for name, cmd in _walk(root, "bellum"):
        parts.append(f"\n## `{name}`\n\n{(cmd.help or '').strip()}\n")
        args = [p for p in cmd.params if p.param_type_name == "argument"]
        if args:
            parts.append("\nArguments: " + ", ".join(f"`{a.name.upper()}`" for a in args) + "\n")
        opts = [p for p in cmd.params if p.param_type_name == "option" and p.name != "help"]
        if opts:
            parts.append("\n| option | help | default |\n| --- | --- | --- |\n")
            for o in opts:
                default = "" if o.default in (None, False) or o.required else f"`{o.default}`"
                helptext = (o.help or "").replace("|", "\\|")
                parts.append(f"| `{', '.join(o.opts)}` | {helptext} | {default} |\n")
    return "".join(parts)


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
    target.write_text(render(), encoding="utf-8")
    sys.stderr.write(f"wrote {target}\n")
