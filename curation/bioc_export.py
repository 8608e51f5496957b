"""The curated annotations as BioC XML, one collection file per document (``bioc/<doc_id>.xml``).

Offsets are the dataset's document-level offsets, so a BioC reader sees the same coordinates as the
Parquet tables. Deterministic: no dates, sorted elements.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pandas as pd
from lxml import etree


def _infon(parent, key: str, value) -> None:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return
    el = etree.SubElement(parent, "infon", key=key)
    el.text = str(value)


def document_xml(doc: dict, passages: pd.DataFrame, mentions: pd.DataFrame, version: str) -> bytes:
    collection = etree.Element("collection")
    etree.SubElement(collection, "source").text = version
    etree.SubElement(collection, "date").text = ""
    etree.SubElement(collection, "key").text = "literature-curation.key"
    document = etree.SubElement(collection, "document")
    etree.SubElement(document, "id").text = doc["doc_id"]
    for key in ("pmid", "pmcid", "doi", "source_path", "source_sha256", "format"):
        _infon(document, key, doc.get(key))
    by_passage = {pid: g for pid, g in mentions.groupby("passage_id")}
    for p in passages.sort_values("ordinal").itertuples(index=False):
        passage = etree.SubElement(document, "passage")
        _infon(passage, "type", p.kind)
        _infon(passage, "section", " > ".join(p.section_path) or None)
        etree.SubElement(passage, "offset").text = str(p.offset)
        etree.SubElement(passage, "text").text = p.text
        group = by_passage.get(p.passage_id)
        if group is None:
            continue
        for m in group.sort_values(["start", "end", "mention_id"]).itertuples(index=False):
            annotation = etree.SubElement(passage, "annotation", id=m.mention_id)
            _infon(annotation, "type", m.entity_type)
            _infon(annotation, "identifier", m.concept_id)
            _infon(annotation, "method", m.method)
            _infon(annotation, "vocabulary_version", m.vocabulary_version)
            etree.SubElement(annotation, "location", offset=str(m.start), length=str(m.end - m.start))
            etree.SubElement(annotation, "text").text = m.text
    return etree.tostring(collection, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype='<!DOCTYPE collection SYSTEM "BioC.dtd">')


def export(tables: dict[str, pd.DataFrame], directory: Path, version: str) -> dict[str, str]:
    """One BioC file per document of `tables` (a shard's, or a whole corpus's); returns file name -> sha256."""
    directory.mkdir(parents=True, exist_ok=True)
    passages = {d: g for d, g in tables["passages"].groupby("doc_id")}
    mentions = {d: g for d, g in tables["mentions"].groupby("doc_id")}
    empty = tables["mentions"].iloc[0:0]
    docs = tables["documents"].astype(object).where(tables["documents"].notna(), None)
    written = {}
    for doc in sorted(docs.to_dict("records"), key=lambda d: d["doc_id"]):
        data = document_xml(doc, passages.get(doc["doc_id"], tables["passages"].iloc[0:0]),
                            mentions.get(doc["doc_id"], empty), version)
        name = f"{doc['doc_id']}.xml"
        with open(directory / name, "wb") as fh:
            fh.write(data)
            os.fsync(fh.fileno())
        written[name] = hashlib.sha256(data).hexdigest()
    return written


def summary(written: dict[str, str], directory: str = "bioc") -> dict:
    """What the manifest records of the export: the directory, the number of files, one digest over all."""
    digest = hashlib.sha256()
    for name in sorted(written):
        digest.update(f"{name}\0{written[name]}\n".encode())
    return {"directory": directory, "files": len(written), "sha256": digest.hexdigest()}
