"""Townships and communities from a file, as the second import kind: the same preview, problems
by row and column, commit choice, re-import without change and command line as the registry's
file, guarded by the region-management permission."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ablework.core.models import AuditRecord, Region
from ablework.exchange.models import BatchStatus, ImportBatch
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

HEADER = "代码,名称,上级代码\n"
GOOD = HEADER + "370811032,仙营街道,370811\n370811032001,仙营社区,370811032\n"
BAD = HEADER + "370811032,仙营街道,370811\n37081100X,坏代码,370811\n370826001,夏镇街道,370826\n"


def _upload(client, text: str, *, encoding: str = "utf-8-sig", name: str = "towns.csv"):
    upload = SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
    client.post("/imports/new/regions/", {"file": upload})
    return ImportBatch.objects.latest("pk")


def test_the_region_page_offers_the_file_import_with_its_template(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    page = client.get("/regions/?parent=370811").content.decode()
    assert 'action="/imports/new/regions/"' in page
    assert 'href="/imports/template/regions.xlsx"' in page
    upload_page = client.get("/imports/new/regions/").content.decode()
    assert "<h1>导入乡镇（街道）和村（社区）</h1>" in upload_page
    for header in ("代码", "名称", "上级代码"):
        assert f'<th scope="row">{header}</th>' in upload_page


def test_a_bad_row_is_shown_by_row_and_column_and_all_or_nothing_writes_nothing(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    batch = _upload(client, BAD, encoding="gbk")
    assert (batch.status, batch.rows_valid, batch.rows_rejected) == (BatchStatus.CHECKED, 1, 2)
    page = client.get(f"/imports/{batch.pk}/").content.decode()
    assert "<td>3</td><td>代码</td>" in page
    assert "<td>4</td><td>上级代码</td><td>没有找到上级区划，或它不在您的管辖范围内。" in page
    assert not Region.objects.filter(code="370811032").exists()  # checking writes nothing
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "all-or-nothing"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.NOTHING_WRITTEN
    assert not Region.objects.filter(code="370811032").exists()


def test_a_community_may_name_a_township_added_above_and_a_second_import_changes_nothing(
    demo_data,
):
    client = signed_in(demo_data["rencheng_admin"])
    batch = _upload(client, GOOD)
    assert batch.rows_created == 2
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "all-or-nothing"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    community = Region.objects.get(code="370811032001")
    assert (community.level, community.parent_id, community.county_code) == (
        "community",
        "370811032",
        "370811",
    )
    created = AuditRecord.objects.filter(action="core.region.create").order_by("id")
    assert [record.detail["row"] for record in created] == [2, 3]
    assert {record.detail["import_batch"] for record in created} == {batch.pk}
    commit = AuditRecord.objects.get(action="exchange.import.commit")
    assert (commit.detail["file_name"], commit.detail["rows"]) == ("towns.csv", 2)

    again = _upload(client, GOOD)
    assert (again.rows_created, again.rows_unchanged, again.rows_rejected) == (0, 2, 0)


def test_a_code_already_taken_by_another_name_is_rejected(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    client.post("/regions/?parent=370811", {"code": "370811032", "name": "越河街道"})
    batch = _upload(client, GOOD)
    problems = list(batch.problems.values_list("row_number", "column", "message"))
    assert problems == [(2, "代码", "区划代码 370811032 已存在。")]


def test_only_region_managers_import_regions_and_see_their_batches(demo_data, counsellor):
    admin = signed_in(demo_data["rencheng_admin"])
    batch = _upload(admin, GOOD)
    staff = signed_in(counsellor)
    assert staff.get("/imports/new/regions/").status_code == 404
    assert staff.get("/imports/template/regions.xlsx").status_code == 404
    assert staff.get(f"/imports/{batch.pk}/").status_code == 404
    assert f'href="/imports/{batch.pk}/"' not in staff.get("/imports/").content.decode()
    assert f'href="/imports/{batch.pk}/"' in admin.get("/imports/").content.decode()


def test_the_command_line_imports_regions(demo_data, tmp_path, capsys):
    path = tmp_path / "towns.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import", "regions", str(path), "--commit", "valid", "--as", "rencheng_admin")
    assert "已新增 2 个区划" in capsys.readouterr().out
    assert Region.objects.filter(code__in=["370811032", "370811032001"]).count() == 2
