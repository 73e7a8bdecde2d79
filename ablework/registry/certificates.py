"""What a person's dated certificate history says on a day and in each month of a year: pure
functions over the events (registry/models.py CertificateEvent), with no database, so the
services (the person's current fields) and the quota check's selector read it the same way.

The month rule (rules.md R3.4, "用人单位安排残疾人就业人数按月计算" with weight and eligibility
"valid in that month"; R3.1 "the certificate must be valid"):

- a month is **valid** only if the certificate is valid on every day of it: issued on or before
  the 1st, valid-until on or after the last day, not revoked and the holder alive to its end.
  A month in which the certificate was issued, expired, was revoked or its holder died is not
  counted, and says why (the contract's `certificate_not_valid_in_month`);
- the **category and grade** of a month are those in force on its last day: a reassessment
  "changes the weight from that month" (R3.4), the month it is dated in included.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from typing import Any, Protocol


class MonthReason(StrEnum):
    """Why a certificate was not valid (on a day or in a month)."""

    VALID = "valid"
    NOT_ISSUED = "not_issued"
    EXPIRED = "expired"
    REVOKED = "revoked"
    DEAD = "dead"


class EventFacts(Protocol):
    """The fields of a CertificateEvent this module reads (a model instance or a row)."""

    kind: str
    effective_on: date | None
    disability_category: int | None
    disability_grade: int | None
    valid_until: date | None


@dataclass(frozen=True)
class CertificateState:
    """The certificate on one day: `reason` is VALID or why not; category and grade are the
    last ones set (kept after an expiry, so a message can still name them)."""

    reason: MonthReason
    category: int | None
    grade: int | None
    valid_until: date | None

    @property
    def valid(self) -> bool:
        return self.reason is MonthReason.VALID


@dataclass(frozen=True)
class _Facts:
    issued: bool = False
    revoked: bool = False
    dead: bool = False
    category: int | None = None
    grade: int | None = None
    valid_until: date | None = None


# How the history reads a record that has none yet (the data migration 0009 reads existing
# records the same way): the certificate issued before the records, with the record's category,
# grade and valid-until; a revocation or death nobody dated, from the record's last change (it
# had happened by then at the latest); an "expired" status with no date, expired since then.
UNDATED_ENDING = "日期不详：按该记录最后修改的日期（最迟在此日）"
UNDATED_ISSUE = "发证日期不详：登记前已持证"


def events_from_record(
    *,
    category: int,
    grade: int,
    status: str,
    valid_until: date | None,
    last_change: date,
) -> list[dict[str, object]]:
    """The events (CertificateEvent field values) a record without history stands for."""
    if status == "expired" and valid_until is None:
        valid_until = last_change
    events: list[dict[str, object]] = [
        {
            "kind": "issued",
            "effective_on": None,
            "disability_category": category,
            "disability_grade": grade,
            "valid_until": valid_until,
            "source_detail": UNDATED_ISSUE,
        }
    ]
    ending = {"revoked": "revoked", "deceased": "holder_died"}.get(status)
    if ending:
        events.append(
            {
                "kind": ending,
                "effective_on": last_change,
                "disability_category": None,
                "disability_grade": None,
                "valid_until": None,
                "source_detail": UNDATED_ENDING,
            }
        )
    return events


# The person's fields the certificate history follows (its number through these two columns).
CERTIFICATE_FIELDS = (
    "certificate_hash",
    "certificate_masked",
    "disability_category",
    "disability_grade",
    "certificate_status",
    "certificate_valid_until",
)


def events_from_change(
    before: Mapping[str, Any], after: Mapping[str, Any], *, on: date
) -> list[dict[str, Any]]:
    """The events (CertificateEvent field values) a direct change of a record's certificate
    fields (CERTIFICATE_FIELDS, old → new; an import row, the edit form) means, from `on`: a new
    category or grade is a reassessment (with its new number), a new valid-until a renewal, the
    status 已注销 or 已死亡 a revocation or the holder's death, 有效 after 已注销 a new issue."""
    events: list[dict[str, Any]] = []
    reassessed = (after["disability_category"], after["disability_grade"]) != (
        before["disability_category"],
        before["disability_grade"],
    )
    renewed = after["certificate_valid_until"] != before["certificate_valid_until"]
    if reassessed:
        events.append(
            {
                "kind": "reassessed",
                "effective_on": on,
                "disability_category": after["disability_category"],
                "disability_grade": after["disability_grade"],
                "valid_until": after["certificate_valid_until"] if renewed else None,
                "certificate_hash": after["certificate_hash"],
                "certificate_masked": after["certificate_masked"],
            }
        )
    elif renewed and after["certificate_valid_until"] is not None:
        events.append(
            {"kind": "renewed", "effective_on": on, "valid_until": after["certificate_valid_until"]}
        )
    status, was = after["certificate_status"], before["certificate_status"]
    if status != was:
        kind = {"revoked": "revoked", "deceased": "holder_died"}.get(status)
        if kind is None and status == "valid" and was == "revoked":
            kind = "issued"
        if kind is not None:
            events.append({"kind": kind, "effective_on": on})
    return events


