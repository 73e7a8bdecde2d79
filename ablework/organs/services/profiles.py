"""A unit's supervising unit (主管单位) and state ownership (国有企业), kept by the federation's
administrators of the unit's area (`organs.notice`: the state-owned flag decides who is on the
public notice, the supervisor which units a supervising unit's accounts see). Each change names
the version the page was opened on — a unit with no profile yet stands at version 1 — and a
change over someone else's is refused (409) with what they saved. Every change is audited, with
the supervising unit by name."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import visible
from ablework.core.audit import record_audit
from ablework.core.errors import Invalid, NotFound
from ablework.core.models import AuditKind
from ablework.core.versioning import advance_version
from ablework.employers.models import Employer, EmployerKind
from ablework.organs.audit_actions import OrgansAction
from ablework.organs.models import UnitProfile

PROFILE_PERMISSION = Permission.ORGANS_NOTICE
SUPERVISED_KINDS = (EmployerKind.ORGAN, EmployerKind.INSTITUTION)
PROFILE_KINDS = (*SUPERVISED_KINDS, EmployerKind.ENTERPRISE)
PROFILE_VERSION_ACTIONS = (OrgansAction.PROFILE_UPDATE,)
# A chain of supervising units longer than this is not followed further (no real one is).
CHAIN_LIMIT = 20


@dataclass(frozen=True, kw_only=True)
class ProfileChange:
    """What the page submits: the supervising unit by name or credit code (blank: none), for an
    organ or institution; whether an enterprise is state-owned."""

    supervisor: str = ""
    state_owned: bool = False


def profile_units(actor: User) -> QuerySet[Employer]:
    """The units whose profile the actor keeps: organs, institutions and enterprises of the
    actor's area."""
    return visible(actor, Employer, permission=PROFILE_PERMISSION).filter(kind__in=PROFILE_KINDS)


def access_profile_unit(actor: User, employer_id: int) -> Employer:
    found = profile_units(actor).filter(pk=employer_id).first()
    if found is None:
        raise NotFound(_("没有找到该单位。"))
    return found


def profile_of(unit: Employer) -> UnitProfile:
    """The unit's profile, or an unsaved one with the defaults (no supervisor, not state-owned,
    version 1) when none was kept yet."""
    return UnitProfile.objects.filter(employer=unit).select_related("supervisor").first() or (
        UnitProfile(employer=unit)
    )


def _supervisor(actor: User, unit: Employer, text: str) -> Employer | None:
    """The organ or institution of the actor's area named (or whose credit code is) `text`."""
    text = text.strip()
    if not text:
        return None
    candidates = visible(actor, Employer, permission=PROFILE_PERMISSION).filter(
        kind__in=SUPERVISED_KINDS
    )
    found = list(candidates.filter(Q(uscc=text.upper()) | Q(name=text))[:5])
    by_code = [row for row in found if row.uscc == text.upper()]
    if by_code:
        found = by_code
    if not found:
        raise Invalid(
            _(
                "没有找到名称或统一社会信用代码为“%(text)s”的机关或事业单位（只能选择本辖区登记的单位）。"
            )
            % {"text": text},
            field="supervisor",
        )
    if len(found) > 1:
        raise Invalid(
            _("本辖区有多个名为“%(text)s”的机关或事业单位，请填写其统一社会信用代码。")
            % {"text": text},
            field="supervisor",
        )
    chosen = found[0]
    if chosen.pk == unit.pk:
        raise Invalid(_("单位不能是自己的主管单位。"), field="supervisor")
    _refuse_cycle(unit, chosen)
    return chosen


def _refuse_cycle(unit: Employer, chosen: Employer) -> None:
    """A unit may not be supervised by a unit it supervises itself, directly or further down."""
    above: int = chosen.pk
    for _step in range(CHAIN_LIMIT):
        found = (
            UnitProfile.objects.filter(employer_id=above)
            .values_list("supervisor_id", flat=True)
            .first()
        )
        if found is None:
            return
        above = found
        if above == unit.pk:
            raise Invalid(
                _("“%(name)s”是本单位直接或间接主管的单位，不能作为本单位的主管单位。")
                % {"name": chosen.name},
                field="supervisor",
            )


def _yes_no(value: bool) -> str:
    return _("是") if value else _("否")


def update_profile(
    *, actor: User, employer_id: int, change: ProfileChange, seen_version: int
) -> UnitProfile:
    """Set the unit's supervising unit (organs, institutions) or its state ownership
    (enterprises) on the version seen; StaleRecord (409) when another change came first.
    Nothing changed: nothing is written."""
    unit = access_profile_unit(actor, employer_id)
    supervised = unit.kind in SUPERVISED_KINDS
    supervisor = _supervisor(actor, unit, change.supervisor) if supervised else None
    with transaction.atomic():
        try:
            with transaction.atomic():
                profile, _created = UnitProfile.objects.get_or_create(employer=unit)
        except IntegrityError:  # created by another request in between
            profile = UnitProfile.objects.get(employer=unit)
        old_supervisor = profile.supervisor.name if profile.supervisor else ""
        changes: dict[str, list[str]] = {}
        if supervised and profile.supervisor_id != (supervisor.pk if supervisor else None):
            changes["supervisor"] = [old_supervisor, supervisor.name if supervisor else ""]
            profile.supervisor = supervisor
        if not supervised and profile.state_owned != change.state_owned:
            changes["state_owned"] = [_yes_no(profile.state_owned), _yes_no(change.state_owned)]
            profile.state_owned = change.state_owned
        if not changes:
            return profile
        advance_version(profile, seen=seen_version)
        profile.save(update_fields=["supervisor", "state_owned", "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=OrgansAction.PROFILE_UPDATE,
            target=profile,
            target_label=unit.name,
            changes=changes,
        )
    return profile
