"""The job page: state, live progress, time left and result (with its file to download, for
the one who started it); started again when it failed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ablework.accounts.models import User
from ablework.jobs.access import access_job
from ablework.jobs.results import (
    RESULT_KEEP_DAYS,
    access_job_result,
    may_download,
    result_download,
)
from ablework.jobs.selectors import status_of
from ablework.jobs.services import notice_stopped_worker, restart_job


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    """A job as its starter and their region's staff follow it."""
    user = _user(request)
    job = notice_stopped_worker(access_job(user, job_id))
    return render(
        request,
        "jobs/job_detail.html",
        {
            "job": job,
            "status": status_of(job),
            "may_download": may_download(user, job),
            "keep_days": RESULT_KEEP_DAYS,
        },
    )


@login_required
def job_progress(request: HttpRequest, job_id: int) -> JsonResponse:
    """Progress as JSON, for the page's script (the page itself works without it)."""
    job = notice_stopped_worker(access_job(_user(request), job_id))
    return JsonResponse(status_of(job).as_json(job))


@login_required
@require_POST
def job_restart(request: HttpRequest, job_id: int) -> HttpResponse:
    """Start a failed job again."""
    user = _user(request)
    restart_job(actor=user, job=access_job(user, job_id))
    return redirect("jobs:job_detail", job_id=job_id)


@login_required
@require_GET
def job_result(request: HttpRequest, job_id: int) -> FileResponse:
    """The file a finished job handed back, for the one who started it (audited)."""
    user = _user(request)
    return result_download(user, access_job_result(user, job_id))
