"""A new person's column values, built straight from a checked row (no model instance: an
import creates a county's registry at a time). The protected columns come from
`registry.services.persons.identity_columns`, as `fill_protected_columns` sets them; a test
holds the two together."""

from __future__ import annotations

from typing import Any

from ablework.registry.services.persons import identity_columns


def protected_columns(
    *, resident_id: str, resident_id_hash: str, certificate: str, phone: str, address: str
) -> dict[str, Any]:
    """The encrypted values (encrypted when written) with their lookup and masked columns."""
    return {
        "resident_id": resident_id,
        **identity_columns("resident_id", resident_id, lookup=resident_id_hash),
        "certificate_number": certificate,
        **identity_columns("certificate_number", certificate),
        "phone": phone,
        **identity_columns("phone", phone),
        "address": address,
        **identity_columns("address", address),
    }
