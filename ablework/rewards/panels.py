"""The panel rewards add to a declaration's page (quota's `quota:declaration`, through
`Section.panels`): for a certified declaration with an over-quota reward, the amount, its
basis and the application's state, or the button to apply. Nothing for any other declaration,
so an employer outside a reward province sees nothing of rewards."""

from __future__ import annotations

from typing import Any

from ablework.accounts.models import User
from ablework.core.section_parts import Panel, Viewer
from ablework.quota.models import DeclarationStatus
from ablework.rewards.access import APPLY, applications_visible_to
from ablework.rewards.selectors import reward_basis


def _reward(viewer: Viewer, declaration: Any) -> dict[str, Any] | None:
    if declaration.status != DeclarationStatus.CERTIFIED:
        return None
    basis = reward_basis(declaration)
    if basis is None:
        return None
    user: User = viewer  # type: ignore[assignment]
    application = (
        applications_visible_to(user, permission=APPLY).filter(declaration=declaration).first()
    )
    return {"declaration": declaration, "basis": basis, "application": application}


DECLARATION_REWARD = Panel(
    key="rewards-declaration",
    page="quota:declaration",
    template="rewards/_declaration_reward.html",
    context=_reward,
    permission=APPLY,
    order=10,
)
