"""The graduates' ledger (一人一策台账): the cohort's import with its problems by file, row and
column, the match to the registry, the offers and months recorded, the rates against the
place's targets, the .xlsx export and the county's scope."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import timezone

from ablework.accounts.models import User
from ablework.core.models import AuditRecord
from ablework.demo.synthetic import resident_id_with_check
from ablework.exchange.models import BatchStatus
from ablework.registry.models import Person
from ablework.support.models import Cohort, Graduate, MatchProblem, MonthlyStatus, Opportunity
from ablework.support.selectors.graduates import targets
from tests.exchange.files import import_file, problems_of, write_csv
from tests.helpers import signed_in

HEADER = ["姓名", "公民身份号码", "毕业院校", "专业", "毕业时间", "联系电话", "就业意向"]


def _persons(county: str, count: int) -> list[Person]:
    return list(Person.objects.filter(county_code=county).order_by("pk")[:count])


def _row(person: Person, **changes: str) -> list[str]:
    row = {
        "name": person.name,
        "id": person.resident_id,
        "school": "济宁学院",
        "major": "会计",
        "graduated": "2026-06-30",
        "phone": "13800000000",
        "wishes": "财务助理",
    }
    row.update(changes)
    return list(row.values())


@pytest.mark.django_db
def test_a_good_file_imports_each_graduate_matched_to_the_registry_or_with_the_reason(
    demo_data: dict[str, User], tmp_path: Path
) -> None:
    counsellor = demo_data["rencheng_counsellor"]
    first, second = _persons("370811", 2)
    unknown = resident_id_with_check("37081120030415081")
    rows = [
        _row(first),
        _row(second, name=second.name + "某"),
        ["孔令晨", unknown, "济宁学院", "英语", "2026-06", "", ""],
    ]
    batch = import_file(
        counsellor, write_csv(tmp_path / "名单.csv", rows, HEADER), kind="graduates"
    )
    assert batch.status == BatchStatus.COMMITTED
    assert problems_of(batch) == []
    cohort = Cohort.objects.get()
    assert (cohort.year, cohort.county_code) == (2026, "370811")
    by_name = {g.name: g for g in Graduate.objects.all()}
    assert by_name[first.name].person_id == first.pk
    assert by_name[second.name + "某"].match_problem == MatchProblem.NAME_DIFFERS
    assert by_name["孔令晨"].match_problem == MatchProblem.NOT_REGISTERED
    assert by_name[first.name].resident_id_masked.count("*") >= 8
    assert by_name[first.name].phone_masked != "13800000000"
    audits = AuditRecord.objects.filter(action="support.graduate.import")
    assert audits.count() == 3
    # The same file again changes nothing.
    import_file(counsellor, write_csv(tmp_path / "名单.csv", rows, HEADER), kind="graduates")
    assert Graduate.objects.count() == 3
    assert audits.count() == 3
    # The ledger says who is registered and why the others are not.
    page = signed_in(counsellor).get("/support/graduates/").content.decode()
    assert first.name in page
    assert "实名制信息库中没有这个公民身份号码" in page
    assert "姓名与名单不一致" in page


@pytest.mark.django_db
def test_bad_rows_are_named_by_row_and_column_and_all_or_nothing_saves_nothing(
    demo_data: dict[str, User], tmp_path: Path
) -> None:
    counsellor = demo_data["rencheng_counsellor"]
    first, second, third = _persons("370811", 3)
    rows = [
        _row(first),
        _row(second, id=second.resident_id[:17] + ("0" if second.resident_id[17] != "0" else "1")),
        _row(third, graduated="明年夏天"),
        _row(first),  # the same graduate twice
        _row(third, school="", phone="12345"),
    ]
    path = write_csv(tmp_path / "有问题的名单.csv", rows, HEADER)
    batch = import_file(counsellor, path, kind="graduates", commit="all-or-nothing")
    where = {(row, column) for row, column, _ in problems_of(batch)}
    assert (3, "公民身份号码") in where
    assert (4, "毕业时间") in where
    assert (5, "公民身份号码") in where
    assert (6, "毕业院校") in where
    assert (6, "联系电话") in where
    messages = " ".join(message for _, _, message in problems_of(batch))
    assert "与第2行是同一个公民身份号码" in messages
    assert "请填写毕业院校" in messages
    assert batch.file_name == "有问题的名单.csv"
    assert Graduate.objects.count() == 0
    assert Cohort.objects.count() == 0
    # Only the valid rows: the one good graduate.
    batch = import_file(counsellor, path, kind="graduates", commit="valid")
    assert Graduate.objects.count() == 1


@pytest.mark.django_db
def test_offers_and_months_are_recorded_on_the_graduates_page_and_shown_in_the_ledger(
    demo_graduates: list[Graduate], demo_data: dict[str, User]
) -> None:
    client = signed_in(demo_data["rencheng_counsellor"])
    graduate = next(g for g in demo_graduates if g.person_id and not _offers(g))
    url = f"/support/graduates/{graduate.pk}/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "form": "offer",
            "offer-offered_on": "2026-08-03",
            "offer-kind": "posting",
            "offer-employer": "济宁市某某电子商务有限公司 客服",
            "offer-outcome": "pending",
        },
    )
    assert response.status_code == 302
    assert _offers(graduate) == 1
    refused = client.post(
        url, {"form": "status", "status-month": "2026-09", "status-status": "employed"}
    )
    assert "已就业时请选择就业方式" in refused.content.decode()
    client.post(
        url,
        {
            "form": "status",
            "status-month": "2026-09",
            "status-status": "employed",
            "status-employed_how": "quota",
        },
    )
    assert MonthlyStatus.objects.get(graduate=graduate, month=date(2026, 9, 1)).status == (
        "employed"
    )
    page = client.get("/support/graduates/").content.decode()
    assert "济宁市某某电子商务有限公司 客服" in page
    assert "2026-09 已就业" in page
    assert AuditRecord.objects.filter(action="support.graduate.view").exists()


def _offers(graduate: Graduate) -> int:
    return Opportunity.objects.filter(graduate=graduate).count()


@pytest.mark.django_db
def test_rates_are_computed_against_the_targets_a_place_states(
    demo_graduates: list[Graduate], demo_data: dict[str, User]
) -> None:
    page = signed_in(demo_data["rencheng_admin"]).get("/support/graduates/").content.decode()
    assert "建档率" in page
    # 10 of the 12 graduates are found in the registry
    assert "83.3%" in page
    assert "当地未规定" in page  # 济宁 states no figure
    # Only the counsellors' page: the rates are for those who supervise.
    counsellor_page = signed_in(demo_data["rencheng_counsellor"]).get("/support/graduates/")
    assert "完成情况与目标" not in counsellor_page.content.decode()
    on = timezone.localdate()
    jiangjin = targets("500116", on=on)
    assert jiangjin["registration"].value == 1
    assert jiangjin["service"].value == 1
    assert jiangjin["employment"].value is None
    assert jiangjin["employment"].text == "不低于上一年度全国平均水平"
    assert "江津府办发〔2023〕15号" in jiangjin["employment"].reference
    assert targets("330502", on=on)["employment"].value == 1  # 湖州 (吴兴区 inherits)
    assert targets("370811", on=on) == {}


@pytest.mark.django_db
def test_the_ledger_exports_to_xlsx_one_row_per_graduate_and_is_audited(
    demo_graduates: list[Graduate], demo_data: dict[str, User]
) -> None:
    cohort = demo_graduates[0].cohort
    client = signed_in(demo_data["rencheng_counsellor"])
    response = client.post(f"/support/graduates/cohorts/{cohort.pk}/export.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    rows: list[Any] = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    assert header[:3] == ("序号", "姓名", "公民身份号码")
    assert "提供就业机会数" in header
    assert "2026-07" in header
    assert len(rows) == 1 + len(demo_graduates)
    offers = header.index("提供就业机会数")
    assert (
        max(row[offers] for row in rows[1:]) == "5"
        or max(int(row[offers]) for row in rows[1:]) == 5
    )
    assert all("*" in str(row[2]) for row in rows[1:])
    employed = [row for row in rows[1:] if "已就业（" in str(row[-1])]
    assert len(employed) == 2
    assert AuditRecord.objects.filter(action="support.graduate.export").count() == 1


@pytest.mark.django_db
def test_a_counsellor_of_weishan_sees_nothing_of_renchengs_graduates(
    demo_graduates: list[Graduate], demo_data: dict[str, User], tmp_path: Path
) -> None:
    weishan = demo_data["weishan_counsellor"]
    client = signed_in(weishan)
    page = client.get("/support/graduates/").content.decode()
    assert demo_graduates[0].name not in page
    assert client.get(f"/support/graduates/{demo_graduates[0].pk}/").status_code == 404
    cohort = demo_graduates[0].cohort
    assert client.post(f"/support/graduates/cohorts/{cohort.pk}/export.xlsx").status_code == 404
    # Importing 任城区's graduates: a county outside theirs is refused on its row; a graduate
    # registered in 任城区 is not matched to that person.
    person, other = list(Person.objects.filter(county_code="370811").order_by("-pk")[:2])
    rows = [[*_row(person), ""], [*_row(other), "370811"]]
    header = [*HEADER, "所属县级区划"]
    batch = import_file(weishan, write_csv(tmp_path / "名单.csv", rows, header), kind="graduates")
    assert (3, "所属县级区划") in {(row, column) for row, column, _ in problems_of(batch)}
    graduate = Graduate.objects.get(batch=batch)
    assert graduate.person_id is None
    assert graduate.match_problem == MatchProblem.OUTSIDE
    assert graduate.county_code == "370826"
    # And the person's own county does not see 微山县's graduate.
    rencheng = signed_in(demo_data["rencheng_counsellor"])
    assert rencheng.get(f"/support/graduates/{graduate.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_township_worker_imports_their_townships_graduates_and_is_refused_the_rest(
    demo_data: dict[str, User], tmp_path: Path
) -> None:
    worker, counsellor = demo_data["rencheng_township"], demo_data["rencheng_counsellor"]
    own = Person.objects.filter(township_code="370811001").order_by("pk").first()
    elsewhere = (
        Person.objects.filter(county_code="370811")
        .exclude(township_code__in=["", "370811001"])
        .order_by("pk")
        .first()
    )
    assert own is not None
    assert elsewhere is not None
    # 任城区's counsellor has already imported one graduate nobody has registered
    followed = resident_id_with_check("37081120030415091")
    import_file(
        counsellor,
        write_csv(
            tmp_path / "县名单.csv", [["韩雪", followed, "济宁学院", "", "2026-06"]], HEADER[:5]
        ),
        kind="graduates",
    )
    newcomer = resident_id_with_check("37081120030415082")
    rows = [
        [*_row(own), ""],
        [*_row(elsewhere), ""],
        ["孔令晨", newcomer, "济宁学院", "英语", "2026-06", "", "", ""],
        ["韩雪", followed, "济宁学院", "会计", "2026-06", "", "", ""],
        [
            "曹宇",
            resident_id_with_check("37082620030415083"),
            "济宁学院",
            "",
            "2026-06",
            "",
            "",
            "370826",
        ],
    ]
    header = [*HEADER, "所属县级区划"]
    batch = import_file(
        worker, write_csv(tmp_path / "街道名单.csv", rows, header), kind="graduates"
    )

    assert batch.status == BatchStatus.COMMITTED
    problems = {(row, column): message for row, column, message in problems_of(batch)}
    assert set(problems) == {(3, "公民身份号码"), (5, "公民身份号码"), (6, "所属县级区划")}
    assert "登记在您所在的乡镇（街道）以外" in problems[(3, "公民身份号码")]
    assert "已在2026届名单中" in problems[(5, "公民身份号码")]
    assert "微山县不在您的管辖范围内" in problems[(6, "所属县级区划")]
    # the two of 古槐街道: the registered one matched, the newcomer theirs to follow up
    imported = {g.name: g for g in Graduate.objects.filter(batch=batch)}
    assert set(imported) == {own.name, "孔令晨"}
    assert imported[own.name].person_id == own.pk
    assert imported["孔令晨"].match_problem == MatchProblem.NOT_REGISTERED
    assert {(g.county_code, g.township_code) for g in imported.values()} == {
        ("370811", "370811001")
    }
    # the county's graduate keeps its school's data, untouched by the township's file
    assert Graduate.objects.get(name="韩雪").major == ""
    # the worker's ledger shows their two, and not the county's own; its export works
    client = signed_in(worker)
    page = client.get("/support/graduates/").content.decode()
    assert own.name in page
    assert "孔令晨" in page
    assert "韩雪" not in page
    cohort = Cohort.objects.get(county_code="370811", year=2026)
    exported = client.post(f"/support/graduates/cohorts/{cohort.pk}/export.xlsx")
    assert exported.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(exported.streaming_content))).worksheets[0]
    names = {row[1] for row in sheet.iter_rows(values_only=True)}
    assert {own.name, "孔令晨"} <= names
    assert "韩雪" not in names
    # 微山县's worker sees none of it
    weishan = signed_in(demo_data["weishan_counsellor"])
    assert weishan.post(f"/support/graduates/cohorts/{cohort.pk}/export.xlsx").status_code == 404
