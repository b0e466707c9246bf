"""The article format: plain text with `= Title =` / `== Heading ==` lines and
`- Key: value` infobox lines before the first paragraph. Plain text without
either is the same format with no sections."""

from __future__ import annotations

import re

from bellum.model import Document, Section, Span

HEADING = re.compile(r"^(=+)\s*(.+?)\s*\1\s*$")
INFOBOX_LINE = re.compile(r"^- ([A-Za-z][\w ]{0,40}):[ \t]*(.*)$")


def read_article(text: str, doc_id: str) -> Document:
    doc = Document(id=doc_id, text=text, format="text")
    headings: list[tuple[int, str, int, int]] = []  # level, title, line start, body start
    paragraphs: list[tuple[int, int]] = []
    para_start = None
    last_end = 0
    in_infobox_zone = True  # infobox lines only count before the first paragraph
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        h = HEADING.match(stripped)
        ib = INFOBOX_LINE.match(line) if in_infobox_zone else None
        if h or ib or not stripped:
            if para_start is not None:
                paragraphs.append((para_start, last_end))
                para_start = None
            if h:
                headings.append((len(h.group(1)), h.group(2), start, min(pos, len(text))))
            elif ib:
                key, value = ib.group(1).strip(), ib.group(2).rstrip()
                vstart = start + ib.start(2)
                doc.infobox[key] = (value, Span(doc_id, vstart, vstart + len(value)))
            continue
        if para_start is None:
            para_start = start + (len(line) - len(line.lstrip()))
            # a one-line caption right after the title is not the narrative yet
            if len(stripped) > 80 or stripped.endswith("."):
                in_infobox_zone = False
        last_end = start + len(line.rstrip())
    if para_start is not None:
        paragraphs.append((para_start, last_end))
    doc.paragraphs = paragraphs
    if headings and headings[0][0] == 1 and headings[0][2] == 0:
        doc.title = headings[0][1]
    doc.sections = _sections(headings, len(text))
    if doc.sections or doc.infobox:
        doc.format = "article"
    return doc


def _sections(headings, n: int) -> list[Section]:
    out = []
    for i, (level, title, _line, body) in enumerate(headings):
        end = n
        for level2, _t, line2, _b in headings[i + 1 :]:
            if level2 <= level:
                end = line2
                break
        out.append(Section(title=title, level=level, start=body, end=end))
    return out
