"""PubTator and BioC imports: documents plus annotations whose offsets are verified, never silently shifted."""
import hashlib
import json

import pytest

from curation.readers import InputError, read_documents
from tests.conftest import SHARED

TITLE = "Osimertinib resistance in lung cancer."
ABSTRACT = "CCL2 activates STAT3 in NSCLC."


def rows(data: bytes):
    fmt, docs = read_documents(data)
    return fmt, [d.rows("in/file", hashlib.sha256(data).hexdigest()) for d in docs]


def pubtator(annotation_lines):
    return (f"123|t|{TITLE}\n123|a|{ABSTRACT}\n" + "".join(line + "\n" for line in annotation_lines)).encode()


def test_pubtator_documents_keep_text_and_offsets():
    a = len(TITLE) + 1
    fmt, [r] = rows(pubtator([f"123\t0\t11\tOsimertinib\tChemical\tC000596361",
                              f"123\t{a}\t{a + 4}\tCCL2\tGene\t6347,20296", "123\tAssociation\t6347\tC000596361"]))
    assert fmt == "pubtator" and r["documents"][0]["pmid"] == "123" and r["documents"][0]["title"] == TITLE
    assert [p["text"] for p in r["passages"]] == [TITLE, ABSTRACT]
    osimertinib, ccl2 = r["mentions"]
    assert (osimertinib["concept_id"], osimertinib["method"]) == ("mesh:C000596361", "imported")
    assert ccl2["concept_id"] is None and ccl2["candidates"] == ["NCBIGene:6347", "NCBIGene:20296"]
    text = "\n".join(p["text"] for p in r["passages"])
    assert all(text[m["start"]:m["end"]] == m["text"] for m in r["mentions"])


def test_shifted_offsets_are_realigned_and_say_so():
    a = len(TITLE) + 1
    _, [r] = rows(pubtator([f"123\t{a + 3}\t{a + 7}\tCCL2\tGene\t6347"]))
    (m,) = r["mentions"]
    assert (m["start"], m["end"], m["matched_term"]) == (a, a + 4, "realigned by the importer")


def test_offsets_that_cannot_be_realigned_reject_the_file_clearly():
    with pytest.raises(InputError) as e:
        rows(pubtator(["123\t0\t4\tZEB1\tGene\t6935"]))
    assert str(e.value) == "line 3: annotation 'ZEB1' at 0-4 does not match the text ('Osim') and cannot be realigned"


def test_bioc_json_passages_are_laid_end_to_end_and_annotations_follow():
    doc = {"source": "x", "documents": [{"id": "PMC1", "passages": [
        {"offset": 0, "infons": {"type": "title"}, "text": TITLE, "annotations": []},
        {"offset": 100, "infons": {"type": "abstract"}, "text": ABSTRACT, "annotations": [
            {"id": "1", "infons": {"type": "Gene", "identifier": "6774"}, "text": "STAT3",
             "locations": [{"offset": 115, "length": 5}]}]}]}]}
    fmt, [r] = rows(json.dumps(doc).encode())
    assert fmt == "bioc_json" and r["documents"][0]["pmcid"] == "PMC1"
    (m,) = r["mentions"]
    assert m["concept_id"] == "NCBIGene:6774"
    assert m["start"] == len(TITLE) + 1 + 15 and m["text"] == "STAT3"


def test_the_types_this_pipelines_own_bioc_export_writes_import_as_themselves():
    doc = {"source": "x", "documents": [{"id": "PMC1", "passages": [
        {"offset": 0, "infons": {"type": "abstract"}, "text": "TKIs in HCC827 cells.", "annotations": [
            {"id": "1", "infons": {"type": "chemical_role", "identifier": "D000092004"}, "text": "TKIs",
             "locations": [{"offset": 0, "length": 4}]},
            {"id": "2", "infons": {"type": "cell_line", "identifier": "cellosaurus:CVCL_2063"}, "text": "HCC827",
             "locations": [{"offset": 8, "length": 6}]}]}]}]}
    _, [r] = rows(json.dumps(doc).encode())
    assert [(m["entity_type"], m["concept_id"]) for m in r["mentions"]] == [
        ("chemical_role", "mesh:D000092004"), ("cell_line", "cellosaurus:CVCL_2063")]


@pytest.mark.skipif(not (SHARED / "corpora/gold/biored/Dev.BioC.XML").exists(), reason="../shared absent")
def test_biored_dev_imports_with_every_offset_verified():
    fmt, docs = rows((SHARED / "corpora/gold/biored/Dev.BioC.XML").read_bytes())
    assert fmt == "bioc_xml" and len(docs) == 100
    mentions = [m for r in docs for m in r["mentions"]]
    assert len(mentions) > 3000
    for r in docs:
        text = "\n".join(p["text"] for p in r["passages"])
        assert all(text[m["start"]:m["end"]] == m["text"] for m in r["mentions"])


def test_imported_relations_are_kept_and_evidenced_by_the_files_own_mentions():
    from curation.relations import imported_evidence
    a = len(TITLE) + 1
    fmt, [r] = rows(pubtator([f"123\t0\t11\tOsimertinib\tChemical\tC000596361", f"123\t{a + 15}\t{a + 20}\tSTAT3\tGene\t6774",
                              f"123\t{a}\t{a + 4}\tCCL2\tGene\t6347", "123\tAssociation\t6347\t6774",
                              "123\tNegative_Correlation\tC000596361\t6774"]))
    assert [(x["relation_type"], x["entity1"], x["entity2"]) for x in r["imported_relations"]] == [
        ("Association", "6347", "6774"), ("Negative_Correlation", "C000596361", "6774")]
    claims = [{**c, "doc_id": r["documents"][0]["doc_id"]} for c in r["imported_relations"]]
    passages = [{**p, "kind": p["kind"], "section_type": p["section_type"]} for p in r["passages"]]
    evidence = imported_evidence(r["documents"][0]["doc_id"], passages, r["mentions"], claims)
    assert len(evidence) == 1  # osimertinib (title) and STAT3 (abstract) never share a passage
    (e,) = evidence
    assert (e["subject_concept"], e["object_concept"], e["rule"]) == ("NCBIGene:6347", "NCBIGene:6774", "imported:pubtator")
    text = "\n".join(p["text"] for p in r["passages"])
    assert text[e["sentence_start"]:e["sentence_end"]] == "CCL2 activates STAT3"
