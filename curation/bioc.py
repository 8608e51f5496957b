"""PubTator and BioC (XML, JSON) files -> ParsedDocuments with their annotations as imported mentions.

Text is kept exactly as given (no whitespace folding) so that the file's offsets keep their meaning.
Every annotation's offsets are re-verified against the text: an annotation whose text is found within a
few characters of where it claims to be is realigned (and says so); one that cannot be found rejects the
file with a message naming the annotation. Nothing is shifted silently.

BioC passages keep their own offsets in the file (recorded through their XPath); in the dataset they are
laid end to end with the project's one-newline convention and annotation offsets are moved with them.
"""
from __future__ import annotations

import json
import re

from .model import PASSAGE_SEPARATOR, ParsedDocument, Passage

REALIGN_WINDOW = 20

ENTITY_TYPES = {
    "gene": "gene", "geneorgeneproduct": "gene", "generif": "gene", "chemical": "chemical",
    "chemicalentity": "chemical", "disease": "disease", "diseaseorphenotypicfeature": "disease",
    "specificdisease": "disease", "modifier": "disease", "diseaseclass": "disease", "compositemention": "disease",
    "species": "species", "organismtaxon": "species", "cellline": "cell_line", "sequencevariant": "variant",
    "mutation": "variant", "dnamutation": "variant", "proteinmutation": "variant", "snp": "variant",
    "chemicalrole": "chemical_role",
}


def entity_type_of(written: str) -> str | None:
    """Our entity type for a file's annotation type, written in any case, with spaces or underscores (this
    pipeline's own BioC export writes "cell_line" and "chemical_role")."""
    return ENTITY_TYPES.get(re.sub(r"[\s_]", "", written or "").lower())
PREFIX = {"gene": "NCBIGene", "species": "NCBITaxon", "cell_line": "cellosaurus"}


class AnnotationError(ValueError):
    pass


def curies(entity_type: str, raw: str) -> list[str]:
    """A source's identifier field as CURIEs: '6347,1234' -> NCBIGene:6347, NCBIGene:1234; 'D003920' -> mesh:D003920."""
    out = []
    for part in re.split(r"[|,;+]", raw or ""):
        part = part.strip()
        if not part or part in ("-1", "-"):
            continue
        if ":" in part:
            prefix, local = part.split(":", 1)
            prefix = {"MESH": "mesh", "OMIM": "omim", "CVCL": "cellosaurus"}.get(prefix, prefix)
            out.append(f"{prefix}:{local}")
        elif entity_type in ("chemical", "chemical_role", "disease") and re.fullmatch(r"[CD]\d+", part):
            out.append(f"mesh:{part}")
        elif entity_type in PREFIX:
            out.append(f"{PREFIX[entity_type]}:{part}")
        elif entity_type == "variant" and part.startswith("rs"):
            out.append(f"dbsnp:{part}")
        else:
            out.append(f"{entity_type}:{part}")
    return out


def verify(text: str, start: int, end: int, expected: str, where: str) -> tuple[int, int, bool]:
    """(start, end, realigned) with text[start:end] == expected, or AnnotationError."""
    if 0 <= start <= end <= len(text) and text[start:end] == expected:
        return start, end, False
    if expected:
        lo = max(0, start - REALIGN_WINDOW)
        candidates = [m.start() for m in re.finditer(re.escape(expected), text[lo:end + REALIGN_WINDOW + len(expected)])]
        if candidates:
            best = min((c + lo for c in candidates), key=lambda s: abs(s - start))
            return best, best + len(expected), True
    found = text[start:end] if 0 <= start <= end <= len(text) else "(outside the text)"
    raise AnnotationError(f"{where}: annotation {expected!r} at {start}-{end} does not match the text "
                          f"({found!r}) and cannot be realigned")


