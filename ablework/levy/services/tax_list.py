"""The tax bureau's list (contract: quota-declaration-contract.md, "Commands and endpoints"):
CSV (UTF-8 with BOM) and .xlsx in the official declaration form's columns (rules.md R2.11), a
signed manifest (row count, totals of the money columns, SHA-256 of each file) and the log of
what was exported and sent when (`TaxListExport`).

Rows: every employer of the run with figures, and the employers deemed to have placed nobody
without figures of their own (D = 0, the other columns blank: the bureau takes them from the
employer's levy declaration). Rows the engine could not compute (a missing parameter) are left
out and counted in the manifest's `left_out`, so no wrong number ever reaches the bureau."""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission
from ablework.core.audit import record_audit
from ablework.core.crypto import sign, signature_valid
from ablework.core.errors import Conflict
from ablework.core.models import AuditKind
from ablework.core.spreadsheets import csv_lines, open_xlsx, write_xlsx_sheet
from ablework.levy.audit_actions import LevyAction
from ablework.levy.models import Assessment, AssessmentRun, TaxListExport
from ablework.levy.services.assessment import NO_FIGURES

if TYPE_CHECKING:
    from ablework.accounts.models import User

# The contract's columns, in its order.
COLUMNS = (
    "统一社会信用代码",
    "单位名称",
    "费款所属期",
    "在职职工人数",
    "实际安排残疾人就业人数",
    "应安排比例",
    "在职职工年平均工资",
    "本期应纳费额",
    "本期减免费额",
)
MONEY_COLUMNS = ("本期应纳费额", "本期减免费额")
SIGNING_PURPOSE = "levy.tax_list"
SHEET = "残保金核定清单"


@dataclass(frozen=True)
class TaxList:
    """The files of one export, and the manifest that describes them."""

    export: TaxListExport | None
    csv: bytes
    xlsx: bytes
    manifest: dict[str, Any]
    signature: str

    def manifest_bytes(self) -> bytes:
        return json.dumps(
            {"manifest": self.manifest, "signature": self.signature},
            ensure_ascii=False,
            indent=2,
        ).encode("utf-8")


def _number(value: Decimal | None) -> str:
    """A plain number: no separators, no trailing zeros past the point (300, 3.8333)."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text


def _money(value: Decimal | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _ratio(value: Decimal | None) -> str:
    return "" if value is None else f"{format((value * 100).normalize(), 'f')}%"


def rows_of(run: AssessmentRun) -> tuple[list[list[str]], int]:
    """The list's rows (names, not codes; amounts to the fen) and how many rows were left out."""
    chosen = (
        Assessment.objects.filter(run=run)
        .order_by("county_code", "employer__uscc")
        .values_list(
            "employer__uscc",
            "employer__name",
            "levy_year",
            "headcount",
            "disabled",
            "ratio",
            "assessed_wage",
            "levy_before_reduction",
            "reduction",
            "problem",
        )
    )
    rows, left_out = [], 0
    for uscc, name, year, n, d, ratio, wage, before, reduction, problem in chosen:
        if problem and problem != NO_FIGURES:
            left_out += 1
            continue
        rows.append(
            [
                uscc,
                name,
                str(year),
                _number(n),
                _number(d) if d is not None else "0",
                _ratio(ratio),
                _money(wage),
                _money(before),
                _money(reduction),
            ]
        )
    return rows, left_out


def _csv(rows: Iterable[list[str]]) -> bytes:
    return "".join(csv_lines(list(COLUMNS), rows)).encode("utf-8")


def _xlsx(rows: list[list[str]]) -> bytes:
    buffer = io.BytesIO()
    workbook = open_xlsx(buffer)
    workbook.set_properties({"created": timezone.now().replace(tzinfo=None)})
    write_xlsx_sheet(workbook, name=SHEET, header=COLUMNS, rows=rows)
    workbook.close()
    return buffer.getvalue()


