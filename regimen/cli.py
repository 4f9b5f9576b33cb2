"""The ``regimen`` command: argument handling and messages around the library.

Exit status: 0 done, 1 the text or schedule cannot be used or a file cannot be
written, 2 a usage error. pandas loads only for the commands that schedule.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import __version__
from .lexicon import ROUTE_PLAIN
from .model import Component, Kind, Regimen
from .parse import ParseError, parse, render_at

if TYPE_CHECKING:
    from .scheduling import Schedule

PROG = "regimen"
DATA_ERROR, USAGE_ERROR = 1, 2


class Failure(Exception):
    """A message for the user that ends the command with exit status 1."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, not argparse's usage block: the message says what to change."""
        self.exit(USAGE_ERROR, f"{self.prog}: error: {message} (see '{self.prog} --help')\n")


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
        if (args.text is None) == (args.file is None):
            args.parser.error("give the regimen as TEXT or with --file PATH (one of the two)")
    except SystemExit as stop:  # argparse's way out: --help, --version or a usage error
        return stop.code if isinstance(stop.code, int) else USAGE_ERROR
    text: str = args.text if args.file is None else args.file
    run: Callable[[Regimen, argparse.Namespace], None] = args.run
    try:
        # parse --json is lenient: batch users get all that was understood, with
        # each part that was not as a warning; calendars are written from strict reads
        regimen = parse(text, strict=not getattr(args, "json", False))
        for notice in regimen.notices:
            _say(render_at(f"warning: {notice.message}", regimen.text, notice.span))
        run(regimen, args)
    except ParseError as err:
        _say(err.render())
        return DATA_ERROR
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (regimen schedule ... | head)
        return DATA_ERROR
    except (Failure, OSError) as err:
        _say(f"{PROG}: error: {err}")
        return DATA_ERROR
    except KeyboardInterrupt:
        return 130
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Turn oncology dosing text into patient calendars.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    def command(name: str, summary: str, run: Callable[[Regimen, argparse.Namespace], None],
                scheduled: bool = True) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.set_defaults(run=run, parser=sub)
        sub.add_argument("text", nargs="?", metavar="TEXT", help="the regimen text")
        sub.add_argument("--file", metavar="PATH", type=_read_text,
                         help="read the regimen text from a file (- for standard input)")
        if scheduled:
            sub.add_argument("--start", required=True, type=_date, metavar="DATE",
                             help="day 1 of cycle 1 (YYYY-MM-DD)")
            span = sub.add_mutually_exclusive_group()
            span.add_argument("--cycles", type=_count, metavar="N",
                              help="number of cycles of an open-ended regimen")
            span.add_argument("--until", type=_date, metavar="DATE",
                              help="last date of an open-ended regimen (YYYY-MM-DD)")
            sub.add_argument("--tz", type=_zone, metavar="ZONE",
                             help="IANA time zone, e.g. Asia/Shanghai (default: this computer's)")
        return sub

    parse_cmd = command("parse", "show what the text says", _parse_command, scheduled=False)
    parse_cmd.add_argument("--json", action="store_true",
                           help="print the model as JSON; parts not understood become "
                                "warnings (in the JSON and on stderr) instead of an error")
    command("schedule", "show every dose and fraction as a table", _schedule_command)
    calendar = command("calendar", "write an iCalendar (.ics) file", _calendar_command)
    calendar.add_argument("--alarm", type=_minutes, default=15, metavar="MINUTES",
                          help="reminder this many minutes before each event (0: none)")
    calendar.add_argument("--name", help="the calendar's name")
    calendar.add_argument("-o", "--output", required=True, metavar="FILE",
                          help="the .ics file to write (- for standard output)")
    csv = command("csv", "write a CSV file, one row per event", _csv_command)
    csv.add_argument("-o", "--output", required=True, metavar="FILE",
                     help="the .csv file to write (- for standard output)")
    return parser


# Argument types: each turns a bad value into a one-line usage error.

