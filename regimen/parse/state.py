"""The reader's state and the facts it attaches: tokens, drafts of components,
the openers of components, and the rules by which a fact finds its component."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from .. import lexicon
from ..lex import T, Token
from ..lexicon import DRUG_CODE, DRUG_STEMS, DRUGS, MODALITY_PATTERN, SALTS, fold
from ..model import (
    ATTRIBUTES,
    Component,
    Context,
    Count,
    Cycle,
    CycleDays,
    Frequency,
    Kind,
    Notice,
    Per,
    Range,
    Route,
    Span,
    StopRule,
)
from .errors import ParseError

# Limits that keep a typo from becoming a calendar of a million rows.
MAX_DAY = 3660
MAX_CYCLES = 1000
MAX_FRACTIONS = 100
MAX_AMOUNT = 1e7


@dataclass
class Draft:
    """A component being read: its value so far, and what the parser still
    needs to know about how it was written."""

    component: Component
    notices: list[Notice] = field(default_factory=list)
    on_days: int | None = None  # "for 2 weeks" / "4 weeks on", waiting for a rest period
    name_token: int = -1  # index of the name's token
    companion_of: Draft | None = None  # ", in combination with Y,": the drug Y goes with

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
LABEL = {
    "dose": "dose", "route": "route", "frequency": "frequency", "days": "cycle days",
    "cycle": "cycle length", "cycles": "number of cycles", "total_dose": "total dose",
    "fractions": "number of fractions", "fraction_dose": "dose per fraction",
    "daily_dose": "daily dose", "loading_dose": "loading dose", "cap": "dose cap",
    "infusion": "infusion time", "duration": "duration", "per_week": "fractions a week",
    "site": "site", "technique": "technique", "concurrent": "concurrency",
    "doses": "number of doses",
}
# Tokens that can stand between a fact written before its drug and the drug.
LEADING = {T.NUMBER, T.UNIT, T.PER, T.DASH, T.TO, T.FILL, T.ROUTE, T.FREQ, T.PREFIX, T.OTHER,
            T.CONCURRENT, T.SITE, T.ADJECTIVE, T.LOADING, T.MAINTENANCE}
OPENERS = {T.DRUG, T.MODALITY, T.PROCEDURE}
MARKERS = {T.EVERY, T.FOR, T.MAX, T.MIN, T.PER_DAY, T.DIVIDED, T.TIMES, T.OVER, T.REPEAT,
            T.IN, T.ON, T.LOADING, T.MAINTENANCE, T.COMPARE, T.CONCURRENT, T.REST, T.TO,
            T.FRACTION_OF}



def without_suffix(name: str) -> str:
    """'govitecan-hziy' -> 'govitecan': the four-letter suffix the FDA adds to biologics."""
    return re.sub(r"-[a-z]{4}$", "", name)


def drug_like(word: str) -> bool:
    """A word not in the drug table that is written as a drug's name: an INN ending
    (-tinib, -mab, -platin ...) or an investigational code (SHR-1210)."""
    base = without_suffix(fold(word))  # "trastuzumab-dkst"
    stem = len(word) > 5 and (base in DRUGS or any(base.endswith(s) for s in DRUG_STEMS))
    return stem or re.fullmatch(DRUG_CODE, word) is not None


def same(a: Any, b: Any) -> bool:
    """Equal but for the spans they were read from."""
    if hasattr(a, "span") and hasattr(b, "span"):
        return bool(replace(a, span=None) == replace(b, span=None))
    return bool(a == b)


def days_of(amount: Range, unit: str) -> int | None:
    per = lexicon.DAYS_PER.get(unit)
    if per is None or not amount.is_exact or not (amount.min * per).is_integer():
        return None
    return int(amount.min * per)


class Reader:
    """Token access, component drafts and the attaching of facts; the parts of
    the grammar live in the mixins (amounts, days, prose) and the parser."""

    def __init__(self, text: str, tokens: list[Token], strict: bool) -> None:
        self.text = text
        self.tokens = tokens
        self.strict = strict
        self.pos = 0
        self.drafts: list[Draft] = []
        self.pending: Draft | None = None  # facts read before their drug
        self.stop: list[StopRule] = []
        self.context: list[Context] = []
        self.notices: list[Notice] = []
        self.marks: dict[T, Token] = {}  # markers read since the last fact
        self.before_mark: dict[T, T | None] = {}  # the kind of token before each marker
        self.group_start = 0  # the first draft a trailing schedule may reach
        self.phase = 0
        self.after_join = False  # the last significant token joined one drug to another
        self.lead = False  # the facts at the current token are written before their drug
        self.lead_course = False  # ... before their radiotherapy course
        self.band: tuple[float | None, float | None, bool, bool, Span] | None = None
        # cycles written before a group's drugs ("three-week cycles of X and Y")
        self.group_schedule: list[tuple[int, int, str, Any]] = []
        self.day_column = False  # a table whose rows hold days as bare numbers
        self.focus: Draft | None = None  # the component facts now belong to
        self.unit_tail = 0  # tokens of a unit written after the drug's name ("/m2")
        self.clause_start = 0  # days reach back no further than this token: a line, a ";"
        self.filling_pending = False  # the last fact went to a drug not yet named
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
    def current(self) -> Draft | None:
        return self.focus

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

    def is_other_name(self, current: Draft, index: int) -> bool:
        """'CCNU (lomustine)', 'Lipusu (T)': a name in parentheses right after a drug's."""
        return (current.component.kind is Kind.DRUG
                and current.name_token == index - 2 and self.tokens[index - 1].kind is T.LPAREN
                and current.component.aka is None and self.kind(index + 1 - self.pos) is T.RPAREN)

    def with_salt(self, draft: Draft) -> None:
        """'abiraterone acetate', 'anlotinib hydrochloride', 'sacituzumab govitecan-hziy':
        the salt is part of the name."""
        while (t := self.peek()) is not None and without_suffix(fold(t.text)) in SALTS:
            self.next()
            span = draft.component.span.cover(t.span)
            draft.put("name", span.of(self.text))
            draft.put("span", span)
            draft.put("name_span", span)

    def open(self, tok: Token, kind: Kind, index: int) -> Draft:
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
        draft = Draft(Component(tok.text, kind, tok.span, name_span=tok.span, phase=self.phase),
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
    def takes(pending: Draft, kind: Kind) -> bool:
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
        has_stem = drug_like(tok.text) and not code
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

    def waiting(self, kind: Kind) -> Draft:
        if self.pending is None:
            name = "radiotherapy" if kind is Kind.RADIOTHERAPY else ""
            self.pending = Draft(Component(name, kind, Span(0, 0), phase=self.phase))
        return self.pending

    # -- attaching facts ----------------------------------------------------
    def target(self, leading: bool = True) -> Draft:
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
        while ((at := self.kind(ahead)) in LEADING or (
                at is T.JOIN and self.text_at(ahead) == "or")) \
                and not self.starts_line(self.pos + ahead + 1):
            ahead += 1  # facts do not lead across a line: each row names its own drug
        if kind is T.MODALITY:
            return self.kind(ahead) is T.MODALITY
        return self.kind(ahead) in (T.DRUG, T.PROCEDURE) or (
            self.kind(ahead) is T.WORD and (self.unit_kind_ahead(ahead + 1) == "dose"
                                            or drug_like(self.at(ahead).text)))

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

    def assign(self, draft: Draft, attr: str, value: Any, span: Span | None,
            share: bool = False) -> None:
        old = getattr(draft.component, attr)
        unset = old is None or old is False or old == ()
        if not unset and not same(old, value):
            was = old.span.of(self.text) if getattr(old, "span", None) else str(old)
            where = span or Span(0, 0)
            raise self.error(f"conflicting {LABEL[attr]} for {draft.component.name or 'it'}",
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

    def drug_target(self, what: str, span: Span) -> Draft:
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

    def set_cycle(self, draft: Draft, days: int, span: Span) -> None:
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
        self.before_mark[tok.kind] = self.kind(-1)
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
        if tok.text.lower() in ("or", "and/or") and self.kind(ahead) in OPENERS:
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
        if self.kind(ahead) in OPENERS:
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

    # Parts of the grammar that live in the mixins, named here for the parts
    # that call them.
    def amount(self, tok: Token) -> None:
        raise NotImplementedError

    def day_list(self, span: Span) -> None:
        raise NotImplementedError

    def context_words(self, tok: Token) -> None:
        raise NotImplementedError

    def new_arm(self) -> None:
        raise NotImplementedError

    def next_phase(self) -> None:
        raise NotImplementedError

    def warn(self, err: ParseError) -> None:
        raise NotImplementedError

    # -- shared readers ---------------------------------------------------------

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

    def number(self) -> tuple[float, Token]:
        tok = self.next()
        if tok.kind is not T.NUMBER:
            raise self.cannot_read(tok, "a number was expected here")
        if tok.value > MAX_AMOUNT:
            raise self.cannot_read(tok, "a number too large to be a dose or a count")
        return tok.value, tok

    def count(self, draft: Draft, attr: str, amount: Range, span: Span, limit: int,
              up_to: bool = False) -> None:
        if not amount.min.is_integer() or not amount.max.is_integer() or amount.min < 1:
            raise self.error(f"{LABEL[attr]} must be a whole number, 1 or more", span)
        if amount.max > limit:
            raise self.error(f"{LABEL[attr]} {amount} is more than {limit}", span)
        self.assign(draft, attr, Count(amount, span, up_to), span,
                    share=attr in ("cycles", "doses"))

    def starts_line(self, index: int) -> bool:
        if index <= 0 or index >= len(self.tokens):
            return index == 0
        gap = self.text[self.tokens[index - 1].span.end : self.tokens[index].span.start]
        return "\n" in gap

    @staticmethod
    def names(c: Component) -> set[str]:
        """What a component is called: its name, other name and the INN behind them."""
        names = {fold(c.name)} | ({fold(c.aka)} if c.aka else set())
        return names | {fold(DRUGS[n]) for n in names if n in DRUGS}
