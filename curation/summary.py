"""Paper-summary Markdown -> ParsedDocument.

The format (see resources/papers/000_*.txt): ``# Title``, ``**Authors:**``, a metadata line
``PMC · DOI: … · Journal · YYYY-MM-DD``, then ``## `` sections: TL;DR, Contribution, Key
findings (bullets), Abstract (paragraphs), Linked entities and Full-text entities (bullets of
PubTator-style items), and pointers to content that is not in the file.

Every passage records ``source_start``/``source_end``: the code-point span of the input it was
read from, so that ``normalise(source_text[source_start:source_end]) == text``. Entity claims
are kept exactly as written; checking them against vocabularies happens downstream.
"""
from __future__ import annotations

import re

from .model import ParsedDocument, Passage
from .text import normalise

PASSAGE_SECTIONS = {
    "tl;dr": "tldr",
    "tldr": "tldr",
    "contribution": "contribution",
    "key findings": "key_finding",
    "abstract": "abstract",
}
ENTITY_SECTIONS = {"linked entities": "linked_entities", "full-text entities": "full_text_entities"}
# Sections that only point at content held elsewhere: nothing to curate in this file.
POINTER_SECTIONS = {"full text", "figures", "references"}
REQUIRED_SECTIONS = ("abstract",)

ENTITY_TYPES = {
    "genes": "gene", "gene": "gene", "chemicals": "chemical", "chemical": "chemical",
    "diseases": "disease", "disease": "disease", "species": "species",
    "mutations": "variant", "variants": "variant", "cell lines": "cell_line", "cell line": "cell_line",
}