def _mention(doc: ParsedDocument, passage_index: int, local_start: int, local_end: int, text: str,
             entity_type: str, ids: list[str], realigned: bool, source: str) -> None:
    doc.imported_mentions.append({
        "passage_index": passage_index, "start": local_start, "end": local_end, "text": text,
        "entity_type": entity_type, "concept_id": ids[0] if len(ids) == 1 else None, "candidates": ids,
        "method": "imported", "matched_term": "realigned by the importer" if realigned else None,
        "vocabulary_version": source, "confidence": 1.0,
    })


def read_pubtator(text: str) -> list[ParsedDocument]:
    blocks: dict[str, dict] = {}
    order: list[str] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = re.match(r"^([^|\t]+)\|([ta])\|(.*)$", line)
        if m:
            pmid, kind, body = m.groups()
            if pmid not in blocks:
                blocks[pmid] = {"t": "", "a": "", "annotations": [], "relations": []}
                order.append(pmid)
            blocks[pmid][kind] = body
            continue
        parts = line.split("\t")
        if len(parts) >= 5 and parts[1].isdigit() and parts[2].isdigit():
            if parts[0] not in blocks:
                raise AnnotationError(f"line {n}: annotation for document {parts[0]} before its text")
            blocks[parts[0]]["annotations"].append((n, parts))
        elif len(parts) >= 4 and parts[0] in blocks:
            blocks[parts[0]]["relations"].append(parts)  # relations are read by the relations step
        else:
            raise AnnotationError(f"line {n}: neither text, annotation nor relation: {line[:60]!r}")
    docs = []
    for index, pmid in enumerate(order):
        block = blocks[pmid]
        doc = ParsedDocument(format="pubtator", article_index=index)
        doc.meta = _meta(title=block["t"].strip() or None, pmid=pmid if pmid.isdigit() else None)
        texts = [("title", block["t"]), ("abstract", block["a"])]
        offsets, pos = [], 0
        for kind, body in texts:
            offsets.append(pos)
            pos += len(body) + len(PASSAGE_SEPARATOR)
            doc.passages.append(Passage(kind=kind, text=body, section_type=kind))
        full = PASSAGE_SEPARATOR.join(body for _, body in texts)
        for n, parts in block["annotations"]:
            etype = entity_type_of(parts[4])
            if etype is None:
                continue
            start, end, realigned = verify(full, int(parts[1]), int(parts[2]), parts[3], f"line {n}")
            p = 0 if start < offsets[1] else 1
            _mention(doc, p, start - offsets[p], end - offsets[p], parts[3], etype,
                     curies(etype, parts[5] if len(parts) > 5 else ""), realigned, "pubtator")
        for parts in block["relations"]:
            _relation(doc, parts[1], parts[2], parts[3], "pubtator")
        doc.passages = [p for p in doc.passages if p.text]  # an empty abstract has no passage
        if len(doc.passages) == 1 and texts[0][1] == "":
            for m in doc.imported_mentions:
                m["passage_index"] = 0
        docs.append(doc)
    return docs


def _relation(doc: ParsedDocument, relation_type: str, entity1: str, entity2: str, source: str) -> None:
    """A relation the file asserts between two identifiers (as in its annotations' identifier fields)."""
    if relation_type and entity1 and entity2:
        doc.imported_relations.append({"relation_type": relation_type.strip(), "entity1": entity1.strip(),
                                       "entity2": entity2.strip(), "source": source})


def _meta(**values) -> dict:
    meta = {k: None for k in ("title", "doi", "pmid", "pmcid", "journal", "publisher", "pub_date", "pub_year",
                              "article_type", "language", "license", "license_url", "volume", "issue", "pages",
                              "source_url")}
    meta.update(pub_dates=[], keywords=[], subjects=[])
    meta.update(values)
    return meta


