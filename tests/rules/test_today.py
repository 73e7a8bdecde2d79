"""A situation without a date is evaluated on the day in China, not on the machine's UTC date."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

import pytest

from ablework.rules.calc import service


class _LateEveningUTC(datetime):
    """31 December 2026, 17:00 UTC: already 1 January 2027, 01:00, in Beijing."""

    @classmethod
    def now(cls, tz: tzinfo | None = None) -> _LateEveningUTC:
        instant = datetime(2026, 12, 31, 17, 0, tzinfo=UTC)
        moment = instant.astimezone(tz) if tz else instant
        return cls(*moment.timetuple()[:6], tzinfo=moment.tzinfo)


def test_undated_situations_use_the_date_in_china(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service, "datetime", _LateEveningUTC)
    assert service.today_in_china() == date(2027, 1, 1)
