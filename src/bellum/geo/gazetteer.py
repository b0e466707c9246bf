"""An offline GeoNames gazetteer with O(1) lookups by folded name.

Two bundled files: knowledge/gazetteer/geonames.tsv.gz covers Mali and its
neighbours in detail (villages, wells, wadis, admin areas), world.tsv.gz the
populated places of 5,000+ people of every other country (GeoNames
cities5000), with first-level region names for both; `gazetteer_load` adds
more GeoNames country dumps into a user folder that `Gazetteer.default()`
reads on top of the bundled ones.
"""

from __future__ import annotations

import gc
import gzip
import math
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rapidfuzz import fuzz, process

from bellum.errors import InvalidArgument, KnowledgeFileInvalid, SourceNotReadable
from bellum.geo.fold import fold, skeleton_of_squashed

KNOWLEDGE = resources.files("bellum") / "knowledge" / "gazetteer"
# geonameid name lat lon fclass fcode cc admin1 admin2 population altnames folds skeletons
# (the last two are the folded keys of all names, precomputed so loading is fast)
COMPACT_COLUMNS = 13
GEONAMES_COLUMNS = 19
KEEP_CLASSES = set("APHTLSV")
FUZZY_CUTOFF = 90  # rapidfuzz ratio on skeletons; below this near misses are other places
FUZZY_MIN_LEN = 6  # "Paris" must not become the village "Pari"

# Match quality by how loose the key was (exact primary name > ... > fuzzy).
# The gaps are wider than the priors so an exact name beats a looser one.
Q_EXACT, Q_EXACT_ALT, Q_SQUASH, Q_SKELETON, Q_FUZZY = 1.0, 0.97, 0.9, 0.75, 0.6

# Prior of a feature code: how likely a bare name in news text means it.
_CODE_PRIOR = {
    "PPLC": 0.30, "PPLA": 0.25, "PPLA2": 0.20, "PPLA3": 0.15, "PPLA4": 0.12,
    "PCLI": 0.20, "ADM1": 0.02, "ADM2": 0.0, "ADM3": 0.0,
    "MTS": 0.05, "STM": 0.05, "MT": 0.02, "HLLS": 0.02,
}
_CLASS_PRIOR = {"P": 0.10, "A": 0.0, "T": -0.02, "H": -0.05, "S": -0.02, "L": -0.03, "V": -0.05}


@dataclass(frozen=True)
class Candidate:
    """One gazetteer row matching a searched name."""

    geonameid: int
    name: str
    lat: float
    lon: float
    country_code: str  # ISO2
    country: str  # English name
    admin1: str | None
    admin2: str | None
    feature_class: str
    feature_code: str
    population: int
    score: float
    matched: str = ""  # the name variant that matched
    match: str = ""  # exact | alternate | squash | skeleton | fuzzy


def prior(fclass: str, fcode: str, population: int) -> float:
    """How likely a bare name refers to this kind of place (0..~0.4)."""
    p = _CODE_PRIOR.get(fcode, _CLASS_PRIOR.get(fclass, -0.05))
    if fclass == "P" and fcode not in _CODE_PRIOR:
        p = _CLASS_PRIOR["P"]
    return p + 0.1 * min(1.0, math.log10(population + 1) / 6)


# ---------------------------------------------------------------- parsing

def is_latin(name: str) -> bool:
    """True when every letter of `name` is a Latin letter."""
    for ch in name:
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def is_code(name: str) -> bool:
    """Postal codes, IATA/ICAO codes, and all-lower-case machine romanisations
    ("kydal", "ji da er") that only cause false matches."""
    s = name.replace(" ", "")
    if s.isdigit() or (len(s) <= 4 and s.isupper() and s.isalpha()):
        return True
    return not any(ch.isupper() for ch in name)


