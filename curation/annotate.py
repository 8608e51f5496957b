"""Passages -> sentences, entity mentions and text-defined abbreviations, for one document at a time.

Order of work for a document:
1. sentences (syntok) of every passage;
2. dictionary matches (``lexicon.find``), leftmost-longest, per passage;
3. the document's species (its species mentions; human by default): a gene name that several species'
   genes share takes that species' gene (only with a vocabulary of several species, e.g. NCBI gene_info);
4. variant patterns (``variants.find_variants``), linked to a gene named in the same sentence; diseases
   named by a conjunct that shares the next mention's head ("breast and ovarian cancer");
5. abbreviations: definitions in the text (Schwartz-Hearst) and in the JATS glossary. A short form whose
   long form names a concept takes that concept everywhere in the document; a short form whose long form
   names nothing loses the dictionary's guess (the paper said what it means), and so does a disease
   acronym whose long form names no disease and shares no word with the concept's name;
6. short gene aliases ("KO", "DC") and ontology-only disease acronyms ("MAP", "OD") without support in
   the document are dropped (see _SHORT_ALIAS, _ACRONYM), and so are short capital matches inside
   capitalised text (see _CAPITALS) and matches inside what the paper labels, not names (see _LABEL);
7. only with ``nested_chemicals`` (BC5CDR's convention, off by default): the chemical named inside
   a gene or chemical-role name ("dopamine" in "dopamine receptors" and "dopamine agonists", "creatine" in
   "creatine kinase") is a mention of its own, method ``nested``, beside the longer one.
Ambiguous matches keep every candidate and no concept_id unless the evidence decides (a symbol beats an
alias; a gene beats a protein-as-chemical reading).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import syntok.segmenter as segmenter

from .abbreviations import find_definitions
from .lexicon import HYPHENS, Entry, Matcher, find, longest_first
from .vocabulary import SOURCE_RANK, TERM_KIND_RANK
from .variants import find_variants

# An amino acid followed by a position, a substitution, an enzyme word or its phosphorylation names a residue
# of a protein ("tyrosine 705", "glycine to alanine", "tyrosine kinase", "tyrosine phosphorylation"), not the chemical: BioRED train annotates
# none of its ~45 mentions in these contexts, and does annotate "glycine levels" or "alanine and ...".
AMINO_ACIDS = frozenset(
    "alanine arginine asparagine aspartate glutamate glutamine glycine histidine isoleucine leucine lysine "
    "methionine phenylalanine proline serine threonine tryptophan tyrosine valine cysteine "
    "ala arg asn asp cys gln glu gly his ile leu lys met phe pro ser thr trp tyr val".split())
_RESIDUE_CONTEXT = re.compile(
    r"\s*(?:\d|(?:residues?|substitutions?|kinases?|phosphatases?|proteases?|peptidases?|repeats?|codons?)\b|-rich\b"
    r"|phosphorylat\w*|at\s+(?:amino[\s-]acids?\s+)?(?:position|residue|codon)s?\b"
    r"|to\s+(?:an?\s+)?(?:stop|termination|" + "|".join(sorted(AMINO_ACIDS)) + r")\b)",
    re.IGNORECASE)
# The same in a mutation's description, for bases too: "substitution of alanine for valine", "the insertion
# of a cytosine", "methionine (ATG) by threonine", "replacing an arginine (CGA) by a stop", "encodes for a
# tyrosine (Tyr) instead of". BioRED train annotates none.
NUCLEOBASES = frozenset("adenine guanine cytosine thymine uracil".split())
MONOMERS = AMINO_ACIDS | NUCLEOBASES
_MONOMERS = "|".join(sorted(MONOMERS))
_MUTATION_AFTER = re.compile(
    r"\s*(?:\(\s*[A-Za-z]{1,3}\s*\)\s*)?(?:(?:to|for|by|with)\s+(?:an?\s+)?(?:stop|termination|" + _MONOMERS + r")\b"
    r"|-to-|instead\s+of\b|(?:insertions?|deletions?|duplications?)\b)", re.IGNORECASE)
_MUTATION_BEFORE = re.compile(
    r"(?:\b(?:" + _MONOMERS + r")\s*(?:\d+\s*)?(?:\(\s*[A-Za-z]{1,3}\s*\)\s*)?(?:to|for|by|with)\s+(?:an?\s+)?|-to-"
    r"|\b(?:substitution|replacement|insertion|deletion|duplication)s?\s+of\s+(?:an?\s+)?(?:(?:highly\s+)?conserved\s+)?"
    r"|\b(?:substituted|replaced)\s+(?:by|with|for)\s+(?:an?\s+)?|\breplacing\s+(?:an?\s+)?"
    r"|\bencod(?:ing|es)\s+(?:for\s+)?(?:an?\s+)?|\b(?:position|residue|codon)\s+\d+\s+(?:to|for|by|with)\s+(?:an?\s+)?)$",
    re.IGNORECASE)
# A conjunct whose head is elided: in "breast and ovarian cancer" the word "breast" names breast cancer.
_CONJUNCT = re.compile(r"(?<![\w'-])([A-Za-z][\w'-]*)(?:\s+(?:and/or|and|or)\s+|,\s*(?:(?:and|or)\s+)?)$")
# A conjunct that is itself a disease's head noun ends a phrase of its own: in "LCAT deficiency and fish-eye
# disease", "deficiency" does not share the head "disease".
_HEAD_NOUNS = frozenset("deficiency deficiencies disease diseases disorder disorders syndrome syndromes cancer cancers "
                        "tumor tumors tumour tumours carcinoma carcinomas dystrophy dystrophies anemia anaemia failure "
                        "infection infections injury lesion lesions".split())
# A gene alias or previous symbol of two or three capitals ("KO" for KRT8, "DC" for DCX, "HSC", "BAL", "PI" for
# SERPINA1) is more often a lab abbreviation than the gene: it is kept only where the document supports it,
# by naming the same gene with a symbol or name elsewhere, or by a gene word after one of its occurrences
# ("EP gene", "SK-/-"). On BioRED train this removes 24 gene mentions the gold does not give that ID and 7 it
# does (document-level precision 0.619 -> 0.630, recall 0.424 -> 0.421); longer or mixed-case aliases
# (ATGL, SNAIL, BiP) lost more right ones. A letter and a digit ("D2" for IGHD2-15, "H2" for FGFR1, "L4",
# "a1") are as weak: BioRED train precision 0.846 -> 0.857, recall unchanged; NLM-Gene F 0.639 -> 0.641.
# What a paper labels rather than names: its figures, tables and supplements ("Figure S2", "Fig. 1D",
# "Figures 2A-2C", "Table S3"), a supplement's file type ("(PDF)") and a mouse embryo's or pup's stage ("E13.5",
# "at E13", "E13-E16", "P0.5"), and a nucleotide sequence ("5'-GGC AAA CCT CCA GTC GC-3'"). Gene aliases
# match inside them ("S2", "1D", "E13", "Fig-1", "PDF"): on the 259 JATS
# articles "S2" alone was a gene mention 351 times in 101 articles. So do statistics ("F3,29 = 174.1",
# "Chi-square", "Pearson Rho": the fly's Chi, RHOA) and an institute's name ("Max Planck").
# A supplier's address, "(Sigma, St. Louis, MO)", "Toledo, OH", names no gene (AR) or chemical (OH)
_US_STATES = ("AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH "
              "OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY").split()
_LABEL = re.compile(
    r"\b(?:Fig(?:ure)?s?\.?|Tables?|Movies?|Videos?|Files?|Panels?|Appendix|Boxe?s?|Schemes?|Datasets?|Data)\s*"
    r"S?\d+[A-Za-z]?(?:(?:\s*[-\u2013\u2014,]\s*(?:and\s+)?|\s+and\s+|\s+to\s+)(?:S?\d+[A-Za-z]?|[A-Za-z])\b)*"
    r"|\bS\d+[A-Za-z]?\s+(?:Fig(?:ure)?|Table|Text|File|Dataset|Data|Appendix|Movie|Video|Protocol|Checklist)\b"
    r"|\bF\d+\s*,\s*\d+\s*[=<>]|\b[Cc]hi[-\s]?squared?\b|\b(?:Pearson|Spearman)(?:['\u2019]s)?\s+(?:[Rr]ho|r)\b"  # statistics
    r"|\bMax[-\s]Planck\b|\b[A-Z][a-z]+,\s+(?:" + "|".join(_US_STATES) + r")(?=\s*(?:,\s*(?:USA|United States)|\)|;|$|\s+\d{5}))"
    r"|\((?:\d+(?:\.\d+)?\s*[KMG]B\s+)?(?:PDF|PSD|DOCX?|XLSX?|TIFF?|PPTX?|AVI|MOV|MP4|ZIP|TXT|CSV|EPS|JPE?G|PNG|GIF|WMV|MPE?G)\)"
    r"|\b[EP]\d{1,2}(?:\.\d)?\s*[-\u2013]\s*[EP]\d{1,2}(?:\.\d)?\b|\b[EP]\d{1,2}\.\d\b"
    r"|\b(?:at|from|to|until|by|between|and|or|stages?|embryos?|days?)\s+[EP]\d{1,2}\b"
    r"|(?<!\w)[ACGTU]{3,}(?:[ -]+[ACGTU]+){2,}(?!\w)|\b[ACGTUN]{9,}\b")  # a primer's or probe's sequence
# A gene's word that is part of another name: a reagent kit ("QIAamp DNA Kit", "ELISA kit"; mouse Kit), a culture
# medium ("DMEM/F12", "Ham's F12"; coagulation factor F12) and an author cited ("Park et al."; the fly's park).
# On the 259 JATS articles this took away 51 "Kit" gene mentions, each in a kit's name.
_KIT_NAMED_BEFORE = re.compile(r"(?:\b[A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*|\b\w+(?:ion|ing|ssay|ent|ate))\s+$")
_KIT_ALLELE = re.compile(r"\s*(?:W\b|W/|[+-]/|/)")
_MEDIUM_BEFORE = re.compile(r"(?:DMEM|Ham'?s?|RPMI)\s*[/:-]?\s*$")
_MEDIUM_AFTER = re.compile(r"\s+(?:medium|media)\b", re.IGNORECASE)
_CITED_AFTER = re.compile(r"\s+(?:et\s+al\b|and\s+colleagues\b|&\s+[A-Z][a-z])")
_SHORT_ALIAS = re.compile(r"[A-Z]{2,3}|[A-Za-z][0-9]")
_GENE_CONTEXT = re.compile(
    r"(?:-/-|-(?:deficient|null|knockout|knockdown|mutant|positive|negative)\b|\s+(?:genes?|proteins?|mRNAs?|"
    r"expression|expressing|promoters?|knock-?down|knock-?out|si-?RNAs?|sh-?RNAs?|transcripts?|mutations?|"
    r"mutants?|alleles?|polymorphisms?|variants?|isoforms?|deficiency|over-?expression|silencing|"
    r"antibod(?:y|ies)|locus|loci|homologs?|orthologs?|knocked[\s-]?(?:down|out)|silenced|over-?expressed|"
    r"phosphorylat(?:ed|ion))\b)", re.IGNORECASE)
_GENE_BEFORE = re.compile(r"\b(?:genes?|(?:mutations?|variants?|polymorphisms?)\s+(?:of|in))\s+$", re.IGNORECASE)
# A gene whose name ends in a number, and a sibling number after it: "caspase-3/7", "MMP-2/-9", "TIM-1 and 3".
_NUMBERED = re.compile(r"(.*[A-Za-z][-\s]?)\d{1,2}[a-z]?")
_SIBLING_JOIN = r"(?:\s*[/,&]\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
# A number that counts something is no sibling: "IL-6 and 10 patients".
_SIBLING = re.compile(_SIBLING_JOIN + r"-?(\d{1,2}[a-z]?)(?![\w-])"
                      r"(?!\s*%)(?!\s*(?:patients|subjects|cases|individuals|women|men|children|mice|rats|animals|cells|samples|"
                      r"tumou?rs|days?|weeks?|months?|years?|hours?|h|min|mg|g|kg|ml|mM|nM|µM|uM|ng|µg)\b)")
# ... or in a Greek letter, with or without a number after it: "IL-1alpha/beta", "TGF-beta1 and -beta2", "ERα/β"
_GREEK_TAIL = r"(?:alpha|beta|gamma|delta|kappa|[\u03b1-\u03ba])\d?"
_GREEK_NAMED = re.compile(rf"(.*[A-Za-z0-9][{HYPHENS}]?){_GREEK_TAIL}")
_GREEK_SIBLING = re.compile(_SIBLING_JOIN + rf"-?({_GREEK_TAIL})(?![\w-])")
# ... or, after a space or hyphen, in a capital and a number: "cyclin D1 and D2", "cyclin-A2/B1"
_LETTERED = re.compile(rf"(.*[A-Za-z][{HYPHENS}\s])[A-Z]\d{{1,2}}")
_LETTERED_SIBLING = re.compile(_SIBLING_JOIN + r"([A-Z]\d{1,2})(?![\w-])")
_SIBLING_FORMS = ((_NUMBERED, _SIBLING), (_GREEK_NAMED, _GREEK_SIBLING), (_LETTERED, _LETTERED_SIBLING))
# A gene's name with its abbreviation inside, before the number or letter both share: "interleukin (IL)-6",
# "tumor necrosis factor (TNF)-alpha", "Toll-like receptor (TLR)4", "heat shock protein (Hsp)27".
_SPLIT_ABBREVIATION = re.compile(rf"\(([A-Z][A-Za-z]{{0,6}})\)(?:[{HYPHENS}]|\s)?(\d{{1,2}}[A-Za-z]?|[\u03b1-\u03ba]|alpha|beta|gamma|delta|kappa)(?![{HYPHENS}\w])")
# A chemical that names an enzyme's substrate is not in the text as itself: "creatine kinase", "alanine
# aminotransferase", "tyrosine hydroxylase" are proteins. BioRED train annotates none of these chemicals
# (and the enzymes of laboratory tests as the enzyme); BC5CDR does annotate the substrate in some, which
# the nested_chemicals convention keeps.
_ENZYME_AFTER = re.compile(
    r"[\s-]+(?:[a-z]+-)?(?:kinases?|phosphokinases?|(?:amino)?transferases?|transaminases?|dehydrogenases?|"
    r"synthases?|synthetases?|(?:mono|di)?oxygenases?|oxidases?|reductases?|hydroxylases?|(?:de)?carboxylases?|"
    r"deaminases?|esterases?|hydrolases?|isomerases?|ligases?|mutases?|phosphorylases?|peroxidases?|"
    r"cyclases?|epimerases?|permeases?|exchange[\s-]+factors?)\b", re.IGNORECASE)
# A chemical written right after substituents is part of a larger systematic name, another compound:
# "pyridine" in "2-methyl-6-(phenylethynyl)pyridine", "nonane" in "1,4-diazabicyclo[4.3.0]nonane", "pyrene" in
# "benzo[a]-pyrene". What stays the compound itself, as the gold annotates it: locants alone
# ("3-methylcholanthrene" is Methylcholanthrene), stereo descriptors ("(RS)-", "L-"), signs of rotation or
# charge ("(+)-propranolol", "Na(+)-K(+)") and isotope labels ("[3H]-haloperidol", "[(3)H]saxitoxin").
# BC5CDR train precision 0.888 -> 0.896 with nested chemicals, recall 0.920 -> 0.919.
_CHARGES_AND_LABELS = re.compile(r"\((?:\d*[+-]|±|\+/-)\)|\[\(?[\d,-]*\d+\)?[A-Z][a-z]?\]|\(\d+\)[A-Z][a-z]?(?=-|$)")
_LOCANTS_OR_STEREO = re.compile(r"(?:[\d',]+|\(?(?:[RSEZ]|RS|R,S|[DL]|DL|[dl]|cis|trans)\)?)-?")


def _inside_systematic_name(text: str, start: int) -> bool:
    if not start or text[start - 1] not in "-])":
        return False
    word = _CHARGES_AND_LABELS.sub("", re.search(r"\S*$", text[max(0, start - 80):start]).group())
    return bool(word) and not _LOCANTS_OR_STEREO.fullmatch(word) and bool(re.search(r"[\d\[(]", word))


# A short match in capitals means nothing inside text written in capitals: "(ABSTRACT TRUNCATED AT 250
# WORDS)" ends many MEDLINE abstracts, and its "AT" is not ataxia telangiectasia (8 false documents in NCBI
# Disease train).
_CAPITALS = re.compile(r"[A-Z]{4,}")
_WORD = re.compile(r"[A-Za-z0-9]+")
# A disease acronym that only an ontology's synonyms or a MeSH supplementary concept give ("MAP" for MUTYH-
# associated polyposis, "OD", "ICP", "AS") is more often the paper's own abbreviation for something else: it
# is kept only where the document names the same disease otherwise (its long form, a defined abbreviation).
# MeSH descriptors' own acronyms (AIDS, COPD) are left alone. On train, document level, precision rose on all
# three corpora (BC5CDR 0.909 -> 0.917, NCBI 0.862 -> 0.874, BioRED 0.869 -> 0.877) for recall -0.001..-0.003.
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,4}")
_ACRONYM_SOURCES = frozenset(("mondo", "doid", "hp", "efo", "mesh_supp"))
# Bases and codons, not abbreviations: "a GT to AT transition", "AT-rich", "CAG repeats", "a TGA stop codon",
# "the stop codon TGA" (TGA is not transposition of the great arteries there).
_BASES = re.compile(r"[ACGTU]{1,3}")
_BASE_CONTEXT = re.compile(r"(?:-|\s*)(?:rich|transitions?|transversions?|repeats?|dinucleotides?|base[- ]pairs?|"
                           r"(?:(?:stop|termination|nonsense|start|initiation|initiator)\s+)?codons?|triplets?)\b",
                           re.IGNORECASE)
# ... and a codon written after its amino acid: "an arginine (CGA) by a stop (TGA)"
_BASE_BEFORE = re.compile(r"\b(?:codons?|triplets?|stop|termination|" + _MONOMERS + r")\s*\(?\s*$", re.IGNORECASE)
# Words of a disease name that say what kind of thing it is, not which one.
_GENERIC_WORDS = _HEAD_NOUNS | frozenset("acute chronic primary secondary familial hereditary congenital".split())


_PRODUCT_WORDS = {"protein", "proteins", "factor", "factors", "receptor", "receptors", "gene", "genes", "molecule",
                  "ligand", "antigen", "enzyme", "channel", "transporter", "hormone", "peptide", "subunit", "homolog",
                  "chain", "domain", "family", "complex", "isoform", "polypeptide", "cytokine", "chemokine", "interleukin"}


_NOT_ENZYMES = {"base", "case", "phase", "disease", "increase", "decrease", "release", "database", "ease", "cease",
                "chase", "lease", "crease", "purchase", "erase"}


def _names_a_product(text: str) -> bool:
    """Whether a phrase has a word gene products are named with: "protein", "receptor", an enzyme's "-ase"
    ("synthase", "proteases"; not "disease", "increase", "phase" or "base"), a protein's "-in" ("osteocalcin")."""
    def product_word(w: str) -> bool:
        if w in _PRODUCT_WORDS:
            return True
        stem = w[:-1] if w.endswith("s") else w
        if stem.endswith("ase"):
            return stem not in _NOT_ENZYMES
        return stem.endswith("in") and len(stem) >= 6

    return any(product_word(w) for w in re.findall(r"[a-z]+", text.lower()))


