"""The data contract: one pandera model per published table.

Each model is at once the validation run by the rule that writes the table, the Arrow schema
the Parquet file is written with (:func:`arrow_schema`), and the README's data dictionary
(``python -m schemas.dictionary``). Field descriptions are for curators and data scientists.
Cross-table rules live in :mod:`schemas.integrity`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
from pandera.typing import Series

SCHEMA_VERSION = "1.1.0"

SHA256 = r"^[0-9a-f]{64}$"
DOC_ID = r"^[0-9a-f]{16}$"

PASSAGE_KINDS = [
    "title", "abstract", "abstract_title", "section_title", "paragraph", "list_item", "footnote",
    "figure_caption", "table_caption", "table_cell", "table_footnote", "supplementary_caption",
    "glossary_term", "glossary_definition", "tldr", "contribution", "key_finding",
]
INPUT_FORMATS = ["jats", "summary_md", "pubtator", "bioc_xml", "bioc_json"]


def ListOfStr(description: str):
    """A column of string lists (Parquet list<string>); never null, possibly empty."""
    return pa.Field(description=description, metadata={"arrow": "list<string>"})


def _is_list_of_str(series: pd.Series) -> pd.Series:
    # numpy arrays are what pandas.read_parquet gives back for list columns
    return series.map(lambda v: isinstance(v, (list, tuple, np.ndarray)) and all(isinstance(x, str) for x in v))


class _Base(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True
        ordered = True

    @classmethod
    def list_columns(cls) -> list[str]:
        return [n for n, c in cls.to_schema().columns.items() if (c.metadata or {}).get("arrow") == "list<string>"]

    @pa.dataframe_check(error="list columns must hold lists of strings")
    def _lists_hold_strings(cls, df: pd.DataFrame) -> pd.Series:
        ok = pd.Series(True, index=df.index)
        for name in cls.list_columns():
            if name in df:
                ok &= _is_list_of_str(df[name])
        return ok


class Documents(_Base):
    """One row per document (an article, or one article of a <pmc-articleset>)."""

    doc_id: Series[str] = pa.Field(unique=True, str_matches=DOC_ID, description="Stable ID from the source file's sha256 and the article's position in it.")
    source_path: Series[str] = pa.Field(description="Input file, relative to where the inputs were named (never absolute).")
    source_sha256: Series[str] = pa.Field(str_matches=SHA256, description="sha256 of the input file's bytes.")
    article_index: Series[int] = pa.Field(ge=0, description="Position of the article in its file (0 unless the file holds several).")
    format: Series[str] = pa.Field(isin=INPUT_FORMATS, description="Input format, detected from content.")
    title: Series[str] = pa.Field(nullable=True, description="Article title.")
    doi: Series[str] = pa.Field(nullable=True, description="DOI of the article.")
    pmid: Series[str] = pa.Field(nullable=True, str_matches=r"^\d+$", description="PubMed ID.")
    pmcid: Series[str] = pa.Field(nullable=True, str_matches=r"^PMC\d+$", description="PubMed Central ID, with its PMC prefix.")
    journal: Series[str] = pa.Field(nullable=True, description="Journal title.")
    publisher: Series[str] = pa.Field(nullable=True, description="Publisher name.")
    pub_date: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{4}(-\d{2}(-\d{2})?)?$", description="Preferred publication date (electronic, else print), ISO 8601, as precise as the source.")
    pub_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Year of pub_date.")
    pub_dates: Series[object] = ListOfStr("Every publication date given, as 'type:ISO date' (e.g. 'epub:2026-02-20').")
    article_type: Series[str] = pa.Field(nullable=True, description="JATS article-type (research-article, review-article, ...), or 'summary'.")
    language: Series[str] = pa.Field(nullable=True, description="xml:lang of the article.")
    license: Series[str] = pa.Field(nullable=True, description="Licence text (or copyright statement when there is no licence).")
    license_url: Series[str] = pa.Field(nullable=True, description="Licence URL.")
    keywords: Series[object] = ListOfStr("Author keywords.")
    subjects: Series[object] = ListOfStr("Subject categories.")
    volume: Series[str] = pa.Field(nullable=True, description="Journal volume.")
    issue: Series[str] = pa.Field(nullable=True, description="Journal issue.")
    pages: Series[str] = pa.Field(nullable=True, description="Page range or electronic location ID.")
    source_url: Series[str] = pa.Field(nullable=True, description="URL the input says it was taken from (summaries).")
    n_passages: Series[int] = pa.Field(ge=0, description="Number of passages.")
    text_length: Series[int] = pa.Field(ge=0, description="Length in code points of the document text (passages joined by one newline).")


class Authors(_Base):
    """One row per author of a document, in order."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    author_index: Series[int] = pa.Field(ge=1, description="1-based position in the author list.")
    surname: Series[str] = pa.Field(nullable=True, description="Family name.")
    given_names: Series[str] = pa.Field(nullable=True, description="Given names.")
    collab: Series[str] = pa.Field(nullable=True, description="Group author name.")
    orcid: Series[str] = pa.Field(nullable=True, description="ORCID iD (without URL).")
    affiliations: Series[object] = ListOfStr("Affiliation texts.")
    is_corresponding: Series[bool] = pa.Field(description="Marked as corresponding author.")
    equal_contrib: Series[bool] = pa.Field(description="Marked as equal contributor.")