# An item ends with its identifier group; commas elsewhere (in names, descriptions) do not split.
_ITEM_END = re.compile(
    r"(?:\[(?:NCBI Gene|taxon)[^\]]*\](?: \{aka [^}]*\})?"
    r"|\((?:PubChem CID \d+|[A-Za-z][\w.]*:[^\s()]+|CVCL_\w+|-)\))"
    r"(?=, |\s*$)"
)
_GENE = re.compile(r"^(?P<name>.+?) \((?P<full>.*)\) \[NCBI Gene (?P<id>[^\]]+)\](?: \{aka (?P<aliases>[^}]*)\})?$")
_SPECIES = re.compile(r"^(?P<name>.+?) \((?P<full>.*)\) \[taxon (?P<id>[^\]]+)\]$")
_CELL_LINE = re.compile(r"^(?P<name>.+?) \u2014 (?P<full>.*) \((?P<id>CVCL_\w+)\)$")
_PAREN_ID = re.compile(r"^(?P<name>.+) \((?P<claim>PubChem CID \d+|[A-Za-z][\w.]*:[^\s()]+|-)\)$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

NAMESPACE_PREFIX = {  # claimed namespace -> Bioregistry prefix
    "NCBI Gene": "NCBIGene", "taxon": "NCBITaxon", "cellosaurus": "cellosaurus",
    "MESH": "mesh", "MeSH": "mesh", "MONDO": "mondo", "DOID": "doid", "CHEBI": "CHEBI",
    "PubChem CID": "pubchem.compound", "OMIM": "omim", "HGNC": "hgnc",
}


class SummaryFormatError(ValueError):
    pass


def _lines_with_offsets(text: str):
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        yield pos, stripped
        pos += len(line)


def parse_summary(text: str) -> ParsedDocument:
    doc = ParsedDocument(format="summary_md")
    meta = {
        "title": None, "doi": None, "pmid": None, "pmcid": None, "journal": None, "publisher": None,
        "pub_date": None, "pub_year": None, "pub_dates": [], "article_type": "summary", "language": None,
        "license": None, "license_url": None, "keywords": [], "subjects": [], "volume": None, "issue": None,
        "pages": None, "source_url": None,
    }
    section = None  # lower-cased current "## " heading
    section_title = None
    seen_sections = set()
    paragraph: list[tuple[int, str]] = []  # lines of the current abstract/other paragraph

    def flush_paragraph():
        if not paragraph:
            return
        start = paragraph[0][0]
        end = paragraph[-1][0] + len(paragraph[-1][1])
        kind = PASSAGE_SECTIONS.get(section, "paragraph")
        body = text[start:end]
        doc.add_passage(Passage(kind=kind, text=normalise(body), section_path=(section_title,),
                                section_type=kind if kind != "paragraph" else None,
                                source_start=start, source_end=end))
        paragraph.clear()

    for pos, line in _lines_with_offsets(text):
        if line.startswith("# ") and meta["title"] is None:
            title = line[2:].strip()
            meta["title"] = normalise(title)
            start = pos + 2 + (len(line[2:]) - len(line[2:].lstrip()))
            doc.add_passage(Passage(kind="title", text=normalise(title), section_type="title",
                                    source_start=start, source_end=start + len(title)))
            continue
        if line.startswith("## "):
            flush_paragraph()
            section_title = normalise(line[3:])
            section = section_title.lower()
            seen_sections.add(section)
            continue
        if line.strip() == "---":
            flush_paragraph()
            section, section_title = "__footer__", None
            continue
        if section is None:
            _front_line(line, doc, meta)
            continue
        if section == "__footer__":
            m = re.match(r"^Source:\s*(\S+)", line)
            if m:
                meta["source_url"] = m.group(1)
                pmc = re.search(r"\b(PMC\d+)\b", m.group(1))
                if pmc and not meta["pmcid"]:
                    meta["pmcid"] = pmc.group(1)
            continue
        if section in POINTER_SECTIONS:
            continue
        if section in ENTITY_SECTIONS:
            _entity_line(pos, line, ENTITY_SECTIONS[section], doc)
            continue
        bullet = re.match(r"^(\s*[-*]\s+)(.*\S)\s*$", line)
        if bullet:
            flush_paragraph()
            start = pos + len(bullet.group(1))
            kind = PASSAGE_SECTIONS.get(section, "paragraph")
            doc.add_passage(Passage(kind=kind, text=normalise(bullet.group(2)), section_path=(section_title,),
                                    section_type=kind, source_start=start, source_end=start + len(bullet.group(2))))
            continue
        if not line.strip():
            flush_paragraph()
            continue
        content_start = pos + (len(line) - len(line.lstrip()))
        paragraph.append((content_start, line.strip()))
    flush_paragraph()

    missing = [s for s in REQUIRED_SECTIONS if s not in seen_sections]
    if meta["title"] is None:
        raise SummaryFormatError("summary Markdown has no '# ' title line")
    if missing:
        raise SummaryFormatError(f"summary Markdown lacks its '## {missing[0].title()}' section")
    meta["pub_year"] = int(meta["pub_date"][:4]) if meta["pub_date"] else None
    doc.meta = meta
    return doc


def _front_line(line: str, doc: ParsedDocument, meta: dict) -> None:
    m = re.match(r"^\*\*Authors:\*\*\s*(.*)$", line)
    if m:
        for name in (n.strip() for n in m.group(1).split(",")):
            if not name:
                continue
            given, _, surname = name.rpartition(" ")
            doc.authors.append({"surname": surname or None, "given_names": given or None, "collab": None,
                                "orcid": None, "affiliations": [], "is_corresponding": False,
                                "equal_contrib": False})
        return
    if "\u00b7" not in line:
        return
    for token in (t.strip() for t in line.split("\u00b7")):
        if token.upper().startswith("DOI:"):
            meta["doi"] = token[4:].strip()
        elif token.upper().startswith("PMID:"):
            meta["pmid"] = token[5:].strip()
        elif re.fullmatch(r"PMC\d+", token):
            meta["pmcid"] = token
        elif _DATE.match(token):
            meta["pub_date"] = token
            meta["pub_dates"] = [f"pub:{token}"]
        elif token in ("PMC", "PubMed", "arXiv", "bioRxiv", "medRxiv"):
            meta["subjects"] = [*meta["subjects"], f"repository:{token}"]
        elif token and meta["journal"] is None:
            meta["journal"] = token


def split_entity_items(body: str) -> list[tuple[int, int]]:
    """(start, end) of each item in an entity list; plain comma lists when no item has an ID group."""
    spans, start = [], 0
    for m in _ITEM_END.finditer(body):
        spans.append((start, m.end()))
        start = m.end() + 2  # skip ", "
    if not spans:
        pos = 0
        for part in body.split(", "):
            spans.append((pos, pos + len(part)))
            pos += len(part) + 2
    elif start < len(body):
        spans.append((start, len(body)))
    return [(s, e) for s, e in spans if body[s:e].strip()]


def parse_entity_item(entity_type: str, raw: str) -> dict:
    """Split one claimed item into name, full name, namespace, identifier and aliases, as written."""
    out = {"name": raw, "full_name": None, "namespace": None, "identifier": None, "aliases": []}
    if m := _GENE.match(raw):
        out.update(name=m["name"], full_name=m["full"], namespace="NCBI Gene", identifier=m["id"].strip())
        if m["aliases"]:
            out["aliases"] = [a.strip() for a in m["aliases"].split(", ") if a.strip()]
    elif m := _SPECIES.match(raw):
        out.update(name=m["name"], full_name=m["full"], namespace="taxon", identifier=m["id"].strip())
    elif m := _CELL_LINE.match(raw):
        out.update(name=m["name"], full_name=m["full"], namespace="cellosaurus", identifier=m["id"])
    elif m := _PAREN_ID.match(raw):
        claim = m["claim"]
        out["name"] = m["name"]
        if claim.startswith("PubChem CID "):
            out.update(namespace="PubChem CID", identifier=claim.split()[-1])
        elif claim != "-":
            ns, _, ident = claim.partition(":")
            out.update(namespace=ns, identifier=ident)
    prefix = NAMESPACE_PREFIX.get(out["namespace"] or "")
    out["curie"] = f"{prefix}:{out['identifier']}" if prefix and out["identifier"] else None
    return out


def _entity_line(pos: int, line: str, section: str, doc: ParsedDocument) -> None:
    m = re.match(r"^(\s*[-*]\s+\*\*(?P<type>[^*:]+):\*\*\s*)(?P<body>.*?)\s*$", line)
    if not m:
        return
    entity_type = ENTITY_TYPES.get(m["type"].strip().lower(), m["type"].strip().lower().replace(" ", "_"))
    body_start = pos + len(m.group(1))
    for index, (s, e) in enumerate(split_entity_items(m["body"])):
        raw = m["body"][s:e]
        doc.source_entities.append({
            "section": section, "entity_type": entity_type, "item_index": index, "raw": raw,
            **parse_entity_item(entity_type, raw),
            "source_start": body_start + s, "source_end": body_start + e,
        })
