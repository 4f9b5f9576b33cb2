"""The notation the parser reads, one row per form: text in, fields out.

Fields are those of ``Component.to_dict()``; a row names only what it checks.
"""

from __future__ import annotations

from typing import Any

import pytest

import regimen
from regimen import Kind, ParseError, Span, parse

SEED_A = ("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy "
          "50-60Gy/25-30times until disease progression or intolerable toxicity or "
          "patients withdrawal of consent")
SEED_B = SEED_A.removeprefix("apatinib 500mg qd po ")

D14 = list(range(1, 15))

COMPONENTS: list[tuple[str, list[dict[str, Any]]]] = [
    # components run together with no separator
    (SEED_A, [
        {"name": "apatinib", "kind": "drug", "dose": {"min": 500, "max": 500, "unit": "mg"},
         "route": "oral", "frequency": "qd", "per_day": 1, "days": None, "cycle_days": None},
        {"name": "S-1", "dose": {"min": 40, "max": 60, "unit": "mg"}, "route": "oral",
         "frequency": "bid", "per_day": 2, "days": D14, "cycle_days": 21, "cycles": None},
        {"name": "radiotherapy", "kind": "radiotherapy",
         "total_dose": {"min": 50, "max": 60, "unit": "Gy"}, "fractions": {"min": 25, "max": 30}},
    ]),
    (SEED_B, [{"name": "S-1"}, {"name": "radiotherapy"}]),
    # doses and ranges, units
    ("capecitabine 1000 mg/m2 bid po d1-14 q3w", [
        {"dose": {"min": 1000, "max": 1000, "unit": "mg/m2"}}]),
    ("oxaliplatin 130mg/m² iv d1 q3w", [{"dose": {"min": 130, "max": 130, "unit": "mg/m2"}}]),
    ("carboplatin 5 mg/kg iv d1 q3w", [{"dose": {"min": 5, "max": 5, "unit": "mg/kg"}}]),
    ("capecitabine 2g po bid d1-14 q3w", [{"dose": {"min": 2, "max": 2, "unit": "g"}}]),
    ("octreotide 100mcg sc tid", [
        {"name": "octreotide", "dose": {"min": 100, "max": 100, "unit": "mcg"},
         "route": "subcutaneous", "per_day": 3}]),
    ("S-1 40 to 60 mg bid po d1-14 q3w", [{"dose": {"min": 40, "max": 60, "unit": "mg"}}]),
    ("S-1 40mg-60mg bid po", [{"dose": {"min": 40, "max": 60, "unit": "mg"}}]),
    ("S-1 40–60 mg bid po", [{"dose": {"min": 40, "max": 60, "unit": "mg"}}]),
    ("imatinib 2.5 mg po qd", [{"dose": {"min": 2.5, "max": 2.5, "unit": "mg"}}]),
    ("S-1 60mg/d po qd", [{"dose": {"min": 60, "max": 60, "unit": "mg", "per": "day"}}]),
    # frequency and route
    ("temozolomide 75 mg/m2 po qid", [{"frequency": "qid", "per_day": 4}]),
    ("cisplatin 75 mg/m2 IV d1 q3w", [{"route": "intravenous", "per_day": 1}]),
    ("cisplatin 75 mg/m2 i.v. d1 q3w", [{"route": "intravenous"}]),
    ("S-1 40 mg p.o. b.i.d. d1-14 q3w", [{"route": "oral", "frequency": "bid"}]),
    ("S-1 40 mg BID PO D1-D14 Q3W", [{"frequency": "bid", "days": D14, "cycle_days": 21}]),
    # cycle days and lengths
    ("gemcitabine 1000 mg/m2 iv d1,8 q3w", [{"days": [1, 8], "cycle_days": 21}]),
    ("gemcitabine 1000 mg/m2 iv d1, 8, 15 q4w", [{"days": [1, 8, 15], "cycle_days": 28}]),
    ("paclitaxel 80 mg/m2 iv d1 q2w", [{"days": [1], "cycle_days": 14}]),
    ("docetaxel 75 mg/m2 iv d1 q21d", [{"cycle_days": 21}]),
    ("cisplatin 25 mg/m2 iv d1-3 q4w", [{"days": [1, 2, 3], "cycle_days": 28}]),
    ("cisplatin 20 mg/m2 iv days 1-5 q3w", [{"days": [1, 2, 3, 4, 5]}]),
    ("cisplatin 20 mg/m2 iv d1-3,8 q3w", [{"days": [1, 2, 3, 8]}]),
    ("cisplatin 80 mg/m2 iv d1 q3w 4 cycles", [
        {"cycles": {"min": 4, "max": 4}}]),
    ("docetaxel 75 mg/m2 iv d1 q3w 4-6 cycles", [{"cycles": {"min": 4, "max": 6}}]),
    # radiotherapy
    ("radiotherapy 60Gy/30f", [{"kind": "radiotherapy",
                                "total_dose": {"min": 60, "max": 60, "unit": "Gy"},
                                "fractions": {"min": 30, "max": 30}}]),
    ("radiotherapy 60 Gy in 30 fractions", [{"fractions": {"min": 30, "max": 30}}]),
    ("RT 50.4 Gy in 28 fractions", [{"total_dose": {"min": 50.4, "max": 50.4, "unit": "Gy"}}]),
    ("radiotherapy 70Gy/35#", [{"fractions": {"min": 35, "max": 35}}]),
    ("radiotherapy 2 Gy/F 30 fractions", [
        {"fraction_dose": {"min": 2, "max": 2, "unit": "Gy", "per": "fraction"},
         "fractions": {"min": 30, "max": 30}}]),
    ("60Gy/30f", [{"name": "radiotherapy", "kind": "radiotherapy"}]),
    # drug names: lexicon, abbreviation, a drug's ending, or a dose after it
    ("DDP 75 mg/m2 iv d1 q3w", [{"name": "DDP", "kind": "drug"}]),
    ("5-FU 750 mg/m2 iv d1-5 q4w", [{"name": "5-FU"}]),
    ("zanubrutinib 160 mg po bid", [{"name": "zanubrutinib"}]),
    ("XYZ-123 50 mg po qd", [{"name": "XYZ-123"}]),
]


