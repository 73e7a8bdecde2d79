"""`quota check` reads each month of a 残疾人证 from the registry's dated certificate history:
valid or why not (not yet issued, expired, revoked, holder died), and the grade in force that
month for its weight (rules.md R3.4); a roster line may carry the number a reassessment
replaced."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from ablework.parameters.selectors import APPROVED_LOCAL_VALUES
from ablework.quota.inputs import read_declaration
from ablework.quota.selectors import check_declaration
from ablework.quota.services import check_for, submit_declaration
from ablework.registry.models import CertificateEvent, Person
from ablework.registry.services.certificates import add_certificate_event
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line, months
from tests.quota.test_check import TODAY, TREE, codes_by_line, counted_by_line
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db


def check(payload: dict[str, Any]) -> dict[str, Any]:
    return check_for(
        actor=None, declaration=read_declaration(payload), today=TODAY, tree=TREE
    ).to_json()


def event(person: Person, kind: str, on: date, **values: Any) -> None:
    """Record a dated certificate event through the registry's service (as staff would)."""
    add_certificate_event(person=person, kind=kind, on=on, source="staff", **values)
    person.refresh_from_db()


def issued_on(person: Person, on: date) -> None:
    """The person's certificate was first issued on `on` (the history replaced by that)."""
    person.certificate_events.all().delete()
    CertificateEvent.objects.create(
        person=person,
        kind="issued",
        effective_on=on,
        source="staff",
        disability_category=person.disability_category,
        disability_grade=person.disability_grade,
        certificate_hash=person.certificate_hash,
        certificate_masked=person.certificate_masked,
    )


def messages(result: dict[str, Any], line_no: int) -> list[str]:
    return [p["message"] for p in result["problems"] if p["line"] == line_no]


def test_each_month_follows_the_dated_history_and_the_grade_in_force() -> None:
    employer = EmployerFactory()
    april = PersonFactory(name="钱一", disability_grade=3)
    issued_on(april, date(2023, 4, 1))
    reassessed = PersonFactory(name="钱二", disability_grade=3)
    old_number = reassessed.certificate_number
    event(reassessed, "reassessed", date(2023, 7, 15), grade=2)
    assert reassessed.certificate_number != old_number  # renumbered: …43 → …42
    revoked = PersonFactory(name="钱三", disability_grade=3)
    event(revoked, "revoked", date(2023, 5, 20))
    died = PersonFactory(name="钱四", disability_grade=3)
    event(died, "holder_died", date(2023, 8, 3))
    year = range(1, 13)
    roster = [
        line(april.certificate_number, "钱一"),  # 0: Jan–Jun
        line(old_number, "钱二", months_=year),  # 1: the number the reassessment replaced
        line(revoked.certificate_number, "钱三"),  # 2: Jan–Jun
        line(died.certificate_number, "钱四", months_=year),  # 3
    ]
    result = check(declaration(employer.uscc, roster))

    not_valid = "certificate_not_valid_in_month"
    unknown_wage = ("minimum_wage_unknown", tuple(months(10, 11, 12)))  # unsourced from 2023-10
    assert codes_by_line(result) == {
        0: {(not_valid, tuple(months(1, 2, 3)))},
        1: {unknown_wage},
        2: {(not_valid, tuple(months(5, 6)))},  # May has revoked days
        3: {(not_valid, tuple(months(*range(8, 13)))), unknown_wage},  # August has days dead
    }
    assert "证件尚未核发" in messages(result, 0)[0]
    assert "证件已注销" in messages(result, 2)[0]
    assert any("持证人已死亡" in message for message in messages(result, 3))
    # The old number is masked like any number in a message; the holder was found by it.
    assert old_number not in str(result)

    one = lambda *ns: [(m, 1) for m in months(*ns)]  # noqa: E731
    assert counted_by_line(result) == {
        0: one(4, 5, 6),
        # grade 3 until June, grade 2 (severe, `levy.severe_weight` 2) from July: the grade on
        # a month's last day is the one in force in it
        1: one(*range(1, 7)) + [(m, 2) for m in months(*range(7, 13))],
        2: one(1, 2, 3, 4),
        3: one(*range(1, 8)),
    }
    # By hand: plain person-months 3 + 6 + 4 + 7 = 20, severe 6 (July–December of 钱二) × 2
    # Σ weights = 20 + 12 = 32, D = 32/12 = 2.666667
    # N = 300, R = 1.5% → N×R = 4.5; shortfall = 4.5 − 32/12 = 22/12
    # W = 18,000,000 / 300 = 60,000; before reduction 22/12 × 60,000 = 110,000.00
    # D/N = 0.89% < 1%: 公告2023年第8号 charges 90% → 99,000.00
    worksheet = result["worksheet"]
    assert worksheet["counted_disabled"] == "2.666667"
    assert worksheet["levy_before_reduction"] == "110000.00"
    assert worksheet["levy_due"] == "99000.00"
    steps = {step["step"]: step for step in worksheet["trace"]}
    assert (
        "D = (非重度 20 人月 + 重度 6 人月 × 2) / 12"
        in steps["实际安排残疾人就业人数 D"]["formula"]
    )