def file_names(run: AssessmentRun, stem: str | None = None) -> tuple[str, str]:
    """The CSV's and the workbook's names (the manifest names the files by them)."""
    stem = stem or f"残保金核定清单_{run.levy_year}_{run.region_code or '全国'}_{run.pk}"
    return f"{stem}.csv", f"{stem}.xlsx"


def build_tax_list(run: AssessmentRun, stem: str | None = None) -> TaxList:
    """The files and the signed manifest of the run's list (nothing is written)."""
    rows, left_out = rows_of(run)
    csv_bytes, xlsx_bytes = _csv(rows), _xlsx(rows)
    csv_name, xlsx_name = file_names(run, stem)
    totals = {
        column: format(
            sum((Decimal(row[COLUMNS.index(column)] or "0") for row in rows), Decimal("0.00")),
            ".2f",
        )
        for column in MONEY_COLUMNS
    }
    manifest = {
        "kind": "残疾人就业保障金核定清单",
        "assessment_run": run.pk,
        "levy_year": run.levy_year,
        "region_code": run.region_code,
        "assessed_on": run.assessed_on.isoformat(),
        "columns": list(COLUMNS),
        "rows": len(rows),
        "left_out": left_out,
        "totals": totals,
        "files": {
            csv_name: hashlib.sha256(csv_bytes).hexdigest(),
            xlsx_name: hashlib.sha256(xlsx_bytes).hexdigest(),
        },
        "created_at": timezone.now().isoformat(timespec="seconds"),
    }
    return TaxList(None, csv_bytes, xlsx_bytes, manifest, sign_manifest(manifest))


def canonical(manifest: dict[str, Any]) -> bytes:
    """The bytes the signature covers: sorted keys, no spaces, UTF-8."""
    return json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode(
        "utf-8"
    )


def sign_manifest(manifest: dict[str, Any]) -> str:
    return sign(SIGNING_PURPOSE, canonical(manifest))


def verify_tax_list(manifest: dict[str, Any], signature: str, files: dict[str, bytes]) -> bool:
    """Whether the manifest is ours, unchanged, and every named file has its SHA-256."""
    if not signature_valid(SIGNING_PURPOSE, canonical(manifest), signature):
        return False
    named = manifest.get("files", {})
    return set(named) == set(files) and all(
        hashlib.sha256(files[name]).hexdigest() == digest for name, digest in named.items()
    )


def export_tax_list(*, actor: User | None, run: AssessmentRun, stem: str | None = None) -> TaxList:
    """Build the run's list and log the export (who, when, the hashes, the signed manifest)."""
    if actor is not None:
        require_permission(actor, Permission.LEVY_ASSESS)
    if not run.finished:
        raise Conflict(_("这次核定尚未完成，不能导出清单。"))
    built = build_tax_list(run, stem)
    with transaction.atomic():
        export = TaxListExport.objects.create(
            run=run,
            region_code=run.region_code,
            exported_by=actor,
            exported_at=timezone.now(),
            rows=built.manifest["rows"],
            manifest=built.manifest,
            signature=built.signature,
        )
        record_audit(
            actor=actor,
            kind=AuditKind.EXPORT,
            action=LevyAction.TAX_LIST_EXPORT,
            target=export,
            target_label=str(run),
            region_code=run.region_code,
            detail={"rows": export.rows, "files": built.manifest["files"]},
        )
    return TaxList(export, built.csv, built.xlsx, built.manifest, built.signature)


def mark_sent(*, actor: User, export: TaxListExport) -> TaxListExport:
    """Record that the list was handed to the tax bureau (once)."""
    require_permission(actor, Permission.LEVY_ASSESS)
    with transaction.atomic():
        updated = TaxListExport.objects.filter(pk=export.pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), sent_by=actor
        )
        if not updated:
            raise Conflict(_("这份清单已经标记为送交税务部门。"))
        export.refresh_from_db()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=LevyAction.TAX_LIST_SENT,
            target=export,
            target_label=str(export.run),
            region_code=export.region_code,
            changes={"sent_at": [None, export.sent_at.isoformat() if export.sent_at else None]},
        )
    return export
