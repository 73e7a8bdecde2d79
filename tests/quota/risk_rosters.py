"""Stored declarations for the risk tests, as submission stores them: a roster built line by
line (certificate, contract start, dispatch agency, each month's wage), written straight to the
tables so that each test constructs exactly the roster that should (or should not) raise a
signal."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from ablework.core.crypto import lookup_hash
from ablework.core.masking import mask_certificate
from ablework.quota.folding import refold
from ablework.quota.models import Declaration, LineMonth, RosterLine

YEAR = 2023  # 任城区's minimum wage is 1900 元 from 2021-10-01 (unsourced from 2023-10-01)
TODAY = date(2024, 3, 1)


def entry(
    number: str,
    *,
    wage: str = "2600.00",
    months: range = range(1, 7),
    start: date | None = date(2021, 3, 1),
    agency: str = "",
    name: str = "测试",
) -> dict[str, Any]:
    return {
        "number": number,
        "wage": wage,
        "months": months,
        "start": start,
        "agency": agency,
        "name": name,
    }


def stored(
    employer: Any,
    entries: list[dict[str, Any]],
    *,
    year: int = YEAR,
    status: str = "submitted",
    submitted: date | None = None,
) -> Declaration:
    row = Declaration.objects.create(
        employer=employer,
        levy_year=year,
        status=status,
        headcount_monthly=[100] * 12,
        wage_total=Decimal("6000000.00"),
        submitted_at=timezone.make_aware(
            timezone.datetime.combine(submitted or TODAY, timezone.datetime.min.time())
        ),
    )
    for index, item in enumerate(entries):
        line = RosterLine.objects.create(
            declaration=row,
            line=index,
            certificate_kind="disability",
            certificate_number=item["number"],
            certificate_hash=lookup_hash(item["number"]),
            certificate_masked=mask_certificate(item["number"]),
            name=item["name"],
            employment_form="dispatched" if item["agency"] else "labour_contract",
            contract_start=item["start"],
            dispatch_agency=item["agency"],
            dispatch_assigns_to="host" if item["agency"] else "",
        )
        LineMonth.objects.bulk_create(
            LineMonth(
                roster_line=line,
                month=month,
                wage=Decimal(item["wage"]),
                social_insurance_paid=True,
                counted=True,
                weight=1,
            )
            for month in item["months"]
        )
        refold(RosterLine.objects.filter(pk=line.pk))
    return row


def numbers(count: int, prefix: str = "3708111990") -> list[str]:
    """Certificate-like numbers that no registry person holds."""
    return [f"{prefix}{n:06d}0042" for n in range(count)]
