"""Geocoding of place phrases: variants, precision, disambiguation, absent places."""

import pytest

from bellum.geo import geocode, same_place, within_km


@pytest.mark.parametrize(
    "mention, countries, lat, lon, country, precision",
    [
        ("Djibo", ["Burkina Faso"], 14.0994, -1.6255, "Burkina Faso", 1),
        ("Ouallam", ["Niger"], 14.3164, 2.0860, "Niger", 1),
        ("Tinzaouaten", ["Mali"], 19.9543, 2.9673, "Mali", 1),
        ("Tin-Zaouatene", ["Mali"], 19.9543, 2.9673, "Mali", 1),
        ("Tinzawatène", ["Mali"], 19.9543, 2.9673, "Mali", 1),
        ("Kona", ["Mali"], 14.9433, -3.8947, "Mali", 1),
        ("Konna", ["Mali"], 14.9433, -3.8947, "Mali", 1),
        ("Diabaly", ["Mali"], 14.6937, -6.0197, "Mali", 1),
        ("Tombouctou", ["Mali"], 16.7735, -3.0074, "Mali", 1),
        ("Menaka", ["Mali"], 15.9182, 2.4022, "Mali", 1),
        ("Fada N'Gourma", ["Burkina Faso"], 12.0616, 0.3584, "Burkina Faso", 1),
        ("Arbinda", ["Burkina Faso"], 14.2296, -0.8654, "Burkina Faso", 1),
    ],
)
def test_geocode_spelling_variants(mention, countries, lat, lon, country, precision):
    p = geocode(mention, doc_countries=countries)
    assert p.country == country and p.geo_precision == precision
    assert within_km(p.lat, p.lon, lat, lon) < 25
    assert p.geonameid and p.reason


@pytest.mark.parametrize(
    "mention, precision, code, admin1",
    [
        ("near Djibo", 2, "PPLA2", "Sahel"),
        ("30 km south of Djibo", 2, "PPLA2", "Sahel"),
        ("some 40 kilometres north-east of Djibo", 2, "PPLA2", "Sahel"),
        ("the outskirts of Djibo", 2, "PPLA2", "Sahel"),
        ("the Sahel region", 3, "ADM1", "Sahel"),
        ("Soum province", 2, "ADM2", "Sahel"),
    ],
)
def test_geocode_precision_follows_the_phrase(mention, precision, code, admin1):
    p = geocode(mention, doc_countries=["Burkina Faso"])
    assert (p.geo_precision, p.feature_code, p.admin1) == (precision, code, admin1)
    assert p.name == mention


def test_geocode_region_versus_town():
    town = geocode("Tahoua", doc_countries=["Niger"])
    region = geocode("the Tahoua region", doc_countries=["Niger"])
    assert (town.feature_code, town.geo_precision) == ("PPLA", 1)
    assert (region.feature_code, region.geo_precision, region.admin1) == ("ADM1", 3, "Tahoua")


def test_geocode_region_named_by_its_town_in_english():
    # the region row is spelt "Tombouctou Region"; "Timbuktu region" reaches it via the town
    p = geocode("the Timbuktu region", doc_countries=["Mali"])
    assert (p.feature_code, p.geo_precision, p.admin1) == ("ADM1", 3, "Tombouctou")


@pytest.mark.parametrize(
    "mention, countries, country",
    [
        ("Gao", ["Mali"], "Mali"),  # regional capital
        ("Gao", ["Burkina Faso"], "Burkina Faso"),  # village of the same name
        ("Léré", ["Burkina Faso"], "Burkina Faso"),
        ("Léré", ["Mali"], "Mali"),
    ],
)
def test_geocode_ambiguous_name_follows_document_country(mention, countries, country):
    assert geocode(mention, doc_countries=countries).country == country


def test_geocode_closeness_to_other_places_breaks_ties():
    # several villages called Sanankoroba in Mali: the one near the other places wins
    near_bamako = geocode("Sanankoroba", doc_countries=["Mali"], doc_points=[(12.65, -8.0)])
    assert within_km(near_bamako.lat, near_bamako.lon, 12.397, -7.939) < 25
    near_sikasso = geocode("Sanankoroba", doc_countries=["Mali"], doc_points=[(11.32, -5.67)])
    assert within_km(near_sikasso.lat, near_sikasso.lon, 11.564, -6.318) < 25


