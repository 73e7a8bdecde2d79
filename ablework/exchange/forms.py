"""Forms of the import pages: what each field is and why, in Chinese."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ablework.core.forms import DomainForm
from ablework.exchange.models import DEPARTMENT_KINDS, BatchKind, CommitMode

MAX_UPLOAD_BYTES = 200 * 1024 * 1024


class UploadForm(DomainForm):
    file = forms.FileField(
        label=_("选择文件"),
        help_text=_("Excel工作簿（.xlsx、.xls）或CSV文件（UTF-8或GBK编码），最大200MB。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv,.txt"}),
        allow_empty_file=True,  # the batch then says the file is empty, like any unreadable file
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("文件太大（超过200MB）。请分成几个文件，或使用命令行导入。")
            )
        return upload


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
