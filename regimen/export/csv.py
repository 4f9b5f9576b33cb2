"""Schedule -> CSV: the frame's columns in order, one row per event, in plain
text forms any spreadsheet or script reads the same way.
"""

from __future__ import annotations

import csv
import io
import numbers
import os
from datetime import date, datetime, time
from typing import Any

from ..model import number
from ..scheduling import COLUMNS, Schedule
from . import wording
from .files import write_atomic

# A cell starting with one of these is read as a formula by spreadsheets; a
# leading apostrophe keeps it text (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def to_csv(schedule: Schedule) -> str:
    """One header row, then one row per event: ISO dates, ``HH:MM`` times,
    ``start``/``end`` as ISO 8601 with the UTC offset, empty for missing."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in wording.rows(schedule):
        writer.writerow(cell(row[column]) for column in COLUMNS)
    return out.getvalue()


def write_csv(schedule: Schedule, path: str | os.PathLike[str]) -> None:
    """Write ``to_csv(schedule)`` as UTF-8 to ``path`` (``-``: standard output), atomically."""
    write_atomic(path, to_csv(schedule))


def cell(value: Any) -> str:
    """The text of one value; strings that a spreadsheet would run are defused."""
    value = wording.present(value)
    if value is None:
        return ""
    if isinstance(value, datetime):  # pandas Timestamps too; before date, its base
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.isoformat(timespec="seconds" if value.second else "minutes")
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        return str(number(float(value)))
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text
