"""`{% table_region "caption-id" %}<table>…</table>{% endtable_region %}`: a table that scrolls
sideways inside its own region on a narrow screen instead of widening the whole page.

A table's columns keep a readable width (40rem at least) and the region scrolls; a table of two
or three short columns that fits a phone as it is says `{% table_region "caption-id" fit %}`
and keeps no minimum width.

The region is named by the element whose id it is given (the table's caption, or the heading
above it) and takes keyboard focus, so a keyboard user can scroll it with the arrow keys and a
screen reader announces what it holds (`.table-scroll` in core's site.css).
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


class TableRegionNode(template.Node):
    def __init__(self, labelled_by: FilterExpression, nodelist: NodeList, *, fit: bool) -> None:
        self.labelled_by = labelled_by
        self.nodelist = nodelist
        self.classes = "table-scroll table-fit" if fit else "table-scroll"

    def render(self, context: template.Context) -> SafeString:
        return format_html(
            '<div class="{}" role="region" aria-labelledby="{}" tabindex="0">{}</div>',
            self.classes,
            self.labelled_by.resolve(context),
            self.nodelist.render(context),
        )


@register.tag
def table_region(parser: Parser, token: Token) -> TableRegionNode:
    bits = token.split_contents()
    if len(bits) not in (2, 3) or bits[2:] not in ([], ["fit"]):
        raise template.TemplateSyntaxError(
            f"{bits[0]} takes the id of the element that names the table, then optionally fit"
        )
    nodelist = parser.parse(("endtable_region",))
    parser.delete_first_token()
    return TableRegionNode(parser.compile_filter(bits[1]), nodelist, fit=len(bits) == 3)
