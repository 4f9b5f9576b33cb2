"""Score the parser against a labelled corpus.

Each line of a corpus file (``tests/corpus/*.jsonl``, format in the team's label
contract) is a text and what it says. The text is read leniently, laid out for
42 days from a Monday, and every field the label gives is compared with what was
read. A field that is absent or ``null`` in the label is not checked.

    python -m regimen.evaluate tests/corpus/dev.jsonl

prints one block per wrong field, a summary line per file, the number of parse
warnings and, last, ``fields: R/N right (P%); texts: R/N fully right; errors: E``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from .model import Regimen, ranges_text
from .parse import parse
from .scheduling import schedule

DEFAULT_START = date(2026, 1, 5)  # a Monday, so a radiotherapy course starts on day 1
DAYS = 42  # the label contract's window: days 1 to 42 of treatment
TOLERANCE = 1e-6

# Fields of a labelled component that are scored, in the order they are reported.
COMPONENT_FIELDS = ("name", "kind", "dose", "route", "per_day", "days_42", "cycle_days",
                    "cycles", "total_dose", "fractions", "fraction_dose", "loading_dose")

_HYPHENS = re.compile("[\\s\\-\u2010\u2011]+")
_UID_INDEX = re.compile(r"^[0-9a-f]{16}-(\d+)-")


class CorpusError(Exception):
    """A corpus file that cannot be read: missing, not UTF-8, or a line that is
    not a labelled text."""


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A wrong answer: ``fields`` labelled fields that it stands for (one, or all
    the fields of a component not found or of a text that could not be parsed)."""

    id: str
    field: str
    expected: Any
    got: Any
    text: str
    note: str = ""
    fields: int = 1


@dataclass(frozen=True, slots=True)
class TextScore:
    """How one labelled text was read."""

    id: str
    text: str
    right: int
    total: int
    mismatches: tuple[Mismatch, ...]
    error: str | None = None  # why the text could not be parsed
    warnings: int = 0  # notices of the lenient reading

    @property
    def fully_right(self) -> bool:
        return self.error is None and self.right == self.total


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts over some texts, and the summary line that states them."""

    right: int
    total: int
    texts: int
    texts_right: int
    errors: int
    warnings: int

    @classmethod
    def of(cls, scores: Iterable[TextScore]) -> Tally:
        scores = list(scores)
        return cls(
            right=sum(s.right for s in scores),
            total=sum(s.total for s in scores),
            texts=len(scores),
            texts_right=sum(s.fully_right for s in scores),
            errors=sum(s.error is not None for s in scores),
            warnings=sum(s.warnings for s in scores),
        )

    @property
    def percent(self) -> float:
        """Share of fields right, to one decimal; never 100.0 unless all are right."""
        if self.total == 0:
            return 0.0
        share = round(100 * self.right / self.total, 1)
        return min(share, 99.9) if self.right < self.total else share

    def line(self) -> str:
        return (f"fields: {self.right}/{self.total} right ({self.percent:.1f}%); "
                f"texts: {self.texts_right}/{self.texts} fully right; errors: {self.errors}")


@dataclass(frozen=True, slots=True)
class FileScore:
    path: str
    texts: tuple[TextScore, ...]

    @property
    def tally(self) -> Tally:
        return Tally.of(self.texts)


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The scores of every text of every corpus file evaluated."""

    files: tuple[FileScore, ...]

    @property
    def texts(self) -> tuple[TextScore, ...]:
        return tuple(t for f in self.files for t in f.texts)

    @property
    def mismatches(self) -> tuple[Mismatch, ...]:
        return tuple(m for t in self.texts for m in t.mismatches)

    @property
    def tally(self) -> Tally:
        return Tally.of(self.texts)

    def summary(self) -> str:
        return self.tally.line()


def evaluate(paths: Iterable[str | Path], start: date = DEFAULT_START) -> Evaluation:
    """Score every text of the corpus files ``paths``; raise :class:`CorpusError`
    before scoring anything if a file cannot be read."""
    corpora = [(str(p), load_corpus(p)) for p in paths]
    return Evaluation(tuple(
        FileScore(name, tuple(score_text(record, start) for record in records))
        for name, records in corpora
    ))


