"""The tables of the parser and the scheduler, loaded once from the TOML files
beside this module. Every abbreviation, unit spelling, route word, stop phrase
and drug name is a row in one of those files, not a branch in code.
"""

from __future__ import annotations

import tomllib
from datetime import time
from functools import cache
from importlib import resources
from typing import Any, NamedTuple


@cache
def _load(name: str) -> dict[str, Any]:
    with resources.files(__package__).joinpath(f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def fold(phrase: str) -> str:
    """The lookup form of a phrase: lower case, single spaces."""
    return " ".join(phrase.casefold().split())


class FrequencyRow(NamedTuple):
    code: str
    per_day: int
    every_days: int
    per_week: int | None


class UnitRow(NamedTuple):
    unit: str  # canonical
    kind: str  # dose, radiation, fraction, cycle, time, area
    scale: float


_freq = _load("frequencies")
FREQUENCIES: dict[str, FrequencyRow] = {
    fold(alias): FrequencyRow(code, row["per_day"], row.get("every_days", 1), row.get("per_week"))
    for code, row in _freq["frequency"].items()
    for alias in row["aliases"]
}
HOURLY_PREFIXES: tuple[str, ...] = tuple(_freq["hourly"]["prefixes"])
HOURLY_SUFFIXES: tuple[str, ...] = tuple(_freq["hourly"]["suffixes"])
DOSE_TIMES: dict[str, tuple[time, ...]] = {
    code: tuple(time.fromisoformat(t) for t in times) for code, times in _freq["times"].items()
}
WEEK_DAYS: dict[int, tuple[int, ...]] = {
    int(n): tuple(days) for n, days in _freq["week_days"].items()
}

_cycles = _load("cycles")
INTERVAL_UNITS: dict[str, int] = dict(_cycles["interval_units"])
NAMED_CYCLES: dict[str, tuple[int, str | None]] = {
    fold(name): (days, None) for name, days in _cycles["named"].items()
}
NAMED_CYCLES.update({fold(name): (row["days"], row["warning"])
                     for name, row in _cycles["ambiguous"].items()})
"""word -> (cycle length in days, warning to give or None)"""

_units = _load("units")
UNITS: dict[str, UnitRow] = {
    fold(alias): UnitRow(row.get("canonical", unit), row["kind"], row.get("scale", 1))
    for unit, row in _units["unit"].items()
    for alias in row["aliases"]
}
PREFIX_UNITS: dict[str, str] = {
    fold(alias): unit for unit, aliases in _units["prefix"].items() for alias in aliases
}
PER: dict[str, str] = {fold(a): per for per, aliases in _units["per"].items() for a in aliases}
DAYS_PER: dict[str, int] = dict(_units["days_per"])

_numbers = _load("numbers")
NUMBERS: dict[str, float] = {fold(w): float(n) for w, n in _numbers["numbers"].items()}
for _ten, _t in _numbers["tens"].items():
    NUMBERS[_ten] = float(_t)
    for _unit, _u in list(_numbers["numbers"].items())[:9]:
        NUMBERS[f"{_ten}-{_unit}"] = NUMBERS[f"{_ten} {_unit}"] = float(_t + _u)

_routes = _load("routes")["route"]
ROUTES: dict[str, str] = {fold(a): code for code, row in _routes.items() for a in row["aliases"]}
ROUTE_PLAIN: dict[str, str] = {code: row["plain"] for code, row in _routes.items()}

STOPS: dict[str, str] = {
    fold(phrase): kind for kind, phrases in _load("stops")["stop"].items() for phrase in phrases
}

_words = _load("words")
WORDS: dict[str, str] = {fold(w): role for role, ws in _words["words"].items() for w in ws}
"""word -> role (join, sep, phase, until, every, for, max ...; see words.toml)"""
WEEKDAYS: dict[str, int] = {fold(w): n for w, n in _words["weekdays"].items()}
MODALITIES: dict[str, str] = {
    fold(w): technique for technique, ws in _words["modality"].items() for w in ws
}
"""radiotherapy word -> technique it names ('radiotherapy' for none)"""
SITES: dict[str, str] = {fold(w): site for site, ws in _words["site"].items() for w in ws}
MODALITY_PATTERN: str = _words["modality_pattern"]["pattern"]
COMPARISONS: dict[str, str] = {fold(w): side for w, side in _words["comparisons"].items()}
"""comparison word -> side of the value: below, at_most, above, at_least, or_more"""
CYCLE_DEFINITION: frozenset[str] = frozenset(
    fold(w) for w in _words["cycle_definition"]["words"])
DOSE_LEAD: frozenset[str] = frozenset(fold(w) for w in _words["dose_lead"]["words"])
DOSE_FORMS: frozenset[str] = frozenset(fold(w) for w in _words["dose_forms"]["words"])
PERIOD_STARTS: frozenset[str] = frozenset(fold(w) for w in _words["period_starts"]["words"])
TABLE_HEADER: frozenset[str] = frozenset(fold(w) for w in _words["table"]["header"])
DAY_COLUMNS: frozenset[str] = frozenset(fold(w) for w in _words["table"]["day_columns"])

PROCEDURES: dict[str, str] = {fold(n): n for n in _load("procedures")["procedure"]["names"]}

CONTEXT: dict[str, str] = {
    fold(w): kind for kind, ws in _load("context")["context"].items() for w in ws
}
"""context word -> kind (disease, population, label, phase, timing)"""

_drugs = _load("drugs")
DRUGS: dict[str, str] = {fold(n): n for n in _drugs["names"]}
DRUGS.update({fold(a): inn for a, inn in _drugs["abbreviations"].items()})
DRUGS.update({fold(b): inn for b, inn in _drugs["brands"].items()})
"""drug name or abbreviation -> international nonproprietary name (or itself)"""
DRUG_STEMS: tuple[str, ...] = tuple(sorted(_drugs["stems"]["endings"], key=len, reverse=True))
SALTS: frozenset[str] = frozenset(fold(w) for w in _drugs["salts"]["words"])
DRUG_CODE: str = _drugs["codes"]["pattern"]
