"""Correcting a certified declaration (更正): the only way a certified one changes.

A correction names a reason and the changed figures and roster. The roster is checked again as
a submission is (errors refuse it, storing nothing); the original is kept as it was certified —
its lines, months, trace and events untouched — with the status corrected (已更正), and a new
declaration, certified, holds the corrected figures and roster with the levy the rules engine
computes now. A `DeclarationCorrection` records who, when, why and what changed (old → new);
the 审核确认书 is issued again for the corrected declaration, and every certificate of the
original shows as superseded on the public verification page. All of it, with its audit records
and the employer's message, is one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import visible
from ablework.core.audit import record_audit
from ablework.core.changes import KEEP, Keep
from ablework.core.errors import Conflict, Invalid
from ablework.core.masking import mask_certificate, mask_name
from ablework.core.models import AuditKind
from ablework.core.versioning import StaleRecord
from ablework.printing.services import IssuedPdf
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.errors import QuotaErrorCode
from ablework.quota.inputs import DeclarationInput, Headcount, LineInput
from ablework.quota.models import (
    Declaration,
    DeclarationCorrection,
    DeclarationEvent,
    DeclarationStatus,
    EmploymentForm,
)
from ablework.quota.selectors import CheckResult, check_declaration
from ablework.quota.selectors.drafts import declaration_input, with_roster
from ablework.quota.services import DeclarationRefused
from ablework.quota.services.certificate import declaration_subject, issue_certificate
from ablework.quota.services.filing import (
    add_submission,
    lock_for_submission,
    move,
    not_found,
    store_facts,
    store_lines,
    tell_employer,
)
from ablework.quota.transitions import Transition, allowed, refusal
from ablework.rules.engine.parameters import ParameterTree


@dataclass(frozen=True, kw_only=True)
class CorrectionChanges:
    """What a correction changes; every part is KEEP unless given. `roster` is the whole
    roster, renumbered 0, 1, 2 … in the order given."""

    headcount: Headcount | Keep = KEEP
    wage_total: Decimal | Keep = KEEP
    roster: tuple[LineInput, ...] | Keep = KEEP


@dataclass(frozen=True)
class Corrected:
    declaration: Declaration
    correction: DeclarationCorrection
    certificate: IssuedPdf


def _locked_certified(actor: User | None, declaration_id: int) -> Declaration:
    rows = Declaration.objects.select_related("employer")
    if actor is not None:
        if actor.role == Role.EMPLOYER:
            raise not_found()
        rows = visible(actor, rows, permission=Permission.QUOTA_CORRECT)
    found = rows.select_for_update(of=("self",)).filter(pk=declaration_id).first()
    if found is None:
        raise not_found()
    return found


def correct_declaration(
    *,
    actor: User,
    declaration_id: int,
    version: int,
    reason: str,
    changes: CorrectionChanges,
    base_url: str,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> Corrected:
    """Correct a certified declaration (see the module). Invalid without a reason or without
    any change; DeclarationRefused when the corrected roster has errors; StaleRecord when it
    moved on since `version`; Conflict when it is not certified (a corrected one is corrected
    again through its correction); NotFound for one outside the actor's area."""
    reason = reason.strip()
    if not reason:
        raise Invalid(
            _("更正时请填写更正理由。"), field="reason", code=QuotaErrorCode.REASON_NEEDED
        )
    with transaction.atomic():
        original = _locked_certified(actor, declaration_id)
        if original.version != version:
            raise StaleRecord(target=original, seen=version, current=original.version)
        if not allowed(Transition.CORRECT, original.status):
            raise Conflict(
                refusal(Transition.CORRECT, original.status),
                code=QuotaErrorCode.TRANSITION_NOT_ALLOWED,
            )
        stored = declaration_input(with_roster(Declaration.objects.filter(pk=original.pk)).get())
        corrected_input = _applied(stored, changes)
        if corrected_input == stored:
            raise Invalid(_("没有任何更改：请修改人数、工资总额或名单后再确认更正。"))
        lock_for_submission(original.employer, corrected_input)
        result = check_declaration(
            declaration=corrected_input, employer=original.employer, today=today, tree=tree
        )
        if result.has_errors:
            raise DeclarationRefused(result)
        move(
            actor=actor,
            row=original,
            seen_version=version,
            transition=Transition.CORRECT,
            reason=reason,
            today=today,
            tree=tree,
        )
        new = _certified_copy(actor, original, corrected_input, result, reason, today)
        what = what_changed(stored, corrected_input, original.rules_trace, result.worksheet)
        correction = DeclarationCorrection.objects.create(
            original=original,
            corrected=new,
            reason=reason,
            actor=actor if actor.is_authenticated else None,
            at=timezone.now(),
            changes=what,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=QuotaAction.DECLARATION_CORRECT,
            target=new,
            target_label=f"{new.employer.name} {new.levy_year}",
            changes=_audit_changes(stored, corrected_input, original.rules_trace, result),
            detail={
                "levy_year": new.levy_year,
                "corrects": original.pk,
                "reason": reason[:200],
                "changed": [item["what"] for item in what],
            },
        )
        certificate = issue_certificate(
            actor=actor,
            declaration_id=new.pk,
            base_url=base_url,
            supersedes=(declaration_subject(original),),
        )
        tell_employer(
            new,
            _(
                "您单位 %(year)s 年度已审核确认的按比例就业申报已由残联更正：%(reason)s。"
                "已重新出具审核确认书，原确认书不再有效。"
            )
            % {"year": new.levy_year, "reason": reason},
        )
    return Corrected(declaration=new, correction=correction, certificate=certificate)


