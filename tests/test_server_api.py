"""The HTTP API against a real uvicorn server on loopback, over a small invented knowledge base."""

from __future__ import annotations

import csv
import hashlib
import io
import re

import duckdb
import httpx
import pytest

from bellum.errors import KnowledgeBaseInvalid
from bellum.server import create_app
from bellum.store import SCHEMA_VERSION
from bellum.filters import FILTERS
from bellum.server.testing import SAMPLE_DOC, SAMPLE_SENTENCES, running_server, sample_text, write_sample_kb
from bellum.store import SCHEMA_VERSION

FAMA, ALF, SIM = "Military Forces of Mali", "Azawad Liberation Front", "Sahel Islamic Movement"
BFA = "Military Forces of Burkina Faso"


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return write_sample_kb(tmp_path_factory.mktemp("kb") / "sample.duckdb")


@pytest.fixture(scope="module")
def api(kb):
    with running_server(kb) as url, httpx.Client(base_url=url, timeout=20) as client:
        yield client


def ids(body):
    return [e["event_id"] for e in body["events"]]


@pytest.mark.parametrize(
    "params, expected",
    [
        ({}, ["sx-001", "sx-002", "sx-003", "sx-004", "sx-005", "sx-007", "sx-006", "sx-008"]),
        ({"actor": "FAMa"}, ["sx-001", "sx-002", "sx-005", "sx-007", "sx-006"]),
        ({"actor": "azawad liberation front"}, ["sx-001", "sx-002", "sx-003", "sx-005"]),
        ({"actor": "Katiba Sahel|Burkinabe army"}, ["sx-008"]),
        ({"actor": "wagner group"}, ["sx-006"]),  # an associated actor
        ({"event_type": "Battles|Explosions/Remote violence"},
         ["sx-001", "sx-002", "sx-005", "sx-007", "sx-006", "sx-008"]),
        ({"sub_event_type": "armed clash"}, ["sx-001", "sx-007", "sx-008"]),
        ({"country": "burkina faso"}, ["sx-008"]),
        ({"admin1": "Kidal"}, ["sx-001", "sx-002", "sx-005", "sx-006"]),
        ({"location": "GAO"}, ["sx-004"]),
        ({"since": "2024"}, ["sx-007", "sx-006", "sx-008"]),
        ({"since": "2024-06"}, ["sx-007", "sx-008"]),  # a 2024 event may fall after June
        ({"until": "2012-03"}, ["sx-001", "sx-002"]),
        ({"since": "2012-04-15", "until": "2012-04-20"}, ["sx-003"]),  # April 2012 overlaps
        ({"min_fatalities": 10}, ["sx-001", "sx-008"]),
        ({"q": "convoy"}, ["sx-008"]),  # found in the source passage
        ({"q": "100%"}, []),  # % is a character, not a wildcard
        ({"doc": SAMPLE_DOC, "actor": "ALF", "since": "2023"}, ["sx-005"]),
    ],
)
def test_server_events_filters(api, params, expected):
    r = api.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is True
    assert ids(body) == expected
    assert body["total"] == len(expected)


def test_server_events_pagination_reports_total(api):
    body = api.get("/api/events", params={"limit": 3, "offset": 3}).json()
    assert body["total"] == 8 and body["limit"] == 3 and body["offset"] == 3
    assert ids(body) == ["sx-004", "sx-005", "sx-007"]


