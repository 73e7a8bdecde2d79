"""The tax bureau's collected amounts: an import kind with a problem per cell, idempotent, giving
collected and outstanding per employer and region (the fund's figures)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ablework.accounts.models import User
from ablework.demo.declarations import DemoDeclarations
from ablework.employers.models import Employer
from ablework.levy.models import Assessment, CollectedPayment
from ablework.levy.selectors.fund import fund_figures, totals
from ablework.levy.services.assessment import assess_season
from tests.exchange.files import import_file, problems_of, write_csv
from tests.helpers import signed_in

from .conftest import ON, YEAR

COLUMNS = ["统一社会信用代码", "单位名称", "费款所属期", "实缴金额", "缴款日期", "电子税票号码"]


def _due(demo: DemoDeclarations) -> Assessment:
    assess_season(actor=None, levy_year=YEAR, region_code="370800", assessed_on=ON)
    row = Assessment.objects.select_related("employer").get(employer_id=demo.certified.employer_id)
    assert row.levy_due
    assert row.levy_due > 0
    return row


@pytest.mark.django_db
def test_a_file_with_bad_cells_names_file_row_and_column_and_the_rest_is_recorded_once(
    demo_quota: DemoDeclarations, demo_data: dict[str, User], tmp_path: Path
) -> None:
    due = _due(demo_quota)
    uscc = due.employer.uscc
    other_county = Employer.objects.exclude(county_code__startswith="3708").first()
    rows = [
        [uscc, due.employer.name, "2025-01-01至2025-12-31", "1000.00", "2026-09-15", "A1"],
        [uscc, "", "2025", "12.345", "2026-09-16", ""],  # three decimals
        ["91370800MA3C5XXXX1", "", "2025", "10", "2026-09-16", ""],  # bad check character
        [uscc, "", "去年", "10", "2026-09-16", ""],
        [uscc, "", "2025", "10", "昨天", ""],
        [uscc, due.employer.name, "2025-01-01至2025-12-31", "1000.00", "2026-09-15", "A1"],
    ]
    if other_county is not None:
        rows.append([other_county.uscc, "", "2025", "5", "2026-09-16", ""])
    path = write_csv(tmp_path / "税务反馈.csv", rows, COLUMNS)
    admin = demo_data["weishan_counsellor"]  # cannot import: no levy permission
    with pytest.raises(Exception):  # noqa: B017, PT011 — the engine refuses the kind (NotFound)
        import_file(admin, path, kind="levy_collected")
    batch = import_file(demo_data["jining_admin"], path, kind="levy_collected")
    problems = problems_of(batch)
    where = {(row, column) for row, column, _ in problems}
    assert (3, "实缴金额") in where
    assert (4, "统一社会信用代码") in where
    assert (5, "费款所属期") in where
    assert (6, "缴款日期") in where
    assert (7, "缴款日期") in where  # the same payment twice in the file
    assert batch.file_name == "税务反馈.csv"
    assert CollectedPayment.objects.count() == 1
    # Again: nothing changes.
    import_file(demo_data["jining_admin"], path, kind="levy_collected")
    assert CollectedPayment.objects.count() == 1
    # A corrected amount for the same payment updates it.
    rows[0][3] = "1200.00"
    fixed = write_csv(tmp_path / "更正.csv", rows[:1], COLUMNS)
    import_file(demo_data["jining_admin"], fixed, kind="levy_collected")
    assert CollectedPayment.objects.get().amount == Decimal("1200.00")


@pytest.mark.django_db
def test_the_funds_figures_give_assessed_collected_and_outstanding_by_county(
    demo_quota: DemoDeclarations, demo_data: dict[str, User], tmp_path: Path
) -> None:
    due = _due(demo_quota)
    paid = [[due.employer.uscc, "", "2025", "100.00", "2026-09-15", ""]]
    import_file(
        demo_data["jining_admin"],
        write_csv(tmp_path / "paid.csv", paid, COLUMNS),
        kind="levy_collected",
    )
    rows = fund_figures(region_prefix="3708", levy_year=YEAR)
    county = next(r for r in rows if r.county_code == due.county_code)
    assessed = sum(
        (a.levy_due or 0 for a in Assessment.objects.filter(county_code=due.county_code)),
        Decimal(0),
    )
    assert county.assessed == assessed
    assert county.collected == Decimal("100.00")
    assert county.outstanding == assessed - Decimal("100.00")
    assert county.employers_paid == 1
    assert totals(rows)[0].assessed == sum((r.assessed for r in rows), Decimal(0))
    page = signed_in(demo_data["jining_admin"]).get("/levy/fund/", {"year": YEAR})
    assert page.status_code == 200
    assert f"{county.outstanding:,.2f}" in page.content.decode()
    csv = signed_in(demo_data["jining_admin"]).get("/levy/fund/", {"year": YEAR, "format": "csv"})
    text = b"".join(csv.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("费款所属期,县级区划,核定单位数")
    assert f"{county.outstanding:.2f}" in text
    # A county's staff see their own county only.
    other = signed_in(demo_data["rencheng_admin"]).get("/levy/fund/", {"year": YEAR})
    if due.county_code != "370811":
        assert f"{county.outstanding:,.2f}" not in other.content.decode()
