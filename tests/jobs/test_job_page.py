"""The job page: its starter and the staff of their region follow it live; anyone else — another
county, an employer, a person — is told it does not exist."""

from __future__ import annotations

import os

import pytest

from ablework.jobs.liveness import this_host
from ablework.jobs.models import Job, JobState
from ablework.jobs.services import enqueue_job
from tests.helpers import signed_in
from tests.jobs import work

pytestmark = pytest.mark.django_db


@pytest.fixture
def running_job(counsellor) -> Job:
    """任城区's counsellor's job, a quarter done by a worker of this machine."""
    job = enqueue_job(
        actor=counsellor, kind="test", label="测试任务：数到 4", work=work.count_to, arguments=[4]
    )
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, worker_host=this_host(), worker_pid=os.getpid(), done=1, total=4
    )
    return job


def test_the_starter_follows_the_progress_in_a_labelled_bar_and_a_live_region(
    counsellor, running_job
):
    page = signed_in(counsellor).get(f"/jobs/{running_job.pk}/").content.decode()
    assert "<h1>测试任务：数到 4</h1>" in page
    assert '<dd id="job-state">正在进行</dd>' in page
    assert '<label for="job-progress-bar">测试任务：数到 4</label>' in page
    assert '<progress id="job-progress-bar" max="100" value="25">25%</progress>' in page
    assert '<p aria-live="polite" id="job-progress-text">已处理 1 / 4（25%）</p>' in page
    assert "jobs/progress.js" in page


@pytest.mark.parametrize("username", ["rencheng_admin", "jining_admin", "shandong_admin", "admin"])
def test_staff_whose_region_holds_the_starters_see_the_job(demo_data, running_job, username):
    assert signed_in(demo_data[username]).get(f"/jobs/{running_job.pk}/").status_code == 200


@pytest.mark.parametrize(
    "username",
    ["weishan_counsellor", "rencheng_township", "employer_user", "person_user", "rencheng_trainer"],
)
def test_anyone_else_is_told_the_job_does_not_exist(demo_data, running_job, username):
    client = signed_in(demo_data[username])
    for path in (f"/jobs/{running_job.pk}/", f"/jobs/{running_job.pk}/progress.json"):
        assert client.get(path).status_code == 404
    assert client.post(f"/jobs/{running_job.pk}/restart/").status_code == 404
    assert client.get("/jobs/999999/").status_code == 404


def test_a_failed_job_is_started_again_from_its_page(counsellor):
    job = enqueue_job(
        actor=counsellor, kind="test", label="会出错的任务", work=work.crash, arguments=[]
    )
    Job.objects.filter(pk=job.pk).update(state=JobState.FAILED, message="处理时发生内部错误。")
    client = signed_in(counsellor)
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "任务没有完成" in page
    assert "处理时发生内部错误。" in page
    assert f'action="/jobs/{job.pk}/restart/"' in page
    client.post(f"/jobs/{job.pk}/restart/")
    job.refresh_from_db()
    assert (job.state, job.attempts) == (JobState.FAILED, 1)  # it ran again, and failed again
    assert client.post(f"/jobs/{job.pk}/restart/").status_code == 302


def test_a_finished_job_shows_its_result_and_links_to_what_it_worked_on(counsellor):
    job = enqueue_job(
        actor=counsellor,
        kind="test",
        label="测试任务",
        work=work.count_to,
        arguments=[2],
        result_url="/imports/",
    )
    Job.objects.filter(pk=job.pk).update(state=JobState.SUCCEEDED, message="数到了 2。")
    page = signed_in(counsellor).get(f"/jobs/{job.pk}/").content.decode()
    assert '<p id="job-result">数到了 2。</p>' in page
    assert 'href="/imports/" id="job-subject"' in page
    assert "job-progress" not in page


def test_a_township_workers_job_is_seen_by_their_county_but_not_by_another(demo_data):
    # given a job the 古槐街道 worker started
    township = demo_data["rencheng_township"]
    job = enqueue_job(
        actor=township, kind="test", label="街道的任务", work=work.count_to, arguments=[1]
    )
    assert job.region_code == "370811001"
    # then they and their county's staff see it; another county does not
    for username in ("rencheng_township", "rencheng_counsellor", "rencheng_admin", "jining_admin"):
        assert signed_in(demo_data[username]).get(f"/jobs/{job.pk}/").status_code == 200
    assert signed_in(demo_data["weishan_counsellor"]).get(f"/jobs/{job.pk}/").status_code == 404
