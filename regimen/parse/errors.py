"""The error of a text that cannot be read, and its rendering with a caret."""

from __future__ import annotations

from ..model import Span


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
