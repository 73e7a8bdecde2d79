"""Access to indicators: staff see the figures of their own area and of the regions inside it,
never a neighbour's or their parent's ("absent" and "not yours" alike answer 404)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import NotFound
from ablework.core.models import Region, RegionLevel

VIEW = Permission.INDICATORS_VIEW
MANAGE = Permission.TARGETS_MANAGE
SHOWN_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


def access_region(actor: User, code: str, *, permission: Permission = VIEW) -> Region:
    """A region of the actor's area (province down to township), or NotFound."""
    require_permission(actor, permission)
    region = Region.objects.filter(code=code, level__in=SHOWN_LEVELS).first()
    if region is None or not scope_of(actor).covers_code(region.code):
        raise NotFound(_("没有找到该地区，或它不在您的管辖范围内。"))
    return region


def home_region(actor: User) -> Region | None:
    """The region an actor's dashboard opens on: their own (None for the system administrator,
    who chooses a province)."""
    return actor.region if actor.region is not None else None
