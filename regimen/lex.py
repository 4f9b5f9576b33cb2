"""Normalisation and tokenizer: text -> tokens, each with its span in the
original text.

Normalisation folds what registries and papers write in many ways (Unicode
dashes and minus, full-width forms, superscripts, registry escapes such as
``\\~``) one character at a time, so every normalised character still knows
where it stood in the original and spans point into the text the user gave.

The tokenizer is one master pattern built from the lexicon tables: phrases
(frequencies, routes, stop phrases, drug names, the words of dosing prose),
cycle intervals (q3w, Q21d), hourly frequencies (q8h), day markers (d, day,
days), numbers (500, 1,000, 6 ½, four), units (mg/m2, Gy, cycles, weeks),
and the punctuation between them. Anything else is a WORD or an OTHER
character, for the parser to place or to report.
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
    """Token kinds. Those named after a role of ``words.toml`` carry that role."""

    NUMBER = "number"
    UNIT = "unit"
    PREFIX = "unit before a number"
    PER = "per"
    FREQ = "frequency"
    ROUTE = "route"
    STOP = "stop rule"
    DRUG = "drug"
    MODALITY = "radiotherapy"
    SITE = "radiotherapy site"
    PROCEDURE = "procedure"
    CONTEXT = "context"
    WEEKDAYS = "treatment days"
    CYCLE = "cycle"
    DAY = "day marker"
    DASH = "dash"
    SLASH = "slash"
    LPAREN = "("
    RPAREN = ")"
    PUNCT = "punctuation"
    WORD = "word"
    OTHER = "character"
    # roles of words.toml
    JOIN = "join"
    SEP = "sep"
    PHASE = "phase"
    UNTIL = "until"
    IN = "in"
    TO = "to"
    EVERY = "every"
    FOR = "for"
    MAX = "max"
    TIMES = "times"
    OVER = "over"
    REPEAT = "repeat"
    REST = "rest"
    ON = "on"
    CONCURRENT = "concurrent"
    LOADING = "loading"
    MAINTENANCE = "maintenance"
    COMPARE = "compare"
    ADJECTIVE = "adjective"
    FRACTION_OF = "fraction_of"
    NOT = "not"
    MIN = "min"
    PER_DAY = "per_day"
    DIVIDED = "divided"
    FIRST_DAY = "first_day"
    ORDINAL = "ordinal"
    FILL = "fill"


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
    **dict.fromkeys("\u2018\u2019\u02bc", "'"),  # patient\u2019s
    "\u00a0": " ",
    "\t": " ",
    "\u2009": " ",
    "\u202f": " ",
    # keep the vulgar fractions whole: NFKC spells them with a fraction slash
    **{c: c for c in "\u00bd\u00bc\u00be"},
}
_ESCAPED = set("<>~_*[]()=#+-^")
VULGAR = {"\u00bd": 0.5, "\u00bc": 0.25, "\u00be": 0.75}


def normalise(text: str) -> tuple[str, list[int]]:
    """Folded text, and for each of its characters the offset it came from."""
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        if ch == "\\" and text[i + 1 : i + 2] in _ESCAPED:
            continue
        if ch in " \t" and out and out[-1] == " ":
            continue  # odd spacing: "40  mg" reads as "40 mg"
        folded = _FOLD.get(ch) or unicodedata.normalize("NFKC", ch)
        out.append(folded)
        origin.extend([i] * len(folded))
    origin.append(len(text))
    return "".join(out), origin


_LETTER = r"[^\W\d_]"


def _head(phrase: str, unit: bool) -> str:
    """What may not stand before a phrase: a phrase may follow a digit
    (m2ivgtt), not a letter or a hyphen (a unit may follow a hyphen: 21-day)."""
    if phrase[0].isdigit():
        return r"(?<![\w.-])"
    if phrase[0].isalpha():
        return rf"(?<!{_LETTER})" if unit else rf"(?<!{_LETTER}|-)"
    return ""


def _phrase_pattern(phrase: str, closed_tail: bool = False, unit: bool = False) -> str:
    """A phrase with any run of spaces between its words, and the boundary at
    its end."""
    body = r"\s+".join(re.escape(w) for w in phrase.split())
    body = body.replace("/", r"\s*/\s*")
    if phrase[-1] == ".":
        tail = ""  # "i.v.DDP": the dot ends it
    elif phrase[-1].isalpha():
        # not glued to a word: "cisplatin-based" is not cisplatin
        if closed_tail:
            tail = r"(?!\w)"
        elif unit:  # "40mg-60mg": a unit may end a range's first number
            tail = rf"(?!{_LETTER})"
        else:
            tail = rf"(?!{_LETTER}|-\w)"
    elif phrase[-1].isdigit():
        tail = r"(?!\d)"
    else:
        tail = ""
    return body + tail


def _alternation(phrases: list[str], closed_tail: bool = False, unit: bool = False) -> str:
    """Longest first, so that 'twice daily' wins over 'twice' and 'mg/m2' over 'mg';
    phrases that start alike share one look-behind, which keeps the pattern fast."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    groups: dict[str, list[str]] = {}
    for p in ordered:
        groups.setdefault(_head(p, unit), []).append(_phrase_pattern(p, closed_tail, unit))
    return "|".join(f"{head}(?:{'|'.join(alts)})" for head, alts in groups.items())


