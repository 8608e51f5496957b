"""Learn from training splits (never dev or test): which terms to add and which to stop matching.

``python -m curation.tuning`` builds the vocabulary *without* the tables it writes (so a run never learns
from its own output), runs that annotator over the training corpora named below, and rewrites three curated
tables that the vocabulary step reads like any other, each row with its evidence:

- ``learned_terms.tsv``: a text the gold gives one concept (at least 75% of its gold mentions, in all
  training corpora together) that the vocabularies miss or normalise differently ("adriamycin" ->
  Doxorubicin; "alcohol" -> Ethanol, not the class Alcohols), kept only if most of the text's occurrences
  in the training text are gold mentions: a term that is gold in 9 of its 74 occurrences ("contrast")
  would cost more than it finds; and not if one corpus writes it often and almost never annotates it
  (BioRED's "inflammatory" as Inflammation, which BC5CDR never annotates);
- ``learned_stoplist.tsv``: terms the annotator matches that the gold almost never annotates with that
  type and concept ("drug" as a chemical; "syndrome" as the concept Syndrome), in rounds until the list
  is stable, because stopping a term exposes the shorter matches inside it ("acids" in "amino acids");
- ``learned_family_members.tsv``: the member gene the gold gives most of a protein family's mentions ("Akt"
  is AKT1, "VEGF" VEGFA, "JNK" MAPK8), which those mentions take under the ``families_as_member``
  annotation convention only; the pipeline's own reading keeps the family.

A corpus speaks only for the entity types it annotates: NCBI Disease says nothing about chemicals.
Review the diff of those files like code: they change what the pipeline finds.
"""
from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

from schemas.tables import broader_type

from .annotate import HUMAN, Annotator
from .evaluate import (GoldDocument, embedded_mesh_ids, embedded_omim_equivalents, passages_of, read_gold,
                       retired_mesh_equivalents, with_equivalents)
from .lexicon import build_matcher, find, longest_first, term_key

TRAINING = {  # corpus -> (path below the shared gold folder, format)
    "bc5cdr_train": ("bc5cdr/CDR_TrainingSet.PubTator.txt", "pubtator"),
    "ncbi_disease_train": ("ncbi_disease/NCBItrainset_corpus.txt", "pubtator"),
    "biored_train": ("biored/Train.BioC.XML", "bioc_xml"),
}
PREFIX = {"gene": "NCBIGene", "chemical": "mesh", "disease": "mesh", "species": "NCBITaxon", "cell_line": "cellosaurus"}
MIN_GOLD = 2            # gold mentions of a text before it can be learned
MIN_DOCUMENTS = 2       # documents a correction of the vocabularies' reading needs: one paper's usage is not a
                        # convention (one BioRED abstract gives "MMP-2" to MAP1A, not MMP2)
SHORT_TEXT = 3          # a text this short ("CB", "LA", "MEF") is one paper's abbreviation unless MIN_DOCUMENTS
                        # papers write it: the abbreviation step reads a paper's own definitions anyway
AGREEMENT = 0.75        # share of those mentions that name the learned concept
MIN_PRECISION = 0.6     # share of the text's occurrences in the training text that are gold mentions
CONTRADICTION_MIN = 5   # a corpus with this many occurrences of a text, of which under
CONTRADICTION_SHARE = 0.2  # this share are gold, contradicts learning it: BioRED annotates "inflammatory"
                        # as Inflammation (34 of 45), BC5CDR never does (0 of 14); the text is left as the
                        # vocabularies read it
MEMBER_SHARE = 0.5      # share of a family's mentions whose gold gives that one member, for it to be the usual one
STOP_MIN_WRONG = 3      # matches outside the gold before a term is stopped
STOP_MAX_PRECISION = 0.2


def annotated_types(docs: list[GoldDocument]) -> set[str]:
    return {a[2] for d in docs for a in d.annotations} - {"variant"}


