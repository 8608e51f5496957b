"""Terms -> a memory-mapped dictionary matcher over folded text, with case rules by term kind.

Matching runs on a *folded* copy of the text that has exactly the same length as the text (so a
match's offsets are the text's offsets): letters lower-cased where that keeps one code point, and
hyphen-like characters turned into spaces, so "IL-6", "IL 6" and "il-6" meet the same key. Case is
then checked on the original characters for terms whose kind needs it (gene symbols, short
abbreviations), so "MET" the gene is not "Met" the amino acid and "WAS" is not "was".

Keys are looked up by hashing every whole-word span of the text up to the longest key's length
(vectorised with numpy) against a sorted array of key hashes, then confirming each hit against the
key itself. Unlike an Aho-Corasick automaton, which must be rebuilt in memory by every job (10-15 s
for the embedded vocabularies), the arrays are opened with mmap in milliseconds.

Each term also yields variants: "IL6" <-> "IL-6", "TNF-alpha" <-> "TNF-α", and plurals of disease
and chemical names ("carcinomas").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa

from schemas.tables import broader_type

from .vocabulary import TERM_KIND_RANK

HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
# Every character str.isspace() accepts: papers set "cyclin\u00a0B1" and "10\u2009kDa" with no-break and
# thin spaces, which a term's key writes as one plain space.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200b))) + \
    "\u2028\u2029\u202f\u205f\u3000"
_FOLD = {ord(c): " " for c in HYPHENS + WHITESPACE}
GREEK = {"alpha": "\u03b1", "beta": "\u03b2", "gamma": "\u03b3", "delta": "\u03b4", "kappa": "\u03ba"}
_GENE_KINDS = {"symbol", "alias", "previous", "famplex"}
MAX_TERM_LENGTH = 80
# An oncogene's cellular or viral form, "c-Kit", "c-kit", "C-KIT", "v-Raf": the prefix makes the symbol no
# word, so papers write it in any case and HGNC keeps one ("C-Kit" for KIT, "c-KIT" for mouse Kit).
_ONCOGENE_FORM = re.compile(rf"[cCvV][{HYPHENS}][A-Za-z]{{2}}[{HYPHENS}\w]*")
# ... and so does an isoform's or a tissue's capital before a hyphen: "K-ras", "K-Ras", "K-RAS" (FamPlex keeps
# "K-Ras"), "E-cadherin", "B-raf", "N-CoR"
_PREFIXED_FORM = re.compile(rf"[A-Z][a-z]?[{HYPHENS}][A-Za-z]{{3,}}")


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


def is_case_sensitive(term: str, kind: str, entity_type: str | None = None) -> bool:
    letters = sum(c.isalpha() for c in term)
    if kind in ("curated", "name") and entity_type == "gene" and term.isalpha() and term[:1].isupper() and term[1:].islower():
        # a gene pinned or named as a capitalised word ("Twist", "Slug"; the fly's "Chip", "Drop", "Star") is
        # not the word ("a twist", "a drop", "ChIP-seq")
        return True
    if kind == "curated" and entity_type == "gene" and term.isupper() and not any(c.isdigit() for c in term):
        return True  # a symbol learned as written ("CARDINAL", CARD8) keeps a symbol's case rule ("cardinal signs")
    if kind in _GENE_KINDS and " " in term and any(len(w) >= 4 and w.islower() and w not in GREEK for w in term.split()):
        return False  # a name written as an alias ("MER receptor tyrosine kinase") is a name: "Mer receptor ..."
    if kind in _GENE_KINDS:
        # long symbols with digits (STAT3, ZEB1, CCL2) are safe in any case; short or digit-free ones are not
        if _ONCOGENE_FORM.fullmatch(term) or _PREFIXED_FORM.fullmatch(term):
            return False
        return not (len(term) >= 4 and any(c.isdigit() for c in term) and letters >= 2)
    if len(term) <= 3:
        return True
    return term.isupper() and len(term) <= 6


# A Greek letter written as its Latin initial, as abstracts write it: "TNFa", "IFN-g", "TGF-b1", "NF-kB",
# "PPARa". Only where the word is attached to a symbol's capital or digit and ends the term or comes
# before a digit or capital, so that no word of a name ("factor alpha") loses its letters.
GREEK_INITIAL = {"alpha": "a", "\u03b1": "a", "beta": "b", "\u03b2": "b", "gamma": "g", "\u03b3": "g"}
_LEADING_GREEK = re.compile(rf"(alpha|beta|gamma|\u03b1|\u03b2|\u03b3)[{HYPHENS}]([A-Za-z]{{4,}}.*)", re.I)
_LATIN_GREEK = {word: re.compile(rf"(?<=[A-Z0-9])[{HYPHENS}]?{word}(?=$|[0-9A-Z])") for word in GREEK}
_GREEK_APART = {word: re.compile(rf"(?<=[A-Z0-9])[{HYPHENS} ]{word}(?=$|[0-9A-Z{HYPHENS} ])") for word in GREEK}
_GREEK_JOINED = {word: re.compile(rf"(?<=[A-Z0-9]){word}(?=$|[0-9A-Z{HYPHENS} ])") for word in GREEK}


def variants(term: str, kind: str, entity_type: str) -> set[str]:
    out = {term}
    if entity_type == "gene":
        out.add(re.sub(rf"(?<=[A-Za-z])[{HYPHENS}](?=\d)", "", term))  # IL-6 -> IL6
        m = re.fullmatch(r"([A-Za-z]{2,})(\d+[A-Za-z]?)", term)
        if m:
            out.add(f"{m.group(1)}-{m.group(2)}")  # IL6 -> IL-6
    if entity_type == "gene" and kind == "symbol" and re.fullmatch(r"[A-Z]{3,5}R", term):
        out.add(term[0] + term[1:-1].lower() + "R")  # a receptor's symbol as papers write it: "InsR", "LepR", "GcgR"
    if entity_type == "gene" and kind == "name":
        m = re.fullmatch(r"(.*[A-Za-z]{4}) (\d+)", term)
        if m:  # papers join a name's number to its last word as symbols do: "Talin1" is "talin 1"
            out.add(m.group(1) + m.group(2))
    if entity_type == "gene":
        for word in GREEK:
            for t in list(out):  # a Greek word after a symbol's capital or digit, joined or apart: "IL-1 alpha",
                # "IL-1alpha" and "IL-1-alpha"; "PKCdelta" and "PKC-delta"; "HIF-1 alpha" is not HIF-1
                out.add(_GREEK_APART[word].sub(word, t))
                out.add(_GREEK_JOINED[word].sub(" " + word, t))
    if entity_type == "gene" and kind in _GENE_KINDS:
        for word in GREEK:
            for t in list(out):
                if _LATIN_GREEK[word].search(t):  # "TNF-alpha" -> "TNF-a" and "TNFa"
                    out |= {_LATIN_GREEK[word].sub(lambda m: m.group(0)[:-len(word)] + word[0], t),
                            _LATIN_GREEK[word].sub(word[0], t)}
    if entity_type == "gene":
        for t in list(out):  # a leading Greek word as its initial too, as abstracts write it: "b-catenin",
            # "a-tubulin"; only before a hyphen and a word, so no "a" or "b" alone becomes one
            if (lead := _LEADING_GREEK.fullmatch(t)) is not None:
                out.add(GREEK_INITIAL[lead.group(1).lower()] + "-" + lead.group(2))
    for word, letter in GREEK.items():
        for t in list(out):
            if word in t.lower():
                out.add(re.sub(word, letter, t, flags=re.I))
                out.add(re.sub(rf"[{HYPHENS} ]?{word}", letter, t, flags=re.I))
                if entity_type == "gene" and kind in _GENE_KINDS:
                    out.add(re.sub(rf"(?<=[A-Z])[{HYPHENS} ](?=(?i:{word}))", "", t))  # "IFNbeta", "TNFalpha"
            if letter in t:
                out.add(t.replace(letter, word))
    if entity_type == "gene" and kind in _GENE_KINDS:
        # a lower-case name opening a sentence or a title: "Beta-catenin", "Clathrin", "Estrogen receptor";
        # only a word of four letters or more, so "p16", "eNOS" and "mer" keep their case
        out |= {t[0].upper() + t[1:] for t in out if re.match(r"[a-z]{4}", t)}
    return out


NAMED_BY_WORDS = ("disease", "chemical", "chemical_role")  # types whose names are phrases of ordinary words


def number_variants(term: str, kind: str, entity_type: str) -> set[str]:
    """Plural and singular of disease and chemical names: weaker than a name as written (see build_matcher)."""
    out = set()
    if entity_type in NAMED_BY_WORDS and kind in ("name", "synonym") and len(term) >= 5 \
            and term[-1].isalpha() and term[-1].islower() and not term.endswith("s"):
        out.add(term + "s")
    if entity_type in NAMED_BY_WORDS and kind in ("name", "synonym") and len(term) >= 6 \
            and term.endswith("s") and not term.endswith(("ss", "us", "is")):
        out.add(term[:-1])  # MeSH names classes in the plural: "Gentamicins" also matches "gentamicin"
    return out


# British spellings of medical words, made from the American ones MeSH writes: "haemorrhage", "leukaemia",
# "tumours", "oesophageal", "diarrhoea". Word-initial rules only where a word inside would be wrong
# ("systemic" is not "systaemic").
_BRITISH = [(re.compile(p, re.IGNORECASE), r) for p, r in (
    (r"tumor", "tumour"),
    (r"(?<![a-z])heme\b", "haem"),
    (r"(?<![a-z])hem(?=[aeo])", "haem"),
    (r"(?<=[a-z])emia", "aemia"),
    (r"(?<![a-z])(isch|ur|an|glyc)emic", r"\1aemic"),
    (r"(?<![a-z])edema", "oedema"),
    (r"(?<=angio)edema", "-oedema"),
    (r"(?<![a-z])esophag", "oesophag"),
    (r"(?<![a-z])estr(?=[aio])", "oestr"),
    (r"(?<![a-z])fet(?=(?:al|us|uses)\b)", "foet"),
    (r"(?<![a-z])celiac", "coeliac"),
    (r"rrhea", "rrhoea"),
    (r"(?<![a-z])pediatr", "paediatr"),
    (r"(?<![a-z])leuk(?=ocyt|open)", "leuc"),
)]


def british_variants(term: str, entity_type: str) -> set[str]:
    """The term with every British spelling rule applied (one variant), for disease and chemical names."""
    if entity_type not in NAMED_BY_WORDS:
        return set()
    out = term
    for pattern, replacement in _BRITISH:
        out = pattern.sub(lambda m: _same_case(m.group(0), m.expand(replacement)), out)
    return {out} if out != term else set()


def _same_case(written: str, replacement: str) -> str:
    return replacement[0].upper() + replacement[1:] if written[:1].isupper() else replacement


# A drug's salt as MeSH names it is the drug as papers write it: "Vecuronium Bromide" is "vecuronium",
# "Tiapride Hydrochloride" is "tiapride". An acid's anion is the acid: "Kainic Acid" is "kainate".
_SALT = re.compile(r"([A-Za-z][\w-]{4,}) (?:bromide|chloride|hydrochloride|dihydrochloride|hydrobromide|sulfate|sulphate|"
                   r"maleate|mesylate|tartrate|fumarate|succinate|besylate|tosylate|gluconate|monohydrate|"
                   r"hydrate|sodium|potassium)", re.IGNORECASE)
_ACID = re.compile(r"([A-Za-z][\w-]{2,})ic acid", re.IGNORECASE)
# "Iron-Dextran Complex" is "iron dextran"; "Prostaglandin I2" is "PGI2" (as "Prostaglandin E2" is "PGE2").
_COMPLEX = re.compile(r"([A-Za-z][\w]*[-\s][\w-]+) Complex(?:es)?", re.IGNORECASE)
_PROSTAGLANDIN = re.compile(r"Prostaglandin ([A-Z]\d?(?:alpha|beta|\u03b1|\u03b2)?)", re.IGNORECASE)


def chemical_forms(term: str, kind: str, entity_type: str) -> set[str]:
    """The drug without its counter-ion, the anion of an acid, a complex without the word, a prostaglandin's
    PG abbreviation, for chemical names and synonyms."""
    if entity_type != "chemical" or kind not in ("name", "synonym"):
        return set()
    out = set()
    if (m := _SALT.fullmatch(term)) and not m.group(1).lower().endswith("yl"):  # "Methyl Bromide" is not methyl
        out.add(m.group(1))
    if m := _ACID.fullmatch(term):
        out.add(m.group(1) + "ate")
    if m := _COMPLEX.fullmatch(term):
        out.add(m.group(1))
    if m := _PROSTAGLANDIN.fullmatch(term):
        out.add("PG" + m.group(1))
    return out


# MeSH names an organ's tumours "<Organ> Neoplasms"; papers write "kidney tumour", "thyroid cancer".
_NEOPLASMS = re.compile(r"((?:[A-Z][a-z]+ ){1,2})Neoplasms")


def neoplasm_forms(term: str, kind: str, entity_type: str) -> set[str]:
    """"<Organ> tumor" and "<Organ> cancer" for MeSH's "<Organ> Neoplasms"."""
    m = _NEOPLASMS.fullmatch(term) if entity_type == "disease" and kind == "name" else None
    return {f"{m.group(1)}tumor", f"{m.group(1)}cancer"} if m else set()


