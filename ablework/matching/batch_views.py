"""The pages of batch recommendations: the runs of the user's area and the form that starts
one (then the job's progress page), one run with its counts and what it left out and why, and
the run's fairness report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, visible
from ablework.core.errors import Conflict, DomainError
from ablework.core.models import Region, RegionLevel
from ablework.core.pagination import keyset_page, parse_cursor
from ablework.matching.batch_forms import BatchForm
from ablework.matching.engine.scoring import PARTS
from ablework.matching.models import RecommendationSkip, SkipKind
from ablework.matching.selectors.fairness import CONSTRAINT_TITLES, fairness_report
from ablework.matching.selectors.recommendations import BATCH, access_run, runs_visible_to
from ablework.matching.selectors.skips import unknown_wage_counties
from ablework.matching.services.batches import job_of, start_batch

PAGE_SIZE = 30
SKIPS_PAGE_SIZE = 50


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def region_menu(user: User) -> list[tuple[str, str]]:
    """The cities and counties the user may run a batch for, a city first, then its counties."""
    regions = visible(
        user,
        Region.objects.filter(level__in=(RegionLevel.CITY, RegionLevel.COUNTY)),
        permission=None,
    ).order_by("code")
    return [
        (
            region.code,
            _("%(name)s（全市）") % {"name": region.name}
            if region.level == RegionLevel.CITY
            else region.name,
        )
        for region in regions
    ]


def region_names(codes: list[str]) -> dict[str, str]:
    """Run region code (a county, or a city's 4-digit prefix) → its name."""
    full = {code: code.ljust(6, "0") for code in codes}
    names = dict(Region.objects.filter(code__in=full.values()).values_list("code", "name"))
    return {code: names.get(padded, code) for code, padded in full.items()}


@login_required
@require_http_methods(["GET", "POST"])
def batch_list(request: HttpRequest) -> HttpResponse:
    """批量推荐: the runs of the user's area, newest first, and the form that starts one."""
    user = _user(request)
    require_permission(user, BATCH)
    regions = region_menu(user)
    form = BatchForm(
        request.POST or None,
        regions=regions,
        initial={"on": timezone.localdate(), "region": regions[0][0] if regions else ""},
    )
    page = keyset_page(
        runs_visible_to(user),
        after=parse_cursor(request.GET.get("after")),
        size=PAGE_SIZE,
        newest_first=True,
    )
    names = region_names([run.region_code for run in page.items])
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            run = start_batch(
                actor=user, region_code=form.cleaned_data["region"], on=form.cleaned_data["on"]
            )
        except DomainError as error:
            form.add_domain_error(error)
            status = 409 if isinstance(error, Conflict) else 200
        else:
            messages.success(request, _("已开始批量推荐，可以在这里查看进度。"))
            return HttpResponseRedirect(reverse("jobs:job_detail", args=[run.job_id]))
    return render(
        request,
        "matching/batch/list.html",
        {
            "form": form,
            "page": page,
            "runs": [(run, names[run.region_code]) for run in page.items],
            "regions": regions,
            "query": "",
        },
        status=status,
    )


# The soft score's parts in words (docs/matching.md "软评分与权重"), in the engine's order.
WEIGHT_LABELS = {
    "skills": gettext_lazy("技能相似度"),
    "occupation": gettext_lazy("意向职业相似度"),
    "adjustable": gettext_lazy("可调整的工作要求"),
    "distance": gettext_lazy("通勤距离"),
    "wage": gettext_lazy("工资"),
    "hours": gettext_lazy("工时"),
    "remote": gettext_lazy("居家办公"),
}


def weights_in_words(weights: dict[str, str]) -> list[tuple[str, str]]:
    """A run's weights as (the part in words, its value), in the engine's order."""
    return [(str(WEIGHT_LABELS[part]), weights[part]) for part in PARTS if part in weights]


@login_required
def batch_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    """One run: its region, day, counts and weights, and the persons and postings it left out,
    with the reasons (a page at a time)."""
    user = _user(request)
    run = access_run(user, run_id)
    job = job_of(run)
    kind = request.GET.get("kind", SkipKind.PERSON)
    if kind not in SkipKind.values:
        kind = SkipKind.PERSON
    skips = RecommendationSkip.objects.filter(run=run, kind=kind).select_related(
        "person", "posting"
    )
    page = keyset_page(skips, after=parse_cursor(request.GET.get("after")), size=SKIPS_PAGE_SIZE)
    return render(
        request,
        "matching/batch/detail.html",
        {
            "run": run,
            "job": job,
            "region_name": region_names([run.region_code])[run.region_code],
            "weights": weights_in_words(run.weights),
            "kind": kind,
            "kinds": SkipKind.choices,
            "page": page,
            "query": f"kind={kind}",
            "unknown_wages": unknown_wage_counties(run) if run.status == "succeeded" else [],
            "can_enter_values": user.has_named_permission(Permission.PARAMETERS_MANAGE),
        },
    )


@login_required
def batch_fairness(request: HttpRequest, run_id: int) -> HttpResponse:
    """The run's fairness report (figures only, no person named)."""
    user = _user(request)
    run = access_run(user, run_id)
    job_of(run)
    return render(
        request,
        "matching/batch/fairness.html",
        {
            "run": run,
            "region_name": region_names([run.region_code])[run.region_code],
            "report": fairness_report(run) if run.status == "succeeded" else None,
            "constraints": list(CONSTRAINT_TITLES.values()),
        },
    )
