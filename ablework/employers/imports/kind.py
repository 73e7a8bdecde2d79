"""The `employers` import kind, registered with the import engine when this module loads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.employers.imports.catalog import EMPLOYER_CATALOG
from ablework.employers.imports.checking import EmployerRowChecker
from ablework.employers.imports.planning import EmployerPlanner, write_employers
from ablework.exchange.importing.kinds import ImportKind, Outcome, Template, register_kind

EMPLOYERS = register_kind(
    ImportKind(
        code="employers",
        position=20,
        label=_("用人单位"),
        upload_title=_("导入用人单位"),
        link_label=_("导入用人单位（Excel或CSV）"),
        guide="employers/import_guide.html",
        catalog=EMPLOYER_CATALOG,
        required=("name", "uscc", "kind", "county"),
        checker=EmployerRowChecker,
        planner=EmployerPlanner,
        writer=write_employers,
        permission=Permission.EMPLOYERS_EDIT,
        template=Template(
            file_name="用人单位导入模板.xlsx",
            sheet="用人单位",
            notes=(
                "一行填写一个用人单位。第一行是列名，请不要修改；用不到的选填列可以删除。",
                "“统一社会信用代码”“联系电话”所在的列须为“文本”格式（本模板已设置）。",
                "已登记的统一社会信用代码会更新该单位：空白的选填单元格保持原值不变，同一个文件重复导入不会产生重复记录。",
                "行政级别、编制数只由机关、事业单位填写，学校类型只由事业单位填写；其他单位请留空。",
                "只能导入您管辖范围内的单位；分支机构的上级单位须已登记，或写在本文件前面的行中。",
            ),
            label=_("下载用人单位导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增单位"),
            updated=_("更新单位"),
            will_create=_("将新增单位"),
            will_update=_("将更新单位"),
            unit="个单位",
        ),
        committed_note=_("每个新增或更新的单位都有审计记录，注明本批次和文件名。"),
        browse=("employers:employer_list", _("查看用人单位")),
    )
)
