"""The sample calendars in calendars/ are what the examples produce today."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "examples" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_calendars_are_up_to_date() -> None:
    rendered = load("make_calendars").render()
    assert sorted(rendered) == sorted(p.name for p in (ROOT / "calendars").iterdir())
    stale = [name for name, data in rendered.items()
             if (ROOT / "calendars" / name).read_bytes() != data]
    assert stale == [], "run: python examples/make_calendars.py"


def test_library_example_runs() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "examples" / "library_use.py")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "BEGIN:VCALENDAR" in done.stdout
    assert "tentative" not in done.stderr
