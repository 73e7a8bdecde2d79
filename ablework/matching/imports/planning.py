"""Checking and planning each row of a postings file. The checker (in the helper process, no
database) parses the cells and finds the township in the region tree; the planner finds the
employer by its credit code (one query a chunk), checks the posting as the service does — the
minimum wage of the county on the first day among it — and decides: a new posting, a change of
the same employer's posting with the same title and first day, or nothing when it is unchanged."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from ablework.core.errors import DomainError
from ablework.employers.models import Employer
from ablework.exchange.cells import folded
from ablework.exchange.columns import HeaderMatch
from ablework.exchange.importing.context import ImportContext
from ablework.exchange.importing.kinds import CellChecker, CheckedRow, ChunkPlan
from ablework.matching.imports.catalog import POSTING_CATALOG, REQUIRED
from ablework.matching.models import DemandLevel, JobPosting, PostingStatus
from ablework.matching.services.posting_checks import PostingDetails, posting_problems
from ablework.matching.services.postings import ENDED, write_imported_postings

# Which column a service problem of a field belongs to.
_COLUMN_OF = {
    "township_code": "township",
    "offers": "offers",
    "demands": "essential",
}


class PostingChecker(CellChecker):
    """Each cell, then the row: the township among the county's, demands marked once."""

    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        super().__init__(header, ctx, POSTING_CATALOG)

    def check_row(self, checked: CheckedRow) -> None:
        values = checked.values
        written = {column for column, _message in checked.problems}
        for key in REQUIRED:
            if key not in values and self.label(key) not in written:
                checked.problem(self.label(key), "此列为必填项，不能为空")
        county = values.get("county_code")
        if county is not None:
            if len(county) != 6 or county not in self.ctx.counties:
                checked.problem(self.label("county_code"), f"“{county}”不是已知的6位县级区划代码")
            township = values.get("township")
            if township:
                code = self.ctx.townships.get(county, {}).get(folded(township))
                if code is None:
                    checked.problem(
                        self.label("township"),
                        f"{self.ctx.county_name(county)}没有名为“{township}”的乡镇（街道）",
                    )
                else:
                    values["township_code"] = code
        both = set(values.get("essential", ())) & set(values.get("adjustable", ()))
        if both:
            checked.problem(
                self.label("adjustable"), "同一项工作要求不能既是必须具备、又是可以调整"
            )


@dataclass
class PlannedPosting:
    """A posting to add (`created`) or to change (its id and stored version with it)."""

    details: PostingDetails
    employer_id: int
    row: int
    created: bool
    pk: int | None = None
    version: int = 0


def details_from(values: dict[str, Any]) -> PostingDetails:
    demands = dict.fromkeys(values.get("essential", ()), DemandLevel.ESSENTIAL.value)
    demands.update(dict.fromkeys(values.get("adjustable", ()), DemandLevel.ADJUSTABLE.value))
    return PostingDetails(
        title=values.get("title", ""),
        occupation=values.get("occupation", ""),
        tasks=values.get("tasks", ""),
        kind=values.get("kind", ""),
        county_code=values.get("county_code", ""),
        township_code=values.get("township_code", ""),
        address=values.get("address", ""),
        latitude=values.get("latitude"),
        longitude=values.get("longitude"),
        wage_min=values.get("wage_min"),
        wage_max=values.get("wage_max"),
        hours_per_week=values.get("hours_per_week"),
        schedule=values.get("schedule", ""),
        contract_type=values.get("contract_type", ""),
        openings=values.get("openings"),
        openings_filled=values.get("openings_filled") or 0,
        valid_from=values.get("valid_from"),
        valid_until=values.get("valid_until"),
        offers=tuple(values.get("offers", ())),
        demands=demands,
    )


def stored_details(posting: JobPosting) -> PostingDetails:
    """A stored posting as the file would give it (to tell an unchanged row)."""
    return PostingDetails(
        title=posting.title,
        occupation=posting.occupation,
        tasks=posting.tasks,
        kind=posting.kind,
        county_code=posting.county_code,
        township_code=posting.township_code,
        address=posting.address,
        latitude=posting.latitude,
        longitude=posting.longitude,
        wage_min=posting.wage_min,
        wage_max=posting.wage_max,
        hours_per_week=posting.hours_per_week,
        schedule=posting.schedule,
        contract_type=posting.contract_type,
        openings=posting.openings,
        openings_filled=posting.openings_filled,
        valid_from=posting.valid_from,
        valid_until=posting.valid_until,
        offers=tuple(posting.offers or ()),
        demands=dict(posting.demands or {}),
        draft=posting.status == PostingStatus.DRAFT,
    )


