"""The `postings` import kind, registered with the import engine when this module loads."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ablework.accounts.roles import Permission
from ablework.exchange.importing.kinds import ImportKind, Outcome, Template, register_kind
from ablework.matching.imports.catalog import POSTING_CATALOG, REQUIRED
from ablework.matching.imports.planning import PostingChecker, PostingPlanner, write_postings

POSTINGS = register_kind(
    ImportKind(
        code="postings",
        position=80,
        label=_("招聘岗位"),
        upload_title=_("导入招聘岗位"),
        link_label=_("导入招聘岗位（Excel或CSV）"),
        guide="matching/import_guide.html",
        catalog=POSTING_CATALOG,
        required=REQUIRED,
        checker=PostingChecker,
        planner=PostingPlanner,
        writer=write_postings,
        permission=Permission.POSTINGS_IMPORT,
        template=Template(
            file_name="招聘岗位导入模板.xlsx",
            sheet="招聘岗位",
            notes=(
                "一行填写一个岗位。第一行是列名，请不要修改；用不到的选填列可以删除。",
                "招聘单位须已登记在您的辖区；同一单位、同一岗位名称、同一有效期起始日期的岗位视为同一个，再次导入会更新它，内容不变的不会重复记录。",
                "月工资下限不能低于工作地点所在县在有效期起始日的月最低工资标准。",
                "便利条件和工作要求写中文名称，用“、”分隔；从本系统导出的岗位表可以修改后直接导入。",
            ),
            label=_("下载招聘岗位导入模板（.xlsx，含填写说明）"),
        ),
        outcome=Outcome(
            created=_("新增岗位"),
            updated=_("更新岗位"),
            will_create=_("将新增岗位"),
            will_update=_("将更新岗位"),
            unit="个岗位",
        ),
        committed_note=_("每个新增或更新的岗位都有审计记录，注明本批次和文件名。"),
        browse=("matching:posting_list", _("查看招聘岗位")),
    )
)
