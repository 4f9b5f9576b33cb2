"""Expand a regimen into one patient's administrations: one row per dose or
radiotherapy fraction, in a pandas DataFrame.

Conventions (documented in the README):
- day 1 of cycle 1 is the start date;
- a drug with cycle days is given on those days of every cycle; a drug with a
  cycle but no days on day 1 of each cycle (a daily frequency: every day of
  it); a drug with a daily frequency and no cycle every day of the horizon; a
  drug with days but no cycle on those days once;
- radiotherapy gives one fraction per treatment day (Monday to Friday) from
  the start date, and a course always runs to its last fraction; with a range
  of fractions the calendar holds the largest number and marks fractions
  above the smallest as tentative;
- an open-ended regimen runs through the horizon given by ``cycles`` or
  ``until``, or ``DEFAULT_HORIZON_DAYS`` with a note when neither is given.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd

from . import lexicon
from .model import Component, Dose, Kind, Range, Regimen

DEFAULT_HORIZON_DAYS = 84  # twelve weeks: four 21-day or three 28-day cycles
TREATMENT_WEEKDAYS = frozenset(range(5))  # Monday to Friday
EVENT_MINUTES = 15

COLUMNS = (
    "date", "time", "start", "end", "day", "component", "kind",
    "dose_min", "dose_max", "dose_unit", "dose_per", "route", "frequency",
    "cycle", "cycle_day", "administration", "per_day",
    "fraction", "fractions_min", "fractions_max", "status", "uid",
)


class ScheduleError(ValueError):
    """A regimen or option that cannot be laid out as a calendar."""


@dataclass(frozen=True)
class Schedule:
    """One patient's schedule: the regimen, where it starts, and one row per event."""

    regimen: Regimen
    start: date
    tz: ZoneInfo
    frame: pd.DataFrame
    horizon_end: date | None
    notes: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.frame)


@dataclass(frozen=True, slots=True)
class _Event:
    day: date
    clock: time
    cycle: int | None
    cycle_day: int | None
    administration: int | None
    fraction: int | None
    tentative: bool


def schedule(
    regimen: Regimen,
    start: date,
    cycles: int | None = None,
    until: date | None = None,
    tz: str | ZoneInfo | None = None,
    times: Mapping[str, Sequence[time | str]] | None = None,
) -> Schedule:
    """Lay ``regimen`` out from ``start`` (day 1 of cycle 1).

    ``cycles`` or ``until`` (inclusive) bounds an open-ended regimen; ``tz`` is
    an IANA zone name (default: this computer's zone); ``times`` overrides the
    default clock times per frequency code or ``"radiotherapy"``, e.g.
    ``{"bid": ["09:00", "21:00"]}``.
    """
    if isinstance(start, datetime) or not isinstance(start, date):
        raise ScheduleError(f"start must be a date, not {start!r}")
    if cycles is not None and until is not None:
        raise ScheduleError("give cycles or until, not both")
    notes: list[str] = []
    zone = _zone(tz, notes)
    clock = _clock_times(times)
    horizon_end = _horizon(regimen, start, cycles, until, notes)

    rows: list[dict[str, object]] = []
    course = _course_key(regimen, start)
    for index, comp in enumerate(regimen.components):
        events = (_fractions(comp, start, clock) if comp.kind is Kind.RADIOTHERAPY
                  else _administrations(comp, start, horizon_end, cycles, clock))
        for ev in events:
            rows.append(_row(comp, index, ev, start, zone, course))
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for col in ("day", "cycle", "cycle_day", "administration", "per_day", "fraction",
                "fractions_min", "fractions_max"):
        frame[col] = frame[col].astype("Int64")
    frame = frame.sort_values(["start", "day"], kind="stable").reset_index(drop=True)
    return Schedule(regimen, start, zone, frame, horizon_end, tuple(notes))


def _zone(tz: str | ZoneInfo | None, notes: list[str]) -> ZoneInfo:
    if isinstance(tz, ZoneInfo):
        return tz
    if tz is None:
        name = local_zone_name()
        notes.append(f"no time zone given: using {name} (this computer's)")
        tz = name
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as err:
        raise ScheduleError(f"unknown time zone {tz!r} (use an IANA name such as "
                            "Asia/Shanghai or Europe/London)") from err


def local_zone_name() -> str:
    """This computer's IANA zone name, from $TZ or /etc/localtime; UTC if unknown."""
    name = os.environ.get("TZ", "").lstrip(":")
    if not name:
        try:
            target = str(Path("/etc/localtime").resolve())
        except OSError:
            target = ""
        name = target.partition("zoneinfo/")[2]
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


Clock = dict[str, tuple[time, ...]]


def _clock_times(overrides: Mapping[str, Sequence[time | str]] | None) -> Clock:
    table = dict(lexicon.DOSE_TIMES)
    for code, values in (overrides or {}).items():
        try:
            parsed = tuple(v if isinstance(v, time) else time.fromisoformat(v) for v in values)
        except ValueError as err:
            raise ScheduleError(f"bad clock time for {code}: {values!r} (use HH:MM)") from err
        table[code] = parsed
    return table


def _horizon(regimen: Regimen, start: date, cycles: int | None, until: date | None,
             notes: list[str]) -> date | None:
    """Last date of the calendar for open-ended parts (None: the text bounds them)."""
    if until is not None:
        if until < start:
            raise ScheduleError(f"until ({until}) is before the start ({start})")
        return until
    if cycles is not None:
        lengths = [c.cycle.length_days for c in regimen.components if c.cycle]
        if cycles < 1:
            raise ScheduleError("cycles must be 1 or more")
        if not lengths:
            raise ScheduleError("the regimen has no cycle to count: give until (a date) instead")
        return start + timedelta(days=cycles * max(lengths) - 1)
    if any(_open_ended(c) for c in regimen.components):
        end = start + timedelta(days=DEFAULT_HORIZON_DAYS - 1)
        notes.append(f"open-ended regimen: calendar covers {DEFAULT_HORIZON_DAYS} days, "
                     f"{start} to {end}; give cycles or until to change it")
        return end
    return None


