"""Certify all low-risk declarations of a county at once, with a preview and a count: the
preview lists what would be certified and the version of each as seen; the confirmation
certifies each through the one certify service (`review.certify_declaration`: the row locked,
the version checked, the move audited), each in its own transaction, and skips — and reports —
any that changed since the preview (another reviewer's decision, a resubmission, a new score),
so two reviewers confirming at once never certify one declaration twice."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import DomainError
from ablework.core.models import AuditKind
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.models import Declaration, DeclarationStatus, DeepCheckOutcome
from ablework.quota.risk.signals import Level
from ablework.quota.services.review import certify_declaration
from ablework.quota.transitions import AWAITING_REVIEW

# How many declarations one confirmation certifies at most (the preview lists as many).
BULK_LIMIT = 500


def low_risk_in_county(declarations: QuerySet[Declaration], county: str) -> QuerySet[Declaration]:
    """The declarations (scoped to the viewer) of the county awaiting review whose current
    version is scored low risk, and that were not drawn for a deeper check (unless the check
    found them as declared), oldest first."""
    return (
        declarations.filter(
            employer__county_code=county,
            status__in=AWAITING_REVIEW,
            risk__level=Level.LOW,
        )
        .filter(Q(deep_check__isnull=True) | Q(deep_check__outcome=DeepCheckOutcome.CONFIRMED))
        .select_related("employer", "risk")
        .order_by("submitted_at", "pk")
    )


def preview_items(rows: list[Declaration]) -> str:
    """The preview's list as the confirmation carries it back: "id:version" pairs."""
    return ",".join(f"{row.pk}:{row.version}" for row in rows)


def parse_items(text: str) -> list[tuple[int, int]]:
    items = []
    for part in text.split(",")[:BULK_LIMIT]:
        pk, _sep, version = part.strip().partition(":")
        if pk.isdigit() and version.isdigit():
            items.append((int(pk), int(version)))
    return items


@dataclass
class BulkOutcome:
    certified: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (employer, why)


def _still_low(pk: int, version: int) -> str | None:
    """Why the declaration (locked here) may no longer be certified with the others, or None."""
    row = (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("risk")
        .filter(pk=pk)
        .first()
    )
    if row is None:
        return _("申报已不存在")
    if row.status == DeclarationStatus.CERTIFIED:
        return _("已被其他人审核确认")
    if row.version != version:
        return _("预览后申报有变动")
    risk = getattr(row, "risk", None)
    if risk is None or risk.level != Level.LOW or risk.declaration_version != row.version:
        return _("预览后风险评分有变化")
    return None


def certify_low_risk(*, actor: User, county: str, items: list[tuple[int, int]]) -> BulkOutcome:
    """Certify each previewed (id, version) that is unchanged and still low risk; report the
    others. Declarations outside the actor's area are refused by the certify service."""
    outcome = BulkOutcome()
    names = dict(
        Declaration.objects.filter(pk__in=[pk for pk, _v in items]).values_list(
            "pk", "employer__name"
        )
    )
    for pk, version in items:
        name = names.get(pk, str(pk))
        try:
            with transaction.atomic():
                why = _still_low(pk, version)
                if why is None:
                    certify_declaration(actor=actor, declaration_id=pk, version=version)
        except DomainError as error:
            outcome.skipped.append((name, error.message))
            continue
        if why is not None:
            outcome.skipped.append((name, why))
        else:
            outcome.certified.append(name)
    record_audit(
        actor=actor,
        kind=AuditKind.CHANGE,
        action=QuotaAction.BULK_CERTIFY,
        target_type="quota.declaration",
        target_label=county,
        region_code=county,
        detail={
            "county": county,
            "previewed": len(items),
            "certified": len(outcome.certified),
            "skipped": len(outcome.skipped),
        },
    )
    return outcome
