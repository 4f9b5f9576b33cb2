"""CSV export: the frame's rows in plain text, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import math
from datetime import date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd
import pytest

import regimen
from regimen.export.csv import cell, to_csv, write_csv
from regimen.model import Component, Dose, Frequency, Kind, Range, Regimen, Route, Span
from regimen.scheduling import COLUMNS, Schedule, schedule

ARM = ("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy "
       "50-60Gy/25-30times until disease progression or intolerable toxicity or "
       "patients withdrawal of consent")
INTEGERS = ("day", "cycle", "cycle_day", "administration", "per_day", "fraction",
            "fractions_min", "fractions_max")


def arm() -> Schedule:
    return schedule(regimen.parse(ARM), date(2026, 12, 7), cycles=2, tz="Asia/Shanghai")


def read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_header_is_the_frame_columns_in_order() -> None:
    assert to_csv(arm()).splitlines()[0].split(",") == list(COLUMNS)


def test_rows_equal_the_frame_rows() -> None:
    s = arm()
    back = read(to_csv(s))
    assert len(back) == len(s.frame) == 128
    for got, (_, want) in zip(back, s.frame.iterrows(), strict=True):
        assert date.fromisoformat(got["date"]) == want["date"]
        assert time.fromisoformat(got["time"]) == want["time"]
        assert datetime.fromisoformat(got["start"]) == want["start"]
        assert datetime.fromisoformat(got["end"]) == want["end"]
        for column in INTEGERS:
            assert (got[column] == "") if pd.isna(want[column]) else (
                int(got[column]) == want[column]), column
        for column in ("dose_min", "dose_max"):
            assert (got[column] == "") if math.isnan(want[column]) else (
                float(got[column]) == want[column]), column
        for column in ("component", "kind", "dose_unit", "dose_per", "route", "frequency",
                       "status", "uid"):
            assert got[column] == ("" if pd.isna(want[column]) else want[column]), column


@pytest.mark.parametrize(("uid_end", "expected"), [
    ("0-apatinib-d1a1@regimen", {
        "date": "2026-12-07", "time": "08:00", "start": "2026-12-07T08:00:00+08:00",
        "end": "2026-12-07T08:15:00+08:00", "dose_min": "500", "dose_max": "500",
        "route": "oral", "cycle": "", "fraction": "", "status": "planned"}),
    ("1-s-1-c2d14a2@regimen", {
        "date": "2027-01-10", "time": "20:00", "dose_min": "40", "dose_max": "60",
        "cycle": "2", "cycle_day": "14", "administration": "2", "per_day": "2"}),
    ("2-radiotherapy-f26@regimen", {
        "date": "2027-01-11", "time": "09:00", "dose_min": "", "dose_unit": "", "fraction": "26",
        "fractions_min": "25", "fractions_max": "30", "status": "tentative"}),
])
def test_cells_by_hand(uid_end: str, expected: dict[str, str]) -> None:
    (row,) = [r for r in read(to_csv(arm())) if r["uid"].endswith(uid_end)]
    assert {k: row[k] for k in expected} == expected


@pytest.mark.parametrize(("value", "text"), [
    (None, ""),
    (float("nan"), ""),
    (pd.NA, ""),
    (500.0, "500"),
    (1.8, "1.8"),
    (-2.0, "-2"),  # a number, not text: nothing to defuse
    (np.int64(14), "14"),
    (np.float64(2.5), "2.5"),
    (time(8, 0), "08:00"),
    (time(8, 0, 30), "08:00:30"),
    (date(2026, 12, 7), "2026-12-07"),
    (pd.Timestamp(datetime(2026, 12, 7, 8, tzinfo=ZoneInfo("Asia/Shanghai"))),
     "2026-12-07T08:00:00+08:00"),
    ("S-1", "S-1"),
    ("=HYPERLINK(\"http://x\",\"go\")", "'=HYPERLINK(\"http://x\",\"go\")"),
    ("+1+1", "'+1+1"),
    ("-x", "'-x"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
])
def test_cell(value: object, text: str) -> None:
    assert cell(value) == text


def named(*names: str) -> Regimen:
    text = " ".join(f"{n} 5mg qd po" for n in names)
    return Regimen(text, tuple(
        Component(n, Kind.DRUG, Span(0, 1), dose=Dose(Range.exact(5), "mg"),
                  route=Route("oral"), frequency=Frequency("qd", 1))
        for n in names))


def test_formula_injection_is_guarded() -> None:
    s = schedule(named('=HYPERLINK("http://evil.example","x")', "-x", "+y", "@z"),
                 date(2026, 12, 7), until=date(2026, 12, 7), tz="UTC")
    assert sorted(r["component"] for r in read(to_csv(s))) == [
        "'+y", "'-x", "'=HYPERLINK(\"http://evil.example\",\"x\")", "'@z"]


def test_write_csv_is_utf8(tmp_path: Path) -> None:
    s = schedule(named("替吉奥"), date(2026, 12, 7), until=date(2026, 12, 8), tz="UTC")
    target = tmp_path / "s.csv"
    write_csv(s, target)
    assert target.read_bytes() == to_csv(s).encode("utf-8")
    assert [r["component"] for r in read(target.read_text(encoding="utf-8"))] == ["替吉奥"] * 2


def test_write_csv_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    write_csv(arm(), "-")
    assert capsys.readouterr().out == to_csv(arm())
