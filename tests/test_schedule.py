"""Schedule arithmetic, with the expected dates worked out by hand."""

from __future__ import annotations

from datetime import date, time, timedelta

import pandas as pd
import pytest

from regimen import DEFAULT_HORIZON_DAYS, ScheduleError, parse, schedule

SEED_A = ("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy "
          "50-60Gy/25-30times until disease progression or intolerable toxicity or "
          "patients withdrawal of consent")
MON = date(2026, 12, 7)  # a Monday


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(d) for d in range((last - first).days + 1)]


def weekdays(first: date, last: date) -> list[date]:
    return [d for d in days(first, last) if d.weekday() < 5]


def dates_of(frame: pd.DataFrame, component: str) -> list[date]:
    return sorted(set(frame.loc[frame.component == component, "date"]))


@pytest.fixture(scope="module")
def seed() -> pd.DataFrame:
    return schedule(parse(SEED_A), start=MON, cycles=2, tz="Asia/Shanghai").frame


def test_seed_arm_a_two_cycles(seed: pd.DataFrame) -> None:
    assert seed.groupby("component").size().to_dict() == {
        "apatinib": 42, "S-1": 56, "radiotherapy": 30}
    assert dates_of(seed, "apatinib") == days(date(2026, 12, 7), date(2027, 1, 17))
    assert dates_of(seed, "S-1") == (days(date(2026, 12, 7), date(2026, 12, 20))
                                     + days(date(2026, 12, 28), date(2027, 1, 10)))
    assert dates_of(seed, "radiotherapy") == weekdays(date(2026, 12, 7), date(2027, 1, 15))


def test_bid_gives_two_doses_a_day_at_default_times(seed: pd.DataFrame) -> None:
    s1 = seed[seed.component == "S-1"]
    assert set(s1.time) == {time(8), time(20)}
    assert (s1.groupby("date").size() == 2).all()
    first = s1.iloc[0]
    assert str(first.start) == "2026-12-07 08:00:00+08:00"
    assert (first.administration, first.per_day) == (1, 2)


def test_cycle_and_cycle_day(seed: pd.DataFrame) -> None:
    s1 = seed[seed.component == "S-1"]
    assert s1.cycle.tolist() == [1] * 28 + [2] * 28
    assert (s1.cycle_day == s1.day - (s1.cycle - 1) * 21).all()
    second = s1[s1.cycle == 2].iloc[0]
    assert (second.date, second.cycle_day, second.day) == (date(2026, 12, 28), 1, 22)


def test_fractions_above_the_smallest_number_are_tentative(seed: pd.DataFrame) -> None:
    rt = seed[seed.kind == "radiotherapy"]
    assert rt.fraction.tolist() == list(range(1, 31))
    assert rt.loc[rt.status == "tentative", "fraction"].tolist() == [26, 27, 28, 29, 30]
    assert (rt.loc[rt.fraction <= 25, "status"] == "planned").all()
    assert set(rt.fractions_min) == {25}
    assert set(rt.fractions_max) == {30}


def test_uids_are_unique_and_stable(seed: pd.DataFrame) -> None:
    again = schedule(parse(SEED_A), start=MON, cycles=2, tz="Asia/Shanghai").frame
    assert seed.uid.is_unique
    assert seed.uid.tolist() == again.uid.tolist()
    other_start = schedule(parse(SEED_A), start=MON + timedelta(7), cycles=2,
                           tz="Asia/Shanghai").frame
    assert not set(seed.uid) & set(other_start.uid)


CASES = [
    # text, options, component, expected dates
    ("docetaxel 75 mg/m2 iv d1 q3w 4 cycles", {},
     [date(2026, 12, 7), date(2026, 12, 28), date(2027, 1, 18), date(2027, 2, 8)]),
    ("docetaxel 75 mg/m2 iv d1 q3w 4 cycles", {"cycles": 2},
     [date(2026, 12, 7), date(2026, 12, 28)]),
    ("docetaxel 75 mg/m2 iv d1 q3w", {"cycles": 3},
     [date(2026, 12, 7), date(2026, 12, 28), date(2027, 1, 18)]),
    ("gemcitabine 1000 mg/m2 iv d1,8 q3w", {"cycles": 2},
     [date(2026, 12, 7), date(2026, 12, 14), date(2026, 12, 28), date(2027, 1, 4)]),
    ("S-1 40 mg bid po d1-14 q3w", {"until": date(2026, 12, 31)},
     days(date(2026, 12, 7), date(2026, 12, 20)) + days(date(2026, 12, 28), date(2026, 12, 31))),
    ("S-1 40 mg bid po d1-3", {}, days(date(2026, 12, 7), date(2026, 12, 9))),
    ("pembrolizumab 200 mg iv q3w", {"cycles": 2}, [date(2026, 12, 7), date(2026, 12, 28)]),
    ("cisplatin 75 mg/m2 iv", {}, [date(2026, 12, 7)]),
    ("anlotinib 12 mg po qod", {"until": date(2026, 12, 13)},
     [date(2026, 12, 7), date(2026, 12, 9), date(2026, 12, 11), date(2026, 12, 13)]),
    ("paclitaxel 80 mg/m2 iv qw", {"until": date(2026, 12, 31)},
     [date(2026, 12, 7), date(2026, 12, 14), date(2026, 12, 21), date(2026, 12, 28)]),
    ("radiotherapy 10Gy/5f", {"until": date(2026, 12, 8)}, weekdays(MON, date(2026, 12, 11))),
]