class Passages(_Base):
    """One row per passage: a title, paragraph, caption, table cell, finding, ...

    Offsets are document-level Unicode code points (the BioC convention): the document text is
    the passages joined by one newline, and ``offset`` is where this passage starts in it. A
    mention at [start, end) has text ``passage.text[start - offset : end - offset]``.
    """

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    passage_id: Series[str] = pa.Field(unique=True, description="Stable ID: doc_id + '.p' + ordinal.")
    ordinal: Series[int] = pa.Field(ge=0, description="Position of the passage in the document.")
    kind: Series[str] = pa.Field(isin=PASSAGE_KINDS, description="What the passage is: " + ", ".join(PASSAGE_KINDS) + ".")
    section_path: Series[object] = ListOfStr("Enclosing section headings (label and title), outermost first.")
    section_type: Series[str] = pa.Field(nullable=True, description="Section kind (introduction, methods, results, discussion, abstract, ...) from sec-type or the heading.")
    offset: Series[int] = pa.Field(ge=0, description="Document-level code-point offset of the passage's first character.")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="Passage text: every character of the source, whitespace runs folded to one space.")
    source_xpath: Series[str] = pa.Field(nullable=True, description="XPath of the source element in the input file (XML inputs).")
    source_line: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Line of the source element in the input file (XML inputs).")
    source_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Code-point start of the span read from the input file (text inputs); its whitespace-normalised text equals `text`.")
    source_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Code-point end of that span.")


