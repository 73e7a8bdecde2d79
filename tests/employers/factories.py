"""Employers for tests that need one or two, without the demo data set."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from ablework.core.crypto import lookup_hash
from ablework.core.masking import mask_phone
from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer, EmployerContact, EmployerKind


class EmployerFactory(DjangoModelFactory):
    """An enterprise in 任城区 with a valid, unique unified social credit code."""

    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"任城区测试物流有限公司{n}号")
    kind = EmployerKind.ENTERPRISE
    county_code = "370811"
    # Numbered from 90000000 up, clear of the demo data's (1 up), so both can be used together.
    uscc = factory.LazyAttributeSequence(
        lambda employer, n: uscc_with_check(f"91{employer.county_code}{90_000_000 + n:08d}")
    )
    staff_count = 120
    address = "任城区建设路1号"


class EmployerContactFactory(DjangoModelFactory):
    """A contact of an employer, the primary one unless told otherwise."""

    class Meta:
        model = EmployerContact

    employer = factory.SubFactory(EmployerFactory)
    name = "张经办"
    post = "人事经办人"
    phone = "13700001111"
    phone_masked = factory.LazyAttribute(lambda contact: mask_phone(contact.phone))
    phone_hash = factory.LazyAttribute(lambda contact: lookup_hash(contact.phone))
    primary = True
