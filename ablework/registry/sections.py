"""The registry in the shell: its navigation entry, its home cards and the pages it must offer."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

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
from ablework.registry.access import persons_visible_to

OWN_RECORD_ROLES = (Role.PERSON, Role.FAMILY)


def _is_staff(viewer: Viewer) -> bool:
    return viewer.role not in OWN_RECORD_ROLES


def _registered(viewer: Viewer) -> Figure:
    persons = persons_visible_to(viewer)  # type: ignore[arg-type]
    return count_figure(persons, url=reverse("registry:person_list"), unit=_("人，查看名单"))


def _staff_links(viewer: Viewer) -> list[Link]:
    links = [Link(_("查找人员"), reverse("registry:person_list"))]
    if viewer.has_named_permission(Permission.PERSONS_EDIT):
        links += [
            Link(_("登记新人员"), reverse("registry:person_create")),
            Link(_("季度更新"), reverse("registry:update_round")),
        ]
    return links


def _own_persons(viewer: Viewer) -> list[Link]:
    persons = persons_visible_to(viewer).only("id", "name").order_by("name")  # type: ignore[arg-type]
    return [
        Link(person.name, reverse("registry:person_detail", args=[person.pk])) for person in persons
    ]


SECTION = Section(
    nav=[
        NavEntry(
            _("残疾人信息"),
            "registry:person_list",
            Permission.PERSONS_VIEW,
            order=10,
            current_for="registry",
        )
    ],
    cards=[
        Card(
            key="persons",
            title=_("登记残疾人"),
            description=_("本辖区实名制登记的残疾人：查找、登记、季度更新。"),
            permission=Permission.PERSONS_VIEW,
            order=10,
            applies=_is_staff,
            figure=_registered,
            links=_staff_links,
        ),
        Card(
            key="own-record",
            title=_("我的信息"),
            permission=Permission.PERSONS_VIEW,
            order=10,
            applies=lambda viewer: viewer.role == Role.PERSON,
            links=_own_persons,
        ),
        Card(
            key="acting-for",
            title=_("您经授权代办的人员"),
            permission=Permission.PERSONS_VIEW,
            order=10,
            applies=lambda viewer: viewer.role == Role.FAMILY,
            links=_own_persons,
            empty=_("目前没有有效的代办授权。请本人到残联或就业服务机构登记授权。"),
        ),
    ],
    reachable=[
        Reachable("registry:person_list", Permission.PERSONS_VIEW),
        Reachable("registry:person_detail", Permission.PERSONS_VIEW),
        Reachable("registry:person_reveal", Permission.PERSONS_REVEAL),
    ],
)
