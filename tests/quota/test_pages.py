"""The employer's declaration pages: open the year's declaration, enter the facts, add a line,
read a roster file (a bad one saves nothing and names each cell), see each line's problems,
submit; another employer's user gets 404 everywhere, and two users of one employer saving the
same draft never overwrite each other."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from ablework.core.notifications import notify, unread_for
from ablework.parameters.services import propose_local_value
from ablework.quota.models import Declaration, DeclarationStatus, LineMonth, RosterLine
from ablework.quota.pages.declarations import levy_year_now
from ablework.quota.services.review import certify_declaration, return_declaration
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.helpers import signed_in
from tests.quota.roster_files import roster_row, roster_xlsx
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

FACTS = {
    "facts-headcount_kind": "monthly",
    **{f"facts-headcount_{m}": "200" for m in range(1, 13)},
    "facts-wage_total": "16,000,000.00",
}


def _line(
    number: str, name: str, *, insured: range = range(1, 13), **changes: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "certificate_kind": "disability",
        "certificate_number": number,
        "name": name,
        "employment_form": "labour_contract",
        "contract_start": "2022-01-01",
        "post": "质检员",
        **{f"wage_{m}": "3000" for m in range(1, 13)},
        "social_insurance_months": [str(m) for m in insured],
    }
    data.update(changes)
    return data


def _opened(client) -> Declaration:
    response = client.post(reverse("quota:declaration_open", args=[client.user.employer_id]), {})
    assert response.status_code == 302
    return Declaration.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def _client(user):
    client = signed_in(user)
    client.user = user
    return client


def _version(row: Declaration) -> str:
    row.refresh_from_db()
    return str(row.version)


def _page(client, row: Declaration) -> str:
    response = client.get(reverse("quota:declaration", args=[row.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_an_employer_declares_from_opening_to_submission() -> None:
    user = EmployerUserFactory()
    client = _client(user)
    person = PersonFactory(name="王一")
    other = PersonFactory(name="李二")

    # the list offers this year's declaration
    listing = client.get(reverse("quota:declarations")).content.decode()
    assert f"开始填写 {levy_year_now()} 年度申报" in listing
    row = _opened(client)
    assert row.status == DeclarationStatus.DRAFT
    assert row.levy_year == levy_year_now()
    assert "填写在职职工人数和工资总额后即可算出保障金" in _page(client, row)

    # the facts
    response = client.post(
        reverse("quota:facts", args=[row.pk]), {**FACTS, "facts-version": _version(row)}
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.headcount_monthly == [200] * 12
    assert row.wage_total == Decimal("16000000.00")

    # one line typed in, insured from March only
    response = client.post(
        reverse("quota:line_new", args=[row.pk]),
        {
            **_line(person.certificate_number, "王一", insured=range(3, 13)),
            "version": _version(row),
        },
    )
    assert response.status_code == 302
    page = _page(client, row)
    assert "王一" in page
    assert person.certificate_number not in page  # masked only
    assert RosterLine.objects.get(declaration=row).certificate_masked in page
    assert "2025年1–2月 未足额缴纳社会保险" in page.replace(str(levy_year_now()), "2025")

    # a roster file with unreadable cells saves nothing and names each cell
    bad = roster_xlsx(
        [
            roster_row(int("1" * 18), "李二"),
            roster_row(other.certificate_number, "李二", wage="三千"),
        ],
        name="坏名单.xlsx",
    )
    response = client.post(
        reverse("quota:roster", args=[row.pk]),
        {"file": bad, "mode": "append", "version": _version(row)},
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "坏名单.xlsx" in text
    assert "第 2 行“证件号码”" in text
    assert "存成了数字" in text
    assert "第 3 行“1月工资”" in text
    assert 'value="append" id="id_mode_1" required checked' in text  # the choice is kept
    assert RosterLine.objects.filter(declaration=row).count() == 1

    # a good one is added after the typed line
    good = roster_xlsx([roster_row(other.certificate_number, "李二")])
    response = client.post(
        reverse("quota:roster", args=[row.pk]),
        {"file": good, "mode": "append", "version": _version(row)},
    )
    assert response.status_code == 302
    assert list(
        RosterLine.objects.filter(declaration=row).order_by("line").values_list("name", flat=True)
    ) == ["王一", "李二"]

    # the confirmation says what will be submitted, then it is submitted
    confirm = client.get(reverse("quota:submit", args=[row.pk])).content.decode()
    assert "名单共 2 行" in confirm
    assert "在职职工年平均人数" in confirm or "暂时无法计算保障金" in confirm
    response = client.post(reverse("quota:submit", args=[row.pk]), {"version": _version(row)})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == DeclarationStatus.SUBMITTED
    page = _page(client, row)
    assert "已提交" in page
    assert reverse("quota:line_new", args=[row.pk]) not in page  # read-only now
    assert "计入月份" in page
    assert (
        client.post(
            reverse("quota:line_new", args=[row.pk]),
            {**_line(person.certificate_number, "王一"), "version": _version(row)},
        ).status_code
        == 409
    )


def test_a_typed_line_with_problems_is_refused_with_every_problem_shown() -> None:
    user = EmployerUserFactory()
    client = _client(user)
    row = _opened(client)
    response = client.post(
        reverse("quota:line_new", args=[row.pk]),
        {
            **_line("", "", certificate_kind="veteran"),
            "wage_3": "3,000元",
            "wage_4": "三千",
            "version": _version(row),
        },
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert 'role="alert"' in text
    for field in ("证件号码", "姓名", "残疾军人证等级", "持证人公民身份号码", "4月"):
        assert f"{field}：" in text
    assert not RosterLine.objects.filter(declaration=row).exists()


def test_another_employers_user_gets_404_on_every_page_of_the_declaration() -> None:
    owner = _client(EmployerUserFactory())
    row = _opened(owner)
    owner.post(reverse("quota:facts", args=[row.pk]), {**FACTS, "facts-version": _version(row)})
    person = PersonFactory()
    owner.post(
        reverse("quota:line_new", args=[row.pk]),
        {**_line(person.certificate_number, "王一"), "version": _version(row)},
    )
    stranger = _client(EmployerUserFactory())
    version = _version(row)
    pages = [
        ("declaration", []),
        ("facts", []),
        ("line_new", []),
        ("line_edit", [0]),
        ("line_remove", [0]),
        ("roster", []),
        ("submit", []),
        ("certificate", []),
    ]
    for name, extra in pages:
        url = reverse(f"quota:{name}", args=[row.pk, *extra])
        if name != "certificate":
            assert stranger.get(url).status_code == 404, url
        posted = stranger.post(url, {**FACTS, **_line("X", "Y"), "version": version})
        assert posted.status_code == 404, url
    assert (
        stranger.get(reverse("quota:employer_declarations", args=[row.employer_id])).status_code
        == 404
    )
    assert (
        stranger.post(reverse("quota:declaration_open", args=[row.employer_id])).status_code == 404
    )
    row.refresh_from_db()
    assert str(row.version) == version
    assert row.status == DeclarationStatus.DRAFT


def test_two_users_of_one_employer_saving_the_same_draft_lose_nothing() -> None:
    first_user = EmployerUserFactory()
    second_user = EmployerUserFactory(employer=first_user.employer)
    first, second = _client(first_user), _client(second_user)
    row = _opened(first)
    person = PersonFactory(name="王一")
    opened_on = _version(row)  # both open the page on this version

    saved = first.post(
        reverse("quota:line_new", args=[row.pk]),
        {**_line(person.certificate_number, "王一"), "version": opened_on},
    )
    assert saved.status_code == 302

    stale = second.post(
        reverse("quota:facts", args=[row.pk]), {**FACTS, "facts-version": opened_on}
    )
    assert stale.status_code == 409
    text = stale.content.decode()
    assert "此记录已被他人修改" in text
    assert 'value="16,000,000.00"' in text  # what was typed is kept
    assert RosterLine.objects.filter(declaration=row).count() == 1  # the first save stands
    row.refresh_from_db()
    assert row.headcount_monthly is None

    # saving again from the refused form (it now carries the current version) keeps both
    again = second.post(
        reverse("quota:facts", args=[row.pk]), {**FACTS, "facts-version": _version(row)}
    )
    assert again.status_code == 302
    row.refresh_from_db()
    assert row.headcount_monthly == [200] * 12
    assert RosterLine.objects.filter(declaration=row).count() == 1


def test_opening_a_returned_declaration_reads_its_messages() -> None:
    user = EmployerUserFactory()
    client = _client(user)
    row = _opened(client)
    Declaration.objects.filter(pk=row.pk).update(status=DeclarationStatus.RETURNED)
    url = reverse("quota:declaration", args=[row.pk])
    notify([user], text="您单位的申报已被退回。", link=url)
    notify([user], text="另一件事。", link="/elsewhere/")
    home = client.get("/").content.decode()
    assert f'href="{url}"' in home

    _page(client, row)

    assert list(unread_for(user).values_list("text", flat=True)) == ["另一件事。"]


def test_the_roster_template_downloads() -> None:
    client = _client(EmployerUserFactory())
    response = client.get(reverse("quota:roster_template"))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    assert content[:2] == b"PK"  # an .xlsx (zip) file


def _submitted(client, person) -> Declaration:
    row = _opened(client)
    client.post(reverse("quota:facts", args=[row.pk]), {**FACTS, "facts-version": _version(row)})
    client.post(
        reverse("quota:line_new", args=[row.pk]),
        {**_line(person.certificate_number, "王一"), "version": _version(row)},
    )
    assert (
        client.post(reverse("quota:submit", args=[row.pk]), {"version": _version(row)}).status_code
        == 302
    )
    row.refresh_from_db()
    return row


def test_a_returned_declaration_shows_its_reasons_by_each_line_and_is_resubmitted() -> None:
    client = _client(EmployerUserFactory())
    row = _submitted(client, PersonFactory(name="王一"))
    staff = CountyAdminFactory()
    return_declaration(
        actor=staff,
        declaration_id=row.pk,
        version=row.version,
        reason="请核对工资",
        line_reasons={0: "1月工资与社保记录不符"},
    )

    page = _page(client, row)

    assert "申报已被退回" in page
    assert "退回理由：请核对工资" in page
    line = page[page.index('id="line-1"') :]
    assert "1月工资与社保记录不符" in line[: line.index("</tr>")]
    assert reverse("quota:line_edit", args=[row.pk, 0]) in page  # editable again
    confirm = client.get(reverse("quota:submit", args=[row.pk])).content.decode()
    assert "确认重新提交" in confirm
    response = client.post(reverse("quota:submit", args=[row.pk]), {"version": _version(row)})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.status == DeclarationStatus.RESUBMITTED

    certify_declaration(actor=staff, declaration_id=row.pk, version=row.version)
    page = _page(client, row)
    assert "下载审核确认书（PDF）" in page
    assert reverse("quota:certificate", args=[row.pk]) in page
    listing = client.get(reverse("quota:declarations")).content.decode()
    assert "已审核确认" in listing


def test_staff_of_the_region_open_an_employers_declarations() -> None:
    client = _client(EmployerUserFactory())
    row = _submitted(client, PersonFactory(name="王一"))
    staff = _client(CountyAdminFactory())

    listing = staff.get(reverse("quota:employer_declarations", args=[row.employer_id]))
    recent = staff.get(reverse("quota:declarations")).content.decode()

    assert listing.status_code == 200
    assert reverse("quota:declaration", args=[row.pk]) in listing.content.decode()
    assert reverse("quota:declaration", args=[row.pk]) in recent
    assert "王一" in _page(staff, row)
    elsewhere = _client(CountyAdminFactory(region_id="370826"))
    assert elsewhere.get(reverse("quota:declaration", args=[row.pk])).status_code == 404


def test_the_what_if_shows_the_levy_falling_with_a_hire_and_saves_nothing() -> None:
    propose_local_value(
        None,
        name="wages.social_average_wage",
        region="370000",
        effective_from=date(2015, 1, 1),
        value="91452",
        reference="测试用社会平均工资",
    )
    client = _client(EmployerUserFactory())
    row = _opened(client)
    client.post(reverse("quota:facts", args=[row.pk]), {**FACTS, "facts-version": _version(row)})
    client.post(
        reverse("quota:line_new", args=[row.pk]),
        {**_line(PersonFactory().certificate_number, "王一"), "version": _version(row)},
    )
    row.refresh_from_db()
    before = (row.version, row.updated_at, list(LineMonth.objects.values_list("pk", "weight")))
    page = _page(client, row)
    assert "假设测算" in page
    assert "应缴残疾人就业保障金" in page

    response = client.get(
        reverse("quota:declaration", args=[row.pk]),
        {"count": "1", "certificate_kind": "disability", "grade": "2", "from_month": "7"},
    )

    text = response.content.decode()
    assert response.status_code == 200
    assert "按此假设，应缴残保金减少" in text
    assert "现在与假设" in text  # before, after and the difference, column by column
    row.refresh_from_db()
    after = (row.version, row.updated_at, list(LineMonth.objects.values_list("pk", "weight")))
    assert after == before
    assert RosterLine.objects.filter(declaration=row).count() == 1
