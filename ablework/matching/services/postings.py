"""Posting, changing and closing job postings: audited, inside the actor's area, version-checked.

An employer's account posts for its own organisation; staff (a counsellor, an administrator)
post for an employer they may see, at a place inside their area. Every problem of the input is
refused at once (FieldsInvalid), the lowest wage under the local minimum wage of the posting's
county on its first day among them, naming the parameter and its value."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.accounts.scope import require_permission, require_region_inside
from ablework.core.audit import diff, record_audit, snapshot
from ablework.core.errors import Conflict, FieldsInvalid
from ablework.core.models import AuditKind
from ablework.core.region_names import region_name
from ablework.core.versioning import advance_version
from ablework.employers.access import access_employer
from ablework.employers.models import Employer
from ablework.matching.access import EDIT
from ablework.matching.audit_actions import MatchingAction
from ablework.matching.errors import MatchingErrorCode
from ablework.matching.models import (
    CloseReason,
    ContractType,
    DemandLevel,
    JobPosting,
    PostingKind,
    PostingStatus,
)
from ablework.matching.selectors.wages import PARAMETER, minimum_wage
from ablework.support.vocabulary import ACCOMMODATIONS, DEMANDS, Accommodation, Demand

# Typing checks of our own (Ablework's bounds, not law): a week has at most 84 working hours
# (12 a day, 7 days) and a posting at most 999 openings; a wage is under a million a month.
MOST_HOURS_PER_WEEK = 84
MOST_OPENINGS = 999
MOST_WAGE = Decimal("999999.99")
CENT = Decimal("0.01")

AUDITED_FIELDS = (
    "title",
    "occupation",
    "kind",
    "status",
    "county_code",
    "township_code",
    "address",
    "latitude",
    "longitude",
    "wage_min",
    "wage_max",
    "hours_per_week",
    "schedule",
    "contract_type",
    "openings",
    "openings_filled",
    "valid_from",
    "valid_until",
    "closed_on",
    "close_reason",
)
ENDED = (PostingStatus.CLOSED, PostingStatus.FILLED)


@dataclass(frozen=True, kw_only=True)
class PostingDetails:
    """What a posting says, as the form, the import and the demo give it."""

    title: str
    tasks: str
    kind: str
    county_code: str
    wage_min: Decimal | None
    wage_max: Decimal | None
    hours_per_week: int | None
    contract_type: str
    openings: int | None
    valid_from: date | None
    valid_until: date | None
    occupation: str = ""
    township_code: str = ""
    address: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    schedule: str = ""
    openings_filled: int = 0
    offers: tuple[str, ...] = ()
    # demand code → "essential" or "adjustable"
    demands: Mapping[str, str] = field(default_factory=dict)
    # Kept as a draft (not yet open to job seekers), or open from its first day.
    draft: bool = False


def offers_in_words(codes: list[str] | tuple[str, ...]) -> str:
    """The accommodations as people read them, in the vocabulary's order (the audit trail)."""
    chosen = set(codes)
    return "、".join(str(item.label) for item in Accommodation if item.value in chosen)


def demands_in_words(demands: Mapping[str, str]) -> str:
    """The demands as people read them, each with essential or adjustable."""
    return "、".join(
        f"{item.label}（{DemandLevel(demands[item.value]).label}）"
        for item in Demand
        if demands.get(item.value) in DemandLevel.values
    )


def _record(posting: JobPosting) -> dict[str, Any]:
    values = snapshot(posting, AUDITED_FIELDS)
    values["tasks"] = posting.tasks
    values["offers"] = offers_in_words(posting.offers or [])
    values["demands"] = demands_in_words(posting.demands or {})
    return values