@pytest.mark.parametrize(("text", "expected"), COMPONENTS, ids=[t[:40] for t, _ in COMPONENTS])
def test_components(text: str, expected: list[dict[str, Any]]) -> None:
    got = [c.to_dict() for c in parse(text).components]
    assert len(got) == len(expected)
    for comp, want in zip(got, expected, strict=True):
        assert {k: comp[k] for k in want} == want


STOPS = [
    (SEED_A, ["progression", "toxicity", "withdrawal"]),
    ("S-1 40 mg bid po until progressive disease", ["progression"]),
    ("S-1 40 mg bid po until PD or unacceptable toxicity", ["progression", "toxicity"]),
    ("S-1 40 mg bid po until withdrawal of consent, or death", ["withdrawal", "death"]),
    ("S-1 40 mg bid po until disease progression.", ["progression"]),
    ("S-1 40 mg bid po d1-14 q3w", []),
]


@pytest.mark.parametrize(("text", "kinds"), STOPS)
def test_stopping_rules(text: str, kinds: list[str]) -> None:
    r = parse(text)
    assert list(r.stop_kinds) == kinds
    assert all(r.text[rule.span.start : rule.span.end].strip() for rule in r.stop)


def test_spans_point_at_the_source_text() -> None:
    r = parse(SEED_A)
    s1 = r.component("S-1")
    assert s1.dose is not None and s1.dose.span is not None
    assert s1.dose.span.of(SEED_A) == "40-60mg/time"
    assert s1.days is not None and s1.days.span is not None
    assert s1.days.span.of(SEED_A) == "d1-14"
    assert s1.cycle is not None and s1.cycle.span is not None
    assert s1.cycle.span.of(SEED_A) == "q3w"
    rt = r.component("radiotherapy")
    assert rt.span.of(SEED_A) == "radiotherapy 50-60Gy/25-30times"
    assert [rule.span.of(SEED_A) for rule in r.stop] == [
        "disease progression", "intolerable toxicity", "patients withdrawal of consent"]


