"""Access to units of concentrated employment: the federation's staff who review quota
declarations (`quota.review`) see the units of their region; anyone else gets 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.concentrated.models import ConcentratedUnit

# The staff who certify declarations also keep the units whose eligibility rests on them.
PERMISSION = Permission.QUOTA_REVIEW


def units_visible_to(actor: User) -> QuerySet[ConcentratedUnit]:
    """The units of the actor's region."""
    return visible(
        actor, ConcentratedUnit.objects.select_related("employer"), permission=PERMISSION
    )


def access_unit(actor: User, unit_id: int) -> ConcentratedUnit:
    """The unit, or NotFound for "absent" and "not yours" alike."""
    return access_one(
        actor,
        ConcentratedUnit.objects.select_related("employer"),
        unit_id,
        permission=PERMISSION,
        not_found_message=_("没有找到该集中就业单位。"),
    )
