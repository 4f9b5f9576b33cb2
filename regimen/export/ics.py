"""Schedule -> iCalendar (RFC 5545): one VEVENT per administration or fraction,
in the schedule's time zone, with a reminder.

The same schedule and ``dtstamp`` give the same bytes, and event UIDs come from
the regimen text and start date, so re-importing a calendar updates its events
instead of duplicating them.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Alarm, Calendar, Event

from .. import __version__
from ..scheduling import Schedule
from . import wording
from .files import write_atomic

PRODID = f"-//regimen//regimen {__version__}//EN"
STATUS = {"planned": "CONFIRMED", "tentative": "TENTATIVE"}


def to_ics(
    schedule: Schedule,
    *,
    name: str | None = None,
    alarm_minutes: int = 15,
    dtstamp: datetime | None = None,
) -> bytes:
    """The schedule as an iCalendar file.

    ``name`` is the calendar's display name (default: 'Treatment calendar: '
    and the component names); ``alarm_minutes`` before each event a reminder
    shows (0: none); ``dtstamp`` (default: now; naive means UTC) is written as
    every event's DTSTAMP.
    """
    if alarm_minutes < 0:
        raise ValueError(f"alarm_minutes must be 0 or more, not {alarm_minutes}")
    stamp = _utc(dtstamp or datetime.now(UTC))
    cal = Calendar()
    cal.add("version", "2.0")
    cal.add("prodid", PRODID)
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name or wording.calendar_name(schedule.regimen))
    cal.add("x-wr-timezone", schedule.tz.key)
    if schedule.notes:  # what the calendar leaves out or chose, where a calendar program shows it
        cal.add("x-wr-caldesc", "\n".join(schedule.notes))
    first, last = schedule.start, schedule.start
    for row in wording.rows(schedule):
        cal.add_component(_event(row, schedule.regimen.text, stamp, alarm_minutes))
        first, last = min(first, row["date"]), max(last, row["date"])
    # One VTIMEZONE with the zone's rules over the calendar's dates, put before
    # the events; UTC times are written with a Z and need none (RFC 5545 3.3.5).
    cal.add_missing_timezones(first_date=first - timedelta(days=1),
                              last_date=last + timedelta(days=2))
    ical: bytes = cal.to_ical()
    return ical


def write_ics(
    schedule: Schedule,
    path: str | os.PathLike[str],
    *,
    name: str | None = None,
    alarm_minutes: int = 15,
    dtstamp: datetime | None = None,
) -> None:
    """Write ``to_ics(schedule, ...)`` to ``path`` (``-``: standard output), atomically."""
    write_atomic(path, to_ics(schedule, name=name, alarm_minutes=alarm_minutes,
                              dtstamp=dtstamp))


def _event(row: dict[str, Any], regimen_text: str, stamp: datetime,
           alarm_minutes: int) -> Event:
    summary = wording.summary(row)
    event = Event()
    event.add("uid", row["uid"])
    event.add("dtstamp", stamp)
    event.add("dtstart", row["start"].to_pydatetime())
    event.add("dtend", row["end"].to_pydatetime())
    event.add("sequence", 0)
    event.add("summary", summary)
    event.add("description", _description(row, regimen_text))
    event.add("status", STATUS[row["status"]])
    if alarm_minutes:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(minutes=-alarm_minutes))
        alarm.add("description", summary)
        event.add_component(alarm)
    return event


def _description(row: dict[str, Any], regimen_text: str) -> str:
    lines = [wording.course_day(row)]
    dose = wording.dose(row)
    if row.get("fraction") is not None and dose is not None:
        lines.append(f"Dose: {dose}")
    note = wording.tentative_note(row)
    if note:
        lines.append(note)
    lines += ["", f"Regimen: {' '.join(regimen_text.split())}"]
    return "\n".join(lines)


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0)
