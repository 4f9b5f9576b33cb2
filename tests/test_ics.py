"""iCalendar export: read back with icalendar, the file holds exactly the schedule."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

import regimen
from regimen.export.ics import to_ics, write_ics
from regimen.scheduling import Schedule, schedule

ARM = ("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy "
       "50-60Gy/25-30times until disease progression or intolerable toxicity or "
       "patients withdrawal of consent")
STAMP = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def arm(tz: str = "Asia/Shanghai", start: date = date(2026, 12, 7)) -> Schedule:
    return schedule(regimen.parse(ARM), start, cycles=2, tz=tz)


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_reads_back_to_exactly_the_schedule() -> None:
    s = arm()
    evs = events(to_ics(s, dtstamp=STAMP))
    assert [str(e["UID"]) for e in evs] == list(s.frame["uid"])
    assert [e.decoded("DTSTART") for e in evs] == [t.to_pydatetime() for t in s.frame["start"]]
    assert [e.decoded("DTEND") - e.decoded("DTSTART") for e in evs] == [timedelta(minutes=15)] * 128
    assert {e["DTSTART"].params["TZID"] for e in evs} == {"Asia/Shanghai"}
    assert [str(e["STATUS"]) for e in evs] == [
        "TENTATIVE" if status == "tentative" else "CONFIRMED" for status in s.frame["status"]]
    assert {e.decoded("DTSTAMP") for e in evs} == {STAMP}
    assert {e.decoded("SEQUENCE") for e in evs} == {0}


@pytest.mark.parametrize(("when", "summary", "status"), [
    ("2026-12-07 08:00", "Apatinib 500 mg by mouth", "CONFIRMED"),
    ("2026-12-07 08:00", "S-1 40-60 mg by mouth (dose 1 of 2 today)", "CONFIRMED"),
    ("2026-12-07 20:00", "S-1 40-60 mg by mouth (dose 2 of 2 today)", "CONFIRMED"),
    ("2026-12-15 09:00", "Radiotherapy fraction 7 of 25-30", "CONFIRMED"),
    ("2027-01-08 09:00", "Radiotherapy fraction 25 of 25-30", "CONFIRMED"),
    ("2027-01-11 09:00", "Radiotherapy fraction 26 of 25-30 (tentative)", "TENTATIVE"),
    ("2027-01-15 09:00", "Radiotherapy fraction 30 of 25-30 (tentative)", "TENTATIVE"),
])
def test_summaries_a_patient_reads(when: str, summary: str, status: str) -> None:
    start = datetime.fromisoformat(when).strftime("%Y%m%dT%H%M%S")
    found = [e for e in events(to_ics(arm(), dtstamp=STAMP))
             if e["DTSTART"].to_ical().decode() == start and str(e["SUMMARY"]) == summary]
    assert len(found) == 1
    assert str(found[0]["STATUS"]) == status


@pytest.mark.parametrize(("summary", "lines"), [
    ("S-1 40-60 mg by mouth (dose 1 of 2 today)", ["Cycle 1, day 1"]),
    ("Radiotherapy fraction 26 of 25-30 (tentative)",
     ["Treatment day 36", "Tentative: the plan gives 25-30 fractions; fractions above 25 "
      "are given only if the plan calls for more."]),
])
def test_description_says_where_in_the_course_and_quotes_the_regimen(
        summary: str, lines: list[str]) -> None:
    event = next(e for e in events(to_ics(arm(), dtstamp=STAMP)) if str(e["SUMMARY"]) == summary)
    description = str(event["DESCRIPTION"]).split("\n")
    assert description[: len(lines)] == lines
    assert description[-1] == f"Regimen: {ARM}"


def test_calendar_properties() -> None:
    cal = Calendar.from_ical(to_ics(arm(), dtstamp=STAMP))
    assert {k: str(cal[k]) for k in ("VERSION", "PRODID", "CALSCALE", "METHOD",
                                     "X-WR-CALNAME", "X-WR-TIMEZONE")} == {
        "VERSION": "2.0",
        "PRODID": f"-//regimen//regimen {regimen.__version__}//EN",
        "CALSCALE": "GREGORIAN",
        "METHOD": "PUBLISH",
        "X-WR-CALNAME": "Treatment calendar: apatinib, S-1, radiotherapy",
        "X-WR-TIMEZONE": "Asia/Shanghai",
    }
    assert str(Calendar.from_ical(to_ics(arm(), name="Ms Li"))["X-WR-CALNAME"]) == "Ms Li"


@pytest.mark.parametrize("tz", ["Asia/Shanghai", "Europe/London", "America/New_York"])
def test_one_vtimezone_whose_tzid_matches_every_dtstart(tz: str) -> None:
    # A spring start takes Europe/London and New York across a daylight-saving change.
    data = to_ics(arm(tz, start=date(2027, 2, 22)), dtstamp=STAMP)
    cal = Calendar.from_ical(data)
    zones = cal.walk("VTIMEZONE")
    assert [str(z["TZID"]) for z in zones] == [tz]
    assert {e["DTSTART"].params["TZID"] for e in cal.walk("VEVENT")} == {tz}
    assert {e.decoded("DTSTART").strftime("%H:%M") for e in cal.walk("VEVENT")} == {
        "08:00", "09:00", "20:00"}
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")


def test_vtimezone_carries_the_daylight_saving_change() -> None:
    zone = Calendar.from_ical(to_ics(arm("Europe/London", start=date(2027, 2, 22)))
                              ).walk("VTIMEZONE")[0]
    assert [sub.name for sub in zone.subcomponents] == ["STANDARD", "DAYLIGHT"]
    daylight = zone.subcomponents[1]
    assert daylight.decoded("DTSTART").date() == date(2027, 3, 28)
    assert (daylight.decoded("TZOFFSETFROM"), daylight.decoded("TZOFFSETTO")) == (
        timedelta(0), timedelta(hours=1))


def test_utc_times_are_written_with_z_and_need_no_vtimezone() -> None:
    data = to_ics(arm("UTC"), dtstamp=STAMP)
    assert b"BEGIN:VTIMEZONE" not in data
    assert b"DTSTART:20261207T080000Z\r\n" in data
    assert b"X-WR-TIMEZONE:UTC\r\n" in data


@pytest.mark.parametrize(("minutes", "trigger"), [(15, "-PT15M"), (90, "-PT1H30M"), (0, None)])
def test_alarm(minutes: int, trigger: str | None) -> None:
    evs = events(to_ics(arm(), alarm_minutes=minutes, dtstamp=STAMP))
    alarms = [a for e in evs for a in e.walk("VALARM")]
    if trigger is None:
        assert alarms == []
        return
    assert len(alarms) == len(evs)
    for event in evs:
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm["TRIGGER"].to_ical().decode() == trigger
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_negative_alarm_is_refused() -> None:
    with pytest.raises(ValueError, match="alarm_minutes"):
        to_ics(arm(), alarm_minutes=-5)


def test_same_inputs_same_bytes_and_uids_are_stable_across_runs() -> None:
    first, second = to_ics(arm(), dtstamp=STAMP), to_ics(arm(), dtstamp=STAMP)
    assert first == second
    later = to_ics(arm(), dtstamp=STAMP + timedelta(days=3))
    assert later != first
    assert [str(e["UID"]) for e in events(later)] == [str(e["UID"]) for e in events(first)]
    assert later.replace(b"DTSTAMP:20261203T", b"DTSTAMP:20261130T") == first


def test_uids_are_unique_and_change_with_the_start_date() -> None:
    uids = [str(e["UID"]) for e in events(to_ics(arm()))]
    moved = {str(e["UID"]) for e in events(to_ics(arm(start=date(2026, 12, 14))))}
    assert len(set(uids)) == len(uids) == 128
    assert moved.isdisjoint(uids)


@pytest.mark.parametrize(("given", "written"), [
    (datetime(2026, 11, 30, 20, 0, 5, 999, tzinfo=UTC), b"DTSTAMP:20261130T200005Z"),
    (datetime(2026, 11, 30, 20, 0), b"DTSTAMP:20261130T200000Z"),  # naive is UTC
    (datetime.fromisoformat("2026-12-01T04:00:00+08:00"), b"DTSTAMP:20261130T200000Z"),
])
def test_dtstamp_is_written_in_utc(given: datetime, written: bytes) -> None:
    assert to_ics(arm(), dtstamp=given).count(written + b"\r\n") == 128


def test_default_dtstamp_is_now() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    stamps = {e.decoded("DTSTAMP") for e in events(to_ics(arm()))}
    assert len(stamps) == 1
    assert before <= stamps.pop() <= datetime.now(UTC)


def test_write_ics_writes_the_same_bytes(tmp_path: Path) -> None:
    target = tmp_path / "arm.ics"
    write_ics(arm(), target, name="Arm A", alarm_minutes=0, dtstamp=STAMP)
    assert target.read_bytes() == to_ics(arm(), name="Arm A", alarm_minutes=0, dtstamp=STAMP)


def test_schedule_notes_travel_with_the_calendar() -> None:
    plan = regimen.schedule(regimen.parse("S-1 40 mg bid po d1-3 radiotherapy 60 Gy"),
                            start=date(2026, 12, 7), tz="UTC")
    cal = Calendar.from_ical(regimen.to_ics(plan))
    assert "no number of fractions" in str(cal["X-WR-CALDESC"])
