"""An attacker with a masked account tries to rebuild resident IDs and certificate numbers.

Everything the demo auditor (no reveal permission) can see of each demo person is collected from
the list page, the record page, both exports (CSV and .xlsx) and the API. The candidate IDs
consistent with all of it are then counted: the region (from the masked ID, else the county),
the birth date or year, the sex, every masked fragment and the GB 11643 check digit. Each person
must keep at least 1,000 candidates for the resident ID and for the certificate number.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from html.parser import HTMLParser

import openpyxl
import pytest

from ablework.registry.models import Person
from ablework.rules.jurisdictions.cn.identifiers import resident_id_check_digit
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

ENOUGH = 1000
# What each view calls the facts the count uses (page and file headers, API keys).
BIRTH = {"出生日期", "出生年份", "birth_date", "birth_year"}
AGE = {"年龄", "age"}
SEX = {"性别", "sex"}
# Anything shaped like a resident ID or certificate number, masked or not, in any cell.
ID_SHAPED = re.compile(r"[0-9Xx*]{18}(?:[0-9*]{2})?")


@dataclass
class Seen:
    """What one masked account saw of one person, from all views together."""

    values: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, label: str, value: object) -> None:
        if value not in (None, ""):
            self.values[label.strip()].add(str(value).strip())

    def of(self, labels: set[str]) -> set[str]:
        return {value for label in labels for value in self.values.get(label, ())}

    def id_fragments(self) -> set[str]:
        return {
            m.group(0).upper()
            for vs in self.values.values()
            for v in vs
            for m in ID_SHAPED.finditer(v)
        }


class _Cells(HTMLParser):
    """Table rows (header → cell) and description lists (term → description) of one page."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str | None, dict[str, str]]] = []
        self.pairs: dict[str, str] = {}
        self.header: list[str] = []
        self._cells: list[str] = []
        self._link: str | None = None
        self._text: list[str] | None = None
        self._term = ""
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "thead":
            self._in_head, self.header = True, []
        elif tag == "tr":
            self._cells, self._link = [], None
        elif tag in ("th", "td", "dt", "dd"):
            self._text = []
        elif tag == "a" and self._text is not None:
            href = dict(attrs).get("href") or ""
            if match := re.fullmatch(r"/persons/(\d+)/", href):
                self._link = self._link or match.group(1)

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td", "dt", "dd") and self._text is not None:
            text, self._text = "".join(self._text).strip(), None
            if tag == "dt":
                self._term = text
            elif tag == "dd":
                self.pairs[self._term] = text
            elif self._in_head:
                self.header.append(text)
            else:
                self._cells.append(text)
        elif tag == "thead":
            self._in_head = False
        elif tag == "tr" and self._cells and self.header:
            self.rows.append((self._link, dict(zip(self.header, self._cells, strict=False))))


def _parse(html: str) -> _Cells:
    cells = _Cells()
    cells.feed(html)
    return cells


def _collect(client, persons: list[Person]) -> dict[int, Seen]:
    seen: dict[int, Seen] = defaultdict(Seen)
    # the list page, page after page
    after = 0
    while True:
        page = _parse(client.get("/persons/", {"after": after}).content.decode())
        linked = [(int(pk), row) for pk, row in page.rows if pk]
        if not linked:
            break
        for pk, row in linked:
            for label, value in row.items():
                seen[pk].add(label, value)
        after = max(pk for pk, _ in linked)
    for person in persons:
        record = _parse(client.get(f"/persons/{person.pk}/").content.decode())
        for label, value in record.pairs.items():
            seen[person.pk].add(label, value)
        # the API: the person, and their history
        for url in (f"/api/v1/persons/{person.pk}", f"/api/v1/persons/{person.pk}/history"):
            body = client.get(url).json()
            for key, value in (body.get("person", body)).items():
                seen[person.pk].add(key, value)
    after_id = None
    while True:
        params = {"after": after_id} if after_id else {}
        body = client.get("/api/v1/persons/", params).json()
        for item in body["items"]:
            for key, value in item.items():
                seen[item["id"]].add(key, value)
        if not (after_id := body["next_after"]):
            break
    # the exports: both list the selection in record order
    for rows in (
        _csv(client, "/persons/export.csv", post=True),
        _csv(client, "/api/v1/persons/export.csv", post=True),
        _xlsx(client),
    ):
        assert len(rows) == len(persons)
        for person, row in zip(persons, rows, strict=True):
            assert row["姓名"] == person.name
            for label, value in row.items():
                seen[person.pk].add(label, value)
    return seen


