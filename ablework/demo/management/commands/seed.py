"""`ablework seed --persons N --employers M --seed S`: deterministic synthetic data in bulk."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ablework.core.models import Region
from ablework.core.progress import ProgressBar
from ablework.demo.seeding import DEMO_CITY, seed_employers, seed_persons


class Command(BaseCommand):
    help = "生成确定性的合成数据（残疾人、用人单位），用于演示和性能测试。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--persons", type=int, default=0, help="残疾人人数")
        parser.add_argument("--employers", type=int, default=0, help="用人单位数")
        parser.add_argument(
            "--seed", type=int, default=2026, help="随机种子（相同种子生成相同数据）"
        )
        parser.add_argument(
            "--region", default=DEMO_CITY, help="生成到哪个市或省的各区县（默认 370800 济宁市）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["persons"] < 0 or options["employers"] < 0:
            raise CommandError("人数和单位数不能为负数。")
        if not Region.objects.filter(code=options["region"]).exists():
            raise CommandError(f"未知的区划代码：{options['region']}（请先运行 migrate）。")
        started = time.monotonic()
        if options["employers"]:
            added = seed_employers(
                count=options["employers"],
                seed=options["seed"],
                city_code=options["region"],
                progress=ProgressBar("用人单位"),
            )
            self.stdout.write(f"新增用人单位 {added:,} 个")
        if options["persons"]:
            added = seed_persons(
                count=options["persons"],
                seed=options["seed"],
                city_code=options["region"],
                progress=ProgressBar("残疾人"),
            )
            self.stdout.write(f"新增残疾人 {added:,} 人")
        self.stdout.write(f"用时 {time.monotonic() - started:.1f} 秒")
