"""Deterministic, realistic synthetic persons and employers for demos and benchmarks.

The same `seed` always gives the same people and units. Mixes follow the broad shape of
national statistics (most certificate holders have physical disabilities, grades 3–4 are the
most common, most employers are small enterprises); they are plausible, not official figures.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from ablework.rules.jurisdictions.cn.identifiers import (
    credit_code_check_character,
    organisation_code_check_character,
    resident_id_check_digit,
)


def resident_id_with_check(first17: str) -> str:
    """A resident ID completed with its GB 11643 check character."""
    return first17 + resident_id_check_digit(first17)


def uscc_with_check(first16: str) -> str:
    """A credit code from its first 16 characters: the organisation code's GB 11714 check
    character, then the GB 32100 check character."""
    first17 = first16 + organisation_code_check_character(first16[8:16])
    return first17 + credit_code_check_character(first17)


SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国志宏"
    "凤云海波飞鑫宇浩然欣怡子涵梓轩雨桐佳琪晨阳"
)
STREETS = [
    "建设路",
    "人民路",
    "解放路",
    "和平街",
    "红星路",
    "太白湖路",
    "车站西路",
    "古槐路",
    "共青团路",
]
INDUSTRIES = [
    "机械制造",
    "纺织",
    "食品加工",
    "物流",
    "商贸",
    "建材",
    "电子科技",
    "农业发展",
    "餐饮服务",
    "印刷包装",
]

# (value, weight) mixes.
CATEGORY_MIX = [(4, 53), (1, 11), (2, 9), (3, 1), (5, 8), (6, 10), (7, 8)]
GRADE_MIX = [(1, 12), (2, 24), (3, 28), (4, 36)]
EDUCATION_MIX = [
    ("none", 8),
    ("primary", 27),
    ("junior", 38),
    ("senior", 16),
    ("college", 6),
    ("bachelor", 5),
]
STATUS_MIX = [("employed", 50), ("unemployed", 24), ("not_seeking", 10), ("unable", 16)]
EMPLOYMENT_KIND_MIX = [
    ("quota", 18),
    ("concentrated", 6),
    ("self_employed", 14),
    ("flexible", 20),
    ("auxiliary", 4),
    ("public_welfare_post", 6),
    ("rural_farming", 28),
    ("home_based", 4),
]
KIND_MIX = [
    ("enterprise", 85),
    ("organ", 5),
    ("institution", 7),
    ("social_group", 2),
    ("private_non_enterprise", 1),
]
# Staff-size bands (low, high, weight): most units are small.
SIZE_BANDS = [(3, 30, 58), (31, 100, 22), (101, 300, 12), (301, 2000, 7), (2001, 20000, 1)]
# Where a public unit sits inside its county, so that units of one kind are told apart.
LOCALITIES = ["城区", "城东", "城西", "城南", "城北", "开发区", "高新区", "南湖", "北湖", "东关"]
KIND_NAME = {
    "organ": ["人力资源和社会保障局", "民政局", "财政局", "教育局", "交通运输局"],
    "institution": [
        "人民医院",
        "职业中等专业学校",
        "图书馆",
        "疾病预防控制中心",
        "公共就业服务中心",
    ],
    "social_group": ["残疾人福利基金会", "个体劳动者协会", "盲人协会"],
    "private_non_enterprise": ["康复服务中心", "职业培训学校", "养老服务中心"],
}


def _pick(rng: random.Random, mix: Sequence[tuple[object, int]]) -> object:
    values, weights = zip(*mix, strict=True)
    return rng.choices(values, weights=weights)[0]


@dataclass(frozen=True)
class SyntheticPerson:
    name: str
    sex: str
    birth_date: date
    resident_id: str
    certificate_number: str
    disability_category: int
    disability_grade: int
    phone: str
    address: str
    county_code: str
    household_region_code: str
    urban_rural: str
    retirement_base_age: int
    certificate_valid_until: date
    education: str
    employment_status: str
    employment_kind: str


@dataclass(frozen=True)
class SyntheticEmployer:
    name: str
    uscc: str
    kind: str
    county_code: str
    staff_count: int
    address: str
    contact_name: str
    contact_phone: str


def _name(rng: random.Random) -> str:
    given = "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2, 2))))
    return rng.choice(SURNAMES) + given


def generate_persons(
    *, count: int, seed: int, counties: Sequence[str], on: date
) -> Iterator[SyntheticPerson]:
    """`count` persons spread over `counties`, with unique, check-digit-valid resident IDs."""
    rng = random.Random(seed)
    seen: set[str] = set()
    produced = 0
    while produced < count:
        county = rng.choice(counties)
        age_days = rng.randint(16 * 365 + 5, 64 * 365)
        birth = on - timedelta(days=age_days)
        sex = "male" if rng.random() < 0.58 else "female"
        sequence = rng.randrange(0, 500) * 2 + (1 if sex == "male" else 0)
        resident_id = resident_id_with_check(f"{county}{birth:%Y%m%d}{sequence:03d}")
        if resident_id in seen:
            continue
        seen.add(resident_id)
        category = int(_pick(rng, CATEGORY_MIX))  # type: ignore[call-overload]
        grade = int(_pick(rng, GRADE_MIX))  # type: ignore[call-overload]
        base_age = 60 if sex == "male" else rng.choice((50, 55))
        status = "retired" if age_days >= base_age * 365 else str(_pick(rng, STATUS_MIX))
        yield SyntheticPerson(
            name=_name(rng),
            sex=sex,
            birth_date=birth,
            resident_id=resident_id,
            certificate_number=f"{resident_id}{category}{grade}",
            disability_category=category,
            disability_grade=grade,
            phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            address=f"{rng.choice(STREETS)}{rng.randint(1, 300)}号{rng.randint(1, 30)}单元",
            county_code=county,
            household_region_code=county,
            urban_rural="rural" if rng.random() < 0.55 else "urban",
            retirement_base_age=base_age,
            certificate_valid_until=on + timedelta(days=rng.randint(-200, 3650)),
            education=str(_pick(rng, EDUCATION_MIX)),
            employment_status=status,
            employment_kind=str(_pick(rng, EMPLOYMENT_KIND_MIX)) if status == "employed" else "",
        )
        produced += 1


def _employer_name(rng: random.Random, kind: str, county_name: str, index: int) -> str:
    """A unit's name as people write it, with no running number (which reads as an id); the
    index only varies it, so the random stream, and every other field, stays as it was."""
    if kind == "enterprise":
        brand = rng.choice(SURNAMES) + rng.choice(GIVEN) + GIVEN[index % len(GIVEN)]
        return f"{county_name}{brand}{rng.choice(INDUSTRIES)}有限公司"
    locality = LOCALITIES[index % len(LOCALITIES)]
    return f"{county_name}{locality}{rng.choice(KIND_NAME[kind])}"


def generate_employers(
    *, count: int, seed: int, counties: Sequence[tuple[str, str]]
) -> Iterator[SyntheticEmployer]:
    """`count` employers over (code, name) counties, with valid unified social credit codes."""
    rng = random.Random(seed + 7919)
    type_prefix = {
        "enterprise": "91",
        "organ": "11",
        "institution": "12",
        "social_group": "51",
        "private_non_enterprise": "52",
    }
    for index in range(1, count + 1):
        county_code, county_name = rng.choice(counties)
        kind = str(_pick(rng, KIND_MIX))
        low, high, _ = rng.choices(SIZE_BANDS, weights=[band[2] for band in SIZE_BANDS])[0]
        body = f"{type_prefix[kind]}{county_code}{index:08d}"
        yield SyntheticEmployer(
            name=_employer_name(rng, kind, county_name, index),
            uscc=uscc_with_check(body),
            kind=kind,
            county_code=county_code,
            staff_count=rng.randint(low, high),
            address=f"{county_name}{rng.choice(STREETS)}{rng.randint(1, 500)}号",
            contact_name=_name(rng),
            contact_phone=f"0537-{rng.randrange(10**7):07d}",
        )
