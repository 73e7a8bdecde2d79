"""Enter, change, approve and return targets (maker-checker, like the local parameters), each
step audited and every edit on the version the page was opened on.

A region's target is entered by the staff of that region (its own plan) or by the staff above
it, who distribute their own target to their children: a child's target is then a part of the
parent's (same indicator and years), and the split is checked (selectors/targets.py
`distribution_of`)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.scope import access_one, require_permission, scope_of
from ablework.core.audit import record_audit
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind, Region
from ablework.core.region_names import region_full_name
from ablework.core.versioning import advance_version
from ablework.indicators.access import MANAGE, SHOWN_LEVELS
from ablework.indicators.audit_actions import IndicatorsAction
from ablework.indicators.catalogue import measure_named
from ablework.indicators.models import Target, TargetSource, TargetStatus

if TYPE_CHECKING:
    from ablework.accounts.models import User

EARLIEST, LATEST = 2000, 2100
AUDITED = (
    "region_code",
    "indicator",
    "first_year",
    "last_year",
    "value",
    "source",
    "document",
    "section",
    "note",
    "status",
)


@dataclass(frozen=True, kw_only=True)
class TargetFigures:
    """What a target states: its figure and where it comes from."""

    value: str | Decimal
    source: str
    document: str
    section: str = ""
    note: str = ""


def target_label(target: Target) -> str:
    """`城乡新增残疾人就业 · 济宁市 · 2023—2025年：8000`."""
    years = (
        f"{target.first_year}"
        if target.first_year == target.last_year
        else f"{target.first_year}—{target.last_year}"
    )
    return _("%(indicator)s · %(region)s · %(years)s年：%(value)s") % {
        "indicator": measure_named(target.indicator).name,
        "region": region_full_name(target.region_code),
        "years": years,
        "value": shown_value(target),
    }


def shown_value(target: Target) -> str:
    """The figure as written: 8000 (a count), 60.0% (a rate)."""
    measure = measure_named(target.indicator)
    if measure.is_rate:
        return f"{target.value:.1f}%"
    return f"{int(target.value)}"


def _check_value(indicator: str, raw: str | Decimal) -> Decimal:
    measure = measure_named(indicator)
    try:
        value = Decimal(str(raw).strip().replace(",", "").rstrip("%"))
    except InvalidOperation:
        raise Invalid(_("目标值“%(raw)s”不是数字。") % {"raw": raw}, field="value") from None
    if measure.is_rate:
        if not Decimal(0) < value <= Decimal(100) or value != value.quantize(Decimal("0.1")):
            raise Invalid(
                _("比率目标请写 0 到 100 之间的百分数，最多一位小数，例如 60 或 62.5。"),
                field="value",
            )
    elif measure.is_amount and (value <= 0 or value != value.to_integral_value()):
        raise Invalid(
            _("“%(name)s”的目标是金额（元），请写正整数，例如 500000。") % {"name": measure.name},
            field="value",
        )
    elif value <= 0 or value != value.to_integral_value():
        raise Invalid(
            _("“%(name)s”的目标是人数，请写正整数，例如 8000。") % {"name": measure.name},
            field="value",
        )
    return value


def check_figures(indicator: str, figures: TargetFigures) -> dict[str, Any]:
    """The figure and its source as stored, or Invalid naming the field (the import checks its
    rows with it before anything is written)."""
    value = _check_value(indicator, figures.value)
    if figures.source not in TargetSource.values:
        raise Invalid(_("请选择目标的来源。"), field="source")
    document = figures.document.strip()
    if not document:
        raise Invalid(
            _("请填写依据文件：规划或分解方案的名称、文号（工作人员自行分解的也写明分解文件）。"),
            field="document",
        )
    return {
        "value": value,
        "source": figures.source,
        "document": document[:200],
        "section": figures.section.strip()[:100],
        "note": figures.note.strip()[:300],
    }


def _parent_target(region: Region, indicator: str, first: int, last: int) -> Target | None:
    if region.parent_id is None:
        return None
    return (
        Target.objects.filter(
            region_code=region.parent_id, indicator=indicator, first_year=first, last_year=last
        )
        .exclude(status=TargetStatus.REJECTED)
        .first()
    )


def propose_target(
    *,
    actor: User,
    region_code: str,
    indicator: str,
    first_year: int,
    last_year: int,
    figures: TargetFigures,
    detail: dict[str, Any] | None = None,
) -> Target:
    """Enter a target for a region of one's area, pending a second person's approval: the
    actor's own region, a region whose plan's own figure it records (source 规划文件规定), or a
    child of a region whose target it distributes."""
    require_permission(actor, MANAGE)
    measure_named(indicator)
    region = Region.objects.filter(code=region_code, level__in=SHOWN_LEVELS).first()
    if region is None or not scope_of(actor).covers_code(region.code):
        raise NotFound(_("没有找到该地区，或它不在您的管辖范围内。"), field="region")
    if not (EARLIEST <= first_year <= last_year <= LATEST):
        raise Invalid(
            _("年度无效：起始年度不能晚于截止年度，例如 2023 至 2025。"), field="first_year"
        )
    fields = check_figures(indicator, figures)
    parent = _parent_target(region, indicator, first_year, last_year)
    # A plan's own figure (its document says it) may be entered by anyone whose area covers
    # the region; a staff split from above is a part of the parent's target, so it needs one.
    own_region = actor.region_id == region.code
    if parent is None and not own_region and fields["source"] != TargetSource.PLAN:
        raise Invalid(
            _(
                "%(region)s 的上级地区还没有同一指标、同一期间的目标：请先录入上级目标，"
                "再分解到下级；规划文件本身规定的目标，来源请选“规划文件规定”。"
            )
            % {"region": region.name},
            field="region",
        )
    with transaction.atomic():
        if (
            Target.objects.filter(
                region_code=region.code,
                indicator=indicator,
                first_year=first_year,
                last_year=last_year,
            )
            .exclude(status=TargetStatus.REJECTED)
            .exists()
        ):
            raise Invalid(
                _("%(region)s 已有这一指标、这一期间的目标，请修改它，不要重复录入。")
                % {"region": region.name},
                field="value",
            )
        target = Target.objects.create(
            region_code=region.code,
            indicator=indicator,
            first_year=first_year,
            last_year=last_year,
            parent=parent,
            proposed_by=actor,
            **fields,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=IndicatorsAction.TARGET_PROPOSE,
            target=target,
            target_label=target_label(target),
            region_code=target.region_code,
            changes={field: [None, _audited(target, field)] for field in AUDITED},
            detail=detail or {},
        )
    return target


def change_target(*, actor: User, target_id: int, figures: TargetFigures, version: int) -> Target:
    """Change a target's figure or source on the version seen; an approved target goes back to
    待审核 for a second person, since the figure people steer by changed."""
    with transaction.atomic():
        target = _managed(actor, target_id)
        if target.status == TargetStatus.REJECTED:
            raise Invalid(_("已退回的目标不能修改：请重新录入。"), field="value")
        fields = check_figures(target.indicator, figures)
        advance_version(target, seen=version)
        before = {field: _audited(target, field) for field in AUDITED}
        for name, value in fields.items():
            setattr(target, name, value)
        target.status = TargetStatus.PENDING
        target.proposed_by = actor
        target.decided_by, target.decided_at, target.decision_note = None, None, ""
        target.save()
        changes = {
            field: [before[field], _audited(target, field)]
            for field in AUDITED
            if before[field] != _audited(target, field)
        }
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=IndicatorsAction.TARGET_CHANGE,
            target=target,
            target_label=target_label(target),
            region_code=target.region_code,
            changes=changes,
        )
    return target


def approve_target(*, actor: User, target_id: int, version: int) -> Target:
    """A second person of the area approves a pending target: it is shown against the figures."""
    return _decide(actor, target_id, version, TargetStatus.APPROVED, "")


def reject_target(*, actor: User, target_id: int, version: int, note: str) -> Target:
    """A second person returns a pending target, with a reason."""
    if not note.strip():
        raise Invalid(_("请写明退回的理由。"), field="decision_note")
    return _decide(actor, target_id, version, TargetStatus.REJECTED, note.strip()[:200])


def _decide(actor: User, target_id: int, version: int, status: str, note: str) -> Target:
    with transaction.atomic():
        target = _managed(actor, target_id)
        if target.status != TargetStatus.PENDING:
            raise Invalid(
                _("该目标已经审核过（%(status)s），不能再审核。")
                % {"status": target.get_status_display()},
                field="decision",
            )
        target.refuse_own_proposal(
            actor, _("不能审核自己录入或修改的目标：请由本辖区的另一位管理员审核。")
        )
        advance_version(target, seen=version)
        target.decision_note = note
        target.store_decision(actor, status)
        action = (
            IndicatorsAction.TARGET_APPROVE
            if status == TargetStatus.APPROVED
            else IndicatorsAction.TARGET_REJECT
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=action,
            target=target,
            target_label=target_label(target),
            region_code=target.region_code,
            changes={"status": [TargetStatus.PENDING, status]},
            detail={"reason": note} if note else {},
        )
    return target


def _managed(actor: User, target_id: int) -> Target:
    return access_one(
        actor,
        Target.objects.select_for_update(),
        target_id,
        permission=MANAGE,
        not_found_message=_("没有找到该目标。"),
    )


def _audited(target: Target, field: str) -> Any:
    """A field as the audit trail keeps it; the figure as written (8000, 60.0%), the same
    whether just typed or read back from the database."""
    if field == "value":
        return shown_value(target)
    return getattr(target, field)
