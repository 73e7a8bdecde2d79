"""征收核定 pages: province staff start the assessment as a job and follow it, download the
tax bureau's list; other areas and employers get 404."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from ablework.accounts.models import User
from ablework.demo.declarations import DemoDeclarations
from ablework.jobs.models import JobState
from ablework.levy.models import AssessmentRun, TaxListExport
from ablework.levy.services.assessment import assess_season
from ablework.levy.services.tax_list import verify_tax_list
from tests.helpers import signed_in

from .conftest import ON, YEAR


@pytest.mark.django_db
def test_province_staff_start_the_assessment_and_follow_its_job_to_the_result(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    client = signed_in(demo_data["shandong_admin"])
    page = client.get("/levy/")
    assert page.status_code == 200
    assert "开始核定" in page.content.decode()
    response = client.post("/levy/", {"levy_year": str(YEAR), "region": "370000"})
    assert response.status_code == 302
    run = AssessmentRun.objects.get()
    assert response["Location"] == f"/levy/runs/{run.pk}/"
    assert run.job is not None
    run.refresh_from_db()
    assert run.finished
    assert run.job.state == JobState.SUCCEEDED
    assert run.job.done == run.job.total > 0
    assert run.job.message.startswith("已核定")
    shown = client.get(f"/levy/runs/{run.pk}/").content.decode()
    assert "未记录审核截止日期" in shown
    assert demo_quota.certified.employer.name in shown
    # The list, as one download: the CSV, the workbook and the signed manifest.
    download = client.post(f"/levy/runs/{run.pk}/tax-list/")
    assert download.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    sealed = json.loads(archive.read(next(n for n in names if n.endswith(".manifest.json"))))
    files = {name: archive.read(name) for name in names if not name.endswith(".json")}
    assert verify_tax_list(sealed["manifest"], sealed["signature"], files)
    export = TaxListExport.objects.get(run=run)
    assert client.post(f"/levy/runs/{run.pk}/exports/{export.pk}/sent/").status_code == 302
    export.refresh_from_db()
    assert export.sent_by == demo_data["shandong_admin"]
    assert "标记为已送交" not in client.get(f"/levy/runs/{run.pk}/").content.decode()


@pytest.mark.django_db
def test_a_county_sees_its_own_runs_only_and_employers_see_none(
    demo_quota: DemoDeclarations, demo_data: dict[str, User]
) -> None:
    weishan = assess_season(actor=None, levy_year=YEAR, region_code="370826", assessed_on=ON)
    rencheng = signed_in(demo_data["rencheng_admin"])
    assert rencheng.get(f"/levy/runs/{weishan.pk}/").status_code == 404
    assert rencheng.post(f"/levy/runs/{weishan.pk}/tax-list/").status_code == 404
    assert rencheng.post("/levy/", {"levy_year": str(YEAR), "region": "370826"}).status_code == 200
    assert not AssessmentRun.objects.filter(region_code="370826").exclude(pk=weishan.pk).exists()
    assert "370826" not in rencheng.get("/levy/").content.decode()
    city = signed_in(demo_data["jining_admin"])
    assert city.get(f"/levy/runs/{weishan.pk}/").status_code == 200
    employer = signed_in(demo_data["employer_user"])
    for path in ("/levy/", f"/levy/runs/{weishan.pk}/", "/levy/fund/"):
        assert employer.get(path).status_code == 404
    # The auditor reads, but may not start a run or export.
    auditor = signed_in(demo_data["jining_auditor"])
    assert auditor.get(f"/levy/runs/{weishan.pk}/").status_code == 200
    assert "开始核定" not in auditor.get("/levy/").content.decode()
    assert auditor.post(f"/levy/runs/{weishan.pk}/tax-list/").status_code == 404
