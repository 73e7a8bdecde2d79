"""Submitting a declaration: the same checks as `check`, then stored as submitted — lines,
months with their results, the rules trace — audited in the same transaction; or refused,
storing nothing."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind
from ablework.employers.models import Employer
from ablework.quota.access import declaring_employer
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.errors import QuotaErrorCode
from ablework.quota.inputs import DeclarationInput
from ablework.quota.models import (
    OPEN_STATUSES,
    Declaration,
    DeclarationEvent,
    DeclarationStatus,
)
from ablework.quota.selectors import CheckResult, check_declaration
from ablework.quota.services.filing import (
    add_submission,
    lock_for_submission,
    move,
    store_facts,
    store_lines,
)
from ablework.quota.transitions import Transition, allowed, refusal
from ablework.rules.engine.parameters import ParameterTree


class DeclarationRefused(Invalid):
    """The check found errors; `result` holds them. Nothing was stored."""

    def __init__(self, result: CheckResult) -> None:
        super().__init__(
            _("申报中有错误（见各行问题），未提交；请改正后再提交。"),
            code=QuotaErrorCode.DECLARATION_HAS_ERRORS,
        )
        self.result = result


def check_for(
    *,
    actor: User | None,
    declaration: DeclarationInput,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> CheckResult:
    """Check a declaration for an employer the actor may declare for (NotFound otherwise);
    the check is audited as a view of the registry (nothing else is written)."""
    result = _checked(actor=actor, declaration=declaration, today=today, tree=tree)
    record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=QuotaAction.DECLARATION_CHECK,
        target=result.employer,
        detail={
            "levy_year": declaration.levy_year,
            "lines": len(result.lines),
            "problems": len(result.problems),
        },
    )
    return result


def _checked(
    *,
    actor: User | None,
    declaration: DeclarationInput,
    today: date | None,
    tree: ParameterTree | None,
) -> CheckResult:
    employer = declaring_employer(actor, declaration.employer)
    return check_declaration(declaration=declaration, employer=employer, today=today, tree=tree)


def submit_declaration(
    *,
    actor: User | None,
    declaration: DeclarationInput,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> tuple[Declaration, CheckResult]:
    """Store the declaration as submitted, or raise DeclarationRefused (errors) or Conflict
    (already filed for the year), storing nothing. A draft of the year (typed on the pages) is
    not a filing: it is replaced by what is submitted here.

    The check runs inside the transaction, after `filing.lock_for_submission`: two employers
    submitting the same person at once are taken one after the other, and the second sees the
    first's months as `counted_elsewhere`."""
    with transaction.atomic():
        employer = declaring_employer(actor, declaration.employer)
        lock_for_submission(employer, declaration)
        result = check_declaration(
            declaration=declaration, employer=employer, today=today, tree=tree
        )
        if result.has_errors:
            raise DeclarationRefused(result)
        existing = (
            Declaration.objects.select_for_update()
            .select_related("employer")
            .filter(employer=employer, levy_year=declaration.levy_year, status__in=OPEN_STATUSES)
            .first()
        )
        if existing is not None and existing.status != DeclarationStatus.DRAFT:
            raise _already_filed(declaration.levy_year)
        if existing is not None:
            stored = file_declaration(
                existing,
                actor=actor,
                declaration=declaration,
                result=result,
                transition=Transition.SUBMIT,
            )
        else:
            stored = _create_submitted(actor, employer, declaration, result)
    return stored, result


def _already_filed(year: int) -> Conflict:
    return Conflict(
        _("本单位 %(year)s 年度的申报已提交，不能重复提交。") % {"year": year},
        code=QuotaErrorCode.ALREADY_SUBMITTED,
    )


def _create_submitted(
    actor: User | None, employer: Employer, declaration: DeclarationInput, result: CheckResult
) -> Declaration:
    now = timezone.now()
    stored = Declaration(
        employer=employer,
        levy_year=declaration.levy_year,
        status=DeclarationStatus.SUBMITTED,
        submitted_at=now,
        submitted_by=actor if actor is not None and actor.is_authenticated else None,
        rules_trace=result.worksheet,
    )
    store_facts(stored, declaration)
    try:
        with transaction.atomic():
            stored.save()
    except IntegrityError:  # another submission of the year won the race
        raise _already_filed(declaration.levy_year) from None
    store_lines(stored, result)
    add_submission(stored, actor)
    DeclarationEvent.objects.create(
        declaration=stored,
        transition=str(Transition.SUBMIT),
        from_status=DeclarationStatus.DRAFT,
        to_status=DeclarationStatus.SUBMITTED,
        actor=stored.submitted_by,
        at=now,
    )
    record_audit(
        actor=actor,
        kind=AuditKind.CREATE,
        action=QuotaAction.DECLARATION_SUBMIT,
        target=stored,
        target_label=f"{employer.name} {declaration.levy_year}",
        detail={
            "levy_year": declaration.levy_year,
            "lines": len(result.lines),
            "counted_months": len(result.counted()),
            "problems": len(result.problems),
        },
    )
    return stored


def file_declaration(
    row: Declaration,
    *,
    actor: User | None,
    declaration: DeclarationInput,
    result: CheckResult,
    transition: Transition,
) -> Declaration:
    """Submit (a draft) or resubmit (a returned one) the locked row with this checked roster:
    figures, lines with their results and the trace replaced, a new submission added beside
    the earlier ones, and the row moved along the table (its version checked there)."""
    if not allowed(transition, row.status):
        raise Conflict(refusal(transition, row.status), code=QuotaErrorCode.TRANSITION_NOT_ALLOWED)
    store_facts(row, declaration)
    row.submitted_at = timezone.now()
    row.submitted_by = actor if actor is not None and actor.is_authenticated else None
    row.rules_trace = result.worksheet
    Declaration.objects.filter(pk=row.pk).update(
        headcount_monthly=row.headcount_monthly,
        headcount_annual_average=row.headcount_annual_average,
        wage_total=row.wage_total,
        submitted_at=row.submitted_at,
        submitted_by=row.submitted_by,
        rules_trace=row.rules_trace,
    )
    store_lines(row, result)
    add_submission(row, actor)
    move(actor=actor, row=row, seen_version=row.version, transition=transition)
    row.refresh_from_db()
    return row