def _open_ended(comp: Component) -> bool:
    if comp.kind is Kind.RADIOTHERAPY or comp.cycles is not None:
        return False
    if comp.cycle is not None:
        return True
    return comp.days is None and comp.frequency is not None


def _administrations(comp: Component, start: date, horizon_end: date | None,
                     cycles: int | None, clock: Clock) -> Iterator[_Event]:
    per_day = comp.per_day or 1
    code = comp.frequency.code if comp.frequency else "qd"
    times = clock.get(code) or _evenly_spaced(per_day)
    every = comp.frequency.every_days if comp.frequency else 1

    def doses(day: date, cycle: int | None, cycle_day: int | None) -> Iterator[_Event]:
        for k, t in enumerate(times, start=1):
            yield _Event(day, t, cycle, cycle_day, k, None, False)

    if comp.cycle is not None:
        length = comp.cycle.length_days
        days = comp.days.days if comp.days else (
            tuple(range(1, length + 1, every)) if comp.frequency and every < length else (1,))
        n = None if comp.cycles is None else int(comp.cycles.range.max)
        if cycles is not None:
            n = cycles if n is None else min(n, cycles)
        cycle = 1
        while n is None or cycle <= n:
            first = start + timedelta(days=(cycle - 1) * length)
            if horizon_end is not None and first > horizon_end:
                break
            for d in days:
                day = first + timedelta(days=d - 1)
                if horizon_end is None or day <= horizon_end:
                    yield from doses(day, cycle, d)
            cycle += 1
    elif comp.days is not None:
        for d in comp.days.days:
            yield from doses(start + timedelta(days=d - 1), None, None)
    elif comp.frequency is not None:
        assert horizon_end is not None  # open-ended parts always have a horizon
        for offset in range(0, (horizon_end - start).days + 1, every):
            yield from doses(start + timedelta(days=offset), None, None)
    else:
        yield from doses(start, None, None)


def _evenly_spaced(per_day: int) -> tuple[time, ...]:
    """Clock times for a frequency with no row of its own (q4h): from 08:00, evenly."""
    step = 24 * 60 // per_day
    return tuple(sorted(time((8 * 60 + k * step) // 60 % 24, (8 * 60 + k * step) % 60)
                        for k in range(per_day)))


def _fractions(comp: Component, start: date, clock: Clock) -> Iterator[_Event]:
    count = comp.fractions.range if comp.fractions else None
    if count is None:
        raise ScheduleError(f"{comp.name}: the text gives no number of fractions to schedule")
    at = clock["radiotherapy"][0]
    day, n = start, 0
    while n < count.max:
        if day.weekday() in TREATMENT_WEEKDAYS:
            n += 1
            yield _Event(day, at, None, None, None, n, n > count.min)
        day += timedelta(days=1)


def _course_key(regimen: Regimen, start: date) -> str:
    """Same text and start date, same UIDs: re-importing updates, not duplicates."""
    text = " ".join(regimen.text.split())
    return hashlib.sha256(f"{text}\n{start.isoformat()}".encode()).hexdigest()[:16]


def _row(comp: Component, index: int, ev: _Event, start: date, zone: ZoneInfo,
         course: str) -> dict[str, object]:
    begin = datetime.combine(ev.day, ev.clock, tzinfo=zone)
    dose = comp.fraction_dose if comp.kind is Kind.RADIOTHERAPY else comp.dose
    if comp.kind is Kind.RADIOTHERAPY and dose is None and comp.total_dose and comp.fractions:
        total, n = comp.total_dose.amount, comp.fractions.range
        if total.is_exact and n.is_exact:  # 60 Gy in 30 fractions is 2 Gy each
            dose = Dose(Range.exact(round(total.min / n.min, 4)), comp.total_dose.unit)
    slug = "".join(ch if ch.isalnum() else "-" for ch in comp.name.casefold()).strip("-")
    if ev.fraction is not None:
        which = f"f{ev.fraction}"
    elif ev.cycle is not None:
        which = f"c{ev.cycle}d{ev.cycle_day}a{ev.administration}"
    else:
        which = f"d{(ev.day - start).days + 1}a{ev.administration}"
    fractions = comp.fractions.range if comp.fractions else None
    return {
        "date": ev.day,
        "time": ev.clock,
        "start": pd.Timestamp(begin),
        "end": pd.Timestamp(begin + timedelta(minutes=EVENT_MINUTES)),
        "day": (ev.day - start).days + 1,
        "component": comp.name,
        "kind": str(comp.kind),
        "dose_min": dose.amount.min if dose else float("nan"),
        "dose_max": dose.amount.max if dose else float("nan"),
        "dose_unit": dose.unit if dose else None,
        "dose_per": str(dose.per) if dose else None,
        "route": comp.route.code if comp.route else None,
        "frequency": comp.frequency.code if comp.frequency else None,
        "cycle": ev.cycle,
        "cycle_day": ev.cycle_day,
        "administration": ev.administration,
        "per_day": comp.per_day,
        "fraction": ev.fraction,
        "fractions_min": int(fractions.min) if fractions else None,
        "fractions_max": int(fractions.max) if fractions else None,
        "status": "tentative" if ev.tentative else "planned",
        "uid": f"{course}-{index}-{slug}-{which}@regimen",
    }
