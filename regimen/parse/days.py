"""Days of the cycle: "d1-14", "D1-D14", "days 1, 8 and 15", "on the 1st and 8th day"."""

from __future__ import annotations

from .. import lexicon
from ..lex import T, Token
from ..lexicon import fold
from ..model import (
    Context,
    CycleDays,
    Kind,
    Per,
    Span,
)
from .state import (
    MAX_DAY,
    Reader,
)


class Days(Reader):
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
