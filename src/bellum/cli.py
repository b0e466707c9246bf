"""The `bellum` command. Commands are thin: parse options, call the library,
render with Rich (people) or JSON/CSV (programs). A `BellumError` becomes a red
line and an exit code only at the boundary every command goes through
(cli_boundary.command)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from bellum import cli_boundary
from bellum.cli_boundary import err
from bellum.cli_structure import register as _register_structure_commands
from bellum.errors import InvalidArgument

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False, help="Conflict text -> source-linked conflict data.")
out = Console()

DB_HELP = "knowledge base file"
DEFAULT_DB = Path("bellum.duckdb")


def command(*args, on: typer.Typer | None = None, **kwargs):
    """`app.command` (or `on.command`) through the error boundary (cli_boundary)."""
    return cli_boundary.command(on or app, *args, **kwargs)


def _open(db: Path):
    from bellum.kb import KnowledgeBase

    return KnowledgeBase(db)


@command()
def build(
    paths: list[Path] = typer.Argument(..., help="files or folders of texts"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress bar"),
    engine: str = typer.Option("local", help="local | dask"),
    workers: Optional[int] = typer.Option(None, help="dask: local cluster workers (default 2)"),
    scheduler: Optional[str] = typer.Option(None, help="dask: address of a running scheduler"),
    keep_shards: Optional[Path] = typer.Option(None, "--keep-shards", help="dask: keep the Parquet shards in this folder"),
):
    """Read texts, extract events and structure, write the knowledge base."""
    if engine not in ("local", "dask"):
        raise InvalidArgument(f"unknown --engine '{engine}'; choose local or dask")
    if engine == "local" and (workers or scheduler or keep_shards):
        raise InvalidArgument("--workers, --scheduler and --keep-shards go with --engine dask")
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bellum.kb import build as _build

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("extracting", total=None)

        def progress(done, total, doc_id):
            bar.update(task, completed=done, total=total, description=f"extracting {doc_id}")

        if engine == "dask":
            from bellum.scale import build_dask

            kb = build_dask(paths, db=db, workers=workers, scheduler=scheduler, progress=progress,
                            keep_shards=keep_shards)
        else:
            kb = _build(paths, db=db, progress=progress)
    n = kb.count()
    docs = len(kb.documents())
    kb.close()
    err.print(f"built {db}: {docs} document(s), {n} event(s)", highlight=False)


@command()
def events(
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    actor: Optional[str] = typer.Option(None, help="actor on either side"),
    type: Optional[str] = typer.Option(None, "--type", help="ACLED event type"),
    sub_type: Optional[str] = typer.Option(None, "--sub-type", help="ACLED sub-event type"),
    since: Optional[str] = typer.Option(None, help="from this date (YYYY[-MM[-DD]])"),
    until: Optional[str] = typer.Option(None, help="to this date (YYYY[-MM[-DD]])"),
    location: Optional[str] = typer.Option(None, help="place as named in the text"),
    country: Optional[str] = typer.Option(None, help="country"),
    min_confidence: Optional[float] = typer.Option(None, "--min-confidence", help="0 to 1"),
    limit: Optional[int] = typer.Option(None, help="at most this many events"),
    as_json: bool = typer.Option(False, "--json", help="JSON records"),
    fmt: str = typer.Option("table", "--format", help="table | csv | json"),
):
    """List events, filtered like ACLED's API."""
    if fmt not in ("table", "csv", "json"):
        raise InvalidArgument(f"unknown --format '{fmt}'; choose table, csv or json")
    with _open(db) as kb:
        df = kb.events(limit=limit, actor=actor, event_type=type, sub_event_type=sub_type, since=since,
                       until=until, location=location, country=country, min_confidence=min_confidence)
    if as_json or fmt == "json":
        sys.stdout.write(df.to_json(orient="records", force_ascii=False, indent=1) + "\n")
    elif fmt == "csv":
        sys.stdout.write(df.to_csv(index=False))
    else:
        import pandas as pd
        from rich.table import Table

        t = Table(show_lines=False)
        cols = ["event_id_cnty", "event_date", "sub_event_type", "actor1", "actor2", "location", "fatalities"]
        for c in cols:
            t.add_column(c)
        for row in df[cols].itertuples(index=False):
            t.add_row(*("" if pd.isna(v) else str(v) for v in row))
        out.print(t)
        err.print(f"{len(df)} event(s)")


