"""Normalisation and tokenizer: text -> tokens, each with its span in the
original text.

Normalisation folds what registries and papers write in many ways (Unicode
dashes and minus, full-width forms, superscripts, registry escapes such as
``\\~``) one character at a time, so every normalised character still knows
where it stood in the original and spans point into the text the user gave.

The tokenizer is one master pattern built from the lexicon tables: phrases
(frequencies, routes, stop phrases, drug names, joining words), cycle
intervals (q3w, q21d), hourly frequencies (q8h), day markers (d, day, days),
quantities (a number and an optional unit: 500mg, 25-30times), and the
punctuation between them. Anything else is a WORD or an OTHER character, for
the parser to place or to report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import Any

from . import lexicon
from .lexicon import fold
from .model import Span


class T(StrEnum):
    """Token kinds."""

    FREQ = "frequency"
    ROUTE = "route"
    STOP = "stop rule"
    DRUG = "drug"
    MODALITY = "modality"
    JOIN = "joining word"
    UNTIL = "until"
    IN = "in"
    TO = "to"
    FILL = "filler"
    PER = "per"
    CYCLE = "cycle"
    DAY = "day marker"
    QTY = "quantity"
    SLASH = "slash"
    DASH = "dash"
    PUNCT = "punctuation"
    WORD = "word"
    OTHER = "character"


@dataclass(frozen=True, slots=True)
class Token:
    kind: T
    text: str  # as written in the original text
    span: Span
    value: Any = None


# One character at a time; a character may become none (an escape's backslash).
_FOLD = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u301c\uff5e", "~"),
    "\u00d7": "x",
    "\u00b5": "\u03bc",  # micro sign and Greek mu are one letter in units
}
_ESCAPED = set("<>~_*[]()")


def normalise(text: str) -> tuple[str, list[int]]:
    """Folded text, and for each of its characters the offset it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\\" and text[i + 1 : i + 2] in _ESCAPED:
            continue
        folded = _FOLD.get(ch) or unicodedata.normalize("NFKC", ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    origin.append(len(text))
    return "".join(out), origin


def _phrase_pattern(phrase: str, glued: bool) -> str:
    words = [re.escape(w) for w in phrase.split()]
    body = r"\s+".join(words)
    body = body.replace("/", r"\s*/\s*")
    head = r"(?<![\w-])" if phrase[0].isalnum() and not glued else ""
    if phrase[-1].isdigit() and glued:
        tail = r"(?!\d)"  # mg/m2 may be glued to what follows: mg/m2ivgtt
    elif phrase[-1].isalnum() or phrase[-1] == ".":
        tail = r"(?![\w])"
    else:
        tail = ""
    return head + body + tail


def _alternation(phrases: list[str], glued: bool = False) -> str:
    """Longest first, so that 'mg/m2' wins over 'mg'; ``glued``: may follow a
    number with no space (500mg)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(_phrase_pattern(p, glued) for p in ordered)


# Phrase tables, in the order that settles an alias listed in two of them.
def _phrase_tables() -> list[tuple[T, dict[str, Any]]]:
    words = lexicon.WORDS
    return [
        (T.STOP, lexicon.STOPS),
        (T.FREQ, lexicon.FREQUENCIES),
        (T.ROUTE, lexicon.ROUTES),
        (T.MODALITY, lexicon.MODALITIES),
        (T.DRUG, lexicon.DRUGS),
        (T.PER, lexicon.PER),
        (T.UNTIL, {w: w for w, role in words.items() if role == "until"}),
        (T.IN, {w: w for w, role in words.items() if role == "in"}),
        (T.TO, {w: w for w, role in words.items() if role == "to"}),
        (T.JOIN, {w: w for w, role in words.items() if role == "joins"}),
        (T.FILL, {w: w for w, role in words.items() if role == "fill"}),
    ]


@cache
def _phrases() -> dict[str, tuple[T, Any]]:
    table: dict[str, tuple[T, Any]] = {}
    for kind, rows in _phrase_tables():
        for alias, value in rows.items():
            table.setdefault(alias, (kind, value))
    return table


@cache
def master_pattern() -> re.Pattern[str]:
    units = _alternation(list(lexicon.UNITS), glued=True)
    interval = "|".join(sorted(map(re.escape, lexicon.INTERVAL_UNITS), key=len, reverse=True))
    hour_prefix = "|".join(map(re.escape, lexicon.HOURLY_PREFIXES))
    hour_suffix = "|".join(sorted(map(re.escape, lexicon.HOURLY_SUFFIXES), key=len, reverse=True))
    parts = [
        rf"(?P<phrase>{_alternation(list(_phrases()))})",
        rf"(?<![\w-])(?:q|every\s+)(?P<cycle_n>\d+)\s*(?P<cycle_u>{interval})(?![\w])",
        rf"(?<![\w-])(?:{hour_prefix})(?P<hours>\d+)\s*(?:{hour_suffix})(?![\w])",
        r"(?<![\w])(?P<day>days?|d)(?=\s*\d)",
        r"(?P<word>[^\W\d_][\w]*(?:[-'][\w]+)*|\d+-[^\W\d_]{2,}(?:[-'][\w]+)*)",
        rf"(?P<number>\d+(?:\.\d+)?)(?:\s*(?P<unit>{units}))?",
        r"(?P<slash>/)",
        r"(?P<dash>[-~])",
        r"(?P<punct>[().:\[\]])",
        r"(?P<other>\S)",
    ]
    return re.compile("|".join(parts), re.IGNORECASE)


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``; whitespace separates them and is dropped."""
    norm, origin = normalise(text)
    tokens: list[Token] = []
    for m in master_pattern().finditer(norm):
        start, end = m.span()
        span = Span(origin[start], origin[end - 1] + 1)
        tokens.append(_token(m, text[span.start : span.end], span))
    return tokens


def _token(m: re.Match[str], written: str, span: Span) -> Token:
    group = m.lastgroup
    if group == "phrase":
        kind, value = _phrases()[_key(m.group())]
        return Token(kind, written, span, value)
    if m.group("cycle_n") is not None:
        days = int(m.group("cycle_n")) * lexicon.INTERVAL_UNITS[m.group("cycle_u").lower()]
        return Token(T.CYCLE, written, span, days)
    if m.group("hours") is not None:
        hours = int(m.group("hours"))
        if hours == 0 or (24 % hours and hours % 24):
            return Token(T.WORD, written, span)  # q5h: no whole number of doses a day
        per_day, every_days = max(1, 24 // hours), max(1, hours // 24)
        return Token(T.FREQ, written, span, (f"q{hours}h", per_day, every_days))
    if m.group("day") is not None:
        return Token(T.DAY, written, span)
    if m.group("number") is not None:
        unit = m.group("unit")
        value = (float(m.group("number")), *(lexicon.UNITS[_key(unit)] if unit else (None, None)))
        return Token(T.QTY, written, span, value)
    kinds = {"slash": T.SLASH, "dash": T.DASH, "punct": T.PUNCT, "word": T.WORD}
    return Token(kinds.get(group or "", T.OTHER), written, span)


def _key(matched: str) -> str:
    """The table key of a matched phrase or unit: 'mg / m2' -> 'mg/m2'."""
    return fold(re.sub(r"\s*/\s*", "/", matched))
