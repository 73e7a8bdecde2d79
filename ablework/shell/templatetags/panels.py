"""`{% page_panels "employers:employer_detail" employer %}`: the panels other apps add to this
page (`Section.panels`), each rendered from its own template, so the page's app imports none of
them."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from ablework.shell.navigation import panels_for

register = template.Library()


@register.simple_tag(takes_context=True)
def page_panels(context: template.Context, page: str, record: Any) -> SafeString:
    """The panels for the signed-in viewer of `page`, about `record`, in their order."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    if viewer is None or not viewer.is_authenticated:
        return SafeString("")
    parts = []
    for panel in panels_for(page, viewer):
        shown = panel.context(viewer, record)
        if shown is not None:
            parts.append((render_to_string(panel.template, dict(shown), request=request),))
    return format_html_join("\n", "{}", parts)
