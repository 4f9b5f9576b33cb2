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
    """How often on a dosing day, and how many days apart dosing days are
    (``every_days`` 0: a single administration; ``per_week``: days a week)."""

    code: str  # canonical abbreviation: qd, bid, tid, qid, q8h, qod, qw, biw, once ...
    per_day: int
    every_days: int = 1
    span: Span | None = None
    per_week: int | None = None


@dataclass(frozen=True, slots=True)
class Route:
    code: str  # canonical route: oral, intravenous, subcutaneous ...
    span: Span | None = None
    alternatives: tuple[str, ...] = ()  # "IV or subcutaneous": the others, as written


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time as written: an infusion (over 2 hours), a course (for
    12 weeks), a limit (for up to 2 years), a radiotherapy course's overall time."""

    amount: Range
    unit: str  # minute, hour, day, week, month, year
    span: Span | None = None
    up_to: bool = False

    def __str__(self) -> str:
        text = f"{self.amount} {self.unit}{'' if self.amount.max == 1 else 's'}"
        return f"up to {text}" if self.up_to else text

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {**self.amount.to_dict(), "unit": self.unit}
        if self.up_to:
            d["up_to"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], span: Span | None = None) -> Duration:
        return cls(Range.from_dict(d), d["unit"], span, bool(d.get("up_to")))


@dataclass(frozen=True, slots=True)
class DoseBand:
    """A dose for a band of body surface area: ``bsa`` in m2, either end open (None)."""

    low: float | None
    high: float | None
    dose: Dose
    span: Span | None = None
    low_inclusive: bool = True
    high_inclusive: bool = False

    def holds(self, bsa: float) -> bool:
        above = self.low is None or bsa > self.low or (self.low_inclusive and bsa == self.low)
        below = self.high is None or bsa < self.high or (self.high_inclusive and bsa == self.high)
        return above and below

    def to_dict(self) -> dict[str, Any]:
        return {"bsa_low": self.low, "bsa_high": self.high, "low_inclusive": self.low_inclusive,
                "high_inclusive": self.high_inclusive, "dose": self.dose.to_dict()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DoseBand:
        return cls(d["bsa_low"], d["bsa_high"], Dose.from_dict(d["dose"]), None,
                   d["low_inclusive"], d["high_inclusive"])


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
    """A counted number of things: cycles of a regimen, fractions of a course
    (``up_to``: a most, as in "up to 6 cycles")."""

    range: Range
    span: Span | None = None
    up_to: bool = False

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = self.range.to_dict()
        if self.up_to:
            d["up_to"] = True
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any], span: Span | None = None) -> Count:
        return cls(Range.from_dict(d), span, bool(d.get("up_to")))


