"""End to end: real `snakemake` runs on copies of the project (marked slow; a few seconds each)."""
from __future__ import annotations

import hashlib
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from curation.dataset import PARTITIONED_TABLES, table_files
from curation.dataset import read as read_version_table
from schemas.tables import DATASET_TABLES
from tests.conftest import copy_project, run_snakemake

pytestmark = pytest.mark.slow


def load(dataset, table):
    return read_version_table(dataset, table)


def test_run_publishes_a_version_with_latest_pointing_at_it(built_project, dataset):
    pointer = json.loads((built_project / "results" / "published.json").read_text())
    assert dataset.name == pointer["version"]
    assert dataset.name.startswith("egfr-tki-resistance-0.1.0-")
    assert (built_project / "results" / "datasets" / "latest").is_symlink()
    assert sorted(p.name for p in dataset.iterdir() if p.is_dir() and p.name != "bioc") == sorted(DATASET_TABLES)
    shards = [p.name for p in (built_project / "results" / "shards").iterdir()]
    for table in PARTITIONED_TABLES:  # a partition per shard, even where a shard has no rows for the table
        assert sorted(p.name for p in (dataset / table).iterdir()) == sorted(f"shard={s}" for s in shards)


def test_manifest_describes_every_file_and_input(dataset):
    manifest = json.loads((dataset / "manifest.json").read_text())
    for table, info in manifest["tables"].items():
        listed = sorted(dataset / f["path"] for f in info["files"])
        assert listed == table_files(dataset, table)
        for f in info["files"]:
            assert hashlib.sha256((dataset / f["path"]).read_bytes()).hexdigest() == f["sha256"]
            assert pq.read_metadata(dataset / f["path"]).num_rows == f["rows"]
        assert sum(f["rows"] for f in info["files"]) == info["rows"] == len(load(dataset, table))
    inputs = {i["path"]: i for i in manifest["inputs"]}
    assert set(inputs) == {"resources/papers/000_fa56d71dd939e52c.txt", "resources/papers/004_60a49ef73a67cab9.txt"}
    assert inputs["resources/papers/004_60a49ef73a67cab9.txt"]["format"] == "jats"
    assert manifest["libraries"]["pandera"] and manifest["config"]["dataset"]["name"] == "egfr-tki-resistance"
    vocabularies = {v["name"]: v for v in manifest["vocabularies"]}
    assert vocabularies["mesh"]["package_version"] == "1.24.0" and len(vocabularies["mesh"]["sha256"]) == 64
    assert "National Library of Medicine" in vocabularies["mesh"]["credit"]


def test_seed_facts_hold_in_the_published_tables(dataset):
    docs = load(dataset, "documents").set_index("format")
    assert docs.loc["jats", "doi"] == "10.3892/ijo.2026.5860"
    assert docs.loc["summary_md", "doi"] == "10.3389/fonc.2026.1699471"
    cells = load(dataset, "table_cells")
    table1 = cells[(cells.table_label == "Table I") & (cells.part == "body")]
    assert table1.row.max() == 13 and table1.column.max() == 4
    assert table1[(table1.column == 1) & table1.row.between(1, 3)].text.eq("IL-6/IL-6R").all()
    refs = load(dataset, "references")
    assert (len(refs), refs.doi.notna().sum(), refs.pmid.notna().sum(), refs.pmcid.notna().sum()) == (159, 157, 118, 80)
    abbreviations = load(dataset, "abbreviations")
    assert (abbreviations.source == "glossary").sum() == 21
    entities = load(dataset, "source_entities")
    full_text = entities[entities.section == "full_text_entities"].entity_type.value_counts().to_dict()
    assert full_text == {"gene": 40, "chemical": 37, "disease": 17, "cell_line": 7, "variant": 4, "species": 3}
    assert len(load(dataset, "quarantine")) == 0


def test_no_absolute_path_reaches_the_data(built_project, dataset):
    root = str(built_project.parent)
    for path in dataset.rglob("*.parquet"):
        assert root.encode() not in path.read_bytes(), path.name
    assert root not in (dataset / "manifest.json").read_text()


def test_second_run_does_nothing(built_project):
    proc = run_snakemake(built_project)
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_two_builds_in_different_directories_are_byte_identical(tmp_path, dataset):
    other = copy_project(tmp_path / "elsewhere" / "b")
    run_snakemake(other)
    other_dataset = (other / "results" / "datasets" / "latest").resolve()
    assert other_dataset.name == dataset.name
    files = sorted(dataset.rglob("*.parquet"))
    assert len(files) >= len(DATASET_TABLES)
    for path in files:
        assert (other_dataset / path.relative_to(dataset)).read_bytes() == path.read_bytes(), path.name


def test_a_bad_config_stops_the_run_with_one_readable_line(tmp_path, built_project):
    (tmp_path / "bad.yaml").write_text("shard_sise: 3\n")
    proc = run_snakemake(built_project, "--configfile", str(tmp_path / "bad.yaml"), "-n", check=False)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "Invalid configuration: config: Additional properties are not allowed ('shard_sise' was unexpected)" in out


