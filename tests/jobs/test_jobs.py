"""A job is queued only once its transaction commits, reports its progress on its record, ends
with a clear message, and a failed one can be started again."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

from ablework.core.errors import Conflict
from ablework.jobs.liveness import this_host
from ablework.jobs.models import Job, JobState
from ablework.jobs.running import INTERNAL_ERROR
from ablework.jobs.selectors import status_of
from ablework.jobs.services import enqueue_job, notice_stopped_worker, restart_job
from tests.jobs import work

pytestmark = pytest.mark.django_db

DEAD_PID = 2**22 + 12345  # above Linux's default pid_max: no such process


@pytest.fixture(autouse=True)
def _every_report_stored(monkeypatch):
    monkeypatch.setattr("ablework.jobs.progress.REPORT_EVERY_SECONDS", 0)
    work.SEEN.clear()


def _enqueue(actor, function, *arguments) -> Job:
    return enqueue_job(
        actor=actor, kind="test", label="测试任务", work=function, arguments=list(arguments)
    )


def test_a_job_queued_in_a_transaction_that_rolls_back_never_runs(
    counsellor, django_capture_on_commit_callbacks
):
    def change_that_fails() -> None:
        with transaction.atomic():
            _enqueue(counsellor, work.count_to, 3)
            raise RuntimeError("the caller's change failed")

    # given a job queued inside a transaction that then fails
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
    ):
        change_that_fails()
    # then it was never sent to the queue, nor run, nor recorded
    assert callbacks == []
    assert work.SEEN == []
    assert not Job.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_job_runs_once_its_transaction_commits_and_its_progress_advances_on_its_record():
    # given a job queued in a transaction (really committed here, as in a deployment)
    with transaction.atomic():
        job = _enqueue(None, work.count_to, 4)
        assert work.SEEN == []  # then not before the commit
    # then, run, its record followed each step
    job.refresh_from_db()
    assert work.SEEN == [(1, 4), (2, 4), (3, 4), (4, 4)]
    assert (job.state, job.message, job.attempts) == (JobState.SUCCEEDED, "数到了 4。", 1)
    assert job.task_result_id


def test_a_job_records_who_started_it_and_where(counsellor):
    job = _enqueue(counsellor, work.count_to, 1)
    assert (job.started_by, job.region_code, job.state) == (counsellor, "370811", JobState.QUEUED)


def test_a_job_that_fails_says_why_and_can_be_started_again(
    counsellor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        refused = _enqueue(counsellor, work.refuse, "文件已被删除，请重新上传。")
        clashed = _enqueue(counsellor, work.clash, "这个批次已经导入或已放弃。")
        crashed = _enqueue(counsellor, work.crash)
    for job in (refused, clashed, crashed):
        job.refresh_from_db()
    assert (refused.state, refused.message) == (JobState.FAILED, "文件已被删除，请重新上传。")
    assert (clashed.state, clashed.message) == (JobState.FAILED, "这个批次已经导入或已放弃。")
    assert (crashed.state, crashed.message) == (JobState.FAILED, INTERNAL_ERROR)
    assert crashed.can_restart
    with django_capture_on_commit_callbacks(execute=True):
        restart_job(actor=counsellor, job=crashed)
    crashed.refresh_from_db()
    assert (crashed.state, crashed.attempts) == (JobState.FAILED, 2)


def test_only_a_failed_job_can_be_started_again(counsellor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        job = _enqueue(counsellor, work.count_to, 1)
    with pytest.raises(Conflict):
        restart_job(actor=counsellor, job=Job.objects.get(pk=job.pk))


def test_a_job_whose_worker_has_gone_is_recorded_as_failed_and_runs_again(
    counsellor, django_capture_on_commit_callbacks
):
    # given a job a worker on this machine was running when it was killed
    job = _enqueue(counsellor, work.count_to, 2)  # queued: this test's transaction never commits
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, worker_host=this_host(), worker_pid=DEAD_PID, done=1, total=2
    )
    # then it is seen as failed, and can run again to the end
    job = notice_stopped_worker(Job.objects.get(pk=job.pk))
    assert job.state == JobState.FAILED
    assert "后台程序已经停止" in job.message
    with django_capture_on_commit_callbacks(execute=True):
        restart_job(actor=counsellor, job=job)
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (JobState.SUCCEEDED, 2, 2)


def test_a_job_on_another_machine_is_failed_only_when_its_heartbeat_is_stale(counsellor, settings):
    job = _enqueue(counsellor, work.count_to, 2)
    fresh = timezone.now() - timedelta(seconds=settings.JOBS_STALE_AFTER_SECONDS - 60)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING, worker_host="another-host", worker_pid=os.getpid()
    )
    Job.objects.filter(pk=job.pk).update(heartbeat_at=fresh)
    assert notice_stopped_worker(Job.objects.get(pk=job.pk)).state == JobState.RUNNING
    Job.objects.filter(pk=job.pk).update(heartbeat_at=fresh - timedelta(minutes=2))
    assert notice_stopped_worker(Job.objects.get(pk=job.pk)).state == JobState.FAILED


def test_time_left_comes_from_the_pace_since_the_count_began(counsellor):
    job = _enqueue(counsellor, work.count_to, 2)
    Job.objects.filter(pk=job.pk).update(
        state=JobState.RUNNING,
        worker_host=this_host(),
        worker_pid=os.getpid(),
        done=300,
        total=1200,
        progress_since=timezone.now() - timedelta(minutes=5),
    )
    status = status_of(Job.objects.get(pk=job.pk))
    assert (status.running, status.percent) == (True, 25)
    assert status.text == "已处理 300 / 1,200（25%）"
    assert status.time_left == "预计还需约 15 分钟。"
