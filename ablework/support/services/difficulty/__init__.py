"""Writes of employment difficulty (就业困难认定), each in one transaction with its audit record
and a refresh of the person's queue row (whose 就业困难人员 filter reads the registry flag).

- `apply` records an application for a person of the actor's area: the criteria claimed (from
  the list in force for their place), the circumstances, the proofs (each file checked before
  anything is saved; a bad one refuses the whole application, nothing kept).
- `recognise` (support.decide, never the one who recorded it: maker-checker) sets the validity
  and opens the registry flag 就业困难人员 from `valid_from`; `refuse` needs the reasons.
- `revoke` ends a recognition early with the reason, and its flag the same day;
  `expire_recognitions` (the daily refresh, the system as actor) ends those whose validity has
  passed, their flags on the last valid day.

Every write after the application names the version the page was opened on (`seen_version`,
core.versioning): a decision over another's is refused (409)."""

from ablework.support.services.difficulty.applying import PROOF_FOLDER, ProofUpload, apply
from ablework.support.services.difficulty.deciding import FLAG_SOURCE, recognise, refuse
from ablework.support.services.difficulty.ending import expire_recognitions, revoke
from ablework.support.services.difficulty.viewing import open_proof, record_list_export

__all__ = [
    "FLAG_SOURCE",
    "PROOF_FOLDER",
    "ProofUpload",
    "apply",
    "expire_recognitions",
    "open_proof",
    "recognise",
    "record_list_export",
    "refuse",
    "revoke",
]
