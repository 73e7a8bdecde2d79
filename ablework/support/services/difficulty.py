"""Writes of employment difficulty (就业困难认定), each in one transaction with its audit record
and a refresh of the person's queue row (whose 就业困难人员 filter reads the registry flag).

- `apply` records an application for a person of the actor's area: the criteria claimed (from
  the list in force for their place), the circumstances, the proofs (each file checked before
  anything is saved; a bad one refuses the whole application, nothing kept).
- `recognise` (support.decide, never the one who recorded it: maker-checker) sets the validity
  and opens the registry flag 就业困难人员 from `valid_from`; `refuse` needs the reasons.
- `revoke` ends a recognition early with the reason, and its flag the same day;
  `expire_recognitions` (the daily refresh, the system as actor) ends those whose validity has
  passed, their flags on the last valid day.

Every write after the application names the version the page was opened on (`seen_version`,
core.versioning): a decision over another's is refused (409)."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import TEXT_CHANGED, record_audit, record_audit_persons
from ablework.core.errors import (
    Conflict,
    DomainError,
    FieldsInvalid,
    Invalid,
    NotFound,
    PermissionDenied,
)
from ablework.core.models import AuditKind
from ablework.core.proof_files import (
    check_proof_file,
    delete_proof_file,
    original_name,
    read_head,
    store_proof_file,
)
from ablework.core.versioning import advance_version
from ablework.registry.models import FlagKind, Person
from ablework.registry.services.circumstances import end_flag, open_flag
from ablework.support.access import (
    DECIDE,
    RECORD,
    VIEW,
    access_application,
    person_for_support,
)
from ablework.support.audit_actions import DifficultyAction
from ablework.support.models import DifficultyApplication, DifficultyProof, DifficultyState
from ablework.support.selectors.difficulty import criteria_for
from ablework.support.services.cases import refresh_cases

PROOF_FOLDER = "support/difficulty"
FLAG_SOURCE = "就业困难认定"


@dataclass(frozen=True, kw_only=True)
class ProofUpload:
    """A proof given with an application: what it is, and the uploaded file."""

    description: str
    name: str
    size: int
    content: IO[bytes]


def _problems(
    person: Person, criteria: Sequence[str], applied_on: date, proofs: Sequence[ProofUpload]
) -> tuple[dict[str, list[str]], list[str]]:
    """Each field's problems, and the proofs' content types (checked, none stored yet)."""
    problems: dict[str, list[str]] = {}
    today = timezone.localdate()
    if applied_on > today:
        problems.setdefault("applied_on", []).append(_("申请日期不能晚于今天。"))
    allowed = criteria_for(person, applied_on).choices
    if not criteria:
        problems.setdefault("criteria", []).append(_("请至少选择一项本人符合的认定情形。"))
    elif any(item not in allowed for item in criteria):
        problems.setdefault("criteria", []).append(
            _("所选情形不在本地就业困难人员认定范围内，请从列出的情形中选择。")
        )
    types = []
    for index, proof in enumerate(proofs, start=1):
        if not proof.description.strip():
            problems.setdefault(f"proof_{index}_description", []).append(
                _("请写明第 %(n)s 份材料是什么（例如：残疾人证、失业登记证明）。") % {"n": index}
            )
        try:
            types.append(
                check_proof_file(
                    proof.name, proof.size, read_head(proof.content), field=f"proof_{index}_file"
                )
            )
        except Invalid as error:
            problems.setdefault(error.field or "", []).append(
                _("第 %(n)s 份材料：%(problem)s") % {"n": index, "problem": error.message}
            )
    return problems, types


def _open_application(person: Person) -> DifficultyApplication | None:
    return (
        DifficultyApplication.objects.filter(
            person=person, state__in=(DifficultyState.PENDING, DifficultyState.RECOGNISED)
        )
        .order_by("-pk")
        .first()
    )


def apply(
    *,
    actor: User,
    person_id: int,
    criteria: Sequence[str],
    circumstances: str,
    applied_on: date,
    proofs: Sequence[ProofUpload] = (),
) -> DifficultyApplication:
    """Record an application with its proofs; FieldsInvalid naming every problem (nothing is
    saved), Conflict when one is pending or a recognition is in force."""
    person = person_for_support(actor, person_id, permission=RECORD)
    problems, types = _problems(person, criteria, applied_on, proofs)
    if problems:
        raise FieldsInvalid(problems)
    current = _open_application(person)
    if current is not None:
        _refuse_second(current)
    stored: list[str] = []
    try:
        with transaction.atomic():
            application = DifficultyApplication.objects.create(
                person=person,
                criteria=list(dict.fromkeys(criteria)),
                criteria_source=criteria_for(person, applied_on).source,
                circumstances=circumstances.strip()[:1000],
                applied_on=applied_on,
                recorded_by=actor,
            )
            now = timezone.now()
            for proof, content_type in zip(proofs, types, strict=True):
                stored.append(store_proof_file(PROOF_FOLDER, proof.name, proof.content))
                DifficultyProof.objects.create(
                    application=application,
                    description=proof.description.strip()[:100],
                    file=stored[-1],
                    original_name=original_name(proof.name),
                    content_type=content_type,
                    size=proof.size,
                    uploaded_by=actor,
                    uploaded_at=now,
                )
            record_audit(
                actor=actor,
                kind=AuditKind.CREATE,
                action=DifficultyAction.APPLY,
                target=application,
                changes={
                    "state": [None, DifficultyState.PENDING],
                    "applied_on": [None, applied_on.isoformat()],
                },
                detail={"criteria": application.criteria, "proofs": len(proofs)},
            )
    except IntegrityError:
        for name in stored:
            delete_proof_file(name)
        raise Conflict(
            _("另一名工作人员刚刚为该残疾人受理了就业困难认定申请，请刷新后查看。")
        ) from None
    except Exception:
        for name in stored:
            delete_proof_file(name)
        raise
    return application


def _refuse_second(current: DifficultyApplication) -> None:
    if current.state == DifficultyState.PENDING:
        raise Conflict(
            _("该残疾人已有一份待认定的申请（%(day)s 受理），请等待认定结果。")
            % {"day": f"{current.applied_on:%Y-%m-%d}"}
        )
    raise Conflict(
        _("该残疾人已被认定为就业困难人员，有效期至 %(day)s；到期或撤销后才能重新申请。")
        % {"day": f"{current.valid_until:%Y-%m-%d}" if current.valid_until else "—"}
    )


def _pending(actor: User, application_id: int, seen_version: int) -> DifficultyApplication:
    application = access_application(actor, application_id, permission=DECIDE)
    advance_version(application, seen=seen_version)
    if application.state != DifficultyState.PENDING:
        raise Invalid(_("这份申请已经作出认定，不能再次认定。"))
    if application.recorded_by_id == actor.pk:
        raise PermissionDenied(_("这份申请由您受理，须由另一名工作人员认定。"))
    return application


def _decided(actor: User, application: DifficultyApplication, action: DifficultyAction) -> None:
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save()
    changes: dict[str, list[object]] = {"state": [DifficultyState.PENDING, application.state]}
    if application.valid_from and application.valid_until:
        changes["valid_from"] = [None, application.valid_from.isoformat()]
        changes["valid_until"] = [None, application.valid_until.isoformat()]
    if application.reasons:
        changes["reasons"] = ["", TEXT_CHANGED]
    record_audit(
        actor=actor, kind=AuditKind.CHANGE, action=action, target=application, changes=changes
    )
    refresh_cases(person_ids=[application.person_id])


def recognise(
    *,
    actor: User,
    application_id: int,
    seen_version: int,
    valid_from: date,
    valid_until: date,
    reasons: str = "",
) -> DifficultyApplication:
    """Recognise the person as having employment difficulty from `valid_from` (not after today)
    to `valid_until` (typed by the decider: no period is shipped as a default); the registry
    flag opens from `valid_from`, or an open one is kept."""
    today = timezone.localdate()
    problems: dict[str, list[str]] = {}
    if valid_from > today:
        problems["valid_from"] = [_("有效期起始日不能晚于今天。")]
    if valid_until < max(valid_from, today):
        problems["valid_until"] = [_("有效期截止日不能早于起始日，也不能早于今天。")]
    if problems:
        raise FieldsInvalid(problems)
    with transaction.atomic():
        application = _pending(actor, application_id, seen_version)
        person = application.person
        flags = person.flags.filter(kind=FlagKind.EMPLOYMENT_DIFFICULTY, ended_on__isnull=True)
        flag = flags.first()
        if flag is None:
            flag = open_flag(
                actor=actor,
                person=person,
                kind=FlagKind.EMPLOYMENT_DIFFICULTY,
                on=valid_from,
                source=FLAG_SOURCE,
            )
        application.state = DifficultyState.RECOGNISED
        application.valid_from = valid_from
        application.valid_until = valid_until
        application.reasons = reasons.strip()[:1000]
        application.flag = flag
        _decided(actor, application, DifficultyAction.RECOGNISE)
    return application


def refuse(
    *, actor: User, application_id: int, seen_version: int, reasons: str
) -> DifficultyApplication:
    """Refuse the application, with the reasons the person is told."""
    if not reasons.strip():
        raise Invalid(_("不予认定时请写明理由。"), field="reasons")
    with transaction.atomic():
        application = _pending(actor, application_id, seen_version)
        application.state = DifficultyState.REFUSED
        application.reasons = reasons.strip()[:1000]
        _decided(actor, application, DifficultyAction.REFUSE)
    return application


def _end(
    actor: User | None,
    application: DifficultyApplication,
    *,
    on: date,
    state: DifficultyState,
    action: DifficultyAction,
    reason: str = "",
) -> None:
    """End the recognition and its flag on `on` (a merged record keeps its flag as it was)."""
    if application.flag_id is not None:
        # the flag may have been ended in the registry already, or the record merged
        with contextlib.suppress(DomainError):
            end_flag(actor=actor, person=application.person, flag_id=application.flag_id, on=on)
    application.state = state
    application.ended_on = on
    application.ended_by = actor
    application.end_reason = reason
    application.save()
    record_audit(
        actor=actor,
        kind=AuditKind.CHANGE,
        action=action,
        target=application,
        changes={"state": [DifficultyState.RECOGNISED, state], "ended_on": [None, on.isoformat()]},
        detail={"reason": reason} if reason else None,
    )


def revoke(
    *, actor: User, application_id: int, seen_version: int, on: date, reason: str
) -> DifficultyApplication:
    """End a recognition on `on` (from its start to today) for the reason given."""
    problems: dict[str, list[str]] = {}
    if not reason.strip():
        problems["reason"] = [_("请写明撤销的理由。")]
    if on > timezone.localdate():
        problems["on"] = [_("撤销日期不能晚于今天。")]
    if problems:
        raise FieldsInvalid(problems)
    with transaction.atomic():
        application = access_application(actor, application_id, permission=DECIDE)
        advance_version(application, seen=seen_version)
        if application.state != DifficultyState.RECOGNISED:
            raise Invalid(_("只有有效的认定可以撤销。"))
        assert application.valid_from is not None
        if on < application.valid_from:
            raise Invalid(
                _("撤销日期不能早于有效期起始日（%(day)s）。")
                % {"day": f"{application.valid_from:%Y-%m-%d}"},
                field="on",
            )
        _end(
            actor,
            application,
            on=on,
            state=DifficultyState.REVOKED,
            action=DifficultyAction.REVOKE,
            reason=reason.strip()[:300],
        )
        refresh_cases(person_ids=[application.person_id])
    return application


def expire_recognitions(*, region_code: str = "", on: date | None = None) -> int:
    """End every recognition of the region whose validity ended before `on` (today by default),
    with its flag on its last valid day; the system is the actor. How many."""
    day = min(on or timezone.localdate(), timezone.localdate())
    rows = DifficultyApplication.objects.filter(
        state=DifficultyState.RECOGNISED,
        valid_until__lt=day,
        person__county_code__startswith=region_code,
    ).select_related("person")
    ended = []
    with transaction.atomic():
        for application in rows.select_for_update(of=("self",)):
            assert application.valid_until is not None
            advance_version(application)
            _end(
                None,
                application,
                on=application.valid_until,
                state=DifficultyState.EXPIRED,
                action=DifficultyAction.EXPIRE,
            )
            ended.append(application.person_id)
        refresh_cases(person_ids=ended)
    return len(ended)


def open_proof(*, actor: User, application_id: int, proof_id: int) -> DifficultyProof:
    """A proof of an application the actor may see, the viewing audited; NotFound for anyone
    else (another county's staff) and for a proof of another application."""
    application = access_application(actor, application_id, permission=VIEW)
    proof = DifficultyProof.objects.filter(application=application, pk=proof_id).first()
    if proof is None:
        raise NotFound(_("没有找到该认定材料。"))
    record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=DifficultyAction.PROOF_VIEW,
        target=application,
        detail={"proof": proof.description},
    )
    return proof


def record_list_export(
    *, actor: User, rows: QuerySet[DifficultyApplication], filters: Mapping[str, object]
) -> None:
    """Log an export of the list of recognised persons, naming each person in it."""
    record = record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=DifficultyAction.EXPORT,
        target_type="support.difficultyapplication",
        detail={
            "rows": rows.count(),
            "validity": filters.get("validity") or "",
            "township": filters.get("township") or "",
        },
    )
    record_audit_persons(record, Person.objects.filter(pk__in=rows.values("person_id")))
