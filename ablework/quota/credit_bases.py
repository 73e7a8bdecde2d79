"""The legal bases of employers' credit entries (用人单位信用记录), each quoted from its
document as the seeds give it (/work/shared/seeds; docs/credit.md), with the region where it
applies (a code prefix; "" everywhere). An entry stores the basis's text as it was when the
entry was made. Never a paraphrase: a basis not in a source is not here."""

from __future__ import annotations

from dataclasses import dataclass

from ablework.quota.models import CreditKind


@dataclass(frozen=True)
class CreditBasis:
    key: str
    kinds: tuple[CreditKind, ...]
    region_prefix: str
    document: str
    section: str
    text: str
    source: str  # where the text was taken from

    def stated(self) -> str:
        """The basis as an entry records it: document, section, quoted text."""
        return f"{self.document}{self.section}：“{self.text}”"


BASES: tuple[CreditBasis, ...] = (
    CreditBasis(
        key="jining-2023-5",
        kinds=(CreditKind.NON_PAYMENT,),
        region_prefix="3708",
        document="《济宁市促进残疾人就业三年行动实施方案（2023—2025年）》（济宁市人民政府办公室，2023年6月14日印发）",
        section="二、（二）第5项",
        text=(
            "安排残疾人就业达不到规定比例的用人单位，应当依法缴纳残疾人就业保障金。"
            "按照国家有关规定，对未按比例安排残疾人就业且拒缴、少缴残疾人就业保障金的"
            "纳入用人单位信用记录。"
        ),
        source="seeds/002_8fca1e4a7ca2a1bf.txt, line 25",
    ),
    CreditBasis(
        key="jining-2023-3-3",
        kinds=(CreditKind.FAKE_PLACEMENT,),
        region_prefix="3708",
        document="《济宁市促进残疾人就业三年行动实施方案（2023—2025年）》（济宁市人民政府办公室，2023年6月14日印发）",
        section="三、（三）突出权益维护",
        text=(
            "依法维护残疾人就业权益，坚决防范、整治和打击虚假安排残疾人就业、"
            "侵害残疾人就业权益、骗取残疾人就业增值税退税行为。"
        ),
        source="seeds/002_8fca1e4a7ca2a1bf.txt, line 61",
    ),
    CreditBasis(
        key="shanxi-2022-2-1-3",
        kinds=(CreditKind.NON_PAYMENT,),
        region_prefix="14",
        document="山西省促进残疾人就业三年行动实施方案（依据国办发〔2022〕6号制定）",
        section="二、（一）3",
        text=(
            "未按比例安排残疾人就业且拒缴、少缴残保金的用人单位,其失信行为将被记入信用记录,"
            "纳入全国信用信息共享平台"
        ),
        source="seeds/001_9a2f18ecedec1561.txt, line 172",
    ),
    CreditBasis(
        key="guobanfa-2022-6-3-6",
        kinds=(CreditKind.FAKE_PLACEMENT,),
        region_prefix="",
        document="《国务院办公厅关于印发促进残疾人就业三年行动方案（2022—2024年）的通知》（国办发〔2022〕6号）",
        section="三、（六）监督落实",
        text=(
            "要依法维护残疾人就业权益,坚决防范和打击虚假安排残疾人就业、侵害残疾人就业权益的行为"
        ),
        source="seeds/001_9a2f18ecedec1561.txt, line 54",
    ),
)
BY_KEY = {basis.key: basis for basis in BASES}


def bases_for(kind: str, county_code: str) -> list[CreditBasis]:
    """The bases of `kind` that apply in the county, the most local first."""
    found = [
        basis
        for basis in BASES
        if kind in basis.kinds and county_code.startswith(basis.region_prefix)
    ]
    return sorted(found, key=lambda basis: -len(basis.region_prefix))
