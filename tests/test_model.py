"""The model: immutable values, and a JSON form that reads back to the same regimen."""

from __future__ import annotations

import dataclasses
import json

import pytest

from regimen import Range, Regimen, Span, parse
from regimen.model import SCHEMA, ranges_text

TEXTS = [
    "apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy "
    "50-60Gy/25-30times until disease progression or intolerable toxicity or "
    "patients withdrawal of consent",
    "docetaxel 75 mg/m2 iv d1 q3w 4-6 cycles",
    "radiotherapy 2 Gy/F 30 fractions",
    "S-1 60mg/d po qd",
    "XYZ-123 50 mg po qd",
]


@pytest.mark.parametrize("text", TEXTS)
def test_json_round_trip(text: str) -> None:
    regimen = parse(text)
    document = json.loads(json.dumps(regimen.to_dict()))
    assert document["schema"] == SCHEMA
    assert Regimen.from_dict(document) == regimen


def test_contract_fields_are_present() -> None:
    # The fields of the label contract (shared/contract/LABELS.md).
    d = parse(TEXTS[0]).to_dict()
    assert d["stop"] == ["progression", "toxicity", "withdrawal"]
    for comp in d["components"]:
        assert {"name", "kind", "dose", "route", "per_day", "cycle_days", "cycles",
                "total_dose", "fractions", "fraction_dose"} <= comp.keys()


def test_model_is_immutable() -> None:
    regimen = parse(TEXTS[1])
    with pytest.raises(dataclasses.FrozenInstanceError):
        regimen.components[0].name = "cisplatin"  # type: ignore[misc]


def test_from_dict_refuses_another_schema() -> None:
    with pytest.raises(ValueError, match="regimen/1"):
        Regimen.from_dict({"schema": "other/9", "text": "", "components": []})


@pytest.mark.parametrize(("lo", "hi", "text"), [(40, 60, "40-60"), (500, 500, "500"),
                                                 (1.8, 1.8, "1.8"), (2.5, 5, "2.5-5")])
def test_range_text(lo: float, hi: float, text: str) -> None:
    assert str(Range(lo, hi)) == text


def test_backwards_values_are_refused() -> None:
    with pytest.raises(ValueError):
        Range(60, 40)
    with pytest.raises(ValueError):
        Span(5, 2)


@pytest.mark.parametrize(("days", "text"), [((1, 2, 3, 8), "1-3,8"), ((1,), "1"),
                                            ((1, 8, 15), "1,8,15"), ((), "")])
def test_ranges_text(days: tuple[int, ...], text: str) -> None:
    assert ranges_text(days) == text
