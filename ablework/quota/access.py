"""Access to declarations: an employer user for its own employer only, staff for the employers
of their region (accounts/scope.py); "absent" and "not yours" get the same answer."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.audit import record_audit
from ablework.core.errors import NotFound
from ablework.core.models import AuditKind
from ablework.employers.access import require_declares_itself
from ablework.employers.models import Employer
from ablework.quota.audit_actions import QuotaAction
from ablework.quota.models import Declaration, LineMonth, RosterLine


def declaring_employer(actor: User | None, uscc: str) -> Employer:
    """The employer with this credit code for which the actor may declare (None: the system
    administrator at the server), or NotFound — the same for an unknown code and another's;
    Invalid for a branch that declares through its parent."""
    rows = (
        Employer.objects.all()
        if actor is None
        else visible(actor, Employer, permission=Permission.QUOTA_DECLARE)
    )
    found = rows.filter(uscc=uscc).first()
    if found is None:
        raise NotFound(_("没有找到统一社会信用代码为 %(uscc)s 的用人单位。") % {"uscc": uscc})
    require_declares_itself(found)  # a branch declares through its parent
    return found


def access_declaration(actor: User, declaration_id: int) -> Declaration:
    """A stored declaration the actor may see with `quota.declare` (its employer's users; staff
    of the employer's region), with its lines and months read in two more queries; the view is
    audited. NotFound otherwise — the same for a missing one and another employer's."""
    rows = Declaration.objects.select_related("employer").prefetch_related(
        Prefetch("lines", queryset=RosterLine.objects.order_by("line")),
        Prefetch("lines__months", queryset=LineMonth.objects.order_by("month")),
    )
    found = access_one(
        actor,
        rows,
        declaration_id,
        permission=Permission.QUOTA_DECLARE,
        not_found_message=_("没有找到该按比例就业申报。"),
    )
    record_audit(
        actor=actor,
        kind=AuditKind.VIEW,
        action=QuotaAction.DECLARATION_VIEW,
        target=found,
        target_label=f"{found.employer.name} {found.levy_year}",
        detail={"levy_year": found.levy_year},
    )
    return found


def access_for_review(actor: User, declaration_id: int) -> Declaration:
    """A declaration of the actor's region that the actor may review (`quota.review`), or
    NotFound — the same for a missing one, another region's, and a user who does not review."""
    return access_one(
        actor,
        Declaration.objects.select_related("employer"),
        declaration_id,
        permission=Permission.QUOTA_REVIEW,
        not_found_message=_("没有找到该按比例就业申报。"),
    )
