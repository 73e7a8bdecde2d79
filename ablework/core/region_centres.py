"""The centres of provinces, cities and counties, as the `cpca` package ships them
(`cpca/resources/adcodes.csv`: adcode, name, longitude, latitude; MIT licence, from
github.com/DQinYuan/chinese_province_city_area_mapper). Read as a data file, without importing
the package (which builds its address matchers on import). A posting without coordinates of its
own falls back to its township's or county's centre (matching contract, constraint 5); townships
have none here, so their county's centre stands in (docs/matching.md)."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation
from importlib.metadata import distribution
from pathlib import Path
from typing import Any

CENTRES_FILE = "cpca/resources/adcodes.csv"


def centres_path() -> Path:
    """Where the installed `cpca` keeps its adcodes file."""
    return Path(str(distribution("cpca").locate_file(CENTRES_FILE)))


def region_centres(path: Path | None = None) -> dict[str, tuple[Decimal, Decimal]]:
    """Six-digit region code (a province as `370000`, a city as `370800`) → (latitude,
    longitude), to six decimal places; rows without coordinates (市辖区) are left out."""
    centres: dict[str, tuple[Decimal, Decimal]] = {}
    with (path or centres_path()).open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            adcode = row.get("adcode", "")
            if len(adcode) != 12 or adcode[6:] != "000000":
                continue
            try:
                longitude = Decimal(row["longitude"]).quantize(Decimal("0.000001"))
                latitude = Decimal(row["latitude"]).quantize(Decimal("0.000001"))
            except (InvalidOperation, KeyError, TypeError):
                continue
            if -90 <= latitude <= 90 and -180 <= longitude <= 180:
                centres[adcode[:6]] = (latitude, longitude)
    return centres


def fill_region_centres(region_model: Any = None) -> int:
    """Give the stored provinces, cities and counties their centre; how many got one.

    `region_model` lets a data migration pass its historical model (core 0007); the tests'
    reloaded tree uses it too, so that their regions have centres as a migrated database's do."""
    if region_model is None:
        from ablework.core.models import Region

        region_model = Region
    centres = region_centres()
    rows = list(region_model.objects.filter(code__in=list(centres)).only("code"))
    for row in rows:
        row.latitude, row.longitude = centres[row.code]
    region_model.objects.bulk_update(rows, ["latitude", "longitude"], batch_size=1000)
    return len(rows)
