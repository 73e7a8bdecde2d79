"""The tax bureau's list: the contract's columns, the figures to the fen, the signed manifest,
and `ablework quota assess` writing it with a progress bar."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ablework.accounts.models import User
from ablework.demo.declarations import DemoDeclarations
from ablework.jobs.models import Job, JobState
from ablework.levy.models import Assessment, AssessmentRun, TaxListExport
from ablework.levy.services.assessment import assess_season
from ablework.levy.services.tax_list import COLUMNS, export_tax_list, verify_tax_list

from .conftest import ON, YEAR

CONTRACT_COLUMNS = [
    "统一社会信用代码",
    "单位名称",
    "费款所属期",
    "在职职工人数",
    "实际安排残疾人就业人数",
    "应安排比例",
    "在职职工年平均工资",
    "本期应纳费额",
    "本期减免费额",
]


@pytest.mark.django_db
def test_the_list_has_the_contracts_columns_names_and_amounts_to_the_fen(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    run = assess_season(actor=None, levy_year=YEAR, region_code="370800", assessed_on=ON)
    built = export_tax_list(actor=demo_data["shandong_admin"], run=run)
    assert built.csv.startswith("\ufeff".encode())
    table = list(csv.reader(io.StringIO(built.csv.decode("utf-8-sig"))))
    assert table[0] == CONTRACT_COLUMNS == list(COLUMNS)
    certified = Assessment.objects.select_related("employer").get(
        run=run, employer_id=demo_quota.certified.employer_id
    )
    line = next(row for row in table[1:] if row[0] == certified.employer.uscc)
    assert line[1] == certified.employer.name
    assert line[2] == str(YEAR)
    assert line[5] == "1.5%"
    assert line[7] == f"{certified.levy_before_reduction:.2f}"
    assert line[8] == f"{certified.reduction:.2f}"
    assert Decimal(line[7]) - Decimal(line[8]) == certified.levy_due
    sheet = load_workbook(io.BytesIO(built.xlsx)).active
    assert [cell.value for cell in sheet[1]] == CONTRACT_COLUMNS
    assert sheet.max_row == len(table)
    manifest = built.manifest
    assert manifest["rows"] == len(table) - 1
    assert manifest["totals"]["本期应纳费额"] == format(
        sum(Decimal(row[7] or 0) for row in table[1:]), ".2f"
    )
    files = dict(zip(manifest["files"], (built.csv, built.xlsx), strict=True))
    assert verify_tax_list(manifest, built.signature, files)
    # A changed byte, or a changed total, no longer verifies.
    assert not verify_tax_list(
        manifest, built.signature, {**files, next(iter(files)): built.csv + b"x"}
    )
    assert not verify_tax_list({**manifest, "rows": 0}, built.signature, files)
    logged = TaxListExport.objects.get(run=run)
    assert logged.exported_by == demo_data["shandong_admin"]
    assert logged.sent_at is None
    assert logged.manifest["files"] == manifest["files"]


@pytest.mark.django_db
def test_quota_assess_writes_the_list_and_follows_its_job(
    demo_quota: DemoDeclarations, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "list.csv"
    call_command(
        "quota", "assess", "--year", str(YEAR), "--region", "370800", "--output", str(target)
    )
    out, err = capsys.readouterr()
    assert "已核定" in out
    assert "核定 [" in err
    assert target.read_bytes().startswith("\ufeff统一社会信用代码".encode())
    sealed = json.loads(target.with_suffix(".manifest.json").read_text(encoding="utf-8"))
    files = {"list.csv": target.read_bytes(), "list.xlsx": target.with_suffix(".xlsx").read_bytes()}
    assert verify_tax_list(sealed["manifest"], sealed["signature"], files)
    run = AssessmentRun.objects.get()
    assert run.job is not None
    assert run.job.state == JobState.SUCCEEDED
    assert run.job.done == run.job.total > 0
    assert Job.objects.get(pk=run.job.pk).message.startswith("已核定")
