"""Assemble shard tables into one dataset version and publish it atomically.

``results/datasets/<name>-<semver>-<hash>/`` holds one Parquet file per table and a
``manifest.json``. The hash covers the inputs' sha256s, the config, the code and the library
versions, so the same inputs and code always give the same version name and any change gives a
new one. A version directory is written under a temporary name, fsynced and renamed into place;
``latest`` is a symlink replaced atomically. A published version is never modified.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pandas as pd

from schemas import integrity
from schemas.tables import SCHEMA_VERSION, TABLES, arrow_schema

from .parquet_io import read_table, write_table

log = logging.getLogger("curation.publish")

LIBRARIES = ["snakemake", "pandas", "pyarrow", "lxml", "pandera"]
CODE_GLOBS = ["Snakefile", "rules/*.smk", "scripts/*.py", "curation/*.py", "schemas/*.py", "schemas/*.yaml",
              "requirements.txt", "constraints.txt"]
# Tables whose rows belong to a document: duplicates of a document are dropped from all of them.
DOCUMENT_TABLES = ["documents", "authors", "passages", "table_cells", "references", "citations",
                   "abbreviations", "source_entities"]


class PublishError(RuntimeError):
    pass


def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def code_fingerprint(code_root: str | os.PathLike) -> dict:
    root = Path(code_root)
    files = sorted({p for pattern in CODE_GLOBS for p in root.glob(pattern) if p.is_file()})
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    info = {"sha256": h.hexdigest(), "files": len(files), "git_commit": None, "git_dirty": None}
    try:
        commit = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
        if commit.returncode == 0:
            info["git_commit"] = commit.stdout.strip()
            status = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                                    capture_output=True, text=True, timeout=10)
            info["git_dirty"] = bool(status.stdout.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    return info


def library_versions() -> dict:
    versions = {"python": f"{sys.version_info.major}.{sys.version_info.minor}"}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def gather(shard_dirs: list[str]) -> dict[str, pd.DataFrame]:
    tables = {}
    for table in TABLES:
        frames = [read_table(table, Path(d) / f"{table}.parquet") for d in shard_dirs]
        frames = [f for f in frames if len(f)]
        tables[table] = (pd.concat(frames, ignore_index=True) if frames
                         else arrow_schema(table).empty_table().to_pandas())
    return tables


def drop_duplicate_documents(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The same bytes under two paths are one document: keep the first path, record the others."""
    docs = tables["documents"].sort_values(["doc_id", "source_path"], kind="mergesort")
    dup_mask = docs.duplicated("doc_id", keep="first")
    if not dup_mask.any():
        return tables
    kept = docs[~dup_mask].set_index("doc_id")["source_path"]
    duplicates = docs[dup_mask]
    dup_paths = set(duplicates["source_path"])
    quarantine = [{"source_path": r.source_path, "source_sha256": r.source_sha256, "stage": "publish",
                   "reason": f"duplicate: same content as {kept[r.doc_id]}"} for r in duplicates.itertuples()]
    for q in quarantine:
        log.warning("DUPLICATE %s: %s", q["source_path"], q["reason"])
    out = dict(tables)
    out["documents"] = docs[~dup_mask]
    for table in DOCUMENT_TABLES[1:]:
        model, key = TABLES[table]
        unique = [c for c, col in model.to_schema().columns.items() if col.unique] or key
        out[table] = tables[table].drop_duplicates(subset=unique, keep="first")
    inputs = tables["inputs"].copy()
    inputs.loc[inputs["source_path"].isin(dup_paths), ["status", "n_documents"]] = ["duplicate", 0]
    out["inputs"] = inputs
    out["quarantine"] = pd.concat([tables["quarantine"], pd.DataFrame(quarantine)], ignore_index=True)
    return out


def _portable_config(config: dict) -> dict:
    """The config as recorded: absolute input paths are reduced to their last component."""
    config = json.loads(json.dumps(config, sort_keys=True, default=str))
    config["inputs"] = [e if not os.path.isabs(e) else ".../" + os.path.basename(e.rstrip("/")) for e in config.get("inputs", [])]
    return config


def content_hash(tables: dict[str, pd.DataFrame], config: dict, code: dict, libraries: dict) -> str:
    inputs = tables["inputs"][["source_path", "source_sha256"]].sort_values("source_path")
    payload = {
        "inputs": inputs.astype(object).where(inputs.notna(), None).values.tolist(),
        "config": _portable_config(config),
        "code": code["sha256"],
        "libraries": {k: v for k, v in libraries.items()},
        "schema_version": SCHEMA_VERSION,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(shard_dirs: list[str], datasets_dir: str, config: dict, code_root: str) -> dict:
    tables = drop_duplicate_documents(gather(shard_dirs))
    violations = integrity.check(tables)
    if violations:
        shown = "\n".join(f"  - {v}" for v in violations[:50])
        more = f"\n  ... and {len(violations) - 50} more" if len(violations) > 50 else ""
        raise PublishError(f"dataset not published: {len(violations)} integrity violation(s)\n{shown}{more}")

    code = code_fingerprint(code_root)
    libraries = library_versions()
    digest = content_hash(tables, config, code, libraries)
    dataset = config["dataset"]
    version = f"{dataset['name']}-{dataset['version']}-{digest[:12]}"
    datasets = Path(datasets_dir)
    datasets.mkdir(parents=True, exist_ok=True)
    final = datasets / version

    if final.exists():
        log.info("version %s is already published; not rewriting it", version)
        manifest = json.loads((final / "manifest.json").read_text())
    else:
        staging = datasets / f".staging-{version}-{os.getpid()}"
        if staging.exists():
            shutil.rmtree(staging)
        staging.mkdir()
        table_info = {}
        for table, df in tables.items():
            file = f"{table}.parquet"
            arrow = write_table(table, df, staging / file)
            table_info[table] = {"file": file, "rows": arrow.num_rows, "sha256": sha256_file(staging / file),
                                 "schema_version": SCHEMA_VERSION, "columns": arrow.schema.names}
        inputs = tables["inputs"].sort_values("source_path")
        manifest = {
            "dataset": dataset["name"],
            "version": version,
            "semantic_version": dataset["version"],
            "content_hash": digest,
            "schema_version": SCHEMA_VERSION,
            "inputs": [
                {"path": r.source_path, "sha256": r.source_sha256, "format": r.format, "size_bytes": int(r.size_bytes),
                 "status": r.status, "n_documents": int(r.n_documents)}
                for r in inputs.itertuples()
            ],
            "config": _portable_config(config),
            "code": code,
            "libraries": libraries,
            "tables": table_info,
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        with open(staging / "manifest.json", "rb") as fh:
            os.fsync(fh.fileno())
        _fsync_dir(staging)
        os.rename(staging, final)
        _fsync_dir(datasets)
        log.info("published %s", version)

    link_tmp = datasets / f".latest-{os.getpid()}"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    os.symlink(version, link_tmp)
    os.replace(link_tmp, datasets / "latest")
    _fsync_dir(datasets)
    return manifest


def publish_and_point(shard_dirs: list[str], datasets_dir: str, config: dict, code_root: str, pointer: str) -> dict:
    """Publish, then write the small JSON file Snakemake tracks as the run's final output."""
    manifest = publish(shard_dirs, datasets_dir, config, code_root)
    summary = {
        "version": manifest["version"],
        "path": f"datasets/{manifest['version']}",
        "content_hash": manifest["content_hash"],
        "rows": {t: info["rows"] for t, info in manifest["tables"].items()},
    }
    Path(pointer).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return manifest
