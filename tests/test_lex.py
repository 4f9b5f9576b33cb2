"""The tokenizer and the tables it is built from."""

from __future__ import annotations

import pytest

from regimen import lexicon
from regimen.lex import T, normalise, tokenize

TOKENS = [
    ("500mg", [(T.QTY, "500mg", (500.0, "mg", "dose"))]),
    ("40-60mg/time", [(T.QTY, "40", (40.0, None, None)), (T.DASH, "-", None),
                      (T.QTY, "60mg", (60.0, "mg", "dose")), (T.PER, "/time", "administration")]),
    ("75 mg / m2", [(T.QTY, "75 mg / m2", (75.0, "mg/m2", "dose"))]),
    ("30times", [(T.QTY, "30times", (30.0, "fraction", "fraction"))]),
    ("q3w Q21D q2wk", [(T.CYCLE, "q3w", 21), (T.CYCLE, "Q21D", 21), (T.CYCLE, "q2wk", 14)]),
    ("q8h q12h", [(T.FREQ, "q8h", ("q8h", 3, 1)), (T.FREQ, "q12h", ("q12h", 2, 1))]),
    ("twice daily", [(T.FREQ, "twice daily", ("bid", 2, 1))]),
    ("p.o. i.v.", [(T.ROUTE, "p.o.", "oral"), (T.ROUTE, "i.v.", "intravenous")]),
    ("S-1 TS-1 5-FU", [(T.DRUG, "S-1", "S-1"), (T.DRUG, "TS-1", "TS-1"),
                       (T.DRUG, "5-FU", "fluorouracil")]),
    ("d1", [(T.DAY, "d", None), (T.QTY, "1", (1.0, None, None))]),
    ("until PD", [(T.UNTIL, "until", "until"), (T.STOP, "PD", "progression")]),
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
    tables = {
        "frequency": lexicon.FREQUENCIES, "route": lexicon.ROUTES, "stop": lexicon.STOPS,
        "modality": lexicon.MODALITIES, "drug": lexicon.DRUGS, "word": lexicon.WORDS,
        "per": lexicon.PER,
    }
    seen: dict[str, str] = {}
    clashes = []
    for name, table in tables.items():
        for alias in table:
            if alias in seen:
                clashes.append((alias, seen[alias], name))
            seen[alias] = name
    assert clashes == []


def test_every_frequency_has_clock_times() -> None:
    codes = {code for code, _, _ in lexicon.FREQUENCIES.values()}
    assert codes <= lexicon.DOSE_TIMES.keys()
    for code, per_day, _ in lexicon.FREQUENCIES.values():
        assert len(lexicon.DOSE_TIMES[code]) == per_day
