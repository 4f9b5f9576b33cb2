"""Tokens -> regimen model.

A small state machine over the tokens of :mod:`regimen.lex`:

- a drug name, a radiotherapy word or a procedure opens a component; the
  doses, frequencies, routes, days and cycles that follow belong to it until
  the next one opens;
- facts written before their drug ("75 mg/m2 of docetaxel", "weekly
  cisplatin", "IV or subcutaneous bortezomib") wait for it;
- a schedule written after several drugs ("docetaxel 60 mg/m2, nedaplatin
  80 mg/m2 ivgtt d1, q3w") reaches back to the drugs of its group that lack
  one; "followed by" starts the next phase and a new group;
- markers ("every", "for", "up to", "x", "over", "repeated") tell what the
  amount after them is: a cycle, a duration, a count;
- "until" opens the stopping rules; disease, population and group words are
  kept as context.

Every token is either placed or reported. ``parse(text)`` raises
:class:`ParseError` at the first part it cannot place; ``parse(text,
strict=False)`` reports each such part as a warning and goes on.

The reader is split by what it reads: ``state`` (drafts, openers, how a fact
finds its component), ``amounts``, ``days``, ``prose`` (tables, phases,
context, stopping rules) and ``parser`` (the loop and the final checks).
"""

from __future__ import annotations

from ..lex import tokenize
from ..model import Regimen
from .errors import ParseError, render_at
from .parser import Parser

__all__ = ["ParseError", "parse", "render_at"]


def parse(text: str, strict: bool = True) -> Regimen:
    """Read a regimen from its dosing text.

    Strict (the default): raise :class:`ParseError` at the first part that
    cannot be placed. Lenient (``strict=False``): return all that was
    understood, with each part that was not as a warning in ``notices``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes the regimen text as str, not {type(text).__name__}")
    return Parser(text, tokenize(text), strict).regimen()