def test_an_expired_month_names_the_expiry_date() -> None:
    employer = EmployerFactory()
    expiring = PersonFactory(
        name="孙一", disability_grade=3, certificate_valid_until=date(2023, 4, 14)
    )
    result = check(declaration(employer.uscc, [line(expiring.certificate_number, "孙一")]))
    assert codes_by_line(result) == {
        0: {("certificate_not_valid_in_month", tuple(months(4, 5, 6)))}  # April not whole
    }
    assert "证件已于 2023-04-14 过期" in messages(result, 0)[0]
    assert counted_by_line(result) == {0: [(m, 1) for m in months(1, 2, 3)]}


def test_the_old_and_the_new_number_of_one_person_are_one_duplicate_line() -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="李一", disability_grade=3)
    old_number = person.certificate_number
    event(person, "reassessed", date(2023, 7, 15), grade=2)
    roster = [line(old_number, "李一"), line(person.certificate_number, "李一")]
    result = check(declaration(employer.uscc, roster))
    assert [(p["line"], p["code"]) for p in result["problems"]] == [(1, "duplicate_line")]
    # only the first line counts: 6 months (grade 3 until June) × 1, not twice
    assert counted_by_line(result) == {0: [(m, 1) for m in months(*range(1, 7))]}


@pytest.mark.parametrize("count", [1, 30])
def test_old_and_unknown_numbers_cost_one_more_query_whatever_the_length(
    count: int, django_assert_num_queries
) -> None:
    employer = EmployerFactory()
    reassessed = PersonFactory(name="周一", disability_grade=3)
    old_number = reassessed.certificate_number
    event(reassessed, "reassessed", date(2023, 7, 15), grade=2)
    roster = [line(old_number, "周一"), line("37081119800101001X11", "查无此人")] + [
        line(PersonFactory(name=f"人{i}").certificate_number, f"人{i}") for i in range(count)
    ]
    parsed = read_declaration(declaration(employer.uscc, roster))
    APPROVED_LOCAL_VALUES.codes()  # read once per process (tests/parameters/test_local_values.py)
    # holders by current number, by an older number (persons_by_certificate: 2), their
    # certificate months (2), names and birth dates (1), all their numbers (1), other
    # employers' months (1)
    with django_assert_num_queries(7):
        result = check_declaration(declaration=parsed, employer=employer, today=TODAY, tree=TREE)
    assert len(result.counted()) == (count + 1) * 6


def test_months_another_employer_counted_under_the_new_number_are_seen_on_the_old() -> None:
    employer, other = EmployerFactory(), EmployerFactory()
    person = PersonFactory(name="吴一", disability_grade=3)
    old_number = person.certificate_number
    event(person, "reassessed", date(2023, 7, 15), grade=2)
    submit_declaration(
        actor=None,
        declaration=read_declaration(
            declaration(other.uscc, [line(person.certificate_number, "吴一", months_=range(1, 4))])
        ),
        today=TODAY,
        tree=TREE,
    )
    result = check(declaration(employer.uscc, [line(old_number, "吴一")]))
    assert codes_by_line(result) == {0: {("counted_elsewhere", tuple(months(1, 2, 3)))}}
    assert counted_by_line(result) == {0: [(m, 1) for m in months(4, 5, 6)]}
