"""The one data model every reader produces: a parsed document and its rows.

Readers (JATS, summary Markdown, ...) fill a :class:`ParsedDocument` with passages that
know only their own text; :meth:`ParsedDocument.rows` then lays the passages end to end,
assigns document-level offsets and stable IDs, and returns plain row dicts per table.
Nothing downstream knows which reader made a document.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

# Passages are joined with this separator to form the document text, BioC style:
# passage[i+1].offset == passage[i].offset + len(passage[i].text) + len(PASSAGE_SEPARATOR).
PASSAGE_SEPARATOR = "\n"


def stable_doc_id(source_sha256: str, article_index: int) -> str:
    """Document ID from content: the same bytes (and position in a multi-article file) give the same ID."""
    return hashlib.sha256(f"{source_sha256}#{article_index}".encode()).hexdigest()[:16]


@dataclass
class CitationMark:
    rids: list[str]
    start: int  # passage-local code points
    end: int
    text: str
    from_range: bool = False


@dataclass
class Passage:
    kind: str
    text: str
    section_path: tuple[str, ...] = ()
    section_type: str | None = None
    source_xpath: str | None = None
    source_line: int | None = None
    source_start: int | None = None  # code points in the decoded input file, when text maps 1:1
    source_end: int | None = None
    citations: list[CitationMark] = field(default_factory=list)
    key: str | None = None  # a reader's handle to refer to this passage from other rows


@dataclass
class ParsedDocument:
    format: str
    article_index: int = 0
    meta: dict = field(default_factory=dict)
    authors: list[dict] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    table_cells: list[dict] = field(default_factory=list)  # may carry "passage_key"
    references: list[dict] = field(default_factory=list)
    abbreviations: list[dict] = field(default_factory=list)  # may carry "*_passage_key"
    source_entities: list[dict] = field(default_factory=list)
    # annotations that came with the input (PubTator, BioC): passage_index and passage-local offsets
    imported_mentions: list[dict] = field(default_factory=list)
    # relations the input asserts between identifiers (PubTator relation lines, BioC <relation>)
    imported_relations: list[dict] = field(default_factory=list)
    # citation targets that are not in the reference list, kept for the log
    warnings: list[str] = field(default_factory=list)
    # what a curator must know about a published document (e.g. "no <body>"): quarantine rows with a warning
    notices: list[str] = field(default_factory=list)

    def add_passage(self, passage: Passage) -> Passage | None:
        if not passage.text:
            return None
        self.passages.append(passage)
        return passage

    def rows(self, source_path: str, source_sha256: str) -> dict[str, list[dict]]:
        doc_id = stable_doc_id(source_sha256, self.article_index)
        passage_rows, key_to_id = [], {}
        citation_rows = []
        offset = 0
        for ordinal, p in enumerate(self.passages):
            passage_id = f"{doc_id}.p{ordinal:05d}"
            if p.key:
                key_to_id[p.key] = passage_id
            passage_rows.append(
                {
                    "doc_id": doc_id,
                    "passage_id": passage_id,
                    "ordinal": ordinal,
                    "kind": p.kind,
                    "section_path": list(p.section_path),
                    "section_type": p.section_type,
                    "offset": offset,
                    "text": p.text,
                    "source_xpath": p.source_xpath,
                    "source_line": p.source_line,
                    "source_start": p.source_start,
                    "source_end": p.source_end,
                }
            )
            for c in p.citations:
                for rid in c.rids:
                    citation_rows.append(
                        {
                            "doc_id": doc_id,
                            "citation_id": f"{passage_id}.c{offset + c.start}.{rid}",
                            "passage_id": passage_id,
                            "reference_id": f"{doc_id}.r.{rid}",
                            "start": offset + c.start,
                            "end": offset + c.end,
                            "text": c.text,
                            "from_range": c.from_range,
                        }
                    )
            offset += len(p.text) + len(PASSAGE_SEPARATOR)
        text_length = max(0, offset - len(PASSAGE_SEPARATOR))

        known_refs = {f"{doc_id}.r.{r['ref_key']}" for r in self.references}
        for row in citation_rows:
            if row["reference_id"] not in known_refs:
                self.warnings.append(f"citation to unknown reference {row['reference_id']!r}")
                row["reference_id"] = None

        document = {
            "doc_id": doc_id,
            "source_path": source_path,
            "source_sha256": source_sha256,
            "article_index": self.article_index,
            "format": self.format,
            **self.meta,
            "n_passages": len(passage_rows),
            "text_length": text_length,
        }

        def resolve(row: dict, key_field: str, id_field: str) -> dict:
            row = dict(row)
            key = row.pop(key_field, None)
            row[id_field] = key_to_id.get(key) if key else None
            return row

        table_cells = [{"doc_id": doc_id, **resolve(c, "passage_key", "passage_id")} for c in self.table_cells]
        abbreviations = []
        for a in self.abbreviations:
            a = resolve(resolve(a, "short_passage_key", "short_passage_id"), "long_passage_key", "long_passage_id")
            if a.get("short_passage_id"):  # a glossary entry: the whole passage is the form
                offsets = {r["passage_id"]: r["offset"] for r in passage_rows}
                for side, form in (("short", a["short_form"]), ("long", a["long_form"])):
                    a[f"{side}_start"] = offsets[a[f"{side}_passage_id"]]
                    a[f"{side}_end"] = a[f"{side}_start"] + len(form)
            abbreviations.append({"doc_id": doc_id, "abbreviation_id": f"{doc_id}.a{len(abbreviations):04d}", **a})
        references = [
            {"doc_id": doc_id, "reference_id": f"{doc_id}.r.{r['ref_key']}", **r} for r in self.references
        ]
        authors = [{"doc_id": doc_id, "author_index": i + 1, **a} for i, a in enumerate(self.authors)]
        source_entities = [
            {"doc_id": doc_id, "claim_id": f"{doc_id}.e{i:04d}", **e} for i, e in enumerate(self.source_entities)
        ]
        mentions = []
        for m in self.imported_mentions:
            m = dict(m)
            p = passage_rows[m.pop("passage_index")]
            start, end = p["offset"] + m.pop("start"), p["offset"] + m.pop("end")
            mentions.append({"doc_id": doc_id, "mention_id": f"{doc_id}.i{start}-{end}.{m['entity_type']}",
                             "passage_id": p["passage_id"], "start": start, "end": end, **m})
        imported_relations = [{"doc_id": doc_id, "claim_id": f"{doc_id}.r{i:04d}", **r}
                              for i, r in enumerate(self.imported_relations)]
        return {
            "documents": [document],
            "mentions": mentions,
            "imported_relations": imported_relations,
            "authors": authors,
            "passages": passage_rows,
            "table_cells": table_cells,
            "references": references,
            "citations": citation_rows,
            "abbreviations": abbreviations,
            "source_entities": source_entities,
        }
