"""Sequence variants in text -> HGVS: T790M, p.Thr790Met, c.2369C>T, exon 19 deletions, rs IDs."""
from __future__ import annotations

import re

AA3 = {"A": "Ala", "R": "Arg", "N": "Asn", "D": "Asp", "C": "Cys", "Q": "Gln", "E": "Glu", "G": "Gly", "H": "His",
       "I": "Ile", "L": "Leu", "K": "Lys", "M": "Met", "F": "Phe", "P": "Pro", "S": "Ser", "T": "Thr", "W": "Trp",
       "Y": "Tyr", "V": "Val", "*": "Ter", "X": "Ter"}
AA1 = "ACDEFGHIKLMNPQRSTVWY"
_PATTERNS = [
    ("protein", re.compile(r"(?<![\w.])p\.\(?([A-Z][a-z]{2})(\d{1,5})([A-Z][a-z]{2}|\*|=)\)?(?!\w)")),
    ("protein_short", re.compile(rf"(?<![\w./-])(?:p\.)?([{AA1}])(\d{{2,5}})([{AA1}*])(?![\w/])")),
    ("dna", re.compile(r"(?<![\w.])c\.(\d+(?:[+-]\d+)?)([ACGT])>([ACGT])(?!\w)")),
    ("exon_deletion", re.compile(r"(?<!\w)(?:exon\s?(\d{1,2})\s(?:in-frame\s)?del(?:etion)?s?|ex(\d{1,2})del|(\d{1,2})[- ]?del|del\s?(\d{1,2}))(?!\w)", re.I)),
    ("dbsnp", re.compile(r"(?<!\w)rs\d{3,12}(?!\w)")),
]
_AA3_VALUES = set(AA3.values())


def find_variants(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised form) for each variant; the form is HGVS where one exists."""
    found: dict[tuple[int, int], str] = {}
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "protein":
                if m.group(1) not in _AA3_VALUES:
                    continue
                form = f"p.{m.group(1)}{m.group(2)}{m.group(3).replace('*', 'Ter')}"
            elif kind == "protein_short":
                if m.group(1) == m.group(3):
                    continue
                form = f"p.{AA3[m.group(1)]}{m.group(2)}{AA3[m.group(3)]}"
            elif kind == "dna":
                form = f"c.{m.group(1)}{m.group(2)}>{m.group(3)}"
            elif kind == "exon_deletion":
                exon = next(g for g in m.groups() if g)
                form = f"exon{int(exon)}del"
            else:
                form = m.group(0).lower()
            span = (m.start(), m.end())
            if not any(s <= span[0] and span[1] <= e for s, e in found):
                found[span] = form
    return sorted((s, e, f) for (s, e), f in found.items())
