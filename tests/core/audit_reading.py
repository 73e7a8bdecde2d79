"""What a person reads of an audit view: a page's visible text (all pages of a list), an
export's cells."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import openpyxl
from django.test import Client


class _VisibleText(HTMLParser):
    """The text a person reads on a page: text nodes and the attributes read aloud or shown."""

    READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.hidden += 1
        self.parts += [value or "" for name, value in attrs if name in self.READ_ATTRIBUTES]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def visible(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(parser.parts)


def all_pages(client: Client, path: str) -> str:
    """The visible text of every page of a keyset-paginated list, following 下一页."""
    texts, url = [], path
    while url:
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        texts.append(visible(html))
        following = re.search(r'href="(\?[^"]*after=\d+)" rel="next"', html)
        url = path + following[1].replace("&amp;", "&") if following else ""
    return "\n".join(texts)


def workbook_text(content: bytes) -> str:
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    return "\n".join(str(cell) for row in sheet.iter_rows(values_only=True) for cell in row if cell)
