"""The `bellum` command. Commands are thin: parse options, call the library,
render with Rich (people) or JSON/CSV (programs). Every command goes through
the one error boundary of cli_boundary.py: an error becomes one red line and
an exit code (1 general, 2 bad input or argument, 3 not a knowledge base)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.markup import escape

from bellum import cli_boundary
from bellum.cli_boundary import OneLineErrors, err
from bellum.cli_structure import register as _register_structure_commands
from bellum.errors import InvalidArgument

out = Console()

app = typer.Typer(cls=OneLineErrors, add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Conflict text -> source-linked conflict data.")

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
    manifest: Optional[list[Path]] = typer.Option(
        None, "--manifest", help="CSV or JSONL of the documents' metadata: id or path, and published, url, "
                                 "publisher, title, language (repeatable)"),
    skip_bad: bool = typer.Option(False, "--skip-bad", help="leave out files that cannot be read, and list them"),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, max=256,
                                       help="local: worker processes (default: every core)"),
):
    """Read texts, extract events and structure, write the knowledge base.

    A manifest's publication date anchors the dates a text gives without a
    year or as "on Saturday"; its publisher is ACLED's source. It wins over
    a page's meta tags, which win over a dateline in the text."""
    if engine not in ("local", "dask"):
        raise InvalidArgument(f"unknown --engine '{engine}'; choose local or dask")
    if engine == "local" and (workers or scheduler or keep_shards):
        raise InvalidArgument("--workers, --scheduler and --keep-shards go with --engine dask")
    if engine == "dask" and jobs:
        raise InvalidArgument("--jobs goes with --engine local; the Dask engine takes --workers")
    if engine == "dask" and skip_bad:
        raise InvalidArgument("--skip-bad goes with --engine local")
    skipped: list | None = [] if skip_bad else None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from bellum.kb import UNDATED_WARNING, undated
    from bellum.kb import build as _build

    def warn(line: str) -> None:
        err.print(f"[yellow]warning:[/yellow] {line}", highlight=False, markup=True, soft_wrap=True)

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("extracting", total=None)

        def progress(done, total, doc_id):
            bar.update(task, completed=done, total=total, description=f"extracting {doc_id}")

        if engine == "dask":
            from bellum.scale import build_dask

            kb = build_dask(paths, db=db, workers=workers, scheduler=scheduler, progress=progress,
                            keep_shards=keep_shards, manifest=manifest, warn=warn)
        else:
            kb = _build(paths, db=db, progress=progress, manifest=manifest, warn=warn, skipped=skipped,
                        jobs=jobs)
    n = kb.count()
    docs = len(kb.documents())
    no_date, in_docs = undated(kb.con)
    kb.close()
    for path, why in skipped or []:
        err.print(f"skipped {escape(why)}", highlight=False)
    left_out = f", {len(skipped)} unreadable file(s) skipped" if skipped else ""
    err.print(f"built {db}: {docs} document(s), {n} event(s){left_out}", highlight=False)
    if no_date:
        warn(UNDATED_WARNING.format(n=no_date, m=in_docs))


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
    gold: list[Path] = typer.Argument(..., help="gold events (JSON Lines, event-schema v1), or folders of gold sets"),
    db: Path = typer.Option(DEFAULT_DB, "--db", help=DB_HELP),
    as_json: bool = typer.Option(False, "--json", help="one JSON object (a list with several gold sets)"),
    split: Optional[Path] = typer.Option(None, "--split", help="CSV slice,id,split: score only the documents of --part"),
    part: Optional[str] = typer.Option(None, "--part", help="with --split: blind | dev"),
    show_errors: bool = typer.Option(False, "--errors", help="list every missed, spurious and wrong event "
                                                             "(refused with --part blind)"),
):
    """Score the knowledge base's events against gold events.

    A folder holds gold sets: each `gold.jsonl` in it (at any depth) is one
    set, scored against the events of its own documents (the ids of its
    sibling sources.csv or docs/ folder), one row per set and a total row."""
    from bellum.evaluate import errors, evaluate_kb, evaluate_sets, gold_sets, read_split

    if (split is None) != (part is None):
        raise InvalidArgument("--split FILE and --part blind|dev go together")
    if part is not None and part not in ("blind", "dev"):
        raise InvalidArgument(f"unknown --part '{part}'; choose blind or dev")
    if show_errors and part == "blind":
        raise InvalidArgument("--errors lists single events: refused on the blind part (only its totals are shown)")
    only = read_split(split, part) if split is not None else None
    if len(gold) == 1 and not gold[0].is_dir() and only is None and not show_errors:
        _eval_one(gold[0], db, as_json, evaluate_kb)
        return
    sets = gold_sets(gold)
    with _open(db) as kb:
        rows = errors(sets, kb, only) if show_errors else evaluate_sets(sets, kb, only)
    if as_json:
        sys.stdout.write(json.dumps(rows) + "\n")
        return
    from rich import box
    from rich.table import Table

    if show_errors:
        t = Table(title=f"{len(rows)} error(s)")
        for c in ("set", "doc", "kind", "gold", "predicted", "detail"):
            t.add_column(c)
        for r in rows:
            t.add_row(*(str(r[c] or "") for c in ("set", "doc", "kind", "gold", "predicted", "detail")))
        out.print(t)
        return
    fields = list(rows[0]["field_accuracy"])
    t = Table(title=f"{len(rows) - 1} gold set(s)" + (f", {part} part of {split.name}" if part else "") +
              ": P R F1 of events, accuracy of fields", box=box.SIMPLE_HEAD,
              padding=(0, 0), pad_edge=False)
    short = {"predicted": "pred", "matched": "hit", "precision": "P", "recall": "R", "f1": "F1",
             "event_type": "type", "sub_event_type": "sub", "actor1": "a1", "actor2": "a2",
             "location": "loc", "fatalities": "fat"}
    for c in ("set", "docs", "gold", "predicted", "matched", "precision", "recall", "f1", *fields):
        t.add_column(short.get(c, c), justify="left" if c == "set" else "right", no_wrap=True)
    for r in rows:
        t.add_row(r["set"], str(r["docs"]), str(r["gold"]), str(r["predicted"]), str(r["matched"]),
                  *(f"{r[k]:.2f}" for k in ("precision", "recall", "f1")),
                  *(f"{r['field_accuracy'][k]:.2f}" for k in fields), end_section=r is rows[-2])
    out.print(t)


def _eval_one(gold: Path, db: Path, as_json: bool, evaluate_kb) -> None:
    """One gold file: the figures of all its documents' events."""
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
    port: int = typer.Option(8000, min=1, max=65535, help="port"),
    allow_host: list[str] = typer.Option([], "--allow-host",
                                         help="also answer requests naming this host (repeatable); "
                                              "loopback names and --host always are"),
):
    """Serve the HTTP API and the dashboard (read-only)."""
    from bellum import store

    store.connect(db).close()  # refuse a bad file before starting the server
    from bellum.server import serve as _serve

    shown = f"[{host}]" if ":" in host else host
    _serve(str(db), host=host, port=port, allow_hosts=tuple(allow_host),
           ready=lambda: err.print(f"serving {db} on http://{shown}:{port}/  (Ctrl-C stops)", highlight=False))


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
