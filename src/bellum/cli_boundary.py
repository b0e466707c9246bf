"""The CLI's one error boundary, which cli.py and cli_structure.py both register
their commands through: an error becomes one red line on stderr and an exit
code (1 general, 2 bad input or argument, usage errors included, 3 not a
knowledge base). Nothing leaves as a traceback unless BELLUM_TRACEBACK=1 asks
for one."""

from __future__ import annotations

import functools
import os
import sys

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperCommand, TyperGroup

try:  # typer vendors its own click
    from typer._click.exceptions import NoArgsIsHelpError, UsageError
except ImportError:  # an older typer on the real click
    from click.exceptions import NoArgsIsHelpError, UsageError

from bellum.errors import BellumError

err = Console(stderr=True)


def fail(message: str, code: int) -> None:
    """Print `error: message` as one red line on stderr and exit with `code`."""
    one_line = " ".join(str(message).split())
    err.print(f"[red]error:[/red] {escape(one_line)}", highlight=False, markup=True, soft_wrap=True)
    raise SystemExit(code)


class OneLineErrors(TyperGroup):
    """The root command: usage errors, BellumErrors and any unexpected
    exception become one line and an exit code, for `bellum ...` and for
    typer's CliRunner alike (both call `main`)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        try:
            code = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                standalone_mode=False, **extra)
        except NoArgsIsHelpError as e:
            err.print(e.format_message(), highlight=False, markup=False)
            code = 2
        except UsageError as e:
            hint = f" (see {e.ctx.command_path} --help)" if getattr(e, "ctx", None) else ""
            fail(e.format_message() + hint, 2)
        except typer.TyperException as e:
            fail(e.format_message(), e.exit_code)
        except typer.Abort:
            fail("aborted", 1)
        except BellumError as e:
            fail(str(e), e.exit_code)
        except BrokenPipeError:
            sys.stderr = open(os.devnull, "w")  # the reader went away: nothing more to say
            code = 1
        except OSError as e:  # a path the system refuses (too long, no permission...)
            name = f"{e.filename}: " if e.filename else ""
            fail(f"{name}{e.strerror or e}", 2)
        except Exception as e:
            if os.environ.get("BELLUM_TRACEBACK"):
                raise
            first = (str(e).strip().splitlines() or [""])[0][:200]
            fail(f"internal error ({type(e).__name__}: {first}); please report it with the command"
                 " (BELLUM_TRACEBACK=1 shows where)", 1)
        if standalone_mode:
            sys.exit(code if isinstance(code, int) else 0)
        return code


class OnceOnly(TyperCommand):
    """A command whose options may each be given once: `--actor A --actor B`
    is refused instead of keeping the last (use `A|B` for alternatives)."""

    def parse_args(self, ctx, args):
        if not ctx.resilient_parsing:
            _, _, order = self.make_parser(ctx).parse_args(args=list(args))
            seen = set()
            for param in order:
                if param.param_type_name == "option" and not getattr(param, "multiple", False):
                    if param.name in seen:
                        raise UsageError(f"{param.opts[-1]} is given more than once; give it once", ctx)
                    seen.add(param.name)
        return super().parse_args(ctx, args)


def command(app: typer.Typer, *args, **kwargs):
    """`app.command(*args, **kwargs)` whose BellumErrors become one red line and
    their exit code, and whose options may each be given once."""

    def wrap(fn):
        @functools.wraps(fn)
        def run(*a, **kw):
            try:
                return fn(*a, **kw)
            except BellumError as e:
                err.print(f"[red]error:[/red] {escape(' '.join(str(e).split()))}", highlight=False,
                          markup=True, soft_wrap=True)
                raise typer.Exit(e.exit_code) from None

        return app.command(*args, cls=OnceOnly, **kwargs)(run)

    return wrap
