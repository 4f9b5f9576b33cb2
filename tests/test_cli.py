"""The regimen command: exit codes, messages, and the files it writes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

import regimen
from regimen import cli

ARM = ("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy "
       "50-60Gy/25-30times until disease progression or intolerable toxicity or "
       "patients withdrawal of consent")
WHEN = ["--start", "2026-12-07", "--cycles", "2", "--tz", "Asia/Shanghai"]

Capsys = pytest.CaptureFixture[str]


def run(capsys: Capsys, *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_parse_summary(capsys: Capsys) -> None:
    code, out, err = run(capsys, "parse", ARM)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "apatinib      drug          500 mg by mouth, qd: 1 dose a day",
        "S-1           drug          40-60 mg by mouth, bid: 2 doses a day, "
        "days 1-14 of each 21-day cycle",
        "radiotherapy  radiotherapy  50-60 Gy in all, 25-30 fractions",
        "stop: progression, toxicity, withdrawal",
    ]


def test_parse_json_is_the_model(capsys: Capsys) -> None:
    code, out, _ = run(capsys, "parse", "--json", "S-1 40-60mg/time bid po d1-14 q3w")
    assert code == 0
    assert json.loads(out) == regimen.parse("S-1 40-60mg/time bid po d1-14 q3w").to_dict()
    assert out.startswith('{\n  "schema": "regimen/1",')


def test_parse_json_is_lenient_and_warns(capsys: Capsys) -> None:
    code, out, err = run(capsys, "parse", "--json", "apatinib 500mg qd po banana")
    assert code == 0
    document = json.loads(out)
    assert [c["name"] for c in document["components"]] == ["apatinib"]
    assert [w["text"] for w in document["warnings"]] == ["banana"]
    assert "banana" in err and " " * 21 + "^" * 6 in err


def test_calendar_is_strict(capsys: Capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "calendar", "apatinib 500mg qd po banana", "--start",
                       "2026-12-07", "--cycles", "1", "-o", str(tmp_path / "a.ics"))
    assert code == 1
    assert "cannot read 'banana'" in err
    assert not (tmp_path / "a.ics").exists()


def test_parse_error_points_at_the_word(capsys: Capsys) -> None:
    code, out, err = run(capsys, "parse", "apatinib 500mg qd po banana")
    assert (code, out) == (1, "")
    message, line, carets = err.rstrip("\n").split("\n")
    assert "banana" in message and "21" in message
    assert line == "apatinib 500mg qd po banana"
    assert carets == " " * 21 + "^" * 6


@pytest.mark.parametrize(("argv", "says"), [
    (["calendar", ARM, "--start", "2026-13-01", "-o", "x.ics"], "not a date: '2026-13-01'"),
    (["schedule", ARM, "--start", "07/12/2026"], "not a date"),
    (["schedule", ARM, "--start", "2026-12-07", "--tz", "Mars/Olympus"],
     "unknown time zone 'Mars/Olympus'"),
    (["schedule", ARM, "--file", "arm.txt", "--start", "2026-12-07"], "TEXT or with --file"),
    (["schedule", "--start", "2026-12-07"], "TEXT or with --file"),
    (["parse", "--file", "missing.txt"], "cannot read missing.txt"),
    (["csv", ARM, *WHEN, "--until", "2027-01-01", "-o", "x.csv"], "not allowed with"),
    (["calendar", ARM, "--start", "2026-12-07", "--cycles", "0", "-o", "x.ics"], "1 or more"),
    (["calendar", ARM, *WHEN, "--alarm", "soon", "-o", "x.ics"], "minutes"),
    (["calendar", ARM, *WHEN], "-o/--output"),
    (["schedule", ARM], "--start"),
    (["frobnicate", ARM], "invalid choice"),
    (["parse", ARM, "--bogus"], "unrecognized arguments: --bogus"),
    ([], "required"),
])
def test_usage_errors_exit_2_with_one_line(capsys: Capsys, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch,
                                           argv: list[str], says: str) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "arm.txt").write_text(ARM)
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("regimen") and err.count("\n") == 1
    assert says in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["arm.txt"]


@pytest.mark.parametrize(("argv", "says"), [
    (["calendar", "apatinib 500mg qd po", "--start", "2026-12-07", "--cycles", "2",
      "-o", "x.ics"],
     "regimen: error: the regimen has no cycle to count: give until (a date) instead"),
    (["csv", ARM, "--start", "2026-12-07", "--until", "2026-12-01", "-o", "x.csv"],
     "regimen: error: until (2026-12-01) is before the start (2026-12-07)"),
    (["calendar", ARM, *WHEN, "-o", "no/such/dir/x.ics"],
     "regimen: error: cannot write no/such/dir/x.ics: directory no/such/dir does not exist"),
])
def test_schedule_and_write_errors_exit_1(capsys: Capsys, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          argv: list[str], says: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *argv)
    assert (code, out, err) == (1, "", says + "\n")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["calendar", "csv"])
def test_failed_run_leaves_the_old_file(capsys: Capsys, tmp_path: Path, command: str) -> None:
    target = tmp_path / "out"
    target.write_text("yesterday's calendar")
    code, _, err = run(capsys, command, "apatinib 500mg qd po banana", *WHEN, "-o", str(target))
    assert code == 1 and "banana" in err
    assert target.read_text() == "yesterday's calendar"
    assert [p.name for p in tmp_path.iterdir()] == ["out"]


def test_version(capsys: Capsys) -> None:
    assert run(capsys, "--version") == (0, f"regimen {regimen.__version__}\n", "")


def test_schedule_table(capsys: Capsys) -> None:
    code, out, err = run(capsys, "schedule", ARM, *WHEN)
    lines = out.splitlines()
    assert (code, err) == (0, "")
    assert lines[0].split() == ["date", "time", "component", "dose", "route", "cycle/day",
                                "fraction", "status"]
    assert len(lines) == 1 + 128
    assert lines[2].split() == ["2026-12-07", "08:00", "S-1", "40-60", "mg", "by", "mouth",
                                "C1", "D1", "planned"]
    fraction_26 = next(line for line in lines if "26 of 25-30" in line)
    assert fraction_26.split() == ["2027-01-11", "09:00", "radiotherapy", "D36", "26", "of",
                                   "25-30", "tentative"]


def test_notes_go_to_stderr(capsys: Capsys) -> None:
    code, out, err = run(capsys, "schedule", ARM, "--start", "2026-12-07", "--tz", "UTC")
    assert code == 0
    assert err == ("regimen: note: open-ended regimen: calendar covers 84 days, "
                   "2026-12-07 to 2027-02-28; give cycles or until to change it\n")
    assert "2027-02-28" in out.splitlines()[-1]


def test_calendar_to_stdout(capsys: Capsys) -> None:
    code, out, err = run(capsys, "calendar", ARM, *WHEN, "--alarm", "0", "--name", "Arm A",
                         "-o", "-")
    cal = Calendar.from_ical(out)
    assert (code, err) == (0, "")
    assert str(cal["X-WR-CALNAME"]) == "Arm A"
    assert len(cal.walk("VEVENT")) == 128
    assert cal.walk("VALARM") == []


def test_csv_to_stdout(capsys: Capsys) -> None:
    code, out, err = run(capsys, "csv", ARM, *WHEN, "-o", "-")
    assert (code, err) == (0, "")
    assert len(list(csv.DictReader(io.StringIO(out)))) == 128


def test_file_and_stdin(capsys: Capsys, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "arm.txt").write_text(ARM + "\n", encoding="utf-8")
    from_text = run(capsys, "parse", "--json", ARM)
    assert run(capsys, "parse", "--json", "--file", str(tmp_path / "arm.txt")) == from_text
    monkeypatch.setattr(sys, "stdin", io.StringIO(ARM))
    assert run(capsys, "parse", "--json", "--file", "-") == from_text


def test_calendar_writes_file_and_says_so(capsys: Capsys, tmp_path: Path) -> None:
    target = tmp_path / "a.ics"
    code, out, err = run(capsys, "calendar", ARM, *WHEN, "-o", str(target))
    assert (code, out) == (0, "")
    assert err == f"regimen: wrote 128 events to {target}\n"
    assert len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 128


def test_parse_does_not_import_pandas() -> None:
    code = ("import sys; from regimen.cli import main; main(['parse', 'S-1 40mg bid po']); "
            "print(sorted({'pandas', 'icalendar'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.splitlines()[-1] == "[]"


def days(first: date, last: date, weekdays: bool = False) -> list[date]:
    every = [first + timedelta(n) for n in range((last - first).days + 1)]
    return [d for d in every if d.weekday() < 5] if weekdays else every


def test_acceptance_installed_command(tmp_path: Path) -> None:
    """The arm of the README, through the installed command, into a calendar and a CSV."""
    command = Path(sys.executable).with_name("regimen")
    if not command.exists():
        pytest.skip("the regimen command is not installed in this environment")
    (tmp_path / "arm.txt").write_text(ARM + "\n", encoding="utf-8")
    for kind, output in (("calendar", "a.ics"), ("csv", "a.csv")):
        done = subprocess.run([str(command), kind, "--file", "arm.txt", "--start", "2026-12-07",
                               "--cycles", "2", "--tz", "Asia/Shanghai", "-o", output],
                              cwd=tmp_path, capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr

    events = Calendar.from_ical((tmp_path / "a.ics").read_bytes()).walk("VEVENT")
    by_name: dict[str, list[tuple[datetime, str, str]]] = {}
    for e in events:
        name = str(e["SUMMARY"]).split()[0]
        by_name.setdefault(name, []).append((e.decoded("DTSTART"), str(e["STATUS"]),
                                             str(e["SUMMARY"])))
    assert sorted(by_name) == ["Apatinib", "Radiotherapy", "S-1"]

    apatinib = by_name["Apatinib"]
    assert [s.date() for s, _, _ in apatinib] == days(date(2026, 12, 7), date(2027, 1, 17))
    assert {(s.time(), s.tzinfo) for s, _, _ in apatinib} == {
        (time(8), events[0].decoded("DTSTART").tzinfo)}
    assert str(events[0]["DTSTART"].params["TZID"]) == "Asia/Shanghai"

    s1_days = days(date(2026, 12, 7), date(2026, 12, 20)) + days(date(2026, 12, 28),
                                                                   date(2027, 1, 10))
    assert [(s.date(), s.time()) for s, _, _ in by_name["S-1"]] == [
        (d, t) for d in s1_days for t in (time(8), time(20))]

    radiotherapy = by_name["Radiotherapy"]
    assert [s.date() for s, _, _ in radiotherapy] == days(date(2026, 12, 7), date(2027, 1, 15),
                                                          weekdays=True)
    assert [status for _, status, _ in radiotherapy] == ["CONFIRMED"] * 25 + ["TENTATIVE"] * 5
    assert radiotherapy[25][2] == "Radiotherapy fraction 26 of 25-30 (tentative)"
    assert len(events) == 42 + 56 + 30

    rows = list(csv.DictReader((tmp_path / "a.csv").open(encoding="utf-8")))
    assert [(r["uid"], datetime.fromisoformat(r["start"]), r["status"]) for r in rows] == [
        (str(e["UID"]), e.decoded("DTSTART"),
         "tentative" if str(e["STATUS"]) == "TENTATIVE" else "planned") for e in events]
