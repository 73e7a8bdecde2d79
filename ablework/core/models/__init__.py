from ablework.core.models.audit import AuditKind, AuditRecord
from ablework.core.models.base import TimestampedModel
from ablework.core.models.fields import EncryptedTextField
from ablework.core.models.regions import Region, RegionLevel

__all__ = [
    "AuditKind",
    "AuditRecord",
    "EncryptedTextField",
    "Region",
    "RegionLevel",
    "TimestampedModel",
]