def test_geocode_major_foreign_city_is_accepted():
    p = geocode("Niamey", doc_countries=["Mali"])
    assert p.country == "Niger" and p.geo_precision == 1


def test_geocode_never_fuzzy_into_another_country():
    # Boulikéssi exists only on the Burkina side: a Malian text's Boulkessi gets no point
    p = geocode("Boulkessi", doc_countries=["Mali"])
    assert (p.lat, p.lon, p.country, p.geo_precision) == (None, None, "Mali", 3)


@pytest.mark.parametrize(
    "mention, context, country, admin1",
    [
        ("Okutamba", "Two soldiers died near the Nigerian town of Okutamba on their way north.", "Nigeria", None),
        ("Kabala", "Gunmen struck Kabala, Nigeria, overnight.", "Nigeria", None),
        ("Wuroyel", "Herders clashed in Wuroyel, Mopti region, on Sunday.", "Mali", "Mopti"),
        ("Tin Tadjt", "The militants crossed from Niger into Algeria and raided Tin Tadjt.", "Algeria", None),
    ],
)
def test_geocode_absent_place_keeps_stated_country(mention, context, country, admin1):
    p = geocode(mention, context_text=context, doc_countries=["Mali"])
    assert p.lat is None and p.lon is None and p.geonameid is None
    assert (p.country, p.admin1, p.geo_precision) == (country, admin1, 3)
    assert p.name == mention


@pytest.mark.parametrize(
    "mention, country",
    [("Mali", "Mali"), ("northern Mali", "Mali"), ("central Burkina Faso", "Burkina Faso"),
     ("Côte d'Ivoire", "Ivory Coast")],
)
def test_geocode_country_level(mention, country):
    p = geocode(mention, doc_countries=["Mali"])
    assert (p.country, p.geo_precision, p.lat) == (country, 3, None)


def test_geocode_stated_country_beats_document_country():
    p = geocode("Gao, Burkina Faso", doc_countries=["Mali"])
    assert p.country == "Burkina Faso"


def test_geocode_named_feature():
    river = geocode("the Niger River", doc_countries=["Mali"])
    assert (river.country, river.feature_code, river.geo_precision) == ("Mali", "STM", 3)
    hills = geocode("the Adrar des Ifoghas", doc_countries=["Mali"])
    assert (hills.feature_code, hills.geo_precision) == ("MTS", 3)


def test_geocode_base_at_a_town():
    p = geocode("the Kati military base", doc_countries=["Mali"])
    assert within_km(p.lat, p.lon, 12.744, -8.073) < 25 and p.country == "Mali"


def test_geocode_unknown_gibberish_has_no_country_without_context():
    p = geocode("Qwzxplk")
    assert (p.country, p.lat, p.geo_precision) == (None, None, 3)


@pytest.mark.parametrize(
    "a, b, same",
    [("Tombouctou", "Timbuktu", True), ("Konna", "Kona", True), ("Ménaka", "Menaka", True),
     ("Tin-Zaouatene", "Tinzawatène", True), ("Gao", "Kidal", False), ("Djibo", "Dori", False)],
)
def test_geocode_same_place(a, b, same):
    assert same_place(a, b) is same


def test_geocode_within_km_haversine():
    assert within_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)
    assert within_km(14.1, -1.6, 14.1, -1.6) == 0


@pytest.mark.parametrize(
    "predicted, gold, agrees",
    [
        ("Tombouctou", "Timbuktu", True),
        ("near Djibo", "Djibo", True),  # same point once geocoded
        ("Kona", "Konna", True),
        ("Dori", "Djibo", False),  # about 90 km apart
        ("Qwzxplk", "Djibo", False),
        (None, "Djibo", False),
    ],
)
def test_geocode_location_agrees(predicted, gold, agrees):
    from bellum.geo import location_agrees

    assert location_agrees(predicted, gold, doc_countries=["Burkina Faso", "Mali"]) is agrees


