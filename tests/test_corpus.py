"""Every JATS article of ../shared/corpora/jats parses, and its offsets tile the document text."""
import hashlib
from pathlib import Path

import pytest

from curation.readers import detect_format, read_documents
from tests.conftest import SHARED

CORPUS = SHARED / "corpora" / "jats"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpora/jats is not present")


def corpus_files():
    if not CORPUS.is_dir():
        return []
    return sorted(p for p in CORPUS.rglob("*") if p.is_file() and detect_format(p.read_bytes()) == "jats")


def test_the_corpus_holds_the_expected_articles():
    assert len(corpus_files()) >= 257


def test_every_jats_article_parses_with_consistent_offsets():
    problems = []
    for path in corpus_files():
        data = path.read_bytes()
        try:
            _, docs = read_documents(data)
        except Exception as e:  # collect all failures, report them together
            problems.append(f"{path.relative_to(CORPUS)}: {e}")
            continue
        for doc in docs:
            rows = doc.rows(str(path.relative_to(CORPUS)), hashlib.sha256(data).hexdigest())
            text = "\n".join(p["text"] for p in rows["passages"])
            for p in rows["passages"]:
                if text[p["offset"]:p["offset"] + len(p["text"])] != p["text"] or p["text"] != p["text"].strip():
                    problems.append(f"{path.name}: passage {p['passage_id']} does not tile")
            for c in rows["citations"]:
                if text[c["start"]:c["end"]] != c["text"]:
                    problems.append(f"{path.name}: citation {c['citation_id']} does not slice")
            if not rows["documents"][0]["title"]:
                problems.append(f"{path.name}: no title")
    assert problems == []
