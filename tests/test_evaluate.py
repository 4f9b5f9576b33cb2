"""The corpus evaluator: what it counts as right and wrong, and what it prints."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from regimen import Notice, ParseError, Regimen, Span, parse
from regimen import evaluate as ev
from regimen.scheduling import ScheduleError

APATINIB = {"name": "apatinib", "kind": "drug", "dose": {"min": 500, "max": 500, "unit": "mg"},
            "route": "oral", "per_day": 1, "days_42": "1-42", "cycle_days": None, "cycles": None}
S1 = {"name": "S-1", "kind": "drug", "dose": {"min": 40, "max": 60, "unit": "mg"},
      "route": "oral", "per_day": 2, "days_42": "1-14,22-35", "cycle_days": 21}
RT = {"name": "radiotherapy", "kind": "radiotherapy",
      "total_dose": {"min": 50, "max": 60, "unit": "Gy"}, "fractions": {"min": 25, "max": 30}}
SUMMARY = re.compile(r"fields: \d+/\d+ right \(\d+\.\d%\); texts: \d+/\d+ fully right; errors: \d+")


def corpus(tmp_path: Path, *records: dict[str, Any], name: str = "corpus.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def record(text: str, *components: dict[str, Any], ident: str = "t",
           **fields: Any) -> dict[str, Any]:
    return {"id": ident, "text": text, "components": list(components), **fields}


def score(tmp_path: Path, rec: dict[str, Any]) -> ev.TextScore:
    (text,) = ev.evaluate([corpus(tmp_path, rec)]).texts
    return text


def with_dose(component: dict[str, Any], **dose: Any) -> dict[str, Any]:
    return {**component, "dose": {**component["dose"], **dose}}


@pytest.mark.parametrize(("rec", "fields"), [
    (record("apatinib 500mg qd po", APATINIB), 6),
    (record("S-1 40-60mg/time bid po d1-14 q3w", S1), 7),
    (record("radiotherapy 50-60Gy/25-30times", RT), 4),
    (record("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy "
            "50-60Gy/25-30times until disease progression or intolerable toxicity",
            APATINIB, S1, RT, stop=["toxicity", "progression"]), 18),
    (record("apatinib 500mg qd po", {**APATINIB, "name": "APATINIB"}), 6),
    (record("S-1 40-60mg/time bid po d1-14 q3w",
            {**S1, "name": "s 1", "days_42": "1-7,8-14, 22-35"}), 7),
])
def test_a_right_text_is_fully_right(tmp_path: Path, rec: dict[str, Any], fields: int) -> None:
    text = score(tmp_path, rec)
    assert (text.right, text.total, text.mismatches, text.error) == (fields, fields, (), None)
    assert text.fully_right


@pytest.mark.parametrize(("label", "field", "got"), [
    (with_dose(APATINIB, min=400, max=400), "apatinib.dose", APATINIB["dose"]),
    (with_dose(APATINIB, unit="mg/m2"), "apatinib.dose", APATINIB["dose"]),
    (with_dose(APATINIB, per="day"), "apatinib.dose", APATINIB["dose"]),
    ({**APATINIB, "route": "intravenous"}, "apatinib.route", "oral"),
    ({**APATINIB, "per_day": 2}, "apatinib.per_day", 1),
    ({**APATINIB, "days_42": "1-14,22-35"}, "apatinib.days_42", "1-42"),
    ({**APATINIB, "cycle_days": 21}, "apatinib.cycle_days", None),
    ({**APATINIB, "cycles": {"min": 4, "max": 6}}, "apatinib.cycles", None),
])
def test_a_wrong_field_is_one_mismatch(tmp_path: Path, label: dict[str, Any], field: str,
                                       got: Any) -> None:
    text = score(tmp_path, record("apatinib 500mg qd po", label))
    total = sum(v is not None for v in label.values())
    assert (text.right, text.total, text.error) == (total - 1, total, None)
    (wrong,) = text.mismatches
    assert (wrong.field, wrong.expected, wrong.got) == (field, label[field.split(".")[1]], got)


def test_numbers_agree_within_a_small_tolerance(tmp_path: Path) -> None:
    label = with_dose(APATINIB, min=500.0000001, max=499.9999999)
    assert score(tmp_path, record("apatinib 500mg qd po", label)).fully_right
    label = with_dose(APATINIB, min=500.01)
    assert not score(tmp_path, record("apatinib 500mg qd po", label)).fully_right


def test_stop_rules_are_compared_as_sets(tmp_path: Path) -> None:
    text = "apatinib 500mg qd po until disease progression or intolerable toxicity"
    right = score(tmp_path, record(text, APATINIB, stop=["toxicity", "progression"]))
    assert right.fully_right and right.total == 7
    wrong = score(tmp_path, record(text, APATINIB, stop=["progression", "withdrawal"]))
    assert [m.field for m in wrong.mismatches] == ["stop"]
    assert wrong.mismatches[0].got == ["progression", "toxicity"]


def test_absent_and_null_label_fields_are_not_checked(tmp_path: Path) -> None:
    label = {"name": "apatinib", "kind": None, "dose": None, "route": None, "days_42": None}
    text = score(tmp_path, record("apatinib 500mg qd po", label, stop=None))
    assert (text.right, text.total) == (1, 1)
    only_unit = {"name": "apatinib", "dose": {"unit": "mg"}}  # min and max not labelled
    assert score(tmp_path, record("apatinib 500mg qd po", only_unit)).fully_right


def test_a_missing_component_makes_each_of_its_fields_wrong(tmp_path: Path) -> None:
    text = score(tmp_path, record("apatinib 500mg qd po", APATINIB, S1))
    assert (text.right, text.total) == (6, 13)
    (missing,) = text.mismatches
    assert (missing.field, missing.fields, missing.got) == ("S-1", 7, None)
    assert "parsed: apatinib" in missing.note


def test_each_parsed_component_matches_one_label_only(tmp_path: Path) -> None:
    text = score(tmp_path, record("apatinib 500mg qd po", APATINIB, {"name": "Apatinib"}))
    assert (text.right, text.total) == (6, 7)
    assert [m.field for m in text.mismatches] == ["Apatinib"]


def test_an_extra_component_is_one_wrong_field(tmp_path: Path) -> None:
    text = score(tmp_path, record("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w",
                                  APATINIB))
    assert (text.right, text.total) == (6, 7)
    (extra,) = text.mismatches
    assert (extra.field, extra.expected, extra.got) == ("components", ["apatinib"],
                                                        ["apatinib", "S-1"])
    assert extra.note == "not in the label: S-1"


def test_a_parse_error_makes_every_field_wrong(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(text: str, strict: bool = True) -> Regimen:
        raise ParseError("cannot read 'banana'", text, Span(21, 27))

    monkeypatch.setattr(ev, "parse", fails)
    rec = record("apatinib 500mg qd po banana", APATINIB, stop=["progression"])
    evaluation = ev.evaluate([corpus(tmp_path, rec)])
    (text,) = evaluation.texts
    assert (text.right, text.total, text.fully_right) == (0, 7, False)
    assert text.error is not None and text.error.startswith("ParseError: cannot read 'banana'")
    assert [(m.field, m.fields) for m in text.mismatches] == [("parse", 7)]
    assert evaluation.summary() == "fields: 0/7 right (0.0%); texts: 0/1 fully right; errors: 1"


def test_a_schedule_error_makes_the_days_wrong_and_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fails(*args: object, **kwargs: object) -> None:
        raise ScheduleError("no number of fractions")

    monkeypatch.setattr(ev, "schedule", fails)
    text = score(tmp_path, record("apatinib 500mg qd po", APATINIB))
    assert (text.right, text.total, text.error) == (5, 6, None)
    (days,) = text.mismatches
    assert days.field == "apatinib.days_42"
    assert days.note == "no schedule: ScheduleError: no number of fractions"


def test_texts_are_read_leniently_and_warnings_counted(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []

    def lenient(text: str, strict: bool = True) -> Regimen:
        asked.append(strict)
        notice = Notice("skipped 'banana'", Span(21, 27))
        return dataclasses.replace(parse(text[:20]), text=text, notices=(notice,))

    monkeypatch.setattr(ev, "parse", lenient)
    evaluation = ev.evaluate([corpus(tmp_path, record("apatinib 500mg qd po banana", APATINIB))])
    assert asked == [False]
    assert evaluation.tally.warnings == 1 and evaluation.texts[0].fully_right


@pytest.mark.parametrize(("right", "total", "shown"), [
    (412, 415, "99.3%"), (9999, 10000, "99.9%"), (7, 7, "100.0%"), (0, 0, "0.0%"), (1, 3, "33.3%"),
])
def test_percent_is_rounded_but_never_shows_all_right_wrongly(right: int, total: int,
                                                              shown: str) -> None:
    assert f"({shown})" in ev.Tally(right, total, 1, 0, 0, 0).line()


def test_cli_prints_blocks_then_the_summary_lines(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    first = corpus(tmp_path, record("apatinib 500mg qd po", with_dose(APATINIB, min=400),
                                    ident="wrong-dose"), name="a.jsonl")
    second = corpus(tmp_path, record("apatinib 500mg qd po", APATINIB, ident="right"),
                    name="b.jsonl")
    assert ev.main([str(first), str(second)]) == 0
    out = capsys.readouterr().out
    assert ("wrong-dose: apatinib.dose\n"
            '  expected: {"min": 400, "max": 500, "unit": "mg"}\n'
            '  got:      {"min": 500, "max": 500, "unit": "mg"}\n'
            '  text:     "apatinib 500mg qd po"\n') in out
    lines = out.splitlines()
    assert lines[-4] == f"{first}: fields: 5/6 right (83.3%); texts: 0/1 fully right; errors: 0; " \
                        "parse warnings: 0"
    assert lines[-3].startswith(f"{second}: fields: 6/6 right (100.0%)")
    assert lines[-2] == "parse warnings: 0"
    assert lines[-1] == "fields: 11/12 right (91.7%); texts: 1/2 fully right; errors: 0"
    assert SUMMARY.fullmatch(lines[-1])


@pytest.mark.parametrize(("content", "message"), [
    (None, "cannot read {path}: No such file or directory"),
    ('{"id": "x", "text": "apatinib 500mg qd po"}\n{"id": \n',
     "cannot read {path}, line 2: not JSON"),
    ('["apatinib 500mg qd po"]\n', "cannot read {path}, line 1: not an object with a text"),
    ('{"text": "apatinib", "components": {"name": "x"}}\n',
     "cannot read {path}, line 1: components is not a list"),
    (b"\xff\xfe", "cannot read {path}"),
])
def test_cli_unreadable_file_is_one_line_and_exit_2(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str],
                                                    content: str | bytes | None,
                                                    message: str) -> None:
    path = tmp_path / "corpus.jsonl"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    elif isinstance(content, bytes):
        path.write_bytes(content)
    assert ev.main([str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("evaluate: " + message.format(path=path))
    assert err.count("\n") == 1


def test_runs_as_a_module(tmp_path: Path) -> None:
    path = corpus(tmp_path, record("apatinib 500mg qd po", APATINIB))
    done = subprocess.run([sys.executable, "-m", "regimen.evaluate", str(path)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == \
        "fields: 6/6 right (100.0%); texts: 1/1 fully right; errors: 0"
    missing = subprocess.run([sys.executable, "-m", "regimen.evaluate", str(tmp_path / "none")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2 and "Traceback" not in missing.stderr
