"""Format detection reads content, never the file extension."""
import pytest

from curation.readers import InputError, detect_format, read_documents
from tests.conftest import JATS_SEED, SUMMARY_SEED


def test_seeds_are_detected_from_content_despite_txt_extension():
    assert detect_format(JATS_SEED.read_bytes()) == "jats"
    assert detect_format(SUMMARY_SEED.read_bytes()) == "summary_md"


@pytest.mark.parametrize("data, fmt", [
    (b'<?xml version="1.0"?>\n<!DOCTYPE article PUBLIC "x" "y.dtd">\n<!-- c -->\n<article/>', "jats"),
    (b"\xef\xbb\xbf<pmc-articleset><article/></pmc-articleset>", "jats"),
    ('<?xml version="1.0" encoding="UTF-16"?><article/>'.encode("utf-16"), "jats"),
    (b'<?xml version="1.0"?><collection><source>x</source></collection>', "bioc_xml"),
    (b'{"source": "x", "documents": []}', "bioc_json"),
    (b"12345|t|A title\n12345|a|An abstract\n", "pubtator"),
    (b"<PubmedArticleSet><PubmedArticle/></PubmedArticleSet>", "pubmed_xml"),
    (b"<!DOCTYPE html><html><body/></html>", "html"),
    (b"", "empty"),
    (b"  \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "binary"),
    (b"just some words", "unknown"),
])
def test_detect_format(data, fmt):
    assert detect_format(data) == fmt


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"\x00\x01\x02", "binary file"),
    (b"12345|t|A title\n12345\t0\t5\tTitle\tDisease\tD1\n", "annotation 'Title' at 0-5 does not match the text ('A tit')"),
    (b"<PubmedArticleSet><PubmedArticle/></PubmedArticleSet>", "PubMed/MEDLINE XML import is not implemented yet"),
    (b"# Title\n\n## Abstract\n\n\xff\xfe bad bytes\n", "not valid UTF-8"),
])
def test_unreadable_inputs_say_why_in_one_line(data, reason):
    with pytest.raises(InputError) as e:
        read_documents(data)
    assert reason in str(e.value) and "\n" not in str(e.value)


def test_utf16_jats_is_decoded_by_its_declaration():
    xml = '<?xml version="1.0" encoding="UTF-16"?><article><front><article-meta><title-group>' \
          '<article-title>\u03b1-Synuclein \u2264 5</article-title></title-group></article-meta></front></article>'
    fmt, (doc,) = read_documents(xml.encode("utf-16"))
    assert fmt == "jats" and doc.meta["title"] == "\u03b1-Synuclein \u2264 5"
