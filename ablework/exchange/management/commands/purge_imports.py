"""`ablework purge_imports`: delete what imports brought in once its retention period is over
(IMPORT_RETENTION_DAYS; see ablework/exchange/retention.py). Run it daily, e.g. from cron."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ablework.exchange.retention import purge_expired_imports, retention_days


class Command(BaseCommand):
    help = (
        "删除超过保存期限的导入内容（上传的文件、检查发现的问题、未通过的行）。建议每天运行一次。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = purge_expired_imports()
        self.stdout.write(
            f"保存期限 {retention_days()} 天：清理了 {result.batches} 个导入批次的内容，"
            f"删除了 {result.files} 个遗留文件。"
        )
