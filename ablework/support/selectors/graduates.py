"""Reads of the graduates' ledger (一人一策台账): the cohorts an actor may see, one line per
graduate (registered, plan, services, opportunities, the months until employed) and the
cohort's rates against the targets of the place (rules parameters `graduates.*`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.core.audit import note_shown
from ablework.core.errors import NotFound
from ablework.registry.rulebook import rules_region
from ablework.rules.engine.evaluation import Evaluation
from ablework.rules.jurisdictions.cn import parameter_tree
from ablework.support.models import (
    Cohort,
    Graduate,
    GraduateStatus,
    MonthlyStatus,
    Opportunity,
    Plan,
    ServiceRecord,
)
from ablework.support.selectors.graduate_rates import rate_counts

# The most months a ledger shows (two years after graduation: 离校不断线 beyond that is the
# registry's ordinary follow-up). Ours, not a legal figure.
MONTHS_SHOWN = 24
NOT_WISHING = frozenset({GraduateStatus.FURTHER_STUDY, GraduateStatus.NOT_SEEKING})


def cohorts_visible_to(actor: User, *, permission: Permission) -> QuerySet[Cohort]:
    """The cohorts of the counties the actor works in, newest first; a township's worker (whose
    scope a county's cohort is not inside) sees the cohorts holding graduates of their own."""
    theirs = visible(actor, Graduate, permission=permission).values("cohort_id")
    cohorts = visible(actor, Cohort, permission=permission) | Cohort.objects.filter(pk__in=theirs)
    return cohorts.order_by("-year", "county_code")


def graduates_visible_to(actor: User, *, permission: Permission) -> QuerySet[Graduate]:
    return visible(actor, Graduate, permission=permission)


def access_graduate(actor: User, graduate_id: int, *, permission: Permission) -> Graduate:
    """One graduate of the actor's area (noted as shown), or NotFound."""
    graduate = access_one(
        actor,
        Graduate.objects.select_related("cohort", "person"),
        graduate_id,
        permission=permission,
        not_found_message=str(_("没有找到这名毕业生。")),
    )
    return note_shown(graduate)


def access_cohort(actor: User, cohort_id: int, *, permission: Permission) -> Cohort:
    found = cohorts_visible_to(actor, permission=permission).filter(pk=cohort_id).first()
    if found is None:
        raise NotFound(_("没有找到这份名单。"))
    return found


def month_starts(first: date, last: date) -> list[date]:
    """The first days of the months from `first` to `last`, at most MONTHS_SHOWN."""
    months: list[date] = []
    current = first.replace(day=1)
    while current <= last and len(months) < MONTHS_SHOWN:
        months.append(current)
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


@dataclass
class LedgerLine:
    graduate: Graduate
    plan_made: bool | None  # None: plans are not kept yet
    services: int
    offers: list[Opportunity]
    statuses: dict[date, MonthlyStatus]
    employed_in: date | None = None

    @property
    def registered(self) -> bool:
        return self.graduate.person_id is not None

    @property
    def served(self) -> bool:
        return self.services > 0 or bool(self.offers)

    @property
    def latest(self) -> MonthlyStatus | None:
        return self.statuses[max(self.statuses)] if self.statuses else None

    @property
    def wishes_work(self) -> bool:
        latest = self.latest
        return latest is None or latest.status not in NOT_WISHING

    @property
    def employed(self) -> bool:
        return self.employed_in is not None


@dataclass
class Rate:
    key: str
    label: str
    count: int
    of: int
    target: Decimal | None = None
    target_text: str = ""
    reference: str = ""

    @property
    def value(self) -> Decimal | None:
        return Decimal(self.count) / Decimal(self.of) if self.of else None

    @property
    def percent(self) -> str:
        value = self.value
        return "—" if value is None else f"{value * 100:.1f}%"

    @property
    def target_percent(self) -> str:
        return "" if self.target is None else f"{self.target * 100:.0f}%"

    @property
    def met(self) -> bool | None:
        if self.target is None or self.value is None:
            return None
        return self.value >= self.target


@dataclass
class Ledger:
    cohort: Cohort
    lines: list[LedgerLine]
    months: list[date]
    plans_kept: bool
    rates: list[Rate] = field(default_factory=list)


