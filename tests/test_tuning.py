"""What `curation.tuning` learns from training gold, on small literal corpora: each rule on its own."""
from curation.annotate import Annotator
from curation.evaluate import GoldDocument
from curation.lexicon import build_matcher
from curation.tuning import learn

TERMS = [
    {"term": "Alcohols", "concept_id": "mesh:D000438", "entity_type": "chemical", "term_kind": "name", "source": "t"},
    {"term": "Ethanol", "concept_id": "mesh:D000431", "entity_type": "chemical", "term_kind": "name", "source": "t"},
    {"term": "Syndrome", "concept_id": "mesh:D013577", "entity_type": "disease", "term_kind": "name", "source": "t"},
    {"term": "ERK", "concept_id": "fplx:ERK", "entity_type": "gene", "term_kind": "famplex", "source": "t"},
    {"term": "MAPK1", "concept_id": "NCBIGene:5594", "entity_type": "gene", "term_kind": "symbol", "source": "t"},
    {"term": "BDNF", "concept_id": "NCBIGene:627", "entity_type": "gene", "term_kind": "symbol", "source": "t"},
    {"term": "Contrast Media", "concept_id": "mesh:D003287", "entity_type": "chemical", "term_kind": "name", "source": "t"},
    {"term": "Doxorubicin", "concept_id": "mesh:D004317", "entity_type": "chemical", "term_kind": "name", "source": "t"},
    {"term": "ERK inhibitors", "concept_id": "mesh:D065607", "entity_type": "chemical", "term_kind": "name", "source": "t"},
]
TYPES = {t["concept_id"]: t["entity_type"] for t in TERMS}


def doc(i: int, text: str, gold: list[tuple[str, str, str]]) -> GoldDocument:
    """gold: (text, type, id) for the first occurrence of each text."""
    annotations = []
    for surface, etype, ident in gold:
        start = text.index(surface)
        annotations.append((start, start + len(surface), etype, frozenset({ident})))
    return GoldDocument(str(i), [(0, text)], annotations)


def run(corpus, families=frozenset({"fplx:ERK"}), types=TYPES):
    annotator = Annotator(build_matcher(TERMS, {}), {})
    stop, learned = learn(annotator, types, {"train": corpus}, families)
    return {(t, e) for t, e, _ in stop}, {t: c for t, c, _ in learned}


def test_a_missed_name_the_gold_gives_one_concept_is_learned():
    corpus = [doc(i, "Adriamycin was given.", [("Adriamycin", "chemical", "D004317")]) for i in range(3)]
    _, learned = run(corpus)
    assert learned == {"Adriamycin": "mesh:D004317"}


def test_a_short_text_is_learned_only_from_two_papers():
    # "DOX" four times in one abstract is that paper's abbreviation (which the abbreviation step reads there)
    one_paper = doc(1, "DOX was given. DOX was given.", [("DOX", "chemical", "D004317")])
    one_paper.annotations.append((15, 18, "chemical", frozenset({"D004317"})))
    _, learned = run([one_paper])
    assert learned == {}
    _, learned = run([one_paper, doc(2, "DOX was given.", [("DOX", "chemical", "D004317")])])
    assert learned == {"DOX": "mesh:D004317"}


def test_a_wrong_reading_is_corrected_when_most_of_the_gold_agrees():
    # 3 of 4 gold mentions (75%) say Ethanol; the vocabulary reads "alcohol" as the class Alcohols
    corpus = [doc(i, "Alcohol abuse.", [("Alcohol", "chemical", "D000431")]) for i in range(3)]
    corpus.append(doc(3, "Alcohol abuse.", [("Alcohol", "chemical", "D000438")]))
    _, learned = run(corpus)
    assert learned == {"Alcohol": "mesh:D000431"}


def test_a_name_mostly_seen_outside_the_gold_is_not_learned():
    gold = [doc(i, "Contrast was injected.", [("Contrast", "chemical", "D003287")]) for i in range(3)]
    silent = [doc(10 + i, "In contrast, nothing changed.", []) for i in range(4)]
    _, learned = run(gold + silent)
    assert learned == {}
    _, learned = run(gold + silent[:1])  # 3 of 4 occurrences are gold: precise enough
    assert learned == {"Contrast": "mesh:D003287"}


