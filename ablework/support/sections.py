"""Employment services in the shell: navigation entries, home cards, the pages the crawl must
reach and the panels on other apps' pages."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ablework.accounts.models import User
from ablework.core.counting import cached_count
from ablework.core.section_parts import (
    Card,
    Figure,
    Link,
    NavEntry,
    Reachable,
    Section,
    Viewer,
    allowed,
    count_figure,
)
from ablework.support.access import DECIDE, RECORD, SUPERVISE, VIEW
from ablework.support.panels import (
    PERSON_DIFFICULTY,
    PERSON_ESCALATIONS,
    PERSON_FEEDBACK,
    PERSON_PLAN,
    QUEUE_ESCALATIONS,
    QUEUE_OVERDUE_ACTIONS,
)
from ablework.support.record_cards import (
    RECORD_CARDS,
    RECORD_REACHABLE,
    REGISTRY_PERSON_SERVICES,
)
from ablework.support.selectors.difficulty import awaiting_decision
from ablework.support.selectors.plans import overdue_actions_of, plans_awaiting
from ablework.support.services.feedback import OWN_ROLES


def _overdue_links(viewer: Viewer) -> list[Link]:
    user: User = viewer  # type: ignore[assignment]
    count = cached_count(overdue_actions_of(user, today=timezone.localdate()))
    if not count.value:
        return []
    label = _("我负责的逾期行动 %(n)s 项") % {"n": count.value}
    if count.approximate:
        label = _("我负责的逾期行动约 %(n)s 项") % {"n": count.value}
    return [Link(label, reverse("support:queue"), more=_("在工作队列中查看"))]


def _awaiting_figure(viewer: Viewer) -> Figure:
    user: User = viewer  # type: ignore[assignment]
    return count_figure(
        plans_awaiting(user),
        url=reverse("support:plans_awaiting"),
        unit=_("份计划待审批，查看名单"),
    )


def _difficulty_figure(viewer: Viewer) -> Figure:
    user: User = viewer  # type: ignore[assignment]
    return count_figure(
        awaiting_decision(user),
        url=reverse("support:difficulty_pending"),
        unit=_("份就业困难认定申请待认定，查看名单"),
    )


def _for_the_person(viewer: Viewer) -> bool:
    return viewer.role in OWN_ROLES


def _keeps_or_watches_ledger(viewer: Viewer) -> bool:
    return allowed(viewer, RECORD) or allowed(viewer, SUPERVISE)


SECTION = Section(
    nav=[
        NavEntry(
            gettext_lazy("就业服务"),
            "support:queue",
            RECORD,
            order=30,
            current_for="support",
            except_for=("support:completion",),
        ),
        NavEntry(
            gettext_lazy("“四个一”完成情况"),
            "support:completion",
            SUPERVISE,
            order=31,
            current_for="support:completion",
        ),
    ],
    cards=[
        *RECORD_CARDS,
        Card(
            key="support-mine",
            title=gettext_lazy("我的就业服务"),
            description=gettext_lazy(
                "我得到的服务、能力评估的结论、就业计划和接下来要做的事；服务没有发生可以告诉我们。"
            ),
            permission=VIEW,
            order=5,
            applies=_for_the_person,
            links=lambda viewer: [Link(gettext_lazy("查看我的就业服务"), reverse("support:mine"))],
        ),
        Card(
            key="support-feedback",
            title=gettext_lazy("本人反馈"),
            description=gettext_lazy("本人说没有发生的服务，和本人提出的记录更正申请。"),
            permission=RECORD,
            order=32,
            links=lambda viewer: [
                Link(gettext_lazy("更正申请"), reverse("support:corrections")),
                *(
                    [Link(gettext_lazy("服务投诉"), reverse("support:complaints"))]
                    if viewer.has_named_permission(SUPERVISE)
                    else []
                ),
            ],
        ),
        Card(
            key="support-complaints",
            title=gettext_lazy("服务投诉"),
            description=gettext_lazy("本人说没有发生、或与记录不符的服务。"),
            permission=SUPERVISE,
            order=33,
            applies=lambda viewer: not viewer.has_named_permission(RECORD),
            links=lambda viewer: [
                Link(gettext_lazy("查看服务投诉"), reverse("support:complaints"))
            ],
        ),
        Card(
            key="support-plan-actions",
            title=gettext_lazy("一人一策：我负责的行动"),
            description=gettext_lazy("已批准的计划中由您负责、已过期限尚未完成的行动。"),
            permission=RECORD,
            order=30,
            links=_overdue_links,
            empty=gettext_lazy("您负责的计划行动没有逾期的。"),
        ),
        Card(
            key="support-plans-awaiting",
            title=gettext_lazy("待审批的一人一策计划"),
            description=gettext_lazy("工作人员提交的计划，由制定人以外的管理员审批。"),
            permission=DECIDE,
            order=31,
            figure=_awaiting_figure,
            links=lambda viewer: [
                Link(gettext_lazy("查看待审批的计划"), reverse("support:plans_awaiting"))
            ],
        ),
        Card(
            key="support-difficulty-pending",
            title=gettext_lazy("待认定的就业困难申请"),
            description=gettext_lazy("已受理的就业困难认定申请，由受理人以外的管理员认定。"),
            permission=DECIDE,
            order=34,
            figure=_difficulty_figure,
            links=lambda viewer: [
                Link(gettext_lazy("查看待认定的申请"), reverse("support:difficulty_pending")),
                Link(gettext_lazy("就业困难人员名单"), reverse("support:difficulty_list")),
            ],
        ),
        Card(
            key="support-difficulty",
            title=gettext_lazy("就业困难人员"),
            description=gettext_lazy("本地区已认定的就业困难人员：有效、即将到期和已到期的。"),
            permission=VIEW,
            order=35,
            applies=lambda viewer: (
                _keeps_or_watches_ledger(viewer) and not viewer.has_named_permission(DECIDE)
            ),
            links=lambda viewer: [
                Link(gettext_lazy("就业困难人员名单"), reverse("support:difficulty_list"))
            ],
        ),
        Card(
            key="support-escalations",
            title=gettext_lazy("升级帮扶"),
            description=gettext_lazy(
                "多次推荐仍未就业的残疾人，安置公益性岗位、辅助性就业或参加培训的建议和决定。"
            ),
            permission=VIEW,
            order=36,
            applies=_keeps_or_watches_ledger,
            links=lambda viewer: [
                Link(gettext_lazy("查看升级帮扶建议"), reverse("support:escalations"))
            ],
        ),
        Card(
            key="support_graduates",
            title=gettext_lazy("应届残疾人大学生"),
            description=gettext_lazy("一人一策就业服务台账：逐人建档、逐人服务，离校不断线。"),
            permission=VIEW,
            order=60,
            applies=_keeps_or_watches_ledger,
            links=lambda viewer: [
                Link(gettext_lazy("一人一策就业服务台账"), reverse("support:graduates"))
            ],
        ),
        Card(
            key="support_households",
            title=gettext_lazy("零就业家庭"),
            description=gettext_lazy("家庭成员都没有工作的家庭，优先帮扶，跟踪到至少一人就业。"),
            permission=VIEW,
            order=61,
            applies=_keeps_or_watches_ledger,
            links=lambda viewer: [
                Link(gettext_lazy("查看零就业家庭名单"), reverse("support:households"))
            ],
        ),
    ],
    reachable=[
        Reachable("support:queue", RECORD),
        Reachable("support:completion", SUPERVISE),
        *RECORD_REACHABLE,
        Reachable("support:plans_awaiting", DECIDE),
        Reachable("support:difficulty_pending", DECIDE),
        Reachable("support:difficulty_list", RECORD),
        Reachable("support:difficulty_list", SUPERVISE),
        Reachable("support:escalations", RECORD),
        Reachable("support:escalations", SUPERVISE),
        Reachable("support:corrections", RECORD),
        Reachable("support:complaints", SUPERVISE),
        Reachable("support:graduates", RECORD),
        Reachable("support:graduates", SUPERVISE),
        Reachable("support:households", RECORD),
        Reachable("support:households", SUPERVISE),
    ],
    panels=[
        QUEUE_OVERDUE_ACTIONS,
        QUEUE_ESCALATIONS,
        PERSON_ESCALATIONS,
        PERSON_PLAN,
        PERSON_DIFFICULTY,
        PERSON_FEEDBACK,
        REGISTRY_PERSON_SERVICES,
    ],
)
