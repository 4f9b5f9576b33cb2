"""The words around the facts: tables, phases, context (disease, population,
labels, timing) and the stopping rules."""

from __future__ import annotations

from .. import lexicon
from ..lex import T, Token
from ..lexicon import DRUGS, fold
from ..model import (
    ATTRIBUTES,
    Context,
    Kind,
    StopRule,
)
from .state import (
    OPENERS,
    Reader,
)


class Prose(Reader):
    # -- tables -------------------------------------------------------------
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
        if kind in OPENERS | {T.WORD, T.ROUTE} and group and not finite \
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