def _gold_overlaps(doc: GoldDocument, etype: str, start: int, end: int, concept: str | None = None,
                   known: dict[str, str] | None = None) -> bool:
    """A gold mention of the type overlaps [start, end) (boundaries are not the term's fault) and, when a
    concept is given, names it: "syndrome" inside a gold "serotonin syndrome" is no hit for Syndrome. A gold
    mention whose IDs name no concept of the vocabularies (`known`) cannot tell, and counts as agreeing."""
    local = concept.split(":", 1)[1] if concept else None

    def agrees(ids) -> bool:
        return local is None or local in ids or (known is not None and not any(f"{PREFIX[etype]}:{i}" in known for i in ids))
    return any(a[2] == etype and a[0] < end and start < a[1] and agrees(a[3]) for a in doc.annotations)


def learn(annotator: Annotator, concept_types: dict[str, str], corpora: dict[str, list[GoldDocument]],
          families: frozenset[str] = frozenset()):
    """(stop-list rows, learned-term rows): (term, entity_type, why) and (term, concept_id, why).

    families: concepts that are protein families; a text the annotator reads as a family is never
    learned as one member gene, whatever a corpus's convention ("ERK" stays fplx:ERK, not MAPK1).
    """
    gold_concepts = defaultdict(Counter)   # (key, type) -> gold concept -> mentions
    gold_documents = defaultdict(set)      # (key, type, concept) -> documents whose gold names it so
    read_otherwise = set()                 # (key, type) the vocabularies give another concept somewhere
    not_found = Counter()                  # (key, type) -> gold mentions the annotator did not give that concept
    written = defaultdict(Counter)         # (key, type) -> text as written -> mentions
    family_readings = set()                # (key, type) the annotator reads as a protein family
    predicted = defaultdict(lambda: defaultdict(lambda: [0, 0]))  # (key, type) -> corpus -> [gold, not gold]
    for corpus, docs in corpora.items():
        types = annotated_types(docs)
        for doc in docs:
            passages = passages_of(doc)
            text_at = {p["offset"]: p["text"] for p in passages}
            # the gold has no chemical roles: a role is judged as the chemical the gold would have to call it
            mentions = [{**m, "entity_type": broader_type(m["entity_type"])}
                        for m in annotator.annotate("0" * 16, passages)["mentions"]]
            by_span = {(m["start"], m["end"], m["entity_type"]): m["concept_id"] for m in mentions}
            # a reading as another type is a reading too: MeSH's "PGE2" is the chemical Dinoprostone, so
            # one BioRED abstract that names the receptor gene PTGER2 so is a correction, not a new name
            read_as = {(m["start"], m["end"]): m["concept_id"] for m in mentions if m["concept_id"]}
            for m in mentions:
                if m["entity_type"] in types:
                    key = (term_key(m["text"]), m["entity_type"])
                    # a gene's concept is no test: the gold names the mouse gene where we name the human one
                    # (HGNC is human only) and one gene where we keep the FamPlex family (Akt)
                    concept = None if m["entity_type"] == "gene" else m["concept_id"]
                    right = _gold_overlaps(doc, m["entity_type"], m["start"], m["end"], concept, concept_types)
                    predicted[key][corpus][0 if right else 1] += 1
            for start, end, etype, ids in doc.annotations:
                if etype not in PREFIX or len(ids) != 1:
                    continue
                offset = max(o for o in text_at if o <= start)
                text = text_at[offset][start - offset:end - offset]
                concept = f"{PREFIX[etype]}:{next(iter(ids))}"
                key = (term_key(text), etype)
                gold_concepts[key][concept] += 1
                gold_documents[(*key, concept)].add((corpus, doc.doc_id))
                written[key][text] += 1
                found = by_span.get((start, end, etype))
                if found in families:
                    family_readings.add(key)
                elif found != concept:
                    not_found[key] += 1
                    if found is not None or read_as.get((start, end), concept) != concept:
                        read_otherwise.add(key)

    def read_as_family(text: str) -> bool:
        # the text on its own, as the annotator reads it: its gold span may lie inside a longer match
        # ("ERK" inside "ERK inhibitors"), which hides the family reading there. FamPlex's grounding map is
        # curated text -> gene: three BioRED abstracts whose gold gives "COX-2" to MT-CO2 (it is PTGS2,
        # cyclooxygenase-2, in a PGE2 paper) do not overrule it
        # (FamPlex's reading counts as one candidate among others too: a fly gene's symbol "COX2" ranks first
        # where no species is named, as here)
        return any(set(m.candidates) & families or m.kind == "famplex"
                   or any(e.kind == "famplex" for e in m.entries.values())
                   for m in annotator.dictionary(text) if m.start == 0 and m.end == len(text))

    candidates = {}
    for key, counts in gold_concepts.items():
        concept, n = counts.most_common(1)[0]
        total = sum(counts.values())
        text = written[key].most_common(1)[0][0]
        if (total >= MIN_GOLD and n >= AGREEMENT * total and not_found[key] >= MIN_GOLD and len(key[0]) >= 2
                and (key not in read_otherwise and len(key[0]) > SHORT_TEXT
                     or len(gold_documents[(*key, concept)]) >= MIN_DOCUMENTS)
                and concept_types.get(concept) == key[1] and key not in family_readings
                and not (key[1] == "gene" and read_as_family(text))):
            candidates[key] = (text, concept, n, total)
    occurrences = _occurrences(candidates, corpora, annotator)
    learned, learned_keys = [], set()
    for key, (text, concept, n, total) in sorted(candidates.items()):
        by_corpus = occurrences.get(key, {})
        gold, seen = sum(g for g, _ in by_corpus.values()), sum(n for _, n in by_corpus.values())
        contradicted = any(n >= CONTRADICTION_MIN and g < CONTRADICTION_SHARE * n for g, n in by_corpus.values())
        if seen and gold >= MIN_PRECISION * seen and not contradicted:
            documents = len(gold_documents[(*key, concept)])
            learned.append((text, concept, f"training gold: {n}/{total} mentions of this text have this concept "
                                           f"(in {documents} documents), "
                                           f"{not_found[key]} not found by the vocabularies; {gold}/{seen} of its "
                                           f"occurrences in the training text are gold"))
            learned_keys.add(key)

    stop = []
    for key, by_corpus in sorted(predicted.items()):
        if key in learned_keys:
            continue
        hits = sum(v[0] for v in by_corpus.values())
        wrong = sum(v[1] for v in by_corpus.values())
        if wrong >= STOP_MIN_WRONG and hits <= STOP_MAX_PRECISION * (hits + wrong):
            evidence = "; ".join(f"{c}: {v[0]}/{v[0] + v[1]} matches were gold" for c, v in sorted(by_corpus.items()))
            stop.append((key[0], key[1], evidence))
    return stop, learned