def _roles(role: str) -> dict[str, str]:
    return {w: w for w, r in lexicon.WORDS.items() if r == role}


def _phrase_tables() -> list[tuple[T, dict[str, Any]]]:
    """Every phrase table, with the token kind its phrases make."""
    tables: list[tuple[T, dict[str, Any]]] = [
        (T.STOP, lexicon.STOPS),
        (T.FREQ, lexicon.FREQUENCIES),
        (T.ROUTE, lexicon.ROUTES),
        (T.MODALITY, lexicon.MODALITIES),
        (T.SITE, lexicon.SITES),
        (T.PROCEDURE, lexicon.PROCEDURES),
        (T.DRUG, lexicon.DRUGS),
        (T.CONTEXT, lexicon.CONTEXT),
        (T.WEEKDAYS, lexicon.WEEKDAYS),
        (T.CYCLE, lexicon.NAMED_CYCLES),
        (T.COMPARE, lexicon.COMPARISONS),
    ]
    roles = {t.value: t for t in T}
    for role in dict.fromkeys(lexicon.WORDS.values()):
        tables.append((roles[role], _roles(role)))
    return tables


@cache
def _phrases() -> dict[str, tuple[T, Any]]:
    table: dict[str, tuple[T, Any]] = {}
    for kind, rows in _phrase_tables():
        for alias, value in rows.items():
            table.setdefault(alias, (kind, value))
    return table


