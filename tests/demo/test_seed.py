"""Synthetic data: deterministic, valid identifiers, realistic mixes, and the demo command."""

from __future__ import annotations

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ablework.demo.synthetic import (
    generate_employers,
    generate_persons,
    resident_id_with_check,
)
from ablework.employers.models import Employer
from ablework.registry.models import Person
from ablework.rules.jurisdictions.cn.identifiers import (
    check_resident_id,
    check_unified_social_credit_code,
)

JINING_COUNTIES = ["370811", "370812", "370826", "370827"]


def test_same_seed_gives_the_same_people_and_another_seed_does_not():
    first = list(generate_persons(count=50, seed=1, counties=JINING_COUNTIES, on=date(2026, 1, 1)))
    again = list(generate_persons(count=50, seed=1, counties=JINING_COUNTIES, on=date(2026, 1, 1)))
    other = list(generate_persons(count=50, seed=2, counties=JINING_COUNTIES, on=date(2026, 1, 1)))
    assert first == again
    assert first != other


def test_resident_ids_carry_correct_check_digits_birth_dates_and_sex():
    people = list(
        generate_persons(count=500, seed=3, counties=JINING_COUNTIES, on=date(2026, 1, 1))
    )
    assert len({p.resident_id for p in people}) == 500
    for person in people:
        assert check_resident_id(person.resident_id).valid
        assert person.resident_id[6:14] == person.birth_date.strftime("%Y%m%d")
        assert (int(person.resident_id[16]) % 2 == 1) == (person.sex == "male")
        assert person.certificate_number == (
            f"{person.resident_id}{person.disability_category}{person.disability_grade}"
        )


def test_standard_examples_of_gb_11643_check_digit():
    # GB 11643-1999 Appendix A: 11010519491231002X and 440524188001010014.
    assert resident_id_with_check("11010519491231002") == "11010519491231002X"
    assert resident_id_with_check("44052418800101001") == "440524188001010014"


def test_credit_codes_are_valid_and_unique():
    employers = list(generate_employers(count=300, seed=4, counties=[("370811", "任城区")]))
    codes = [e.uscc for e in employers]
    assert len(set(codes)) == 300
    assert all(len(code) == 18 for code in codes)
    assert all(check_unified_social_credit_code(code).valid for code in codes)


def test_mixes_are_plausible():
    people = list(
        generate_persons(count=4000, seed=5, counties=JINING_COUNTIES, on=date(2026, 1, 1))
    )
    categories = Counter(p.disability_category for p in people)
    assert categories.most_common(1)[0][0] == 4  # physical disability is the largest group
    employers = list(generate_employers(count=2000, seed=5, counties=[("370811", "任城区")]))
    small = sum(1 for e in employers if e.staff_count <= 30)
    assert 0.45 < small / len(employers) < 0.7
    assert {e.kind for e in employers} == {
        "enterprise",
        "organ",
        "institution",
        "social_group",
        "private_non_enterprise",
    }


@pytest.mark.django_db
def test_seed_command_inserts_in_bulk_and_is_repeatable():
    out = StringIO()
    call_command("seed", persons=300, employers=50, seed=9, stdout=out, stderr=StringIO())
    assert Person.objects.count() == 300
    assert Employer.objects.count() == 50
    assert "新增残疾人 300 人" in out.getvalue()
    call_command("seed", persons=300, employers=50, seed=9, stdout=StringIO(), stderr=StringIO())
    assert Person.objects.count() == 300  # the same seed adds nobody twice


@pytest.mark.django_db
def test_seed_command_rejects_unknown_region():
    with pytest.raises(CommandError, match="未知的区划代码"):
        call_command("seed", persons=1, region="999999", stdout=StringIO())
