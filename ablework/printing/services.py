"""Issuing and withdrawing official documents. Every issue and withdrawal is audited."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind
from ablework.printing.audit_actions import PrintingAction
from ablework.printing.codes import grouped, new_code
from ablework.printing.models import IssuedDocument
from ablework.printing.rendering import qr_data_uri, render_pdf

if TYPE_CHECKING:
    from ablework.accounts.models import User

# Official documents are in Chinese whatever language the issuer's pages are in.
DOCUMENT_LANGUAGE = "zh-hans"


@dataclass(frozen=True)
class IssuedPdf:
    """A document just issued: its register entry and the bytes of its PDF."""

    document: IssuedDocument
    pdf: bytes


def verification_url(*, base_url: str, code: str) -> str:
    """The public verification page of a code, absolute, as its QR code encodes it."""
    return base_url.rstrip("/") + reverse("printing:verify", args=[grouped(code)])


def issue_document(
    *,
    actor: User | None,
    kind: str,
    title: str,
    issuing_body: str,
    region_code: str,
    template: str,
    context: Mapping[str, Any],
    statements: Sequence[tuple[str, str]],
    base_url: str,
    subject: str = "",
    supersedes: Sequence[str] = (),
) -> IssuedPdf:
    """Render an official document with a fresh verification code and QR code, and register it.

    `template` extends `printing/layout.html`; `statements` are the (label, value) pairs the
    document states, shown on the public verification page; `base_url` is the site's public
    address, which the QR code points to. `subject` names what the document is about (the
    issuing app's key, e.g. `quota.declaration:42`); every standing document whose subject is
    in `supersedes` is superseded by this one in the same transaction — its verification page
    says so and names this one's code — and audited.
    """
    if not title.strip() or not issuing_body.strip():
        raise Invalid(_("文件须有标题和出具单位。"))
    code = new_code()
    issued_on = timezone.localdate()
    url = verification_url(base_url=base_url, code=code)
    with translation.override(DOCUMENT_LANGUAGE):
        html = render_to_string(
            template,
            {
                **context,
                "document_title": title,
                "issuing_body": issuing_body,
                "issued_on": issued_on,
                "verification_code": grouped(code),
                "verification_url": url,
                "verification_page": base_url.rstrip("/") + reverse("printing:verify_form"),
                "qr_code": qr_data_uri(url),
            },
        )
    pdf = render_pdf(html)
    with transaction.atomic():
        document = IssuedDocument.objects.create(
            code=code,
            kind=kind,
            title=title,
            issuing_body=issuing_body,
            region_code=region_code,
            issued_on=issued_on,
            issued_by=actor,
            statements=[[label, value] for label, value in statements],
            subject=subject,
        )
        if supersedes:
            _supersede(actor, document, supersedes)
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=PrintingAction.DOCUMENT_ISSUE,
            target=document,
            detail={"kind": kind, "title": title, "issuing_body": issuing_body},
        )
    return IssuedPdf(document=document, pdf=pdf)


def _supersede(actor: User | None, document: IssuedDocument, subjects: Sequence[str]) -> None:
    replaced = list(
        IssuedDocument.objects.select_for_update()
        .filter(subject__in=subjects, withdrawn_at__isnull=True, superseded_by__isnull=True)
        .exclude(pk=document.pk)
    )
    IssuedDocument.objects.filter(pk__in=[old.pk for old in replaced]).update(
        superseded_by=document
    )
    for old in replaced:
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=PrintingAction.DOCUMENT_SUPERSEDE,
            target=old,
            changes={"status": ["valid", "superseded"]},
            detail={"superseded_by": document.display_code, "title": document.title},
        )


def withdraw_document(
    *, actor: User | None, document: IssuedDocument, reason: str
) -> IssuedDocument:
    """Withdraw an issued document: its verification page says so from now on."""
    if document.is_withdrawn:
        raise Conflict(_("该文件已撤回。"))
    if not reason.strip():
        raise Invalid(_("请填写撤回原因。"), field="reason")
    values = {
        "withdrawn_at": timezone.now(),
        "withdrawn_by": actor,
        "withdrawal_reason": reason.strip()[:200],
    }
    with transaction.atomic():
        # One conditional UPDATE: of two withdrawals of one document at once (both loaded it
        # still valid), only one is written and audited; the other is told it is withdrawn.
        pending = IssuedDocument.objects.filter(pk=document.pk, withdrawn_at__isnull=True)
        if not pending.update(**values):
            raise Conflict(_("该文件已撤回。"))
        for name, value in values.items():
            setattr(document, name, value)
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=PrintingAction.DOCUMENT_WITHDRAW,
            target=document,
            changes={"status": ["valid", "withdrawn"]},
            detail={"reason": document.withdrawal_reason},
        )
    return document
