"""regimen: turn the dosing text of oncology protocols into patient calendars.

    import regimen
    r = regimen.parse("S-1 40-60mg/time bid po d1-14 q3w")
    s = regimen.schedule(r, start=datetime.date(2026, 12, 7), cycles=2, tz="Asia/Shanghai")
    regimen.write_ics(s, "s1.ics")

The parse path does not import pandas: the schedule and export functions are
loaded on first use, so ``regimen parse`` starts fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .model import (
    Component,
    Context,
    Count,
    Cycle,
    CycleDays,
    Dose,
    DoseBand,
    Duration,
    Frequency,
    Kind,
    Notice,
    Per,
    Range,
    Regimen,
    Route,
    Span,
    StopRule,
)
from .parse import ParseError, parse

__version__ = "0.1.0"

_LAZY = {
    "schedule": "regimen.scheduling",
    "Schedule": "regimen.scheduling",
    "ScheduleError": "regimen.scheduling",
    "DEFAULT_HORIZON_DAYS": "regimen.scheduling",
    "to_ics": "regimen.export.ics",
    "write_ics": "regimen.export.ics",
    "to_csv": "regimen.export.csv",
    "write_csv": "regimen.export.csv",
}

__all__ = [
    "DEFAULT_HORIZON_DAYS",
    "Component",
    "Context",
    "Count",
    "Cycle",
    "CycleDays",
    "Dose",
    "DoseBand",
    "Duration",
    "Frequency",
    "Kind",
    "Notice",
    "ParseError",
    "Per",
    "Range",
    "Regimen",
    "Route",
    "Schedule",
    "ScheduleError",
    "Span",
    "StopRule",
    "parse",
    "schedule",
    "to_csv",
    "to_ics",
    "write_csv",
    "write_ics",
]

if TYPE_CHECKING:
    from .export.csv import to_csv, write_csv
    from .export.ics import to_ics, write_ics
    from .scheduling import DEFAULT_HORIZON_DAYS, Schedule, ScheduleError, schedule


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'regimen' has no attribute {name!r}")
