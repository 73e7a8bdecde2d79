"""The pages of the plans (一人一策): a person's plan with its versions, the edit (a new version
per save), submit, approve or return (a supervisor other than the author), two versions side by
side, the plans awaiting approval, and recording an action done."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ablework.accounts.models import User
from ablework.accounts.scope import require_permission
from ablework.core.errors import DomainError, NotFound
from ablework.core.form_pages import form_page
from ablework.registry.viewing import shows_persons
from ablework.support.access import DECIDE, RECORD, VIEW, person_for_support
from ablework.support.audit_actions import PLAN_VERSION_ACTIONS
from ablework.support.forms.plans import ActionDoneForm, DecisionForm, PlanForm, ReturnForm
from ablework.support.models import PlanState
from ablework.support.panels import person_feedback
from ablework.support.selectors.plans import (
    actions_of,
    compare,
    plan_of,
    plans_awaiting,
    staff_of_area,
    versions_of,
)
from ablework.support.services.plans import (
    approve_plan,
    record_action_done,
    return_plan,
    submit_plan,
    write_plan,
)


def _plan_url(person_id: int) -> str:
    return reverse("support:plan", args=[person_id])


@login_required
@shows_persons
def plan_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    """一人一策: the latest version, the one in force, the versions, and what the viewer may do."""
    user: User = request.user  # type: ignore[assignment]
    person = person_for_support(user, person_id, permission=VIEW)
    plan = plan_of(person)
    latest = plan.latest if plan else None
    approved = plan.approved if plan else None
    versions = versions_of(plan) if plan else []
    can_record = user.has_named_permission(RECORD)
    can_decide = (
        user.has_named_permission(DECIDE)
        and latest is not None
        and latest.state == PlanState.SUBMITTED
    )
    initial = {"version": plan.version} if plan else {}
    return render(
        request,
        "support/plans/plan_detail.html",
        {
            "person": person,
            "plan": plan,
            "latest": latest,
            "latest_actions": actions_of(latest) if latest else [],
            "approved": approved,
            "approved_actions": actions_of(approved) if approved and approved != latest else [],
            "versions": versions,
            "today": timezone.localdate(),
            "latest_in_force": latest is not None
            and approved is not None
            and latest.pk == approved.pk,
            "can_record": can_record,
            "can_submit": can_record
            and latest is not None
            and latest.state in (PlanState.DRAFT, PlanState.RETURNED),
            "can_decide": can_decide,
            "own_version": can_decide and latest is not None and latest.author_id == user.pk,
            "decision_form": DecisionForm(initial=initial),
            "return_form": ReturnForm(initial=initial, prefix="return"),
            "feedback": person_feedback(user, person),
        },
    )


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    """制定或修改计划: every save is a new version, opened from the latest one."""
    user: User = request.user  # type: ignore[assignment]
    person = person_for_support(user, person_id, permission=RECORD)
    plan = plan_of(person)
    latest = plan.latest if plan else None
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        owners=list(staff_of_area(person)),
        version=latest,
        actions=actions_of(latest) if latest else [],
        plan_version=plan.version if plan else None,
    )
    return form_page(
        request,
        form,
        template="support/plans/plan_form.html",
        save=lambda data: write_plan(
            actor=user,
            person_id=person.pk,
            content=form.content(),
            seen_version=data.get("version") if plan else None,
        ),
        done=lambda version: (
            _("已保存计划第 %(n)s 版（草稿）。确认无误后请提交审批。") % {"n": version.number}
        ),
        next_url=_plan_url(person.pk),
        context={"person": person, "plan": plan, "latest": latest},
        versioned=(plan, PLAN_VERSION_ACTIONS) if plan else None,
    )


def _decision(
    request: HttpRequest, person_id: int, save: Callable[[User, int], object], done: str
) -> HttpResponse:
    """A POST that changes the plan's state, on the version the page was opened with; a
    refusal is shown on the plan's page as a message."""
    user: User = request.user  # type: ignore[assignment]
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("页面已过期，请刷新后再试。"))
        return HttpResponseRedirect(_plan_url(person_id))
    try:
        save(user, form.cleaned_data["version"])
    except NotFound:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return HttpResponseRedirect(_plan_url(person_id))


