"""A later domain's whole presence in the shell."""

from django.urls import reverse

from ablework.core.section_parts import Card, Figure, Link, NavEntry, Reachable, Section

SECTION = Section(
    nav=[NavEntry("培训报名", "shell:regions", "regions.manage", order=50)],
    cards=[
        Card(
            key="training",
            title="培训报名",
            description="本辖区的培训班次。",
            permission="regions.manage",
            order=50,
            figure=lambda viewer: Figure(value=1234, url=reverse("shell:regions"), unit="个班次"),
            links=lambda viewer: [Link("全部班次", reverse("shell:regions"))],
        )
    ],
    reachable=[Reachable("shell:regions", "regions.manage")],
)
