"""The relate step for one shard: sentences and mentions in, evidence rows out (schema-checked)."""
from __future__ import annotations

import logging
from pathlib import Path

import pandas as pd

from .parquet_io import frame, read_table, write_table
from .relations import imported_evidence, relate_document

log = logging.getLogger("curation.relate")


def _records(df: pd.DataFrame) -> dict[str, list[dict]]:
    df = df.astype(object).where(df.notna(), None)
    return {doc: g.to_dict("records") for doc, g in df.groupby("doc_id")}


def relate_shard(parsed_dir: str, annotated_dir: str, output: str) -> int:
    passages = _records(read_table("passages", Path(parsed_dir) / "passages.parquet"))
    cells = _records(read_table("table_cells", Path(parsed_dir) / "table_cells.parquet"))
    sentences = _records(read_table("sentences", Path(annotated_dir) / "sentences.parquet"))
    mentions = _records(read_table("mentions", Path(annotated_dir) / "mentions.parquet"))
    imported = _records(read_table("mentions", Path(parsed_dir) / "mentions.parquet"))
    claims = _records(read_table("imported_relations", Path(parsed_dir) / "imported_relations.parquet"))
    evidence = []
    for doc_id in sorted(passages):
        evidence += relate_document(doc_id, passages[doc_id], sentences.get(doc_id, []), mentions.get(doc_id, []),
                                    cells.get(doc_id, []))
        if doc_id in claims:
            found = imported_evidence(doc_id, passages[doc_id], imported.get(doc_id, []), claims[doc_id])
            if len(found) < len(claims[doc_id]):
                log.warning("%s: %d of %d imported relations have no pair of verified mentions in one passage",
                            doc_id, len(claims[doc_id]) - len(found), len(claims[doc_id]))
            evidence += found
    write_table("evidence", frame("evidence", evidence), output)
    log.info("%d evidence rows from %d documents", len(evidence), len(passages))
    return len(evidence)
