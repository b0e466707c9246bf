"""Build bellum's bundled gazetteer from GeoNames dumps.

    python scripts/build_gazetteer.py [SOURCE_DIR] [OUT_DIR]

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
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from bellum.geo.gazetteer import compact_row  # noqa: E402  (one definition of a kept row)

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SRC = Path("/work/shared/data/geonames")
DEFAULT_OUT = REPO / "src" / "bellum" / "knowledge" / "gazetteer"
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
    data = build_text(src).encode("utf-8")
    target = out / "geonames.tsv.gz"
    with open(target, "wb") as raw, gzip.GzipFile(
        filename="geonames.tsv", mode="wb", fileobj=raw, mtime=0, compresslevel=9
    ) as gz:
        gz.write(data)
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        shutil.copyfile(src / name, out / name)
    return target


if __name__ == "__main__":
    args = [Path(a) for a in sys.argv[1:]]
    path = build(*args)
    print(f"wrote {path} ({path.stat().st_size} bytes)")
