"""What every write of a declaration shares: finding it row-locked for the party that moves it,
moving it along the transition table, locking what a check reads, and storing the roster with
each month's result and a submission with its rules trace.

The services (`services/__init__.py`, `drafts.py`, `review.py`) call these; nothing else does."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Max, Prefetch, prefetch_related_objects
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import visible
from ablework.core.audit import record_audit
from ablework.core.crypto import lookup_hash
from ablework.core.errors import Conflict, NotFound
from ablework.core.masking import mask_certificate, mask_resident_id
from ablework.core.models import AuditKind
from ablework.core.notifications import notify
from ablework.core.versioning import StaleRecord, advance_version
from ablework.employers.models import Employer
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.errors import QuotaErrorCode
from ablework.quota.folding import fold
from ablework.quota.inputs import DeclarationInput
from ablework.quota.models import (
    Declaration,
    DeclarationEvent,
    DeclarationSubmission,
    LineMonth,
    RosterLine,
)
from ablework.quota.selectors import CheckResult
from ablework.quota.selectors.drafts import check_stored
from ablework.quota.services.risk import refresh_on_commit
from ablework.quota.transitions import TRANSITIONS, Party, Transition, allowed, refusal
from ablework.registry.models import Person
from ablework.registry.selectors.certificates import persons_by_certificate
from ablework.rules.engine.parameters import ParameterTree

ACTIONS = {
    Transition.SUBMIT: QuotaAction.DECLARATION_SUBMIT,
    Transition.RETURN: QuotaAction.DECLARATION_RETURN,
    Transition.RESUBMIT: QuotaAction.DECLARATION_RESUBMIT,
    Transition.CERTIFY: QuotaAction.DECLARATION_CERTIFY,
    Transition.REJECT: QuotaAction.DECLARATION_REJECT,
    Transition.CORRECT: QuotaAction.DECLARATION_CORRECT,
}
# The writes that advance a declaration's version, each with one change record (for
# `core.versioning.changes_since`): the transitions, and saving a draft.
VERSION_ACTIONS = (
    *(str(action) for action in ACTIONS.values()),
    str(QuotaAction.DECLARATION_SAVE),
)


def tell_employer(row: Declaration, text: str) -> None:
    """An on-site message to the employer's active users, leading to the declaration."""
    users = User.objects.filter(employer=row.employer, role=Role.EMPLOYER, is_active=True)
    notify(users, text=text, link=reverse("quota:declaration", args=[row.pk]))


def not_found() -> NotFound:
    return NotFound(_("没有找到该申报，或它不在您的管辖范围内。"))


def locked_declaration(actor: User | None, declaration_id: int, party: Party) -> Declaration:
    """The declaration, row-locked, if the actor may move it as `party`; NotFound otherwise
    (the same for a missing one and another's)."""
    rows = Declaration.objects.select_related("employer")
    if actor is not None:
        if party is Party.FEDERATION:
            if actor.role == Role.EMPLOYER:
                raise not_found()
            rows = visible(actor, rows, permission=Permission.QUOTA_REVIEW)
        else:
            rows = visible(actor, rows, permission=Permission.QUOTA_DECLARE)
    found = rows.select_for_update(of=("self",)).filter(pk=declaration_id).first()
    if found is None:
        raise not_found()
    return found


