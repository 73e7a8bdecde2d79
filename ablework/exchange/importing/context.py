"""What every row is checked against, loaded once per pass: the importer's scope, the known
regions, and the batch the changes will name."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ablework.accounts.models import User
from ablework.accounts.scope import Scope, scope_of
from ablework.core.models import Region, RegionLevel
from ablework.exchange.cells import folded
from ablework.exchange.limits import row_limit
from ablework.exchange.models import ImportBatch
from ablework.exchange.reading import RowLimit


@dataclass
class ImportContext:
    """The importer, their reach, today's date and the region tree, for one pass over a file."""

    batch: ImportBatch
    actor: User | None
    scope: Scope
    today: date
    counties: dict[str, str] = field(default_factory=dict)
    townships: dict[str, dict[str, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, *, batch: ImportBatch, actor: User | None, today: date) -> ImportContext:
        """The context for `actor` (None: the system, run from the command line)."""
        scope = scope_of(actor) if actor is not None else Scope(everywhere=True)
        context = cls(batch=batch, actor=actor, scope=scope, today=today)
        for code, name, level, county in Region.objects.filter(
            level__in=(RegionLevel.COUNTY, RegionLevel.TOWNSHIP)
        ).values_list("code", "name", "level", "county_code"):
            if level == RegionLevel.COUNTY:
                context.counties[code] = name
            else:
                names = context.townships.setdefault(county or code[:6], {})
                names[code] = code
                names[folded(name)] = code
        return context

    @property
    def row_limit(self) -> RowLimit:
        """The most data rows the batch's file may hold (web or command line)."""
        return row_limit(self.batch.source)

    @property
    def source_label(self) -> str:
        """How history records name their source: the batch and its file."""
        return f"导入批次：{self.batch.label}"[:200]

    @property
    def audit_detail(self) -> dict[str, Any]:
        """What each audit record a pass writes names of its origin: the batch and its file."""
        return {"import_batch": self.batch.pk, "file_name": self.batch.file_name}

    @property
    def default_county(self) -> str:
        """The importer's own county, when they work in exactly one (a township's staff: the
        county around their township)."""
        prefix = (self.scope.region_prefix or "")[:6]
        return prefix if len(prefix) == 6 and prefix in self.counties else ""

    @property
    def default_township(self) -> str:
        """The importer's own township, for a township's (or a community's) staff."""
        prefix = self.scope.region_prefix or ""
        return prefix[:9] if len(prefix) >= 9 else ""

    def county_name(self, code: str) -> str:
        """`370811 任城区`, for messages."""
        return f"{code} {self.counties.get(code, '')}".strip()

    def region_problem(self, code: str) -> str | None:
        """Why a region code is not known, or None: its county must exist (GB/T 2260), and a
        township or village code must lie in a township staff have added, where they have."""
        if code[:6] not in self.counties:
            return f"区划代码“{code}”的前6位不是已知的县级区划（GB/T 2260）"
        known = self.townships.get(code[:6])
        if len(code) > 6 and known and code[:9] not in known:
            return f"区划代码“{code}”不属于{self.county_name(code[:6])}已登记的乡镇（街道）"
        return None

    def township_code(self, county: str, text: str) -> str | None:
        """The 9-digit code of a township named (or coded) `text` in `county`, or None."""
        known = self.townships.get(county, {})
        if text.isdigit() and len(text) in (9, 12):
            code = text[:9]
            return code if code[:6] == county and (not known or code in known) else None
        return known.get(folded(text))
