"""Forms of the import pages: what each field is and why, in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.humanize.templatetags.humanize import intcomma
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.core.uploads import upload_limit
from ablework.exchange.limits import row_limit
from ablework.exchange.models import DEPARTMENT_KINDS, BatchKind, CommitMode


class UploadForm(DomainForm):
    """The file to import. `refused` is what to say when the upload was stopped while arriving
    (ablework.core.uploads: too large); the form then shows it on the file field."""

    file = forms.FileField(
        label=_("选择文件"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv,.txt"}),
        allow_empty_file=True,  # the batch then says the file is empty, like any unreadable file
    )

    def __init__(self, *args: Any, refused: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused = refused
        self.fields["file"].help_text = format_lazy(
            _(
                "Excel工作簿（.xlsx、.xls）或CSV文件（UTF-8或GBK编码），最大{size}、"
                "{rows}行；更大的文件请分成几个，或请管理员用命令行导入。"
            ),
            size=filesizeformat(upload_limit()),
            rows=intcomma(row_limit("web").rows),
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.refused:
            self.errors.pop("file", None)  # not "required": it was sent, and refused
            self.add_error("file", self.refused)
        return cleaned


class ComparisonUploadForm(UploadForm):
    kind = forms.ChoiceField(
        label=_("名单来自"),
        choices=[(kind.value, kind.label) for kind in BatchKind if kind in DEPARTMENT_KINDS],
        widget=forms.RadioSelect,
        help_text=_("比对结果只是建议，须逐条或批量审核后才会改动登记库。"),
    )
    field_order = ("kind", "file")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = _(
            "名单须有“姓名”和“公民身份号码”两列；日期列（死亡日期、低保起始日期、参保日期、"
            "登记日期）和单位或字号列可选。"
        )
        self.fields["file"].help_text = format_lazy("{} {}", columns, self.fields["file"].help_text)


class CommitForm(forms.Form):
    mode = forms.ChoiceField(choices=CommitMode.choices)


class DecisionForm(forms.Form):
    proposals = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)
    decision = forms.ChoiceField(choices=[("accept", _("采纳")), ("reject", _("不采纳"))])
    note = forms.CharField(label=_("审核意见"), max_length=200, required=False)

    def __init__(self, *args: Any, pending_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposals"].choices = [(pk, str(pk)) for pk in pending_ids]  # type: ignore[attr-defined]