@cache
def master_pattern() -> re.Pattern[str]:
    long_units = [u for u in lexicon.UNITS if len(u) > 2 and u != "#"]
    short_units = [u for u in lexicon.UNITS if len(u) <= 2 or u == "#"]
    interval = "|".join(sorted(map(re.escape, lexicon.INTERVAL_UNITS), key=len, reverse=True))
    hour_prefix = "|".join(map(re.escape, lexicon.HOURLY_PREFIXES))
    hour_suffix = "|".join(sorted(map(re.escape, lexicon.HOURLY_SUFFIXES), key=len, reverse=True))
    vulgar = "".join(VULGAR)
    numwords = "|".join(re.escape(w).replace(r"\ ", r"\s+")
                        for w in sorted(lexicon.NUMBERS, key=len, reverse=True))
    # two-letter units that may follow a number word: "Forty-five Gy"
    after_word = [u for u in short_units if u in ("gy", "mg", "ml", "fx", "wk", "hr")]
    parts = [
        # q3w, Q21d, Q14 days; may be glued to what follows (Q2W2cycles)
        rf"(?<!{_LETTER})[qQ]\s?(?P<cycle_n>\d+)\s*(?P<cycle_u>{interval})(?!{_LETTER})",
        rf"(?<!{_LETTER})(?:{hour_prefix})(?P<hours>\d+)\s*(?:{hour_suffix})(?!{_LETTER})",
        rf"(?<!{_LETTER})(?P<day>days?|d)(?=\s*\d)",
        rf"(?<!{_LETTER})(?P<prefix>{_alternation(list(lexicon.PREFIX_UNITS), unit=True)})"
        r"(?=\s*(?:[(\[]auc[)\]])?\s*(?:of|[=:,-])?\s*\d)",
        rf"(?P<per>{_alternation(list(lexicon.PER), closed_tail=True)})",
        rf"(?P<phrase>{_alternation(list(_phrases()))})",
        # a number word may take a unit after a hyphen: "three-week"
        rf"(?P<numword>(?<!{_LETTER}|-)(?:{numwords})(?!{_LETTER}))",
        r"(?P<ordinal>\d+(?:st|nd|rd|th))(?!\w)",
        # numbers: 1,000 / 1 000 mg / 2.5 / 6 ½ / ½
        r"(?P<number>\d{1,3}(?:,\d{3})+(?!\d)"
        rf"|(?<!\w)\d{{1,3}}(?: \d{{3}})+(?=\s*{_LETTER})"
        rf"|\d+(?:[.\u00b7]\d+)?(?:\s*[{vulgar}])?|\.\d+|[{vulgar}])",
        rf"(?P<unit>(?:(?<=\w)-)?(?:{_alternation(long_units, unit=True)})"
        rf"|(?:(?<=\d)|(?<=\d\s))(?:{_alternation(short_units, unit=True)})"
        rf"|(?<={_LETTER}\s)(?:{_alternation(after_word, unit=True)})"
        rf"|(?<=\d)-(?:{_alternation([u for u in short_units if u != 'd'], unit=True)}))",
        r"(?P<dash>[-~])",
        r"(?P<slash>/)",
        r"(?P<lparen>[(\[])",
        r"(?P<rparen>[)\]])",
        r"(?P<punct>[.:])",
        rf"(?P<word>{_LETTER}\w*(?:['\u2019]\w+)*(?:-\w+)*|\d+-{_LETTER}{{2,}}[\w-]*)",
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


_SIMPLE = {"dash": T.DASH, "slash": T.SLASH, "lparen": T.LPAREN, "rparen": T.RPAREN,
           "punct": T.PUNCT, "word": T.WORD, "day": T.DAY}


def _token(m: re.Match[str], written: str, span: Span) -> Token:
    group = m.lastgroup or "other"
    matched = m.group(group) if group in m.groupdict() else m.group()
    if group == "phrase":
        kind, value = _phrases()[_key(matched)]
        return Token(kind, written, span, value)
    if group == "per":
        return Token(T.PER, written, span, lexicon.PER[_key(matched)])
    if group == "prefix":
        return Token(T.PREFIX, written, span, lexicon.PREFIX_UNITS[_key(matched)])
    if group == "unit":
        return Token(T.UNIT, written, span, lexicon.UNITS[_key(matched.lstrip("-"))])
    if group == "number":
        return Token(T.NUMBER, written, span, _number(matched))
    if group == "ordinal":
        return Token(T.ORDINAL, written, span, int(matched[:-2]))
    if group == "numword":
        return Token(T.NUMBER, written, span, lexicon.NUMBERS[_key(matched)])
    if m.group("cycle_n") is not None:
        days = int(m.group("cycle_n")) * lexicon.INTERVAL_UNITS[m.group("cycle_u").lower()]
        return Token(T.CYCLE, written, span, (days, None))
    if m.group("hours") is not None:
        hours = int(m.group("hours"))
        if hours == 0 or (24 % hours and hours % 24):
            return Token(T.WORD, written, span)  # q5h: no whole number of doses a day
        row = lexicon.FrequencyRow(f"q{hours}h", max(1, 24 // hours), max(1, hours // 24), None)
        return Token(T.FREQ, written, span, row)
    return Token(_SIMPLE.get(group, T.OTHER), written, span)


def _number(text: str) -> float:
    vulgar = VULGAR.get(text[-1], 0.0)
    digits = text.rstrip("".join(VULGAR)).strip().replace(",", "").replace(" ", "")
    digits = digits.replace("\u00b7", ".")  # "1·5": a middle dot as the decimal point
    return (float(digits) if digits else 0.0) + vulgar


def _key(matched: str) -> str:
    """The table key of a matched phrase or unit: 'mg / m2' -> 'mg/m2'."""
    return fold(re.sub(r"\s*/\s*", "/", matched))
