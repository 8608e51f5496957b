"""Check what inputs claim about entities (summary entity lists) against the vocabularies.

A claim is a (name, identifier) pair as written. The checks, each a flag kind a curator can filter on:

- ``wrong_concept``: the name means another concept of the same type (ERK is not EPHB2);
- ``family_as_gene``: the name (or a listed alias) is a protein family, claimed as one gene (PI3K, ERK1/2);
- ``not_human``: an NCBI Gene ID that HGNC does not list for any human gene (778596, a non-human erk);
- ``unknown_identifier``: the identifier is not in the vocabularies at all;
- ``name_not_a_term``: the claimed concept exists but does not have this name (PBS is not a name of Lead);
- ``alias_conflict``: a listed alias is another gene's symbol in HGNC/FamPlex (Met is MET, not SLTM);
- ``name_not_in_vocabulary``: neither the name nor the identifier is known (cell lines beyond the curated
  table: point the config at cellosaurus.txt to check them all).

Claims the vocabularies agree with, or cannot contradict, are not flagged.
"""
from __future__ import annotations

import json
from pathlib import Path

from schemas.tables import broader_type

from .lexicon import term_key

GENE_FAMILY = "fplx:"


class ClaimChecker:
    def __init__(self, annotator, concepts: dict[str, dict], concept_terms: dict[str, set[str]],
                 xref_to_mesh: dict[str, str] | None = None, pubchem_to_mesh: dict[str, str] | None = None):
        self.annotator = annotator
        self.concepts = concepts
        self.concept_terms = concept_terms  # concept_id -> folded keys of its terms
        self.xref_to_mesh = xref_to_mesh or {}
        self.pubchem_to_mesh = pubchem_to_mesh or {}

    def _describe(self, concept_id: str) -> str:
        c = self.concepts.get(concept_id)
        if not c:
            return concept_id
        members = c.get("members") or []
        names = [self.concepts.get(m, {}).get("preferred_name", m) for m in list(members)[:4]]
        family = f" (family: {', '.join(names)}{', ...' if len(members) > 4 else ''})" if c.get("is_family") else ""
        return f"{concept_id} {c['preferred_name']}{family}"

    def _is_name_of(self, name: str, concept_id: str) -> bool:
        keys = self.concept_terms.get(concept_id, set())
        key = term_key(name)
        return key in keys or key + "s" in keys or (key.endswith("s") and key[:-1] in keys)

    def _resolve(self, name: str) -> str | None:
        resolved = self.annotator.resolve_text(name)
        return resolved[1] if resolved else None

    def claimed_concept(self, curie: str | None) -> str | None:
        if not curie:
            return None
        prefix = curie.split(":", 1)[0]
        if prefix in ("mondo", "doid"):
            return self.xref_to_mesh.get(curie, curie)
        if prefix == "pubchem.compound":
            return self.pubchem_to_mesh.get(curie.split(":", 1)[1], curie)
        return curie

    def check(self, claim: dict) -> list[dict]:
        name, curie = claim["name"], claim.get("curie")
        if not curie:
            return []
        claimed = self.claimed_concept(curie)
        checkable = claimed.split(":", 1)[0] in ("NCBIGene", "mesh", "cellosaurus", "NCBITaxon", "fplx")
        resolved = self._resolve(name)
        flags = []

        def flag(kind, says, why):
            flags.append({"flag": kind, "vocabulary_says": says, "explanation": why})

        known = claimed in self.concepts
        if claimed.startswith("NCBIGene:") and not known:
            flag("not_human", self._describe(resolved) if resolved else None,
                 f"NCBI Gene {claimed.split(':')[1]} is not a human gene in HGNC; the claim names {name!r}.")
        elif checkable and not known and claimed.split(":")[0] != "cellosaurus":
            flag("unknown_identifier", self._describe(resolved) if resolved else None,
                 f"{claimed} is not in the vocabularies as a {claim['entity_type']}.")
        same_type = resolved and broader_type(self.concepts.get(resolved, {}).get("entity_type", "")) == claim["entity_type"]
        if same_type and resolved != claimed:
            if resolved.startswith(GENE_FAMILY) and not claimed.startswith(GENE_FAMILY):
                flag("family_as_gene", self._describe(resolved),
                     f"{name!r} names the protein family {self._describe(resolved)}, not the single gene {self._describe(claimed)}.")
            elif known:
                flag("wrong_concept", self._describe(resolved),
                     f"{name!r} means {self._describe(resolved)}, not {self._describe(claimed)}.")
        elif not same_type and known and not self._is_name_of(name, claimed):
            flag("name_not_a_term", self._describe(claimed),
                 f"{name!r} is not a name of {self._describe(claimed)} in the vocabularies; confirm it from the text.")
        if claim["entity_type"] == "cell_line" and not known and not resolved:
            flag("name_not_in_vocabulary", None,
                 f"Neither {name!r} nor {claimed} is in the cell-line vocabulary, so the claimed entry cannot be confirmed.")
        for alias in claim.get("aliases") or []:
            target = self._resolve(alias)
            if not target or target == claimed:
                continue
            if target.startswith(GENE_FAMILY):
                flag("family_as_gene", self._describe(target),
                     f"Alias {alias!r} of {name} names the protein family {self._describe(target)}, not this one gene.")
            elif broader_type(self.concepts.get(target, {}).get("entity_type", "")) == claim["entity_type"] \
                    and self.concepts[target]["preferred_name"].lower() == alias.lower():
                flag("alias_conflict", self._describe(target),
                     f"Alias {alias!r} of {name} is the symbol of {self._describe(target)}; text saying {alias!r} most likely means that gene.")
        seen, out = set(), []
        for f in flags:
            if f["flag"] not in seen:
                seen.add(f["flag"])
                out.append(f)
        return out

    def check_all(self, claims: list[dict]) -> list[dict]:
        rows = []
        for claim in claims:
            for f in self.check(claim):
                rows.append({"doc_id": claim["doc_id"], "flag_id": f"{claim['claim_id']}.{f['flag']}",
                             "claim_id": claim["claim_id"], "claim": f"{claim['name']} -> {claim.get('curie')}", **f})
        return rows


def load_xrefs(mondo_json: Path | None, pubchem_tsv: Path | None) -> tuple[dict[str, str], dict[str, str]]:
    """MONDO/DOID -> MeSH (unambiguous cross-references only) and PubChem CID -> MeSH."""
    xrefs: dict[str, str] = {}
    if mondo_json:
        for entry in json.loads(Path(mondo_json).read_text(encoding="utf-8")):
            meshes = [x["id"] for x in entry.get("xrefs", []) if x.get("namespace") == "MESH"]
            if len(meshes) == 1:
                xrefs[f"{entry.get('namespace', 'mondo').lower()}:{entry['id']}"] = f"mesh:{meshes[0]}"
    pubchem: dict[str, str] = {}
    if pubchem_tsv:
        with open(pubchem_tsv, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) >= 2:
                    pubchem.setdefault(parts[0], f"mesh:{parts[1]}")
    return xrefs, pubchem
