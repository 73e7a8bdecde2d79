"""The form for registering an employer and changing its record."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm, VersionedForm, check_township_in_county, place_fields
from ablework.core.models import Region
from ablework.employers.models import (
    AdministrativeLevel,
    EmployerContact,
    EmployerKind,
    Industry,
    SchoolType,
)
from ablework.employers.services import (
    AccountRequestDetails,
    ContactDetails,
    EmployerDetails,
    check_credit_code,
    check_public_fields,
)
from ablework.exchange.cells import CellProblem, parse_phone

# The form's fields, in this order (the audit trail records the same, the parent by its id).
FIELDS = (
    "name",
    "uscc",
    "kind",
    "industry",
    "county_code",
    "township_code",
    "staff_count",
    "administrative_level",
    "authorised_posts",
    "school_type",
    "parent_uscc",
    "declares_separately",
    "address",
)
PUBLIC_FIELDS = ("administrative_level", "authorised_posts", "school_type")
BLANK = [("", _("未填写"))]


class EmployerForm(DomainForm):
    """An employer's record; the township is one of the county's, inside the actor's area.
    The fields of 机关 and 事业单位 are always shown (the page works without scripts), under a
    legend saying who fills them in; the service refuses them for the other kinds."""

    fieldsets = ((_("机关、事业单位填写（其他单位留空）"), PUBLIC_FIELDS),)

    name = forms.CharField(label=_("单位名称"), max_length=200)
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=24,
        help_text=_("18位，见营业执照或登记证书；用于核对按比例安排残疾人就业情况。"),
    )
    kind = forms.ChoiceField(label=_("单位类型"), choices=EmployerKind.choices)
    industry = forms.ChoiceField(
        label=_("所属行业"),
        choices=BLANK + [(code, f"{code} {label}") for code, label in Industry.choices],
        required=False,
        help_text=_("国民经济行业分类（GB/T 4754-2017）的门类。"),
    )
    administrative_level = forms.ChoiceField(
        label=_("行政级别"), choices=BLANK + AdministrativeLevel.choices, required=False
    )
    authorised_posts = forms.IntegerField(
        label=_("编制数"),
        min_value=0,
        required=False,
        help_text=_("核定的编制数（不是在职人数）。"),
    )
    school_type = forms.ChoiceField(
        label=_("学校类型"),
        choices=[("", _("不是学校或幼儿园")), *SchoolType.choices],
        required=False,
        help_text=_("仅事业单位填写。"),
    )
    parent_uscc = forms.CharField(
        label=_("上级单位的统一社会信用代码"),
        max_length=24,
        required=False,
        help_text=_("本单位是分支机构时填写，由上级单位统一申报；不是分支机构请留空。"),
    )
    staff_count = forms.IntegerField(
        label=_("在职职工人数"), min_value=0, help_text=_("用于计算安排残疾人就业的比例。")
    )
    declares_separately = forms.BooleanField(
        label=_("分支机构独立核算，自行申报按比例就业"),
        required=False,
        help_text=_("只对分支机构起作用：不勾选时，由上级单位统一申报。"),
    )
    address = forms.CharField(label=_("单位地址"), max_length=200, required=False)

    def __init__(
        self,
        *args: Any,
        counties: QuerySet[Region],
        townships: QuerySet[Region],
        township_fixed: bool = False,
        editing: bool = False,
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
        if editing:  # a stored record
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
        checks: list[Callable[[], object]] = [lambda: check_credit_code(code)] if code else []
        if data.get("kind"):
            checks.append(lambda: check_public_fields(self._details(data)))
        return checks

    def details(self) -> EmployerDetails:
        """The record as typed, for the service (after `is_valid`)."""
        return self._details(self.cleaned_data)

    def _details(self, data: dict[str, Any]) -> EmployerDetails:
        return EmployerDetails(
            name=data.get("name") or "",
            uscc=data.get("uscc") or "",
            kind=data.get("kind") or "",
            county_code=data.get("county_code") or "",
            township_code=data.get("township_code") or "",
            staff_count=data.get("staff_count") or 0,
            address=data.get("address") or "",
            industry=data.get("industry") or "",
            administrative_level=data.get("administrative_level") or "",
            authorised_posts=data.get("authorised_posts"),
            school_type=data.get("school_type") or "",
            parent_uscc=data.get("parent_uscc") or "",
            declares_separately=bool(data.get("declares_separately")),
        )


class ContactForm(DomainForm):
    """One of the employer's contacts. The stored phone is never put back into the form: an
    empty box keeps it, and the 清除 box removes it."""

    name = forms.CharField(label=_("姓名"), max_length=64)
    post = forms.CharField(
        label=_("职务或岗位"),
        max_length=64,
        required=False,
        help_text=_("如：人事经办人、财务负责人。"),
    )
    phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        required=False,
        help_text=_("手机11位，或带区号的固定电话。加密保存，页面上只显示部分号码。"),
    )
    clear_phone = forms.BooleanField(label=_("清除已保存的电话"), required=False)
    email = forms.EmailField(label=_("电子邮箱"), max_length=254, required=False)
    primary = forms.BooleanField(
        label=_("设为主要联系人"),
        required=False,
        help_text=_("残联通知本单位时首先联系主要联系人。"),
    )

    def __init__(self, *args: Any, contact: EmployerContact | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contact = contact
        self.fields["phone"].widget.attrs.update({"autocomplete": "off", "inputmode": "tel"})
        self.fields["name"].widget.attrs.update({"autocomplete": "off"})
        if contact is None or not contact.phone_masked:
            del self.fields["clear_phone"]
        else:
            self.fields["phone"].help_text = _(
                "已保存的电话为 %(phone)s，不在表中显示：留空即保持不变，填写即替换。"
            ) % {"phone": contact.phone_masked}
            self.fields["clear_phone"].help_text = _("勾选后保存，即删除已保存的电话。")
        if contact is not None:
            # The contact's version when the form was opened: a save on an older one is refused.
            self.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
            if contact.primary:
                self.fields["primary"].disabled = True
                self.fields["primary"].help_text = _(
                    "这是本单位的主要联系人；要换人，请把另一位联系人设为主要联系人。"
                )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        phone = (data.get("phone") or "").strip()
        if phone and data.get("clear_phone"):
            self.add_error("phone", _("填写了新电话，又勾选了清除电话：请只选一样。"))
        elif phone:
            try:
                data["phone"] = parse_phone(phone) or ""
            except CellProblem as problem:
                self.add_error("phone", str(problem))
        return data

    def details(self) -> ContactDetails:
        data = self.cleaned_data
        phone: str | None = data.get("phone") or None
        if data.get("clear_phone"):
            phone = ""
        return ContactDetails(
            name=data["name"],
            post=data.get("post") or "",
            phone=phone,
            email=data.get("email") or "",
            primary=bool(data.get("primary")) or bool(self.contact and self.contact.primary),
        )


class RemoveContactForm(VersionedForm):
    """Removing a contact: the version it was seen at, so a changed one is not removed unseen."""


class EmployerUserForm(DomainForm):
    """An account for one of the employer's HR staff."""

    username = forms.CharField(
        label=_("用户名"),
        max_length=150,
        help_text=_("登录时使用，只能包含字母、数字和 @ . + - _。"),
    )
    display_name = forms.CharField(
        label=_("姓名"), max_length=64, help_text=_("页面上显示的经办人姓名。")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})