@dataclass(frozen=True)
class Entry:
    concept_id: str
    entity_type: str
    term: str
    kind: str
    source: str
    case_sensitive: bool
    # a variant the lexicon made ("Sca-1" from Atxn1's "Sca1"), not the term as its vocabulary writes it:
    # between terms of one kind, the one written so is the better reading (Ly6a's alias "Sca-1")
    made: bool = False

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
    """Folded keys as 64-bit polynomial hashes in memory-mapped arrays, and the entries behind each key.

    Nothing is deserialised when a matcher is opened: the sorted hash array, the keys' code points and
    the entry table (Arrow IPC) are memory-mapped, so a job pays milliseconds to load whatever the size
    of the vocabulary, and pages in only what its texts touch. Every hash hit is confirmed against the
    key's code points, so a collision can never produce a match.
    """

    FILES = ("hashes.npy", "key_offsets.npy", "key_codepoints.npy", "entry_offsets.npy", "entries.arrow")

    def __init__(self, hashes, key_offsets, key_codepoints, entry_offsets, entries: pa.Table):
        self.hashes = hashes
        self.key_offsets = key_offsets
        self.key_codepoints = key_codepoints
        self.entry_offsets = entry_offsets
        self.entry_table = entries
        self.max_key_length = int(np.diff(key_offsets).max()) if len(hashes) else 0
        # a first filter on the hashes' top bits: most candidate spans are no key, and testing a 16 MB
        # table is several times cheaper than a binary search of the sorted hashes
        self._maybe = np.zeros(1 << _FILTER_BITS, dtype=bool)
        self._maybe[np.asarray(hashes) >> np.uint64(64 - _FILTER_BITS)] = True
        self._entries: dict[int, tuple[Entry, ...]] = {}

    def __len__(self) -> int:
        return len(self.hashes)

    def save(self, directory: Path) -> None:
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        for name, array in zip(self.FILES, (self.hashes, self.key_offsets, self.key_codepoints, self.entry_offsets)):
            np.save(directory / name, np.ascontiguousarray(array), allow_pickle=False)
        with pa.OSFile(str(directory / "entries.arrow"), "wb") as sink:
            with pa.ipc.new_file(sink, self.entry_table.schema) as writer:
                writer.write_table(self.entry_table, max_chunksize=1 << 20)

    @classmethod
    def load(cls, directory: Path) -> "Matcher":
        directory = Path(directory)
        # plain ndarray views of the maps: np.memmap's own indexing is slow for single items
        arrays = [np.load(directory / name, mmap_mode="r", allow_pickle=False).view(np.ndarray) for name in cls.FILES[:4]]
        entries = pa.ipc.open_file(pa.memory_map(str(directory / "entries.arrow"), "r")).read_all()
        return cls(*arrays, entries)

    def key(self, index: int) -> str:
        a, b = self.key_offsets[index], self.key_offsets[index + 1]
        return np.asarray(self.key_codepoints[a:b], dtype="<u4").tobytes().decode("utf-32-le", "surrogatepass")

    def entries_for(self, index: int) -> tuple[Entry, ...]:
        found = self._entries.get(index)
        if found is None:
            a, b = int(self.entry_offsets[index]), int(self.entry_offsets[index + 1])
            rows = self.entry_table.slice(a, b - a).to_pylist()
            found = tuple(Entry(r["concept_id"], r["entity_type"], r["term"], r["kind"], r["source"], r["case_sensitive"],
                                r.get("made", False)) for r in rows)
            self._entries[index] = found
        return found

    def lookup(self, points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[tuple[int, int, int]]:
        """(start, end, key index) for each candidate span [start, end) of `points` that is a key."""
        if not len(self.hashes) or not len(starts):
            return []
        prefix = _prefix_hashes(points)
        with np.errstate(over="ignore"):
            wanted = prefix[ends] - prefix[starts] * _powers(self.max_key_length + 1)[ends - starts]
        maybe = np.flatnonzero(self._maybe[wanted >> np.uint64(64 - _FILTER_BITS)])
        position = np.searchsorted(self.hashes, wanted[maybe])
        inside = position < len(self.hashes)
        hit = np.zeros(len(maybe), dtype=bool)
        hit[inside] = self.hashes[position[inside]] == wanted[maybe][inside]
        found = []
        for j in np.flatnonzero(hit):
            i = maybe[j]
            s, e, k = int(starts[i]), int(ends[i]), int(position[j])
            while k < len(self.hashes) and self.hashes[k] == wanted[i]:  # equal hashes: confirm each key
                a, b = self.key_offsets[k], self.key_offsets[k + 1]
                if b - a == e - s and np.array_equal(self.key_codepoints[a:b], points[s:e]):
                    found.append((s, e, k))
                    break
                k += 1
        return found


_FILTER_BITS = 24
_BASE = 0x9E3779B97F4A7C15  # odd, so it has an inverse modulo 2**64
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)
_POWERS: dict[tuple[int, int], np.ndarray] = {}