def learn_usual_members(annotator: Annotator, corpora: dict[str, list[GoldDocument]],
                        members: dict[str, frozenset[str]]) -> list[tuple[str, str, str]]:
    """(family, member, why): the one member gene (human) the gold gives at least MEMBER_SHARE of the
    mentions the annotator reads as that family, in at least MIN_GOLD mentions of MIN_DOCUMENTS documents.
    A gold ID of another species counts as its human ortholog (mouse Akt1 is AKT1); a gold mention giving
    several members ("ERK1/2" as MAPK3 and MAPK1) names no one member. Only corpora that annotate genes speak."""
    taxa = annotator.gene_taxa

    def human(gene_id: str) -> str | None:
        concept = f"NCBIGene:{gene_id}"
        if taxa.get(concept) == HUMAN:
            return concept
        return next((o for o in annotator.orthologs_of(concept) if taxa.get(o) == HUMAN), None)

    given = defaultdict(Counter)      # family -> member -> mentions whose gold gives it alone
    documents = defaultdict(set)      # (family, member) -> documents
    read = Counter()                  # family -> mentions read as it
    for corpus, docs in corpora.items():
        if "gene" not in annotated_types(docs):
            continue
        for doc in docs:
            for m in annotator.annotate("0" * 16, passages_of(doc))["mentions"]:
                family = m["concept_id"]
                if m["entity_type"] != "gene" or family not in members:
                    continue
                read[family] += 1
                named = {human(i) for a in doc.annotations if a[2] == "gene" and a[0] < m["end"] and m["start"] < a[1]
                         for i in a[3]} & members[family]
                if len(named) == 1:
                    member = named.pop()
                    given[family][member] += 1
                    documents[(family, member)].add((corpus, doc.doc_id))
    rows = []
    for family, counts in sorted(given.items()):
        member, n = counts.most_common(1)[0]
        docs_n = len(documents[(family, member)])
        if n >= MIN_GOLD and docs_n >= MIN_DOCUMENTS and n >= MEMBER_SHARE * read[family]:
            rows.append((family, member, f"training gold: {n}/{read[family]} mentions read as this family are "
                                         f"this member (in {docs_n} documents)"))
    return rows