@login_required
@require_POST
def plan_submit(request: HttpRequest, person_id: int) -> HttpResponse:
    return _decision(
        request,
        person_id,
        lambda user, seen: submit_plan(actor=user, person_id=person_id, seen_version=seen),
        _("已提交审批。"),
    )


@login_required
@require_POST
def plan_approve(request: HttpRequest, person_id: int) -> HttpResponse:
    return _decision(
        request,
        person_id,
        lambda user, seen: approve_plan(actor=user, person_id=person_id, seen_version=seen),
        _("已批准计划，本人可以查看。"),
    )


@login_required
@shows_persons
@require_http_methods(["GET", "POST"])
def plan_return(request: HttpRequest, person_id: int) -> HttpResponse:
    """退回修改, with the reason the author reads."""
    user: User = request.user  # type: ignore[assignment]
    person = person_for_support(user, person_id, permission=DECIDE)
    plan = plan_of(person)
    if plan is None:
        raise NotFound(_("该残疾人还没有一人一策计划。"))
    form = ReturnForm(
        request.POST if request.method == "POST" else None,
        initial={"version": plan.version},
        prefix="return",
    )
    return form_page(
        request,
        form,
        template="support/plans/plan_return.html",
        save=lambda data: return_plan(
            actor=user,
            person_id=person.pk,
            seen_version=data["version"],
            reason=data["reason"],
        ),
        done=_("已退回计划，并写明了理由。"),
        next_url=_plan_url(person.pk),
        context={"person": person, "plan": plan},
        versioned=(plan, PLAN_VERSION_ACTIONS),
    )


def _number(raw: str, default: int) -> int:
    return int(raw) if raw.isdigit() else default


@login_required
@shows_persons
def plan_versions(request: HttpRequest, person_id: int) -> HttpResponse:
    """两个版本对照: the chosen two versions (by default the last two) side by side."""
    user: User = request.user  # type: ignore[assignment]
    person = person_for_support(user, person_id, permission=VIEW)
    plan = plan_of(person)
    if plan is None:
        raise NotFound(_("该残疾人还没有一人一策计划。"))
    versions = versions_of(plan)
    by_number = {version.number: version for version in versions}
    newest = versions[0].number
    new = by_number.get(_number(request.GET.get("b", ""), newest))
    old = by_number.get(_number(request.GET.get("a", ""), max(newest - 1, 1)))
    if old is None or new is None:
        raise NotFound(_("没有找到该版本。"))
    return render(
        request,
        "support/plans/plan_versions.html",
        {
            "person": person,
            "plan": plan,
            "versions": versions,
            "old": old,
            "new": new,
            "rows": compare(old, new),
        },
    )


@login_required
def awaiting(request: HttpRequest) -> HttpResponse:
    """待审批的计划: the submitted versions of the viewer's area, oldest first."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, DECIDE)
    rows = list(plans_awaiting(user)[:200])
    return render(request, "support/plans/awaiting.html", {"rows": rows})


@login_required
@require_POST
def action_done(request: HttpRequest, person_id: int, action_id: int) -> HttpResponse:
    """Record an action of the approved plan done (from the plan's page or the queue)."""
    user: User = request.user  # type: ignore[assignment]
    form = ActionDoneForm(request.POST)
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = _plan_url(person_id)
    if not form.is_valid():
        messages.error(request, _("请填写完成日期（不能晚于今天）。"))
        return HttpResponseRedirect(back)
    try:
        record_action_done(
            actor=user,
            person_id=person_id,
            action_id=action_id,
            seen_version=form.cleaned_data["version"],
            done_on=form.cleaned_data["done_on"] or timezone.localdate(),
        )
    except NotFound:
        raise
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("已登记该行动完成。"))
    return HttpResponseRedirect(back)
