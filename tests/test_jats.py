"""JATS parsing: seed 004 (Wei et al. 2026, Int J Oncol) and small literal articles."""
from __future__ import annotations

import hashlib
import re
from collections import Counter

import pytest
from lxml import etree

from curation.model import PASSAGE_SEPARATOR
from curation.readers import read_documents
from curation.text import normalise
from tests.conftest import JATS_SEED


def rows_of(xml: str) -> list[dict]:
    data = xml.encode()
    _, docs = read_documents(data)
    return [d.rows("snippet.xml", hashlib.sha256(data).hexdigest()) for d in docs]


def doc_text(passages: list[dict]) -> str:
    return PASSAGE_SEPARATOR.join(p["text"] for p in sorted(passages, key=lambda p: p["ordinal"]))


def test_seed_metadata(jats_rows):
    doc = jats_rows["documents"][0]
    assert doc["doi"] == "10.3892/ijo.2026.5860"
    assert doc["journal"] == "International Journal of Oncology"
    assert doc["publisher"] == "D.A. Spandidos"
    assert doc["title"].startswith("IL-6: A key player in the EGFR-TKI-resistant tumor microenvironment")
    assert doc["article_type"] == "review-article"
    assert doc["pub_date"] == "2026-02-20"
    assert set(doc["pub_dates"]) == {"epub:2026-02-20", "collection:2026-04"}
    assert doc["license_url"] == "https://creativecommons.org/licenses/by-nc-nd/4.0/"
    assert "TME" in doc["keywords"]
    assert (doc["volume"], doc["issue"]) == ("68", "4")


def test_seed_authors_keep_order_affiliations_and_correspondence(jats_rows):
    authors = jats_rows["authors"]
    assert [a["surname"] for a in authors][:3] == ["Wei", "Huang", "Zhang"]
    assert len(authors) == 9
    tian = next(a for a in authors if a["surname"] == "Tian")
    assert tian["is_corresponding"] and len(tian["affiliations"]) == 2
    assert tian["affiliations"][0].startswith("Department of Pulmonary and Critical Care Medicine")
    assert authors[0]["equal_contrib"] and not authors[3]["equal_contrib"]


def test_seed_structure_counts(jats_rows):
    kinds = Counter(p["kind"] for p in jats_rows["passages"])
    tree = etree.parse(str(JATS_SEED))
    # every <sec> (24) gives a heading passage; <ack> adds "Acknowledgements"
    assert len(tree.findall(".//sec")) == 24
    sec_titles = [p for p in jats_rows["passages"]
                  if p["kind"] == "section_title" and re.search(r"/sec(\[\d+\])?/title$", p["source_xpath"])]
    assert len(sec_titles) == 24
    assert kinds["figure_caption"] == 3
    assert kinds["table_caption"] == 2
    assert kinds["abstract"] == 1 and kinds["title"] == 1


def test_every_paragraph_of_the_seed_is_in_some_passage(jats_rows):
    """Lossless: the text of each of the 67 <p> appears in a passage (author notes are metadata, not text)."""
    tree = etree.parse(str(JATS_SEED))
    assert len(list(tree.iter("p"))) == 67
    paragraphs = [normalise("".join(p.itertext())) for p in tree.iter("p")
                  if not any(a.tag == "author-notes" for a in p.iterancestors())]
    assert len(paragraphs) == 66
    text = doc_text(jats_rows["passages"])
    missing = [p for p in paragraphs if p not in text]
    assert missing == []


def test_inline_markup_keeps_its_characters_and_spaces(jats_rows):
    text = doc_text(jats_rows["passages"])
    assert "IL-6 synergistically interacts with EGFR signaling" in text
    assert "depletion of CD8+ T cells" in text
    assert "\u226450% of Asian patients" in text  # &#x02264; decoded
    assert "interacts withEGFR" not in text


def test_table_one_rowspans_fill_the_grid(jats_rows):
    cells = [c for c in jats_rows["table_cells"] if c["table_label"] == "Table I"]
    body = [c for c in cells if c["part"] == "body"]
    assert max(c["row"] for c in body) == 13 and max(c["column"] for c in body) == 4
    assert len(body) == 13 * 4
    first_col = {c["row"]: c for c in body if c["column"] == 1}
    assert all(first_col[r]["text"] == "IL-6/IL-6R" for r in (1, 2, 3))
    assert all(first_col[r]["text"] == "JAK" for r in range(4, 9))
    assert all(first_col[r]["text"] == "STAT3" for r in range(9, 14))
    assert [first_col[r]["cell_kind"] for r in (1, 2, 3)] == ["cell", "span", "span"]
    assert first_col[2]["origin_row"] == 1 and first_col[2]["passage_id"] is None
    header = sorted((c for c in cells if c["part"] == "head"), key=lambda c: c["column"])
    assert [c["text"] for c in header] == ["Target molecule", "Therapeutic approach", "Models", "(Refs.)"]
    assert all(c["is_header"] for c in header)
    ruxolitinib = next(c for c in body if c["text"] == "Ruxolitinib")
    assert (ruxolitinib["row"], ruxolitinib["column"]) == (5, 2)