class _Problems:
    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def add(self, where: str, message: str) -> None:
        self.found.setdefault(where, []).append(message)

    def text(self, where: str, value: str, *, label: str, limit: int, required: bool) -> None:
        if required and not value.strip():
            self.add(where, _("请填写%(label)s。") % {"label": label})
        elif len(value) > limit:
            self.add(where, _("%(label)s最多%(limit)d个字。") % {"label": label, "limit": limit})

    def raise_any(self) -> None:
        if self.found:
            raise FieldsInvalid(self.found)


def _money_problems(details: PostingDetails, problems: _Problems) -> None:
    for where, value, label in (
        ("wage_min", details.wage_min, _("月工资下限")),
        ("wage_max", details.wage_max, _("月工资上限")),
    ):
        if value is None:
            problems.add(where, _("请填写%(label)s（元）。") % {"label": label})
        elif value <= 0 or value > MOST_WAGE:
            problems.add(where, _("%(label)s应大于0元、小于100万元。") % {"label": label})
        elif value != value.quantize(CENT):
            problems.add(where, _("%(label)s最多保留两位小数（到分）。") % {"label": label})
    low, high = details.wage_min, details.wage_max
    if low is not None and high is not None and high < low:
        problems.add("wage_max", _("月工资上限不能低于下限。"))


def minimum_wage_problem(details: PostingDetails) -> str | None:
    """Why the lowest wage is refused: under the minimum wage of the county on the first day
    (the parameter named, its value and where it comes from); None when it is not, or when no
    figure is known for that place and day."""
    if details.wage_min is None or details.valid_from is None or not details.county_code:
        return None
    minimum = minimum_wage(details.county_code, details.valid_from)
    if minimum is None or details.wage_min >= minimum.value:
        return None
    return _(
        "月工资下限 %(wage)s 元低于%(county)s %(day)s 的月最低工资标准 %(minimum)s 元"
        "（参数 %(parameter)s，%(since)s 起执行；依据：%(reference)s）。请提高工资下限。"
    ) % {
        "wage": format(details.wage_min, "f"),
        "county": region_name(details.county_code),
        "day": f"{details.valid_from:%Y-%m-%d}",
        "minimum": format(minimum.value, "f"),
        "parameter": PARAMETER,
        "since": f"{minimum.effective_from:%Y-%m-%d}",
        "reference": minimum.reference,
    }


def _place_problems(details: PostingDetails, problems: _Problems) -> None:
    if not details.county_code:
        problems.add("county_code", _("请选择工作地点所在的县（市、区）。"))
    if details.township_code and not details.township_code.startswith(details.county_code):
        problems.add("township_code", _("所选乡镇（街道）不在所选县（市、区）内。"))
    problems.text("address", details.address, label=_("工作地址"), limit=200, required=False)
    lat, lon = details.latitude, details.longitude
    if (lat is None) != (lon is None):
        where = "longitude" if lon is None else "latitude"
        problems.add(where, _("经度和纬度要一起填写，或都不填（按所在乡镇或县的中心计算距离）。"))
    if lat is not None and not -90 <= lat <= 90:
        problems.add("latitude", _("纬度应在 -90 到 90 度之间，例如 35.414982。"))
    if lon is not None and not -180 <= lon <= 180:
        problems.add("longitude", _("经度应在 -180 到 180 度之间，例如 116.587282。"))


def _vocabulary_problems(details: PostingDetails, problems: _Problems) -> None:
    for code in details.offers:
        if code not in ACCOMMODATIONS:
            problems.add("offers", _("没有这项便利条件：%(code)s") % {"code": code})
    for code, level in details.demands.items():
        if code not in DEMANDS:
            problems.add("demands", _("没有这项工作要求：%(code)s") % {"code": code})
        elif level not in DemandLevel.values:
            problems.add(
                f"demand_{code}",
                _("“%(demand)s”只能是必须具备或可以调整。") % {"demand": Demand(code).label},
            )


