"""The one check of a person's identifiers, for the forms (through the registration and
correction services), the import's row checker and the department comparison, so that the same
wrong number gets the same message everywhere — the message the rules API gives for it, plus
what the registry adds: no 15-digit IDs, no birth date after today, and a certificate issued on
the person's own ID (残疾人证号 = 身份证号 + 类别 + 等级). It needs no database, so the import's
helper process runs it too."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from ablework.core.rule_messages import rule_messages
from ablework.registry.rulebook import rules_evaluation
from ablework.rules.jurisdictions.cn.identifiers import (
    CERTIFICATE_PATTERN,
    check_disability_certificate,
    check_resident_id,
)

_OLD_ID = re.compile(r"^\d{15}$")


@dataclass(frozen=True)
class ResidentIdReading:
    """What is wrong with a resident ID (`problem`), or the birth date and sex it carries."""

    problem: str | None = None
    birth_date: date | None = None
    sex: str | None = None


@dataclass(frozen=True)
class CertificateReading:
    """What is wrong with a certificate number (`problem`), or its category and grade."""

    problem: str | None = None
    category: int | None = None
    grade: int | None = None


def read_resident_id(number: str, *, on: date) -> ResidentIdReading:
    """Check a (normalised) resident ID by GB 11643 as of `on`."""
    if _OLD_ID.match(number):
        return ResidentIdReading(_("这是15位的旧身份证号码，请换成18位的公民身份号码。"))
    result = check_resident_id(number)
    if not result.valid:
        return ResidentIdReading(rule_messages(result.errors))
    assert result.birth_date is not None
    if result.birth_date > on:
        return ResidentIdReading(_("号码中的出生日期晚于今天。"))
    return ResidentIdReading(birth_date=result.birth_date, sex=result.sex)


def read_certificate(number: str, *, resident_id: str, on: date) -> CertificateReading:
    """Check a (normalised) certificate number issued on `resident_id`, itself already checked.

    A well-formed number on that ID is read with the rules' pattern (its ID part is the checked
    one); anything else goes through the rules' full check for its messages.
    """
    match = CERTIFICATE_PATTERN.match(number)
    if match is not None and match[1] == resident_id:
        return CertificateReading(category=int(match[2]), grade=int(match[3]))
    result = check_disability_certificate(number, rules_evaluation(jurisdiction="", on=on))
    if not result.valid:
        return CertificateReading(rule_messages(result.errors))
    return CertificateReading(_("残疾人证号的前18位应与公民身份号码一致。"))
