"""The public notice (公示) of the organs, institutions and state-owned enterprises of one area
and year: prepared by one staff member, approved by another whose area covers it (never the
preparer), then published with its date, appeal window and PDF — frozen: later changes to the
declarations change nothing of a published notice. Appeals from the public are recorded with
their contact encrypted, and answered by staff. Every write is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid, NotFound, PermissionDenied
from ablework.core.masking import mask_identifier, mask_phone
from ablework.core.models import AuditKind, Region, RegionLevel
from ablework.core.region_names import region_name
from ablework.core.versioning import StaleRecord, advance_version
from ablework.employers.models import Employer, EmployerKind
from ablework.organs.audit_actions import OrgansAction
from ablework.organs.defaults import APPEAL_DAYS_MAX, DEFAULT_APPEAL_DAYS
from ablework.organs.models import (
    AppealStatus,
    NoticeAppeal,
    NoticeStatus,
    PublicNotice,
    UnitProfile,
)
from ablework.organs.selectors.mandate import ratio_of
from ablework.printing.issuers import federation_of
from ablework.printing.services import DOCUMENT_LANGUAGE, IssuedPdf, issue_document
from ablework.quota.models import Declaration, DeclarationStatus

__all__ = [
    "NoticeDraft",
    "answer_appeal",
    "approve_notice",
    "notice_rows",
    "prepare_notice",
    "receive_appeal",
    "refresh_notice",
    "reject_notice",
]

# The writes that advance a notice's version (for the 409 page's "what changed since").
NOTICE_VERSION_ACTIONS = (
    OrgansAction.NOTICE_REFRESH,
    OrgansAction.NOTICE_APPROVE,
    OrgansAction.NOTICE_REJECT,
)
COMPLIANCE_LABELS = {"met": "达标", "not_met": "未达标", "not_declared": "未申报"}
SOE = "state_owned_enterprise"
KIND_LABELS = {
    EmployerKind.ORGAN.value: "机关",
    EmployerKind.INSTITUTION.value: "事业单位",
    SOE: "国有企业",
}


@dataclass(frozen=True, kw_only=True)
class NoticeDraft:
    year: int
    region_code: str
    appeal_days: int = DEFAULT_APPEAL_DAYS


def _region(code: str) -> Region:
    found = Region.objects.filter(
        code=code, level__in=[RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY]
    ).first()
    if found is None:
        raise Invalid(_("请选择县级及以上的公示范围。"), field="region_code")
    return found


def notice_rows(*, region_code: str, year: int) -> list[dict[str, Any]]:
    """The notice's rows for the area and year: each organ, institution and state-owned
    enterprise of the area with its compliance, the persons its certified declaration of that
    year counts (D), its annual average staff and the ratio. Units only: no person's data."""
    prefix = _region(region_code).scope_prefix
    soe = UnitProfile.objects.filter(state_owned=True).values("employer_id")
    units = list(
        Employer.objects.filter(county_code__startswith=prefix)
        .filter(
            Q(kind__in=[EmployerKind.ORGAN, EmployerKind.INSTITUTION])
            | Q(kind=EmployerKind.ENTERPRISE, pk__in=soe)
        )
        .order_by("kind", "name", "pk")
        .values("pk", "name", "kind", "county_code")
    )
    traces = dict(
        Declaration.objects.filter(
            employer_id__in=[unit["pk"] for unit in units],
            levy_year=year,
            status=DeclarationStatus.CERTIFIED,
        ).values_list("employer_id", "rules_trace")
    )
    rows = []
    for unit in units:
        kind = unit["kind"] if unit["kind"] != EmployerKind.ENTERPRISE else SOE
        trace = traces.get(unit["pk"])
        counted = staff = ratio = None
        compliance = "not_declared"
        if trace is not None:
            counted = Decimal(str(trace.get("counted_disabled") or "0"))
            staff = Decimal(str(trace.get("annual_average_headcount") or "0"))
            shortfall = Decimal(str(trace.get("shortfall") or "0"))
            compliance = "met" if shortfall <= 0 else "not_met"
            ratio = ratio_of(counted, staff)
        rows.append(
            {
                "unit": unit["name"],
                "kind": kind,
                "kind_label": KIND_LABELS[kind],
                "county": region_name(unit["county_code"]),
                "compliance": compliance,
                "compliance_label": COMPLIANCE_LABELS[compliance],
                "counted": None if counted is None else str(counted),
                "staff": None if staff is None else str(staff),
                "ratio_percent": None if ratio is None else str(ratio),
            }
        )
    return rows