def posting_problems(details: PostingDetails) -> dict[str, list[str]]:
    """Every problem of a posting's details, by field (empty when there is none); no query but
    the minimum wage's parameter lookup."""
    problems = _Problems()
    problems.text("title", details.title, label=_("岗位名称"), limit=100, required=True)
    problems.text(
        "occupation", details.occupation, label=_("职业（工种）"), limit=100, required=False
    )
    problems.text("tasks", details.tasks, label=_("工作内容"), limit=2000, required=True)
    problems.text("schedule", details.schedule, label=_("工作时间安排"), limit=100, required=False)
    if details.kind not in PostingKind.values:
        problems.add("kind", _("请选择岗位类型。"))
    if details.contract_type not in ContractType.values:
        problems.add("contract_type", _("请选择用工形式。"))
    _money_problems(details, problems)
    hours = details.hours_per_week
    if hours is None or not 1 <= hours <= MOST_HOURS_PER_WEEK:
        problems.add(
            "hours_per_week",
            _("请填写每周工作小时数（1 到 %(most)d 小时）。") % {"most": MOST_HOURS_PER_WEEK},
        )
    openings = details.openings
    if openings is None or not 1 <= openings <= MOST_OPENINGS:
        problems.add(
            "openings", _("请填写招聘人数（1 到 %(most)d 人）。") % {"most": MOST_OPENINGS}
        )
    elif not 0 <= details.openings_filled <= openings:
        problems.add("openings_filled", _("已录用人数应在 0 到招聘人数之间。"))
    if details.valid_from is None:
        problems.add("valid_from", _("请填写有效期起始日期。"))
    if details.valid_until is None:
        problems.add("valid_until", _("请填写有效期截止日期。"))
    elif details.valid_from is not None and details.valid_until < details.valid_from:
        problems.add("valid_until", _("有效期截止日期不能早于起始日期。"))
    _place_problems(details, problems)
    _vocabulary_problems(details, problems)
    below = minimum_wage_problem(details)
    if below is not None:
        problems.add("wage_min", below)
    return problems.found


def check_posting(details: PostingDetails) -> None:
    """FieldsInvalid with every problem of the details (the form's `service_checks`)."""
    found = posting_problems(details)
    if found:
        code = MatchingErrorCode.BELOW_MINIMUM_WAGE if minimum_wage_problem(details) else None
        raise FieldsInvalid(found, code=code)


def _require_place(actor: User, employer: Employer, details: PostingDetails) -> None:
    """Staff post inside their area; an employer's own account anywhere its work is."""
    if actor.role == Role.EMPLOYER and actor.employer_id == employer.pk:
        return
    require_region_inside(
        actor, county_code=details.county_code, township_code=details.township_code
    )


def _apply(posting: JobPosting, details: PostingDetails) -> None:
    posting.title = details.title.strip()
    posting.occupation = details.occupation.strip()
    posting.tasks = details.tasks.strip()
    posting.kind = details.kind
    posting.county_code = details.county_code
    posting.township_code = details.township_code
    posting.address = details.address.strip()
    posting.latitude = details.latitude
    posting.longitude = details.longitude
    assert details.wage_min is not None
    assert details.wage_max is not None
    posting.wage_min = details.wage_min
    posting.wage_max = details.wage_max
    assert details.hours_per_week is not None
    assert details.openings is not None
    posting.hours_per_week = details.hours_per_week
    posting.schedule = details.schedule.strip()
    posting.contract_type = details.contract_type
    posting.openings = details.openings
    posting.openings_filled = details.openings_filled
    assert details.valid_from is not None
    assert details.valid_until is not None
    posting.valid_from = details.valid_from
    posting.valid_until = details.valid_until
    posting.offers = [item.value for item in Accommodation if item.value in set(details.offers)]
    posting.demands = {
        item.value: details.demands[item.value] for item in Demand if item.value in details.demands
    }
    if details.draft:
        posting.status = PostingStatus.DRAFT
    elif posting.openings_filled >= posting.openings:
        posting.status = PostingStatus.FILLED
    else:
        posting.status = PostingStatus.OPEN


