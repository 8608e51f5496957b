"""Input files -> ParsedDocuments: format detection from content, safe decoding, one reader per format.

Adding a format means adding a reader to :data:`READERS`; nothing downstream changes.
Every failure raises :class:`InputError` with one line a person can act on.
"""
from __future__ import annotations

import codecs
import re

from lxml import etree

from . import bioc
from .jats import parse_jats_tree
from .model import ParsedDocument
from .summary import SummaryFormatError, parse_summary


class InputError(ValueError):
    """A problem with one input file; the message names the problem in one line."""


_XML_PROLOG = re.compile(r"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*", re.S)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*:)?([A-Za-z_][\w.\-]*)")
_XML_ROOTS = {
    "article": "jats", "pmc-articleset": "jats", "collection": "bioc_xml",
    "PubmedArticleSet": "pubmed_xml", "html": "html",
}
# Formats this version recognises but cannot read yet: quarantined with a reason, not misread.
NOT_YET_READ = {
    "pubmed_xml": "PubMed/MEDLINE XML import is not implemented yet",
}


def _head_text(data: bytes) -> str:
    head = data[:65536]
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="replace")
    return head.decode("utf-8", errors="replace")


def detect_format(data: bytes) -> str:
    """Name the format of a file from its content (extensions lie: both seed papers end in .txt)."""
    if not data.strip():
        return "empty"
    head = _head_text(data)
    if "\x00" in head:
        return "binary"
    body = head.lstrip()
    if body.startswith("<"):
        rest = body[_XML_PROLOG.match(body).end():]
        m = _ROOT.match(rest)
        if not m:
            return "unknown_xml"
        name = m.group(2)
        if name.lower() == "html":
            return "html"
        return _XML_ROOTS.get(name, "unknown_xml")
    if body.startswith(("{", "[")):
        return "bioc_json" if '"documents"' in head else "unknown_json"
    if re.match(r"^\d+\|[ta]\|", body):
        return "pubtator"
    if body.startswith("# ") and re.search(r"^## ", body, re.M):
        return "summary_md"
    return "unknown"


def xml_parser() -> etree.XMLParser:
    """The only XML parser the pipeline uses: no DTD loading, no entity expansion, no network."""
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=False, recover=False,
    )


def parse_xml(data: bytes):
    try:
        return etree.fromstring(data, xml_parser()).getroottree()
    except etree.XMLSyntaxError as e:
        msg = (e.msg or str(e)).splitlines()[0]
        if any(s in msg for s in ("not proper UTF-8", "Invalid bytes in character encoding", "labelled UTF-16")):
            declared = re.search(rb"<\?xml[^>]*encoding=[\"']([\w.-]+)", data[:200])
            if declared:
                raise InputError(f"XML bytes are not valid {declared.group(1).decode()} (its declared encoding): {msg}") from None
            raise InputError("XML is not valid UTF-8 and its declaration names no other encoding "
                             "(add e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?> or re-save as UTF-8)") from None
        raise InputError(f"malformed XML: {msg}") from None


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with its BOM; anything else is refused, not guessed."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"UTF-16 text that does not decode (byte {e.start})") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise InputError(f"not valid UTF-8 text (byte {e.start}); re-save the file as UTF-8") from None


def read_jats(data: bytes) -> list[ParsedDocument]:
    try:
        docs = parse_jats_tree(parse_xml(data))
    except ValueError as e:
        if isinstance(e, InputError):
            raise
        raise InputError(str(e)) from None
    if not docs:
        raise InputError("<pmc-articleset> holds no <article>")
    return docs


def read_summary(data: bytes) -> list[ParsedDocument]:
    try:
        return [parse_summary(decode_text(data))]
    except SummaryFormatError as e:
        raise InputError(str(e)) from None


def _annotated(reader):
    def read(data: bytes) -> list[ParsedDocument]:
        try:
            return reader(data)
        except bioc.AnnotationError as e:
            raise InputError(str(e)) from None
        except (ValueError, KeyError, TypeError) as e:  # JSON of the wrong shape
            raise InputError(f"not a valid annotation file: {type(e).__name__}: {e}") from None
    return read


READERS = {
    "jats": read_jats,
    "summary_md": read_summary,
    "pubtator": _annotated(lambda data: bioc.read_pubtator(decode_text(data))),
    "bioc_xml": _annotated(lambda data: bioc.read_bioc_xml(parse_xml(data))),
    "bioc_json": _annotated(lambda data: bioc.read_bioc_json(decode_text(data))),
}

UNREADABLE = {
    "empty": "empty file",
    "binary": "binary file, not text",
    "html": "an HTML page, not a JATS article",
    "unknown_xml": "XML whose root element is not a JATS <article> or <pmc-articleset>",
    "unknown": "unrecognised format (expected JATS XML, summary Markdown, PubTator or BioC)",
    "unknown_json": "JSON that is not BioC JSON (no \"documents\")",
}


def read_documents(data: bytes) -> tuple[str, list[ParsedDocument]]:
    """(format, documents) for one file's bytes, or InputError."""
    fmt = detect_format(data)
    reader = READERS.get(fmt)
    if reader is None:
        raise InputError(NOT_YET_READ.get(fmt) or UNREADABLE.get(fmt, f"unsupported format {fmt}"))
    return fmt, reader(data)