def _read_text(path: str) -> str:
    try:
        if path == "-":
            return sys.stdin.read().strip()
        with open(path, encoding="utf-8") as f:
            return f.read().strip()
    except UnicodeDecodeError:
        raise argparse.ArgumentTypeError(f"{path} is not UTF-8 text") from None
    except OSError as err:
        raise argparse.ArgumentTypeError(f"cannot read {path}: {err.strerror or err}") from None


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date: {text!r} (use YYYY-MM-DD)") from None


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"not a whole number of 1 or more: {text!r}")
    return int(text)


def _minutes(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"not a whole number of minutes: {text!r}")
    return int(text)


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise argparse.ArgumentTypeError(
            f"unknown time zone {name!r} (use an IANA name such as Asia/Shanghai)") from None
    return name


# Commands.

def _parse_command(regimen: Regimen, args: argparse.Namespace) -> None:
    if args.json:
        print(json.dumps(regimen.to_dict(), indent=2, ensure_ascii=False))
        return
    width = max((len(c.name) for c in regimen.components), default=0)
    for c in regimen.components:
        print(f"{c.name:<{width}}  {c.kind:<12}  {describe(c)}")
    print("stop: " + (", ".join(regimen.stop_kinds) or "not stated"))


def describe(c: Component) -> str:
    """'40-60 mg by mouth, bid: 2 doses a day, days 1-14 of each 21-day cycle'."""
    route = ROUTE_PLAIN.get(c.route.code, c.route.code) if c.route else None
    given = " ".join(str(part) for part in (c.dose, route) if part)
    parts = [given] if given else []
    if c.frequency:
        f = c.frequency
        doses = f"{f.per_day} dose{'s' if f.per_day > 1 else ''}"
        parts.append(f"{f.code}: {doses} " +
                     (f"every {f.every_days} days" if f.every_days > 1 else "a day"))
    if c.days and c.cycle:
        parts.append(f"days {c.days} of each {c.cycle.length_days}-day cycle")
    elif c.days:
        parts.append(f"days {c.days}")
    elif c.cycle:
        parts.append(f"every {c.cycle.length_days} days")
    if c.cycles:
        parts.append(f"for {c.cycles.range} cycles")
    if c.kind is Kind.RADIOTHERAPY:
        parts += [f"{c.total_dose} in all" if c.total_dose else "",
                  f"{c.fractions.range} fractions" if c.fractions else "",
                  f"{c.fraction_dose.amount} {c.fraction_dose.unit} a fraction"
                  if c.fraction_dose else ""]
    return ", ".join(p for p in parts if p) or "-"


def _schedule_command(regimen: Regimen, args: argparse.Namespace) -> None:
    from .export import wording

    s = _schedule(regimen, args)
    header = ("date", "time", "component", "dose", "route", "cycle/day", "fraction", "status")
    table = [header]
    for row in wording.rows(s):
        dose, count = wording.dose(row), wording.fractions(row)
        where = (f"C{row['cycle']} D{row['cycle_day']}" if row["cycle"] is not None
                 else f"D{row['day']}")
        fraction = "" if row["fraction"] is None else f"{row['fraction']} of {count}"
        table.append((row["date"].isoformat(), row["time"].strftime("%H:%M"), row["component"],
                      str(dose) if dose else "", wording.route(row) or "", where, fraction,
                      row["status"]))
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    for line in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip())


def _calendar_command(regimen: Regimen, args: argparse.Namespace) -> None:
    from .export.ics import write_ics

    s = _schedule(regimen, args)
    write_ics(s, args.output, name=args.name, alarm_minutes=args.alarm)
    _wrote(s, args.output)


def _csv_command(regimen: Regimen, args: argparse.Namespace) -> None:
    from .export.csv import write_csv

    s = _schedule(regimen, args)
    write_csv(s, args.output)
    _wrote(s, args.output)


def _schedule(regimen: Regimen, args: argparse.Namespace) -> Schedule:
    from .scheduling import ScheduleError, schedule

    try:
        s = schedule(regimen, args.start, cycles=args.cycles, until=args.until, tz=args.tz)
    except ScheduleError as err:
        raise Failure(str(err)) from err
    for note in s.notes:
        _say(f"{PROG}: note: {note}")
    return s


def _wrote(s: Schedule, output: str) -> None:
    if output != "-":
        _say(f"{PROG}: wrote {len(s)} events to {output}")


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's flush at exit cannot fail again."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
