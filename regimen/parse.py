"""Tokens -> regimen model.

A small state machine over the tokens of :mod:`regimen.lex`. A drug name or a
radiotherapy word opens a component; the doses, frequencies, routes, cycle
days and cycle lengths that follow belong to it until the next one opens;
``until`` opens the stopping rules. Every token is either placed or reported:
a word the parser cannot place raises :class:`ParseError` with its span.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .lex import T, Token, tokenize
from .lexicon import DRUG_STEMS, fold
from .model import (
    ATTRIBUTES,
    Component,
    Count,
    Cycle,
    CycleDays,
    Dose,
    Frequency,
    Kind,
    Notice,
    Per,
    Range,
    Regimen,
    Route,
    Span,
    StopRule,
)

# Limits that keep a typo from becoming a calendar of a million rows.
MAX_DAY = 3660
MAX_CYCLES = 1000
MAX_FRACTIONS = 100


class ParseError(ValueError):
    """Text that cannot be read, with the span of the part not understood.

    ``str(err)`` renders like a compiler message: the reason, then the line of
    text with carets under the span.
    """

    def __init__(self, reason: str, text: str, span: Span) -> None:
        self.reason = reason
        self.text = text
        self.span = span
        super().__init__(self.render())

    def render(self) -> str:
        return render_at(self.reason, self.text, self.span)


def render_at(reason: str, text: str, span: Span) -> str:
    """``reason``, then the line of ``text`` holding ``span`` with carets under it."""
    line_start = text.rfind("\n", 0, span.start) + 1
    line_end = text.find("\n", span.start)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end].replace("\t", " ")
    width = max(1, min(span.end, line_end) - span.start)
    return f"{reason}\n{line}\n{' ' * (span.start - line_start)}{'^' * width}"


def parse(text: str) -> Regimen:
    """Read a regimen from its dosing text; raise :class:`ParseError` on any
    part that cannot be placed."""
    if not isinstance(text, str):
        raise TypeError(f"parse() takes the regimen text as str, not {type(text).__name__}")
    return _Parser(text, tokenize(text)).regimen()


@dataclass
class _Draft:
    """A component being read: its value so far, and what to tell the reader."""

    component: Component
    notices: list[Notice] = field(default_factory=list)

    def put(self, attr: str, value: Any) -> None:
        self.component = replace(self.component, **{attr: value})

    def freeze(self) -> Component:
        """The component, its span covering its name and every attribute read."""
        c = self.component
        span = c.span
        for attr in ATTRIBUTES:
            span = span.cover(getattr(getattr(c, attr), "span", None))
        return replace(c, span=span)


# What each attribute is called in a message.
_LABEL = {
    "dose": "dose", "route": "route", "frequency": "frequency", "days": "cycle days",
    "cycle": "cycle length", "cycles": "number of cycles", "total_dose": "total dose",
    "fractions": "number of fractions", "fraction_dose": "dose per fraction",
}


class _Parser:
    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.pos = 0
        self.drafts: list[_Draft] = []
        self.stop: list[StopRule] = []

    # -- token access -------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token | None:
        i = self.pos + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def next(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def error(self, what: str, span: Span, why: str = "") -> ParseError:
        """'<what> (position N): <why>', as a compiler says it."""
        where = f"{what} (position {span.start})"
        return ParseError(f"{where}: {why}" if why else where, self.text, span)

    def cannot_read(self, tok: Token, why: str) -> ParseError:
        return self.error(f"cannot read {tok.text!r}", tok.span, why)

    @property
    def current(self) -> _Draft | None:
        return self.drafts[-1] if self.drafts else None

    # -- the regimen --------------------------------------------------------
    def regimen(self) -> Regimen:
        while (tok := self.peek()) is not None:
            self.item(tok)
        if not self.drafts:
            why = "no drug or radiotherapy in it" if self.text.strip() else "it is empty"
            raise self.error("nothing to schedule", Span(0, len(self.text)), why)
        components = tuple(self.check(d) for d in self.drafts)
        notices = tuple(n for d in self.drafts for n in d.notices)
        return Regimen(self.text, components, tuple(self.stop), notices)

    def item(self, tok: Token) -> None:
        kind = tok.kind
        if kind is T.DRUG:
            self.open(self.next(), Kind.DRUG)
        elif kind is T.MODALITY:
            self.open(self.next(), Kind.RADIOTHERAPY)
        elif kind is T.WORD:
            self.word(tok)
        elif kind is T.QTY:
            self.quantity()
        elif kind is T.FREQ:
            code, per_day, every = tok.value
            self.set("frequency", Frequency(code, per_day, every, tok.span), self.next())
        elif kind is T.ROUTE:
            self.set("route", Route(tok.value, tok.span), self.next())
        elif kind is T.CYCLE:
            if not 1 <= tok.value <= MAX_DAY:
                raise self.cannot_read(tok, f"a cycle must be 1 to {MAX_DAY} days long")
            self.set("cycle", Cycle(tok.value, tok.span), self.next())
        elif kind is T.DAY:
            self.days()
        elif kind is T.UNTIL:
            self.until()
        elif kind in (T.JOIN, T.FILL, T.PUNCT):
            self.next()  # joins and frames components; says nothing of its own
        elif kind is T.STOP:
            raise self.cannot_read(tok, "a stopping rule must follow 'until'")
        else:
            raise self.cannot_read(tok, "not a dose, frequency, route or drug")

    def open(self, tok: Token, kind: Kind) -> _Draft:
        draft = _Draft(Component(tok.text, kind, tok.span, name_span=tok.span))
        self.drafts.append(draft)
        return draft

    def word(self, tok: Token) -> None:
        """An unlisted word is a drug when it has a drug's ending or a dose follows it."""
        dose_follows = self.quantity_unit_kind(1) == "dose"
        has_stem = any(fold(tok.text).endswith(stem) for stem in DRUG_STEMS) and len(tok.text) > 5
        if not (dose_follows or has_stem):
            raise self.cannot_read(tok, "not a dose, frequency, route or drug")
        draft = self.open(self.next(), Kind.DRUG)
        if not has_stem:
            draft.notices.append(Notice(
                f"{tok.text!r} is not a drug name this parser knows; read as one because a "
                "dose follows it", tok.span))

    def set(self, attr: str, value: Any, tok: Token | Span) -> None:
        span = tok.span if isinstance(tok, Token) else tok
        draft = self.current
        if draft is None:
            raise self.error(f"{_LABEL[attr]} {span.of(self.text)!r} before any drug or "
                             "radiotherapy", span)
        old = getattr(draft.component, attr)
        if old is not None:
            was = old.span.of(self.text) if old.span else "another"
            raise self.error(f"conflicting {_LABEL[attr]} for {draft.component.name}", span,
                             f"{span.of(self.text)!r} after {was!r}")
        if draft.component.kind is Kind.RADIOTHERAPY and attr in ("dose", "frequency", "route"):
            raise self.error(f"a drug's {_LABEL[attr]} inside the radiotherapy course", span)
        draft.put(attr, value)

    # -- numbers ------------------------------------------------------------
    def quantity_unit_kind(self, ahead: int = 0) -> str | None:
        """The unit kind of the number (or number range) starting ``ahead`` tokens on."""
        tok = self.peek(ahead)
        if tok is None or tok.kind is not T.QTY:
            return None
        sep, hi = self.peek(ahead + 1), self.peek(ahead + 2)
        if tok.value[1] is None and sep is not None and sep.kind in (T.DASH, T.TO) \
                and hi is not None and hi.kind is T.QTY:
            return hi.value[2]  # type: ignore[no-any-return]
        return tok.value[2]  # type: ignore[no-any-return]

    def number_range(self) -> tuple[Range, str | None, str | None, Span]:
        """'40-60mg', '50 to 60 Gy', '500mg': the range, unit, unit kind and span."""
        lo = self.next()
        value, unit, unit_kind = lo.value
        span = lo.span
        hi_value = value
        sep, hi = self.peek(), self.peek(1)
        if sep is not None and sep.kind in (T.DASH, T.TO) and hi is not None and hi.kind is T.QTY:
            self.pos += 2
            hi_value, hi_unit, hi_kind = hi.value
            if unit is not None and hi_unit is not None and hi_unit != unit:
                raise self.error(f"a range from {unit} to {hi_unit}", lo.span.cover(hi.span))
            unit, unit_kind = hi_unit or unit, hi_kind or unit_kind
            span = span.cover(hi.span)
        if hi_value < value:
            raise self.error(f"the range {span.of(self.text)!r} runs backwards", span)
        return Range(value, hi_value), unit, unit_kind, span

    def quantity(self) -> None:
        first = self.peek()
        assert first is not None
        amount, unit, unit_kind, span = self.number_range()
        if unit is None:
            raise self.error(f"the number {span.of(self.text)!r}", span,
                             "it has no unit (mg, mg/m2, Gy, cycles ...)")
        if unit_kind in ("dose", "radiation") and amount.min <= 0:
            raise self.error(f"a dose of {amount} {unit}", span)
        if unit_kind == "dose":
            per, span = self.per(span)
            self.set("dose", Dose(amount, unit, per, span), span)
        elif unit_kind == "radiation":
            self.radiation(amount, unit, span, first)
        elif unit_kind == "fraction":
            self.count("fractions", amount, span, MAX_FRACTIONS)
        elif unit_kind == "cycle":
            self.count("cycles", amount, span, MAX_CYCLES)

    def per(self, span: Span) -> tuple[Per, Span]:
        tok = self.peek()
        if tok is not None and tok.kind is T.PER:
            self.next()
            return Per(tok.value), span.cover(tok.span)
        return Per.ADMINISTRATION, span

    def count(self, attr: str, amount: Range, span: Span, limit: int) -> None:
        if not amount.min.is_integer() or not amount.max.is_integer() or amount.min < 1:
            raise self.error(f"{_LABEL[attr]} must be a whole number, 1 or more", span)
        if amount.max > limit:
            raise self.error(f"{_LABEL[attr]} {amount} is more than {limit}", span)
        self.set(attr, Count(amount, span), span)

    def radiation(self, amount: Range, unit: str, span: Span, first: Token) -> None:
        """'50-60Gy/25-30times', '60 Gy in 30 fractions', '2 Gy/F'."""
        if self.current is None or self.current.component.kind is not Kind.RADIOTHERAPY:
            # A dose in Gy is radiotherapy even where the text does not name it.
            self.drafts.append(_Draft(Component("radiotherapy", Kind.RADIOTHERAPY, first.span)))
        per, span = self.per(span)
        if per is Per.FRACTION:
            self.set("fraction_dose", Dose(amount, unit, per, span), span)
            return
        if per is Per.DAY:
            raise self.error("a radiation dose per day: give the dose per fraction", span)
        self.set("total_dose", Dose(amount, unit, Per.ADMINISTRATION, span), span)
        link = self.peek()
        if link is not None and link.kind in (T.SLASH, T.IN) \
                and self.quantity_unit_kind(1) == "fraction":
            self.next()
            self.quantity()

    # -- days ---------------------------------------------------------------
    def days(self) -> None:
        """'d1-14', 'D1-D14', 'd1,8', 'days 1, 8': days of the cycle."""
        start = self.next().span
        days: list[int] = []
        span = start
        while True:
            tok = self.peek()
            if tok is None or tok.kind is not T.QTY:
                raise self.error("a day marker with no day number", span)
            if tok.value[1] is not None:
                raise self.cannot_read(tok, "a day number carries no unit")
            first = self.day_number(self.next())
            last = first
            sep = self.peek()
            if sep is not None and sep.kind in (T.DASH, T.TO):
                self.next()
                if (mark := self.peek()) is not None and mark.kind is T.DAY:
                    self.next()
                end_tok = self.peek()
                if end_tok is None or end_tok.kind is not T.QTY or end_tok.value[1] is not None:
                    raise self.error("a day range with no last day", sep.span)
                last = self.day_number(self.next())
                if last < first:
                    raise self.error(f"the day range {first}-{last} runs backwards",
                                     tok.span.cover(end_tok.span))
            span = span.cover(self.tokens[self.pos - 1].span)
            days.extend(range(first, last + 1))
            comma, more = self.peek(), self.peek(1)
            if comma is not None and comma.text == "," and more is not None and (
                    more.kind is T.DAY or (more.kind is T.QTY and more.value[1] is None)):
                self.next()
                if more.kind is T.DAY:
                    self.next()
                continue
            break
        if len(set(days)) != len(days):
            raise self.error("a day listed twice", span)
        self.set("days", CycleDays(tuple(sorted(days)), span), span)

    def day_number(self, tok: Token) -> int:
        value = tok.value[0]
        if not value.is_integer() or not 1 <= value <= MAX_DAY:
            raise self.cannot_read(tok, f"a day must be a whole number from 1 to {MAX_DAY}")
        return int(value)

    # -- stopping rules -----------------------------------------------------
    def until(self) -> None:
        """'until disease progression or intolerable toxicity ...'."""
        until = self.next()
        found = 0
        while (tok := self.peek()) is not None:
            if tok.kind is T.STOP:
                self.stop.append(StopRule(tok.value, self.next().span))
                found += 1
            elif tok.kind in (T.JOIN, T.FILL) or tok.text == ",":
                self.next()
            elif tok.kind is T.PUNCT and tok.text == ".":
                break
            else:
                raise self.cannot_read(tok, "not a stopping rule (progression, toxicity, "
                                            "withdrawal of consent, death, completion)")
        if not found:
            raise self.cannot_read(until, "no stopping rule follows it")

    # -- checks on the whole component --------------------------------------
    def check(self, draft: _Draft) -> Component:
        c = draft.component
        if c.kind is Kind.DRUG and c.dose is None:
            draft.notices.append(Notice(f"no dose given for {c.name}", c.span))
        if c.kind is Kind.RADIOTHERAPY and c.fractions is None:
            draft.notices.append(Notice("no number of fractions given for the radiotherapy",
                                        c.span))
        if c.days and c.cycle and c.days.days[-1] > c.cycle.length_days:
            assert c.days.span is not None
            raise self.error(f"day {c.days.days[-1]} is past the end of a "
                             f"{c.cycle.length_days}-day cycle", c.days.span)
        if c.frequency and c.cycle and c.frequency.every_days > c.cycle.length_days:
            assert c.frequency.span is not None
            raise self.error("the frequency is longer than the cycle", c.frequency.span)
        return draft.freeze()