def _apply(facts: _Facts, event: EventFacts) -> _Facts:
    if event.kind in ("issued", "reassessed", "renewed"):
        return replace(
            facts,
            issued=facts.issued or event.kind == "issued",
            revoked=facts.revoked and event.kind != "issued",
            category=event.disability_category or facts.category,
            grade=event.disability_grade or facts.grade,
            valid_until=event.valid_until or facts.valid_until,
        )
    if event.kind == "revoked":
        return replace(facts, revoked=True)
    if event.kind == "holder_died":
        return replace(facts, dead=True)
    raise ValueError(f"unknown certificate event kind {event.kind!r}")


def _ordered(events: Iterable[EventFacts]) -> list[EventFacts]:
    """Undated (issued before the records) first, then by date; the input order breaks ties
    (callers pass them by id, the order they were recorded)."""
    return sorted(events, key=lambda e: (e.effective_on is not None, e.effective_on or date.min))


def _state(facts: _Facts, day: date) -> CertificateState:
    if facts.dead:
        reason = MonthReason.DEAD
    elif facts.revoked:
        reason = MonthReason.REVOKED
    elif not facts.issued:
        reason = MonthReason.NOT_ISSUED
    elif facts.valid_until is not None and day > facts.valid_until:
        reason = MonthReason.EXPIRED
    else:
        reason = MonthReason.VALID
    return CertificateState(reason, facts.category, facts.grade, facts.valid_until)


def _facts_on(ordered: Sequence[EventFacts], day: date) -> _Facts:
    facts = _Facts()
    for event in ordered:
        if event.effective_on is not None and event.effective_on > day:
            break
        facts = _apply(facts, event)
    return facts


def state_on(events: Iterable[EventFacts], day: date) -> CertificateState:
    """The certificate on `day`, from all its events."""
    return _state(_facts_on(_ordered(events), day), day)


def _changes_within(ordered: Sequence[EventFacts], first: date, last: date) -> list[date]:
    """The days after `first` up to `last` on which the state can change: an event's date, or
    the day after a valid-until date."""
    days = set()
    for event in ordered:
        for day in (event.effective_on, event.valid_until and event.valid_until + timedelta(1)):
            if day is not None and first < day <= last:
                days.add(day)
    return sorted(days)


def month_states(events: Iterable[EventFacts], year: int) -> list[CertificateState]:
    """The twelve months of `year`, by the rule in this module's docstring."""
    ordered = _ordered(events)
    new_year, year_end = date(year, 1, 1), date(year, 12, 31)
    if not _changes_within(ordered, new_year, year_end):
        # Nothing happens to the certificate during the year (most persons): one state for
        # every month, worked out once.
        return [_state(_facts_on(ordered, new_year), new_year)] * 12
    months = []
    for month in range(1, 13):
        first = date(year, month, 1)
        last = date(year, month, calendar.monthrange(year, month)[1])
        start = _state(_facts_on(ordered, first), first)
        end = _state(_facts_on(ordered, last), last)
        invalid = next(
            (
                state
                for day in (first, *_changes_within(ordered, first, last))
                if not (state := _state(_facts_on(ordered, day), day)).valid
            ),
            None,
        )
        if invalid is None:
            months.append(end)
        else:
            # Not valid the whole month: why it is not valid at its end, or (issued or renewed
            # during the month) why it was not valid at its start.
            # The date a message gives is that state's own (expired on 30 April, renewed on
            # 10 June: June says "expired on 30 April", not the renewed certificate's end).
            why = end if not end.valid else start
            if why.valid:  # a gap inside the month (expired, then renewed)
                why = invalid
            months.append(replace(end, reason=why.reason, valid_until=why.valid_until))
    return months
