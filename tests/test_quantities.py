"""nlp.quantities: casualty counts and an event's fatalities.

All sentences are invented for these tests (Sahel-flavoured, varied phrasing).
"""

import pytest

from bellum.errors import KnowledgeFileInvalid
from bellum.model import Count, Span
from bellum.nlp.quantities import CountMention, fatalities, find_counts, load_lexicon


def one(text: str) -> CountMention:
    found = find_counts(text)
    assert len(found) == 1, found
    return found[0]


def spanned(text: str, c: Count) -> str:
    return text[c.span.start:c.span.end]


# text, kind, best, low, high, span text
SINGLE = [
    ("Gunmen killed 12 soldiers near Boulkessi.", "killed", 12, None, None, "12"),
    ("12 soldiers were killed when their convoy hit a mine.", "killed", 12, None, None, "12"),
    ("At least 15 killed in a raid on a market in Djibo.", "killed", 15, 15, None, "At least 15"),
    ("The raid on Solhan killed more than 20 villagers.", "killed", 20, 20, None, "more than 20"),
    ("Over 30 gendarmes died in the assault.", "killed", 30, 30, None, "Over 30"),
    ("Nearly 40 civilians died in the fire.", "killed", 40, None, 40, "Nearly 40"),
    ("Almost 40 herders were massacred near Ogossagou.", "killed", 40, None, 40, "Almost 40"),
    ("Up to 40 people may have died in the strike.", "killed", 40, None, 40, "Up to 40"),
    ("Officials fear 40 may have died in the strike.", "killed", 40, None, None, "40"),
    ("About 40 worshippers were killed at the mosque.", "killed", 40, None, None, "About 40"),
    ("Around 40 people died in the ambush.", "killed", 40, None, None, "Around 40"),
    ("Some 40 traders were slain on the road to Gossi.", "killed", 40, None, None, "Some 40"),
    ("Between 50 and 60 civilians were killed in the village.", "killed", 50, 50, 60, "Between 50 and 60"),
    ("Soldiers executed 50 to 60 men in the market.", "killed", 50, 50, 60, "50 to 60"),
    ("The strike killed 22–27 fighters.", "killed", 22, 22, 27, "22–27"),
    ("Dozens of people were killed in Seytenga.", "killed", None, 24, None, "Dozens"),
    ("Scores were killed when the camp was overrun.", "killed", None, 40, None, "Scores"),
    ("The attackers killed several villagers.", "killed", None, 3, None, "several"),
    ("A dozen soldiers were killed near Tessit.", "killed", 12, None, None, "A dozen"),
    ("Thirty-three soldiers were killed in the ambush.", "killed", 33, None, None, "Thirty-three"),
    ("Twenty one people died after the attack.", "killed", 21, None, None, "Twenty one"),
    ("Militants killed two hundred and fifty civilians.", "killed", 250, None, None, "two hundred and fifty"),
    ("The blast left 12 dead.", "killed", 12, None, None, "12"),
    ("The death toll rose to 40 on Sunday.", "killed", 40, None, None, "40"),
    ("Jihadists clashed with Dozos, killing one.", "killed", 1, None, None, "one"),
    ("A roadside bomb exploded, killing a soldier.", "killed", 1, None, None, "a"),
    ("Two soldiers died in the crossfire.", "killed", 2, None, None, "Two"),
    ("One of the attackers was killed by the guards.", "killed", 1, None, None, "One"),
    ("The attack claimed the lives of 9 gendarmes.", "killed", 9, None, None, "9"),
    ("Gunmen kidnapped 5 aid workers near Ménaka.", "captured", 5, None, None, "5"),
    ("Eleven passengers were abducted from the bus.", "captured", 11, None, None, "Eleven"),
    ("The militants took 7 people hostage.", "captured", 7, None, None, "7"),
    ("The army arrested 30 suspects in the market.", "captured", 30, None, None, "30"),
    ("Four peacekeepers were wounded by the mine.", "wounded", 4, None, None, "Four"),
    ("Hundreds fled to Gao after the attack.", "displaced", None, 200, None, "Hundreds"),
    ("Tens of thousands were displaced by the fighting in Soum.", "displaced", None, 20000, None,
     "Tens of thousands"),
    ("Some 3,000 residents were displaced.", "displaced", 3000, None, None, "Some 3,000"),
    ("The clashes caused 30 casualties.", "other", 30, None, None, "30"),
    ("One Chadian soldier, a lieutenant, was killed.", "killed", 1, None, None, "One"),
    ("Twelve soldiers, most of them recruits, were killed.", "killed", 12, None, None, "Twelve"),
    ("A couple was stoned to death in the square.", "killed", 2, None, None, "A couple"),
    ("Gunmen shot dead 3 teachers in Tillabéri.", "killed", 3, None, None, "3"),
]