def _occurrences(candidates: dict, corpora: dict[str, list[GoldDocument]],
                 annotator: Annotator) -> dict[tuple[str, str], dict[str, tuple[int, int]]]:
    """(key, type) -> corpus -> (occurrences that are gold mentions of the type, all occurrences), matched
    like the annotator matches (same folding, case rules and variants), in the corpora that annotate the type.

    An occurrence inside a longer match of the vocabularies does not count either way: the annotator
    keeps the longer match there ("hemolytic" in "hemolytic anemia" says nothing about "hemolytic")."""
    matcher = build_matcher([{"term": text, "concept_id": concept, "entity_type": key[1], "term_kind": "curated",
                              "source": "candidate"} for key, (text, concept, _, _) in candidates.items()], {})
    counts = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    for corpus, docs in corpora.items():
        types = annotated_types(docs)
        for doc in docs:
            for offset, text in doc.passages:
                longer = None
                for start, end, entries in longest_first(find(matcher, text)):
                    etypes = {e.entity_type for e in entries} & types
                    if not etypes:
                        continue
                    if longer is None:
                        longer = [(m.start, m.end) for m in annotator.dictionary(text)]
                    if any(a <= start and end <= b and b - a > end - start for a, b in longer):
                        continue
                    for etype in etypes:
                        c = counts[(term_key(text[start:end]), etype)][corpus]
                        c[0] += _gold_overlaps(doc, etype, offset + start, offset + end)
                        c[1] += 1
    return {k: {corpus: tuple(v) for corpus, v in by_corpus.items()} for k, by_corpus in counts.items()}


def write_usual_members(rows, directory: Path) -> None:
    with open(directory / "learned_family_members.tsv", "w", encoding="utf-8") as fh:
        fh.write("# Generated by `python -m curation.tuning` from the training splits; review changes like code.\n"
                 "# Read only under the annotation convention families_as_member.\n"
                 "family\tmember\twhy\n")
        for family, member, why in rows:
            fh.write(f"{family}\t{member}\t{why}\n")


def write(stop, learned, directory: Path) -> None:
    header = "# Generated by `python -m curation.tuning` from the training splits; review changes like code.\n"
    with open(directory / "learned_stoplist.tsv", "w", encoding="utf-8") as fh:
        fh.write(header + "term\tentity_type\twhy\n")
        for term, etype, why in stop:
            fh.write(f"{term}\t{etype}\t{why}\n")
    with open(directory / "learned_terms.tsv", "w", encoding="utf-8") as fh:
        fh.write(header + "term\tconcept_id\twhy\n")
        for term, concept, why in learned:
            fh.write(f"{term}\t{concept}\t{why}\n")


def learn_until_stable(terms: list[dict], stoplist: dict[str, set[str]], names: dict[str, str],
                       concept_types: dict[str, str], corpora: dict[str, list[GoldDocument]],
                       families: frozenset[str] = frozenset(), rounds: int = 3, first: Annotator | None = None,
                       species: dict | None = None):
    """learn(), repeated with the stop-list found so far until it stops growing.

    Stopping a term can expose a shorter match inside it: once "amino acids" is stopped as a chemical,
    "acids" matches there as the class Acids. The next round judges such matches on their own. Terms are
    learned in the first round only, against the vocabularies' own reading. `first`: the annotator of `terms`
    and `stoplist` when the caller has built it already (building one takes most of a minute). `species`: the
    Annotator's species arguments (gene_taxa, cell_line_taxa, own_gene_species, species_cues, orthologs,
    gene_symbols_as, genes_unnamed; and full_names), so that what is
    learned is judged on the readings the pipeline gives (human and mouse genes share names).
    """
    stop_rows: dict[tuple[str, str], tuple[str, str, str]] = {}
    learned = None
    current = {k: set(v) for k, v in stoplist.items()}
    for round_ in range(rounds):
        annotator = first if round_ == 0 and first is not None else Annotator(build_matcher(terms, current), {}, names, **(species or {}))
        stop, learned_now = learn(annotator, concept_types, corpora, families)
        if learned is None:
            learned = learned_now
            learned_keys = {(term_key(t), concept_types.get(c)) for t, c, _ in learned}
        new = [row for row in stop if (row[0], row[1]) not in stop_rows and (row[0], row[1]) not in learned_keys]
        if not new:
            break
        for row in new:
            stop_rows[(row[0], row[1])] = row
            current.setdefault(row[0], set()).add(row[1])
    return sorted(stop_rows.values()), learned