def test_spans_survive_unicode_folding() -> None:
    text = "S\uff0d1 ４０\u2013６０ mg bid po"  # full-width letters and an en dash
    s1 = parse(text).components[0]
    assert s1.dose is not None and s1.dose.span is not None
    assert s1.dose.span.of(text) == "４０\u2013６０ mg"
    assert s1.dose.amount == regimen.Range(40, 60)


def test_unknown_drug_name_is_read_with_a_notice() -> None:
    r = parse("XYZ-123 50 mg po qd")
    assert r.components[0].kind is Kind.DRUG
    assert [n.span.of(r.text) for n in r.notices] == ["XYZ-123"]


ERRORS = [
    ("apatinib 500mg qd po banana", "cannot read 'banana' (position 21)", Span(21, 27)),
    ("", "nothing to schedule", Span(0, 0)),
    ("the and of", "nothing to schedule", Span(0, 10)),
    ("S-1 40mg qd bid", "conflicting frequency for S-1 (position 12)", Span(12, 15)),
    ("S-1 40mg po iv", "conflicting route", Span(12, 14)),
    ("S-1 0 mg bid", "a dose of 0 mg", Span(4, 8)),
    ("S-1 60-40 mg bid", "runs backwards", Span(4, 12)),
    ("S-1 40 bid", "has no unit", Span(4, 6)),
    ("S-1 40 mg bid d14-1 q3w", "the day range 14-1 runs backwards", Span(15, 19)),
    ("S-1 40 mg bid d1-28 q3w", "day 28 is past the end of a 21-day cycle", Span(14, 19)),
    ("S-1 40 mg bid d1 q0w", "cannot read 'q0w'", Span(17, 20)),
    ("S-1 40 mg bid until tomorrow", "cannot read 'tomorrow'", Span(20, 28)),
    ("S-1 40 mg bid until", "cannot read 'until'", Span(14, 19)),
    ("40 mg bid", "dose '40 mg' before any drug", Span(0, 5)),
    ("S-1 40 mg q5h", "cannot read 'q5h'", Span(10, 13)),
    ("radiotherapy 60Gy/30f 40 mg", "a drug's dose inside the radiotherapy", Span(22, 27)),
    ("S-1 40 mg bid disease progression", "must follow 'until'", Span(14, 33)),
    ("S-1 40 mg bid $", "cannot read '$'", Span(14, 15)),
    ("docetaxel 75 mg/m2 iv d1 q3w 5000 cycles", "more than 1000", Span(29, 40)),
]


@pytest.mark.parametrize(("text", "message", "span"), ERRORS, ids=[e[0] or "empty" for e in ERRORS])
def test_errors_name_the_problem_and_where(text: str, message: str, span: Span) -> None:
    with pytest.raises(ParseError) as info:
        parse(text)
    assert message in info.value.reason
    assert info.value.span == span


def test_error_renders_a_caret_under_the_span() -> None:
    with pytest.raises(ParseError) as info:
        parse("apatinib 500mg qd po banana")
    assert str(info.value) == (
        "cannot read 'banana' (position 21): not a dose, frequency, route or drug\n"
        "apatinib 500mg qd po banana\n"
        "                     ^^^^^^"
    )


def test_error_on_a_later_line_shows_that_line() -> None:
    text = "S-1 40 mg bid po d1-14 q3w\noxaliplatin 130 mg/m2 iv d1 q3w banana"
    with pytest.raises(ParseError) as info:
        parse(text)
    lines = str(info.value).splitlines()
    assert lines[1] == "oxaliplatin 130 mg/m2 iv d1 q3w banana"
    assert lines[2] == " " * 32 + "^" * 6


def test_parse_rejects_what_is_not_text() -> None:
    with pytest.raises(TypeError):
        parse(b"S-1 40 mg")  # type: ignore[arg-type]