@command("export")
def export_cmd(
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    fmt: str = typer.Option(..., "--format", help="jsonl | acled-csv | geojson | graphml | parquet"),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="file (folder for parquet); stdout if absent"),
):
    """Export the knowledge base."""
    from bellum.export import FORMATS, export

    if fmt not in FORMATS:
        raise InvalidArgument(f"unknown --format '{fmt}'; choose one of {', '.join(FORMATS)}")
    with _open(db) as kb:
        text = export(kb, fmt, output)
    if text is not None:
        sys.stdout.write(text)
    else:
        err.print(f"wrote {output}")


@command("eval")
def eval_cmd(
    gold: Path = typer.Argument(..., help="gold events, JSON Lines in event-schema v1"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="one JSON object"),
):
    """Score the knowledge base's events against gold events."""
    from bellum.evaluate import evaluate_kb

    with _open(db) as kb:
        scores = evaluate_kb(gold, kb)
    if as_json:
        sys.stdout.write(json.dumps(scores) + "\n")
        return
    from rich.table import Table

    t = Table(title=f"{gold.name}: {scores['matched']} matched of {scores['gold']} gold, {scores['predicted']} predicted")
    t.add_column("figure")
    t.add_column("value", justify="right")
    for k in ("precision", "recall", "f1"):
        t.add_row(f"event {k}", f"{scores[k]:.3f}")
    for k, v in scores["field_accuracy"].items():
        t.add_row(k, f"{v:.3f}")
    out.print(t)


@command()
def serve(
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", help="address to listen on"),
    port: int = typer.Option(8000, help="port"),
):
    """Serve the HTTP API and the dashboard (read-only)."""
    from bellum import store

    store.connect(db).close()  # refuse a bad file before starting the server
    from bellum.server import serve as _serve

    err.print(f"serving {db} on http://{host}:{port}/  (Ctrl-C stops)")
    _serve(str(db), host=host, port=port)


gazetteer_app = typer.Typer(help="The offline gazetteer (GeoNames): import country dumps, search names.")
app.add_typer(gazetteer_app, name="gazetteer")


@command("load", on=gazetteer_app)
def gazetteer_load_cmd(files: list[Path] = typer.Argument(..., help="GeoNames dumps (XX.txt or XX.zip), admin code files")):
    """Import GeoNames country dumps so places of any country can be geocoded."""
    from bellum.geo import gazetteer_load

    n = gazetteer_load(files)
    err.print(f"added {n} places")


@command("search", on=gazetteer_app)
def gazetteer_search_cmd(
    name: str = typer.Argument(..., help="place name, any spelling"),
    country: Optional[str] = typer.Option(None, help="ISO2 code or country name"),
    limit: int = typer.Option(10, help="at most this many candidates"),
    as_json: bool = typer.Option(False, "--json", help="JSON records"),
):
    """Candidates for a place name, best first, with their scores."""
    from dataclasses import asdict

    from rich.table import Table

    from bellum.geo import gazetteer_search

    found = [asdict(c) for c in gazetteer_search(name, country=country, limit=limit)]
    if as_json:
        sys.stdout.write(json.dumps(found, ensure_ascii=False) + "\n")
        return
    t = Table()
    cols = ["geonameid", "name", "country", "admin1", "feature_code", "population", "lat", "lon", "match", "score"]
    for c in cols:
        t.add_column(c)
    for row in found:
        t.add_row(*(str(row[c]) if row[c] is not None else "" for c in cols))
    out.print(t)
    if not found:
        err.print(f"no place matches '{name}'")


@command()
def doctor(db: Optional[Path] = typer.Option(None, "--db", help="also check this knowledge base")):
    """Check the model, data files and a knowledge base; say how to fix what fails."""
    from rich.table import Table

    from bellum.doctor import run

    checks = run(db)
    t = Table()
    for col in ("check", "status", "detail", "fix"):
        t.add_column(col)
    for c in checks:
        t.add_row(c.name, "[green]ok[/green]" if c.ok else "[red]fail[/red]", c.detail,
                  "" if c.ok else f"{c.fix} (blocks {c.blocks})")
    out.print(t)
    if not all(c.ok for c in checks if c.name != "chromium"):
        raise typer.Exit(1)


_register_structure_commands(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
