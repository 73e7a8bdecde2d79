"""Propose, approve and reject local parameter values (maker-checker), every step audited."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, require_permission, scope_of
from ablework.core.audit import record_audit
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.parameters.audit_actions import ParametersAction
from ablework.parameters.models import LocalParameterValue, LocalValueStatus
from ablework.parameters.selectors import (
    APPROVED_LOCAL_VALUES,
    parameter_description,
    value_label,
)
from ablework.rules.engine.errors import UnknownRegion
from ablework.rules.engine.parameters import DECIMAL_UNITS, INTEGER_UNITS
from ablework.rules.engine.regions import resolve_region
from ablework.rules.jurisdictions.cn import parameter_tree

if TYPE_CHECKING:
    from ablework.accounts.models import User

# The units a person can type as one value (lists of grades or codes stay in the YAML files).
SETTABLE_UNITS = DECIMAL_UNITS | INTEGER_UNITS | {"date", "month", "boolean", "code"}
DECIMAL_TEXT = re.compile(r"-?\d+(?:\.\d+)?")
REFERENCE_MAX = 2000
AUDITED_FIELDS = ("region_code", "effective_from", "value", "reference", "status")


def settable_parameters() -> list[tuple[str, str]]:
    """(name, description) of every parameter a local value may be recorded for."""
    tree = parameter_tree()
    return sorted(
        (name, parameter_description(name))
        for name, parameter in tree.national.items()
        if parameter.unit in SETTABLE_UNITS
    )


def check_name(name: str) -> str:
    """The parameter's unit, or Invalid naming the unknown parameter."""
    try:
        unit = parameter_tree().definition(name).unit
    except KeyError:
        raise Invalid(
            _("没有名为“%(name)s”的参数：请用参数清单中的名称，例如 wages.minimum_wage_monthly。")
            % {"name": name},
            field="name",
        ) from None
    if unit not in SETTABLE_UNITS:
        raise Invalid(
            _("参数“%(name)s”是列表，只能在规则文件中修改，不能设置本地值。") % {"name": name},
            field="name",
        )
    return unit


def check_region(actor: User | None, code: str) -> str:
    """The six-digit code of a province, city or county inside the actor's region."""
    try:
        region = resolve_region(code.strip(), "region")
    except UnknownRegion:
        raise Invalid(
            _("区划代码“%(code)s”不是省、市或县级区划代码（GB/T 2260，例如 370811）。")
            % {"code": code},
            field="region",
        ) from None
    if actor is not None and not scope_of(actor).covers_code(region.padded):
        raise NotFound(
            _("区划 %(code)s（%(name)s）不在您的管辖范围内，不能为它设置本地参数。")
            % {"code": region.padded, "name": region.name},
            field="region",
        )
    return region.padded


def check_date(raw: str | date) -> date:
    """An ISO date (YYYY-MM-DD)."""
    if isinstance(raw, date):
        return raw
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise Invalid(
            _("起始日期“%(raw)s”无效：请写成 年-月-日，例如 2025-01-01。") % {"raw": raw},
            field="effective_from",
        ) from None


def check_value(unit: str, raw: str) -> str:
    """The exact text of a value that fits the unit (money and ratios: a plain decimal)."""
    text = raw.strip()
    problem = None
    if unit in DECIMAL_UNITS:
        if not DECIMAL_TEXT.fullmatch(text):
            problem = _("请写一个数字，例如 2100 或 0.015，不要带逗号、单位或“元”。")
    elif unit in INTEGER_UNITS:
        if not re.fullmatch(r"-?\d+", text):
            problem = _("请写一个整数，例如 12。")
    elif unit == "date":
        try:
            text = date.fromisoformat(text).isoformat()
        except ValueError:
            problem = _("请写成 年-月-日，例如 2025-06-30。")
    elif unit == "month":
        if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
            problem = _("请写成 年-月，例如 2025-06。")
    elif unit == "boolean":
        words = {"是": "true", "否": "false", "true": "true", "false": "false"}
        if text.lower() not in words:
            problem = _("请写“是”或“否”。")
        else:
            text = words[text.lower()]
    elif not text:
        problem = _("请填写数值。")
    if problem:
        raise Invalid(
            _("数值“%(raw)s”不符合要求：%(problem)s") % {"raw": raw, "problem": problem},
            field="value",
        )
    return text


