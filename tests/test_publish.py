"""Publishing: duplicates across shards, immutable versions, the latest pointer."""
from __future__ import annotations

import hashlib
import json
import os

import pandas as pd
import pytest

from curation.dataset import read as read_version_table
from curation.inputs import InputFile
from curation.parquet_io import read_table, write_table
from curation.parse_stage import parse_shard
from curation.publish import PublishError, publish
from schemas.tables import PARSE_TABLES
from tests.conftest import JATS_SEED, ROOT, SUMMARY_SEED

CONFIG = {"dataset": {"name": "test", "version": "1.2.3"}, "inputs": ["papers"], "shard_size": 1,
          "limits": {"max_file_mb": 200}}


def shard(tmp_path, name, files):
    out = tmp_path / "shards" / name
    parse_shard([InputFile(sp, str(p)) for sp, p in files], {t: str(out / f"{t}.parquet") for t in PARSE_TABLES},
                max_bytes=10**9)
    return str(out)


@pytest.fixture
def shards(tmp_path):
    return [shard(tmp_path, "a", [("papers/004.xml", JATS_SEED)]),
            shard(tmp_path, "b", [("papers/000.md", SUMMARY_SEED), ("papers/zz-copy.xml", JATS_SEED)])]


def test_duplicates_across_shards_are_one_document(tmp_path, shards):
    manifest = publish(shards, str(tmp_path / "datasets"), CONFIG, str(ROOT))
    dataset = tmp_path / "datasets" / manifest["version"]
    docs = read_version_table(dataset, "documents")
    assert sorted(docs.source_path) == ["papers/000.md", "papers/004.xml"]
    quarantine = read_version_table(dataset, "quarantine")
    assert quarantine.to_dict("records") == [{"source_path": "papers/zz-copy.xml", "source_sha256": docs.source_sha256[
        docs.source_path == "papers/004.xml"].item(), "stage": "publish", "outcome": "rejected",
        "reason": "duplicate: same content as papers/004.xml"}]
    assert manifest["tables"]["passages"]["rows"] == read_version_table(dataset, "passages").shape[0]
    # each document's rows sit in the partition of the shard its kept input file was read in
    passages = read_version_table(dataset, "passages", with_shard=True).merge(docs[["doc_id", "source_path"]], on="doc_id")
    assert passages.groupby("source_path")["shard"].unique().map(list).to_dict() == {"papers/000.md": ["b"], "papers/004.xml": ["a"]}


def test_versions_are_immutable_and_latest_moves(tmp_path, shards):
    datasets = tmp_path / "datasets"
    first = publish(shards, str(datasets), CONFIG, str(ROOT))
    assert first["version"].startswith("test-1.2.3-")
    version = datasets / first["version"]
    files = {p.relative_to(version): (p.stat().st_mtime_ns, p.read_bytes()) for p in version.rglob("*") if p.is_file()}
    again = publish(shards, str(datasets), CONFIG, str(ROOT))
    assert again["version"] == first["version"]
    assert {p.relative_to(version): (p.stat().st_mtime_ns, p.read_bytes()) for p in version.rglob("*") if p.is_file()} == files
    changed = publish(shards, str(datasets), {**CONFIG, "dataset": {"name": "test", "version": "1.2.4"}}, str(ROOT))
    assert changed["version"] != first["version"]
    assert (datasets / first["version"] / "manifest.json").exists()
    assert os.readlink(datasets / "latest") == changed["version"]
    assert not [p for p in datasets.iterdir() if p.name.startswith(".")]


def test_integrity_failure_publishes_nothing(tmp_path, shards):
    passages = tmp_path / "shards" / "a" / "passages.parquet"
    df = read_table("passages", passages)
    df.loc[3, "offset"] += 7
    write_table("passages", df, passages)
    with pytest.raises(PublishError, match="passage_offsets_tile_the_document"):
        publish(shards, str(tmp_path / "datasets"), CONFIG, str(ROOT))
    datasets = tmp_path / "datasets"
    assert not datasets.exists() or list(datasets.iterdir()) == []


