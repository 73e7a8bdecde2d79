"""Who may see and act on which batches: the importer's colleagues in the same region (a
township's, a county's …) and those above them, for the kinds of file their permissions cover;
everyone else gets "not found"."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.errors import NotFound
from ablework.exchange.importing.kinds import import_kinds
from ablework.exchange.models import DEPARTMENT_KINDS, ComparisonProposal, ImportBatch


def kinds_allowed(actor: User) -> list[str]:
    """The kinds of file the actor may import or compare (import kinds by their permission,
    department lists with the registry's edit permission)."""
    allowed = [kind.code for kind in import_kinds() if actor.has_named_permission(kind.permission)]
    if actor.has_named_permission(Permission.PERSONS_EDIT):
        allowed += sorted(DEPARTMENT_KINDS)
    return allowed


def batches_visible_to(actor: User) -> QuerySet[ImportBatch]:
    """Batches of the kinds the actor may use, uploaded inside the actor's region (all regions
    for a system administrator); NotFound for someone who may use none."""
    kinds = kinds_allowed(actor) if actor.is_authenticated else []
    if not kinds:
        raise NotFound(_("没有找到该页面或记录。"))
    return visible(actor, ImportBatch.objects.filter(kind__in=kinds), permission=None)


def access_batch(actor: User, batch_id: int) -> ImportBatch:
    """The batch, or NotFound — the same answer for "absent" and "not yours"."""
    return access_one(
        actor,
        batches_visible_to(actor).select_related("uploaded_by", "job"),
        batch_id,
        permission=None,
        not_found_message=_("没有找到该导入批次。"),
    )


def proposals_visible_to(actor: User, batch: ImportBatch) -> QuerySet[ComparisonProposal]:
    """A batch's proposals about persons in the actor's area, in row order."""
    proposals = visible(actor, batch.proposals.all(), permission=Permission.PERSONS_EDIT)
    return proposals.select_related("person", "decided_by").order_by("row_number", "id")
