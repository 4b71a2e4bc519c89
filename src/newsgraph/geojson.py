"""GeoJSON output: an article's places as a FeatureCollection (RFC 7946, lon/lat order)."""

from __future__ import annotations

from typing import Any

from newsgraph.records import Article, Place


def place_feature(place: Place) -> dict[str, Any]:
    """One geocoded mention as a Point feature with its GeoNames identity and text span."""
    properties = place.model_dump(exclude={"lat", "lon"})
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def feature_collection(article: Article) -> dict[str, Any]:
    """The article's geocoded places; places without coordinates are left out."""
    features = [place_feature(p) for p in article.places if p.lat is not None and p.lon is not None]
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {"article_id": article.id, "headline": article.metadata.headline},
    }
