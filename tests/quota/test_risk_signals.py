"""Each risk signal on a constructed roster that should raise it and on one that should not
(issue 11: the review's risk signals, quota/risk/); the score is the weighted sum."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.quota.models import Declaration
from ablework.quota.risk import parameters as p
from ablework.quota.risk.scoring import far_apart, score_declarations
from ablework.quota.risk.signals import SignalCode, explain
from ablework.registry.models import CertificateEvent
from tests.employers.factories import EmployerFactory
from tests.quota.risk_rosters import TODAY, YEAR, entry, numbers, stored
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db


def raised(row: Declaration) -> dict[str, dict]:
    [scored] = score_declarations(Declaration.objects.filter(pk=row.pk), today=TODAY)
    return {signal["code"]: signal for signal in scored.signals_json()}


def test_a_person_declared_by_two_employers_in_the_same_month_raises_double_counting() -> None:
    person = PersonFactory()
    first = stored(EmployerFactory(), [entry(person.certificate_number, months=range(1, 7))])
    second = stored(
        EmployerFactory(county_code="370826"),
        [entry(person.certificate_number, months=range(5, 13))],
    )
    for row in (first, second):
        signal = raised(row)[SignalCode.DOUBLE_COUNTED]
        assert signal["values"]["months"] == [5, 6]
        assert "5月、6月" in explain(signal)


def test_the_same_person_in_different_months_is_not_double_counting() -> None:
    person = PersonFactory()
    first = stored(EmployerFactory(), [entry(person.certificate_number, months=range(1, 7))])
    stored(EmployerFactory(), [entry(person.certificate_number, months=range(7, 13))])
    assert SignalCode.DOUBLE_COUNTED not in raised(first)


def test_a_draft_of_another_employer_is_not_double_counting() -> None:
    person = PersonFactory()
    first = stored(EmployerFactory(), [entry(person.certificate_number)])
    stored(EmployerFactory(), [entry(person.certificate_number)], status="draft")
    assert SignalCode.DOUBLE_COUNTED not in raised(first)


def test_everyone_paid_exactly_the_local_minimum_wage_raises_the_signal() -> None:
    # 任城区's monthly minimum wage in 2023 is 1900 元 (rules parameters)
    row = stored(EmployerFactory(), [entry(n, wage="1900.00") for n in numbers(3)])
    signal = raised(row)[SignalCode.MINIMUM_WAGE]
    assert "1900.00 元" in explain(signal)


def test_one_employee_paid_more_than_the_minimum_wage_is_not_the_pattern() -> None:
    entries = [entry(n, wage="1900.00") for n in numbers(2)]
    entries.append(entry(numbers(3)[2], wage="1950.00"))
    assert SignalCode.MINIMUM_WAGE not in raised(stored(EmployerFactory(), entries))


def test_the_minimum_wage_pattern_needs_a_known_minimum_wage() -> None:
    # from 2023-10 no minimum wage is known for 任城区: nothing to compare
    entries = [entry(n, wage="1900.00", months=range(10, 13)) for n in numbers(2)]
    assert SignalCode.MINIMUM_WAGE not in raised(stored(EmployerFactory(), entries))


def _issued(person, on: date) -> None:
    CertificateEvent.objects.create(person=person, kind="issued", effective_on=on, source="staff")


def test_a_certificate_issued_a_month_before_the_contract_start_raises_the_signal() -> None:
    person = PersonFactory()
    _issued(person, date(2022, 11, 20))
    row = stored(EmployerFactory(), [entry(person.certificate_number, start=date(2022, 12, 20))])
    assert raised(row)[SignalCode.RECENT_CERTIFICATE]["lines"] == [0]


def test_a_regrade_to_a_more_severe_grade_just_before_hiring_raises_the_signal() -> None:
    person = PersonFactory(disability_grade=4)
    _issued(person, date(2015, 1, 1))
    CertificateEvent.objects.create(
        person=person,
        kind="reassessed",
        effective_on=date(2022, 12, 1),
        disability_grade=2,
        source="staff",
    )
    row = stored(EmployerFactory(), [entry(person.certificate_number, start=date(2023, 1, 3))])
    assert SignalCode.RECENT_CERTIFICATE in raised(row)


def test_a_certificate_issued_years_before_hiring_raises_nothing() -> None:
    person = PersonFactory()
    _issued(person, date(2015, 1, 1))
    row = stored(EmployerFactory(), [entry(person.certificate_number, start=date(2022, 12, 20))])
    assert SignalCode.RECENT_CERTIFICATE not in raised(row)


def test_most_hires_in_december_raise_the_signal() -> None:
    entries = [
        entry(numbers(3)[0], start=date(2022, 12, 5)),
        entry(numbers(3)[1], start=date(2023, 12, 1)),
        entry(numbers(3)[2], start=date(2020, 4, 1)),
    ]
    signal = raised(stored(EmployerFactory(), entries))[SignalCode.DECEMBER_HIRES]
    assert signal["values"] == {"count": 2, "total": 3}


def test_one_december_hire_among_three_is_no_cluster() -> None:
    entries = [
        entry(numbers(3)[0], start=date(2022, 12, 5)),
        entry(numbers(3)[1], start=date(2021, 5, 1)),
        entry(numbers(3)[2], start=date(2020, 4, 1)),
    ]
    assert SignalCode.DECEMBER_HIRES not in raised(stored(EmployerFactory(), entries))


AGENCY = "91370800MA3C000001"


def _dispatched(count: int, start: int) -> list[dict]:
    return [entry(n, agency=AGENCY) for n in numbers(start + count)[start:]]


def test_an_agency_placing_many_workers_with_several_employers_raises_the_signal() -> None:
    rows = [
        stored(EmployerFactory(), _dispatched(4, 0)),
        stored(EmployerFactory(county_code="370826"), _dispatched(3, 4)),
        stored(EmployerFactory(), _dispatched(3, 7)),
    ]
    signal = raised(rows[1])[SignalCode.DISPATCH_AGENCY]
    assert signal["values"] == {"agency": AGENCY, "placements": 10, "employers": 3}
    assert AGENCY in explain(signal)


def test_an_agency_with_two_hosts_raises_nothing() -> None:
    row = stored(EmployerFactory(), _dispatched(6, 0))
    stored(EmployerFactory(), _dispatched(6, 6))
    assert SignalCode.DISPATCH_AGENCY not in raised(row)


def test_employees_registered_in_another_city_raise_far_workplace() -> None:
    # 任城区 (济宁市) employer, persons whose household is in 历下区 (济南市)
    persons = [PersonFactory(household_region_code="370102") for _ in range(2)]
    row = stored(EmployerFactory(), [entry(person.certificate_number) for person in persons])
    assert raised(row)[SignalCode.FAR_WORKPLACE]["values"] == {"far": 2, "total": 2}


def test_employees_of_the_same_city_raise_nothing() -> None:
    persons = [PersonFactory(household_region_code="370826") for _ in range(2)]
    row = stored(EmployerFactory(), [entry(person.certificate_number) for person in persons])
    assert SignalCode.FAR_WORKPLACE not in raised(row)


def test_far_is_another_province_or_another_city_but_a_municipality_is_one_city() -> None:
    assert far_apart("370811", "370102")  # 济宁 / 济南
    assert far_apart("370811", "110101")  # 山东 / 北京
    assert not far_apart("370811", "370826")  # both 济宁
    assert not far_apart("110101", "110229")  # 北京 is one city
    assert not far_apart("370811", "")  # unknown


def test_an_employee_reaching_the_retirement_age_raises_the_signal() -> None:
    # a man born in June 1963 reaches 60 in June 2023, before the 2025 reform
    person = PersonFactory(birth_date=date(1963, 6, 10))
    row = stored(EmployerFactory(), [entry(person.certificate_number, months=range(1, 7))])
    assert raised(row)[SignalCode.RETIREMENT]["lines"] == [0]


def test_an_employee_far_from_retirement_raises_nothing() -> None:
    person = PersonFactory(birth_date=date(1985, 6, 10))
    row = stored(EmployerFactory(), [entry(person.certificate_number)])
    assert SignalCode.RETIREMENT not in raised(row)


def test_a_roster_replaced_since_last_year_raises_roster_change() -> None:
    employer = EmployerFactory()
    stored(employer, [entry(n) for n in numbers(3)], year=YEAR - 1, status="certified")
    row = stored(employer, [entry(n) for n in numbers(3, prefix="3708111991")])
    signal = raised(row)[SignalCode.ROSTER_CHANGE]
    assert signal["values"]["share_percent"] == 100
    assert f"{YEAR - 1} 年度" in explain(signal)


def test_a_roster_that_kept_its_people_raises_nothing() -> None:
    employer = EmployerFactory()
    stored(employer, [entry(n) for n in numbers(3)], year=YEAR - 1, status="certified")
    row = stored(employer, [entry(n) for n in numbers(4)])
    assert SignalCode.ROSTER_CHANGE not in raised(row)


def test_no_declaration_last_year_is_nothing_to_compare() -> None:
    row = stored(EmployerFactory(), [entry(n) for n in numbers(4)])
    assert SignalCode.ROSTER_CHANGE not in raised(row)


def test_the_score_is_the_sum_of_the_raised_signals_weights_and_gives_the_level() -> None:
    entries = [entry(n, wage="1900.00", start=date(2022, 12, 1)) for n in numbers(3)]
    row = stored(EmployerFactory(), entries)
    [scored] = score_declarations(Declaration.objects.filter(pk=row.pk), today=TODAY)
    assert {s.code for s in scored.signals} == {SignalCode.MINIMUM_WAGE, SignalCode.DECEMBER_HIRES}
    assert scored.score == p.MINIMUM_WAGE_WEIGHT + p.DECEMBER_HIRES_WEIGHT
    assert scored.level == "medium"
    assert scored.top_signal == SignalCode.MINIMUM_WAGE
    clean = stored(EmployerFactory(), [entry(n) for n in numbers(2, prefix="3708111992")])
    [quiet] = score_declarations(Declaration.objects.filter(pk=clean.pk), today=TODAY)
    assert (quiet.score, quiet.level, quiet.signals) == (0, "low", [])