def _content_words(text: str) -> set[str]:
    """Lower-cased words of 4+ letters, hyphens removed, other than generic disease words."""
    words = (w.replace("-", "") for w in re.findall(r"[a-z][a-z-]*", text.lower()))
    return {w for w in words if len(w) >= 4 and w not in _GENERIC_WORDS}


CONFIDENCE = {"curated": 0.95, "symbol": 0.9, "name": 0.9, "synonym": 0.85, "famplex": 0.85, "previous": 0.6,
              "alias": 0.5}
_MICRORNA = re.compile(r"(?:[a-z]{3}-)?(?:mir|miR|let)-\d")
TYPE_PREFERENCE = {"gene": 0, "cell_line": 1, "species": 2, "disease": 3, "chemical": 4, "chemical_role": 5}


@dataclass
class Mention:
    start: int  # passage-local
    end: int
    entity_type: str
    concept_id: str | None
    candidates: list[str]
    method: str
    matched_term: str | None
    source: str | None
    confidence: float
    kind: str | None = None  # term kind of the deciding dictionary entry
    entries: dict = field(default_factory=dict, repr=False)  # candidate -> its best matching Entry
    written: str = ""  # the text matched, for dictionary mentions


def _take(m: Mention, concept: str, confidence: float) -> None:
    """Make `concept` the mention's reading, with the term and source it matched through (an ortholog,
    matched through the other species' term, keeps that term and source: it is what the text matched)."""
    m.candidates = [concept] + [c for c in m.candidates if c != concept]
    m.concept_id, m.confidence = concept, confidence
    entry = m.entries.get(concept)
    if entry is not None:
        m.matched_term, m.source, m.kind = entry.term, entry.source, entry.kind


def _unread(m: Mention) -> None:
    """A gene mention of a species the vocabulary lacks: its reading stays first among its candidates, and it
    has no concept_id."""
    m.candidates = [m.concept_id] + [c for c in m.candidates if c != m.concept_id]
    m.concept_id, m.confidence = None, min(m.confidence, 0.3)
    if m.method == "context":  # the document's reading is another species' gene
        m.method = "dictionary"


