"""Shared fixtures: the bundled seed papers, ../shared when present, and real pipeline runs."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from curation.readers import read_documents

ROOT = Path(__file__).resolve().parent.parent
PAPERS = ROOT / "resources" / "papers"
SUMMARY_SEED = PAPERS / "000_fa56d71dd939e52c.txt"
JATS_SEED = PAPERS / "004_60a49ef73a67cab9.txt"
SHARED = ROOT.parent / "shared"
PROJECT_FILES = ["Snakefile", "config", "rules", "scripts", "schemas", "curation", "resources", "profiles",
                 "requirements.txt", "requirements-nodeps.txt", "constraints.txt"]


def parse_rows(path: Path, source_path: str | None = None) -> dict[str, list[dict]]:
    data = path.read_bytes()
    _, docs = read_documents(data)
    assert len(docs) == 1
    return docs[0].rows(source_path or path.name, hashlib.sha256(data).hexdigest())


@pytest.fixture(scope="session")
def jats_rows():
    return parse_rows(JATS_SEED)


@pytest.fixture(scope="session")
def summary_rows():
    return parse_rows(SUMMARY_SEED)


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, dest / name)
    return dest


def run_snakemake(workdir: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--cores", "2", *args], cwd=workdir,
                          capture_output=True, text=True, timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"snakemake failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-6000:]}")
    return proc


@pytest.fixture(scope="session")
def built_project(tmp_path_factory) -> Path:
    """A copy of the project in a temporary directory, after one `snakemake --cores 2` on the seeds."""
    project = copy_project(tmp_path_factory.mktemp("build_a") / "project")
    run_snakemake(project)
    return project


@pytest.fixture(scope="session")
def dataset(built_project) -> Path:
    return (built_project / "results" / "datasets" / "latest").resolve()


@pytest.fixture(scope="session")
def resources(built_project):
    """The vocabulary the end-to-end build made, loaded as an annotation step loads it."""
    from curation.annotate_stage import Resources
    return Resources(str(built_project / "results" / "vocabulary"))