def base_vocabulary(settings: dict, curated_dir: Path):
    """(terms, curated stop-list, concept -> preferred name, concept -> entity type, families, the Annotator's
    species arguments (and full names), family -> its member genes) of the vocabulary without the learned tables."""
    from . import vocabulary as V
    from .vocab_stage import build, curated_stoplist

    vocab = build(settings, curated_dir, learned=False)
    names = {cid: c["preferred_name"] for cid, c in vocab.concepts.items()}
    families = frozenset(cid for cid, c in vocab.concepts.items() if c["is_family"])
    taxa = {etype: {cid: c["taxon"] for cid, c in vocab.concepts.items() if c["entity_type"] == etype and c["taxon"]}
            for etype in ("gene", "cell_line")}
    species = {"gene_taxa": taxa["gene"], "cell_line_taxa": taxa["cell_line"],
               "own_gene_species": frozenset(vocab.own_gene_species), "species_cues": dict(vocab.species_cues),
               "orthologs": dict(vocab.orthologs), "gene_symbols_as": dict(vocab.gene_symbols_as),
               "genes_unnamed": frozenset(vocab.genes_unnamed),
               "full_names": {cid: c["full_name"] for cid, c in vocab.concepts.items() if c.get("full_name")}}
    members = {cid: frozenset(V.member_genes(vocab.concepts, cid)) for cid, c in vocab.concepts.items() if c["is_family"]}
    return (vocab.terms, curated_stoplist(vocab, curated_dir, learned=False), names,
            {cid: broader_type(c["entity_type"]) for cid, c in vocab.concepts.items()}, families, species, members)


def main() -> None:
    import yaml

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default="../shared/corpora/gold")
    parser.add_argument("--config", default="config/config.yaml", help="its `vocabularies:` say which sources to use")
    parser.add_argument("--out", default="config/vocabulary")
    args = parser.parse_args()
    settings = (yaml.safe_load(Path(args.config).read_text()) or {}).get("vocabularies", {})
    terms, stoplist, names, concept_types, families, species, members = base_vocabulary(settings, Path(args.out))
    # the gold's OMIM and retired MeSH IDs, translated as the evaluation translates them
    equivalents = embedded_omim_equivalents(args.out)
    corpora = {name: read_gold(str(Path(args.gold) / rel), fmt) for name, (rel, fmt) in TRAINING.items()}
    annotator = Annotator(build_matcher(terms, stoplist), {}, names, **species)
    mesh_ids = embedded_mesh_ids(args.out)
    for docs in corpora.values():
        equivalents.update(retired_mesh_equivalents(docs, annotator, mesh_ids) if mesh_ids else {})
    corpora = {name: with_equivalents(docs, equivalents) for name, docs in corpora.items()}
    stop, learned = learn_until_stable(terms, stoplist, names, concept_types, corpora, families, first=annotator,
                                       species=species)
    write(stop, learned, Path(args.out))
    # the convention's own reading, before any usual member: "ERK1/2" is its two genes there, not the family
    as_members = Annotator(annotator.matcher, {}, names, **species, families_as_member=True)
    usual = learn_usual_members(as_members, corpora, members)
    write_usual_members(usual, Path(args.out))
    print(f"{len(stop)} stop-list rows, {len(learned)} learned terms, {len(usual)} families' usual members "
          f"written to {args.out}")


if __name__ == "__main__":
    main()