def test_table_two_keeps_every_row(jats_rows):
    cells = [c for c in jats_rows["table_cells"] if c["table_label"] == "Table II" and c["part"] == "body"]
    assert max(c["row"] for c in cells) == 9


def test_cell_passages_hold_the_cell_text(jats_rows):
    passages = {p["passage_id"]: p for p in jats_rows["passages"]}
    for c in jats_rows["table_cells"]:
        if c["passage_id"]:
            assert passages[c["passage_id"]]["text"] == c["text"]
            assert passages[c["passage_id"]]["kind"] == "table_cell"


def test_seed_references_keep_every_identifier(jats_rows):
    refs = jats_rows["references"]
    assert len(refs) == 159
    assert sum(r["doi"] is not None for r in refs) == 157
    assert sum(r["pmid"] is not None for r in refs) == 118
    assert sum(r["pmcid"] is not None for r in refs) == 80
    ref2 = next(r for r in refs if r["label"] == "2")
    assert ref2["doi"] == "10.1158/2159-8290.CD-16-1337" and ref2["pmid"] == "28336552" and ref2["pmcid"] == "PMC5482929"
    assert ref2["pub_ids"] == ["doi:10.1158/2159-8290.CD-16-1337", "pmid:28336552", "pmcid:5482929"]
    assert ref2["authors"][0] == "Jordan EJ" and ref2["year"] == "2017" and ref2["source"] == "Cancer Discov"


def test_citation_ranges_expand_and_offsets_slice_the_marker(jats_rows):
    text = doc_text(jats_rows["passages"])
    citations = jats_rows["citations"]
    for c in citations:
        assert text[c["start"]:c["end"]] == c["text"]
    first = [c for c in citations if c["text"] in ("1", "3", "1-3") and c["start"] < 2000]
    cited = {c["reference_id"].rsplit(".", 1)[-1].split("-")[0] for c in first}
    assert {"b1", "b2", "b3"} <= cited
    implied = next(c for c in citations if c["reference_id"].endswith(".r.b2-ijo-68-04-05860"))
    assert implied["from_range"] and implied["text"] == "1-3"
    assert all(c["reference_id"] is not None for c in citations)


def test_glossary_gives_21_abbreviations_with_passages(jats_rows):
    abbreviations = jats_rows["abbreviations"]
    assert len(abbreviations) == 21
    pairs = {(a["short_form"], a["long_form"]) for a in abbreviations}
    assert ("IL-6", "interleukin-6") in pairs and ("NSCLC", "non-small cell lung cancer") in pairs
    passages = {p["passage_id"]: p["text"] for p in jats_rows["passages"]}
    assert all(passages[a["short_passage_id"]] == a["short_form"] for a in abbreviations)


def test_offsets_tile_the_document(jats_rows):
    offset = 0
    for p in sorted(jats_rows["passages"], key=lambda p: p["ordinal"]):
        assert p["offset"] == offset
        offset += len(p["text"]) + 1
    assert jats_rows["documents"][0]["text_length"] == offset - 1


ARTICLESET = """<?xml version="1.0"?>
<pmc-articleset>
<article article-type="research-article"><front><article-meta>
<article-id pub-id-type="pmc">123</article-id><article-id pub-id-type="pmid">42</article-id>
<title-group><article-title>First &amp; <italic>best</italic></article-title></title-group></article-meta></front>
<body><p>Resistance to <italic>EGFR</italic> TKIs<xref ref-type="bibr" rid="r1">1</xref>&#x2013;<xref ref-type="bibr" rid="r3">3</xref>.</p></body>
<back><ref-list><ref id="r1"><mixed-citation>A</mixed-citation></ref><ref id="r2"><mixed-citation>B</mixed-citation></ref>
<ref id="r3"><mixed-citation>C <pub-id pub-id-type="doi">10.1/x</pub-id><pub-id pub-id-type="pmid">7</pub-id></mixed-citation></ref></ref-list></back>
</article>
<article><front><article-meta><title-group><article-title>Second</article-title></title-group></article-meta></front>
<body><sec><title>Results</title><p>x <fig id="f1"><label>Figure 1</label><caption><p>A caption.</p></caption></fig> y</p></sec></body></article>
</pmc-articleset>"""


