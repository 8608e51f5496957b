"""The cluster profiles (SLURM, Kubernetes) as far as one machine can check them: the executor and storage
plugins are installed, Snakemake accepts each profile and plans the whole DAG with it, rules ask only for
generic resources, and the pipeline runs when a storage plugin relocates every input and output."""
from __future__ import annotations

import re
import shutil

import pytest

from curation.dataset import table_files
from tests.conftest import copy_project, run_snakemake

pytestmark = pytest.mark.slow
GENERIC = {"tmpdir", "disk_mb", "disk", "disk_mib", "mem_mb", "mem", "mem_mib", "runtime", "_cores", "_nodes", "threads"}
RULES = {"build_vocabulary", "parse_shard", "annotate_shard", "relate_shard", "publish"}


def planned(out: str) -> tuple[set[str], set[str]]:
    """(rules planned, resource names asked for) from a dry run's output."""
    rules = set(re.findall(r"^(?:local)?rule (\w+):", out, flags=re.M))
    resources = {name for line in re.findall(r"^\s+resources: (.*)$", out, flags=re.M)
                 for name in re.findall(r"(\w+)=", line)}
    return rules, resources


def staged_storage(tmp_path, project):
    """What a persistent volume would hold: the inputs and curated tables under the configured paths."""
    store = tmp_path / "store"
    shutil.copytree(project / "resources" / "papers", store / "resources" / "papers")
    shutil.copytree(project / "config" / "vocabulary", store / "config" / "vocabulary")
    return store


def test_slurm_profile_plans_every_rule_with_generic_resources(tmp_path):
    project = copy_project(tmp_path / "p")
    proc = run_snakemake(project, "--profile", "profiles/slurm", "--dry-run")
    out = proc.stdout + proc.stderr
    assert "Using profiles profiles/slurm and workflow specific profile profiles/default" in out
    rules, resources = planned(out)
    assert RULES <= rules
    assert resources and resources <= GENERIC, resources - GENERIC


def test_kubernetes_profile_plans_through_the_storage_plugin(tmp_path):
    project = copy_project(tmp_path / "p")
    store = staged_storage(tmp_path, project)
    proc = run_snakemake(project, "--profile", "profiles/kubernetes", "--default-storage-prefix", str(store), "--dry-run")
    out = proc.stdout + proc.stderr
    assert "Using profiles profiles/kubernetes" in out
    assert f"{store}/results/shards/0000-of-0001/passages.parquet (in storage)" in out
    rules, resources = planned(out)
    assert RULES <= rules and resources <= GENERIC


@pytest.mark.skipif(shutil.which("rsync") is None, reason="the file-system storage plugin copies with rsync")
def test_a_run_without_a_shared_file_system_publishes_the_same_dataset(tmp_path, dataset):
    project = copy_project(tmp_path / "p")
    store = staged_storage(tmp_path, project)
    run_snakemake(project, "--default-storage-provider", "fs", "--default-storage-prefix", str(store),
                  "--shared-fs-usage", "none", "--config", f"publish_dir={store}/datasets")
    assert not (project / "results" / "datasets").exists()
    published = (store / "datasets" / "latest").resolve()
    assert published.name == dataset.name  # where a version is published is not part of what it is
    for table in ("documents", "passages", "mentions", "evidence", "relations"):
        theirs, ours = table_files(published, table), table_files(dataset, table)
        assert [p.relative_to(published) for p in theirs] == [p.relative_to(dataset) for p in ours]
        assert all(a.read_bytes() == b.read_bytes() for a, b in zip(theirs, ours)), table
