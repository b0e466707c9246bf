"""GeoJSON export of events."""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any

_LAT = ("latitude", "lat")
_LON = ("longitude", "lon")


def _json_safe(value: Any) -> Any:
    """Plain JSON values from pandas/numpy cells (NaN/NaT -> None)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, int):
        return value
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_json_safe(v) for v in value]
    if hasattr(value, "tolist") and not hasattr(value, "isoformat"):  # numpy scalars and arrays
        return _json_safe(value.tolist())
    if isinstance(value, (_dt.date, _dt.datetime)) or hasattr(value, "isoformat"):
        try:
            import pandas as pd

            if pd.isna(value):
                return None
        except (ImportError, TypeError, ValueError):
            pass
        return value.isoformat()
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (ImportError, TypeError, ValueError):
        pass
    return str(value)


def _coord(row: dict, names: tuple[str, ...]) -> float | None:
    for n in names:
        v = _json_safe(row.get(n))
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return float(v)
    return None


def events_geojson(events_df) -> dict:
    """A FeatureCollection with one Feature per event row: a Point when the
    row has latitude/longitude (or lat/lon), geometry null otherwise; all
    columns as JSON-safe properties."""
    features = []
    for row in events_df.to_dict(orient="records"):
        lat, lon = _coord(row, _LAT), _coord(row, _LON)
        geometry = None
        if lat is not None and lon is not None and -90 <= lat <= 90 and -180 <= lon <= 180:
            geometry = {"type": "Point", "coordinates": [lon, lat]}
        props = {str(k): _json_safe(v) for k, v in row.items()}
        feature = {"type": "Feature", "geometry": geometry, "properties": props}
        if props.get("id") is not None:
            feature["id"] = props["id"]
        features.append(feature)
    return {"type": "FeatureCollection", "features": features}
