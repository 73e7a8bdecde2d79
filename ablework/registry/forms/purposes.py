"""Why each field of the registry is collected, shown beside it on forms and on the record.

Disability data, identity numbers, phone and address are sensitive personal information
(个人信息保护法 第二十八条): they may be processed only for a specific purpose and when necessary,
and the person must be told why (第十七条、第三十条). Each purpose names the rule or the policy
text that needs the field. The seeds ask that the employment status and training wishes of
every working-age person be recorded (实名制 "就业状况和培训意向信息数据应录尽录").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from ablework.registry.models import Person

if TYPE_CHECKING:
    from django_stubs_ext import StrPromise

SENSITIVE_NOTICE = _(
    "残疾信息、身份号码、电话和地址属于敏感个人信息（《个人信息保护法》第二十八条），"
    "仅为残疾人就业服务和实名制统计而收集，加密保存，列表中脱敏显示，查看和显示完整号码都会被记录。"
)

PURPOSES: dict[str, StrPromise] = {
    "name": _("实名制登记的基本信息，用于服务时确认本人。"),
    "resident_id": _(
        "唯一识别本人、防止重复登记；性别和出生日期由号码读取，无须另填。加密保存，只显示脱敏号码。"
    ),
    "certificate_number": _(
        "第二代残疾人证号为20位：18位公民身份号码 + 残疾类别（1–7）+ 残疾等级（1–4）。"
        "用于确认持证身份，残疾类别和等级由证号读取。"
    ),
    "certificate_status": _(
        "只有有效证件计入按比例安排就业和各项补贴；注销或死亡的人员不再列入季度更新。"
    ),
    "certificate_valid_until": _("用于证件到期前提醒换证。"),
    "phone": _("用于联系本人提供就业服务；加密保存，列表中脱敏显示。"),
    "address": _("用于上门服务和就近推荐岗位；加密保存，只显示开头几个字。"),
    "county_code": _("按属地管理原则确定负责服务的残联和统计口径。"),
    "township_code": _("确定负责的乡镇（街道）工作人员，季度更新按乡镇统计完成情况。"),
    "household_region_code": _(
        "户籍地区划代码（6–12位）。部分扶持政策（如就业困难人员认定）以本地户籍为条件。"
    ),
    "residence_region_code": _("居住地区划代码（6–12位），用于就近提供服务和岗位。"),
    "urban_rural": _("城镇和农村残疾人的就业形式和扶持政策不同（如农村种养加、城镇零就业家庭）。"),
    "education": _("用于推荐合适的岗位和培训。"),
    "retirement_base_age": _(
        "女性按岗位为50（工人）或55（干部）周岁，男性为60周岁。按2025年渐进式延迟法定退休年龄办法计算"
        "法定退休年龄，从而判断是否处于就业年龄段；女性未填写时按55周岁统计。"
    ),
    "employment_status": _(
        "实名制要求就业年龄段残疾人的就业状况应录尽录。变更时旧状况结束、新状况开始，历史不会被覆盖；"
        "用于统计就业人数、确定就业援助对象。"
    ),
    "employment_kind": _(
        "已就业时填写：按比例、集中、个体、灵活、辅助性、公益性岗位、农村种养加或居家就业。"
    ),
    "employer_name": _("已就业时填写就业单位，便于跟踪就业稳定情况。"),
    "employment_since": _("就业状况从哪一天起变化；不能早于当前状况的开始日期，也不能晚于今天。"),
    "skills": _("用于匹配岗位和安排技能培训。"),
    "occupations": _("从事或希望从事的职业，用于匹配岗位。"),
    "needs_sign_language": _("服务和培训时安排手语翻译（合理便利）。"),
    "needs_braille_or_large_print": _("提供盲文或大字版材料（合理便利）。"),
    "needs_easy_read": _("为智力或精神残疾人提供易读版材料（合理便利）。"),
    "communication_notes": _("其他沟通方面的需要，例如需要家属陪同、只能短信联系。"),
    "training_wished": _(
        "实名制要求培训意向信息应录尽录；据此组织职业技能培训。没有意愿时请填写“无”。"
    ),
    "last_verified_on": _("季度更新制度：每季度与本人核实一次信息；核实后记录日期。"),
}

_OTHER_LABELS: dict[str, StrPromise] = {
    "employer_name": _("就业单位"),
    "employment_since": _("就业状况变更日期"),
}


def labelled_purposes() -> list[tuple[str, StrPromise]]:
    """(label, purpose) for every field, for the record page's "why we collect this"."""
    fields = {
        field.name: field for field in Person._meta.get_fields() if hasattr(field, "verbose_name")
    }
    return [
        (str(_OTHER_LABELS.get(name) or fields[name].verbose_name), purpose)
        for name, purpose in PURPOSES.items()
    ]
