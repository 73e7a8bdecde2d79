"""Who may see and act on which batches: the importer's colleagues in the same region and
those above them; everyone else gets "not found"."""

from __future__ import annotations

from django.db.models import QuerySet

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, scope_of
from ablework.core.errors import NotFound
from ablework.exchange.models import ComparisonProposal, ImportBatch


def batches_visible_to(actor: User) -> QuerySet[ImportBatch]:
    """Batches uploaded inside the actor's region (all of them for a system administrator)."""
    require_permission(actor, Permission.PERSONS_EDIT)
    scope = scope_of(actor)
    if scope.everywhere:
        return ImportBatch.objects.all()
    if scope.region_prefix is None:
        return ImportBatch.objects.none()
    return ImportBatch.objects.filter(scope.region_q("scope_code"))


def access_batch(actor: User, batch_id: int) -> ImportBatch:
    """The batch, or NotFound — the same answer for "absent" and "not yours"."""
    batch = batches_visible_to(actor).select_related("uploaded_by").filter(pk=batch_id).first()
    if batch is None:
        raise NotFound("没有找到该导入批次。")
    return batch


def proposals_visible_to(actor: User, batch: ImportBatch) -> QuerySet[ComparisonProposal]:
    """A batch's proposals about persons in the actor's area, in row order."""
    require_permission(actor, Permission.PERSONS_EDIT)
    return (
        batch.proposals.filter(scope_of(actor).region_q("county_code"))
        .select_related("person", "decided_by")
        .order_by("row_number", "id")
    )
