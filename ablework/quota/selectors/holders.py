"""The registry persons holding a roster's certificate numbers, with the levy year's months of
their dated certificate history."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ablework.registry.certificates import CertificateState, MonthReason
from ablework.registry.models import CertificateEvent, Person
from ablework.registry.selectors.certificates import certificate_months, persons_by_certificate


@dataclass(frozen=True)
class Holder:
    """What the check needs of a registry person (read in a constant number of queries for the
    whole roster): who, and the 12 months of the levy year from the dated certificate history."""

    person_id: int
    name: str
    sex: str
    birth_date: date
    retirement_base_age: int | None
    months: list[CertificateState]
    # The lookup hashes of every number the person's certificate has carried (a reassessment
    # renumbers it), so a month another employer counted under either number is seen.
    numbers: frozenset[str] = frozenset()

    def month(self, month: int) -> CertificateState:
        return self.months[month - 1]


def not_valid_reason(state: CertificateState) -> str:
    """The month-specific reason a month of the history is not valid, for the message."""
    if state.reason is MonthReason.NOT_ISSUED:
        return _("证件尚未核发")
    if state.reason is MonthReason.REVOKED:
        return _("证件已注销")
    if state.reason is MonthReason.DEAD:
        return _("持证人已死亡")
    if state.valid_until is not None:
        return _("证件已于 %(until)s 过期") % {"until": state.valid_until.isoformat()}
    return _("证件已过期")


def holders_of(hashes: set[str], levy_year: int) -> dict[str, Holder]:
    """The registry's active persons holding these certificate numbers, now or before a
    reassessment renumbered them, each with the year's months from the dated certificate history
    (`registry.selectors.certificates`) and all its numbers: five or six queries whatever the
    number of lines."""
    by_hash = persons_by_certificate(hashes)
    ids = set(by_hash.values())
    states = certificate_months(levy_year, person_ids=ids)
    persons = {
        row[0]: row[1:]
        for row in Person.objects.filter(pk__in=ids).values_list(
            "pk", "name", "sex", "birth_date", "retirement_base_age", "certificate_hash"
        )
    }
    numbers: dict[int, set[str]] = defaultdict(set)
    for person_id, row in persons.items():
        numbers[person_id].add(row[-1])  # the current number
    renumbered = CertificateEvent.objects.filter(person_id__in=ids).exclude(certificate_hash="")
    for person_id, digest in renumbered.values_list("person_id", "certificate_hash"):
        numbers[person_id].add(digest)
    return {
        digest: Holder(
            person_id,
            *persons[person_id][:4],
            months=states[person_id],
            numbers=frozenset(numbers[person_id]),
        )
        for digest, person_id in by_hash.items()
        if person_id in persons and person_id in states
    }
