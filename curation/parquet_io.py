"""Deterministic, schema-checked Parquet: the same rows always give the same bytes.

Rows are validated against the table's pandera model, sorted by the table's key, converted with
the Arrow schema derived from the model (our metadata only: no pandas metadata, no index), and
written with fixed compression and row-group settings, through a temporary file and a rename so
that a killed job never leaves half a file under the final name.
"""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from schemas.tables import TABLES, arrow_schema, empty_frame, validate

PARQUET_OPTIONS = dict(
    compression="zstd", compression_level=9, use_dictionary=True, write_statistics=True,
    row_group_size=131072, data_page_size=1 << 20, version="2.6",
)


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    columns = arrow_schema(table).names
    if not rows:
        return empty_frame(table)
    return pd.DataFrame.from_records(rows, columns=columns)


def prepare(table: str, df: pd.DataFrame) -> pa.Table:
    _, key = TABLES[table]
    df = validate(table, df)
    df = df.sort_values(key, kind="mergesort").reset_index(drop=True)
    return pa.Table.from_pandas(df, schema=arrow_schema(table), preserve_index=False).replace_schema_metadata(
        arrow_schema(table).metadata
    )


def write_table(table: str, df: pd.DataFrame, path: str | os.PathLike) -> pa.Table:
    arrow = prepare(table, df)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp{os.getpid()}")
    pq.write_table(arrow, tmp, **PARQUET_OPTIONS)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return arrow


def read_table(table: str, path: str | os.PathLike, validate_rows: bool = True) -> pd.DataFrame:
    """Read a table back and check it against its model.

    ``validate_rows=False`` is for a reader that writes every row it reads through :func:`write_table`
    (which checks them there), so checking on read would only repeat the work; the dtypes are the same."""
    schema = arrow_schema(table)
    df = pq.read_table(path, schema=schema).to_pandas()
    for name in TABLES[table][0].list_columns():
        df[name] = df[name].map(lambda v: [] if v is None else list(v))
    if validate_rows:
        return validate(table, df)
    for field in schema:  # what the model's coercion would do: nullable integers stay integers
        if pa.types.is_integer(field.type) and field.nullable:
            df[field.name] = df[field.name].astype("Int64")
    return df
