"""Employers in the shell: the navigation entry, the home card and the pages to offer."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ablework.accounts.roles import Permission, Role
from ablework.core.section_parts import (
    Card,
    Figure,
    Link,
    NavEntry,
    Reachable,
    Section,
    Viewer,
    count_figure,
)
from ablework.employers.access import employers_visible_to


def _count(viewer: Viewer) -> Figure:
    employers = employers_visible_to(viewer)  # type: ignore[arg-type]
    return count_figure(employers, url=reverse("employers:employer_list"), unit=_("个，查看名单"))


def _own(viewer: Viewer) -> list[Link]:
    employer = employers_visible_to(viewer).only("id", "name").first()  # type: ignore[arg-type]
    if employer is None:
        return []
    return [Link(employer.name, reverse("employers:employer_detail", args=[employer.pk]))]


SECTION = Section(
    nav=[
        NavEntry(
            pgettext_lazy("employers section", "用人单位"),
            "employers:employer_list",
            Permission.EMPLOYERS_VIEW,
            order=30,
            current_for="employers",
        )
    ],
    cards=[
        Card(
            key="employers",
            title=pgettext_lazy("employers section", "用人单位"),
            description=_("本辖区的用人单位及其安排残疾人就业的情况。"),
            permission=Permission.EMPLOYERS_VIEW,
            order=30,
            applies=lambda viewer: viewer.role != Role.EMPLOYER,
            figure=_count,
            links=lambda viewer: [Link(_("查看用人单位"), reverse("employers:employer_list"))],
        ),
        Card(
            key="own-employer",
            title=_("本单位"),
            permission=Permission.EMPLOYERS_VIEW,
            order=30,
            applies=lambda viewer: viewer.role == Role.EMPLOYER,
            links=_own,
        ),
    ],
    reachable=[
        Reachable("employers:employer_list", Permission.EMPLOYERS_VIEW),
        Reachable("employers:employer_detail", Permission.EMPLOYERS_VIEW),
        Reachable("employers:employer_create", Permission.EMPLOYERS_EDIT),
        Reachable("employers:account_request_list", Permission.EMPLOYERS_EDIT),
    ],
)
