"""Who sees which unit's mandate, plan and notice (accounts/scope.py): staff the units of their
region; an employer account its own unit and the units its unit supervises (their
`UnitProfile.supervisor`); "absent" and "not yours" get the same answer."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import Binding, access_one, scope_of, visible
from ablework.core.errors import NotFound
from ablework.employers.models import PUBLIC_KINDS, Employer
from ablework.organs.models import NoticeAppeal, PlacementPlan, PublicNotice, UnitProfile


def units_visible_to(
    actor: User, *, permission: Permission = Permission.ORGANS_VIEW
) -> QuerySet[Employer]:
    """The organs and institutions the actor may see: those of their region (staff), or their
    own unit and the units it supervises (an employer account)."""
    own = visible(actor, Employer, permission=permission)
    rows = own
    if scope_of(actor).binding == Binding.EMPLOYER:
        supervised = visible(actor, UnitProfile, permission=permission).values("employer_id")
        rows = Employer.objects.filter(Q(pk__in=own.values("pk")) | Q(pk__in=supervised))
    return rows.filter(kind__in=PUBLIC_KINDS)


def access_unit(
    actor: User, employer_id: int, *, permission: Permission = Permission.ORGANS_VIEW
) -> Employer:
    """One organ or institution the actor may see, or NotFound."""
    found = units_visible_to(actor, permission=permission).filter(pk=employer_id).first()
    if found is None:
        raise NotFound(_("没有找到该单位。"))
    return found


def plans_visible_to(actor: User) -> QuerySet[PlacementPlan]:
    """The work plans of the units the actor may see."""
    return PlacementPlan.objects.filter(employer__in=units_visible_to(actor))


def notices_visible_to(actor: User) -> QuerySet[PublicNotice]:
    """The notices of the staff's region (a city's staff also see their counties')."""
    return visible(actor, PublicNotice, permission=Permission.ORGANS_NOTICE)


def access_notice(actor: User, notice_id: int) -> PublicNotice:
    """One notice of the staff's region, or NotFound."""
    return access_one(
        actor,
        PublicNotice,
        notice_id,
        permission=Permission.ORGANS_NOTICE,
        not_found_message=_("没有找到该公示。"),
    )


def access_appeal(actor: User, notice: PublicNotice, appeal_id: int) -> NoticeAppeal:
    """One appeal to a notice the actor may handle, or NotFound."""
    found = (
        visible(actor, NoticeAppeal, permission=Permission.ORGANS_NOTICE)
        .filter(notice=notice, pk=appeal_id)
        .first()
    )
    if found is None:
        raise NotFound(_("没有找到该异议。"))
    return found
