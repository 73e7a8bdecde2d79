"""The job page — running, failed, finished, finished with a file to download — has no serious
axe-core violation; its progress bar is named and its live region speaks; another county gets
"not found"."""

from __future__ import annotations

import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from playwright.sync_api import Page

from ablework.jobs.liveness import this_host
from ablework.jobs.models import Job, JobState
from tests.browser.pages import serious_violations, sign_in
from tests.browser.session import DemoSite

pytestmark = pytest.mark.browser


@pytest.fixture
def jobs(demo_site: DemoSite) -> dict[str, Job]:
    """任城区's counsellor's jobs: one being run by a live worker of this machine, one failed,
    one finished, one finished with a file."""
    starter = demo_site.users["rencheng_counsellor"]
    common = {"kind": "test", "work": "tests.jobs.work.count_to", "arguments": [3]}
    common |= {"started_by": starter, "region_code": "370811"}
    return {
        "running": Job.objects.create(
            label="检查文件：第一季度.xlsx",
            state=JobState.RUNNING,
            worker_host=this_host(),
            worker_pid=os.getpid(),
            done=1200,
            total=4800,
            **common,
        ),
        "failed": Job.objects.create(
            label="写入登记库：第一季度.xlsx",
            state=JobState.FAILED,
            message="执行这个任务的后台程序已经停止，任务没有完成。可以重新开始。",
            **common,
        ),
        "succeeded": Job.objects.create(
            label="检查文件：第二季度.xlsx",
            state=JobState.SUCCEEDED,
            message="检查完成：共 3 行，通过 3 行，未通过 0 行。",
            result_url="/imports/",
            **common,
        ),
        "with_file": Job.objects.create(
            label="生成报告：济宁市2026年残疾人就业工作年度报告（Excel）",
            state=JobState.SUCCEEDED,
            message="已生成“济宁市2026年残疾人就业工作年度报告.xlsx”，可以下载。",
            result_file=default_storage.save("jobs/results/test.xlsx", ContentFile(b"PK")),
            result_name="济宁市2026年残疾人就业工作年度报告.xlsx",
            result_type="application/octet-stream",
            **common,
        ),
    }


def test_every_state_of_the_job_page_is_accessible(demo_site: DemoSite, jobs: dict[str, Job]):
    def check(page: Page) -> list[str]:
        sign_in(page, "rencheng_counsellor")
        page.goto(f"/jobs/{jobs['running'].pk}/")
        bar = page.get_by_role("progressbar", name="检查文件：第一季度.xlsx")
        assert bar.get_attribute("value") == "25"
        assert page.locator("[aria-live=polite]").inner_text() == "已处理 1,200 / 4,800（25%）"
        problems = serious_violations(page)
        page.wait_for_timeout(1500)  # the script has polled the progress once
        assert page.locator("[aria-live=polite]").inner_text() == "已处理 1,200 / 4,800（25%）"
        for state in ("failed", "succeeded", "with_file"):
            page.goto(f"/jobs/{jobs[state].pk}/")
            assert jobs[state].message in page.inner_text("main")
            problems += serious_violations(page)
        download = page.locator("#job-download").inner_text()
        assert download == "下载（济宁市2026年残疾人就业工作年度报告.xlsx）", download
        return problems

    problems = demo_site.browse(check)
    assert problems == [], "\n".join(problems)


def test_another_countys_counsellor_is_told_the_job_does_not_exist(
    demo_site: DemoSite, jobs: dict[str, Job]
):
    def visit(page: Page) -> int:
        sign_in(page, "weishan_counsellor")
        response = page.goto(f"/jobs/{jobs['running'].pk}/")
        assert response is not None
        return response.status

    assert demo_site.browse(visit) == 404
