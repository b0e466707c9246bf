"""Finding place phrases in sentences."""

import pytest

from bellum.geo import find_place_mentions


def _texts(sentence, **kw):
    return [m.text for m in find_place_mentions(sentence, **kw)]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Gunmen on motorbikes attacked Djibo and Arbinda on Sunday.", ["Djibo", "Arbinda"]),
        ("Soldiers were ambushed near Ouallam, in the Tillabéri region.", ["near Ouallam", "Tillabéri region"]),
        ("The convoy was hit 25 km east of Dori.", ["25 km east of Dori"]),
        ("Jihadists control large parts of northern Burkina Faso.", ["northern Burkina Faso"]),
        ("Fighting spread from Gao, Ansongo and Ménaka to the border with Niger.",
         ["Gao", "Ansongo", "Ménaka", "Niger"]),
        ("In Tahoua, the governor imposed a curfew.", ["Tahoua"]),
        ("Refugees fled to the Mbera camp in Mauritania.", ["Mauritania"]),
        ("The army retook Tinzawatène after a week.", ["Tinzawatène"]),
    ],
)
def test_mentions_found(sentence, expected):
    assert _texts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Ansar Dine and the Islamic State claimed the attack.",
        "Colonel Goïta met President Bazoum in the morning.",
        "Malian soldiers and French troops patrolled together.",
        "The MNLA and the MIA signed the agreement.",
        "On Monday the spokesman said the talks had failed.",
        "Gazelle helicopters supported the operation.",
        "Critics blamed Keïta's government for the crisis.",
    ],
)
def test_mentions_not_places(sentence):
    assert _texts(sentence) == []


def test_mentions_offsets_and_flags():
    sentence = "Militants struck 40 km north of Douentza, then moved into the Mopti region."
    found = find_place_mentions(sentence, offset=1000, doc="report-7")
    assert [m.text for m in found] == ["40 km north of Douentza", "Mopti region"]
    first, second = found
    assert first.near and not first.region
    assert second.region and not second.near
    assert first.span.doc == "report-7"
    assert sentence[first.span.start - 1000:first.span.end - 1000] == "40 km north of Douentza"
    assert sentence[second.span.start - 1000:second.span.end - 1000] == "Mopti region"


def test_mentions_exclude_actor_names():
    sentence = "Fighters from Boni attacked the camp."
    assert _texts(sentence) == ["Boni"]
    assert _texts(sentence, exclude={"Boni"}) == []


def test_mentions_country_needs_a_cue():
    assert _texts("France announced the end of the operation.") == []
    assert _texts("The troops left France in May.") == ["France"]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # places the gazetteer lacks, named right after a locative cue, stay as text
        ("Unidentified gunmen killed 12 in the village of Kouna Peulh on Sunday.", ["Kouna Peulh"]),
        ("Soldiers pulled out of their camp in Wuroyel, near the border.", ["Wuroyel"]),
        ("The drone was shot down in Zyxwa.", ["Zyxwa"]),
    ],
)
def test_mentions_unknown_place_after_locative_cue(sentence, expected):
    assert _texts(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The army bought Turkish-made Bayraktar drones.",
        "He spoke in Parliament on Monday.",
        "Critics in Keïta's party objected.",
    ],
)
def test_mentions_unknown_words_after_cue_are_not_always_places(sentence):
    assert _texts(sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The hostages were taken to the Kati military base.", ["Kati military base"]),
        ("The militants withdrew into the Adrar des Ifoghas, a mountain range.", ["Adrar des Ifoghas"]),
        ("A pirogue sank on the Niger River near Mopti.", ["Niger River", "near Mopti"]),
    ],
)
def test_mentions_features(sentence, expected):
    assert _texts(sentence) == expected


def test_mentions_do_not_join_lines_and_read_datelines():
    text = "Gunmen kill soldiers near Dori\n\nOUAGADOUGOU, 2 May 2023 (AFP) — Troops were attacked near Dori."
    found = find_place_mentions(text)
    assert [m.text for m in found] == ["near Dori", "OUAGADOUGOU", "near Dori"]
    assert text[found[1].span.start:found[1].span.end] == "OUAGADOUGOU"


def test_mentions_capitalised_acronym_is_not_a_place():
    assert _texts("The statement by ECOWAS and the AU came late.") == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Jihadists took over Léré on Tuesday after the garrison left.", ["Léré"]),
        ("The army entered Diabaly after two days of air strikes.", ["Diabaly"]),
        ("Fighters seized Boulkessi overnight.", ["Boulkessi"]),
        ("Rebels overran Aguelhok and executed the prisoners.", ["Aguelhok"]),
        ("Government troops retook Konna within a week.", ["Konna"]),
        ("French troops withdrew from Tessalit in 2021.", ["Tessalit"]),
        ("The mercenaries pulled out of Ber before dawn.", ["Ber"]),
        ("Gunmen stormed Seytenga, setting fire to the market.", ["Seytenga"]),
        ("Insurgents took control of Dioura and Nampala.", ["Dioura", "Nampala"]),
        ("The town of Tessit has been under blockade since August.", ["Tessit"]),
        ("Dozens died in Yirgou, a village in the Centre-Nord Region.", ["Yirgou", "Centre-Nord Region"]),
        ("The camp at Kobangou, a small village near the border, was hit.", ["Kobangou"]),
        ("Militants struck in the Savanes Region of Togo.", ["Savanes Region", "Togo"]),
        ("Violence spread across the Sahel Region.", ["Sahel Region"]),
    ],
)
def test_mentions_after_verbs_of_taking_and_appositions(sentence, expected):
    assert _texts(sentence) == expected


def test_mentions_offsets_after_verb_cue():
    sentence = "At dawn the jihadists took over Léré without a fight."
    (m,) = find_place_mentions(sentence, offset=50, doc="wire-3")
    assert (m.text, m.span.start, m.span.end) == ("Léré", 50 + sentence.index("Léré"), 50 + sentence.index("Léré") + 4)


@pytest.mark.parametrize(
    "sentence",
    [
        "Tuareg fighters joined the rebellion in the north.",
        "The Fulani and the Dogon accuse each other of the killings.",
        "Militias recruited among the Tuareg and the Arabs.",
        "Soldiers captured Amadou Koufa's deputy, officials said.",
        "Hamadoun Koufa appeared in a new video.",
        "The army said it had captured Dicko.",
        "Mahamat Déby sent troops to the tri-border area.",
    ],
)
def test_mentions_peoples_and_persons_are_not_places(sentence):
    assert _texts(sentence) == []


def test_mentions_town_named_after_a_people_is_a_place():
    assert _texts("Jihadists besieged Bambara Maoundé for weeks.") == ["Bambara Maoundé"]


@pytest.mark.parametrize("sentence, expected", [
    ("Militants seized the gas plant near In Amenas.", ["near In Amenas"]),
    ("Jihadists crossed into Algeria and attacked Bordj Badji Mokhtar.", ["Algeria", "Bordj Badji Mokhtar"]),
])
def test_mentions_known_foreign_cities_outside_the_gazetteer(sentence, expected):
    assert _texts(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Jihadists raided the Karma Gold Mine in the Sikasso Region, seizing trucks.",
     ["Karma Gold Mine", "Sikasso Region"]),
    ("Soldiers recaptured the Tinfadimata mine after a week.", ["Tinfadimata mine"]),
    ("Two soldiers were killed near the Nigerien town of Tamou as they patrolled.",
     ["near the Nigerien town of Tamou"]),
])
def test_mentions_sites_and_towns_named_with_their_kind(sentence, expected):
    assert _texts(sentence) == expected
