"""Throughput figures on the JATS corpus of ../shared (``make bench``; not part of the tests).

Prints: bare lxml parse of the bytes (the floor), our parse to rows, the vocabulary load, and annotation,
each in MB of XML per second on one core.
"""
from __future__ import annotations

import argparse
import hashlib
import platform
import time
from pathlib import Path

from lxml import etree

from .readers import detect_format, read_documents, xml_parser


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default="../shared/corpora/jats")
    parser.add_argument("--vocabulary", default="results/vocabulary")
    args = parser.parse_args()
    files = sorted(p for p in Path(args.corpus).rglob("*") if p.is_file())
    blobs = [b for b in (p.read_bytes() for p in files) if detect_format(b) == "jats"]
    mb = sum(map(len, blobs)) / 1e6
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}; "
          f"{len(blobs)} JATS files, {mb:.1f} MB")

    started = time.perf_counter()
    for b in blobs:
        etree.fromstring(b, xml_parser())
    bare = time.perf_counter() - started
    print(f"bare lxml parse:        {bare:6.2f} s  {mb / bare:6.1f} MB/s")

    started = time.perf_counter()
    docs = []
    for b in blobs:
        sha = hashlib.sha256(b).hexdigest()
        docs += [d.rows("x", sha) for d in read_documents(b)[1]]
    ours = time.perf_counter() - started
    print(f"parse to rows:          {ours:6.2f} s  {mb / ours:6.1f} MB/s  ({ours / bare:.1f}x bare lxml)")

    if Path(args.vocabulary, "matcher").is_dir():
        from .annotate_stage import Resources
        started = time.perf_counter()
        resources = Resources(args.vocabulary)
        load = time.perf_counter() - started
        print(f"vocabulary load:        {load:6.2f} s")
        started = time.perf_counter()
        mentions = 0
        for d in docs:
            glossary = [(a["short_form"], a["long_form"]) for a in d["abbreviations"]]
            mentions += len(resources.annotator.annotate(d["documents"][0]["doc_id"], d["passages"], glossary)["mentions"])
        annotate = time.perf_counter() - started
        print(f"annotate:               {annotate:6.2f} s  {mb / annotate:6.2f} MB/s per core  ({mentions} mentions)")
    else:
        print("annotate: skipped (build the vocabulary first: snakemake --cores 2 results/vocabulary/vocabulary.json)")


if __name__ == "__main__":
    main()