def test_a_family_is_never_learned_as_one_of_its_genes():
    corpus = [doc(i, "ERK was phosphorylated.", [("ERK", "gene", "5594")]) for i in range(4)]
    _, learned = run(corpus)
    assert "ERK" not in learned
    # FamPlex's own reading of the text stands even where the family list is not given
    _, learned = run(corpus, families=frozenset())
    assert "ERK" not in learned
    # a gene alias that is no family is corrected by the same gold
    alias = [{**t, "term_kind": "alias"} if t["term"] == "ERK" else t for t in TERMS]
    _, learned = learn(Annotator(build_matcher(alias, {}), {}), {**TYPES, "NCBIGene:5594": "gene"}, {"train": corpus})
    assert [(t, c) for t, c, _ in learned] == [("ERK", "NCBIGene:5594")]
    # where a longer match covers the gold span ("ERK inhibitors"), the text on its own still names the family
    corpus = [doc(i, "ERK inhibitors were given.", [("ERK", "gene", "5594")]) for i in range(4)]
    _, learned = run(corpus)
    assert "ERK" not in learned


def test_a_text_famplex_grounds_to_a_gene_is_not_relearned_as_another_gene():
    terms = TERMS + [{"term": "COX-2", "concept_id": "NCBIGene:5743", "entity_type": "gene", "term_kind": "famplex",
                      "source": "t"}]
    types = {**TYPES, "NCBIGene:5743": "gene", "NCBIGene:4513": "gene"}
    corpus = {"train": [doc(i, "COX-2 was induced.", [("COX-2", "gene", "4513")]) for i in range(4)]}
    _, learned = learn(Annotator(build_matcher(terms, {}), {}), types, corpus)
    assert learned == []
    as_alias = [{**terms[-1], "term_kind": "alias"}]  # the same gold does correct a mere HGNC alias
    _, learned = learn(Annotator(build_matcher(TERMS + as_alias, {}), {}), types, corpus)
    assert [(t, c) for t, c, _ in learned] == [("COX-2", "NCBIGene:4513")]
    # FamPlex's reading stands where another gene's symbol ranks first (the fly's mitochondrial "COX2")
    fly = [{"term": "COX2", "concept_id": "NCBIGene:19893535", "entity_type": "gene", "term_kind": "symbol", "source": "t"}]
    _, learned = learn(Annotator(build_matcher(terms + fly, {}), {}), {**types, "NCBIGene:19893535": "gene"}, corpus)
    assert learned == []


def test_a_term_is_stopped_when_its_concept_is_not_the_gold_one():
    # "syndrome" overlaps the gold "serotonin syndrome" every time, but never as the concept Syndrome
    corpus = [doc(i, "A serotonin syndrome developed.", [("serotonin syndrome", "disease", "D020230")]) for i in range(3)]
    stop, _ = run(corpus, types={**TYPES, "mesh:D020230": "disease"})
    assert ("syndrome", "disease") in stop
    # a gold ID the vocabularies do not have (OMIM, a retired MeSH ID) cannot tell: nothing is stopped
    stop, _ = run(corpus)
    assert ("syndrome", "disease") not in stop


def test_a_gene_is_not_stopped_because_the_gold_names_another_species_gene():
    # BioRED-style: the gold names the mouse Bdnf (12064) where HGNC gives the human BDNF
    corpus = [doc(i, "BDNF rose in mice.", [("BDNF", "gene", "12064")]) for i in range(4)]
    stop, learned = run(corpus)
    assert ("bdnf", "gene") not in stop and learned == {}  # NCBIGene:12064 is no concept of the vocabulary
    # a corpus that annotates genes but never this one: stopped
    corpus = [doc(i, "BDNF rose in mice.", []) for i in range(4)] + [doc(9, "MAPK1 too.", [("MAPK1", "gene", "5594")])]
    stop, _ = run(corpus)
    assert ("bdnf", "gene") in stop
    stop, _ = run(corpus[:4])  # a corpus that annotates no genes says nothing about them
    assert ("bdnf", "gene") not in stop