@pytest.mark.parametrize("text, kind, best, low, high, span", SINGLE)
def test_quantities_single_count(text, kind, best, low, high, span):
    c = one(text)
    assert (c.kind, c.best, c.low, c.high) == (kind, best, low, high)
    assert spanned(text, c) == span


def test_quantities_offsets_and_doc_are_absolute():
    text = "An ambush killed 14 soldiers."
    c = find_counts(text, offset=500, doc="news-1")[0]
    assert c.span == Span("news-1", 500 + text.index("14"), 500 + text.index("14") + 2)


def test_quantities_victim_and_side():
    c = one("Militants killed 12 Malian soldiers.")
    assert (c.victim, c.side) == ("soldiers", "state")
    c = one("At least 8 civilians were executed.")
    assert (c.victim, c.side) == ("civilians", "civilian")


# text, [(kind, best, low, high, reason)]
SEVERAL = [
    ("The army said it killed 20 militants and 5 soldiers died.",
     [("killed", 20, None, None, "verb+count"), ("killed", 5, None, None, "count+outcome")]),
    ("Jihadists stormed the post, killing 20 militiamen and 5 soldiers.",
     [("killed", 20, None, None, "verb+count"), ("killed", 5, None, None, "list")]),
    ("12 soldiers and 3 civilians were killed near Ansongo.",
     [("killed", 12, None, None, "list"), ("killed", 3, None, None, "count+outcome")]),
    ("The blast left 7 people dead and 10 injured.",
     [("killed", 7, None, None, "count+outcome"), ("wounded", 10, None, None, "count+outcome")]),
    ("JNIM overran the camp, killing at least 6 soldiers and wounding 11.",
     [("killed", 6, 6, None, "verb+count"), ("wounded", 11, None, None, "verb+count")]),
    ("The attack killed 20 people, including 5 soldiers.",
     [("killed", 20, None, None, "verb+count"), ("killed", 5, None, None, "subset")]),
    ("Militants killed 3 guards and kidnapped 4 engineers.",
     [("killed", 3, None, None, "verb+count"), ("captured", 4, None, None, "verb+count")]),
    # the count after the comma is who said it, not more dead
    ("Gunmen ambushed a patrol near Djibo, killing 12 soldiers, two security sources said.",
     [("killed", 12, None, None, "verb+count")]),
    ("Bandits killed 7 herders, three local officials told AFP.",
     [("killed", 7, None, None, "verb+count")]),
    ("Gunmen killed 7 villagers and two soldiers, officials said.",
     [("killed", 7, None, None, "verb+count"), ("killed", 2, None, None, "list")]),
]


@pytest.mark.parametrize("text, expected", SEVERAL)
def test_quantities_several_counts(text, expected):
    got = [(c.kind, c.best, c.low, c.high, c.reason) for c in find_counts(text)]
    assert got == expected


def test_quantities_active_voice_is_not_a_passive_count():
    # "300 militants killed 12 soldiers": the 300 did the killing
    got = [(c.kind, c.best) for c in find_counts("Some 300 militants killed 12 soldiers at Inates.")]
    assert got == [("killed", 12)]