class TableCells(_Base):
    """Tables as full grids: one row per (part, row, column), spans expanded and marked."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    table_id: Series[str] = pa.Field(description="Table's XML id (or its ordinal), unique within the document.")
    table_label: Series[str] = pa.Field(nullable=True, description="Table label, e.g. 'Table I'.")
    table_caption: Series[str] = pa.Field(nullable=True, description="Caption text.")
    part: Series[str] = pa.Field(isin=["head", "body", "foot"], description="thead, tbody or tfoot.")
    row: Series[int] = pa.Field(ge=1, description="1-based row within the part.")
    column: Series[int] = pa.Field(ge=1, description="1-based column.")
    is_header: Series[bool] = pa.Field(description="A header cell (in thead, or a <th>).")
    cell_kind: Series[str] = pa.Field(isin=["cell", "span", "missing"], description="'cell' where a cell starts, 'span' where a rowspan/colspan fills the position, 'missing' where the source has no cell.")
    text: Series[str] = pa.Field(description="Cell text (the spanning cell's text on 'span' positions).")
    origin_row: Series[int] = pa.Field(ge=1, description="Row of the cell that fills this position.")
    origin_column: Series[int] = pa.Field(ge=1, description="Column of the cell that fills this position.")
    rowspan: Series[int] = pa.Field(ge=1, description="Rows the cell spans.")
    colspan: Series[int] = pa.Field(ge=1, description="Columns the cell spans.")
    passage_id: Series[str] = pa.Field(nullable=True, description="The table_cell passage holding the text (on the origin position of non-empty cells).")


class References(_Base):
    """One row per entry of a document's reference list."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    reference_id: Series[str] = pa.Field(unique=True, description="doc_id + '.r.' + ref_key.")
    ref_key: Series[str] = pa.Field(description="The reference's XML id.")
    ordinal: Series[int] = pa.Field(ge=1, description="1-based position in the reference list.")
    label: Series[str] = pa.Field(nullable=True, description="Printed label, e.g. '12'.")
    publication_type: Series[str] = pa.Field(nullable=True, description="journal, book, ...")
    title: Series[str] = pa.Field(nullable=True, description="Article or chapter title.")
    source: Series[str] = pa.Field(nullable=True, description="Journal or book title.")
    year: Series[str] = pa.Field(nullable=True, description="Year as printed.")
    volume: Series[str] = pa.Field(nullable=True, description="Volume.")
    issue: Series[str] = pa.Field(nullable=True, description="Issue.")
    pages: Series[str] = pa.Field(nullable=True, description="Pages or electronic location.")
    authors: Series[object] = ListOfStr("Authors as 'Surname Initials', in order.")
    doi: Series[str] = pa.Field(nullable=True, description="DOI.")
    pmid: Series[str] = pa.Field(nullable=True, description="PubMed ID.")
    pmcid: Series[str] = pa.Field(nullable=True, description="PMC ID with prefix.")
    pub_ids: Series[object] = ListOfStr("Every identifier given, as 'type:value' (doi, pmid, pmcid, ...).")
    citation_text: Series[str] = pa.Field(nullable=True, description="The whole citation as text.")


class Citations(_Base):
    """Which passage cites which reference, where."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    citation_id: Series[str] = pa.Field(unique=True, description="passage_id + '.c' + start + '.' + ref_key.")
    passage_id: Series[str] = pa.Field(description="Citing passage.")
    reference_id: Series[str] = pa.Field(nullable=True, description="Cited reference (null when the link points outside the reference list).")
    start: Series[int] = pa.Field(ge=0, description="Document-level start of the citation marker.")
    end: Series[int] = pa.Field(ge=0, description="Document-level end of the citation marker.")
    text: Series[str] = pa.Field(description="Marker text, e.g. '12' or '1-3'.")
    from_range: Series[bool] = pa.Field(description="True for references implied by a range ('1-3' cites 2 too).")


class Abbreviations(_Base):
    """Abbreviations with their long forms (from JATS glossaries now; from running text later)."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    abbreviation_id: Series[str] = pa.Field(unique=True, description="doc_id + '.a' + ordinal.")
    short_form: Series[str] = pa.Field(str_length={"min_value": 1}, description="The abbreviation, e.g. 'IL-6'.")
    long_form: Series[str] = pa.Field(str_length={"min_value": 1}, description="Its expansion, e.g. 'interleukin-6'.")
    source: Series[str] = pa.Field(isin=["glossary", "text"], description="Where it was defined.")
    short_passage_id: Series[str] = pa.Field(nullable=True, description="Passage holding the short form.")
    long_passage_id: Series[str] = pa.Field(nullable=True, description="Passage holding the long form.")
    short_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Document-level start of the short form.")
    short_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Document-level end of the short form.")
    long_start: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Document-level start of the long form.")
    long_end: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="Document-level end of the long form.")