def choose(entries: list[Entry]) -> tuple[str, str | None, list[str], Entry, float]:
    """(entity_type, concept_id or None, candidates best first, deciding entry, confidence)."""
    best: dict[str, Entry] = {}
    for e in entries:
        if e.concept_id not in best or (e.rank, e.made) < (best[e.concept_id].rank, best[e.concept_id].made):
            best[e.concept_id] = e
    ranked = sorted(best.values(), key=lambda e: (e.rank, TYPE_PREFERENCE.get(e.entity_type, 9), e.made, e.concept_id))
    # a microRNA's gene is named as the microRNA ("hsa-mir-212", an HGNC alias of MIR212, which MeSH has as
    # the chemical "MIRN212 microRNA, human"): NLM-Gene and BioRED annotate microRNAs as their genes
    genes = [e for e in ranked if e.entity_type == "gene"
             and (e.rank <= TERM_KIND_RANK["famplex"] or _MICRORNA.match(e.term))]
    if genes and ranked[0].entity_type in ("chemical", "chemical_role") and ranked[0].kind != "curated":
        # MeSH files proteins (adiponectin, insulin) under chemicals; a curator reads them as gene products
        # (a term pinned in config/vocabulary is read as pinned: "ROS" is reactive oxygen species)
        ranked = genes + [e for e in ranked if e not in genes]
    top = ranked[0]
    candidates = [e.concept_id for e in ranked]
    rivals = [e for e in ranked[1:] if e.rank == top.rank and e.entity_type == top.entity_type]
    if rivals:
        # the one term written so beats variants the lexicon made of others' ("Sca-1" is Ly6a's, not Atxn1's
        # "Sca1"); between terms both written so, or both made, the better source decides
        contenders = [e for e in (top, *rivals) if e.made == top.made]
        if len(contenders) == 1:
            return top.entity_type, top.concept_id, candidates, top, 0.7
        by_source = sorted(contenders, key=lambda e: SOURCE_RANK.get(e.source, 9))
        if SOURCE_RANK.get(by_source[0].source, 9) < SOURCE_RANK.get(by_source[1].source, 9):
            top = by_source[0]
            candidates = [top.concept_id] + [c for c in candidates if c != top.concept_id]
            return top.entity_type, top.concept_id, candidates, top, 0.7
        return top.entity_type, None, candidates, top, 0.3
    return top.entity_type, top.concept_id, candidates, top, CONFIDENCE.get(top.kind, 0.5)


def _dictionary_mention(start: int, end: int, entries: list[Entry], chosen: tuple | None = None) -> Mention:
    """chosen: choose(entries), where the caller has it."""
    etype, concept, candidates, entry, confidence = chosen or choose(entries)
    best = {}  # only a gene of several candidates can change its reading (species)
    if etype == "gene" and len(candidates) > 1:
        for e in sorted(entries, key=lambda e: (e.rank, e.made), reverse=True):  # the best per candidate last
            best[e.concept_id] = e
    return Mention(start, end, etype, concept, candidates, "dictionary", entry.term, entry.source, confidence,
                   entry.kind, best)


# Back matter about the paper, not its science: who did what, who paid, who is thanked, what is declared.
# Its initials and names are read as genes otherwise ("JAK, AD and AX performed", "Paul", "MN").
_ABOUT_THE_PAPER = re.compile(r"authors?['’]? ?contributions?|acknowledge?ments?|funding|financial (?:support|disclosure)"
                              r"|competing (?:interests?|financial interests?)|conflicts? of interests?|declarations?"
                              r"|author information|disclosures?", re.IGNORECASE)
_THANKS = re.compile(r"(?:We|The authors?) (?:would like to |wish to )?(?:thank|acknowledge|are grateful)")


def about_the_paper(passage: dict) -> bool:
    """Whether a passage is back matter about the paper (its section, or a footnote that starts by saying so)."""
    if passage.get("section_type") in ("acknowledgements", "additional-information"):
        return True
    path = passage.get("section_path")
    if path is not None and len(path) and _ABOUT_THE_PAPER.fullmatch(str(path[0]).strip(" .:")):
        return True
    if passage.get("kind") == "footnote" or passage.get("section_type") == "back":  # untitled back matter
        text = passage.get("text", "")
        return _ABOUT_THE_PAPER.match(text) is not None or _THANKS.match(text) is not None
    return False


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for paragraph in segmenter.analyze(text):
        for sentence in paragraph:
            tokens = list(sentence)
            if tokens:
                spans.append((tokens[0].offset, tokens[-1].offset + len(tokens[-1].value)))
    return spans or ([(0, len(text))] if text else [])


HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"
# a genotype written after a gene's name: "Mvk (+/-)", "p53(-/-)", "Apoe-/-", "Ldlr−/−" (not "12 +/- 3")
_GENOTYPE = re.compile(r"(?<=[A-Za-z0-9])(?:\s?\((?:\+|-|−)/(?:-|−)\)|(?:\+|-|−)/(?:-|−)(?![\w/]))")
# a name written as numbered members: "ERK1/2", "ERK 1/2", "MEK-1/2" (stem, then the numbers)
_NUMBERED_MEMBERS = re.compile(r"([A-Za-z][A-Za-z0-9]*?[A-Za-z][ -]?)(\d+(?:/\d+)+)")
# what a drug class named after its target adds to the target's name: "mTOR inhibitors", "AT1 receptor blockers"
_ACTIONS = r"(?:inhibitors?|antagonists?|agonists?|blockers?|activators?|modulators?)"
_CLASS_ACTION = re.compile(rf"[{HYPHENS} ]+{_ACTIONS}", re.IGNORECASE)
_CLASS_END = re.compile(rf"[{HYPHENS} ]{_ACTIONS}$", re.IGNORECASE)
# a symbol in the capitalisation of a species' nomenclature ("Socs2", "Bmp4"); "D1" or "8a", fly symbols too,
# are written so in any paper (dopamine D1 receptors)
_NOMENCLATURE_SYMBOL = re.compile(r"[A-Z][a-z][A-Za-z0-9-]*")
SYMBOL_EVIDENCE = 0.5  # a gene written in a species' nomenclature, against one naming of a species
_REAGENT_AFTER = re.compile(r"[\s-]*(?:anti\b|anti-|polyclonal|monoclonal|serum|sera\b|IgG|IgM|immunoglobulin|antibod|"
                            r"secondary)", re.I)
_ANTI_BEFORE = re.compile(r"\banti[\s-]?$", re.I)


def _names_a_reagent(text: str, m: Mention) -> bool:
    """Whether a species mention names where a reagent came from, not what a paper studies: an antibody's
    host or target ("rabbit anti-GFP", "goat anti-rabbit IgG", "chicken polyclonal"), a serum's ("fetal
    bovine serum", "horse serum"). Full texts' methods name them often: a JATS article on rat retinas names
    the rabbit eight times and the mouse four, all as antibodies' hosts."""
    return bool(_REAGENT_AFTER.match(text, m.end) or _ANTI_BEFORE.search(text, max(0, m.start - 6), m.start))


UNCOVERED_DOMINANCE = 2  # namings of an uncovered organism, per naming of any covered one, for a paper to be its


def document_species(namings: Counter) -> str:
    """The species a document is about: the one it names most (species -> count), human by default and on a tie."""
    if not namings:
        return HUMAN
    top = max(namings.values())
    return HUMAN if namings.get(HUMAN) == top else min(c for c, n in namings.items() if n == top)


def cue_forms(cues: dict[str, str]) -> dict[str, str]:
    """Each cue as written, and a cue in lower case also capitalised, as a sentence begins ("Xenografts")."""
    forms = dict(cues)
    for cue, taxon in cues.items():
        if cue[:1].islower():
            forms.setdefault(cue[0].upper() + cue[1:], taxon)
    return forms


def cue_pattern(cues) -> re.Pattern | None:
    """Whole-word, case-sensitive alternation of the cue texts, longest first ("Cre" is a cue in "Alb-Cre" and
    "CreERT2", not in "Creb1"; "CRE", the cAMP response element, is not "Cre")."""
    if not cues:
        return None
    alternatives = "|".join(re.escape(c) for c in sorted(cues, key=lambda c: (-len(c), c)))
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![a-z0-9])")


def orthologs_by_symbol(gene_taxa: dict[str, str], names) -> dict[str, dict[str, str]]:
    """Gene -> {other species: its gene of the same symbol, case aside} (human EGFR <-> mouse Egfr). A symbol
    that two genes of one species share (case aside) names neither."""
    # the cached vocabulary's names are read on demand (ConceptIndex.names): all at once here, for speed
    names = names.get_many(gene_taxa) if hasattr(names, "get_many") else {c: names.get(c) for c in gene_taxa}
    folded = {concept: name.casefold() for concept, name in names.items() if name}
    shared = {key for key, n in Counter(folded.values()).items() if n > 1}
    by_symbol: dict[str, dict[str, list[str]]] = {}
    for concept, key in folded.items():
        if key in shared:
            by_symbol.setdefault(key, {}).setdefault(gene_taxa[concept], []).append(concept)
    out: dict[str, dict[str, str]] = {}
    for per_taxon in by_symbol.values():
        single = {taxon: concepts[0] for taxon, concepts in per_taxon.items() if len(concepts) == 1}
        if len(single) > 1:
            for concept in single.values():
                out[concept] = single
    return out


def add_orthologs(index: dict[str, dict[str, str]], pairs: dict[str, str], gene_taxa: dict[str, str]) -> None:
    """Adds to an ortholog index (see orthologs_by_symbol) the pairs a cross-reference gives where the
    symbols differ (human TP53, mouse Trp53), unless either gene has an ortholog of that species already."""
    for gene, other in sorted(pairs.items()):
        taxon, other_taxon = gene_taxa.get(gene), gene_taxa.get(other)
        if None in (taxon, other_taxon) or taxon == other_taxon:
            continue
        if other_taxon in index.get(gene, {}) or taxon in index.get(other, {}):
            continue
        pair = {taxon: gene, other_taxon: other}
        index[gene] = {**index.get(gene, {}), **pair}
        index[other] = {**index.get(other, {}), **pair}


