"""HTML -> the article format (headings, paragraphs, list items, infobox
table rows), then read as an article. Scripts and styles are dropped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from bellum.model import Document
from bellum.sources.article import read_article

_BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "div", "blockquote", "td", "th"}
_SKIP = {"script", "style", "noscript", "template", "head", "nav", "footer", "sup"}


def looks_like_html(text: str) -> bool:
    head = text[:4000].lower()
    return "<html" in head or "<!doctype html" in head or bool(re.search(r"<(p|div|body|h[1-6])[\s>]", head))


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str]] = []  # (kind, text)
        self.buf: list[str] = []
        self.kind = "p"
        self.skip = 0
        self.infobox_depth = 0
        self.cells: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        if tag == "table" and "infobox" in (dict(attrs).get("class") or ""):
            self.infobox_depth = 1
        elif tag == "table" and self.infobox_depth:
            self.infobox_depth += 1
        if tag == "br":
            self.buf.append(", " if self.infobox_depth else "\n")
        if tag in _BLOCKS:
            self._flush()
            self.kind = tag

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if tag in ("td", "th") and self.infobox_depth:
            self.cells.append(" ".join("".join(self.buf).split()))
            self.buf = []
            return
        if tag == "tr" and self.infobox_depth:
            if len(self.cells) >= 2 and self.cells[0] and self.cells[1]:
                self.blocks.append(("infobox", f"{self.cells[0]}: {', '.join(self.cells[1:])}"))
            self.cells = []
            return
        if tag == "table" and self.infobox_depth:
            self.infobox_depth -= 1
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)

    def _flush(self):
        if self.infobox_depth:
            return
        text = " ".join("".join(self.buf).split())
        self.buf = []
        if text:
            self.blocks.append((self.kind, text))


def read_html(text: str, doc_id: str) -> Document:
    parser = _Text()
    parser.feed(text)
    parser.close()
    parser._flush()
    head, body = [], []
    for kind, t in parser.blocks:
        if kind == "infobox":
            key, _, value = t.partition(": ")
            if re.fullmatch(r"[A-Za-z][\w ]{0,40}", key):
                head.append(f"- {key}: {value}")
        elif kind.startswith("h") and kind[1:].isdigit():
            marks = "=" * int(kind[1:])
            body.append(f"{marks} {t} {marks}")
        else:
            body.append(t)
    out = ("\n".join(head) + "\n\n" if head else "") + "\n\n".join(body) + "\n"
    doc = read_article(out, doc_id)
    doc.format = "html"
    return doc
