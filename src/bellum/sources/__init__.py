"""Readers: files and folders -> `Document`s.

`read_path` checks the input (exists, not empty, not binary, UTF-8, not too
big) and picks a reader by content: the article format (`== Heading ==`
lines, `- Key: value` infobox), MediaWiki wikitext, HTML, or plain text.
A build manifest (sources/manifest.py) adds each document's metadata.
"""

from __future__ import annotations

from pathlib import Path

from bellum.errors import SourceNotReadable
from bellum.model import Document
from bellum.sources.article import read_article
from bellum.sources.html import looks_like_html, read_html
from bellum.sources.wikitext import looks_like_wikitext, read_wikitext

MAX_BYTES = 20 * 1024 * 1024  # one document; larger inputs should be split
# byte order marks of the encodings read besides UTF-8 (UTF-32 first: its LE mark starts like UTF-16's)
BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
TEXT_SUFFIXES = {".txt", ".text", ".md", ".wiki", ".wikitext", ".mediawiki", ".html", ".htm"}


def source_files(paths: list[str | Path]) -> list[Path]:
    """The files a build reads, in order, without reading them: files as
    given, and the text files inside folders (sorted). Two files with the same
    stem (document id) are refused before any work."""
    files: list[Path] = []
    for p in map(Path, paths):
        if not p.exists():
            raise SourceNotReadable(f"{p}: no such file or folder")
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not found:
                raise SourceNotReadable(f"{p}: folder has no text files ({', '.join(sorted(TEXT_SUFFIXES))})")
            files.extend(found)
        else:
            files.append(p)
    seen: dict[str, Path] = {}
    for f in files:
        if f.stem in seen:
            raise SourceNotReadable(f"{f}: document id '{f.stem}' (the file stem) is also used by {seen[f.stem]}; rename one")
        seen[f.stem] = f
    return files


def read_paths(paths: list[str | Path], manifest=None,
               skipped: list[tuple[Path, str]] | None = None) -> list[Document]:
    """Read every file given, and every text file inside given folders; a
    `manifest` (sources.manifest.Manifest) sets the metadata of the documents
    its rows name (over what the files themselves give).

    With a `skipped` list, a file that cannot be read is appended to it as
    (path, reason) instead of stopping the build; at least one must be readable."""
    from bellum.sources.manifest import apply, metadata

    docs = []
    for f in source_files(paths):
        try:
            doc = read_file(f)
        except SourceNotReadable as e:
            if skipped is None:
                raise
            skipped.append((f, str(e)))
            continue
        if manifest is not None:
            apply(doc, metadata(manifest.row_for(f)))
        docs.append(doc)
    if not docs and skipped:
        raise SourceNotReadable(f"none of the {len(skipped)} file(s) could be read; first: {skipped[0][1]}")
    return docs


def read_file(path: str | Path) -> Document:
    """Read one file into a Document (id = file stem)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise SourceNotReadable(f"{path}: cannot read ({e.strerror})") from None
    if size > MAX_BYTES:
        raise SourceNotReadable(
            f"{path}: {size / 1e6:.0f} MB is over the {MAX_BYTES // 2**20} MiB limit for one "
            "document; split it into smaller files"
        )
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise SourceNotReadable(f"{path}: cannot read ({e.strerror})") from None
    return read_bytes(raw, doc_id=path.stem, path=str(path))


def read_bytes(raw: bytes, doc_id: str, path: str = "") -> Document:
    name = path or doc_id
    if not raw.strip():
        raise SourceNotReadable(f"{name}: file is empty")
    for bom, codec in BOMS:  # UTF-32 and UTF-16 carry NUL bytes: decode them before the binary check
        if raw.startswith(bom):
            try:
                return read_text(raw[len(bom):].decode(codec), doc_id=doc_id, path=path)
            except UnicodeDecodeError as e:
                raise SourceNotReadable(f"{name}: starts with a {codec.upper()} byte order mark but is "
                                        f"not valid {codec.upper()} (byte {e.start + len(bom)})") from None
    if b"\x00" in raw[:8192]:
        raise SourceNotReadable(f"{name}: looks binary (NUL bytes); bellum reads text files")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SourceNotReadable(
            f"{name}: not valid UTF-8 (byte {e.start}); convert it, e.g. iconv -f latin1 -t utf-8"
        ) from None
    return read_text(text, doc_id=doc_id, path=path)


def read_text(text: str, doc_id: str, path: str = "") -> Document:
    """Pick the reader by content; offsets refer to the returned Document.text."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if looks_like_html(text):
        doc = read_html(text, doc_id)
    elif looks_like_wikitext(text):
        doc = read_wikitext(text, doc_id)
    else:
        doc = read_article(text, doc_id)
    doc.path = path
    if not any(ch.isalpha() for ch in doc.text):
        raise SourceNotReadable(f"{path or doc_id}: no text left after reading the markup")
    return doc
