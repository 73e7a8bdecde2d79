"""`ablework import KIND FILE [--commit valid|all-or-nothing] [--as USERNAME]`, KIND being a
registered import kind (`persons`, `regions`, …).

Without --commit the file is only checked. Every problem is printed as (file, row, column,
message); rejected rows are written beside the input as FILE.rejected.xlsx. The exit status is
0 when every row passed, 1 when any row was rejected, 2 when the file could not be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from ablework.core.errors import NotFound
from ablework.core.progress import ProgressBar
from ablework.exchange.batches import batch_for_local_file, identical_committed_batch
from ablework.exchange.importing.kinds import ImportKind, import_kind, import_kinds
from ablework.exchange.importing.services import check_import_file, commit_import_file
from ablework.exchange.jobs import outcome_of
from ablework.exchange.management.accounts import command_actor
from ablework.exchange.models import BatchStatus, CommitMode, ImportBatch
from ablework.exchange.rejected import write_rejected_rows
from ablework.jobs.running import running_job
from ablework.jobs.services import start_job_here

SHOWN_PROBLEMS = 200


class Command(BaseCommand):
    help = "从Excel或CSV文件导入（先检查每一行，再一次性写入）。"

    def add_arguments(self, parser: CommandParser) -> None:
        kinds = list(import_kinds())
        subcommands = parser.add_subparsers(
            dest="what", required=True, metavar="|".join(kind.code for kind in kinds)
        )
        for kind in kinds:
            sub = subcommands.add_parser(kind.code, help=f"{kind.label}（.xlsx、.xls、.csv）")
            sub.add_argument("file", help="要导入的文件")
            sub.add_argument(
                "--commit",
                choices=[mode.value for mode in CommitMode],
                help="valid：只写入通过检查的行；all-or-nothing：全部通过才写入。不给出时只检查不写入。",
            )
            sub.add_argument("--as", dest="username", help="以哪个账户的身份导入（决定管辖范围）")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = import_kind(options["what"])
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}", returncode=2)
        actor = command_actor(options.get("username"))
        try:
            batch = batch_for_local_file(actor=actor, kind=kind.code, path=path)
        except NotFound:
            raise CommandError(f"该账户没有导入{kind.label}的权限。", returncode=2) from None
        earlier = identical_committed_batch(batch)
        if earlier is not None:
            self.stderr.write(
                f"提示：这个文件已导入过（{earlier.label}）；再次导入不会改变已导入的记录。"
            )
        # The command runs the work itself, as a job others can follow on its page; the progress
        # bar below is fed by the same reports as the job's record.
        job = start_job_here(
            actor=actor,
            kind="exchange.import",
            label=f"命令行导入：{batch.file_name}",
            result_url=reverse("exchange:batch_detail", args=[batch.pk]),
        )
        batch.job = job
        batch.save(update_fields=["job", "updated_at"])
        self.stderr.write(f"任务#{job.pk}：{reverse('jobs:job_detail', args=[job.pk])}")
        with running_job(job) as run:
            self._run(batch, path, options.get("commit"))
            run.summary = outcome_of(batch)
        self._report(batch, path, kind)

    def _run(self, batch: ImportBatch, path: Path, commit: str | None) -> None:
        if commit == CommitMode.VALID_ROWS:
            commit_import_file(
                batch=batch, source=path, mode=CommitMode.VALID_ROWS, progress=ProgressBar("导入")
            )
            return
        check_import_file(batch=batch, source=path, progress=ProgressBar("检查"))
        if commit == CommitMode.ALL_OR_NOTHING and batch.status == BatchStatus.CHECKED:
            if batch.rows_rejected:
                batch.status = BatchStatus.NOTHING_WRITTEN
                batch.save(update_fields=["status", "updated_at"])
            else:
                commit_import_file(
                    batch=batch,
                    source=path,
                    mode=CommitMode.ALL_OR_NOTHING,
                    progress=ProgressBar("导入"),
                )

    def _report(self, batch: ImportBatch, path: Path, kind: ImportKind) -> None:
        problems = batch.problems.order_by("id")
        for problem in problems[:SHOWN_PROBLEMS]:
            where = f"第{problem.row_number}行" if problem.row_number else "整个文件"
            column = f" [{problem.column}]" if problem.column else ""
            what = "提示" if problem.is_notice else "问题"
            self.stdout.write(f"{batch.file_name} {where}{column} {what}：{problem.message}")
        hidden = max(problems.count() - SHOWN_PROBLEMS, 0) + batch.problems_unlisted
        if hidden > 0:
            self.stdout.write(f"……另有 {hidden} 条问题，见未通过行的文件。")
        if batch.status == BatchStatus.FAILED:
            raise CommandError(batch.message, returncode=2)
        self.stdout.write(_summary(batch, kind.outcome.unit))
        if batch.rows_rejected:
            rejected = path.with_name(f"{path.stem}.rejected.xlsx")
            write_rejected_rows(actor=batch.uploaded_by, batch=batch, target=rejected)
            self.stdout.write(f"未通过检查的行已写入：{rejected}")
            raise CommandError(f"{batch.rows_rejected} 行未通过检查。", returncode=1)


def _summary(batch: ImportBatch, unit: str) -> str:
    written = batch.status == BatchStatus.COMMITTED
    verb = "已" if written else "将"
    lines = [
        f"{batch.label}，{batch.get_status_display()}：共 {batch.rows_total} 行，"
        f"通过 {batch.rows_valid} 行，未通过 {batch.rows_rejected} 行。",
        f"{verb}新增 {batch.rows_created} {unit}，{verb}更新 {batch.rows_updated} {unit}，"
        f"无变化 {batch.rows_unchanged} {unit}。",
    ]
    if batch.status == BatchStatus.CHECKED:
        lines.append("只做了检查，没有写入；加上 --commit valid 或 --commit all-or-nothing 写入。")
    if batch.status == BatchStatus.NOTHING_WRITTEN:
        lines.append("按 all-or-nothing，有行未通过检查，没有写入任何记录。")
    return "\n".join(lines)
