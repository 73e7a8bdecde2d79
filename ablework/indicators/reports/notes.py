"""What staff write into a report themselves (经验做法, 下一步工作): saved per region and period
on the version the page was opened on, each save audited with the text before and after."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict
from ablework.core.models import AuditKind, Region
from ablework.core.versioning import advance_version
from ablework.indicators.models import ReportNote
from ablework.indicators.periods import Period
from ablework.indicators.reports.audit_actions import ReportAction

TEXT_LIMIT = 5000


def note_label(region: Region, period: Period) -> str:
    return _("%(place)s%(when)s报告的经验做法和下一步工作") % {
        "place": region.name,
        "when": period.label,
    }


def save_report_note(
    *,
    actor: User,
    region: Region,
    period: Period,
    experience: str,
    next_steps: str,
    version: int | None,
) -> ReportNote:
    """Write the report's staff parts: the first save creates them (a second first save at the
    same time is refused as a conflict); later ones only on the version seen (StaleRecord)."""
    experience, next_steps = experience.strip()[:TEXT_LIMIT], next_steps.strip()[:TEXT_LIMIT]
    with transaction.atomic():
        note = (
            ReportNote.objects.select_for_update()
            .filter(region_code=region.code, period_code=period.code)
            .first()
        )
        if note is None:
            try:
                with transaction.atomic():
                    note = ReportNote.objects.create(
                        region_code=region.code,
                        period_code=period.code,
                        experience=experience,
                        next_steps=next_steps,
                        written_by=actor,
                    )
            except IntegrityError as error:
                raise Conflict(
                    _("另一位工作人员刚刚填写了本报告的经验做法，请刷新页面查看后再保存。")
                ) from error
            before = {"experience": "", "next_steps": ""}
            kind = AuditKind.CREATE
        else:
            advance_version(note, seen=version if version is not None else -1)
            before = {"experience": note.experience, "next_steps": note.next_steps}
            note.experience, note.next_steps, note.written_by = experience, next_steps, actor
            note.save(update_fields=["experience", "next_steps", "written_by", "updated_at"])
            kind = AuditKind.CHANGE
        after = {"experience": experience, "next_steps": next_steps}
        record_audit(
            actor=actor,
            kind=kind,
            action=ReportAction.NOTE_SAVE,
            target=note,
            target_label=note_label(region, period),
            region_code=region.code,
            changes={key: [before[key], after[key]] for key in after if before[key] != after[key]},
            detail={"period": period.code, "version": note.version},
        )
    return note
