"""Sequence variants in text -> HGVS: T790M, p.Thr790Met, Val158Met, R213X, Y145fs, c.2369C>T, c.1521delA,
g.-308G>A, exon 19 deletions, rs IDs."""
from __future__ import annotations

import re

AA3 = {"A": "Ala", "R": "Arg", "N": "Asn", "D": "Asp", "C": "Cys", "Q": "Gln", "E": "Glu", "G": "Gly", "H": "His",
       "I": "Ile", "L": "Leu", "K": "Lys", "M": "Met", "F": "Phe", "P": "Pro", "S": "Ser", "T": "Thr", "W": "Trp",
       "Y": "Tyr", "V": "Val", "*": "Ter", "X": "Ter"}
AA1 = "ACDEFGHIKLMNPQRSTVWY"
_AA3_VALUES = set(AA3.values())
_AA3 = "|".join(sorted(_AA3_VALUES - {"Ter"}))
# A variant may follow its gene's symbol or another variant: "EGFR-T790M", "L858R/T790M", "AQP2-F204V"; not
# a decimal or a word ("p.1.A23B", "GADD45A")
_BEFORE = r"(?<![\w.])"
_PATTERNS = [
    # three-letter codes, with or without "p.": "p.Thr790Met", "Val158Met", "p.(Arg248Gln)", "p.Arg213*"
    ("protein", re.compile(rf"{_BEFORE}(?:p\.)?\(?({_AA3})(\d{{1,5}})({_AA3}|Ter|\*|=)\)?(?!\w)")),
    # a frameshift: "Y145fs", "p.Tyr145fs", "V600fs*12"
    ("frameshift", re.compile(rf"{_BEFORE}(?:p\.)?(?:([{AA1}])|({_AA3}))(\d{{2,5}})fs(?:\*\d+|X\d+|Ter\d+)?(?!\w)")),
    # one-letter codes: "T790M", "R213X" and "R213*" (stop)
    ("protein_short", re.compile(rf"{_BEFORE}(?:p\.)?([{AA1}])(\d{{2,5}})([{AA1}*X])(?!\w)")),
    # a substitution in coding or genomic DNA, or a promoter's position written without the prefix:
    # "c.2369C>T", "g.-308G>A", "-1082G>A", "1199G>A", "c.1A>G"
    ("dna", re.compile(r"(?<![\w.>+-])(?:([cg])\.)?(-?\d+(?:[+-]\d+)?)([ACGT])>([ACGT])(?!\w)")),
    # a deletion, duplication or insertion in DNA: "c.1521delA", "c.35delG", "g.1234_1236del", "c.68dupT"
    ("dna_indel", re.compile(r"(?<![\w.])([cg])\.(-?\d+(?:[+-]\d+)?(?:_-?\d+(?:[+-]\d+)?)?)(del|dup|ins)([ACGT]*)(?!\w)")),
    ("exon_deletion", re.compile(r"(?<!\w)(?:exon\s?(\d{1,2})\s(?:in-frame\s)?del(?:etion)?s?|ex(\d{1,2})del|(\d{1,2})[- ]?del|del\s?(\d{1,2}))(?!\w)", re.I)),
    ("dbsnp", re.compile(r"(?<!\w)rs\d{3,12}(?!\w)")),
]


def find_variants(text: str) -> list[tuple[int, int, str]]:
    """(start, end, normalised form) for each variant; the form is HGVS where one exists (a substitution written
    without "c." or "g." keeps no prefix: the text does not say which sequence it counts on)."""
    found: dict[tuple[int, int], str] = {}
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            if kind == "protein":
                end = "Ter" if m.group(3) == "*" else m.group(3)
                if end == m.group(1):  # synonymous: "Met129Met" is p.Met129=
                    end = "="
                form = f"p.{m.group(1)}{m.group(2)}{end}"
            elif kind == "frameshift":
                form = f"p.{AA3[m.group(1)] if m.group(1) else m.group(2)}{m.group(3)}fs"
            elif kind == "protein_short":
                if m.group(1) == m.group(3):
                    continue
                form = f"p.{AA3[m.group(1)]}{m.group(2)}{AA3[m.group(3)]}"
            elif kind == "dna":
                prefix = f"{m.group(1)}." if m.group(1) else ""
                form = f"{prefix}{m.group(2)}{m.group(3)}>{m.group(4)}"
            elif kind == "dna_indel":
                form = f"{m.group(1)}.{m.group(2)}{m.group(3)}{m.group(4)}"
            elif kind == "exon_deletion":
                exon = next(g for g in m.groups() if g)
                form = f"exon{int(exon)}del"
            else:
                form = m.group(0).lower()
            span = (m.start(), m.end())
            if not any(s <= span[0] and span[1] <= e for s, e in found):
                found[span] = form
    return sorted((s, e, f) for (s, e), f in found.items())