def _bioc_documents(collection: list[dict], fmt: str, source: str) -> list[ParsedDocument]:
    docs = []
    for index, d in enumerate(collection):
        doc = ParsedDocument(format=fmt, article_index=index)
        title = next((p["text"] for p in d["passages"] if (p["infons"].get("type") or "").lower() in ("title", "front")), None)
        doc_id = d.get("id") or ""
        doc.meta = _meta(title=(title or "").strip() or None, pmid=doc_id if doc_id.isdigit() else None,
                         pmcid=doc_id if re.fullmatch(r"PMC\d+", doc_id) else None)
        for p in d["passages"]:
            text = p["text"]
            if not text:
                continue
            kind = (p["infons"].get("type") or "paragraph").lower()
            kind = {"front": "title", "abstract_title_1": "abstract_title", "title_1": "section_title", "title_2": "section_title",
                    "fig_caption": "figure_caption", "table_caption": "table_caption", "table_foot": "table_footnote",
                    "footnote": "footnote"}.get(kind, kind)
            kind = kind if kind in ("title", "abstract", "abstract_title", "section_title", "figure_caption",
                                    "table_caption", "table_footnote", "footnote") else "paragraph"
            index_in_doc = len(doc.passages)
            doc.passages.append(Passage(kind=kind, text=text, source_xpath=p.get("xpath"), source_line=p.get("line")))
            for a in p["annotations"]:
                etype = entity_type_of(a["infons"].get("type"))
                if etype is None or not a["locations"]:
                    continue
                offset, length = a["locations"][0]
                where = f"document {doc_id}, annotation {a.get('id') or ''}".strip()
                start, end, realigned = verify(text, offset - p["offset"], offset - p["offset"] + length, a["text"], where)
                raw = a["infons"].get("identifier") or a["infons"].get("NCBI Gene identifier") or a["infons"].get("NCBI Gene") or ""
                _mention(doc, index_in_doc, start, end, a["text"], etype, curies(etype, raw), realigned, source)
        for relation_type, entity1, entity2 in d.get("relations", []):
            _relation(doc, relation_type, entity1, entity2, source)
        docs.append(doc)
    return docs


def read_bioc_xml(tree) -> list[ParsedDocument]:
    collection = []
    for d in tree.getroot().iter("document"):
        passages = []
        for p in d.iter("passage"):
            annotations = []
            for a in p.iter("annotation"):
                locations = [(int(loc.get("offset")), int(loc.get("length"))) for loc in a.iter("location")]
                annotations.append({"id": a.get("id"), "text": a.findtext("text") or "", "locations": locations,
                                    "infons": {i.get("key"): (i.text or "") for i in a.iter("infon")}})
            passages.append({"offset": int(p.findtext("offset") or 0), "text": p.findtext("text") or "",
                             "infons": {i.get("key"): (i.text or "") for i in p.findall("infon")},
                             "annotations": annotations, "xpath": tree.getpath(p), "line": p.sourceline})
        relations = []
        for r in d.findall("relation"):
            infons = {i.get("key"): (i.text or "") for i in r.findall("infon")}
            relations.append((infons.get("type", ""), infons.get("entity1", ""), infons.get("entity2", "")))
        collection.append({"id": d.findtext("id"), "passages": passages, "relations": relations})
    if not collection:
        raise AnnotationError("BioC collection holds no <document>")
    return _bioc_documents(collection, "bioc_xml", "bioc")


def read_bioc_json(text: str) -> list[ParsedDocument]:
    data = json.loads(text)
    collection = []
    for d in data.get("documents", []):
        passages = []
        for i, p in enumerate(d.get("passages", [])):
            annotations = [{"id": a.get("id"), "text": a.get("text") or "", "infons": a.get("infons") or {},
                            "locations": [(int(loc["offset"]), int(loc["length"])) for loc in a.get("locations", [])]}
                           for a in p.get("annotations", [])]
            passages.append({"offset": int(p.get("offset") or 0), "text": p.get("text") or "",
                             "infons": p.get("infons") or {}, "annotations": annotations, "xpath": None, "line": None})
        collection.append({"id": str(d.get("id") or ""), "passages": passages})
    if not collection:
        raise AnnotationError("BioC JSON holds no documents")
    return _bioc_documents(collection, "bioc_json", "bioc")
