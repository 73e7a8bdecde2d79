"""Staff add townships and communities, one by one here, or from a file through the
`regions` import kind (`shell/imports.py`)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, visible
from ablework.core.errors import DomainError
from ablework.core.models import Region, RegionLevel
from ablework.core.services import add_subregion
from ablework.shell.imports import REGION_CATALOG


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    """The counties in the actor's area, or one county's or township's subregions, with forms."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.REGIONS_MANAGE)
    parent_code = request.GET.get("parent") or (user.region.code if user.region else "")
    parent = visible(user, Region, permission=None).filter(code=parent_code).first()
    context: dict[str, object] = {
        "parent": parent,
        "columns": "，".join(column.header for column in REGION_CATALOG.columns),
    }
    if request.method == "POST":
        response = _handle_post(request, user, parent, context)
        if response is not None:
            return response
    if parent is not None:
        context["children"] = parent.children.order_by("code")
    else:  # a system administrator starts at the 34 provinces, not every county of China
        context["children"] = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")
    context["can_add"] = parent is not None and parent.level in (
        RegionLevel.COUNTY,
        RegionLevel.TOWNSHIP,
    )
    status = 400 if context.get("errors") else 200
    return render(request, "shell/region_list.html", context, status=status)


def _handle_post(
    request: HttpRequest, user: User, parent: Region | None, context: dict[str, object]
) -> HttpResponse | None:
    here = reverse("shell:regions") + (f"?parent={parent.code}" if parent else "")
    try:
        region = add_subregion(
            actor=user,
            parent_code=parent.code if parent else "",
            code=request.POST.get("code", ""),
            name=request.POST.get("name", ""),
        )
        messages.success(request, _("已添加：%(name)s") % {"name": region.name})
    except DomainError as error:
        context["errors"] = [error.message]
        context["form"] = {
            "code": request.POST.get("code", ""),
            "name": request.POST.get("name", ""),
        }
        return None
    return HttpResponseRedirect(here)
