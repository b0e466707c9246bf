"""Actor recognition: lexicon, generic actors resolved to a country, acronyms and
infobox belligerents learned from a document. Invented sentences only."""

from __future__ import annotations

import pytest

from bellum.errors import KnowledgeFileInvalid
from bellum.model import Document, Span
from bellum.nlp.actors import ActorLexicon, resolve_generic


@pytest.fixture(scope="module")
def lex(nlp):
    return ActorLexicon.load(vocab=nlp.vocab)


def _mentions(nlp, lex, text, infobox=None):
    doc = Document("t", text, infobox=infobox or {})
    dact = lex.for_document(doc)
    return dact, [m for _s, _e, m in dact.find_all(nlp(text), "t")]


@pytest.mark.parametrize("text, phrase, actor", [
    ("Burkinabe soldiers repelled the assault.", "Burkinabe soldiers",
     "Military Forces of Burkina Faso"),
    ("The army of Niger deployed troops.", "The army", "Military Forces of Niger"),
    ("Gunmen on motorbikes stormed the market.", "Gunmen", "Unidentified Armed Group ({country})"),
    ("JNIM militants ambushed a convoy.", "JNIM militants", "JNIM"),
    ("Fighters of the Islamic State in the Greater Sahara raided the village.",
     "Islamic State in the Greater Sahara", "ISSP"),
    ("The VDP and Koglweogo vigilantes patrolled the road.", "VDP", "VDP"),
    ("Wagner mercenaries arrived in the town.", "Wagner mercenaries", "Wagner Group"),
    ("Chadian peacekeepers of MINUSMA were hit.", "MINUSMA", "MINUSMA"),
    ("Dozo hunters burned the hamlet.", "Dozo hunters", "Dozo militia"),
    ("Twelve Nigerien civilians were abducted.", "Nigerien civilians", "Civilians (Niger)"),
])
def test_actors_find_lexicon_and_generic(nlp, lex, text, phrase, actor):
    _d, ms = _mentions(nlp, lex, text)
    hit = [m for m in ms if m.text == phrase]
    assert hit, [m.text for m in ms]
    assert hit[0].actor == actor
    start = text.index(phrase)
    assert hit[0].span == Span("t", start, start + len(phrase))


def test_actors_coordinated_nationalities_give_two_actors(nlp, lex):
    _d, ms = _mentions(nlp, lex, "French and Chadian troops entered the town.")
    assert {m.actor for m in ms} == {"Military Forces of France", "Military Forces of Chad"}


@pytest.mark.parametrize("text", [
    "They attacked the military base at dawn.",
    "An army camp was shelled.",
    "The police station was burned.",
])
def test_actors_generic_word_as_modifier_is_not_an_actor(nlp, lex, text):
    _d, ms = _mentions(nlp, lex, text)
    assert ms == []


def test_actors_learn_acronym_of_unknown_group(nlp, lex):
    text = ("The Patriotic Front for Justice (PFJ) claimed the raid. "
            "Later the PFJ withdrew from the area.")
    dact, ms = _mentions(nlp, lex, text)
    assert "PFJ" in dact.learned
    assert dact.learned["PFJ"].inter == 2 and dact.learned["PFJ"].source == "document"
    assert [m.text for m in ms if m.actor == "PFJ"] == ["Patriotic Front for Justice", "PFJ",
                                                          "PFJ"]


def test_actors_acronym_for_known_long_name(nlp, lex):
    text = "The Arab Movement of Azawad (MAAZ) took the well. The MAAZ later left."
    _d, ms = _mentions(nlp, lex, text)
    assert [m.actor for m in ms if m.text == "MAAZ"] == ["MAA", "MAA"]


