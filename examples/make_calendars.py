"""Write the sample calendars in calendars/ from the seed arms in this folder.

    python examples/make_calendars.py

The samples are fixed in every detail (start date, horizon, time zone and the
DTSTAMP of each event), so the same code gives the same bytes; a test
(tests/test_samples.py) fails when calendars/ is out of date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import regimen

HERE = Path(__file__).resolve().parent
CALENDARS = HERE.parent / "calendars"
DTSTAMP = datetime(2026, 12, 1, tzinfo=UTC)

# name -> (text file, start date, cycles, time zone, calendar name)
SAMPLES = {
    "seed-arm-a": ("seed-arm-a.txt", date(2026, 12, 7), 2, "Asia/Shanghai",
                   "NCT03320629 arm A: apatinib + S-1 + radiotherapy"),
    "seed-arm-b": ("seed-arm-b.txt", date(2026, 12, 7), 2, "Asia/Shanghai",
                   "NCT03320629 arm B: S-1 + radiotherapy"),
}


def render() -> dict[str, bytes]:
    """File name -> contents of every sample."""
    files: dict[str, bytes] = {}
    for name, (source, start, cycles, tz, title) in SAMPLES.items():
        text = (HERE / source).read_text(encoding="utf-8").strip()
        plan = regimen.schedule(regimen.parse(text), start=start, cycles=cycles, tz=tz)
        files[f"{name}.ics"] = regimen.to_ics(plan, name=title, dtstamp=DTSTAMP)
        files[f"{name}.csv"] = regimen.to_csv(plan).encode("utf-8")
    return files


def main() -> None:
    CALENDARS.mkdir(exist_ok=True)
    for filename, data in render().items():
        (CALENDARS / filename).write_bytes(data)
        print(f"wrote calendars/{filename}")


if __name__ == "__main__":
    main()
