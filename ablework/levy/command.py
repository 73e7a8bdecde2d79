"""`ablework quota assess --year Y [--region CODE] [--output FILE] [--as USERNAME]`: the season
assessment run by the command itself, as a job others can follow (`/jobs/N/`), with a progress
bar; then the tax bureau's list written as CSV (`--output`, default `残保金核定清单_Y_CODE_RUN.csv`
in the current folder), the same as .xlsx beside it, and the signed manifest
(`….manifest.json`: rows, totals, each file's SHA-256), logged as exported.
The quota command's `assess` subcommand calls `run_assess_command`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.urls import reverse

from ablework.accounts.models import User
from ablework.core.progress import ProgressBar
from ablework.jobs.progress import JobProgress
from ablework.jobs.running import running_job
from ablework.jobs.services import start_job_here
from ablework.levy.jobs import summary_of
from ablework.levy.services.assessment import assess_season
from ablework.levy.services.tax_list import export_tax_list, file_names


def run_assess_command(
    *,
    actor: User | None,
    levy_year: int,
    region_code: str,
    output: str | None,
    stdout: Any,
    stderr: Any,
) -> Path:
    """Assess, then write the list; returns the CSV's path."""
    job = start_job_here(
        actor=actor,
        kind="levy.assess",
        label=f"命令行残保金征收核定：{levy_year} 年度 {region_code or '全国'}",
    )
    stderr.write(f"任务#{job.pk}：{reverse('jobs:job_detail', args=[job.pk])}\n")
    progress = JobProgress(job.pk, also=ProgressBar("核定", stream=stderr))
    with running_job(job) as run_record:
        run = assess_season(
            actor=actor, levy_year=levy_year, region_code=region_code, progress=progress
        )
        run.job = job
        run.save(update_fields=["job", "updated_at"])
        run_record.summary = summary_of(run)
    progress.close()
    stdout.write(summary_of(run) + "\n")
    path = Path(output) if output else Path(file_names(run)[0])
    built = export_tax_list(actor=actor, run=run, stem=path.stem)
    path.write_bytes(built.csv)
    path.with_suffix(".xlsx").write_bytes(built.xlsx)
    manifest = path.with_suffix(".manifest.json")
    manifest.write_bytes(built.manifest_bytes())
    stdout.write(
        f"税务部门清单：{path}（{built.manifest['rows']} 行；另有 {path.with_suffix('.xlsx')}）；"
        f"签名的清单说明：{manifest}\n"
    )
    return path
