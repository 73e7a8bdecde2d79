"""就业服务: one service given to the person — which of the eight kinds, when, how (on site,
by phone, at home, online), what came of it, and the next step with the day it is due. A
referral's result says whether it led to a job: referrals that did not count toward escalation
(the queue's rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.registry.models import Person
from ablework.support.audit_actions import SupportAction
from ablework.support.models import Channel, ServiceKind, ServiceRecord, ServiceResult
from ablework.support.services.records.common import Problems, write_record

SERVICE_AUDITED = (
    "on",
    "kind",
    "channel",
    "result",
    "outcome",
    "next_step",
    "next_due",
    "given_by",
)
# Only a referral can lead, or fail to lead, to a job.
REFERRAL_RESULTS = (ServiceResult.HIRED, ServiceResult.NOT_HIRED)


@dataclass(frozen=True, kw_only=True)
class ServiceInput:
    on: date | None
    kind: str
    channel: str
    result: str
    outcome: str
    next_step: str
    next_due: date | None
    given_by: str
    notes: str = ""


def service_problems(service: ServiceInput) -> Problems:
    problems = Problems()
    problems.day("on", service.on, label=_("服务日期"))
    problems.choice("kind", service.kind, ServiceKind, label=_("服务类型"))
    problems.choice("channel", service.channel, Channel, label=_("服务方式"))
    problems.choice("result", service.result, ServiceResult, label=_("服务结果"))
    if service.result in REFERRAL_RESULTS and service.kind != ServiceKind.REFERRAL:
        problems.add(
            "result",
            _("只有“职业介绍/岗位推荐”才有“%(result)s”的结果。")
            % {"result": ServiceResult(service.result).label},
        )
    problems.text("outcome", service.outcome, label=_("服务情况"), limit=300, required=True)
    problems.text("next_step", service.next_step, label=_("下一步"), limit=200, required=False)
    if service.next_step.strip() and service.next_due is None:
        problems.add("next_due", _("写了下一步，请填写下一步期限。"))
    if service.next_due is not None:
        if not service.next_step.strip():
            problems.add("next_step", _("填写了下一步期限，请写明下一步要做什么。"))
        if service.on is not None and service.next_due < service.on:
            problems.add("next_due", _("下一步期限不能早于服务日期。"))
    problems.text("given_by", service.given_by, label=_("服务人员"), limit=64, required=True)
    problems.text("notes", service.notes, label=_("备注"), limit=500, required=False)
    return problems


def record_service(
    *,
    actor: User,
    person_id: int,
    service: ServiceInput,
    record_id: int | None = None,
    version: int | None = None,
) -> ServiceRecord:
    """Record (or correct, on the version seen) one employment service given to the person."""
    service_problems(service).raise_any()

    def fill(record: ServiceRecord, person: Person) -> None:
        assert service.on is not None  # checked above
        record.on = service.on
        record.kind = service.kind
        record.channel = service.channel
        record.result = service.result
        record.outcome = service.outcome.strip()
        record.next_step = service.next_step.strip()
        record.next_due = service.next_due
        record.given_by = service.given_by.strip()
        record.notes = service.notes.strip()

    return write_record(
        actor=actor,
        person_id=person_id,
        model=ServiceRecord,
        action=SupportAction.SERVE,
        record_id=record_id,
        version=version,
        fill=fill,
        audited=SERVICE_AUDITED,
    )


def record_referral_result(
    *,
    actor: User,
    person: Person,
    on: date,
    hired: bool,
    channel: str,
    outcome: str,
    given_by: str,
) -> ServiceRecord:
    """The outcome of a referral made through the referral pipeline (岗位推荐, in matching): a
    职业介绍/岗位推荐 service with result 推荐成功，已录用 or 推荐未成功, which the escalation rule
    counts (docs/support.md, 升级帮扶). The caller has reached the person through the referral's
    own scope (an employer recording a hire for its own posting may not record other services),
    so the actor's right to record services is not asked again; every other rule of a service
    holds."""
    service = ServiceInput(
        on=on,
        kind=ServiceKind.REFERRAL,
        channel=channel,
        result=ServiceResult.HIRED if hired else ServiceResult.NOT_HIRED,
        outcome=outcome[:300],
        next_step="",
        next_due=None,
        given_by=given_by[:64],
    )
    service_problems(service).raise_any()

    def fill(record: ServiceRecord, _person: Person) -> None:
        record.on = on
        record.kind = service.kind
        record.channel = service.channel
        record.result = service.result
        record.outcome = service.outcome.strip()
        record.given_by = service.given_by.strip()

    return write_record(
        actor=actor,
        person_id=person.pk,
        model=ServiceRecord,
        action=SupportAction.SERVE,
        record_id=None,
        version=None,
        fill=fill,
        audited=SERVICE_AUDITED,
        reached=person,
    )
