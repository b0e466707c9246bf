"""nlp.deaths: one death per single person killed, when the text gives no number.

All sentences are invented for these tests (Sahel-flavoured, varied phrasing).
"""

import pytest

from bellum.nlp.deaths import named_deaths
from bellum.nlp.quantities import fatalities


# text, victim words (span texts), fatalities best
NAMED = [
    ("On 3 May 2022, the army said that Oumarou Diallo, a senior commander of the Islamic State, "
     "was killed near Ménaka.", ["Oumarou Diallo"], 1),
    ("In March 2021, French forces killed Abdoulaye Ag Mohamed, a JNIM leader, in an air strike.",
     ["Abdoulaye Ag Mohamed"], 1),
    ("Regional sources announced the death of Hama Cissé, a local Ansarul Islam chief.", ["Hama Cissé"], 1),
    ("The village chief, Ibrahim Sow, was abducted near Djibo and later executed by the militants.",
     ["The village chief"], 1),
    ("Gunmen assassinated the mayor of Djibasso on Sunday.", ["the mayor"], 1),
    ("The army claimed to have killed the ISGS commander Abu Dardar near Tillia.",
     ["the ISGS commander"], 1),
    ("Residents reported the killing of Seydou Traoré, a local imam.", ["Seydou Traoré"], 1),
    ("Officials confirmed the death in Tillabéri of Sidi Ould Bah, a smuggler turned rebel commander.",
     ["Sidi Ould Bah"], 1),
    ("Militants shot and killed Issa Maïga and Boubacar Touré near Bourem.", ["Issa Maïga and Boubacar Touré"], 2),
    ("A drone strike killed a senior JNIM commander near Léré on Friday.", ["a senior JNIM commander"], 1),
    ("The imam of Djibo was executed by jihadists.", ["The imam"], 1),
    # wounds a person died of: a death
    ("A Nigerien officer, Captain Moussa Issa, was mortally wounded near Tillabéri.",
     ["A Nigerien officer"], 1),
    ("The mayor of Arbinda was fatally wounded by gunmen on Friday.", ["The mayor"], 1),
]


@pytest.mark.parametrize("text, victims, best", NAMED)
def test_deaths_single_persons_killed(nlp, text, victims, best):
    found = named_deaths(nlp(text))
    assert [text[c.span.start:c.span.end] for c in found] == victims
    assert all(c.kind == "killed" and c.reason == "named person" for c in found)
    assert fatalities(found)[0] == best


@pytest.mark.parametrize("text", [
    "French troops killed Ansar Dine fighters near Tessalit.",  # a group, no number
    "The junta denied that Colonel Sanogo had been killed.",  # denied
    "JNIM threatened to kill the mayor of Boni.",  # a threat
    "Amadou Koufa killed dozens of villagers in Ogossagou.",  # the person is the killer
    "The army arrested the mayor of Djibo on Sunday.",  # no killing
])
def test_deaths_no_single_person_death(nlp, text):
    assert named_deaths(nlp(text)) == []
