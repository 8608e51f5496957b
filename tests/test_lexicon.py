"""Term folding, variants, case rules and leftmost-longest matching, on a small hand-made lexicon."""
from curation.lexicon import build_matcher, find, fold, longest_first, variants

TERMS = [
    {"term": "IL6", "concept_id": "NCBIGene:3569", "entity_type": "gene", "term_kind": "symbol", "source": "t"},
    {"term": "MET", "concept_id": "NCBIGene:4233", "entity_type": "gene", "term_kind": "symbol", "source": "t"},
    {"term": "WAS", "concept_id": "NCBIGene:7454", "entity_type": "gene", "term_kind": "symbol", "source": "t"},
    {"term": "STAT3", "concept_id": "NCBIGene:6774", "entity_type": "gene", "term_kind": "symbol", "source": "t"},
    {"term": "TNF-alpha", "concept_id": "NCBIGene:7124", "entity_type": "gene", "term_kind": "alias", "source": "t"},
    {"term": "lung cancer", "concept_id": "mesh:D008175", "entity_type": "disease", "term_kind": "name", "source": "t"},
    {"term": "non-small cell lung cancer", "concept_id": "mesh:D002289", "entity_type": "disease", "term_kind": "name", "source": "t"},
    {"term": "carcinoma", "concept_id": "mesh:D002277", "entity_type": "disease", "term_kind": "name", "source": "t"},
    {"term": "lead", "concept_id": "mesh:D007854", "entity_type": "chemical", "term_kind": "name", "source": "t"},
]


def spans(text, stoplist=None):
    matcher = build_matcher(TERMS, stoplist or {})
    return [(text[s:e], es[0].concept_id) for s, e, es in longest_first(find(matcher, text))]


def term(text, concept_id, entity_type, kind="name"):
    return {"term": text, "concept_id": concept_id, "entity_type": entity_type, "term_kind": kind, "source": "t"}


def concepts_found(terms, text):
    """matched text -> the concepts of its entries, leftmost-longest."""
    matcher = build_matcher(terms, {})
    return {text[s:e]: sorted({x.concept_id for x in es}) for s, e, es in longest_first(find(matcher, text))}


def test_fold_keeps_length_so_offsets_survive():
    text = "İL-6 and TNF\u2013α"
    assert len(fold(text)) == len(text)
    assert fold("IL-6") == "il 6"


def test_hyphen_space_and_greek_variants():
    assert {"IL-6", "IL6"} <= variants("IL6", "symbol", "gene")
    assert "TNF-\u03b1" in variants("TNF-alpha", "alias", "gene") or "TNF\u03b1" in variants("TNF-alpha", "alias", "gene")
    assert spans("IL-6, IL 6 and IL6") == [("IL-6", "NCBIGene:3569"), ("IL 6", "NCBIGene:3569"), ("IL6", "NCBIGene:3569")]
    assert spans("TNF-\u03b1 levels") == [("TNF-\u03b1", "NCBIGene:7124")]
    # the Greek word joined to a symbol's capitals ("IFNbeta" in NLM-Gene), not to a name's word
    assert spans("TNFalpha levels") == [("TNFalpha", "NCBIGene:7124")]
    assert "interferonbeta" not in variants("interferon beta", "alias", "gene")
    assert "IFNBeta" in variants("IFN-Beta", "alias", "gene")
    # after a symbol's digit or capital the Greek word is written joined or apart, whatever the term's kind
    assert {"IL-1alpha", "IL-1 alpha"} <= variants("IL-1 alpha", "synonym", "gene")
    assert {"PKC delta", "PKCdelta"} <= variants("PKCdelta", "alias", "gene")
    assert concepts_found([term("IL-1 alpha", "NCBIGene:3552", "gene", "synonym"), term("HIF-1", "fplx:HIF1", "gene", "famplex"),
                           term("HIF-1alpha", "NCBIGene:3091", "gene", "alias")],
                          "IL-1alpha rose with HIF-1 alpha") == {"IL-1alpha": ["NCBIGene:3552"], "HIF-1 alpha": ["NCBIGene:3091"]}


