"""The contract's example market and builders of persons and postings for the matching tests."""

from __future__ import annotations

import copy
from typing import Any

CONTRACT_MARKET: dict[str, Any] = {
    "as_of": "2026-06-01",
    "persons": [
        {
            "id": "p1",
            "home": {"lat": 35.41, "lon": 116.59},
            "commute_km": 10,
            "accepts_remote": True,
            "max_hours_per_week": 40,
            "wage_floor": "2200.00",
            "abilities": {"read_print": "cannot", "read_screen": {"with": ["screen_reader"]}},
            "needs": [],
            "skills": "客服 电脑打字 普通话",
            "occupations": ["客户服务"],
        }
    ],
    "postings": [
        {
            "id": "j1",
            "status": "open",
            "valid_until": "2026-09-30",
            "openings_left": 2,
            "place": {"lat": 35.40, "lon": 116.60},
            "minimum_wage_monthly": "2010.00",
            "wage_min": "2500.00",
            "wage_max": "3200.00",
            "hours_per_week": 40,
            "demands": {
                "read_screen": "essential",
                "phone": "essential",
                "read_print": "adjustable",
            },
            "offers": ["screen_reader", "flexible_hours"],
            "title": "电话客服",
            "description": "接听客户来电，使用电脑记录工单",
        }
    ],
}


def contract_market() -> dict[str, Any]:
    return copy.deepcopy(CONTRACT_MARKET)


def person(person_id: str, **fields: Any) -> dict[str, Any]:
    record = copy.deepcopy(CONTRACT_MARKET["persons"][0])
    record["id"] = person_id
    record.update(fields)
    return record


def posting(posting_id: str, **fields: Any) -> dict[str, Any]:
    record = copy.deepcopy(CONTRACT_MARKET["postings"][0])
    record["id"] = posting_id
    record.update(fields)
    return record


def market(persons: list[dict[str, Any]], postings: list[dict[str, Any]]) -> dict[str, Any]:
    return {"as_of": "2026-06-01", "persons": persons, "postings": postings}