def test_geocode_location_agrees_uses_given_points():
    from bellum.geo import location_agrees

    assert location_agrees("the barracks", "Djibo", predicted_point=(14.10, -1.62))
    assert not location_agrees("the barracks", "Djibo", predicted_point=(12.37, -1.53))


@pytest.mark.parametrize(
    "mention, country, lat, lon",
    [("Paris", "France", 48.85, 2.35), ("Tripoli", "Libya", 32.89, 13.19), ("Moscow", "Russia", 55.75, 37.62),
     ("Abuja", "Nigeria", 9.06, 7.49)],
)
def test_geocode_foreign_capital_in_world_gazetteer_gets_its_point(mention, country, lat, lon):
    p = geocode(mention, doc_countries=["Mali"])
    assert (p.country, p.geo_precision) == (country, 1)
    assert within_km(p.lat, p.lon, lat, lon) < 25


def test_geocode_foreign_city_outside_gazetteer_gets_its_country():
    p = geocode("In Amenas", doc_countries=["Mali"])
    assert (p.country, p.lat, p.geo_precision) == ("Algeria", None, 3)


def test_geocode_small_namesake_abroad_is_not_pinned():
    # a Malian village the gazetteer lacks never lands on a town of that name elsewhere
    p = geocode("Mariupol", doc_countries=["Mali"])  # a town of 230,000 in a country the text does not name
    assert p.lat is None and p.geo_precision == 3
    p = geocode("Mariupol", context_text="Russian forces shelled Mariupol in Ukraine.", doc_countries=["Mali"])
    assert p.country == "Ukraine" and within_km(p.lat, p.lon, 47.10, 37.54) < 25
    p = geocode("Kabul", doc_countries=["Mali"])  # a capital abroad is still itself
    assert p.country == "Afghanistan" and p.lat is not None


def test_geocode_known_city_inside_gazetteer_keeps_its_point():
    p = geocode("Dakar", doc_countries=["Mali"])
    assert p.country == "Senegal" and p.geo_precision == 1
    assert within_km(p.lat, p.lon, 14.69, -17.44) < 25


@pytest.mark.parametrize(
    "mention, geonameid",
    [("Khalil", 8435748), ("Tin Essako", 8631807), ("Zaouatene", 2476086)],
)
def test_geocode_saharan_prefix_dropped_or_added(mention, geonameid):
    p = geocode(mention, doc_countries=["Mali"])
    assert p.country == "Mali" and p.lat is not None
    assert p.geonameid == geonameid or within_km(p.lat, p.lon, 21.19, 1.04) < 25


def test_geocode_place_columns_for_acled_export():
    from bellum.geo import place_columns

    cols = place_columns(geocode("near Djibo", doc_countries=["Burkina Faso"]))
    assert cols["country"] == "Burkina Faso" and cols["admin1"] == "Sahel"
    assert cols["geo_precision"] == 2 and cols["latitude"] == pytest.approx(14.0994)
    assert cols["location"] == "near Djibo" and cols["geonameid"] == 2361177
    assert place_columns(None)["latitude"] is None


@pytest.mark.parametrize("mention", ["", "the region", "the town", "the north", "village"])
def test_geocode_generic_phrase_is_no_place(mention):
    p = geocode(mention, doc_countries=["Mali"])
    assert (p.lat, p.geonameid, p.country) == (None, None, None)


@pytest.mark.parametrize(
    "mention, country, admin1",
    [("Dori, in northern Burkina Faso", "Burkina Faso", "Sahel"), ("Gao, Niger", "Niger", "Zinder")],
)
def test_geocode_stated_country_after_comma(mention, country, admin1):
    p = geocode(mention, doc_countries=["Mali"])
    assert (p.country, p.admin1) == (country, admin1) and p.lat is not None


