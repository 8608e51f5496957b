"""The parse step for one shard: files in, one schema-checked Parquet file per table out.

A file that cannot be read becomes a ``quarantine`` row with one line naming the file and the
problem (also printed to the log); the rest of the shard carries on.
"""
from __future__ import annotations

import hashlib
import logging
import os
import traceback

from schemas.tables import PARSE_TABLES

from .inputs import InputFile
from .parquet_io import frame, write_table
from .readers import InputError, detect_format, read_documents

log = logging.getLogger("curation.parse")


def parse_file(f: InputFile, max_bytes: int, seen: dict[str, str]) -> tuple[dict[str, list[dict]], dict, dict | list | None]:
    """(rows per table, the inputs row, a quarantine row, or warning rows, or None) for one file.

    ``seen`` maps sha256 -> source_path of files already parsed in this shard: identical bytes
    are one document, kept under the first path (files come sorted by path).
    """
    size = os.path.getsize(f.path)
    row = {"source_path": f.source_path, "source_sha256": None, "size_bytes": size,
           "format": "unread", "n_documents": 0, "status": "quarantined"}
    if size > max_bytes:
        reason = f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit (config limits.max_file_mb)"
        return {}, row, {"source_path": f.source_path, "source_sha256": None, "stage": "parse", "outcome": "rejected", "reason": reason}
    with open(f.path, "rb") as fh:
        data = fh.read()
    sha = hashlib.sha256(data).hexdigest()
    row["source_sha256"] = sha
    if sha in seen:
        row.update(format=detect_format(data), status="duplicate")
        reason = f"duplicate: same content as {seen[sha]}"
        return {}, row, {"source_path": f.source_path, "source_sha256": sha, "stage": "parse", "outcome": "rejected", "reason": reason}
    seen[sha] = f.source_path
    try:
        fmt, docs = read_documents(data)
        tables: dict[str, list[dict]] = {}
        for doc in docs:
            for table, rows in doc.rows(f.source_path, sha).items():
                tables.setdefault(table, []).extend(rows)
            for warning in doc.warnings:
                log.warning("%s: %s", f.source_path, warning)
    except InputError as e:
        row["format"] = detect_format(data)
        return {}, row, {"source_path": f.source_path, "source_sha256": sha, "stage": "parse", "outcome": "rejected", "reason": str(e)}
    except Exception as e:  # a parser bug must not cost the rest of the corpus; the traceback goes to the log
        log.error("%s: internal error\n%s", f.source_path, traceback.format_exc())
        row["format"] = detect_format(data)
        reason = f"internal parser error ({type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}); please report it"
        return {}, row, {"source_path": f.source_path, "source_sha256": sha, "stage": "parse", "outcome": "rejected", "reason": reason}
    row.update(format=fmt, n_documents=len(docs), status="published")
    notices = [{"source_path": f.source_path, "source_sha256": sha, "stage": "parse",
                "outcome": "published_with_warning", "reason": notice} for doc in docs for notice in doc.notices]
    return tables, row, notices or None


def parse_shard(files: list[InputFile], outputs: dict[str, str], max_bytes: int) -> dict[str, int]:
    collected: dict[str, list[dict]] = {t: [] for t in PARSE_TABLES}
    seen: dict[str, str] = {}
    for n, f in enumerate(sorted(files), 1):
        tables, input_row, quarantined = parse_file(f, max_bytes, seen)
        for table, rows in tables.items():
            collected[table].extend(rows)
        collected["inputs"].append(input_row)
        for q in ([quarantined] if isinstance(quarantined, dict) else quarantined or []):
            collected["quarantine"].append(q)
            label = "QUARANTINED" if q["outcome"] == "rejected" else "WARNING"
            log.warning("%s %s: %s", label, f.source_path, q["reason"])
        if n % 100 == 0 or n == len(files):
            log.info("parsed %d/%d files", n, len(files))
    for table in PARSE_TABLES:
        write_table(table, frame(table, collected[table]), outputs[table])
    return {t: len(r) for t, r in collected.items()}
