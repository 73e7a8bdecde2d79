"""Each roster line's counted months folded into one integer (`RosterLine.counted_months`,
quota/folding.py) equal the months stored for it, however the roster was stored: a draft saved,
submitted, returned and resubmitted, certified, corrected, or filled by the migration. (Every
other quota and levy test checks the same after it runs: tests/quota/folds.py.)"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ablework.quota.folding import counted_months, fold, month_bits, refold, severe_months
from ablework.quota.inputs import Headcount, read_declaration
from ablework.quota.models import Declaration, LineMonth, RosterLine
from ablework.quota.selectors.drafts import declaration_input
from ablework.quota.services import submit_declaration
from ablework.quota.services.correction import CorrectionChanges, correct_declaration
from ablework.quota.services.drafts import DraftChanges, open_declaration, save_draft, submit_draft
from ablework.quota.services.review import certify_declaration, return_declaration
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import YEAR, declaration, line, months, with_social_average_wage
from tests.quota.folds import folds_not_matching
from tests.registry.factories import PersonFactory

TODAY = date(2024, 6, 1)
TREE = with_social_average_wage("100000")

# A line's months as (month, weight, counted): each month at most once, a counted month
# weighing 1 or 2 (a severe grade), a month not counted weighing 0.
MONTHS = st.dictionaries(
    st.integers(min_value=1, max_value=12), st.sampled_from([0, 1, 2]), max_size=12
).map(lambda found: [(m, w, w > 0) for m, w in sorted(found.items())])


@given(MONTHS)
def test_a_fold_unfolds_to_the_counted_months_and_those_at_the_severe_weight(
    stored: list[tuple[int, int, bool]],
) -> None:
    folded = fold(stored)
    assert counted_months(folded) == [m for m, _, counted in stored if counted]
    assert severe_months(folded) == [m for m, w, counted in stored if counted and w > 1]
    assert 0 <= folded < 2**24
    assert folded == sum(month_bits(*month) for month in stored)


def test_a_month_outside_the_year_is_refused() -> None:
    with pytest.raises(ValueError, match="13"):
        month_bits(13, 1, True)


def _bare_line() -> RosterLine:
    employer = EmployerFactory()
    row = Declaration.objects.create(employer=employer, levy_year=YEAR, status="submitted")
    return RosterLine.objects.create(
        declaration=row,
        line=0,
        certificate_kind="disability",
        certificate_number="37081119850612402X41",
        certificate_hash="h",
        certificate_masked="370811**************",
        name="王一",
        employment_form="labour_contract",
    )


@pytest.mark.django_db
@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stored=MONTHS)
def test_the_databases_fold_of_stored_months_is_the_same_as_pythons(
    stored: list[tuple[int, int, bool]],
) -> None:
    roster = RosterLine.objects.first() or _bare_line()
    LineMonth.objects.filter(roster_line=roster).delete()
    LineMonth.objects.bulk_create(
        LineMonth(roster_line=roster, month=m, wage=Decimal(2000), weight=w, counted=counted)
        for m, w, counted in stored
    )
    assert refold(RosterLine.objects.filter(pk=roster.pk)) == 1
    roster.refresh_from_db()
    assert roster.counted_months == fold(stored)


def _folds(row: Declaration) -> list[int]:
    return list(
        RosterLine.objects.filter(declaration=row)
        .order_by("line")
        .values_list("counted_months", flat=True)
    )


# Grade 1 counts at the severe weight, grade 3 at 1; each bit as folding.py says.
JAN_JUN = 0b111111
SEVERE = 12


@pytest.mark.django_db
def test_every_write_of_a_roster_keeps_each_lines_fold_equal_to_its_months() -> None:
    employer = EmployerFactory()
    user = EmployerUserFactory(employer=employer)
    staff = CountyAdminFactory()
    severe = PersonFactory(name="王一", disability_grade=1)
    plain = PersonFactory(name="李二", disability_grade=3)
    # a draft opened and saved: months counted or not as checked (李二 uninsured in March)
    row = open_declaration(actor=user, uscc=employer.uscc, levy_year=YEAR)
    roster = read_declaration(
        declaration(
            employer.uscc,
            [
                line(severe.certificate_number, "王一"),
                line(plain.certificate_number, "李二", social_insurance_months=months(1, 2, 4)),
            ],
        )
    ).roster
    row, _ = save_draft(
        actor=user,
        declaration_id=row.pk,
        version=row.version,
        changes=DraftChanges(
            headcount=Headcount(monthly=(300,) * 12),
            wage_total=Decimal("18000000.00"),
            roster=roster,
        ),
        today=TODAY,
        tree=TREE,
    )
    assert _folds(row) == [JAN_JUN | JAN_JUN << SEVERE, 0b1011]
    assert folds_not_matching() == {}
    # submitted, returned, saved again with the whole year for 李二, resubmitted
    row, _ = submit_draft(
        actor=user, declaration_id=row.pk, version=row.version, today=TODAY, tree=TREE
    )
    assert folds_not_matching() == {}
    row = return_declaration(
        actor=staff, declaration_id=row.pk, version=row.version, reason="补全年"
    )
    whole = read_declaration(
        declaration(
            employer.uscc,
            [
                line(severe.certificate_number, "王一"),
                line(plain.certificate_number, "李二", months_=range(1, 13)),
            ],
        )
    ).roster
    row, _ = save_draft(
        actor=user,
        declaration_id=row.pk,
        version=row.version,
        changes=DraftChanges(roster=whole),
        today=TODAY,
        tree=TREE,
    )
    row, _ = submit_draft(
        actor=user, declaration_id=row.pk, version=row.version, today=TODAY, tree=TREE
    )
    assert _folds(row) == [JAN_JUN | JAN_JUN << SEVERE, 2**12 - 1]
    # certified, then corrected by staff: 王一's line dropped
    row = certify_declaration(actor=staff, declaration_id=row.pk, version=row.version, tree=TREE)
    done = correct_declaration(
        actor=staff,
        declaration_id=row.pk,
        version=row.version,
        reason="核查发现第1行人员已于上年离职",
        changes=CorrectionChanges(roster=(declaration_input(row).roster[1],)),
        base_url="http://testserver",
        tree=TREE,
    )
    assert _folds(done.declaration) == [2**12 - 1]
    assert _folds(row) == [JAN_JUN | JAN_JUN << SEVERE, 2**12 - 1]  # the original, as it was
    assert folds_not_matching() == {}
    # another employer submitting the same person: the months counted elsewhere fold to nothing
    other = EmployerFactory()
    theirs, _ = submit_declaration(
        actor=EmployerUserFactory(employer=other),
        declaration=read_declaration(
            declaration(other.uscc, [line(plain.certificate_number, "李二")])
        ),
        today=TODAY,
        tree=TREE,
    )
    assert _folds(theirs) == [0]
    assert folds_not_matching() == {}


@pytest.mark.django_db
def test_the_migration_fills_the_folds_of_the_lines_already_stored() -> None:
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=1)
    row, _ = submit_declaration(
        actor=EmployerUserFactory(employer=employer),
        declaration=read_declaration(
            declaration(employer.uscc, [line(person.certificate_number, "王一")])
        ),
        today=TODAY,
        tree=TREE,
    )
    filled = _folds(row)
    RosterLine.objects.update(counted_months=0)
    migration = __import__(
        "ablework.quota.migrations.0011_rosterline_counted_months", fromlist=["fill"]
    )

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection  # type: ignore[attr-defined]
    migration.fill(apps, editor)
    assert _folds(row) == filled == [JAN_JUN | JAN_JUN << SEVERE]
    assert folds_not_matching() == {}