def _same(one: PostingDetails, other: PostingDetails) -> bool:
    """The same posting, whatever order the file lists the accommodations in."""
    return replace(one, offers=tuple(sorted(one.offers)), draft=False) == replace(
        other, offers=tuple(sorted(other.offers)), draft=False
    )


class PostingPlanner:
    def __init__(self, header: HeaderMatch, ctx: ImportContext) -> None:
        self.header = header
        self.ctx = ctx
        self.seen: dict[tuple[str, str, Any], int] = {}

    def label(self, key: str) -> str:
        if key in self.header.positions:
            return self.header.label_of(key)
        return POSTING_CATALOG.by_key[key].header

    def plan(self, rows: list[CheckedRow]) -> ChunkPlan:
        plan = ChunkPlan()
        valid = [row for row in rows if not row.rejected]
        codes = {str(row.values["employer_uscc"]).strip().upper() for row in valid}
        employers = {e.uscc: e for e in Employer.objects.filter(uscc__in=codes)}
        titles = {row.values["title"] for row in valid}
        existing = {
            (p.employer_id, p.title, p.valid_from): p
            for p in JobPosting.objects.filter(
                employer__in=list(employers.values()), title__in=titles
            )
        }
        for row in rows:
            plan.add(row, None if row.rejected else self._plan(row, employers, existing))
        return plan

    def _employer(self, row: CheckedRow, employers: dict[str, Employer]) -> Employer | None:
        code = str(row.values["employer_uscc"]).strip().upper()
        employer = employers.get(code)
        actor = self.ctx.actor
        if actor is not None and actor.employer_id is not None:
            allowed = employer is not None and employer.pk == actor.employer_id
        else:
            allowed = employer is not None and self.ctx.scope.covers(employer)
        if not allowed:
            row.problem(
                self.label("employer_uscc"),
                f"您管辖范围内没有统一社会信用代码为 {code} 的用人单位，请先登记该单位",
            )
            return None
        return employer

    def _plan(
        self,
        row: CheckedRow,
        employers: dict[str, Employer],
        existing: dict[tuple[int, str, Any], JobPosting],
    ) -> PlannedPosting | None:
        employer = self._employer(row, employers)
        if employer is None:
            return None
        details = details_from(row.values)
        key = (employer.uscc, details.title, details.valid_from)
        if key in self.seen:
            row.problem(
                self.label("title"),
                f"与第{self.seen[key]}行是同一单位、同一名称、同一起始日期的岗位",
            )
            return None
        self.seen[key] = row.number
        actor = self.ctx.actor
        staff = actor is None or actor.employer_id is None
        place = details.township_code or details.county_code
        if staff and not self.ctx.scope.covers_code(place):
            row.problem(self.label("county_code"), "工作地点不在您的管辖范围内")
            return None
        problems = posting_problems(details)
        for field, messages in problems.items():
            key_name = _COLUMN_OF.get(field, field)
            if key_name.startswith("demand_"):
                key_name = "essential"
            column = (
                self.label(key_name) if key_name in POSTING_CATALOG.by_key else self.label("title")
            )
            for message in messages:
                row.problem(column, message)
        if problems:
            return None
        stored = existing.get((employer.pk, details.title, details.valid_from))
        if stored is None:
            return PlannedPosting(details, employer.pk, row.number, created=True)
        if stored.status in ENDED:
            row.problem(
                self.label("title"),
                f"该岗位已{stored.get_status_display()}，不能再修改；需要继续招聘请换一个岗位名称或起始日期",
            )
            return None
        if _same(details, stored_details(stored)):
            return None
        return PlannedPosting(
            details, employer.pk, row.number, created=False, pk=stored.pk, version=stored.version
        )


def write_postings(plan: ChunkPlan, ctx: ImportContext) -> None:
    """Add and change the chunk's postings through the service, each audited with the batch."""
    if ctx.actor is None:
        raise DomainError("导入招聘岗位须指明导入人（命令行请用 --as 用户名）。")
    write_imported_postings(actor=ctx.actor, postings=plan.planned, detail=ctx.audit_detail)
