"""The CLI's one error boundary: a command whose `BellumError` becomes one red line on
stderr and the error's exit code (unexpected exceptions keep their traceback). cli.py and
cli_structure.py both register their commands through it."""

from __future__ import annotations

import functools

import typer
from rich.console import Console

from bellum.errors import BellumError

err = Console(stderr=True)


def command(app: typer.Typer, *args, **kwargs):
    """`app.command(*args, **kwargs)` whose BellumErrors become one red line and their
    exit code."""

    def wrap(fn):
        @functools.wraps(fn)
        def run(*a, **kw):
            try:
                return fn(*a, **kw)
            except BellumError as e:
                err.print(f"[red]error:[/red] {e}", highlight=False, markup=True, soft_wrap=True)
                raise typer.Exit(e.exit_code) from None

        return app.command(*args, **kwargs)(run)

    return wrap
