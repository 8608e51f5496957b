"""Speed and scale figures (``make bench``; not part of the tests, never gating on timings).

    python -m curation.bench parse    bare lxml (the floor), pubmed_parser (what one would script instead) and
                                      our parse to rows, on the same JATS bytes; vocabulary load; annotation
    python -m curation.bench plan     a dry run planning N generated input papers (default 100 000)
    python -m curation.bench e2e      the whole pipeline on 2 cores over the JATS corpus replicated N times
                                      (each copy made a distinct paper):
                                      documents/s, peak RSS per rule, and what adding one paper re-runs

Each prints its figures with the machine they were measured on, and beside them the previous run's figures
(kept in results/bench/), marking any more than 10% worse.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from lxml import etree

from .readers import detect_format, read_documents, xml_parser

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ["Snakefile", "config", "rules", "scripts", "schemas", "curation", "resources", "profiles",
                 "requirements.txt", "requirements-nodeps.txt", "constraints.txt"]


def machine() -> str:
    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return (f"machine: {platform.machine()} {cpu or platform.processor()}, {os.cpu_count()} cores; "
            f"{platform.python_implementation()} {platform.python_version()}")


def jats_files(corpus: str) -> list[Path]:
    files = sorted(p for p in Path(corpus).rglob("*") if p.is_file())
    return [p for p in files if detect_format(p.read_bytes()[:4096]) == "jats"]


def _pubmed_parser_pass(path: Path, pp) -> None:
    """What a user of pubmed_parser scripts per article: metadata, paragraphs, references, captions, tables."""
    name = str(path)
    pp.parse_pubmed_xml(name)
    pp.parse_pubmed_paragraph(name, all_paragraph=True)
    pp.parse_pubmed_references(name)
    pp.parse_pubmed_caption(name)
    pp.parse_pubmed_table(name, return_xml=False)


def bench_parse(args) -> None:
    files = jats_files(args.corpus)
    blobs = [p.read_bytes() for p in files]
    mb = sum(map(len, blobs)) / 1e6
    print(machine())
    print(f"corpus: {len(blobs)} JATS files, {mb:.1f} MB ({args.corpus})")

    started = time.perf_counter()
    for b in blobs:
        etree.fromstring(b, xml_parser())
    bare = time.perf_counter() - started
    print(f"bare lxml parse:        {bare:6.2f} s  {mb / bare:6.1f} MB/s")

    # The least any Python code walking lxml trees pays: each element's text and tail become Python strings.
    started = time.perf_counter()
    for b in blobs:
        for el in etree.fromstring(b, xml_parser()).iter():
            el.text, el.tail
    visit = time.perf_counter() - started
    print(f"parse + Python visit:   {visit:6.2f} s  {mb / visit:6.1f} MB/s  ({visit / bare:.1f}x bare lxml: "
          "text and tail of every element read once)")

    started = time.perf_counter()
    docs, to_rows = [], 0.0
    for b in blobs:
        sha = hashlib.sha256(b).hexdigest()
        parsed = read_documents(b)[1]
        rows_started = time.perf_counter()
        docs += [d.rows("x", sha) for d in parsed]
        to_rows += time.perf_counter() - rows_started
    ours = time.perf_counter() - started
    print(f"our parse to rows:      {ours:6.2f} s  {mb / ours:6.1f} MB/s  ({ours / bare:.1f}x bare lxml; "
          f"{to_rows:.2f} s of it building the row dicts)")
    figures = {"bare lxml MB/s": mb / bare, "parse MB/s": mb / ours, "parse / bare lxml (x)": ours / bare,
               "parse + Python visit / bare lxml (x)": visit / bare}

    sys.path.append(str(ROOT / ".venv" / "bench-packages"))  # appended: it must shadow nothing (see Makefile)
    try:
        import pubmed_parser as pp
    except ImportError:
        print("pubmed_parser:          not installed (make bench installs requirements-bench.txt)")
    else:
        started, failed = time.perf_counter(), 0
        for p in files:
            try:
                _pubmed_parser_pass(p, pp)
            except Exception:  # noqa: BLE001 -- counted, as a user would see it
                failed += 1
        theirs = time.perf_counter() - started
        print(f"pubmed_parser:          {theirs:6.2f} s  {mb / theirs:6.1f} MB/s  "
              f"({theirs / bare:.1f}x bare lxml; ours is {theirs / ours:.2f}x its speed; {failed} files raised)")
        figures["pubmed_parser MB/s"] = mb / theirs

    vocabulary = Path(args.vocabulary)
    if not (vocabulary / "matcher").is_dir():
        print("annotate: skipped (build the vocabulary first: snakemake --cores 2 build_vocabulary)")
        return figures
    from .annotate_stage import Resources
    loads = []
    for _ in range(3):
        started = time.perf_counter()
        resources = Resources(str(vocabulary))
        loads.append(time.perf_counter() - started)
    print(f"vocabulary load:        {min(loads):6.2f} s  (best of 3; worst {max(loads):.2f} s)")
    started = time.perf_counter()
    by_type = Counter()
    for d in docs:
        glossary = [(a["short_form"], a["long_form"]) for a in d["abbreviations"]]
        by_type.update(m["entity_type"] for m in
                       resources.annotator.annotate(d["documents"][0]["doc_id"], d["passages"], glossary)["mentions"])
    annotate = time.perf_counter() - started
    mentions = sum(by_type.values())
    print(f"annotate:               {annotate:6.2f} s  {mb / annotate:6.2f} MB/s per core  ({mentions} mentions: "
          + ", ".join(f"{n} {t}" for t, n in sorted(by_type.items(), key=lambda x: (-x[1], x[0]))) + ")")
    figures.update({"vocabulary load s": min(loads), "annotate MB/s": mb / annotate})
    return figures


def copy_project(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def snakemake(workdir: Path, *args: str) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "snakemake", *args], cwd=workdir, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"snakemake {' '.join(args)} failed:\n{proc.stderr[-4000:]}")
    return elapsed, proc.stdout + proc.stderr


def job_counts(log: str) -> dict[str, int]:
    """Snakemake's 'Job stats' table: rule -> number of jobs."""
    counts = {}
    table = log.split("Job stats:", 1)[1] if "Job stats:" in log else ""
    for line in table.splitlines()[3:]:
        m = re.match(r"(\w+)\s+(\d+)\s*$", line)
        if not m:
            break
        if m.group(1) != "total":
            counts[m.group(1)] = int(m.group(2))
    return counts


