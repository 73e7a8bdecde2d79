"""Chinese labels (and common variants) of the registry's choices, as staff write them."""

from __future__ import annotations

from ablework.exchange.choices import chinese
from ablework.registry.models import (
    CertificateStatus,
    DisabilityCategory,
    DisabilityGrade,
    Education,
    EmploymentKind,
    EmploymentStatus,
    Sex,
    UrbanRural,
)

CATEGORY_LABELS: dict[str, int] = {str(value): value for value in DisabilityCategory.values}
for _value, _label in DisabilityCategory.choices:
    CATEGORY_LABELS[chinese(_label)] = _value
    CATEGORY_LABELS[chinese(_label).removesuffix("残疾")] = _value

_GRADE_WORDS = ("一", "二", "三", "四")
_ROMAN = ("Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ")
_FINANCIAL = ("壹", "贰", "叁", "肆")
GRADE_LABELS: dict[str, int] = {}
for _value in DisabilityGrade.values:
    for _word in (
        str(_value),
        _GRADE_WORDS[_value - 1],
        _ROMAN[_value - 1],
        _FINANCIAL[_value - 1],
    ):
        GRADE_LABELS[_word] = _value
        GRADE_LABELS[f"{_word}级"] = _value

STATUS_LABELS: dict[str, str] = {chinese(label): value for value, label in EmploymentStatus.choices}
STATUS_LABELS |= {
    "就业": EmploymentStatus.EMPLOYED,
    "在业": EmploymentStatus.EMPLOYED,
    "在岗": EmploymentStatus.EMPLOYED,
    "失业": EmploymentStatus.UNEMPLOYED,
    "待业": EmploymentStatus.UNEMPLOYED,
    "未就业（有就业意愿）": EmploymentStatus.UNEMPLOYED,
    "不愿就业": EmploymentStatus.NOT_SEEKING,
    "无就业愿望": EmploymentStatus.NOT_SEEKING,
    "未就业（无就业意愿）": EmploymentStatus.NOT_SEEKING,
    "丧失劳动能力": EmploymentStatus.UNABLE,
    "无劳动能力": EmploymentStatus.UNABLE,
    "退休": EmploymentStatus.RETIRED,
}

KIND_LABELS: dict[str, str] = {chinese(label): value for value, label in EmploymentKind.choices}
KIND_LABELS |= {
    "按比例": EmploymentKind.QUOTA,
    "按比例安排就业": EmploymentKind.QUOTA,
    "集中": EmploymentKind.CONCENTRATED,
    "集中安置": EmploymentKind.CONCENTRATED,
    "个体就业": EmploymentKind.SELF_EMPLOYED,
    "自主创业": EmploymentKind.SELF_EMPLOYED,
    "个体": EmploymentKind.SELF_EMPLOYED,
    "灵活": EmploymentKind.FLEXIBLE,
    "辅助性": EmploymentKind.AUXILIARY,
    "公益性岗位": EmploymentKind.PUBLIC_WELFARE_POST,
    "种养加": EmploymentKind.RURAL_FARMING,
    "农村种养殖": EmploymentKind.RURAL_FARMING,
    "居家": EmploymentKind.HOME_BASED,
}

EDUCATION_LABELS: dict[str, str] = {chinese(label): value for value, label in Education.choices}
EDUCATION_LABELS |= {
    "文盲": Education.NONE,
    "文盲或半文盲": Education.NONE,
    "高中": Education.SENIOR,
    "中专": Education.SENIOR,
    "职高": Education.SENIOR,
    "技校": Education.SENIOR,
    "本科": Education.BACHELOR,
    "研究生": Education.BACHELOR,
    "硕士": Education.BACHELOR,
    "博士": Education.BACHELOR,
}

URBAN_RURAL_LABELS: dict[str, str] = {chinese(label): value for value, label in UrbanRural.choices}
URBAN_RURAL_LABELS |= {
    "城市": UrbanRural.URBAN,
    "非农业": UrbanRural.URBAN,
    "非农": UrbanRural.URBAN,
    "乡村": UrbanRural.RURAL,
    "农业": UrbanRural.RURAL,
}

SEX_LABELS: dict[str, str] = {chinese(label): value for value, label in Sex.choices}
SEX_LABELS |= {"男性": Sex.MALE, "女性": Sex.FEMALE}

CERTIFICATE_STATUS_LABELS: dict[str, str] = {
    chinese(label): value for value, label in CertificateStatus.choices
}
CERTIFICATE_STATUS_LABELS |= {
    "正常": CertificateStatus.VALID,
    "过期": CertificateStatus.EXPIRED,
    "注销": CertificateStatus.REVOKED,
    "死亡": CertificateStatus.DECEASED,
    "已故": CertificateStatus.DECEASED,
}
