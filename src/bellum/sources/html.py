"""HTML -> the article format (headings, paragraphs, list items, infobox
table rows), then read as an article. Scripts and styles are dropped.

The page's metadata comes from its meta tags: `article:published_time`
(else `name="date"`, `pubdate`, `DC.date`...), `og:url` (else the
canonical link), `og:site_name`, `og:title` (else `<title>`) and the
`<html lang>` attribute."""

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
        self.meta: dict[str, str] = {}  # meta property/name (lower case) -> content
        self.lang = ""
        self.canonical = ""
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").strip().lower()
            if key and (a.get("content") or "").strip():
                self.meta.setdefault(key, a["content"].strip())
            return
        if tag == "html" and a.get("lang"):
            self.lang = a["lang"].strip()
        if tag == "link" and (a.get("rel") or "").lower() == "canonical" and a.get("href"):
            self.canonical = a["href"].strip()
        if tag == "title":
            self.in_title = True
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
        if tag == "title":
            self.in_title = False
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
        if self.in_title:
            self.title.append(data)
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
    for k, v in page_metadata(parser).items():
        if k != "title" or not doc.title or parser.meta.get("og:title"):
            setattr(doc, k, v)
    return doc


_DATE_KEYS = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publishdate", "dc.date", "dc.date.issued", "dcterms.date", "sailthru.date")


def page_metadata(parser: _Text) -> dict:
    """published, url, publisher, title, language from the page's head (those it has)."""
    from bellum.sources.manifest import parse_published

    m, out = parser.meta, {}
    for key in _DATE_KEYS:
        iso = parse_published(m.get(key, "")) if m.get(key) else None
        if iso:
            out["published"] = iso
            break
    if m.get("og:url") or parser.canonical:
        out["url"] = m.get("og:url") or parser.canonical
    if m.get("og:site_name"):
        out["publisher"] = m["og:site_name"]
    title = m.get("og:title") or " ".join("".join(parser.title).split())
    if title:
        out["title"] = title
    lang = m.get("og:locale") or parser.lang
    if lang:
        out["language"] = lang.replace("_", "-").split("-")[0].lower()
    return out
