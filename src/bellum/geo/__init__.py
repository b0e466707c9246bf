"""Places: an offline GeoNames gazetteer and geocoding with ACLED geo_precision."""

from bellum.geo.gazetteer import Candidate, Gazetteer, gazetteer_load, gazetteer_search
from bellum.geo.geocode import (
    document_countries,
    geocode,
    geocode_all,
    location_agrees,
    parse_mention,
    place_columns,
    same_place,
    within_km,
)
from bellum.geo.geojson import events_geojson
from bellum.geo.mentions import find_place_mentions

__all__ = [
    "Candidate",
    "Gazetteer",
    "document_countries",
    "events_geojson",
    "find_place_mentions",
    "gazetteer_load",
    "gazetteer_search",
    "geocode",
    "geocode_all",
    "location_agrees",
    "parse_mention",
    "place_columns",
    "same_place",
    "within_km",
]
