"""Crashes and concurrent runs: SIGKILL at several moments of a real run, and two runs at once."""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import copy_project, run_snakemake

pytestmark = pytest.mark.slow


def start(project: Path, env_extra: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.Popen([sys.executable, "-m", "snakemake", "--cores", "2"], cwd=project, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


def kill_when(proc: subprocess.Popen, condition, timeout: float = 180) -> bool:
    """SIGKILL the whole run (Snakemake and its jobs) as soon as `condition()` holds; False if it ended first."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)
    raise AssertionError("condition never held")


def intact(datasets: Path, version: str) -> None:
    manifest = json.loads((datasets / version / "manifest.json").read_text())
    for info in manifest["tables"].values():
        for f in info["files"]:
            assert hashlib.sha256((datasets / version / f["path"]).read_bytes()).hexdigest() == f["sha256"]
    assert os.readlink(datasets / "latest") == version


@pytest.fixture
def project(tmp_path, built_project):
    """A project copy whose first version is published, with the vocabulary already built (to save time)."""
    p = copy_project(tmp_path / "p")
    (p / "results").mkdir()
    shutil.copytree(built_project / "results" / "vocabulary", p / "results" / "vocabulary")
    run_snakemake(p)
    config = p / "config" / "config.yaml"
    config.write_text(config.read_text().replace("version: 0.1.0", "version: 0.2.0"))  # the next run publishes anew
    return p


def test_sigkill_at_any_moment_leaves_the_published_version_and_latest_intact(project):
    datasets = project / "results" / "datasets"
    first = os.readlink(datasets / "latest")
    moments = {
        "while parsing": lambda: (project / "results" / "logs" / "parse").exists(),
        "while annotating": lambda: (project / "results" / "logs" / "annotate").exists(),
        "while publishing": lambda: any(p.name.startswith(".staging-") for p in datasets.iterdir()),
    }
    killed = []
    for moment, condition in moments.items():
        proc = start(project, {"CURATION_PAUSE_BEFORE_PUBLISH_RENAME": "5"})
        if kill_when(proc, condition):
            killed.append(moment)
        intact(datasets, first)
    assert "while publishing" in killed
    proc = start(project)
    out, _ = proc.communicate(timeout=600)
    assert proc.returncode == 0, out[-3000:]
    second = os.readlink(datasets / "latest")
    assert second != first and second.startswith("egfr-tki-resistance-0.2.0-")
    assert (datasets / first / "manifest.json").exists()
    assert not [p for p in datasets.iterdir() if p.name.startswith(".")]


def test_a_second_run_on_the_same_results_is_refused(project):
    datasets = project / "results" / "datasets"
    first = start(project, {"CURATION_PAUSE_BEFORE_PUBLISH_RENAME": "30"})
    try:
        deadline = time.time() + 180
        while not any(p.name.startswith(".staging-") for p in datasets.iterdir()):
            assert first.poll() is None and time.time() < deadline
            time.sleep(0.05)
        second = run_snakemake(project, check=False)
        assert second.returncode != 0
        assert f"Run refused: another run (pid {first.pid}) is using results/" in second.stdout + second.stderr
    finally:
        os.killpg(first.pid, signal.SIGKILL)
        first.wait()
    run_snakemake(project)  # the kernel released the lock with the killed run
    assert "egfr-tki-resistance-0.2.0-" in os.readlink(datasets / "latest")
