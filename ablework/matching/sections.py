"""Jobs and matching in the shell: the navigation entry, the home cards and the pages the crawl
must reach."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.core.section_parts import (
    Card,
    Figure,
    Link,
    NavEntry,
    Reachable,
    Section,
    Viewer,
    count_figure,
)
from ablework.matching.access import EDIT, REPORT, VIEW, postings_visible_to
from ablework.matching.employer_panel import EMPLOYER_POSTINGS
from ablework.matching.models import PostingStatus
from ablework.matching.panels import LEDGER_SUGGESTIONS, PERSON_JOBS, QUEUE_SUGGESTIONS
from ablework.matching.referral_panel import PERSON_REFERRALS
from ablework.matching.roster_panel import ROSTER_HIRES
from ablework.matching.selectors.events import MANAGE as EVENTS_MANAGE
from ablework.matching.selectors.events import VIEW as EVENTS_VIEW
from ablework.matching.selectors.recommendations import BATCH
from ablework.matching.selectors.referrals import RECORD as REFERRALS_RECORD
from ablework.matching.selectors.seeker import BROWSE, is_seeker


def _open_figure(viewer: Viewer) -> Figure:
    user: User = viewer  # type: ignore[assignment]
    return count_figure(
        postings_visible_to(user).filter(status=PostingStatus.OPEN),
        url=f"{reverse('matching:posting_list')}?status={PostingStatus.OPEN}",
        unit=_("个岗位正在招聘，查看列表"),
    )


def _links(viewer: Viewer) -> list[Link]:
    links = [Link(gettext_lazy("查看招聘岗位"), reverse("matching:posting_list"))]
    if viewer.has_named_permission(EDIT):
        links.append(Link(gettext_lazy("发布招聘岗位"), reverse("matching:posting_new")))
    if viewer.has_named_permission(REPORT):
        links.append(Link(gettext_lazy("岗位招聘完成情况"), reverse("matching:fill_rates")))
    if viewer.has_named_permission(EVENTS_VIEW):
        links.append(Link(gettext_lazy("招聘活动"), reverse("matching:event_list")))
    if viewer.has_named_permission(REFERRALS_RECORD):
        links.append(Link(gettext_lazy("岗位推荐"), reverse("matching:referral_list")))
    if viewer.has_named_permission(BATCH):
        links.append(Link(gettext_lazy("批量推荐与公平性报告"), reverse("matching:batch_list")))
    if viewer.has_named_permission(BROWSE):
        links.append(Link(gettext_lazy("求职者看到的岗位"), reverse("matching:job_list")))
    return links


SECTION = Section(
    nav=[
        NavEntry(
            gettext_lazy("招聘岗位"),
            "matching:posting_list",
            VIEW,
            order=33,
            current_for="matching",
        ),
    ],
    cards=[
        Card(
            key="postings",
            title=gettext_lazy("招聘岗位"),
            description=gettext_lazy(
                "残疾人定向招聘、公益性岗位、预留经营场所和辅助性就业岗位，写明工作要求和便利条件。"
            ),
            permission=VIEW,
            order=33,
            figure=_open_figure,
            links=_links,
        ),
        Card(
            key="jobs-mine",
            title=gettext_lazy("找工作"),
            description=gettext_lazy(
                "看看所在城市正在招聘的岗位：要做什么、工资和时间、需要什么、单位能提供哪些无障碍设施和便利条件。合适的可以申请推荐，在“我的推荐”里看进展。"
            ),
            permission=BROWSE,
            order=6,
            applies=lambda viewer: is_seeker(viewer),  # type: ignore[arg-type]
            links=lambda viewer: [
                Link(gettext_lazy("查找岗位"), reverse("matching:job_list")),
                Link(gettext_lazy("我收藏的岗位"), reverse("matching:jobs_saved")),
                Link(gettext_lazy("我的推荐"), reverse("matching:jobs_referrals")),
            ],
        ),
    ],
    reachable=[
        Reachable("matching:job_list", BROWSE),
        Reachable("matching:posting_list", VIEW),
        Reachable("matching:posting_detail", VIEW),
        Reachable("matching:posting_new", EDIT),
        Reachable("matching:fill_rates", REPORT),
        Reachable("matching:batch_list", BATCH),
        Reachable("matching:referral_list", REFERRALS_RECORD),
        Reachable("matching:event_list", EVENTS_VIEW),
        Reachable("matching:event_new", EVENTS_MANAGE),
    ],
    panels=[
        QUEUE_SUGGESTIONS,
        LEDGER_SUGGESTIONS,
        EMPLOYER_POSTINGS,
        PERSON_JOBS,
        PERSON_REFERRALS,
        ROSTER_HIRES,
    ],
)