def test_articleset_gives_one_document_per_article():
    first, second = rows_of(ARTICLESET)
    assert first["documents"][0]["pmcid"] == "PMC123" and first["documents"][0]["pmid"] == "42"
    assert first["documents"][0]["title"] == "First & best"
    assert first["documents"][0]["doc_id"] != second["documents"][0]["doc_id"]
    body = next(p for p in first["passages"] if p["kind"] == "paragraph")
    assert body["text"] == "Resistance to EGFR TKIs1\u20133."
    refs = sorted(c["reference_id"].rsplit(".", 1)[-1] for c in first["citations"])
    assert refs == ["r1", "r2", "r3"]
    ref3 = next(r for r in first["references"] if r["ref_key"] == "r3")
    assert ref3["doi"] == "10.1/x" and ref3["pmid"] == "7"
    kinds = [(p["kind"], p["text"]) for p in second["passages"]]
    assert kinds == [("title", "Second"), ("section_title", "Results"), ("paragraph", "x y"),
                     ("figure_caption", "Figure 1 A caption.")]
    assert second["passages"][2]["section_path"] == ["Results"]
    assert second["passages"][2]["section_type"] == "results"


def test_colspan_and_missing_cells_are_kept():
    xml = """<article><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front>
    <body><table-wrap id="t"><table><tr><th colspan="2">H</th></tr>
    <tr><td>a</td></tr><tr></tr></table></table-wrap></body></article>"""
    (rows,) = rows_of(xml)
    grid = {(c["row"], c["column"]): (c["cell_kind"], c["text"]) for c in rows["table_cells"]}
    assert grid == {(1, 1): ("cell", "H"), (1, 2): ("span", "H"), (2, 1): ("cell", "a"), (2, 2): ("missing", ""),
                    (3, 1): ("missing", ""), (3, 2): ("missing", "")}


@pytest.mark.parametrize("xml, message", [
    ("<article><body><p>unclosed</body></article>", "malformed XML"),
    ("<html><body>Not found</body></html>", "HTML page"),
    ("<pmc-articleset></pmc-articleset>", "holds no <article>"),
])
def test_bad_xml_raises_one_clear_line(xml, message):
    from curation.readers import InputError
    with pytest.raises(InputError) as e:
        read_documents(xml.encode())
    assert message in str(e.value) and "\n" not in str(e.value)


def test_reference_fields_and_citation_text_follow_the_inline_rules():
    """Citations with plain markup take a fast path; a <break/>, a graphic or a comment must not change the text."""
    xml = """<article><front><article-meta><title-group><article-title>T</article-title></title-group></article-meta></front>
    <back><ref-list>
    <ref id="a"><label>1</label><element-citation publication-type="journal"><person-group><name><surname>Smith</surname>
    <given-names>J</given-names></name><collab>EGFR Group</collab></person-group><article-title>On <italic>EGFR</italic></article-title>
    <source>Nature</source><year>2020</year><fpage>1</fpage><lpage>9</lpage>
    <pub-id pub-id-type="pmid">7</pub-id><ext-link xlink:href="https://doi.org/10.1/x" xmlns:xlink="http://www.w3.org/1999/xlink">doi</ext-link>
    </element-citation></ref>
    <ref id="b"><mixed-citation>Lee K.<break/>Resistance<inline-graphic/><!-- note -->, Cell<x:year xmlns:x="urn:x">1999</x:year></mixed-citation></ref>
    </ref-list></back></article>"""
    (rows,) = rows_of(xml)
    a, b = rows["references"]
    assert a["authors"] == ["Smith J", "EGFR Group"] and a["title"] == "On EGFR" and a["source"] == "Nature"
    assert a["pages"] == "1-9" and a["pmid"] == "7" and a["doi"] == "10.1/x" and a["label"] == "1"
    # an element-citation's fields are words of their own, though the XML has no space between them
    assert a["citation_text"] == "Smith J EGFR Group On EGFR Nature 2020 1 9 7 doi"
    assert b["citation_text"] == "Lee K. Resistance, Cell1999"
    assert b["year"] is None  # a namespaced <year> is not JATS's
