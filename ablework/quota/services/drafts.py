"""The employer's declaration before it is filed: open the year's draft (or start it from last
year's roster), save its figures and roster as often as needed — each save checked and its
months' results stored, two people never overwriting each other — and submit it.

A returned declaration is edited the same way, then resubmitted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.changes import KEEP, Keep
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import StaleRecord, advance_version
from ablework.quota.access import declaring_employer
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.errors import QuotaErrorCode
from ablework.quota.inputs import DeclarationInput, Headcount, LineInput
from ablework.quota.models import CLOSED_STATUSES, OPEN_STATUSES, Declaration, DeclarationStatus
from ablework.quota.selectors import CheckResult, check_declaration
from ablework.quota.selectors.drafts import (
    HEADCOUNT,
    WAGE_TOTAL,
    declaration_input,
    facts_missing,
    line_input,
    stored_headcount,
    with_roster,
)
from ablework.quota.services import DeclarationRefused, file_declaration
from ablework.quota.services.filing import (
    lock_for_submission,
    locked_declaration,
    store_lines,
)
from ablework.quota.transitions import Party, Transition, not_editable
from ablework.rules.engine.parameters import ParameterTree

# The statuses in which the employer may still change what it declares.
EDITABLE = (DeclarationStatus.DRAFT, DeclarationStatus.RETURNED)


@dataclass(frozen=True, kw_only=True)
class DraftChanges:
    """What a save changes; every part is KEEP unless given (None clears a figure). `roster`
    is the whole roster: its lines are renumbered 0, 1, 2 … in the order given."""

    headcount: Headcount | Keep | None = KEEP
    wage_total: Decimal | Keep | None = KEEP
    roster: tuple[LineInput, ...] | Keep = KEEP


def open_declaration(
    *,
    actor: User | None,
    uscc: str,
    levy_year: int,
    reuse_last_year: bool = False,
) -> Declaration:
    """The employer's open declaration of the year (a draft, or one already submitted,
    returned …) if it has one; else a new draft, audited. A new draft `reuse_last_year` starts
    with the roster of the employer's latest declaration of the year before — who, on which
    certificate, form, contract and post; no wages or insured months, which are the new
    year's. NotFound when the actor may not declare for the employer."""
    with transaction.atomic():
        employer = declaring_employer(actor, uscc)
        rows = Declaration.objects.select_related("employer")
        found = rows.filter(
            employer=employer, levy_year=levy_year, status__in=OPEN_STATUSES
        ).first()
        if found is not None:
            return found
        draft = Declaration(employer=employer, levy_year=levy_year)
        try:
            with transaction.atomic():
                draft.save()
        except IntegrityError:  # another user of the employer opened it just now
            return rows.get(employer=employer, levy_year=levy_year, status__in=OPEN_STATUSES)
        reused = _last_years_roster(employer.pk, levy_year) if reuse_last_year else ()
        if reused:
            declaration = replace(declaration_input(draft), roster=reused)
            store_lines(draft, _checked_without_figures(draft, declaration))
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=QuotaAction.DECLARATION_OPEN,
            target=draft,
            target_label=f"{employer.name} {levy_year}",
            detail={"levy_year": levy_year, "lines_reused": len(reused)},
        )
    return draft


def _last_years_roster(employer_id: int, levy_year: int) -> tuple[LineInput, ...]:
    last = (
        with_roster(Declaration.objects.filter(employer_id=employer_id, levy_year=levy_year - 1))
        .exclude(status__in=CLOSED_STATUSES)
        .order_by("-created_at")
        .first()
    )
    if last is None:
        return ()
    return tuple(
        replace(line_input(line), wages={}, social_insurance_months=frozenset())
        for line in last.lines.all()
    )


def _checked_without_figures(row: Declaration, declaration: DeclarationInput) -> CheckResult:
    return check_declaration(declaration=declaration, employer=row.employer, worksheet=False)


def save_draft(
    *,
    actor: User | None,
    declaration_id: int,
    version: int,
    changes: DraftChanges,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> tuple[Declaration, CheckResult]:
    """Save a draft's (or a returned declaration's) figures and roster as `changes` gives
    them, with each month's check result. Every problem is kept, an error too (a draft may
    hold a duplicate line until it is fixed). A roster read from a file comes with the cells
    that could not be read (`DeclarationInput.unreadable`): the caller shows them and saves
    nothing, since such a line has no value to store. StaleRecord when the declaration moved
    on since `version` (another user saved it), Conflict once it is filed. Audited, as a
    change."""
    with transaction.atomic():
        row = locked_declaration(actor, declaration_id, Party.EMPLOYER)
        if row.version != version:
            raise StaleRecord(target=row, seen=version, current=row.version)
        if row.status not in EDITABLE:
            raise Conflict(not_editable(row.status), code=QuotaErrorCode.TRANSITION_NOT_ALLOWED)
        stored = declaration_input(with_roster(Declaration.objects.filter(pk=row.pk)).get())
        declaration = _changed(row, stored, changes)
        advance_version(row, seen=version)
        Declaration.objects.filter(pk=row.pk).update(
            headcount_monthly=row.headcount_monthly,
            headcount_annual_average=row.headcount_annual_average,
            wage_total=row.wage_total,
            updated_at=timezone.now(),
        )
        result = check_declaration(
            declaration=declaration,
            employer=row.employer,
            today=today,
            tree=tree,
            worksheet=not facts_missing(row),
        )
        store_lines(row, result)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=QuotaAction.DECLARATION_SAVE,
            target=row,
            target_label=f"{row.employer.name} {row.levy_year}",
            changes=_what_changed(stored, declaration, changes),
            detail={"levy_year": row.levy_year, "version": row.version},
        )
    return row, result


