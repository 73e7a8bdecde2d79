"""Staff add townships and communities inside their own area, one by one (from a file: the
`regions` import kind, tests/exchange/test_region_kind.py)."""

from __future__ import annotations

import pytest

from ablework.core.models import AuditRecord, Region
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_county_admin_adds_a_township_and_a_community(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    response = client.post("/regions/?parent=370811", {"code": "370811031", "name": "越河街道"})
    assert response.status_code == 302
    township = Region.objects.get(code="370811031")
    assert (township.level, township.parent_id, township.county_code) == (
        "township",
        "370811",
        "370811",
    )
    client.post("/regions/?parent=370811031", {"code": "370811031001", "name": "南苑社区"})
    assert Region.objects.get(code="370811031001").level == "community"
    assert AuditRecord.objects.filter(action="core.region.create").count() == 2
    assert "越河街道" in client.get("/regions/?parent=370811").content.decode()


def test_code_must_extend_the_parent_code(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    response = client.post("/regions/?parent=370811", {"code": "370812001", "name": "错误街道"})
    assert response.status_code == 400
    assert "以上级代码 370811 开头" in response.content.decode()
    assert not Region.objects.filter(code="370812001").exists()


def test_county_admin_cannot_add_under_another_county(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    client.post("/regions/?parent=370826", {"code": "370826001", "name": "夏镇街道"})
    assert not Region.objects.filter(code="370826001").exists()


def test_counsellor_cannot_manage_regions(demo_data):
    assert signed_in(demo_data["rencheng_counsellor"]).get("/regions/").status_code == 404
