"""The cross-employer check (`counted_elsewhere`: the months another employer's filed declaration
of the year already counts) reads the lines' folded months (`RosterLine.counted_months`), one
integer a line, and finds exactly the months that the lines' stored `LineMonth` rows count:
whatever the statuses, years and months, the answer is the one the per-month rows give."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ablework.employers.models import Employer
from ablework.quota.folding import refold
from ablework.quota.inputs import read_declaration
from ablework.quota.models import FILED_STATUSES, Declaration, LineMonth, RosterLine
from ablework.quota.selectors.counted_elsewhere import counted_elsewhere, months_by_employer
from ablework.quota.services import submit_declaration
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import YEAR, declaration, line, months
from tests.registry.factories import PersonFactory

TODAY = date(2024, 6, 1)
STATUSES = ["draft", "submitted", "returned", "resubmitted", "certified", "rejected", "corrected"]


def counted_in_month_rows(
    hashes: Collection[str], levy_year: int
) -> dict[str, dict[int, set[int]]]:
    """The months each employer's filed declaration of the year counts, from the per-month rows
    (what the check read before the folds)."""
    found: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    rows = LineMonth.objects.filter(
        counted=True,
        roster_line__certificate_hash__in=[h for h in hashes if h],
        roster_line__declaration__levy_year=levy_year,
        roster_line__declaration__status__in=FILED_STATUSES,
    ).values_list("roster_line__certificate_hash", "roster_line__declaration__employer_id", "month")
    for digest, employer, month in rows:
        found[digest][employer].add(month)
    return found


def plain(found: dict[str, dict[int, set[int]]]) -> dict[str, dict[int, set[int]]]:
    return {digest: dict(employers) for digest, employers in found.items()}


@pytest.mark.django_db
def test_months_counted_by_another_employer_come_from_the_folds_as_from_the_months() -> None:
    first, second, third = EmployerFactory(), EmployerFactory(), EmployerFactory()
    shared = PersonFactory(name="王九", disability_grade=3)
    alone = PersonFactory(name="李一", disability_grade=1)
    # the first employer counts 王九 in January–March only (insured then), 李一 January–June;
    # the second counts 王九 in May–August
    submit_declaration(
        actor=None,
        declaration=read_declaration(
            declaration(
                first.uscc,
                [
                    {
                        **line(shared.certificate_number, "王九"),
                        "social_insurance_months": months(1, 2, 3),
                    },
                    line(alone.certificate_number, "李一"),
                ],
            )
        ),
        today=TODAY,
    )
    submit_declaration(
        actor=None,
        declaration=read_declaration(
            declaration(second.uscc, [line(shared.certificate_number, "王九", months_=range(5, 9))])
        ),
        today=TODAY,
    )
    # the third's declaration of the year is returned (not filed): what it counts is not taken
    submit_declaration(
        actor=None,
        declaration=read_declaration(
            declaration(third.uscc, [line(shared.certificate_number, "王九", months_=range(1, 13))])
        ),
        today=TODAY,
    )
    Declaration.objects.filter(employer=third).update(status="returned")
    hashes = {shared.certificate_hash, alone.certificate_hash}

    with CaptureQueriesContext(connection) as reads:
        for_third = counted_elsewhere(hashes, YEAR, third.pk)
    assert len(reads.captured_queries) == 1  # the lines with their folds, no month row
    assert for_third == {
        shared.certificate_hash: {1, 2, 3, 5, 6, 7, 8},
        alone.certificate_hash: set(range(1, 7)),
    }
    assert counted_elsewhere(hashes, YEAR, first.pk) == {shared.certificate_hash: {5, 6, 7, 8}}
    assert counted_elsewhere(hashes, YEAR, second.pk) == {
        shared.certificate_hash: {1, 2, 3},
        alone.certificate_hash: set(range(1, 7)),
    }
    assert counted_elsewhere(hashes, YEAR + 1, third.pk) == {}
    assert plain(months_by_employer(hashes, YEAR)) == plain(counted_in_month_rows(hashes, YEAR))


# Per line: its declaration's employer (of three), year, status, its certificate, and its
# months as {month: counted}.
LINES = st.lists(
    st.tuples(
        st.integers(0, 2),
        st.sampled_from([YEAR, YEAR - 1]),
        st.sampled_from(STATUSES),
        st.sampled_from(["h1", "h2", "h3"]),
        st.dictionaries(st.integers(1, 12), st.booleans(), max_size=12),
    ),
    max_size=8,
)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stored=LINES)
def test_on_any_stored_rosters_the_folds_give_the_months_the_month_rows_give(
    stored: list[tuple[int, int, str, str, dict[int, bool]]],
) -> None:
    Declaration.objects.all().delete()
    employers = list(Employer.objects.order_by("pk")[:3])
    employers += [EmployerFactory() for _ in range(3 - len(employers))]
    rows: dict[tuple[int, int], Declaration] = {}
    for index, (employer, year, status, digest, line_months) in enumerate(stored):
        # one declaration per employer and year (at most one is open), of its first line's status
        row = rows.get((employer, year)) or Declaration.objects.create(
            employer=employers[employer], levy_year=year, status=status
        )
        rows[(employer, year)] = row
        roster = RosterLine.objects.create(
            declaration=row,
            line=index,
            certificate_kind="disability",
            certificate_number=f"3708111985061240{index:02d}41",
            certificate_hash=digest,
            certificate_masked="370811**************",
            name="王一",
            employment_form="labour_contract",
        )
        LineMonth.objects.bulk_create(
            LineMonth(
                roster_line=roster,
                month=month,
                wage=Decimal(2000),
                weight=1 if counted else 0,
                counted=counted,
            )
            for month, counted in line_months.items()
        )
    refold(RosterLine.objects.all())
    hashes = {"h1", "h2", "h3"}
    assert plain(months_by_employer(hashes, YEAR)) == plain(counted_in_month_rows(hashes, YEAR))
    for employer in employers:
        expected: dict[str, set[int]] = {}
        for digest, by_employer in counted_in_month_rows(hashes, YEAR).items():
            for other, found in by_employer.items():
                if other != employer.pk:
                    expected.setdefault(digest, set()).update(found)
        assert dict(counted_elsewhere(hashes, YEAR, employer.pk)) == expected
