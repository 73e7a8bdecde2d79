"""The decision on a pending application (support.decide, never the one who recorded it:
maker-checker): `recognise` sets the validity and opens the registry flag 就业困难人员 from
`valid_from`; `refuse` needs the reasons. Each names the version the page was opened on."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import TEXT_CHANGED, record_audit
from ablework.core.errors import FieldsInvalid, Invalid, PermissionDenied
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.registry.models import FlagKind
from ablework.registry.services.circumstances import open_flag
from ablework.support.access import DECIDE, access_application
from ablework.support.audit_actions import DifficultyAction
from ablework.support.models import DifficultyApplication, DifficultyState
from ablework.support.services.cases import refresh_cases

FLAG_SOURCE = "就业困难认定"


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