class SourceEntities(_Base):
    """Entities an input claims (summary 'Linked entities' / 'Full-text entities'), exactly as written."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document making the claim.")
    claim_id: Series[str] = pa.Field(unique=True, description="doc_id + '.e' + ordinal.")
    section: Series[str] = pa.Field(isin=["linked_entities", "full_text_entities"], description="List the claim comes from.")
    entity_type: Series[str] = pa.Field(description="gene, chemical, disease, species, variant, cell_line, ...")
    item_index: Series[int] = pa.Field(ge=0, description="Position within its list line.")
    raw: Series[str] = pa.Field(description="The item exactly as written.")
    name: Series[str] = pa.Field(description="Name as written.")
    full_name: Series[str] = pa.Field(nullable=True, description="Full name or description as written.")
    namespace: Series[str] = pa.Field(nullable=True, description="Claimed namespace as written ('NCBI Gene', 'MESH', 'PubChem CID', ...).")
    identifier: Series[str] = pa.Field(nullable=True, description="Claimed identifier as written.")
    aliases: Series[object] = ListOfStr("Aliases listed with the claim.")
    curie: Series[str] = pa.Field(nullable=True, description="The claim as a Bioregistry CURIE (e.g. NCBIGene:6774); not checked here.")
    source_start: Series[int] = pa.Field(ge=0, description="Code-point start of the item in the input file.")
    source_end: Series[int] = pa.Field(ge=0, description="Code-point end of the item in the input file.")


class Quarantine(_Base):
    """Inputs (or documents in them) that were not published, or were published incomplete, and why."""

    source_path: Series[str] = pa.Field(description="Input file, relative to where the inputs were named.")
    source_sha256: Series[str] = pa.Field(nullable=True, description="sha256 of the file (null when it could not be read).")
    stage: Series[str] = pa.Field(description="Step that noticed (parse, publish).")
    outcome: Series[str] = pa.Field(isin=["rejected", "published_with_warning"], description="'rejected': nothing of it was published; 'published_with_warning': published, but incomplete as the reason says.")
    reason: Series[str] = pa.Field(description="One line naming the problem.")


class Inputs(_Base):
    """Every input file the run was given, published or not."""

    source_path: Series[str] = pa.Field(unique=True, description="Input file, relative to where the inputs were named.")
    source_sha256: Series[str] = pa.Field(nullable=True, description="sha256 of the file's bytes.")
    size_bytes: Series[int] = pa.Field(ge=0, description="File size.")
    format: Series[str] = pa.Field(description="Detected format (or why none was).")
    n_documents: Series[int] = pa.Field(ge=0, description="Documents published from it.")
    status: Series[str] = pa.Field(isin=["published", "quarantined", "duplicate"], description="What became of it.")


ENTITY_TYPES = ["gene", "chemical", "chemical_role", "disease", "species", "cell_line", "variant"]
# A chemical role names a class of chemicals by what they do: it relates, and is claimed, as a chemical.
BROADER_TYPE = {"chemical_role": "chemical"}


def broader_type(entity_type: str) -> str:
    return BROADER_TYPE.get(entity_type, entity_type)
MENTION_METHODS = ["dictionary", "abbreviation", "coordination", "pattern", "nested", "family_member", "context", "imported"]


class Sentences(_Base):
    """Sentences of each passage (syntok), the unit relations and evidence are read from."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    sentence_id: Series[str] = pa.Field(unique=True, description="passage_id + '.s' + ordinal within the passage.")
    passage_id: Series[str] = pa.Field(description="Passage holding the sentence.")
    start: Series[int] = pa.Field(ge=0, description="Document-level start.")
    end: Series[int] = pa.Field(ge=0, description="Document-level end.")