def test_occurrences_inside_a_longer_match_do_not_vouch_for_a_term():
    # "hemolytic" is gold inside "Hemolytic Syndrome" (matched whole by the vocabulary) but not on its own
    terms = TERMS + [{"term": "Hemolytic Syndrome", "concept_id": "mesh:D006463", "entity_type": "disease",
                      "term_kind": "name", "source": "t"}]
    types = {**TYPES, "mesh:D006463": "disease", "mesh:D006461": "disease"}
    learned_from = [doc(i, "Hemolytic was noted.", [("Hemolytic", "disease", "D006461")]) for i in range(2)]
    inside = [doc(10 + i, "Hemolytic Syndrome developed.", [("Hemolytic Syndrome", "disease", "D006463")])
              for i in range(4)]
    alone = [doc(20 + i, "Hemolytic activity was measured.", []) for i in range(2)]
    annotator = Annotator(build_matcher(terms, {}), {})
    _, learned = learn(annotator, types, {"train": learned_from + inside + alone})
    # counting the four occurrences inside the longer name, 6 of 8 would be gold; on their own, 2 of 4
    assert {t for t, _, _ in learned} == set()
    _, learned = learn(annotator, types, {"train": learned_from + inside + alone[:1]})
    assert {t for t, _, _ in learned} == {"Hemolytic"}


def test_a_match_exposed_by_a_stopped_term_is_judged_in_the_next_round():
    from curation.tuning import learn_until_stable
    terms = TERMS + [
        {"term": "Amino Acids", "concept_id": "mesh:D000596", "entity_type": "chemical", "term_kind": "name", "source": "t"},
        {"term": "Acids", "concept_id": "mesh:D000143", "entity_type": "chemical", "term_kind": "name", "source": "t"},
    ]
    types = {**TYPES, "mesh:D000596": "chemical", "mesh:D000143": "chemical"}
    corpus = [doc(i, "A protein of 655 amino acids.", []) for i in range(4)]
    corpus.append(doc(9, "Ethanol was given.", [("Ethanol", "chemical", "D000431")]))
    one_round, _ = learn_until_stable(terms, {}, {}, types, {"train": corpus}, rounds=1)
    assert {(t, e) for t, e, _ in one_round} == {("amino acids", "chemical")}
    stable, _ = learn_until_stable(terms, {}, {}, types, {"train": corpus})
    assert {(t, e) for t, e, _ in stable} == {("amino acids", "chemical"), ("acids", "chemical")}


def test_one_papers_usage_does_not_correct_the_vocabulary():
    # four gold mentions, all in one abstract, give "MMP-2" (the vocabulary's MMP2) to another gene
    terms = TERMS + [{"term": "MMP2", "concept_id": "NCBIGene:4313", "entity_type": "gene", "term_kind": "symbol", "source": "t"}]
    types = {**TYPES, "NCBIGene:4313": "gene", "NCBIGene:4130": "gene"}
    annotator = Annotator(build_matcher(terms, {}), {})
    one_paper = GoldDocument("1", [(0, "MMP-2 binds. MMP-2 moves. MMP-2 rests. MMP-2 stops.")],
                             [(i, i + 5, "gene", frozenset({"4130"})) for i in (0, 13, 26, 39)])
    _, learned = learn(annotator, types, {"train": [one_paper]})
    assert learned == []
    _, learned = learn(annotator, types, {"train": [one_paper, doc(2, "MMP-2 binds.", [("MMP-2", "gene", "4130")])]})
    assert [(t, c) for t, c, _ in learned] == [("MMP-2", "NCBIGene:4130")]
    # a reading as another type is a reading: the vocabulary's chemical "PGE2" is not relabelled as a gene
    # because one abstract's gold names the receptor gene so
    terms = TERMS + [{"term": "PGE2", "concept_id": "mesh:D015232", "entity_type": "chemical", "term_kind": "synonym",
                      "source": "t"}]
    one_paper = GoldDocument("4", [(0, "PGE2 binds. PGE2 moves. PGE2 rests.")],
                             [(i, i + 4, "gene", frozenset({"5732"})) for i in (0, 12, 24)])
    types = {**TYPES, "mesh:D015232": "chemical", "NCBIGene:5732": "gene"}
    _, learned = learn(Annotator(build_matcher(terms, {}), {}), types, {"train": [one_paper]})
    assert learned == []
    _, learned = learn(Annotator(build_matcher(terms, {}), {}), types,
                       {"train": [one_paper, GoldDocument("5", [(0, "PGE2 binds.")], [(0, 4, "gene", frozenset({"5732"}))])]})
    assert [(t, c) for t, c, _ in learned] == [("PGE2", "NCBIGene:5732")]
    # a name the vocabularies lack is learned from one paper's gold, as before
    _, learned = run([GoldDocument("3", [(0, "Adriamycin and Adriamycin.")],
                                   [(0, 10, "chemical", frozenset({"D004317"})), (15, 25, "chemical", frozenset({"D004317"}))])])
    assert learned == {"Adriamycin": "mesh:D004317"}


