"""The benchmark's input files: synthetic persons in the import template's columns."""

from __future__ import annotations

import csv
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNTIES = ["370811", "370812", "370826", "370827", "370828", "370829", "370830", "370831"]
HEADER = [
    "姓名",
    "公民身份号码",
    "残疾人证号",
    "残疾类别",
    "残疾等级",
    "证件有效期至",
    "户籍地区划",
    "城乡",
    "文化程度",
    "联系电话",
    "居住地址",
    "就业状况",
    "就业形式",
    "原法定退休年龄",
]


def rows(count: int, seed: int):
    """Synthetic persons as the template's text cells."""
    sys.path.insert(0, str(ROOT))
    from ablework.demo.synthetic import generate_persons

    labels = {
        "status": {
            "employed": "已就业",
            "unemployed": "未就业",
            "not_seeking": "无就业意愿",
            "unable": "无劳动能力",
            "retired": "已退休",
        },
        "kind": {
            "quota": "按比例就业",
            "concentrated": "集中就业",
            "self_employed": "个体就业/自主创业",
            "flexible": "灵活就业",
            "auxiliary": "辅助性就业",
            "public_welfare_post": "公益性岗位就业",
            "rural_farming": "农村种养加",
            "home_based": "居家就业",
            "": "",
        },
        "education": {
            "none": "未上过学",
            "primary": "小学",
            "junior": "初中",
            "senior": "高中/中专",
            "college": "大专",
            "bachelor": "本科及以上",
        },
    }
    for person in generate_persons(count=count, seed=seed, counties=COUNTIES, on=date(2026, 1, 1)):
        yield [
            person.name,
            person.resident_id,
            person.certificate_number,
            str(person.disability_category),
            f"{person.disability_grade}级",
            person.certificate_valid_until.isoformat(),
            person.household_region_code,
            "农村" if person.urban_rural == "rural" else "城镇",
            labels["education"][person.education],
            person.phone,
            person.address,
            labels["status"][person.employment_status],
            labels["kind"][person.employment_kind],
            str(person.retirement_base_age),
        ]


def write_xlsx(path: Path, count: int) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_numbers": False})
    sheet = workbook.add_worksheet("残疾人信息")
    sheet.write_row(0, 0, HEADER)
    for index, row in enumerate(rows(count, seed=2026), start=1):
        sheet.write_row(index, 0, row)
    workbook.close()


def write_csv(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows(count, seed=7))
