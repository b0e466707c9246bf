"""Placeholder until the events branch lands: one event per sentence with 'killed'."""

from __future__ import annotations

from dataclasses import dataclass

from bellum.model import DateValue, DocResult, Event, Span


@dataclass
class Resources:
    @classmethod
    def load(cls):
        return cls()


def process_document(doc, sdoc, res) -> DocResult:
    out = DocResult(document=doc, sentences=[(s.start_char, s.end_char) for s in sdoc.sents])
    for i, (a, b) in enumerate(out.sentences):
        if "killed" in doc.text[a:b]:
            out.events.append(Event(id=f"{doc.id}-{i:04d}", doc=doc.id, sources=[Span(doc.id, a, b)],
                                    date=DateValue("2012", "year"), event_type="Battles",
                                    sub_event_type="Armed clash", country="Mali"))
    return out
