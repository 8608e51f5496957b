"""The layout of a published dataset version: one directory per table, partitioned by shard.

    <version>/<table>/shard=<shard>/part-0.parquet   tables whose rows belong to a document
    <version>/<table>/part-0.parquet                 corpus-level tables: inputs, quarantine, concepts, relations

A shard's partition holds the rows of the documents read from that shard's input files, so a corpus of
any size is written, checked and read a shard at a time, and adding papers to one shard changes only that
partition's files. Each table directory reads as one table (Hive-style partitioning):

    pandas.read_parquet("<version>/mentions")
    pyarrow.dataset.dataset("<version>/mentions", partitioning="hive")
    duckdb: SELECT * FROM read_parquet('<version>/mentions/**/*.parquet', hive_partitioning = true)

Every shard gets a partition file even when it has no rows for a table, so every table directory has at
least one file to read its schema from.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds

from schemas.tables import DATASET_TABLES, arrow_schema

from .parquet_io import write_table

PARTITION = "shard"
CORPUS_TABLES = ["inputs", "quarantine", "concepts", "relations"]
PARTITIONED_TABLES = [t for t in DATASET_TABLES if t not in CORPUS_TABLES]
PART = "part-0.parquet"


def write(directory: Path, table: str, df: pd.DataFrame, doc_shard: dict[str, str], shards: list[str]) -> list[dict]:
    """Write one table under `directory`; returns its files (path relative to `directory`, rows)."""
    if table not in PARTITIONED_TABLES:
        path = Path(table) / PART
        arrow = write_table(table, df, directory / path)
        return [{"path": path.as_posix(), "rows": arrow.num_rows}]
    shard_of_row = df["doc_id"].map(doc_shard)
    unknown = sorted(set(df.loc[shard_of_row.isna(), "doc_id"]))
    if unknown:
        raise ValueError(f"{table}: rows of documents that belong to no shard: {unknown[:5]}")
    files = []
    for shard in sorted(shards):
        path = Path(table) / f"{PARTITION}={shard}" / PART
        arrow = write_table(table, df[shard_of_row == shard], directory / path)
        files.append({"path": path.as_posix(), "rows": arrow.num_rows})
    return files


def has_table(version_dir: str | Path, table: str) -> bool:
    return (Path(version_dir) / table).is_dir() or (Path(version_dir) / f"{table}.parquet").is_file()


def read(version_dir: str | Path, table: str, columns: list[str] | None = None, with_shard: bool = False) -> pd.DataFrame:
    """One table of a published version as a DataFrame (the shard partition column only when asked).

    Versions published before tables were partitioned hold one ``<table>.parquet`` each; they read the same.
    """
    single = Path(version_dir) / f"{table}.parquet"
    if single.is_file():
        return pd.read_parquet(single, columns=columns)
    partitioned = table in PARTITIONED_TABLES
    dataset = ds.dataset(Path(version_dir) / table, format="parquet", partitioning="hive" if partitioned else None)
    wanted = list(columns or arrow_schema(table).names) + ([PARTITION] if with_shard and partitioned else [])
    return dataset.to_table(columns=wanted).to_pandas()


def table_files(version_dir: str | Path, table: str) -> list[Path]:
    single = Path(version_dir) / f"{table}.parquet"
    return [single] if single.is_file() else sorted((Path(version_dir) / table).rglob("*.parquet"))
