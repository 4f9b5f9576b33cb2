"""What the README shows is what the code does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import regimen

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_json_example_is_the_parse_result() -> None:
    block = re.search(r"```json\n(.*?)```", README, re.S)
    assert block is not None
    shown = json.loads(block.group(1))
    assert regimen.parse(shown["text"]).to_dict() == shown


def test_error_example_is_the_error_message() -> None:
    block = re.search(r"\$ regimen parse \"(.*?)\"\n(.*?)\n\$ echo", README, re.S)
    assert block is not None
    try:
        regimen.parse(block.group(1))
    except regimen.ParseError as err:
        assert str(err) == block.group(2)
    else:
        raise AssertionError("the README's error example parses")
