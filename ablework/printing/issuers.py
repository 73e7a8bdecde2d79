"""Who issues a document: the Disabled Persons' Federation (残疾人联合会) of a region."""

from __future__ import annotations

from ablework.core.models import Region, RegionLevel
from ablework.core.regions import region_path

FEDERATION = "残疾人联合会"


def federation_of(region: Region) -> str:
    """The federation's name as documents print it: `济宁市任城区残疾人联合会`.

    Below a province, the name starts at the city (a municipality's districts, which have no
    city above them, keep the municipality: `北京市东城区残疾人联合会`).
    """
    path = region_path(region.code)
    if any(r.level == RegionLevel.CITY for r in path):
        path = [r for r in path if r.level != RegionLevel.PROVINCE] or path
    return "".join(r.name for r in path) + FEDERATION