def test_same_doi_in_two_files_is_one_document(tmp_path):
    edited = tmp_path / "004-edited.xml"
    edited.write_bytes(JATS_SEED.read_bytes() + b"\n<!-- re-saved by another tool -->\n")
    shards = [shard(tmp_path, "a", [("papers/a.xml", JATS_SEED)]), shard(tmp_path, "b", [("papers/b.xml", edited)])]
    manifest = publish(shards, str(tmp_path / "datasets"), CONFIG, str(ROOT))
    dataset = tmp_path / "datasets" / manifest["version"]
    assert read_version_table(dataset, "documents").source_path.tolist() == ["papers/a.xml"]
    assert read_version_table(dataset, "passages").doc_id.nunique() == 1
    q = read_version_table(dataset, "quarantine")
    assert q.reason.tolist() == ["duplicate: same DOI 10.3892/ijo.2026.5860 as papers/a.xml"]
    inputs = read_version_table(dataset, "inputs").set_index("source_path")
    assert inputs.loc["papers/b.xml", "status"] == "duplicate" and inputs.loc["papers/b.xml", "n_documents"] == 0


def test_diff_between_versions_lists_what_changed(tmp_path):
    from curation.diff import diff
    one = publish([shard(tmp_path, "a", [("papers/004.xml", JATS_SEED)])], str(tmp_path / "d1"), CONFIG, str(ROOT))
    two = publish([shard(tmp_path, "b", [("papers/004.xml", JATS_SEED), ("papers/000.md", SUMMARY_SEED)])],
                  str(tmp_path / "d2"), CONFIG, str(ROOT))
    summary = diff(tmp_path / "d1" / one["version"], tmp_path / "d2" / two["version"], tmp_path / "diff")
    assert f"# {one['version']} -> {two['version']}" in summary
    assert "| documents | 1 | 0 | 0 |" in summary and "| source_entities | 117 | 0 | 0 |" in summary
    documents = pd.read_parquet(tmp_path / "diff" / "documents.parquet")
    assert documents.change.tolist() == ["added"]


def test_versions_describe_themselves_for_frictionless_and_ro_crate(tmp_path, shards):
    manifest = publish(shards, str(tmp_path / "datasets"), CONFIG, str(ROOT))
    dataset = tmp_path / "datasets" / manifest["version"]
    package = json.loads((dataset / "datapackage.json").read_text())
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) == set(manifest["tables"])
    passages = resources["passages"]
    assert passages["path"] == ["passages/shard=a/part-0.parquet", "passages/shard=b/part-0.parquet"]
    assert resources["relations"]["path"] == "relations/part-0.parquet"
    assert resources["relations"]["hash"] == f"sha256:{manifest['tables']['relations']['files'][0]['sha256']}"
    fields = {f["name"]: f for f in passages["schema"]["fields"]}
    assert fields["offset"]["type"] == "integer" and fields["section_path"]["type"] == "array"
    assert fields["text"]["constraints"] == {"required": True} and passages["schema"]["primaryKey"] == ["passage_id"]
    crate = {e["@id"]: e for e in json.loads((dataset / "ro-crate-metadata.json").read_text())["@graph"]}
    run = crate["#run"]
    assert run["@type"] == "CreateAction" and run["instrument"] == {"@id": "#workflow"}
    inputs = [crate[o["@id"]]["name"] for o in run["object"] if o["@id"].startswith("#input:")]
    assert sorted(inputs) == ["papers/000.md", "papers/004.xml", "papers/zz-copy.xml"]
    assert {"@id": "passages/shard=b/part-0.parquet"} in crate["./"]["hasPart"]
    assert crate["passages/shard=b/part-0.parquet"]["sha256"] == manifest["tables"]["passages"]["files"][1]["sha256"]