def test_quantities_claimants():
    text = "The army said 30 militants were killed; JNIM said 2 soldiers died."
    assert [(c.best, c.claimant, c.side) for c in find_counts(text)] == [(30, "army", "armed"), (2, "jnim", "state")]
    text = "According to local sources, 14 villagers were executed."
    assert one(text).claimant == "local sources"
    assert one("Fourteen soldiers were killed, officials said.").claimant == "officials"
    assert one("12 soldiers were reported killed near Gao.").claimant == ""


@pytest.mark.parametrize("text", [
    "About 1,500 troops were deployed to Gao.",
    "Security Council Resolution 2100 set up the mission.",
    "A 12-year-old girl was among the victims.",
    "The group was paid $50 million in ransoms.",
    "The camp lies 40 km north of Ménaka.",
    "On 16 January 2012, rebels attacked the barracks.",
    "In 2019, attacks spread to the south.",
    "The militants destroyed 12 vehicles and burned 40 tankers.",
    "Attacks rose by 40 percent in 2020.",
    "Two Su-25 jets and one Mi-24 helicopter were shot down.",
    "The march from Ségou lasted 3 days.",
    "Hundreds of soldiers fled the camp at Boulkessi.",
    "The 3 soldiers who survived returned to Sévaré.",
])
def test_quantities_numbers_that_are_not_casualties(text):
    assert find_counts(text) == []


@pytest.mark.parametrize("text, reason", [
    ("The conflict has left 13,105 killed from 2012 to 2023.", "total"),
    ("Since 2015 some 2,000 civilians have been killed in the region.", "total"),
    ("Attacks killed 4,000 people in 2019.", "total"),
    ("The raid killed 250,000 people.", "absurd"),
])
def test_quantities_summaries_and_absurd_figures_are_flagged(text, reason):
    c = one(text)
    assert c.reason == reason
    assert fatalities([c]) == (None, None, None)


def K(best, low=None, high=None, side="", claimant="", reason="count+outcome", kind="killed"):
    return CountMention(kind=kind, best=best, low=low, high=high, reason=reason, side=side, claimant=claimant)


# counts of one event -> (best, low, high)
FATALITIES = [
    ([], (None, None, None)),
    ([K(12)], (12, None, None)),
    ([K(15, 15)], (15, 15, None)),
    ([K(50, 50, 60)], (50, 50, 60)),
    ([K(None, 24)], (None, 24, None)),
    ([K(40, None, 40)], (40, None, 40)),
    # sides add up; a hedged side makes the low the sum of floors
    ([K(20, side="armed"), K(5, side="state")], (25, None, None)),
    ([K(12, 12, side="armed"), K(1, side="state")], (13, 13, None)),
    ([K(50, 50, 60, side="civilian"), K(5, side="state")], (55, 55, 65)),
    # a side known only as "dozens" leaves the best unknown
    ([K(None, 24, side="armed"), K(3, side="state")], (None, 27, None)),
    # rival claims about one side: the lowest is the conservative figure, the highest the high
    ([K(12, side="state", claimant="officials"), K(40, side="state", claimant="jnim")], (12, 12, 40)),
    # a running toll replaces the earlier figures
    ([K(12, side="state"), K(40, reason="toll")], (40, None, None)),
    # subsets, totals, absurd figures and other outcomes are skipped
    ([K(20), K(5, side="state", reason="subset")], (20, None, None)),
    ([K(13105, reason="total"), K(7)], (7, None, None)),
    ([K(9, kind="wounded"), K(3, kind="captured")], (None, None, None)),
    # the same figure told twice (lead and body) counts once
    ([K(14, side="state"), K(14, side="state")], (14, None, None)),
]


@pytest.mark.parametrize("counts, expected", FATALITIES)
def test_quantities_fatalities_rules(counts, expected):
    assert fatalities(counts) == expected