def create_posting(
    *,
    actor: User,
    employer_id: int,
    details: PostingDetails,
    detail: Mapping[str, Any] | None = None,
) -> JobPosting:
    """Post a job for the employer (one the actor may post for), open or as a draft."""
    require_permission(actor, EDIT)
    employer = access_employer(actor, employer_id, permission=EDIT)
    _require_place(actor, employer, details)
    check_posting(details)
    posting = JobPosting(employer=employer, created_by=actor if actor.pk else None)
    _apply(posting, details)
    with transaction.atomic():
        posting.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CREATE,
            action=MatchingAction.POSTING_CREATE,
            target=posting,
            changes=diff({}, _record(posting), texts=("tasks",)),
            detail=detail,
        )
    return posting


def require_not_ended(posting: JobPosting) -> None:
    """Conflict (409) for a closed or filled posting: it is kept as it was."""
    if posting.status in ENDED:
        raise Conflict(
            _("该岗位已%(status)s，不能再修改；需要继续招聘请发布新的岗位。")
            % {"status": posting.get_status_display()},
            code=MatchingErrorCode.POSTING_ENDED,
        )


def update_posting(
    *,
    actor: User,
    posting: JobPosting,
    details: PostingDetails,
    seen_version: int | None = None,
    detail: Mapping[str, Any] | None = None,
) -> JobPosting:
    """Change a posting (one the actor may edit, not ended) on the version the form was opened
    with: StaleRecord when it moved on since, nothing written. Hires recorded up to the
    openings make it filled."""
    require_permission(actor, EDIT)
    require_not_ended(posting)
    _require_place(actor, posting.employer, details)
    check_posting(details)
    before = _record(posting)
    with transaction.atomic():
        advance_version(posting, seen=posting.version if seen_version is None else seen_version)
        _apply(posting, details)
        posting.save()
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=MatchingAction.POSTING_UPDATE,
            target=posting,
            changes=diff(before, _record(posting), texts=("tasks",)),
            detail=detail,
        )
    return posting


def close_posting(
    *, actor: User, posting: JobPosting, on: date, seen_version: int | None = None
) -> JobPosting:
    """End a posting's recruitment by hand (it stays, read-only, with its figures)."""
    require_permission(actor, EDIT)
    require_not_ended(posting)
    before = _record(posting)
    with transaction.atomic():
        advance_version(posting, seen=posting.version if seen_version is None else seen_version)
        posting.status = PostingStatus.CLOSED
        posting.closed_on = on
        posting.close_reason = CloseReason.BY_HAND
        posting.save(update_fields=["status", "closed_on", "close_reason", "updated_at"])
        record_audit(
            actor=actor,
            kind=AuditKind.CHANGE,
            action=MatchingAction.POSTING_CLOSE,
            target=posting,
            changes=diff(before, _record(posting)),
        )
    return posting


def record_export(*, actor: User, filters: Mapping[str, str], count: int) -> None:
    """Log an export of postings (no personal data: the employers' postings and their figures)."""
    record_audit(
        actor=actor,
        kind=AuditKind.EXPORT,
        action=MatchingAction.POSTINGS_EXPORT,
        target_type="matching.jobposting",
        target_label=_("招聘岗位 %(count)d 个") % {"count": count},
        detail={"filters": dict(filters), "count": count},
    )


def write_imported_postings(
    *, actor: User, postings: Iterable[Any], detail: Mapping[str, Any]
) -> None:
    """Write an import chunk's planned postings (matching/imports/planning.py PlannedPosting):
    each new one created, each changed one updated on the version the planner read; every one
    audited with the batch."""
    for planned in postings:
        if planned.created:
            create_posting(
                actor=actor, employer_id=planned.employer_id, details=planned.details, detail=detail
            )
            continue
        posting = JobPosting.objects.select_related("employer").get(pk=planned.pk)
        update_posting(
            actor=actor,
            posting=posting,
            details=planned.details,
            seen_version=planned.version,
            detail=detail,
        )
