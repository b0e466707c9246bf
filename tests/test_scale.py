"""The Dask engine gives the local engine's knowledge base, through shards."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bellum import scale
from bellum.errors import InvalidArgument, SourceNotReadable
from bellum.model import (Actor, ControlSpan, DateValue, DocResult, Document, Event, Leader, Place, Relation,
                          Section, Span)
from bellum.sources import source_files

# Invented reports (other places, other phrasings), one document each.
TEXTS = {
    "niger_tillaberi": "= Attack near Tillaberi =\n\nOn 10 May 2021 gunmen on motorbikes attacked the village of "
                       "Banibangou in the Tillaberi Region of Niger. Eleven civilians were killed and four "
                       "wounded.\n\nThe army sent reinforcements the next day.\n",
    "burkina_djibo": "= Siege of Djibo =\n\nIn June 2022 fighters of an armed group ambushed a supply convoy "
                     "outside Djibo. At least 30 soldiers were killed in the ambush.\n\nThe convoy turned back to "
                     "Ouagadougou.\n",
    "mali_menaka": "Militants attacked a camp near Menaka in March 2023. Between 12 and 15 people were killed, "
                   "according to local officials.\nA curfew was declared.\n",
    "niger_diffa": "= Diffa =\n\nIn February 2020 an explosive device hit a patrol near Diffa. Two soldiers were "
                   "killed. Markets stayed closed for a week.\n",
}


def write_texts(folder: Path, texts: dict[str, str] = TEXTS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def export_jsonl(db: Path) -> str:
    from bellum.export import export
    from bellum.kb import KnowledgeBase

    with KnowledgeBase(db) as kb:
        return export(kb, "jsonl", None)


def table(db: Path, sql: str) -> list[tuple]:
    from bellum.kb import KnowledgeBase

    with KnowledgeBase(db) as kb:
        return kb.con.execute(sql).fetchall()


# --- without a cluster -------------------------------------------------------


@pytest.mark.parametrize("sizes, min_parts, max_bytes, expected", [
    ([10, 10, 10, 10], 2, 100, [(0, 2), (2, 4)]),      # split for 2 workers
    ([10, 10, 10, 10], 8, 100, [(0, 1), (1, 2), (2, 3), (3, 4)]),  # never below one file
    ([10, 10, 10, 10], 1, 25, [(0, 2), (2, 4)]),        # the byte cap bounds a partition
    ([5, 100, 5], 1, 20, [(0, 1), (1, 2), (2, 3)]),     # a big file stands alone
    ([7], 4, 100, [(0, 1)]),
    ([], 4, 100, []),
])
def test_scale_partitions_are_contiguous_and_bounded(sizes, min_parts, max_bytes, expected):
    got = scale.partitions(sizes, min_parts, max_bytes)
    assert [(r.start, r.stop) for r in got] == expected


def test_scale_source_files_follow_the_local_engine_order(tmp_path):
    from bellum.sources import read_paths

    folder = write_texts(tmp_path / "in")
    (folder / "notes.csv").write_text("not a text file\n")
    extra = write_texts(tmp_path / "more", {"aaa_first": "Rebels were killed in Gao in 2014.\n"})
    files = source_files([folder, extra / "aaa_first.txt"])
    docs = read_paths([folder, extra / "aaa_first.txt"])
    assert [f.stem for f in files] == [d.id for d in docs]
    assert [str(f) for f in files] == [d.path for d in docs]


def test_scale_source_files_refuse_duplicate_ids(tmp_path):
    a = write_texts(tmp_path / "a", {"report": "Two were killed in Mopti in 2016.\n"})
    b = write_texts(tmp_path / "b", {"report": "Three were killed in Segou in 2017.\n"})
    with pytest.raises(SourceNotReadable, match="document id 'report'"):
        source_files([a, b])


@pytest.mark.parametrize("lengths, limit, expected", [
    ([10, 10, 10], 25, [[10, 10], [10]]),
    ([30, 5, 5], 25, [[30], [5, 5]]),        # a long document parses alone
    ([5, 5, 5, 5], 100, [[5, 5, 5, 5]]),
    ([], 25, []),
])
def test_kb_batches_bound_the_text_of_one_nlp_batch(lengths, limit, expected):
    from bellum.kb import _batches

    docs = [Document(id=f"d{i}", text="x" * n) for i, n in enumerate(lengths)]
    got = [[len(d.text) for d in b] for b in _batches(docs, limit)]
    assert got == expected
    assert [d for b in _batches(docs, limit) for d in b] == docs  # order kept


def _sample_result() -> DocResult:
    doc = Document(id="d1", text="Rebels took Kidal. Ten were killed.", title="T", format="article", path="x/d1.txt",
                   sections=[Section("Intro", 2, 0, 35)], paragraphs=[(0, 35)],
                   infobox={"Date": ("2012", Span("d1", 0, 4))})
    date = DateValue("2012-03-30", "range", end="2012-04-01", reason="explicit")
    event = Event(id="d1-0001", doc="d1", sources=[Span("d1", 0, 18), Span("d1", 19, 35)], date=date,
                  event_type="Battles", sub_event_type="Non-state actor overtakes territory", actor1="MNLA",
                  assoc_actor_1=["Ansar Dine"], inter1=2, location="Kidal",
                  place=Place("Kidal", country="Mali", geonameid=2455290, lat=18.44, lon=1.41, geo_precision=1),
                  fatalities=10, fatalities_low=10, fatalities_high=None,
                  control_change={"place": "Kidal", "to": "MNLA", "from": None}, confidence=0.75,
                  reasons={"date": "explicit"})
    return DocResult(
        document=doc, sentences=[(0, 18), (19, 35)], events=[event],
        actors=[Actor("MNLA", inter=2, kind="rebel", aliases=("National Movement",), member_of=("CMA",),
                      source="document")],
        relations=[Relation("merge", "Ansar Dine", "JNIM", start=DateValue("2017-03", "month"),
                            sources=[Span("d1", 0, 5)])],
        leaders=[Leader("Iyad Ag Ghaly", "Ansar Dine", role="leader", date=None)],
        infobox={"commanders": [{"side": 1, "text": "X", "span": Span("d1", 0, 4), "names": ("a", "b")}],
                 "odd": {1: {"x"}, "__dc__": frozenset({2})}},
    )


@pytest.mark.parametrize("value", [
    _sample_result(),
    DocResult(document=Document(id="empty", text="No events here.")),
    ControlSpan("Gao", "MUJAO", DateValue("2012-06", "month"), None, inferred=True, basis="inferred"),
    {"plain": [1, 2.5, None, True, "é"], "tuple": (1, (2, 3))},
])
def test_scale_shard_codec_round_trips(value):
    text = json.dumps(scale.encode(value))
    back = scale.decode(json.loads(text))
    assert back == value
    assert type(back) is type(value)


def test_scale_shard_codec_rebuilds_only_bellum_classes():
    with pytest.raises(scale.ShardInvalid, match="not bellum's"):
        scale.decode({"__dc__": "subprocess:Popen", "args": ["true"]})


def test_scale_workers_and_scheduler_are_exclusive(tmp_path):
    folder = write_texts(tmp_path / "in")
    with pytest.raises(InvalidArgument, match="not both"):
        scale.build_dask([folder], db=tmp_path / "kb.duckdb", workers=2, scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(InvalidArgument, match="1 or more"):
        scale.build_dask([folder], db=tmp_path / "kb.duckdb", workers=0)
    assert not list(tmp_path.glob(".kb.duckdb.shards-*"))


def test_scale_unreachable_scheduler_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(scale, "CONNECT_TIMEOUT", 2)
    folder = write_texts(tmp_path / "in")
    with pytest.raises(scale.ClusterUnavailable, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        scale.build_dask([folder], db=tmp_path / "kb.duckdb", scheduler="tcp://127.0.0.1:9")
    assert not (tmp_path / "kb.duckdb").exists()
    assert not list(tmp_path.glob(".kb.duckdb.shards-*"))


# --- on a LocalCluster of 2 workers on loopback -----------------------------


@pytest.fixture(scope="module")
def client():
    with scale.cluster_client(workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def local_kb(tmp_path_factory) -> Path:
    from bellum.kb import build

    folder = write_texts(tmp_path_factory.mktemp("texts") / "in")
    db = folder.parent / "local.duckdb"
    build([folder], db=db).close()
    return db


@pytest.mark.model
def test_scale_cluster_listens_on_loopback_only(client):
    info = client.scheduler_info()
    assert info["address"].startswith("tcp://127.0.0.1:")
    assert len(info["workers"]) == 2
    assert all(w.startswith("tcp://127.0.0.1:") for w in info["workers"])


@pytest.mark.model
@pytest.mark.parametrize("partition_bytes, per_worker, batch_chars, parts", [
    (1, scale.PARTITIONS_PER_WORKER, scale.WORKER_BATCH_CHARS, (4, 4)),  # one file per partition
    (scale.PARTITION_BYTES, 1, scale.WORKER_BATCH_CHARS, (2, 3)),  # some partitions parse 2 files in one nlp.pipe
    (scale.PARTITION_BYTES, 1, 1, (2, 3)),  # several files per partition, each parsed alone
])
def test_scale_dask_matches_local_events(client, local_kb, tmp_path, monkeypatch, partition_bytes, per_worker,
                                         batch_chars, parts):
    monkeypatch.setattr(scale, "PARTITIONS_PER_WORKER", per_worker)
    folder = local_kb.parent / "in"
    db = tmp_path / "dask.duckdb"
    seen = []
    profile = {}
    scale.build_dask([folder], db=db, scheduler=client.scheduler.address, partition_bytes=partition_bytes,
                     batch_chars=batch_chars, progress=lambda done, total, doc: seen.append((done, total)), profile=profile).close()
    local, dask = export_jsonl(local_kb), export_jsonl(db)
    records = [json.loads(line) for line in dask.splitlines()]
    assert {r["doc"] for r in records} == set(TEXTS)  # every text reports deaths
    assert dask == local  # byte for byte
    tables = [t for (t,) in table(local_kb, "SHOW TABLES") if t != "meta"]  # meta holds build times
    assert "control" in tables and "documents" in tables
    for t in tables:  # every table, row for row
        assert table(db, f"SELECT * FROM {t} ORDER BY ALL") == table(local_kb, f"SELECT * FROM {t} ORDER BY ALL"), t
    assert seen[-1] == (len(TEXTS), len(TEXTS))
    assert parts[0] <= profile["partitions"] <= parts[1]
    # what the benchmark reports: each worker's CPU seconds and memory
    assert set(profile["worker_cpu_seconds_each"]) == set(profile["worker_peak_rss_mb"])
    assert 0 < profile["worker_start_rss_mb"] <= max(profile["worker_peak_rss_mb"].values())
    assert not list(tmp_path.glob(".dask.duckdb.shards-*"))  # temp shards removed


@pytest.mark.model
def test_scale_shards_use_the_parquet_export_layout(client, local_kb, tmp_path):
    import pyarrow.parquet as pq

    from bellum.export import PARQUET_TABLES, export

    shards = tmp_path / "shards"
    db = tmp_path / "kb.duckdb"
    scale.build_dask([local_kb.parent / "in"], db=db, scheduler=client.scheduler.address, keep_shards=shards,
                     partition_bytes=1).close()
    parts = sorted(shards.glob("part-*"))
    assert len(parts) == len(TEXTS)
    exported = tmp_path / "export"
    from bellum.kb import KnowledgeBase

    with KnowledgeBase(db) as kb:
        export(kb, "parquet", exported)
    doc_ids = []
    for part in parts:
        assert sorted(p.name for p in part.iterdir()) == sorted([f"{t}.parquet" for t in PARQUET_TABLES]
                                                                + [scale.RESULTS_FILE])
        for t in PARQUET_TABLES:
            assert pq.read_schema(part / f"{t}.parquet").names == pq.read_schema(exported / f"{t}.parquet").names
        doc_ids += pq.read_table(part / "documents.parquet").column("doc_id").to_pylist()
    assert doc_ids == sorted(TEXTS)  # input order: the folder's sorted files
    assert [r.document.id for r in scale.read_shard(parts[0])] == [sorted(TEXTS)[0]]


@pytest.mark.model
def test_scale_workers_load_the_model_once(client, local_kb, tmp_path):
    scale.build_dask([local_kb.parent / "in"], db=tmp_path / "kb.duckdb", scheduler=client.scheduler.address,
                     partition_bytes=1).close()

    def loads():
        from bellum.nlp.pipeline import load_nlp

        return load_nlp.cache_info().misses, scale._resources.cache_info().misses

    assert set(client.run(loads).values()) == {(1, 1)}


@pytest.mark.model
def test_scale_bad_file_fails_and_keeps_previous_kb(client, local_kb, tmp_path):
    folder = write_texts(tmp_path / "in")
    db = tmp_path / "kb.duckdb"
    db.write_bytes(local_kb.read_bytes())
    before = db.read_bytes()
    (folder / "zz_broken.txt").write_bytes(b"\x00\x01binary")
    with pytest.raises(SourceNotReadable, match="zz_broken.txt: looks binary"):
        scale.build_dask([folder], db=db, scheduler=client.scheduler.address, partition_bytes=1)
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "kb.duckdb"]  # no shards, no temp file


@pytest.mark.model
def test_scale_cli_build_engine_dask(local_kb, tmp_path):
    from typer.testing import CliRunner

    from bellum.cli import app

    db = tmp_path / "cli.duckdb"
    r = CliRunner().invoke(app, ["build", str(local_kb.parent / "in"), "--db", str(db), "--engine", "dask",
                                 "--workers", "2", "-q"])
    assert r.exit_code == 0, r.output
    assert f"built {db}: {len(TEXTS)} document(s)" in " ".join(r.output.split())
    assert export_jsonl(db) == export_jsonl(local_kb)


@pytest.mark.model
def test_scale_dask_applies_the_manifest_like_the_local_engine(client, tmp_path):
    from bellum.kb import build

    texts = {**TEXTS, "voa_style": "Gunmen Attack Army Post\n\nGunmen attacked an army post near Gao on "
                                   "Saturday, killing five soldiers, the army said.\n"}
    folder = write_texts(tmp_path / "in", texts)
    manifest = tmp_path / "sources.csv"
    manifest.write_text("id,published,publisher\nvoa_style,2015-06-29,Voice of America\n"
                        "mali_menaka,2023-03,Sahel Wire\nabsent,2020,\n", encoding="utf-8")
    seen_local, seen_dask = [], []
    build([folder], db=tmp_path / "local.duckdb", manifest=manifest, warn=seen_local.append).close()
    scale.build_dask([folder], db=tmp_path / "dask.duckdb", scheduler=client.scheduler.address,
                     manifest=manifest, warn=seen_dask.append).close()
    assert seen_local == seen_dask and len(seen_local) == 1 and "'absent' names no document" in seen_local[0]
    sql = "SELECT doc_id, published, publisher FROM documents ORDER BY doc_id"
    assert table(tmp_path / "dask.duckdb", sql) == table(tmp_path / "local.duckdb", sql)
    assert ("voa_style", "2015-06-29", "Voice of America") in table(tmp_path / "dask.duckdb", sql)
    assert export_jsonl(tmp_path / "dask.duckdb") == export_jsonl(tmp_path / "local.duckdb")
    dates = table(tmp_path / "dask.duckdb", "SELECT event_date, source FROM events WHERE doc_id = 'voa_style'")
    assert dates == [("2015-06-27", "Voice of America")]
