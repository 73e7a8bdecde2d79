"""The matching engine on the contract's JSON: the example, the six hard constraints in
`--explain-pair`, ranking and ties, and input errors named by their path."""

from __future__ import annotations

from typing import Any

import pytest

from ablework.matching.engine import InvalidMarket, explain_pair, match, read_market

from .markets import contract_market, market, person, posting


def run(raw: dict[str, Any], top: int = 10) -> dict[str, Any]:
    return match(read_market(raw), top=top)


def kinds(items: list[dict[str, str]]) -> list[str]:
    return [item["kind"] for item in items]


def test_the_contract_example_suggests_the_phone_job_with_its_explanation() -> None:
    # given the contract's example: a person who reads the screen with a screen reader
    result = run(contract_market())
    # then the one posting is suggested, with a score between 0 and 1
    [suggestion] = result["matches"]["p1"]
    assert suggestion["posting"] == "j1"
    assert 0 < suggestion["score"] <= 1
    # and the explanation says how each demand is met, in the contract's kinds
    texts = {item["text"] for item in suggestion["explanation"]}
    assert "阅读屏幕文字（必需）：借助岗位提供的读屏软件可以胜任" in texts
    assert "电话沟通（必需）：本人可直接胜任" in texts
    assert set(kinds(suggestion["explanation"])) <= {
        "demand_met",
        "need_met",
        "skills",
        "distance",
        "wage",
        "hours",
        "remote",
    }
    assert {"demand_met", "skills", "distance", "wage", "hours"} <= set(
        kinds(suggestion["explanation"])
    )
    # and the skills item names the word both texts use
    skills = next(i for i in suggestion["explanation"] if i["kind"] == "skills")
    assert "客服" in skills["text"]


def test_explain_pair_of_a_feasible_pair_breaks_nothing() -> None:
    explained = explain_pair(read_market(contract_market()), "p1", "j1")
    assert explained["person"] == "p1"
    assert explained["posting"] == "j1"
    assert explained["suggested"] is True
    assert explained["broken"] == []
    assert "demand_met" in kinds(explained["explanation"])


def broken_numbers(person_record: dict[str, Any], posting_record: dict[str, Any]) -> list[str]:
    raw = market([person_record], [posting_record])
    explained = explain_pair(read_market(raw), person_record["id"], posting_record["id"])
    assert explained["suggested"] is (not explained["broken"])
    # and the match suggests the posting exactly when the pair breaks nothing
    assert bool(run(raw)["matches"][person_record["id"]]) is (not explained["broken"])
    return [broken["constraint"] for broken in explained["broken"]]


@pytest.mark.parametrize(
    ("person_fields", "posting_fields", "expected"),
    [
        ({}, {"status": "closed"}, ["1"]),
        ({}, {"valid_until": "2026-05-31"}, ["1"]),
        ({}, {"openings_left": 0}, ["1"]),
        ({"wage_floor": "3200.01"}, {}, ["2"]),
        ({}, {"wage_min": "2009.99"}, ["2"]),
        ({}, {"minimum_wage_monthly": "3300.00", "wage_min": "3300.00", "wage_max": "3300.00"}, []),
        ({"abilities": {"phone": "cannot"}}, {}, ["3"]),
        ({"abilities": {"read_screen": {"with": ["magnifier"]}}}, {}, ["3"]),
        ({"abilities": {"read_print": "cannot"}}, {}, []),  # adjustable, not essential
        ({"needs": ["step_free"]}, {}, ["4"]),
        ({"needs": ["step_free"]}, {"offers": ["screen_reader", "remote_work"]}, []),
        (
            {"needs": ["step_free"], "accepts_remote": False},
            {"offers": ["screen_reader", "remote_work"]},
            ["4"],
        ),
        ({"commute_km": 1}, {}, ["5"]),
        ({"commute_km": 1}, {"offers": ["screen_reader", "remote_work"]}, []),
        ({"max_hours_per_week": 39.5}, {}, ["6"]),
        (
            {"abilities": {"phone": "cannot"}, "commute_km": 1, "max_hours_per_week": 20},
            {"status": "filled", "wage_max": "2100.00", "wage_min": "2100.00"},
            ["1", "2", "3", "5", "6"],
        ),
    ],
)
def test_explain_pair_lists_every_broken_constraint_by_number(
    person_fields: dict[str, Any], posting_fields: dict[str, Any], expected: list[str]
) -> None:
    assert (
        broken_numbers(person("p1", **person_fields), posting("j1", **posting_fields)) == expected
    )


