"""`ablework export persons --region CODE --output FILE [--format xlsx|csv] [--as USERNAME]`.

Masked unless the account may reveal (the system itself: only with --reveal); always logged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ablework.accounts.roles import Permission
from ablework.core.errors import NotFound
from ablework.core.models import Region
from ablework.core.progress import ProgressBar
from ablework.core.region_names import region_full_name
from ablework.exchange.exporting import EXPORT_FORMATS, export_persons
from ablework.exchange.management.accounts import command_actor
from ablework.registry.access import persons_visible_to
from ablework.registry.models import Person
from ablework.registry.selectors import PersonFilters, search_persons


class Command(BaseCommand):
    help = "把一个地区的残疾人实名制信息导出为 .xlsx 或 .csv（导入模板的列）。"

    def add_arguments(self, parser: CommandParser) -> None:
        subcommands = parser.add_subparsers(dest="what", required=True, metavar="persons")
        persons = subcommands.add_parser("persons", help="残疾人实名制信息")
        persons.add_argument("--region", required=True, help="区划代码（省、市、县或乡镇）")
        persons.add_argument("--output", required=True, help="输出文件")
        persons.add_argument("--format", choices=EXPORT_FORMATS, help="默认按输出文件的扩展名")
        persons.add_argument("--as", dest="username", help="以哪个账户的身份导出")
        persons.add_argument(
            "--reveal", action="store_true", help="不用 --as 时导出完整号码（会记录在审计日志中）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        output = Path(options["output"])
        file_format = options.get("format") or output.suffix.lstrip(".").lower()
        if file_format not in EXPORT_FORMATS:
            raise CommandError("请用 --format xlsx 或 --format csv 指定格式。", returncode=2)
        region = Region.objects.filter(code=options["region"]).first()
        if region is None:
            raise CommandError(f"未知的区划代码：{options['region']}", returncode=2)
        actor = command_actor(options.get("username"))
        try:
            visible = (
                persons_visible_to(actor, permission=Permission.PERSONS_EXPORT)
                if actor is not None
                else Person.objects.all()
            )
        except NotFound:
            raise CommandError("该账户没有导出残疾人信息的权限。", returncode=2) from None
        persons = search_persons(
            persons=visible, filters=PersonFilters(region_prefix=region.scope_prefix)
        )
        result = export_persons(
            actor=actor,
            persons=persons,
            filters={"region": region.code},
            file_format=file_format,
            target=output,
            system_reveal=options["reveal"],
            progress=ProgressBar("导出"),
        )
        state = "已脱敏" if result.masked else "含完整号码"
        self.stdout.write(
            f"已导出{region_full_name(region.code)}的 {result.rows} 人到 {output}"
            f"（{state}；已记录在审计日志中）。"
        )
