"""The JSON Schema of ``Regimen.to_dict()``: every corpus text's document fits it,
broken documents do not, and its enums say what the model and the tables say."""

from __future__ import annotations

import copy
import json
import re
import tomllib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from regimen import Kind, ParseError, Per, Regimen, parse, schema

ROOT = Path(__file__).resolve().parent.parent
CORPUS = sorted((ROOT / "tests" / "corpus").glob("*.jsonl"))
SEED = ("apatinib 500mg qd po S-1 40-60mg/time bid po d1-14 q3w radiotherapy 50-60Gy/25-30times "
        "until disease progression or intolerable toxicity or patients withdrawal of consent")

VALIDATOR = jsonschema.Draft202012Validator(schema.load())


def corpus_texts() -> list[Any]:
    rows = []
    for path in CORPUS:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                rec = json.loads(line)
                rows.append(pytest.param(rec["text"], id=f"{path.stem}:{rec.get('id', number)}"))
    return rows


def read(text: str) -> Regimen:
    """The lenient reading, as `regimen parse --json` gives it."""
    return parse(text, strict=False)


def as_json(regimen: Regimen) -> dict[str, Any]:
    """The document as a JSON reader gets it (tuples become arrays)."""
    doc = json.loads(json.dumps(regimen.to_dict()))
    assert isinstance(doc, dict)
    return doc


def errors(doc: Any) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}"
            for e in VALIDATOR.iter_errors(doc)]


def test_schema_is_valid_draft_2020_12() -> None:
    document = schema.load()
    jsonschema.Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert document["properties"]["schema"]["const"] == "regimen/1"


def test_every_field_is_described() -> None:
    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            for key, value in node.get("properties", {}).items():
                assert "description" in value or "$ref" in value, f"{where}/{key} undescribed"
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(schema.load(), "")


@pytest.mark.parametrize("text", corpus_texts())
def test_corpus_text_document_fits_the_schema(text: str) -> None:
    try:
        document = as_json(read(text))
    except ParseError as err:
        # a text with nothing to schedule is an error even when read leniently
        assert err.reason.startswith("nothing to schedule")
        return
    assert errors(document) == []


def test_readme_json_example_fits_the_schema() -> None:
    block = re.search(r"```json\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert block is not None
    assert errors(json.loads(block.group(1))) == []


def test_fields_added_later_are_allowed() -> None:
    doc = as_json(parse(SEED))
    doc["source"] = {"registry": "NCT03320629"}
    doc["components"][0]["premedication"] = "dexamethasone"
    doc["components"][0]["spans"]["premedication"] = [9, 14]
    assert errors(doc) == []


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change to a document: put ``value`` at ``path`` ('components/0/kind')."""
    *parents, last = path.split("/")

    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return change


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    *parents, last = path.split("/")

    def change(doc: dict[str, Any]) -> None:
        node: Any = doc
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        del node[last]

    return change


@pytest.mark.parametrize(("change", "complaint"), [
    (_set("schema", "regimen/2"), "schema: 'regimen/1' was expected"),
    (_drop("components"), "(top): 'components' is a required property"),
    (_drop("components/0/kind"), "components/0: 'kind' is a required property"),
    (_drop("components/1/spans"), "components/1: 'spans' is a required property"),
    (_set("components/0/kind", "pill"), "components/0/kind: 'pill' is not one of"),
    (_set("components/0/route", "nasal"), "components/0/route: 'nasal' is not valid"),
    (_set("components/0/dose/unit", "mg/day"), "components/0/dose: {"),
    (_set("components/0/dose/min", "500"), "components/0/dose: {"),
    (_set("components/0/dose/per", "week-ish"), "components/0/dose: {"),
    (_set("components/1/per_day", 0), "components/1/per_day: 0 is less than the minimum of 1"),
    (_set("components/1/days", [0, 1]), "components/1/days/0: 0 is less than the minimum of 1"),
    (_set("components/1/cycle_days", "21"), "components/1/cycle_days: '21' is not of type"),
    (_set("components/2/fractions", {"min": 25, "max": 30, "tentative": 5}),
     "components/2/fractions"),
    (_set("components/0/spans/dose", [9, 14, 3]),
     "components/0/spans/dose: Expected at most 2 items"),
    (_set("components/0/spans/name", [-1, 8]), "components/0/spans/name/0: -1 is less than"),
    (_set("components/0/infusion", {"min": 2, "max": 2, "unit": "fortnight"}),
     "components/0/infusion: {"),
    (_set("components/1/cycles", {"min": 4, "max": 6, "up_to": "yes"}), "components/1/cycles: {"),
    (_set("components/0/phase", -1), "components/0/phase: -1 is less than the minimum of 0"),
    (_set("stop", ["progression", "boredom"]), "stop/1: 'boredom' is not one of"),
    (_set("stop", ["progression", "progression"]), "stop: ['progression', 'progression'] has non"),
    (_drop("stop_rules/0/span"), "stop_rules/0: 'span' is a required property"),
    (_set("warnings", [{"message": "x", "span": [0, 1]}]), "warnings/0: 'text' is a required"),
    (_set("text", None), "text: None is not of type 'string'"),
])
def test_a_broken_document_fails(change: Callable[[dict[str, Any]], None], complaint: str) -> None:
    doc = as_json(parse(SEED))
    assert errors(doc) == []
    broken = copy.deepcopy(doc)
    change(broken)
    found = errors(broken)
    assert any(e.startswith(complaint) for e in found), found


def _enum(name: str) -> set[str]:
    return set(schema.load()["$defs"][name]["enum"])


def _table(name: str) -> dict[str, Any]:
    with resources.files("regimen.lexicon").joinpath(f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


def test_enums_are_the_models() -> None:
    component = schema.load()["$defs"]["component"]["properties"]
    assert set(component["kind"]["enum"]) == {str(k) for k in Kind}
    assert set(schema.load()["$defs"]["dose"]["properties"]["per"]["enum"]) == {str(p) for p in Per}


def test_enums_hold_every_canonical_name_of_the_tables() -> None:
    units = {row.get("canonical", unit) for unit, row in _table("units")["unit"].items()
             if row["kind"] in ("dose", "radiation")}
    assert units - _enum("unit") == set(), "units.toml has units the schema lacks"
    assert set(_table("routes")["route"]) - _enum("route") == set(), "routes the schema lacks"
    assert set(_table("stops")["stop"]) - _enum("stop_kind") == set(), "stop kinds it lacks"