def test_adding_a_paper_to_one_shard_leaves_the_other_partitions_byte_identical(tmp_path):
    from curation.diff import changed_shards, diff
    a = shard(tmp_path / "1", "a", [("papers/000.md", SUMMARY_SEED)])
    one = publish([a, shard(tmp_path / "1", "b", [("papers/004.xml", JATS_SEED)])], str(tmp_path / "d"), CONFIG, str(ROOT))
    two = publish([a, shard(tmp_path / "2", "b", [("papers/004.xml", JATS_SEED), ("papers/zz-copy.xml", JATS_SEED)])],
                  str(tmp_path / "d"), CONFIG, str(ROOT))
    assert one["version"] != two["version"]
    for table in ("documents", "passages", "mentions"):
        before = {f["path"]: f["sha256"] for f in one["tables"][table]["files"]}
        after = {f["path"]: f["sha256"] for f in two["tables"][table]["files"]}
        assert before[f"{table}/shard=a/part-0.parquet"] == after[f"{table}/shard=a/part-0.parquet"]
    # the added file has the same content: one document, the copy recorded as a duplicate
    assert changed_shards(one, two, "documents") == [] and changed_shards(one, two, "inputs") is None
    summary = diff(tmp_path / "d" / one["version"], tmp_path / "d" / two["version"], tmp_path / "diff")
    assert "| documents | 0 | 0 | 0 |" in summary and "| inputs | 1 | 0 | 0 |" in summary


def test_an_unchanged_shard_is_linked_from_the_previous_version_unless_its_files_were_altered(tmp_path, caplog):
    a = shard(tmp_path / "1", "a", [("papers/004.xml", JATS_SEED)])
    datasets = tmp_path / "d"
    one = publish([a, shard(tmp_path / "1", "b", [("papers/000.md", SUMMARY_SEED)])], str(datasets), CONFIG, str(ROOT))
    b2 = shard(tmp_path / "2", "b", [("papers/000.md", SUMMARY_SEED), ("papers/zz-copy.xml", JATS_SEED)])
    two = publish([a, b2], str(datasets), CONFIG, str(ROOT))
    assert one["shards"]["a"] == two["shards"]["a"] and one["shards"]["b"] != two["shards"]["b"]
    old, new = datasets / one["version"], datasets / two["version"]
    part = "mentions/shard=a/part-0.parquet"
    assert (old / part).stat().st_ino == (new / part).stat().st_ino  # shared, not rewritten
    assert (old / "passages/shard=b/part-0.parquet").stat().st_ino != (new / "passages/shard=b/part-0.parquet").stat().st_ino
    (doc_id,) = read_version_table(old, "documents", with_shard=True).query("shard == 'a'").doc_id
    assert (old / "bioc" / f"{doc_id}.xml").stat().st_ino == (new / "bioc" / f"{doc_id}.xml").stat().st_ino
    # the corpus tables still count the linked shard: same relations and concepts as building it afresh
    fresh = publish([a, b2], str(tmp_path / "fresh"), CONFIG, str(ROOT))
    assert fresh["version"] == two["version"]
    for table in ("relations", "concepts", "evidence", "mentions"):
        assert [f["sha256"] for f in fresh["tables"][table]["files"]] == [f["sha256"] for f in two["tables"][table]["files"]]
    assert fresh["exports"] == two["exports"]

    # a previous version's file that no longer has its recorded sha256 is not carried into the next version
    (new / part).unlink()
    (new / part).write_bytes(b"not what the manifest says")
    three = publish([a, shard(tmp_path / "3", "b", [("papers/001.md", SUMMARY_SEED)])], str(datasets), CONFIG, str(ROOT))
    assert three["version"] not in (one["version"], two["version"]) and three["shards"]["a"] == two["shards"]["a"]
    assert "missing or altered" in caplog.text
    entry = next(f for f in three["tables"]["mentions"]["files"] if f["path"] == part)
    assert entry["sha256"] == next(f for f in one["tables"]["mentions"]["files"] if f["path"] == part)["sha256"]
    assert hashlib.sha256((datasets / three["version"] / part).read_bytes()).hexdigest() == entry["sha256"]
    assert "Not compared" in (datasets / three["version"] / "report.html").read_text()  # the damaged version
