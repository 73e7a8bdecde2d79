"""Access to job postings through the one scope: staff by the region where the work is (down to
the township), an employer's accounts to their own organisation's postings."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import access_one, visible
from ablework.matching.models import JobPosting

VIEW = Permission.POSTINGS_VIEW
EDIT = Permission.POSTINGS_EDIT
REPORT = Permission.POSTINGS_REPORT


def postings_visible_to(actor: User, *, permission: Permission = VIEW) -> QuerySet[JobPosting]:
    """The postings the actor may see with `permission`."""
    return visible(actor, JobPosting.objects.select_related("employer"), permission=permission)


def access_posting(actor: User, posting_id: int, *, permission: Permission = VIEW) -> JobPosting:
    """The posting, or NotFound for "absent" and "not yours" alike."""
    return access_one(
        actor,
        JobPosting.objects.select_related("employer"),
        posting_id,
        permission=permission,
        not_found_message=_("没有找到该招聘岗位。"),
    )
