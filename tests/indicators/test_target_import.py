"""The `targets` import kind: each row a target 待审核 through the service, problems by row and
column in Chinese, nothing saved when all-or-nothing finds one, the same file again unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest

from ablework.core.models import AuditRecord
from ablework.exchange.importing.kinds import import_kind
from ablework.indicators.models import Target, TargetSource, TargetStatus
from tests.exchange.files import import_file, problems_of, write_csv

pytestmark = pytest.mark.django_db

HEADER = [column.header for column in import_kind("targets").catalog.columns]
JINING = "济宁市促进残疾人就业三年行动实施方案（2023—2025年）"
CITY = [
    "370800",
    "济宁市",
    "城乡新增残疾人就业",
    "2023",
    "2025",
    "8000",
    "规划文件规定",
    JINING,
    "一、工作目标",
    "原文：“2023—2025年全市实现城乡新增残疾人就业8000人以上”",
]
PART = [
    "",
    "任城区",
    "new_employment",
    "2023",
    "2025",
    "3,000",
    "工作人员录入",
    "济宁市目标分解表",
    "",
    "",
]


def test_a_file_enters_pending_targets_and_again_changes_nothing(demo_data, tmp_path) -> None:
    admin = demo_data["jining_admin"]
    rate = [
        "370800",
        "",
        "就业年龄段持证残疾人就业率",
        "2023",
        "2025",
        "60",
        "规划文件规定",
        JINING,
        "一、工作目标",
        "",
    ]
    batch = import_file(
        admin, write_csv(tmp_path / "目标.csv", [CITY, PART, rate], HEADER), kind="targets"
    )
    assert problems_of(batch) == []
    assert batch.rows_created == 3
    city = Target.objects.get(region_code="370800", indicator="new_employment")
    part = Target.objects.get(region_code="370811")
    assert (city.value, city.document, city.section, city.status) == (
        8000,
        JINING,
        "一、工作目标",
        TargetStatus.PENDING,
    )
    assert (part.value, part.parent, part.source) == (3000, city, TargetSource.STAFF)
    assert part.proposed_by == admin
    audits = AuditRecord.objects.filter(action="indicators.target.propose")
    assert audits.count() == 3
    assert all(record.detail["import_batch"] == batch.pk for record in audits)
    again = import_file(
        admin, write_csv(tmp_path / "again.csv", [CITY, PART, rate], HEADER), kind="targets"
    )
    assert problems_of(again) == []
    assert (again.rows_created, again.rows_unchanged) == (0, 3)
    assert Target.objects.count() == 3


def test_problems_are_named_by_row_and_column_and_nothing_is_saved(demo_data, tmp_path) -> None:
    admin = demo_data["jining_admin"]
    rows = [
        CITY,
        ["370811", "微山县", *CITY[2:]],  # the code and the name disagree
        ["", "任城区", "新增就业人数", "2023", "2025", "10", "工作人员录入", "分解表", "", ""],
        ["", "微山县", "new_employment", "2025", "2023", "10", "工作人员录入", "分解表", "", ""],
        ["", "嘉祥县", "new_employment", "2023", "2025", "80.5", "工作人员录入", "分解表", "", ""],
        ["", "嘉祥县", "employment_rate", "2023", "2025", "60", "工作人员录入", "分解表", "", ""],
        ["370100", "", "new_employment", "2023", "2025", "10", "规划文件规定", "济南", "", ""],
        ["", "", "new_employment", "2023", "2025", "10", "规划", "", "", ""],
    ]
    path = write_csv(tmp_path / "错.csv", rows, HEADER)
    batch = import_file(admin, path, kind="targets", commit="all-or-nothing")
    found = {(row, column): message for row, column, message in problems_of(batch)}
    assert "与地区名称“微山县”不符" in found[(3, "地区名称")]
    assert "没有名为“新增就业人数”的指标" in found[(4, "指标")]
    assert found[(5, "截止年度")] == "截止年度不能早于起始年度"
    assert "正整数" in found[(6, "目标值")]
    assert "上级地区还没有同一指标" in found[(7, "地区名称")]
    assert "没有代码为 370100" in found[(8, "地区代码")]
    assert found[(9, "依据文件")] == "此列为必填项，不能为空"
    assert (9, "地区代码") in found
    assert not Target.objects.exists()
    assert not AuditRecord.objects.filter(action="indicators.target.propose").exists()


def test_a_county_imports_nothing_for_its_city_and_a_stored_target_is_not_changed(
    demo_data, tmp_path
) -> None:
    import_file(
        demo_data["jining_admin"], write_csv(tmp_path / "a.csv", [CITY], HEADER), kind="targets"
    )
    changed = [*CITY[:5], "9000", *CITY[6:]]
    batch = import_file(
        demo_data["jining_admin"], write_csv(tmp_path / "b.csv", [changed], HEADER), kind="targets"
    )
    ((row, column, message),) = problems_of(batch)
    assert (row, column) == (2, "目标值")
    assert "已有这一指标、这一期间的目标（待审核）" in message
    outside = import_file(
        demo_data["rencheng_admin"], write_csv(tmp_path / "c.csv", [CITY], HEADER), kind="targets"
    )
    ((row, column, message),) = problems_of(outside)
    assert (row, column) == (2, "地区代码")
    assert Target.objects.get().value == 8000


def test_the_sample_file_has_the_templates_columns_and_imports(demo_data) -> None:
    sample = Path("ablework/indicators/samples/目标示例.csv")
    assert sample.read_text(encoding="utf-8").splitlines()[0].split(",") == HEADER
    batch = import_file(demo_data["jining_admin"], sample, kind="targets")
    assert problems_of(batch) == []
    assert set(Target.objects.values_list("region_code", flat=True)) == {"370800", "370811"}
