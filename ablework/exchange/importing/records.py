"""A new person's column values, built straight from a checked row (no model instance: an
import creates a county's registry at a time). The protected columns are derived exactly as
`registry.services.fill_protected_columns` derives them; a test holds the two together."""

from __future__ import annotations

from typing import Any

from ablework.core.crypto import lookup_hash
from ablework.core.masking import mask_address, mask_identifier, mask_phone


def protected_columns(
    *, resident_id: str, resident_id_hash: str, certificate: str, phone: str, address: str
) -> dict[str, Any]:
    """The encrypted values (encrypted when written) with their lookup and masked columns."""
    return {
        "resident_id": resident_id,
        "resident_id_hash": resident_id_hash,
        "resident_id_masked": mask_identifier(resident_id),
        "certificate_number": certificate,
        "certificate_hash": lookup_hash(certificate) if certificate else "",
        "certificate_masked": mask_identifier(certificate) if certificate else "",
        "phone": phone,
        "phone_masked": mask_phone(phone),
        "address": address,
        "address_masked": mask_address(address),
    }


def label_of(values: dict[str, Any]) -> str:
    """How the audit trail names a person (as `Person.__str__` does)."""
    return f"{values['name']}（{values['resident_id_masked']}）"
