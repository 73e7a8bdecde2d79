"""Who and which units are behind a rate, an amount or a count of units (issue 14): a rate's
persons split into its numerator and the rest of its denominator, as the rate counts them; the
employers behind the levy, the rewards and the declarations certified, with their amounts adding
up to the figure, and the organs and institutions behind the mandate compliance rate, as many as
its denominator and those meeting it as many as its numerator; each list within the viewer's
area and role, and audited."""

from __future__ import annotations

from datetime import date

import pytest

from ablework.accounts.models import User
from ablework.core.models import AuditPerson, AuditRecord, Region
from ablework.indicators.audit_actions import IndicatorsAction
from ablework.indicators.catalogue import catalogue, measure_named
from ablework.indicators.periods import parse_period
from ablework.registry.models import Person
from tests.helpers import signed_in
from tests.indicators.test_measures import RENCHENG, quarter  # noqa: F401

pytestmark = pytest.mark.django_db
Q2 = parse_period("2026Q2")


def test_a_rates_persons_are_its_numerator_and_the_rest_of_its_denominator(
    demo_data: dict[str, User],
    quarter: dict[str, Person],  # noqa: F811
) -> None:
    measure = measure_named("employment_rate")
    county = Region.objects.get(code=RENCHENG)
    employed, rest = measure.rate_persons(county.scope_prefix, Q2.start, Q2.end)  # type: ignore[misc]
    totals = measure.compute(county.scope_prefix, Q2.start, Q2.end).values()
    assert len(employed) == sum(t.numerator for t in totals)
    assert len(employed) + len(rest) == sum(t.denominator or 0 for t in totals)
    assert not set(employed) & set(rest)
    client = signed_in(demo_data["rencheng_admin"])
    for group, ids in (("in", employed), ("out", rest)):
        page = client.get(
            "/indicators/employment_rate/persons/",
            {"region": RENCHENG, "period": "2026Q2", "group": group},
        )
        assert page.status_code == 200
        record = AuditRecord.objects.filter(action=IndicatorsAction.PERSONS_VIEW).latest("pk")
        assert record.detail["group"] == group
        named = set(AuditPerson.objects.filter(record=record).values_list("person_id", flat=True))
        assert named == set(ids) or (not ids and not named)
    # outside the county administrator's area: 404
    assert (
        client.get(
            "/indicators/employment_rate/persons/", {"region": "370826", "period": "2026Q2"}
        ).status_code
        == 404
    )


def test_the_dashboard_links_a_rates_persons_and_the_units(
    demo_data: dict[str, User],
    quarter: dict[str, Person],  # noqa: F811
) -> None:
    page = signed_in(demo_data["rencheng_admin"]).get(
        "/indicators/dashboard/", {"period": "2026Q2"}
    )
    body = page.content.decode()
    assert "/indicators/employment_rate/persons/?region=370811" in body
    assert "/indicators/levy_assessed/units/?region=370811" in body
    assert "/indicators/new_employment/units/" not in body


def test_the_units_add_up_to_the_figure_and_are_listed_scoped_and_audited(
    demo_levy, demo_data: dict[str, User]
) -> None:
    city = Region.objects.get(code="370800")
    year = parse_period(str(date.today().year))
    listed = [m for m in catalogue() if m.units is not None]
    assert {m.code for m in listed} == {
        "levy_assessed",
        "levy_collected",
        "rewards_paid",
        "declarations_certified",
        "organ_mandate_compliance",
    }
    for period in (year, parse_period(str(year.start.year - 1))):
        for measure in listed:
            units = measure.units(city.scope_prefix, period.start, period.end)  # type: ignore[misc]
            tallies = measure.compute(city.scope_prefix, period.start, period.end).values()
            figure = sum(t.numerator for t in tallies)
            if measure.is_rate:  # its denominator's units, those without a gap its numerator
                assert len(units) == sum(t.denominator or 0 for t in tallies), measure.code
                assert sum(1 for gap in units.values() if not gap) == figure, measure.code
            else:
                assert sum(units.values()) == figure, (measure.code, period.code)
    assessed = measure_named("levy_assessed").units(city.scope_prefix, year.start, year.end)  # type: ignore[misc]
    client = signed_in(demo_data["jining_admin"])
    page = client.get("/indicators/levy_assessed/units/", {"region": "370800", "period": year.code})
    assert page.status_code == 200
    record = AuditRecord.objects.filter(action=IndicatorsAction.UNITS_VIEW).latest("pk")
    assert record.detail == {
        "rows": min(len(assessed), 50),
        "indicator": "levy_assessed",
        "period": year.code,
    }
    assert record.region_code == "370800"
    # a county's administrator: their own county only
    county = signed_in(demo_data["rencheng_admin"])
    assert (
        county.get(
            "/indicators/levy_assessed/units/", {"region": "370800", "period": year.code}
        ).status_code
        == 404
    )
    assert (
        county.get(
            "/indicators/levy_assessed/units/", {"region": RENCHENG, "period": year.code}
        ).status_code
        == 200
    )
    # a person signed in has no such list; an indicator without units has none either
    person = signed_in(demo_data["person_user"])
    assert person.get("/indicators/levy_assessed/units/", {"region": RENCHENG}).status_code in (
        403,
        404,
    )
    assert client.get("/indicators/new_employment/units/", {"region": "370800"}).status_code == 404
