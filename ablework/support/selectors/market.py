"""The persons' entries of the matching contract's input (`../shared/domain/matching-contract.md`,
`persons`), built from their latest assessment and needs registration on a day, so the
database path of matching and `ablework match` read the same JSON.

- `home`: the registry keeps no coordinates of a person's address (it is encrypted personal
  data, never geocoded), so a person stands at their township's centre, else their county's
  (`core.models.Region` latitude and longitude; counties have theirs from the `cpca` package,
  townships none yet). A person whose township and county have no centre cannot be placed, and
  is left out with that reason.
- `max_hours_per_week`: the fewer of the hours the person wants a week (needs) and the hours a
  day they can work (assessment) over a five-day week. The five days are our working
  assumption, from the standard working week (国务院关于职工工作时间的规定, 1995, 第三条:
  每日 8 小时、每周 40 小时), not a rule on persons with disabilities.
- `needs`: the accommodations the assessment found they need at any workplace, with those they
  asked for when registering their needs, in the vocabulary's order.

`person_entries` reads many persons at once: their places in one query (none when given
`Person` objects), the latest assessment of each and the latest needs registration of each in
one query apiece, the centres in one — the same few queries for one person or a county's
thousands when the persons come as a queryset (a list is read CHUNK persons at a time).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from ablework.core.centres import first_centre, region_centres
from ablework.registry.models import Person
from ablework.support.models import Assessment, NeedsRegistration
from ablework.support.vocabulary import Accommodation

# Our working assumption (see above), not a legal parameter.
WORKDAYS_PER_WEEK = 5
# Persons given as a list (not a queryset) are read this many at a time: an IN list well
# under SQLite's limit on bound parameters.
CHUNK = 2000

ASSESSMENT_FIELDS = ("person_id", "abilities", "hours_per_day", "needs")
NEEDS_FIELDS = (
    "person_id",
    "commute_km",
    "accepts_remote",
    "hours_per_week",
    "wage_floor",
    "needs",
    "skills",
    "occupations",
)


@dataclass(frozen=True)
class PersonPlace:
    pk: int
    county_code: str
    township_code: str
    merged: bool


@dataclass(frozen=True)
class PersonSide:
    """The entries of the persons who can enter the market, in the order given, and the others
    as (person id, why not, in plain words)."""

    entries: list[dict[str, Any]]
    skipped: list[tuple[int, str]]


def _latest_rows(
    model: type[Any], persons: Any, on: date, fields: tuple[str, ...]
) -> dict[int, tuple[Any, ...]]:
    """Person id → the values of their latest record of `model` on or before `on` (one query)."""
    latest = (
        model._default_manager.filter(person=OuterRef("person"), on__lte=on)
        .order_by("-on", "-pk")
        .values("pk")[:1]
    )
    rows = model._default_manager.filter(person__in=persons, on__lte=on, pk=Subquery(latest))
    return {row[0]: row for row in rows.order_by().values_list(*fields)}


def _places(persons: Iterable[Person] | QuerySet[Person]) -> Iterator[list[PersonPlace]]:
    """The persons' places, CHUNK at a time (a queryset in one query, without decrypting)."""
    if isinstance(persons, QuerySet):
        rows = persons.values_list("pk", "county_code", "township_code", "merged_into_id")
        yield [
            PersonPlace(pk, county, township, merged is not None)
            for pk, county, township, merged in rows
        ]
        return
    chunk: list[PersonPlace] = []
    for person in persons:
        chunk.append(
            PersonPlace(
                person.pk,
                person.county_code,
                person.township_code,
                person.merged_into_id is not None,
            )
        )
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _missing_text(assessment: bool, needs: bool) -> str:
    if not assessment and not needs:
        return _("还没有职业能力评估和就业需求登记，无法匹配岗位")
    if not assessment:
        return _("还没有职业能力评估，无法匹配岗位")
    return _("还没有就业需求登记，无法匹配岗位")


def person_entries(persons: Iterable[Person] | QuerySet[Person], *, on: date) -> PersonSide:
    """The contract's `persons` entries of many persons as of `on`, in a bounded number of
    queries; those who cannot enter the market are skipped with the reason."""
    entries: list[dict[str, Any]] = []
    skipped: list[tuple[int, str]] = []
    for places in _places(persons):
        ids = persons.values("pk") if isinstance(persons, QuerySet) else [p.pk for p in places]
        assessments = _latest_rows(Assessment, ids, on, ASSESSMENT_FIELDS)
        needs = _latest_rows(NeedsRegistration, ids, on, NEEDS_FIELDS)
        centres = region_centres(
            code for place in places for code in (place.county_code, place.township_code)
        )
        for place in places:
            if place.merged:
                skipped.append((place.pk, _("该记录已合并到另一条记录，请打开合并后的记录")))
                continue
            assessment, wishes = assessments.get(place.pk), needs.get(place.pk)
            if assessment is None or wishes is None:
                skipped.append(
                    (place.pk, _missing_text(assessment is not None, wishes is not None))
                )
                continue
            home = first_centre((place.township_code, place.county_code), centres)
            if home is None:
                skipped.append(
                    (
                        place.pk,
                        _("所在乡镇（街道）和县（市、区）都没有中心坐标，无法计算通勤距离"),
                    )
                )
                continue
            entries.append(_entry(place.pk, home, assessment, wishes))
    return PersonSide(entries=entries, skipped=skipped)


def _entry(
    pk: int, home: dict[str, float] | None, assessment: tuple[Any, ...], wishes: tuple[Any, ...]
) -> dict[str, Any]:
    _pid, abilities, hours_per_day, assessed_needs = assessment
    _pid, commute_km, accepts_remote, hours_per_week, wage_floor, needs, skills, jobs = wishes
    tolerance = (Decimal(hours_per_day) * WORKDAYS_PER_WEEK).to_integral_value(ROUND_FLOOR)
    wanted = set(assessed_needs or ()) | set(needs or ())
    return {
        "id": str(pk),
        "home": home,
        "commute_km": commute_km,
        "accepts_remote": accepts_remote,
        "max_hours_per_week": min(hours_per_week, int(tolerance)),
        "wage_floor": format(Decimal(wage_floor).quantize(Decimal("0.01")), "f"),
        "abilities": dict(abilities or {}),
        "needs": [code for code in Accommodation.values if code in wanted],
        "skills": skills,
        "occupations": list(jobs or ()),
    }


def person_entry(person: Person, *, on: date) -> dict[str, Any] | None:
    """The contract's `persons` entry of the person as of `on`; None while they have no
    assessment or no needs registration (nothing to match on yet). `home` is null when neither
    their township nor their county has a centre."""
    assessment = _latest_rows(Assessment, [person.pk], on, ASSESSMENT_FIELDS).get(person.pk)
    wishes = _latest_rows(NeedsRegistration, [person.pk], on, NEEDS_FIELDS).get(person.pk)
    if assessment is None or wishes is None:
        return None
    centres = region_centres((person.township_code, person.county_code))
    home = first_centre((person.township_code, person.county_code), centres)
    return _entry(person.pk, home, assessment, wishes)