def propose_local_value(
    actor: User | None,
    *,
    name: str,
    region: str,
    effective_from: str | date,
    value: str,
    reference: str,
) -> LocalParameterValue:
    """Record a local value. Staff (`actor`): pending until a second person approves it.
    No actor (the system administrator at the server): approved at once, and audited so."""
    if actor is not None:
        require_permission(actor, Permission.PARAMETERS_MANAGE)
    unit = check_name(name.strip())
    region_code = check_region(actor, region)
    starts = check_date(effective_from)
    text = check_value(unit, value)
    reference = reference.strip()
    if not reference:
        raise Invalid(_("请填写依据：文件名称、文号或网址。"), field="reference")
    if len(reference) > REFERENCE_MAX:
        raise Invalid(_("依据最多 %(n)s 个字。") % {"n": REFERENCE_MAX}, field="reference")
    with transaction.atomic():
        row = LocalParameterValue.objects.create(
            name=name.strip(),
            region_code=region_code,
            effective_from=starts,
            value=text,
            reference=reference,
            proposed_by=actor,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=ParametersAction.LOCAL_PROPOSE,
            target=row,
            target_label=value_label(row),
            region_code=region_code,
            changes={
                "parameter": [None, row.name],
                **{field: [None, _audited(row, field)] for field in AUDITED_FIELDS},
            },
        )
        if actor is None:
            _approve(row, None, ParametersAction.LOCAL_SET_AT_SERVER)
    return row


def approve_local_value(actor: User, pk: int) -> LocalParameterValue:
    """A second staff member of the region approves a pending value: the engine uses it now."""
    with transaction.atomic():
        row = _pending_for(actor, pk)
        _approve(row, actor, ParametersAction.LOCAL_APPROVE)
    return row


def reject_local_value(actor: User, pk: int, note: str) -> LocalParameterValue:
    """A second staff member sends a pending value back, with a reason."""
    with transaction.atomic():
        row = _pending_for(actor, pk)
        note = note.strip()
        if not note:
            raise Invalid(_("请写明退回的理由。"), field="decision_note")
        row.decision_note = note[:200]
        _decide(row, actor, ParametersAction.LOCAL_REJECT, LocalValueStatus.REJECTED)
    return row


def _pending_for(actor: User, pk: int) -> LocalParameterValue:
    """The pending value, locked, that the actor may decide on: inside their area (404 else),
    and proposed by someone else."""
    row = access_one(
        actor,
        LocalParameterValue.objects.select_for_update(),
        pk,
        permission=Permission.PARAMETERS_MANAGE,
        not_found_message=_("没有找到该本地参数值。"),
    )
    if row.status != LocalValueStatus.PENDING:
        raise Invalid(
            _("该本地参数值已经审核过（%(status)s），不能再审核。")
            % {"status": row.get_status_display()},
            field="decision",
        )
    row.refuse_own_proposal(
        actor, _("不能审核自己提出的本地参数值：请由本辖区的另一位管理员审核。")
    )
    return row


def _approve(row: LocalParameterValue, actor: User | None, action: ParametersAction) -> None:
    """Approve, superseding an earlier approved value of the same parameter, region and date."""
    earlier = LocalParameterValue.objects.filter(
        name=row.name,
        region_code=row.region_code,
        effective_from=row.effective_from,
        status=LocalValueStatus.APPROVED,
    ).exclude(pk=row.pk)
    for old in earlier:
        old.status = LocalValueStatus.SUPERSEDED
        old.save(update_fields=["status"])
        _audit_status(old, actor, action, LocalValueStatus.APPROVED, {"superseded_by": row.pk})
    _decide(row, actor, action, LocalValueStatus.APPROVED)
    transaction.on_commit(APPROVED_LOCAL_VALUES.invalidate)
    APPROVED_LOCAL_VALUES.invalidate()


def _decide(
    row: LocalParameterValue, actor: User | None, action: ParametersAction, status: str
) -> None:
    """Store the decision on a pending value, and audit it."""
    row.store_decision(actor, status)
    detail: dict[str, Any] = {"without_second_person": True} if actor is None else {}
    if row.decision_note:
        detail["reason"] = row.decision_note
    _audit_status(row, actor, action, LocalValueStatus.PENDING, detail)


def _audit_status(
    row: LocalParameterValue,
    actor: User | None,
    action: ParametersAction,
    old: str,
    detail: dict[str, Any],
) -> None:
    record_audit(
        actor=actor,
        kind=AuditKind.CHANGE,
        action=action,
        target=row,
        target_label=value_label(row),
        region_code=row.region_code,
        changes={"status": [old, row.status]},
        detail=detail,
    )


def _audited(row: LocalParameterValue, field: str) -> Any:
    value = getattr(row, field)
    return value.isoformat() if isinstance(value, date) else value
