"""Sequence variants in text -> HGVS: T790M, p.Thr790Met, Val158Met, R213X, Y145fs, c.2369C>T, c.1521delA,
g.-308G>A, G-308A, ΔF508, exon 19 deletions, rs IDs; IVS3+1G>A keeps the legacy intron numbering."""
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
    ("frameshift", re.compile(rf"{_BEFORE}(?:p\.)?(?:([{AA1}])|({_AA3}))(\d{{2,5}})fs(\*\d+|X\d+|Ter\d+)?(?!\w)")),
    # one-letter codes: "T790M", "R213X" and "R213*" (stop)
    ("protein_short", re.compile(rf"{_BEFORE}(?:p\.)?([{AA1}])(\d{{2,5}})([{AA1}*X])(?!\w)")),
    # a substitution in coding or genomic DNA, or a promoter's position written without the prefix:
    # "c.2369C>T", "g.-308G>A", "-1082G>A", "1199G>A", "c.1A>G"
    ("dna", re.compile(r"(?<![\w.>+-])(?:([cg])\.)?(-?\d+(?:[+-]\d+)?)([ACGT])>([ACGT])(?!\w)")),
    # a promoter polymorphism in the older notation, its position between the two alleles or after them:
    # "G-395A", "C-1082T", "-511C/T"
    ("promoter", re.compile(r"(?<![\w.+-])(?:([ACGT])(-\d{1,5})([ACGT])|(-\d{1,5})([ACGT])/([ACGT]))(?!\w|/)")),
    # a splice-site change in the intron's legacy numbering: "IVS3+1G>A", "IVS4 + 1C > T"
    ("intron", re.compile(r"(?<!\w)IVS(\d{1,2}) ?([+-]) ?(\d{1,4}) ?([ACGT]) ?-?> ?([ACGT])(?!\w)")),
    # three-letter codes written apart: "Cys 23 Ser"; not a zinc finger's residue counts ("Cys 2 His 2")
    ("protein_spaced", re.compile(rf"{_BEFORE}({_AA3}) (\d{{1,5}}) ({_AA3})(?!\w| ?\d)")),
    # a one-residue deletion written with a delta: "ΔF508", "deltaF508", "Delta F508"
    ("residue_deletion", re.compile(rf"(?<!\w)(?:Δ|[Dd]elta ?)([{AA1}])(\d{{2,5}})(?!\w)")),
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
                stop = re.search(r"\d+$", m.group(4) or "")
                form = f"p.{AA3[m.group(1)] if m.group(1) else m.group(2)}{m.group(3)}fs" + (f"Ter{stop.group(0)}" if stop else "")
            elif kind == "protein_short":
                if m.group(1) == m.group(3):
                    continue
                if m.group(1) in "ACGT" and m.group(3) in "ACGT" and int(m.group(2)) >= 1000:
                    # both letters bases and past residue 1000: a DNA change ("G3853A", "T2734C"); nearer the
                    # start the protein reading stays ("G12C", "A53T"), as most such changes written so are
                    form = f"{m.group(2)}{m.group(1)}>{m.group(3)}"
                else:
                    form = f"p.{AA3[m.group(1)]}{m.group(2)}{AA3[m.group(3)]}"
            elif kind == "dna":
                prefix = f"{m.group(1)}." if m.group(1) else ""
                form = f"{prefix}{m.group(2)}{m.group(3)}>{m.group(4)}"
            elif kind == "promoter":
                position, ref, alt = (m.group(2), m.group(1), m.group(3)) if m.group(1) else m.group(4, 5, 6)
                form = f"{position}{ref}>{alt}"
            elif kind == "intron":
                form = f"IVS{m.group(1)}{m.group(2)}{m.group(3)}{m.group(4)}>{m.group(5)}"
            elif kind == "protein_spaced":
                form = f"p.{m.group(1)}{m.group(2)}{'=' if m.group(3) == m.group(1) else m.group(3)}"
            elif kind == "residue_deletion":
                form = f"p.{AA3[m.group(1)]}{m.group(2)}del"
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


_ONE_LETTER = {three: one for one, three in AA3.items() if one != "*"}
_HGVS = re.compile(r"^(?:(?P<prefix>[cg])\.)?(?:(?P<pos>-?\d+(?:[+-]\d+)?|IVS\d+[+-]\d+)(?P<ref>[ACGT])>(?P<alt>[ACGT])"
                   r"|(?P<span>-?\d+(?:[+-]\d+)?(?:_-?\d+(?:[+-]\d+)?)?)(?P<indel>del|ins|dup)(?P<seq>[ACGT]*))$")
_PROTEIN = re.compile(rf"^p\.(?P<ref>{_AA3})(?P<pos>\d+)(?:(?P<alt>{_AA3}|Ter|=)|(?P<fs>fsTer(?P<stop>\d+)|fs)|(?P<del>del))$")


def tmvar_id(form: str) -> str | None:
    """The identifier tmVar (and so BioRED and PubTator) gives a variant written as this HGVS form, where it
    has one: p.Thr790Met is "p|SUB|T|790|M", c.1521delA "c|DEL|1521|A", an rs ID itself. A substitution
    written without "c." or "g." is counted on the coding sequence, as tmVar does; the legacy intron numbering
    stays ("c|SUB|G|IVS3+1|A"). None for what tmVar writes otherwise or this module cannot say (exon deletions)."""
    if form.startswith("rs"):
        return form
    if (m := _PROTEIN.match(form)) is not None:
        ref = _ONE_LETTER[m["ref"]]
        if m["fs"]:
            return f"p|FS|{ref}|{m['pos']}||{m['stop'] or ''}"
        if m["del"]:
            return f"p|DEL|{m['pos']}|{ref}"
        alt = ref if m["alt"] == "=" else _ONE_LETTER[m["alt"]]
        return f"p|SUB|{ref}|{m['pos']}|{alt}"
    if (m := _HGVS.match(form)) is not None:
        prefix = m["prefix"] or "c"
        if m["ref"]:
            return f"{prefix}|SUB|{m['ref']}|{m['pos']}|{m['alt']}"
        if m["indel"] == "dup":  # tmVar writes a duplication with one field more: "c|DUP|429_452||"
            return f"{prefix}|DUP|{m['span']}|{m['seq']}|"
        return f"{prefix}|{m['indel'].upper()}|{m['span']}|{m['seq']}"
    return None