def _powers(n: int, base: int = _BASE) -> np.ndarray:
    """base**0 .. base**(n-1) modulo 2**64 (numpy's uint64 arithmetic wraps)."""
    cached = _POWERS.get((base, n))
    if cached is not None:
        return cached
    out = np.empty(n, dtype=np.uint64)
    out[0] = 1
    if n > 1:
        with np.errstate(over="ignore"):
            out[1:] = np.cumprod(np.full(n - 1, base, dtype=np.uint64), dtype=np.uint64)
    if n <= 4096:
        _POWERS[(base, n)] = out
    return out


def _prefix_hashes(points: np.ndarray) -> np.ndarray:
    """h[0] = 0, h[i+1] = h[i] * B + c[i] (mod 2**64), without a Python loop: h[i] = B**i * sum_{j<i} c[j] * B**-(j+1)."""
    n = len(points)
    out = np.zeros(n + 1, dtype=np.uint64)
    if n:
        with np.errstate(over="ignore"):
            weighted = points.astype(np.uint64) * _powers(n + 1, _BASE_INVERSE)[1:]
            out[1:] = np.cumsum(weighted, dtype=np.uint64) * _powers(n + 1)[1:]
    return out


def codepoints(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def key_hashes(keys: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(hash per key, offsets into the concatenated code points, the code points) of `keys`."""
    lengths = np.fromiter(map(len, keys), dtype=np.int64, count=len(keys))
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    points = codepoints("".join(keys))
    prefix = _prefix_hashes(points)
    with np.errstate(over="ignore"):
        hashes = prefix[offsets[1:]] - prefix[offsets[:-1]] * _powers(int(lengths.max(initial=0)) + 1)[lengths]
    return hashes, offsets, points


ENTRY_SCHEMA = pa.schema([("concept_id", pa.string()), ("entity_type", pa.string()), ("term", pa.string()),
                          ("kind", pa.string()), ("source", pa.string()), ("case_sensitive", pa.bool_()),
                          ("made", pa.bool_())])


def _stopped(stoplist: dict[str, set[str]], key: str, entity_type: str) -> bool:
    """A term stopped as a chemical is stopped as a chemical role too ("analgesic", "ligand")."""
    blocked = stoplist.get(key, ())
    return "*" in blocked or entity_type in blocked or broader_type(entity_type) in blocked


def build_matcher(terms, stoplist: dict[str, set[str]]) -> Matcher:
    """terms: iterable of dicts (term, concept_id, entity_type, term_kind, source).

    stoplist: folded key -> entity types it must not match ('*' for all).
    """
    table: dict[str, dict[tuple, Entry]] = {}

    def add(key: str, entry: Entry) -> None:
        slot = table.setdefault(key, {})
        ident = (entry.concept_id, entry.term, entry.case_sensitive)
        if ident not in slot or (entry.rank, entry.made) < (slot[ident].rank, slot[ident].made):
            slot[ident] = entry

    derived = []
    for t in terms:
        term, kind, etype = t["term"], t["term_kind"], t["entity_type"]
        if not usable(term, kind):
            continue
        for v in variants(term, kind, etype):
            key = term_key(v)
            if _stopped(stoplist, key, etype):
                continue
            add(key, Entry(t["concept_id"], etype, v, kind, t["source"], is_case_sensitive(v, kind, etype), v != term))
        if _stopped(stoplist, term_key(term), etype):
            continue  # a stopped term's plural, singular or spelling is stopped with it ("body weight(s)")
        made = {*chemical_forms(term, kind, etype), *neoplasm_forms(term, kind, etype)}
        for spelling in {term, *made, *(b for t in {term, *made} for b in british_variants(t, etype))}:
            derived += [(v, t) for v in number_variants(spelling, kind, etype) | ({spelling} - {term})]
    # A plural, singular or British spelling made from one concept's name never competes with another
    # concept's name as written: "amphetamine" is Amphetamine (D000661), not also a singular of
    # Amphetamines (D000662).
    written = {(key, broader_type(e.entity_type)) for key, slot in table.items() for e in slot.values()}
    for v, t in derived:
        key, etype = term_key(v), t["entity_type"]
        if (key, broader_type(etype)) in written or _stopped(stoplist, key, etype):
            continue
        add(key, Entry(t["concept_id"], etype, v, t["term_kind"], t["source"], is_case_sensitive(v, t["term_kind"], etype), True))
    keys = sorted(table)
    hashes, offsets, points = key_hashes(keys)
    order = np.lexsort((np.arange(len(keys)), hashes))  # by hash; equal hashes keep key order
    rows, entry_offsets = [], [0]
    for k in order:
        rows += sorted(table[keys[k]].values(), key=lambda e: (e.rank, e.made, e.concept_id, e.term))
        entry_offsets.append(len(rows))
    lengths = np.diff(offsets)[order]
    key_offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(lengths, out=key_offsets[1:])
    key_points = np.concatenate([points[offsets[k]:offsets[k + 1]] for k in order]) if len(keys) else points
    entries = pa.Table.from_pylist([e.__dict__ for e in rows], schema=ENTRY_SCHEMA)
    return Matcher(hashes[order], key_offsets, key_points.astype("<u4"), np.asarray(entry_offsets, dtype=np.int64), entries)


def _hyphens_kept(text: str, start: int, end: int, term: str) -> bool:
    """A case-sensitive term's hyphen next to a one-character part is written as a hyphen: "A-T" (ataxia
    telangiectasia) is not the "A T" of "A T-cell line". Other hyphens may be spaces, as for every term
    ("TNF-alpha", "TNF alpha")."""
    if end - start != len(term):
        return True
    parts = _HYPHEN_SPLIT.split(term)
    at = 0
    for left, right in zip(parts, parts[1:]):
        at += len(left)
        if (len(left) == 1 or len(right) == 1) and text[start + at] not in HYPHENS:
            return False
        at += 1
    return True


_HYPHEN_SPLIT = re.compile(f"[{HYPHENS}]")


def _word_and_number(span: str) -> bool:
    """A symbol matched in any case ("AT-1", "IL-6") but written as a short lower-case word (or a capitalised
    word of two letters, at a sentence's start), a space and a number is that word and a number: "at 1 h",
    "At 3 h", "for 5 days", "arm 2"; with a minus sign, a unit's power
    ("min\u22121" is not CD59's "MIN-1")."""
    return _SHORT_WORD_NUMBER.fullmatch(span) is not None


_SHORT_WORD_NUMBER = re.compile(r"(?:[a-z]{1,4}|[A-Z][a-z]|pH)[ \u2212]\d+")  # not "Spry 1", "Nhe 1"
# ... and a word, a space and the whole part of a decimal is a measure: "pH 7.4", "CI 1.2" ("PH-1", "CI-1")
_WORD_AND_WHOLE = re.compile(r"[A-Za-z]+ \d+")
_DECIMAL_PART = re.compile(r"\.\d")


def _squash(text: str) -> str:
    return "".join(text.split())


def candidate_spans(text: str, folded: str, max_length: int) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of every span that could be a whole-word match: it starts at 0 or after a
    non-alphanumeric character, ends at the end or before one, neither starts nor ends in white space,
    and is at most `max_length` long."""
    n = len(text)
    alnum = np.fromiter(map(str.isalnum, text), dtype=bool, count=n)
    space = np.fromiter(map(str.isspace, folded), dtype=bool, count=n)
    at_start = np.ones(n, dtype=bool)
    at_start[1:] = ~alnum[:-1]
    starts = np.flatnonzero(at_start & ~space)
    at_end = np.ones(n, dtype=bool)
    at_end[:-1] = ~alnum[1:]
    ends = np.flatnonzero(at_end & ~space) + 1
    low = np.searchsorted(ends, starts, side="right")
    high = np.searchsorted(ends, starts + max_length, side="right")
    counts = high - low
    first = np.cumsum(counts) - counts
    total = int(counts.sum())
    span_ends = ends[np.arange(total) - np.repeat(first, counts) + np.repeat(low, counts)]
    return np.repeat(starts, counts), span_ends


def _single_spaced(text: str, folded: str) -> tuple[str, str, np.ndarray | None]:
    """`text` and `folded` without the second and later characters of each run of white space (a key
    has one space where "cyclin  B1" has two), and each kept character's position, or None if none go."""
    if "  " not in folded:
        return text, folded, None
    points = codepoints(folded)
    space = points == 32
    keep = np.concatenate(([0], np.flatnonzero(~(space[1:] & space[:-1])) + 1))
    as_text = lambda p: p[keep].tobytes().decode("utf-32-le", "surrogatepass")
    return as_text(codepoints(text)), as_text(points), keep


def find(matcher: Matcher, text: str) -> list[tuple[int, int, list[Entry]]]:
    """Every dictionary match on word boundaries whose case rules hold, as (start, end, entries)."""
    if not text or not len(matcher):
        return []
    folded = fold(text)
    kept_text, kept_folded, position = _single_spaced(text, folded)
    starts, ends = candidate_spans(kept_text, kept_folded, matcher.max_key_length)
    spans = matcher.lookup(codepoints(kept_folded), starts, ends)
    if position is not None:
        spans = [(int(position[s]), int(position[e - 1]) + 1, k) for s, e, k in spans]
    kept = None
    found = []
    for start, end, index in spans:
        ok = []
        for e in matcher.entries_for(index):
            if e.case_sensitive:
                kept = kept if kept is not None else fold_case_kept(text)
                if _squash(kept[start:end]) != _squash(fold_case_kept(e.term)) or not _hyphens_kept(text, start, end, e.term):
                    continue
            elif e.kind in _GENE_KINDS and (_word_and_number(text[start:end]) or (
                    _WORD_AND_WHOLE.fullmatch(text, start, end) and _DECIMAL_PART.match(text, end))):
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
