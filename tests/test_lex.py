"""The tokenizer and the tables it is built from."""

from __future__ import annotations

import pytest

from regimen import lexicon
from regimen.lex import T, _phrase_tables, normalise, tokenize

MG = lexicon.UnitRow("mg", "dose", 1)
TOKENS = [
    ("500mg", [(T.NUMBER, "500", 500.0), (T.UNIT, "mg", MG)]),
    ("40-60mg/time", [(T.NUMBER, "40", 40.0), (T.DASH, "-", None), (T.NUMBER, "60", 60.0),
                      (T.UNIT, "mg", MG), (T.PER, "/time", "administration")]),
    ("75 mg / m2", [(T.NUMBER, "75", 75.0), (T.UNIT, "mg / m2", ("mg/m2", "dose", 1))]),
    ("30times", [(T.NUMBER, "30", 30.0), (T.UNIT, "times", ("fraction", "fraction", 1))]),
    ("21-day", [(T.NUMBER, "21", 21.0), (T.UNIT, "-day", ("day", "time", 1))]),
    ("1,000 1 000 mg 6 \u00bd", [(T.NUMBER, "1,000", 1000.0), (T.NUMBER, "1 000", 1000.0),
                                  (T.UNIT, "mg", MG), (T.NUMBER, "6 \u00bd", 6.5)]),
    ("four forty-five", [(T.NUMBER, "four", 4.0), (T.NUMBER, "forty-five", 45.0)]),
    ("3 million IU", [(T.NUMBER, "3", 3.0), (T.UNIT, "million IU", ("IU", "dose", 1_000_000))]),
    ("AUC5", [(T.PREFIX, "AUC", "AUC"), (T.NUMBER, "5", 5.0)]),
    ("q3w Q21D q2wk", [(T.CYCLE, "q3w", (21, None)), (T.CYCLE, "Q21D", (21, None)),
                       (T.CYCLE, "q2wk", (14, None))]),
    ("q8h", [(T.FREQ, "q8h", ("q8h", 3, 1, None))]),
    ("twice daily", [(T.FREQ, "twice daily", ("bid", 2, 1, None))]),
    ("p.o. i.v.", [(T.ROUTE, "p.o.", "oral"), (T.ROUTE, "i.v.", "intravenous")]),
    ("S-1 TS-1 5-FU", [(T.DRUG, "S-1", "S-1"), (T.DRUG, "TS-1", "TS-1"),
                       (T.DRUG, "5-FU", "fluorouracil")]),
    ("cisplatin-based", [(T.WORD, "cisplatin-based", None)]),
    ("d1", [(T.DAY, "d", None), (T.NUMBER, "1", 1.0)]),
    ("until PD", [(T.UNTIL, "until", "until"), (T.STOP, "PD", "progression")]),
    ("IMRT", [(T.MODALITY, "IMRT", "IMRT")]),
    ("banana", [(T.WORD, "banana", None)]),
    ("$", [(T.OTHER, "$", None)]),
]


@pytest.mark.parametrize(("text", "expected"), TOKENS)
def test_tokens(text: str, expected: list[tuple[T, str, object]]) -> None:
    assert [(t.kind, t.text, t.value) for t in tokenize(text)] == expected


@pytest.mark.parametrize(("text", "folded"), [
    ("40\u201360", "40-60"),        # en dash
    ("\u221210", "-10"),            # minus sign
    ("mg/m\u00b2", "mg/m2"),        # superscript two
    ("\uff33\uff0d\uff11", "S-1"),  # full-width
    ("d1\\~5", "d1~5"),             # registry escape
])
def test_normalise(text: str, folded: str) -> None:
    norm, origin = normalise(text)
    assert norm == folded
    assert len(origin) == len(norm) + 1 and origin[-1] == len(text)


def test_no_alias_means_two_things() -> None:
    seen: dict[str, T] = {}
    clashes = []
    for kind, table in _phrase_tables():
        for alias in table:
            if alias in seen:
                clashes.append((alias, seen[alias], kind))
            seen[alias] = kind
    assert clashes == []


def test_every_frequency_has_clock_times() -> None:
    codes = {row.code for row in lexicon.FREQUENCIES.values()}
    assert codes <= lexicon.DOSE_TIMES.keys()
    for row in lexicon.FREQUENCIES.values():
        assert len(lexicon.DOSE_TIMES[row.code]) == row.per_day