def load_corpus(path: str | Path) -> list[dict[str, Any]]:
    """The labelled texts of a JSON Lines file (blank lines skipped)."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise CorpusError(f"cannot read {path}: {reason}") from err
    records: list[dict[str, Any]] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(f"cannot read {path}, line {number}: not JSON ({err.msg})") from err
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise CorpusError(f"cannot read {path}, line {number}: not an object with a text")
        components = record.get("components")
        if components is not None and not (
                isinstance(components, list) and all(isinstance(c, dict) for c in components)):
            raise CorpusError(f"cannot read {path}, line {number}: components is not a list "
                              "of objects")
        record.setdefault("id", f"{Path(path).name}:{number}")
        records.append(record)
    return records


def parse_leniently(text: str) -> Regimen:
    """The reading that is scored: lenient, so that a part not understood costs
    only the fields it holds."""
    return parse(text, strict=False)


def fold_name(name: str) -> str:
    """How the label contract compares names: case-insensitive, spaces and hyphens
    removed ('S-1' == 's 1' == 'S1')."""
    return _HYPHENS.sub("", name.casefold())


def score_text(record: Mapping[str, Any], start: date = DEFAULT_START) -> TextScore:
    """Compare what ``parse`` and ``schedule`` make of one labelled text with its label."""
    text: str = record["text"]
    ident = str(record.get("id"))
    labelled = list(record.get("components") or [])
    stop = record.get("stop")
    total = (stop is not None) + sum(
        1 for lc in labelled for f in COMPONENT_FIELDS if lc.get(f) is not None)

    def wrong(field: str, expected: Any, got: Any, note: str = "", fields: int = 1) -> None:
        mismatches.append(Mismatch(ident, field, expected, got, text, note, fields))

    mismatches: list[Mismatch] = []
    try:
        regimen = parse_leniently(text)
        doc = regimen.to_dict()
    except Exception as err:  # a crash of the parser is scored, not fatal
        error = _describe(err)
        expected = {"components": [lc.get("name") for lc in labelled]}
        if stop is not None:
            expected["stop"] = stop
        wrong("parse", expected, None, error, total)
        return TextScore(ident, text, 0, total, tuple(mismatches), error)

    warnings = len(doc.get("warnings") or ())
    if stop is not None and set(stop) != set(doc.get("stop") or ()):
        wrong("stop", stop, doc.get("stop"))

    parsed: list[dict[str, Any]] = list(doc.get("components") or ())
    try:
        days = _days_42(regimen, [str(pc.get("name")) for pc in parsed], start)
        no_days = ""
    except Exception as err:  # reported on each days_42 field the label gives
        days = [""] * len(parsed)
        no_days = f"no schedule: {_describe(err)}"

    used: set[int] = set()
    for lc in labelled:
        name = str(lc.get("name"))
        fields = [f for f in COMPONENT_FIELDS if lc.get(f) is not None]
        # a component is found by its name or the other name the text gives it
        # ("intensity-modulated radiation therapy (IMRT)", "CCNU (lomustine)")
        match = next((j for j, pc in enumerate(parsed) if j not in used and fold_name(name) in {
                      fold_name(str(pc.get("name"))), fold_name(str(pc.get("aka")))}), None)
        if match is None:
            found = ", ".join(str(pc.get("name")) for pc in parsed) or "none"
            wrong(name, {f: lc[f] for f in fields}, None,
                  f"no parsed component of that name (parsed: {found})", len(fields))
            continue
        used.add(match)
        pc = parsed[match]
        for f in fields:
            if f == "name":
                continue  # matched by name
            if f == "days_42":
                if no_days:
                    wrong(f"{name}.days_42", lc[f], None, no_days)
                elif _days_text(str(lc[f])) != days[match]:
                    wrong(f"{name}.days_42", lc[f], days[match])
            elif not _same(lc[f], pc.get(f)):
                wrong(f"{name}.{f}", lc[f], pc.get(f))

    extra = [str(pc.get("name")) for j, pc in enumerate(parsed) if j not in used]
    if extra:
        total += 1
        wrong("components", [lc.get("name") for lc in labelled],
              [pc.get("name") for pc in parsed], f"not in the label: {', '.join(extra)}")
    right = total - sum(m.fields for m in mismatches)
    return TextScore(ident, text, right, total, tuple(mismatches), None, warnings)


def _describe(err: Exception) -> str:
    return f"{type(err).__name__}: {err}"


def _days_42(regimen: Regimen, names: Sequence[str], start: date) -> list[str]:
    """For each component, the days among 1 to 42 on which the schedule gives it."""
    plan = schedule(regimen, start=start, until=start + timedelta(days=DAYS - 1), tz="UTC")
    frame = plan.frame
    first: dict[str, int] = {}
    for i, name in enumerate(names):
        first.setdefault(name, i)
    by_name = len(first) == len(names)
    days: list[set[int]] = [set() for _ in names]
    for name, day, uid in zip(frame["component"].tolist(), frame["day"].tolist(),
                              frame["uid"].tolist(), strict=True):
        if not 1 <= int(day) <= DAYS:
            continue
        index = first.get(str(name))
        if not by_name and (m := _UID_INDEX.match(str(uid))):  # two components of one name
            index = int(m.group(1))
        if index is not None and index < len(days):
            days[index].add(int(day))
    return [ranges_text(sorted(d)) for d in days]


def _days_text(label: str) -> str:
    """A label's day ranges in the form ``ranges_text`` writes ("1-7, 8" -> "1-8")."""
    days: list[int] = []
    for part in label.replace(" ", "").split(","):
        lo, _, hi = part.partition("-")
        if not lo.isdigit() or not (hi or lo).isdigit():
            return label.strip()
        days.extend(range(int(lo), int(hi or lo) + 1))
    return ranges_text(days)