@dataclass(frozen=True, slots=True)
class StopRule:
    kind: str  # progression, toxicity, withdrawal, death, completion
    span: Span


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the parser read but wants a person to check, or (lenient
    reading) a part it could not place."""

    message: str
    span: Span


@dataclass(frozen=True, slots=True)
class Context:
    """Text that describes the regimen's setting rather than a component:
    disease, population, a group label, timing."""

    kind: str  # disease, population, label, phase, timing, note
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
    daily_dose: Dose | None = None  # "1,200 mg daily given as 600 mg twice daily"
    loading_dose: Dose | None = None  # the first administration's dose
    cap: Dose | None = None  # "(max 2 mg)"
    bands: tuple[DoseBand, ...] = ()  # a dose per band of body surface area
    infusion: Duration | None = None  # "over 2 hours"
    duration: Duration | None = None  # "for 12 weeks", "for up to 2 years", RT overall time
    per_week: int | None = None  # radiotherapy fractions a week
    site: str | None = None  # radiotherapy: where ("whole brain", "involved-field")
    technique: str | None = None  # radiotherapy: how ("IMRT", "3D-CRT")
    concurrent: bool = False  # given during the radiotherapy course
    phase: int = 0  # 0 first; "followed by" starts the next
    aka: str | None = None  # another name the text gives: "CCNU (lomustine)"
    doses: Count | None = None  # a number of administrations: "for up to six doses"

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
        spans["bands"] = self.bands[0].span.cover(self.bands[-1].span) if self.bands and \
            self.bands[0].span else None

        def d(value: Dose | Count | Duration | None) -> dict[str, Any] | None:
            return value.to_dict() if value else None

        freq = self.frequency
        return {
            "name": self.name,
            "kind": str(self.kind),
            "aka": self.aka,
            "phase": self.phase,
            "dose": d(self.dose),
            "daily_dose": d(self.daily_dose),
            "loading_dose": d(self.loading_dose),
            "cap": d(self.cap),
            "bands": [b.to_dict() for b in self.bands],
            "route": self.route.code if self.route and not self.route.alternatives else None,
            "routes": ([self.route.code, *self.route.alternatives] if self.route else []),
            "frequency": freq.code if freq else None,
            "per_day": self.per_day,
            "every_days": freq.every_days if freq else None,
            "days_per_week": freq.per_week if freq else None,
            "days": list(self.days.days) if self.days else None,
            "cycle_days": self.cycle_days,
            "cycles": d(self.cycles),
            "doses": d(self.doses),
            "infusion": d(self.infusion),
            "duration": d(self.duration),
            "concurrent": self.concurrent,
            "total_dose": d(self.total_dose),
            "fractions": d(self.fractions),
            "fraction_dose": d(self.fraction_dose),
            "fractions_per_week": self.per_week,
            "site": self.site,
            "technique": self.technique,
            "spans": {k: s.to_list() for k, s in spans.items() if s is not None},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Component:
        spans = {k: Span(*v) for k, v in d.get("spans", {}).items()}

        def dose(key: str) -> Dose | None:
            return Dose.from_dict(d[key], spans.get(key)) if d.get(key) else None

        def count(key: str) -> Count | None:
            return Count.from_dict(d[key], spans.get(key)) if d.get(key) else None

        def duration(key: str) -> Duration | None:
            return Duration.from_dict(d[key], spans.get(key)) if d.get(key) else None

        freq = None
        if d.get("frequency"):
            every = d.get("every_days")
            freq = Frequency(d["frequency"], d["per_day"], 1 if every is None else every,
                             spans.get("frequency"), d.get("days_per_week"))
        routes = d.get("routes") or ([d["route"]] if d.get("route") else [])
        return cls(
            name=d["name"],
            kind=Kind(d["kind"]),
            span=spans.get("component", Span(0, 0)),
            dose=dose("dose"),
            route=Route(routes[0], spans.get("route"), tuple(routes[1:])) if routes else None,
            frequency=freq,
            days=CycleDays(tuple(d["days"]), spans.get("days")) if d.get("days") else None,
            cycle=Cycle(d["cycle_days"], spans.get("cycle")) if d.get("cycle_days") else None,
            cycles=count("cycles"),
            doses=count("doses"),
            total_dose=dose("total_dose"),
            fractions=count("fractions"),
            fraction_dose=dose("fraction_dose"),
            name_span=spans.get("name"),
            daily_dose=dose("daily_dose"),
            loading_dose=dose("loading_dose"),
            cap=dose("cap"),
            bands=tuple(DoseBand.from_dict(b) for b in d.get("bands") or ()),
            infusion=duration("infusion"),
            duration=duration("duration"),
            per_week=d.get("fractions_per_week"),
            site=d.get("site"),
            technique=d.get("technique"),
            concurrent=bool(d.get("concurrent")),
            phase=d.get("phase") or 0,
            aka=d.get("aka"),
        )


# Attributes of a component that carry their own span, in reading order.
ATTRIBUTES = ("dose", "route", "frequency", "days", "cycle", "cycles", "doses",
              "total_dose", "fractions", "fraction_dose", "daily_dose", "loading_dose", "cap",
              "infusion", "duration")


@dataclass(frozen=True, slots=True)
class Regimen:
    """A parsed regimen: its components, stopping rules and the text it came from."""

    text: str
    components: tuple[Component, ...]
    stop: tuple[StopRule, ...] = ()
    notices: tuple[Notice, ...] = field(default=())
    context: tuple[Context, ...] = ()

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
            "context": [
                {"kind": c.kind, "text": c.span.of(self.text), "span": c.span.to_list()}
                for c in self.context
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
            context=tuple(Context(c["kind"], Span(*c["span"])) for c in d.get("context", [])),
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
