"""The form of a job posting: the job, the place, pay and time, the validity, what the workplace
offers (two groups of boxes) and what the tasks demand (a fieldset per demand: not needed,
essential, adjustable — one Tab stop each, the arrow keys choose)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ablework.accounts.models import User
from ablework.core.forms import (
    DATE_WIDGET,
    VersionedForm,
    check_township_in_county,
    place_fields,
)
from ablework.core.models import Region
from ablework.employers.access import employers_visible_to
from ablework.employers.models import Employer
from ablework.matching.access import EDIT
from ablework.matching.models import ContractType, DemandLevel, JobPosting, PostingKind
from ablework.matching.services.posting_checks import PostingDetails, check_posting
from ablework.support.vocabulary import Accommodation, Demand

# The accommodations that are part of the workplace itself; the others are provided to a person.
WORKPLACE = (
    Accommodation.STEP_FREE,
    Accommodation.ACCESSIBLE_TOILET,
    Accommodation.VISUAL_ALARM,
    Accommodation.QUIET_SPACE,
)
PROVIDED = tuple(item for item in Accommodation if item not in WORKPLACE)
DEMAND_CHOICES = [("", _("不需要")), *DemandLevel.choices]
FIELDS = (
    "employer_uscc",
    "title",
    "occupation",
    "kind",
    "tasks",
    "county_code",
    "township_code",
    "address",
    "latitude",
    "longitude",
    "wage_min",
    "wage_max",
    "hours_per_week",
    "schedule",
    "contract_type",
    "openings",
    "openings_filled",
    "valid_from",
    "valid_until",
    "accessibility",
    "accommodations",
)


def demand_field(code: str) -> str:
    return f"demand_{code}"


def _money(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=10,
        decimal_places=2,
        min_value=0,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )


def _coordinate(label: Any, help_text: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label, max_digits=9, decimal_places=6, required=False, help_text=help_text
    )


class PostingForm(VersionedForm):
    """A posting; staff name the employer by its credit code, an employer's account posts for
    its own organisation. A change is saved on the version seen; a new posting has none."""

    title = forms.CharField(label=_("岗位名称"), max_length=100)
    occupation = forms.CharField(
        label=_("职业（工种）"),
        max_length=100,
        required=False,
        help_text=_("例如：客户服务、包装工、按摩师。"),
    )
    kind = forms.ChoiceField(label=_("岗位类型"), choices=PostingKind.choices)
    tasks = forms.CharField(
        label=_("工作内容"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("用平实的话写每天要做的事，例如“接听客户来电，在电脑上记录工单”。"),
    )
    address = forms.CharField(label=_("工作地址"), max_length=200, required=False)
    latitude = _coordinate(_("纬度"), _("可不填：不填时按所在乡镇（街道）或县的中心计算距离。"))
    longitude = _coordinate(_("经度"), _("与纬度一起填写，例如 116.587282。"))
    wage_min = _money(_("月工资下限（元）"))
    wage_max = _money(_("月工资上限（元）"))
    hours_per_week = forms.IntegerField(label=_("每周工作小时数"), min_value=1, max_value=84)
    schedule = forms.CharField(
        label=_("工作时间安排"),
        max_length=100,
        required=False,
        help_text=_("例如：周一至周五 8:30—17:30。"),
    )
    contract_type = forms.ChoiceField(label=_("用工形式"), choices=ContractType.choices)
    openings = forms.IntegerField(label=_("招聘人数"), min_value=1, max_value=999)
    valid_from = forms.DateField(label=_("有效期起"), widget=DATE_WIDGET)
    valid_until = forms.DateField(
        label=_("有效期至"), widget=DATE_WIDGET, help_text=_("过了这一天，岗位自动结束招聘。")
    )
    accessibility = forms.MultipleChoiceField(
        label=_("工作场所的无障碍设施"),
        choices=[(item.value, item.label) for item in WORKPLACE],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    accommodations = forms.MultipleChoiceField(
        label=_("可以提供的便利条件"),
        choices=[(item.value, item.label) for item in PROVIDED],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    draft = forms.BooleanField(label=_("暂存为草稿（不公开，不参加匹配）"), required=False)

    def __init__(
        self,
        *args: Any,
        actor: User,
        counties: QuerySet[Region],
        townships: QuerySet[Region],
        township_fixed: bool = False,
        posting: JobPosting | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.posting = posting
        self.employer: Employer | None = posting.employer if posting is not None else None
        if posting is None and actor.employer_id is None:
            self.fields["employer_uscc"] = forms.CharField(
                label=_("招聘单位的统一社会信用代码"),
                max_length=24,
                help_text=_("为您辖区内已登记的用人单位发布岗位。"),
            )
        elif posting is None:
            self.employer = actor.employer
        self.fields.update(
            place_fields(
                counties=counties,
                townships=townships,
                township_fixed=township_fixed,
                county_help=_("工作地点所在的县（市、区）：最低工资标准按这里的执行。"),
            )
        )
        if posting is not None:
            self.fields["openings_filled"] = forms.IntegerField(
                label=_("已录用人数"),
                min_value=0,
                max_value=999,
                help_text=_("录用人数达到招聘人数时，岗位显示为已招满。"),
            )
        else:
            del self.fields["version"]  # a new posting has no version yet
        for item in Demand:
            self.fields[demand_field(item.value)] = forms.ChoiceField(
                label=item.label,
                choices=DEMAND_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                initial="",
            )
        self.order_fields([*FIELDS, *(demand_field(item.value) for item in Demand), "draft"])

    def clean_employer_uscc(self) -> str:
        code = (self.cleaned_data.get("employer_uscc") or "").strip().upper()
        employer = employers_visible_to(self.actor, permission=EDIT).filter(uscc=code).first()
        if employer is None:
            raise forms.ValidationError(
                _("您管辖范围内没有统一社会信用代码为 %(code)s 的用人单位，请先登记该单位。"),
                params={"code": code},
            )
        self.employer = employer
        return code

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_township_in_county(self, data)
        return data

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        """The service's checks (the minimum wage among them), shown with the form's own."""
        return [lambda: check_posting(self._details(data))]

    def details(self) -> PostingDetails:
        """The posting as typed, for the service (after `is_valid`)."""
        return self._details(self.cleaned_data)

    def _details(self, data: dict[str, Any]) -> PostingDetails:
        demands = {
            item.value: data[demand_field(item.value)]
            for item in Demand
            if data.get(demand_field(item.value))
        }
        return PostingDetails(
            title=data.get("title") or "",
            occupation=data.get("occupation") or "",
            tasks=data.get("tasks") or "",
            kind=data.get("kind") or "",
            county_code=data.get("county_code") or "",
            township_code=data.get("township_code") or "",
            address=data.get("address") or "",
            latitude=data.get("latitude"),
            longitude=data.get("longitude"),
            wage_min=data.get("wage_min"),
            wage_max=data.get("wage_max"),
            hours_per_week=data.get("hours_per_week"),
            schedule=data.get("schedule") or "",
            contract_type=data.get("contract_type") or "",
            openings=data.get("openings"),
            openings_filled=data.get("openings_filled") or 0,
            valid_from=data.get("valid_from"),
            valid_until=data.get("valid_until"),
            offers=(*(data.get("accessibility") or ()), *(data.get("accommodations") or ())),
            demands=demands,
            draft=bool(data.get("draft")),
        )


def initial_of(posting: JobPosting) -> dict[str, Any]:
    """The stored posting as the edit form shows it."""
    offers = set(posting.offers or [])
    initial: dict[str, Any] = {
        name: getattr(posting, name)
        for name in FIELDS
        if name not in ("employer_uscc", "accessibility", "accommodations")
    }
    initial["accessibility"] = [item.value for item in WORKPLACE if item.value in offers]
    initial["accommodations"] = [item.value for item in PROVIDED if item.value in offers]
    for code, level in (posting.demands or {}).items():
        initial[demand_field(code)] = level
    initial["draft"] = posting.status == "draft"
    initial["version"] = posting.version
    return initial


class CloseForm(VersionedForm):
    """Confirm the end of a posting's recruitment, on the version seen."""
