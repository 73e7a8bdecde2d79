"""Access to employment services: every record is reached through its person's place (属地管理),
so a counsellor sees and records services only for the persons of their area; a person sees
their own, a family member those of the persons whose consent is recorded. "Absent" and "not
yours" get the same 404."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.errors import NotFound
from ablework.registry.access import access_person
from ablework.registry.models import Person
from ablework.support.models import DifficultyApplication, PersonRecord

VIEW = Permission.SUPPORT_VIEW
RECORD = Permission.SUPPORT_RECORD
SUPERVISE = Permission.SUPPORT_SUPERVISE
DECIDE = Permission.SUPPORT_DECIDE

R = TypeVar("R", bound=PersonRecord)

_NOT_FOUND = _("没有找到该服务记录。")


def worker_permission(user: User) -> Permission:
    """Counsellors and township workers work the queue and the escalations (RECORD);
    supervisors may open them to see who is missing (SUPERVISE), without their actions."""
    for permission in (RECORD, SUPERVISE):
        if user.is_authenticated and user.has_named_permission(permission):
            return permission
    raise NotFound(_("没有找到该页面或记录。"))


def person_for_support(actor: User, person_id: int, *, permission: Permission = VIEW) -> Person:
    """The person whose services the actor may see (or record, with RECORD), or NotFound."""
    return access_person(actor, person_id, permission=permission)


def records_visible_to(
    actor: User, model: type[R], *, permission: Permission = VIEW
) -> QuerySet[R]:
    """The records of `model` the actor may see with `permission`."""
    return visible(actor, model, permission=permission)


def access_record(
    actor: User, model: type[R], record_id: int, *, permission: Permission = VIEW
) -> R:
    """One record, or NotFound."""
    return access_one(
        actor, model, record_id, permission=permission, not_found_message=str(_NOT_FOUND)
    )


def access_application(
    actor: User, application_id: int, *, permission: Permission = VIEW
) -> DifficultyApplication:
    """One employment-difficulty application, or NotFound."""
    return access_one(
        actor,
        DifficultyApplication.objects.select_related("person", "recorded_by", "decided_by"),
        application_id,
        permission=permission,
        not_found_message=str(_("没有找到该就业困难认定申请。")),
    )
