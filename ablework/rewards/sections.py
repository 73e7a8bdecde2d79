"""Over-quota rewards in the shell: the staff's navigation entry and the pages the crawl must
reach; for an employer whose declarations have a reward rule (a reward province), a home card;
the panel on a declaration's page (rewards/panels.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ablework.accounts.models import User
from ablework.accounts.roles import Role
from ablework.core.section_parts import Card, Link, NavEntry, Reachable, Section, Viewer
from ablework.rewards.access import APPLY, DECIDE, certified_declarations
from ablework.rewards.panels import DECLARATION_REWARD
from ablework.rewards.selectors import has_rewards


def _in_a_reward_province(viewer: Viewer) -> bool:
    if viewer.role != Role.EMPLOYER:
        return False
    user: User = viewer  # type: ignore[assignment]
    return has_rewards(certified_declarations(user, permission=APPLY))


SECTION = Section(
    nav=[
        NavEntry(
            _("超比例奖励"),
            "rewards:candidates",
            DECIDE,
            order=40,
            current_for="rewards",
        ),
    ],
    cards=[
        Card(
            key="rewards",
            title=_("超比例奖励"),
            description=_("安排残疾人就业超过规定比例的，可以申请奖励。"),
            permission=APPLY,
            order=25,
            applies=_in_a_reward_province,
            links=lambda viewer: [Link(_("本单位的超比例奖励"), reverse("rewards:mine"))],
        ),
    ],
    reachable=[
        Reachable("rewards:candidates", DECIDE),
        Reachable("rewards:applications", DECIDE),
    ],
    panels=[DECLARATION_REWARD],
)