def test_a_name_one_corpus_never_annotates_is_not_learned_from_another():
    annotator = Annotator(build_matcher(TERMS, {}), {})
    annotating = [doc(i, "Adriamycin was given.", [("Adriamycin", "chemical", "D004317")]) for i in range(8)]
    # another chemical corpus writes the text five times and never annotates it
    silent = [doc(20 + i, "Adriamycin was given with Doxorubicin.", [("Doxorubicin", "chemical", "D004317")])
              for i in range(5)]
    _, learned = learn(annotator, TYPES, {"a": annotating, "b": silent})
    assert learned == []  # 8 of 13 occurrences pass the overall bar; corpus b contradicts it
    _, learned = learn(annotator, TYPES, {"a": annotating, "b": silent[:4]})  # too few occurrences to contradict
    assert [(t, c) for t, c, _ in learned] == [("Adriamycin", "mesh:D004317")]


def test_what_is_learned_is_judged_on_the_readings_the_species_step_gives():
    from curation.tuning import learn_until_stable
    # human CCL2 and mouse Ccl2 share the name; in mouse papers the gold gives the mouse gene
    terms = TERMS + [
        {"term": "CCL2", "concept_id": "NCBIGene:6347", "entity_type": "gene", "term_kind": "symbol", "source": "t"},
        {"term": "Ccl2", "concept_id": "NCBIGene:20296", "entity_type": "gene", "term_kind": "symbol", "source": "t"},
        {"term": "mice", "concept_id": "NCBITaxon:10090", "entity_type": "species", "term_kind": "curated", "source": "t"},
    ]
    types = {**TYPES, "NCBIGene:6347": "gene", "NCBIGene:20296": "gene", "NCBITaxon:10090": "species"}
    corpus = [doc(i, "Ccl2 rose in mice.", [("Ccl2", "gene", "20296")]) for i in range(4)]
    species = {"gene_taxa": {"NCBIGene:6347": "NCBITaxon:9606", "NCBIGene:20296": "NCBITaxon:10090"}}
    # without the species, the two readings tie and the tuner would pin "Ccl2" to the mouse gene everywhere
    _, blind = learn_until_stable(terms, {}, {}, types, {"train": corpus}, rounds=1)
    assert [(t, c) for t, c, _ in blind] == [("Ccl2", "NCBIGene:20296")]
    _, learned = learn_until_stable(terms, {}, {}, types, {"train": corpus}, rounds=1, species=species)
    assert learned == []


def _akt_annotator(**kwargs):
    terms = [{"term": term, "concept_id": concept, "entity_type": etype, "term_kind": kind, "source": "t"}
             for term, concept, etype, kind in [("Akt", "fplx:AKT", "gene", "famplex"), ("AKT1", "NCBIGene:207", "gene", "symbol"),
                                                ("Akt1", "NCBIGene:11651", "gene", "symbol"), ("AKT2", "NCBIGene:208", "gene", "symbol"),
                                                ("mice", "NCBITaxon:10090", "species", "curated"),
                                                ("rats", "NCBITaxon:10116", "species", "curated")]]
    names = {"NCBIGene:207": "AKT1", "NCBIGene:11651": "Akt1", "NCBIGene:208": "AKT2"}
    taxa = {"NCBIGene:207": "NCBITaxon:9606", "NCBIGene:208": "NCBITaxon:9606", "NCBIGene:11651": "NCBITaxon:10090"}
    return Annotator(build_matcher(terms, {}), {}, names, gene_taxa=taxa, **kwargs)


