"""Access to persons: every query is scoped by the actor's region, organisation or consent."""

from __future__ import annotations

from collections.abc import Collection

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.audit import note_shown
from ablework.core.errors import NotFound
from ablework.registry.models import Person


def persons_visible_to(
    actor: User, *, permission: Permission = Permission.PERSONS_VIEW
) -> QuerySet[Person]:
    """The persons the actor may see with `permission`; NotFound when they have none."""
    return visible(actor, Person, permission=permission)


def access_person(
    actor: User, person_id: int, *, permission: Permission = Permission.PERSONS_VIEW
) -> Person:
    """The person, or NotFound — the same answer for "absent" and "not yours". Inside a view
    wearing `shows_persons` (registry/viewing.py) the response then logs a view of them."""
    person = access_one(
        actor,
        Person,
        person_id,
        permission=permission,
        not_found_message=_("没有找到该残疾人记录。"),
    )
    return note_shown(person)


def access_persons(
    actor: User, person_ids: Collection[int], *, permission: Permission = Permission.PERSONS_EDIT
) -> QuerySet[Person]:
    """The chosen persons, or NotFound when any of them is absent or not the actor's."""
    chosen = persons_visible_to(actor, permission=permission).filter(pk__in=set(person_ids))
    if not person_ids or chosen.count() != len(set(person_ids)):
        raise NotFound(_("没有找到所选的残疾人记录。"))
    return chosen


def jurisdiction_of(user: User) -> str:
    """The region whose rules apply to the user's work (the national rules when none)."""
    return user.region.code if user.region_id and user.region else ""
