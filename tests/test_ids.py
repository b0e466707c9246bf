"""Event ids and notes a user can cite: ids depend on what identifies an occurrence,
not on its position, and the ACLED notes are whole sentences."""

from __future__ import annotations

import csv
import io
import re

import pytest

REPORT = """= Attacks in the north =

On 4 March 2021 gunmen attacked the village of Tonka and killed nine civilians.

On 9 March 2021 the army repelled an attack on its camp near Tessit; eleven soldiers died.

On 15 March 2021 protesters marched in Bamako against the insecurity.
"""

EDIT = "On 1 March 2021 the governor of Timbuktu visited the market of Goundam and met traders.\n\n"


def _build(tmp_path, name, text):
    from bellum.kb import build

    (tmp_path / name).mkdir()
    (tmp_path / name / "report.txt").write_text(text, encoding="utf-8")
    return build([tmp_path / name], db=tmp_path / f"{name}.duckdb")


def _ids(kb):
    return dict(kb.con.execute("SELECT notes, event_id FROM events").fetchall())


@pytest.mark.model
def test_ids_survive_an_unrelated_edit(tmp_path):
    before = _build(tmp_path, "a", REPORT)
    old = _ids(before)
    before.close()
    # a paragraph added between them, and one changed word in the last
    edited = REPORT.replace("On 15 March", EDIT + "On 15 March").replace("insecurity", "violence")
    after = _build(tmp_path, "b", edited)
    new = _ids(after)
    after.close()
    assert len(old) >= 3 and len(new) > len(old) - 1
    kept = {n: i for n, i in old.items() if "insecurity" not in n}
    assert len(kept) == len(old) - 1
    for note, event_id in kept.items():  # events whose sentences did not change keep their ids
        assert new.get(note) == event_id, note
    assert old[next(n for n in old if "insecurity" in n)] not in new.values()  # the edited one is new
    assert all(re.fullmatch(r"report-[0-9a-f]{8}(-\d+)?", i) for i in new.values())


def test_ids_of_events_alike_are_numbered_in_text_order():
    from bellum.extract import stable_ids
    from bellum.model import DateValue, Event, Span

    text = "Gunmen killed 12 and kidnapped four."
    one = lambda: Event("", "d", [Span("d", 0, len(text))], DateValue("2021-03-04", "day"),
                        "Violence against civilians", "Attack")
    events = [one(), one()]
    stable_ids("d", events, text)
    assert events[0].id != events[1].id and events[1].id == events[0].id + "-2"


@pytest.mark.parametrize("sentence", [
    "Gunmen attacked the village.",
    "On 4 March 2021 gunmen on motorbikes attacked the village of Tonka, " + "killing nine civilians and " * 30 + "burning houses.",
])
def test_notes_are_whole_sentences_or_cut_at_a_word(sentence):
    from bellum.extract import NOTES_CHARS, summary

    note = summary("attack", sentence)
    assert note.startswith("attack: ")
    body = note[len("attack: "):]
    if len(sentence) <= NOTES_CHARS:
        assert body == sentence
    else:
        assert body.endswith(" …") and len(body) <= NOTES_CHARS + 2
        kept = body[:-2]
        assert sentence.startswith(kept) and sentence[len(kept)] in " ,;:"  # never inside a word


@pytest.mark.model
def test_acled_csv_notes_never_cut_mid_word(tmp_path):
    from bellum.export import export

    kb = _build(tmp_path, "c", REPORT)
    rows = list(csv.DictReader(io.StringIO(export(kb, "acled-csv", None))))
    text = REPORT
    kb.close()
    assert rows
    for r in rows:
        body = r["notes"].split(": ", 1)[1]
        assert body in " ".join(text.split()), r["notes"]
