"""Each roster line's months as the worksheet shows them: which counted, at what weight, and why
the others did not, in a few words."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ablework.core.masking import mask_certificate
from ablework.quota.models import CertificateKind
from ablework.quota.problems import ProblemCode, ProblemKind, month_spans
from ablework.quota.selectors.results import LineResult


@dataclass(frozen=True)
class MonthCount:
    month: int
    weight: int  # 1, or the severe weight


@dataclass(frozen=True)
class NotCounted:
    months: tuple[int, ...]
    months_text: str  # 4–6月
    reason: str


@dataclass(frozen=True)
class PersonMonths:
    """One roster line's months as the worksheet counts them."""

    line: int | None  # None for a hypothetical hire of a what-if
    name: str
    certificate: str  # masked
    certificate_kind: str  # 残疾人证 / 残疾军人证
    grade: int | None
    counted: tuple[MonthCount, ...]
    counted_text: str  # `1–6月（每月按 1 人计）；7–12月（每月按 2 人计）`
    person_months: int  # Σ weights
    not_counted: tuple[NotCounted, ...]
    hypothetical: bool = False


def short_reason(code: ProblemCode) -> str:
    """A month's reason for not counting, in a few words."""
    reasons = {
        ProblemCode.CERTIFICATE_NOT_FOUND: _("残疾人信息库中没有此证"),
        ProblemCode.CERTIFICATE_NOT_VALID_IN_MONTH: _("证件当月无效"),
        ProblemCode.VETERAN_GRADE_NOT_COUNTED: _("残疾军人证等级不可计入"),
        ProblemCode.NOT_WORKING_AGE_IN_MONTH: _("不在就业年龄段"),
        ProblemCode.WAGE_BELOW_MINIMUM: _("工资低于最低工资标准"),
        ProblemCode.CONTRACT_UNDER_ONE_YEAR: _("合同期限不足1年"),
        ProblemCode.SOCIAL_INSURANCE_MISSING: _("未足额缴纳社保"),
        ProblemCode.COUNTED_ELSEWHERE: _("已计入其他单位"),
        ProblemCode.DISPATCH_AGREEMENT_MISSING: _("无计入本单位的派遣协议"),
    }
    return reasons.get(code, _("有问题"))


def certificate_kind_name(kind: str) -> str:
    return str(CertificateKind(kind).label) if kind in CertificateKind.values else kind


def person_months_of(line: LineResult) -> PersonMonths:
    """One checked line's counted months, with the reason for each month that is not."""
    entry = line.entry
    counted = tuple(MonthCount(m.month, m.weight) for m in line.months.values() if m.counted)
    reasons: dict[str, list[int]] = defaultdict(list)
    for detail in line.months.values():
        if detail.counted:
            continue
        codes = [code for code in detail.codes if code.kind == ProblemKind.NOT_COUNTED]
        if line.has_error:
            reason = _("本行有错误，改正后才能计入")
        elif codes:
            reason = "、".join(dict.fromkeys(short_reason(code) for code in codes))
        else:
            reason = _("未能确定当月等级")
        reasons[reason].append(detail.month)
    return PersonMonths(
        line=entry.line,
        name=entry.name,
        certificate=mask_certificate(entry.certificate_number),
        certificate_kind=certificate_kind_name(entry.certificate_kind),
        grade=line.grade,
        counted=counted,
        counted_text=counted_text(counted),
        person_months=sum(m.weight for m in counted),
        not_counted=tuple(
            NotCounted(tuple(months), month_spans(months), reason)
            for reason, months in sorted(reasons.items(), key=lambda item: item[1][0])
        ),
    )


def counted_text(counted: Sequence[MonthCount]) -> str:
    """`1–6月（每月按 1 人计）；7–12月（每月按 2 人计）`; `无` when nothing counts."""
    if not counted:
        return _("无")
    by_weight: dict[int, list[int]] = defaultdict(list)
    for month in counted:
        by_weight[month.weight].append(month.month)
    return "；".join(
        _("%(months)s（每月按 %(weight)s 人计）")
        % {"months": month_spans(months), "weight": weight}
        for weight, months in sorted(by_weight.items(), key=lambda item: item[1][0])
    )
