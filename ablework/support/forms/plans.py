"""The forms of the plans (一人一策): the plan's content with its action rows, the decisions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ablework.accounts.models import User
from ablework.core.forms import VersionedForm
from ablework.support.models import PlanAction, PlanVersion
from ablework.support.services.plans import ActionInput, PlanContent

# Blank action rows offered below the plan's own (more: save, then edit again).
EXTRA_ROWS = 2
MAX_ROWS = 12


def _date_field(label: Any, *, required: bool = True, help_text: Any = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class PlanForm(VersionedForm):
    version_required = False
    goals = forms.CharField(
        label=_("目标"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "用本人能看懂的话写：希望达到什么，例如“半年内在家附近找到一份每天 4 小时的工作”。"
        ),
    )
    supports = forms.CharField(
        label=_("支持措施"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("提供哪些帮助，例如培训、辅具、岗位调整、交通补贴。"),
    )
    review_on = _date_field(_("复核日期"), help_text=_("到这一天要重新看一遍计划。"))
    change_note = forms.CharField(
        label=_("修改说明"),
        max_length=200,
        required=False,
        help_text=_("这一版改了什么、为什么（可不填）。"),
    )

    def __init__(
        self,
        data: Any = None,
        *,
        owners: Sequence[User],
        version: PlanVersion | None,
        actions: Sequence[PlanAction],
        plan_version: int | None,
    ) -> None:
        initial: dict[str, Any] = {"version": plan_version}
        if version is not None:
            initial |= {
                "goals": version.goals,
                "supports": version.supports,
                "review_on": version.review_on,
            }
        rows = min(len(actions) + EXTRA_ROWS, MAX_ROWS)
        for index, action in enumerate(actions[:rows], start=1):
            initial |= {
                f"action_{index}_text": action.text,
                f"action_{index}_owner": str(action.owner_id),
                f"action_{index}_due_on": action.due_on,
                f"action_{index}_done_on": action.done_on,
            }
        super().__init__(data, initial=initial)
        choices = [("", _("请选择"))] + [(str(user.pk), str(user)) for user in owners]
        self.rows = rows
        groups = []
        for index in range(1, rows + 1):
            names = {
                f"action_{index}_text": forms.CharField(
                    label=_("行动内容"), max_length=200, required=False
                ),
                f"action_{index}_owner": forms.ChoiceField(
                    label=_("负责人"), choices=choices, required=False
                ),
                f"action_{index}_due_on": _date_field(_("完成期限"), required=False),
                f"action_{index}_done_on": _date_field(
                    _("完成日期"), required=False, help_text=_("完成后填写。")
                ),
            }
            self.fields.update(names)
            groups.append((_("行动 %(n)s") % {"n": index}, tuple(names)))
        self.fieldsets = groups  # type: ignore[misc]  # this form's own rows

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for index in range(1, self.rows + 1):
            text = (data.get(f"action_{index}_text") or "").strip()
            owner = data.get(f"action_{index}_owner")
            due = data.get(f"action_{index}_due_on")
            if not text:
                if owner or due or data.get(f"action_{index}_done_on"):
                    self.add_error(f"action_{index}_text", _("请写明行动内容，或清空这一行。"))
                continue
            if not owner:
                self.add_error(f"action_{index}_owner", _("请选择这项行动的负责人。"))
            if not due:
                self.add_error(f"action_{index}_due_on", _("请填写这项行动的完成期限。"))
        return data

    def content(self) -> PlanContent:
        data = self.cleaned_data
        actions = []
        for index in range(1, self.rows + 1):
            text = (data.get(f"action_{index}_text") or "").strip()
            if not text:
                continue
            due: date = data[f"action_{index}_due_on"]
            actions.append(
                ActionInput(
                    text=text,
                    owner_id=int(data[f"action_{index}_owner"]),
                    due_on=due,
                    done_on=data.get(f"action_{index}_done_on"),
                )
            )
        return PlanContent(
            goals=data["goals"],
            supports=data.get("supports") or "",
            review_on=data["review_on"],
            actions=tuple(actions),
            change_note=data.get("change_note") or "",
        )


class DecisionForm(VersionedForm):
    """A decision on a plan: only the version the page was opened on."""


class ReturnForm(DecisionForm):
    reason = forms.CharField(
        label=_("退回理由"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )


class ActionDoneForm(DecisionForm):
    done_on = _date_field(_("完成日期"))