@pytest.mark.parametrize(("text", "options", "expected"), CASES)
def test_dates(text: str, options: dict[str, object], expected: list[date]) -> None:
    frame = schedule(parse(text), start=MON, tz="UTC", **options).frame  # type: ignore[arg-type]
    assert sorted(set(frame.date)) == expected


def test_radiotherapy_starting_on_a_weekend_begins_on_monday() -> None:
    frame = schedule(parse("RT 60 Gy in 30 fractions"), start=date(2026, 12, 5), tz="UTC").frame
    assert frame.date.iloc[0] == date(2026, 12, 7)
    assert frame.date.iloc[-1] == date(2027, 1, 15)
    assert all(d.weekday() < 5 for d in frame.date)
    assert (frame.status == "planned").all()
    assert frame.dose_min.iloc[0] == 2  # 60 Gy in 30 fractions is 2 Gy a fraction


def test_open_ended_regimen_gets_the_default_horizon_and_says_so() -> None:
    s = schedule(parse("apatinib 500 mg po qd until disease progression"), start=MON, tz="UTC")
    assert len(s.frame) == DEFAULT_HORIZON_DAYS
    assert s.horizon_end == MON + timedelta(DEFAULT_HORIZON_DAYS - 1)
    assert any("open-ended" in note for note in s.notes)


def test_finite_regimen_needs_no_horizon() -> None:
    s = schedule(parse("docetaxel 75 mg/m2 iv d1 q3w 4 cycles"), start=MON, tz="UTC")
    assert s.horizon_end is None
    assert s.notes == ()


def test_clock_times_can_be_overridden() -> None:
    s = schedule(parse("S-1 40 mg bid po d1"), start=MON, tz="UTC",
                 times={"bid": ["09:30", "21:30"]})
    assert s.frame.time.tolist() == [time(9, 30), time(21, 30)]


def test_local_times_hold_across_daylight_saving() -> None:
    # New York springs forward on 2027-03-14: 08:00 stays 08:00 local.
    s = schedule(parse("S-1 40 mg qd po d1-3"), start=date(2027, 3, 13), tz="America/New_York")
    assert [ts.hour for ts in s.frame.start] == [8, 8, 8]
    assert [ts.utcoffset() for ts in s.frame.start] == [
        timedelta(hours=-5), timedelta(hours=-4), timedelta(hours=-4)]


BAD = [
    ({"cycles": 2, "until": date(2027, 1, 1)}, "not both"),
    ({"cycles": 0}, "1 or more"),
    ({"until": date(2026, 1, 1)}, "before the start"),
    ({"tz": "Mars/Olympus"}, "unknown time zone 'Mars/Olympus'"),
    ({"times": {"bid": ["8 o'clock"]}}, "bad clock time"),
]


@pytest.mark.parametrize(("options", "message"), BAD)
def test_bad_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(ScheduleError, match=message):
        schedule(parse("S-1 40 mg bid po d1-14 q3w"), start=MON, **options)  # type: ignore[arg-type]


def test_cycles_need_a_cycle() -> None:
    with pytest.raises(ScheduleError, match="no cycle to count"):
        schedule(parse("apatinib 500 mg po qd"), start=MON, cycles=2, tz="UTC")


def test_radiotherapy_with_no_number_of_fractions_is_left_out_and_said() -> None:
    s = schedule(parse("S-1 40 mg bid po d1-3 radiotherapy 60 Gy"), start=MON, tz="UTC")
    assert set(s.frame.component) == {"S-1"}
    assert any("radiotherapy" in note and "no number of fractions" in note for note in s.notes)


def test_a_drug_during_radiotherapy_needs_the_course() -> None:
    with pytest.raises(ScheduleError, match="number of fractions"):
        schedule(parse("cisplatin 40 mg/m2 weekly concurrently with radiotherapy"), start=MON,
                 tz="UTC")


def test_start_must_be_a_date() -> None:
    with pytest.raises(ScheduleError, match="start must be a date"):
        schedule(parse("S-1 40 mg bid po d1"), start="2026-12-07", tz="UTC")  # type: ignore[arg-type]


def test_every_four_hours_spreads_six_doses_over_the_day() -> None:
    s = schedule(parse("morphine 10 mg po q4h"), start=MON, until=MON, tz="UTC")
    assert s.frame.time.tolist() == [time(h) for h in (0, 4, 8, 12, 16, 20)]


def test_a_drug_with_radiotherapy_the_text_does_not_describe_keeps_its_schedule() -> None:
    s = schedule(parse("concurrent nedaplatin 30 mg/m2 weekly for a total of 6 cycles"),
                 start=MON, tz="UTC")
    assert sorted(set(s.frame.date)) == [MON + timedelta(7 * k) for k in range(6)]
    assert any("radiotherapy that the text does not describe" in note for note in s.notes)
