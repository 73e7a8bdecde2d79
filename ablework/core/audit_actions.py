"""What the audit trail records: each app declares its actions as an enum whose values are the
stored codes and whose labels people read, and registers it here with the words its changes use.

An app's `audit_actions.py` is imported when Django starts (`CoreConfig.ready`), so every code
ever stored can be read back as a label, and `record_audit` refuses a code nobody declared.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AuditAction(models.TextChoices):
    """The base of every app's action enum: value = the stored code, label = what people read."""


class UnknownAuditAction(LookupError):
    """A code no app declared: a typo at a call site, caught by the first test that runs it."""


@dataclass(frozen=True)
class ActionGroup:
    """One app's actions, and how the changes they record are worded.

    `models` name (as `app_label.model`) the models whose fields the changes may name besides the
    target's own; `change_label` words change keys that are no model field (`flag.…`), and
    `change_values` the values of such keys (`{"status": {"valid": "有效", …}}`);
    `region_fields` hold region codes, shown by the region's name.
    """

    title: str | Promise
    actions: type[AuditAction]
    models: tuple[str, ...] = ()
    change_label: Callable[[str], str | None] | None = None
    change_values: Mapping[str, Mapping[Any, str | Promise]] = field(default_factory=dict)
    region_fields: frozenset[str] = frozenset()


_GROUPS: list[ActionGroup] = []
_BY_CODE: dict[str, tuple[AuditAction, ActionGroup]] = {}


def register_actions(
    actions: type[AuditAction],
    *,
    title: str | Promise,
    models: Iterable[str] = (),
    change_label: Callable[[str], str | None] | None = None,
    change_values: Mapping[str, Mapping[Any, str | Promise]] | None = None,
    region_fields: Iterable[str] = (),
) -> ActionGroup:
    """Declare an app's actions (once, in its `audit_actions.py`); a code declared twice fails."""
    group = ActionGroup(
        title=title,
        actions=actions,
        models=tuple(models),
        change_label=change_label,
        change_values=dict(change_values or {}),
        region_fields=frozenset(region_fields),
    )
    for action in actions:
        known = _BY_CODE.get(action.value)
        if known is not None and known[0] is not action:
            raise ImproperlyConfigured(f"Audit action {action.value} is declared twice.")
    if not any(existing.actions is actions for existing in _GROUPS):
        _GROUPS.append(group)
        _BY_CODE.update((action.value, (action, group)) for action in actions)
    return group


def audit_action(code: str) -> AuditAction:
    """The declared action with this stored code; raises UnknownAuditAction for any other."""
    try:
        return _BY_CODE[str(code)][0]
    except KeyError:
        raise UnknownAuditAction(f"No app declares the audit action {code!r}.") from None


def action_group(code: str) -> ActionGroup | None:
    """The group that declared a stored code (None for a code no app declares any more)."""
    found = _BY_CODE.get(code)
    return found[1] if found is not None else None


def action_label(code: str) -> str:
    """What people read for a stored code (the code itself only if no app declares it any more,
    so the trail never hides what was done)."""
    found = _BY_CODE.get(code)
    return str(found[0].label) if found is not None else code


def action_groups() -> list[ActionGroup]:
    """Every app's actions, in the order the apps were registered (for filter menus)."""
    return list(_GROUPS)


class CoreAction(AuditAction):
    REGION_CREATE = "core.region.create", pgettext_lazy("audit action", "添加区划")
    AUDIT_EXPORT = "core.audit.export", pgettext_lazy("audit action", "导出审计日志")


register_actions(CoreAction, title=_("区划与审计"), models=("core.region",))