def test_a_receptors_symbol_is_also_written_with_the_ligand_in_title_case():
    assert "InsR" in variants("INSR", "symbol", "gene") and "GcgR" in variants("GCGR", "symbol", "gene")
    assert "InsR" not in variants("INSR", "alias", "gene")  # another gene's alias is no receptor's symbol
    assert variants("AR", "symbol", "gene") == {"AR"}  # two letters: "Ar" is argon
    assert concepts_found([term("INSR", "NCBIGene:3643", "gene", "symbol")], "InsR and insr") == {"InsR": ["NCBIGene:3643"]}


def test_a_greek_letter_written_as_its_latin_initial():
    terms = [term("NF-kappaB", "fplx:NFkappaB", "gene", "famplex"), term("IFN-gamma", "NCBIGene:3458", "gene", "alias"),
             term("TGF-beta1", "NCBIGene:7040", "gene", "alias"), term("tumor necrosis factor alpha", "NCBIGene:7124", "gene", "name")]
    assert concepts_found(terms, "TNFa, NF-kB, IFNg and TGF-b1") == {
        "NF-kB": ["fplx:NFkappaB"], "IFNg": ["NCBIGene:3458"], "TGF-b1": ["NCBIGene:7040"]}
    assert spans("TNFa and TNF-a rose; TNF a did not; TNFA is the symbol") == [("TNFa", "NCBIGene:7124"), ("TNF-a", "NCBIGene:7124")]
    # only where the letter is attached to a symbol: a name's word keeps its letters, and the initial's case
    assert not {"tumor necrosis factor a", "tumor necrosis factora"} & variants("tumor necrosis factor alpha", "name", "gene")
    assert concepts_found(terms, "NF-KB and IFNG") == {}


def test_a_leading_greek_word_written_as_its_latin_initial():
    terms = [term("beta-catenin", "NCBIGene:1499", "gene", "alias"), term("alpha-tubulin", "fplx:TUBA", "gene", "famplex")]
    assert concepts_found(terms, "b-catenin and a-tubulin rose") == {"b-catenin": ["NCBIGene:1499"], "a-tubulin": ["fplx:TUBA"]}
    # only before a hyphen and a word: "beta 2" and a lone letter are left alone
    assert not {"b 2", "b2", "b"} & variants("beta 2", "alias", "gene") and "b" not in variants("beta", "alias", "gene")


def test_a_names_number_joined_to_its_last_word():
    # NLM-Gene writes "Talin1" for HGNC's "talin 1"; a short word ("type 1") or a letter ("annexin A") is not joined
    terms = [term("talin 1", "NCBIGene:7094", "gene", "name")]
    assert concepts_found(terms, "Talin1 and talin-1 rose") == {"Talin1": ["NCBIGene:7094"], "talin-1": ["NCBIGene:7094"]}
    assert "type1" not in "".join(variants("diabetes type 1", "name", "disease"))
    assert variants("annexin A2", "name", "gene") == {"annexin A2"}
    assert "talin1" not in variants("talin 1", "alias", "gene")


def test_case_rules_keep_short_symbols_apart_from_words():
    assert spans("Met binds MET; it was WAS") == [("MET", "NCBIGene:4233"), ("WAS", "NCBIGene:7454")]
    # "AT-1" matches in any case, as "IL-6" does, but not as the words of "at 1 h"
    terms = [term("AT-1", "NCBIGene:9197", "gene", "alias")]
    assert concepts_found([term("MIN-1", "NCBIGene:966", "gene", "alias")], "MIN-1 at 2 mL min\u22121") == {
        "MIN-1": ["NCBIGene:966"]}
    assert concepts_found(terms, "At 1 h, AT-1, AT 1 and at-1 rose at 1 h") == {
        "AT-1": ["NCBIGene:9197"], "AT 1": ["NCBIGene:9197"], "at-1": ["NCBIGene:9197"]}
    # nor as a word and the whole part of a decimal, a measure: "pH 7.4", "CI 1.2"
    measures = [term("PH-1", "NCBIGene:189", "gene", "alias"), term("CI-1", "NCBIGene:1", "gene", "alias")]
    assert concepts_found(measures, "at pH 1.5 (95% CI 1.2-3.4) PH-1 and CI 1 rose") == {
        "PH-1": ["NCBIGene:189"], "CI 1": ["NCBIGene:1"]}
    assert spans("Stat3 and STAT3") == [("Stat3", "NCBIGene:6774"), ("STAT3", "NCBIGene:6774")]


