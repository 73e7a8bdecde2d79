"""Employers' credit records (用人单位信用记录, seed 002 item 5; docs/credit.md): staff record a
dated entry — non-payment of the levy, or faked placements — with its legal basis
(quota/credit_bases.py) and the issuing organ; a rejection for faked placements proposes one,
which staff confirm or dismiss; recorded entries are exported for the credit platform. Every
write and every export is audited; all of it is scoped to the staff member's region."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date
from typing import IO, Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid
from ablework.core.models import AuditKind, Region
from ablework.employers.models import Employer
from ablework.printing.issuers import federation_of
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.credit_bases import BY_KEY, bases_for
from ablework.quota.models import CreditEntry, CreditKind, CreditStatus, Declaration

# The export's columns, in order (docs/credit.md documents each).
EXPORT_COLUMNS = (
    "entry_id",
    "uscc",
    "name",
    "kind",
    "kind_label",
    "recorded_on",
    "levy_year",
    "facts",
    "basis",
    "issuing_organ",
)


def issuing_organ(employer: Employer) -> str:
    """The county federation of the employer's county, as documents name it."""
    return federation_of(Region.objects.get(code=employer.county_code))


def _basis(kind: str, employer: Employer, key: str | None) -> tuple[str, str]:
    applicable = bases_for(kind, employer.county_code)
    if key:
        chosen = BY_KEY.get(key)
        if chosen is None or chosen not in applicable:
            raise Invalid(_("所选依据不适用于该用人单位所在地区或该失信行为。"), field="basis")
    elif applicable:
        chosen = applicable[0]
    else:
        raise Invalid(_("没有适用于该地区的依据，不能记入信用记录。"), field="basis")
    return chosen.key, chosen.stated()


def record_entry(
    *,
    actor: User,
    employer_id: int,
    kind: str,
    facts: str,
    recorded_on: date | None = None,
    basis_key: str | None = None,
    levy_year: int | None = None,
) -> CreditEntry:
    """Record an entry for an employer of the actor's area (NotFound otherwise)."""
    employer = access_one(
        actor,
        Employer,
        employer_id,
        permission=Permission.CREDIT_RECORDS,
        not_found_message=_("没有找到该用人单位。"),
    )
    facts = facts.strip()
    if not facts:
        raise Invalid(_("请写明认定的事实。"), field="facts")
    if kind not in CreditKind.values:
        raise Invalid(_("请选择失信行为。"), field="kind")
    key, stated = _basis(kind, employer, basis_key)
    with transaction.atomic():
        entry = CreditEntry.objects.create(
            employer=employer,
            kind=kind,
            status=CreditStatus.RECORDED,
            recorded_on=recorded_on or timezone.localdate(),
            levy_year=levy_year,
            facts=facts,
            basis_key=key,
            basis=stated,
            issuing_organ=issuing_organ(employer),
            created_by=actor,
            decided_by=actor,
            decided_at=timezone.now(),
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=QuotaAction.CREDIT_RECORD,
            target=entry,
            target_label=f"{employer.name} {entry.get_kind_display()}",
            detail={"kind": kind, "basis": key, "recorded_on": entry.recorded_on.isoformat()},
        )
    return entry


def propose_for_fake_placement(
    *, actor: User | None, declaration: Declaration, reason: str
) -> CreditEntry:
    """The entry a rejection for faked placements proposes (in the rejection's transaction),
    waiting for staff to confirm it; with no basis for the place, none is proposed."""
    employer = declaration.employer
    applicable = bases_for(CreditKind.FAKE_PLACEMENT, employer.county_code)
    entry = CreditEntry.objects.create(
        employer=employer,
        kind=CreditKind.FAKE_PLACEMENT,
        status=CreditStatus.PROPOSED,
        recorded_on=timezone.localdate(),
        levy_year=declaration.levy_year,
        facts=_("%(year)s 年度按比例就业申报经审核不予通过：%(reason)s")
        % {"year": declaration.levy_year, "reason": reason},
        basis_key=applicable[0].key,
        basis=applicable[0].stated(),
        issuing_organ=issuing_organ(employer),
        declaration=declaration,
        created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    record_audit(
        actor=actor,
        kind=AuditKind.CREATE,
        action=QuotaAction.CREDIT_PROPOSE,
        target=entry,
        target_label=f"{employer.name} {entry.get_kind_display()}",
        detail={"declaration": declaration.pk, "levy_year": declaration.levy_year},
    )
    return entry


def decide_entry(*, actor: User, entry_id: int, record: bool) -> CreditEntry:
    """Confirm a proposed entry (记入, dated today) or dismiss it (不予记入)."""
    with transaction.atomic():
        entry = access_one(
            actor,
            CreditEntry.objects.select_for_update(of=("self",)).select_related("employer"),
            entry_id,
            permission=Permission.CREDIT_RECORDS,
            not_found_message=_("没有找到该信用记录。"),
        )
        if entry.status != CreditStatus.PROPOSED:
            raise Conflict(_("该信用记录已确认或已不予记入。"))
        entry.status = CreditStatus.RECORDED if record else CreditStatus.DISMISSED
        entry.decided_by = actor
        entry.decided_at = timezone.now()
        if record:
            entry.recorded_on = timezone.localdate()
        entry.save(update_fields=["status", "decided_by", "decided_at", "recorded_on"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=QuotaAction.CREDIT_DECIDE,
            target=entry,
            target_label=f"{entry.employer.name} {entry.get_kind_display()}",
            changes={"status": [CreditStatus.PROPOSED.value, entry.status]},
        )
    return entry


def entries_visible_to(actor: User) -> QuerySet[CreditEntry]:
    return visible(actor, CreditEntry, permission=Permission.CREDIT_RECORDS).select_related(
        "employer"
    )


def _rows(entries: Iterable[CreditEntry]) -> list[dict[str, Any]]:
    return [
        {
            "entry_id": entry.pk,
            "uscc": entry.employer.uscc,
            "name": entry.employer.name,
            "kind": entry.kind,
            "kind_label": str(CreditKind(entry.kind).label),
            "recorded_on": entry.recorded_on.isoformat(),
            "levy_year": entry.levy_year,
            "facts": entry.facts,
            "basis": entry.basis,
            "issuing_organ": entry.issuing_organ,
        }
        for entry in entries
    ]


def export_entries(*, actor: User, form: str, out: IO[bytes]) -> int:
    """Write the actor's area's recorded entries for the credit platform, `form` "csv" (UTF-8
    with BOM, the columns of EXPORT_COLUMNS) or "json" ({"columns", "entries"}); audited as an
    export. How many were written."""
    entries = entries_visible_to(actor).filter(status=CreditStatus.RECORDED).order_by("pk")
    rows = _rows(entries)
    if form == "json":
        out.write(
            json.dumps(
                {"columns": list(EXPORT_COLUMNS), "entries": rows}, ensure_ascii=False, indent=2
            ).encode()
        )
    else:
        text = io.StringIO()
        writer = csv.DictWriter(text, fieldnames=EXPORT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        out.write(("\ufeff" + text.getvalue()).encode())
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=QuotaAction.CREDIT_EXPORT,
        detail={"form": form, "entries": len(rows)},
    )
    return len(rows)
