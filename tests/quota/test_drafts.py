"""The employer's draft: opened once per year, saved as often as needed with each month's
result, never overwritten by a colleague's older form, never reachable by another employer,
and submitted (or resubmitted after a return) from what is stored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.models import AuditRecord
from ablework.core.versioning import StaleRecord, changes_since
from ablework.quota.inputs import Headcount, read_declaration
from ablework.quota.models import Declaration, DeclarationStatus, LineMonth, RosterLine
from ablework.quota.selectors.drafts import check_stored, facts_missing, with_roster
from ablework.quota.services import DeclarationRefused, submit_declaration
from ablework.quota.services.drafts import (
    DraftChanges,
    open_declaration,
    save_draft,
    submit_draft,
)
from ablework.quota.services.filing import VERSION_ACTIONS
from ablework.quota.services.review import certify_declaration, return_declaration
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import YEAR, declaration, line, with_social_average_wage
from tests.registry.factories import PersonFactory

TODAY = date(2024, 6, 1)
TREE = with_social_average_wage("100000")
S = DeclarationStatus

pytestmark = pytest.mark.django_db


def _roster(*lines: dict) -> tuple:
    """Roster lines as a form or a file would give them."""
    return read_declaration(declaration("X", list(lines))).roster


def _open() -> tuple[Declaration, object, object]:
    employer = EmployerFactory()
    user = EmployerUserFactory(employer=employer)
    return open_declaration(actor=user, uscc=employer.uscc, levy_year=YEAR), user, employer


def _save(row: Declaration, user: object, **changes: object) -> Declaration:
    saved, _ = save_draft(
        actor=user,  # type: ignore[arg-type]
        declaration_id=row.pk,
        version=row.version,
        changes=DraftChanges(**changes),  # type: ignore[arg-type]
        today=TODAY,
        tree=TREE,
    )
    return saved


def _stored(row: Declaration) -> Declaration:
    return with_roster(Declaration.objects.filter(pk=row.pk)).get()


def test_opening_the_year_twice_gives_the_same_draft_and_is_audited_once() -> None:
    row, user, employer = _open()
    assert row.status == S.DRAFT
    assert facts_missing(row) == ["headcount", "wage_total"]
    again = open_declaration(actor=user, uscc=employer.uscc, levy_year=YEAR)
    assert again.pk == row.pk
    assert AuditRecord.objects.filter(action="quota.declaration.open").count() == 1


def test_another_employers_user_can_neither_open_save_nor_submit_it() -> None:
    row, user, employer = _open()
    row = _save(row, user, wage_total=Decimal("18000000.00"))
    stranger = EmployerUserFactory()
    with pytest.raises(NotFound):
        open_declaration(actor=stranger, uscc=employer.uscc, levy_year=YEAR)
    with pytest.raises(NotFound):
        _save(row, stranger, wage_total=Decimal("1.00"))
    with pytest.raises(NotFound):
        submit_draft(actor=stranger, declaration_id=row.pk, version=row.version)
    assert Declaration.objects.get(pk=row.pk).wage_total == Decimal("18000000.00")
    assert Declaration.objects.filter(employer=employer).count() == 1


def test_a_saved_roster_keeps_each_months_result_and_the_worksheet_waits_for_the_figures() -> None:
    row, user, _ = _open()
    person = PersonFactory(name="王一", disability_grade=3)
    roster = _roster(
        line(person.certificate_number, "王一", months_=range(1, 7)),
        line("37081119850612402X41", "不存在", months_=range(1, 3)),
    )
    row = _save(row, user, roster=roster)
    assert row.version == 2
    result = check_stored(_stored(row), today=TODAY, tree=TREE)
    assert result.worksheet == {}  # no headcount or wage total yet
    months = LineMonth.objects.filter(roster_line__declaration=row).order_by(
        "roster_line__line", "month"
    )
    assert [(m.roster_line.line, m.month, m.counted) for m in months] == [
        *((0, n, True) for n in range(1, 7)),
        (1, 1, False),
        (1, 2, False),
    ]
    assert months.filter(roster_line__line=1).first().problem_codes == ["certificate_not_found"]

    row = _save(
        row, user, headcount=Headcount(monthly=(300,) * 12), wage_total=Decimal("18000000.00")
    )
    result = check_stored(_stored(row), today=TODAY, tree=TREE)
    assert result.worksheet != {}
    assert RosterLine.objects.filter(declaration=row).count() == 2  # the roster was kept


def test_a_colleagues_older_form_is_refused_and_nothing_is_lost() -> None:
    row, first, employer = _open()
    second = EmployerUserFactory(employer=employer)
    seen = row.version
    person = PersonFactory(name="王一", disability_grade=3)
    _save(row, first, roster=_roster(line(person.certificate_number, "王一")))
    with pytest.raises(StaleRecord) as refused:
        save_draft(
            actor=second,
            declaration_id=row.pk,
            version=seen,
            changes=DraftChanges(roster=()),
            today=TODAY,
            tree=TREE,
        )
    changed = changes_since(refused.value, actions=VERSION_ACTIONS)
    assert [(c.action, c.actor_id) for c in changed] == [("quota.declaration.save", first.pk)]
    assert RosterLine.objects.filter(declaration=row).count() == 1


def test_submitting_needs_the_figures_and_no_error_then_files_the_stored_roster() -> None:
    row, user, _ = _open()
    person = PersonFactory(name="王一", disability_grade=3)
    twice = line(person.certificate_number, "王一")
    row = _save(row, user, roster=_roster(twice, twice))
    with pytest.raises(Invalid, match="请先填写在职职工人数") as missing:
        submit_draft(actor=user, declaration_id=row.pk, version=row.version, today=TODAY)
    assert missing.value.field == "headcount"

    row = _save(
        row, user, headcount=Headcount(monthly=(300,) * 12), wage_total=Decimal("18000000.00")
    )
    with pytest.raises(DeclarationRefused):  # the same certificate twice
        submit_draft(actor=user, declaration_id=row.pk, version=row.version, today=TODAY, tree=TREE)
    assert Declaration.objects.get(pk=row.pk).status == S.DRAFT

    roster = check_stored(_stored(row), today=TODAY, tree=TREE).declaration.roster
    row = _save(row, user, roster=roster[:1])
    filed, result = submit_draft(
        actor=user, declaration_id=row.pk, version=row.version, today=TODAY, tree=TREE
    )
    assert filed.pk == row.pk
    assert filed.status == S.SUBMITTED
    assert filed.rules_trace == result.worksheet != {}
    assert filed.submissions.get().round == 1
    assert list(filed.events.values_list("from_status", "to_status")) == [(S.DRAFT, S.SUBMITTED)]
    with pytest.raises(Conflict, match="已提交，不能再修改"):
        _save(filed, user, wage_total=Decimal("1.00"))


def test_a_returned_declaration_is_corrected_in_place_and_resubmitted() -> None:
    row, user, _ = _open()
    person = PersonFactory(name="王一", disability_grade=3)
    row = _save(
        row,
        user,
        headcount=Headcount(monthly=(300,) * 12),
        wage_total=Decimal("18000000.00"),
        roster=_roster(line(person.certificate_number, "王一", months_=range(1, 7))),
    )
    row, _ = submit_draft(
        actor=user, declaration_id=row.pk, version=row.version, today=TODAY, tree=TREE
    )
    row = return_declaration(
        actor=CountyAdminFactory(), declaration_id=row.pk, version=row.version, reason="补全年"
    )
    full = _roster(line(person.certificate_number, "王一", months_=range(1, 13)))
    row = _save(row, user, roster=full)
    row, _ = submit_draft(
        actor=user, declaration_id=row.pk, version=row.version, today=TODAY, tree=TREE
    )
    assert row.status == S.RESUBMITTED
    assert list(row.submissions.values_list("round", flat=True).order_by("round")) == [1, 2]
    assert LineMonth.objects.filter(roster_line__declaration=row, counted=True).count() == 12


def test_a_new_year_can_start_from_last_years_roster_without_its_wages() -> None:
    employer = EmployerFactory()
    user = EmployerUserFactory(employer=employer)
    person = PersonFactory(name="王一", disability_grade=3)
    last_year = declaration(
        employer.uscc,
        [line(person.certificate_number, "王一", post="仓库管理员")],
        levy_year=YEAR - 1,
    )
    last_year["roster"][0]["wages"] = {f"{YEAR - 1}-01": "2000.00"}
    last_year["roster"][0]["social_insurance_months"] = [f"{YEAR - 1}-01"]
    filed, _ = submit_declaration(
        actor=user, declaration=read_declaration(last_year), today=TODAY, tree=TREE
    )
    certify_declaration(actor=CountyAdminFactory(), declaration_id=filed.pk, version=filed.version)

    row = open_declaration(actor=user, uscc=employer.uscc, levy_year=YEAR, reuse_last_year=True)
    copied = RosterLine.objects.get(declaration=row)
    assert (copied.name, copied.post, copied.certificate_number) == (
        "王一",
        "仓库管理员",
        person.certificate_number,
    )
    assert not LineMonth.objects.filter(roster_line=copied).exists()


def test_the_api_submission_of_a_year_replaces_its_draft() -> None:
    row, user, employer = _open()
    person = PersonFactory(name="王一", disability_grade=3)
    row = _save(row, user, roster=_roster(line("37081119850612402X41", "草稿")))
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一")])
    filed, _ = submit_declaration(
        actor=user, declaration=read_declaration(payload), today=TODAY, tree=TREE
    )
    assert filed.pk == row.pk
    assert filed.status == S.SUBMITTED
    assert list(RosterLine.objects.filter(declaration=row).values_list("name", flat=True)) == [
        "王一"
    ]
    with pytest.raises(Conflict, match="已提交，不能重复提交"):
        submit_declaration(
            actor=user, declaration=read_declaration(payload), today=TODAY, tree=TREE
        )


def test_lines_are_renumbered_in_the_order_given() -> None:
    row, user, _ = _open()
    a, b = PersonFactory(name="甲"), PersonFactory(name="乙")
    roster = _roster(line(a.certificate_number, "甲"), line(b.certificate_number, "乙"))
    row = _save(row, user, roster=(replace(roster[1], line=7), replace(roster[0], line=3)))
    stored = RosterLine.objects.filter(declaration=row).order_by("line")
    assert [(r.line, r.name) for r in stored] == [(0, "乙"), (1, "甲")]