def test_a_gene_named_as_a_capitalised_word_or_learned_in_capitals_matches_as_written():
    # the fly's Chip and Drop are no ChIP-seq, microarray chip or drop; a learned "CARDINAL" (CARD8) no cardinal sign
    terms = [term("Chip", "NCBIGene:37837", "gene"), term("Drop", "NCBIGene:45285", "gene"),
             term("CARDINAL", "NCBIGene:22900", "gene", "curated"), term("leptin", "NCBIGene:3952", "gene")]
    assert concepts_found(terms, "ChIP-seq on a chip, a drop, cardinal signs; Chip, Drop, CARDINAL, leptin, Leptin") == {
        "Chip": ["NCBIGene:37837"], "Drop": ["NCBIGene:45285"], "CARDINAL": ["NCBIGene:22900"],
        "leptin": ["NCBIGene:3952"], "Leptin": ["NCBIGene:3952"]}


def test_a_name_written_as_an_alias_matches_in_any_case_but_a_symbol_does_not():
    terms = [term("MER receptor tyrosine kinase", "NCBIGene:10461", "gene", "alias"),
             term("A beta", "NCBIGene:351", "gene", "alias"), term("MER", "NCBIGene:10461", "gene", "alias")]
    assert concepts_found(terms, "Mer receptor tyrosine kinase, a beta-galactosidase, Mer and MER") == {
        "Mer receptor tyrosine kinase": ["NCBIGene:10461"], "MER": ["NCBIGene:10461"]}


def test_an_oncogenes_cellular_form_is_written_in_any_case():
    # HGNC keeps one case ("C-Kit"); papers write "c-kit", "c-Kit", "C-KIT". A short symbol stays exact.
    terms = [term("C-Kit", "NCBIGene:3815", "gene", "alias"), term("KIT", "NCBIGene:3815", "gene", "symbol")]
    assert concepts_found(terms, "c-kit, c-Kit and C-KIT; Kit") == {
        "c-kit": ["NCBIGene:3815"], "c-Kit": ["NCBIGene:3815"], "C-KIT": ["NCBIGene:3815"]}
    assert concepts_found([term("C-C", "NCBIGene:1", "gene", "alias")], "C-C and c-c") == {"C-C": ["NCBIGene:1"]}
    # so is an isoform's capital before a hyphen (FamPlex keeps "K-Ras"; lung-cancer papers write "K-ras")
    assert concepts_found([term("K-Ras", "NCBIGene:3845", "gene", "famplex")], "K-ras, K-RAS and Kras") == {
        "K-ras": ["NCBIGene:3845"], "K-RAS": ["NCBIGene:3845"]}


def test_longest_match_wins_and_words_are_whole():
    assert spans("in non-small cell lung cancer") == [("non-small cell lung cancer", "mesh:D002289")]
    assert spans("Lung cancers and carcinomas") == [("Lung cancers", "mesh:D008175"), ("carcinomas", "mesh:D002277")]
    assert spans("STAT3x") == []


def test_stoplist_blocks_a_term():
    assert spans("this may lead to") == [("lead", "mesh:D007854")]
    assert spans("this may lead to", {"lead": {"chemical"}}) == []


