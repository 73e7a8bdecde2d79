"""Employers for tests that need one or two, without the demo data set."""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from ablework.demo.synthetic import uscc_with_check
from ablework.employers.models import Employer, EmployerKind


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
    contact_name = "张经办"
