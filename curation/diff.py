"""What changed between two dataset versions: ``python -m curation.diff OLD NEW [--out DIR]``.

Per table (documents, mentions, curation_flags, and any other table with a unique ID): rows added, removed
and changed (with the columns that changed), written as ``<table>.parquet`` plus ``summary.md`` for people.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from .dataset import PARTITION, PARTITIONED_TABLES, has_table, read as read_version_table


# table -> ID column
DIFFED = {"documents": "doc_id", "passages": "passage_id", "mentions": "mention_id", "curation_flags": "flag_id",
          "references": "reference_id", "citations": "citation_id", "concepts": "concept_id",
          "abbreviations": "abbreviation_id", "source_entities": "claim_id", "inputs": "source_path",
          "relations": "relation_id", "evidence": "evidence_id"}
DIFF_SCHEMA = pa.schema([("id", pa.string()), ("change", pa.string()), ("changed_columns", pa.list_(pa.string()))])


def _comparable(v):
    """A value two versions can be compared on: list cells as JSON, missing values as None."""
    if isinstance(v, np.ndarray) or isinstance(v, (list, tuple)):
        return json.dumps([x for x in v])
    if hasattr(v, "item"):
        v = v.item()
    return None if v is None or (isinstance(v, float) and np.isnan(v)) else v


def diff_table(old: pd.DataFrame, new: pd.DataFrame, key: str) -> pd.DataFrame:
    old_i, new_i = old.set_index(key), new.set_index(key)
    rows = [{"id": k, "change": "added", "changed_columns": []} for k in sorted(set(new_i.index) - set(old_i.index))]
    rows += [{"id": k, "change": "removed", "changed_columns": []} for k in sorted(set(old_i.index) - set(new_i.index))]
    columns = [c for c in new_i.columns if c in old_i.columns]
    for k in sorted(set(old_i.index) & set(new_i.index)):
        a, b = old_i.loc[k], new_i.loc[k]
        changed = [c for c in columns if _comparable(a[c]) != _comparable(b[c])]
        if changed:
            rows.append({"id": k, "change": "changed", "changed_columns": changed})
    return pd.DataFrame(rows, columns=["id", "change", "changed_columns"])


def changed_shards(old_manifest: dict, new_manifest: dict, table: str) -> list[str] | None:
    """The shards whose partition of `table` differs between two versions (by the sha256s their manifests
    record), or None when the whole table has to be compared (a corpus-level table, or a version published
    before partitioning). Rows in a partition with the same sha256 in both versions are the same rows, so
    adding papers to one shard makes a diff that reads one shard, not the corpus."""
    old, new = old_manifest["tables"].get(table, {}), new_manifest["tables"].get(table, {})
    if table not in PARTITIONED_TABLES or "files" not in old or "files" not in new:
        return None
    old_files = {f["path"]: f["sha256"] for f in old["files"]}
    new_files = {f["path"]: f["sha256"] for f in new["files"]}
    changed = {path for path in old_files.keys() | new_files.keys() if old_files.get(path) != new_files.get(path)}
    return sorted({path.split("/")[1].split("=", 1)[1] for path in changed})


def diff(old_dir: str | Path, new_dir: str | Path, out_dir: str | Path) -> str:
    old_dir, new_dir, out_dir = Path(old_dir).resolve(), Path(new_dir).resolve(), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    old_m = json.loads((old_dir / "manifest.json").read_text())
    new_m = json.loads((new_dir / "manifest.json").read_text())
    old_v, new_v = old_m["version"], new_m["version"]
    lines = [f"# {old_v} -> {new_v}", "", "| table | added | removed | changed |", "|---|---|---|---|"]
    for table, key in DIFFED.items():
        if not has_table(old_dir, table) or not has_table(new_dir, table):
            continue
        shards = changed_shards(old_m, new_m, table)
        where = None if shards is None else ds.field(PARTITION).isin(pa.array(shards, pa.string()))
        d = diff_table(read_version_table(old_dir, table, where=where), read_version_table(new_dir, table, where=where), key)
        d = d.sort_values(["change", "id"], kind="mergesort")
        pq.write_table(pa.Table.from_pandas(d, schema=DIFF_SCHEMA, preserve_index=False)
                       .replace_schema_metadata({"table": table, "old": old_v, "new": new_v}), out_dir / f"{table}.parquet")
        counts = d["change"].value_counts()
        lines.append(f"| {table} | {counts.get('added', 0)} | {counts.get('removed', 0)} | {counts.get('changed', 0)} |")
    summary = "\n".join(lines) + "\n"
    (out_dir / "summary.md").write_text(summary)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--out", help="default: results/diffs/<old>__<new>")
    args = parser.parse_args()
    old_v = json.loads((Path(args.old) / "manifest.json").read_text())["version"]
    new_v = json.loads((Path(args.new) / "manifest.json").read_text())["version"]
    print(diff(args.old, args.new, args.out or f"results/diffs/{old_v}__{new_v}"), end="")


if __name__ == "__main__":
    main()
