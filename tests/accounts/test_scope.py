"""One primitive scopes every model by the actor's binding: everywhere, a region at any level,
an employer, a person, a training provider, a family member's consents."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone

from ablework.accounts.models import ProxyConsent, User
from ablework.accounts.roles import Permission, Role
from ablework.accounts.scope import Binding, access_one, scope_of, visible
from ablework.core.errors import NotFound
from ablework.core.models import AuditRecord, Region, RegionLevel
from ablework.core.scoping import RegionFields
from ablework.employers.models import Employer
from ablework.registry.models import Person
from tests.helpers import signed_in

pytestmark = pytest.mark.django_db


def _sql(rows) -> str:
    return str(rows.query)


def test_a_countys_scope_is_an_exact_match_and_a_citys_a_prefix(demo_data):
    # the shapes docs/benchmarks.md measured ("Registry search"): exact county code for a
    # county, LIKE for a city, and for a township its county and township codes
    county = _sql(scope_of(demo_data["rencheng_counsellor"]).apply(Person.objects.all()))
    city = _sql(scope_of(demo_data["jining_admin"]).apply(Person.objects.all()))
    township = _sql(scope_of(demo_data["rencheng_township"]).apply(Person.objects.all()))
    assert '"county_code" = 370811' in county
    assert "LIKE" not in county
    assert "LIKE" in city
    assert "3708%" in city
    assert '"county_code" = 370811' in township
    assert '"township_code" = 370811001' in township


def test_audit_rows_of_a_county_walk_the_time_index_and_a_townships_use_a_range(demo_data):
    # docs/benchmarks.md "Audit region": LIKE down to a county, a range on the code below it
    county = _sql(scope_of(demo_data["rencheng_counsellor"]).apply(AuditRecord.objects.all()))
    township = _sql(scope_of(demo_data["rencheng_township"]).apply(AuditRecord.objects.all()))
    assert "LIKE" in county
    assert "370811%" in county
    assert "LIKE" not in township
    assert '"region_code" >= 370811001' in township
    assert '"region_code" < 370811002' in township


def test_a_model_without_a_finer_column_shows_a_township_nothing():
    # a row that records only its county cannot be told to lie in any one township
    county_only = RegionFields(county="county_code")
    assert county_only.inside("370811001") == Q(pk__in=[])
    assert county_only.inside("370811") == Q(county_code="370811")


def test_the_finest_region_known_is_the_township_when_it_belongs_to_the_county():
    fields = Person.scoped_by.region
    assert fields is not None
    assert fields.finest(Person(county_code="370811", township_code="370811001")) == "370811001"
    assert fields.finest(Person(county_code="370811", township_code="")) == "370811"
    assert fields.finest(Person(county_code="370826", township_code="370811001")) == "370826"


def test_a_community_worker_reaches_residents_coded_to_their_community(demo_data):
    # given a community of 古槐街道 and a person living there
    Region.objects.create(
        code="370811001001",
        name="演示社区",
        level=RegionLevel.COMMUNITY,
        parent_id="370811001",
        county_code="370811",
    )
    resident = Person.objects.filter(township_code="370811001").first()
    Person.objects.filter(pk=resident.pk).update(residence_region_code="370811001001")
    worker = User.objects.create(
        username="community_worker", role=Role.COUNSELLOR, region_id="370811001001"
    )
    # then the community's worker sees that person only
    assert list(visible(worker, Person, permission=Permission.PERSONS_VIEW)) == [resident]


def test_a_training_provider_is_bound_to_the_region_it_serves(demo_data):
    trainer = demo_data["rencheng_trainer"]
    scope = scope_of(trainer)
    # the same primitive: a provider binding reaches its region's rows …
    assert scope.binding == Binding.PROVIDER
    reached = scope.apply(Person.objects.all())
    assert set(reached.values_list("county_code", flat=True)) == {"370811"}
    # … but its role holds no permission over persons yet, so the registry does not exist for it
    with pytest.raises(NotFound):
        visible(trainer, Person, permission=Permission.PERSONS_VIEW)
    assert signed_in(trainer).get("/persons/").status_code == 404
    assert signed_in(trainer).get("/api/v1/persons/").status_code == 404


def test_a_family_member_reaches_the_consenting_person_and_their_consent_only(demo_data):
    family = demo_data["family_user"]
    consent = family.proxy_consents.get()
    scope = scope_of(family)
    assert scope.binding == Binding.CONSENT
    assert list(scope.apply(Person.objects.all())) == [consent.person]
    assert list(scope.apply(ProxyConsent.objects.all())) == [consent]
    assert not scope.apply(Employer.objects.all()).exists()
    other = Person.objects.exclude(pk=consent.person_id).first()
    with pytest.raises(NotFound) as missing:
        access_one(
            family, Person, other.pk, permission=Permission.PERSONS_VIEW, not_found_message="x"
        )
    assert missing.value.message == "x"
    # once revoked, nothing
    ProxyConsent.objects.filter(pk=consent.pk).update(revoked_at=timezone.now())
    assert scope_of(family).binding == Binding.NOTHING
    assert not scope_of(family).apply(Person.objects.all()).exists()


def test_an_employer_user_reaches_their_organisation_and_no_audit_row(demo_data):
    user = demo_data["employer_user"]
    scope = scope_of(user)
    assert list(scope.apply(Employer.objects.all())) == [user.employer]
    assert not scope.apply(AuditRecord.objects.all()).exists()


def test_missing_and_not_yours_are_the_same_answer(demo_data):
    township = demo_data["rencheng_township"]
    next_street = Employer.objects.filter(township_code="370811002").first()
    answers = []
    for pk in (next_street.pk, 10**9):
        with pytest.raises(NotFound) as error:
            access_one(
                township,
                Employer,
                pk,
                permission=Permission.EMPLOYERS_VIEW,
                not_found_message="没有找到该用人单位。",
            )
        answers.append(error.value.message)
    assert answers[0] == answers[1]


def test_a_model_that_declares_no_scope_cannot_be_scoped(demo_data):
    with pytest.raises(TypeError):
        scope_of(demo_data["rencheng_counsellor"]).apply(Group.objects.all())
