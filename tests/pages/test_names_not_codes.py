"""Where people read a region they see its name; no heading carries a database id or a code.

The crawl follows every link a role's pages offer (each URL pattern once) and reads the title
and headings of each page; the list pages' cells are read for bare region codes too.
"""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import Resolver404, resolve

from ablework.core.region_names import region_names
from ablework.core.services import add_subregion
from ablework.demo.seeding import seed_employers, seed_persons
from ablework.employers.models import Employer
from ablework.registry.imports.catalog import PERSON_COLUMNS, REGION_NAME_HEADERS
from ablework.registry.models import Person
from tests.exchange.files import import_file, person_rows, write_xlsx
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

TOWNSHIP, TOWNSHIP_NAME = "370811098", "名称测试街道"
# A database id or a code in a heading: `单位（28）`, `批次 #12`, `任城区 370811`.
ID_IN_HEADING = re.compile(r"[（(]\d+[）)]|#\d+|(?<!\d)\d{6,12}(?!\d)")
BARE_CODE = re.compile(r"\d{6,12}")
ROLES = [
    "admin",
    "jining_admin",
    "rencheng_admin",
    "rencheng_counsellor",
    "jining_auditor",
    "employer_user",
    "person_user",
    "family_user",
]


class _Reader(HTMLParser):
    """The page's title and headings, its table cells, and the links it offers."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.cells: list[str] = []
        self.links: list[str] = []
        self._open: list[str] = []
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("title", "h1", "h2", "h3", "th", "td"):
            self._open.append(tag)
            self._text = []
        values = dict(attrs)
        if tag == "a" and values.get("href") and "download" not in values:
            self.links.append(values["href"] or "")

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1] == tag:
            self._open.pop()
            text = " ".join("".join(self._text).split())
            (self.cells if tag == "td" else self.headings).append(text)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def _read(client, url: str) -> _Reader | None:
    response = client.get(url)
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return None
    reader = _Reader()
    reader.feed(response.content.decode())
    return reader


@pytest.fixture
def named_township(demo_data, settings, tmp_path):
    """A township added by the county, people living in it, and a batch the counsellor imported."""
    settings.EXCHANGE_UPLOAD_DIR = tmp_path / "uploads"
    add_subregion(
        actor=demo_data["rencheng_admin"], parent_code="370811", code=TOWNSHIP, name=TOWNSHIP_NAME
    )
    import_file(
        demo_data["rencheng_counsellor"], write_xlsx(tmp_path / "名单.xlsx", person_rows(3))
    )
    Person.objects.filter(county_code="370811").update(
        township_code=TOWNSHIP, household_region_code=TOWNSHIP
    )
    return demo_data


def _crawl(client, seeds: list[str]) -> dict[str, _Reader]:
    """The seeds, and each URL pattern's first page reachable from them, by GET."""
    pages: dict[str, _Reader] = {}
    queue = list(seeds)
    seen_patterns: set[str] = set()
    visited: set[str] = set()
    while queue:
        url = queue.pop(0)
        if url in visited:  # every page links back to the home page, a seed
            continue
        visited.add(url)
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/") or parts.path.startswith("/api/"):
            continue
        try:
            match = resolve(parts.path)
        except Resolver404:
            continue
        pattern = f"{match.route}?{parts.query.split('=')[0]}"
        if url not in seeds and (pattern in seen_patterns or "logout" in match.route):
            continue
        seen_patterns.add(pattern)
        reader = _read(client, url)
        if reader is not None:
            pages[url] = reader
            queue += reader.links
    return pages


@pytest.mark.parametrize("username", ROLES)
def test_no_heading_carries_a_database_id_or_a_region_code(named_township, username):
    client = signed_in(named_township[username])
    pages = _crawl(client, ["/", "/regions/?parent=370811", f"/regions/?parent={TOWNSHIP}"])
    assert len(pages) >= 2  # the home page and at least one page it links to
    for url, page in pages.items():
        for heading in page.headings:
            assert not ID_IN_HEADING.search(heading), f"{url}: {heading!r}"


@pytest.mark.parametrize(
    "url",
    [
        "/persons/",
        "/persons/?region=370811",
        "/persons/updates/",
        "/persons/duplicates/",
        "/employers/",
        "/imports/",
    ],
)
def test_list_pages_show_region_names_and_no_bare_code(named_township, url):
    page = _read(signed_in(named_township["rencheng_admin"]), url)
    assert page is not None
    assert not [cell for cell in page.cells if BARE_CODE.fullmatch(cell)], url
    if url.startswith(("/persons/?", "/persons/updates/")):
        assert "任城区" in page.cells
        assert TOWNSHIP_NAME in page.cells
    if url == "/employers/":
        assert "任城区" in page.cells


