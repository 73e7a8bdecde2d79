"""Documents are issued in the name of the federation of the issuer's region."""

from __future__ import annotations

import pytest

from ablework.core.models import Region
from ablework.printing.issuers import federation_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("370000", "山东省残疾人联合会"),
        ("370800", "济宁市残疾人联合会"),
        ("370811", "济宁市任城区残疾人联合会"),
        ("110101", "北京市东城区残疾人联合会"),
    ],
)
def test_the_federation_is_named_as_documents_print_it(code, name):
    assert federation_of(Region.objects.get(code=code)) == name


def test_a_township_federation_is_named_after_its_city_county_and_itself():
    township = Region.objects.create(
        code="370811001",
        name="古槐街道",
        level="township",
        parent_id="370811",
        county_code="370811",
    )

    assert federation_of(township) == "济宁市任城区古槐街道残疾人联合会"
