"""Where did this fact come from? ``python -m curation.audit <relation_id | mention_id | concept_id | SUBJECT OBJECT>``.

A relation (by ID, or every relation between two concepts, e.g. ``NCBIGene:6347 NCBIGene:6774``) is shown
with each of its evidence rows: the sentence with subject and object marked, the rule, the epistemic flags,
and the same audit-time checks as its two mentions. For each mention it prints the document, section, the sentence with the mention marked, the input file
and its sha256, the character range, the method, the vocabulary version and the dataset version -- and
re-checks at audit time that the input file still has that sha256, that re-parsing it gives the same
passage text, and that the range still slices to the mention's text.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .dataset import read as read_version_table
from .readers import read_documents


@dataclass
class Check:
    what: str
    ok: bool
    detail: str = ""

    def __str__(self) -> str:
        return f"{'ok ' if self.ok else 'FAILED'} {self.what}{': ' + self.detail if self.detail else ''}"


class Dataset:
    def __init__(self, directory: str | Path):
        self.dir = Path(directory).resolve()
        self.manifest = json.loads((self.dir / "manifest.json").read_text())
        self._tables: dict[str, pd.DataFrame] = {}

    def table(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            self._tables[name] = read_version_table(self.dir, name)
        return self._tables[name]


def recheck(dataset: Dataset, mention: pd.Series, inputs_root: Path) -> list[Check]:
    doc = dataset.table("documents").set_index("doc_id").loc[mention.doc_id]
    passages = dataset.table("passages")
    passage = passages[passages.passage_id == mention.passage_id].iloc[0]
    checks = []
    path = inputs_root / doc.source_path
    if not path.is_file():
        return [Check(f"input file {doc.source_path}", False, "not found (run from the directory the inputs were named in, or pass --inputs-root)")]
    data = path.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    checks.append(Check("input file sha256", sha == doc.source_sha256, sha if sha != doc.source_sha256 else ""))
    if sha != doc.source_sha256:
        return checks
    _, docs = read_documents(data)
    reparsed = docs[int(doc.article_index)].passages
    ordinal = int(passage.ordinal)
    same = ordinal < len(reparsed) and reparsed[ordinal].text == passage.text
    checks.append(Check("passage text re-derived from the input", same))
    local = passage.text[mention.start - passage.offset:mention.end - passage.offset]
    checks.append(Check(f"characters {mention.start}-{mention.end} slice to the mention", local == mention.text, repr(local)))
    if pd.notna(passage.source_start):
        text = data.decode("utf-8-sig")
        span = " ".join(text[int(passage.source_start):int(passage.source_end)].split())
        checks.append(Check(f"input characters {int(passage.source_start)}-{int(passage.source_end)} hold the passage", span == passage.text))
    return checks


def describe(dataset: Dataset, mention: pd.Series, inputs_root: Path) -> tuple[str, bool]:
    docs = dataset.table("documents").set_index("doc_id")
    doc = docs.loc[mention.doc_id]
    passages = dataset.table("passages")
    passage = passages[passages.passage_id == mention.passage_id].iloc[0]
    sentences = dataset.table("sentences")
    inside = sentences[(sentences.passage_id == mention.passage_id) & (sentences.start <= mention.start)
                       & (sentences.end >= mention.end)]
    s_start, s_end = (int(inside.iloc[0].start), int(inside.iloc[0].end)) if len(inside) else (int(passage.offset), int(passage.offset) + len(passage.text))
    text = passage.text
    a, b = s_start - passage.offset, s_end - passage.offset
    m0, m1 = mention.start - passage.offset, mention.end - passage.offset
    marked = f"{text[a:m0]}[[{text[m0:m1]}]]{text[m1:b]}"
    concepts = dataset.table("concepts").set_index("concept_id")
    name = concepts.loc[mention.concept_id, "preferred_name"] if mention.concept_id in concepts.index else None
    section = " > ".join(passage.section_path) or "(none)"
    where = (f"element {passage.source_xpath} (line {int(passage.source_line)})" if pd.notna(passage.source_xpath)
             else f"characters {int(passage.source_start)}-{int(passage.source_end)}" if pd.notna(passage.source_start) else "")
    checks = recheck(dataset, mention, inputs_root)
    ids = [f"{label}{v}" for label, v in (("doi:", doc.doi), ("PMID:", doc.pmid), ("", doc.pmcid)) if isinstance(v, str)]
    lines = [
        f"mention {mention.mention_id}: {mention.text!r} {mention.entity_type} -> {mention.concept_id or '(ambiguous)'}"
        + (f" ({name})" if name else ""),
        f"  method: {mention.method}" + (f", term {mention.matched_term!r}" if isinstance(mention.matched_term, str) else "")
        + f", confidence {mention.confidence:.2f}" + (f", candidates {', '.join(mention.candidates)}" if len(mention.candidates) > 1 else ""),
        f"  vocabulary: {mention.vocabulary_version}",
        f"  document: {doc.title} ({', '.join(ids) or 'no identifiers'})",
        f"  section: {section} [{passage.kind}, {passage.passage_id}]",
        f"  sentence ({s_start}-{s_end}): {marked}",
        f"  input: {doc.source_path} sha256 {doc.source_sha256} {where}",
        f"  dataset: {dataset.manifest['version']}",
        *[f"  check: {c}" for c in checks],
    ]
    return "\n".join(lines), all(c.ok for c in checks)


def describe_relation(dataset: Dataset, relation: pd.Series, inputs_root: Path, limit: int) -> tuple[str, bool]:
    concepts = dataset.table("concepts").set_index("concept_id")
    name = lambda c: f"{concepts.loc[c, 'preferred_name']} ({c})" if c in concepts.index else c
    arrow = "->" if relation.directed else "--"
    lines = [f"relation {relation.relation_id}: {name(relation.subject_concept)} {arrow}[{relation.predicate}, "
             f"{relation.relation_type}]{arrow} {name(relation.object_concept)}",
             f"  {relation.n_evidence} evidence row(s) in {relation.n_documents} document(s), confidence {relation.confidence:.2f}",
             f"  dataset: {dataset.manifest['version']}"]
    evidence = dataset.table("evidence")
    mentions = dataset.table("mentions").set_index("mention_id")
    passages = dataset.table("passages").set_index("passage_id")
    docs = dataset.table("documents").set_index("doc_id")
    ok = True
    for e in evidence[evidence.relation_id == relation.relation_id].head(limit).itertuples(index=False):
        p = passages.loc[e.passage_id]
        s_, o_ = mentions.loc[e.subject_mention_id], mentions.loc[e.object_mention_id]
        text = p.text
        marks = sorted([(s_.start, s_.end, "[[", "]]"), (o_.start, o_.end, "{{", "}}")], reverse=True)
        a, b = e.sentence_start - p.offset, e.sentence_end - p.offset
        for start, end, left, right in marks:
            i, j = start - p.offset, end - p.offset
            text = text[:i] + left + text[i:j] + right + text[j:]
        sentence = text[a:b + 8]
        flags = ", ".join(f for f, on in (("NEGATED", e.negated), ("hypothesis", e.hypothesis)) if on) or "asserted"
        doc = docs.loc[e.doc_id]
        lines += [f"  - evidence {e.evidence_id} ({e.rule}, confidence {e.confidence:.2f}, {flags}, {e.section_kind})",
                  f"    sentence ({e.sentence_start}-{e.sentence_end}): {sentence.strip()}",
                  f"    document: {doc.title}; input {doc.source_path} sha256 {doc.source_sha256}"
                  + (f"; table {e.table_id} row {int(e.table_row)}" if isinstance(e.table_id, str) else "")
                  + (f"; cell lines {', '.join(e.cell_lines)}" if len(e.cell_lines) else "")]
        for role, mid in (("subject", e.subject_mention_id), ("object", e.object_mention_id)):
            m = mentions.loc[mid].copy()
            m["mention_id"] = mid
            for c in recheck(dataset, m, inputs_root):
                lines.append(f"    check ({role}): {c}")
                ok &= c.ok
    return "\n".join(lines), ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="+", help="a mention_id, or a concept_id (every mention of it)")
    parser.add_argument("--dataset", default="results/datasets/latest")
    parser.add_argument("--inputs-root", default=".", help="directory the inputs were named from (default: here)")
    parser.add_argument("--limit", type=int, default=20, help="at most this many mentions per concept")
    args = parser.parse_args(argv)
    dataset = Dataset(args.dataset)
    mentions = dataset.table("mentions")
    relations = dataset.table("relations")
    ok = True
    if len(args.ids) == 2 and all(":" in i and "." not in i.split(":", 1)[0] for i in args.ids):
        a, b = args.ids
        pair = relations[((relations.subject_concept == a) & (relations.object_concept == b))
                         | ((relations.subject_concept == b) & (relations.object_concept == a))]
        if len(pair):
            for _, relation in pair.sort_values(["confidence", "relation_id"], ascending=[False, True]).iterrows():
                text, fine = describe_relation(dataset, relation, Path(args.inputs_root), args.limit)
                print(text + "\n")
                ok &= fine
            return 0 if ok else 1
    for ident in args.ids:
        by_id = relations[relations.relation_id == ident]
        if len(by_id):
            text, fine = describe_relation(dataset, by_id.iloc[0], Path(args.inputs_root), args.limit)
            print(text + "\n")
            ok &= fine
            continue
        rows = mentions[mentions.mention_id == ident]
        if not len(rows):
            rows = mentions[mentions.concept_id == ident].head(args.limit)
        if not len(rows):
            print(f"{ident}: no such mention or concept in {dataset.manifest['version']}")
            ok = False
            continue
        for _, mention in rows.iterrows():
            text, fine = describe(dataset, mention, Path(args.inputs_root))
            print(text + "\n")
            ok &= fine
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
