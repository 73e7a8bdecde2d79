"""Quota declarations in the shell: the employer's navigation entry, its home card with this
year's declaration, the pages the crawl must reach, and the panel on the employer's page
(quota/panels.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.roles import Permission, Role
from ablework.core.section_parts import Card, Link, NavEntry, Reachable, Section, Viewer
from ablework.quota.models import OPEN_STATUSES, Declaration
from ablework.quota.panels import (
    DECLARATION_DEEP_CHECK,
    DECLARATION_RISK,
    EMPLOYER_DECLARATIONS,
)


def _this_year(viewer: Viewer) -> list[Link]:
    year = timezone.localdate().year - 1
    employer_id = getattr(viewer, "employer_id", None)
    row = (
        Declaration.objects.filter(
            employer_id=employer_id, levy_year=year, status__in=OPEN_STATUSES
        )
        .only("id", "status", "levy_year")
        .first()
        if employer_id is not None
        else None
    )
    if row is None:
        return [
            Link(_("开始填写 %(year)s 年度申报") % {"year": year}, reverse("quota:declarations"))
        ]
    return [
        Link(
            _("%(year)s 年度申报：%(status)s") % {"year": year, "status": row.get_status_display()},
            reverse("quota:declaration", args=[row.pk]),
        ),
        Link(_("历年申报"), reverse("quota:declarations")),
    ]


def _review_links(viewer: Viewer) -> list[Link]:
    links = [
        Link(_("待审核的申报"), reverse("quota:review")),
        Link(_("催报提醒"), reverse("quota:reminders")),
    ]
    if viewer.has_named_permission(Permission.CREDIT_RECORDS):
        links.append(Link(_("用人单位信用记录"), reverse("quota:credit")))
    return links


SECTION = Section(
    nav=[
        NavEntry(
            gettext_lazy("按比例就业申报"),
            "quota:declarations",
            Permission.QUOTA_DECLARE,
            order=35,
            current_for="quota",
            except_for=("quota:review",),
        ),
        NavEntry(
            gettext_lazy("申报审核"),
            "quota:review",
            Permission.QUOTA_REVIEW,
            order=36,
            current_for="quota:review",
        ),
    ],
    cards=[
        Card(
            key="quota-declaration",
            title=gettext_lazy("按比例就业申报"),
            description=gettext_lazy(
                "每年申报上一年度安排残疾人就业的情况，算出残疾人就业保障金。"
            ),
            permission=Permission.QUOTA_DECLARE,
            order=20,
            applies=lambda viewer: viewer.role == Role.EMPLOYER,
            links=_this_year,
        ),
        Card(
            key="quota-review",
            title=gettext_lazy("按比例就业年审"),
            description=gettext_lazy(
                "审核用人单位的申报，提醒尚未申报的用人单位，记录拒缴保障金和虚假安排残疾人就业的信用记录。"
            ),
            permission=Permission.QUOTA_REVIEW,
            order=25,
            applies=lambda viewer: viewer.role != Role.EMPLOYER,
            links=_review_links,
        ),
    ],
    # The declaration page is reached from the list (its first row) and the employer's home
    # card, whenever the viewer's area holds one.
    reachable=[
        Reachable("quota:declarations", Permission.QUOTA_DECLARE),
        Reachable("quota:review", Permission.QUOTA_REVIEW),
        Reachable("quota:sample", Permission.QUOTA_REVIEW),
        Reachable("quota:bulk_certify", Permission.QUOTA_REVIEW),
        Reachable("quota:reminders", Permission.QUOTA_REVIEW),
        Reachable("quota:credit", Permission.CREDIT_RECORDS),
        Reachable("quota:credit_new", Permission.CREDIT_RECORDS),
    ],
    panels=[EMPLOYER_DECLARATIONS, DECLARATION_RISK, DECLARATION_DEEP_CHECK],
)
