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
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from . import lexicon
from .lex import T, Token, tokenize
from .lexicon import DRUG_CODE, DRUG_STEMS, DRUGS, MODALITY_PATTERN, SALTS, fold
from .model import (
    ATTRIBUTES,
    Component,
    Context,
    Count,
    Cycle,
    CycleDays,
    Dose,
    DoseBand,
    Duration,
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
MAX_AMOUNT = 1e7


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


def parse(text: str, strict: bool = True) -> Regimen:
    """Read a regimen from its dosing text.

    Strict (the default): raise :class:`ParseError` at the first part that
    cannot be placed. Lenient (``strict=False``): return all that was
    understood, with each part that was not as a warning in ``notices``.
    """
    if not isinstance(text, str):
        raise TypeError(f"parse() takes the regimen text as str, not {type(text).__name__}")
    return _Parser(text, tokenize(text), strict).regimen()


@dataclass
class _Draft:
    """A component being read: its value so far, and what the parser still
    needs to know about how it was written."""

    component: Component
    notices: list[Notice] = field(default_factory=list)
    on_days: int | None = None  # "for 2 weeks" / "4 weeks on", waiting for a rest period
    name_token: int = -1  # index of the name's token
    companion_of: _Draft | None = None  # ", in combination with Y,": the drug Y goes with

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
    "daily_dose": "daily dose", "loading_dose": "loading dose", "cap": "dose cap",
    "infusion": "infusion time", "duration": "duration", "per_week": "fractions a week",
    "site": "site", "technique": "technique", "concurrent": "concurrency",
    "doses": "number of doses",
}
# Attributes a schedule written after several drugs gives to those of its group
# that lack them.
_SHARED = ("days", "cycle", "cycles", "doses", "route", "concurrent", "frequency")
# Tokens that can stand between a fact written before its drug and the drug.
_LEADING = {T.NUMBER, T.UNIT, T.PER, T.DASH, T.TO, T.FILL, T.ROUTE, T.FREQ, T.PREFIX, T.OTHER,
            T.CONCURRENT, T.SITE, T.ADJECTIVE, T.LOADING, T.MAINTENANCE}
_OPENERS = {T.DRUG, T.MODALITY, T.PROCEDURE}
_MARKERS = {T.EVERY, T.FOR, T.MAX, T.MIN, T.PER_DAY, T.DIVIDED, T.TIMES, T.OVER, T.REPEAT,
            T.IN, T.ON, T.LOADING, T.MAINTENANCE, T.COMPARE, T.CONCURRENT, T.REST, T.TO,
            T.FRACTION_OF}



def _without_suffix(name: str) -> str:
    """'govitecan-hziy' -> 'govitecan': the four-letter suffix the FDA adds to biologics."""
    return re.sub(r"-[a-z]{4}$", "", name)


def _drug_like(word: str) -> bool:
    """A word not in the drug table that is written as a drug's name: an INN ending
    (-tinib, -mab, -platin ...) or an investigational code (SHR-1210)."""
    base = _without_suffix(fold(word))  # "trastuzumab-dkst"
    stem = len(word) > 5 and (base in DRUGS or any(base.endswith(s) for s in DRUG_STEMS))
    return stem or re.fullmatch(DRUG_CODE, word) is not None


def _same(a: Any, b: Any) -> bool:
    """Equal but for the spans they were read from."""
    if hasattr(a, "span") and hasattr(b, "span"):
        return bool(replace(a, span=None) == replace(b, span=None))
    return bool(a == b)


def _days_of(amount: Range, unit: str) -> int | None:
    per = lexicon.DAYS_PER.get(unit)
    if per is None or not amount.is_exact or not (amount.min * per).is_integer():
        return None
    return int(amount.min * per)