def move(
    *,
    actor: User | None,
    row: Declaration,
    seen_version: int,
    transition: Transition,
    reason: str = "",
    line_reasons: list[dict[str, object]] | None = None,
    reason_kind: str = "",
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> DeclarationEvent:
    """Move the (locked) declaration along the table: version checked and advanced, the event
    with its reasons and the audit record written. A decision of the federation (return,
    certify, reject, correct) stores with its event the levy the rules engine computes now from
    the stored roster (`decision_trace`; `today` and `tree` as the check takes them)."""
    if row.version != seen_version:
        raise StaleRecord(target=row, seen=seen_version, current=row.version)
    if not allowed(transition, row.status):
        raise Conflict(refusal(transition, row.status), code=QuotaErrorCode.TRANSITION_NOT_ALLOWED)
    decided = (
        decision_trace(row, today=today, tree=tree)
        if TRANSITIONS[transition].party is Party.FEDERATION
        else {}
    )
    from_status = row.status
    advance_version(row, seen=seen_version)
    row.status = str(TRANSITIONS[transition].target)
    Declaration.objects.filter(pk=row.pk).update(status=row.status, updated_at=timezone.now())
    event = DeclarationEvent.objects.create(
        declaration=row,
        transition=str(transition),
        from_status=from_status,
        to_status=row.status,
        actor=_user(actor),
        at=timezone.now(),
        reason=reason,
        line_reasons=line_reasons or [],
        rules_trace=decided,
        reason_kind=reason_kind,
    )
    record_audit(
        actor=actor,
        kind=AuditKind.CHANGE,
        action=ACTIONS[transition],
        target=row,
        target_label=f"{row.employer.name} {row.levy_year}",
        changes={"status": [from_status, row.status]},
        detail={
            "levy_year": row.levy_year,
            "version": row.version,
            "reason_given": bool(reason),
            "lines_returned": [item["line"] for item in line_reasons or []],
        },
    )
    return event


def decision_trace(
    row: Declaration, *, today: date | None = None, tree: ParameterTree | None = None
) -> dict[str, Any]:
    """The levy of the declaration's stored roster and figures as the rules engine computes it
    now (today's parameters): the result with its full trace, each step's parameters with their
    values, dates in force and references. Nothing is written."""
    prefetch_related_objects(
        [row],
        Prefetch("lines", queryset=RosterLine.objects.order_by("line")),
        Prefetch("lines__months", queryset=LineMonth.objects.order_by("month")),
    )
    worksheet = check_stored(row, today=today, tree=tree).worksheet
    return {"decided_on": (today or timezone.localdate()).isoformat(), **worksheet}


def _user(actor: User | None) -> User | None:
    return actor if actor is not None and actor.is_authenticated else None


def lock_for_submission(employer: Employer, declaration: DeclarationInput) -> None:
    """Row locks (PostgreSQL; SQLite runs one write transaction at a time anyway): the
    employer's row, and the registry rows of the roster's certificates in primary-key order, so
    two submissions never wait on each other in a circle. Two employers submitting the same
    person at once are taken one after the other, and the second sees the first's months as
    `counted_elsewhere`."""
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


def store_facts(row: Declaration, declaration: DeclarationInput) -> None:
    """The headcount and wage total on the row (saved by the caller's update)."""
    headcount = declaration.headcount
    row.headcount_monthly = list(headcount.monthly) if headcount.monthly else None
    row.headcount_annual_average = headcount.annual_average
    row.wage_total = declaration.wage_total


def store_lines(row: Declaration, result: CheckResult) -> None:
    """Replace the declaration's roster by the checked lines, each month with its result, and
    each line's counted months folded (`quota.folding`) from the same results."""
    RosterLine.objects.filter(declaration=row).delete()
    lines = [
        RosterLine(
            declaration=row,
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
            counted_months=fold((m.month, m.weight, m.counted) for m in line.months.values()),
        )
        for line in result.lines
    ]
    # bulk_create sets the primary keys on PostgreSQL and SQLite (3.35+): no reading back.
    by_index = {stored.line: stored for stored in RosterLine.objects.bulk_create(lines)}
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


def add_submission(row: Declaration, actor: User | None) -> DeclarationSubmission:
    """The next entry of the declaration's history of submissions, with the trace now on the
    row; the earlier ones are kept."""
    last = row.submissions.aggregate(last=Max("round"))["last"] or 0
    refresh_on_commit(row.pk)  # its risk score, once the filing commits (quota/services/risk.py)
    return DeclarationSubmission.objects.create(
        declaration=row,
        round=last + 1,
        submitted_at=row.submitted_at or timezone.now(),
        submitted_by=_user(actor),
        rules_trace=row.rules_trace,
    )