def test_a_broken_constraint_says_what_is_wrong_in_plain_chinese() -> None:
    raw = market(
        [person("p1", abilities={"read_screen": {"with": ["magnifier", "braille"]}}, commute_km=1)],
        [posting("j1")],
    )
    broken = explain_pair(read_market(raw), "p1", "j1")["broken"]
    assert broken == [
        {
            "constraint": "3",
            "text": "必需的工作要求“阅读屏幕文字”本人需要放大设备或盲文材料，岗位没有提供",
        },
        {
            "constraint": "5",
            "text": "工作地点距家约 1.4 公里，超过本人可通勤的 1 公里（岗位不能居家办公）",
        },
    ]


def test_remote_work_is_explained_and_lifts_needs_and_distance() -> None:
    raw = market(
        [person("p1", needs=["step_free"], commute_km=0)],
        [posting("j1", offers=["screen_reader", "remote_work"])],
    )
    [suggestion] = run(raw)["matches"]["p1"]
    assert {"remote", "need_met"} <= set(kinds(suggestion["explanation"]))


def test_each_list_is_best_first_at_most_top_and_ties_go_to_the_smaller_posting_id() -> None:
    # given identical postings (equal scores) and one nearer, better paid posting
    same = [posting(f"j{i}") for i in (5, 3, 4)]
    better = posting("j9", place={"lat": 35.41, "lon": 116.59}, wage_max="4000.00")
    raw = market([person("p1")], [*same, better])
    # then the better one is first and the equal ones follow by id
    assert [s["posting"] for s in run(raw)["matches"]["p1"]] == ["j9", "j3", "j4", "j5"]
    assert [s["posting"] for s in run(raw, top=2)["matches"]["p1"]] == ["j9", "j3"]
    scores = [s["score"] for s in run(raw)["matches"]["p1"]]
    assert scores == sorted(scores, reverse=True)
    assert scores[1] == scores[2] == scores[3]


def test_a_person_with_no_feasible_posting_gets_an_empty_list() -> None:
    raw = market([person("p1"), person("p2", commute_km=0.5)], [posting("j1")])
    assert run(raw)["matches"] == {"p1": [run(raw)["matches"]["p1"][0]], "p2": []}


def test_skills_in_common_rank_a_posting_above_one_without() -> None:
    cook = posting("a-cook", title="厨师", description="炒菜 面点 厨房卫生")
    raw = market([person("p1")], [cook, posting("z-phone")])
    assert [s["posting"] for s in run(raw)["matches"]["p1"]] == ["z-phone", "a-cook"]


def problems(raw: Any) -> list[str]:
    with pytest.raises(InvalidMarket) as refused:
        read_market(raw)
    return [str(problem) for problem in refused.value.problems]


def test_an_unknown_code_is_refused_with_its_path() -> None:
    raw = market(
        [person("p1"), person("p2", abilities={"read_scren": "can"}, needs=["ramp"])],
        [posting("j1", demands={"phone": "sometimes"}, offers=["screen_reader", "lift"])],
    )
    assert problems(raw) == [
        "persons[1].abilities.read_scren：没有这项工作要求：read_scren",
        "persons[1].needs[0]：没有这项便利条件：ramp",
        'postings[0].demands.phone：应当是 "essential"（必需）或 "adjustable"（可调整）',
        "postings[0].offers[1]：没有这项便利条件：lift",
    ]


def test_missing_fields_float_money_bad_dates_and_duplicates_are_each_named() -> None:
    first = person("p1", wage_floor=2200.5)
    del first["commute_km"]
    raw = market(
        [first, person("p1", home={"lat": 95, "lon": 116})],
        [posting("j1", valid_until="2026-13-01", wage_min="2500.001")],
    )
    assert problems(raw) == [
        "persons[0].commute_km：缺少这个字段",
        'persons[0].wage_floor：金额应当写成文字，例如 "2200.00"（小数不能精确到分）',
        "persons[1].home.lat：应当是 -90 到 90 之间的度数",
        "postings[0].valid_until：应当是日期，例如 2026-06-01",
        "postings[0].wage_min：金额应当不小于 0，且最多精确到分（两位小数）",
        "persons[1].id：编号 p1 重复",
    ]


def test_an_input_that_is_not_a_market_is_refused() -> None:
    assert problems([]) == ["(input)：应当是一个对象（{…}）"]
    assert problems({"as_of": "2026-06-01", "persons": {}, "postings": [], "extra": 1}) == [
        "(input).extra：不是约定中的字段",
        "persons：应当是一个列表",
    ]
