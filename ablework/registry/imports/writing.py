"""Writing a chunk's plan: through the registry's bulk service, naming the batch and its file."""

from __future__ import annotations

from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import ChunkPlan
from ablework.registry.services.bulk import Origin, write_planned_persons


def write_plan(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Write what the plan says, in the import's transaction."""
    origin = Origin(
        actor=ctx.actor,
        source=ctx.source_label,
        detail=ctx.audit_detail,
    )
    write_planned_persons(planned=plan.planned, origin=origin)
