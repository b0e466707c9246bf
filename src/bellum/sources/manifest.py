"""A build manifest: the documents' metadata, one row per document.

CSV (with a header) or JSON Lines. A row names its document by `id` (the
file stem) or `path`, and may give `published` (YYYY, YYYY-MM or
YYYY-MM-DD; an ISO time after the day is ignored), `url`, `publisher`,
`title` and `language`. Other columns are ignored.

The manifest wins over what a reader found in the file itself (HTML meta
tags), which wins over a dateline in the text (nlp/dates.published_date).
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bellum.errors import InvalidArgument, SourceNotReadable
from bellum.model import Document

FIELDS = ("published", "url", "publisher", "title", "language")
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class ManifestRow:
    line: int  # line of the manifest file (the CSV header is line 1)
    file: str = ""  # the manifest file
    id: str = ""
    path: str = ""
    published: str = ""
    url: str = ""
    publisher: str = ""
    title: str = ""
    language: str = ""

    @property
    def name(self) -> str:
        return self.id or self.path


def parse_published(value: str) -> str | None:
    """ISO YYYY, YYYY-MM or YYYY-MM-DD of a publication date, or None if it is none.
    A time after the day ("2013-05-23T10:04:00Z", "2013-05-23 10:04") is dropped."""
    v = value.strip()
    m = _ISO.fullmatch(re.split(r"[T ]", v, maxsplit=1)[0]) if v else None
    if not m or (m.group(3) is None and len(v) > 7):
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d is not None:
            return date(y, int(mo), int(d)).isoformat()
        if mo is not None:
            return f"{date(y, int(mo), 1).isoformat()[:7]}"
        return f"{date(y, 1, 1).year:04d}"
    except ValueError:
        return None


def read_manifest(path: str | Path) -> list[ManifestRow]:
    """The rows of a CSV or JSONL manifest; InvalidArgument on a row without id or
    path or with a publication date that is no date (naming the line and value)."""
    path = Path(path)
    if not path.is_file():
        raise SourceNotReadable(f"{path}: no such manifest file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise SourceNotReadable(f"{path}: cannot read the manifest ({e})") from None
    records: list[tuple[int, dict]] = []
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{"):
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise InvalidArgument(f"{path}: line {n}: not JSON ({e.msg})") from None
            if not isinstance(rec, dict):
                raise InvalidArgument(f"{path}: line {n}: not a JSON object")
            records.append((n, rec))
    else:
        reader = csv.DictReader(text.splitlines())
        cols = {c.strip().lower() for c in reader.fieldnames or []}
        if not cols & {"id", "path"}:
            raise InvalidArgument(f"{path}: the manifest needs an 'id' or a 'path' column "
                                  f"(found: {', '.join(sorted(cols)) or 'none'})")
        for rec in reader:
            records.append((reader.line_num, {(k or "").strip().lower(): v for k, v in rec.items()}))
    rows = []
    for n, rec in records:
        val = {k: ("" if rec.get(k) is None else str(rec.get(k)).strip()) for k in ("id", "path", *FIELDS)}
        if not val["id"] and not val["path"]:
            raise InvalidArgument(f"{path}: line {n}: the row names no document (give 'id' or 'path')")
        if val["published"]:
            iso = parse_published(val["published"])
            if iso is None:
                raise InvalidArgument(f"{path}: line {n} ({val['id'] or val['path']}): published "
                                      f"'{val['published']}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
            val["published"] = iso
        rows.append(ManifestRow(line=n, file=str(path), **val))
    return rows


class Manifest:
    """Rows (of one or more manifest files) by document id and by path; which
    rows matched no document."""

    def __init__(self, rows: list[ManifestRow]):
        self.rows = rows
        self.used: set[int] = set()

    @classmethod
    def load(cls, *paths: str | Path) -> Manifest:
        return cls([r for p in paths for r in read_manifest(p)])

    @staticmethod
    def _keys(r: ManifestRow) -> set[str]:
        """A row's `path` as given, from the working folder, and from the manifest's folder."""
        p = Path(r.path)
        keys = {r.path, str(p), str(p.resolve())}
        if r.file and not p.is_absolute():
            keys.add(str((Path(r.file).parent / p).resolve()))
        return keys

    def row_for(self, path: str | Path) -> ManifestRow | None:
        """The row of the document read from `path`: by path first, then by id (stem)."""
        path = Path(path)
        mine = {str(path), str(path.resolve())}
        for i, r in enumerate(self.rows):
            if r.path and self._keys(r) & mine:
                self.used.add(i)
                return r
        for i, r in enumerate(self.rows):
            if r.id and r.id == path.stem:
                self.used.add(i)
                return r
        return None

    def unmatched(self) -> list[ManifestRow]:
        return [r for i, r in enumerate(self.rows) if i not in self.used]


def metadata(row: ManifestRow | None) -> dict:
    """The fields a row gives (only those it gives)."""
    if row is None:
        return {}
    return {k: getattr(row, k) for k in FIELDS if getattr(row, k)}


def apply(doc: Document, fields: dict) -> Document:
    """Set the document's metadata from a manifest row's fields (they win)."""
    for k, v in fields.items():
        if v:
            setattr(doc, k, v)
    return doc
