"""Use regimen from Python: parse an arm, look at it, lay it out, export it.

    python examples/library_use.py
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import regimen

text = Path(__file__).with_name("seed-arm-b.txt").read_text(encoding="utf-8").strip()

# 1. Parse: every component with its dose, route, frequency, days and cycle.
arm = regimen.parse(text)
for component in arm.components:
    print(component.name, component.dose or component.total_dose, component.cycle_days)
print("stop when:", ", ".join(arm.stop_kinds))
print(json.dumps(arm.to_dict()["components"][0], indent=2)[:300], "...")

# 2. Schedule: one row per dose or fraction, as a pandas DataFrame.
plan = regimen.schedule(arm, start=date(2026, 12, 7), cycles=2, tz="Asia/Shanghai")
frame = plan.frame
print(frame.groupby("component").size())
print(frame.loc[frame.status == "tentative", ["date", "component", "fraction"]])

# 3. Export: an iCalendar file for the patient, a CSV table for the team.
print(regimen.to_ics(plan).decode()[:200], "...")
print(regimen.to_csv(plan).splitlines()[0])