def test_a_stopped_terms_plural_and_singular_are_stopped_with_it():
    assert spans("carcinoma and carcinomas") == [("carcinoma", "mesh:D002277"), ("carcinomas", "mesh:D002277")]
    assert spans("carcinoma and carcinomas", {"carcinoma": {"disease"}}) == []
    # ... but a plural written as a term of its own is stopped only as itself
    terms = TERMS + [term("Body Weights", "mesh:D001835", "disease", "synonym"), term("Body Weight", "mesh:D001835", "disease")]
    assert concepts_found(terms, "body weight") == {"body weight": ["mesh:D001835"]}
    assert len(find(build_matcher(terms, {"body weight": {"disease"}}), "body weight and body weights")) == 1


def test_a_term_stopped_as_a_chemical_is_stopped_as_a_chemical_role():
    terms = [term("Ligand", "mesh:D008024", "chemical_role"), term("Analgesics", "mesh:D000700", "chemical_role")]
    matcher = build_matcher(terms, {"ligand": {"chemical"}})
    text = "a ligand and an analgesic"
    assert [(text[s:e], es[0].entity_type) for s, e, es in longest_first(find(matcher, text))] == [("analgesic", "chemical_role")]


def _every_key_span(matcher, text):
    """The reference: every whole-word span of the folded text that is a key, by brute force."""
    keys = {matcher.key(i): i for i in range(len(matcher))}
    folded = fold(text)
    found = set()
    for s in range(len(text)):
        if (s and text[s - 1].isalnum()) or folded[s].isspace():
            continue
        for e in range(s + 1, min(len(text), s + matcher.max_key_length) + 1):
            if (e < len(text) and text[e].isalnum()) or folded[e - 1].isspace():
                continue
            if folded[s:e] in keys:
                found.add((s, e, keys[folded[s:e]]))
    return found


def test_hashed_lookup_finds_exactly_the_key_spans_brute_force_finds(jats_rows, tmp_path):
    from curation.lexicon import Matcher, candidate_spans, codepoints
    terms = TERMS + [{"term": w, "concept_id": f"x:{w}", "entity_type": "chemical", "term_kind": "name", "source": "t"}
                     for w in ("cell", "cells", "EGFR", "osimertinib", "IL-6 receptor", "(+)-catechin", "β-catenin", "a")]
    built = build_matcher(terms, {})
    built.save(tmp_path / "m")
    loaded = Matcher.load(tmp_path / "m")
    texts = [p["text"] for p in jats_rows["passages"][:60]] + ["IL-6  receptor, IL 6 receptor; (+)-catechin and β-catenin\u2013a"]
    total = 0
    for text in texts:
        expected = _every_key_span(built, text)
        folded = fold(text)
        for matcher in (built, loaded):
            starts, ends = candidate_spans(text, folded, matcher.max_key_length)
            assert set(matcher.lookup(codepoints(folded), starts, ends)) == expected
        total += len(expected)
    assert total > 50  # the texts do contain the keys
    assert find(loaded, texts[-1]) == find(built, texts[-1]) and len(find(built, texts[-1])) >= 4


def test_the_cached_matcher_is_memory_mapped_not_read(tmp_path):
    import numpy as np
    from curation.lexicon import Matcher
    build_matcher(TERMS, {}).save(tmp_path / "m")
    loaded = Matcher.load(tmp_path / "m")
    assert all(isinstance(a.base, np.memmap) for a in (loaded.hashes, loaded.key_offsets, loaded.key_codepoints, loaded.entry_offsets))
    assert spans("IL-6 in non-small cell lung cancer") == [("IL-6", "NCBIGene:3569"), ("non-small cell lung cancer", "mesh:D002289")]


def test_a_plural_made_from_one_name_does_not_compete_with_another_name_as_written():
    terms = [term("Amphetamine", "mesh:D000661", "chemical"), term("Amphetamines", "mesh:D000662", "chemical"),
             term("Gentamicins", "mesh:D005839", "chemical")]
    assert concepts_found(terms, "amphetamine and amphetamines with gentamicin") == {"amphetamine": ["mesh:D000661"], "amphetamines": ["mesh:D000662"], "gentamicin": ["mesh:D005839"]}


