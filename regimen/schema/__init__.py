"""The JSON Schema (draft 2020-12) of ``Regimen.to_dict()``: ``regimen-1.schema.json``
beside this module, shipped with the package."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

FILE = "regimen-1.schema.json"


def load() -> dict[str, Any]:
    """The schema of the ``regimen/1`` document, as a dict (a fresh copy each call)."""
    schema = json.loads(resources.files(__package__).joinpath(FILE).read_text(encoding="utf-8"))
    if not isinstance(schema, dict):
        raise TypeError(f"{FILE} does not hold a JSON object")
    return schema