def compact_row(fields: list[str]) -> tuple[int, str, str] | None:
    """A GeoNames row (19 fields) -> (geonameid, modification date, compact
    TSV line), or None when its feature class is not kept."""
    if fields[6] not in KEEP_CLASSES:
        return None
    name = fields[1].strip()
    seen = {name}
    alts = []
    for alt in fields[3].split(","):
        alt = alt.strip()
        if alt and alt not in seen and is_latin(alt) and not is_code(alt):
            seen.add(alt)
            alts.append(alt)
    folds = sorted({f for f in map(fold, [name, *alts]) if f})
    skels = sorted({skeleton_of_squashed(f.replace(" ", "")) for f in folds})
    cols = [fields[0], name, fields[4], fields[5], fields[6], fields[7], fields[8],
            fields[10], fields[11], fields[14] or "0", "|".join(alts), "|".join(folds), "|".join(skels)]
    return int(fields[0]), fields[18], "\t".join(cols)


def _read_text(path: Path) -> list[tuple[str, str]]:
    """(member name, text) for a plain, .gz or .zip file."""
    try:
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as z:
                return [(n, z.read(n).decode("utf-8")) for n in z.namelist()
                        if n.endswith(".txt") and "readme" not in n.lower()]
        if path.suffix == ".gz":
            with gzip.open(path, "rt", encoding="utf-8") as f:
                return [(path.name, f.read())]
        return [(path.name, path.read_text(encoding="utf-8"))]
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile, EOFError) as err:
        raise SourceNotReadable(
            f"cannot read gazetteer file {path}: {err}; give a GeoNames dump (XX.txt or XX.zip)"
        ) from None


def _load_countries() -> tuple[dict[str, str], dict[str, str], dict[str, str], dict[str, str]]:
    """code -> name, folded name/alias -> code, folded adjective -> code,
    folded major city -> code."""
    names, aliases, adjectives, cities = {}, {}, {}, {}
    path = KNOWLEDGE / "countries.tsv"
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 5 or len(cols[0]) != 2:
            raise KnowledgeFileInvalid(
                f"{path}:{n}: expected 5 tab-separated columns (iso2 name other_names adjectives cities)")
        code, name, other, adj, city = cols
        names[code] = name
        for a in [name, *other.split("|")]:
            if a:
                aliases.setdefault(fold(a), code)
        for a in adj.split("|"):
            if a:
                adjectives.setdefault(fold(a), code)
        for a in city.split("|"):
            if a:
                cities.setdefault(fold(a), code)
    return names, aliases, adjectives, cities


