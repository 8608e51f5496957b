"""Typed, directed relations between normalised entities, each with its evidence.

Sources of evidence, one rule name each (the ``rule`` column):
- ``pattern:<trigger>``: two mentions of one sentence with a trigger word between them ("CCL2 promotes
  resistance via STAT3", "STAT3-dependent upregulation of ZEB1", "ZEB1 is induced by STAT3" reversed);
- ``pattern:signalling_chain``: "IL-6/JAK/STAT3 signaling" read as IL-6 -> JAK -> STAT3;
- ``pattern:resistance``: "X ... induces osimertinib resistance";
- ``pattern:combined_inhibition``: "combining STAT3 inhibition with osimertinib";
- ``table:target_approach``: a table row pairing a target column with a therapeutic-approach column;
- ``cooccurrence``: two concepts in one sentence and nothing better: a low-confidence Association.
Negation ("not", "rather than") and hedging ("may", "suggest") set flags on the evidence; nothing is dropped.
Relation types are BioRED's, restricted to the pairs BioRED allows (``LEGAL``).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from schemas.tables import broader_type

# BioRED: which relation types each (unordered) entity-type pair may have.
_CORRELATIONS = {"Association", "Positive_Correlation", "Negative_Correlation"}
LEGAL: dict[frozenset, set[str]] = {
    frozenset({"gene"}): _CORRELATIONS | {"Bind"},
    frozenset({"gene", "chemical"}): _CORRELATIONS | {"Bind"},
    frozenset({"gene", "disease"}): _CORRELATIONS,
    frozenset({"chemical"}): _CORRELATIONS | {"Bind", "Cotreatment", "Comparison", "Drug_Interaction", "Conversion"},
    frozenset({"chemical", "disease"}): _CORRELATIONS,
    frozenset({"chemical", "variant"}): _CORRELATIONS,
    frozenset({"variant", "disease"}): _CORRELATIONS,
    frozenset({"variant"}): {"Association"},
}
RELATION_TYPES = sorted({t for types in LEGAL.values() for t in types})


# Mentions no relation is read from the text with: an imported mention gives only the relations its file
# asserted (imported_evidence), and a nested chemical ("dopamine" in "dopamine agonists") is not what its
# sentence is about; the longer name around it is.
NOT_RELATED = frozenset({"imported", "nested"})


def relates_as(mention: dict) -> str:
    """The type a mention relates as: "EGFR-TKIs induce IL-6" relates a class of drugs as a drug."""
    return broader_type(mention["entity_type"])

TRIGGERS = [  # (regex on the words between two mentions, relation type, predicate); first match wins
    (r"\bphosphorylat\w*", "Positive_Correlation", "phosphorylates"),
    (r"\b(bind\w*|interact\w*|complex\w* with)\b", "Bind", "binds"),
    (r"\b(up-?regulat\w*|overexpress\w*)", "Positive_Correlation", "upregulates"),
    (r"\b(down-?regulat\w*)", "Negative_Correlation", "downregulates"),
    (r"\b(activat\w*|stimulat\w*|phosphorylation of)", "Positive_Correlation", "activates"),
    (r"\b(inhibit\w*|suppress\w*|block\w*|attenuat\w*|abrogat\w*|antagoni\w*|impair\w*|abolish\w*)", "Negative_Correlation", "inhibits"),
    (r"\b(target\w*)\b", "Negative_Correlation", "targets"),
    (r"\b(induc\w*|promot\w*|increas\w*|enhanc\w*|elevat\w*|drive\w*|driv\w*|trigger\w*|mediat\w*)", "Positive_Correlation", "increases"),
    (r"\b(decreas\w*|reduc\w*|lower\w*|diminish\w*)", "Negative_Correlation", "decreases"),
]
NEGATION = re.compile(r"\b(not|no|never|neither|nor|without|rather than|failed to|fails to|lack of|n't)\b", re.I)
HEDGE = re.compile(r"\b(may|might|could|possibl\w*|potential\w*|suggest\w*|hypothes\w*|whether|likely|putative|appear\w* to)\b", re.I)
MAX_GAP = 160  # characters between two mentions for a sentence pattern to apply


@dataclass
class Found:
    subject: dict
    object: dict
    relation_type: str
    predicate: str
    directed: bool
    rule: str
    confidence: float


def relation_id(subject: str, obj: str, relation_type: str, predicate: str, directed: bool) -> str:
    if not directed:
        subject, obj = sorted((subject, obj))
    key = "\t".join((subject, obj, relation_type, predicate, "directed" if directed else "undirected"))
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def legal_types(type_a: str, type_b: str) -> set[str]:
    """The relation types two entity types may have (a chemical role has a chemical's)."""
    return LEGAL.get(frozenset({broader_type(type_a), broader_type(type_b)}), set())


def legal(a: dict, b: dict, relation_type: str) -> bool:
    if relation_type.startswith("imported:"):
        return True
    return relation_type in legal_types(a["entity_type"], b["entity_type"])


def _pair(a: dict, b: dict, sentence: str, s0: int) -> Found | None:
    """A relation between mentions a (first) and b (second) of a sentence starting at document offset s0."""
    between = sentence[a["end"] - s0:b["start"] - s0]
    after = sentence[b["end"] - s0:b["end"] - s0 + 25]
    low = between.lower()
    if len(between) > MAX_GAP:
        return None
    if a["entity_type"] == "gene" and relates_as(b) == "chemical" and re.fullmatch(
            r"\s*inhibit\w*\s+(with|and|plus|in combination with)\s*", low):
        return Found(a, b, "Association", "combined_inhibition_with", False, "pattern:combined_inhibition", 0.7)
    if relates_as(a) in ("gene", "chemical") and relates_as(b) == "chemical" and (
            re.match(r"\s*resistan", after.lower()) or re.search(r"resistan\w*\s+(to|against)\s*$", low)):
        return Found(a, b, "Negative_Correlation", "confers_resistance_to", True, "pattern:resistance", 0.75)
    if re.fullmatch(r"\s*/\s*", between) and a["entity_type"] == b["entity_type"] == "gene":
        return Found(a, b, "Positive_Correlation", "signals_to", True, "pattern:signalling_chain", 0.6)
    if re.search(r"\b(via|through)\s+(the\s+)?$", low):
        return Found(a, b, "Positive_Correlation", "acts_through", True, "pattern:via", 0.7)
    if re.search(r"dependent\s+(up-?regulation|activation|expression|induction)\s+of\s*$", low):
        return Found(a, b, "Positive_Correlation", "upregulates", True, "pattern:dependent_regulation", 0.8)
    for regex, relation_type, predicate in TRIGGERS:
        m = re.search(regex, low)
        if m:
            passive = re.search(r"\b\w+(ed|en)\s+by\s*$", low)
            subject, obj = (b, a) if passive else (a, b)
            directed = relation_type != "Bind"
            return Found(subject, obj, relation_type, predicate, directed, f"pattern:{predicate}", 0.6)
    return None


RELATABLE = ("gene", "chemical", "disease", "variant")


def relate_document(doc_id: str, passages: list[dict], sentences: list[dict], mentions: list[dict],
                    table_cells: list[dict] | None = None) -> list[dict]:
    """Evidence rows for one document (each carries its relation's fields and relation_id)."""
    by_passage = {p["passage_id"]: p for p in passages}
    # per passage, so each sentence looks only at its own passage's mentions (not the whole document's)
    in_passage: dict[str, list[dict]] = {}
    for m in mentions:
        in_passage.setdefault(m["passage_id"], []).append(m)
    evidence = []
    for s in sentences:
        p = by_passage[s["passage_id"]]
        text = p["text"][s["start"] - p["offset"]:s["end"] - p["offset"]]
        here = in_passage.get(s["passage_id"], [])
        inside = sorted((m for m in here if m.get("concept_id") and m["method"] not in NOT_RELATED
                         and relates_as(m) in RELATABLE and s["start"] <= m["start"] and m["end"] <= s["end"]),
                        key=lambda m: (m["start"], m["end"]))
        context = [m for m in here if s["start"] <= m["start"] < s["end"]]
        found_pairs = set()
        for i, a in enumerate(inside):
            for b in inside[i + 1:]:
                if a["concept_id"] == b["concept_id"]:
                    continue
                hit = _pair(a, b, text, s["start"])
                if hit and legal(hit.subject, hit.object, hit.relation_type):
                    evidence.append(_evidence(doc_id, p, s, text, hit, context))
                    found_pairs.add(frozenset({a["concept_id"], b["concept_id"]}))
        for i, a in enumerate(inside):
            for b in inside[i + 1:]:
                pair = frozenset({a["concept_id"], b["concept_id"]})
                if len(pair) == 2 and pair not in found_pairs and legal(a, b, "Association"):
                    found_pairs.add(pair)
                    evidence.append(_evidence(doc_id, p, s, text, Found(a, b, "Association", "co-occurs_with", False,
                                                                           "cooccurrence", 0.2), context))
    evidence += _table_rows(doc_id, passages, mentions, table_cells or [])
    return evidence


def _evidence(doc_id: str, passage: dict, sentence: dict, text: str, hit: Found, context: list[dict]) -> dict:
    a, b = sorted((hit.subject, hit.object), key=lambda m: m["start"])
    window = text[max(0, a["start"] - sentence["start"] - 40):b["end"] - sentence["start"]]
    negated = bool(NEGATION.search(window)) and hit.rule != "cooccurrence"
    hypothesis = bool(HEDGE.search(text))
    confidence = hit.confidence * (0.5 if hypothesis else 1.0)
    rid = relation_id(hit.subject["concept_id"], hit.object["concept_id"], hit.relation_type, hit.predicate, hit.directed)
    return {
        "evidence_id": f"{rid}.{hit.subject['mention_id']}.{hit.object['mention_id']}",
        "relation_id": rid, "doc_id": doc_id, "passage_id": passage["passage_id"],
        "sentence_start": sentence["start"], "sentence_end": sentence["end"],
        "subject_mention_id": hit.subject["mention_id"], "object_mention_id": hit.object["mention_id"],
        "subject_concept": hit.subject["concept_id"], "subject_type": hit.subject["entity_type"],
        "object_concept": hit.object["concept_id"], "object_type": hit.object["entity_type"],
        "relation_type": hit.relation_type, "predicate": hit.predicate, "directed": hit.directed,
        "rule": hit.rule, "confidence": round(confidence, 3), "negated": negated, "hypothesis": hypothesis,
        "section_kind": _section_kind(passage), "table_id": None, "table_row": None,
        "cell_lines": sorted({m["concept_id"] for m in context if m["entity_type"] == "cell_line" and m.get("concept_id")}),
        "species": sorted({m["concept_id"] for m in context if m["entity_type"] == "species" and m.get("concept_id")}),
    }


def _section_kind(passage: dict) -> str:
    if passage["kind"] in ("title", "abstract", "tldr", "key_finding", "contribution", "figure_caption", "table_caption"):
        return passage["kind"]
    if passage["kind"].startswith("table"):
        return "table"
    return passage.get("section_type") or passage["kind"]


TARGET_HEADER = re.compile(r"\b(target|molecule|gene|pathway)\b", re.I)
APPROACH_HEADER = re.compile(r"\b(therapeutic|approach|drug|agent|inhibitor|treatment|compound)\b", re.I)


def _table_rows(doc_id: str, passages: list[dict], mentions: list[dict], cells: list[dict]) -> list[dict]:
    """Rows of a table whose header names a target column and a therapeutic-approach column:
    each drug in the row targets (Negative_Correlation) each gene or family of the row's target cell."""
    by_passage = {p["passage_id"]: p for p in passages}
    mentions_in = {}
    for m in mentions:
        if m.get("concept_id") and m["method"] not in NOT_RELATED:
            mentions_in.setdefault(m["passage_id"], []).append(m)
    out = []
    tables = {}
    for c in cells:
        tables.setdefault(c["table_id"], []).append(c)
    for table_id, group in tables.items():
        header = {c["column"]: c["text"] for c in group if c["part"] == "head"}
        target_col = next((col for col, t in sorted(header.items()) if TARGET_HEADER.search(t)), None)
        approach_col = next((col for col, t in sorted(header.items()) if APPROACH_HEADER.search(t)), None)
        if target_col is None or approach_col is None or target_col == approach_col:
            continue
        body = [c for c in group if c["part"] == "body"]
        origin = {(c["row"], c["column"]): c for c in body if c["cell_kind"] == "cell"}
        for row in sorted({c["row"] for c in body}):
            t_cell = next((c for c in body if c["row"] == row and c["column"] == target_col), None)
            a_cell = origin.get((row, approach_col))
            if t_cell is None or a_cell is None or not a_cell.get("passage_id"):
                continue
            t_origin = origin.get((t_cell["origin_row"], t_cell["origin_column"]))
            if t_origin is None or not t_origin.get("passage_id"):
                continue
            targets = [m for m in mentions_in.get(t_origin["passage_id"], []) if m["entity_type"] == "gene"]
            drugs = [m for m in mentions_in.get(a_cell["passage_id"], []) if relates_as(m) == "chemical"]
            passage = by_passage[a_cell["passage_id"]]
            sentence = {"start": passage["offset"], "end": passage["offset"] + len(passage["text"])}
            for drug in drugs:
                for target in targets:
                    hit = Found(drug, target, "Negative_Correlation", "targets", True, "table:target_approach", 0.7)
                    e = _evidence(doc_id, passage, sentence, passage["text"], hit, [])
                    e.update(table_id=table_id, table_row=row, section_kind="table", negated=False, hypothesis=False,
                             confidence=0.7)
                    out.append(e)
    return out


class RelationAggregate:
    """One relation per distinct fact, built up from evidence a shard at a time. Confidence combines
    documents, not sentences: several sentences of one paper count once (its best), papers combine as
    independent: 1 - prod(1 - best per paper). Holds one row per relation and one number per
    (relation, document), never the evidence itself."""

    FIELDS = ["relation_id", "subject_concept", "subject_type", "object_concept", "object_type", "relation_type",
              "predicate", "directed", "doc_id", "negated", "confidence"]

    def __init__(self) -> None:
        self.relations: dict[str, dict] = {}
        self.best: dict[str, dict[str, float]] = {}

    def add(self, e: dict) -> None:
        r = self.relations.setdefault(e["relation_id"], {
            "relation_id": e["relation_id"], "subject_concept": e["subject_concept"], "subject_type": e["subject_type"],
            "object_concept": e["object_concept"], "object_type": e["object_type"], "relation_type": e["relation_type"],
            "predicate": e["predicate"], "directed": e["directed"], "n_evidence": 0, "n_documents": 0, "confidence": 0.0})
        r["n_evidence"] += 1
        weight = 0.0 if e["negated"] else e["confidence"]
        per_doc = self.best.setdefault(e["relation_id"], {})
        per_doc[e["doc_id"]] = max(per_doc.get(e["doc_id"], 0.0), weight)

    def rows(self) -> list[dict]:
        for rid, r in self.relations.items():
            r["n_documents"] = len(self.best[rid])
            remaining = 1.0
            for w in self.best[rid].values():
                remaining *= 1.0 - w
            r["confidence"] = round(1.0 - remaining, 4)
        return list(self.relations.values())


def aggregate(evidence: list[dict]) -> list[dict]:
    """Relations from a list of evidence rows (see :class:`RelationAggregate`)."""
    relations = RelationAggregate()
    for e in evidence:
        relations.add(e)
    return relations.rows()


def imported_evidence(doc_id: str, passages: list[dict], mentions: list[dict], claims: list[dict]) -> list[dict]:
    """Evidence for relations an input asserted: the closest pair of the file's own (verified) mentions of the
    two identifiers in one passage. A claim whose identifiers have no such pair of mentions is left out."""
    from .bioc import curies

    by_passage = {p["passage_id"]: p for p in passages}
    imported = [m for m in mentions if m["method"] == "imported" and m.get("concept_id")]
    out = []
    for claim in claims:
        pairs = []
        for a in imported:
            if a["concept_id"] not in curies(a["entity_type"], claim["entity1"]):
                continue
            for b in imported:
                if b["passage_id"] == a["passage_id"] and b["concept_id"] in curies(b["entity_type"], claim["entity2"]) \
                        and b["mention_id"] != a["mention_id"]:
                    pairs.append((abs(a["start"] - b["start"]), a, b))
        if not pairs:
            continue
        _, a, b = min(pairs, key=lambda x: (x[0], x[1]["start"]))
        relation_type = claim["relation_type"]
        hit = Found(a, b, relation_type, f"imported:{relation_type}", False, f"imported:{claim['source']}", 1.0)
        p = by_passage[a["passage_id"]]
        span = {"start": min(a["start"], b["start"]), "end": max(a["end"], b["end"])}
        e = _evidence(doc_id, p, span, p["text"][span["start"] - p["offset"]:span["end"] - p["offset"]], hit, [])
        e.update(negated=False, hypothesis=False, confidence=1.0)
        out.append(e)
    return out
