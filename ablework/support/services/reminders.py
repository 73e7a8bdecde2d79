"""Reminders of the "四个一": an on-site message (core.notifications) to each person with an
account who is still due for a service this cycle in the chosen part of the queue, asking them
to contact their federation; people already served (nothing due) are skipped."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.core.audit import AuditKind, record_audit
from ablework.core.errors import Invalid
from ablework.core.notifications import notify
from ablework.core.region_names import region_name
from ablework.support.access import RECORD
from ablework.support.audit_actions import SupportAction
from ablework.support.selectors.queue import QueueFilters, cases_visible_to, due_cases


def send_queue_reminders(*, actor: User, year: int, on: date, filters: QueueFilters) -> int:
    """Remind the persons (with an account) due for a service in the actor's queue as filtered;
    how many were reminded. Invalid when nobody there has an account to remind."""
    rows = due_cases(cases_visible_to(actor, permission=RECORD), year=year, on=on, filters=filters)
    recipients = list(
        User.objects.filter(
            role=Role.PERSON, is_active=True, person_id__in=rows.values("person_id")
        ).order_by("pk")
    )
    area = filters.township or filters.county
    if not recipients:
        raise Invalid(
            _("所选范围内待服务的人员都没有本人账号，无法发送站内提醒，请电话或上门联系。")
        )
    text = _(
        "%(year)s 年残疾人就业服务“四个一”：残联将为您核对基础信息，"
        "有就业意愿的还将进行职业能力评估、登记就业需求并提供就业服务。"
        "请留意工作人员的联系，或与所在县（市、区）残联联系。"
    ) % {"year": year}
    with transaction.atomic():
        notify(recipients, text=text, link=reverse("shell:home"))
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=SupportAction.REMIND,
            target_type="support.cyclecase",
            target_label=f"{region_name(area) if area else ''} {year}".strip(),
            region_code=area,
            detail={
                "year": year,
                "area": area,
                "pillar": filters.pillar,
                "persons": len(recipients),
            },
        )
    return len(recipients)