class Annotator:
    def __init__(self, matcher: Matcher, versions: dict[str, str], concept_names: dict[str, str] | None = None,
                 gene_taxa: dict[str, str] | None = None, cell_line_taxa: dict[str, str] | None = None,
                 own_gene_species: frozenset[str] = frozenset(), species_cues: dict[str, str] | None = None,
                 nested_chemicals: bool = False, orthologs: dict[str, str] | None = None,
                 gene_symbols_as: dict[str, str] | None = None, genes_unnamed: frozenset[str] | None = None,
                 usual_members: dict[str, str] | None = None, families_as_member: bool = False,
                 full_names: dict[str, str] | None = None):
        """gene_taxa: gene concept -> its species (HGNC's are human; NCBI gene_info may hold several species);
        cell_line_taxa: cell line -> its species; own_gene_species: species whose naming says a paper studies
        that organism's own genes (see _genes_of_species_not_covered); species_cues: words that are not names
        of a species but say a paper works with it (strains, "Cre", "floxed": species_cues.tsv);
        nested_chemicals: also mention the chemical inside a gene or chemical-role name (see _nested);
        orthologs: gene -> its ortholog in another species where their symbols differ (human TP53 -> mouse
        Trp53, from HGNC's MGI IDs); those of the same symbol are found here (orthologs_by_symbol);
        gene_symbols_as: species -> the species whose gene nomenclature its own follows (rat -> mouse);
        genes_unnamed: the species whose genes are read in a paper that never names them (mouse abstracts
        often name no species; species.tsv): another species' genes are read only where the paper names it,
        and its symbols ("Vps4" is a fly symbol and a yeast one) say nothing of an unnamed species. None:
        every species' genes are. usual_members: family -> the member gene the training gold gives its
        mentions (learned_family_members.tsv), which the mentions take when families_as_member (see
        _families_as_members and _numbered_members); full_names: concept -> its full name where the preferred
        one is a symbol (HGNC's "haptoglobin" for HP), read where a paper spells out a short form (see
        _not_this_gene)."""
        self.nested_chemicals = nested_chemicals
        self.families_as_member = families_as_member
        self.usual_members = dict(usual_members or {}) if families_as_member else {}
        self.gene_symbols_as = gene_symbols_as or {}
        self.matcher = matcher
        self.versions = versions
        self.concept_names = concept_names or {}
        self.full_names = full_names or {}
        self.gene_taxa = gene_taxa or {}
        self.cell_line_taxa = cell_line_taxa or {}
        self.own_gene_species = own_gene_species
        self.species_cues = cue_forms(species_cues or {})
        self._cues = cue_pattern(self.species_cues)
        self._covered_species = frozenset(self.gene_taxa.values())
        self.genes_unnamed = self._covered_species if genes_unnamed is None else frozenset(genes_unnamed)
        self._orthologs = {}
        if len(self._covered_species) > 1:
            self._orthologs = orthologs_by_symbol(self.gene_taxa, self.concept_names)
            add_orthologs(self._orthologs, orthologs or {}, self.gene_taxa)

    def orthologs_of(self, gene: str) -> list[str]:
        """The gene's orthologs in the other species the vocabulary covers (mouse Akt1 for human AKT1)."""
        return sorted(self._orthologs.get(gene, {}).values())

    def _naming_species(self, m: Mention) -> str | None:
        """The species a mention names: a species mention's, a cell line's organism; else None."""
        if m.entity_type == "species":
            return m.concept_id
        return self.cell_line_taxa.get(m.concept_id) if m.entity_type == "cell_line" else None

    def _named_species(self, mentions: list[Mention]) -> set[str]:
        """The species a document names: its species mentions and the species of its cell lines."""
        return {t for m in mentions if (t := self._naming_species(m))}

    def _species_of_genes(self, passages: list[dict], per_passage: dict[str, list[Mention]],
                          spans_of: dict[str, list[tuple[int, int]]]) -> tuple[dict[int, str], str, set[str]]:
        """(gene mention -> the species its sentence names, the document's species, the species it names).

        A sentence that names a species whose genes the vocabulary has speaks for its genes: the nearest
        such species before the gene, else the one after it ("Mice lacking Klotho ..., the human Klotho
        gene"; "CCL2 in mice and in patients" is left to the document), whose species is the one the
        document names most, counting the evidence of _other_species_evidence."""
        cues = self._cue_ends(passages)
        namings = self._namings(passages, per_passage, cues)
        counts = Counter(t for ns in namings.values() for _, t in ns)
        focus = document_species(counts + self._other_species_evidence(passages, per_passage, cues, set(counts)))
        named = set(counts) | {focus}
        per_mention: dict[int, str] = {}
        for p in passages:
            mentions = per_passage[p["passage_id"]]
            namers = [(start, t) for start, t in namings[p["passage_id"]] if t in self._covered_species]
            if not namers:
                continue
            for s, e in spans_of[p["passage_id"]]:
                here = [(start, t) for start, t in namers if s <= start < e]
                if not here:
                    continue
                for m in mentions:
                    if m.entity_type == "gene" and s <= m.start < e:
                        before = [t for start, t in here if start < m.start]
                        after = {t for start, t in here if start > m.start}
                        if before or len(after) == 1:
                            per_mention[id(m)] = before[-1] if before else after.pop()
        return per_mention, focus, named

    def _cue_ends(self, passages: list[dict]) -> dict[str, dict[int, str]]:
        """Per passage, the end of each species cue (species_cues.tsv) -> its species, and of the document's
        first genotype written after a name ("Mvk(+/-)", "Apoe-/-"), a cue for the mouse where the vocabulary
        has its genes: knockouts and heterozygotes are of model animals, mostly mice (33 of the 40 NLM-Gene
        train papers writing one, whose gold genes are mostly mouse genes; 6 human). Once per document: a
        paper on human carriers may write many ("BRCA1+/-"), and one cue does not outweigh two namings of the
        human. NLM-Gene genes +0.003 (two mouse papers that name "human HIDS" as often as the mouse)."""
        out = {p["passage_id"]: {c.end(): self.species_cues[c.group(0)] for c in self._cues.finditer(p["text"])}
               if self._cues is not None else {} for p in passages}
        if MOUSE in self._covered_species:
            for p in passages:
                if (genotype := _GENOTYPE.search(p["text"])) is not None:
                    out[p["passage_id"]].setdefault(genotype.end(), MOUSE)
                    break
        return out

    def _namings(self, passages: list[dict], per_passage: dict[str, list[Mention]],
                 cues: dict[str, dict[int, str]]) -> dict[str, list[tuple[int, str]]]:
        """Per passage, (start, species) of each naming of a species: species mentions, cell lines (a review of
        HCC827 and PC-9 studies is about human cells, whatever its "murine models"). A species mention right
        after a cue word names the cue's species: "nude mice" and "NOD/SCID mice" host human tumours, and
        the genes of their sentences are the tumour's. A reagent's host is no naming (_names_a_reagent)."""
        out: dict[str, list[tuple[int, str]]] = {}
        for p in passages:
            cue_ends = cues[p["passage_id"]]
            namings = []
            for m in per_passage[p["passage_id"]]:
                if m.entity_type == "species" and m.concept_id and not _names_a_reagent(p["text"], m):
                    qualifier = next((cue_ends[e] for e in range(m.start - 2, m.start + 1)
                                      if e in cue_ends and not p["text"][e:m.start].strip(" -")), None)
                    namings.append((m.start, qualifier or m.concept_id))
                elif m.entity_type == "cell_line" and m.concept_id in self.cell_line_taxa:
                    namings.append((m.start, self.cell_line_taxa[m.concept_id]))
            out[p["passage_id"]] = sorted(namings)
        return out

    def _other_species_evidence(self, passages: list[dict], per_passage: dict[str, list[Mention]],
                                cues: dict[str, dict[int, str]], named: set[str] = frozenset()) -> Counter:
        """Species -> how much a document says it works with that species, other than by naming it: each
        distinct gene name written as that species' symbol and not as the human one, of a name several
        species' genes share ("Socs2", "Bmp4", "Prox1" are mouse symbols), counts half a naming, and each
        cue word (C57BL/6, "Cre", "floxed") a whole one. Human symbols are not counted: papers on mice write
        their proteins in capitals too (counting them cost 0.012 F on NLM-Gene, where one mouse paper writes
        18 distinct genes in capitals). Papers on human cells write mouse-style symbols too ("Bcl6", "Cdc45"),
        so two of them no longer outweigh one naming of the human: with whole counts, BioRED train genes
        were 0.695 and NLM-Gene 0.650; with half counts 0.710 and 0.657 (BioRED dev unchanged). Only symbols
        written as a nomenclature writes them count ("Vps4", not "D1"), and only for a species the paper
        names (`named`, or by a cue) or one whose genes are read unnamed (genes_unnamed): "Vps4", "Vps2" and
        "Vps24" are fly symbols, in a paper on the human ESCRT-III that never names the fly."""
        written: dict[str, set[str]] = {}
        for p in passages:
            for m in per_passage[p["passage_id"]]:
                if m.entity_type != "gene" or len({self.gene_taxa.get(c) for c in m.candidates} - {None}) < 2:
                    continue
                text = p["text"][m.start:m.end]
                if not _NOMENCLATURE_SYMBOL.fullmatch(text):
                    continue
                taxa = {self.gene_taxa.get(c) for c in m.candidates if self.concept_names.get(c) == text}
                # a name the human gene is written by as well is no evidence: "F5" is the human and the mouse
                # symbol alike, and FamPlex writes the human kinases "Src", "Fyn", "Lck", as papers on human cells do
                human_writing = any(self.gene_taxa.get(c) == HUMAN and c in m.entries and m.entries[c].term == text
                                    and not m.entries[c].made for c in m.candidates)
                if HUMAN not in taxa and not human_writing:
                    for taxon in taxa - {None}:
                        written.setdefault(taxon, set()).add(text)
        named = set(named) | {t for ends in cues.values() for t in ends.values()}
        evidence = Counter({taxon: len(texts) * SYMBOL_EVIDENCE for taxon, texts in written.items()
                            if taxon in named or taxon in self.genes_unnamed})
        evidence.update(taxon for ends in cues.values() for taxon in ends.values())
        return evidence

    def _same_symbol_in(self, gene: str, written: str, species: str | None) -> str | None:
        """The gene of `species` whose symbol `written` is, case aside, where `written` is `gene`'s own symbol
        and has a digit: "Sp3", mouse Sp3's symbol, is human SP3 (short symbols keep their case, so "Sp3"
        never matches SP3 itself). A word-like symbol ("Met", "Tat") is no such writing, nor is an ortholog of
        another symbol (mouse Mt1's human ortholog is MT1M)."""
        if not any(ch.isdigit() for ch in written) or self.concept_names.get(gene) != written:
            return None
        other = self._orthologs.get(gene, {}).get(species)
        return other if other and (self.concept_names.get(other) or "").casefold() == written.casefold() else None

    def _species_decides(self, m: Mention, taxa: list[str | None]) -> bool:
        """Whether the species picks this mention's reading: its candidates are genes of several species,
        and neither a family nor a chemical is its reading or a candidate tied with it (families are of no
        one species; a chemical candidate, "CYP11B2" as a MeSH protein, leaves the choice to the genes)."""
        if len(set(taxa) - {None}) < 2:
            return False
        if m.concept_id is not None and m.concept_id not in self.gene_taxa:
            return False
        return not any(m.entries[c].entity_type == "gene" for c in m.candidates
                       if c not in self.gene_taxa and c in m.entries)

    @staticmethod
    def _best_read(m: Mention, concepts: list[str]) -> list[str]:
        """Of one species' candidates, the one read through the best kind of term, if one is ("FGF2" is the
        symbol of human FGF2 and an alias of human FGF13), a term written so before a variant made of one,
        and among equals the one whose term the text writes letter for letter, case included ("Sca-1" is
        mouse Ly6a's alias; Casp3's alias "SCA-1" matches it in another case): else all of them."""
        if len(concepts) < 2 or not all(c in m.entries for c in concepts):
            return concepts
        best = min((m.entries[c].rank, m.entries[c].made) for c in concepts)
        top = [c for c in concepts if (m.entries[c].rank, m.entries[c].made) == best]
        exact = [c for c in top if m.entries[c].term == m.written]
        return top if len(top) == 1 else exact if len(exact) == 1 else concepts

    def _ortholog_read_better(self, m: Mention, wanted: str) -> None:
        """Where another species' candidate is read through a better kind of term than the reading of the
        species wanted, and has an ortholog of that species, the ortholog is the reading: "EPO" is human
        EPO's symbol and an alias of mouse Epx, so in a mouse paper it is mouse Epo, not Epx. Not for the
        human: a mouse symbol in a human paper ("Rho", mouse rhodopsin) is no human writing of the gene
        (RHOA's alias "Rho" is). A variant the lexicon made is no better than a term written as the text
        writes it: "Sca-1" is mouse Ly6a's alias as written, not human ATXN1's previous symbol "SCA1" hyphenated."""
        if wanted == HUMAN or m.concept_id not in m.entries:
            return
        rank, made = m.entries[m.concept_id].rank, m.entries[m.concept_id].made
        better = [c for c in m.candidates if self.gene_taxa.get(c) not in (None, wanted) and c in m.entries
                  and m.entries[c].rank < rank and (made or not m.entries[c].made) and self._orthologs.get(c, {}).get(wanted)]
        if not better:
            return
        best = min(m.entries[c].rank for c in better)
        read = {c for c in better if m.entries[c].rank == best}
        if len({self._orthologs[c][wanted] for c in read}) == 1:
            source = min(read)
            _take(m, source, 0.7)  # the term and source the text matched
            _take(m, self._orthologs[source][wanted], 0.7)

    def _by_species(self, mentions: list[Mention], species_of: dict[int, str], focus: str, named: set[str]) -> list[Mention]:
        """With genes of several species in the vocabulary: a gene name takes the gene of its sentence's
        species (`species_of`), else of the document's (`focus`), else the human one ("CCL2" is human 6347
        and mouse Ccl2 20296); a human gene written in a paper about another species becomes that species'
        gene of the same symbol ("EGFR" in a mouse paper is Egfr, 13649); and a name only another species'
        genes have ("Errb1", mouse Egfr) is not a gene in a paper that never names that species. Returns
        the mentions kept."""
        allowed = named | {HUMAN}
        kept = []
        for m in mentions:
            if m.entity_type != "gene" or not m.candidates:
                kept.append(m)
                continue
            taxa = [self.gene_taxa.get(c) for c in m.candidates]
            deciding = [self.gene_taxa.get(m.concept_id)] if m.concept_id else taxa
            if all(t is not None and t not in allowed for t in deciding):
                # the reading is a gene of a species the paper never names: the next gene of one it does
                # ("Met" is mouse Met, else human MET), or no gene at all ("Errb1" in a human paper)
                others = [c for c, t in zip(m.candidates, taxa) if t in allowed]
                if not others:
                    # a symbol with a digit written as the other species writes it names the gene of the same
                    # symbol here: "Sp3" in a human paper is SP3 (short symbols keep their case, so "Sp3" never
                    # matched SP3 itself); a word-like one ("Met", "Tat") is no such writing
                    others = [o for c in m.candidates for t in dict.fromkeys((focus, HUMAN)) if t in allowed
                              if (o := self._same_symbol_in(c, m.written, t))][:1]
                if not others:
                    continue
                _take(m, others[0], min(m.confidence, 0.7))
                taxa = [self.gene_taxa.get(c) for c in m.candidates]
            species = species_of.get(id(m), focus)
            if self._species_decides(m, taxa):
                for wanted in dict.fromkeys((species, HUMAN)):
                    chosen = self._best_read(m, [c for c, t in zip(m.candidates, taxa) if t == wanted])
                    if len(chosen) == 1:
                        if chosen[0] != m.concept_id:
                            _take(m, chosen[0], 0.7)
                        self._ortholog_read_better(m, wanted)
                        break
            ortholog = self._orthologs.get(m.concept_id, {}).get(species)
            if ortholog and ortholog != m.concept_id:
                _take(m, ortholog, min(m.confidence, 0.7))
            m.candidates = [c for c in m.candidates if self.gene_taxa.get(c) in allowed or c not in self.gene_taxa]
            kept.append(m)
        return kept

    def _genes_of_the_organism_before(self, passages: list[dict], per_passage: dict[str, list[Mention]]) -> None:
        """A gene name right after an organism whose genes the vocabulary lacks is that organism's gene, in
        the whole document: "HIV-1 Tat" and then "Tat" are the virus's, not mouse Tat (tyrosine
        aminotransferase). Such mentions keep their candidates and no concept_id, as genes of uncovered
        species do. After a model organism (own_genes in species.tsv) only that mention is: a paper compares
        its genes with their orthologs ("Xenopus ADAM11", once, in a mouse paper on Adam11), where a virus's
        gene is the virus's throughout."""
        theirs = set()
        for p in passages:
            text, mentions = p["text"], per_passage[p["passage_id"]]
            organisms = {m.end: m.concept_id for m in mentions if m.entity_type == "species" and m.concept_id
                         and m.concept_id not in self._covered_species}
            for m in mentions:
                if m.entity_type == "gene" and m.concept_id in self.gene_taxa and m.start - 1 in organisms \
                        and text[m.start - 1] in f" {HYPHENS}":
                    if organisms[m.start - 1] in self.own_gene_species:
                        _unread(m)
                    else:
                        theirs.add(text[m.start:m.end])
        if not theirs:
            return
        for p in passages:
            for m in per_passage[p["passage_id"]]:
                if m.entity_type == "gene" and m.concept_id in self.gene_taxa and p["text"][m.start:m.end] in theirs:
                    _unread(m)

    @staticmethod
    def _reagent_hosts(passages: list[dict], per_passage: dict[str, list[Mention]]) -> frozenset[int]:
        """id()s of the species mentions that name a reagent's host (_names_a_reagent)."""
        return frozenset(id(m) for p in passages for m in per_passage[p["passage_id"]]
                         if m.entity_type == "species" and _names_a_reagent(p["text"], m))

    def _genes_of_species_not_covered(self, mentions: list[Mention], focus: str | None = None,
                                      species_of: dict | None = None, reagents: frozenset[int] = frozenset()) -> None:
        """A paper that names only organisms whose genes the vocabulary lacks (a mouse study, with HGNC
        alone) is not given human genes: each gene of one species keeps that gene as its first candidate and
        no concept_id. In such documents 2% (BioRED dev), 17% (BioRED train) and 12% (NLM-Gene) of the human
        gene IDs were the gold's; the rest were the mouse or rat gene. A human cell line names the human, a
        pathogen names no one's genes (species.tsv, own_genes); families are of no one species and stay.

        focus: the document's species as _species_of_genes weighed it, counting the genes written in a
        species' nomenclature. Where that is a species the vocabulary covers, the paper studies its genes
        whatever else it names ("Ctr9", "Rtf1", "Sox2" and "Gata6" in mouse embryos, in a paper that names
        only yeast), unless a named organism writes its genes as that species does (rat genes are written as
        the mouse's: "Jag1" in a rat paper is the rat's; species.tsv, gene_symbols_as).
        species_of: gene mention id() -> (mention, the species its sentence names), as annotate keeps it;
        reagents: id()s of species mentions that name a reagent's host (_reagent_hosts)."""
        studied = self._named_species([m for m in mentions if id(m) not in reagents]) & self.own_gene_species
        # a species whose genes are written as another's (rat as mouse), named where that other is not: its
        # genes are the named one's, not the other's, whatever else the paper names ("Cx43" beside rats).
        # Seen among BioRED dev's misses (one rat paper that names humans): BioRED dev genes 0.728 -> 0.738
        # (P 0.857 -> 0.885), NLM-Gene 0.7230 -> 0.7237, BioRED train unchanged, recall unchanged in all.
        written_as = {self.gene_symbols_as.get(s) for s in studied - self._covered_species} - {None} - studied
        for m in mentions:
            if m.entity_type == "gene" and self.gene_taxa.get(m.concept_id) in written_as:
                _unread(m)
        # nor is a paper that names such an organism and other covered ones, but not humans, given human genes:
        # a human reading there is the default's, not the paper's ("IFT140" in a worm paper that names the
        # mouse once is the worm's che-11). NLM-Gene 0.7237 -> 0.7251, BioRED train 0.7605 -> 0.7608, dev same
        if HUMAN not in studied and studied - self._covered_species and focus != HUMAN:
            for m in mentions:
                if m.entity_type == "gene" and self.gene_taxa.get(m.concept_id) == HUMAN:
                    _unread(m)
        # a paper named mostly for such an organism studies its genes even where it names a covered one too
        # ("Xenopus" six times, "human" once): a gene keeps a covered species' reading only in a sentence
        # that names one (species_of: "HEK-293 cells expressing paxillin"). At least twice as many namings as
        # any covered species: a worm paper that writes each gene's human orthologue beside it names the
        # human often ("FAM-161 (FAM161A orthologue)", BioRED train). Twice and three times tied on BioRED
        # train (genes 0.7637 -> 0.7655); twice was the better on NLM-Gene (0.7287 -> 0.7317, three times
        # 0.7301); BioRED dev 0.7406 -> 0.7429.
        namings = Counter(t for m in mentions if (t := self._naming_species(m)) and id(m) not in reagents)
        if focus in studied - self._covered_species and namings[focus] >= UNCOVERED_DOMINANCE * max(
                [1] + [n for t, n in namings.items() if t in self._covered_species]):
            for m in mentions:
                if m.entity_type == "gene" and m.concept_id in self.gene_taxa and id(m) not in (species_of or {}):
                    _unread(m)
        if not studied or studied & self._covered_species:
            return
        if focus in self._covered_species and not any(self.gene_symbols_as.get(s) == focus for s in studied):
            return
        for m in mentions:
            if m.entity_type == "gene" and m.concept_id in self.gene_taxa:
                _unread(m)

    def _reread_without_species(self, passages: list[dict], found: dict[str, list], per_passage: dict[str, list[Mention]],
                                allowed: set[str]) -> bool:
        """Reads again each passage where a gene of a species the paper never names (not in `allowed`) was
        matched (`found`: its dictionary matches), without those genes: the longest match may have been one
        of them, and what it hid is what the text says. "brain tumor" is a fly gene's name and a disease;
        "superoxide dismutase" is a fly gene's name, and in a human paper the chemical inside it is
        "superoxide". Beside a named species' genes, those of a species read unnamed (genes_unnamed: the
        mouse) stay candidates, for _by_species to weigh. Returns whether any passage was read again."""
        def unnamed(e: Entry) -> bool:
            return e.entity_type == "gene" and self.gene_taxa.get(e.concept_id) not in (None, *allowed)

        def same_symbol_here(e: Entry) -> bool:  # _by_species reads it as that gene ("Sp3" is SP3 here)
            return any(self._same_symbol_in(e.concept_id, e.term, t) for t in allowed)

        def read(entries: list[Entry]) -> list[Entry]:
            # a species read unnamed (mouse) stays a candidate beside the named ones: see _by_species
            if all(unnamed(e) for e in entries if e.entity_type == "gene"):
                return [e for e in entries if not unnamed(e) or same_symbol_here(e)]
            return [e for e in entries if not unnamed(e) or self.gene_taxa[e.concept_id] in self.genes_unnamed]
        reread = False
        for p in passages:
            matches = found[p["passage_id"]]
            if not any(unnamed(e) for _, _, entries in matches for e in entries):
                continue
            kept = [(s, e, own) for s, e, entries in matches if (own := read(entries))]
            if kept == matches:  # only genes of a species read unnamed, beside a named one's
                continue
            per_passage[p["passage_id"]] = self.dictionary(p["text"], kept)
            reread = True
        return reread

    def dictionary(self, text: str, found: list | None = None) -> list[Mention]:
        """The dictionary's mentions in `text`, from its matches (`found`, else found here)."""
        out = []
        for start, end, entries in longest_first(find(self.matcher, text) if found is None else found):
            chosen = choose(entries)
            etype = chosen[0]
            if etype == "chemical" and text[start:end].lower() in AMINO_ACIDS and _RESIDUE_CONTEXT.match(text, end):
                continue
            if etype == "chemical" and text[start:end].lower() in MONOMERS and (
                    _MUTATION_AFTER.match(text, end) or _MUTATION_BEFORE.search(text, max(0, start - 40), start)):
                continue
            if _BASES.fullmatch(text, start, end) and (_BASE_CONTEXT.match(text, end)
                                                       or _BASE_BEFORE.search(text, max(0, start - 12), start)):
                continue
            if etype == "chemical" and not self.nested_chemicals and _ENZYME_AFTER.match(text, end):
                continue
            if etype == "chemical" and _inside_systematic_name(text, start):
                continue
            out.append(_dictionary_mention(start, end, entries, chosen))
            out[-1].written = text[start:end]
        if "(" in text:
            out = self._split_abbreviations(text, out)
        return out

    def _whole_gene(self, text: str) -> list[Entry] | None:
        """The entries of a dictionary match covering all of `text`, where they read it as a gene."""
        found = [entries for s, e, entries in find(self.matcher, text) if s == 0 and e == len(text)]
        return found[0] if found and choose(found[0])[0] == "gene" else None

    def _split_abbreviations(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """A gene named with its abbreviation inside ("interleukin (IL)-6", "Toll-like receptor (TLR)4") is one
        mention of the whole phrase, where the words before the parenthesis and the abbreviation, each with
        the shared suffix, name the same gene ("interleukin-6" and "IL-6" are IL6). The pieces the dictionary
        read ("interleukin", "Toll-like receptor" as a family) give way to it."""
        for found in _SPLIT_ABBREVIATION.finditer(text):
            short, suffix = found.group(1), found.group(2)
            read = self._whole_gene(f"{short}-{suffix}") or self._whole_gene(f"{short}{suffix}")
            if read is None:
                continue
            abbreviated = set(choose(read)[2])
            offset = max(0, found.start() - 80)
            words = [w.start() + offset for w in re.finditer(r"\S+", text[offset:found.start()])]
            for start in words[-6:]:  # the longest run of words before it that names the same gene
                phrase = text[start:found.start()].strip()
                long_form = phrase[:1].isalnum() and (self._whole_gene(f"{phrase} {suffix}")
                                                      or self._whole_gene(f"{phrase}-{suffix}"))
                if long_form and (choose(long_form)[1] or choose(long_form)[2][0]) in abbreviated:
                    break
            else:
                continue
            end = found.end()
            inside = [m for m in mentions if start <= m.start and m.end <= end]
            if any(m.start < end and start < m.end for m in mentions if m not in inside):
                continue
            mentions = [m for m in mentions if m not in inside] + [_dictionary_mention(start, end, long_form)]
            mentions.sort(key=lambda m: (m.start, m.end))
        return mentions

    def resolve_text(self, text: str) -> tuple[str, str, str] | None:
        """(entity_type, concept_id, source) when one unambiguous match covers the whole of `text`."""
        matches = [m for m in self.dictionary(text) if m.start == 0 and m.end == len(text)]
        if len(self._covered_species) > 1:  # a name alone, as a paper with no species in it: human first
            matches = self._by_species(matches, {}, HUMAN, set())
        if len(matches) == 1 and matches[0].concept_id:
            return matches[0].entity_type, matches[0].concept_id, matches[0].source
        return None

    def annotate(self, doc_id: str, passages: list[dict], glossary: list[tuple[str, str]] = ()) -> dict[str, list[dict]]:
        """passages: rows of the passages table for one document (passage_id, offset, text)."""
        sentences, per_passage, definitions, spans_of, found = [], {}, [], {}, {}
        for p in passages:
            spans_of[p["passage_id"]] = spans = sentence_spans(p["text"])
            for i, (s, e) in enumerate(spans):
                sentences.append({"doc_id": doc_id, "sentence_id": f"{p['passage_id']}.s{i:03d}", "passage_id": p["passage_id"],
                                  "start": p["offset"] + s, "end": p["offset"] + e})
        passages = [p for p in passages if not about_the_paper(p)]
        for p in passages:
            found[p["passage_id"]] = find(self.matcher, p["text"])
            per_passage[p["passage_id"]] = self.dictionary(p["text"], found[p["passage_id"]])
        focus = None  # the document's species, where genes of several species make it matter
        species_of: dict[int, tuple[Mention, str]] = {}
        if len(self._covered_species) > 1:  # the whole document's species first: genes of several species share names
            species_of, focus, named = self._species_of_genes(passages, per_passage, spans_of)
            if self._reread_without_species(passages, found, per_passage, named | {HUMAN}):
                species_of, focus, named = self._species_of_genes(passages, per_passage, spans_of)
            per_passage = {pid: self._by_species(ms, species_of, focus, named) for pid, ms in per_passage.items()}
            # the mentions themselves are kept with their species: an id() is reused once its object is freed
            species_of = {id(m): (m, species_of[id(m)]) for ms in per_passage.values() for m in ms if id(m) in species_of}
        for p in passages:
            text, mentions = p["text"], per_passage[p["passage_id"]]
            mentions += self._variants(text, spans_of[p["passage_id"]], mentions)
            mentions += self._coordinated(text, mentions)
            if self.families_as_member:
                self._numbered_members(text, mentions, species_of, focus)
            self._numbered_siblings(text, mentions)
            for ls, le, ss, se in find_definitions(text):
                definitions.append((p, ls, le, ss, se))

        # abbreviation -> (entity_type, concept, long form) or None when the long form names nothing
        meaning: dict[str, tuple[str, str, str, str | None] | None] = {}
        long_forms: dict[str, tuple[str, set[str]]] = {}  # abbreviation -> (long form, entity types named in it)
        abbreviation_rows = []
        for p, ls, le, ss, se in definitions:
            short, long_ = p["text"][ss:se], p["text"][ls:le]
            covering = [m for m in per_passage[p["passage_id"]] if m.start >= ls and m.end == le and m.concept_id]
            # a residue spelled out where it is defined ("a Tyrosine (Tyr) instead of") defines a residue
            resolved = None if long_.lower() in MONOMERS and not covering else self.resolve_text(long_)
            if resolved is None and covering:
                m = max(covering, key=lambda m: m.end - m.start)
                if m.start - ls <= 1 or m.end - m.start >= 0.6 * (le - ls):
                    resolved = (m.entity_type, m.concept_id, m.source)
                    # a name covering only the end of the long form is a broader concept where the words
                    # before it make another one the abbreviation names itself: "Adipose triglyceride lipase
                    # (ATGL)" is PNPLA2, not the lipase; "liver-type fatty acid binding protein (L-FABP)" FABP1
                    own = self.resolve_text(short) if m.start - ls > 1 else None
                    if own is not None and own[0] == m.entity_type and own[1] != m.concept_id:
                        resolved = own
            meaning.setdefault(short, (*resolved, long_) if resolved else None)
            long_forms.setdefault(short, (long_, {m.entity_type for m in per_passage[p["passage_id"]]
                                                  if ls <= m.start and m.end <= le}))
            abbreviation_rows.append({"short_form": short, "long_form": long_, "source": "text",
                                      "short_passage_id": p["passage_id"], "long_passage_id": p["passage_id"],
                                      "short_start": p["offset"] + ss, "short_end": p["offset"] + se,
                                      "long_start": p["offset"] + ls, "long_end": p["offset"] + le})
        for short, long_ in glossary:
            resolved = self.resolve_text(long_)
            meaning.setdefault(short, (*resolved, long_) if resolved else None)
            long_forms.setdefault(short, (long_, {m.entity_type for m in self.dictionary(long_)}))

        if meaning:
            pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(s) for s in sorted(meaning, key=len, reverse=True)) + r")(?![\w-])")
            for p in passages:
                mentions = per_passage[p["passage_id"]]
                for m in pattern.finditer(p["text"]):
                    value = meaning[m.group(1)]
                    s, e = m.span()
                    overlapping = [x for x in mentions if x.start < e and s < x.end]
                    if value is None:
                        # the paper defines this short form as something the vocabularies do not name: a weak
                        # dictionary guess (alias, previous symbol, ambiguous) is dropped, also one inside the
                        # short form ("ARMS" in "ARMS-PCR"); a symbol or name stays, and so does a disease
                        # unless the long form is plainly something else
                        for x in overlapping:
                            if s <= x.start and x.end <= e and x.method == "dictionary" and (
                                    x.confidence < 0.7 or self._not_this_disease(x, *long_forms[m.group(1)])
                                    or self._not_this_gene(x, long_forms[m.group(1)][0])):
                                mentions.remove(x)
                        continue
                    etype, concept, source, long_ = value
                    if any(x.end - x.start > e - s for x in overlapping):
                        continue
                    if etype == "disease" and self._gene_named_here(p["text"], s, e, overlapping):
                        continue  # "MEN1" defined as the syndrome, then "the MEN1 gene", "mutations of MEN1"
                    if etype == "gene" and self.gene_taxa.get(concept) == HUMAN:
                        # a long form read alone is human ("interleukin-6"); in a mouse paper it is the mouse's
                        concept = self._orthologs.get(concept, {}).get(focus, concept)
                    for x in overlapping:
                        mentions.remove(x)
                    mentions.append(Mention(s, e, etype, concept, [concept], "abbreviation", long_, source, 0.85))

        self._drop_unsupported_aliases(passages, per_passage)
        self._drop_unsupported_acronyms(passages, per_passage)
        for p in passages:
            self._drop_shouted(p["text"], per_passage[p["passage_id"]])
            self._drop_labels(p["text"], per_passage[p["passage_id"]])
            self._drop_parts_of_other_names(p["text"], per_passage[p["passage_id"]])
        for p in passages:
            per_passage[p["passage_id"]] += self._targets_of_classes(p["text"], per_passage[p["passage_id"]], focus)
        # before the species' rules below, which then weigh a name read so as any other
        self._decided_by_the_document([m for ms in per_passage.values() for m in ms])
        self._genes_of_species_not_covered([m for ms in per_passage.values() for m in ms], focus, species_of,
                                           self._reagent_hosts(passages, per_passage))
        self._genes_of_the_organism_before(passages, per_passage)
        if self.usual_members:
            self._families_as_members([m for ms in per_passage.values() for m in ms], species_of, focus)
        if self.nested_chemicals:
            for p in passages:
                per_passage[p["passage_id"]] += self._nested(p["text"], per_passage[p["passage_id"]])
        rows = []
        for p in passages:
            for m in sorted(per_passage[p["passage_id"]], key=lambda m: (m.start, m.end)):
                start, end = p["offset"] + m.start, p["offset"] + m.end
                rows.append({
                    "doc_id": doc_id, "mention_id": f"{doc_id}.m{start}-{end}", "passage_id": p["passage_id"],
                    "start": start, "end": end, "text": p["text"][m.start:m.end], "entity_type": m.entity_type,
                    "concept_id": m.concept_id, "candidates": m.candidates, "method": m.method,
                    "matched_term": m.matched_term, "vocabulary_version": self.versions.get(m.source) if m.source else None,
                    "confidence": m.confidence,
                })
        for i, a in enumerate(abbreviation_rows):
            a.update(doc_id=doc_id, abbreviation_id=f"{doc_id}.t{i:04d}")
        return {"sentences": sentences, "mentions": rows, "abbreviations": abbreviation_rows}

    @staticmethod
    def _decided_by_the_document(mentions: list[Mention]) -> None:
        """An ambiguous gene name whose candidates include exactly one gene the document names unambiguously
        elsewhere is that gene: "gp130" (IL6ST or LRPPRC) in a paper that writes "IL6ST", "CPT1" where
        "carnitine palmitoyltransferase 1A" is written."""
        named = {m.concept_id for m in mentions if m.entity_type == "gene" and m.concept_id}
        for m in mentions:
            if m.entity_type == "gene" and m.concept_id is None and len(m.candidates) > 1:
                here = [c for c in m.candidates if c in named]
                if len(here) == 1:
                    _take(m, here[0], 0.5)
                    m.method = "context"

    def _families_as_members(self, mentions: list[Mention], species_of: dict[int, tuple[Mention, str]],
                             focus: str | None) -> None:
        """Only with the families_as_member convention: a family's mention becomes the member gene the training
        gold gives that family's mentions ("Akt" is AKT1 in 34 of BioRED train's 39), in the species of its
        sentence or paper (Akt1 in a mouse paper), as BioRED, NLM-Gene and PubTator annotate. The text names the
        family; the member is the corpora's convention, so the family stays the second candidate and the
        method says which mentions were read so. Measured against the family kept, document level, genes,
        with _numbered_members: BioRED dev F 0.705 -> 0.723, NLM-Gene train 0.689 -> 0.712. Where the
        vocabulary has no member of the mention's species (rat, or fly's basket for JNK) the family stays:
        the human gene there was a false positive (BioRED dev 0.725 -> 0.728, NLM-Gene 0.721 -> 0.723)."""
        for m in mentions:
            member = self.usual_members.get(m.concept_id) if m.entity_type == "gene" else None
            if member is None:
                continue
            species = species_of[id(m)][1] if id(m) in species_of else focus  # the sentence's, else the paper's
            member = self._orthologs.get(member, {}).get(species, member)
            if species is not None and self.gene_taxa.get(member) != species:
                continue  # no member of that species here (JNK in a fly paper is basket): the family stays
            m.candidates = [member, m.concept_id] + [c for c in m.candidates if c not in (member, m.concept_id)]
            m.concept_id, m.method, m.confidence = member, "family_member", min(m.confidence, 0.6)

    def _targets_of_classes(self, text: str, mentions: list[Mention], focus: str | None) -> list[Mention]:
        """The gene or family a drug class is named after, as a mention inside the class's: "mTOR" in "mTOR
        inhibitors", "JAK" in "JAK inhibitor", "androgen receptor" in "androgen receptor antagonists". MeSH
        names these classes whole, which hid their target, while "JAK2 inhibitor", which MeSH does not name,
        was the gene and a word; BioRED annotates the target. The class keeps its own mention."""
        out = []
        for outer in mentions:
            if outer.entity_type not in ("chemical", "chemical_role") or outer.method != "dictionary":
                continue
            name = text[outer.start:outer.end]
            if not _CLASS_END.search(name):  # most chemicals are no class; find() on each costs seconds per corpus
                continue
            genes = [(e, entries) for s, e, entries in find(self.matcher, name) if s == 0 and e < len(name)
                     and _CLASS_ACTION.fullmatch(name[e:]) and any(x.entity_type == "gene" for x in entries)]
            if not genes:
                continue
            end, entries = max(genes, key=lambda g: g[0])
            # the gene of the paper's species, else the human's (or a family, of no one species)
            for wanted in dict.fromkeys((focus, HUMAN)):
                own = [x for x in entries if x.entity_type == "gene" and self.gene_taxa.get(x.concept_id) in (None, wanted)]
                if own and (chosen := choose(own))[1] is not None:
                    break
            else:
                continue
            etype, concept, candidates, entry, confidence = chosen
            if self.gene_taxa.get(concept) == HUMAN:  # a human-only name: the paper's species' ortholog
                concept = self._orthologs.get(concept, {}).get(focus, concept)
            candidates = [c for c in dict.fromkeys([concept, *candidates])
                          if self.gene_taxa.get(c) in (None, HUMAN, focus)]
            out.append(Mention(outer.start, outer.start + end, etype, concept, candidates, "nested", entry.term,
                               entry.source, confidence, entry.kind))
        return out

    def _nested(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """The chemicals named inside the document's gene and chemical-role names, as whole words: "dopamine"
        in "dopamine receptors" or "dopamine agonists", "calcium" in "calcium channel blockers", "creatine" in
        "creatine kinase". BC5CDR annotates these (its curators index the chemical a name is built on); BioRED
        does not. Measured on the chemicals, document level: BC5CDR train F 0.890 -> 0.901 and dev 0.877 ->
        0.890; BioRED train 0.809 -> 0.773. A chemical inside a longer chemical's name is not one ("sodium"
        in "sodium chloride": BC5CDR train F fell to 0.869), nor is one inside a disease's name."""
        taken = {(m.start, m.end) for m in mentions}
        out = []
        for outer in mentions:
            if outer.entity_type not in ("gene", "chemical_role") or outer.method != "dictionary":
                continue
            name = text[outer.start:outer.end]
            inside = [(s, e, chosen) for s, e, entries in find(self.matcher, name) if e - s < len(name)
                      and not (s > 0 and name[s - 1].isalnum()) and not (e < len(name) and name[e].isalnum())
                      and (chosen := choose(entries))[0] == "chemical" and chosen[1]]
            # the longest chemical inside wins: "poly(ADP-ribose)" in "poly(ADP-ribose) polymerase", not also
            # its "ADP", "ADP-ribose" and "ribose"
            for s, e, (etype, concept, candidates, entry, confidence) in longest_first(inside):
                start, end = outer.start + s, outer.start + e
                if (start, end) not in taken:
                    taken.add((start, end))
                    out.append(Mention(start, end, etype, concept, candidates, "nested", entry.term, entry.source,
                                       confidence, entry.kind))
        return out

    def _not_this_gene(self, mention: Mention, long_form: str) -> bool:
        """A gene symbol the paper spells out as words that name nothing, share no word with the gene's names
        and have no word a gene's name is made of: "diastolic blood pressure (DBP)" is not DBP, "precore (PC)"
        not pyruvate carboxylase. A number or a protein word keeps it, as the vocabularies lack some long
        forms of real genes ("cluster of differentiation 44 (CD44)", "hydrophobic protein (HP)")."""
        if mention.entity_type != "gene" or any(ch.isdigit() for ch in long_form) or _names_a_product(long_form):
            return False
        concept = mention.concept_id or mention.candidates[0]
        full_name = self.full_names.get(concept)
        if not full_name:  # a FamPlex family has only its short name: "wingless-type MMTV integration site (Wnt)"
            return False
        return not _content_words(long_form) & _content_words(f"{self.concept_names.get(concept, '')} {full_name}")

    def _not_this_disease(self, mention: Mention, long_form: str, long_form_types: set[str]) -> bool:
        """A disease acronym the paper spells out as words that name no disease and share no word with the
        concept's name: "heteroduplex (HD)" is not Huntington Disease, "reactive astrogliosis (RA)" not
        rheumatoid arthritis. The vocabularies lack some long forms of real disease acronyms, which the
        shared word keeps: "nonalcoholic steatohepatitis (NASH)" for Non-alcoholic Fatty Liver Disease."""
        if mention.entity_type != "disease" or "disease" in long_form_types:
            return False
        name = self.concept_names.get(mention.concept_id)
        return name is None or not _content_words(long_form) & _content_words(name)

    @staticmethod
    def _drop_unsupported_aliases(passages: list[dict], per_passage: dict[str, list[Mention]]) -> None:
        """Short letter-only gene aliases stay only with support in the document (see _SHORT_ALIAS)."""
        named = {m.concept_id for ms in per_passage.values() for m in ms
                 if m.entity_type == "gene" and m.concept_id and (m.method != "dictionary" or m.kind not in ("alias", "previous"))}
        weak = [(p, m) for p in passages for m in per_passage[p["passage_id"]]
                if m.entity_type == "gene" and m.method == "dictionary" and m.concept_id and m.kind in ("alias", "previous")
                and m.concept_id not in named and _SHORT_ALIAS.fullmatch(p["text"], m.start, m.end)]
        # one sense per document: a gene word after one occurrence supports them all
        supported = {p["text"][m.start:m.end] for p, m in weak if _GENE_CONTEXT.match(p["text"], m.end)}
        for p, m in weak:
            if p["text"][m.start:m.end] not in supported:
                per_passage[p["passage_id"]].remove(m)

    @staticmethod
    def _drop_unsupported_acronyms(passages: list[dict], per_passage: dict[str, list[Mention]]) -> None:
        """Ontology-only disease acronyms stay only with support in the document (see _ACRONYM)."""
        named = {m.concept_id for p in passages for m in per_passage[p["passage_id"]]
                 if m.entity_type == "disease" and m.concept_id and not _ACRONYM.fullmatch(p["text"], m.start, m.end)}
        for p in passages:
            mentions = per_passage[p["passage_id"]]
            for m in list(mentions):
                if (m.entity_type == "disease" and m.method == "dictionary" and m.source in _ACRONYM_SOURCES
                        and m.concept_id not in named and _ACRONYM.fullmatch(p["text"], m.start, m.end)):
                    mentions.remove(m)

    @staticmethod
    def _gene_named_here(text: str, start: int, end: int, overlapping: list[Mention]) -> bool:
        """A short form defined as a disease that is also a gene's symbol names the gene where the words
        around it say so: "MEN1 gene", "MEN1 mutations", "the tumor suppressor gene MEN1", "mutation of MEN1"
        (BioRED annotates these as the gene, and the syndrome's other mentions as the disease)."""
        return any(x.start == start and x.end == end and x.entity_type == "gene" and x.concept_id for x in overlapping) and (
            _GENE_CONTEXT.match(text, end) is not None or _GENE_BEFORE.search(text, max(0, start - 30), start) is not None)

    @staticmethod
    def _drop_labels(text: str, mentions: list[Mention]) -> None:
        """Dictionary matches inside what the paper labels, not names (see _LABEL): "S2" in "Figure S2"."""
        labels = [m.span() for m in _LABEL.finditer(text)]
        if labels:
            mentions[:] = [m for m in mentions if m.method not in ("dictionary", "coordination")
                           or not any(s <= m.start and m.end <= e for s, e in labels)]

    @staticmethod
    def _drop_parts_of_other_names(text: str, mentions: list[Mention]) -> None:
        """Gene dictionary matches that are a word of a kit's, a medium's or a cited author's name (see
        _KIT_NAMED_BEFORE)."""
        def other_name(m: Mention) -> bool:
            written = text[m.start:m.end]
            if written in ("Kit", "kit"):  # not the gene's alleles ("XY Kit W/Wv gonads") or the gene's words
                return bool(_KIT_NAMED_BEFORE.search(text, max(0, m.start - 40), m.start)
                            and not _GENE_CONTEXT.match(text, m.end) and not _KIT_ALLELE.match(text, m.end))
            if written in ("F12", "F-12", "F10", "F-10"):
                return bool(_MEDIUM_BEFORE.search(text, max(0, m.start - 8), m.start) or _MEDIUM_AFTER.match(text, m.end))
            return bool(_CITED_AFTER.match(text, m.end))
        mentions[:] = [m for m in mentions if m.entity_type != "gene" or m.method != "dictionary" or not other_name(m)]

    @staticmethod
    def _drop_shouted(text: str, mentions: list[Mention]) -> None:
        """Short capital-letter dictionary matches inside a run of capitalised words (see _CAPITALS)."""
        short = [m for m in mentions if m.method == "dictionary" and m.end - m.start <= 3 and text[m.start:m.end].isupper()]
        if not short:
            return
        words = [w.span() for w in _WORD.finditer(text)]
        taken = [(m.start, m.end) for m in mentions]
        index = {span: i for i, span in enumerate(words)}
        for m in short:
            i = index.get((m.start, m.end))
            if i is None:
                continue
            around = words[max(0, i - 2):i] + words[i + 1:i + 3]
            capitals = sum(1 for a, b in around if _CAPITALS.fullmatch(text, a, b)
                           and not any(s < b and a < e for s, e in taken))
            if capitals >= 2:
                mentions.remove(m)

    def _coordinated(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Diseases named by a conjunct that shares the head of the next mention ("breast, ovarian and
        colon cancer"): the word takes the concept of word + head when that phrase names another disease."""
        out = []
        taken = [(m.start, m.end) for m in mentions]
        for m in mentions:
            words = text[m.start:m.end].split(" ", 1)
            if m.entity_type != "disease" or not m.concept_id or len(words) != 2:
                continue
            end = m.start
            while (found := _CONJUNCT.search(text, max(0, end - 40), end)) is not None:
                s, e = found.span(1)
                if any(a < e and s < b for a, b in taken) or found.group(1).lower() in _HEAD_NOUNS:
                    break
                resolved = self.resolve_text(f"{found.group(1)} {words[1]}")
                if resolved is None or resolved[0] != "disease" or resolved[1] == m.concept_id:
                    break
                out.append(Mention(s, e, "disease", resolved[1], [resolved[1]], "coordination",
                                   f"{found.group(1)} {words[1]}", resolved[2], 0.7))
                taken.append((s, e))
                end = s
        return out

    def _numbered_members(self, text: str, mentions: list[Mention], species_of: dict[int, tuple[Mention, str]],
                          focus: str | None) -> None:
        """Only with the families_as_member convention: a family written as its numbered members is those
        genes, as the gene corpora annotate it ("ERK1/2" is MAPK3 and MAPK1 in their gold). FamPlex grounds
        "ERK1/2", "MEK1/2" and "JNK 1/2" to the families ERK, MEK and JNK, which the pipeline keeps by default.
        Each number becomes a mention of stem and number where the vocabulary names one gene so ("ERK1" is
        MAPK3, the "2" MAPK1), in the species of its sentence or paper, the family their second candidate, as
        "Akt1/2", which no vocabulary writes whole, reads in either convention (see _numbered_siblings). The
        family stays where one of them names no gene. Replaces in `mentions`. Run before the families'
        usual members are given, so "ERK1/2" is not MAPK1 alone."""
        for m in list(mentions):
            if m.entity_type != "gene" or m.method != "dictionary" or not m.concept_id or m.concept_id in self.gene_taxa:
                continue
            named = _NUMBERED_MEMBERS.fullmatch(text, m.start, m.end)
            if named is None:
                continue
            stem, numbers = named.group(1), named.group(2).split("/")
            species = species_of[id(m)][1] if id(m) in species_of else focus
            members, pos = [], m.start
            for i, number in enumerate(numbers):
                written = stem + number
                resolved = self.resolve_text(written) or self.resolve_text(written.replace(" ", "").replace("-", ""))
                if resolved is None or resolved[0] != "gene" or resolved[1] not in self.gene_taxa:
                    break
                concept = resolved[1]
                if species and self.gene_taxa[concept] != species:
                    concept = self._orthologs.get(concept, {}).get(species, concept)
                start = pos if i == 0 else pos + 1
                end = start + (len(written) if i == 0 else len(number))
                members.append(Mention(start, end, "gene", concept, [concept, m.concept_id], "coordination", written,
                                       resolved[2], 0.7))
                pos = end
            if len(members) == len(numbers) and len({x.concept_id for x in members}) == len(members):
                mentions.remove(m)
                mentions += members

    def _numbered_siblings(self, text: str, mentions: list[Mention]) -> None:
        """Genes named by a number after a gene whose name ends in one ("caspase-3/7", "MMP-2/-9", "Smad1/5/8",
        "TIM-1 and 3", "CYP3A4/5"), or by a Greek letter ("IL-1alpha/beta") or a capital and number ("cyclin D1
        and D2") after one ending so: each sibling takes the gene of the stem and its ending, where the
        vocabulary names one, of the first gene's species (its ortholog of the same symbol). Ranges
        ("NPHP1-9") are left alone. A dictionary gene match on the sibling itself gives way: the "beta2" of
        "TGF-beta1 and -beta2" is TGF-beta2, the "D2" of "cyclin D1 and D2" is cyclin D2. Adds to `mentions`."""
        out = []
        replaceable = {(m.start, m.end): m for m in mentions if m.method == "dictionary" and m.entity_type == "gene"}
        taken = [(m.start, m.end) for m in mentions]
        given_way: set[int] = set()
        for m in list(mentions):
            if m.entity_type != "gene" or not m.concept_id or id(m) in given_way:
                continue
            forms = [(named, follows) for form, follows in _SIBLING_FORMS
                     if (named := form.fullmatch(text, m.start, m.end)) and follows.match(text, m.end)]
            if not forms:
                continue
            named, follows = forms[0]
            stem, pos, taxon = named.group(1), m.end, self.gene_taxa.get(m.concept_id)
            while (sibling := follows.match(text, pos)) is not None:
                s, e = sibling.span(1)
                if any(a < e and s < b for a, b in taken) and (s, e) not in replaceable:
                    break
                resolved = self.resolve_text(stem + sibling.group(1))
                if resolved is None or resolved[0] != "gene" or resolved[1] == m.concept_id:
                    break
                concept = resolved[1]
                if taxon and self.gene_taxa.get(concept) not in (None, taxon):
                    concept = self._orthologs.get(concept, {}).get(taxon, concept)
                if (s, e) in replaceable:
                    gone = replaceable.pop((s, e))
                    mentions.remove(gone)
                    given_way.add(id(gone))
                out.append(Mention(s, e, "gene", concept, [concept], "coordination", stem + sibling.group(1), resolved[2], 0.7))
                taken.append((s, e))
                pos = e
        mentions += out

    def _variants(self, text: str, spans: list[tuple[int, int]], mentions: list[Mention]) -> list[Mention]:
        out = []
        taken = [(m.start, m.end) for m in mentions]
        for s, e, form in find_variants(text):
            if any(a < e and s < b for a, b in taken):
                continue
            sentence = next(((a, b) for a, b in spans if a <= s < b), (0, len(text)))
            genes = [m for m in mentions if m.entity_type == "gene" and m.concept_id and sentence[0] <= m.start < sentence[1]
                     and m.concept_id.startswith("NCBIGene:")]
            gene = min(genes, key=lambda m: abs(m.start - s), default=None)
            if form.startswith("rs"):
                concept = f"dbsnp:{form}"
            else:
                symbol = self.concept_names.get(gene.concept_id) if gene else None
                concept = f"hgvs:{symbol}:{form}" if symbol else f"hgvs:{form}"
            out.append(Mention(s, e, "variant", concept, [concept], "pattern", None, None, 0.8 if gene else 0.6))
        return out
