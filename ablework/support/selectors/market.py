"""The person's entry of the matching contract's input (`../shared/domain/matching-contract.md`,
`persons`), built from their latest assessment and needs registration on a day, so the
database path of matching and `ablework match` read the same JSON.

- `home`: the registry keeps no coordinates, neither of a person's address nor of regions
  (`core.models.Region` has code, name, level and parent only), so there is no township's or
  county's centre to fall back on: `home` is null until regions carry their centres.
- `max_hours_per_week`: the fewer of the hours the person wants a week (needs) and the hours a
  day they can work (assessment) over a five-day week. The five days are our working
  assumption, from the standard working week (国务院关于职工工作时间的规定, 1995, 第三条:
  每日 8 小时、每周 40 小时), not a rule on persons with disabilities.
- `needs`: the accommodations the assessment found they need at any workplace, with those they
  asked for when registering their needs, in the vocabulary's order.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from ablework.registry.models import Person
from ablework.support.models import Assessment, NeedsRegistration
from ablework.support.vocabulary import Accommodation

# Our working assumption (see above), not a legal parameter.
WORKDAYS_PER_WEEK = 5


def latest_on(model: type[Any], person: Person, on: date) -> Any:
    """The person's latest record of `model` given on or before `on`."""
    return model._default_manager.filter(person=person, on__lte=on).order_by("-on", "-pk").first()


def person_entry(person: Person, *, on: date) -> dict[str, Any] | None:
    """The contract's `persons` entry of the person as of `on`; None while they have no
    assessment or no needs registration (nothing to match on yet)."""
    assessment: Assessment | None = latest_on(Assessment, person, on)
    needs: NeedsRegistration | None = latest_on(NeedsRegistration, person, on)
    if assessment is None or needs is None:
        return None
    tolerance = (assessment.hours_per_day * WORKDAYS_PER_WEEK).to_integral_value(ROUND_FLOOR)
    wanted = set(assessment.needs) | set(needs.needs)
    return {
        "id": str(person.pk),
        "home": None,
        "commute_km": needs.commute_km,
        "accepts_remote": needs.accepts_remote,
        "max_hours_per_week": min(needs.hours_per_week, int(tolerance)),
        "wage_floor": format(needs.wage_floor.quantize(Decimal("0.01")), "f"),
        "abilities": dict(assessment.abilities),
        "needs": [code for code in Accommodation.values if code in wanted],
        "skills": needs.skills,
        "occupations": list(needs.occupations),
    }
