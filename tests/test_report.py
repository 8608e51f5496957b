"""The curator's report: generated from the published files, self-contained, with the seeds' key content."""
import json
import re

import pandas as pd
import pytest

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def page(dataset):
    return (dataset / "report.html").read_text()


def test_report_counts_come_from_the_published_tables(page, dataset):
    manifest = json.loads((dataset / "manifest.json").read_text())
    rows = {t: i["rows"] for t, i in manifest["tables"].items()}
    overview = page.split('id="overview"')[1].split("</section>")[0]
    for label, table in (("documents", "documents"), ("passages", "passages"), ("mentions", "mentions"),
                         ("relations", "relations"), ("curation flags", "curation_flags")):
        assert f"<td>{label}</td><td>{rows[table]}</td>" in overview
    assert f"<h1>Dataset {dataset.name}</h1>" in page


def test_report_shows_flagged_claims_with_explanations(page):
    flags = page.split('id="curation-flags"')[1].split("</section>")[0]
    for claim in ("erk1/2 -&gt; NCBIGene:778596", "PBS -&gt; mesh:D007854", "H9175 -&gt; cellosaurus:CVCL_L002"):
        assert claim in flags
    assert "names the protein family fplx:ERK ERK (family: MAPK1, MAPK3)" in flags


def test_relation_network_is_embedded_and_shows_the_seed_axes(page):
    svg = page.split('<figure class="network">')[1].split("</figure>")[0]
    assert svg.startswith("<svg") and "http" not in svg.replace("http://www.w3.org", "")
    for label in ("CCL2", "STAT3", "ZEB1", "IL6", "JAK", "upregulates", "signals_to"):
        assert label in svg
    assert "<script" not in page and "src=\"http" not in page and "href=\"http" not in page


def test_every_relation_row_links_to_its_evidence_sentences(page):
    links = set(re.findall(r'href="#rel-([0-9a-f]{16})"', page))
    anchors = set(re.findall(r'<div class="rel" id="rel-([0-9a-f]{16})">', page))
    assert links and links == anchors
    assert "CCL2 promotes resistance via STAT3- and ERK1/2-dependent upregulation of ZEB1." in page
