"""The 本地参数 page: propose a value, see it pending, and a second administrator of the region
approves or sends it back; others get 404."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ablework.parameters.models import LocalParameterValue, LocalValueStatus
from ablework.registry.rulebook import rules_evaluation
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db
PAGE = "/parameters/local/"
FORM = {
    "name": "wages.minimum_wage_monthly",
    "region": "370811",
    "effective_from": "2025-01-01",
    "value": "2200",
    "reference": "济宁市人社局通知（测试用依据）",
}


def test_an_administrator_proposes_and_a_second_one_approves_on_the_page(demo_data):
    maker = signed_in(demo_data["rencheng_admin"])
    checker = signed_in(demo_data["jining_admin"])
    # given the page, with the form and nothing recorded yet
    page = maker.get(PAGE).content.decode()
    assert "登记本地参数值" in page
    assert "本辖区还没有生效的本地参数值" in page
    # when the county administrator proposes a value
    response = maker.post(PAGE, FORM, follow=True)
    assert "已提出，待本辖区另一位管理员审核后生效" in response.content.decode()
    row = LocalParameterValue.objects.get()
    # then they see it pending, without a button to approve their own
    page = maker.get(PAGE).content.decode()
    assert "济宁市人社局通知（测试用依据）" in page
    assert "由本辖区另一位管理员审核" in page
    assert f"/parameters/local/{row.pk}/decide/" not in page
    # and the city administrator approves it
    assert f"/parameters/local/{row.pk}/decide/" in checker.get(PAGE).content.decode()
    response = checker.post(f"/parameters/local/{row.pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == LocalValueStatus.APPROVED
    found = rules_evaluation(jurisdiction="370811", on=date(2025, 2, 1)).find(FORM["name"])
    assert found is not None
    assert found.value == Decimal("2200")


def test_bad_input_is_shown_on_the_form_and_nothing_is_saved(demo_data):
    maker = signed_in(demo_data["rencheng_admin"])
    response = maker.post(PAGE, {**FORM, "value": "2,200元", "region": "370826"})
    text = response.content.decode()
    assert "不要带逗号、单位或“元”" in text
    assert "370826 不在可用的选项中" in text  # another county is not offered
    assert not LocalParameterValue.objects.exists()


def test_sending_back_needs_a_reason_and_the_maker_cannot_decide(demo_data):
    signed_in(demo_data["rencheng_admin"]).post(PAGE, FORM)
    row = LocalParameterValue.objects.get()
    decide = f"/parameters/local/{row.pk}/decide/"
    own = signed_in(demo_data["rencheng_admin"]).post(decide, {"decision": "approve"}, follow=True)
    assert "不能审核自己提出的本地参数值" in own.content.decode()
    checker = signed_in(demo_data["jining_admin"])
    empty = checker.post(decide, {"decision": "reject", "note": ""}, follow=True)
    assert "请写明退回的理由" in empty.content.decode()
    checker.post(decide, {"decision": "reject", "note": "文号有误"})
    row.refresh_from_db()
    assert (row.status, row.decision_note) == (LocalValueStatus.REJECTED, "文号有误")


def test_another_regions_staff_and_other_roles_get_404(demo_data):
    signed_in(demo_data["rencheng_admin"]).post(PAGE, FORM)
    row = LocalParameterValue.objects.get()
    weishan = demo_data["jining_admin"].__class__.objects.create_user(
        username="weishan_admin", password="x" * 16, role="county_admin", region_id="370826"
    )
    response = signed_in(weishan).post(
        f"/parameters/local/{row.pk}/decide/", {"decision": "approve"}
    )
    assert response.status_code == 404
    assert "济宁市人社局通知" not in signed_in(weishan).get(PAGE).content.decode()
    for username in ("rencheng_counsellor", "jining_auditor", "employer_user"):
        assert signed_in(demo_data[username]).get(PAGE).status_code == 404
    row.refresh_from_db()
    assert row.status == LocalValueStatus.PENDING
