"""Knowledge bases made up for tests and benchmarks, and a server in a thread.

`write_sample_kb(path)` writes a small hand-made knowledge base: one invented
report on fighting in Mali and Burkina Faso (invented groups, real towns) with
events, control spans and relations whose source offsets point into its text.
`write_synthetic_kb(path, n_events)` writes many random events for
benchmarks. Both create the tables by executing bellum's schema.sql.
`running_server(db)` serves a knowledge base with uvicorn on a free loopback
port in a background thread.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from pathlib import Path
from typing import Iterator

import duckdb

from bellum.store import SCHEMA_VERSION, duckdb_connect, schema_sql


SAMPLE_DOC = "sahel_report"
SAMPLE_TITLE = "Fighting in the central Sahel (invented)"
# paragraphs of the invented report; every event below quotes one sentence
SAMPLE_SENTENCES = {
    "tessalit": "On 3 February 2012, fighters of the Azawad Liberation Front (ALF) attacked an army post "
                "in Tessalit, killing 12 soldiers.",
    "kidal_fall": "The Malian army abandoned Kidal on 30 March 2012 and the ALF took control of the town.",
    "alliance": "In April 2012 the ALF and the Sahel Islamic Movement announced that they would fight together.",
    "abduction": "Unknown gunmen seized two aid workers near Gao in June 2012; a note left behind read "
                 "<img src=x onerror=\"window.__pwned=1\"> & <b>nothing</b> else.",
    "kidal_back": "On 14 November 2023 the Malian army entered Kidal again after the ALF withdrew.",
    "drone": "On 14 May 2024 a drone operated by the Malian army struck a market close to Kidal, killing 9 civilians.",
    "mopti": "Throughout 2024 clashes between the army and the Sahel Islamic Movement were reported across "
             "the Mopti region.",
    "djibo": "On 20 August 2024 the Sahel Islamic Movement ambushed a convoy outside Djibo in Burkina Faso, "
             "killing 30 soldiers.",
}
_SECTIONS = (
    # accents, a dash and a character outside the BMP before the passages: offsets count code points
    ("Background", ["The conflict pitted several armed groups against the states of the region.",
                    "Ménaka — a town of the Sahel 🏜 — stayed calm at first."]),
    ("2012", ["tessalit", "kidal_fall", "alliance", "abduction"]),
    ("2023-2024", ["kidal_back", "drone", "mopti", "djibo"]),
)


def sample_text() -> tuple[str, list[tuple[str, int, int, int]], dict[str, tuple[int, int]]]:
    """(text, sections as (title, level, start, end), sentence key -> (start, end))."""
    parts, sections, spans = [f"= {SAMPLE_TITLE} =\n\n"], [], {}
    pos = len(parts[0])
    for title, keys in _SECTIONS:
        head = f"== {title} ==\n"
        parts.append(head)
        pos += len(head)
        start = pos
        for k in keys:
            sentence = SAMPLE_SENTENCES.get(k, k)
            spans[k] = (pos, pos + len(sentence))
            parts.append(sentence + "\n")
            pos += len(sentence) + 1
        parts.append("\n")
        pos += 1
        sections.append((title, 2, start, pos))
    return "".join(parts), sections, spans


MALI, BF = "Mali", "Burkina Faso"
FAMA, ALF, SIM = "Military Forces of Mali", "Azawad Liberation Front", "Sahel Islamic Movement"
BFA = "Military Forces of Burkina Faso"

# event id, sentence, date, date_end, precision, type, sub type, actor1, actor2, country, admin1,
# location, lat, lon, geo_precision, fatalities, control_change
SAMPLE_EVENTS = (
    ("sx-001", "tessalit", "2012-02-03", None, "day", "Battles", "Armed clash", ALF, FAMA,
     MALI, "Kidal", "Tessalit", 20.2013, 1.0119, 1, 12, None),
    ("sx-002", "kidal_fall", "2012-03-30", None, "day", "Battles", "Non-state actor overtakes territory",
     ALF, FAMA, MALI, "Kidal", "Kidal", 18.4411, 1.4078, 1, None, {"place": "Kidal", "to": ALF, "from": FAMA}),
    ("sx-003", "alliance", "2012-04", None, "month", "Strategic developments", "Agreement", ALF, SIM,
     MALI, None, None, 17.0, -4.0, 3, None, None),
    ("sx-004", "abduction", "2012-06", None, "month", "Violence against civilians",
     "Abduction/forced disappearance", "Unidentified Armed Group (Mali)", "Civilians (International)",
     MALI, "Gao", "Gao", 16.2717, -0.0447, 2, None, None),
    ("sx-005", "kidal_back", "2023-11-14", None, "day", "Battles", "Government regains territory", FAMA, ALF,
     MALI, "Kidal", "Kidal", 18.4411, 1.4078, 1, None, {"place": "Kidal", "to": FAMA, "from": ALF}),
    ("sx-006", "drone", "2024-05-14", None, "day", "Explosions/Remote violence", "Air/drone strike", FAMA,
     "Civilians (Mali)", MALI, "Kidal", "Kidal", 18.4411, 1.4078, 2, 9, None),
    ("sx-007", "mopti", "2024", None, "year", "Battles", "Armed clash", FAMA, SIM,
     MALI, "Mopti", "Mopti region", 14.5, -3.5, 3, None, None),
    ("sx-008", "djibo", "2024-08-20", None, "day", "Battles", "Armed clash", SIM, BFA,
     BF, "Sahel", "Djibo", 14.1022, -1.6306, 2, 30, None),
)

# allies fighting alongside actor1 (ACLED assoc_actor_1)
SAMPLE_ASSOC_1 = {"sx-006": ["Wagner Group", "Military Forces of Russia"]}

SAMPLE_ACTORS = (
    (FAMA, 1, "state forces", MALI, [], ["FAMa", "Malian army"]),
    (BFA, 1, "state forces", BF, [], ["Burkinabe army"]),
    (ALF, 2, "rebel group", MALI, [], ["ALF"]),
    (SIM, 2, "rebel group", MALI, [], ["SIM"]),
    ("Katiba Sahel", 2, "rebel group", MALI, [SIM], []),
    ("Unidentified Armed Group (Mali)", 3, "unidentified", MALI, [], ["Unknown gunmen"]),
    ("Civilians (Mali)", 7, "civilians", MALI, [], []),
    ("Civilians (International)", 7, "civilians", None, [], []),
)

# place, actor, since, since precision, until, until precision, inferred, lat, lon, sentence,
# last confirmation (the ALF's Kidal is stale from mid-2015: no report after May 2013)
SAMPLE_CONTROL = (
    ("Kidal", FAMA, None, None, "2012-03-30", "day", True, 18.4411, 1.4078, None, "2012-03-30"),
    ("Kidal", ALF, "2012-03-30", "day", "2023-11-14", "day", False, 18.4411, 1.4078, "kidal_fall", "2013-05"),
    ("Kidal", FAMA, "2023-11-14", "day", None, None, False, 18.4411, 1.4078, "kidal_back", "2023-11-14"),
    ("Tessalit", FAMA, None, None, "2012-03", "month", True, 20.2013, 1.0119, None, "2012-03"),
    ("Tessalit", ALF, "2012-03", "month", None, None, True, 20.2013, 1.0119, "tessalit", "2012-03"),
    ("Gao", FAMA, None, None, None, None, True, 16.2717, -0.0447, None, None),
    ("Djibo", BFA, None, None, None, None, True, None, None, None, None),  # coordinates from its events
)

# kind, source, target, start, start precision, end, end precision, sentence
SAMPLE_RELATIONS = (
    ("alliance", ALF, SIM, "2012-04", "month", "2013-01", "month", "alliance"),
    ("hostility", ALF, FAMA, "2012-01", "month", "2015-06", "month", "tessalit"),
    ("hostility", ALF, FAMA, "2023-08", "month", None, None, "kidal_back"),
    ("hostility", SIM, BFA, "2016", "year", None, None, "djibo"),
    ("member", "Katiba Sahel", SIM, "2017", "year", None, None, None),
)


def _create(path: str | Path) -> duckdb.DuckDBPyConnection:
    Path(path).unlink(missing_ok=True)
    con = duckdb_connect(path)
    con.execute(schema_sql())
    return con


def write_sample_kb(path: str | Path) -> Path:
    """Write the small invented knowledge base to `path` (replacing it)."""
    text, sections, spans = sample_text()
    con = _create(path)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('built_by', 'bellum.server.testing')", [SCHEMA_VERSION])
    con.execute("INSERT INTO documents (doc_id, title, path, format, text, sha256, n_chars) "
                "VALUES (?, ?, ?, 'article', ?, 'sample', ?)",
                [SAMPLE_DOC, SAMPLE_TITLE, "invented/sahel_report.txt", text, len(text)])
    for i, (title, level, start, end) in enumerate(sections):
        con.execute("INSERT INTO sections VALUES (?, ?, ?, ?, ?, ?)", [SAMPLE_DOC, i, title, level, start, end])
    for i, (key, (start, end)) in enumerate(sorted(spans.items(), key=lambda kv: kv[1])):
        con.execute("INSERT INTO passages VALUES (?, ?, ?, ?, NULL)", [SAMPLE_DOC, i, start, end])
    inter = {a[0]: a[1] for a in SAMPLE_ACTORS}
    for (eid, key, d, d_end, prec, etype, sub, a1, a2, country, admin1, loc, lat, lon, geo, fat,
         change) in SAMPLE_EVENTS:
        start, end = spans[key]
        con.execute(
            """INSERT INTO events (event_id, doc_id, event_date, date_end, date_precision, time_precision,
                 year, event_type, sub_event_type, actor1, assoc_actor_1, inter1, actor2, assoc_actor_2,
                 inter2, country, admin1, location, latitude, longitude, geo_precision, fatalities,
                 fatalities_low, fatalities_high, control_change, notes, confidence, reasons)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, [], ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0.8, ?)""",
            [eid, SAMPLE_DOC, d, d_end, prec, {"day": 1, "range": 2}.get(prec, 3), int(d[:4]), etype, sub,
             a1, SAMPLE_ASSOC_1.get(eid, []), inter.get(a1), a2, inter.get(a2), country, admin1, loc, lat, lon, geo, fat, fat, fat,
             json.dumps(change) if change else None, SAMPLE_SENTENCES[key][:60],
             json.dumps({"event_type": "test fixture"})],
        )
        con.execute("INSERT INTO event_sources VALUES (?, ?, ?, ?, ?)",
                    [eid, SAMPLE_DOC, start, end, text[start:end]])
    for name, code, kind, country, member_of, aliases in SAMPLE_ACTORS:
        con.execute("INSERT INTO actors VALUES (?, ?, ?, ?, ?, 'lexicon')", [name, code, kind, country, member_of])
        for alias in aliases:
            con.execute("INSERT INTO actor_aliases VALUES (?, ?, ?)", [alias, name, SAMPLE_DOC])
    for i, (place, who, since, sp, until, up, inferred, lat, lon, key, seen) in enumerate(SAMPLE_CONTROL):
        src = [{"doc": SAMPLE_DOC, "start": spans[key][0], "end": spans[key][1], "role": "opens"}] if key else []
        con.execute("INSERT INTO control VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [f"c{i}", place, who, since, sp, until, up, inferred,
                     "inferred" if inferred else "reported", "test fixture", json.dumps(src), lat, lon,
                     seen, "month" if seen and len(seen) == 7 else "day" if seen else None])
    for i, (kind, a, b, start, sp, end, ep, key) in enumerate(SAMPLE_RELATIONS):
        src = [{"doc": SAMPLE_DOC, "start": spans[key][0], "end": spans[key][1]}] if key else []
        con.execute("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'reported', NULL, 'test fixture', ?)",
                    [f"r{i}", kind, a, b, start, sp, end, ep, json.dumps(src)])
    con.execute("INSERT INTO leaders VALUES ('l0', 'Moussa Ag Example', ?, 'leader', 'killed', '2024-02',"
                " 'month', '[]')", [ALF])
    con.close()
    return Path(path)


def write_synthetic_kb(path: str | Path, n_events: int, seed: float = 0.42) -> Path:
    """Write `n_events` random events (with sources, actors, control) for benchmarks."""
    text, sections, spans = sample_text()
    con = _create(path)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?), ('built_by', 'bellum.server.testing')", [SCHEMA_VERSION])
    con.execute("SELECT setseed(?)", [seed])
    con.execute("INSERT INTO documents (doc_id, title, path, format, text, sha256, n_chars) "
                "SELECT 'doc-' || i, 'Synthetic ' || i, '', 'text', ?, '', ? FROM range(20) t(i)",
                [text, len(text)])
    con.execute("""
        CREATE TEMP TABLE places AS SELECT * FROM (VALUES
          ('Kidal', 'Kidal', 'Mali', 18.44, 1.41), ('Gao', 'Gao', 'Mali', 16.27, -0.04),
          ('Timbuktu', 'Tombouctou', 'Mali', 16.77, -3.01), ('Mopti', 'Mopti', 'Mali', 14.49, -4.20),
          ('Menaka', 'Menaka', 'Mali', 15.92, 2.40), ('Djibo', 'Sahel', 'Burkina Faso', 14.10, -1.63),
          ('Dori', 'Sahel', 'Burkina Faso', 14.03, -0.03), ('Ouahigouya', 'Nord', 'Burkina Faso', 13.58, -2.42),
          ('Tillaberi', 'Tillaberi', 'Niger', 14.21, 1.45), ('Segou', 'Segou', 'Mali', 13.43, -6.26))
          t(location, admin1, country, lat, lon)""")
    con.execute("""
        CREATE TEMP TABLE kinds AS SELECT * FROM (VALUES
          ('Battles', 'Armed clash'), ('Battles', 'Government regains territory'),
          ('Explosions/Remote violence', 'Air/drone strike'), ('Explosions/Remote violence', 'Remote explosive/landmine/IED'),
          ('Violence against civilians', 'Attack'), ('Violence against civilians', 'Abduction/forced disappearance'),
          ('Protests', 'Peaceful protest'), ('Strategic developments', 'Agreement')) t(event_type, sub_event_type)""")
    actors = [FAMA, BFA, ALF, SIM, "Katiba Sahel", "Civilians (Mali)", "Military Forces of Niger", "Wagner Group"]
    con.execute("INSERT INTO actors SELECT unnest(?::VARCHAR[]), 1, 'synthetic', 'Mali', [], 'lexicon'", [actors])
    con.execute("INSERT INTO actor_aliases VALUES ('FAMa', ?, NULL), ('ALF', ?, NULL)", [FAMA, ALF])
    sentences = [spans[k] for k in SAMPLE_SENTENCES]
    con.execute("""
        CREATE TEMP TABLE raw AS
        SELECT i, DATE '2012-01-01' + CAST(floor(random() * 5000) AS INTEGER) AS d,
               CAST(floor(random() * 10) AS INTEGER) AS p, CAST(floor(random() * 8) AS INTEGER) AS k,
               CAST(floor(random() * 8) AS INTEGER) AS a1, CAST(floor(random() * 8) AS INTEGER) AS a2,
               CAST(floor(random() * 20) AS INTEGER) AS doc, CAST(floor(random() * 8) AS INTEGER) AS s,
               CASE WHEN random() < 0.5 THEN CAST(floor(random() * random() * 60) AS INTEGER) END AS fat,
               CAST(floor(random() * 10) AS INTEGER) AS prec
        FROM range(?) t(i)""", [n_events])
    con.execute("""
        INSERT INTO events (event_id, doc_id, event_date, date_precision, time_precision, year, event_type,
            sub_event_type, actor1, assoc_actor_1, actor2, assoc_actor_2, country, admin1, location,
            latitude, longitude, geo_precision, fatalities, notes, confidence)
        SELECT printf('syn-%07d', i), 'doc-' || doc,
               CASE WHEN prec = 0 THEN strftime(d, '%Y') WHEN prec = 1 THEN strftime(d, '%Y-%m') ELSE strftime(d, '%Y-%m-%d') END,
               CASE WHEN prec = 0 THEN 'year' WHEN prec = 1 THEN 'month' ELSE 'day' END,
               CASE WHEN prec <= 1 THEN 3 ELSE 1 END, year(d), kinds.event_type, kinds.sub_event_type,
               ?[a1 + 1], [], ?[a2 + 1], [], places.country, places.admin1, places.location,
               places.lat, places.lon, 1 + (i % 3), fat, 'synthetic event ' || i, 0.5
        FROM raw JOIN (SELECT *, row_number() OVER () - 1 AS k FROM kinds) kinds USING (k)
                 JOIN (SELECT *, row_number() OVER () - 1 AS p FROM places) places USING (p)""",
        [actors, actors])
    starts, ends = [a for a, _ in sentences], [b for _, b in sentences]
    quotes = [text[a:b] for a, b in sentences]
    con.execute("""
        INSERT INTO event_sources SELECT printf('syn-%07d', i), 'doc-' || doc, ?[s + 1], ?[s + 1], ?[s + 1]
        FROM raw""", [starts, ends, quotes])
    for i, (place, who, since, sp, until, up, inferred, lat, lon, _, seen) in enumerate(SAMPLE_CONTROL):
        con.execute("INSERT INTO control VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, NULL)",
                    [f"c{i}", place, who, since, sp, until, up, inferred, "reported", "", lat, lon, seen])
    for i, (kind, a, b, start, sp, end, ep, _) in enumerate(SAMPLE_RELATIONS):
        con.execute("INSERT INTO relations VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'reported', NULL, '', '[]')",
                    [f"r{i}", kind, a, b, start, sp, end, ep])
    con.close()
    return Path(path)


@contextlib.contextmanager
def running_server(db_path: str | Path, host: str = "127.0.0.1") -> Iterator[str]:
    """Serve `db_path` with uvicorn on a free port of `host` in a thread; yields the base URL."""
    import uvicorn

    from bellum.server.app import create_app

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(str(db_path)), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