def _csv(client, url: str, *, post: bool = False) -> list[dict[str, str]]:
    response = client.post(url) if post else client.get(url)
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _xlsx(client) -> list[dict[str, object]]:
    response = client.post("/persons/export.csv", {"format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.values)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _birth_dates(seen: Seen, today: date) -> list[date]:
    """The birth dates consistent with what was shown: a full date, a year, or an age."""
    first, last = date(1900, 1, 1), today
    for value in seen.of(BIRTH):
        if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", value):
            exact = date(*map(int, match.groups()))
            first, last = max(first, exact), min(last, exact)
        elif match := re.fullmatch(r"(\d{4})\D*", value):
            year = int(match.group(1))
            first, last = max(first, date(year, 1, 1)), min(last, date(year, 12, 31))
    for value in seen.of(AGE):
        if value.isdigit():
            age = int(value)
            first = max(first, date(today.year - age - 1, today.month, today.day) + timedelta(1))
            last = min(last, date(today.year - age, today.month, today.day))
    return [first + timedelta(days) for days in range((last - first).days + 1)]


def _fits(number: str, fragments: set[str]) -> bool:
    for fragment in fragments:
        if len(fragment) != len(number):
            continue
        for shown, actual in zip(fragment, number, strict=True):
            if shown != "*" and shown != actual:
                return False
    return True


def count_candidates(
    person: Person, seen: Seen, *, today: date, limit: int = ENOUGH
) -> tuple[int, int]:
    """How many resident IDs, and certificate numbers, fit what was seen (counted up to `limit`)."""
    fragments = seen.id_fragments()
    ids = {f for f in fragments if len(f) == 18}
    certificates = {f for f in fragments if len(f) == 20}
    shown_region = {f[:6] for f in fragments if f[:6].isdigit()}
    region = shown_region.pop() if len(shown_region) == 1 else person.county_code
    sexes = seen.of(SEX)
    parity = {1} if sexes & {"男", "male"} else {0} if sexes & {"女", "female"} else {0, 1}
    tail = f"{person.disability_category}{person.disability_grade}"
    found_ids = found_certificates = 0
    for born in _birth_dates(seen, today):
        for sequence in range(1000):
            if sequence % 2 not in parity:
                continue
            first17 = f"{region}{born:%Y%m%d}{sequence:03d}"
            number = first17 + resident_id_check_digit(first17)
            if not _fits(number, ids) or not _fits(number, {c[:18] for c in certificates}):
                continue
            found_ids += 1
            if _fits(number + tail, certificates):
                found_certificates += 1
            if found_ids >= limit and found_certificates >= limit:
                return found_ids, found_certificates
    return found_ids, found_certificates


def test_no_person_can_be_narrowed_to_fewer_than_1000_ids_from_all_masked_views(demo_data):
    # given the auditor, who may read every person in the city but not reveal
    client = signed_in(demo_data["jining_auditor"])
    persons = list(Person.objects.order_by("pk"))
    # when everything the auditor can see of each person is put together
    seen = _collect(client, persons)
    today = date.today()
    # then the true numbers fit what was seen (the views were read right) ...
    for person in persons:
        facts = seen[person.pk]
        assert facts.values, person.name
        assert _fits(person.resident_id, facts.id_fragments()) or not facts.id_fragments()
        assert person.birth_date in _birth_dates(facts, today)
    # ... but neither can be narrowed to fewer than 1,000 candidates, for anyone
    narrowed = {}
    for person in persons:
        ids, certificates = count_candidates(person, seen[person.pk], today=today)
        if ids < ENOUGH or (person.certificate_number and certificates < ENOUGH):
            narrowed[person.name] = (ids, certificates)
    assert narrowed == {}
