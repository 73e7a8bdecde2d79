"""The job page: state, live progress, time left and result; started again when it failed."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ablework.accounts.models import User
from ablework.jobs.access import access_job
from ablework.jobs.selectors import status_of
from ablework.jobs.services import notice_stopped_worker, restart_job


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


@login_required
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    """A job as its starter and their region's staff follow it."""
    job = notice_stopped_worker(access_job(_user(request), job_id))
    return render(request, "jobs/job_detail.html", {"job": job, "status": status_of(job)})


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
