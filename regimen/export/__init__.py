"""Schedule -> files: iCalendar (``ics``) and CSV (``csv``), written atomically."""

from __future__ import annotations

from .files import WriteError, write_atomic

__all__ = ["WriteError", "write_atomic"]
