"""The parser: the loop over tokens, the dispatch of each token kind, and the
checks on the whole regimen at the end."""

from __future__ import annotations

from typing import Any

from ..lex import T, Token
from ..model import (
    ATTRIBUTES,
    Component,
    Count,
    Cycle,
    Dose,
    Kind,
    Notice,
    Per,
    Range,
    Regimen,
    Span,
)
from .amounts import Amounts
from .days import Days
from .errors import ParseError
from .prose import Prose
from .state import (
    MARKERS,
    Draft,
)


class Parser(Amounts, Days, Prose):
    """Tokens -> regimen: one instance reads one text."""

    def __init__(self, text: str, tokens: list[Token], strict: bool) -> None:
        super().__init__(text, tokens, strict)
        self.handlers = self.handler_table()

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
        if kind is not T.JOIN and kind not in MARKERS and kind is not T.FILL:
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
            **{m: self.marker for m in MARKERS - {T.CONCURRENT}},
        }

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

    def check(self, draft: Draft) -> Component:
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
    def derive(draft: Draft) -> Component:
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
