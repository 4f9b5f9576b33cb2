"""Plain words for the rows of a schedule frame, shared by the calendar and the
command line: what a patient reads on the day, not the prescription shorthand.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from .. import lexicon
from ..model import Dose, Per, Range, Regimen, number
from ..scheduling import Schedule

Row = Mapping[str, Any]


def rows(schedule: Schedule) -> Iterator[dict[str, Any]]:
    """The frame's rows as dicts, with every missing value (NaN, NA) as None."""
    for record in schedule.frame.to_dict("records"):
        yield {str(k): present(v) for k, v in record.items()}


def present(value: Any) -> Any:
    """``value``, or None when pandas marks it missing."""
    if value is None or isinstance(value, (list, tuple, dict)):
        return value
    return None if pd.isna(value) else value


def display_name(name: str) -> str:
    """'apatinib' -> 'Apatinib' at the start of a line; 'S-1' stays as written."""
    return name[:1].upper() + name[1:]


def dose(row: Row) -> Dose | None:
    if row.get("dose_min") is None or row.get("dose_unit") is None:
        return None
    per = Per(row["dose_per"]) if row.get("dose_per") else Per.ADMINISTRATION
    return Dose(Range(row["dose_min"], row["dose_max"]), row["dose_unit"], per)


def route(row: Row) -> str | None:
    code = row.get("route")
    return lexicon.ROUTE_PLAIN.get(code, code) if code else None


def fractions(row: Row) -> Range | None:
    if row.get("fractions_min") is None:
        return None
    return Range(row["fractions_min"], row["fractions_max"])


def summary(row: Row) -> str:
    """One line for the calendar: 'S-1 40-60 mg by mouth (dose 1 of 2 today)',
    'Radiotherapy fraction 7 of 25-30 (tentative)'."""
    name = display_name(str(row["component"]))
    count = fractions(row)
    if row.get("fraction") is not None:
        text = f"{name} fraction {row['fraction']}" + (f" of {count}" if count else "")
    else:
        amount, how = dose(row), route(row)
        text = " ".join(part for part in (name, str(amount) if amount else "", how or "") if part)
        per_day = row.get("per_day")
        if per_day and per_day > 1 and row.get("administration") is not None:
            text += f" (dose {row['administration']} of {per_day} today)"
    if row.get("status") == "tentative":
        text += " (tentative)"
    return text


def course_day(row: Row) -> str:
    """'Cycle 2, day 3' for a cycled drug; 'Treatment day 12' (day 1 = start) otherwise."""
    if row.get("cycle") is not None:
        return f"Cycle {row['cycle']}, day {row['cycle_day']}"
    return f"Treatment day {row['day']}"


def tentative_note(row: Row) -> str | None:
    """Why a fraction is tentative: the text gives a range and the calendar holds its top."""
    count = fractions(row)
    if row.get("status") != "tentative" or count is None:
        return None
    return (f"Tentative: the plan gives {count} fractions; fractions above "
            f"{number(count.min)} are given only if the plan calls for more.")


def calendar_name(regimen: Regimen) -> str:
    names = dict.fromkeys(c.name for c in regimen.components)
    return "Treatment calendar: " + ", ".join(names) if names else "Treatment calendar"
