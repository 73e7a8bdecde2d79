"""Which status of a declaration may go to which, and who may move it: the one table the
services, pages and the next issue's review pages read.

    draft ──submit──▶ submitted ──return──▶ returned ──resubmit──▶ resubmitted
                         │  └─certify/reject─▶ certified | rejected ◀─certify/reject─┘ │
                         └────────────────────────────── return ◀──────────────────────┘
    certified ──correct──▶ corrected  (and a new certified declaration: services/correction.py)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.quota.models import DeclarationStatus

S = DeclarationStatus


class Party(StrEnum):
    """Who moves a declaration: the employer's users, or the staff of the employer's region."""

    EMPLOYER = "employer"
    FEDERATION = "federation"


class Transition(StrEnum):
    SUBMIT = "submit"
    RETURN = "return"
    RESUBMIT = "resubmit"
    CERTIFY = "certify"
    REJECT = "reject"
    CORRECT = "correct"


@dataclass(frozen=True)
class Rule:
    sources: tuple[DeclarationStatus, ...]
    target: DeclarationStatus
    party: Party


AWAITING_REVIEW = (S.SUBMITTED, S.RESUBMITTED)

TRANSITIONS: dict[Transition, Rule] = {
    Transition.SUBMIT: Rule((S.DRAFT,), S.SUBMITTED, Party.EMPLOYER),
    Transition.RETURN: Rule(AWAITING_REVIEW, S.RETURNED, Party.FEDERATION),
    Transition.RESUBMIT: Rule((S.RETURNED,), S.RESUBMITTED, Party.EMPLOYER),
    Transition.CERTIFY: Rule(AWAITING_REVIEW, S.CERTIFIED, Party.FEDERATION),
    Transition.REJECT: Rule(AWAITING_REVIEW, S.REJECTED, Party.FEDERATION),
    Transition.CORRECT: Rule((S.CERTIFIED,), S.CORRECTED, Party.FEDERATION),
}

# "该申报{state}，不能{verb}。"
_STATE = {
    S.DRAFT: gettext_lazy("尚未提交"),
    S.SUBMITTED: gettext_lazy("已提交，正等待审核"),
    S.RETURNED: gettext_lazy("已退回，正等待用人单位修改后重新提交"),
    S.RESUBMITTED: gettext_lazy("已重新提交，正等待审核"),
    S.CERTIFIED: gettext_lazy("已审核确认"),
    S.REJECTED: gettext_lazy("未通过审核，已结束"),
    S.CORRECTED: gettext_lazy("已更正，由更正后的申报取代"),
}
_VERB = {
    Transition.SUBMIT: gettext_lazy("提交"),
    Transition.RETURN: gettext_lazy("退回"),
    Transition.RESUBMIT: gettext_lazy("重新提交"),
    Transition.CERTIFY: gettext_lazy("审核确认"),
    Transition.REJECT: gettext_lazy("不予通过"),
    Transition.CORRECT: gettext_lazy("更正"),
}


def allowed(transition: Transition, status: str) -> bool:
    return status in TRANSITIONS[transition].sources


def refusal(transition: Transition, status: str) -> str:
    """Why the transition is refused in this status, in plain Chinese (for a certified one,
    also the only way it can still change)."""
    text = _("该申报%(state)s，不能%(verb)s。") % {
        "state": _STATE[DeclarationStatus(status)],
        "verb": _VERB[transition],
    }
    if status == S.CERTIFIED:
        text += _certified_hint()
    return text


def not_editable(status: str) -> str:
    """Why a declaration in this status (not a draft, not returned) cannot be edited."""
    if status == S.CERTIFIED:
        return _("该申报已审核确认，不能修改。") + _certified_hint()
    if status in (S.REJECTED, S.CORRECTED):
        return _("该申报%(state)s，不能修改。") % {"state": _STATE[DeclarationStatus(status)]}
    return _("该申报已提交，不能再修改；如需更正，请等待审核退回。")


def _certified_hint() -> str:
    return _("审核确认后的申报只能由残联办理更正，原申报保留。")
