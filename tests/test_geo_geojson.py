"""GeoJSON export of events."""

import json
import math

import pandas as pd

from bellum.geo import events_geojson


def test_geojson_one_feature_per_event():
    df = pd.DataFrame(
        [
            {"id": "e1", "location": "Djibo", "latitude": 14.0994, "longitude": -1.6255, "geo_precision": 1,
             "fatalities": 12, "assoc_actor_1": ["VDP"], "event_date": pd.Timestamp("2023-05-02")},
            {"id": "e2", "location": "Wuroyel", "latitude": math.nan, "longitude": None, "geo_precision": 3,
             "fatalities": None, "assoc_actor_1": [], "event_date": pd.NaT},
        ]
    )
    fc = events_geojson(df)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    first, second = fc["features"]
    assert first["geometry"] == {"type": "Point", "coordinates": [-1.6255, 14.0994]}
    assert first["properties"]["location"] == "Djibo" and first["properties"]["fatalities"] == 12
    assert first["properties"]["event_date"].startswith("2023-05-02")
    assert first["id"] == "e1"
    assert second["geometry"] is None
    assert second["properties"]["latitude"] is None and second["properties"]["event_date"] is None
    json.dumps(fc, allow_nan=False)  # strict JSON: no NaN anywhere


def test_geojson_lat_lon_column_names():
    df = pd.DataFrame([{"lat": 13.5, "lon": 2.1, "count": pd.Series([3]).astype("int64")[0]}])
    fc = events_geojson(df)
    assert fc["features"][0]["geometry"]["coordinates"] == [2.1, 13.5]
    assert fc["features"][0]["properties"]["count"] == 3


def test_geojson_empty_frame():
    assert events_geojson(pd.DataFrame([])) == {"type": "FeatureCollection", "features": []}