def _title(region_code: str, year: int) -> str:
    return f"{region_name(region_code)}{year}年度机关、事业单位、国有企业安排残疾人就业情况公示"


def _require_staff_area(actor: User, region_code: str) -> None:
    require_permission(actor, Permission.ORGANS_NOTICE)
    if not scope_of(actor).covers_code(region_code):
        raise NotFound(_("没有找到该区划。"))


def prepare_notice(*, actor: User, draft: NoticeDraft) -> PublicNotice:
    """A draft notice of the area and year, with its rows as they stand; it waits for a
    second person's approval."""
    _require_staff_area(actor, draft.region_code)
    if not 1 <= draft.appeal_days <= APPEAL_DAYS_MAX:
        raise Invalid(
            _("异议期应在 1 至 %(days)d 天之间。") % {"days": APPEAL_DAYS_MAX}, field="appeal_days"
        )
    rows = notice_rows(region_code=draft.region_code, year=draft.year)
    with transaction.atomic():
        if PublicNotice.objects.filter(
            region_code=draft.region_code, year=draft.year, status=NoticeStatus.DRAFT
        ).exists():
            raise Conflict(_("该范围和年度已有一份待审核的公示，请先审核或更新它。"))
        notice = PublicNotice.objects.create(
            year=draft.year,
            region_code=draft.region_code,
            title=_title(draft.region_code, draft.year),
            rows=rows,
            appeal_days=draft.appeal_days,
            prepared_by=actor,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=OrgansAction.NOTICE_PREPARE,
            target=notice,
            target_label=notice.title,
            changes={"units": [None, len(rows)], "appeal_days": [None, draft.appeal_days]},
        )
    return notice


def _require_draft(notice: PublicNotice) -> None:
    if notice.status != NoticeStatus.DRAFT:
        raise Conflict(_("该公示已审核，不能再更改。"))


def refresh_notice(*, actor: User, notice: PublicNotice, seen_version: int) -> PublicNotice:
    """The draft's rows read again (declarations certified since); its preparer only."""
    _require_staff_area(actor, notice.region_code)
    _require_draft(notice)
    if notice.prepared_by_id != actor.pk:
        raise PermissionDenied(_("只有拟稿人可以更新公示草稿的内容。"))
    before = len(notice.rows)
    notice.rows = notice_rows(region_code=notice.region_code, year=notice.year)
    with transaction.atomic():
        advance_version(notice, seen=seen_version)
        notice.save(update_fields=["rows", "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=OrgansAction.NOTICE_REFRESH,
            target=notice,
            target_label=notice.title,
            changes={"units": [before, len(notice.rows)]},
        )
    return notice


def _decide(actor: User, notice: PublicNotice, seen_version: int) -> PublicNotice:
    """The draft, locked, for a second person of an area covering it."""
    _require_staff_area(actor, notice.region_code)
    if notice.prepared_by_id == actor.pk:
        raise PermissionDenied(_("拟稿人不能审核自己拟定的公示，请由另一位工作人员审核。"))
    row = PublicNotice.objects.select_for_update().get(pk=notice.pk)
    if row.version != seen_version:
        raise StaleRecord(target=row, seen=seen_version, current=row.version)
    _require_draft(row)
    return row


def approve_notice(
    *,
    actor: User,
    notice: PublicNotice,
    seen_version: int,
    base_url: str,
) -> PublicNotice:
    """Approve the draft exactly as the approver saw it (`seen_version`) and publish it today:
    its rows are frozen, the appeal window runs from today, and the PDF is issued once through
    the printing app (its QR code pointing at `base_url`)."""
    today = timezone.localdate()
    with transaction.atomic():
        row = _decide(actor, notice, seen_version)
        row.status = NoticeStatus.PUBLISHED
        row.decided_by = actor
        row.decided_at = timezone.now()
        row.published_on = today
        row.appeal_until = today + timedelta(days=row.appeal_days)
        issued = _issue_pdf(actor, row, base_url=base_url)
        row.pdf = issued.pdf
        row.document = issued.document
        advance_version(row, seen=seen_version)
        row.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=OrgansAction.NOTICE_APPROVE,
            target=row,
            target_label=row.title,
            changes={
                "status": [NoticeStatus.DRAFT.value, NoticeStatus.PUBLISHED.value],
                "published_on": [None, today.isoformat()],
                "appeal_until": [None, row.appeal_until.isoformat()],
            },
        )
    return row


