"""Expand a regimen into one patient's administrations: one row per dose or
radiotherapy fraction, in a pandas DataFrame.

Conventions (documented in the README):
- day 1 of cycle 1 is the start date; each later phase ("followed by") starts
  the day after the phase before it ends;
- a drug with cycle days is given on those days of every cycle; a drug with a
  cycle but no days on day 1 of each cycle (a daily frequency: every day of
  it); a drug with a daily frequency or a daily total and no cycle every day
  of the horizon; a drug with days but no cycle on those days once; a drug
  given concurrently with radiotherapy, and no days of its own, from the
  course's first fraction to its last at its own frequency;
- radiotherapy gives one fraction per treatment day (Monday to Friday; two on
  a day for twice-daily fractions) from the start date, and a course always
  runs to its last fraction; with a range of fractions the calendar holds the
  largest number and marks fractions above the smallest as tentative, and
  likewise for a range of cycles;
- an open-ended regimen runs through the horizon given by ``cycles`` or
  ``until``, or ``DEFAULT_HORIZON_DAYS`` with a note when neither is given.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
from dateutil.relativedelta import relativedelta

from . import lexicon
from .model import Component, Dose, Duration, Kind, Per, Regimen

DEFAULT_HORIZON_DAYS = 84  # twelve weeks: four 21-day or three 28-day cycles
TREATMENT_WEEKDAYS = frozenset(range(5))  # Monday to Friday
EVENT_MINUTES = 15

COLUMNS = (
    "date", "time", "start", "end", "day", "component", "kind",
    "dose_min", "dose_max", "dose_unit", "dose_per", "route", "frequency",
    "cycle", "cycle_day", "administration", "per_day",
    "fraction", "fractions_min", "fractions_max", "status", "note", "uid",
)

Clock = dict[str, tuple[time, ...]]


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
    note: str = ""
    dose: Dose | None = None  # when not the component's own (a loading dose)


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
    phase_start = _phase_starts(regimen, start, clock)

    rows: list[dict[str, object]] = []
    course = _course_key(regimen, start)
    for index, comp in enumerate(regimen.components):
        first = phase_start[comp.phase]
        if comp.kind is Kind.RADIOTHERAPY and comp.fractions is None:
            notes.append(f"{comp.name}: the text gives no number of fractions; its fractions "
                         "are not in the calendar")
            continue
        if comp.kind is Kind.RADIOTHERAPY:
            events: Iterator[_Event] = _fractions(comp, first, clock)
        elif comp.kind is Kind.PROCEDURE:
            notes.append(f"{comp.name}: a procedure with no date in the text; not in the calendar")
            continue
        elif comp.concurrent and comp.days is None and any(
                c.kind is Kind.RADIOTHERAPY for c in regimen.components):
            events = _concurrent(comp, regimen, phase_start, clock)
        elif comp.concurrent and comp.days is None:
            notes.append(f"{comp.name} is given with radiotherapy that the text does not "
                         "describe; laid out on its own schedule")
            events = _administrations(comp, first, _end(comp, first, horizon_end), cycles, clock)
        else:
            events = _administrations(comp, first, _end(comp, first, horizon_end), cycles, clock)
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
    with_course = any(c.kind is Kind.RADIOTHERAPY for c in regimen.components)
    if any(_open_ended(c, with_course) for c in regimen.components):
        end = start + timedelta(days=DEFAULT_HORIZON_DAYS - 1)
        notes.append(f"open-ended regimen: calendar covers {DEFAULT_HORIZON_DAYS} days, "
                     f"{start} to {end}; give cycles or until to change it")
        return end
    return None


def _daily(comp: Component) -> bool:
    """Given every day (or every few days) rather than on listed days: a daily
    frequency or a daily total."""
    freq = comp.frequency
    if freq is not None:
        return freq.every_days >= 1
    return comp.dose is not None and comp.dose.per is Per.DAY


def _open_ended(comp: Component, with_course: bool) -> bool:
    if comp.kind is not Kind.DRUG or comp.cycles is not None:
        return False
    if comp.concurrent and with_course:
        return False  # it ends with the radiotherapy course
    if comp.doses is not None:
        return False
    if comp.duration is not None:
        return False
    if comp.cycle is not None:
        return True
    return comp.days is None and _daily(comp)


def _end(comp: Component, first: date, horizon_end: date | None) -> date | None:
    """The last date a drug may be given: the horizon, or sooner where the text
    limits its duration ("for up to 2 years")."""
    if comp.duration is None:
        return horizon_end
    limit = first + _length(comp.duration) - timedelta(days=1)
    return limit if horizon_end is None else min(limit, horizon_end)


def _length(d: Duration) -> relativedelta:
    n = d.amount.max
    if d.unit in ("month", "year") and not n.is_integer():
        raise ScheduleError(f"a duration of {d} is not whole {d.unit}s")
    return {
        "minute": relativedelta(minutes=int(n)), "hour": relativedelta(hours=int(n)),
        "day": relativedelta(days=int(n)), "week": relativedelta(days=round(n * 7)),
        "month": relativedelta(months=int(n)), "year": relativedelta(years=int(n)),
    }[d.unit]


def _times(comp: Component, clock: Clock) -> tuple[time, ...]:
    per_day = comp.per_day or 1
    code = comp.frequency.code if comp.frequency else "qd"
    return clock.get(code) or _evenly_spaced(per_day)


def _evenly_spaced(per_day: int) -> tuple[time, ...]:
    """Clock times for a frequency with no row of its own (q4h): from 08:00, evenly."""
    step = 24 * 60 // per_day
    return tuple(sorted(time((8 * 60 + k * step) // 60 % 24, (8 * 60 + k * step) % 60)
                        for k in range(per_day)))


def _dosing_days(comp: Component, length: int) -> tuple[int, ...]:
    """Days (1 = first) among ``length`` on which a drug is given, from its days,
    frequency and daily total."""
    freq = comp.frequency
    if comp.days is not None:
        days = comp.days.days
        if freq is not None and freq.every_days > 1 and freq.per_week is None:
            days = tuple(d for d in days if (d - days[0]) % freq.every_days == 0)
        return days
    if freq is not None and freq.per_week is not None:
        pattern = lexicon.WEEK_DAYS.get(freq.per_week)
        if pattern is None:
            raise ScheduleError(f"{comp.name}: {freq.per_week} days a week has no set weekdays")
        return tuple(w + d for w in range(0, length, 7) for d in pattern if w + d <= length)
    if freq is not None and freq.every_days == 0:
        return (1,)
    if _daily(comp):
        every = freq.every_days if freq else 1
        return tuple(range(1, length + 1, every))
    return (1,)


def _administrations(comp: Component, first: date, end: date | None, cycles: int | None,
                     clock: Clock) -> Iterator[_Event]:
    times = _times(comp, clock)
    loading = comp.loading_dose
    limit = int(comp.doses.range.max) if comp.doses else None
    given = 0

    def doses(day: date, cycle: int | None, cycle_day: int | None,
              tentative: bool, note: str) -> Iterator[_Event]:
        nonlocal given
        for k, t in enumerate(times, start=1):
            if limit is not None and given >= limit:
                return
            given += 1
            if given == 1 and loading is not None:
                yield _Event(day, t, cycle, cycle_day, k, None, tentative,
                             "loading dose", loading)
            else:
                yield _Event(day, t, cycle, cycle_day, k, None, tentative, note)

    if comp.cycle is not None:
        length = comp.cycle.length_days
        days = _dosing_days(comp, length)
        count = comp.cycles.range if comp.cycles else None
        n = None if count is None else int(count.max)
        if cycles is not None:
            n = cycles if n is None else min(n, cycles)
        cycle = 1
        while n is None or cycle <= n:
            begin = first + timedelta(days=(cycle - 1) * length)
            if end is not None and begin > end:
                break
            tentative = count is not None and cycle > count.min
            note = f"cycle {cycle} of {count}" if tentative else ""
            for d in days:
                day = begin + timedelta(days=d - 1)
                if end is None or day <= end:
                    yield from doses(day, cycle, d, tentative, note)
            cycle += 1
        return
    if comp.days is not None or not _daily(comp) or (
            comp.frequency is not None and comp.frequency.every_days == 0):
        for d in _dosing_days(comp, max(comp.days.days) if comp.days else 1):
            day = first + timedelta(days=d - 1)
            if end is None or day <= end:
                yield from doses(day, None, None, False, "")
        return
    assert end is not None  # open-ended parts always have a horizon
    for d in _dosing_days(comp, (end - first).days + 1):
        yield from doses(first + timedelta(days=d - 1), None, None, False, "")


def _concurrent(comp: Component, regimen: Regimen, phase_start: dict[int, date],
                clock: Clock) -> Iterator[_Event]:
    """A drug given during the radiotherapy course, from its first fraction to its last."""
    courses = [c for c in regimen.components if c.kind is Kind.RADIOTHERAPY]
    if any(c.fractions is None for c in courses):
        raise ScheduleError(f"{comp.name} is given during radiotherapy, whose number of "
                            "fractions the text does not give")
    fractions = [ev.day for c in courses for ev in _fractions(c, phase_start[c.phase], clock)]
    if comp.frequency is None and not _daily(comp):
        raise ScheduleError(f"{comp.name}: how often it is given during radiotherapy is not "
                            "in the text")
    first, last = min(fractions), max(fractions)
    yield from _administrations(comp, first, last, None, clock)


def _fractions(comp: Component, start: date, clock: Clock) -> Iterator[_Event]:
    count = comp.fractions.range if comp.fractions else None
    if count is None:
        raise ScheduleError(f"{comp.name}: the text gives no number of fractions to schedule")
    if comp.per_week not in (None, 5):
        raise ScheduleError(f"{comp.name}: {comp.per_week} fractions a week has no set "
                            "weekdays; only Monday to Friday is laid out")
    twice = comp.frequency is not None and comp.frequency.per_day == 2
    times = clock["radiotherapy_bid"] if twice else clock["radiotherapy"][:1]
    day, n = start, 0
    while n < count.max:
        if day.weekday() in TREATMENT_WEEKDAYS:
            for at in times:
                if n < count.max:
                    n += 1
                    yield _Event(day, at, None, None, None, n, n > count.min)
        day += timedelta(days=1)


def _phase_starts(regimen: Regimen, start: date, clock: Clock) -> dict[int, date]:
    """The first day of each phase: the day after the phase before it ends."""
    starts = {0: start}
    phases = sorted({c.phase for c in regimen.components})
    for before, phase in pairwise(phases):
        ends = [_last_day(c, starts[before], clock)
                for c in regimen.components if c.phase == before]
        if not ends or any(e is None for e in ends):
            raise ScheduleError(f"phase {phase + 1} starts after phase {before + 1}, whose end "
                                "the text does not fix")
        starts[phase] = max(e for e in ends if e is not None) + timedelta(days=1)
    return starts


def _last_day(comp: Component, first: date, clock: Clock) -> date | None:
    if comp.kind is Kind.RADIOTHERAPY:
        return max(ev.day for ev in _fractions(comp, first, clock))
    if comp.kind is Kind.PROCEDURE:
        return first
    if comp.cycle is not None:
        length = comp.cycle.length_days
        if comp.doses is not None:  # "every 2 weeks for six doses": to the end of that cycle
            per_cycle = len(_dosing_days(comp, length)) * (comp.per_day or 1)
            cycles = -(-int(comp.doses.range.max) // per_cycle)
            return first + timedelta(days=cycles * length - 1)
        if comp.cycles is None:
            return None
        return first + timedelta(days=int(comp.cycles.range.max) * length - 1)
    if comp.duration is not None:
        return first + _length(comp.duration) - timedelta(days=1)
    if comp.days is not None:
        return first + timedelta(days=max(comp.days.days) - 1)
    return None if _daily(comp) else first


def _course_key(regimen: Regimen, start: date) -> str:
    """Same text and start date, same UIDs: re-importing updates, not duplicates."""
    text = " ".join(regimen.text.split())
    return hashlib.sha256(f"{text}\n{start.isoformat()}".encode()).hexdigest()[:16]


def _row(comp: Component, index: int, ev: _Event, start: date, zone: ZoneInfo,
         course: str) -> dict[str, object]:
    begin = datetime.combine(ev.day, ev.clock, tzinfo=zone)
    dose = ev.dose or (comp.fraction_dose if comp.kind is Kind.RADIOTHERAPY else comp.dose)
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
        "note": ev.note,
        "uid": f"{course}-{index}-{slug}-{which}@regimen",
    }