def test_a_case_sensitive_terms_hyphen_must_be_written():
    terms = TERMS + [{"term": "A-T", "concept_id": "mesh:D001260", "entity_type": "disease", "term_kind": "synonym",
                      "source": "t"}]
    matcher = build_matcher(terms, {})
    found = lambda text: [text[s:e] for s, e, _ in longest_first(find(matcher, text))]
    assert found("A-T patients and A\u2010T cells") == ["A-T", "A\u2010T"]
    assert found("A T-cell line") == []
    assert found("IL 6 and TNF alpha") == ["IL 6", "TNF alpha"]  # case-insensitive terms keep the space variant


def test_no_break_thin_and_repeated_spaces_match_a_terms_one_space():
    text = "in lung\u00a0cancer, non-small\u2009cell  lung \u00a0cancer and lung\tcancer"
    found = [(s, e, es[0].concept_id) for s, e, es in longest_first(find(build_matcher(TERMS, {}), text))]
    # offsets are the text's own, so each mention is the text as written, its odd spaces and all
    assert [(text[s:e], c) for s, e, c in found] == [
        ("lung\u00a0cancer", "mesh:D008175"), ("non-small\u2009cell  lung \u00a0cancer", "mesh:D002289"),
        ("lung\tcancer", "mesh:D008175")]
    assert spans("lung\u00a0 cancers") == [("lung\u00a0 cancers", "mesh:D008175")]
    assert spans("lung\n\ncancer") == [("lung\n\ncancer", "mesh:D008175")]


def test_british_spellings_are_made_from_american_names_and_yield_to_names_as_written():
    from curation.lexicon import british_variants

    assert british_variants("Hemorrhage", "disease") == {"Haemorrhage"}
    assert british_variants("Leukemia, Myeloid", "disease") == {"Leukaemia, Myeloid"}
    assert british_variants("Esophageal Neoplasms", "disease") == {"Oesophageal Neoplasms"}
    assert british_variants("Angioedema", "disease") == {"Angio-oedema"}
    assert british_variants("Ischemic stroke", "disease") == {"Ischaemic stroke"}
    # only where the American spelling is a medical word: "systemic", "hemisphere" stay; genes are not rewritten
    assert british_variants("Lupus, Systemic", "disease") == set()
    assert british_variants("Hemispherectomy", "disease") == set()
    assert british_variants("hemoglobin", "gene") == set()
    # another concept written "oedema" keeps it: a made spelling does not compete with a name as written
    terms = [term("Brain Tumor", "mesh:D001932", "disease"), term("Edema", "mesh:D004487", "disease"),
             term("oedema", "mesh:D999999", "disease", "synonym")]
    assert concepts_found(terms, "brain tumours with oedema") == {"brain tumours": ["mesh:D001932"], "oedema": ["mesh:D999999"]}


def test_a_salt_is_its_drug_and_an_acid_its_anion_unless_another_name_is_written_so():
    from curation.lexicon import chemical_forms

    assert chemical_forms("Vecuronium Bromide", "name", "chemical") == {"Vecuronium"}
    assert chemical_forms("Tiapride Hydrochloride", "name", "chemical") == {"Tiapride"}
    assert chemical_forms("Kainic Acid", "name", "chemical") == {"Kainate"}
    assert chemical_forms("Methyl Bromide", "name", "chemical") == set()  # a radical is not the compound
    assert chemical_forms("Iron-Dextran Complex", "name", "chemical") == {"Iron-Dextran"}
    assert chemical_forms("Prostaglandin I2", "synonym", "chemical") == {"PGI2"}
    assert chemical_forms("Prostaglandins", "name", "chemical") == set()
    assert chemical_forms("Kainic Acid", "name", "disease") == set()
    terms = [term("Sodium Chloride", "mesh:D012965", "chemical"), term("Sodium", "mesh:D012964", "chemical"),
             term("Vecuronium Bromide", "mesh:D014673", "chemical")]
    assert concepts_found(terms, "vecuronium in sodium") == {"vecuronium": ["mesh:D014673"], "sodium": ["mesh:D012964"]}


