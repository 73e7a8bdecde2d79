"""Employers from a file, as an import kind: the template, problems by row and column (GB 32100
in Chinese, kinds, places outside the importer's area, 机关 fields on an enterprise, parents),
the commit modes, and a re-import that updates by credit code (audited, versioned) or changes
nothing; the command line as the quota contract names it."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from ablework.core.models import AuditRecord
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer
from ablework.exchange.models import BatchStatus, ImportBatch
from tests.employers.factories import EmployerFactory
from tests.exchange.files import problems_of
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db

HEAD = uscc_with_check("9137081100000501")
BRANCH = uscc_with_check("9137081100000502")
ORGAN = uscc_with_check("1137081100000503")
HEADER = (
    "单位名称,统一社会信用代码,单位类型,所属县级区划,乡镇（街道）,所属行业,在职职工人数,"
    "行政级别,编制数,上级单位统一社会信用代码\n"
)
GOOD = HEADER + (
    f"任城区导入总公司,{HEAD},企业,370811,古槐街道,C,300,,,\n"
    f"任城区导入总公司分公司,{BRANCH},企业,任城区,,制造业,40,,,{HEAD}\n"
    f"任城区导入局,{ORGAN},机关,370811 任城区,,S,60,县级,55,\n"
)


def _upload(client, text: str, *, encoding: str = "utf-8-sig"):
    upload = SimpleUploadedFile("employers.csv", text.encode(encoding), content_type="text/csv")
    client.post("/imports/new/employers/", {"file": upload})
    return ImportBatch.objects.latest("pk")


def test_the_employer_list_leads_to_the_import_and_its_template(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    listing = client.get("/employers/").content.decode()
    assert 'href="/imports/new/employers/"' in listing
    upload_page = client.get("/imports/new/employers/").content.decode()
    assert "<h1>导入用人单位</h1>" in upload_page
    assert 'href="/imports/template/employers.xlsx"' in upload_page
    template = client.get("/imports/template/employers.xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(template.getvalue())).worksheets[0]
    headers = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    for header in ("单位名称", "统一社会信用代码", "单位类型", "所属县级区划", "编制数"):
        assert any(header in str(value) for value in headers)


def test_each_bad_cell_is_named_by_row_and_column_in_chinese(demo_data):
    outside = EmployerFactory(name="微山县已登记公司", county_code="370826")
    client = signed_in(demo_data["rencheng_admin"])
    wrong_check = HEAD[:-1] + ("1" if HEAD[-1] != "1" else "2")
    text = HEADER + (
        f"坏代码公司,{wrong_check},企业,370811,,,,,,\n"
        f"短代码公司,91370811ABC,企业,370811,,,,,,\n"
        f"坏类型公司,{HEAD},个体户,370811,,,,,,\n"
        f"外县公司,{BRANCH},企业,370826,,,,,,\n"
        f"带编制的企业,{ORGAN},企业,370811,,,,县级,55,\n"
        f"别人的公司,{outside.uscc},企业,370811,,,,,,\n"
        f"坏行业公司,{uscc_with_check('9137081100000509')},企业,370811,,Z,,,,\n"
        f"无上级公司,{uscc_with_check('9137081100000510')},企业,370811,,,,,,{HEAD}\n"
    )
    batch = _upload(client, text)
    assert (batch.rows_valid, batch.rows_rejected) == (0, 8)
    problems = problems_of(batch)
    assert problems[0] == (
        2,
        "统一社会信用代码",
        f"统一社会信用代码不符合GB 32100：校验码应为 {HEAD[-1]}，实际为 {wrong_check[-1]}",
    )
    assert problems[1][:2] == (3, "统一社会信用代码")
    assert "应为18位" in problems[1][2]
    assert problems[2][:2] == (4, "单位类型")
    assert "单位类型“个体户”不在可选范围内" in problems[2][2]
    assert problems[3] == (5, "所属县级区划", "该单位所在区划不在您的管辖范围内")
    assert problems[4][:2] == (6, "行政级别")
    assert "只有机关和事业单位填写行政级别" in problems[4][2]
    assert problems[5] == (
        7,
        "统一社会信用代码",
        "该统一社会信用代码已登记为您管辖范围以外的用人单位，请联系其所在地残联",
    )
    assert problems[6][:2] == (8, "所属行业")
    assert problems[7] == (
        9,
        "上级单位统一社会信用代码",
        "没有找到该上级单位，或它不在您的管辖范围内",
    )
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "all-or-nothing"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.NOTHING_WRITTEN
    assert not Employer.objects.filter(name__in=["坏代码公司", "外县公司", "带编制的企业"]).exists()


def test_a_branch_may_name_a_parent_above_it_and_a_second_import_changes_nothing(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    batch = _upload(client, GOOD)
    assert (batch.rows_created, batch.rows_rejected) == (3, 0)
    assert not Employer.objects.filter(uscc=HEAD).exists()  # checking writes nothing
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "all-or-nothing"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    head, branch, organ = (Employer.objects.get(uscc=code) for code in (HEAD, BRANCH, ORGAN))
    assert (head.township_code, head.industry, head.staff_count) == ("370811001", "C", 300)
    assert branch.parent == head
    assert (organ.kind, organ.administrative_level, organ.authorised_posts) == (
        "organ",
        "county",
        55,
    )
    created = AuditRecord.objects.filter(action="employers.employer.create").order_by("id")
    assert [record.detail["row"] for record in created] == [2, 3, 4]
    assert {record.detail["import_batch"] for record in created} == {batch.pk}

    again = _upload(client, GOOD)
    assert (again.rows_created, again.rows_updated, again.rows_unchanged) == (0, 0, 3)


def test_a_branch_whose_parent_row_was_rejected_is_rejected_too(demo_data):
    client = signed_in(demo_data["rencheng_admin"])
    text = HEADER + (
        f"外县总公司,{HEAD},企业,370826,,,,,,\n"
        f"本县分公司,{BRANCH},企业,370811,,,,,,{HEAD}\n"
        f"本县另一公司,{ORGAN},企业,370811,,,,,,\n"
    )
    batch = _upload(client, text)
    assert problems_of(batch) == [
        (2, "所属县级区划", "该单位所在区划不在您的管辖范围内"),
        (3, "上级单位统一社会信用代码", "没有找到该上级单位，或它不在您的管辖范围内"),
    ]
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid"})
    batch.refresh_from_db()
    assert batch.status == BatchStatus.COMMITTED
    assert list(Employer.objects.filter(uscc__in=[HEAD, BRANCH, ORGAN]).values_list("name")) == [
        ("本县另一公司",)
    ]


def test_a_registered_credit_code_is_updated_audited_and_versioned_blank_cells_kept(demo_data):
    employer = EmployerFactory(uscc=HEAD, name="旧名称公司", staff_count=80, address="老地址")
    version = employer.version
    client = signed_in(demo_data["rencheng_admin"])
    text = HEADER + f"新名称公司,{HEAD},企业,370811,,,95,,,\n"
    batch = _upload(client, text)
    assert (batch.rows_created, batch.rows_updated) == (0, 1)
    client.post(f"/imports/{batch.pk}/commit/", {"mode": "valid"})
    employer.refresh_from_db()
    assert (employer.name, employer.staff_count, employer.address) == ("新名称公司", 95, "老地址")
    assert employer.version == version + 1
    change = AuditRecord.objects.get(action="employers.employer.update", target_id=str(employer.pk))
    assert change.changes["name"] == ["旧名称公司", "新名称公司"]
    assert change.detail["import_batch"] == batch.pk
    assert Employer.objects.filter(uscc=HEAD).count() == 1


def test_a_township_worker_imports_into_their_own_township_only(demo_data):
    client = signed_in(demo_data["rencheng_township"])
    text = HEADER + (
        f"古槐街道公司,{HEAD},企业,370811,,,10,,,\n"
        f"越河街道公司,{BRANCH},企业,370811,越河街道,,10,,,\n"
    )
    batch = _upload(client, text)
    assert batch.rows_created == 1
    assert problems_of(batch) == [(3, "乡镇（街道）", "该单位所在区划不在您的管辖范围内")]


def test_staff_without_the_employer_permission_cannot_import_employers(demo_data):
    client = signed_in(demo_data["jining_auditor"])
    assert client.get("/imports/new/employers/").status_code == 404


def test_the_command_line_imports_employers(demo_data, tmp_path, capsys):
    path = tmp_path / "employers.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import", "employers", str(path), "--commit", "valid", "--as", "rencheng_admin")
    assert "已新增 3 个单位" in capsys.readouterr().out
    assert Employer.objects.filter(uscc__in=[HEAD, BRANCH, ORGAN]).count() == 3
