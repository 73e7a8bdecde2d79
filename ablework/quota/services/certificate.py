"""The 审核确认书: a certified declaration's confirmation, issued as an official PDF by the
county federation (ablework/printing), with what it states from the trace stored at the last
submission, the counted persons masked (core/masking.py), and a verification code."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.scope import visible
from ablework.core.errors import NotFound
from ablework.core.masking import mask_name
from ablework.core.models import Region
from ablework.printing.issuers import federation_of
from ablework.printing.services import DOCUMENT_LANGUAGE, IssuedPdf, issue_document
from ablework.quota.models import (
    Declaration,
    DeclarationCorrection,
    DeclarationStatus,
    RosterLine,
)

CERTIFICATE_KIND = "quota.certificate"


def declaration_subject(declaration: Declaration) -> str:
    """The printing register's subject of a declaration's certificates."""
    return f"quota.declaration:{declaration.pk}"


def certified_declaration(actor: User, declaration_id: int) -> Declaration:
    """A certified declaration the actor may see (its employer's users, the staff of its
    region); NotFound for any other, missing, not yet certified or another's alike."""
    found = (
        visible(actor, Declaration, permission=None)
        .select_related("employer")
        .filter(pk=declaration_id, status=DeclarationStatus.CERTIFIED)
        .first()
    )
    if found is None:
        raise NotFound(
            _("没有找到该申报的审核确认书：申报不存在、尚未审核确认，或不在您的范围内。")
        )
    return found


def _figure(value: Any) -> str:
    return format(Decimal(str(value)).normalize(), "f") if value not in (None, "") else "—"


def _basis(trace: dict[str, Any]) -> str:
    """The levy or the reward, as the stored trace computed it."""
    if trace.get("reward") not in (None, "", "0", "0.00"):
        return f"超比例安排 {_figure(trace.get('over_quota'))} 人，奖励 {trace['reward']} 元"
    if trace.get("exempt"):
        return "免征残疾人就业保障金"
    due = trace.get("levy_due", "0")
    before = trace.get("levy_before_reduction")
    if before not in (None, due):
        return f"应缴纳残疾人就业保障金 {due} 元（减免前 {before} 元）"
    return f"应缴纳残疾人就业保障金 {due} 元"


def issue_certificate(
    *, actor: User, declaration_id: int, base_url: str, supersedes: tuple[str, ...] = ()
) -> IssuedPdf:
    """Issue the 审核确认书 of a certified declaration (a new register entry and code each time,
    audited by printing); a correction's supersedes the certificates of the declaration it
    corrects (`supersedes`: their subjects)."""
    declaration = certified_declaration(actor, declaration_id)
    employer = declaration.employer
    county = Region.objects.get(code=employer.county_code)
    trace = declaration.rules_trace or {}
    certified = declaration.events.filter(to_status=DeclarationStatus.CERTIFIED).last()
    persons = [
        {"name": mask_name(line.name), "certificate": line.certificate_masked}
        for line in RosterLine.objects.filter(declaration=declaration, months__counted=True)
        .distinct()
        .order_by("line")
    ]
    with translation.override(DOCUMENT_LANGUAGE):
        ratio = Decimal(str(trace.get("ratio", "0"))) * 100
        figures = {
            "headcount": _figure(trace.get("annual_average_headcount")),
            "counted": _figure(trace.get("counted_disabled")),
            "ratio": f"{_figure(ratio)}%",
            "required": _figure(trace.get("required")),
            "basis": _basis(trace),
        }
        title = f"{employer.name}{declaration.levy_year}年度按比例安排残疾人就业审核确认书"
        statements = [
            ("用人单位", employer.name),
            ("统一社会信用代码", employer.uscc),
            ("年度", f"{declaration.levy_year}年度"),
            ("在职职工年平均人数", f"{figures['headcount']} 人"),
            ("安排残疾人就业人数", f"{figures['counted']} 人"),
            ("规定比例", figures["ratio"]),
            ("审核结果", figures["basis"]),
        ]
        correction = DeclarationCorrection.objects.filter(corrected=declaration).first()
        if correction is not None:
            corrected_on = timezone.localdate(correction.at)
            statements.append(
                ("更正", f"本确认书依{corrected_on:%Y年%m月%d日}的更正重新出具，原确认书作废")
            )
    return issue_document(
        actor=actor,
        kind=CERTIFICATE_KIND,
        title=title,
        issuing_body=federation_of(county),
        region_code=county.code,
        template="quota/certificate_pdf.html",
        context={
            "employer": employer,
            "year": declaration.levy_year,
            "figures": figures,
            "persons": persons,
            "certified_on": timezone.localdate(certified.at) if certified else None,
            "correction": correction,
        },
        statements=statements,
        base_url=base_url,
        subject=declaration_subject(declaration),
        supersedes=supersedes,
    )