def add_roster_line(
    *,
    actor: User | None,
    declaration_id: int,
    version: int,
    line: LineInput,
    today: date | None = None,
) -> tuple[Declaration, CheckResult]:
    """Add one line after the stored roster of a draft (or a returned declaration), through
    `save_draft`: the same checks, version (StaleRecord) and audit as every other save."""
    with transaction.atomic():
        row = locked_declaration(actor, declaration_id, Party.EMPLOYER)
        stored = declaration_input(with_roster(Declaration.objects.filter(pk=row.pk)).get())
        return save_draft(
            actor=actor,
            declaration_id=declaration_id,
            version=version,
            changes=DraftChanges(roster=(*stored.roster, replace(line, line=len(stored.roster)))),
            today=today,
        )


def _changed(row: Declaration, stored: DeclarationInput, changes: DraftChanges) -> DeclarationInput:
    headcount = stored_headcount(row) if changes.headcount is KEEP else changes.headcount
    wage_total = row.wage_total if changes.wage_total is KEEP else changes.wage_total
    # Figures still missing are carried as zero in the input and as None on the row.
    row.headcount_monthly = list(headcount.monthly) if headcount and headcount.monthly else None
    row.headcount_annual_average = headcount.annual_average if headcount else None
    row.wage_total = wage_total
    roster = stored.roster if changes.roster is KEEP else changes.roster
    return DeclarationInput(
        employer=stored.employer,
        levy_year=stored.levy_year,
        headcount=headcount or Headcount(annual_average=Decimal(0)),
        wage_total=wage_total if wage_total is not None else Decimal(0),
        roster=tuple(replace(line, line=index) for index, line in enumerate(roster)),
    )


def _what_changed(
    stored: DeclarationInput, saved: DeclarationInput, changes: DraftChanges
) -> dict[str, list[object]]:
    """The audit's changes: the figures as text, the roster by its size (no personal data)."""
    out: dict[str, list[object]] = {}
    if changes.headcount is not KEEP and stored.headcount != saved.headcount:
        out["headcount"] = [str(stored.headcount.average()), str(saved.headcount.average())]
    if changes.wage_total is not KEEP and stored.wage_total != saved.wage_total:
        out["wage_total"] = [str(stored.wage_total), str(saved.wage_total)]
    if changes.roster is not KEEP and stored.roster != saved.roster:
        out["roster_lines"] = [len(stored.roster), len(saved.roster)]
    return out


def submit_draft(
    *,
    actor: User | None,
    declaration_id: int,
    version: int,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> tuple[Declaration, CheckResult]:
    """File the stored declaration: a draft is submitted, a returned one resubmitted, from
    its stored figures and roster. Refused, storing nothing, while a figure is missing
    (Invalid naming it), with errors in the roster (DeclarationRefused), when another user
    changed it since `version` (StaleRecord) or when it is already filed (Conflict)."""
    with transaction.atomic():
        row = locked_declaration(actor, declaration_id, Party.EMPLOYER)
        if row.version != version:
            raise StaleRecord(target=row, seen=version, current=row.version)
        missing = facts_missing(row)
        if missing:
            raise Invalid(str(_MISSING[missing[0]]), field=missing[0])
        transition = (
            Transition.RESUBMIT if row.status == DeclarationStatus.RETURNED else Transition.SUBMIT
        )
        declaration = declaration_input(with_roster(Declaration.objects.filter(pk=row.pk)).get())
        lock_for_submission(row.employer, declaration)
        result = check_declaration(
            declaration=declaration, employer=row.employer, today=today, tree=tree
        )
        if result.has_errors:
            raise DeclarationRefused(result)
        row = file_declaration(
            row, actor=actor, declaration=declaration, result=result, transition=transition
        )
    return row, result


_MISSING = {
    HEADCOUNT: gettext_lazy("请先填写在职职工人数（各月人数或年平均人数），再提交。"),
    WAGE_TOTAL: gettext_lazy("请先填写在职职工工资总额，再提交。"),
}
