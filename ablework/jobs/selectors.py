"""What a job's page and its live region say about it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ablework.jobs.liveness import has_stopped
from ablework.jobs.models import Job, JobState


@dataclass(frozen=True)
class JobStatus:
    """A job's state in words: for the page, its live region and the JSON the script polls."""

    running: bool
    percent: int | None
    text: str
    time_left: str

    def as_json(self, job: Job) -> dict[str, object]:
        """What the page's script reads (the same words the page shows)."""
        return {
            "state": job.state,
            "state_label": str(job.get_state_display()),
            "running": self.running,
            "percent": self.percent,
            "done": job.done,
            "total": job.total,
            "text": self.text,
            "time_left": self.time_left,
        }


def status_of(job: Job) -> JobStatus:
    """The job's progress and time left in plain words; `percent` is None while unknown."""
    running = not has_stopped(job)
    if job.state == JobState.QUEUED:
        return JobStatus(running, None, _("排队等待后台程序处理。"), "")
    if running and not job.total:
        return JobStatus(running, None, _("正在处理，暂时无法估计进度。"), "")
    text = _("已处理 %(done)s / %(total)s（%(percent)s%%）") % {
        "done": f"{job.done:,}",
        "total": f"{job.total:,}",
        "percent": job.percent,
    }
    return JobStatus(running, job.percent, text, _time_left(job) if running else "")


def _time_left(job: Job) -> str:
    seconds = job.seconds_left
    if seconds is None:
        return ""
    if seconds < 60:
        return _("预计不到 1 分钟完成。")
    minutes = round(seconds / 60)
    return ngettext("预计还需约 %(minutes)d 分钟。", "预计还需约 %(minutes)d 分钟。", minutes) % {
        "minutes": minutes
    }
