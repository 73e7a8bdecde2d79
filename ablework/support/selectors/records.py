"""Reading a person's records of the "四个一": the cycle's four with the day each was last
given, every record newest first, and the latest assessment and needs in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ablework.registry.models import Person
from ablework.support.models import (
    Assessment,
    AssessmentMethod,
    CycleCase,
    InformationCheck,
    NeedsRegistration,
    PersonRecord,
    Pillar,
    ServiceRecord,
)
from ablework.support.vocabulary import Ability, Accommodation, Demand

RECORD_MODELS: tuple[type[PersonRecord], ...] = (
    InformationCheck,
    Assessment,
    NeedsRegistration,
    ServiceRecord,
)
# The URL name of each pillar's form
RECORD_PAGES = {
    Pillar.CHECK: "support:record_check",
    Pillar.ASSESSMENT: "support:record_assessment",
    Pillar.NEEDS: "support:record_needs",
    Pillar.SERVICE: "support:record_service",
}


@dataclass(frozen=True)
class PillarState:
    pillar: Pillar
    last_on: date | None
    count: int
    url_name: str


@dataclass(frozen=True)
class RecordRow:
    """One record in the person's history, in words."""

    record: PersonRecord
    pillar: Pillar
    what: str
    url_name: str

    @property
    def overdue(self) -> bool:
        return isinstance(self.record, ServiceRecord) and is_overdue(self.record)


@dataclass(frozen=True)
class PersonHistory:
    pillars: list[PillarState]
    rows: list[RecordRow]
    assessment: Assessment | None
    needs: NeedsRegistration | None


def latest(model: type[Any], person: Person) -> Any:
    """The person's latest record of `model` (by its day, then by when it was written)."""
    return model.objects.filter(person=person).order_by("-on", "-pk").first()


def is_overdue(service: ServiceRecord, *, on: date | None = None) -> bool:
    on = on or timezone.localdate()
    return bool(service.next_step and service.next_due and service.next_due < on)


def person_history(person: Person) -> PersonHistory:
    """Everything of the person's 四个一, in four queries (one per kind of record)."""
    per_model: dict[type[PersonRecord], list[Any]] = {
        model: list(
            model._default_manager.filter(person=person)
            .select_related("recorded_by")
            .order_by("-on", "-pk")
        )
        for model in RECORD_MODELS
    }
    pillars = [
        PillarState(
            pillar=Pillar(model.pillar),  # type: ignore[attr-defined]
            last_on=records[0].on if records else None,
            count=len(records),
            url_name=RECORD_PAGES[Pillar(model.pillar)],  # type: ignore[attr-defined]
        )
        for model, records in per_model.items()
    ]
    rows = [
        RecordRow(
            record=record,
            pillar=Pillar(model.pillar),  # type: ignore[attr-defined]
            what=describe(record),
            url_name=RECORD_PAGES[Pillar(model.pillar)] + "_correct",  # type: ignore[attr-defined]
        )
        for model, records in per_model.items()
        for record in records
    ]
    rows.sort(key=lambda row: (row.record.on, row.record.created_at), reverse=True)
    assessments, needs = per_model[Assessment], per_model[NeedsRegistration]
    return PersonHistory(
        pillars=pillars,
        rows=rows,
        assessment=assessments[0] if assessments else None,
        needs=needs[0] if needs else None,
    )


def describe(record: PersonRecord) -> str:
    """One line saying what the record is, in words."""
    if isinstance(record, InformationCheck):
        wants = {True: _("有就业意愿"), False: _("暂无就业意愿"), None: _("未表态")}
        text = _("%(channel)s核对；就业意愿：%(wants)s") % {
            "channel": record.get_channel_display(),
            "wants": wants[record.wants_work],
        }
        return text + (
            _("；更正：%(changes)s") % {"changes": record.changes} if record.changes else ""
        )
    if isinstance(record, Assessment):
        return _("建议：%(pathway)s；每天可工作 %(hours)s 小时") % {
            "pathway": record.get_pathway_display(),
            "hours": record.hours_per_day,
        }
    if isinstance(record, NeedsRegistration):
        return _("希望从事：%(occupations)s；每周最多 %(hours)d 小时；月工资不低于 %(wage)s 元") % {
            "occupations": "、".join(record.occupations) or _("未填写"),
            "hours": record.hours_per_week,
            "wage": record.wage_floor,
        }
    assert isinstance(record, ServiceRecord)
    text = _("%(kind)s（%(channel)s）：%(result)s") % {
        "kind": record.get_kind_display(),
        "channel": record.get_channel_display(),
        "result": record.get_result_display(),
    }
    if record.next_step:
        text += _("；下一步：%(step)s，期限 %(due)s") % {
            "step": record.next_step,
            "due": f"{record.next_due:%Y-%m-%d}" if record.next_due else "—",
        }
    return text


def ability_words(abilities: Mapping[str, Any]) -> list[tuple[str, str]]:
    """Each task demand with the person's ability in words, in the vocabulary's order."""
    rows = []
    for demand in Demand:
        value = abilities.get(demand.value, Ability.CAN)
        if isinstance(value, Mapping):
            text = _("借助%(with)s能胜任") % {
                "with": _("或").join(accommodation_labels(value.get(Ability.WITH, [])))
            }
        else:
            text = str(Ability(value).label)
        rows.append((str(demand.label), text))
    return rows


def accommodation_labels(codes: Sequence[str]) -> list[str]:
    return [str(Accommodation(code).label) for code in codes if code in Accommodation.values]


def method_labels(codes: Sequence[str]) -> list[str]:
    return [str(AssessmentMethod(code).label) for code in codes if code in AssessmentMethod.values]


def recent_persons(cases: QuerySet[CycleCase], *, year: int, limit: int = 5) -> list[CycleCase]:
    """The last few persons served in `cases` (already scoped) this cycle, the latest service's
    next steps past their due date first: what a counsellor's home card links to. Read from the
    cycle rows, which keep each person's latest service (`refresh_cases` after every record):
    two pages of an index, whatever the number of services."""
    today = timezone.localdate()
    rows = cases.filter(year=year).select_related("person").only("person__name", *_CARD)
    overdue = rows.filter(last_next_due__lt=today).exclude(last_next_step="")
    chosen: list[CycleCase] = []
    seen: set[int] = set()
    for case in [
        *overdue.order_by("last_next_due", "pk")[:limit],
        *rows.filter(last_service_on__isnull=False).order_by("-last_service_on", "-pk")[:limit],
    ]:
        if case.person_id not in seen and len(chosen) < limit:
            seen.add(case.person_id)
            chosen.append(case)
    return chosen


_CARD = ("person_id", "year", "last_service_on", "last_next_step", "last_next_due")
