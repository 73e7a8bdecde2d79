"""Who may follow a job: the person who started it, and staff whose region holds the region it
was started in; everyone else gets "not found"."""

from __future__ import annotations

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.accounts.scope import scope_of
from ablework.core.errors import NotFound
from ablework.jobs.models import Job

# Federation staff; a training provider is bound to a region but is not its staff.
STAFF_ROLES = frozenset(
    {Role.PROVINCE_ADMIN, Role.CITY_ADMIN, Role.COUNTY_ADMIN, Role.COUNSELLOR, Role.AUDITOR}
)


def access_job(actor: User, job_id: int) -> Job:
    """The job, or NotFound — the same answer for "absent" and "not yours"."""
    job = Job.objects.select_related("started_by").filter(pk=job_id).first()
    if job is None or not actor.is_authenticated:
        raise NotFound("没有找到该任务。")
    if job.started_by_id == actor.pk:
        return job
    scope = scope_of(actor)
    if scope.everywhere or (actor.role in STAFF_ROLES and scope.covers(job)):
        return job
    raise NotFound("没有找到该任务。")