def _issue_pdf(actor: User, notice: PublicNotice, *, base_url: str) -> IssuedPdf:
    """The notice's PDF with its verification code, in the register of issued documents."""
    region = Region.objects.get(code=notice.region_code)
    published = notice.published_on.isoformat() if notice.published_on else ""
    until = notice.appeal_until.isoformat() if notice.appeal_until else ""
    with translation.override(DOCUMENT_LANGUAGE):
        return issue_document(
            actor=actor,
            kind="organs.public_notice",
            title=notice.title,
            issuing_body=federation_of(region),
            region_code=notice.region_code,
            template="organs/notice_pdf.html",
            context={"notice": notice, "rows": notice.rows},
            statements=[
                ("公示范围", region_name(notice.region_code)),
                ("年度", f"{notice.year}年度"),
                ("公示单位数", f"{len(notice.rows)} 个"),
                ("公示日期", published),
                ("异议截止日期", until),
            ],
            base_url=base_url,
        )


def reject_notice(
    *, actor: User, notice: PublicNotice, seen_version: int, reason: str
) -> PublicNotice:
    """Refuse the draft with a reason; it is never published."""
    if not reason.strip():
        raise Invalid(_("请写明不予通过的理由。"), field="reason")
    with transaction.atomic():
        row = _decide(actor, notice, seen_version)
        row.status = NoticeStatus.REJECTED
        row.decided_by = actor
        row.decided_at = timezone.now()
        row.rejection_reason = reason.strip()
        advance_version(row, seen=seen_version)
        row.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=OrgansAction.NOTICE_REJECT,
            target=row,
            target_label=row.title,
            changes={"status": [NoticeStatus.DRAFT.value, NoticeStatus.REJECTED.value]},
        )
    return row


def mask_contact(contact: str) -> str:
    """A phone as `138****5678`, an e-mail as `ab***@example.com`."""
    contact = contact.strip()
    if "@" in contact:
        local, _at, domain = contact.partition("@")
        return f"{mask_identifier(local, keep_start=2, keep_end=0) or '*'}@{domain}"
    return mask_phone(contact)


def receive_appeal(
    *, notice: PublicNotice, name: str, contact: str, objection: str, on: date | None = None
) -> NoticeAppeal:
    """Record an objection from the public to a published notice within its window."""
    today = on or timezone.localdate()
    if notice.status != NoticeStatus.PUBLISHED:
        raise NotFound(_("没有找到该公示。"))
    assert notice.appeal_until is not None
    if today > notice.appeal_until:
        raise Invalid(_("异议期已于 %(day)s 结束。") % {"day": notice.appeal_until.isoformat()})
    if not contact.strip():
        raise Invalid(_("请留下联系电话或电子邮箱，以便答复。"), field="contact")
    with transaction.atomic():
        appeal = NoticeAppeal.objects.create(
            notice=notice,
            name=name.strip(),
            contact=contact.strip(),
            contact_masked=mask_contact(contact),
            objection=objection.strip(),
        )
        record_audit(
            actor=None,
            kind=AuditKind.CREATE,
            action=OrgansAction.APPEAL_RECEIVE,
            target=appeal,
            target_label=notice.title,
            region_code=notice.region_code,
        )
    return appeal


def answer_appeal(
    *, actor: User, appeal: NoticeAppeal, answer: str, seen_version: int
) -> NoticeAppeal:
    """Answer an appeal (staff of the notice's area); the answer can be revised later."""
    _require_staff_area(actor, appeal.notice.region_code)
    if not answer.strip():
        raise Invalid(_("请填写答复。"), field="answer")
    before = appeal.status
    with transaction.atomic():
        advance_version(appeal, seen=seen_version)
        appeal.answer = answer.strip()
        appeal.status = AppealStatus.ANSWERED
        appeal.answered_by = actor
        appeal.answered_at = timezone.now()
        appeal.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=OrgansAction.APPEAL_ANSWER,
            target=appeal,
            target_label=appeal.notice.title,
            changes={"status": [before, AppealStatus.ANSWERED.value]},
        )
    return appeal
