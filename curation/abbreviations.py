"""Abbreviations defined in running text: Schwartz & Hearst (2003), "A simple algorithm for identifying
abbreviation definitions in biomedical text" -- "long form (SF)" where SF's characters appear, in order,
in the long form, its first character starting a word.
"""
from __future__ import annotations

import re

_PAREN = re.compile(r"\(([^()]{1,15})\)")


def _valid_short(sf: str) -> bool:
    return 2 <= len(sf) <= 10 and sf[0].isalnum() and any(c.isalpha() for c in sf) and len(sf.split()) <= 2


def _best_long_form(sf: str, candidate: str) -> int | None:
    """Start index in `candidate` of the shortest long form that matches sf, or None."""
    s, l = len(sf) - 1, len(candidate) - 1
    while s >= 0:
        c = sf[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l >= 0 and (candidate[l].lower() != c or (s == 0 and l > 0 and candidate[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    start = candidate.rfind(" ", 0, l + 1) + 1
    return start


_TOKEN = re.compile(r"[A-Za-z0-9]+")


def _initials_long_form(sf: str, candidate: str) -> int | None:
    """Start index in `candidate` of the words whose initials are sf's letters and digits, in order and
    one to a word ("Thyroid transcription factor-1" for TTF-1), or None. Tried first: the shortest match
    would take letters from inside a word ("transcription factor-1", its T inside "transcription")."""
    chars = [c.lower() for c in sf if c.isalnum()]
    tokens = list(_TOKEN.finditer(candidate))
    if len(chars) < 2 or len(tokens) < len(chars):
        return None
    last = tokens[-len(chars):]
    if [t.group(0)[0].lower() for t in last] != chars:
        return None
    start = last[0].start()
    return start if start == 0 or candidate[start - 1] == " " else None


def find_definitions(text: str) -> list[tuple[int, int, int, int]]:
    """(long_start, long_end, short_start, short_end) in `text` for every 'long form (SF)' found."""
    out = []
    for m in _PAREN.finditer(text):
        sf = m.group(1).strip()
        if not _valid_short(sf) or ";" in sf or "," in sf:
            continue
        sf_start = m.start(1) + m.group(1).index(sf)
        before = text[:m.start()].rstrip()
        words = before.split()
        max_words = min(len(sf) + 5, len(sf) * 2)
        window = " ".join(words[-max_words:]) if words else ""
        if not window:
            continue
        window_start = len(before) - len(window)
        lf_start = _initials_long_form(sf, window)
        if lf_start is None:
            lf_start = _best_long_form(sf, window)
        if lf_start is None:
            continue
        long_form = window[lf_start:]
        if len(long_form) <= len(sf) or sf.lower() in long_form.lower().split():
            continue
        out.append((window_start + lf_start, len(before), sf_start, sf_start + len(sf)))
    return out