def _exact_aliases() -> set[str]:
    out = set()
    for line in (KNOWLEDGE / "countries.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            out.add(cols[1])
            out.update(a for a in cols[2].split("|") if a)
    return out


def user_dir() -> Path:
    """Where `gazetteer load` puts extra dumps: $BELLUM_HOME/gazetteer or
    ~/.local/share/bellum/gazetteer."""
    home = os.environ.get("BELLUM_HOME")
    base = Path(home) if home else Path.home() / ".local" / "share" / "bellum"
    return base / "gazetteer"


# ---------------------------------------------------------------- gazetteer

class Gazetteer:
    """GeoNames rows with dict indexes on three folded keys of every name."""

    _default: Gazetteer | None = None

    def __init__(self) -> None:
        self.rows: list[list[str]] = []  # compact columns as strings; see `row`
        self.by_id: dict[int, int] = {}
        self.ix_squash: dict[str, list[int]] = {}
        self.ix_skel: dict[str, list[int]] = {}
        self.admin1: dict[str, str] = {}
        self.admin2: dict[str, str] = {}
        (self.country_names, self.country_aliases, self.country_adjectives,
         self.major_cities) = _load_countries()
        # aliases as written, for case-sensitive checks ("US" is a country, "us" is not)
        self.country_aliases_exact = _exact_aliases()
        self._fuzzy: dict[str, list[str]] | None = None
        self._adm1: dict[tuple[str, str], int] | None = None
        self._capitals: dict[str, int] | None = None

    # ---- construction
    @classmethod
    def default(cls) -> Gazetteer:
        """The bundled gazetteer plus the user's loaded dumps (cached)."""
        if cls._default is None:
            g = cls()
            g._add_compact_text(KNOWLEDGE / "geonames.tsv.gz")
            g._add_compact_text(KNOWLEDGE / "world.tsv.gz")
            g._add_admin_codes(KNOWLEDGE / "admin1Codes.world.txt")
            g._add_admin_codes(KNOWLEDGE / "admin1CodesASCII.txt")
            g._add_admin_codes(KNOWLEDGE / "admin2Codes.txt")
            udir = user_dir()
            if udir.is_dir():
                for p in sorted(udir.glob("*.tsv")):
                    g._add_compact_text(p)
                for p in sorted(udir.glob("admin*.txt")):
                    g._add_admin_codes(p)
            cls._default = g
        return cls._default

    @classmethod
    def reset_default(cls) -> None:
        cls._default = None

    @classmethod
    def load(cls, paths) -> Gazetteer:
        """A gazetteer of only these files: GeoNames dumps (XX.txt / .zip),
        admin code files, or bellum's compact .tsv(.gz)."""
        g = cls()
        for p in paths:
            g.add_dump(Path(p))
        return g

    def add_dump(self, path) -> int:
        """Add a GeoNames dump, admin code file or compact file; rows added."""
        path = Path(path)
        if path.name.endswith((".tsv", ".tsv.gz")):
            return self._add_compact_text(path)
        added = 0
        for member, text in _read_text(path):
            if Path(member).name.startswith(("admin1Codes", "admin2Codes")):
                added += self._add_admin_text(text, f"{path}:{member}")
            else:
                added += self._add_lines(_dump_to_compact(text, f"{path}:{member}"), str(path))
        return added

    def _add_compact_text(self, path) -> int:
        raw = path.read_bytes()
        if str(path).endswith(".gz"):
            raw = gzip.decompress(raw)
        return self._add_lines(raw.decode("utf-8").splitlines(), str(path))

    def _add_admin_codes(self, path) -> int:
        return self._add_admin_text(Path(path).read_text(encoding="utf-8"), str(path))

    def _add_admin_text(self, text: str, where: str) -> int:
        n_added = 0
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or "." not in cols[0]:
                raise KnowledgeFileInvalid(f"{where}:{n}: expected 'CC.A1[.A2]<TAB>name...' (GeoNames admin codes)")
            target = self.admin1 if cols[0].count(".") == 1 else self.admin2
            target[cols[0]] = cols[1]
            n_added += 1
        return n_added

    def _add_lines(self, lines, where: str) -> int:
        # Rows stay lists of strings; numbers are converted when a row is used
        # (see `row`), and the cyclic GC is paused while 100k+ lists are made
        # (none can form a cycle): loading stays well under 1 s.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return self._add_lines_unguarded(lines, where)
        finally:
            if was_enabled:
                gc.enable()

    def _add_lines_unguarded(self, lines, where: str) -> int:
        added = 0
        rows, by_id = self.rows, self.by_id
        ix_s, ix_k = self.ix_squash, self.ix_skel
        for n, line in enumerate(lines, 1):
            if not line or line[0] == "#":
                continue
            c = line.split("\t")
            if len(c) != COMPACT_COLUMNS or not c[0].isdigit():
                raise KnowledgeFileInvalid(
                    f"{where}:{n}: expected {COMPACT_COLUMNS} tab-separated columns starting with a "
                    "geonameid; rebuild the file with scripts/build_gazetteer.py or `bellum gazetteer load`")
            gid = int(c[0])
            if gid in by_id:  # a later file replaces the row
                rows[by_id[gid]] = c
                continue
            idx = len(rows)
            by_id[gid] = idx
            rows.append(c)
            added += 1
            if not c[11]:
                continue
            for k in {f.replace(" ", "") for f in c[11].split("|")}:
                lst = ix_s.get(k)
                if lst is None:
                    ix_s[k] = [idx]
                else:
                    lst.append(idx)
            for k in c[12].split("|"):
                lst = ix_k.get(k)
                if lst is None:
                    ix_k[k] = [idx]
                else:
                    lst.append(idx)
        self._fuzzy = None
        self._adm1 = None
        return added

    def row(self, idx: int) -> tuple:
        """(gid, name, lat, lon, fclass, fcode, cc, admin1, admin2, population, altnames)."""
        c = self.rows[idx]
        try:
            return (int(c[0]), c[1], float(c[2]), float(c[3]), c[4], c[5], c[6], c[7], c[8],
                    int(c[9] or 0), c[10])
        except ValueError:
            raise KnowledgeFileInvalid(
                f"gazetteer row {c[0]} has a bad latitude, longitude or population; rebuild the file") from None

    def __len__(self) -> int:
        return len(self.rows)

    # ---- countries and admin names
    def country_name(self, code: str) -> str:
        return self.country_names.get(code, code)

    def country_code(self, name: str) -> str | None:
        """ISO2 for a country name, alias or ISO2 code; None if unknown."""
        if len(name) == 2 and name.isupper():
            return name
        return self.country_aliases.get(fold(name))

    def admin_names(self, row: tuple) -> tuple[str | None, str | None]:
        cc, a1, a2 = row[6], row[7], row[8]
        n1 = self.admin1.get(f"{cc}.{a1}") if a1 and a1 != "00" else None
        n2 = self.admin2.get(f"{cc}.{a1}.{a2}") if a2 else None
        return n1, n2

    # ---- lookup
    def lookup(self, name: str, fuzzy: bool = True) -> list[tuple[int, float, str]]:
        """(row index, match quality, match kind) for every row a name may mean."""
        f = fold(name)
        if not f:
            return []
        s = f.replace(" ", "")
        k = skeleton_of_squashed(s)
        found: dict[int, tuple[float, str]] = {}

        def put(idx, q, kind):
            if idx not in found or found[idx][0] < q:
                found[idx] = (q, kind)

        for idx in self.ix_squash.get(s, ()):
            c = self.rows[idx]
            if f in c[11].split("|"):
                primary = fold(c[1]) == f
                put(idx, Q_EXACT if primary else Q_EXACT_ALT, "exact" if primary else "alternate")
            else:
                put(idx, Q_SQUASH, "squash")
        for idx in self.ix_skel.get(k, ()):
            put(idx, Q_SKELETON, "skeleton")
        if fuzzy and not found and len(k) >= FUZZY_MIN_LEN:
            for key, score, _ in process.extract(
                k, self._fuzzy_bucket(k[0]), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=10
            ):
                for idx in self.ix_skel[key]:
                    put(idx, Q_FUZZY * score / 100, "fuzzy")
        return [(idx, q, kind) for idx, (q, kind) in found.items()]

    def capital(self, cc: str) -> int | None:
        """Row index of a country's capital (GeoNames feature PPLC), or None."""
        if self._capitals is None:
            self._capitals = {c[6]: i for i, c in enumerate(self.rows) if c[5] == "PPLC"}
        return self._capitals.get(cc)

    def adm1_rows(self) -> dict[tuple[str, str], int]:
        """(ISO2, admin1 code) -> row index of that first-level region."""
        if self._adm1 is None:
            self._adm1 = {(c[6], c[7]): i for i, c in enumerate(self.rows) if c[5] == "ADM1"}
        return self._adm1

    def _fuzzy_bucket(self, first: str) -> list[str]:
        # Skeleton keys grouped by first letter: a near miss rarely differs there.
        if self._fuzzy is None:
            buckets: dict[str, list[str]] = {}
            for key in self.ix_skel:
                buckets.setdefault(key[0], []).append(key)
            self._fuzzy = buckets
        return self._fuzzy.get(first, [])

    def matched_name(self, idx: int, name: str) -> str:
        """The row's name variant closest to `name`."""
        row = self.rows[idx]
        names = [row[1]] + (row[10].split("|") if row[10] else [])
        f = fold(name)
        for nm in names:
            if fold(nm) == f:
                return nm
        s = f.replace(" ", "")
        for nm in names:
            if fold(nm).replace(" ", "") == s:
                return nm
        return row[1]

    def candidate(self, idx: int, score: float, matched: str = "", match: str = "") -> Candidate:
        r = self.row(idx)
        a1, a2 = self.admin_names(r)
        return Candidate(r[0], r[1], r[2], r[3], r[6], self.country_name(r[6]), a1, a2,
                         r[4], r[5], r[9], round(score, 4), matched, match)

    def search(self, name: str, country: str | None = None, limit: int = 10) -> list[Candidate]:
        """Candidates for `name`, best first; score = match quality + prior
        (feature kind, population). `country` is an ISO2 code or a name."""
        cc = self.country_code(country) if country else None
        out = []
        for idx, q, kind in self.lookup(name):
            r = self.row(idx)
            if cc and r[6] != cc:
                continue
            out.append((q + prior(r[4], r[5], r[9]), r[0], idx, kind))
        out.sort(key=lambda t: (-t[0], t[1]))
        return [self.candidate(idx, s, self.matched_name(idx, name), kind) for s, _, idx, kind in out[:limit]]


def _dump_to_compact(text: str, where: str) -> list[str]:
    """GeoNames dump text -> compact lines (newest row per id wins)."""
    best: dict[int, tuple[str, str]] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != GEONAMES_COLUMNS:
            raise KnowledgeFileInvalid(
                f"{where}:{n}: expected {GEONAMES_COLUMNS} tab-separated fields (GeoNames geoname table), "
                f"got {len(fields)}; give a GeoNames country dump such as ML.txt")
        try:
            got = compact_row(fields)
        except ValueError:
            raise KnowledgeFileInvalid(f"{where}:{n}: geonameid is not a number") from None
        if got is None:
            continue
        gid, modified, cline = got
        if gid not in best or modified > best[gid][0]:
            best[gid] = (modified, cline)
    return [best[g][1] for g in sorted(best)]


# ---------------------------------------------------------------- CLI helpers

def gazetteer_load(paths: list[Path]) -> int:
    """Import GeoNames country dumps (XX.txt or XX.zip) and admin code files
    into the user gazetteer folder; returns the number of place rows added."""
    out = user_dir()
    out.mkdir(parents=True, exist_ok=True)
    added = 0
    for path in map(Path, paths):
        if not path.is_file():
            raise SourceNotReadable(f"gazetteer file {path} does not exist; give a GeoNames dump such as ML.txt")
        for member, text in _read_text(path):
            base = Path(member).name
            if base.startswith(("admin1Codes", "admin2Codes")):
                Gazetteer()._add_admin_text(text, f"{path}:{member}")  # validate first
                with open(out / base, "a", encoding="utf-8") as f:
                    f.write(text if text.endswith("\n") else text + "\n")
                continue
            lines = _dump_to_compact(text, f"{path}:{member}")
            target = out / (base.split(".")[0] + ".tsv")
            header = (f"# GeoNames rows imported by `bellum gazetteer load` from {path.name}\n"
                      "# Licence: CC BY 4.0, GeoNames (geonames.org)\n")
            tmp = target.with_suffix(".tmp")
            tmp.write_text(header + "".join(line + "\n" for line in lines), encoding="utf-8")
            tmp.replace(target)
            added += len(lines)
    Gazetteer.reset_default()
    return added


def gazetteer_search(name: str, country: str | None = None, limit: int = 10) -> list[Candidate]:
    """Candidates for `name` in the default gazetteer, best first. A `limit`
    outside 1..1000 or a `country` the gazetteer does not know is refused
    (InvalidArgument), not answered as if it were valid."""
    from bellum.filters import did_you_mean, number

    limit = number("--limit", limit, int, 1, 1000)
    g = Gazetteer.default()
    if country is not None:
        code = g.country_code(country.strip()) or g.country_code(country.strip().upper())
        if code not in g.country_names:
            raise InvalidArgument(
                f"--country {country!r} is not a country the gazetteer knows;"
                f"{did_you_mean(country, g.country_names.values())} give an ISO2 code such as ML "
                "or a name such as Mali")
        country = code
    return g.search(name, country=country, limit=limit)


__all__ = ["Candidate", "Gazetteer", "gazetteer_load", "gazetteer_search", "prior", "user_dir"]
