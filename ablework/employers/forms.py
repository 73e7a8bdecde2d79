"""The form for registering an employer and changing its record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, check_township_in_county, place_fields
from ablework.core.models import Region
from ablework.employers.models import EmployerKind
from ablework.employers.services import AUDITED_FIELDS, EmployerDetails, check_credit_code

# The form shows, in this order, the fields the audit trail records.
FIELDS = AUDITED_FIELDS


class EmployerForm(DomainForm):
    """An employer's record; the township is one of the county's, inside the actor's area."""

    name = forms.CharField(label=_("单位名称"), max_length=200)
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=24,
        help_text=_("18位，见营业执照或登记证书；用于核对按比例安排残疾人就业情况。"),
    )
    kind = forms.ChoiceField(label=_("单位类型"), choices=EmployerKind.choices)
    staff_count = forms.IntegerField(
        label=_("在职职工人数"), min_value=0, help_text=_("用于计算安排残疾人就业的比例。")
    )
    address = forms.CharField(label=_("单位地址"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=20, required=False)

    def __init__(
        self,
        *args: Any,
        counties: QuerySet[Region],
        townships: QuerySet[Region],
        township_fixed: bool = False,
        stored_phone: str | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(
            place_fields(
                counties=counties,
                townships=townships,
                township_fixed=township_fixed,
                county_help=_("单位登记所在的县（市、区）。"),
                township_help=_("单位所在的乡镇（街道），由该乡镇（街道）的就业服务专员联系。"),
            )
        )
        # The stored phone is not put back into the form: an empty box keeps it.
        self.stored_phone = stored_phone
        if stored_phone is not None:  # editing a stored record
            self.fields["contact_phone"].help_text = _("不在表中显示；留空即保持不变。")
            # The record's version when the form was opened: a save on an older one is refused.
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
        self.fields["uscc"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.order_fields(FIELDS)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        check_township_in_county(self, data)
        return data

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        """The credit code's GB 32100 check, shown with every other problem."""
        code = data.get("uscc")
        return [lambda: check_credit_code(code)] if code else []

    def details(self) -> EmployerDetails:
        """The record as typed, for the service (after `is_valid`)."""
        data = self.cleaned_data
        phone = data["contact_phone"] or (self.stored_phone or "")
        return EmployerDetails(
            name=data["name"],
            uscc=data["uscc"],
            kind=data["kind"],
            county_code=data["county_code"],
            township_code=data["township_code"],
            staff_count=data["staff_count"],
            address=data["address"],
            contact_name=data["contact_name"],
            contact_phone=phone,
        )
