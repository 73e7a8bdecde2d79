"""The targets pages: a region's targets by plan period and indicator (status, the split among
its children in words, the progress), entering one for the region or a part for a child,
changing one on the version seen, and a second administrator's approval or return.

Scoped by indicators/access.py: a region or a target outside the viewer's area answers 404.
Every write goes through services/targets.py, which audits it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ablework.accounts.models import User
from ablework.accounts.scope import access_one, require_permission, scope_of
from ablework.core.form_pages import form_page
from ablework.core.models import Region, RegionLevel
from ablework.core.region_names import region_full_name
from ablework.indicators.access import MANAGE, VIEW, access_region, home_region
from ablework.indicators.audit_actions import VERSION_ACTIONS
from ablework.indicators.models import Target, TargetSource, TargetStatus
from ablework.indicators.selectors.figures import child_regions
from ablework.indicators.selectors.target_rows import (
    region_targets,
    regions_with_targets,
    target_row,
)
from ablework.indicators.services.targets import (
    approve_target,
    change_target,
    propose_target,
    reject_target,
    target_label,
)
from ablework.indicators.target_forms import (
    DecisionForm,
    TargetChangeForm,
    TargetForm,
    change_initial,
)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _list_url(region_code: str) -> str:
    return f"{reverse('indicators:target_list')}?region={region_code}"


def _detail_url(target: Target) -> str:
    return reverse("indicators:target_detail", args=[target.pk])


def _parent_in_scope(user: User, region: Region) -> Region | None:
    parent = region.parent
    if parent is None or not scope_of(user).covers_code(parent.code):
        return None
    return parent


@login_required
def target_list(request: HttpRequest) -> HttpResponse:
    """目标: the region's targets (the viewer's own region unless another of their area is
    asked for), with the child regions to go down to."""
    user = _user(request)
    code = request.GET.get("region") or getattr(home_region(user), "code", "")
    if not code:
        require_permission(user, VIEW)
        return render(
            request,
            "indicators/targets/choose.html",
            {
                "regions": regions_with_targets(user),
                "provinces": Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code"),
            },
        )
    region = access_region(user, code, permission=VIEW)
    children = child_regions(region)
    with_targets = set(
        Target.objects.filter(region_code__in=[child.code for child in children])
        .exclude(status=TargetStatus.REJECTED)
        .values_list("region_code", flat=True)
    )
    return render(
        request,
        "indicators/targets/list.html",
        {
            "region": region,
            "region_label": region_full_name(region.code),
            "periods": region_targets(region),
            "children": [(child, child.code in with_targets) for child in children],
            "parent": _parent_in_scope(user, region),
            "can_manage": user.has_named_permission(MANAGE),
        },
    )


def _target(user: User, target_id: int, *, manage: bool = False) -> Target:
    return access_one(
        user,
        Target.objects.select_related("proposed_by", "decided_by", "parent"),
        target_id,
        permission=MANAGE if manage else VIEW,
        not_found_message=_("没有找到该目标。"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_new(request: HttpRequest) -> HttpResponse:
    """录入目标 for the region asked for, or a part of one of its targets for a child."""
    user = _user(request)
    region = access_region(user, request.GET.get("region", ""), permission=MANAGE)
    parent: Target | None = None
    initial: dict[str, object] = {"region": region.code}
    if request.GET.get("parent", "").isdigit():
        parent = _target(user, int(request.GET["parent"]))
        if parent.region_code == region.code:
            initial.update(
                indicator=parent.indicator,
                first_year=parent.first_year,
                last_year=parent.last_year,
                source=TargetSource.STAFF,
            )
            children = child_regions(region)
            if children:
                initial["region"] = children[0].code
    regions = [region, *child_regions(region)]
    form = TargetForm(request.POST or None, regions=regions, initial=initial)
    return form_page(
        request,
        form,
        template="indicators/targets/form.html",
        save=lambda data: propose_target(
            actor=user,
            region_code=data["region"],
            indicator=data["indicator"],
            first_year=data["first_year"],
            last_year=data["last_year"],
            figures=form.figures(),
        ),
        done=lambda target: (
            _("已录入“%(label)s”，待本辖区另一位管理员审核。") % {"label": target_label(target)}
        ),
        next_url=_detail_url,
        context={"region": region, "parent": parent, "target": None},
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_detail(request: HttpRequest, target_id: int) -> HttpResponse:
    """One target: its figure, source, status and who decided, its split and progress; a
    pending one can be approved or returned here (on the version seen)."""
    user = _user(request)
    target = _target(user, target_id, manage=request.method == "POST")
    region = Region.objects.get(code=target.region_code)
    can_manage = user.has_named_permission(MANAGE)
    form = DecisionForm(request.POST or None, initial={"version": target.version})

    def decide(data: dict[str, object]) -> Target:
        version = int(str(data["version"]))
        if data["decision"] == "approve":
            return approve_target(actor=user, target_id=target.pk, version=version)
        return reject_target(
            actor=user, target_id=target.pk, version=version, note=str(data["decision_note"])
        )

    return form_page(
        request,
        form,
        template="indicators/targets/detail.html",
        save=decide,
        done=lambda decided: (
            _("已审核通过，该目标已生效。")
            if decided.status == TargetStatus.APPROVED
            else _("已退回，录入人会看到退回理由。")
        ),
        next_url=_detail_url(target),
        context={
            "target": target,
            "row": target_row(target, region),
            "region_label": region_full_name(target.region_code),
            "can_manage": can_manage,
            "may_decide": can_manage and target.status == TargetStatus.PENDING,
            "own_proposal": target.proposed_by_id == user.pk,
            "has_children": bool(child_regions(region)),
        },
        versioned=(target, VERSION_ACTIONS),
    )


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, target_id: int) -> HttpResponse:
    """修改目标 on the version seen (409 with what the other saved); it goes back to 待审核."""
    user = _user(request)
    target = _target(user, target_id, manage=True)
    form = TargetChangeForm(request.POST or None, initial=change_initial(target))
    return form_page(
        request,
        form,
        template="indicators/targets/form.html",
        save=lambda data: change_target(
            actor=user, target_id=target.pk, figures=form.figures(), version=data["version"]
        ),
        done=_("已保存修改，目标回到待审核，请本辖区另一位管理员审核。"),
        next_url=_detail_url(target),
        context={
            "target": target,
            "target_label": target_label(target),
            "region": Region.objects.get(code=target.region_code),
        },
        versioned=(target, VERSION_ACTIONS),
    )
