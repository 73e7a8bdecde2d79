"""Regions' centres as points for distances (the matching contract's constraint 5): a record
without coordinates of its own stands at its township's centre, else its county's. Counties
carry theirs from the `cpca` package (core/region_centres.py); townships have none yet, so in
practice a county's centre stands in."""

from __future__ import annotations

from collections.abc import Iterable

from ablework.core.models import Region

# {"lat": degrees, "lon": degrees}, as the matching contract writes a point.
Place = dict[str, float]


def region_centres(codes: Iterable[str]) -> dict[str, Place]:
    """Region code → its centre, for those of `codes` that have one (one query)."""
    wanted = {code for code in codes if code}
    if not wanted:
        return {}
    rows = Region.objects.filter(code__in=wanted, latitude__isnull=False, longitude__isnull=False)
    return {
        code: {"lat": float(lat), "lon": float(lon)}
        for code, lat, lon in rows.values_list("code", "latitude", "longitude")
        if lat is not None and lon is not None
    }


def first_centre(codes: Iterable[str], centres: dict[str, Place]) -> Place | None:
    """The centre of the first of `codes` (narrowest first: township, county) that has one."""
    for code in codes:
        if code and code in centres:
            return centres[code]
    return None
