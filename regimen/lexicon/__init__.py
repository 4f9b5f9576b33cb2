"""The tables of the parser and the scheduler, loaded once from the TOML files
beside this module. Every abbreviation, unit spelling, route word, stop phrase
and drug name is a row in one of those files, not a branch in code.
"""

from __future__ import annotations

import tomllib
from datetime import time
from functools import cache
from importlib import resources
from typing import Any


@cache
def _load(name: str) -> dict[str, Any]:
    with resources.files(__package__).joinpath(f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def fold(phrase: str) -> str:
    """The lookup form of a phrase: lower case, single spaces."""
    return " ".join(phrase.casefold().split())


_freq = _load("frequencies")
FREQUENCIES: dict[str, tuple[str, int, int]] = {
    fold(alias): (code, row["per_day"], row.get("every_days", 1))
    for code, row in _freq["frequency"].items()
    for alias in row["aliases"]
}
"""alias -> (code, administrations per dosing day, days between dosing days)"""

HOURLY_PREFIXES: tuple[str, ...] = tuple(_freq["hourly"]["prefixes"])
HOURLY_SUFFIXES: tuple[str, ...] = tuple(_freq["hourly"]["suffixes"])

DOSE_TIMES: dict[str, tuple[time, ...]] = {
    code: tuple(time.fromisoformat(t) for t in times) for code, times in _freq["times"].items()
}

INTERVAL_UNITS: dict[str, int] = dict(_load("cycles")["interval_units"])

_units = _load("units")
UNITS: dict[str, tuple[str, str]] = {
    fold(alias): (unit, row["kind"])
    for unit, row in _units["unit"].items()
    for alias in row["aliases"]
}
"""alias -> (canonical unit, kind: dose | radiation | fraction | cycle)"""

PER: dict[str, str] = {fold(a): per for per, aliases in _units["per"].items() for a in aliases}

_routes = _load("routes")["route"]
ROUTES: dict[str, str] = {fold(a): code for code, row in _routes.items() for a in row["aliases"]}
ROUTE_PLAIN: dict[str, str] = {code: row["plain"] for code, row in _routes.items()}

STOPS: dict[str, str] = {
    fold(phrase): kind for kind, phrases in _load("stops")["stop"].items() for phrase in phrases
}

_words = _load("words")
WORDS: dict[str, str] = {fold(w): role for role, ws in _words["words"].items() for w in ws}
MODALITIES: dict[str, str] = {
    fold(w): kind for kind, ws in _words["modality"].items() for w in ws
}

_drugs = _load("drugs")
DRUGS: dict[str, str] = {fold(n): n for n in _drugs["names"]}
DRUGS.update({fold(a): inn for a, inn in _drugs["abbreviations"].items()})
"""drug name or abbreviation -> international nonproprietary name (or itself)"""
DRUG_STEMS: tuple[str, ...] = tuple(sorted(_drugs["stems"]["endings"], key=len, reverse=True))
