"""Accounts for each role, bound as the role requires, and recorded consents.

Staff accounts are bound to a region of the national tree the migrations load (任城区 370811
by default); `CounsellorFactory(region_id="370826")` works in 微山县 instead.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory, Password

from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.roles import Role
from ablework.demo.seeding import DEMO_PASSWORD
from tests.employers.factories import EmployerFactory
from tests.registry.factories import PersonFactory


class UserFactory(DjangoModelFactory):
    """A signed-up account; subclasses set the role and its binding."""

    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.LazyAttribute(lambda user: f"{user.username} 测试")
    password = Password(DEMO_PASSWORD)
    role = Role.FAMILY


class SystemAdminFactory(UserFactory):
    role = Role.SYSTEM_ADMIN


class StaffFactory(UserFactory):
    """Federation staff work in a region: the county 任城区 unless told otherwise."""

    region_id = "370811"


class ProvinceAdminFactory(StaffFactory):
    role = Role.PROVINCE_ADMIN
    region_id = "370000"


class CityAdminFactory(StaffFactory):
    role = Role.CITY_ADMIN
    region_id = "370800"


class CountyAdminFactory(StaffFactory):
    role = Role.COUNTY_ADMIN


class CounsellorFactory(StaffFactory):
    role = Role.COUNSELLOR


class AuditorFactory(StaffFactory):
    role = Role.AUDITOR
    region_id = "370800"


class TrainingProviderFactory(StaffFactory):
    role = Role.TRAINING_PROVIDER


class EmployerUserFactory(UserFactory):
    role = Role.EMPLOYER
    employer = factory.SubFactory(EmployerFactory)


class PersonUserFactory(UserFactory):
    role = Role.PERSON
    person = factory.SubFactory(PersonFactory)


class FamilyUserFactory(UserFactory):
    """A family member; they see a person only through a `ProxyConsentFactory`."""

    role = Role.FAMILY


class ProxyConsentFactory(DjangoModelFactory):
    """A person's consent for a family member, recorded by the county administrator."""

    class Meta:
        model = ProxyConsent

    family_member = factory.SubFactory(FamilyUserFactory)
    person = factory.SubFactory(PersonFactory)
    relationship = "子女"
    evidence = "本人到残联现场签署授权书"
    recorded_by = factory.SubFactory(CountyAdminFactory)