def test_bad_files_are_quarantined_and_the_rest_is_published(tmp_path):
    project = copy_project(tmp_path / "p")
    bad = project / "incoming"
    bad.mkdir()
    (bad / "truncated.xml").write_bytes((project / "resources/papers/004_60a49ef73a67cab9.txt").read_bytes()[:5000])
    (bad / "empty.xml").write_bytes(b"")
    (bad / "copy-of-004.xml").write_bytes((project / "resources/papers/004_60a49ef73a67cab9.txt").read_bytes())
    (project / "more.yaml").write_text("inputs: [resources/papers, incoming]\nshard_size: 2\n")
    proc = run_snakemake(project, "--configfile", "more.yaml")
    dataset = (project / "results" / "datasets" / "latest").resolve()
    quarantine = load(dataset, "quarantine").set_index("source_path")
    assert quarantine.loc["incoming/empty.xml", "reason"] == "empty file"
    assert quarantine.loc["incoming/truncated.xml", "reason"].startswith("malformed XML:")
    # identical bytes are one document, kept under the first path in sort order
    assert quarantine.loc["resources/papers/004_60a49ef73a67cab9.txt", "reason"] == \
        "duplicate: same content as incoming/copy-of-004.xml"
    assert len(load(dataset, "documents")) == 2
    inputs = load(dataset, "inputs").set_index("source_path")
    assert inputs.status.value_counts().to_dict() == {"published": 2, "quarantined": 2, "duplicate": 1}
    assert "QUARANTINED incoming/empty.xml: empty file" in proc.stderr
    # with 5 inputs and shard_size 2 the run was split into 4 shards
    assert len(list((project / "results" / "shards").iterdir())) >= 2


def test_the_dataset_reads_in_duckdb_and_pyarrow(dataset):
    import duckdb
    import pyarrow.dataset as ds
    rows = duckdb.sql(f"""
        SELECT m.text, s.start, s.end, m.shard FROM read_parquet('{dataset}/mentions/**/*.parquet', hive_partitioning = true) m
        JOIN read_parquet('{dataset}/sentences/**/*.parquet', hive_partitioning = true) s ON m.passage_id = s.passage_id AND m.start >= s.start AND m.end <= s.end
        WHERE m.concept_id = 'NCBIGene:6935'""").fetchall()
    assert rows and all(text == "ZEB1" for text, _, _, _ in rows)
    shards = {p.name.split("=", 1)[1] for p in (dataset / "mentions").iterdir()}
    assert {shard for _, _, _, shard in rows} <= shards
    table = ds.dataset(dataset / "mentions", partitioning="hive").to_table(filter=ds.field("concept_id") == "fplx:JAK")
    assert table.num_rows > 0 and set(table.column("shard").to_pylist()) <= shards
    assert len(pd.read_parquet(dataset / "mentions")) == len(load(dataset, "mentions"))
    evidence = duckdb.sql(f"""
        SELECT e.predicate, substr(p.text, e.sentence_start - p."offset" + 1, e.sentence_end - e.sentence_start) AS sentence
        FROM read_parquet('{dataset}/evidence/**/*.parquet') e JOIN read_parquet('{dataset}/passages/**/*.parquet') p USING (passage_id)
        WHERE e.subject_concept = 'NCBIGene:6774' AND e.object_concept = 'NCBIGene:6935'""").fetchall()
    assert ("upregulates", "CCL2 promotes resistance via STAT3- and ERK1/2-dependent upregulation of ZEB1.") in evidence


def test_bioc_export_reads_back_with_the_bioc_library(dataset):
    import bioc
    manifest = json.loads((dataset / "manifest.json").read_text())
    files = sorted((dataset / "bioc").glob("*.xml"))
    assert len(files) == manifest["exports"]["bioc"]["files"] == 2
    for path in files:
        with open(path) as fh:
            collection = bioc.biocxml.load(fh)
        (document,) = collection.documents
        n = 0
        assert [p.offset for p in document.passages] == sorted(p.offset for p in document.passages)
        for passage in document.passages:
            starts = [a.total_span.offset for a in passage.annotations]
            assert starts == sorted(starts)
            for annotation in passage.annotations:
                location = annotation.total_span
                assert passage.text[location.offset - passage.offset:location.end - passage.offset] == annotation.text
                n += 1
        assert n > 50


def test_the_readme_queries_run_on_the_published_dataset(dataset):
    import re

    import duckdb
    from tests.conftest import ROOT
    queries = re.findall(r"```sql\n(.*?)```", (ROOT / "README.md").read_text(), flags=re.S)
    assert len(queries) >= 2
    for query in queries:
        rows = duckdb.sql(query.replace("results/datasets/latest", str(dataset))).fetchall()
        assert rows, query