@pytest.mark.parametrize("text, expected", [
    ("Jihadists stormed the post, killing 20 militiamen and 5 soldiers.", (25, None, None)),
    ("On 3 May, at least 12 fighters and one soldier were killed.", (13, 13, None)),
    ("Officials said 12 soldiers were killed, while JNIM claimed 40 soldiers died.", (12, 12, 40)),
    ("The attack killed 20 people, including 5 soldiers.", (20, None, None)),
    ("Dozens of civilians were killed in Djibo.", (None, 24, None)),
    ("The blast killed 4 and injured 9.", (4, None, None)),
])
def test_quantities_fatalities_from_sentences(text, expected):
    assert fatalities(find_counts(text)) == expected


def test_quantities_plain_counts_work_in_fatalities():
    assert fatalities([Count("killed", 7), Count("killed", 3, 3)]) == (10, 10, None)


@pytest.mark.parametrize("line, message", [
    ("killed_after,slain", "expected 3"),
    ("victims,soldiers,", "unknown category"),
    ("vague,dozens,", "needs an integer"),
    ("at_least,At least,", "lower case"),
    ("toll,toll,5", "takes no value"),
])
def test_quantities_lexicon_rejects_malformed_lines(tmp_path, line, message):
    path = tmp_path / "q.csv"
    path.write_text("# test\ncategory,phrase,value\nnumber,one,1\n" + line + "\n", encoding="utf-8")
    with pytest.raises(KnowledgeFileInvalid, match=rf"q\.csv:4: .*{message}"):
        load_lexicon(path)


def test_quantities_lexicon_shipped_file_loads():
    lex = load_lexicon()
    assert len(lex) > 300
    assert lex.entries["vague"][("dozens",)] == 24
    assert ("killed",) in lex.entries["killed_after"]


# text, (best, low, high) of the event's fatalities
NEWS_FATALITIES = [
    # "neutralised": military jargon for killed
    ("The army said it had neutralised 17 terrorists near Arbinda.", (17, None, None)),
    ("Soldiers neutralized about 30 assailants in the Boucle du Mouhoun.", (30, None, None)),
    ("Some 25 terrorists were neutralised during the sweep around Inata.", (25, None, None)),
    # a claim and a counter-claim are rival versions, never a sum
    ("The ministry said 20 to 25 assailants were killed while the group claimed 40 soldiers died.",
     (20, 20, 40)),
    ("Officials said 8 soldiers died in the raid on Tillia, but the jihadists claimed they killed 30 soldiers.",
     (8, 8, 30)),
    ("The army said it killed 14 militants; JNIM said only 3 fighters were killed.", (3, 3, 14)),
    # one account's per-side tallies add up
    ("The governor said 12 soldiers and 30 attackers were killed in the fighting at Dori.", (42, None, None)),
    ("Gunmen killed 5 gendarmes and 9 civilians before fleeing toward the border.", (14, None, None)),
    # wounded are not deaths
    ("Gunmen attacked Seytenga, killing 12 and wounding 9.", (12, None, None)),
    ("The blast near Gossi left 6 soldiers dead and 20 wounded.", (6, None, None)),
    # bodies, tolls, words
    ("Twenty-two bodies were found near the well at Tin-Akof.", (22, None, None)),
    ("Rescuers recovered the bodies of 14 herders near Mansila.", (14, None, None)),
    ("The toll of the Solhan massacre rose to 160 on Monday.", (160, None, None)),
    ("The death toll from Sunday's attack on Barsalogho has climbed to 133.", (133, None, None)),
    ("A dozen soldiers were killed when the convoy was ambushed near Koutougou.", (12, None, None)),
    ("Scores of villagers were killed in the raid on Yirgou.", (None, 40, None)),
    ("Jihadists killed a score of soldiers near Mondoro.", (20, None, None)),
    ("Hundreds of civilians were killed around Barsalogho.", (None, 200, None)),
    # a figure no single event can have is flagged, not used
    ("The attack on the market in Gao killed 300,000 people.", (None, None, None)),
]


