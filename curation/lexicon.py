"""Terms -> a multi-pattern matcher over folded text, with case rules by term kind.

Matching runs on a *folded* copy of the text that has exactly the same length as the text (so a
match's offsets are the text's offsets): letters lower-cased where that keeps one code point, and
hyphen-like characters turned into spaces, so "IL-6", "IL 6" and "il-6" meet the same key. Case is
then checked on the original characters for terms whose kind needs it (gene symbols, short
abbreviations), so "MET" the gene is not "Met" the amino acid and "WAS" is not "was".

Each term also yields variants: "IL6" <-> "IL-6", "TNF-alpha" <-> "TNF-α", and plurals of disease
and chemical names ("carcinomas").
"""
from __future__ import annotations

import pickle
import re
from dataclasses import dataclass
from pathlib import Path

import ahocorasick

from .vocabulary import TERM_KIND_RANK

HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_FOLD = {ord(h): " " for h in HYPHENS}
GREEK = {"alpha": "\u03b1", "beta": "\u03b2", "gamma": "\u03b3", "delta": "\u03b4", "kappa": "\u03ba"}
_GENE_KINDS = {"symbol", "alias", "previous", "famplex"}
MAX_TERM_LENGTH = 80


def fold(text: str) -> str:
    """Same-length folding: lower case (where that keeps one code point) and hyphens as spaces."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_FOLD)


def fold_case_kept(text: str) -> str:
    return text.translate(_FOLD)


def term_key(term: str) -> str:
    return " ".join(fold(term).split())


def is_case_sensitive(term: str, kind: str) -> bool:
    letters = sum(c.isalpha() for c in term)
    if kind in _GENE_KINDS:
        # long symbols with digits (STAT3, ZEB1, CCL2) are safe in any case; short or digit-free ones are not
        return not (len(term) >= 4 and any(c.isdigit() for c in term) and letters >= 2)
    if len(term) <= 3:
        return True
    return term.isupper() and len(term) <= 6


def variants(term: str, kind: str, entity_type: str) -> set[str]:
    out = {term}
    if entity_type == "gene":
        out.add(re.sub(rf"(?<=[A-Za-z])[{HYPHENS}](?=\d)", "", term))  # IL-6 -> IL6
        m = re.fullmatch(r"([A-Za-z]{2,})(\d+[A-Za-z]?)", term)
        if m:
            out.add(f"{m.group(1)}-{m.group(2)}")  # IL6 -> IL-6
    for word, letter in GREEK.items():
        for t in list(out):
            if word in t.lower():
                out.add(re.sub(word, letter, t, flags=re.I))
                out.add(re.sub(rf"[{HYPHENS} ]?{word}", letter, t, flags=re.I))
            if letter in t:
                out.add(t.replace(letter, word))
    if entity_type in ("disease", "chemical") and kind in ("name", "synonym") and len(term) >= 5 \
            and term[-1].isalpha() and term[-1].islower() and not term.endswith("s"):
        out.add(term + "s")
    if entity_type in ("disease", "chemical") and kind in ("name", "synonym") and len(term) >= 6 \
            and term.endswith("s") and not term.endswith(("ss", "us", "is")):
        out.add(term[:-1])  # MeSH names classes in the plural: "Gentamicins" also matches "gentamicin"
    return out


@dataclass(frozen=True)
class Entry:
    concept_id: str
    entity_type: str
    term: str
    kind: str
    source: str
    case_sensitive: bool

    @property
    def rank(self) -> int:
        return TERM_KIND_RANK.get(self.kind, 9)


def usable(term: str, kind: str) -> bool:
    if len(term) < 2 or len(term) > MAX_TERM_LENGTH or term.isdigit():
        return False
    if ", " in term and kind in ("name", "synonym"):  # MeSH's inverted forms ("Neoplasms, Lung") never occur in text
        return False
    return any(c.isalpha() for c in term)


class Matcher:
    """An integer-valued Aho-Corasick automaton over folded keys, and the entries behind each key.

    Integer values keep the automaton compact and quick to load; the entries live in one list and are
    turned into :class:`Entry` objects only when a key is first matched.
    """

    def __init__(self, automaton, entries: list):
        self.automaton = automaton
        self.entries = entries  # automaton value -> (key length, entries)

    def save(self, path: Path) -> None:
        path = Path(path)
        self.automaton.save(str(path.with_suffix(".automaton")))
        rows = [(n, [(e.concept_id, e.entity_type, e.term, e.kind, e.source, e.case_sensitive)
                     if isinstance(e, Entry) else e for e in es]) for n, es in self.entries]
        with open(path.with_suffix(".entries"), "wb") as fh:
            pickle.dump(rows, fh, protocol=pickle.HIGHEST_PROTOCOL)

    @classmethod
    def load(cls, path: Path) -> "Matcher":
        path = Path(path)
        automaton = ahocorasick.load(str(path.with_suffix(".automaton")), pickle.loads)
        with open(path.with_suffix(".entries"), "rb") as fh:
            rows = pickle.load(fh)
        return cls(automaton, rows)

    def entries_for(self, value: int) -> tuple[int, tuple[Entry, ...]]:
        n, es = self.entries[value]
        if es and not isinstance(es[0], Entry):
            es = tuple(Entry(*e) for e in es)
            self.entries[value] = (n, es)
        return n, es


def build_matcher(terms, stoplist: dict[str, set[str]]) -> Matcher:
    """terms: iterable of dicts (term, concept_id, entity_type, term_kind, source).

    stoplist: folded key -> entity types it must not match ('*' for all).
    """
    table: dict[str, dict[tuple, Entry]] = {}
    for t in terms:
        term, kind, etype = t["term"], t["term_kind"], t["entity_type"]
        if not usable(term, kind):
            continue
        for v in variants(term, kind, etype):
            key = term_key(v)
            blocked = stoplist.get(key, ())
            if "*" in blocked or etype in blocked:
                continue
            entry = Entry(t["concept_id"], etype, v, kind, t["source"], is_case_sensitive(v, kind))
            slot = table.setdefault(key, {})
            ident = (entry.concept_id, entry.term, entry.case_sensitive)
            if ident not in slot or entry.rank < slot[ident].rank:
                slot[ident] = entry
    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    entries = []
    for key in sorted(table):
        automaton.add_word(key, len(entries))
        entries.append((len(key), tuple(sorted(table[key].values(), key=lambda e: (e.rank, e.concept_id, e.term)))))
    automaton.make_automaton()
    return Matcher(automaton, entries)


def _boundary(text: str, start: int, end: int) -> bool:
    return (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum())


def _squash(text: str) -> str:
    return "".join(text.split())


def find(matcher: Matcher, text: str) -> list[tuple[int, int, list[Entry]]]:
    """Every dictionary match on word boundaries whose case rules hold, as (start, end, entries)."""
    folded = fold(text)
    kept = None
    found = []
    for end_index, value in matcher.automaton.iter(folded):
        key_length, entries = matcher.entries_for(value)
        end = end_index + 1
        start = end - key_length
        if not _boundary(text, start, end):
            continue
        ok = []
        for e in entries:
            if e.case_sensitive:
                kept = kept if kept is not None else fold_case_kept(text)
                if _squash(kept[start:end]) != _squash(fold_case_kept(e.term)):
                    continue
            ok.append(e)
        if ok:
            found.append((start, end, ok))
    return found


def longest_first(matches: list[tuple[int, int, list]]) -> list[tuple[int, int, list]]:
    """Leftmost-longest, non-overlapping."""
    chosen, last_end = [], -1
    for start, end, entries in sorted(matches, key=lambda m: (m[0], -(m[1] - m[0]))):
        if start >= last_end:
            chosen.append((start, end, entries))
            last_end = end
    return chosen
