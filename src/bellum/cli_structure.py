"""CLI commands over the conflict's structure: control, state, actors, actor,
graph. Thin: parse options, call bellum.structure, render with Rich or print
JSON / GraphML. Errors are BellumError subclasses; cli.py turns them into
one line."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from bellum import structure
from bellum.cli_boundary import command as boundary_command
from bellum.errors import InvalidArgument

DB_HELP = "knowledge base file (from `bellum build`)"


def _ask(db: Path, query, *args, **kwargs):
    """Run one structure query on the knowledge base `db`, opened read-only."""
    con = structure.open_db(db)
    try:
        return query(con, *args, **kwargs)
    finally:
        con.close()


def _print_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def _quote(sources: list[dict], width: int = 90) -> str:
    if not sources:
        return ""
    q = (sources[0].get("quote") or "").replace("\n", " ")
    return q if len(q) <= width else q[: width - 1] + "…"


def _when(value, precision=None) -> str:
    if not value:
        return "…"
    return f"{value}" + (f" ({precision})" if precision and precision not in ("day",) else "")


def register(app: typer.Typer) -> None:
    """Add the commands control, state, actors, actor and graph to `app`."""
    def command(name):  # the error boundary: BellumError -> one line, exit code
        return boundary_command(app, name)

    @command("control")
    def control_cmd(
        place: str = typer.Argument(..., help="place name (case, accents and known variants ignored)"),
        at: str = typer.Option(None, "--at", help="date YYYY, YYYY-MM or YYYY-MM-DD; without it the whole timeline"),
        db: Path = typer.Option(Path("bellum.duckdb"), "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="print JSON for programs"),
    ) -> None:
        """Who held PLACE, over time or on one date, with the passages; a holding no
        passage has confirmed in the two years before the date is marked stale."""
        res = _ask(db, structure.control, place, at=at)
        if as_json:
            _print_json(res)
            return
        console = Console()
        if at is not None:
            table = Table(title=f"{res['place']} on {at}")
            rows = res["holders"]
        else:
            table = Table(title=f"Control of {res['place']}")
            rows = res["timeline"]
        for col in ("holder", "since", "until", "basis", "last confirmed", "source"):
            table.add_column(col, overflow="fold")
        for r in rows:
            seen = r.get("confirmed") or "…"
            if r.get("stale"):
                seen += " (stale)"
            elif r.get("stale_from"):
                seen += f" (stale from {r['stale_from']})"
            if r.get("stale_before"):
                seen += f" (stale before {r['stale_before']})"
            table.add_row(r["actor"], _when(r["since"], r.get("since_precision")),
                          _when(r["until"], r.get("until_precision")),
                          "inferred" if r["inferred"] else "reported", seen, _quote(r["sources"]))
        console.print(table)
        if at is not None and not rows:
            console.print(f"No recorded holder of {res['place']} on {at}.")
        elif at is not None and any(r.get("stale") for r in rows):
            console.print(f"[yellow]Stale: no passage confirms the holding within "
                          f"{structure.STALE_AFTER_DAYS} days before {at}.[/yellow]")
        elif at is not None and res.get("conflicting"):
            console.print("[yellow]Sources disagree: more than one holder on this date.[/yellow]")

    @command("state")
    def state_cmd(
        date: str = typer.Argument(..., help="date YYYY, YYYY-MM or YYYY-MM-DD"),
        db: Path = typer.Option(Path("bellum.duckdb"), "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="print JSON for programs"),
    ) -> None:
        """Places and holders (stale ones marked), coalitions, alliances and leaders on DATE."""
        res = _ask(db, structure.state, date)
        if as_json:
            _print_json(res)
            return
        console = Console()
        t = Table(title=f"Who held what on {date}")
        for col in ("place", "holder(s)", "since"):
            t.add_column(col)
        for p in res["places"]:
            t.add_row(p["place"], ", ".join(h["actor"] + (" (inferred)" if h["inferred"] else "")
                                            + (f" (stale: last confirmed {h['confirmed']})"
                                               if h.get("stale") else "")
                                            for h in p["holders"]),
                      ", ".join(h["since"] or "…" for h in p["holders"]))
        console.print(t)
        t = Table(title="Coalitions and members")
        t.add_column("coalition")
        t.add_column("members")
        for c, members in res["coalitions"].items():
            t.add_row(c, ", ".join(members))
        console.print(t)
        t = Table(title="Alliances, hostilities and agreements in force")
        for col in ("kind", "between", "since"):
            t.add_column(col)
        for kind in ("alliances", "hostilities", "agreements"):
            for r in res[kind]:
                t.add_row(r["kind"], f"{r['source']} – {r['target']}", r["start"] or "…")
        console.print(t)
        t = Table(title="Leaders")
        for col in ("person", "organisation", "role", "status"):
            t.add_column(col)
        for x in res["leaders"]:
            t.add_row(x["person"], x["organisation"] or "", x["role"] or "", x["status"])
        console.print(t)

    @command("actors")
    def actors_cmd(
        db: Path = typer.Option(Path("bellum.duckdb"), "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="print JSON for programs"),
    ) -> None:
        """All actors with aliases, coalitions and event counts."""
        df = _ask(db, structure.actors)
        if as_json:
            _print_json(json.loads(df.to_json(orient="records", force_ascii=False)))
            return
        t = Table(title=f"{len(df)} actors")
        for col in ("name", "kind", "aliases", "coalitions", "events", "years"):
            t.add_column(col, overflow="fold")
        for r in df.itertuples():
            years = "" if r.first_year is None or r.first_year != r.first_year else \
                f"{int(r.first_year)}–{int(r.last_year)}"
            t.add_row(r.name, r.kind or "", ", ".join(r.aliases[:4]) + (" …" if len(r.aliases) > 4 else ""),
                      ", ".join(r.coalitions), str(r.events), years)
        Console().print(t)

    @command("actor")
    def actor_cmd(
        name: str = typer.Argument(..., help="actor name or alias"),
        db: Path = typer.Option(Path("bellum.duckdb"), "--db", help=DB_HELP),
        as_json: bool = typer.Option(False, "--json", help="print JSON for programs"),
    ) -> None:
        """One actor: aliases, memberships over time, relations, leaders, events per year."""
        res = _ask(db, structure.actor, name)
        if as_json:
            _print_json(res)
            return
        console = Console()
        console.print(f"[bold]{res['name']}[/bold]  {res['kind'] or ''}  {res['country'] or ''}")
        if res["aliases"]:
            console.print("aliases: " + ", ".join(res["aliases"]))
        t = Table(title="Memberships, members and relations")
        for col in ("kind", "with", "from", "until", "basis", "source"):
            t.add_column(col, overflow="fold")
        for r in res["memberships"]:
            t.add_row("member of", r["target"] or "", _when(r["start"]), _when(r["end"]), r["basis"],
                      _quote(r["sources"], 70))
        for r in res["members"]:
            t.add_row("has member", r["source"], _when(r["start"]), _when(r["end"]), r["basis"],
                      _quote(r["sources"], 70))
        for r in res["relations"]:
            other = r["target"] if r["source"] == res["name"] else r["source"]
            t.add_row(r["kind"], other or "", _when(r["start"]), _when(r["end"]), r["basis"],
                      _quote(r["sources"], 70))
        console.print(t)
        if res["leaders"]:
            t = Table(title="Leaders")
            for col in ("person", "role", "fate", "date"):
                t.add_column(col)
            for x in res["leaders"]:
                t.add_row(x["person"], x["role"] or "", x["fate"] or "", x["fate_date"] or "")
            console.print(t)
        if res["events_per_year"]:
            console.print("events per year: " + ", ".join(f"{y}: {n}" for y, n in res["events_per_year"].items()))

    @command("graph")
    def graph_cmd(
        at: str = typer.Option(None, "--at", help="only relations in force on this date"),
        fmt: str = typer.Option("json", "--format", help="json or graphml"),
        output: Path = typer.Option(None, "--output", "-o", help="write to this file instead of stdout"),
        db: Path = typer.Option(Path("bellum.duckdb"), "--db", help=DB_HELP),
    ) -> None:
        """The organisation network: actors as nodes, relations as edges."""
        if fmt not in ("json", "graphml"):
            raise InvalidArgument(f"--format {fmt!r} is not supported; use json or graphml")
        g = _ask(db, structure.graph, at=at)
        text = (json.dumps(structure.graph_json(g), ensure_ascii=False, indent=2) if fmt == "json"
                else structure.graph_graphml(g))
        if output:
            from bellum.export import write_output

            write_output(output, text)
            typer.echo(f"wrote {g.number_of_nodes()} actors and {g.number_of_edges()} relations to {output}",
                       err=True)
        else:
            typer.echo(text)
