"""A counsellor imports only into their own county, and sees only their region's batches."""

from __future__ import annotations

import pytest

from ablework.registry.models import Person
from tests.accounts.factories import CityAdminFactory, CounsellorFactory, CountyAdminFactory
from tests.exchange.factories import ImportBatchFactory
from tests.exchange.files import HEADER, import_file, person_rows, problems_of, write_xlsx
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def test_a_counsellor_cannot_import_persons_into_another_county(demo_data, tmp_path):
    # given a file whose people belong to 微山县 (370826)
    rows = person_rows(2, county="370826")
    path = write_xlsx(tmp_path / "weishan.xlsx", rows)
    # when the 任城区 counsellor imports it
    batch = import_file(demo_data["rencheng_counsellor"], path)
    # then every row is refused for being outside their county, and nobody is written
    assert {
        (column, "不在您的管辖范围内" in message) for _, column, message in problems_of(batch)
    } == {("所属县级区划", True)}
    assert batch.rows_created == 0
    # while the city administrator may
    assert import_file(demo_data["jining_admin"], path).rows_created == 2


def test_a_counsellor_cannot_change_a_person_registered_in_another_county(demo_data, tmp_path):
    other = Person.objects.filter(county_code="370826").first()
    rows = person_rows(1)
    rows[0][0], rows[0][1] = other.name, other.resident_id
    rows[0][2] = f"{other.resident_id}{other.disability_category}{other.disability_grade}"
    rows[0][3], rows[0][4], rows[0][5] = "", "", "370811"
    batch = import_file(demo_data["rencheng_counsellor"], write_xlsx(tmp_path / "o.xlsx", rows))
    assert "辖区以外" in problems_of(batch)[0][2]
    other.refresh_from_db()
    assert other.county_code == "370826"


def test_without_a_region_column_new_persons_go_to_the_importers_county(demo_data, tmp_path):
    rows = [[row[0], row[1], row[2], row[6], row[7]] for row in person_rows(1)]
    header = [HEADER[0], HEADER[1], HEADER[2], HEADER[6], HEADER[7]]
    import_file(demo_data["rencheng_counsellor"], write_xlsx(tmp_path / "n.xlsx", rows, header))
    assert Person.objects.get(name=rows[0][0]).county_code == "370811"


def test_another_countys_counsellor_gets_not_found_for_a_batch():
    # given a batch a 任城区 counsellor uploaded
    batch = ImportBatchFactory()
    for user, status in (
        (CounsellorFactory(region_id="370826"), 404),
        (CountyAdminFactory(), 200),
        (CityAdminFactory(), 200),
    ):
        client = signed_in(user)
        assert client.get(f"/imports/{batch.pk}/").status_code == status
        assert client.get(f"/imports/{batch.pk}/rejected.xlsx").status_code == status


def test_roles_without_the_edit_permission_cannot_open_the_import_pages(demo_data):
    for username in ("jining_auditor", "person_user", "employer_user"):
        client = signed_in(demo_data[username])
        assert client.get("/imports/new/").status_code == 404
        assert client.get("/imports/").status_code == 404
