"""The status transitions after submission (`quota/transitions.py` is the table): the employer
resubmits a returned declaration; the staff of its region return, certify or reject it.

Each transition is one transaction: the declaration's row is locked, the version the actor saw
must still be current (`core/versioning.py`: a stale one is refused with what changed since),
the table must allow it, and the new status, the event with its reasons, the audit record and
the employer's message are written together."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.errors import Conflict, Invalid
from ablework.core.versioning import StaleRecord
from ablework.quota.access import declaring_employer
from ablework.quota.errors import QuotaErrorCode
from ablework.quota.inputs import DeclarationInput
from ablework.quota.models import (
    Declaration,
    RejectionKind,
    RosterLine,
)
from ablework.quota.selectors import CheckResult, check_declaration
from ablework.quota.services import DeclarationRefused, file_declaration
from ablework.quota.services.credit import propose_for_fake_placement
from ablework.quota.services.filing import (
    lock_for_submission,
    locked_declaration,
    move,
    tell_employer,
)
from ablework.quota.transitions import Party, Transition, allowed, refusal
from ablework.rules.engine.parameters import ParameterTree


def return_declaration(
    *,
    actor: User | None,
    declaration_id: int,
    version: int,
    reason: str = "",
    line_reasons: Mapping[int, str] | None = None,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> Declaration:
    """Return a submitted (or resubmitted) declaration to its employer with a reason overall
    and/or per roster line (0-based index), and tell the employer's users."""
    reason = reason.strip()
    given = {line: text.strip() for line, text in (line_reasons or {}).items() if text.strip()}
    if not reason and not given:
        raise Invalid(
            _("退回时请填写退回理由（总的理由或某一行的理由）。"),
            field="reason",
            code=QuotaErrorCode.REASON_NEEDED,
        )
    with transaction.atomic():
        row = locked_declaration(actor, declaration_id, Party.FEDERATION)
        lines = set(RosterLine.objects.filter(declaration=row).values_list("line", flat=True))
        unknown = sorted(set(given) - lines)
        if unknown:
            raise Invalid(
                _("名单中没有第 %(line)s 行，无法为它填写退回理由。") % {"line": unknown[0] + 1},
                field="line_reasons",
                code=QuotaErrorCode.REASON_NEEDED,
            )
        items: list[dict[str, object]] = [
            {"line": line, "reason": given[line]} for line in sorted(given)
        ]
        move(
            actor=actor,
            row=row,
            seen_version=version,
            transition=Transition.RETURN,
            reason=reason,
            line_reasons=items,
            today=today,
            tree=tree,
        )
        tell_employer(row, _return_message(row.levy_year, reason, items))
    return row


def _return_message(year: int, reason: str, items: list[dict[str, object]]) -> str:
    """What the employer's users read: the overall reason, then each line's (numbered from 1
    as the roster shows them), then what to do."""
    if reason:
        parts = [
            _("您单位 %(year)s 年度的按比例就业申报已被退回：%(reason)s。")
            % {"year": year, "reason": reason}
        ]
    else:
        parts = [_("您单位 %(year)s 年度的按比例就业申报已被退回。") % {"year": year}]
    parts += [
        _("第 %(line)s 行：%(reason)s。")
        % {"line": int(str(item["line"])) + 1, "reason": item["reason"]}
        for item in items
    ]
    parts.append(_("请修改后重新提交。"))
    return "".join(parts)


def certify_declaration(
    *,
    actor: User | None,
    declaration_id: int,
    version: int,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> Declaration:
    """Certify a submitted (or resubmitted) declaration: its last stored trace is the number,
    and the levy computed now is kept with the decision (`filing.decision_trace`)."""
    with transaction.atomic():
        row = locked_declaration(actor, declaration_id, Party.FEDERATION)
        move(
            actor=actor,
            row=row,
            seen_version=version,
            transition=Transition.CERTIFY,
            today=today,
            tree=tree,
        )
        tell_employer(
            row,
            _("您单位 %(year)s 年度的按比例就业申报已审核确认。") % {"year": row.levy_year},
        )
    return row


def reject_declaration(
    *,
    actor: User | None,
    declaration_id: int,
    version: int,
    reason: str,
    reason_kind: str = RejectionKind.OTHER,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> Declaration:
    """Reject a submitted (or resubmitted) declaration with a reason and its kind; it is
    closed, and the employer may open a new one for the year. A rejection for faked placements
    (虚假安排残疾人就业) proposes a credit entry for the employer, for staff to confirm."""
    reason = reason.strip()
    if not reason:
        raise Invalid(
            _("不予通过时请填写理由。"), field="reason", code=QuotaErrorCode.REASON_NEEDED
        )
    with transaction.atomic():
        row = locked_declaration(actor, declaration_id, Party.FEDERATION)
        move(
            actor=actor,
            row=row,
            seen_version=version,
            transition=Transition.REJECT,
            reason=reason,
            reason_kind=str(RejectionKind(reason_kind)),
            today=today,
            tree=tree,
        )
        tell_employer(
            row,
            _("您单位 %(year)s 年度的按比例就业申报未通过审核：%(reason)s。")
            % {"year": row.levy_year, "reason": reason},
        )
        if reason_kind == RejectionKind.FAKE_PLACEMENT:
            propose_for_fake_placement(actor=actor, declaration=row, reason=reason)
    return row


def resubmit_declaration(
    *,
    actor: User | None,
    declaration_id: int,
    version: int,
    declaration: DeclarationInput,
    today: date | None = None,
    tree: ParameterTree | None = None,
) -> tuple[Declaration, CheckResult]:
    """Resubmit a returned declaration as corrected: the checks run again (DeclarationRefused
    on errors, storing nothing), the roster is replaced, and a new submission with its own trace
    is stored beside the earlier ones, which are kept."""
    with transaction.atomic():
        row = locked_declaration(actor, declaration_id, Party.EMPLOYER)
        # The declaration's employer came with it, in the same scope: only another credit code
        # needs looking up (and is refused below, or not found).
        employer = (
            row.employer
            if declaration.employer == row.employer.uscc
            else declaring_employer(actor, declaration.employer)
        )
        if employer.pk != row.employer_id or declaration.levy_year != row.levy_year:
            raise Invalid(
                _("重新提交的申报须与原申报的用人单位和年度相同（%(year)s 年度）。")
                % {"year": row.levy_year},
                field="employer",
            )
        if row.version != version:
            raise StaleRecord(target=row, seen=version, current=row.version)
        if not allowed(Transition.RESUBMIT, row.status):
            raise Conflict(
                refusal(Transition.RESUBMIT, row.status),
                code=QuotaErrorCode.TRANSITION_NOT_ALLOWED,
            )
        lock_for_submission(employer, declaration)
        result = check_declaration(
            declaration=declaration, employer=employer, today=today, tree=tree
        )
        if result.has_errors:
            raise DeclarationRefused(result)
        row = file_declaration(
            row,
            actor=actor,
            declaration=declaration,
            result=result,
            transition=Transition.RESUBMIT,
        )
    return row, result