@pytest.mark.parametrize("text, expected", NEWS_FATALITIES)
def test_quantities_news_fatalities(text, expected):
    assert fatalities(find_counts(text)) == expected


def test_quantities_counter_claim_is_a_second_account():
    text = "The ministry said 20 to 25 assailants were killed while the group claimed 40 soldiers died."
    first, second = find_counts(text)
    assert (spanned(text, first), first.claimant, first.account) == ("20 to 25", "ministry", 0)
    assert (spanned(text, second), second.claimant, second.account) == ("40", "group", 1)
    same = find_counts("The army said 20 militants were killed and 4 soldiers were wounded.")
    assert [(c.kind, c.account) for c in same] == [("killed", 0), ("wounded", 0)]


@pytest.mark.parametrize("text, spans, expected", [
    ("At least 7 gendarmes along with the suicide bomber were killed at the checkpoint in Ansongo.",
     ["At least 7", "the suicide bomber"], (8, 8, None)),
    ("One French commando, a corporal, was killed and so were 12 militants.", ["One", "12"], (13, None, None)),
    ("Nine soldiers were killed near Boulikessi, as were 4 civilians.", ["Nine", "4"], (13, None, None)),
    ("The strike killed 15 fighters along with 3 herders.", ["15", "3"], (18, None, None)),
])
def test_quantities_companions_and_likewise(text, spans, expected):
    found = find_counts(text)
    assert [spanned(text, c) for c in found] == spans
    assert all(c.kind == "killed" for c in found)
    assert fatalities(found) == expected


def test_quantities_companion_plural_is_no_count():
    text = "Ten soldiers along with the villagers fled toward Mopti."
    assert [c.kind for c in find_counts(text)] == []


# -- unseen news phrasings: hedges, written numbers, separators, outcomes -------------

