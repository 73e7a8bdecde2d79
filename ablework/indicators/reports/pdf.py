"""A report issued as a PDF by the region's federation (ablework/printing): the platform's
layout with its verification code and QR code, in Chinese like every official document; each
chart is a static SVG (`svg.py`) printed with its data table."""

from __future__ import annotations

from typing import Any

from django.utils import translation

from ablework.accounts.models import User
from ablework.indicators.charts import shown
from ablework.indicators.reports.model import Ranking, Report, children_title
from ablework.indicators.reports.svg import bar_chart, line_chart, short_label
from ablework.printing.issuers import federation_of
from ablework.printing.services import DOCUMENT_LANGUAGE, IssuedPdf, issue_document

REPORT_KIND = "indicators.report"


def _unit(ranking: Ranking) -> str:
    return "%" if ranking.measure.is_rate else str(ranking.measure.unit)


def _trend_rows(ranking: Ranking) -> list[list[dict[str, object]]]:
    """The trend's figures as a table across the page: its points, twelve to a row."""
    points = [
        {
            "short": short_label(point.period.label),
            "partial": point.partial,
            "value": shown(ranking.measure, point.value).replace(f" {ranking.measure.unit}", ""),
        }
        for point in ranking.line.row.trend
    ]
    return [points[start : start + 12] for start in range(0, len(points), 12)]


def charts_of(report: Report) -> list[dict[str, Any]]:
    """Each key indicator's two charts, as SVG, with what each shows in words."""
    charts = []
    for ranking in report.rankings:
        row, name = ranking.line.row, str(ranking.measure.name)
        charts.append(
            {
                "ranking": ranking,
                "trend_rows": _trend_rows(ranking),
                "partial": any(point.partial for point in row.trend),
                "trend_svg": line_chart(
                    [point.period.label for point in row.trend],
                    [point.value for point in row.trend],
                    _unit(ranking),
                    f"{name}：趋势。{ranking.trend_words}",
                ),
                "ranking_svg": bar_chart(
                    [ranked.part.name for ranked in row.ranking],
                    [ranked.value for ranked in row.ranking],
                    _unit(ranking),
                    f"{name}：{children_title(report.region)}排名。{ranking.words}",
                    key=ranking.measure.code,
                )
                if row.ranking
                else None,
            }
        )
    return charts


def issue_report_pdf(user: User, report: Report, *, base_url: str) -> IssuedPdf:
    """Issue the report (built in Chinese); a later one of the same region and period
    supersedes the earlier on the verification page."""
    with translation.override(DOCUMENT_LANGUAGE):
        on_track = sum(1 for line in report.lines if line.on_track is True)
        behind = sum(1 for line in report.lines if line.on_track is False)
        statements = [
            ("报告", report.title),
            ("地区", report.region.name),
            (
                "期间",
                f"{report.period.label}（{report.period.start:%Y-%m-%d} 至 "
                f"{report.period.end:%Y-%m-%d}）",
            ),
            ("数据截至", f"{report.read_on:%Y-%m-%d}"),
            ("监测指标", f"{len(report.lines)} 项"),
            ("目标进度正常", f"{on_track} 项"),
            ("目标进度落后", f"{behind} 项"),
        ]
        context = {
            "report": report,
            "charts": charts_of(report),
            "children_title": children_title(report.region),
        }
    subject = f"{REPORT_KIND}:{report.region.code}:{report.period.code}"
    return issue_document(
        actor=user,
        kind=REPORT_KIND,
        title=report.title,
        issuing_body=federation_of(report.region),
        region_code=report.region.code,
        template="indicators/reports/report_pdf.html",
        context=context,
        statements=statements,
        base_url=base_url,
        subject=subject,
        supersedes=[subject],
    )
