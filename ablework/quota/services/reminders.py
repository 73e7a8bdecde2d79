"""Reminders (催报): staff send, for a levy year and an area, an on-site message to the users of
every employer that has not complied (selectors/reminders.py) — the message mechanism a return
uses (core.notifications.notify), leading to the employer's declaration. Each sending is a
`ReminderRound`, audited; an area with more employers to remind than `REMINDERS_AT_ONCE` is sent
by the worker as a background job with progress (ablework/jobs), so the page does not wait on
many thousand rows. Who is reminded is worked out again when the messages go out: an employer
that filed in the meantime is skipped."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, visible
from ablework.core.audit import record_audit
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind, Region, RegionLevel
from ablework.core.notifications import notify
from ablework.employers.models import Employer
from ablework.jobs.progress import job_progress
from ablework.jobs.services import enqueue_job
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.models import ReminderRound
from ablework.quota.selectors.reminders import (
    DRAFT,
    NOT_STARTED,
    RETURNED,
    state_of,
    to_remind,
    with_users,
)

# More employers to remind than this in one area, and the sending runs as a background job
# rather than in the request: at about three rows written per employer (a message per user), 500
# employers is about a second and a half of writing on SQLite — the longest a page should make
# its user wait. Not a legal figure; see docs/quota-review.md.
REMINDERS_AT_ONCE = 500
# Employers handled per step of the sending (one query for their states, one for their users).
CHUNK = 500

AREA_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)


def areas_of(actor: User) -> list[Region]:
    """The province, cities and counties in the actor's area that reminders can be sent for."""
    return list(visible(actor, Region, permission=None).filter(level__in=AREA_LEVELS))


def area_for(actor: User, code: str) -> Region:
    found = next((region for region in areas_of(actor) if region.code == code), None)
    if found is None:
        raise NotFound(_("没有找到该地区，或它不在您的管辖范围内。"))
    return found


def send_reminders(*, actor: User, year: int, area: str) -> ReminderRound:
    """Send the year's reminders in the area (at once, or queued as a job for a large area);
    Invalid when no employer there needs one."""
    require_permission(actor, Permission.QUOTA_REVIEW)
    region = area_for(actor, area)
    employers = visible(actor, Employer, permission=Permission.QUOTA_REVIEW)
    count = to_remind(employers, year=year, area=region.code).count()
    if not count:
        raise Invalid(
            _("%(area)s没有需要提醒的用人单位：都已提交或已审核确认 %(year)s 年度的申报。")
            % {"area": region.name, "year": year}
        )
    with transaction.atomic():
        sending = ReminderRound.objects.create(
            levy_year=year, region_code=region.code, sent_by=actor, employers=count
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=QuotaAction.REMINDERS_SEND,
            target=sending,
            target_label=f"{region.name} {year}",
            region_code=region.code,
            detail={"levy_year": year, "area": region.code, "employers": count},
        )
        if count > REMINDERS_AT_ONCE:
            sending.job = enqueue_job(
                actor=actor,
                kind="quota.reminders",
                label=_("发送催报提醒：%(area)s %(year)s 年度")
                % {"area": region.name, "year": year},
                work=send_round,
                arguments=[sending.pk],
                result_url=reverse("quota:reminders"),
            )
            sending.save(update_fields=["job"])
        else:
            deliver_round(sending.pk)
            sending.refresh_from_db()
    return sending


def send_round(round_id: int) -> str:
    """The job's work: send one round's reminders, with progress."""
    return deliver_round(round_id, progress=job_progress())


def _text_and_link(state: str, declaration_id: int | None, year: int) -> tuple[str, str]:
    if state == RETURNED and declaration_id is not None:
        return (
            _(
                "催报提醒：您单位 %(year)s 年度被退回的按比例就业申报尚未重新提交，"
                "请按退回理由修改后重新提交。"
            )
            % {"year": year},
            reverse("quota:declaration", args=[declaration_id]),
        )
    if state == DRAFT and declaration_id is not None:
        return (
            _("催报提醒：您单位 %(year)s 年度的按比例就业申报已开始填写但尚未提交，请核对后提交。")
            % {"year": year},
            reverse("quota:declaration", args=[declaration_id]),
        )
    return (
        _("催报提醒：您单位尚未申报 %(year)s 年度按比例安排残疾人就业情况，请尽快填写并提交。")
        % {"year": year},
        reverse("quota:declarations"),
    )


def deliver_round(round_id: int, progress: Callable[[int, int], None] | None = None) -> str:
    """Send the round's messages: to each employer still to remind, one message for each of
    its active users; counts stored on the round. A job that failed and is started again sends
    to the employers still to remind, the reminded ones again too."""
    sending = ReminderRound.objects.select_related("sent_by").get(pk=round_id)
    year = sending.levy_year
    employers = (
        visible(sending.sent_by, Employer, permission=Permission.QUOTA_REVIEW)
        if sending.sent_by is not None
        else Employer.objects.all()
    )
    ids = list(
        to_remind(employers, year=year, area=sending.region_code)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    reached = messages = unreachable = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        states = state_of(chunk, year)
        users = with_users(chunk)
        with transaction.atomic():
            for employer_id in chunk:
                recipients = users.get(employer_id)
                if not recipients:
                    unreachable += 1
                    continue
                state, declaration_id = states.get(employer_id, (NOT_STARTED, None))
                text, link = _text_and_link(state, declaration_id, year)
                messages += len(notify(recipients, text=text, link=link))
                reached += 1
        if progress is not None:
            progress(min(start + CHUNK, len(ids)), len(ids))
    ReminderRound.objects.filter(pk=sending.pk).update(
        employers=reached,
        messages=messages,
        unreachable=unreachable,
        finished_at=timezone.now(),
    )
    return _("已向 %(employers)s 家用人单位发出 %(messages)s 条催报提醒。") % {
        "employers": reached,
        "messages": messages,
    }
