"""The limits on one import (settings IMPORT_*; their reasons are in config/settings.py): rows
read from a file, problems stored per batch, imports running per user."""

from __future__ import annotations

from django.conf import settings

from ablework.exchange.reading import RowLimit


def row_limit(origin: str) -> RowLimit:
    """The most data rows a batch from the web (`web`) or the command line (`cli`) may hold,
    and what the batch says of a file with more."""
    web = int(settings.IMPORT_WEB_MAX_ROWS)
    cli = int(settings.IMPORT_CLI_MAX_ROWS)
    if origin == "cli":
        return RowLimit(
            cli,
            f"文件的数据超过了命令行导入每次最多 {cli:,} 行的上限，读到第 {cli:,} 行后停止，"
            f"没有导入任何内容。请把文件分成几个、每个不超过 {cli:,} 行，再分别导入。",
        )
    return RowLimit(
        web,
        f"文件的数据超过了网页导入每次最多 {web:,} 行的上限，读到第 {web:,} 行后停止，"
        f"没有导入任何内容。请把文件分成几个、每个不超过 {web:,} 行，再分别上传；"
        f"或请管理员用命令行导入（每次最多 {cli:,} 行）。",
    )


def max_problems() -> int:
    """Setting IMPORT_MAX_PROBLEMS: problems stored per batch; the rest are only counted."""
    return int(settings.IMPORT_MAX_PROBLEMS)


def running_per_user() -> int:
    """Setting IMPORT_RUNNING_PER_USER: uploads one user may have queued or running at once."""
    return int(settings.IMPORT_RUNNING_PER_USER)
