"""Amounts: a number or range with its unit, read by what the unit is and by
the markers before it (a dose, a radiation dose, a count, a length of time)."""

from __future__ import annotations

from dataclasses import replace

from .. import lexicon
from ..lex import T, Token
from ..lexicon import fold
from ..model import (
    Context,
    Count,
    CycleDays,
    Dose,
    DoseBand,
    Duration,
    Frequency,
    Kind,
    Per,
    Range,
    Span,
    StopRule,
)
from .state import (
    MAX_CYCLES,
    MAX_DAY,
    MAX_FRACTIONS,
    Draft,
    Reader,
    days_of,
    same,
)


class Amounts(Reader):
    # -- amounts ------------------------------------------------------------
    def dose_end(self, ahead: int) -> int:
        """The offset just past the dose amount starting ``ahead`` tokens on."""
        ahead += 1
        if self.kind(ahead) in (T.DASH, T.TO) and self.kind(ahead + 1) is T.NUMBER:
            ahead += 2
        return ahead + 1

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
        elif old is not None and old.per is not per and not same(old, dose):
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
        if amount.is_exact and amount.min == 1 and self.text_at(0) in lexicon.CYCLE_DEFINITION:
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

    def time(self, amount: Range, unit: str, span: Span) -> None:
        """A length of time, read by the words around it: a cycle (every 3 weeks,
        21-day cycle), a period on or off, a duration, an infusion time."""
        marks = self.marks
        days = days_of(amount, unit)
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
        trailing = for_mark is not None and self.before_mark.get(T.FOR) not in (
            None, T.UNIT, T.PER, T.FREQ, T.ROUTE, T.RPAREN, T.DRUG, T.WORD)
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

    def on_period(self, draft: Draft, days: int | None, span: Span,
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
        side = compare.value if compare else ""
        if self.kind() is T.COMPARE and self.at().value == "or_more":
            side = self.next().value  # "1.5 m2 or more"
        low: float | None = amount.min
        high: float | None = amount.max
        low_in, high_in = True, False
        if side == "below":
            low = None
        elif side == "at_most":
            low, high_in = None, True
        elif side == "above":
            high, low_in = None, False
        elif side in ("at_least", "or_more"):
            high = None
        elif amount.is_exact:
            raise self.error(f"a body surface area of {span.of(self.text)!r}", span,
                             "say which side of it the band lies (<, >=, or a range)")
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