class AccountRequestForm(DomainForm):
    """The public form an employer sends to ask for an account."""

    employer_name = forms.CharField(label=_("单位名称"), max_length=200)
    uscc = forms.CharField(
        label=_("统一社会信用代码"),
        max_length=24,
        help_text=_("18位，见营业执照或登记证书。申请交由代码所示地区的残联处理。"),
    )
    contact_name = forms.CharField(label=_("联系人姓名"), max_length=64)
    contact_phone = forms.CharField(
        label=_("联系电话"),
        max_length=20,
        help_text=_("残联工作人员核实后用这个电话联系您，告知登录方式。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["uscc"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "tel"})
        self.fields["contact_name"].widget.attrs.update({"autocomplete": "name"})
        self.fields["employer_name"].widget.attrs.update({"autocomplete": "organization"})

    def service_checks(self, data: dict[str, Any]) -> list[Callable[[], object]]:
        code = data.get("uscc")
        return [lambda: check_credit_code(code)] if code else []

    def details(self) -> AccountRequestDetails:
        data = self.cleaned_data
        return AccountRequestDetails(
            uscc=data["uscc"],
            employer_name=data["employer_name"],
            contact_name=data["contact_name"],
            contact_phone=data["contact_phone"],
        )


class RefuseRequestForm(DomainForm):
    reason = forms.CharField(label=_("拒绝原因"), max_length=200)


class ConfirmRequestForm(DomainForm):
    username = forms.CharField(
        label=_("为联系人开设的用户名"),
        max_length=150,
        help_text=_("只能包含字母、数字和 @ . + - _。"),
    )
