"""An application for recognition of employment difficulty: the criteria claimed (from the
list in force for the person's place), the circumstances, the proofs (each file checked before
anything is saved; a bad one refuses the whole application, nothing kept); one open application
or recognition per person."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import Conflict, FieldsInvalid, Invalid
from ablework.core.models import AuditKind
from ablework.core.proof_files import (
    check_proof_file,
    delete_proof_file,
    original_name,
    read_head,
    store_proof_file,
)
from ablework.registry.models import Person
from ablework.support.access import RECORD, person_for_support
from ablework.support.audit_actions import DifficultyAction
from ablework.support.models import DifficultyApplication, DifficultyProof, DifficultyState
from ablework.support.selectors.difficulty import criteria_for

PROOF_FOLDER = "support/difficulty"


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
