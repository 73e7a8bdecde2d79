"""The risk-drawn sample (抽查): reviewers draw the highest-scored declarations awaiting review
in their area for a deeper check (`SAMPLE_SIZE`, not at random), the employer and staff upload
proofs (contract, wage slips, social-insurance records) per roster line or for the whole
declaration, and the reviewer records the check's outcome. Each write is audited; proof files
go to Django's default storage under a random name, never to a public address."""

from __future__ import annotations

from typing import IO

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.core.proof_files import (
    check_proof_file,
    delete_proof_file,
    original_name,
    read_head,
    store_proof_file,
)
from ablework.core.versioning import StaleRecord, advance_version
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.models import (
    Declaration,
    DeepCheck,
    DeepCheckOutcome,
    Proof,
    ProofKind,
    RosterLine,
)
from ablework.quota.risk import parameters as p
from ablework.quota.services.filing import tell_employer
from ablework.quota.transitions import AWAITING_REVIEW


def sample_candidates(
    declarations: QuerySet[Declaration], *, county: str = "", size: int | None = None
) -> list[Declaration]:
    """The declarations a draw would take now (already scoped to the viewer): awaiting review,
    not drawn before, scored at least `SAMPLE_MIN_SCORE`, highest score first (then the oldest
    id), at most `size` (`SAMPLE_SIZE`); one query."""
    rows = declarations.filter(
        status__in=AWAITING_REVIEW,
        deep_check__isnull=True,
        risk__score__gte=p.SAMPLE_MIN_SCORE,
    )
    if county:
        rows = rows.filter(employer__county_code=county)
    return list(
        rows.select_related("employer", "risk").order_by("-risk__score", "pk")[
            : size or p.SAMPLE_SIZE
        ]
    )


def draw_sample(*, actor: User, county: str = "") -> list[Declaration]:
    """Draw the highest-risk declarations awaiting review in the actor's area (one county when
    given) for a deeper check; each is marked, audited, and its employer told to upload proofs.
    A declaration another reviewer drew at the same moment is left to them."""
    scoped = visible(actor, Declaration, permission=Permission.QUOTA_REVIEW)
    drawn: list[Declaration] = []
    with transaction.atomic():
        for row in sample_candidates(scoped, county=county):
            try:
                with transaction.atomic():
                    DeepCheck.objects.create(
                        declaration=row,
                        drawn_at=timezone.now(),
                        drawn_by=actor,
                        score_at_draw=row.risk.score,
                    )
            except IntegrityError:  # drawn by someone else meanwhile
                continue
            record_audit(
                actor=actor,
                kind=AuditKind.CREATE,
                action=QuotaAction.SAMPLE_DRAW,
                target=row,
                target_label=f"{row.employer.name} {row.levy_year}",
                detail={"levy_year": row.levy_year, "score": row.risk.score},
            )
            tell_employer(
                row,
                _(
                    "您单位 %(year)s 年度的按比例就业申报已被抽中核查，请在申报页面上传劳动合同、"
                    "工资发放记录和社会保险缴费记录。"
                )
                % {"year": row.levy_year},
            )
            drawn.append(row)
    return drawn


def _sampled(actor: User, declaration_id: int, permission: Permission) -> Declaration:
    found = access_one(
        actor,
        Declaration.objects.select_related("employer", "deep_check"),
        declaration_id,
        permission=permission,
        not_found_message=_("没有找到该按比例就业申报。"),
    )
    if not hasattr(found, "deep_check"):
        raise Conflict(_("这份申报没有被抽中核查，不需要上传核查材料。"))
    return found


def upload_proof(
    *,
    actor: User,
    declaration_id: int,
    kind: str,
    line: int | None,
    name: str,
    size: int,
    content: IO[bytes],
) -> Proof:
    """Keep a proof of a sampled declaration the actor may see (its employer's users, the staff
    of its region; NotFound otherwise), for one roster line (0-based) or the whole declaration;
    Invalid for a wrong type or size, naming the problem."""
    row = _sampled(actor, declaration_id, Permission.QUOTA_DECLARE)
    if kind not in ProofKind.values:
        raise Invalid(_("请选择材料类型。"), field="kind")
    if line is not None and not RosterLine.objects.filter(declaration=row, line=line).exists():
        raise Invalid(_("名单中没有第 %(n)s 行。") % {"n": line + 1}, field="line")
    content_type = check_proof_file(name, size, read_head(content), max_bytes=p.PROOF_MAX_BYTES)
    stored_name = store_proof_file("quota/proofs", name, content)
    try:
        with transaction.atomic():
            proof = Proof.objects.create(
                declaration=row,
                line=line,
                kind=kind,
                file=stored_name,
                original_name=original_name(name),
                content_type=content_type,
                size=size,
                uploaded_by=actor,
                uploaded_at=timezone.now(),
            )
            record_audit(
                actor=actor,
                kind=AuditKind.CREATE,
                action=QuotaAction.PROOF_UPLOAD,
                target=row,
                target_label=f"{row.employer.name} {row.levy_year}",
                detail={
                    "levy_year": row.levy_year,
                    "proof_kind": str(ProofKind(kind).label),
                    "line": line + 1 if line is not None else None,
                    "size": size,
                },
            )
    except Exception:
        delete_proof_file(stored_name)
        raise
    return proof


def open_proof(*, actor: User, declaration_id: int, proof_id: int) -> Proof:
    """A proof of a declaration the actor may see, the viewing audited; NotFound for anyone
    else (another county's staff, another employer) and for a proof of another declaration."""
    row = _sampled(actor, declaration_id, Permission.QUOTA_DECLARE)
    proof = Proof.objects.filter(declaration=row, pk=proof_id).first()
    if proof is None:
        raise NotFound(_("没有找到该核查材料。"))
    record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=QuotaAction.PROOF_VIEW,
        target=row,
        target_label=f"{row.employer.name} {row.levy_year}",
        detail={"levy_year": row.levy_year, "proof_kind": str(ProofKind(proof.kind).label)},
    )
    return proof


def record_outcome(
    *, actor: User, declaration_id: int, version: int, outcome: str, note: str
) -> DeepCheck:
    """The reviewer's outcome of the deeper check (核查属实 or 发现问题, the latter with what
    was found), on the version of the check the page showed."""
    note = note.strip()
    if outcome not in (DeepCheckOutcome.CONFIRMED, DeepCheckOutcome.PROBLEMS):
        raise Invalid(_("请选择核查结论。"), field="outcome")
    if outcome == DeepCheckOutcome.PROBLEMS and not note:
        raise Invalid(_("发现问题时请写明发现了什么问题。"), field="note")
    with transaction.atomic():
        row = _sampled(actor, declaration_id, Permission.QUOTA_REVIEW)
        check = DeepCheck.objects.select_for_update().get(declaration=row)
        if check.version != version:
            raise StaleRecord(target=check, seen=version, current=check.version)
        before = check.outcome
        advance_version(check, seen=version)
        check.outcome = outcome
        check.outcome_note = note
        check.decided_at = timezone.now()
        check.decided_by = actor
        DeepCheck.objects.filter(pk=check.pk).update(
            outcome=outcome, outcome_note=note, decided_at=check.decided_at, decided_by=actor
        )
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=QuotaAction.DEEP_CHECK_OUTCOME,
            target=check,
            target_label=f"{row.employer.name} {row.levy_year}",
            changes={"outcome": [before, outcome]},
            detail={"levy_year": row.levy_year, "note_given": bool(note)},
        )
    return check
