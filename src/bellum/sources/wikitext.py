"""MediaWiki wikitext -> the article format, then read as an article.

Templates are dropped except an `{{Infobox ...}}`, whose `| key = value`
parameters become `- Key: value` lines; links keep their label; references,
comments, tables and file links are removed.
"""

from __future__ import annotations

import re

from bellum.model import Document
from bellum.sources.article import read_article

_MARKERS = re.compile(r"^\s*(==+[^=\n]+==+|\{\{\s*Infobox|'''|\[\[)", re.M)
_REF = re.compile(r"<ref[^>/]*/>|<ref[^>]*>.*?</ref>", re.S | re.I)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FILE = re.compile(r"\[\[(?:File|Image):[^\[\]]*(?:\[\[[^\[\]]*\]\][^\[\]]*)*\]\]", re.I)
_LINK = re.compile(r"\[\[(?:[^|\]]*\|)?([^\]]*)\]\]")
_EXTLINK = re.compile(r"\[https?://\S+\s*([^\]]*)\]")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_TABLE = re.compile(r"^\{\|.*?^\|\}", re.S | re.M)


def looks_like_wikitext(text: str) -> bool:
    sample = text[:20000]
    return bool(re.search(r"\[\[[^\]]+\]\]|\{\{[^}]+\}\}|'''[^']+'''", sample)) and bool(
        _MARKERS.search(sample)
    )


def read_wikitext(text: str, doc_id: str) -> Document:
    doc = read_article(to_article(text), doc_id)
    doc.format = "wikitext"
    return doc


def to_article(text: str) -> str:
    text = _COMMENT.sub("", text)
    text = _REF.sub("", text)
    infobox, text = _take_infobox(text)
    text = _TABLE.sub("", text)
    text = _strip_templates(text)
    text = _FILE.sub("", text)
    text = _LINK.sub(lambda m: m.group(1), text)
    text = _EXTLINK.sub(lambda m: m.group(1), text)
    text = re.sub(r"'{2,}", "", text)
    text = _TAG.sub("", text)
    lines = [re.sub(r"^[*#:;]+\s*", "", ln) for ln in text.split("\n")]
    body = "\n".join(lines)
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    head = "".join(f"- {k}: {v}\n" for k, v in infobox)
    return (head + "\n" + body + "\n") if head else body + "\n"


def _strip_templates(text: str) -> str:
    out, depth, i = [], 0, 0
    while i < len(text):
        if text.startswith("{{", i):
            depth += 1
            i += 2
        elif text.startswith("}}", i) and depth:
            depth -= 1
            i += 2
        else:
            if not depth:
                out.append(text[i])
            i += 1
    return "".join(out)


def _take_infobox(text: str) -> tuple[list[tuple[str, str]], str]:
    m = re.search(r"\{\{\s*Infobox", text, re.I)
    if not m:
        return [], text
    depth, i = 0, m.start()
    while i < len(text):
        if text.startswith("{{", i):
            depth += 1
            i += 2
        elif text.startswith("}}", i):
            depth -= 1
            i += 2
            if depth == 0:
                break
        else:
            i += 1
    inner = text[m.start() + 2 : i - 2]
    pairs = []
    for part in re.split(r"\n\s*\|", inner)[1:]:
        if "=" not in part:
            continue
        key, value = part.split("=", 1)
        value = _strip_templates(_LINK.sub(lambda mm: mm.group(1), value))
        value = re.sub(r"<br\s*/?>", ", ", value)
        value = _TAG.sub("", value)
        value = " ".join(value.replace("'''", "").split())
        key = key.strip().replace("_", " ")
        if key and value:
            pairs.append((key[:1].upper() + key[1:], value))
    return pairs, text[: m.start()] + text[i:]
