"""Documents carry their metadata: a build manifest (CSV or JSONL), HTML meta
tags, the publication date anchoring relative dates, the publisher as ACLED's
source, and events nothing dates kept with an unknown date. Every text here is
invented."""

from __future__ import annotations


import csv
import io
import json
import re

import pytest

from bellum.errors import InvalidArgument
from bellum.sources import read_paths, read_text
from bellum.sources.manifest import Manifest, parse_published, read_manifest
from conftest import run_cli

# a VOA-style report: no year anywhere, only "on Saturday"
VOA = """Gunmen Kill Soldiers in Northern Mali

Suspected jihadists attacked an army post near Gao on Saturday, killing five soldiers, \
the Malian army said in a statement.
"""
NO_DATE = """Militants Attack Village

Gunmen killed seven villagers in an attack on the village of Tinzaouatene.
"""
HTML = """<!doctype html><html lang="en-GB"><head>
<title>Attack near Gao | Sahel Wire</title>
<meta property="article:published_time" content="2015-06-29T08:30:00+00:00">
<meta property="og:url" content="https://news.example.org/gao-attack">
<meta property="og:site_name" content="Sahel Wire">
<meta property="og:title" content="Gunmen attack army post near Gao">
</head><body><h1>Gunmen attack army post near Gao</h1>
<p>Gunmen attacked a police station in Timbuktu on Friday, killing two policemen.</p>
</body></html>
"""


def _write(folder, name, text):
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


# ---- reading manifests ------------------------------------------------------

def test_manifest_csv_reads_fields_and_ignores_unknown_columns(tmp_path):
    m = _write(tmp_path, "sources.csv", "id,url,title,publisher,published,licence\n"
               "gao_report,https://example.org/a,Attack,Sahel Wire,2015-06-29,public domain\n"
               "kidal_report,,,,2019-06,\n")
    rows = read_manifest(m)
    assert [(r.id, r.published, r.publisher, r.url, r.line) for r in rows] == [
        ("gao_report", "2015-06-29", "Sahel Wire", "https://example.org/a", 2),
        ("kidal_report", "2019-06", "", "", 3)]


def test_manifest_jsonl_by_path(tmp_path):
    doc = _write(tmp_path, "report.txt", VOA)
    m = _write(tmp_path, "meta.jsonl", json.dumps({"path": "report.txt", "published": "2015-06-29T10:00:00Z",
                                                  "publisher": "Sahel Wire", "language": "en",
                                                  "extra": 1}) + "\n")
    (d,) = read_paths([doc], manifest=Manifest.load(m))
    assert (d.published, d.publisher, d.language) == ("2015-06-29", "Sahel Wire", "en")


@pytest.mark.parametrize("value,iso", [("2019", "2019"), ("2019-06", "2019-06"), ("2019-6-3", "2019-06-03"),
                                       ("2019-06-03 10:04", "2019-06-03"), ("2019-02-30", None),
                                       ("June 2019", None), ("2019-06 or so", None)])
def test_publication_dates_are_iso_at_their_precision(value, iso):
    assert parse_published(value) == iso


def test_manifest_bad_date_names_line_and_value(tmp_path):
    m = _write(tmp_path, "sources.csv", "id,published\na,2015-06-29\nb,29/06/2015\n")
    with pytest.raises(InvalidArgument, match=r"line 3 \(b\): published '29/06/2015' is not a date"):
        read_manifest(m)


def test_manifest_needs_id_or_path(tmp_path):
    with pytest.raises(InvalidArgument, match="needs an 'id' or a 'path' column"):
        read_manifest(_write(tmp_path, "m.csv", "name,published\na,2015\n"))


def test_manifest_row_naming_no_document_is_reported(tmp_path):
    doc = _write(tmp_path, "gao_report.txt", VOA)
    man = Manifest.load(_write(tmp_path, "m.csv", "id,published\ngao_report,2015-06-29\nmissing,2015\n"))
    read_paths([doc], manifest=man)
    assert [r.id for r in man.unmatched()] == ["missing"]


# ---- HTML meta tags ---------------------------------------------------------

def test_html_meta_tags_give_the_metadata():
    d = read_text(HTML, "gao")
    assert (d.published, d.url, d.publisher, d.title, d.language) == (
        "2015-06-29", "https://news.example.org/gao-attack", "Sahel Wire", "Gunmen attack army post near Gao", "en")


def test_html_name_date_and_the_manifest_wins(tmp_path):
    page = HTML.replace('property="article:published_time" content="2015-06-29T08:30:00+00:00"',
                        'name="date" content="2015-06-29"')
    assert read_text(page, "gao").published == "2015-06-29"
    doc = _write(tmp_path, "gao.html", page)
    man = Manifest.load(_write(tmp_path, "m.csv", "id,published,publisher\ngao,2015-07-06,Other Wire\n"))
    (d,) = read_paths([doc], manifest=man)
    assert (d.published, d.publisher, d.url) == ("2015-07-06", "Other Wire", "https://news.example.org/gao-attack")


# ---- the publication date anchors dates; the publisher is the source --------

