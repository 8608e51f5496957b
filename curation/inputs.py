"""Which files a run reads, what they are called in the data, and which shard each belongs to.

Inputs are named in the config as files, directories (read recursively, hidden entries skipped)
or globs. Each file gets a ``source_path`` that is stable across machines: relative to the working
directory when it lies below it, else ``<name of the named directory>/<path below it>``.
Absolute paths never reach the data.

Shards: a file's shard is a hash of its source_path, so membership does not depend on which
other files exist. The number of shards is the smallest power of two that keeps the average
shard at or under ``shard_size``; it changes only when the corpus doubles or halves.
"""
from __future__ import annotations

import glob
import hashlib
import os
from dataclasses import dataclass

GLOB_CHARS = set("*?[")


class InputConfigError(ValueError):
    pass


@dataclass(frozen=True, order=True)
class InputFile:
    source_path: str  # as stored in the data
    path: str  # as opened on this machine


def _walk(directory: str) -> list[str]:
    found = []
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(os.path.join(root, f) for f in sorted(files) if not f.startswith("."))
    return found


def _base_of(entry: str) -> str:
    if any(c in GLOB_CHARS for c in entry):
        parts = []
        for part in entry.split(os.sep):
            if any(c in GLOB_CHARS for c in part):
                break
            parts.append(part)
        return os.sep.join(parts) or "."
    return entry if os.path.isdir(entry) else (os.path.dirname(entry) or ".")


def stored_path(path: str, base: str, workdir: str) -> str:
    absolute = os.path.abspath(path)
    root = os.path.abspath(workdir)
    if os.path.commonpath([absolute, root]) == root:
        return os.path.relpath(absolute, root).replace(os.sep, "/")
    base_abs = os.path.abspath(base)
    name = os.path.basename(base_abs.rstrip(os.sep)) or "input"
    return f"{name}/{os.path.relpath(absolute, base_abs)}".replace(os.sep, "/")


def resolve_inputs(entries: list[str], workdir: str = ".") -> list[InputFile]:
    files: dict[str, InputFile] = {}
    for i, entry in enumerate(entries):
        path = entry if os.path.isabs(entry) else os.path.join(workdir, entry)
        if any(c in GLOB_CHARS for c in entry):
            matches = sorted(m for m in glob.glob(path, recursive=True) if os.path.isfile(m))
        elif os.path.isdir(path):
            matches = _walk(path)
        elif os.path.isfile(path):
            matches = [path]
        else:
            raise InputConfigError(f"inputs[{i}] {entry!r}: no such file or directory")
        if not matches:
            raise InputConfigError(f"inputs[{i}] {entry!r}: matches no file")
        base = _base_of(path)
        for m in matches:
            f = InputFile(stored_path(m, base, workdir), os.path.normpath(m))
            files.setdefault(f.source_path, f)
    return sorted(files.values())


def shard_count(n_files: int, shard_size: int) -> int:
    n = 1
    while n * shard_size < n_files:
        n *= 2
    return n


def shard_index(source_path: str, n_shards: int) -> int:
    return int.from_bytes(hashlib.sha256(source_path.encode()).digest()[:8], "big") % n_shards


def shard_name(index: int, n_shards: int) -> str:
    return f"{index:04d}-of-{n_shards:04d}"


def plan_shards(files: list[InputFile], shard_size: int) -> dict[str, list[InputFile]]:
    """Shard name -> its files (sorted); empty shards are left out."""
    n = shard_count(len(files), shard_size)
    shards: dict[str, list[InputFile]] = {}
    for f in files:
        shards.setdefault(shard_name(shard_index(f.source_path, n), n), []).append(f)
    return dict(sorted(shards.items()))


def parent_directories(paths: list[str]) -> list[str]:
    """The distinct parent directories of a job's input files, in order. Scripts take the directories they
    read from their inputs, never from params, so they also run where a storage plugin relocates inputs."""
    return list(dict.fromkeys(os.path.dirname(p) for p in paths))
