from ablework.core.models.audit import AuditKind, AuditPerson, AuditRecord
from ablework.core.models.base import TimestampedModel
from ablework.core.models.fields import EncryptedTextField
from ablework.core.models.notifications import Notification
from ablework.core.models.regions import Region, RegionLevel

__all__ = [
    "AuditKind",
    "AuditPerson",
    "AuditRecord",
    "EncryptedTextField",
    "Notification",
    "Region",
    "RegionLevel",
    "TimestampedModel",
]
