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
least one file to read its schema from, and a shard whose papers did not change keeps byte-identical files.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from schemas.tables import DATASET_TABLES, arrow_schema

from .parquet_io import write_table

PARTITION = "shard"
CORPUS_TABLES = ["inputs", "quarantine", "concepts", "relations"]
PARTITIONED_TABLES = [t for t in DATASET_TABLES if t not in CORPUS_TABLES]
PART = "part-0.parquet"


def write_part(directory: Path, table: str, df: pd.DataFrame, shard: str | None) -> dict:
    """Write one table's rows of one shard (or a corpus-level table, shard None) under `directory`.

    Returns the file's path relative to `directory`, its rows and its sha256."""
    path = Path(table) / (f"{PARTITION}={shard}" if shard is not None else "") / PART
    arrow = write_table(table, df, directory / path)
    return {"path": path.as_posix(), "rows": arrow.num_rows, "sha256": sha256_file(directory / path)}


def read_part(directory: Path, table: str, shard: str, columns: list[str]) -> pd.DataFrame:
    """Some columns of one shard's partition of a table."""
    return pq.read_table(Path(directory) / table / f"{PARTITION}={shard}" / PART, columns=columns).to_pandas()


def sha256_file(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def has_table(version_dir: str | Path, table: str) -> bool:
    return (Path(version_dir) / table).is_dir() or (Path(version_dir) / f"{table}.parquet").is_file()


def read(version_dir: str | Path, table: str, columns: list[str] | None = None, with_shard: bool = False,
         where: ds.Expression | None = None) -> pd.DataFrame:
    """One table of a published version as a DataFrame: only `columns` and the rows matching `where` when
    given (both pushed down to the Parquet reader), with the shard partition column only when asked.

    Versions published before tables were partitioned hold one ``<table>.parquet`` each; they read the same.
    """
    single = Path(version_dir) / f"{table}.parquet"
    partitioned = table in PARTITIONED_TABLES and not single.is_file()
    dataset = ds.dataset(single if single.is_file() else Path(version_dir) / table, format="parquet",
                         partitioning="hive" if partitioned else None)
    wanted = list(columns or arrow_schema(table).names) + ([PARTITION] if with_shard and partitioned else [])
    return dataset.to_table(columns=wanted, filter=where).to_pandas()


def table_files(version_dir: str | Path, table: str) -> list[Path]:
    single = Path(version_dir) / f"{table}.parquet"
    return [single] if single.is_file() else sorted((Path(version_dir) / table).rglob("*.parquet"))
