"""The report's files built in the background (在后台生成): 济宁市's administrator queues the 2025
annual report's .xlsx and its PDF from the report page, each job's page offers the file once it
is built, the file is the report's (sheets, the PDF's verification code), and building it is
recorded as the report's export; only the one who started it downloads it; a province's page
offers only the background; a county cannot queue another's report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.jobs.models import Job, JobState
from ablework.printing.models import IssuedDocument
from tests.helpers import signed_in
from tests.indicators.test_reports import accounts, year  # noqa: F401
from tests.printing.conftest import pdf_text

pytestmark = pytest.mark.django_db
QUERY = "?region=370800&period=2025"


def _queued(client, file_format: str) -> Job:  # type: ignore[no-untyped-def]
    response = client.post(f"/indicators/reports/{file_format}/background/{QUERY}")
    job = Job.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    return job


def test_the_xlsx_built_in_the_background_is_downloaded_from_the_jobs_page(
    accounts: dict[str, User],  # noqa: F811
    year: None,  # noqa: F811
) -> None:
    client = signed_in(accounts["jining_admin"])
    # given the city's report page, which offers both ways
    page = client.get(f"/indicators/reports/{QUERY}").content.decode()
    assert 'id="report-xlsx"' in page
    assert 'id="report-xlsx-background"' in page
    # when the .xlsx is built in the background
    job = _queued(client, "xlsx")
    job.refresh_from_db()
    # then the job has finished and its page offers the workbook
    assert job.state == JobState.SUCCEEDED, job.message
    assert job.label == "生成报告：济宁市2025年残疾人就业工作年度报告（Excel）"
    assert job.message == "已生成“济宁市2025年残疾人就业工作年度报告.xlsx”，可以下载。"
    job_page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "下载（济宁市2025年残疾人就业工作年度报告.xlsx）" in job_page
    assert f'href="/indicators/reports/{QUERY.replace("&", "&amp;")}"' in job_page
    response = client.get(f"/jobs/{job.pk}/result/")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    results = {row[0]: row for row in workbook["一、工作成效"].iter_rows(values_only=True)}
    assert results["城乡新增残疾人就业"][2] == 9
    # and building it is the report's export, downloading it the job's
    assert AuditRecord.objects.filter(
        action="indicators.report.export",
        actor=accounts["jining_admin"],
        target_label="济宁市2025年残疾人就业工作年度报告（Excel，后台生成）",
    ).exists()
    assert AuditRecord.objects.filter(action="jobs.job.download", target_id=str(job.pk)).exists()
    # and another of the city's staff may follow the job but not download the file
    auditor = signed_in(accounts["jining_auditor"])
    assert auditor.get(f"/jobs/{job.pk}/result/").status_code == 404


def test_the_pdf_built_in_the_background_carries_its_verification_code(
    accounts: dict[str, User],  # noqa: F811
    year: None,  # noqa: F811
    tmp_path: Path,
) -> None:
    client = signed_in(accounts["jining_admin"])
    job = _queued(client, "pdf")
    job.refresh_from_db()
    assert job.state == JobState.SUCCEEDED, job.message
    response = client.get(f"/jobs/{job.pk}/result/")
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    document = IssuedDocument.objects.get(kind="indicators.report")
    assert document.display_code in pdf_text(content, tmp_path)
    assert "一、工作成效" in "".join(pdf_text(content, tmp_path).split())


def test_a_provinces_report_is_built_in_the_background_only(
    accounts: dict[str, User],  # noqa: F811
) -> None:
    page = signed_in(accounts["shandong_admin"]).get(
        "/indicators/reports/", {"region": "370000", "period": "2025"}
    )
    body = page.content.decode()
    assert page.status_code == 200
    assert 'id="report-xlsx-background"' in body
    assert 'id="report-pdf-background"' in body
    assert 'id="report-xlsx"' not in body
    assert 'id="report-pdf"' not in body


def test_a_county_cannot_queue_another_regions_report(
    accounts: dict[str, User],  # noqa: F811
) -> None:
    client = signed_in(accounts["rencheng_admin"])
    for file_format in ("xlsx", "pdf"):
        assert (
            client.post(f"/indicators/reports/{file_format}/background/{QUERY}").status_code == 404
        )
    assert client.post("/indicators/reports/docx/background/?region=370811").status_code == 404
    assert client.get("/indicators/reports/xlsx/background/?region=370811").status_code == 405
    assert not Job.objects.exists()
