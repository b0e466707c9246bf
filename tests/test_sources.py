"""Readers: every format gives a Document whose offsets point into its text."""

from __future__ import annotations

import pytest

from bellum.sources import read_bytes, read_text

ARTICLE = """= Battle of Nowhere =

- Conflict: Battle of Nowhere
- Date: 3 May 2019
- Combatant1: Army of Niger

The battle was fought near a river.

== Background ==

Tensions rose in 2018.

=== Earlier clashes ===

Raids happened in April.

== Aftermath ==

Talks began.
"""


def test_sources_article_sections_and_offsets():
    doc = read_text(ARTICLE, "nowhere")
    assert doc.format == "article"
    assert doc.title == "Battle of Nowhere"
    titles = [(s.title, s.level) for s in doc.sections]
    assert titles == [("Battle of Nowhere", 1), ("Background", 2), ("Earlier clashes", 3), ("Aftermath", 2)]
    bg = doc.sections[1]
    assert "Raids happened in April." in doc.text[bg.start:bg.end]
    assert "Talks began." not in doc.text[bg.start:bg.end]
    raid = doc.text.index("Raids")
    assert doc.section_at(raid).title == "Earlier clashes"
    assert [s.title for s in doc.section_path(raid)] == ["Battle of Nowhere", "Background", "Earlier clashes"]


def test_sources_article_infobox_values_point_into_text():
    doc = read_text(ARTICLE, "nowhere")
    assert set(doc.infobox) == {"Conflict", "Date", "Combatant1"}
    value, span = doc.infobox["Date"]
    assert value == "3 May 2019" and doc.text[span.start:span.end] == value
    # narrative paragraphs, not infobox lines
    paras = [doc.text[a:b] for a, b in doc.paragraphs]
    assert "The battle was fought near a river." in paras
    assert not any(p.startswith("- Date") for p in paras)


def test_sources_plain_text_has_no_sections():
    doc = read_text("Gunmen attacked a village on 2 June 2020.\n\nThree people died.", "plain")
    assert doc.format == "text" and doc.sections == [] and len(doc.paragraphs) == 2


WIKITEXT = """{{Infobox military conflict
| conflict = Battle of Somewhere
| date = 4–5 June 2018
| combatant1 = [[Armed Forces of Mali|Mali]]<br>[[France]]
}}
'''The Battle of Somewhere''' was fought in [[Mopti Region|Mopti]].<ref>{{cite web|url=http://x}}</ref>

== Battle ==
On 4 June 2018, [[Jama'at Nasr al-Islam wal-Muslimin|JNIM]] fighters attacked the camp.<!-- hidden -->
"""


def test_sources_wikitext_to_text():
    doc = read_text(WIKITEXT, "somewhere")
    assert doc.format == "wikitext"
    assert "The Battle of Somewhere was fought in Mopti." in doc.text
    assert "JNIM fighters attacked the camp." in doc.text
    assert "cite web" not in doc.text and "hidden" not in doc.text and "[[" not in doc.text
    assert doc.infobox["Date"][0] == "4–5 June 2018"
    assert doc.infobox["Combatant1"][0] == "Mali, France"
    assert [s.title for s in doc.sections] == ["Battle"]


HTML = """<!doctype html><html><head><title>x</title><script>var a = "killed 99";</script></head>
<body><h1>Attack on a convoy</h1>
<table class="infobox"><tr><th>Date</th><td>7 July 2022</td></tr></table>
<p>On 7 July 2022, an &quot;IED&quot; hit a convoy near <b>Gao</b>.</p>
<h2>Reactions</h2><p>The government condemned it.</p></body></html>"""


def test_sources_html_to_text():
    doc = read_text(HTML, "convoy")
    assert doc.format == "html"
    assert 'On 7 July 2022, an "IED" hit a convoy near Gao.' in doc.text
    assert "killed 99" not in doc.text  # scripts are not text
    assert doc.infobox["Date"][0] == "7 July 2022"
    assert [s.title for s in doc.sections] == ["Attack on a convoy", "Reactions"]


@pytest.mark.parametrize("raw", [b"\xef\xbb\xbfOn 2 May fighting broke out.\r\nTwo died.\r\n"])
def test_sources_bom_and_crlf_are_normalised(raw):
    doc = read_bytes(raw, "bom")
    assert doc.text.startswith("On 2 May") and "\r" not in doc.text