class Mentions(_Base):
    """Recognised and normalised entity mentions. The passage text at [start, end) is `text`."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    mention_id: Series[str] = pa.Field(unique=True, description="Stable ID: doc_id + '.m' + start + '-' + end (annotator) or '.i' + start + '-' + end + '.' + type (imported).")
    passage_id: Series[str] = pa.Field(description="Passage holding the mention.")
    start: Series[int] = pa.Field(ge=0, description="Document-level start (code points).")
    end: Series[int] = pa.Field(ge=0, description="Document-level end (code points).")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="The mention as written.")
    entity_type: Series[str] = pa.Field(isin=ENTITY_TYPES, description="gene (incl. FamPlex families), chemical, chemical_role (a class by action or use: MeSH D27, e.g. tyrosine kinase inhibitors), disease, species, cell_line, variant.")
    concept_id: Series[str] = pa.Field(nullable=True, description="Normalised concept as a CURIE; null when the mention is ambiguous, or is a gene of a species the vocabulary lacks (see candidates).")
    candidates: Series[object] = ListOfStr("Every concept the matched term could mean, best first.")
    method: Series[str] = pa.Field(isin=MENTION_METHODS, description="How it was found: dictionary, abbreviation (via a defined long form), coordination (the shared head of 'breast and ovarian cancer' makes 'breast' breast cancer; the '9' of 'MMP-2/-9' is MMP9), pattern (variants), nested (the gene or family a drug class is named after, 'mTOR' in 'mTOR inhibitors'; with annotation.nested_chemicals, a chemical inside a gene or chemical-role name, 'dopamine' in 'dopamine receptors'), family_member (a family's mention given the member the training gold gives it, 'Akt' as AKT1, only with annotation.families_as_member; the family is the second candidate), context (an ambiguous name read as the one of its candidate genes the document names unambiguously elsewhere, 'gp130' as IL6ST where 'IL6ST' is written), imported.")
    matched_term: Series[str] = pa.Field(nullable=True, description="Vocabulary term (or long form) that matched.")
    vocabulary_version: Series[str] = pa.Field(nullable=True, description="Vocabulary of the concept: name@package==version:sha256 prefix of its file.")
    confidence: Series[float] = pa.Field(ge=0, le=1, description="How sure the annotator is (term kind, ambiguity, method).")


class Concepts(_Base):
    """Concepts referred to by the dataset (or, in results/vocabulary, all of them)."""

    concept_id: Series[str] = pa.Field(unique=True, description="CURIE: NCBIGene:6347, mesh:D002289, fplx:ERK, NCBITaxon:9606, cellosaurus:CVCL_2063.")
    entity_type: Series[str] = pa.Field(isin=ENTITY_TYPES, description="Entity type.")
    preferred_name: Series[str] = pa.Field(description="Preferred name (gene symbol, MeSH heading, ...).")
    full_name: Series[str] = pa.Field(nullable=True, description="Full name where the vocabulary has one.")
    vocabulary: Series[str] = pa.Field(description="Vocabulary the concept comes from (hgnc, mesh, mesh_supp, famplex, curated_species, ...).")
    vocabulary_version: Series[str] = pa.Field(description="name@package==version:sha256 prefix of the source file.")
    taxon: Series[str] = pa.Field(nullable=True, description="Species of a gene or cell line.")
    is_family: Series[bool] = pa.Field(description="A protein family or complex (FamPlex), not one gene.")
    members: Series[object] = ListOfStr("Member genes of a family.")


class Terms(_Base):
    """The lexicon: every term, the concept it names, and where it came from."""

    term: Series[str] = pa.Field(description="Term as the vocabulary writes it.")
    concept_id: Series[str] = pa.Field(description="Concept it names.")
    entity_type: Series[str] = pa.Field(isin=ENTITY_TYPES, description="Entity type.")
    term_kind: Series[str] = pa.Field(description="symbol, name, synonym, alias, previous, famplex or curated: decides case rules and ranking.")
    source: Series[str] = pa.Field(description="Vocabulary the term comes from; its version is in vocabulary.json.")


class CurationFlags(_Base):
    """Claims made by inputs (summary entity lists, imported annotations) that the vocabularies contradict or cannot confirm.

    One row per claim and kind of problem; imported annotations are checked once per distinct document, text and ID.
    """

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document making the claim.")
    flag_id: Series[str] = pa.Field(unique=True, description="claim_id + '.' + flag kind.")
    claim_id: Series[str] = pa.Field(description="The claim: source_entities.claim_id, or the mention_id of the first imported annotation making it.")
    claim: Series[str] = pa.Field(description="The claim as written, e.g. 'erk1/2 -> NCBIGene:778596'.")
    flag: Series[str] = pa.Field(description="wrong_concept, family_as_gene, not_human, unknown_identifier, name_not_in_vocabulary.")
    vocabulary_says: Series[str] = pa.Field(nullable=True, description="What the vocabularies say instead (concept and name).")
    explanation: Series[str] = pa.Field(description="One sentence for a curator.")


class ImportedRelations(_Base):
    """Relations an input file asserts (PubTator relation lines, BioC <relation>), as written."""

    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    claim_id: Series[str] = pa.Field(unique=True, description="doc_id + '.r' + ordinal.")
    relation_type: Series[str] = pa.Field(description="Relation type as written.")
    entity1: Series[str] = pa.Field(description="First identifier as written (as in the file's annotations).")
    entity2: Series[str] = pa.Field(description="Second identifier as written.")
    source: Series[str] = pa.Field(description="pubtator or bioc.")


class Evidence(_Base):
    """One row per piece of evidence for a relation: a sentence (or table row) and the two mentions in it."""

    evidence_id: Series[str] = pa.Field(unique=True, description="relation_id + subject mention_id + object mention_id.")
    relation_id: Series[str] = pa.Field(description="The relation this supports.")
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, description="Document.")
    passage_id: Series[str] = pa.Field(description="Passage holding the sentence (or the table cell).")
    sentence_start: Series[int] = pa.Field(ge=0, description="Document-level start of the sentence (or cell).")
    sentence_end: Series[int] = pa.Field(ge=0, description="Document-level end of the sentence (or cell).")
    subject_mention_id: Series[str] = pa.Field(description="Mention of the subject.")
    object_mention_id: Series[str] = pa.Field(description="Mention of the object.")
    subject_concept: Series[str] = pa.Field(description="Subject concept.")
    subject_type: Series[str] = pa.Field(description="Subject entity type.")
    object_concept: Series[str] = pa.Field(description="Object concept.")
    object_type: Series[str] = pa.Field(description="Object entity type.")
    relation_type: Series[str] = pa.Field(description="BioRED relation type.")
    predicate: Series[str] = pa.Field(description="Finer predicate the text states (activates, inhibits, upregulates, confers_resistance_to, ...).")
    directed: Series[bool] = pa.Field(description="Subject acts on object (true) or the pair is unordered.")
    rule: Series[str] = pa.Field(description="Rule that fired: pattern:<predicate>, table:target_approach, cooccurrence, or imported:<source> for relations an input asserted.")
    confidence: Series[float] = pa.Field(ge=0, le=1, description="Rule confidence, halved for hedged sentences.")
    negated: Series[bool] = pa.Field(description="The sentence denies the relation ('not', 'rather than').")
    hypothesis: Series[bool] = pa.Field(description="The sentence hedges ('may', 'suggest', 'potential').")
    section_kind: Series[str] = pa.Field(description="Where: title, abstract, key_finding, tldr, table, or the section type (results, discussion, ...).")
    table_id: Series[str] = pa.Field(nullable=True, description="Table, for evidence read from a table row.")
    table_row: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Body row of that table.")
    cell_lines: Series[object] = ListOfStr("Cell lines named in the same sentence (context).")
    species: Series[object] = ListOfStr("Species named in the same sentence (context).")


class Relations(_Base):
    """One row per distinct fact: subject, relation type, predicate, object."""

    relation_id: Series[str] = pa.Field(unique=True, description="Stable ID from subject, object, type, predicate and direction.")
    subject_concept: Series[str] = pa.Field(description="Subject concept (families stay families: fplx:JAK).")
    subject_type: Series[str] = pa.Field(description="Subject entity type.")
    object_concept: Series[str] = pa.Field(description="Object concept.")
    object_type: Series[str] = pa.Field(description="Object entity type.")
    relation_type: Series[str] = pa.Field(description="BioRED relation type, legal for the pair.")
    predicate: Series[str] = pa.Field(description="Finer predicate.")
    directed: Series[bool] = pa.Field(description="Subject -> object, or unordered.")
    n_evidence: Series[int] = pa.Field(ge=1, description="Evidence rows.")
    n_documents: Series[int] = pa.Field(ge=1, description="Distinct documents with evidence.")
    confidence: Series[float] = pa.Field(ge=0, le=1, description="1 - prod over documents of (1 - best non-negated evidence in that document): sentences of one paper are not independent papers.")


# Table name -> (model, primary sort key). The key orders rows so Parquet bytes are reproducible.
TABLES: dict[str, tuple[type[_Base], list[str]]] = {
    "documents": (Documents, ["doc_id"]),
    "authors": (Authors, ["doc_id", "author_index"]),
    "passages": (Passages, ["doc_id", "ordinal"]),
    "table_cells": (TableCells, ["doc_id", "table_id", "part", "row", "column"]),
    "references": (References, ["doc_id", "ordinal"]),
    "citations": (Citations, ["doc_id", "start", "citation_id"]),
    "abbreviations": (Abbreviations, ["doc_id", "abbreviation_id"]),
    "source_entities": (SourceEntities, ["doc_id", "claim_id"]),
    "quarantine": (Quarantine, ["source_path", "stage", "outcome", "reason"]),
    "inputs": (Inputs, ["source_path"]),
    "sentences": (Sentences, ["doc_id", "start", "sentence_id"]),
    "mentions": (Mentions, ["doc_id", "start", "end", "mention_id"]),
    "concepts": (Concepts, ["concept_id"]),
    "terms": (Terms, ["concept_id", "term", "term_kind", "source"]),
    "curation_flags": (CurationFlags, ["doc_id", "flag_id"]),
    "imported_relations": (ImportedRelations, ["doc_id", "claim_id"]),
    "evidence": (Evidence, ["doc_id", "sentence_start", "evidence_id"]),
    "relations": (Relations, ["relation_id"]),
}
# What each step writes.
PARSE_TABLES = ["documents", "authors", "passages", "table_cells", "references", "citations", "abbreviations",
                "source_entities", "mentions", "imported_relations", "quarantine", "inputs"]
ANNOTATE_TABLES = ["sentences", "mentions", "abbreviations", "curation_flags"]
VOCABULARY_TABLES = ["concepts", "terms"]
RELATE_TABLES = ["evidence"]
# What a published dataset holds (concepts: those the dataset refers to).
DATASET_TABLES = PARSE_TABLES + ["sentences", "curation_flags", "concepts", "evidence", "relations"]

_ARROW = {
    "str": pa_arrow.string(), "string": pa_arrow.string(), "int64": pa_arrow.int64(), "Int64": pa_arrow.int64(),
    "bool": pa_arrow.bool_(), "float64": pa_arrow.float64(), "float": pa_arrow.float64(),
}


def arrow_schema(table: str) -> pa_arrow.Schema:
    model, _ = TABLES[table]
    fields = []
    for name, col in model.to_schema().columns.items():
        if (col.metadata or {}).get("arrow") == "list<string>":
            arrow_type = pa_arrow.list_(pa_arrow.string())
        else:
            key = str(col.dtype)
            arrow_type = _ARROW.get("str" if "str" in key else key)
            if arrow_type is None:
                raise TypeError(f"{table}.{name}: no Arrow type for {key}")
        fields.append(pa_arrow.field(name, arrow_type, nullable=bool(col.nullable),
                                     metadata={"description": col.description or ""}))
    return pa_arrow.schema(fields, metadata={"table": table, "schema_version": SCHEMA_VERSION})


def empty_frame(table: str) -> pd.DataFrame:
    return arrow_schema(table).empty_table().to_pandas()


class ContractError(ValueError):
    """Rows that break a table's model; the message is short enough to read."""


def validate(table: str, df: pd.DataFrame) -> pd.DataFrame:
    model, _ = TABLES[table]
    try:
        return model.validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        raise ContractError(f"table {table!r} breaks its schema: {summarise(e.failure_cases)}") from None


def summarise(failure_cases: pd.DataFrame, limit: int = 5) -> str:
    parts = []
    for (column, check), group in failure_cases.groupby(["column", "check"], sort=True, dropna=False):
        examples = ", ".join(repr(v)[:60] for v in group["failure_case"].head(3))
        parts.append(f"{column}: {check} fails for {len(group)} row(s), e.g. {examples}")
    more = f"; and {len(parts) - limit} more" if len(parts) > limit else ""
    return "; ".join(parts[:limit]) + more
