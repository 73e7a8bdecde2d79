"""A job that hands back a file: its page offers 下载 once it has finished, only to the person who
started it (the staff who may follow the job are told the file is the starter's, anyone else gets
404), the download is the file as written, never cached, and audited; a job run again replaces its
file, and loses it a week after it finished; work outside a job cannot keep one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from ablework.core.models import AuditRecord
from ablework.jobs.audit_actions import JobsAction
from ablework.jobs.models import Job, JobState
from ablework.jobs.results import keep_result_file, remove_expired_results
from ablework.jobs.running import run_recorded_work
from ablework.jobs.services import enqueue_job
from tests.helpers import signed_in
from tests.jobs import work

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished(counsellor, django_capture_on_commit_callbacks) -> Job:
    """任城区's counsellor's job, finished, with its file."""
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job(
            actor=counsellor,
            kind="test",
            label="测试任务：写结果文件",
            work=work.hand_back,
            arguments=["姓名,人数\n任城区,3\n"],
        )
    job.refresh_from_db()
    return job


def test_the_starter_downloads_the_file_the_job_handed_back(counsellor, finished: Job) -> None:
    # given a finished job that kept a file
    assert finished.state == JobState.SUCCEEDED
    assert finished.has_result_file
    client = signed_in(counsellor)
    # when its starter opens its page, then it offers the download by name
    page = client.get(f"/jobs/{finished.pk}/").content.decode()
    assert "写好了结果文件。" in page
    assert f'href="/jobs/{finished.pk}/result/" id="job-download"' in page
    assert "下载（测试结果.csv）" in page
    # and the download is the file as written, never cached
    response = client.get(f"/jobs/{finished.pk}/result/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).decode() == "姓名,人数\n任城区,3\n"
    assert response["Content-Type"] == "text/csv"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    # and audited: who downloaded which job's file
    record = AuditRecord.objects.get(action=JobsAction.DOWNLOAD)
    assert record.actor_id == counsellor.pk
    assert record.target_label == "测试任务：写结果文件：测试结果.csv"
    assert record.region_code == "370811"


def test_staff_who_follow_the_job_may_not_download_its_file(demo_data, finished: Job) -> None:
    # the county's administrator may follow the job, but the file is the starter's
    admin = signed_in(demo_data["rencheng_admin"])
    page = admin.get(f"/jobs/{finished.pk}/").content.decode()
    assert "结果文件只有发起人可以下载。" in page
    assert "job-download" not in page
    assert admin.get(f"/jobs/{finished.pk}/result/").status_code == 404
    # anyone who may not see the job gets the same 404
    for username in ("weishan_counsellor", "employer_user", "person_user"):
        assert signed_in(demo_data[username]).get(f"/jobs/{finished.pk}/result/").status_code == 404
    assert not AuditRecord.objects.filter(action=JobsAction.DOWNLOAD).exists()


def test_a_job_still_running_offers_no_file(counsellor, finished: Job) -> None:
    Job.objects.filter(pk=finished.pk).update(state=JobState.RUNNING)
    client = signed_in(counsellor)
    assert "job-download" not in client.get(f"/jobs/{finished.pk}/").content.decode()
    assert client.get(f"/jobs/{finished.pk}/result/").status_code == 404


def test_a_job_run_again_replaces_its_file(finished: Job) -> None:
    first = finished.result_file.name
    # when the same job runs again (as restarting it does)
    run_recorded_work(finished.pk)
    finished.refresh_from_db()
    # then it keeps one file, the new one
    assert finished.result_file.name != first
    assert not default_storage.exists(first)
    assert default_storage.exists(finished.result_file.name)


def test_work_outside_a_job_cannot_keep_a_file() -> None:
    with pytest.raises(RuntimeError):
        keep_result_file(
            lambda handle: handle.write(b"x"), filename="x.csv", content_type="text/csv"
        )


def test_a_file_is_removed_a_week_after_the_job_finished(counsellor, finished: Job) -> None:
    stored = finished.result_file.name
    # a job finished six days ago keeps its file
    Job.objects.filter(pk=finished.pk).update(finished_at=timezone.now() - timedelta(days=6))
    assert remove_expired_results() == 0
    # one finished eight days ago loses it when a worker starts; its page says so
    Job.objects.filter(pk=finished.pk).update(finished_at=timezone.now() - timedelta(days=8))
    assert remove_expired_results() == 1
    assert not default_storage.exists(stored)
    client = signed_in(counsellor)
    page = client.get(f"/jobs/{finished.pk}/").content.decode()
    assert "结果文件“测试结果.csv”已超过保存期（7 天）并已删除，可以重新生成。" in page
    assert client.get(f"/jobs/{finished.pk}/result/").status_code == 404
