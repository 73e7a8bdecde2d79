"""Zero-employment households (零就业家庭): a counsellor records one from a member's services
page; each registered member carries the registry flag while it is tracked, and the queue's
filter follows; the daily refresh resolves it from a member's job in the registry, or a worker
records that a member (registered or not) is employed; another county's counsellor gets 404;
two workers resolving the same household do not overwrite each other; bad input is named."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from ablework.core.errors import NotFound
from ablework.core.models import AuditRecord
from ablework.registry.models import EmploymentStatus, FlagKind, PersonFlag
from ablework.registry.services import PersonChanges, update_person
from ablework.support.models import CycleCase, HouseholdStatus, ResolvedHow, ZeroEmploymentHousehold
from ablework.support.services.households import (
    EmployedInput,
    HouseholdInput,
    record_household,
    record_member_employed,
    resolve_from_registry,
)
from ablework.support.services.records import RecordInvalid
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
RECOGNISED = TODAY - timedelta(days=40)
GUHUAI = "370811001"
SINCE = TODAY - timedelta(days=400)  # unemployed since


@pytest.fixture
def family(person):
    """Two unemployed persons of 古槐街道, 任城区 (a mother and her son, say)."""
    return (
        person(name="张桂兰", sex="female", township_code=GUHUAI, employment_since=SINCE),
        person(name="李小军", township_code=GUHUAI, employment_since=SINCE),
    )


def _household(actor, first, *others, on=RECOGNISED, **fields):
    values = {
        "recognised_on": on,
        "basis": "visit",
        "other_members": 1,
        "other_resident_ids": "\n".join(p.resident_id for p in others),
    }
    values.update(fields)
    return record_household(actor=actor, person_id=first.pk, household=HouseholdInput(**values))


def _open_flag(person):
    return PersonFlag.objects.filter(
        person=person, kind=FlagKind.ZERO_EMPLOYMENT_FAMILY, ended_on__isnull=True
    ).first()


def _queue_flag(person):
    return (
        CycleCase.objects.filter(person=person, year=TODAY.year)
        .values_list("zero_employment", flat=True)
        .first()
    )


def test_a_counsellor_records_a_household_from_the_persons_page(demo_data, family):
    mother, son = family
    client = signed_in(demo_data["rencheng_counsellor"])
    services = client.get(reverse("support:person", args=[mother.pk])).content.decode()
    assert reverse("support:household_new", args=[mother.pk]) in services
    response = client.post(
        reverse("support:household_new", args=[mother.pk]),
        {
            "recognised_on": RECOGNISED.isoformat(),
            "basis": "application",
            "basis_note": "古槐街道就业援助申请",
            "other_resident_ids": son.resident_id,
            "other_members": "2",
        },
    )
    household = ZeroEmploymentHousehold.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("support:household", args=[household.pk])
    assert (household.county_code, household.township_code) == ("370811", GUHUAI)
    assert household.status == HouseholdStatus.OPEN
    page = client.get(response["Location"]).content.decode()
    assert "张桂兰" in page
    assert "李小军" in page
    assert "40 天" in page
    assert "登记家庭成员已就业" in page
    # the person's page now leads to the tracked household instead of a new one
    services = client.get(reverse("support:person", args=[mother.pk])).content.decode()
    assert reverse("support:household", args=[household.pk]) in services
    listed = client.get(reverse("support:households"), {"township": GUHUAI}).content.decode()
    assert "张桂兰、李小军" in listed
    assert "共 1 户，其中 1 户仍在跟踪帮扶" in listed


def test_every_registered_member_is_flagged_and_the_queue_follows(demo_data, family):
    mother, son = family
    household = _household(demo_data["rencheng_counsellor"], mother, son)
    for member in (mother, son):
        flag = _open_flag(member)
        assert flag is not None
        assert flag.started_on == RECOGNISED
        assert _queue_flag(member) is True
    assert set(household.members.values_list("flag__person_id", flat=True)) == {mother.pk, son.pk}
    queue = signed_in(demo_data["rencheng_counsellor"]).get(
        reverse("support:queue"), {"zero_employment": "1"}
    )
    assert "张桂兰" in queue.content.decode()


def test_a_flag_already_in_the_registry_is_kept_not_doubled(demo_data, family):
    from ablework.registry.services import open_flag

    mother, son = family
    earlier = open_flag(
        actor=demo_data["rencheng_admin"],
        person=mother,
        kind=FlagKind.ZERO_EMPLOYMENT_FAMILY,
        on=RECOGNISED - timedelta(days=100),
    )
    household = _household(demo_data["rencheng_counsellor"], mother, son)
    assert household.members.get(person=mother).flag_id == earlier.pk
    assert (
        PersonFlag.objects.filter(person=mother, kind=FlagKind.ZERO_EMPLOYMENT_FAMILY).count() == 1
    )


def test_the_daily_refresh_resolves_a_household_from_a_members_job_in_the_registry(
    demo_data, family
):
    mother, son = family
    household = _household(demo_data["rencheng_counsellor"], mother, son)
    hired = TODAY - timedelta(days=12)
    update_person(
        actor=demo_data["rencheng_admin"],
        person=son,
        changes=PersonChanges(
            employment_status=EmploymentStatus.EMPLOYED,
            employment_kind="quota",
            employer_name="济宁某物流公司",
            employment_since=hired,
        ),
    )
    call_command("support", "refresh", "--region", "370811")
    household.refresh_from_db()
    assert household.status == HouseholdStatus.RESOLVED
    assert household.resolved_on == hired
    assert household.resolved_how == ResolvedHow.REGISTRY
    assert household.employed_person == son
    assert household.resolved_by is None
    assert household.employer_name == "济宁某物流公司"
    assert household.version == 2
    # both members' flags end on the day of the job; the queue no longer counts them
    for member in (mother, son):
        assert _open_flag(member) is None
        flag = PersonFlag.objects.get(person=member, kind=FlagKind.ZERO_EMPLOYMENT_FAMILY)
        assert flag.ended_on == hired
    assert _queue_flag(mother) is False
    audit = AuditRecord.objects.get(action="support.household.resolve")
    assert audit.actor is None
    assert audit.changes["resolved_on"] == [None, hired.isoformat()]
    page = signed_in(demo_data["rencheng_counsellor"]).get(
        reverse("support:household", args=[household.pk])
    )
    body = page.content.decode()
    assert f"{hired:%Y-%m-%d} 已有成员就业" in body
    assert "系统核对" in body
    assert "登记家庭成员已就业" not in body
    assert resolve_from_registry(region_code="370811") == 0  # nothing left to resolve


def test_a_job_ended_before_recognition_does_not_resolve_it(demo_data, family):
    mother, son = family
    admin = demo_data["rencheng_admin"]
    worked = PersonChanges(
        employment_status="employed",
        employment_kind="flexible",
        employment_since=RECOGNISED - timedelta(days=200),
    )
    update_person(actor=admin, person=son, changes=worked)
    stopped = PersonChanges(
        employment_status="unemployed",
        employment_kind="",
        employment_since=RECOGNISED - timedelta(days=50),
    )
    update_person(actor=admin, person=son, changes=stopped)
    household = _household(demo_data["rencheng_counsellor"], mother, son)
    assert resolve_from_registry(region_code="3708") == 0
    household.refresh_from_db()
    assert household.status == HouseholdStatus.OPEN


def test_staff_record_that_a_member_without_a_certificate_is_employed(demo_data, family):
    mother, son = family
    household = _household(demo_data["rencheng_counsellor"], mother, son)
    client = signed_in(demo_data["rencheng_township"])
    day = TODAY - timedelta(days=3)
    response = client.post(
        reverse("support:household", args=[household.pk]),
        {
            "version": "1",
            "member": "other",
            "employed_on": day.isoformat(),
            "kind": "flexible",
            "other_name": "李大山",
            "other_relation": "spouse",
        },
    )
    assert response.status_code == 302
    household.refresh_from_db()
    assert (household.status, household.resolved_on) == (HouseholdStatus.RESOLVED, day)
    assert household.resolved_how == ResolvedHow.STAFF_OTHER
    assert household.resolved_by == demo_data["rencheng_township"]
    assert household.employed_name == "李大山"
    with connection.cursor() as cursor:  # the name is stored encrypted
        cursor.execute(
            "SELECT employed_name FROM support_zeroemploymenthousehold WHERE id = %s",
            [household.pk],
        )
        assert "李大山" not in cursor.fetchone()[0]
    assert _open_flag(mother) is None
    assert _open_flag(son) is None
    page = client.get(reverse("support:household", args=[household.pk])).content.decode()
    assert "持证残疾人的配偶" in page
    assert "登记零就业家庭成员就业" in page


def test_staff_record_a_registered_members_job_in_the_registry(demo_data, family):
    mother, son = family
    household = _household(demo_data["rencheng_counsellor"], mother, son)
    day = TODAY - timedelta(days=5)
    record_member_employed(
        actor=demo_data["rencheng_counsellor"],
        household_id=household.pk,
        version=1,
        employed=EmployedInput(
            member=str(son.pk),
            employed_on=day,
            kind="public_welfare_post",
            employer_name="古槐街道",
        ),
    )
    son.refresh_from_db()
    household.refresh_from_db()
    assert son.employment_status == EmploymentStatus.EMPLOYED
    assert household.employed_period.started_on == day
    assert household.employed_period.person_id == son.pk
    assert household.resolved_how == ResolvedHow.STAFF_REGISTRY
    assert AuditRecord.objects.filter(action="registry.person.update", target_id=str(son.pk))


def test_another_countys_counsellor_gets_404(demo_data, family, weishan_person):
    mother, son = family
    household = _household(demo_data["rencheng_counsellor"], mother, son)
    weishan = signed_in(demo_data["weishan_counsellor"])
    assert weishan.get(reverse("support:household", args=[household.pk])).status_code == 404
    assert weishan.get(reverse("support:household_new", args=[mother.pk])).status_code == 404
    assert "张桂兰" not in weishan.get(reverse("support:households")).content.decode()
    with pytest.raises(NotFound):
        record_member_employed(
            actor=demo_data["weishan_counsellor"],
            household_id=household.pk,
            version=1,
            employed=EmployedInput(
                member="other",
                employed_on=TODAY,
                kind="flexible",
                other_name="某人",
                other_relation="child",
            ),
        )
    # and a 任城区 counsellor cannot name a 微山县 person as a member
    with pytest.raises(RecordInvalid) as refused:
        _household(demo_data["rencheng_counsellor"], son, weishan_person)
    assert (
        "在您管辖范围内的实名制信息库中没有找到" in refused.value.problems["other_resident_ids"][0]
    )


def test_two_workers_resolving_the_same_household_get_409(demo_data, family):
    mother, son = family
    household = _household(demo_data["rencheng_counsellor"], mother, son)
    url = reverse("support:household", args=[household.pk])
    form = {
        "version": "1",
        "member": "other",
        "employed_on": TODAY.isoformat(),
        "kind": "flexible",
        "other_name": "李大山",
        "other_relation": "spouse",
    }
    first = signed_in(demo_data["rencheng_counsellor"]).post(url, form)
    assert first.status_code == 302
    second = signed_in(demo_data["rencheng_township"]).post(
        url, {**form, "other_name": "李小红", "other_relation": "child"}
    )
    assert second.status_code == 409
    body = second.content.decode()
    assert "此记录已被他人修改" in body
    assert "登记零就业家庭成员就业" in body
    household.refresh_from_db()
    assert household.employed_name == "李大山"
    assert household.version == 2


def test_bad_input_is_named_field_by_field(demo_data, family, person):
    mother, son = family
    counsellor = demo_data["rencheng_counsellor"]
    employed = person(
        name="王在岗", township_code=GUHUAI, employment_status="employed", employment_kind="quota"
    )
    with pytest.raises(RecordInvalid) as refused:
        _household(
            counsellor,
            mother,
            on=TODAY + timedelta(days=1),
            basis="other",
            other_members=25,
            other_resident_ids="110101199003070000\n" + employed.resident_id,
        )
    problems = refused.value.problems
    assert problems["recognised_on"][0] == "认定日期不能晚于今天。"
    assert problems["basis_note"] == ["请填写认定文件或说明。"]
    assert "0 到 20 人" in problems["other_members"][0]
    assert problems["other_resident_ids"][0].startswith("第1行：")
    assert not ZeroEmploymentHousehold.objects.exists()
    assert _open_flag(mother) is None
    with pytest.raises(RecordInvalid) as refused:
        _household(counsellor, mother, employed)
    assert any(
        "王在岗在实名制信息库中登记为已就业" in m for m in refused.value.problems["recognised_on"]
    )
    household = _household(counsellor, mother, son)
    with pytest.raises(RecordInvalid) as refused:
        _household(counsellor, son)
    assert "已在另一个正在跟踪的零就业家庭中" in refused.value.problems["recognised_on"][0]
    with pytest.raises(RecordInvalid) as refused:
        record_member_employed(
            actor=counsellor,
            household_id=household.pk,
            version=1,
            employed=EmployedInput(
                member="other", employed_on=RECOGNISED - timedelta(days=1), kind="flexible"
            ),
        )
    problems = refused.value.problems
    assert problems["employed_on"][0].startswith("就业日期不能早于认定为零就业家庭的日期")
    assert problems["other_name"] == ["请填写就业成员的姓名。"]
    assert problems["other_relation"] == ["请选择关系。"]
    household.refresh_from_db()
    assert household.status == HouseholdStatus.OPEN
    assert household.version == 1


def test_the_list_exports_to_xlsx(demo_data, family):
    mother, son = family
    _household(demo_data["rencheng_counsellor"], mother, son)
    client = signed_in(demo_data["rencheng_counsellor"])
    response = client.post(reverse("support:household_export"), {"township": GUHUAI})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][2] == "持证残疾人"
    assert "张桂兰" in rows[1][2]
    assert rows[1][6] == "跟踪帮扶中"
    assert mother.resident_id not in rows[1][2]  # masked
    assert AuditRecord.objects.filter(action="support.household.export").exists()


def test_the_demo_shows_tracked_households_of_different_ages_and_one_resolved(
    demo_data, demo_households
):
    households = ZeroEmploymentHousehold.objects.order_by("recognised_on")
    assert households.filter(status=HouseholdStatus.OPEN).count() == 3
    resolved = households.get(status=HouseholdStatus.RESOLVED)
    assert resolved.resolved_how == ResolvedHow.REGISTRY
    assert resolved.resolved_on == resolved.employed_period.started_on
    sizes = sorted(h.members.count() for h in households.filter(county_code="370811"))
    assert sizes == [1, 1, 2]
    listed = signed_in(demo_data["rencheng_counsellor"]).get(reverse("support:households"))
    body = listed.content.decode()
    assert "共 3 户，其中 2 户仍在跟踪帮扶" in body
    assert "已有成员就业" in body
