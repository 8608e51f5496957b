"""Whitespace-normalising text assembly that keeps exact positions of marked spans.

Every passage's text is built through :class:`TextBuilder`: runs of Unicode whitespace
collapse to one ASCII space and leading/trailing whitespace is dropped, so the same
input always yields the same text. Spans (e.g. citation markers) are recorded while the
text is built, so their offsets are exact in the normalised text rather than recomputed
afterwards by searching.
"""
from __future__ import annotations

class Span:
    """A marked region of a :class:`TextBuilder`; start is fixed by the first visible character."""

    __slots__ = ("start", "end")

    def __init__(self) -> None:
        self.start: int | None = None
        self.end: int | None = None


class TextBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self.length = 0
        self._pending_space = False
        self._unstarted: list[Span] = []

    def add(self, chunk: str | None) -> None:
        if not chunk:
            return
        words = chunk.split()  # str.split() and re's \s agree on what whitespace is
        if not words:
            self._pending_space = True
            return
        if (self._pending_space or chunk[0].isspace()) and self.length:
            self._parts.append(" ")
            self.length += 1
        if self._unstarted:
            for span in self._unstarted:
                span.start = self.length
            self._unstarted.clear()
        joined = words[0] if len(words) == 1 else " ".join(words)
        self._parts.append(joined)
        self.length += len(joined)
        self._pending_space = chunk[-1].isspace()

    def separate(self) -> None:
        """Ask for a single space before whatever comes next (used between block parts)."""
        self._pending_space = True

    def open_span(self) -> Span:
        span = Span()
        self._unstarted.append(span)
        return span

    def close_span(self, span: Span) -> Span:
        if span.start is None:  # nothing visible was written inside the span
            self._unstarted.remove(span)
            span.start = self.length
        span.end = self.length
        return span

    def text(self) -> str:
        return "".join(self._parts)


def normalise(text: str | None) -> str:
    """The builder's normalisation applied to one string."""
    if not text:
        return ""
    return " ".join(text.split())
