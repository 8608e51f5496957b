"""Relations with evidence: patterns on literal sentences, and the seed facts in the published dataset."""
from __future__ import annotations

import pandas as pd
import pytest

from curation.dataset import read as read_version_table
from curation.audit import main as audit
from curation.relations import LEGAL, aggregate, legal_types, relate_document

NAMES = {"CCL2": ("NCBIGene:6347", "gene"), "STAT3": ("NCBIGene:6774", "gene"), "ZEB1": ("NCBIGene:6935", "gene"),
         "osimertinib": ("mesh:C000596361", "chemical"), "IL-6": ("NCBIGene:3569", "gene"), "JAK": ("fplx:JAK", "gene"),
         "AKT": ("fplx:AKT", "gene"), "NSCLC": ("mesh:D002289", "disease"),
         "TKIs": ("mesh:D047428", "chemical_role")}


def relate(sentence: str, extra_mentions=()):
    """Relations found in one literal sentence, with mentions placed at each listed name."""
    passage = {"passage_id": "d.p0", "offset": 0, "text": sentence, "kind": "paragraph", "section_type": "results"}
    mentions = []
    for name, (concept, etype) in NAMES.items():
        start = sentence.find(name)
        while start >= 0:
            end = start + len(name)
            if (start == 0 or not sentence[start - 1].isalnum()) and (end == len(sentence) or not sentence[end].isalnum()):
                mentions.append({"mention_id": f"m{start}", "passage_id": "d.p0", "start": start, "end": end, "text": name,
                                 "entity_type": etype, "concept_id": concept, "method": "dictionary"})
            start = sentence.find(name, end)
    mentions += extra_mentions
    evidence = relate_document("0" * 16, [passage], [{"passage_id": "d.p0", "start": 0, "end": len(sentence)}], mentions)
    return {(e["subject_concept"], e["predicate"], e["object_concept"]): e for e in evidence}


def test_direction_follows_the_verb_and_the_passive_voice():
    active = relate("CCL2 activates STAT3 in these cells.")
    assert ("NCBIGene:6347", "activates", "NCBIGene:6774") in active
    passive = relate("ZEB1 is induced by STAT3.")
    assert ("NCBIGene:6774", "increases", "NCBIGene:6935") in passive


def test_dependent_regulation_via_and_resistance_patterns():
    found = relate("CCL2 promotes resistance via STAT3- and ERK1/2-dependent upregulation of ZEB1.")
    assert ("NCBIGene:6347", "acts_through", "NCBIGene:6774") in found
    assert ("NCBIGene:6774", "upregulates", "NCBIGene:6935") in found
    resistance = relate("CCL2 overexpression induces osimertinib resistance in lung cancer cells.")
    e = resistance[("NCBIGene:6347", "confers_resistance_to", "mesh:C000596361")]
    assert e["relation_type"] == "Negative_Correlation" and e["directed"]


def test_negation_and_hedging_are_flags_not_deletions():
    negated = relate("CCL2 promoted resistance through ZEB1, rather than via the AKT pathway.")
    assert negated[("NCBIGene:6347", "acts_through", "fplx:AKT")]["negated"]
    hedged = relate("IL-6 may activate JAK in tumours.")
    e = hedged[("NCBIGene:3569", "activates", "fplx:JAK")]
    assert e["hypothesis"] and not e["negated"] and e["confidence"] == 0.3


def test_cooccurrence_only_where_nothing_better_fires_and_types_stay_legal():
    found = relate("STAT3 and NSCLC were studied.")
    (e,) = found.values()
    assert (e["rule"], e["relation_type"], e["directed"]) == ("cooccurrence", "Association", False)
    for e in relate("IL-6 activates JAK, STAT3 and ZEB1 in NSCLC treated with osimertinib.").values():
        assert e["relation_type"] in LEGAL[frozenset({e["subject_type"], e["object_type"]})]


def test_a_chemical_role_relates_as_a_chemical():
    found = relate("CCL2 confers resistance to TKIs in NSCLC.")
    e = found[("NCBIGene:6347", "confers_resistance_to", "mesh:D047428")]
    assert (e["object_type"], e["relation_type"]) == ("chemical_role", "Negative_Correlation")
    assert legal_types("chemical_role", "gene") == LEGAL[frozenset({"chemical", "gene"})]
    assert "Bind" not in legal_types("chemical_role", "disease")