def _applied(stored: DeclarationInput, changes: CorrectionChanges) -> DeclarationInput:
    roster = stored.roster if isinstance(changes.roster, Keep) else changes.roster
    return replace(
        stored,
        headcount=stored.headcount if isinstance(changes.headcount, Keep) else changes.headcount,
        wage_total=stored.wage_total
        if isinstance(changes.wage_total, Keep)
        else changes.wage_total,
        roster=tuple(replace(line, line=index) for index, line in enumerate(roster)),
    )


def _certified_copy(
    actor: User,
    original: Declaration,
    declaration: DeclarationInput,
    result: CheckResult,
    reason: str,
    today: date | None,
) -> Declaration:
    """The corrected declaration: certified, with the corrected figures, roster and trace."""
    now = timezone.now()
    new = Declaration(
        employer=original.employer,
        levy_year=original.levy_year,
        status=DeclarationStatus.CERTIFIED,
        submitted_at=original.submitted_at,
        submitted_by=original.submitted_by,
        rules_trace=result.worksheet,
    )
    store_facts(new, declaration)
    new.save()
    store_lines(new, result)
    add_submission(new, actor)
    DeclarationEvent.objects.create(
        declaration=new,
        transition=str(Transition.CORRECT),
        from_status=DeclarationStatus.CERTIFIED,
        to_status=DeclarationStatus.CERTIFIED,
        actor=actor if actor.is_authenticated else None,
        at=now,
        reason=reason,
        rules_trace={
            "decided_on": (today or timezone.localdate()).isoformat(),
            **result.worksheet,
        },
    )
    return new


def _line_label(line: LineInput) -> str:
    return f"{mask_name(line.name)}（{mask_certificate(line.certificate_number)}）"


def _months(line: LineInput) -> str:
    return "、".join(f"{month}月" for month in sorted(line.wages)) or "—"


def _line_facts(line: LineInput) -> dict[str, str]:
    return {
        str(_("申报月份")): _months(line),
        str(_("工资")): "、".join(f"{line.wages[m]}" for m in sorted(line.wages)) or "—",
        str(_("足额缴纳社会保险的月份")): "、".join(
            f"{m}月" for m in sorted(line.social_insurance_months)
        )
        or "—",
        str(_("用工形式")): str(EmploymentForm(line.employment_form).label),
        str(_("合同期限")): f"{line.contract_start or '—'} — {line.contract_end or '—'}",
        str(_("岗位")): line.post or "—",
    }


def what_changed(
    old: DeclarationInput,
    new: DeclarationInput,
    old_trace: dict[str, Any],
    new_trace: dict[str, Any],
) -> list[dict[str, str]]:
    """Old → new, as people read it: the figures, each line added, removed or changed (by its
    masked name and certificate number), and the counted persons and levy that result."""
    out: list[dict[str, str]] = []

    def add(what: str, before: object, after: object) -> None:
        if str(before) != str(after):
            out.append({"what": what, "old": str(before), "new": str(after)})

    add(str(_("在职职工年平均人数")), old.headcount.average(), new.headcount.average())
    add(str(_("在职职工工资总额（元）")), old.wage_total, new.wage_total)
    before = {line.certificate_number: line for line in old.roster}
    after = {line.certificate_number: line for line in new.roster}
    for number, line in before.items():
        if number not in after:
            add(str(_("名单行")), _line_label(line), _("（删除）"))
    for number, line in after.items():
        if number not in before:
            add(str(_("名单行")), _("（无）"), _line_label(line))
            continue
        was, now = _line_facts(before[number]), _line_facts(line)
        for key in was:
            if was[key] != now[key]:
                add(f"{_line_label(line)} {key}", was[key], now[key])
    add(
        str(_("安排残疾人就业人数")),
        old_trace.get("counted_disabled", "—"),
        new_trace.get("counted_disabled", "—"),
    )
    add(
        str(_("应缴残疾人就业保障金（元）")),
        old_trace.get("levy_due", "—"),
        new_trace.get("levy_due", "—"),
    )
    return out


def _audit_changes(
    old: DeclarationInput, new: DeclarationInput, old_trace: dict[str, Any], result: CheckResult
) -> dict[str, list[object]]:
    """The audit's changes: figures as text, the roster by its size (no personal data)."""
    out: dict[str, list[object]] = {}
    if old.headcount != new.headcount:
        out["headcount"] = [str(old.headcount.average()), str(new.headcount.average())]
    if old.wage_total != new.wage_total:
        out["wage_total"] = [str(old.wage_total), str(new.wage_total)]
    if old.roster != new.roster:
        out["roster_lines"] = [len(old.roster), len(new.roster)]
    levy: list[object] = [
        str(old_trace.get("levy_due", "")),
        str(result.worksheet.get("levy_due", "")),
    ]
    if levy[0] != levy[1]:
        out["levy_due"] = levy
    return out
