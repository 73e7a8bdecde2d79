"""The targets pages: a region's targets with their split in words and progress, entering a
target and a part for a county, approval by a second administrator (the proposer refused in
the service's words), a stale decision refused with 409, and nothing outside one's area."""

from __future__ import annotations

import pytest

from ablework.accounts.models import User
from ablework.indicators.models import Target, TargetStatus
from ablework.indicators.services.targets import TargetFigures, approve_target, propose_target
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

LIST = "/indicators/targets/"
JINING = "济宁市促进残疾人就业三年行动实施方案（2023—2025年）"


def _enter(client, **fields: str):  # type: ignore[no-untyped-def]
    data = {
        "region": "370800",
        "indicator": "new_employment",
        "first_year": "2023",
        "last_year": "2025",
        "value": "8000",
        "source": "plan",
        "document": JINING,
        "section": "一、工作目标",
        "note": "",
        **fields,
    }
    return client.post(f"{LIST}new/?region=370800", data)


def _city_target(users: dict[str, User]) -> Target:
    target = propose_target(
        actor=users["jining_admin"],
        region_code="370800",
        indicator="new_employment",
        first_year=2023,
        last_year=2025,
        figures=TargetFigures(value="8000", source="plan", document=JINING, section="一、工作目标"),
    )
    return approve_target(actor=users["shandong_admin"], target_id=target.pk, version=1)


def test_a_city_enters_its_target_and_a_part_for_a_county(demo_data) -> None:
    client = signed_in(demo_data["jining_admin"])
    page = client.get(f"{LIST}new/?region=370800")
    assert page.status_code == 200
    assert "为济宁市录入目标" in page.content.decode()
    response = _enter(client)
    target = Target.objects.get(region_code="370800")
    assert response.status_code == 302
    assert response["Location"] == f"{LIST}{target.pk}/"
    assert target.status == TargetStatus.PENDING
    # the part for 任城区, from the target's own 分解 link
    split = client.get(f"{LIST}new/?region=370800&parent={target.pk}")
    assert 'value="staff"' in split.content.decode()
    _enter(client, region="370811", value="3000", source="staff", document="济宁市目标分解表")
    part = Target.objects.get(region_code="370811")
    assert part.parent == target
    listing = client.get(f"{LIST}?region=370800").content.decode()
    assert "城乡新增残疾人就业" in listing
    assert "各下级目标合计 3,000 人，比本级目标 8,000 人 少 5,000 人，尚未分解完。" in listing
    assert "任城区</a>：3,000 人（待审核）" in listing
    assert "已完成目标的" in listing  # the progress, in words
    assert "待审核" in listing


def test_the_form_shows_the_services_words(demo_data) -> None:
    client = signed_in(demo_data["jining_admin"])
    response = _enter(client, value="80.5")
    assert response.status_code == 200
    assert "请写正整数" in response.content.decode()
    response = _enter(client, region="370811", source="staff", value="100")
    assert "上级地区还没有同一指标" in response.content.decode()
    assert not Target.objects.exists()


def test_another_administrator_approves_and_the_proposer_is_refused(demo_data) -> None:
    proposer = signed_in(demo_data["jining_admin"])
    _enter(proposer)
    target = Target.objects.get()
    url = f"{LIST}{target.pk}/"
    refused = proposer.post(url, {"decision": "approve", "decision_note": "", "version": "1"})
    assert refused.status_code == 200
    assert "不能审核自己录入或修改的目标" in refused.content.decode()
    target.refresh_from_db()
    assert target.status == TargetStatus.PENDING
    checker = signed_in(demo_data["shandong_admin"])
    assert "审核通过" in checker.get(url).content.decode()
    done = checker.post(url, {"decision": "approve", "decision_note": "", "version": "1"})
    assert done.status_code == 302
    target.refresh_from_db()
    assert target.status == TargetStatus.APPROVED
    assert target.decided_by == demo_data["shandong_admin"]
    page = checker.get(url).content.decode()
    assert "已生效" in page
    assert "山东省残联管理员" in page


def test_a_return_needs_a_reason_and_says_it(demo_data) -> None:
    _enter(signed_in(demo_data["jining_admin"]))
    target = Target.objects.get()
    checker = signed_in(demo_data["shandong_admin"])
    url = f"{LIST}{target.pk}/"
    response = checker.post(url, {"decision": "reject", "decision_note": "", "version": "1"})
    assert "请写明退回的理由" in response.content.decode()
    checker.post(url, {"decision": "reject", "decision_note": "与省里分解不符", "version": "1"})
    listing = signed_in(demo_data["jining_admin"]).get(f"{LIST}?region=370800").content.decode()
    assert "已退回：与省里分解不符" in listing


def test_a_decision_on_an_older_version_answers_409_with_what_the_other_saved(demo_data) -> None:
    target = _city_target(demo_data)
    editor = signed_in(demo_data["jining_admin"])
    # the checker opens the page while the city changes the figure (back to 待审核, version 3)
    changed = editor.post(
        f"{LIST}{target.pk}/edit/",
        {"value": "9000", "source": "plan", "document": JINING, "section": "一、工作目标",
         "note": "", "version": "2"},
    )  # fmt: skip
    assert changed.status_code == 302
    stale = editor.post(
        f"{LIST}{target.pk}/edit/",
        {"value": "7000", "source": "plan", "document": JINING, "version": "2"},
    )
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "此记录已被他人修改" in page
    assert "8000 → 9000" in page
    checker = signed_in(demo_data["shandong_admin"])
    response = checker.post(
        f"{LIST}{target.pk}/", {"decision": "approve", "decision_note": "", "version": "2"}
    )
    assert response.status_code == 409
    target.refresh_from_db()
    assert (target.value, target.status) == (9000, TargetStatus.PENDING)


def test_nothing_outside_ones_area(demo_data) -> None:
    target = _city_target(demo_data)
    county = signed_in(demo_data["rencheng_admin"])
    assert county.get(f"{LIST}?region=370800").status_code == 404
    assert county.get(f"{LIST}{target.pk}/").status_code == 404
    assert county.get(f"{LIST}{target.pk}/edit/").status_code == 404
    assert county.get(f"{LIST}new/?region=370800").status_code == 404
    assert county.get(f"{LIST}?region=370811").status_code == 200
    # the auditor reads, but neither enters nor decides
    auditor = signed_in(demo_data["jining_auditor"])
    assert auditor.get(f"{LIST}{target.pk}/").status_code == 200
    assert auditor.get(f"{LIST}new/?region=370800").status_code in (403, 404)
    decided = auditor.post(f"{LIST}{target.pk}/", {"decision": "approve", "version": "2"})
    assert decided.status_code in (403, 404)
    # the system administrator starts from the regions with targets
    chooser = signed_in(demo_data["admin"]).get(LIST).content.decode()
    assert "济宁市" in chooser