@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Three invented reports built with a manifest (one row naming no document)."""
    folder = tmp_path_factory.mktemp("manifest")
    docs = folder / "docs"
    docs.mkdir()
    _write(docs, "voa_gao.txt", VOA)
    _write(docs, "wire_gao.html", HTML)
    _write(docs, "no_date.txt", NO_DATE)
    _write(docs, "month_only.txt", VOA.replace("on Saturday", "on 12 March"))
    man = _write(folder, "sources.csv", "id,published,publisher,url\n"
                 "voa_gao,2015-06-29,Voice of America,https://voa.example/1\n"
                 "month_only,2019-06,,\n"
                 "not_built,2015-01-01,,\n")
    db = folder / "kb.duckdb"
    r = run_cli("build", docs, "--manifest", man, "--db", db, "-q")
    return db, r


@pytest.mark.model
def test_build_warns_once_per_unmatched_row_and_once_for_undated_events(built):
    _db, r = built
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stderr.splitlines() if ln.startswith("warning:")]
    assert len(lines) == 2, r.stderr
    assert "line 4: 'not_built' names no document read" in lines[0]
    assert lines[1] == ("warning: 1 event(s) in 1 document(s) have no date: give their publication date "
                        "with --manifest FILE (columns id,published)")


@pytest.mark.model
def test_saturday_anchors_on_the_manifest_date(built):
    import duckdb

    con = duckdb.connect(str(built[0]), read_only=True)
    rows = con.execute("SELECT doc_id, event_date, date_precision, source FROM events ORDER BY doc_id").fetchall()
    docs = dict(con.execute("SELECT doc_id, published || '|' || coalesce(publisher, '') || '|' || "
                            "coalesce(url, '') FROM documents").fetchall())
    con.close()
    by_doc = {d: (date, prec, src) for d, date, prec, src in rows}
    # 29 June 2015 is a Monday: "on Saturday" is the 27th
    assert by_doc["voa_gao"] == ("2015-06-27", "day", "Voice of America")
    assert by_doc["wire_gao"] == ("2015-06-26", "day", "Sahel Wire")  # from the meta tags
    # a month-precision publication date anchors the year only
    assert by_doc["month_only"][:2] == ("2019-03-12", "day")
    assert by_doc["no_date"] == (None, "unknown", None)
    assert docs["voa_gao"] == "2015-06-29|Voice of America|https://voa.example/1"
    assert docs["month_only"] == "2019-06||"


@pytest.mark.model
def test_exports_and_api_cope_with_an_unknown_date(built):
    db = built[0]
    r = run_cli("export", "--db", db, "--format", "acled-csv")
    assert r.returncode == 0, r.stderr
    rows = {re.sub(r"-[0-9a-f]{8}(-\d+)?$", "", row["event_id_cnty"]): row  # ids: doc-hash
            for row in csv.DictReader(io.StringIO(r.stdout))}
    assert rows["voa_gao"]["source"] == "Voice of America"
    assert rows["month_only"]["source"] == "month_only"  # no publisher: the document
    assert rows["no_date"]["event_date"] == "" and rows["no_date"]["year"] == ""
    assert rows["no_date"]["time_precision"] == "3"
    r = run_cli("export", "--db", db, "--format", "jsonl")
    records = [json.loads(line) for line in r.stdout.splitlines()]
    recs = {rec["doc"]: rec for rec in records}
    n = len(records)
    assert recs["no_date"]["date"] is None and recs["no_date"]["date_precision"] == "unknown"
    r = run_cli("events", "--db", db, "--json")
    assert r.returncode == 0 and len(json.loads(r.stdout)) == n
    r = run_cli("events", "--db", db)  # the Rich table shows it too
    assert r.returncode == 0 and f"{n} event(s)" in r.stderr
    import httpx

    from bellum.server.testing import running_server

    with running_server(db) as url, httpx.Client(base_url=url, timeout=60) as client:
        page = client.get("/api/events", params={"limit": 100}).json()
        undated = [e for e in page["events"] if e["event_date"] is None]
        assert len(undated) == 1
        assert client.get(f"/api/events/{undated[0]['event_id']}").status_code == 200
        assert client.get("/api/stats").json()["undated"] == 1
        doc = client.get("/api/documents/voa_gao").json()["document"]
        assert (doc["published"], doc["publisher"], doc["url"]) == ("2015-06-29", "Voice of America",
                                                                   "https://voa.example/1")
        assert client.get("/api/events", params={"since": "2015"}).json()["total"] == n - 1


def test_build_bad_manifest_date_exits_2_with_one_line(tmp_path):
    _write(tmp_path, "a.txt", VOA)
    man = _write(tmp_path, "m.csv", "id,published\na,last June\n")
    r = run_cli("build", tmp_path / "a.txt", "--manifest", man, "--db", tmp_path / "kb.duckdb", "-q")
    assert r.returncode == 2
    assert r.stderr.strip().count("\n") == 0 and "line 2 (a): published 'last June' is not a date" in r.stderr
    assert not (tmp_path / "kb.duckdb").exists()


@pytest.mark.model
def test_an_undated_title_joins_the_dated_event_it_names(nlp, res):
    """What is told before a document's first date (a title, a lead) is the story the
    dated passages then tell: it joins the first dated event of its type, not a new
    undated event."""
    from bellum.extract import process_document

    text = ("Massacre in the Mopti Region\n\nGunmen killed seven villagers in an attack on Tinzaouatene.\n\n"
            "The attack took place on 3 May 2020, when gunmen killed seven villagers in the village of "
            "Ogossagou, the government said.\n")
    doc = read_text(text, "ogossagou")
    events = process_document(doc, nlp(doc.text), res).events
    assert events and all(e.date.known for e in events)
    (e,) = [e for e in events if any(s.start == 0 for s in e.sources)]  # the title is a passage of it
    assert e.date.value == "2020-05-03" and "undated passage" in e.reasons["sources"]
