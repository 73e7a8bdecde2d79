"""The persons import kind: the registry's column catalogue, checker, planner and writer,
registered with the import engine under the code `persons`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.exchange.importing.kinds import ImportKind, Outcome, Template, register_kind
from ablework.registry.imports.catalog import PERSON_CATALOG
from ablework.registry.imports.planning import PersonPlanner
from ablework.registry.imports.rows import PersonRowChecker
from ablework.registry.imports.writing import write_plan

GENERAL_NOTES = (
    "一行填写一个人。第一行是列名，请不要修改；用不到的列可以删除，也可以增加本表没有的列（导入时忽略）。",
    "“公民身份号码”“残疾人证号”“联系电话”所在的列须为“文本”格式（本模板已设置），否则Excel会把号码变成科学计数法，末尾几位丢失。",
    "日期可写成 2024-01-05、2024/1/5 或 2024年1月5日，也可以是Excel的日期单元格。",
    "空白单元格表示“不变”：已登记的人，空白的内容不会被清除；要清除请在该人的记录页面修改。",
    "同一个文件重复导入不会产生重复记录；内容有变化的人会更新，并保留就业状况和标记的历史。",
    "请不要使用合并单元格和公式；如有公式，请“选择性粘贴为数值”后再导入。",
    "导入前会逐行检查（身份号码校验码、残疾类别和等级、区划代码、日期等），有问题的行会列出原因，可以下载后修改再导入。",
)

PERSONS = register_kind(
    ImportKind(
        code="persons",
        position=10,
        label=_("残疾人实名制信息"),
        upload_title=_("导入残疾人实名制信息"),
        link_label=_("导入残疾人实名制信息（Excel或CSV）"),
        guide="registry/import_guide.html",
        catalog=PERSON_CATALOG,
        required=("name", "resident_id"),
        checker=PersonRowChecker,
        planner=PersonPlanner,
        writer=write_plan,
        permission=Permission.PERSONS_EDIT,
        template=Template(
            file_name="残疾人实名制信息导入模板.xlsx",
            sheet="残疾人信息",
            notes=GENERAL_NOTES,
            label=_("下载导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增人员"),
            updated=_("更新人员"),
            will_create=_("将新增人员"),
            will_update=_("将更新人员"),
            unit="人",
        ),
        committed_note=_(
            "每位新增或更新的人都有审计记录，注明本批次和文件名；就业状况和标记的变化保留了历史。"
        ),
        browse=("registry:person_list", _("到残疾人信息中查找")),
        rejected_permission=Permission.PERSONS_REVEAL,  # the rows hold full identifiers
    )
)