def test_an_organs_neoplasms_are_its_tumours_and_cancers():
    from curation.lexicon import neoplasm_forms

    assert neoplasm_forms("Kidney Neoplasms", "name", "disease") == {"Kidney tumor", "Kidney cancer"}
    assert neoplasm_forms("Neoplasms", "name", "disease") == set()
    assert neoplasm_forms("Head and Neck Neoplasms", "name", "disease") == set()
    assert concepts_found([term("Jaw Neoplasms", "mesh:D007573", "disease")], "jaw tumours and jaw cancer") == {
        "jaw tumours": ["mesh:D007573"], "jaw cancer": ["mesh:D007573"]}


def test_a_term_written_so_beats_a_variant_made_of_another_terms_kind():
    # Ly6a's alias is "Sca-1"; Atxn1's is "Sca1", which the lexicon also makes "Sca-1". Written beats made, with
    # the confidence of a tie broken; two terms written so stay a tie; the made variant still matches alone
    from curation.annotate import choose

    terms = [term("Sca-1", "NCBIGene:110454", "gene", "alias"), term("Sca1", "NCBIGene:20238", "gene", "alias")]
    matcher = build_matcher(terms, {})
    read = lambda text: [choose(es)[1:] for _, _, es in longest_first(find(matcher, text))]
    (concept, candidates, entry, confidence), = read("Sca-1+ cells")
    assert (concept, candidates, entry.made, confidence) == ("NCBIGene:110454", ["NCBIGene:110454", "NCBIGene:20238"], False, 0.7)
    assert read("Sca1 cells")[0][0] == "NCBIGene:20238"
    both = build_matcher(terms + [term("Sca-1", "NCBIGene:12367", "gene", "alias")], {})
    (_, _, es), = longest_first(find(both, "Sca-1+ cells"))
    assert choose(es)[1] is None


def test_a_previous_symbol_beats_an_alias():
    # "NBS1" was NBN's symbol until it was renamed; NLRP2 lists it among its aliases
    from curation.annotate import choose

    terms = [term("NBS1", "NCBIGene:4683", "gene", "previous"), term("NBS1", "NCBIGene:55655", "gene", "alias")]
    (_, _, es), = longest_first(find(build_matcher(terms, {}), "NBS1 foci"))
    assert choose(es)[1:3] == ("NCBIGene:4683", ["NCBIGene:4683", "NCBIGene:55655"])


def test_a_gene_pinned_as_a_capitalised_word_matches_as_written():
    # "Twist" is TWIST1 as papers on EMT write it; "a twist" is the word. Other pinned terms keep their rules
    terms = [{**term("Twist", "NCBIGene:7291", "gene"), "term_kind": "curated"},
             {**term("Adriamycin", "mesh:D004317", "chemical"), "term_kind": "curated"}]
    assert concepts_found(terms, "Twist rose, a twist; adriamycin") == {
        "Twist": ["NCBIGene:7291"], "adriamycin": ["mesh:D004317"]}


def test_a_lower_case_gene_name_matches_capitalised_where_a_sentence_opens_with_it():
    terms = [term("beta-catenin", "NCBIGene:1499", "gene", "alias"), term("clathrin", "fplx:Clathrin", "gene", "famplex"),
             term("p16", "NCBIGene:1029", "gene", "alias"), term("eNOS", "NCBIGene:4846", "gene", "famplex")]
    assert concepts_found(terms, "Beta-catenin and Clathrin rose; beta-catenin fell") == {
        "Beta-catenin": ["NCBIGene:1499"], "Clathrin": ["fplx:Clathrin"], "beta-catenin": ["NCBIGene:1499"]}
    # a short or internally capitalised one keeps its case: "P16" and "ENOS" are not these names
    assert concepts_found(terms, "P16 and ENOS rose; p16 and eNOS fell") == {
        "p16": ["NCBIGene:1029"], "eNOS": ["NCBIGene:4846"]}
