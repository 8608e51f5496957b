"""Cross-table rules, checked on the whole dataset before it is published.

Each rule is a plain function over the validated frames that yields :class:`Violation` rows;
its name is the ``rule`` a person reads in the report.
"""
from __future__ import annotations

from collections import namedtuple
from dataclasses import dataclass
from typing import Callable, Iterator

import pandas as pd

from curation.model import PASSAGE_SEPARATOR

Tables = dict[str, pd.DataFrame]


@dataclass(frozen=True)
class Violation:
    table: str
    key: str
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.table} [{self.key}] {self.rule}: {self.detail}"


def rows_belong_to_documents(t: Tables) -> Iterator[Violation]:
    docs = set(t["documents"]["doc_id"])
    for table in ("authors", "passages", "table_cells", "references", "citations", "abbreviations", "source_entities",
                  "sentences", "mentions", "curation_flags", "evidence", "imported_relations"):
        if table not in t:
            continue
        for doc_id in sorted(set(t[table]["doc_id"]) - docs):
            yield Violation(table, doc_id, "rows_belong_to_documents", "doc_id not in documents")


def passage_offsets_tile_the_document(t: Tables) -> Iterator[Violation]:
    """Passages of a document are numbered 0..n-1 and laid end to end with one separator."""
    docs = t["documents"].set_index("doc_id")
    sep = len(PASSAGE_SEPARATOR)
    for doc_id, group in t["passages"].groupby("doc_id", sort=True):
        group = group.sort_values("ordinal")
        ordinals = group["ordinal"].tolist()
        if ordinals != list(range(len(ordinals))):
            yield Violation("passages", doc_id, "passage_offsets_tile_the_document", "ordinals are not 0..n-1")
            continue
        expected = 0
        for pid, offset, text in zip(group["passage_id"], group["offset"], group["text"]):
            if offset != expected:
                yield Violation("passages", pid, "passage_offsets_tile_the_document", f"offset {offset}, expected {expected}")
                break
            expected = offset + len(text) + sep
        if doc_id in docs.index:
            d = docs.loc[doc_id]
            if d["n_passages"] != len(group) or d["text_length"] != max(0, expected - sep):
                yield Violation("documents", doc_id, "passage_offsets_tile_the_document",
                                "n_passages/text_length disagree with passages")


def _rows(df: pd.DataFrame) -> Iterator[tuple]:
    """Like ``df.itertuples(index=False)``, an order of magnitude faster on Arrow-backed string columns
    (whose element-wise iteration dominates the checks otherwise)."""
    row = namedtuple("Row", df.columns, rename=True)
    return map(row._make, zip(*(df[c].tolist() for c in df.columns)))


def _join(rows: pd.DataFrame, other: pd.DataFrame, on: str) -> pd.DataFrame:
    """rows left-joined to `other` (indexed by the key) on column `on`: one join, not a lookup per row, since
    these rules run over every row of a corpus at publish time. Empty sides are joined by hand (pandas cannot
    factorise an empty Arrow-backed key)."""
    if not len(rows) or not len(other):
        out = rows.copy()
        for column in other.columns:
            out[column] = None
        return out
    return rows.join(other, on=on)


def _passage_columns(t: Tables) -> pd.DataFrame:
    return t["passages"].set_index("passage_id")[["doc_id", "offset", "text"]].rename(
        columns={"doc_id": "p_doc", "offset": "p_offset", "text": "p_text"})


def citations_slice_their_passage(t: Tables) -> Iterator[Violation]:
    refs = set(t["references"]["reference_id"])
    joined = _join(t["citations"], _passage_columns(t), "passage_id")
    for row in _rows(joined):
        if not isinstance(row.p_text, str):
            yield Violation("citations", row.citation_id, "citations_slice_their_passage", "passage does not exist")
            continue
        if row.p_doc != row.doc_id:
            yield Violation("citations", row.citation_id, "citations_slice_their_passage", "passage belongs to another document")
        elif row.p_text[row.start - row.p_offset:row.end - row.p_offset] != row.text or row.start < row.p_offset:
            yield Violation("citations", row.citation_id, "citations_slice_their_passage", "offsets do not slice to the marker text")
        if isinstance(row.reference_id, str) and row.reference_id not in refs:
            yield Violation("citations", row.citation_id, "citations_slice_their_passage", "reference does not exist")


def cells_match_their_passage(t: Tables) -> Iterator[Violation]:
    cells = t["table_cells"]
    joined = _join(cells[cells["passage_id"].notna()], _passage_columns(t), "passage_id")
    for row in _rows(joined):
        key = f"{row.doc_id}:{row.table_id}:{row.part}:{row.row}:{row.column}"
        if not isinstance(row.p_text, str):
            yield Violation("table_cells", key, "cells_match_their_passage", "passage does not exist")
        elif row.p_text != row.text:
            yield Violation("table_cells", key, "cells_match_their_passage", "cell text differs from its passage")


def abbreviations_match_their_passages(t: Tables) -> Iterator[Violation]:
    passages = _passage_columns(t)
    for side in ("short", "long"):
        rows = t["abbreviations"]
        rows = rows[rows[f"{side}_passage_id"].notna() & rows[f"{side}_start"].notna()]
        for row in _rows(_join(rows, passages, f"{side}_passage_id")):
            pid, start, end = getattr(row, f"{side}_passage_id"), getattr(row, f"{side}_start"), getattr(row, f"{side}_end")
            text = getattr(row, f"{side}_form")
            if not isinstance(row.p_text, str):
                yield Violation("abbreviations", row.abbreviation_id, "abbreviations_match_their_passages", f"passage {pid} does not exist")
            elif row.p_text[start - row.p_offset:end - row.p_offset] != text:
                yield Violation("abbreviations", row.abbreviation_id, "abbreviations_match_their_passages",
                                f"{side} form offsets do not slice to {text!r}")