# text, span text, kind, best, low, high
NEWS_COUNTS = [
    ("At least 14 soldiers were killed near Tillabéri.", "At least 14", "killed", 14, 14, None),
    ("More than 60 villagers were massacred in Karma.", "More than 60", "killed", 60, 60, None),
    ("Nearly 70 soldiers died when their base near Tassia was overrun.", "Nearly 70", "killed", 70, None, 70),
    ("Almost 30 herders were shot dead at a well near Intahaka.", "Almost 30", "killed", 30, None, 30),
    ("About 25 people were killed in the strike on Nampala.", "About 25", "killed", 25, None, None),
    ("Roughly 50 fighters were killed by the air strike near Ber.", "Roughly 50", "killed", 50, None, None),
    ("Up to 12 passengers may have died in the blast near Boni.", "Up to 12", "killed", 12, None, 12),
    ("Between 20 and 30 militants were killed in the counter-attack.", "Between 20 and 30", "killed", 20, 20, 30),
    ("Gunmen killed 20 to 30 civilians in the village of Bourasso.", "20 to 30", "killed", 20, 20, 30),
    ("Around 20 to 25 soldiers were killed near Diapaga.", "Around 20 to 25", "killed", 20, 20, 25),
    ("Dozens of soldiers were killed in the attack on the camp at Djibo.", "Dozens", "killed", None, 24, None),
    ("Scores of civilians died in the massacre at Solenzo.", "Scores", "killed", None, 40, None),
    ("Hundreds of people were killed in the raid on Barsalogho.", "Hundreds", "killed", None, 200, None),
    ("A dozen gendarmes were killed at the Koutougou post.", "A dozen", "killed", 12, None, None),
    ("Several soldiers were killed when the patrol hit a mine.", "Several", "killed", None, 3, None),
    ("A handful of militiamen were killed near Kaya.", "A handful", "killed", None, 2, None),
    ("Thirty-three soldiers were killed near Mondoro.", "Thirty-three", "killed", 33, None, None),
    ("Twenty one villagers were killed in the night raid on Bani.", "Twenty one", "killed", 21, None, None),
    ("A hundred and twelve civilians were killed in Yirgou.", "A hundred and twelve", "killed", 112, None, None),
    ("One hundred civilians were killed in Mahou.", "One hundred", "killed", 100, None, None),
    ("The attack killed 1,200 people across the commune.", "1,200", "killed", 1200, None, None),
    ("The attack killed 1 200 people across the commune.", "1 200", "killed", 1200, None, None),
    ("Forty-odd fighters were killed in the strikes near Ansongo.", "Forty-odd", "killed", 40, 40, None),
    ("More than two dozen soldiers were killed near Koulikoro.", "More than two dozen", "killed", 24, 24, None),
    ("Several dozen civilians were massacred near Bankass.", "Several dozen", "killed", None, 24, None),
    ("At least a hundred people were killed in Seytenga.", "At least a hundred", "killed", 100, 100, None),
    ("Nearly a hundred civilians were killed in the raid.", "Nearly a hundred", "killed", 100, None, 100),
    ("An estimated 200 people were killed in the massacre.", "An estimated 200", "killed", 200, None, None),
    ("No fewer than 22 soldiers lost their lives.", "No fewer than 22", "killed", 22, 22, None),
    ("The blast killed as many as 17 people.", "as many as 17", "killed", 17, None, 17),
    ("A further 3 soldiers succumbed to their wounds.", "3", "killed", 3, None, None),
    ("Officials reported 19 dead after the raid on Seno.", "19", "killed", 19, None, None),
    ("Eleven bodies were found in a well near Diapaga.", "Eleven", "killed", 11, None, None),
    ("The number of dead rose to 35 on Wednesday.", "35", "killed", 35, None, None),
    ("The number of people killed has risen to 80.", "80", "killed", 80, None, None),
    ("The army lost 18 men in the ambush at Tarkint.", "18", "killed", 18, None, None),
    ("On 3 May 14 soldiers were killed near Hombori.", "14", "killed", 14, None, None),
    ("The army said it had killed “more than 100 terrorists” near Ménaka.", "more than 100", "killed",
     100, 100, None),
    ("Twelve soldiers are missing after the ambush near Gourma-Rharous.", "Twelve", "other", 12, None, None),
    ("Militants captured 15 soldiers near Léré.", "15", "captured", 15, None, None),
    ("Two of the 20 hostages were killed by their captors.", "Two", "killed", 2, None, None),
    ("5 killed in Djibo attack.", "5", "killed", 5, None, None),
    ("A few dozen soldiers were killed near Sévaré.", "A few dozen", "killed", None, 24, None),
    ("Nearly two dozen soldiers were killed near Bourzanga.", "Nearly two dozen", "killed", 24, None, 24),
    ("Half a dozen gendarmes were killed at Inata.", "Half a dozen", "killed", 6, None, None),
    ("Nearly 1 000 people were killed in the massacre.", "Nearly 1 000", "killed", 1000, None, 1000),
    ("The attack on the market claimed 12 lives.", "12", "killed", 12, None, None),
    ("The blast cost the lives of 9 soldiers.", "9", "killed", 9, None, None),
    ("A dozen or so soldiers died near Tessit.", "A dozen or so", "killed", 12, None, None),
    ("At least 3 people were burned alive in their homes.", "At least 3", "killed", 3, 3, None),
    # killed and wounded not told apart: no deaths to be had
    ("The attack killed or wounded 30 soldiers.", "30", "other", 30, None, None),
    ("The ambush left 30 dead or wounded.", "30", "other", 30, None, None),
    ("The blast resulted in the death of the two bombers.", "two", "killed", 2, None, None),
    ("Gunmen executed the 12 passengers of the bus near Gossi.", "12", "killed", 12, None, None),
    ("Some 1.5 million people were displaced by the fighting.", "Some 1.5 million", "displaced", 1500000, None, None),
    ("Gunmen kill 7 in Burkina village.", "7", "killed", 7, None, None),
    # "neutralised" is the armies' word for enemies killed: counted as killed (see module doc)
    ("The army announced that 34 terrorists had been neutralized.", "34", "killed", 34, None, None),
]


