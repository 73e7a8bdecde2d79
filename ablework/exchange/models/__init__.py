from ablework.exchange.models.batches import (
    DEPARTMENT_KINDS,
    RUNNING_STATUSES,
    BatchKind,
    BatchStatus,
    CommitMode,
    ImportBatch,
    ImportProblem,
    RejectedRow,
)
from ablework.exchange.models.comparison import ComparisonProposal, ProposalChange, ProposalStatus

__all__ = [
    "DEPARTMENT_KINDS",
    "RUNNING_STATUSES",
    "BatchKind",
    "BatchStatus",
    "CommitMode",
    "ComparisonProposal",
    "ImportBatch",
    "ImportProblem",
    "ProposalChange",
    "ProposalStatus",
    "RejectedRow",
]