def ledger(cohort: Cohort, graduates: QuerySet[Graduate], *, today: date) -> Ledger:
    """One line per graduate of the cohort (among `graduates`, the actor's), and the rates."""
    rows = list(
        graduates.filter(cohort=cohort)
        .select_related("person")
        .defer("resident_id", "phone")
        .order_by("name", "pk")
    )
    ids = [g.pk for g in rows]
    person_ids = [g.person_id for g in rows if g.person_id is not None]
    services = dict(
        ServiceRecord.objects.filter(person_id__in=person_ids)
        .values_list("person_id")
        .annotate(n=Count("pk"))
        .values_list("person_id", "n")
    )
    planned = set(Plan.objects.filter(person_id__in=person_ids).values_list("person_id", flat=True))
    offers: dict[int, list[Opportunity]] = defaultdict(list)
    for offer in Opportunity.objects.filter(graduate_id__in=ids).order_by("offered_on", "pk"):
        offers[offer.graduate_id].append(offer)
    statuses: dict[int, dict[date, MonthlyStatus]] = defaultdict(dict)
    for entry in MonthlyStatus.objects.filter(graduate_id__in=ids).order_by("month"):
        statuses[entry.graduate_id][entry.month] = entry
    lines = []
    for graduate in rows:
        own = statuses[graduate.pk]
        employed = [m for m, s in own.items() if s.status == GraduateStatus.EMPLOYED]
        lines.append(
            LedgerLine(
                graduate=graduate,
                plan_made=graduate.person_id in planned,
                services=services.get(graduate.person_id, 0) if graduate.person_id else 0,
                offers=offers[graduate.pk],
                statuses=own,
                employed_in=min(employed) if employed else None,
            )
        )
    firsts = [g.graduation_date for g in rows] + [m for s in statuses.values() for m in s]
    first = min(firsts) if firsts else today
    result = Ledger(
        cohort=cohort,
        lines=lines,
        months=month_starts(first, today),
        plans_kept=True,
    )
    result.rates = rates(cohort, graduates, today=today)
    return result


# The targets a place states, by rate: the rules parameter and the rate's name.
TARGETS = (
    ("registration", "graduates.registration_rate_target"),
    ("service", "graduates.service_rate_target"),
    ("employment", "graduates.employment_rate_target"),
)


@dataclass(frozen=True)
class Target:
    value: Decimal | None
    text: str
    reference: str


def targets(county_code: str, *, on: date) -> dict[str, Target]:
    """The targets in force at the county on `on`: a figure, or a place's words where its text
    states no figure (Jiangjin: 不低于上一年度全国平均水平), with the source."""
    tree = parameter_tree()
    region = rules_region(county_code)
    ctx = Evaluation(tree, region, on)
    found: dict[str, Target] = {}
    for key, name in TARGETS:
        hit = ctx.find(name)
        if hit is not None and hit.value is not None:
            found[key] = Target(hit.value, "", hit.dated.reference.render(hit.dated.confidence))
            continue
        for code in region.chain:
            parameter = tree.regional.get(code, {}).get(name)
            dated = parameter.value_on(on) if parameter else None
            if dated is not None and dated.unsourced and dated.note:
                found[key] = Target(None, dated.note, dated.reference.render(dated.confidence))
                break
    return found


def rates(cohort: Cohort, graduates: QuerySet[Graduate], *, today: date) -> list[Rate]:
    """建档率 (matched in the registry), 服务率 (a service or an opportunity given) and 就业率
    (employed among those who wish to work) of the cohort's `graduates`, counted as the
    indicators count them (graduate_rates.rate_counts), against the place's targets."""
    counts = rate_counts(graduates.filter(cohort=cohort), on=today)[0]
    found = targets(cohort.county_code, on=today)
    result = [
        Rate("registration", _("建档率"), counts["registered"], counts["graduates"]),
        Rate("service", _("就业服务率"), counts["served"], counts["graduates"]),
        Rate("employment", _("就业率"), counts["employed"], counts["wishing"]),
    ]
    for rate in result:
        target = found.get(rate.key)
        if target is not None:
            rate.target, rate.target_text, rate.reference = (
                target.value,
                target.text,
                target.reference,
            )
    return result
