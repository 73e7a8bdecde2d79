"""The indicators app's audit actions: targets entered, changed, approved, returned; the list of
the persons and the units behind a figure seen."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions
from ablework.indicators.models import (
    RevisionStatus,
    SubmissionStatus,
    TargetSource,
    TargetStatus,
)


class IndicatorsAction(AuditAction):
    TARGET_PROPOSE = "indicators.target.propose", pgettext_lazy("audit action", "录入目标")
    TARGET_CHANGE = "indicators.target.change", pgettext_lazy("audit action", "修改目标")
    TARGET_APPROVE = "indicators.target.approve", pgettext_lazy("audit action", "审核通过目标")
    TARGET_REJECT = "indicators.target.reject", pgettext_lazy("audit action", "退回目标")
    PERSONS_VIEW = "indicators.persons.view", pgettext_lazy("audit action", "查看指标人员名单")
    UNITS_VIEW = "indicators.units.view", pgettext_lazy("audit action", "查看指标单位名单")


# The writes that advance a target's version (what a refused edit shows the other saved).
VERSION_ACTIONS = (
    IndicatorsAction.TARGET_CHANGE,
    IndicatorsAction.TARGET_APPROVE,
    IndicatorsAction.TARGET_REJECT,
)

register_actions(
    IndicatorsAction,
    title=_("监测指标"),
    models=("indicators.target",),
    change_values={
        "status": dict(TargetStatus.choices),
        "source": dict(TargetSource.choices),
    },
    region_fields=("region_code",),
)

from ablework.indicators.reports import audit_actions as report_audit_actions  # noqa: E402, F401


class SubmissionAction(AuditAction):
    """The period lock's steps (报送与锁定): a county submits, the level above approves (locks)
    or returns; a correction of locked figures is proposed, then approved or returned."""

    SUBMIT = "indicators.submission.submit", pgettext_lazy("audit action", "报送指标数据")
    APPROVE = "indicators.submission.approve", pgettext_lazy("audit action", "审核通过报送并锁定")
    RETURN = "indicators.submission.return", pgettext_lazy("audit action", "退回报送")
    REVISE = "indicators.revision.propose", pgettext_lazy("audit action", "提交报送数更正")
    REVISION_APPROVE = (
        "indicators.revision.approve",
        pgettext_lazy("audit action", "审核通过报送数更正"),
    )
    REVISION_RETURN = "indicators.revision.return", pgettext_lazy("audit action", "退回报送数更正")


# The writes that advance a submission's version, and a revision's.
SUBMISSION_VERSION_ACTIONS = (
    SubmissionAction.APPROVE,
    SubmissionAction.RETURN,
    SubmissionAction.REVISE,
)
REVISION_VERSION_ACTIONS = (SubmissionAction.REVISION_APPROVE, SubmissionAction.REVISION_RETURN)


def _indicator_label(key: str) -> str | None:
    """A revision's change is keyed by the indicator's code: people read its name."""
    from ablework.indicators.catalogue import catalogue

    return next((str(m.name) for m in catalogue() if m.code == key), None)


register_actions(
    SubmissionAction,
    title=_("报送与锁定"),
    change_label=_indicator_label,
    models=("indicators.submission", "indicators.revision"),
    change_values={
        "status": {**dict(SubmissionStatus.choices), **dict(RevisionStatus.choices)},
    },
    region_fields=("region_code",),
)