@pytest.mark.parametrize("text, span, kind, best, low, high", NEWS_COUNTS)
def test_quantities_news_count_phrasings(text, span, kind, best, low, high):
    c = one(text)
    assert (spanned(text, c), c.kind, c.best, c.low, c.high) == (span, kind, best, low, high)


# text, the event's (best, low, high)
NEWS_EVENT_FATALITIES = [
    # per-side tallies of one account add up
    ("Seven soldiers and 63 attackers were killed in the fighting at Fadama.", (70, None, None)),
    ("A soldier and three civilians were killed in the blast.", (4, None, None)),
    ("The army said 20 attackers had been neutralised and 3 soldiers killed.", (23, None, None)),
    ("A suicide bomber killed himself and 4 soldiers at the gate of the camp.", (5, None, None)),
    # wounded, captured and missing are not deaths
    ("The jihadists killed 12 soldiers and wounded 20 others.", (12, None, None)),
    ("Four soldiers were wounded and two were killed.", (2, None, None)),
    ("The ambush left at least 11 soldiers dead, 25 wounded and 9 missing.", (11, 11, None)),
    ("Twelve attackers were killed and 4 captured.", (12, None, None)),
    ("Nine people died and 12 were injured when the bus hit a mine.", (9, None, None)),
    ("Fighters seized 12 soldiers and killed 3.", (3, None, None)),
    ("The group freed 20 hostages near Kidal.", (None, None, None)),
    # claim and counter-claim: the lower is the best (conservative), the higher the high
    ("The army said 15 soldiers were killed, but local sources put the toll at 40.", (15, 15, 40)),
    ("Local officials said 35 civilians were killed; the army gave a toll of 12.", (12, 12, 35)),
    ("At least 26 people were killed, officials said, while witnesses said more than 50 died.", (26, 26, 50)),
    ("The government said 8 soldiers died, while JNIM claimed to have killed 50.", (8, 8, 50)),
    # a headline run into the first sentence tells the same figure twice
    ("Attack on army post leaves dozens dead\n\nDozens of soldiers were killed on Friday in Ougarou.",
     (None, 24, None)),
    ("Jihadist raid leaves 12 dead 12 civilians were killed in Kpentchangou on Saturday.", (12, None, None)),
    # a replaced toll is never the best; a higher first toll bounds the range
    ("Gunmen killed 137 people in Tillia on Sunday, the government said, raising an earlier toll of 60.",
     (137, None, None)),
    ("At least 40 herders were killed near Intahaka, the governor said, up from a previous toll of 31.",
     (40, 40, None)),
    ("The raid on Sobo killed 28 people, according to the ministry, which had first announced 60 dead.",
     (28, 28, 60)),
    ("Gunmen killed 9 soldiers and wounded 4; the army said more than 30 assailants were \"neutralised\".",
     (39, 39, None)),
    # a denied figure is no death count
    ("The army denied that 30 soldiers had been killed near Boni.", (None, None, None)),
    ("The junta rejected claims that 50 civilians were executed in Moura.", (None, None, None)),
    # parts of a count are not added to it
    ("Twelve people — four of them children — were killed in the raid on Bani.", (12, None, None)),
    ("Twelve people (four of them children) were killed in the raid on Bani.", (12, None, None)),
    ("Twelve people – including four children – were killed in the raid on Bani.", (12, None, None)),
    ("Twelve people, among them 4 children, were killed near Bankass.", (12, None, None)),
    ("The attack killed 30 people, including 12 children.", (30, None, None)),
    ("Gunmen killed 14 people including 6 women and 3 children.", (14, None, None)),
    ("The attack killed 42 people, 30 of them soldiers.", (42, None, None)),
    ("Jihadists killed 11 soldiers, including 2 officers, near Boni.", (11, None, None)),
    # troop counts, pools, years, distances and vehicles are not deaths
    ("The army deployed 2,000 troops to Ménaka after the attack.", (None, None, None)),
    ("Gunmen attacked Tessit in 2019, killing 30 soldiers.", (30, None, None)),
    ("Twelve soldiers were killed 60 km from Mopti.", (12, None, None)),
    ("A convoy of 300 soldiers was ambushed near Djibo, killing 10.", (10, None, None)),
    ("Of the 150 soldiers at the post, 20 were killed.", (20, None, None)),
    ("Around 400 fighters attacked the base, killing 29 soldiers.", (29, None, None)),
    ("Gunmen on 50 motorbikes killed 17 people.", (17, None, None)),
    ("In 2019, 24 soldiers were killed at Indelimane.", (24, None, None)),
    ("The village of 2,000 inhabitants was attacked and 14 were killed.", (14, None, None)),
    ("JNIM fighters, numbering about 200, killed 11 soldiers.", (11, None, None)),
    # a toll over a period sums many events; an absurd figure is flagged, never published
    ("Seven gendarmes were killed, bringing the death toll this week to 30.", (7, None, None)),
    ("Seven gendarmes were killed, bringing last month's toll to 70.", (7, None, None)),
    ("The attack on the village killed 5,000,000 people.", (None, None, None)),
    ("Gunmen raiding a hamlet near Tenenkou killed 25,000 villagers.", (None, None, None)),
]