AKT_MEMBERS = {"fplx:AKT": frozenset({"NCBIGene:207", "NCBIGene:208"})}


def test_the_member_the_gold_gives_most_of_a_familys_mentions_is_its_usual_member():
    from curation.tuning import learn_usual_members
    # the gold gives "Akt" mouse Akt1 in a mouse paper: that is AKT1 too, through its ortholog
    corpus = [doc(1, "Akt was active.", [("Akt", "gene", "207")]),
              doc(2, "Akt was active in mice.", [("Akt", "gene", "11651")]),
              doc(3, "Akt was active.", [("Akt", "gene", "208")])]
    rows = learn_usual_members(_akt_annotator(), {"train": corpus}, AKT_MEMBERS)
    assert [(f, m) for f, m, _ in rows] == [("fplx:AKT", "NCBIGene:207")]
    assert "2/3 mentions" in rows[0][2] and "2 documents" in rows[0][2]


def test_no_usual_member_from_one_paper_a_minority_or_a_mention_of_several_members():
    from curation.tuning import learn_usual_members
    annotator = _akt_annotator()
    one_paper = doc(1, "Akt was active. Akt was active.", [("Akt", "gene", "207")])
    one_paper.annotations.append((16, 19, "gene", frozenset({"207"})))
    assert learn_usual_members(annotator, {"train": [one_paper]}, AKT_MEMBERS) == []
    # AKT1 in 2 of 5 mentions read as the family: no convention
    minority = [doc(i, "Akt was active.", [("Akt", "gene", "207")]) for i in range(2)]
    minority += [doc(10 + i, "Akt was active.", []) for i in range(3)]
    assert learn_usual_members(annotator, {"train": minority}, AKT_MEMBERS) == []
    both = [doc(i, "Akt was active.", [("Akt", "gene", "207")]) for i in range(3)]
    for d in both:
        d.annotations[0] = (*d.annotations[0][:3], frozenset({"207", "208"}))
    assert learn_usual_members(annotator, {"train": both}, AKT_MEMBERS) == []
    # a corpus that annotates no genes says nothing of them: its unannotated "Akt" counts against no member
    species_only = [doc(20 + i, "Akt was active in mice.", [("mice", "species", "10090")]) for i in range(3)]
    rows = learn_usual_members(annotator, {"genes": minority[:2], "species": species_only}, AKT_MEMBERS)
    assert [(f, m) for f, m, _ in rows] == [("fplx:AKT", "NCBIGene:207")]


def test_under_families_as_member_a_family_mention_is_its_usual_member_in_the_papers_species():
    usual = {"fplx:AKT": "NCBIGene:207"}
    passages = [{"passage_id": "p0", "offset": 0, "ordinal": 0, "text": "Akt was active in mice."}]
    kept = _akt_annotator(usual_members=usual).annotate("d", passages)["mentions"]
    assert [(m["text"], m["concept_id"], m["method"]) for m in kept if m["entity_type"] == "gene"] == [
        ("Akt", "fplx:AKT", "dictionary")]  # the convention is off by default: the text names the family
    as_member = _akt_annotator(usual_members=usual, families_as_member=True)
    mouse = as_member.annotate("d", passages)["mentions"]
    gene = next(m for m in mouse if m["entity_type"] == "gene")
    assert (gene["concept_id"], gene["method"], gene["candidates"][:2]) == ("NCBIGene:11651", "family_member",
                                                                              ["NCBIGene:11651", "fplx:AKT"])
    human = as_member.annotate("d", [{**passages[0], "text": "Akt was active."}])["mentions"]
    assert [m["concept_id"] for m in human] == ["NCBIGene:207"]
    # the vocabulary has no rat Akt1: the family stays, rather than the human gene in a rat paper
    rat = as_member.annotate("d", [{**passages[0], "text": "Akt was active in rats."}])["mentions"]
    assert [(m["text"], m["concept_id"]) for m in rat] == [("Akt", "fplx:AKT"), ("rats", "NCBITaxon:10116")]