def bench_plan(args) -> None:
    print(machine())
    with tempfile.TemporaryDirectory(prefix="curation-plan-") as tmp:
        tmp = Path(tmp)
        papers = tmp / "papers"
        started = time.perf_counter()
        for i in range(args.papers):
            folder = papers / f"{i // 1000:03d}"
            if i % 1000 == 0:
                folder.mkdir(parents=True)
            (folder / f"paper{i:06d}.xml").write_bytes(b"<article/>")
        print(f"generated {args.papers} input files in {time.perf_counter() - started:.1f} s")
        project = copy_project(tmp / "project")
        (project / "plan.yaml").write_text(json.dumps({"inputs": [str(papers)], "shard_size": args.shard_size}))
        elapsed, log = snakemake(project, "--dry-run", "--cores", "2", "--configfile", "plan.yaml")
        counts = job_counts(log)
        print(f"dry run planning {args.papers} papers (shard_size {args.shard_size}): {elapsed:.1f} s, "
              f"{sum(counts.values())} jobs ({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})")
    return {f"dry run of {args.papers} papers s": elapsed}


def distinct_copy(data: bytes, copy: int) -> bytes:
    """The article as another paper: copies after the first get their own DOI and lose their PMCID, so the
    publish step keeps all of them (identical copies would be published once, as duplicates)."""
    if copy == 0:
        return data
    return (data.replace(b'pub-id-type="doi">', f'pub-id-type="doi">copy{copy}.'.encode())
            .replace(b'pub-id-type="pmc">', b'pub-id-type="pmc-copy">'))


def peak_rss(project: Path) -> dict[str, tuple[int, float, float]]:
    """rule -> (jobs, peak max_rss in MB, total seconds), from the rules' benchmark files."""
    out = {}
    for rule_dir in sorted((project / "results" / "benchmarks").iterdir()):
        rss, seconds, jobs = 0.0, 0.0, 0
        for f in rule_dir.rglob("*.tsv"):
            with open(f) as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    jobs += 1
                    seconds += float(row["s"])
                    rss = max(rss, float(row["max_rss"]) if row["max_rss"] not in ("", "NA", "-") else 0.0)
        out[rule_dir.name] = (jobs, rss, seconds)
    return out