@pytest.mark.parametrize("text, expected", NEWS_EVENT_FATALITIES)
def test_quantities_news_event_fatalities(text, expected):
    assert fatalities(find_counts(text)) == expected


@pytest.mark.parametrize("text, reason", [
    ("The attack on the village killed 5,000,000 people.", "absurd"),
    ("Gunmen raiding a hamlet near Tenenkou killed 25,000 villagers.", "absurd"),
    ("The raid killed 99999999999999999999 people.", "absurd"),
    ("Tens of thousands were killed in the war in the north.", "absurd"),
    ("The attack brought this year's death toll to 900.", "total"),
])
def test_quantities_absurd_and_period_figures_are_flagged(text, reason):
    assert [c.reason for c in find_counts(text) if c.kind == "killed"] == [reason]


def test_quantities_counter_claim_with_toll_keeps_both_claimants():
    text = "The army said 15 soldiers were killed, but local sources put the toll at 40."
    first, second = find_counts(text)
    assert (spanned(text, first), first.claimant, first.account) == ("15", "army", 0)
    assert (spanned(text, second), second.claimant, second.account, second.reason) == (
        "40", "local sources", 1, "toll")


def test_quantities_bomber_counts_once_with_his_span():
    text = "The bomber blew himself up at the checkpoint, killing himself and at least 6 soldiers."
    found = find_counts(text)
    assert [(spanned(text, c), c.best) for c in found] == [("himself", 1), ("at least 6", 6)]
    assert fatalities(found) == (7, 7, None)


@pytest.mark.parametrize("text, expected", [
    # a figure someone puts the dead at is that claimant's, a rival of the other account's
    ("Officials said 9 soldiers died; residents put the military dead at about 30.",
     (9, 9, 30)),
    ("The army said 15 died in the clash, while the rebels put their own dead at 4 and the army dead at 7.",
     (11, 11, 15)),
    ("The prefect put the civilian dead at 17.", (17, None, None)),
    # wounds someone died of are deaths
    ("Two gendarmes were mortally wounded in the ambush near Dori.", (2, None, None)),
    ("The raid left 6 soldiers dead and 3 fatally wounded.", (9, None, None)),
])
def test_quantities_fatalities_estimates_and_mortal_wounds(text, expected):
    assert fatalities(find_counts(text)) == expected