def test_server_events_csv_is_acled_layout(api):
    r = api.get("/api/events", params={"country": "Mali", "min_fatalities": 1, "format": "csv"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    reader = csv.DictReader(io.StringIO(r.text))
    assert reader.fieldnames[:3] == ["event_id_cnty", "event_date", "year"]  # ACLED's layout
    rows = list(reader)
    assert [row["event_id_cnty"] for row in rows] == ["sx-001", "sx-006"]
    assert rows[0]["fatalities"] == "12" and rows[0]["location"] == "Tessalit"
    assert rows[0]["assoc_actor_1"] == ""
    assert rows[1]["assoc_actor_1"] == "Wagner Group; Military Forces of Russia"  # ACLED's separator
    assert r.headers["x-total-count"] == "2"


def test_server_event_has_its_source_passage(api):
    text, _, spans = sample_text()
    ev = api.get("/api/events/sx-004").json()["event"]
    assert ev["event_type"] == "Violence against civilians" and ev["geo_precision"] == 2
    (src,) = ev["sources"]
    start, end = spans["abduction"]
    assert (src["doc_id"], src["start_char"], src["end_char"]) == (SAMPLE_DOC, start, end)
    assert src["text"] == SAMPLE_SENTENCES["abduction"] == text[start:end]
    assert src["section"] == "2012"


def test_server_actors_list_with_aliases_and_counts(api):
    actors = {a["name"]: a for a in api.get("/api/actors").json()["actors"]}
    assert actors[FAMA]["aliases"] == ["FAMa", "Malian army"]
    assert actors[FAMA]["events"] == 5
    assert actors["Katiba Sahel"]["member_of"] == [SIM]


@pytest.mark.parametrize("name", ["FAMa", "military forces of mali", "Malian army"])
def test_server_actor_by_name_or_alias(api, name):
    rec = api.get(f"/api/actors/{name}").json()["actor"]
    assert rec["name"] == FAMA
    assert rec["events"]["count"] == 5 and rec["events"]["fatalities"] == 21
    assert {(c["place"], c["since"]) for c in rec["control"]} >= {("Kidal", "2023-11-14"), ("Gao", None)}
    assert {r["kind"] for r in rec["relations"]} == {"hostility"}


@pytest.mark.parametrize(
    "place, at, expected",
    [
        ("Kidal", "2012-03-29", [(FAMA, False)]),
        ("Kidal", "2012-03-30", [(ALF, False)]),  # the day it changed hands
        ("kidal", "2020", [(ALF, False)]),
        ("KIDAL", "2024-01", [(FAMA, False)]),
        ("Tessalit", "2012-03-15", [(FAMA, True), (ALF, True)]),  # a month-precise change: both uncertain
        ("Tessalit", "2012-05", [(ALF, False)]),
        ("Gao", "2018-07-01", [(FAMA, False)]),
    ],
)
def test_server_control_at_date(api, place, at, expected):
    body = api.get("/api/control", params={"place": place, "at": at}).json()
    assert [(c["actor"], c["uncertain"]) for c in body["control"]] == expected


def test_server_control_without_date_is_the_whole_timeline(api):
    spans = api.get("/api/control", params={"place": "Kidal"}).json()["control"]
    assert [(c["actor"], c["since"], c["until"]) for c in spans] == [
        (FAMA, None, "2012-03-30"), (ALF, "2012-03-30", "2023-11-14"), (FAMA, "2023-11-14", None)]
    assert spans[1]["sources"][0]["doc"] == SAMPLE_DOC


@pytest.mark.parametrize(
    "date, kidal",
    [("2012-01-15", [FAMA]), ("2013-06-01", [ALF]), ("2024-02-01", [FAMA])],
)
def test_server_state_gives_holders_at_date(api, date, kidal):
    body = api.get("/api/state", params={"date": date}).json()
    assert body["date"] == date
    places = {p["place"]: p for p in body["places"]}
    assert [h["actor"] for h in places["Kidal"]["holders"]] == kidal
    assert places["Kidal"]["latitude"] == pytest.approx(18.4411)


def test_server_state_places_a_town_by_its_events_when_control_has_no_coordinates(api):
    places = {p["place"]: p for p in api.get("/api/state", params={"date": "2020"}).json()["places"]}
    assert (places["Djibo"]["latitude"], places["Djibo"]["longitude"]) == (14.1022, -1.6306)


def test_server_control_marks_a_holding_long_unconfirmed_as_stale(api):
    # the ALF's Kidal was last confirmed in May 2013: current in 2014, stale in 2016
    (c,) = api.get("/api/control", params={"place": "Kidal", "at": "2014-06-01"}).json()["control"]
    assert (c["actor"], c["stale"], c["confirmed"]) == (ALF, False, "2013-05")
    (c,) = api.get("/api/control", params={"place": "Kidal", "at": "2016-06-01"}).json()["control"]
    assert (c["actor"], c["stale"]) == (ALF, True)
    body = api.get("/api/state", params={"date": "2016-06-01"}).json()
    kidal = {p["place"]: p for p in body["places"]}["Kidal"]
    assert kidal["holders"][0]["stale"] is True and body["stale_after_days"] >= 365
    # a holding never confirmed by any passage (inferred, no date) is not called stale
    gao = {p["place"]: p for p in body["places"]}["Gao"]
    assert gao["holders"][0]["stale"] is False
    # one inferred from the change that ends it (no start) is stale long before that change
    early = {p["place"]: p for p in api.get("/api/state", params={"date": "2009-06-01"}).json()["places"]}
    assert early["Kidal"]["holders"][0]["stale"] is True
    late = {p["place"]: p for p in api.get("/api/state", params={"date": "2012-02-15"}).json()["places"]}
    assert late["Kidal"]["holders"][0]["stale"] is False


def test_server_state_marks_contested_places(api):
    places = {p["place"]: p for p in api.get("/api/state", params={"date": "2012-03-10"}).json()["places"]}
    assert places["Tessalit"]["contested"] is True
    assert places["Gao"]["contested"] is False


@pytest.mark.parametrize(
    "at, edges",
    [
        ("2012-06", {("alliance", ALF, SIM), ("hostility", ALF, FAMA)}),
        ("2024-06", {("hostility", ALF, FAMA), ("hostility", SIM, BFA), ("member", "Katiba Sahel", SIM)}),
        ("2016-06", {("hostility", SIM, BFA)}),
    ],
)
def test_server_graph_relations_in_force(api, at, edges):
    body = api.get("/api/graph", params={"at": at}).json()
    assert {(e["kind"], e["source"], e["target"]) for e in body["edges"]} == edges
    assert {n["name"] for n in body["nodes"]} == {x for e in edges for x in e[1:]}


def test_server_graph_without_date_has_every_relation(api):
    assert len(api.get("/api/graph").json()["edges"]) == 5


def test_server_document_text_and_sections(api):
    text, sections, _ = sample_text()
    doc = api.get(f"/api/documents/{SAMPLE_DOC}").json()["document"]
    assert doc["text"] == text and doc["n_chars"] == len(text)
    assert [(s["title"], s["start_char"], s["end_char"]) for s in doc["sections"]] == [
        (t, a, b) for t, _, a, b in sections]


def test_server_stats_per_month_and_type(api):
    body = api.get("/api/stats").json()
    rows = {(r["month"], r["event_type"]): (r["events"], r["fatalities"]) for r in body["months"]}
    assert rows[("2012-02", "Battles")] == (1, 12)
    assert rows[("2024-08", "Battles")] == (1, 30)
    assert body["year_only"] == [{"year": "2024", "event_type": "Battles", "events": 1, "fatalities": 0}]
    filtered = api.get("/api/stats", params={"country": "Burkina Faso"}).json()
    assert [(r["month"], r["events"]) for r in filtered["months"]] == [("2024-08", 1)]


def test_server_info_extent_and_counts(api):
    info = api.get("/api/info").json()
    assert info["events"] == 8 and info["documents"] == 1
    assert (info["first_date"], info["last_date"]) == ("2012-02-03", "2024-12-31")
    assert info["extent"] == [[-4.0, 14.1022], [1.4078, 20.2013]]  # [[west, south], [east, north]]


# Every endpoint's failure case: one JSON shape, a 4xx, a message naming the problem.
FAILURES = [
    ("GET", "/api/events?min_fatalities=many", 400, "min_fatalities"),
    ("GET", "/api/events?since=2012/03", 400, "since"),
    ("GET", "/api/events?until=2012-02-30", 400, "until"),
    ("GET", "/api/events?limit=0", 400, "limit"),
    ("GET", "/api/events?format=xml", 400, "format"),
    ("GET", "/api/events/sx-999", 404, "sx-999"),
    ("GET", "/api/stats?since=yesterday", 400, "since"),
    ("POST", "/api/actors", 405, "POST"),
    ("GET", "/api/actors/Nobody%20Armed", 404, "Nobody Armed"),
    ("GET", "/api/control?place=Atlantis", 404, "Atlantis"),
    ("GET", "/api/control?place=Kidal&at=soon", 400, "at"),
    ("GET", "/api/state", 400, "date"),
    ("GET", "/api/state?date=2012-13", 400, "date"),
    ("GET", "/api/state?date=", 400, "date"),
    ("GET", "/api/events?offset=9223372036854775808", 400, "offset"),
    ("GET", "/api/events?actr=JNIM", 400, "actr"),
    ("GET", "/api/graph?at=last%20year", 400, "at"),
    ("GET", "/api/documents/missing_doc", 404, "missing_doc"),
    ("POST", "/api/info", 405, "POST"),
    ("POST", "/api/filters", 405, "POST"),
    ("GET", "/api/nothing-here", 404, "/api/nothing-here"),
    ("GET", "/static/vendor/none.js", 404, ""),
]


def test_server_error_shape_for_every_endpoint(kb, api):
    covered = set()
    for method, url, status, mentions in FAILURES:
        r = api.request(method, url)
        body = r.json()
        assert r.status_code == status, (url, r.text)
        assert body == {"ok": False, "error": body["error"], "status": status}, url
        assert isinstance(body["error"], str) and body["error"] and mentions in body["error"], url
        covered.add(re.sub(r"\?.*", "", url))
    # a new endpoint must come with its failure case here
    app = create_app(str(kb))
    app.state.con.close()
    routes = {r.path for r in app.routes if r.path.startswith("/api")}
    for route in routes:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^?]+", route) + "$"
        assert any(re.match(pattern, u) for u in covered), f"no failure case for {route}"


ODD_VALUES = ["|", " | ", "%", "_", "'", '"', "\\", "\x00", "😀", "a" * 3000, "0", "-1", "1e309", "0000", "2012-00-00"]


@pytest.mark.parametrize("name", [f.name for f in FILTERS] + ["limit", "offset", "format"])
def test_server_odd_values_never_give_a_500(api, name):
    for value in ODD_VALUES:
        for path in ("/api/events", "/api/stats"):
            r = api.get(path, params={name: value})
            assert r.status_code in (200, 400), (path, name, value, r.text)
            if r.status_code == 400:
                assert r.json()["ok"] is False and r.json()["error"]


@pytest.mark.parametrize("url", [
    "/api/events/%00", "/api/actors/", "/api/actors/%27%3B--", "/api/documents/..%2F..%2Fetc%2Fpasswd",
    "/api/control?place=%25", "/api/control?at=0000", "/api/state?date=9999-12-31", "/api/graph?at=2012-02-30",
    "/static/..%2F..%2Fapp.py",
])
def test_server_odd_paths_never_give_a_500(api, url):
    r = api.get(url)
    assert r.status_code < 500, (url, r.text)
    if r.status_code >= 400:
        assert set(r.json()) == {"ok", "error", "status"}


def test_server_docs_page_works_offline(api):
    html = api.get("/docs").text
    urls = re.findall(r"""(?:src|href|url)\s*[:=]\s*['"]([^'"]+)['"]""", html)
    assert urls, html
    for url in urls:
        assert not re.match(r"(https?:)?//", url), f"/docs needs the network for {url}"
        assert api.get(url).status_code == 200, url


def test_server_filters_are_declared_once(api):
    spec = api.get("/openapi.json").json()
    for path in ("/api/events", "/api/stats"):
        params = {p["name"]: p for p in spec["paths"][path]["get"]["parameters"]}
        names = set(params) - {"limit", "offset", "format"}
        assert names == {f.name for f in FILTERS}, path
        for f in FILTERS:
            assert f.help in params[f.name]["description"]
    listed = api.get("/api/filters").json()["filters"]
    assert [f["name"] for f in listed] == [f.name for f in FILTERS]


def test_server_never_writes_the_knowledge_base(kb, api):
    before = hashlib.sha256(kb.read_bytes()).hexdigest()
    for url in ("/api/events?q=x", "/api/state?date=2013", "/api/graph", "/api/actors/ALF", "/api/stats"):
        assert api.get(url).status_code == 200
    app = create_app(str(kb))
    with pytest.raises(duckdb.Error, match="read-only"):
        app.state.con.execute("CREATE TABLE scribble (i INTEGER)")
    app.state.con.close()
    assert hashlib.sha256(kb.read_bytes()).hexdigest() == before


def test_server_rejects_what_is_not_a_knowledge_base(tmp_path):
    with pytest.raises(KnowledgeBaseInvalid, match="no knowledge base here"):
        create_app(str(tmp_path / "absent.duckdb"))
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database at all\n" * 50)
    with pytest.raises(KnowledgeBaseInvalid, match="not a readable DuckDB"):
        create_app(str(text))
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(KnowledgeBaseInvalid, match="not a bellum knowledge base"):
        create_app(str(empty))
    partial = tmp_path / "partial.duckdb"
    con = duckdb.connect(str(partial))
    con.execute("CREATE TABLE meta (key VARCHAR, value VARCHAR); INSERT INTO meta VALUES ('schema_version', ?)",
                [SCHEMA_VERSION])
    con.close()
    with pytest.raises(KnowledgeBaseInvalid, match="no table documents, sections, events"):
        create_app(str(partial))


@pytest.mark.model
def test_server_serves_a_built_knowledge_base(small_kb):
    """Over a knowledge base the real pipeline built: every source passage is the text at its offsets."""
    with running_server(small_kb) as url, httpx.Client(base_url=url, timeout=60) as client:
        page = client.get("/api/events", params={"limit": 1000}).json()
        assert page["total"] == len(page["events"]) > 0
        docs = {}
        for ev in page["events"][:40]:
            full = client.get(f"/api/events/{ev['event_id']}").json()["event"]
            assert full["sources"], ev["event_id"]
            for src in full["sources"]:
                if src["doc_id"] not in docs:
                    docs[src["doc_id"]] = client.get(f"/api/documents/{src['doc_id']}").json()["document"]["text"]
                assert src["text"] == docs[src["doc_id"]][src["start_char"]:src["end_char"]]
        date = [ev["event_date"] for ev in page["events"] if ev["event_date"]][-1][:4]  # undated ones last
        assert client.get("/api/state", params={"date": date}).status_code == 200
        assert client.get("/api/graph", params={"at": date}).status_code == 200
        assert client.get("/api/stats").json()["ok"] is True


def test_server_cli_serve_answers_on_loopback(kb):
    """`bellum serve --db FILE --port N` runs the same app (the lead's CLI calls serve())."""
    import socket
    import subprocess
    import time

    from conftest import bellum_cmd

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([*bellum_cmd(), "serve", "--db", str(kb), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/api/info", timeout=2)
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.communicate()[1]
                assert time.monotonic() < deadline, "bellum serve did not start"
                time.sleep(0.2)
        assert r.json()["events"] == 8
        assert httpx.get(f"http://127.0.0.1:{port}/", timeout=5).headers["content-security-policy"].startswith(
            "default-src 'self'")
    finally:
        proc.terminate()
        proc.wait(timeout=20)