def bench_e2e(args) -> None:
    files = jats_files(args.corpus)
    mb = sum(p.stat().st_size for p in files) / 1e6 * args.copies
    print(machine())
    with tempfile.TemporaryDirectory(prefix="curation-e2e-") as tmp:
        tmp = Path(tmp)
        papers = tmp / "papers"
        for copy in range(args.copies):
            for p in files:
                target = papers / f"copy{copy:02d}" / p.relative_to(args.corpus)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(distinct_copy(p.read_bytes(), copy))
        n = len(files) * args.copies
        project = copy_project(tmp / "project")
        (project / "bench.yaml").write_text(json.dumps({"inputs": [str(papers)], "shard_size": args.shard_size}))
        print(f"corpus: {len(files)} JATS files x {args.copies} = {n} files, {mb:.0f} MB; shard_size {args.shard_size}")
        common = ("--cores", str(args.cores), "--configfile", "bench.yaml")
        vocabulary, _ = snakemake(project, "build_vocabulary", *common)
        print(f"vocabulary build (once): {vocabulary:.0f} s")
        elapsed, log = snakemake(project, *common)
        counts = job_counts(log)
        published = json.loads((project / "results" / "published.json").read_text())
        print(f"end to end on {args.cores} cores: {elapsed:.0f} s for {n} files = {n / elapsed:.1f} files/s, "
              f"{mb / elapsed:.2f} MB/s ({published['rows']['documents']} distinct documents published, "
              f"{published['rows']['mentions']} mentions, {published['rows']['relations']} relations; jobs: {counts})")
        figures = {"end-to-end files/s": n / elapsed, "vocabulary build s": vocabulary}
        print("per rule (from Snakemake's benchmark files): jobs, peak RSS, wall seconds summed over jobs")
        for rule, (jobs, rss, seconds) in peak_rss(project).items():
            print(f"  {rule:18s} {jobs:4d} jobs  peak RSS {rss:7.0f} MB  {seconds:8.1f} s")
            figures[f"{rule} peak RSS MB"] = rss
        new = papers / "added" / files[0].name
        new.parent.mkdir()
        new.write_bytes(files[0].read_bytes().replace(b"</article>", b"<!-- one more paper --></article>", 1))
        _, plan = snakemake(project, *common, "--dry-run")
        again, log = snakemake(project, *common)
        print(f"adding one paper re-ran: {job_counts(log)} in {again:.0f} s (planned: {job_counts(plan)})")
        figures["adding one paper s"] = again
    return figures


LOWER_IS_BETTER = (" s", "(x)", " MB")


def compare(command: str, figures: dict[str, float], store: Path) -> None:
    """Print each figure beside the previous run's on this checkout, and keep this run's for the next."""
    path = store / f"{command}.json"
    previous = json.loads(path.read_text()) if path.exists() else {}
    if previous:
        print(f"change since the previous `bench {command}` ({path}):")
        for name, value in figures.items():
            if name in previous and previous[name]:
                change = value / previous[name] - 1
                worse = change > 0.1 if name.endswith(LOWER_IS_BETTER) else change < -0.1
                print(f"  {name:34s} {value:10.2f}  was {previous[name]:10.2f}  {change:+6.0%}{'  <- worse' if worse else ''}")
    store.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    p = sub.add_parser("parse")
    p.add_argument("--corpus", default="../shared/corpora/jats")
    p.add_argument("--vocabulary", default="results/vocabulary")
    p = sub.add_parser("plan")
    p.add_argument("--papers", type=int, default=100_000)
    p.add_argument("--shard-size", type=int, default=500)
    p = sub.add_parser("e2e")
    p.add_argument("--corpus", default="../shared/corpora/jats")
    p.add_argument("--copies", type=int, default=10)
    p.add_argument("--shard-size", type=int, default=100)
    p.add_argument("--cores", type=int, default=2)
    args = parser.parse_args()
    if args.command is None:
        args = parser.parse_args(["parse"])
    figures = {"parse": bench_parse, "plan": bench_plan, "e2e": bench_e2e}[args.command](args)
    compare(args.command, figures, Path("results") / "bench")


if __name__ == "__main__":
    main()
