"""Local parameter values: staff of a region propose one, a second person approves it, and the
engine then uses it for that region and below over the shipped YAML, from its date."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.core.audit_reading import readable_records
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditRecord
from ablework.parameters.models import LocalParameterValue, LocalValueStatus
from ablework.parameters.selectors import VERSION_KEY
from ablework.parameters.services import (
    approve_local_value,
    propose_local_value,
    reject_local_value,
)
from ablework.registry.rulebook import rules_evaluation

pytestmark = pytest.mark.django_db
WAGE = "wages.minimum_wage_monthly"
REFERENCE = "济宁市人力资源和社会保障局 通知（测试用依据）"


def staff(username: str, role: str, region: str) -> User:
    return User.objects.create_user(
        username=username, password="x" * 16, role=role, region_id=region
    )


@pytest.fixture
def rencheng() -> tuple[User, User]:
    """Two administrators of 任城区 (maker and checker)."""
    return (
        staff("maker", Role.COUNTY_ADMIN, "370811"),
        staff("checker", Role.COUNTY_ADMIN, "370811"),
    )


def wage(region: str, on: date) -> Decimal | None:
    found = rules_evaluation(jurisdiction=region, on=on).find(WAGE)
    return None if found is None else found.value


def propose(actor: User | None, region: str = "370811", **values: str) -> LocalParameterValue:
    fields = {"effective_from": "2025-01-01", "value": "2200", "reference": REFERENCE, **values}
    return propose_local_value(actor, name=WAGE, region=region, **fields)


def test_an_approved_value_beats_the_unsourced_yaml_from_its_date_and_a_pending_one_does_not(
    rencheng,
):
    maker, checker = rencheng
    # given the YAML: 1,900 from 2021-10-01, then Shandong's unsourced change from 2023-10-01
    assert wage("370811", date(2025, 3, 1)) is None
    # when a county administrator proposes 2,200.50 from 2025-01-01
    row = propose(maker, value="2200.50")
    # then, pending, it changes nothing
    assert row.status == LocalValueStatus.PENDING
    assert wage("370811", date(2025, 3, 1)) is None
    # when a second administrator approves it
    approve_local_value(checker, row.pk)
    # then the engine uses it, exactly, from its date, with its reference in the trace
    evaluation = rules_evaluation(jurisdiction="370811", on=date(2025, 1, 1))
    found = evaluation.find(WAGE)
    assert found is not None
    assert found.value == Decimal("2200.50")
    assert REFERENCE in found.dated.reference.render()
    assert wage("370811", date(2024, 12, 31)) is None  # the day before: still the YAML's gap
    assert wage("370811", date(2023, 9, 30)) == Decimal("1900")  # earlier: the YAML
    assert wage("370826", date(2025, 3, 1)) is None  # another county: unchanged


def test_a_city_value_holds_for_its_counties_and_a_county_value_beats_it():
    city_maker = staff("city_maker", Role.CITY_ADMIN, "370800")
    city_checker = staff("city_checker", Role.CITY_ADMIN, "370800")
    # given an approved 济宁市 value from 2024-01-01 and a 任城区 one from 2025-01-01
    approve_local_value(city_checker, propose(city_maker, "3708", effective_from="2024-01-01").pk)
    county = propose(city_maker, "370811", value="2300")
    approve_local_value(city_checker, county.pk)
    # then every county of 济宁 has the city's value, and 任城区 its own from its date
    assert wage("370826", date(2024, 6, 1)) == Decimal("2200")
    assert wage("370811", date(2024, 6, 1)) == Decimal("2200")
    assert wage("370811", date(2025, 6, 1)) == Decimal("2300")
    assert wage("3708", date(2025, 6, 1)) == Decimal("2200")
    assert LocalParameterValue.objects.get(pk=county.pk).region_code == "370811"


def test_the_maker_cannot_approve_their_own_value(rencheng):
    maker, _ = rencheng
    row = propose(maker)
    with pytest.raises(Invalid, match="不能审核自己提出的"):
        approve_local_value(maker, row.pk)
    with pytest.raises(Invalid, match="不能审核自己提出的"):
        reject_local_value(maker, row.pk, "重复")
    assert LocalParameterValue.objects.get(pk=row.pk).status == LocalValueStatus.PENDING


def test_staff_of_another_region_neither_see_nor_approve_it(rencheng):
    maker, _ = rencheng
    row = propose(maker)
    weishan = staff("weishan_admin", Role.COUNTY_ADMIN, "370826")
    counsellor = staff("rencheng_worker", Role.COUNSELLOR, "370811")
    for outsider in (weishan, counsellor):
        with pytest.raises(NotFound):
            approve_local_value(outsider, row.pk)
    assert wage("370811", date(2025, 3, 1)) is None


def test_a_rejected_value_is_never_used_and_every_step_reads_as_words(rencheng):
    maker, checker = rencheng
    rejected = propose(maker, value="9999")
    reject_local_value(checker, rejected.pk, "依据不对")
    with pytest.raises(Invalid, match="已经审核过"):
        approve_local_value(checker, rejected.pk)
    approve_local_value(checker, propose(maker).pk)
    assert wage("370811", date(2025, 3, 1)) == Decimal("2200")
    records = readable_records(
        list(AuditRecord.objects.filter(target_type="parameters.localparametervalue"))
    )
    actions = [record.action for record in records]
    assert sorted(actions) == sorted(
        ["提出本地参数值", "退回本地参数值", "提出本地参数值", "审核通过本地参数值"]
    )
    text = " ".join(f"{r.target} {' '.join(map(str, r.changes))}" for r in records)
    assert "月最低工资标准" in text
    assert "任城区" in text
    assert "状态：待审核 → 已退回" in text
    assert "状态：待审核 → 已生效" in text
    assert WAGE not in text  # the parameter is named by its description


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "wages.minimum_wage"}, r"没有名为“wages\.minimum_wage”的参数"),
        ({"region": "999999"}, "不是省、市或县级区划代码"),
        ({"effective_from": "2025/01/01"}, "起始日期“2025/01/01”无效"),
        ({"value": "2,200"}, "不要带逗号、单位或“元”"),
        ({"value": "2200元"}, "不要带逗号、单位或“元”"),
        ({"value": "2.2e3"}, "请写一个数字"),
        ({"reference": "  "}, "请填写依据"),
    ],
)
def test_bad_input_is_refused_in_plain_chinese(rencheng, fields, message):
    maker, _ = rencheng
    values = {
        "name": WAGE,
        "region": "370811",
        "effective_from": "2025-01-01",
        "value": "2200",
        "reference": REFERENCE,
        **fields,
    }
    with pytest.raises(Invalid, match=message):
        propose_local_value(maker, **values)
    assert not LocalParameterValue.objects.exists()


def test_a_region_outside_the_users_area_is_refused(rencheng):
    maker, _ = rencheng
    with pytest.raises(NotFound, match="不在您的管辖范围内"):
        propose(maker, region="370800")  # a county's staff cannot set their city's value
    with pytest.raises(NotFound, match="不在您的管辖范围内"):
        propose(maker, region="370826")


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("rules", "local", *args, stdout=out)
    return out.getvalue()


SET = ["set", WAGE, "--region", "370811", "--from", "2025-01-01", "--value", "2200"]


def test_the_command_with_as_waits_for_a_second_person_and_lists_it(rencheng):
    maker, checker = rencheng
    # when staff set a value as themselves
    output = run(*SET, "--reference", REFERENCE, "--as", "maker")
    # then it waits for a second person, and the engine ignores it until then
    assert "待本辖区另一位管理员审核后生效" in output
    row = LocalParameterValue.objects.get()
    assert (row.status, row.proposed_by) == (LocalValueStatus.PENDING, maker)
    assert wage("370811", date(2025, 3, 1)) is None
    listed = run("list", "--region", "370811")
    assert "\t".join([WAGE, "370811", "2025-01-01", "2200", "待审核", "maker"]) in listed
    assert REFERENCE in listed
    assert REFERENCE not in run("list", "--region", "370826")
    approve_local_value(checker, row.pk)
    assert "已生效" in run("list")


def test_the_command_without_as_is_approved_at_once_and_the_audit_says_so():
    output = run(*SET, "--reference", REFERENCE)
    assert "已生效（系统管理员在服务器上直接设定" in output
    assert wage("370811", date(2025, 3, 1)) == Decimal("2200")
    approval = AuditRecord.objects.get(action="parameters.local.set_at_server")
    assert approval.actor_id is None
    assert approval.detail == {"without_second_person": True}
    (readable,) = readable_records([approval])
    assert readable.action == "系统管理员在服务器上直接设定本地参数值（未经第二人审核）"


def test_the_command_refuses_bad_input_with_exit_1(rencheng):
    with pytest.raises(CommandError, match=r"没有名为“wages\.nothing”的参数") as refused:
        run("set", "wages.nothing", *SET[2:], "--reference", REFERENCE, "--as", "maker")
    assert refused.value.returncode == 1
    with pytest.raises(CommandError, match="不在您的管辖范围内"):
        run(*SET[:3], "370826", *SET[4:], "--reference", REFERENCE, "--as", "maker")
    with pytest.raises(CommandError, match="没有名为“nobody”的有效账户"):
        run(*SET, "--reference", REFERENCE, "--as", "nobody")
    assert not LocalParameterValue.objects.exists()


def test_the_approved_values_are_read_once_and_again_after_an_approval_elsewhere(
    rencheng, django_assert_num_queries
):
    maker, checker = rencheng
    approve_local_value(checker, propose(maker).pk)
    assert wage("370811", date(2025, 3, 1)) == Decimal("2200")  # loaded here
    with django_assert_num_queries(0):
        assert wage("370811", date(2025, 3, 1)) == Decimal("2200")
        assert wage("370826", date(2025, 3, 1)) is None
    # another process approves a value: the version it shares through the cache changes
    LocalParameterValue.objects.update(value="2250")
    cache.set(VERSION_KEY, "set by another process")
    with django_assert_num_queries(1):
        assert wage("370811", date(2025, 3, 1)) == Decimal("2250")
