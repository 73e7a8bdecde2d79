"""The certificate history month by month, for the quota check (issue 10): set-based, a constant
number of queries however many persons (two for person ids, at most four from certificate
hashes)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from ablework.registry.certificates import CertificateState, events_from_record, month_states
from ablework.registry.models import CertificateEvent, Person


@dataclass(frozen=True)
class _Event:
    kind: str
    effective_on: date | None
    disability_category: int | None
    disability_grade: int | None
    valid_until: date | None


def _from_record(row: tuple[int, int, int, str, date | None, date]) -> list[_Event]:
    """A person with no history yet, read as registry/certificates.py `events_from_record`."""
    _pk, category, grade, status, valid_until, last_change = row
    return [
        _Event(
            kind=str(event["kind"]),
            effective_on=event["effective_on"],  # type: ignore[arg-type]
            disability_category=event["disability_category"],  # type: ignore[arg-type]
            disability_grade=event["disability_grade"],  # type: ignore[arg-type]
            valid_until=event["valid_until"],  # type: ignore[arg-type]
        )
        for event in events_from_record(
            category=category,
            grade=grade,
            status=status,
            valid_until=valid_until,
            last_change=last_change,
        )
    ]


def persons_by_certificate(certificate_hashes: Iterable[str]) -> dict[str, int]:
    """Certificate lookup hash → the active person holding that number, now or before a
    reassessment renumbered it (two queries)."""
    hashes = {h for h in certificate_hashes if h}
    found = dict(
        Person.objects.filter(certificate_hash__in=hashes, merged_into__isnull=True).values_list(
            "certificate_hash", "pk"
        )
    )
    older = CertificateEvent.objects.filter(
        certificate_hash__in=hashes - found.keys(), person__merged_into__isnull=True
    ).values_list("certificate_hash", "person_id")
    for certificate_hash, person_id in older:
        found.setdefault(certificate_hash, person_id)
    return found


def certificate_months(
    year: int,
    *,
    person_ids: Collection[int] = (),
    certificate_hashes: Collection[str] = (),
) -> dict[int, list[CertificateState]]:
    """{person id: the 12 months of `year`}: each month's state is valid or why not
    (not_issued / expired / revoked / dead), with the category and grade in force that month.

    The month rule is registry/certificates.py's (rules.md R3.4 "按月计算", R3.1): valid only
    if valid on every day of the month; category and grade those in force on its last day, so a
    reassessment changes the weight from the month it is dated in. Persons given by
    `certificate_hashes` are found with `persons_by_certificate`; unknown ones are left out."""
    ids = set(person_ids)
    if certificate_hashes:
        ids |= set(persons_by_certificate(certificate_hashes).values())
    events: dict[int, list[_Event]] = defaultdict(list)
    rows = (
        CertificateEvent.objects.filter(person_id__in=ids)
        .order_by("id")
        .values_list(
            "person_id",
            "kind",
            "effective_on",
            "disability_category",
            "disability_grade",
            "valid_until",
        )
    )
    for person_id, kind, on, category, grade, valid_until in rows:
        events[person_id].append(_Event(kind, on, category, grade, valid_until))
    records = Person.objects.filter(pk__in=ids).values_list(
        "pk",
        "disability_category",
        "disability_grade",
        "certificate_status",
        "certificate_valid_until",
        "updated_at__date",
    )
    return {
        row[0]: month_states(events.get(row[0]) or _from_record(row), year)  # type: ignore[arg-type]
        for row in records
    }