def test_a_nested_chemical_gives_no_relations():
    sentence = "STAT3 activates dopamine receptors."
    start = sentence.index("dopamine")
    nested = {"mention_id": "nested", "passage_id": "d.p0", "start": start, "end": start + 8, "text": "dopamine",
              "entity_type": "chemical", "concept_id": "mesh:D004298", "method": "nested"}
    assert relate(sentence, [nested]) == {}
    assert ("NCBIGene:6774", "activates", "mesh:D004298") in relate(sentence, [{**nested, "method": "dictionary"}])


def test_confidence_counts_papers_not_sentences():
    ev = [{"relation_id": "r", "doc_id": d, "confidence": c, "negated": False, "subject_concept": "a", "subject_type": "gene",
           "object_concept": "b", "object_type": "gene", "relation_type": "Positive_Correlation", "predicate": "activates",
           "directed": True} for d, c in (("d1", 0.6), ("d1", 0.6), ("d1", 0.6), ("d2", 0.5))]
    (r,) = aggregate(ev)
    assert (r["n_evidence"], r["n_documents"], r["confidence"]) == (4, 2, 0.8)


@pytest.mark.slow
def test_seed_facts_are_relations_with_evidence_that_slices_the_input(dataset, built_project, capsys):
    relations = read_version_table(dataset, "relations")
    facts = set(zip(relations.subject_concept, relations.predicate, relations.object_concept))
    for fact in [("NCBIGene:6347", "acts_through", "NCBIGene:6774"), ("NCBIGene:6774", "upregulates", "NCBIGene:6935"),
                 ("NCBIGene:6347", "confers_resistance_to", "mesh:C000596361"),
                 ("NCBIGene:6774", "combined_inhibition_with", "mesh:C000596361"),
                 ("NCBIGene:3569", "signals_to", "fplx:JAK"), ("fplx:JAK", "signals_to", "NCBIGene:6774"),
                 ("mesh:C540383", "targets", "fplx:JAK")]:  # ruxolitinib, from Table I
        assert fact in facts, fact
    evidence = read_version_table(dataset, "evidence")
    table = evidence[evidence.rule == "table:target_approach"]
    rux = table[table.subject_concept == "mesh:C540383"].iloc[0]
    assert rux.relation_type == "Negative_Correlation" and rux.table_row == 5 and rux.section_kind == "table"
    key_findings = evidence[evidence.section_kind == "key_finding"]
    assert {"pattern:via", "pattern:dependent_regulation", "pattern:resistance"} <= set(key_findings.rule)
    passages = read_version_table(dataset, "passages").set_index("passage_id")
    for e in evidence.itertuples():
        p = passages.loc[e.passage_id]
        assert 0 <= e.sentence_start - p.offset <= e.sentence_end - p.offset <= len(p.text)
    assert audit(["NCBIGene:6347", "NCBIGene:6774", "--dataset", str(dataset), "--inputs-root", str(built_project)]) == 0
    out = capsys.readouterr().out
    assert "[[CCL2]] promotes resistance via {{STAT3}}" in out and "FAILED" not in out


def test_cross_table_rules_catch_broken_evidence_mentions_and_abbreviations(dataset):
    from schemas import integrity
    from schemas.tables import DATASET_TABLES
    tables = {t: read_version_table(dataset, t) for t in DATASET_TABLES}
    assert integrity.check(tables) == []
    evidence, mentions, abbreviations = tables["evidence"], tables["mentions"], tables["abbreviations"]
    evidence.loc[0, "subject_mention_id"] = "nowhere.m0-1"
    evidence.loc[1, "object_concept"] = "NCBIGene:1"
    mentions.loc[0, "start"] += 1
    abbreviations.loc[abbreviations["long_passage_id"].notna().idxmax(), "long_start"] += 2
    found = {(v.rule, v.key) for v in integrity.check(tables)}
    assert ("evidence_points_at_real_mentions", evidence.loc[0, "evidence_id"]) in found
    assert ("evidence_points_at_real_mentions", evidence.loc[1, "evidence_id"]) in found
    assert ("mentions_slice_their_passage", mentions.loc[0, "mention_id"]) in found
    assert "abbreviations_match_their_passages" in {rule for rule, _ in found}
