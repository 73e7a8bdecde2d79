"""The end of a recognition: `revoke` ends one early with the reason, and its flag the same
day; `expire_recognitions` (the daily refresh, the system as actor) ends those whose validity
has passed, their flags on the last valid day."""

from __future__ import annotations

import contextlib
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.core.audit import record_audit
from ablework.core.errors import DomainError, FieldsInvalid, Invalid
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.registry.services.circumstances import end_flag
from ablework.support.access import DECIDE, access_application
from ablework.support.audit_actions import DifficultyAction
from ablework.support.models import DifficultyApplication, DifficultyState
from ablework.support.services.cases import refresh_cases


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
