"""Every plan an indicator or a demo target cites is cited as the seed text writes it
(../shared/seeds/): the quoted words appear verbatim in the seed file (whitespace aside), the
section is the heading the words stand under (一、… then （一） then 1.), and the document is
named by the seed's own words — so a citation cannot drift from its source again.

File 001 gathers five plans under one title and heads each only with its number
(残疾人就业援助活动实施方案1…5): a document of 001 names the collection, then the plan holding
the words, then in brackets the place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from ablework.demo.targets import PLAN_TARGETS
from ablework.indicators.catalogue import catalogue

# Beside the repository: /work/shared/seeds for /work/main and for a worktree /work/wt-NAME.
SEEDS = Path(settings.PROJECT_DIR).parent / "shared" / "seeds"

TOP = re.compile(r"^\s*([一二三四五六七八九十]+、\S+?)\s*$")
SUB = re.compile(r"^\s*([（(][一二三四五六七八九十]+[)）])")
ITEM = re.compile(r"^\s*(\d+[.．])")
PLAN = re.compile(r"^\s*(残疾人就业援助活动实施方案\d)\s*$")
COLLECTION = "2023年残疾人就业援助活动实施方案(精选5篇)"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="the seed texts are not beside the repo")


def plain(text: str) -> str:
    """Without whitespace, with the half-width brackets and full stop of some seeds made
    full-width as the others write them."""
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）").replace("．", ".")


def headings_over(seed_file: str, quote: str) -> tuple[str, list[str]]:
    """The plan (001's 方案N, else "") and the headings — top, sub, item — the quoted words
    stand under; AssertionError when the words are not in the file."""
    lines = (SEEDS / seed_file).read_text(encoding="utf-8").splitlines()
    starts, joined = [], ""
    for line in lines:
        starts.append(len(joined))
        joined += plain(line)
    at = joined.find(plain(quote))
    assert at >= 0, f"{seed_file}: “{quote}” is not in the seed text"
    last = max(index for index, start in enumerate(starts) if start <= at)
    plan, top, sub, item = "", "", "", ""
    for line in reversed(lines[: last + 1]):
        if not plan and (found := PLAN.match(line)):
            plan = found[1]
        if top:
            continue
        if found := TOP.match(line):
            top = found[1]
        elif not sub and (found := SUB.match(line)):
            sub = found[1]
        elif not sub and not item and (found := ITEM.match(line)):
            item = found[1]
    return plan, [plain(part) for part in (top, sub, item) if part]


def check(document: str, section: str, seed_file: str, quote: str) -> None:
    plan, headings = headings_over(seed_file, quote)
    written = plain(section)
    # The section names the top heading, then as many levels below it as it cites.
    assert any(written == "".join(headings[:depth]) for depth in range(1, len(headings) + 1)), (
        f"{section!r}: the words stand under {''.join(headings)}"
    )
    text = plain((SEEDS / seed_file).read_text(encoding="utf-8"))
    if plan:
        assert plain(document).startswith(plain(COLLECTION) + "·" + plan + "（"), (
            f"{document!r}: the words are in {plan} of {COLLECTION}"
        )
    else:
        assert plain(document) in text, f"{document!r} is not how {seed_file} names itself"


def test_every_indicator_cites_its_seed_as_written(db: None) -> None:
    with translation.override("zh-hans"):
        for measure in catalogue():
            for source in measure.sources:
                document, section = str(source.document), str(source.section)
                check(document, section, source.seed_file, str(source.quote))


def test_every_demo_target_quotes_its_seed_as_written() -> None:
    files = sorted(path.name for path in SEEDS.glob("*.txt"))
    for target in PLAN_TARGETS:
        words = plain(target.words)
        holding = [name for name in files if words in plain((SEEDS / name).read_text())]
        assert holding, f"“{target.words}” is in no seed text"
        check(target.document.split("（江津府办发")[0], target.section, holding[0], target.words)


def test_the_check_catches_a_wrong_section() -> None:
    with pytest.raises(AssertionError):
        check(
            "辽宁省促进残疾人就业三年行动方案（2022—2024年）",
            "一、任务目标",
            "004_2a4d6ed644893453.txt",
            "2022—2024年实现全省城乡新增残疾人就业3万人",
        )
    with pytest.raises(AssertionError):
        check(
            "湖州市促进残疾人就业行动方案",
            "一、主要目标",
            "001_9a2f18ecedec1561.txt",
            "到2025年,全市累计新增残疾人就业3000人以上",
        )