def inputs_account_for_documents(t: Tables) -> Iterator[Violation]:
    inputs = t["inputs"].set_index("source_path")
    counts = t["documents"].groupby("source_path").size()
    for path, n in counts.items():
        if path not in inputs.index:
            yield Violation("documents", path, "inputs_account_for_documents", "source file not among inputs")
        elif inputs.loc[path, "n_documents"] != n:
            yield Violation("inputs", path, "inputs_account_for_documents", f"n_documents {inputs.loc[path, 'n_documents']} but {n} published")


def _slices(t: Tables, table: str, key: str) -> Iterator[tuple[object, bool]]:
    """For each row of a table with passage_id/start/end: (row, does the passage hold [start, end))."""
    rows = t[table]
    if not len(rows):
        return
    p = t["passages"].set_index("passage_id")
    joined = rows.join(p[["doc_id", "offset", "text"]].rename(columns={"doc_id": "p_doc", "text": "p_text"}), on="passage_id")
    for row in _rows(joined):
        ok = isinstance(row.p_text, str) and row.p_doc == row.doc_id and row.offset <= row.start <= row.end \
            and row.end - row.offset <= len(row.p_text)
        yield row, ok


def mentions_slice_their_passage(t: Tables) -> Iterator[Violation]:
    """The invariant curators rely on: passage.text[start - offset : end - offset] == mention.text."""
    for row, ok in _slices(t, "mentions", "mention_id"):
        if not ok or row.p_text[row.start - row.offset:row.end - row.offset] != row.text:
            yield Violation("mentions", row.mention_id, "mentions_slice_their_passage", "offsets do not slice to the mention text")


def sentences_lie_in_their_passage(t: Tables) -> Iterator[Violation]:
    for row, ok in _slices(t, "sentences", "sentence_id"):
        if not ok:
            yield Violation("sentences", row.sentence_id, "sentences_lie_in_their_passage", "sentence outside its passage")


def concepts_used_are_described(t: Tables) -> Iterator[Violation]:
    known = set(t["concepts"]["concept_id"])
    for row in _rows(t["mentions"]):
        # imported mentions carry what their source said, checked separately; ours must be described
        if row.method != "imported" and isinstance(row.concept_id, str) and row.concept_id not in known:
            yield Violation("mentions", row.mention_id, "concepts_used_are_described", f"{row.concept_id} not in concepts")


def evidence_points_at_real_mentions(t: Tables) -> Iterator[Violation]:
    """Every evidence row's mentions exist, belong to its document and lie in its sentence."""
    mentions = t["mentions"].set_index("mention_id")[["doc_id", "start", "end", "concept_id"]].add_prefix("m_")
    for role in ("subject", "object"):
        for e in _rows(_join(t["evidence"], mentions, f"{role}_mention_id")):
            if not isinstance(e.m_doc_id, str):
                mid = getattr(e, f"{role}_mention_id")
                yield Violation("evidence", e.evidence_id, "evidence_points_at_real_mentions", f"{role} mention {mid} does not exist")
                continue
            if e.m_doc_id != e.doc_id or not (e.sentence_start <= e.m_start and e.m_end <= e.sentence_end) \
                    and e.table_id is None:
                yield Violation("evidence", e.evidence_id, "evidence_points_at_real_mentions", f"{role} mention outside the evidence sentence")
            if e.m_concept_id != getattr(e, f"{role}_concept"):
                yield Violation("evidence", e.evidence_id, "evidence_points_at_real_mentions", f"{role} concept differs from its mention")


def relations_have_evidence(t: Tables) -> Iterator[Violation]:
    supported = set(t["evidence"]["relation_id"])
    known = set(t["relations"]["relation_id"])
    for rid in sorted(known - supported):
        yield Violation("relations", rid, "relations_have_evidence", "no evidence row")
    for rid in sorted(supported - known):
        yield Violation("evidence", rid, "relations_have_evidence", "evidence for a relation that is not in relations")


def relation_types_are_legal(t: Tables) -> Iterator[Violation]:
    from curation.relations import legal_types
    for r in _rows(t["relations"]):
        if r.predicate.startswith("imported:"):  # an input's own scheme (e.g. BC5CDR's CID), kept as written
            continue
        if r.relation_type not in legal_types(r.subject_type, r.object_type):
            yield Violation("relations", r.relation_id, "relation_types_are_legal",
                            f"{r.relation_type} is not a BioRED type for {r.subject_type}-{r.object_type}")


# Rules over the rows of documents: each holds within any set of whole documents, so publish checks them
# one shard at a time.
DOCUMENT_RULES: list[Callable[[Tables], Iterator[Violation]]] = [
    rows_belong_to_documents,
    passage_offsets_tile_the_document,
    citations_slice_their_passage,
    cells_match_their_passage,
    abbreviations_match_their_passages,
    mentions_slice_their_passage,
    sentences_lie_in_their_passage,
    concepts_used_are_described,
    evidence_points_at_real_mentions,
]
# Rules over the corpus-level tables (inputs, documents, relations, and evidence's relation_id).
CORPUS_RULES: list[Callable[[Tables], Iterator[Violation]]] = [
    inputs_account_for_documents,
    relations_have_evidence,
    relation_types_are_legal,
]
RULES = DOCUMENT_RULES + CORPUS_RULES


def check(tables: Tables, rules: list[Callable[[Tables], Iterator[Violation]]] | None = None) -> list[Violation]:
    from schemas.tables import TABLES, arrow_schema
    tables = {**{name: arrow_schema(name).empty_table().to_pandas() for name in TABLES}, **tables}
    return [v for rule in (RULES if rules is None else rules) for v in rule(tables)]
