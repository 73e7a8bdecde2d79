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
from ablework.core.crypto import lookup_hash
from ablework.core.errors import Conflict, Invalid
from ablework.core.masking import mask_certificate, mask_resident_id
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
    DeclarationSubmission,
    LineMonth,
    RosterLine,
)
from ablework.quota.selectors import CheckResult, check_declaration
from ablework.registry.models import Person
from ablework.registry.selectors.certificates import persons_by_certificate
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
    (already filed for the year), storing nothing.

    The check runs inside the transaction, after locking the employer's row and the registry
    rows of the roster's certificates (in primary-key order, so two submissions never wait on
    each other in a circle): two employers submitting the same person at once are taken one
    after the other, and the second sees the first's months as `counted_elsewhere`."""
    with transaction.atomic():
        employer = declaring_employer(actor, declaration.employer)
        _lock_for_submission(employer, declaration)
        result = check_declaration(
            declaration=declaration, employer=employer, today=today, tree=tree
        )
        if result.has_errors:
            raise DeclarationRefused(result)
        filed = Declaration.objects.filter(
            employer=employer, levy_year=declaration.levy_year, status__in=OPEN_STATUSES
        ).exists()
        if filed:
            raise Conflict(
                _("本单位 %(year)s 年度的申报已提交，不能重复提交。")
                % {"year": declaration.levy_year},
                code=QuotaErrorCode.ALREADY_SUBMITTED,
            )
        headcount = declaration.headcount
        try:
            with transaction.atomic():
                stored = Declaration.objects.create(
                    employer=employer,
                    levy_year=declaration.levy_year,
                    status=DeclarationStatus.SUBMITTED,
                    headcount_monthly=list(headcount.monthly) if headcount.monthly else None,
                    headcount_annual_average=headcount.annual_average,
                    wage_total=declaration.wage_total,
                    submitted_at=timezone.now(),
                    submitted_by=actor,
                    rules_trace=result.worksheet,
                )
        except IntegrityError:  # another submission of the year won the race
            raise Conflict(
                _("本单位 %(year)s 年度的申报已提交，不能重复提交。")
                % {"year": declaration.levy_year},
                code=QuotaErrorCode.ALREADY_SUBMITTED,
            ) from None
        _store_lines(stored, result)
        _record_first_submission(stored, actor)
        counted = result.counted()
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=QuotaAction.DECLARATION_SUBMIT,
            target=stored,
            target_label=f"{employer.name} {declaration.levy_year}",
            detail={
                "levy_year": declaration.levy_year,
                "lines": len(result.lines),
                "counted_months": len(counted),
                "problems": len(result.problems),
            },
        )
    return stored, result


def _record_first_submission(stored: Declaration, actor: User | None) -> None:
    """The first entry of the declaration's history: its trace, kept when it is resubmitted."""
    user = actor if actor is not None and actor.is_authenticated else None
    DeclarationSubmission.objects.create(
        declaration=stored,
        round=1,
        submitted_at=stored.submitted_at or timezone.now(),
        submitted_by=user,
        rules_trace=stored.rules_trace,
    )
    DeclarationEvent.objects.create(
        declaration=stored,
        transition="submit",
        from_status=DeclarationStatus.DRAFT,
        to_status=DeclarationStatus.SUBMITTED,
        actor=user,
        at=stored.submitted_at or timezone.now(),
    )


def _lock_for_submission(employer: Employer, declaration: DeclarationInput) -> None:
    """Row locks (PostgreSQL; SQLite runs one write transaction at a time anyway)."""
    list(Employer.objects.select_for_update().filter(pk=employer.pk).values_list("pk"))
    hashes = {
        lookup_hash(line.certificate_number)
        for line in declaration.roster
        if line.certificate_number
    }
    # The holders of old numbers too (a reassessment renumbers a certificate): the check counts
    # their months, so a concurrent submission under the other number must wait.
    found = set(persons_by_certificate(hashes).values())
    holders = Person.objects.select_for_update().filter(pk__in=found)
    list(holders.order_by("pk").values_list("pk"))


def _store_lines(stored: Declaration, result: CheckResult) -> None:
    lines = [
        RosterLine(
            declaration=stored,
            line=line.entry.line,
            certificate_kind=line.entry.certificate_kind,
            certificate_number=line.entry.certificate_number,
            certificate_hash=line.certificate_hash,
            certificate_masked=mask_certificate(line.entry.certificate_number),
            name=line.entry.name,
            grade=line.grade,
            resident_id=line.entry.resident_id,
            resident_id_masked=mask_resident_id(line.entry.resident_id)
            if line.entry.resident_id
            else "",
            employment_form=line.entry.employment_form,
            contract_start=line.entry.contract_start,
            contract_end=line.entry.contract_end,
            post=line.entry.post,
            dispatch_agency=line.entry.dispatch.agency if line.entry.dispatch else "",
            dispatch_assigns_to=(
                (line.entry.dispatch.agreement_assigns_to or "") if line.entry.dispatch else ""
            ),
        )
        for line in result.lines
    ]
    # bulk_create sets the primary keys on PostgreSQL and SQLite (3.35+): no reading back.
    by_index = {row.line: row for row in RosterLine.objects.bulk_create(lines)}
    LineMonth.objects.bulk_create(
        LineMonth(
            roster_line=by_index[line.entry.line],
            month=month.month,
            wage=month.wage,
            social_insurance_paid=month.insured,
            weight=month.weight,
            counted=month.counted,
            problem_codes=[code.value for code in month.codes],
        )
        for line in result.lines
        for month in line.months.values()
    )
