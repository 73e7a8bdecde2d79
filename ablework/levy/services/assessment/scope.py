"""Who may assess what, and when: the region's code and prefix, the actor's permission and area,
and the levy year."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import Region

if TYPE_CHECKING:
    from ablework.accounts.models import User


def region_prefix_of(region_code: str) -> tuple[str, str]:
    """(the six-digit code, the prefix of the codes inside it) of a province, city or county; an
    empty code is the whole country."""
    if not region_code:
        return "", ""
    region = Region.objects.filter(code=region_code.strip()).first()
    if region is None or len(region.code) != 6:
        raise Invalid(
            _("区划代码“%(code)s”不是省、市或县级区划代码（例如 370800）。")
            % {"code": region_code},
            field="region",
        )
    return region.code, region.scope_prefix


def check_may_assess(actor: User | None, region_code: str) -> None:
    """The actor may assess the region: the permission, and the region inside theirs (404)."""
    if actor is None:
        return
    require_permission(actor, Permission.LEVY_ASSESS)
    if not scope_of(actor).covers_code(region_code or "") or (
        not region_code and not scope_of(actor).everywhere
    ):
        raise NotFound(_("没有找到该区划。"), field="region")


def check_levy_year(levy_year: int, on: date) -> None:
    """A levy year can be assessed once it has ended."""
    if levy_year >= on.year or levy_year < 2000:
        raise Invalid(
            _("%(year)s 年度尚未结束或不在征收期内，不能核定。") % {"year": levy_year},
            field="levy_year",
        )