class _Parser:
    def __init__(self, text: str, tokens: list[Token], strict: bool) -> None:
        self.text = text
        self.tokens = tokens
        self.strict = strict
        self.pos = 0
        self.drafts: list[_Draft] = []
        self.pending: _Draft | None = None  # facts read before their drug
        self.stop: list[StopRule] = []
        self.context: list[Context] = []
        self.notices: list[Notice] = []
        self.marks: dict[T, Token] = {}  # markers read since the last fact
        self.group_start = 0  # the first draft a trailing schedule may reach
        self.phase = 0
        self.after_join = False  # the last significant token joined one drug to another
        self.lead = False  # the facts at the current token are written before their drug
        self.lead_course = False  # ... before their radiotherapy course
        self.band: tuple[float | None, float | None, bool, bool, Span] | None = None
        # cycles written before a group's drugs ("three-week cycles of X and Y")
        self.group_schedule: list[tuple[int, int, str, Any]] = []
        self.day_column = False  # a table whose rows hold days as bare numbers
        self.focus: _Draft | None = None  # the component facts now belong to
        self.unit_tail = 0  # tokens of a unit written after the drug's name ("/m2")
        self.clause_start = 0  # days reach back no further than this token: a line, a ";"
        self.filling_pending = False  # the last fact went to a drug not yet named
        self.handlers = self.handler_table()
        self.line_start = -1

    # -- token access -------------------------------------------------------
    def peek(self, ahead: int = 0) -> Token | None:
        i = self.pos + ahead
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def kind(self, ahead: int = 0) -> T | None:
        tok = self.peek(ahead)
        return tok.kind if tok else None

    def at(self, ahead: int = 0) -> Token:
        """The token ``ahead`` on, where the caller has seen that there is one."""
        tok = self.peek(ahead)
        assert tok is not None
        return tok

    def text_at(self, ahead: int) -> str:
        """The folded text of the token ``ahead`` on ('' past the end)."""
        tok = self.peek(ahead)
        return fold(tok.text) if tok else ""

    def next(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def skip(self, *kinds: T) -> None:
        while self.kind() in kinds:
            self.pos += 1

    def significant(self, ahead: int = 0, skip: frozenset[T] = frozenset({T.FILL})) -> int:
        """The offset of the first token from ``ahead`` on that is not in ``skip``."""
        while self.kind(ahead) in skip:
            ahead += 1
        return ahead

    def error(self, what: str, span: Span, why: str = "") -> ParseError:
        """'<what> (position N): <why>', as a compiler says it."""
        where = f"{what} (position {span.start})"
        return ParseError(f"{where}: {why}" if why else where, self.text, span)

    def cannot_read(self, tok: Token, why: str) -> ParseError:
        return self.error(f"cannot read {tok.text!r}", tok.span, why)

    @property
    def current(self) -> _Draft | None:
        return self.focus

    # -- the regimen --------------------------------------------------------
    def regimen(self) -> Regimen:
        while (tok := self.peek()) is not None:
            start = self.pos
            try:
                self.item(tok)
                if self.pos == start:  # every step reads at least one token
                    raise self.cannot_read(tok, "not a dose, frequency, route or drug")
            except ParseError as err:
                if self.strict:
                    raise
                self.warn(err)
                self.pos = max(self.pos, start + 1)
        try:
            self.finish_pending()
        except ParseError as err:
            if self.strict:
                raise
            self.warn(err)
        self.apply_group_schedule()
        self.merge_mentions()
        if not any(d.component.kind is not Kind.PROCEDURE for d in self.drafts):
            why = "no drug or radiotherapy in it" if self.text.strip() else "it is empty"
            raise self.error("nothing to schedule", Span(0, len(self.text)), why)
        components = []
        for draft in self.drafts:
            try:
                components.append(self.check(draft))
            except ParseError as err:
                if self.strict:
                    raise
                self.warn(err)
                components.append(draft.freeze())
        notices = [n for d in self.drafts for n in d.notices] + self.notices
        notices.sort(key=lambda n: n.span)
        return Regimen(self.text, tuple(components), tuple(self.stop), tuple(notices),
                       tuple(self.context))

    def warn(self, err: ParseError) -> None:
        """A lenient reading's report; runs of unknown words become one."""
        last = self.notices[-1] if self.notices else None
        gap = self.text[last.span.end : err.span.start] if last else None
        if last and gap is not None and not gap.strip() and last.message.startswith(
                "cannot read") and err.reason.startswith("cannot read"):
            span = last.span.cover(err.span)
            self.notices[-1] = Notice(f"cannot read {span.of(self.text)!r}: not a dose, "
                                      "frequency, route or drug", span)
            return
        self.notices.append(Notice(err.reason, err.span))

    def item(self, tok: Token) -> None:
        kind = tok.kind
        if self.pos > self.line_start and self.starts_line(self.pos):
            self.line_start = self.pos
            if self.table_header():
                return
            self.clause_start = self.pos
            if self.day_column:
                self.group_start = len(self.drafts)  # a table row is a group of its own
        self.lead = self.before_a_name()
        self.lead_course = self.before_a_name(T.MODALITY)
        handler = self.handlers.get(kind)
        if handler is None:
            raise self.cannot_read(tok, "not a dose, frequency, route or drug")
        handler(tok)
        if kind is not T.JOIN and kind not in _MARKERS and kind is not T.FILL:
            self.after_join = False

    def handler_table(self) -> dict[T, Any]:
        return {
            T.DRUG: self.drug, T.WORD: self.word, T.MODALITY: self.modality,
            T.PROCEDURE: self.procedure, T.SITE: self.site, T.NUMBER: self.amount,
            T.PREFIX: self.amount, T.FREQ: self.frequency, T.ROUTE: self.route,
            T.DAY: self.days, T.CYCLE: self.cycle, T.WEEKDAYS: self.weekdays,
            T.UNTIL: self.until, T.CONTEXT: self.context_words, T.JOIN: self.join,
            T.SEP: self.separator, T.PUNCT: self.separator, T.LPAREN: self.separator,
            T.RPAREN: self.separator, T.PHASE: self.phase_word, T.FILL: self.filler,
            T.ADJECTIVE: self.filler, T.SLASH: self.slash, T.PER: self.per_alone,
            T.STOP: self.stop_alone, T.CONCURRENT: self.concurrent, T.UNIT: self.unit_alone,
            T.NOT: self.negated, T.FIRST_DAY: self.first_day, T.ORDINAL: self.ordinal_days,
            **{m: self.marker for m in _MARKERS - {T.CONCURRENT}},
        }

    # -- opening components -------------------------------------------------
    def drug(self, tok: Token) -> None:
        current = self.current
        index = self.pos
        after = self.peek(1)
        if after is not None and after.kind is T.CONTEXT and after.value == "label":
            self.context_words(tok)  # "the NDP group", "SOX regimen": a group's name
            return
        self.next()
        if self.kind() is T.SLASH and self.kind(1) is T.DRUG \
                and self.at().span.start == tok.span.end:
            self.next()  # "trifluridine/tipiracil": one product of two drugs
            second = self.next()
            tok = Token(T.DRUG, self.text[tok.span.start : second.span.end],
                        tok.span.cover(second.span), tok.value)
        if current is not None and self.is_other_name(current, index):
            current.put("aka", tok.text)  # "CCNU (lomustine)": one drug, two names
            return
        self.with_salt(self.open(tok, Kind.DRUG, index))
        if self.unit_tail:
            self.pos += self.unit_tail  # "70 mg cisplatin/m2": the unit's end, already read
            self.unit_tail = 0

    def is_other_name(self, current: _Draft, index: int) -> bool:
        """'CCNU (lomustine)', 'Lipusu (T)': a name in parentheses right after a drug's."""
        return (current.component.kind is Kind.DRUG
                and current.name_token == index - 2 and self.tokens[index - 1].kind is T.LPAREN
                and current.component.aka is None and self.kind(index + 1 - self.pos) is T.RPAREN)

    def with_salt(self, draft: _Draft) -> None:
        """'abiraterone acetate', 'anlotinib hydrochloride', 'sacituzumab govitecan-hziy':
        the salt is part of the name."""
        while (t := self.peek()) is not None and _without_suffix(fold(t.text)) in SALTS:
            self.next()
            span = draft.component.span.cover(t.span)
            draft.put("name", span.of(self.text))
            draft.put("span", span)
            draft.put("name_span", span)

    def open(self, tok: Token, kind: Kind, index: int) -> _Draft:
        if kind is Kind.DRUG and self.pending is None:
            named = {fold(tok.text)} | ({fold(DRUGS[fold(tok.text)])} if fold(tok.text) in DRUGS
                                        else set())
            for earlier in self.drafts:
                c = earlier.component
                if c.kind is Kind.DRUG and c.phase == self.phase and c.dose is None \
                        and c.days is None and c.frequency is None and self.names(c) & named:
                    # "six cycles of S-1 plus oxaliplatin. Oxaliplatin was given at ...":
                    # the drug named before is the one now described
                    self.focus = earlier
                    self.after_join = False
                    return earlier
        draft = _Draft(Component(tok.text, kind, tok.span, name_span=tok.span, phase=self.phase),
                       name_token=index)
        pending = self.pending
        joined = self.after_join
        self.filling_pending = False
        before = self.focus
        if joined and before is not None and index >= 3 and self.tokens[index - 1].kind is T.JOIN \
                and self.tokens[index - 2].text == "," and self.kind(index + 1 - self.pos) is T.SEP:
            draft.companion_of = before  # an aside between commas
        self.drafts.append(draft)
        self.focus = draft
        concurrent = self.marks.pop(T.CONCURRENT, None)
        if concurrent is not None and kind is Kind.DRUG:
            draft.put("concurrent", True)
        if pending is not None and not joined and self.takes(pending, kind):
            self.pending = None
            draft.put("phase", pending.component.phase)  # where its facts were written
            for attr in (*ATTRIBUTES, "site", "technique", "per_week", "concurrent", "bands"):
                value = getattr(pending.component, attr)
                if value is not None and value is not False and value != ():
                    draft.put(attr, value)
            draft.on_days = pending.on_days
            draft.notices.extend(pending.notices)
        self.after_join = False
        return draft

    @staticmethod
    def takes(pending: _Draft, kind: Kind) -> bool:
        """Whether facts read before a name belong to a component of ``kind``."""
        radiation = any(getattr(pending.component, a) is not None
                        for a in ("total_dose", "fraction_dose", "fractions", "site"))
        return radiation == (kind is Kind.RADIOTHERAPY)

    def word(self, tok: Token) -> None:
        """An unlisted word: a group label, or a drug when it has a drug's ending
        or a dose follows it; anything else is reported."""
        if len(tok.text) == 1 and tok.text.isalpha() and self.kind(1) is T.RPAREN \
                and self.kind(-1) is not T.LPAREN:
            self.pos += 2  # "a) ... or b) ...": the arms of a trial, side by side
            self.context.append(Context("label", tok.span.cover(self.tokens[self.pos - 1].span)))
            self.new_arm()
            return
        after = self.significant(1)
        if self.kind(after) is T.CONTEXT and self.at(after).value == "label":
            self.context_words(tok)
            return
        current = self.current
        if current is not None and self.is_other_name(current, self.pos) and len(tok.text) <= 6:
            current.put("aka", self.next().text)  # "Lipusu (T)"
            return
        if re.fullmatch(MODALITY_PATTERN, tok.text):
            self.modality(Token(T.MODALITY, tok.text, tok.span, "radiotherapy"))
            return
        if fold(tok.text) in SALTS and self.kind(1) is T.DRUG:
            self.next()  # "LAR octreotide": the formulation, then the drug
            name = self.at()
            self.drug(Token(T.DRUG, self.text[tok.span.start : name.span.end],
                            tok.span.cover(name.span), name.value))
            return
        lead = 1
        while self.kind(lead) is T.FILL and self.text_at(lead) in lexicon.DOSE_LEAD:
            lead += 1
        dose_follows = self.unit_kind_ahead(lead) == "dose" or (
            self.kind(1) is T.LPAREN and self.unit_kind_ahead(2) == "dose") or (
            self.pending is not None and self.pending.component.dose is not None
            and self.kind(-1) in (T.UNIT, T.PER))  # "1,200 mg/m2 GMC"
        code = re.fullmatch(DRUG_CODE, tok.text) is not None
        has_stem = _drug_like(tok.text) and not code
        if not (dose_follows or has_stem or code):
            raise self.cannot_read(tok, "not a dose, frequency, route or drug")
        index = self.pos
        self.next()
        draft = self.open(tok, Kind.DRUG, index)
        self.with_salt(draft)
        if code and not has_stem:
            draft.notices.append(Notice(
                f"{tok.text!r} is not a drug name this parser knows; read as one because it "
                "is written as a drug code", tok.span))
        elif not has_stem:
            draft.notices.append(Notice(
                f"{tok.text!r} is not a drug name this parser knows; read as one because a "
                "dose follows it", tok.span))

    def modality(self, tok: Token) -> None:
        """A radiotherapy word: a new course, or a reference to the one named
        ("cisplatin weekly concurrently with radiotherapy")."""
        index = self.pos
        self.next()
        existing = next((d for d in reversed(self.drafts)
                         if d.component.kind is Kind.RADIOTHERAPY), None)
        technique = tok.value if tok.value != "radiotherapy" else None
        ahead = self.significant(0, frozenset({T.FILL, T.LPAREN, T.SITE, T.TO}))
        radiation_follows = self.unit_kind_ahead(ahead) in ("radiation", "fraction") or (
            self.kind(ahead) is T.FRACTION_OF)
        current = self.current
        if current is not None and current.component.kind is Kind.RADIOTHERAPY:
            c = current.component
            if c.name_span is None:  # "Forty-five Gy/30Fx thoracic radiotherapy": its name
                current.put("name", tok.text)
                current.put("name_span", tok.span)
                current.put("span", c.span.cover(tok.span))
                if technique not in (None, "boost"):
                    current.put("technique", technique)
                return
            if technique not in (None, "boost") and not radiation_follows \
                    and c.technique in (None, technique):
                current.put("technique", technique)  # "... radiation therapy (IMRT)"
                if self.tokens[index - 1].kind is T.LPAREN and c.aka is None:
                    current.put("aka", tok.text)
                return
        if existing is not None and technique != "boost" and self.kind() is T.FILL \
                and self.text_at(0).startswith("dose"):
            self.focus = existing  # "... with radiotherapy, ... a radiation dose of 60 Gy"
            return
        if existing is not None and not radiation_follows and technique != "boost":
            # "concurrently with radiotherapy", "The radiotherapy was given ...": the course
            # already named; what follows may belong to it again
            if self.tokens[index - 1].kind in (T.CONCURRENT, T.CONTEXT, T.LPAREN, T.IN, T.TO) \
                    or self.after_join or fold(self.tokens[index - 1].text) in ("of", "by"):
                return  # "on the 1st day of radiotherapy": named, not described
            self.focus = existing
            return
        if technique == "boost" and existing is not None:
            self.next_phase()
        keep = self.current
        draft = self.open(tok, Kind.RADIOTHERAPY, index)
        if keep is not None and keep.component.kind is Kind.DRUG and not radiation_follows \
                and self.tokens[index - 1].kind in (T.FILL, T.IN, T.CONCURRENT, T.TO):
            self.focus = keep  # "days 1-14 of radiotherapy": the drug's facts go on
        if technique and technique != "boost":
            draft.put("technique", technique)

    def procedure(self, tok: Token) -> None:
        index = self.pos
        self.next()
        self.open(tok, Kind.PROCEDURE, index)

    def site(self, tok: Token) -> None:
        self.next()
        current = self.current
        if current is not None and current.component.kind is Kind.RADIOTHERAPY \
                and current.component.site is None and (
                    self.kind() is not T.MODALITY or current.component.name_span is None):
            current.put("site", tok.value)
            return
        self.waiting(Kind.RADIOTHERAPY).put("site", tok.value)

    def waiting(self, kind: Kind) -> _Draft:
        if self.pending is None:
            name = "radiotherapy" if kind is Kind.RADIOTHERAPY else ""
            self.pending = _Draft(Component(name, kind, Span(0, 0), phase=self.phase))
        return self.pending

    # -- attaching facts ----------------------------------------------------
    def target(self, leading: bool = True) -> _Draft:
        """The draft the fact at the current token belongs to: the current
        component, or the one named next when the fact is written before it."""
        current = self.current
        if current is None or (leading and (self.lead or self.filling_pending)):
            self.filling_pending = True  # "500 mg oral apatinib": the route waits too
            return self.waiting(Kind.DRUG)
        return current

    def leads_to_name(self, ahead: int, kind: T = T.DRUG) -> bool:
        """Whether the facts from ``ahead`` on run up to a name of ``kind`` (a drug,
        or with T.MODALITY a radiotherapy course)."""
        while ((at := self.kind(ahead)) in _LEADING or (
                at is T.JOIN and self.text_at(ahead) == "or")) \
                and not self.starts_line(self.pos + ahead + 1):
            ahead += 1  # facts do not lead across a line: each row names its own drug
        if kind is T.MODALITY:
            return self.kind(ahead) is T.MODALITY
        return self.kind(ahead) in (T.DRUG, T.PROCEDURE) or (
            self.kind(ahead) is T.WORD and (self.unit_kind_ahead(ahead + 1) == "dose"
                                            or _drug_like(self.at(ahead).text)))

    def before_a_name(self, kind: T = T.DRUG) -> bool:
        """Whether the facts starting here come after a break and lead to a name:
        ", IV or subcutaneous bortezomib", "; 75 mg/m2 of docetaxel"."""
        prev = self.peek(-1)
        if prev is not None and prev.kind not in (T.SEP, T.JOIN, T.PHASE, T.LPAREN, T.PUNCT,
                                                   T.RPAREN, T.CONCURRENT, T.FILL):
            return False
        if prev is not None and prev.kind in (T.SEP, T.LPAREN) and self.current is not None \
                and self.current.name_token == self.pos - 2:
            return False  # "Cisplatin: 75 mg/m2", "capecitabine (1000 mg/m2": its own dose
        return self.leads_to_name(0, kind)

    def assign(self, draft: _Draft, attr: str, value: Any, span: Span | None,
            share: bool = False) -> None:
        old = getattr(draft.component, attr)
        unset = old is None or old is False or old == ()
        if not unset and not _same(old, value):
            was = old.span.of(self.text) if getattr(old, "span", None) else str(old)
            where = span or Span(0, 0)
            raise self.error(f"conflicting {_LABEL[attr]} for {draft.component.name or 'it'}",
                             where, f"{where.of(self.text)!r} after {was!r}")
        if unset:
            draft.put(attr, value)
        if share and draft is self.current:
            group = [d for d in self.drafts[self.group_start :] if d is not draft]
            if attr == "days":
                group = [d for d in group if d.name_token >= self.clause_start]
                if any(d.component.days is not None for d in group):
                    return  # days stated drug by drug: "docetaxel on day 1, ... 5-FU days 1-4"
            for other in group:
                if self.shares(other.component, attr) and (
                        attr != "frequency" or other.component.route == draft.component.route
                        or (other.component.route and draft.component.route
                            and other.component.route.code == draft.component.route.code)):
                    other.put(attr, value)  # a frequency reaches drugs given the same way

    @staticmethod
    def shares(c: Component, attr: str, leading: bool = False) -> bool:
        """Whether a schedule written after ``c`` in its group (or, ``leading``,
        before the group's drugs) reaches it."""
        if c.kind is not Kind.DRUG or getattr(c, attr) not in (None, False):
            return False
        if not leading and c.dose is None and c.loading_dose is None and c.daily_dose is None:
            return False  # a drug only named so far is described later
        daily_on = (c.frequency is not None and c.frequency.every_days == 1) or (
            c.frequency is None and c.dose is not None and c.dose.per is Per.DAY)
        if c.frequency is not None and c.frequency.every_days == 0:
            return attr in ("route", "concurrent")  # "300 mg, one dose": given once
        if attr == "days":
            return not daily_on
        if attr in ("cycle", "cycles", "doses"):
            return c.days is not None or not daily_on
        if attr == "frequency":  # "paclitaxel and carboplatin weekly"
            return c.days is None and c.cycle is None
        if attr == "route":
            return c.frequency is None and c.days is None
        return True

    def drug_target(self, what: str, span: Span) -> _Draft:
        draft = self.target()
        if draft.component.kind is not Kind.DRUG:
            raise self.error(f"a drug's {what} inside the {draft.component.kind}", span)
        return draft

    def frequency(self, tok: Token) -> None:
        self.next()
        after = self.peek()
        before = self.peek(-2)
        if after is not None and after.kind is T.WORD and before is not None \
                and before.kind is T.FILL and self.current is not None \
                and self.unit_kind_ahead(0) != "dose" and not self.lead:
            # "assessed by weekly CBC": how often something else is done; the word
            # after it is still read (and reported if unknown)
            self.context.append(Context("note", tok.span))
            return
        row = tok.value
        freq = Frequency(row.code, row.per_day, row.every_days, tok.span, row.per_week)
        draft = self.target()
        if draft.component.kind is Kind.RADIOTHERAPY and row.every_days != 1:
            raise self.error("a radiotherapy frequency other than daily", tok.span)
        self.assign(draft, "frequency", freq, tok.span, share=True)

    def route(self, tok: Token) -> None:
        draft = self.drug_target("route", tok.span)
        self.next()
        alternatives: list[str] = []
        span = tok.span
        while self.kind() is T.JOIN and self.text_at(0) in ("or", "and/or") \
                and self.kind(1) is T.ROUTE:
            self.next()
            other = self.next()
            alternatives.append(other.value)
            span = span.cover(other.span)
        self.assign(draft, "route", Route(tok.value, span, tuple(alternatives)), span, share=True)

    def cycle(self, tok: Token) -> None:
        self.next()
        days, warning = tok.value
        if not 1 <= days <= MAX_DAY:
            raise self.cannot_read(tok, f"a cycle must be 1 to {MAX_DAY} days long")
        draft = self.drug_target("cycle", tok.span)
        if warning:
            draft.notices.append(Notice(warning, tok.span))
        self.set_cycle(draft, days, tok.span)

    def set_cycle(self, draft: _Draft, days: int, span: Span) -> None:
        c = draft.component
        if draft is self.pending or (c.dose is None and c.days is None and c.frequency is None):
            # "three-week cycles of oxaliplatin ... and S-1": every drug of the group
            self.group_schedule.append((len(self.drafts), self.phase, "cycle", Cycle(days, span)))
        self.assign(draft, "cycle", Cycle(days, span), span, share=True)

    def weekdays(self, tok: Token) -> None:
        self.next()
        draft = self.current
        if draft is None or draft.component.kind is not Kind.RADIOTHERAPY:
            raise self.cannot_read(tok, "treatment days of the week belong to radiotherapy")
        self.assign(draft, "per_week", tok.value, tok.span)

    def concurrent(self, tok: Token) -> None:
        """'concurrently with radiotherapy' ties the group's drugs to the course;
        'concurrent cisplatin' ties the drug named next."""
        self.next()
        ahead = self.significant(0, frozenset({T.FILL, T.JOIN}))
        if fold(tok.text).endswith("with") and self.kind(ahead) in (T.DRUG, T.WORD):
            self.after_join = True  # "concurrently with trastuzumab": given alongside it
            return
        if self.kind(ahead) is T.MODALITY and self.current is not None \
                and self.current.component.kind is Kind.DRUG:
            self.assign(self.current, "concurrent", True, tok.span, share=True)
            self.pos += ahead
            self.after_join = True
            return
        self.marks[T.CONCURRENT] = tok

    def marker(self, tok: Token) -> None:
        self.next()
        self.marks[tok.kind] = tok

    def join(self, tok: Token) -> None:
        self.next()
        current = self.current
        ahead = self.significant(0)
        if tok.text.lower() == "or" and current is not None and current.component.kind is \
                Kind.RADIOTHERAPY and current.component.total_dose is not None \
                and self.unit_kind_ahead(ahead) == "radiation":
            # "45 Gy twice daily in 1.5 Gy fractions, or 60-70 Gy in 2 Gy daily fractions"
            alternative = self.open(Token(T.MODALITY, current.component.name, tok.span),
                                    Kind.RADIOTHERAPY, self.pos - 1)
            alternative.put("name_span", tok.span)
            alternative.notices.append(Notice(
                f"'or' gives {current.component.name} another schedule: both are kept; check "
                "which is meant", tok.span))
            return
        if tok.text.lower() == "or" and current is not None and current.component.dose \
                and current.component.kind is Kind.DRUG and self.unit_kind_ahead(ahead) == "dose":
            # "75 mg/m2 on day 1 every 3 weeks or as 37.5 mg/m2 on days 1 and 8": two schedules
            alternative = self.open(Token(T.DRUG, current.component.name, tok.span), Kind.DRUG,
                                    self.pos - 1)
            alternative.put("name_span", None)
            alternative.notices.append(Notice(
                f"'or' gives {current.component.name} another schedule: both are kept; check "
                "which is meant", tok.span))
            self.group_start = len(self.drafts) - 1
            return
        if tok.text.lower() in ("or", "and/or") and self.kind(ahead) in _OPENERS:
            self.notices.append(Notice(
                f"{tok.text!r} between two components: both are kept; check which is meant",
                tok.span))
        self.after_join = True

    def separator(self, tok: Token) -> None:
        self.next()
        self.filling_pending = False
        focus = self.focus
        if tok.text == "," and focus is not None and focus.companion_of is not None \
                and focus.name_token == self.pos - 2:
            self.focus = focus.companion_of  # "X, in combination with Y, is 400 mg": X's
        if tok.text == "." or tok.text == ";":
            self.marks.clear()
        if tok.text == ";":
            self.clause_start = self.pos

    def filler(self, tok: Token) -> None:
        self.next()

    def slash(self, tok: Token) -> None:
        """A slash between facts of one component: '4 weeks on / 2 weeks off'."""
        self.next()
        if self.kind() not in (T.NUMBER, T.PREFIX):
            raise self.cannot_read(tok, "a slash with no amount after it")

    def per_alone(self, tok: Token) -> None:
        self.next()
        draft = self.current
        if tok.value == "day" and draft is not None and draft.component.dose is not None \
                and draft.component.dose.per is Per.ADMINISTRATION and draft.component.frequency \
                is None and draft.component.kind is Kind.DRUG:
            dose = draft.component.dose  # "160 mg Enzalutamide orally per day"
            draft.put("dose", replace(dose, per=Per.DAY, span=(dose.span or tok.span).cover(
                tok.span)))
            return
        if tok.value == "day" and draft is not None \
                and draft.component.kind is Kind.RADIOTHERAPY:
            return  # "2 Gy per fraction per day": one fraction a day
        raise self.cannot_read(tok, "'per' with no amount before it")

    def first_day(self, tok: Token) -> None:
        """'in the first day': day 1."""
        self.next()
        self.assign(self.target(leading=False), "days", CycleDays((1,), tok.span), tok.span,
                    share=True)

    def ordinal_days(self, tok: Token) -> None:
        """'on the 1st and 8th day': days of the cycle written as ordinals."""
        days = [self.next().value]
        span = tok.span
        while self.kind() in (T.JOIN, T.SEP) and self.kind(1) is T.ORDINAL:
            self.next()
            last = self.next()
            days.append(last.value)
            span = span.cover(last.span)
        ahead = self.significant(0)
        unit = self.peek(ahead)
        if unit is None or unit.kind is not T.UNIT or unit.value.unit != "day":
            raise self.cannot_read(tok, "an ordinal that is not a day")
        self.pos += ahead + 1
        span = span.cover(unit.span)
        if not all(1 <= d <= MAX_DAY for d in days) or len(set(days)) != len(days):
            raise self.error(f"the days {span.of(self.text)!r}", span, "not days of a cycle")
        self.assign(self.target(leading=False), "days", CycleDays(tuple(sorted(days)), span),
                    span, share=True)

    def negated(self, tok: Token) -> None:
        """'without daily cisplatin': the drug named is not given; kept as context."""
        start = self.next().span
        ahead = self.significant(0, frozenset({T.FILL, T.FREQ, T.ROUTE, T.CONCURRENT}))
        if self.kind(ahead) in _OPENERS:
            self.pos += ahead + 1
            self.context.append(Context("negation", start.cover(self.tokens[self.pos - 1].span)))

    def unit_alone(self, tok: Token) -> None:
        """A unit with no number: 'each cycle was 28 days' (a cycle length follows),
        'doses' (a word of prose)."""
        self.next()
        if self.kind(-2) is T.LPAREN and self.kind() is T.RPAREN:
            return  # "1200 milligrams (mg)": the unit again, abbreviated
        if tok.value.kind == "cycle" and self.kind() is T.NUMBER and self.kind(1) in (
                T.TO, T.DASH) and self.kind(2) is T.NUMBER and self.unit_kind_ahead(0) is None:
            # "Cycles 1 to 4 - 21 days": four cycles, and how long each is
            self.next()
            self.next()
            last, last_tok = self.number()
            span = tok.span.cover(last_tok.span)
            draft = self.target()
            self.count(draft, "cycles", Range.exact(last), span, MAX_CYCLES)
            if draft is self.pending:
                self.group_schedule.append((len(self.drafts), self.phase, "cycles",
                                            Count(Range.exact(last), span)))
            if self.kind() is T.DASH and self.unit_kind_ahead(1) == "time":
                self.next()
                self.marks[T.REPEAT] = tok
            return
        if tok.value.kind == "cycle":
            self.marks[T.REPEAT] = tok
        elif tok.value.kind != "administration":
            raise self.cannot_read(tok, "a unit with no number before it")

    def stop_alone(self, tok: Token) -> None:
        raise self.cannot_read(tok, "a stopping rule must follow 'until'")

    # -- tables -------------------------------------------------------------
    def starts_line(self, index: int) -> bool:
        if index <= 0 or index >= len(self.tokens):
            return index == 0
        gap = self.text[self.tokens[index - 1].span.end : self.tokens[index].span.start]
        return "\n" in gap

    def table_header(self) -> bool:
        """A line of column names ('Drug Dose Route Days'): kept as context; a
        days column makes bare numbers in the rows below days of the cycle."""
        end = self.pos
        while end < len(self.tokens) and (end == self.pos or not self.starts_line(end)):
            end += 1
        words = [fold(t.text) for t in self.tokens[self.pos : end]]
        if len(words) < 2 or not all(w in lexicon.TABLE_HEADER for w in words):
            return False
        self.day_column = any(w in lexicon.DAY_COLUMNS for w in words)
        self.context.append(Context("header", self.tokens[self.pos].span.cover(
            self.tokens[end - 1].span)))
        self.pos = end
        return True

    def apply_group_schedule(self) -> None:
        """Cycles written before a group's drugs reach every drug of the group; the
        cycle length also reaches drugs named before it ("on day 1 of each cycle")."""
        for start, phase, attr, value in self.group_schedule:
            for draft in self.drafts[0 if attr == "cycle" else start :]:
                if draft.component.phase == phase and self.shares(draft.component, attr, True):
                    draft.put(attr, value)

    @staticmethod
    def names(c: Component) -> set[str]:
        """What a component is called: its name, other name and the INN behind them."""
        names = {fold(c.name)} | ({fold(c.aka)} if c.aka else set())
        return names | {fold(DRUGS[n]) for n in names if n in DRUGS}

    def merge_mentions(self) -> None:
        """A drug named twice in one phase, once with nothing of its own ('a maximum
        of 6 cycles of bortezomib ... Bortezomib 1.3 mg/m2 SC'), is one component; a
        title naming drugs described below ('Docetaxel/capecitabine chemotherapy') is
        none."""
        named = {n for d in self.drafts if d.component.dose is not None
                 for n in self.names(d.component)}
        for draft in list(self.drafts):
            c = draft.component
            parts = [fold(p) for p in c.name.split("/")]
            if "/" in c.name and c.dose is None and c.days is None \
                    and all(p in named or DRUGS.get(p) in named for p in parts):
                self.drafts.remove(draft)
                continue
            if c.kind is not Kind.DRUG or c.dose is not None or c.days is not None:
                continue
            same = [d for d in self.drafts if d is not draft and d.component.phase == c.phase
                    and self.names(d.component) & self.names(c)]
            if same:
                keep = same[0]
                for attr in ATTRIBUTES:
                    if getattr(keep.component, attr) is None and getattr(c, attr) is not None:
                        keep.put(attr, getattr(c, attr))
                self.drafts.remove(draft)

    # -- phases and context -------------------------------------------------
    def phase_word(self, tok: Token) -> None:
        """'followed by': a rest period, a maintenance dose, or the next phase."""
        self.next()
        ahead = self.significant(0)
        kind = self.kind(ahead)
        if kind in (None, T.RPAREN, T.PUNCT, T.SEP, T.JOIN):
            return  # "escalated to 70 mg/m2 thereafter)": a word of the sentence
        if kind is T.REST or (kind is T.NUMBER and self.unit_kind_ahead(ahead) == "time"):
            return  # "for 2 weeks followed by a 1-week rest"
        current = self.current
        if kind in (T.NUMBER, T.PREFIX) and self.unit_kind_ahead(ahead) == "dose":
            if self.leads_to_name(ahead):
                return  # "followed by a 500 mg/m2 bolus dose of FU": the next drug's dose
            if current is not None and current.component.dose is not None:
                # "5-FU 400 mg/m2 bolus followed by 2,400 mg/m2 continuous infusion": a second
                # administration of the same drug, on the same days
                again = self.open(Token(T.DRUG, current.component.name, tok.span), Kind.DRUG,
                                  self.pos - 1)
                again.put("name_span", None)
            return
        if kind in (T.FREQ, T.EVERY, T.CYCLE) or (
                kind is T.LPAREN and self.unit_kind_ahead(ahead + 1) == "dose"):
            # "4 mg/kg on day 1, followed by weekly treatments of 2 mg/kg", "and then every
            # 3 weeks": the same drug goes on
            if kind is not T.CYCLE and kind is not T.EVERY:
                self.marks[T.MAINTENANCE] = tok
                if current is not None and current.component.days is not None \
                        and current.component.days.days == (1,):
                    current.put("days", None)  # day 1 was the first dose's day
            return
        if kind in (T.LOADING, T.MAINTENANCE):
            return
        group = [d.component for d in self.drafts[self.group_start:]]
        finite = any(c.kind is not Kind.DRUG or c.cycles or c.doses or c.duration
                     for c in group)
        if kind in _OPENERS | {T.WORD, T.ROUTE} and group and not finite \
                and kind is not T.MODALITY:
            # "docetaxel on day 1, followed by cisplatin ..., followed by 5-FU from day 1 to
            # day 4": the order of one day's infusions, not a later phase
            self.after_join = True
            return
        self.next_phase()

    def new_arm(self) -> None:
        self.group_start = len(self.drafts)
        self.phase = 0
        self.marks.clear()

    def next_phase(self) -> None:
        # a phase begins once the one before holds something given, not only names
        if any(d.component.phase == self.phase and (
                d.component.dose is not None or d.component.kind is not Kind.DRUG)
               for d in self.drafts):
            self.phase += 1
            self.group_start = len(self.drafts)
        self.marks.clear()

    def context_words(self, tok: Token) -> None:
        """Disease, population, label, phase and timing words, kept with their span."""
        start = self.pos
        kinds: list[str] = []
        while (t := self.peek()) is not None:
            if t.kind is T.CONTEXT:
                kinds.append(t.value)
                self.next()
                if t.value in ("label", "timing"):
                    self.context_tail(t.value)
            elif t.kind in (T.WORD, T.DRUG) and (kinds == [] or self.kind(1) is T.CONTEXT or (
                    self.kind(-1) is T.LPAREN and self.kind(1) is T.RPAREN)):
                self.next()  # an acronym in a context: "(GIST)", "TP regimen"
            elif self.continues_context(t, start):
                self.next()
            else:
                break
        span = self.tokens[start].span.cover(self.tokens[self.pos - 1].span)
        kind = next((k for k in ("phase", "label", "timing", "disease", "population")
                     if k in kinds), "note")
        if kind == "phase" and (self.text_at(0) == ":" or self.text_at(-1) == ":"):
            self.next_phase()  # "Maintenance: ...", not "(induction phase, four cycles of"
        elif kind == "label" and self.kind(-1) is T.SEP and self.drafts:
            self.new_arm()  # "Arm B:" starts a new group
        self.context.append(Context(kind, span))
        if kind == "population" and self.kind() is T.NUMBER:  # "n = 45 patients"
            self.next()
            self.skip(T.CONTEXT)
            self.context[-1] = Context(kind, span.cover(self.tokens[self.pos - 1].span))

    def continues_context(self, t: Token, start: int) -> bool:
        """'(' or ')' around context words, or 'and' between them."""
        if t.kind is T.LPAREN:
            return self.closes_context(1)
        if t.kind is T.RPAREN:
            return self.kind(-1) in (T.CONTEXT, T.WORD, T.NUMBER) and any(
                x.kind is T.LPAREN for x in self.tokens[start : self.pos])
        return t.kind in (T.JOIN, T.FILL) and self.kind(1) is T.CONTEXT

    def context_tail(self, kind: str) -> None:
        """What a label or a timing word takes with it: 'Arm B:', 'Level 1:',
        'after completion of radiotherapy', 'after surgery'."""
        if kind == "label":
            if self.kind() in (T.NUMBER, T.WORD) and self.kind(1) in (T.SEP, T.PUNCT):
                self.next()
            if self.kind() in (T.SEP, T.PUNCT) and self.at().text == ":":
                self.next()
            return
        self.skip(T.FILL)
        if self.kind() in (T.PROCEDURE, T.STOP, T.WORD):
            self.next()

    def closes_context(self, ahead: int) -> bool:
        """'(' + context words or acronyms + ')' right after context words."""
        while self.kind(ahead) in (T.CONTEXT, T.WORD, T.JOIN):
            ahead += 1
        return self.kind(ahead) is T.RPAREN and self.kind(-1) is T.CONTEXT

    # -- amounts ------------------------------------------------------------
    def unit_kind_ahead(self, ahead: int = 0) -> str | None:
        """The unit kind of the amount starting ``ahead`` tokens on, if any."""
        if self.kind(ahead) is T.PREFIX:
            return "dose"
        if self.kind(ahead) is not T.NUMBER:
            return None
        ahead += 1
        if self.kind(ahead) in (T.DASH, T.TO) and self.kind(ahead + 1) is T.NUMBER:
            ahead += 2
        ahead = self.significant(ahead, frozenset({T.ADJECTIVE}))
        tok = self.peek(ahead)
        return tok.value.kind if tok is not None and tok.kind is T.UNIT else None

    def dose_end(self, ahead: int) -> int:
        """The offset just past the dose amount starting ``ahead`` tokens on."""
        ahead += 1
        if self.kind(ahead) in (T.DASH, T.TO) and self.kind(ahead + 1) is T.NUMBER:
            ahead += 2
        return ahead + 1

    def number(self) -> tuple[float, Token]:
        tok = self.next()
        if tok.kind is not T.NUMBER:
            raise self.cannot_read(tok, "a number was expected here")
        if tok.value > MAX_AMOUNT:
            raise self.cannot_read(tok, "a number too large to be a dose or a count")
        return tok.value, tok

    def amount(self, tok: Token) -> None:
        """An amount: a number or range with its unit, read by what the unit is
        and by the markers before it."""
        auc = None
        start = self.pos
        if tok.kind is T.PREFIX:
            auc = self.next()
            # "AUC=5", "AUC-2", "area under the curve (AUC) of 5": up to the number
            while self.kind() in (T.DASH, T.LPAREN, T.RPAREN, T.FILL, T.SEP) or (
                    self.kind() in (T.OTHER, T.WORD) and self.text_at(0) in ("=", ":", "auc")):
                self.next()
        low, first = self.number()
        span = (auc or first).span.cover(first.span)
        high = low
        if self.kind() is T.JOIN and self.text_at(0) == "or" and self.kind(1) is T.NUMBER \
                and self.unit_kind_ahead(1) in ("cycle", "time", "fraction"):
            self.pos += 1  # "two or three cycles": a range
            high, last = self.number()
            span = span.cover(last.span)
        if self.kind() in (T.DASH, T.TO) and self.kind(1) in (T.NUMBER, T.COMPARE):
            self.next()
            self.skip(T.COMPARE)
            high, last = self.number()
            span = span.cover(last.span)
        unit_tok = None
        ahead = self.significant(0, frozenset({T.ADJECTIVE}))
        between = self.significant(ahead, frozenset({T.CONTEXT, T.FREQ}))
        if self.kind(between) is T.UNIT and self.at(between).value.kind in (
                "cycle", "fraction") and between - ahead <= 1:
            ahead = between  # "4-8 induction cycles", "35 daily fractions"
        if self.kind(ahead) is T.UNIT:
            self.pos += ahead
            unit_tok = self.next()
            span = span.cover(unit_tok.span)
            if high == low and self.kind() in (T.DASH, T.TO) and self.kind(1) is T.NUMBER \
                    and self.kind(2) is T.UNIT and self.at(2).value == unit_tok.value:
                self.next()  # "40 mg~60mg"
                high, _ = self.number()
                span = span.cover(self.next().span)
        if high < low:
            raise self.error(f"the range {span.of(self.text)!r} runs backwards", span)
        if auc is not None:
            if unit_tok is not None and unit_tok.value.unit != "AUC":
                raise self.cannot_read(unit_tok, "an AUC is not in this unit")
            self.dose(Range(low, high), "AUC", span)
            return
        if unit_tok is None:
            self.bare_number(Range(low, high), span, start)
            return
        unit, kind, scale = unit_tok.value
        split = self.split_unit(unit)
        if split is not None:  # "70 mg cisplatin/m2": the unit goes on after the name
            unit = split
        amount = Range(low * scale, high * scale)
        if kind in ("dose", "radiation") and amount.min <= 0:
            raise self.error(f"a dose of {amount} {unit}", span)
        reader = {"dose": self.dose, "radiation": self.radiation, "fraction": self.fraction_count,
                  "cycle": self.cycle_count, "time": self.time, "area": self.bsa,
                  "administration": self.dose_count, "divided": self.divided}[kind]
        reader(amount, unit, span)

    def split_unit(self, unit: str) -> str | None:
        """'mg' + drug + '/m2' -> 'mg/m2', the name skipped when the drug opens."""
        name = self.significant(0)  # "700 mg infused 5-fluorouracil/m2"
        after = self.peek(name + 2)
        if self.kind(name) is not T.DRUG or self.kind(name + 1) is not T.SLASH or after is None:
            return None
        row = lexicon.UNITS.get(fold(after.text))  # "m2" alone reads as a word
        if row is None or row.kind != "area":
            return None
        joined = f"{unit}/{row.unit}"
        if joined not in {row.unit for row in lexicon.UNITS.values()}:
            return None
        self.unit_tail = 2
        return joined

    def bare_number(self, amount: Range, span: Span, start: int) -> None:
        """A number with no unit: 'x 3' (days of a daily drug) or a slip."""
        times = self.marks.pop(T.TIMES, None)
        draft = self.current
        if self.kind() is T.FRACTION_OF and amount.is_exact:
            self.next()  # "ten daily fractions of radiotherapy": how many fractions
            course = self.pending if self.pending is not None and \
                self.pending.component.kind is Kind.RADIOTHERAPY else None
            if course is None and (draft is None or draft.component.kind is not Kind.RADIOTHERAPY):
                course = self.waiting(Kind.RADIOTHERAPY) if self.pending is None else None
            target = course or draft
            if target is None:
                raise self.error("fractions outside a radiotherapy course", span)
            self.count(target, "fractions", amount, span, MAX_FRACTIONS)
            return
        if self.day_column and draft is not None and times is None:
            self.pos = start  # a row of a table with a days column: "Bortezomib 1.3 mg/m2 SC 1, 4"
            self.day_list(span)
            return
        if self.unit_kind_ahead(0) == "time" and amount.is_exact:
            # "four 21-day cycles of": how many cycles, and how long each is
            tail = self.significant(2 if self.kind(1) is T.UNIT else 4, frozenset({T.FILL}))
            if self.kind(tail) is T.UNIT and self.at(tail).value.kind == "cycle":
                self.marks[T.REPEAT] = self.at()
                self.amount(self.at())
                target = self.pending if self.pending is not None else self.current
                if target is not None:
                    self.count(target, "cycles", amount, span, MAX_CYCLES)
                    if target is self.pending:
                        self.group_schedule.append((len(self.drafts), self.phase, "cycles",
                                                    Count(amount, span)))
                return
        if self.unit_kind_ahead(0) == "dose" \
                and self.text_at(self.dose_end(0)) in lexicon.DOSE_FORMS:
            end = self.dose_end(0) + 1  # "(four 40 mg tablets)": how the dose is made up
            self.context.append(Context("note", span.cover(self.tokens[self.pos + end - 1].span)))
            self.pos += end
            return
        before = start - 1
        while before > 0 and self.tokens[before].kind is T.FILL:
            before -= 1
        if draft is not None and times is None and "\n" in self.text \
                and self.tokens[before].kind is T.ROUTE:
            self.pos = start  # a table row: "Cyclophosphamide 650 mg/m2 IV 1, 15, 29"
            self.day_list(span)
            return
        if times is not None and draft is not None and amount.is_exact:
            c = draft.component
            if c.cycle is not None:
                self.count(draft, "cycles", amount, span, MAX_CYCLES)
                return
            if c.frequency is not None or (c.dose is not None and c.dose.per is Per.DAY):
                self.on_period(draft, int(amount.min), span)
                return
        raise self.error(f"the number {span.of(self.text)!r}", span,
                         "it has no unit (mg, mg/m2, Gy, cycles, days ...)")

    def dose(self, amount: Range, unit: str, span: Span) -> None:
        per = Per.ADMINISTRATION
        while self.kind() is T.PER:
            tok = self.next()
            span = span.cover(tok.span)
            if tok.value == "fraction":
                raise self.error("a drug dose per fraction", span)
            if tok.value == "week":
                self.assign(self.target(), "frequency",
                         Frequency("qw", 1, 7, tok.span), tok.span)
            elif tok.value == "day":
                per = Per.DAY
        if self.kind() is T.SLASH and self.kind(1) is T.NUMBER and self.kind(2) is T.UNIT \
                and self.at(2).value.unit == "hour":
            self.next()
            hours, _ = self.number()
            hour_span = self.next().span
            if hours.is_integer() and 0 < hours < 24 and 24 % int(hours) == 0:
                self.hourly(Range.exact(hours), "hour", hour_span)  # "825 mg/m2/12h": q12h
            else:  # "1.5-2 g/m2/22 hours": each dose over 22 hours
                self.assign(self.drug_target("infusion time", hour_span), "infusion",
                         Duration(Range.exact(hours), "hour", hour_span), hour_span)
            span = span.cover(hour_span)
        if self.marks.pop(T.PER_DAY, None) is not None:
            per = Per.DAY  # "at a daily dose of 0.08 mg/kg"
        nxt = self.peek()
        if nxt is not None and nxt.kind is T.FREQ and fold(nxt.text) == "daily" \
                and per is Per.ADMINISTRATION:
            self.next()  # "2000 mg daily": the day's total
            span = span.cover(nxt.span)
            per = Per.DAY
        dose = Dose(amount, unit, per, span)
        if self.band is not None:
            self.add_band(dose)
            return
        if self.kind() is T.LOADING:
            self.marks[T.LOADING] = self.next()
        draft = self.drug_target("dose", span)
        if self.marks.pop(T.MAX, None) is not None and draft.component.dose is not None:
            self.assign(draft, "cap", dose, span)
            return
        if self.marks.pop(T.LOADING, None) is not None:
            self.assign(draft, "loading_dose", dose, span)
            return
        old = draft.component.dose
        if self.marks.pop(T.MAINTENANCE, None) is not None and old is not None:
            draft.put("dose", None)
            self.assign(draft, "loading_dose", old, old.span)
        elif old is not None and old.per is not per and not _same(old, dose):
            # "1,200 mg daily given as 600 mg twice daily": a day's total and a dose
            daily, single = (old, dose) if old.per is Per.DAY else (dose, old)
            draft.put("dose", single)
            self.assign(draft, "daily_dose", daily, daily.span)
            return
        self.assign(draft, "dose", dose, span)

    def radiation(self, amount: Range, unit: str, span: Span) -> None:
        """'50-60Gy/25-30times', '60 Gy in 30 fractions', '2 Gy/F', '3 Gy x 10 fractions',
        '2 Gy fractions', 'up to the total of 60 Gy'."""
        draft = self.current
        if draft is None or draft.component.kind is not Kind.RADIOTHERAPY:
            pending = self.pending
            if pending is not None and pending.component.kind is Kind.RADIOTHERAPY:
                draft = pending
            elif self.lead_course:
                draft = self.waiting(Kind.RADIOTHERAPY)
            else:
                # A dose in Gy is radiotherapy even where the text does not name it.
                draft = self.open(Token(T.MODALITY, "radiotherapy", span), Kind.RADIOTHERAPY,
                                  self.pos)
                draft.put("name_span", None)
        per_fraction = False
        while self.kind() is T.PER:
            tok = self.next()
            if tok.value in ("fraction", "day"):
                per_fraction = True  # "2 Gy/day": one fraction a day
                span = span.cover(tok.span)
            else:
                raise self.error("a radiation dose per week or per time", tok.span)
        if self.kind() is T.FREQ and self.kind(1) is T.UNIT \
                and self.at(1).value.kind == "fraction":
            self.next()  # "1.8 Gy daily fraction"
        elif self.kind() is T.FREQ:
            per_fraction = True  # "1.5 Gy bid", "2 Gy daily": the dose of each fraction
        if self.kind() is T.UNIT and self.at().value.kind == "fraction":
            span = span.cover(self.next().span)  # "in 2 Gy fractions"
            per_fraction = True
        times = self.kind() is T.TIMES and self.unit_kind_ahead(1) == "fraction"
        per_fraction = self.marks.pop(T.FRACTION_OF, None) is not None or per_fraction
        self.marks.pop(T.MAX, None)
        if per_fraction or times:
            self.assign(draft, "fraction_dose", Dose(amount, unit, Per.FRACTION, span), span)
        else:
            self.assign(draft, "total_dose", Dose(amount, unit, Per.ADMINISTRATION, span), span)
        link = self.peek()
        if link is not None and link.kind is T.SLASH and self.unit_kind_ahead(1) == "radiation" \
                and not (per_fraction or times):
            self.next()  # "66 Gy/2.75 Gy/24 fx": the dose of each fraction next
            self.marks[T.FRACTION_OF] = link
            self.amount(self.at())
            link = self.peek()
        if link is not None and link.kind in (T.SLASH, T.IN, T.TIMES) \
                and self.unit_kind_ahead(1) == "fraction":
            self.next()
            self.amount(self.at())
        if self.kind() is T.SLASH and self.unit_kind_ahead(1) == "time":
            self.next()
            self.marks[T.OVER] = link or self.at(-1)

    def fraction_count(self, amount: Range, unit: str, span: Span) -> None:
        draft = self.current
        if draft is None or draft.component.kind is not Kind.RADIOTHERAPY:
            pending = self.pending
            if pending is None or pending.component.kind is not Kind.RADIOTHERAPY:
                raise self.error("fractions outside a radiotherapy course", span)
            draft = pending
        if self.kind() is T.PER and self.at().value == "week":
            span = span.cover(self.next().span)  # "5 fractions/week", "five times a week"
            if not amount.is_exact:
                raise self.error("a range of fractions a week", span)
            self.assign(draft, "per_week", int(amount.min), span)
            return
        self.marks.pop(T.FOR, None)
        self.count(draft, "fractions", amount, span, MAX_FRACTIONS)

    def cycle_count(self, amount: Range, unit: str, span: Span) -> None:
        if self.marks.pop(T.MIN, None) is not None and self.current is not None \
                and self.current.component.cycles is not None and amount.is_exact:
            old = self.current.component.cycles  # "up to 6 cycles (minimum of 3 cycles)"
            self.current.put("cycles", Count(Range(amount.min, old.range.max), old.span))
            return
        if amount.is_exact and amount.min == 1 and self.text_at(0) in (
                "of", "equaled", "equals", "consisted", "consists", "=", "is", "was"):
            self.context.append(Context("note", span))  # "one cycle of 12 mg daily ...": what
            return  # a cycle holds, not how many
        if amount.is_exact and amount.min == 1 and self.text_at(0) in ("per", "every") \
                and self.unit_kind_ahead(1) == "time":
            self.next()  # "1 cycles per 3 weeks": the cycle's length
            self.marks[T.REPEAT] = self.at(-1)
            return
        up_to = self.marks.pop(T.MAX, None) is not None
        self.marks.pop(T.FOR, None)
        self.marks.pop(T.TIMES, None)
        draft = self.target()
        if draft is not self.current and draft is self.pending:
            self.group_schedule.append((len(self.drafts), self.phase, "cycles",
                                        Count(amount, span, up_to)))
        self.count(draft, "cycles", amount, span, MAX_CYCLES, up_to)
        if up_to:
            self.stop.append(StopRule("completion", span))

    def divided(self, amount: Range, unit: str, span: Span) -> None:
        """'40 mg/m2 in 3 divided doses': the dose is the day's total, given in parts."""
        draft = self.drug_target("divided doses", span)
        dose = draft.component.dose
        if not amount.is_exact or not amount.min.is_integer() or not 1 <= amount.min <= 24:
            raise self.error(f"{span.of(self.text)!r}", span, "not a whole number of doses a day")
        n = int(amount.min)
        if dose is not None:
            draft.put("dose", replace(dose, per=Per.DAY))
        self.assign(draft, "frequency", Frequency(f"{n}x/day", n, 1, span), span)

    def dose_count(self, amount: Range, unit: str, span: Span) -> None:
        """'for up to six doses', 'x 4 doses'; 'divided into two doses' splits a day's dose."""
        if self.marks.pop(T.DIVIDED, None) is not None:
            self.divided(amount, unit, span)
            if self.kind() is T.FREQ and fold(self.at().text) == "daily":
                self.next()  # "divided into two doses daily"
            return
        up_to = self.marks.pop(T.MAX, None) is not None
        for mark in (T.FOR, T.TIMES):
            self.marks.pop(mark, None)
        self.count(self.drug_target("number of doses", span), "doses", amount, span,
                   MAX_CYCLES * 31, up_to)
        if up_to:
            self.stop.append(StopRule("completion", span))

    def count(self, draft: _Draft, attr: str, amount: Range, span: Span, limit: int,
              up_to: bool = False) -> None:
        if not amount.min.is_integer() or not amount.max.is_integer() or amount.min < 1:
            raise self.error(f"{_LABEL[attr]} must be a whole number, 1 or more", span)
        if amount.max > limit:
            raise self.error(f"{_LABEL[attr]} {amount} is more than {limit}", span)
        self.assign(draft, attr, Count(amount, span, up_to), span,
                    share=attr in ("cycles", "doses"))

    def time(self, amount: Range, unit: str, span: Span) -> None:
        """A length of time, read by the words around it: a cycle (every 3 weeks,
        21-day cycle), a period on or off, a duration, an infusion time."""
        marks = self.marks
        days = _days_of(amount, unit)
        if self.kind() is T.PER and self.at().value == "week" and unit == "day":
            per_week = self.next()  # "x 7 days/week": days of each week
            span = span.cover(per_week.span)
            marks.pop(T.TIMES, None)
            if amount.is_exact and amount.min == 7:
                return  # every day of the week: the frequency says the rest
            draft = self.current
            if draft is not None and draft.component.kind is Kind.RADIOTHERAPY:
                self.assign(draft, "per_week", int(amount.min), span)
                return
            raise self.error(f"{span.of(self.text)!r}", span,
                             "which days of the week is not in the text")
        ahead = self.significant(0, frozenset({T.FILL, T.OVER}))
        after = self.peek(ahead)
        draft = self.current
        if unit in ("minute", "hour"):
            if marks.pop(T.EVERY, None) is not None:
                self.hourly(amount, unit, span)
                return
            marks.pop(T.OVER, None)
            self.assign(self.drug_target("infusion time", span), "infusion",
                     Duration(amount, unit, span), span)
            return
        if after is not None and after.kind is T.UNIT and after.value.kind == "cycle" \
                and self.peek(ahead - 1) is not None:
            self.pos += ahead + 1  # "21-day cycle", "21 days was a cycle", "3-week cycles"
            marks.pop(T.EVERY, None)
            marks.pop(T.REPEAT, None)
            if draft is not None and draft.on_days is not None and draft.on_days == days:
                # "daily for five days. Each 5-day course ... every 28 days": the course
                self.context.append(Context("note", span.cover(after.span)))
                return
            self.cycle_length(days, span.cover(after.span), unit)
            return
        glued_count = self.kind() is T.NUMBER and self.unit_kind_ahead(0) == "cycle"
        if marks.pop(T.EVERY, None) is not None or marks.pop(T.REPEAT, None) is not None \
                or glued_count or (after is not None and after.kind is T.REPEAT and ahead == 0):
            if after is not None and after.kind is T.REPEAT and ahead == 0:
                self.next()
            if draft is not None and draft.on_days is not None and draft.on_days == days:
                self.context.append(Context("note", span))  # "Each 5-day course": the days on
                return
            self.cycle_length(days, span, unit)
            return
        if after is not None and after.kind is T.REST and ahead <= 1:
            if fold(after.text).endswith((" for", " of")) and self.kind(ahead + 1) is T.NUMBER:
                # "2 weeks of medication stopped for 1 week": the weeks on, then the rest
                self.on_period(self.target(leading=False), days, span)
                return
            self.pos += ahead + 1  # "a 1-week rest", "2 weeks off"
            self.rest(days, span.cover(after.span))
            return
        if marks.pop(T.REST, None) is not None:
            self.rest(days, span)
            return
        if marks.pop(T.ON, None) is not None and unit == "day" and draft is not None \
                and draft.component.days is None:
            self.on_period(draft, days, span)  # "on 3 consecutive days"
            return
        if after is not None and after.kind is T.EVERY and ahead == 1 and draft is not None \
                and draft.component.days is None:
            self.on_period(draft, days, span)  # "14 days of every 21 days"
            return
        if after is not None and after.kind is T.ON and ahead == 0:
            self.next()  # "4 weeks on"
            self.on_period(self.target(leading=False), days, span)
            return
        if after is not None and after.kind is T.CONTEXT and after.value == "timing":
            self.context_words(after)  # "6 weeks after surgery"
            self.context[-1] = Context("timing", span.cover(self.context[-1].span))
            return
        up_to = marks.pop(T.MAX, None) is not None
        for_mark = marks.pop(T.FOR, None)
        for_ = for_mark is not None
        # "5-FU .../day for 5 days" is the drug's own period; after a comma or a clause
        # ("..., for 5 days", "were given starting from day 1 for 14 days") the group's
        trailing = for_mark is not None and self.tokens.index(for_mark) > 0 \
            and self.tokens[self.tokens.index(for_mark) - 1].kind not in (
                T.UNIT, T.PER, T.FREQ, T.ROUTE, T.RPAREN, T.DRUG, T.WORD)
        times = marks.pop(T.TIMES, None) is not None
        over = marks.pop(T.OVER, None) is not None or marks.pop(T.IN, None) is not None
        if draft is None:
            raise self.error(f"a length of time, {span.of(self.text)!r}", span,
                             "before any drug or radiotherapy")
        c = draft.component
        if up_to:
            self.assign(draft, "duration", Duration(amount, unit, span, up_to=True), span)
            self.stop.append(StopRule("completion", span))
            return
        in_parens = self.peek(-1) is not None and self.kind(self.significant(0)) is T.RPAREN \
            and self.tokens[self.pos - 1].span.end <= span.end
        if self.lead and not (over or for_ or times):
            self.on_period(self.waiting(Kind.DRUG), days, span)  # "21 days of oral etoposide"
            return
        if c.kind is Kind.RADIOTHERAPY and (over or for_ or in_parens):
            self.assign(draft, "duration", Duration(amount, unit, span), span)
            return
        if times or for_ or (in_parens and c.dose is not None):
            if c.cycle is not None and days is not None and days % c.cycle.length_days == 0:
                n = Range.exact(float(days // c.cycle.length_days))
                self.count(draft, "cycles", n, span, MAX_CYCLES)
                return
            if c.days is None and days is not None and (
                    c.cycle is None or days < c.cycle.length_days):
                self.on_period(draft, days, span, shared=trailing)  # "for 2 weeks" of q3w
                return
            self.assign(draft, "duration", Duration(amount, unit, span), span)
            return
        if over:
            self.assign(draft, "duration", Duration(amount, unit, span), span)
            return
        if in_parens:
            self.context.append(Context("note", span))  # "(24 weeks)"
            return
        raise self.error(f"cannot place {span.of(self.text)!r}", span,
                         "not a cycle, a period on or off, or a duration")

    def hourly(self, amount: Range, unit: str, span: Span) -> None:
        hours = amount.min / 60 if unit == "minute" else amount.min
        if not amount.is_exact or not hours.is_integer() or hours <= 0 or 24 % int(hours):
            raise self.error(f"every {span.of(self.text)}", span,
                             "not a whole number of doses a day")
        per_day = 24 // int(hours)
        freq = Frequency(f"q{int(hours)}h", per_day, 1, span)
        self.assign(self.target(), "frequency", freq, span)

    def cycle_length(self, days: int | None, span: Span, unit: str) -> None:
        if days is None:
            raise self.error(f"a cycle of {span.of(self.text)!r}", span,
                             "give the cycle in days or weeks")
        if not 1 <= days <= MAX_DAY:
            raise self.error(f"a cycle of {days} days", span, f"a cycle is 1 to {MAX_DAY} days")
        self.set_cycle(self.drug_target("cycle", span), days, span)

    def on_period(self, draft: _Draft, days: int | None, span: Span,
                  shared: bool = False) -> None:
        """Days 1..N: 'for 14 days', 'x 5 days', '4 weeks on'; ``shared``: written after
        the group's drugs ('5-FU ... + cisplatin ..., for 5 days')."""
        if days is None or not 1 <= days <= MAX_DAY:
            raise self.error(f"a treatment period of {span.of(self.text)!r}", span,
                             "give it in days or weeks")
        draft.on_days = days
        value = CycleDays(tuple(range(1, days + 1)), span)
        self.assign(draft, "days", value, span)
        if shared:  # the period of every drug of the clause, daily ones too
            for other in self.drafts[self.group_start :]:
                c = other.component
                if other is not draft and c.kind is Kind.DRUG and c.days is None \
                        and other.name_token >= self.clause_start and c.dose is not None:
                    other.put("days", value)
                    other.on_days = days

    def rest(self, days: int | None, span: Span) -> None:
        """A rest after the days given: the cycle is the days on plus the rest."""
        draft = self.drug_target("rest period", span)
        c = draft.component
        on = draft.on_days or (max(c.days.days) if c.days else None)
        if on is None or days is None:
            raise self.error(f"a rest period, {span.of(self.text)!r}", span,
                             "with no treatment days before it")
        self.set_cycle(draft, on + days, span)

    def bsa(self, amount: Range, unit: str, span: Span) -> None:
        """'<1.25 m2', '1.25 to <1.5 m2', '>=1.5 m2': a band of body surface area,
        whose dose follows."""
        compare = self.marks.pop(T.COMPARE, None)
        sign = fold(compare.text) if compare else ""
        low: float | None = amount.min
        high: float | None = amount.max
        low_in, high_in = True, False
        if sign in ("<", "less than", "below"):
            low, high = None, amount.max
        elif sign in ("<=", "≤", "at most"):
            low, high, high_in = None, amount.max, True
        elif sign in (">", "greater than", "above"):
            low, high, low_in = amount.min, None, False
        elif sign in (">=", "≥", "at least"):
            low, high = amount.min, None
        elif amount.is_exact:
            raise self.error(f"a body surface area of {span.of(self.text)!r}", span,
                             "say which side of it the band lies (<, >=, or a range)")
        if self.kind() is T.COMPARE and fold(self.at().text) in ("or more", "or greater",
                                                                    "and above"):
            self.next()
            low, high = amount.min, None
        self.band = (low, high, low_in, high_in, span)
        self.skip(T.SEP, T.OTHER, T.FILL)
        if self.unit_kind_ahead(0) != "dose":
            self.band = None
            raise self.error(f"a body surface area band, {span.of(self.text)!r}", span,
                             "with no dose after it")

    def add_band(self, dose: Dose) -> None:
        assert self.band is not None
        low, high, low_in, high_in, span = self.band
        self.band = None
        draft = self.drug_target("dose band", span)
        band_span = span.cover(dose.span)
        band = DoseBand(low, high, dose, band_span, low_in, high_in)
        bands = (*draft.component.bands, band)
        draft.put("bands", bands)
        doses = [b.dose.amount for b in bands]
        first = bands[0].span or band_span
        draft.put("dose", Dose(Range(min(d.min for d in doses), max(d.max for d in doses)),
                               dose.unit, dose.per, first.cover(band_span)))

    # -- days ---------------------------------------------------------------
    def days(self, tok: Token) -> None:
        """'d1-14', 'D1-D14', 'd1,8', 'days 1, 8 and 15', 'days 1-14 and 29-42'."""
        self.day_list(self.next().span)

    def day_list(self, span: Span) -> None:
        marker = self.pos
        days: list[int] = []
        while True:
            if self.kind() is not T.NUMBER:
                raise self.error("a day marker with no day number", span)
            first_tok = self.peek()
            first = self.day_number()
            last = first
            if self.kind() in (T.DASH, T.TO) and self.kind(self.significant(1, frozenset(
                    {T.DAY}))) is T.NUMBER:
                self.next()
                self.skip(T.DAY)
                end_tok = self.peek()
                last = self.day_number()
                if last < first:
                    assert first_tok is not None and end_tok is not None
                    raise self.error(f"the day range {first}-{last} runs backwards",
                                     first_tok.span.cover(end_tok.span))
            span = span.cover(self.tokens[self.pos - 1].span)
            days.extend(range(first, last + 1))
            if self.kind() in (T.SEP, T.JOIN) and self.text_at(0) in (",", "and", "&") \
                    and self.day_item_ahead(1):
                self.next()
                self.skip(T.DAY, T.JOIN)
                continue
            break
        if len(set(days)) != len(days):
            raise self.error("a day listed twice", span)
        if marker >= 3 and self.tokens[marker - 3].kind is T.UNIT \
                and self.tokens[marker - 3].value.kind == "cycle" and days == [1]:
            self.context.append(Context("timing", self.tokens[marker - 3].span.cover(span)))
            return  # "from Cycle 1 Day 1": when it starts
        if self.text_at(0) == ":" and self.kind(1) in (T.DRUG, T.WORD):
            draft = self.waiting(Kind.DRUG)  # "Days 1, 8, 15: Vincristine, 1.5 mg/m2"
            self.filling_pending = True
        else:
            draft = self.target(leading=False)
        before = {fold(t.text) for t in self.tokens[max(0, marker - 4) : marker]}
        freq = draft.component.frequency
        dose = draft.component.dose
        daily = (freq is not None and freq.every_days == 1) or (
            freq is None and dose is not None and dose.per is Per.DAY)
        if before & lexicon.PERIOD_STARTS and not draft.on_days and days == [1] and daily:
            # "once daily continuously, beginning on day 1": when it starts, not its days
            self.context.append(Context("timing", span))
            return
        if draft.on_days and draft.component.days is not None and draft.component.days.days == \
                tuple(range(1, draft.on_days + 1)) and max(days) <= draft.on_days \
                and len(days) < draft.on_days:
            # "twice weekly for two weeks (i.e., on days 1, 4, 8, and 11)": the days themselves
            draft.put("days", None)
            draft.on_days = None
        elif draft.component.cycle is not None and draft.component.days is not None \
                and min(days) > max(draft.component.days.days):
            return  # "followed by a 10-day rest period (days 12 to 21)": the rest, told again
        before = {fold(t.text) for t in self.tokens[max(0, marker - 4) : marker]}
        if draft.on_days and draft.component.days and before & lexicon.PERIOD_STARTS:
            # "for 4 days beginning on days 1, 9 and 17": each start begins a period
            n = draft.on_days
            days = sorted({d + k for d in days for k in range(n)})
            draft.put("days", None)
        self.assign(draft, "days", CycleDays(tuple(sorted(days)), span), span, share=True)

    def day_item_ahead(self, ahead: int) -> bool:
        ahead = self.significant(ahead, frozenset({T.DAY, T.JOIN}))
        if self.kind(ahead) is not T.NUMBER:
            return False
        return self.unit_kind_ahead(ahead) is None

    def day_number(self) -> int:
        value, tok = self.number()
        if self.kind() is T.UNIT:
            raise self.cannot_read(self.at(), "a day number carries no unit")
        if not value.is_integer() or not 1 <= value <= MAX_DAY:
            raise self.cannot_read(tok, f"a day must be a whole number from 1 to {MAX_DAY}")
        return int(value)

    # -- stopping rules -----------------------------------------------------
    def until(self, tok: Token) -> None:
        """'until disease progression or intolerable toxicity ...', with the
        maximum durations and asides that such a clause holds."""
        self.next()
        found = 0
        while (t := self.peek()) is not None:
            if t.kind is T.STOP:
                self.stop.append(StopRule(t.value, self.next().span))
                found += 1
            elif t.kind in (T.FOR, T.MAX) and self.unit_kind_ahead(
                    self.significant(0, frozenset({T.FOR, T.MAX, T.FILL}))) == "time":
                self.skip(T.FOR, T.MAX, T.FILL)
                self.marks[T.MAX] = t  # "or for a maximum of 15 months": a limit
                self.amount(self.at())
                self.stop[-1] = StopRule("completion", t.span.cover(self.tokens[self.pos - 1].span))
                found += 1
            elif (t.kind in (T.JOIN, T.FILL, T.SEP, T.UNTIL, T.LPAREN, T.RPAREN, T.TO)
                  and t.text != ";"
                  ) or (t.kind is T.CONTEXT and t.value == "population"):
                self.next()  # "patient intolerance", "(PD)", "whichever occurs first"
            elif t.kind is T.WORD and not self.strict and found:
                # an aside in the clause: reported, and the rules after it still read
                self.warn(self.cannot_read(self.next(), "not a stopping rule"))
            else:
                break
        if not found:
            t = self.peek()
            if t is not None and t.kind is T.WORD:
                raise self.cannot_read(t, "not a stopping rule (progression, toxicity, "
                                          "withdrawal of consent, death, completion)")
            raise self.cannot_read(tok, "no stopping rule follows it")

    # -- the end ------------------------------------------------------------
    def finish_pending(self) -> None:
        pending = self.pending
        if pending is None:
            return
        self.pending = None
        c = pending.component
        spans = [getattr(getattr(c, a), "span", None) for a in ATTRIBUTES]
        known = [s for s in spans if s is not None]
        if c.kind is Kind.RADIOTHERAPY and known:
            self.drafts.append(pending)
            return
        if known:
            span = min(known).cover(max(known))
            raise self.error(f"{span.of(self.text)!r}", span, "a dose or schedule with no drug")

    def check(self, draft: _Draft) -> Component:
        c = self.derive(draft)
        if c.kind is Kind.DRUG and c.dose is None:
            draft.notices.append(Notice(f"no dose given for {c.name}", c.span))
        if c.kind is Kind.RADIOTHERAPY and c.fractions is None and c.total_dose is not None:
            draft.notices.append(Notice("no number of fractions given for the radiotherapy",
                                        c.span))
        if c.cycle is not None and c.doses is not None and c.cycles is None \
                and (c.days is None or len(c.days.days) == 1) and (c.per_day or 1) == 1 \
                and (c.frequency is None or c.frequency.every_days in (1, c.cycle.length_days)):
            # "every 8 weeks for 12 doses": one dose a cycle, so twelve cycles
            draft.put("cycles", Count(c.doses.range, c.doses.span, c.doses.up_to))
            c = draft.component
        if c.cycle is None and (c.cycles or c.doses) is not None and c.frequency is not None \
                and c.frequency.every_days >= 7 and c.frequency.per_week is None:
            # "weekly cisplatin 40 mg/m2, six cycles": a cycle is a week
            draft.put("cycle", Cycle(c.frequency.every_days, c.frequency.span))
            c = draft.component
        if c.days and c.cycle and c.days.days[-1] > c.cycle.length_days:
            assert c.days.span is not None
            raise self.error(f"day {c.days.days[-1]} is past the end of a "
                             f"{c.cycle.length_days}-day cycle", c.days.span)
        if c.frequency and c.cycle and c.frequency.every_days > c.cycle.length_days:
            assert c.frequency.span is not None
            raise self.error("the frequency is longer than the cycle", c.frequency.span)
        return draft.freeze()

    @staticmethod
    def derive(draft: _Draft) -> Component:
        """Radiotherapy figures that follow by arithmetic from two exact ones:
        50.4 Gy in 28 fractions is 1.8 Gy a fraction; 1.8 Gy to 54 Gy is 30."""
        c = draft.component
        if c.kind is not Kind.RADIOTHERAPY:
            return c
        total, each, n = c.total_dose, c.fraction_dose, c.fractions
        exact = [x is not None and x.range.is_exact if isinstance(x, Count)
                 else x is not None and x.amount.is_exact for x in (total, each, n)]
        if total and n and each is None and exact[0] and exact[2]:
            draft.put("fraction_dose", Dose(Range.exact(round(total.amount.min / n.range.min, 4)),
                                            total.unit, Per.FRACTION))
        elif total and each and n is None and exact[1] and total.unit == each.unit:
            low, high = (total.amount.min / each.amount.min, total.amount.max / each.amount.min)
            if abs(low - round(low)) < 1e-6 and abs(high - round(high)) < 1e-6:
                draft.put("fractions", Count(Range(round(low), round(high))))
        elif each and n and total is None and exact[1] and exact[2]:
            draft.put("total_dose", Dose(Range.exact(round(each.amount.min * n.range.min, 4)),
                                         each.unit))
        return draft.component
