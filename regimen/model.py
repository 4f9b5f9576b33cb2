"""The structured regimen: frozen, typed value objects, each holding the span of
source text it was read from, and their JSON form (``to_dict`` / ``from_dict``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

SCHEMA = "regimen/1"


class Kind(StrEnum):
    DRUG = "drug"
    RADIOTHERAPY = "radiotherapy"
    PROCEDURE = "procedure"


class Per(StrEnum):
    """What one dose amount covers."""

    ADMINISTRATION = "administration"
    DAY = "day"
    FRACTION = "fraction"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Half-open character offsets ``[start, end)`` into the source text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def cover(self, other: Span | None) -> Span:
        if other is None:
            return self
        return Span(min(self.start, other.start), max(self.end, other.end))

    def to_list(self) -> list[int]:
        return [self.start, self.end]


def number(x: float) -> int | float:
    """500.0 -> 500 for display and JSON; 1.8 stays 1.8."""
    return int(x) if float(x).is_integer() else x


@dataclass(frozen=True, slots=True)
class Range:
    """A closed range of numbers; an exact value has ``min == max``."""

    min: float
    max: float

    def __post_init__(self) -> None:
        if self.min > self.max:
            raise ValueError(f"range {self.min}-{self.max} runs backwards")

    @classmethod
    def exact(cls, value: float) -> Range:
        return cls(value, value)

    @property
    def is_exact(self) -> bool:
        return self.min == self.max

    def __str__(self) -> str:
        lo, hi = number(self.min), number(self.max)
        return f"{lo}" if self.is_exact else f"{lo}-{hi}"

    def to_dict(self) -> dict[str, int | float]:
        return {"min": number(self.min), "max": number(self.max)}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Range:
        return cls(d["min"], d["max"])


@dataclass(frozen=True, slots=True)
class Dose:
    amount: Range
    unit: str  # canonical unit from the lexicon: mg, mg/m2, mg/kg, AUC, Gy ...
    per: Per = Per.ADMINISTRATION
    span: Span | None = None

    def __str__(self) -> str:
        sep = "" if self.unit == "AUC" else " "
        text = f"AUC {self.amount}" if self.unit == "AUC" else f"{self.amount}{sep}{self.unit}"
        return text if self.per is Per.ADMINISTRATION else f"{text} per {self.per}"

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {**self.amount.to_dict(), "unit": self.unit}
        if self.per is not Per.ADMINISTRATION:
            d["per"] = str(self.per)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], span: Span | None = None) -> Dose:
        return cls(Range.from_dict(d), d["unit"], Per(d.get("per", Per.ADMINISTRATION)), span)


@dataclass(frozen=True, slots=True)
class Frequency:
    """How often on a dosing day, and how many days apart dosing days are."""

    code: str  # canonical abbreviation: qd, bid, tid, qid, q8h, qod, qw ...
    per_day: int
    every_days: int = 1
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Route:
    code: str  # canonical route: oral, intravenous, subcutaneous ...
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class Cycle:
    length_days: int
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class CycleDays:
    """Days of a cycle on which a component is given (1 = first day)."""

    days: tuple[int, ...]
    span: Span | None = None

    def __str__(self) -> str:
        return ranges_text(self.days)


@dataclass(frozen=True, slots=True)
class Count:
    """A counted number of things: cycles of a regimen, fractions of a course."""

    range: Range
    span: Span | None = None


@dataclass(frozen=True, slots=True)
class StopRule:
    kind: str  # progression, toxicity, withdrawal, death, completion
    span: Span


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the parser read but wants a person to check (lenient reading)."""

    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Component:
    """One drug, radiotherapy course or procedure of a regimen."""

    name: str
    kind: Kind
    span: Span
    dose: Dose | None = None
    route: Route | None = None
    frequency: Frequency | None = None
    days: CycleDays | None = None
    cycle: Cycle | None = None
    cycles: Count | None = None
    total_dose: Dose | None = None
    fractions: Count | None = None
    fraction_dose: Dose | None = None
    name_span: Span | None = None

    @property
    def per_day(self) -> int | None:
        """Administrations on each dosing day (one when the text names no frequency)."""
        if self.kind is Kind.RADIOTHERAPY:
            return None
        return self.frequency.per_day if self.frequency else 1

    @property
    def cycle_days(self) -> int | None:
        return self.cycle.length_days if self.cycle else None

    def to_dict(self) -> dict[str, Any]:
        spans = {"component": self.span, "name": self.name_span}
        for attr in ATTRIBUTES:
            spans[attr] = getattr(getattr(self, attr), "span", None)
        return {
            "name": self.name,
            "kind": str(self.kind),
            "dose": self.dose.to_dict() if self.dose else None,
            "route": self.route.code if self.route else None,
            "frequency": self.frequency.code if self.frequency else None,
            "per_day": self.per_day,
            "every_days": self.frequency.every_days if self.frequency else None,
            "days": list(self.days.days) if self.days else None,
            "cycle_days": self.cycle_days,
            "cycles": self.cycles.range.to_dict() if self.cycles else None,
            "total_dose": self.total_dose.to_dict() if self.total_dose else None,
            "fractions": self.fractions.range.to_dict() if self.fractions else None,
            "fraction_dose": self.fraction_dose.to_dict() if self.fraction_dose else None,
            "spans": {k: s.to_list() for k, s in spans.items() if s is not None},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Component:
        spans = {k: Span(*v) for k, v in d.get("spans", {}).items()}

        def dose(key: str) -> Dose | None:
            return Dose.from_dict(d[key], spans.get(key)) if d.get(key) else None

        def count(key: str) -> Count | None:
            return Count(Range.from_dict(d[key]), spans.get(key)) if d.get(key) else None

        freq = None
        if d.get("frequency"):
            freq = Frequency(d["frequency"], d["per_day"], d.get("every_days") or 1,
                             spans.get("frequency"))
        return cls(
            name=d["name"],
            kind=Kind(d["kind"]),
            span=spans.get("component", Span(0, 0)),
            dose=dose("dose"),
            route=Route(d["route"], spans.get("route")) if d.get("route") else None,
            frequency=freq,
            days=CycleDays(tuple(d["days"]), spans.get("days")) if d.get("days") else None,
            cycle=Cycle(d["cycle_days"], spans.get("cycle")) if d.get("cycle_days") else None,
            cycles=count("cycles"),
            total_dose=dose("total_dose"),
            fractions=count("fractions"),
            fraction_dose=dose("fraction_dose"),
            name_span=spans.get("name"),
        )


# Attributes of a component that carry their own span, in reading order.
ATTRIBUTES = ("dose", "route", "frequency", "days", "cycle", "cycles",
          "total_dose", "fractions", "fraction_dose")


@dataclass(frozen=True, slots=True)
class Regimen:
    """A parsed regimen: its components, stopping rules and the text it came from."""

    text: str
    components: tuple[Component, ...]
    stop: tuple[StopRule, ...] = ()
    notices: tuple[Notice, ...] = field(default=())

    @property
    def stop_kinds(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(rule.kind for rule in self.stop))

    def component(self, name: str) -> Component:
        """The component called ``name`` (case-insensitive)."""
        for c in self.components:
            if c.name.casefold() == name.casefold():
                return c
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "text": self.text,
            "components": [c.to_dict() for c in self.components],
            "stop": list(self.stop_kinds),
            "stop_rules": [
                {"kind": r.kind, "text": r.span.of(self.text), "span": r.span.to_list()}
                for r in self.stop
            ],
            "warnings": [
                {"message": n.message, "text": n.span.of(self.text), "span": n.span.to_list()}
                for n in self.notices
            ],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Regimen:
        if d.get("schema") != SCHEMA:
            raise ValueError(f"not a {SCHEMA} document (schema: {d.get('schema')!r})")
        return cls(
            text=d["text"],
            components=tuple(Component.from_dict(c) for c in d["components"]),
            stop=tuple(StopRule(r["kind"], Span(*r["span"])) for r in d.get("stop_rules", [])),
            notices=tuple(Notice(w["message"], Span(*w["span"])) for w in d.get("warnings", [])),
        )


def ranges_text(days: tuple[int, ...] | list[int]) -> str:
    """(1, 2, 3, 8) -> '1-3,8'."""
    parts: list[str] = []
    run: list[int] = []
    for day in sorted(set(days)):
        if run and day == run[-1] + 1:
            run.append(day)
            continue
        if run:
            parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else f"{run[0]}")
        run = [day]
    if run:
        parts.append(f"{run[0]}-{run[-1]}" if len(run) > 1 else f"{run[0]}")
    return ",".join(parts)
