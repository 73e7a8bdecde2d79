"""The region tree: GB/T 2260 province/city/county, plus townships and communities."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from ablework.core.scoping import RegionFields, ScopedBy


class RegionLevel(models.TextChoices):
    PROVINCE = "province", _("省级")
    CITY = "city", _("地市级")
    COUNTY = "county", _("县级")
    TOWNSHIP = "township", _("乡镇（街道）")
    COMMUNITY = "community", _("村（社区）")


class Region(models.Model):
    """One region. Codes: 6 digits (GB/T 2260) for province/city/county, 9 for townships and
    12 for communities (统计用区划代码). A province's code is stored as its 2-digit prefix
    padded to 6 (`370000`), a city's as `370800`."""

    code = models.CharField(_("区划代码"), max_length=12, primary_key=True)
    name = models.CharField(_("名称"), max_length=64)
    level = models.CharField(_("层级"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    county_code = models.CharField(_("所属县级区划"), max_length=6, blank=True, db_index=True)
    added_by_staff = models.BooleanField(_("由工作人员添加"), default=False)
    # The region's centre (WGS-84 degrees), for distances where a record has no coordinates of
    # its own: provinces, cities and counties from the `cpca` package (core/region_centres.py);
    # townships and communities have none yet.
    latitude = models.DecimalField(
        _("中心纬度"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("中心经度"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")

    # A region lies inside another when its code starts with the other's prefix.
    scoped_by: ClassVar[ScopedBy] = ScopedBy(region=RegionFields(code="code"))

    def __str__(self) -> str:
        return self.name

    @property
    def scope_prefix(self) -> str:
        """The code prefix every record inside this region starts with."""
        if self.level == RegionLevel.PROVINCE:
            return self.code[:2]
        if self.level == RegionLevel.CITY:
            return self.code[:4]
        return self.code
