"""The audit actions of employment services."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.core.audit_actions import AuditAction, register_actions
from ablework.support.models.difficulty import DifficultyState
from ablework.support.models.escalation import Decision, Route
from ablework.support.models.graduates import (
    EmployedHow,
    GraduateStatus,
    MatchProblem,
    OfferKind,
    OfferOutcome,
)
from ablework.support.models.households import HouseholdBasis, HouseholdStatus, ResolvedHow


class SupportAction(AuditAction):
    CHECK = "support.check.record", pgettext_lazy("audit action", "记录基础信息核对")
    ASSESS = "support.assessment.record", pgettext_lazy("audit action", "记录职业能力评估")
    NEEDS = "support.needs.record", pgettext_lazy("audit action", "登记就业需求")
    SERVE = "support.service.record", pgettext_lazy("audit action", "记录就业服务")
    REMIND = "support.reminders.send", pgettext_lazy("audit action", "发送“四个一”服务提醒")
    PLAN_WRITE = "support.plan.write", pgettext_lazy("audit action", "制定或修改一人一策计划")
    PLAN_SUBMIT = "support.plan.submit", pgettext_lazy("audit action", "提交一人一策计划审批")
    PLAN_APPROVE = "support.plan.approve", pgettext_lazy("audit action", "批准一人一策计划")
    PLAN_RETURN = "support.plan.return", pgettext_lazy("audit action", "退回一人一策计划")
    PLAN_ACTION_DONE = (
        "support.plan.action_done",
        pgettext_lazy("audit action", "登记计划行动已完成"),
    )
    SERVICE_CONFIRM = "support.feedback.confirm", pgettext_lazy("audit action", "本人确认服务")
    SERVICE_COMPLAIN = "support.feedback.complain", pgettext_lazy("audit action", "本人投诉服务")
    CORRECTION_ASK = "support.correction.ask", pgettext_lazy("audit action", "申请更正服务记录")
    CORRECTION_ANSWER = "support.correction.answer", pgettext_lazy("audit action", "答复更正申请")
    ESCALATION_DECIDE = (
        "support.escalation.decide",
        pgettext_lazy("audit action", "决定升级帮扶建议"),
    )
    ESCALATION_REASSIGN = (
        "support.escalation.reassign",
        pgettext_lazy("audit action", "改派升级帮扶建议的负责人"),
    )


# The decision and a change of owner are the writes that advance a proposal's version.
ESCALATION_VERSION_ACTIONS = (SupportAction.ESCALATION_DECIDE, SupportAction.ESCALATION_REASSIGN)


# Every write of a plan advances the plan's version (core.versioning).
PLAN_VERSION_ACTIONS = (
    SupportAction.PLAN_WRITE,
    SupportAction.PLAN_SUBMIT,
    SupportAction.PLAN_APPROVE,
    SupportAction.PLAN_RETURN,
    SupportAction.PLAN_ACTION_DONE,
)


register_actions(
    SupportAction,
    title=_("就业服务"),
    models=(
        "support.informationcheck",
        "support.assessment",
        "support.needsregistration",
        "support.servicerecord",
        "support.plan",
        "support.planversion",
        "support.planaction",
        "support.servicefeedback",
        "support.correctionrequest",
        "support.cyclecase",
        "support.escalationproposal",
    ),
    change_values={"decision": dict(Decision.choices), "placed_route": dict(Route.choices)},
)


class GraduateAction(AuditAction):
    IMPORT = "support.graduate.import", pgettext_lazy("audit action", "导入应届残疾人大学生")
    VIEW = "support.graduate.view", pgettext_lazy("audit action", "查看应届残疾人大学生")
    OFFER = "support.graduate.offer", pgettext_lazy("audit action", "记录提供的就业机会")
    STATUS = "support.graduate.status", pgettext_lazy("audit action", "记录每月就业状态")
    EXPORT = "support.graduate.export", pgettext_lazy("audit action", "导出一人一策台账")


register_actions(
    GraduateAction,
    title=_("应届残疾人大学生"),
    models=("support.cohort", "support.graduate", "support.opportunity", "support.monthlystatus"),
    change_values={
        "kind": dict(OfferKind.choices),
        "outcome": dict(OfferOutcome.choices),
        "status": dict(GraduateStatus.choices),
        "employed_how": dict(EmployedHow.choices),
        "match_problem": dict(MatchProblem.choices),
    },
)


class DifficultyAction(AuditAction):
    APPLY = "support.difficulty.apply", pgettext_lazy("audit action", "受理就业困难认定申请")
    PROOF_VIEW = (
        "support.difficulty.proof_view",
        pgettext_lazy("audit action", "查看就业困难认定材料"),
    )
    RECOGNISE = "support.difficulty.recognise", pgettext_lazy("audit action", "认定为就业困难人员")
    REFUSE = "support.difficulty.refuse", pgettext_lazy("audit action", "不予认定为就业困难人员")
    REVOKE = "support.difficulty.revoke", pgettext_lazy("audit action", "撤销就业困难人员认定")
    EXPIRE = "support.difficulty.expire", pgettext_lazy("audit action", "就业困难人员认定到期")
    EXPORT = "support.difficulty.export", pgettext_lazy("audit action", "导出就业困难人员名单")


# Every write of an application advances its version (core.versioning).
DIFFICULTY_VERSION_ACTIONS = (
    DifficultyAction.RECOGNISE,
    DifficultyAction.REFUSE,
    DifficultyAction.REVOKE,
    DifficultyAction.EXPIRE,
)


register_actions(
    DifficultyAction,
    title=_("就业困难认定"),
    models=("support.difficultyapplication", "support.difficultyproof"),
    change_values={"state": dict(DifficultyState.choices)},
)


class HouseholdAction(AuditAction):
    RECORD = "support.household.record", pgettext_lazy("audit action", "登记零就业家庭")
    RESOLVE = "support.household.resolve", pgettext_lazy("audit action", "登记零就业家庭成员就业")
    EXPORT = "support.household.export", pgettext_lazy("audit action", "导出零就业家庭名单")


# Every write of a household advances its version (core.versioning).
HOUSEHOLD_VERSION_ACTIONS = (HouseholdAction.RESOLVE,)


register_actions(
    HouseholdAction,
    title=_("零就业家庭"),
    models=("support.zeroemploymenthousehold", "support.householdmember"),
    change_values={
        "basis": dict(HouseholdBasis.choices),
        "status": dict(HouseholdStatus.choices),
        "resolved_how": dict(ResolvedHow.choices),
    },
)
