"""Staff add townships and communities, one by one here, or from a file through the
`regions` import kind (`shell/imports.py`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from ablework.accounts.models import User
from ablework.accounts.roles import Permission
from ablework.accounts.scope import require_permission, visible
from ablework.core.form_pages import form_page
from ablework.core.models import Region, RegionLevel
from ablework.core.services import add_subregion
from ablework.exchange.forms import UploadForm
from ablework.shell.forms import SubregionForm
from ablework.shell.imports import REGION_CATALOG


@login_required
def region_list(request: HttpRequest) -> HttpResponse:
    """The counties in the actor's area, or one county's or township's subregions, with forms."""
    user: User = request.user  # type: ignore[assignment]
    require_permission(user, Permission.REGIONS_MANAGE)
    parent_code = request.GET.get("parent") or (user.region.code if user.region else "")
    parent = visible(user, Region, permission=None).filter(code=parent_code).first()
    if parent is not None:
        children = parent.children.order_by("code")
    else:  # a system administrator starts at the 34 provinces, not every county of China
        children = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")
    return form_page(
        request,
        SubregionForm(request.POST or None, parent_code=parent.code if parent else ""),
        template="shell/region_list.html",
        save=lambda data: add_subregion(
            actor=user, parent_code=parent.code if parent else "", **data
        ),
        done=lambda region: _("已添加：%(name)s") % {"name": region.name},
        next_url=reverse("shell:regions") + (f"?parent={parent.code}" if parent else ""),
        context={
            "parent": parent,
            "children": children,
            "columns": "，".join(column.header for column in REGION_CATALOG.columns),
            "upload_form": UploadForm(auto_id="r-%s"),
            "can_add": parent is not None
            and parent.level in (RegionLevel.COUNTY, RegionLevel.TOWNSHIP),
        },
        error_status=400,
    )