def test_the_record_names_the_county_township_and_household(named_township):
    person = Person.objects.filter(county_code="370811").first()
    html = signed_in(named_township["rencheng_counsellor"]).get(f"/persons/{person.pk}/")
    text = " ".join(html.content.decode().split())
    assert "<dd>任城区</dd>" in text
    assert f"<dd>{TOWNSHIP_NAME}</dd>" in text
    assert f"<dd>任城区 {TOWNSHIP_NAME}</dd>" in text
    assert TOWNSHIP not in text


def test_the_employer_page_and_the_batch_page_name_the_county(named_township):
    client = signed_in(named_township["rencheng_counsellor"])
    employer = Employer.objects.filter(county_code="370811").first()
    assert "<dd>任城区</dd>" in client.get(f"/employers/{employer.pk}/").content.decode()
    batch_page = _read(client, "/imports/")
    assert batch_page is not None
    batch_url = next(link for link in batch_page.links if re.fullmatch(r"/imports/\d+/", link))
    html = client.get(batch_url).content.decode()
    assert "<dd>任城区</dd>" in html
    assert "<h1>导入批次：名单.xlsx</h1>" in html


def test_the_progress_page_names_counties_and_townships(named_township):
    client = signed_in(named_township["jining_admin"])
    progress = _read(client, "/persons/updates/progress/?region=370811")
    assert progress is not None
    assert {"任城区", "微山县", TOWNSHIP_NAME} <= set(progress.headings)  # the rows' headers


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_csv_exports_name_the_county_and_keep_its_code_in_a_code_column(named_township):
    client = signed_in(named_township["rencheng_admin"])
    for url in ("/persons/export.csv", "/employers/export.csv"):
        rows = _csv(client.post(url))
        header = rows[0]
        county, code = header.index("所属县级区划"), header.index("所属县级区划代码")
        assert {row[county] for row in rows[1:]} == {"任城区"}
        assert {row[code] for row in rows[1:]} == {"370811"}
        for row in rows[1:]:
            shown = [cell for i, cell in enumerate(row) if i != code]
            assert not [cell for cell in shown if BARE_CODE.fullmatch(cell)], url


def test_the_xlsx_export_follows_each_region_code_with_its_name(named_township):
    client = signed_in(named_township["rencheng_admin"])
    response = client.post("/persons/export.csv?region=370811", {"format": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    header = list(rows[0])
    code_columns = {
        header.index(column.header)
        for column in PERSON_COLUMNS
        if column.key in REGION_NAME_HEADERS
    } | {header.index("联系电话")}  # eleven digits, but a phone number
    names = {key: header.index(title) for key, title in REGION_NAME_HEADERS.items()}
    for row in rows[1:]:
        assert row[names["county_code"]] == "任城区"
        assert row[names["township"]] == TOWNSHIP_NAME
        assert row[names["household_region_code"]] == f"任城区 {TOWNSHIP_NAME}"
        shown = [cell for i, cell in enumerate(row) if i not in code_columns]
        assert not [c for c in shown if isinstance(c, str) and BARE_CODE.fullmatch(c)]


def test_the_api_adds_names_beside_the_codes(named_township):
    client = signed_in(named_township["rencheng_counsellor"])
    person = client.get("/api/v1/persons/").json()["items"][0]
    assert (person["county_code"], person["county_name"]) == ("370811", "任城区")
    assert (person["township_code"], person["township_name"]) == (TOWNSHIP, TOWNSHIP_NAME)
    employer = client.get("/api/v1/employers/").json()["items"][0]
    assert (employer["county_code"], employer["county_name"]) == ("370811", "任城区")


@pytest.mark.parametrize("url", ["/employers/", "/persons/updates/", "/persons/duplicates/"])
def test_naming_regions_adds_no_query_per_row(named_township, url):
    client = signed_in(named_township["jining_admin"])
    region_names()  # read once per process (tests/core/test_region_names.py)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context.captured_queries)

    queries()  # a first request may fill per-process caches (local parameter values, …)
    before = queries()
    # when the city has many more units and persons
    seed_employers(count=60, seed=31)
    seed_persons(count=300, seed=31)
    # then its pages cost the same
    assert queries() == before
