"""The audit trail reads as words: after a demo-like day producing every action the app can
record, the audit page, a person's access log and the audit export show labels, field names as
the forms name them, choice labels, people's names and units, and regions by name — never an
action code, a raw field name, a raw choice value or an account name."""

from __future__ import annotations

import re

import pytest

from ablework.accounts.models import User
from ablework.core.audit_actions import action_group, action_groups
from ablework.core.models import AuditKind, AuditRecord
from tests.core.audit_day import demo_day  # noqa: F401
from tests.core.audit_reading import all_pages, workbook_text
from tests.helpers import signed_in
from tests.registry.conftest import make_person  # noqa: F401 (demo_day uses it)

pytestmark = pytest.mark.django_db
ACTION_CODE = re.compile(r"\b[a-z_]+\.[a-z_.]+\b")


def _forbidden_words() -> dict[str, set[str]]:
    """What must never show: every stored action code, raw field name of a change, raw choice
    value of a changed field or of a kind, and every account name."""
    codes, fields, values = set(), set(), set(AuditKind.values)
    for record in AuditRecord.objects.all():
        codes.add(record.action)
        model = _target_model(record.target_type)
        group = action_group(record.action)
        for key, pair in record.changes.items():
            fields.add(key)
            field = _field(model, key)
            if (field is not None and field.choices) or (group and key in group.change_values):
                values |= {value for value in pair if isinstance(value, str) and value}
    usernames = set(User.objects.values_list("username", flat=True))
    return {"code": codes, "field": fields, "choice": values, "username": usernames}


def _target_model(label: str):
    from django.apps import apps

    return apps.get_model(label) if label else None


def _field(model, key):
    try:
        return model._meta.get_field(key) if model is not None else None
    except Exception:
        return None


def _leaks(text: str, forbidden: dict[str, set[str]]) -> list[str]:
    found = [match for match in ACTION_CODE.findall(text) if match in forbidden["code"]]
    for kind in ("field", "choice", "username"):
        for word in forbidden[kind]:
            if re.search(rf"(?<![\w.]){re.escape(word)}(?![\w.])", text):
                found.append(f"{kind}: {word}")
    return found


def test_every_action_of_a_demo_day_reads_as_words_on_every_audit_view(demo_day):  # noqa: F811
    # given a day in which every declared action happened at least once
    admin = signed_in(demo_day["admin"])
    export = admin.post("/audit/export/")
    assert export.status_code == 200
    declared = {action.value for group in action_groups() for action in group.actions}
    assert set(AuditRecord.objects.values_list("action", flat=True)) == declared
    forbidden = _forbidden_words()
    # when the administrator reads the audit page, the person their access log, and the export
    page = all_pages(admin, "/audit/")
    access_log = all_pages(signed_in(demo_day["person_user"]), "/accounts/my-access-log/")
    workbook = workbook_text(export.getvalue())
    # then none shows a code, a raw field name, a raw choice value or an account name
    assert _leaks(page, forbidden) == []
    assert _leaks(access_log, forbidden) == []
    assert _leaks(workbook, forbidden) == []
    # and they say, in words, what happened, by whom, where
    for text in (page, workbook):
        assert "修改残疾人信息" in text
        assert "就业状况：" in text
        assert "任城区就业服务专员" in text
        assert "济宁市任城区 · 就业服务专员" in text
        assert "就业困难人员" in text
        assert "示范街道" in text
        assert "状态：有效 → 已撤回" in text
        assert "乡镇（街道）：任城区古槐街道 → 任城区越河街道" in text
    assert "联系电话：" in access_log
    assert "138****0001" in access_log  # masked as the record page masks it
    assert "登记代办授权" in access_log
    assert "家属代办人" in access_log  # the family member by name, not by account
