"""Summary Markdown parsing: seed 000 (Chang et al. 2026, Front Oncol) and literal snippets."""
from __future__ import annotations

from collections import Counter

import pytest

from curation.readers import InputError, read_documents
from curation.summary import parse_entity_item, split_entity_items
from curation.text import normalise
from tests.conftest import SUMMARY_SEED


def test_seed_metadata(summary_rows):
    doc = summary_rows["documents"][0]
    assert doc["format"] == "summary_md"
    assert doc["title"] == "The STAT3\u2013ZEB1 axis contributes to CCL2-mediated resistance to osimertinib in lung cancer"
    assert doc["doi"] == "10.3389/fonc.2026.1699471"
    assert doc["journal"] == "Frontiers in Oncology"
    assert doc["pub_date"] == "2026-02-20"
    assert doc["source_url"] == "https://tomesphere.com/paper/PMC12962936"
    assert doc["pmcid"] == "PMC12962936"
    authors = summary_rows["authors"]
    assert len(authors) == 10
    assert (authors[0]["given_names"], authors[0]["surname"]) == ("Tzu-Hua", "Chang")
    assert authors[-1]["surname"] == "Shih"


def test_seed_passages(summary_rows):
    kinds = Counter(p["kind"] for p in summary_rows["passages"])
    assert kinds == {"title": 1, "tldr": 1, "contribution": 1, "key_finding": 3, "abstract": 4}
    findings = [p["text"] for p in summary_rows["passages"] if p["kind"] == "key_finding"]
    assert findings[1] == "CCL2 promotes resistance via STAT3- and ERK1/2-dependent upregulation of ZEB1."
    assert all(p["section_path"] == ["Key findings"] for p in summary_rows["passages"] if p["kind"] == "key_finding")


def test_passages_point_back_to_the_exact_input_span(summary_rows):
    source = SUMMARY_SEED.read_text(encoding="utf-8")
    for p in summary_rows["passages"]:
        assert normalise(source[p["source_start"]:p["source_end"]]) == p["text"]


def test_seed_entity_counts(summary_rows):
    counts = Counter((e["section"], e["entity_type"]) for e in summary_rows["source_entities"])
    assert counts == {
        ("linked_entities", "gene"): 6, ("linked_entities", "chemical"): 1, ("linked_entities", "disease"): 2,
        ("full_text_entities", "gene"): 40, ("full_text_entities", "chemical"): 37,
        ("full_text_entities", "disease"): 17, ("full_text_entities", "species"): 3,
        ("full_text_entities", "variant"): 4, ("full_text_entities", "cell_line"): 7,
    }


def test_claims_are_kept_exactly_as_written(summary_rows):
    source = SUMMARY_SEED.read_text(encoding="utf-8")
    by_name = {}
    for e in summary_rows["source_entities"]:
        assert source[e["source_start"]:e["source_end"]] == e["raw"]
        by_name.setdefault((e["section"], e["name"]), e)
    erk = by_name[("linked_entities", "erk1/2")]
    assert (erk["namespace"], erk["identifier"], erk["curie"]) == ("NCBI Gene", "778596", "NCBIGene:778596")
    assert erk["full_name"] == "mitogen-activated protein kinase"
    sltm = by_name[("full_text_entities", "SLTM")]
    assert sltm["aliases"] == ["Met"] and sltm["curie"] == "NCBIGene:79811"
    cd44 = by_name[("full_text_entities", "CD44")]
    assert cd44["full_name"] == "CD44 molecule (IN blood group)"
    mtt = by_name[("full_text_entities", "3-(4, 5-Dimethylthiazol-2-yl)-2, 5-diphenyltetrazolium bromide")]
    assert mtt["curie"] == "mesh:C022616"
    azd = by_name[("full_text_entities", "AZD")]
    assert azd["identifier"] is None and azd["curie"] is None
    osimertinib = by_name[("linked_entities", "osimertinib")]
    assert osimertinib["curie"] == "pubchem.compound:71496458"
    nsclc = by_name[("linked_entities", "NSCLC")]
    assert nsclc["curie"] == "mondo:0005233"
    hcc827 = by_name[("full_text_entities", "HCC827")]
    assert hcc827["curie"] == "cellosaurus:CVCL_2063"
    assert hcc827["full_name"] == "Homo sapiens (Human), Lung adenocarcinoma, Cancer cell line"
    human = by_name[("full_text_entities", "Homo sapiens")]
    assert human["curie"] == "NCBITaxon:9606"
    mutations = [e["name"] for e in summary_rows["source_entities"] if e["entity_type"] == "variant"]
    assert mutations == ["C797S", "L858R", "T790M", "glycine for 5"]


def test_item_splitting_respects_commas_inside_names():
    body = "A (x, y) [NCBI Gene 1] {aka B, C}, D (MESH:D1), E \u2014 Homo sapiens (Human), Lung (CVCL_1)"
    items = [body[s:e] for s, e in split_entity_items(body)]
    assert items == ["A (x, y) [NCBI Gene 1] {aka B, C}", "D (MESH:D1)", "E \u2014 Homo sapiens (Human), Lung (CVCL_1)"]
    assert parse_entity_item("gene", items[0])["aliases"] == ["B", "C"]


MINIMAL = "# A title\n\n## Abstract\n\nOne paragraph\nwrapped over two lines.\n\nSecond.\n"


def test_wrapped_paragraph_is_one_passage_with_its_span():
    data = MINIMAL.encode()
    _, (doc,) = read_documents(data)
    texts = [p.text for p in doc.passages]
    assert texts == ["A title", "One paragraph wrapped over two lines.", "Second."]
    p = doc.passages[1]
    assert normalise(MINIMAL[p.source_start:p.source_end]) == p.text


def test_summary_without_abstract_is_rejected_clearly():
    with pytest.raises(InputError, match="lacks its '## Abstract' section"):
        read_documents(b"# Title\n\n## TL;DR\n\nShort.\n")
