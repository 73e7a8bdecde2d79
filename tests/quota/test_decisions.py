"""Every decision on a declaration keeps the levy the rules engine computed at that moment, with
its full trace and the parameters (value, date in force, reference) it used; the declaration's
page shows it as "审核时的计算", and a parameter approved later does not change it."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from ablework.parameters.services import propose_local_value
from ablework.quota.inputs import read_declaration
from ablework.quota.models import DeclarationEvent
from ablework.quota.services import submit_declaration
from ablework.quota.services.filing import decision_trace
from ablework.quota.services.review import (
    certify_declaration,
    reject_declaration,
    return_declaration,
)
from tests.accounts.factories import CountyAdminFactory, EmployerUserFactory
from tests.employers.factories import EmployerFactory
from tests.quota.conftest import declaration, line
from tests.registry.factories import PersonFactory

pytestmark = pytest.mark.django_db

WAGE = "wages.social_average_wage"


def _social_average_wage(value: str, since: date) -> None:
    propose_local_value(
        None,
        name=WAGE,
        region="370811",
        effective_from=since,
        value=value,
        reference=f"测试用：任城区社会平均工资 {value} 元",
    )


def _submitted():
    employer = EmployerFactory()
    person = PersonFactory(name="王一", disability_grade=3)
    payload = declaration(employer.uscc, [line(person.certificate_number, "王一")])
    user = EmployerUserFactory(employer=employer)
    row, _ = submit_declaration(actor=user, declaration=read_declaration(payload))
    return row, user


def _cap_parameter(trace: dict) -> dict:
    return next(
        used for step in trace["trace"] for used in step["parameters"] if used["name"] == WAGE
    )


def test_each_decision_stores_the_levy_with_its_trace_and_parameters(client) -> None:
    # given a social average wage of 100,000 元 in force (the levy's wage cap reads it)
    _social_average_wage("100000", date(2015, 1, 1))
    staff = CountyAdminFactory()
    row, _ = _submitted()
    row = return_declaration(
        actor=staff, declaration_id=row.pk, version=row.version, reason="补材料"
    )
    returned = DeclarationEvent.objects.get(declaration=row, transition="return")
    # then the return kept the engine's levy result and the parameters it used, dated
    assert returned.rules_trace["levy_due"] == row.rules_trace["levy_due"]
    used = _cap_parameter(returned.rules_trace)
    assert used["value"] == "100000"
    assert used["effective_from"] == "2015-01-01"
    assert used["reference"].startswith("测试用：任城区社会平均工资 100000 元")
    assert returned.rules_trace["decided_on"]

    other, _ = _submitted()
    reject_declaration(actor=staff, declaration_id=other.pk, version=other.version, reason="虚报")
    rejected = DeclarationEvent.objects.get(declaration=other, transition="reject")
    assert rejected.rules_trace["levy_due"] == other.rules_trace["levy_due"]
    # the employer's own steps store none
    assert DeclarationEvent.objects.get(declaration=other, transition="submit").rules_trace == {}


def test_a_parameter_changed_after_certification_leaves_the_stored_figures(client) -> None:
    # given a declaration certified while the social average wage was 20,000 元 (the cap,
    # three times it, bites: W = 60,000 元)
    _social_average_wage("20000", date(2015, 1, 1))
    staff = CountyAdminFactory()
    row, user = _submitted()
    row = certify_declaration(actor=staff, declaration_id=row.pk, version=row.version)
    certified = DeclarationEvent.objects.get(declaration=row, transition="certify")
    then = certified.rules_trace["levy_due"]
    assert _cap_parameter(certified.rules_trace)["value"] == "20000"
    # when another social average wage is approved later, in force from 2016
    _social_average_wage("15000", date(2016, 1, 1))
    now = decision_trace(row)
    # then the same roster computed today gives another levy ...
    assert now["levy_due"] != then
    assert _cap_parameter(now)["value"] == "15000"
    # ... but the decision still shows the figure and the parameter it was made with
    certified.refresh_from_db()
    assert certified.rules_trace["levy_due"] == then
    for viewer in (staff, user):
        client.force_login(viewer)
        page = client.get(reverse("quota:declaration", args=[row.pk])).content.decode()
        section = page[page.index("审核时的计算") :]
        assert f"{then} 元" in section
        assert f"{now['levy_due']} 元" not in section
        assert "wages.social_average_wage = 20000（自 2015-01-01 起施行" in section
        assert "测试用：任城区社会平均工资 20000 元" in section