@pytest.mark.parametrize(
    "mention, context, country, lat, lon",
    [
        # a list of places is not "place, region" nor "place, country"
        ("Léré", "Airstrikes hit Léré, Mopti and Douentza overnight.", "Mali", 15.7118, -4.9118),
        ("Ménaka", "Attacks in Ménaka, Niger and Burkina Faso rose.", "Mali", 15.9182, 2.4022),
    ],
)
def test_geocode_list_context_is_not_a_stated_region(mention, context, country, lat, lon):
    p = geocode(mention, context_text=context, doc_countries=["Mali"])
    assert p.country == country and within_km(p.lat, p.lon, lat, lon) < 25


def test_geocode_region_stated_in_context_picks_homonym():
    p = geocode("Léré", context_text="Soldiers patrolled Léré, Mopti region, on Monday.", doc_countries=["Mali"])
    assert p.admin1 == "Mopti"


def test_geocode_major_city_beats_foreign_village_but_not_local_one():
    assert geocode("Kano", doc_countries=["Nigeria"]).country == "Nigeria"
    local = geocode("Kano", doc_countries=["Niger"])  # a village of Niger has the name
    assert local.country == "Niger" and local.lat is not None


def test_geocode_all_uses_the_other_places_for_homonyms():
    from bellum.geo import geocode_all

    # Sanankoroba: several villages; the text's other places are around Bamako
    pairs = [("Bamako", "Troops left Bamako at dawn."), ("Kati", "They passed Kati."),
             ("Sanankoroba", "Gunmen attacked Sanankoroba, south of the capital.")]
    places = geocode_all(pairs, doc_countries=["Mali"])
    assert [p.name for p in places] == ["Bamako", "Kati", "Sanankoroba"]
    assert within_km(places[2].lat, places[2].lon, 12.397, -7.939) < 25


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Burkinabe troops fought in Burkina Faso; a Malian unit helped. Burkina Faso's army won.",
         ["Burkina Faso", "Mali"]),
        ("Niger's junta met. Nigerien officers and the Niger army agreed.", ["Niger"]),
        ("No country is named here.", []),
    ],
)
def test_geocode_document_countries(text, expected):
    from bellum.geo import document_countries

    assert document_countries(text) == expected


@pytest.mark.parametrize(
    "mention, lat, lon",
    [("the Dori–Djibo road", 14.034, -0.033), ("Dori and Djibo", 14.034, -0.033),
     ("the Kaya-Dori axis", 13.092, -1.084)],
)
def test_geocode_several_places_gives_the_first_as_an_area(mention, lat, lon):
    p = geocode(mention, doc_countries=["Burkina Faso"])
    assert p.geo_precision == 2 and within_km(p.lat, p.lon, lat, lon) < 25
    assert p.name == mention


@pytest.mark.parametrize(
    "mention, countries, country, admin1, has_point",
    [
        ("Savanes Region", ["TG"], "Togo", "Savanes", False),  # not the Ivorian Savanes
        ("the Savanes region", ["Burkina Faso", "Togo"], "Togo", "Savanes", False),
        ("Savanes Region", ["CI"], "Ivory Coast", "Savanes", True),
        ("the Sahel Region", ["Mali", "Burkina Faso"], "Burkina Faso", "Sahel", True),
        ("Est Region", ["BF"], "Burkina Faso", "Est", True),
        ("the Mopti region", ["ML"], "Mali", "Mopti", True),
    ],
)
def test_geocode_region_phrase_is_admin1_of_document_country(mention, countries, country, admin1, has_point):
    p = geocode(mention, doc_countries=countries)
    assert (p.country, p.admin1, p.feature_code, p.geo_precision) == (country, admin1, "ADM1", 3)
    assert (p.lat is not None) == has_point


@pytest.mark.parametrize("mention", ["Tuareg", "Fulani", "the Dogon", "Peul", "Azawadi"])
def test_geocode_people_is_no_place(mention):
    p = geocode(mention, doc_countries=["ML", "BF"])
    assert (p.geonameid, p.lat, p.country, p.reason) == (None, None, None, "a people, not a place")


def test_geocode_people_word_inside_a_feature_name_is_a_place():
    assert geocode("Dogon Plateau", doc_countries=["ML"]).geonameid is not None


def test_geocode_personal_name_never_stretched_to_a_well():
    p = geocode("Ghaly", doc_countries=["ML"])
    assert p.geonameid is None and p.lat is None
