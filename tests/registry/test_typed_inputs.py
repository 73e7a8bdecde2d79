"""The registry's services take typed inputs: no service accepts a bag of keyword fields, and a
change names only what it changes."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import pytest

import ablework.registry.services as services
from ablework.core.models import AuditRecord
from ablework.registry.models import Person
from ablework.registry.services import KEEP, PersonChanges, update_person

pytestmark = pytest.mark.django_db


def _service_functions():
    for module_info in pkgutil.iter_modules(services.__path__):
        module = importlib.import_module(f"{services.__name__}.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if function.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", function


def test_no_registry_service_takes_a_bag_of_keyword_fields():
    # given every function the registry's services define
    bags = [
        name
        for name, function in _service_functions()
        for parameter in inspect.signature(function).parameters.values()
        if parameter.kind is inspect.Parameter.VAR_KEYWORD
    ]
    # then none takes **fields: what a caller may set is a typed dataclass
    assert bags == []


def test_a_change_writes_and_audits_only_the_fields_it_names(make_person, demo_data):
    # given a registered person with a phone and no skills
    person = make_person(skills="")
    # when a change names only the skills
    update_person(
        actor=demo_data["rencheng_admin"], person=person, changes=PersonChanges(skills="电脑维修")
    )
    # then the skills change, the phone and employment stay, and the audit names only the skills
    stored = Person.objects.get(pk=person.pk)
    assert (stored.skills, stored.phone, stored.employment_status) == (
        "电脑维修",
        "13912345678",
        "unemployed",
    )
    record = AuditRecord.objects.filter(target_id=str(person.pk)).latest("pk")
    assert list(record.changes) == ["skills"]
    assert PersonChanges().record_values() == {}
    assert PersonChanges(phone=KEEP, skills="x").record_values() == {"skills": "x"}
