"""The audit page's filters and the audit export, after a demo-like day."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.utils import timezone

from ablework.core.models import AuditRecord
from tests.core.audit_day import demo_day  # noqa: F401
from tests.core.audit_reading import visible
from tests.helpers import signed_in
from tests.registry.conftest import make_person  # noqa: F401 (demo_day uses it)

pytestmark = pytest.mark.django_db


def test_the_audit_page_filters_by_action_label_actor_region_and_date(demo_day):  # noqa: F811
    # given the city administrator's audit page
    client = signed_in(demo_day["jining_admin"])
    page = client.get("/audit/").content.decode()
    # then the action filter is a menu of labels (grouped by app), the region one of names
    assert '<option value="registry.person.update">修改残疾人信息</option>' in page
    assert "<optgroup" in page
    assert '<option value="370811">济宁市任城区</option>' in page
    # when filtering by an action, an actor's name, a region and today
    today = timezone.localdate().isoformat()
    wanted = {"action": "registry.person.flag.open", "actor": "专员", "region": "370811"}
    filtered = client.get("/audit/", {**wanted, "since": today, "until": today})
    rows = visible(filtered.content.decode())
    # then only those records show: the menu option and each matching record, no other
    opened = AuditRecord.objects.filter(action="registry.person.flag.open")
    matching = opened.filter(
        region_code__startswith="370811", actor__display_name__contains="专员", at__date=today
    ).count()
    assert 0 < matching < opened.count()  # the filters leave some records out
    assert rows.count("添加人员标记") == 1 + matching
    assert "结束人员标记" in rows  # only as a menu option
    assert rows.count("结束人员标记") == 1
    elsewhere = client.get("/audit/", {"action": "registry.person.flag.open", "region": "370826"})
    there = opened.filter(region_code__startswith="370826").count()
    assert visible(elsewhere.content.decode()).count("添加人员标记") == 1 + there
    assert there < opened.count()


def test_the_audit_export_follows_the_filters_and_is_itself_audited(demo_day):  # noqa: F811
    client = signed_in(demo_day["rencheng_admin"])
    response = client.post("/audit/export/", {"action": "registry.person.merge"})
    rows = list(
        openpyxl.load_workbook(io.BytesIO(response.getvalue()), read_only=True).active.iter_rows(
            values_only=True
        )
    )
    assert rows[0][:4] == ("时间", "操作", "类别", "操作人")
    assert [row[1] for row in rows[1:]] == ["合并重复记录"]
    exported = AuditRecord.objects.get(action="core.audit.export", actor=demo_day["rencheng_admin"])
    assert exported.detail["rows"] == 1
    assert exported.detail["filters"] == {"action": "registry.person.merge"}