def test_actors_infobox_belligerents_join_the_document(nlp, lex):
    box = {"Combatant1": ("Burkina Faso, * VDP, Koglweogo", Span("t", 0, 1)),
           "Combatant2": ("Ansarul Islam, Katiba Hanifa, Sahel Defence Front", Span("t", 0, 1))}
    dact, _ms = _mentions(nlp, lex, "Nothing happened.", infobox=box)
    assert {"VDP", "Koglweogo", "Ansarul Islam", "Katiba Hanifa"} <= set(dact.infobox)
    assert dact.learned["Sahel Defence Front"].source == "infobox"


def test_actors_resolve_generic_fills_country():
    assert resolve_generic("Civilians ({country})", "Niger") == "Civilians (Niger)"
    assert resolve_generic("Military Forces of {country}", None) == "Military Forces"
    assert resolve_generic("JNIM", "Mali") == "JNIM"


def test_actors_malformed_lexicon_line_names_file_and_line(tmp_path, nlp):
    bad = tmp_path / "actors.csv"
    bad.write_text("# comment\nname,aliases,inter,kind,country,member_of,category\n"
                   "JNIM,GSIM,2,rebel group,Mali,,jihadist\nBroken,only,three\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileInvalid, match=r"actors.csv:4"):
        ActorLexicon.load(bad, vocab=nlp.vocab)


def test_actors_bad_inter_code_rejected(tmp_path, nlp):
    bad = tmp_path / "actors.csv"
    bad.write_text("name,aliases,inter,kind,country,member_of,category\nX,Y,9,k,Mali,,rebel\n",
                   encoding="utf-8")
    with pytest.raises(KnowledgeFileInvalid, match=r"inter 9"):
        ActorLexicon.load(bad, vocab=nlp.vocab)


def test_actors_bundled_lexicon_has_sahel_coverage(lex):
    for name in ("Military Forces of Burkina Faso", "VDP", "Koglweogo", "Military Forces of Niger",
                 "Katiba Serma", "Ansarul Islam", "ISWAP", "Wagner Group", "Africa Corps",
                 "Dan Na Ambassagou", "MINUSMA", "ECOWAS", "G5 Sahel", "Takuba"):
        assert name in lex.actors, name
        assert lex.actors[name].inter in range(1, 9)


def test_actors_find_actors_in_one_sentence_keeps_document_offsets(nlp, lex):
    text = "Calm returned. On Monday, Nigerien soldiers repelled ISWAP fighters near Diffa."
    doc = Document("t", text)
    sdoc = nlp(text)
    sent = list(sdoc.sents)[1]
    ms = lex.for_document(doc).find_actors(sent, "t")
    assert [(m.actor, text[m.span.start:m.span.end]) for m in ms] == [
        ("Military Forces of Niger", "Nigerien soldiers"), ("ISWAP", "ISWAP fighters")]


@pytest.mark.parametrize("text, phrase, actor", [
    # a country named in another phrase does not give the generic actor its country
    ("After rallies against France and ECOWAS, the transitional government ended the pact.",
     "transitional government", "Government of {country}"),
    ("Talks with Algeria stalled, and the army resumed operations.", "the army",
     "Military Forces of {country}"),
    # but coordinated nationalities and possessives still do
    ("Niger's army and Malian soldiers patrolled the border.", "Malian soldiers",
     "Military Forces of Mali"),
    ("Malian warplanes struck the convoy.", "Malian warplanes", "Military Forces of Mali"),
])
def test_actors_country_only_from_the_same_phrase(nlp, lex, text, phrase, actor):
    _d, ms = _mentions(nlp, lex, text)
    hit = [m for m in ms if m.text == phrase]
    assert hit, [(m.text, m.actor) for m in ms]
    assert hit[0].actor == actor


def test_actors_branch_file_rejects_a_bad_year(tmp_path):
    from bellum.errors import KnowledgeFileInvalid
    from bellum.nlp.actors import load_branches

    p = tmp_path / "branches.csv"
    p.write_text("# test\nparent,countries,first_year,last_year,admin1,branch\n"
                 "Al-Qaeda,Mali,twenty,,,JNIM\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileInvalid, match=r"branches.csv:3"):
        load_branches(p)


def test_actors_a_country_after_border_is_a_place_not_a_party(nlp, lex):
    text = "Gunmen attacked villages near the border with Mali on Sunday."
    sdoc = nlp(text)
    found = lex.for_document(Document("t", text)).find_all(sdoc, "t")
    assert not [m for m in found if "Mali" in m[2].actor]


@pytest.mark.parametrize("text, named", [
    ("In 2019 the rebels vowed to make the north an Islamic state and to fight on.", False),
    ("In 2019 fighters of the Islamic State raided the village.", True),
    ("In 2019 rebels pledged allegiance to an Islamic State commander.", True),  # the article is the commander's
])
def test_actors_common_noun_after_an_article_is_no_group(nlp, lex, text, named):
    _d, ms = _mentions(nlp, lex, text)
    assert any(m.actor == "Islamic State" for m in ms) is named


def test_actors_unknown_category_rejected_with_file_and_line(tmp_path, nlp):
    bad = tmp_path / "actors.csv"
    bad.write_text("name,aliases,inter,kind,country,member_of,category\n"
                   "X,Y,2,rebel group,Mali,,rebels\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileInvalid, match=r"actors.csv:2: category 'rebels' is not one of"):
        ActorLexicon.load(bad, vocab=nlp.vocab)


@pytest.mark.parametrize("name, cat", [
    ("Military Forces of Niger", "state_forces"),  # built from the template for a country
    ("Military Forces of the United States", "state_forces"),
    ("Military Forces", "state_forces"),  # the template with no country
    ("Mutiny of Military Forces of Mali", "mutiny"),
    ("Police Forces of Chad", "police"),
    ("Government of Burkina Faso", "government"),
    ("Civilians (International)", "civilians"),
    ("Civilians (Togo)", "civilians"),
    ("Protesters (Mali)", "protesters"),
    ("June 5 Movement", "movement"),  # a named movement, not a name prefix
    ("Rioters (Niger)", "rioters"),
    ("Unidentified Armed Group (Benin)", "unidentified"),
    ("JNIM", "jihadist"), ("MNLA", "rebel"), ("Koglweogo", "militia"),
    ("Wagner Group", "state_ally"), ("MINUSMA", "state_ally"), ("EUTM Mali", "mission"),
    ("ECOWAS", "organisation"),
    ("Front for Sahel Unity", ""), (None, ""),  # not in the lexicon
])
def test_actors_category_of_a_name(name, cat):
    from bellum.nlp.actors import category

    assert category(name) == cat


def test_actors_lexicon_actors_carry_their_category(lex):
    assert lex.actor("MINUSMA").category == "state_ally"
    assert lex.actor("Military Forces of Ghana").category == "state_forces"


@pytest.mark.parametrize("name, cats, country", [
    ("Military Forces of Niger", ("state_forces",), "Niger"),
    ("Mutiny of Military Forces of Mali", ("state_forces",), None),
    ("Mutiny of Military Forces of Mali", ("mutiny",), "Mali"),
    ("Military Forces", ("state_forces",), None),
    ("Police Forces of Chad", ("state_forces", "police"), "Chad"),
    ("JNIM", ("government",), None),
])
def test_actors_country_of_a_state_name(name, cats, country):
    from bellum.nlp.actors import country_of, state_name

    assert country_of(name, *cats) == country
    if country:
        assert state_name(cats[-1], country) == name


def test_actors_no_code_reads_an_actor_kind_from_a_name_prefix():
    import re
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "bellum"
    prefix = re.compile(r"(?:startswith|endswith)\(\s*\(?\s*f?[\"'](?:Military Forces|Police Forces|"
                        r"Government|Mutiny|Civilians|Protesters|Rioters|June|Unidentified)")
    found = [f"{p.relative_to(src.parent)}:{n}" for p in sorted(src.rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if prefix.search(line)]
    assert not found, "use nlp.actors.category()/is_category(), not a name prefix: " + ", ".join(found)
