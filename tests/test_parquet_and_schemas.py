"""Schema-checked, byte-reproducible Parquet, and the cross-table rules."""
import hashlib

import pandas as pd
import pyarrow.parquet as pq
import pytest

from curation.parquet_io import frame, read_table, write_table
from schemas import integrity
from schemas.tables import TABLES, ContractError, arrow_schema


def sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_same_rows_in_any_order_give_identical_bytes(tmp_path, jats_rows):
    rows = jats_rows["passages"]
    write_table("passages", frame("passages", rows), tmp_path / "a.parquet")
    write_table("passages", frame("passages", list(reversed(rows))), tmp_path / "b.parquet")
    assert sha(tmp_path / "a.parquet") == sha(tmp_path / "b.parquet")


def test_files_carry_our_schema_and_no_pandas_metadata(tmp_path, jats_rows):
    write_table("table_cells", frame("table_cells", jats_rows["table_cells"]), tmp_path / "t.parquet")
    schema = pq.read_schema(tmp_path / "t.parquet")
    assert b"pandas" not in schema.metadata and schema.metadata[b"table"] == b"table_cells"
    assert schema.field("row").metadata[b"description"].startswith(b"1-based row")
    back = read_table("table_cells", tmp_path / "t.parquet")
    assert len(back) == len(jats_rows["table_cells"])


def test_reading_without_validation_gives_the_same_frame(tmp_path, jats_rows):
    for table in ("passages", "abbreviations", "documents", "table_cells"):
        write_table(table, frame(table, jats_rows[table]), tmp_path / f"{table}.parquet")
        checked = read_table(table, tmp_path / f"{table}.parquet")
        pd.testing.assert_frame_equal(read_table(table, tmp_path / f"{table}.parquet", validate_rows=False), checked)
    assert str(checked["row"].dtype) == "int64" and str(read_table("passages", tmp_path / "passages.parquet")["source_line"].dtype) == "Int64"


def test_every_table_model_maps_to_an_arrow_schema():
    for table in TABLES:
        assert len(arrow_schema(table)) == len(TABLES[table][0].to_schema().columns)


def test_rows_that_break_the_contract_are_not_written(tmp_path, jats_rows):
    rows = [dict(r) for r in jats_rows["passages"]]
    rows[0]["kind"] = "banner"
    with pytest.raises(ContractError, match=r"table 'passages' breaks its schema: kind: isin\(.*\) fails for 1 row\(s\), e.g. 'banner'"):
        write_table("passages", frame("passages", rows), tmp_path / "p.parquet")
    assert not (tmp_path / "p.parquet").exists()


def frames_of(rows):
    tables = {t: frame(t, rows.get(t, [])) for t in TABLES}
    doc = rows["documents"][0]
    tables["inputs"] = frame("inputs", [{"source_path": doc["source_path"], "source_sha256": doc["source_sha256"],
                                         "size_bytes": 1, "format": "jats", "n_documents": 1, "status": "published"}])
    return tables


def test_integrity_rules_pass_on_the_seed(jats_rows):
    assert integrity.check(frames_of(jats_rows)) == []


def test_integrity_rules_name_each_violation(jats_rows):
    tables = frames_of(jats_rows)
    tables["passages"].loc[5, "offset"] += 1
    tables["citations"].loc[0, "start"] += 1
    tables["table_cells"].loc[tables["table_cells"]["passage_id"].notna().idxmax(), "text"] = "changed"
    tables["authors"].loc[0, "doc_id"] = "0" * 16
    rules = {v.rule for v in integrity.check(tables)}
    assert rules == {"passage_offsets_tile_the_document", "citations_slice_their_passage",
                     "cells_match_their_passage", "rows_belong_to_documents"}