def _same(expected: Any, got: Any) -> bool:
    """``got`` agrees with ``expected`` on every key that ``expected`` gives;
    numbers within a small tolerance."""
    if isinstance(expected, Mapping):
        return isinstance(got, Mapping) and all(_same(v, got.get(k)) for k, v in expected.items())
    if isinstance(expected, list):
        return (isinstance(got, list) and len(got) == len(expected)
                and all(_same(e, g) for e, g in zip(expected, got, strict=True)))
    if isinstance(expected, bool) or isinstance(got, bool):
        return expected is got
    if isinstance(expected, int | float):
        return isinstance(got, int | float) and math.isclose(
            expected, got, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    return bool(expected == got)


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def format_mismatch(m: Mismatch) -> str:
    """One block: id and field, then expected, got and the text, indented."""
    pad = " " * 12
    got = m.note if m.got is None and m.note else _show(m.got)
    if m.got is not None and m.note:
        got += f"  ({m.note})"
    got = got.replace("\n", "\n" + pad)  # a parse error's caret rendering stays aligned
    count = f" ({m.fields} fields)" if m.fields > 1 else ""
    return "\n".join([
        f"{m.id}: {m.field}{count}",
        f"  expected: {_show(m.expected)}",
        f"  got:      {got}",
        f"  text:     {_show(m.text)}",
    ])


def report(evaluation: Evaluation, mismatches: bool = True) -> list[str]:
    """The lines that ``python -m regimen.evaluate`` prints; the last is the summary."""
    lines: list[str] = []
    for f in evaluation.files:
        if mismatches:
            for m in (m for t in f.texts for m in t.mismatches):
                lines += [format_mismatch(m), ""]
        tally = f.tally
        lines.append(f"{f.path}: {tally.line()}; parse warnings: {tally.warnings}")
    lines.append(f"parse warnings: {evaluation.tally.warnings}")
    lines.append(evaluation.summary())
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m regimen.evaluate",
        description="Score the parser against labelled corpus files (JSON Lines).")
    ap.add_argument("files", nargs="+", metavar="FILE.jsonl", help="labelled corpus files")
    ap.add_argument("--start", type=date.fromisoformat, default=DEFAULT_START,
                    help=f"day 1 of treatment, YYYY-MM-DD (default {DEFAULT_START}, a Monday)")
    ap.add_argument("-q", "--quiet", action="store_true",
                    help="print the summary lines only, not each wrong field")
    args = ap.parse_args(argv)
    try:
        evaluation = evaluate(args.files, start=args.start)
    except CorpusError as err:
        print(f"evaluate: {err}", file=sys.stderr)
        return 2
    print("\n".join(report(evaluation, mismatches=not args.quiet)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
