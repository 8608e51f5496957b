"""JATS / PMC XML -> ParsedDocument.

One function, :func:`parse_jats_tree`, turns an already parsed and checked XML tree (see
:mod:`curation.xmlsafe`) into documents: one per ``<article>``, so a ``<pmc-articleset>``
gives several. Passage text is lossless with respect to characters: inline markup keeps its
text and the spaces around it, character references are decoded by the XML parser, and
whitespace is normalised by :class:`curation.text.TextBuilder`.
"""
from __future__ import annotations

import re

from lxml import etree

from .model import CitationMark, ParsedDocument, Passage
from .text import TextBuilder, normalise

# Block elements that never belong to the running text of a paragraph: they become
# passages of their own, placed right after the paragraph that holds them.
EXTRACTED_BLOCKS = {
    "fig", "fig-group", "table-wrap", "table-wrap-group", "list", "def-list",
    "boxed-text", "supplementary-material", "fn", "disp-quote", "code", "preformat",
    "statement", "ref-list", "glossary", "chem-struct-wrap",
}
# Elements whose content is not running text (binary pointers, alternative encodings).
SILENT = {"graphic", "inline-graphic", "media", "object-id", "alt-text", "long-desc", "annotation",
          "inline-supplementary-material", "private-char", "permissions"}
# Elements that separate words even when the XML has no whitespace around them.
SEPARATING = {"p", "title", "label", "caption", "list-item", "def-item", "term", "def", "break",
              "disp-formula", "tr", "td", "th", "sec", "attrib", "disp-quote", "mml:mtr", "mtr", "mtd"}

# Nodes that make the inline walk's text differ from the plain text of every node, as iter() tags
# ("{*}" is any namespace or none, as local() reads them); comments, PIs and entities to be safe.
_WALK_MARKUP_TAGS = tuple(
    "{http://www.w3.org/1998/Math/MathML}" + n[4:] if n.startswith("mml:") else "{*}" + n
    for n in sorted(SILENT | SEPARATING | {"alternatives", "mml:semantics"})
) + (etree.Comment, etree.PI, etree.Entity)
_REFERENCE_FIELDS = ("pub-id", "ext-link", "name", "string-name", "collab",
                     "article-title", "chapter-title", "data-title", "part-title")

SECTION_TYPES = (
    ("introduction", "introduction"), ("background", "introduction"), ("method", "methods"),
    ("material", "methods"), ("experimental procedure", "methods"), ("result", "results"),
    ("discussion", "discussion"), ("conclusion", "conclusions"), ("summary", "conclusions"),
    ("acknowledg", "acknowledgements"), ("funding", "funding"), ("author contribution", "contributions"),
    ("conflict", "competing_interests"), ("competing interest", "competing_interests"),
    ("data availability", "data_availability"), ("supplementary", "supplementary"),
    ("abbreviation", "abbreviations"), ("case", "case_report"),
)

_RANGE_DASH = re.compile(r"^\s*[-\u2010-\u2015\u2212]\s*$")
_NUMERIC_RANGE = re.compile(r"^\s*(\d+)\s*[-\u2010-\u2015\u2212]\s*(\d+)\s*$")


def local(tag) -> str | None:
    if not isinstance(tag, str):
        return None
    if tag[0] == "{":
        ns, name = tag[1:].split("}", 1)
        return "mml:" + name if ns == "http://www.w3.org/1998/Math/MathML" else name
    return tag


def _children(el, name: str):
    return [c for c in el if local(c.tag) == name]


def _first(el, path: str):
    found = el.find(path) if el is not None else None
    return found


def _text_of(el) -> str:
    """Normalised text of an element, markup flattened with the same rules as passages."""
    if el is None:
        return ""
    if not len(el):  # no markup inside (most reference fields): the builder would only normalise the text
        return normalise(el.text)
    b = TextBuilder()
    _Inline(b, extract=False).walk(el)
    return b.text()


def infer_section_type(title: str, sec_type: str | None, parent_type: str | None) -> str | None:
    if sec_type:
        return sec_type.split("|")[0].strip().lower().replace(" ", "_") or parent_type
    lowered = title.lower()
    for needle, kind in SECTION_TYPES:
        if needle in lowered:
            return kind
    return parent_type


class _Inline:
    """Writes an element's running text into a TextBuilder, noting citations and blocks to extract."""

    def __init__(self, builder: TextBuilder, extract: bool):
        self.b = builder
        self.extract = extract
        self.citations: list[tuple[list[str], object]] = []
        self.extracted: list = []

    def walk(self, el) -> None:
        b = self.b
        b.add(el.text)
        for child in el:
            name = local(child.tag)
            if name is None:  # comment or processing instruction: only its tail is text
                b.add(child.tail)
                continue
            if self.extract and name in EXTRACTED_BLOCKS:
                self.extracted.append(child)
                b.separate()
            elif name in SILENT:
                pass
            elif name == "xref" and child.get("ref-type") == "bibr":
                span = b.open_span()
                self.walk(child)
                b.close_span(span)
                self.citations.append(((child.get("rid") or "").split(), span))
            elif name == "alternatives" or name == "mml:semantics":
                chosen = _choose_alternative(child)
                if chosen is not None:
                    self.walk(chosen)
            elif name in SEPARATING:
                b.separate()
                self.walk(child)
                b.separate()
            else:
                self.walk(child)
            b.add(child.tail)


def _choose_alternative(el):
    """One rendering out of <alternatives>: MathML, else TeX, else a table, else the first."""
    options = [c for c in el if local(c.tag) is not None and local(c.tag) not in SILENT]
    for preferred in ("mml:math", "tex-math", "table"):
        for c in options:
            if local(c.tag) == preferred:
                return c
    if local(el.tag) == "mml:semantics":  # first child is the presentation, the rest annotations
        return options[0] if options else None
    return options[0] if options else None


class JatsArticle:
    def __init__(self, article, tree, article_index: int, fmt: str):
        self.article = article
        self.tree = tree
        self.doc = ParsedDocument(format=fmt, article_index=article_index)
        self.ref_order: dict[str, int] = {}
        self.ref_ids: list[str] = []
        self._table_count = 0

    # -- passages -----------------------------------------------------------------------
    def _passage(self, kind, el, path, section_type, fill, key=None) -> Passage | None:
        b = TextBuilder()
        inline = _Inline(b, extract=(kind in ("paragraph", "abstract", "list_item", "footnote")))
        fill(inline)
        text = b.text()
        citations = []
        for rids, span in inline.citations:
            citations.append(CitationMark(rids=rids, start=span.start, end=span.end, text=text[span.start:span.end]))
        passage = Passage(
            kind=kind, text=text, section_path=tuple(path), section_type=section_type,
            source_xpath=self.tree.getpath(el), source_line=el.sourceline,
            citations=self._expand_ranges(text, citations), key=key,
        )
        self.doc.add_passage(passage)
        for block in inline.extracted:
            self._block(block, path, section_type)
        return passage if passage.text else None

    def _expand_ranges(self, text: str, marks: list[CitationMark]) -> list[CitationMark]:
        """Citation ranges written as "1-3" (two linked ends, or one link with a numeric range) cite every reference between."""
        out: list[CitationMark] = []
        for i, mark in enumerate(marks):
            out.append(mark)
            if i + 1 < len(marks) and len(mark.rids) == 1 and len(marks[i + 1].rids) == 1:
                nxt = marks[i + 1]
                if _RANGE_DASH.match(text[mark.end:nxt.start]):
                    lo, hi = self.ref_order.get(mark.rids[0]), self.ref_order.get(nxt.rids[0])
                    if lo is not None and hi is not None and lo + 1 < hi:
                        between = self.ref_ids[lo + 1:hi]
                        out.append(CitationMark(rids=between, start=mark.start, end=nxt.end,
                                                text=text[mark.start:nxt.end], from_range=True))
            numeric = _NUMERIC_RANGE.match(mark.text)
            if numeric and len(mark.rids) == 1 and mark.rids[0] in self.ref_order:
                first, last = int(numeric.group(1)), int(numeric.group(2))
                lo = self.ref_order[mark.rids[0]]
                if 0 < last - first < 1000:
                    between = self.ref_ids[lo + 1:lo + 1 + (last - first)]
                    if between:
                        out.append(CitationMark(rids=between, start=mark.start, end=mark.end,
                                                text=mark.text, from_range=True))
        return out

    def _heading(self, el) -> str:
        b = TextBuilder()
        inline = _Inline(b, extract=False)
        for name in ("label", "title"):
            for c in _children(el, name):
                inline.walk(c)
                b.separate()
        return b.text()

    def _section(self, sec, path, parent_type, title_kind="section_title", body_kind="paragraph"):
        heading = self._heading(sec)
        title_el = sec.find("title")
        section_type = infer_section_type(heading, sec.get("sec-type"), parent_type)
        new_path = [*path, heading] if heading else list(path)
        if heading:
            def fill(inline):
                for name in ("label", "title"):
                    for c in _children(sec, name):
                        inline.walk(c)
                        inline.b.separate()
            self._passage(title_kind, title_el if title_el is not None else sec, new_path, section_type, fill)
        self._blocks(sec, new_path, section_type, body_kind, title_kind)

    def _blocks(self, container, path, section_type, body_kind="paragraph", title_kind="section_title"):
        for child in container:
            name = local(child.tag)
            if name in (None, "label", "title", "sec-meta", "object-id"):
                continue
            if name in ("sec", "app", "ack", "notes", "bio"):
                self._section(child, path, section_type, title_kind, body_kind)
            elif name == "p":
                self._passage(body_kind, child, path, section_type, lambda inline, el=child: inline.walk(el))
            else:
                self._block(child, path, section_type)

    def _block(self, el, path, section_type):
        name = local(el.tag)
        if name in ("fig", "fig-group"):
            if name == "fig-group":
                for f in _children(el, "fig"):
                    self._figure(f, path, section_type)
            else:
                self._figure(el, path, section_type)
        elif name in ("table-wrap", "table-wrap-group"):
            wraps = _children(el, "table-wrap") if name == "table-wrap-group" else [el]
            for w in wraps:
                self._table_wrap(w, path, section_type)
        elif name == "list":
            for item in _children(el, "list-item"):
                self._passage("list_item", item, path, section_type, lambda inline, el=item: inline.walk(el))
        elif name in ("def-list", "glossary"):
            self._glossary(el, path, section_type)
        elif name in ("fn-group",):
            for fn in el.iter("fn"):
                self._passage("footnote", fn, path, section_type, lambda inline, el=fn: inline.walk(el))
        elif name == "fn":
            self._passage("footnote", el, path, section_type, lambda inline: inline.walk(el))
        elif name == "ref-list":
            for sub in _children(el, "ref-list"):
                self._block(sub, path, section_type)
        elif name in ("boxed-text", "disp-quote", "statement", "app-group", "sec", "supplementary-material"):
            if _children(el, "title") or _children(el, "label") or _children(el, "caption"):
                caption = el.find("caption")
                if caption is not None and name == "supplementary-material":
                    self._passage("supplementary_caption", el, path, section_type,
                                  lambda inline: [inline.walk(c) or inline.b.separate() for c in el
                                                  if local(c.tag) in ("label", "caption")])
                    return
                self._section(el, path, section_type)
            else:
                self._blocks(el, path, section_type)
        elif name in ("disp-formula", "code", "preformat", "speech", "verse-group", "chem-struct-wrap"):
            self._passage("paragraph", el, path, section_type, lambda inline: inline.walk(el))
        elif name in SILENT or name in ("ref", "sec-meta", "kwd-group"):
            return
        else:
            # Unknown block: keep its text rather than lose it.
            self._passage("paragraph", el, path, section_type, lambda inline: inline.walk(el))

    def _caption_fill(self, el):
        def fill(inline):
            for c in el:
                if local(c.tag) in ("label", "caption"):
                    inline.walk(c)
                    inline.b.separate()
        return fill

    def _figure(self, fig, path, section_type):
        self._passage("figure_caption", fig, path, section_type, self._caption_fill(fig))

    def _table_wrap(self, wrap, path, section_type):
        self._table_count += 1
        table_key = wrap.get("id") or f"table{self._table_count}"
        label = _text_of(_first(wrap, "label"))
        caption = _text_of(_first(wrap, "caption"))
        if label or caption:
            self._passage("table_caption", wrap, path, section_type, self._caption_fill(wrap))
        tables = [t for t in wrap.iter("table") if not any(local(a.tag) == "table" for a in t.iterancestors())]
        for n, table in enumerate(tables):
            table_id = table_key if len(tables) == 1 else f"{table_key}.{n + 1}"
            self._table_grid(table, table_id, label, caption, path, section_type)
        for foot in _children(wrap, "table-wrap-foot"):
            parts = [c for c in foot if local(c.tag) in ("fn", "p", "fn-group", "attrib")]
            if not parts and normalise(foot.xpath("string()")):
                parts = [foot]
            for part in parts:
                items = list(part.iter("fn")) if local(part.tag) == "fn-group" else [part]
                for item in items:
                    self._passage("table_footnote", item, path, section_type, lambda inline, el=item: inline.walk(el))

    def _table_grid(self, table, table_id, label, caption, path, section_type):
        """Expand rowspan/colspan into a full grid: every position gets a row, spanned ones marked."""
        for part_name, rows in _table_parts(table):
            grid: dict[tuple[int, int], dict] = {}
            n_cols = 0
            for r, tr in enumerate(rows):
                c = 0
                for cell in (x for x in tr if local(x.tag) in ("td", "th")):
                    while (r, c) in grid:
                        c += 1
                    rowspan = _span(cell.get("rowspan"))
                    colspan = _span(cell.get("colspan"))
                    if rowspan == 0:  # HTML "span to the end of the section"
                        rowspan = max(1, len(rows) - r)
                    key = f"{table_id}|{part_name}|{r}|{c}"
                    text = _text_of(cell)
                    passage = self._passage(
                        "table_cell", cell, path, section_type, lambda inline, el=cell: inline.walk(el), key=key
                    ) if text else None
                    for dr in range(rowspan):
                        for dc in range(colspan):
                            grid[(r + dr, c + dc)] = {
                                "origin": (r, c), "text": text, "rowspan": rowspan, "colspan": colspan,
                                "is_header": part_name == "head" or local(cell.tag) == "th",
                                "passage_key": key if passage is not None and (dr, dc) == (0, 0) else None,
                            }
                    c += colspan
                n_cols = max(n_cols, c)
            n_rows = max([len(rows)] + [r + 1 for r, _ in grid])
            n_cols = max([n_cols] + [c + 1 for _, c in grid])
            for r in range(n_rows):
                for c in range(n_cols):
                    g = grid.get((r, c))
                    if g is None:
                        kind, g = "missing", {"origin": (r, c), "text": "", "rowspan": 1, "colspan": 1,
                                              "is_header": part_name == "head", "passage_key": None}
                    else:
                        kind = "cell" if g["origin"] == (r, c) else "span"
                    self.doc.table_cells.append({
                        "table_id": table_id, "table_label": label or None, "table_caption": caption or None,
                        "part": part_name, "row": r + 1, "column": c + 1, "is_header": g["is_header"],
                        "cell_kind": kind, "text": g["text"], "origin_row": g["origin"][0] + 1,
                        "origin_column": g["origin"][1] + 1, "rowspan": g["rowspan"], "colspan": g["colspan"],
                        "passage_key": g["passage_key"],
                    })

    def _glossary(self, el, path, section_type):
        title = _text_of(_first(el, "title"))
        gpath = [*path, title] if title else list(path)
        for i, item in enumerate(el.iter("def-item")):
            term, definition = item.find("term"), item.find("def")
            if term is None:
                continue
            base = f"gloss{len(self.doc.abbreviations)}"
            short = self._passage("glossary_term", term, gpath, "abbreviations", lambda inl, e=term: inl.walk(e),
                                  key=base + "s")
            long_ = None
            if definition is not None:
                long_ = self._passage("glossary_definition", definition, gpath, "abbreviations",
                                      lambda inl, e=definition: inl.walk(e), key=base + "l")
            if short is not None and long_ is not None:
                self.doc.abbreviations.append({
                    "short_form": short.text, "long_form": long_.text, "source": "glossary",
                    "short_passage_key": base + "s", "long_passage_key": base + "l",
                    "short_start": None, "short_end": None, "long_start": None, "long_end": None,
                })

    # -- front matter ---------------------------------------------------------------------
    def parse(self) -> ParsedDocument:
        art = self.article
        front = art.find("front")
        meta = front.find("article-meta") if front is not None else None
        self._references(art)
        self.doc.meta = self._meta(art, front, meta)
        if meta is not None:
            title_el = meta.find("title-group/article-title")
            if title_el is not None:
                self._passage("title", title_el, [], "title", lambda inline: inline.walk(title_el))
            self._authors(meta)
            for abstract in meta.findall("abstract"):
                self._abstract(abstract)
        if not self.doc.meta["title"]:
            raise ValueError("JATS article has no <article-title>")
        body = art.find("body")
        if body is not None:
            self._blocks(body, [], None)
        else:
            self.doc.notices.append("JATS article has no <body>: only its front matter (title, abstract) is published")
        back = art.find("back")
        if back is not None:
            self._blocks(back, [], "back")
        floats = art.find("floats-group")
        if floats is not None:
            self._blocks(floats, [], "float")
        for sub in art.findall("sub-article") + art.findall("response"):
            self._sub_article(sub)
        return self.doc

    def _abstract(self, abstract):
        kind = abstract.get("abstract-type")
        label = "Abstract" if not kind else f"Abstract ({kind})"
        path = [label]
        if abstract.find("p") is None and abstract.find("sec") is None:
            self._passage("abstract", abstract, path, "abstract", lambda inline: inline.walk(abstract))
            return
        title = abstract.find("title")
        if title is not None:
            self._passage("abstract_title", title, path, "abstract", lambda inline: inline.walk(title))
        self._blocks(abstract, path, "abstract", body_kind="abstract", title_kind="abstract_title")

    def _sub_article(self, sub):
        title_el = sub.find("front-stub/title-group/article-title")
        if title_el is None:
            title_el = sub.find("front/article-meta/title-group/article-title")
        title = _text_of(title_el) or (sub.get("article-type") or "sub-article")
        path = [title]
        if title_el is not None:
            self._passage("section_title", title_el, path, "sub_article", lambda inline: inline.walk(title_el))
        body = sub.find("body")
        if body is not None:
            self._blocks(body, path, "sub_article")

    def _authors(self, meta):
        affs = {}
        for aff in meta.iter("aff"):
            if aff.get("id"):
                affs[aff.get("id")] = _aff_text(aff)
        for contrib in meta.iter("contrib"):
            if contrib.get("contrib-type", "author") != "author":
                continue
            name = contrib.find("name")
            if name is None:
                name = contrib.find("name-alternatives/name")
            collab = contrib.find("collab")
            aff_texts = [affs[r] for x in contrib.iter("xref") if x.get("ref-type") == "aff"
                         for r in (x.get("rid") or "").split() if r in affs]
            aff_texts += [_aff_text(a) for a in contrib.findall("aff")]
            orcid = None
            for cid in contrib.findall("contrib-id"):
                if (cid.get("contrib-id-type") or "").lower() == "orcid" or "orcid" in (cid.text or ""):
                    orcid = normalise(cid.text).rsplit("/", 1)[-1] or None
            corresponding = contrib.get("corresp") == "yes" or any(
                x.get("ref-type") == "corresp" for x in contrib.iter("xref"))
            self.doc.authors.append({
                "surname": _text_of(name.find("surname")) or None if name is not None else None,
                "given_names": _text_of(name.find("given-names")) or None if name is not None else None,
                "collab": _text_of(collab) or None,
                "orcid": orcid,
                "affiliations": list(dict.fromkeys(t for t in aff_texts if t)),
                "is_corresponding": bool(corresponding),
                "equal_contrib": contrib.get("equal-contrib") == "yes",
            })

    def _meta(self, art, front, meta) -> dict:
        ids = {}
        if meta is not None:
            for aid in meta.findall("article-id"):
                kind = (aid.get("pub-id-type") or "").lower()
                value = normalise(aid.text)
                if value and kind not in ids:
                    ids[kind] = value
        journal_meta = front.find("journal-meta") if front is not None else None
        journal = None
        publisher = None
        if journal_meta is not None:
            journal = (_text_of(journal_meta.find(".//journal-title")) or _text_of(journal_meta.find("abbrev-journal-title"))
                       or _text_of(journal_meta.find("journal-id")) or None)
            publisher = _text_of(journal_meta.find("publisher/publisher-name")) or None
        dates = []
        if meta is not None:
            for d in meta.findall("pub-date"):
                iso = _iso_date(d)
                if iso:
                    dates.append((d.get("pub-type") or d.get("date-type") or d.get("publication-format") or "pub", iso))
        pub_date = _preferred_date(dates)
        license_el = meta.find("permissions/license") if meta is not None else None
        license_url = None
        license_text = None
        if license_el is not None:
            license_url = license_el.get("{http://www.w3.org/1999/xlink}href")
            for ref in license_el.iter("{http://www.niso.org/schemas/ali/1.0/}license_ref"):
                license_url = license_url or normalise(ref.text)
            for link in license_el.iter("ext-link", "uri"):
                license_url = license_url or link.get("{http://www.w3.org/1999/xlink}href") or normalise(link.text) or None
            license_text = _text_of(license_el) or None
        if meta is not None and not license_text:
            license_text = _text_of(meta.find("permissions/copyright-statement")) or None
        keywords = []
        if meta is not None:
            for kwd in meta.iter("kwd"):
                t = _text_of(kwd)
                if t:
                    keywords.append(t)
        subjects = [_text_of(s) for s in meta.iter("subject")] if meta is not None else []
        pages = None
        if meta is not None:
            fpage, lpage = _text_of(meta.find("fpage")), _text_of(meta.find("lpage"))
            pages = f"{fpage}-{lpage}" if fpage and lpage else (fpage or _text_of(meta.find("elocation-id")) or None)
        pmcid = ids.get("pmcid") or ids.get("pmc")
        if pmcid and not pmcid.upper().startswith("PMC"):
            pmcid = "PMC" + pmcid
        title = _text_of(meta.find("title-group/article-title")) if meta is not None else ""
        return {
            "title": title or None,
            "doi": ids.get("doi"),
            "pmid": ids.get("pmid"),
            "pmcid": pmcid,
            "journal": journal,
            "publisher": publisher,
            "pub_date": pub_date,
            "pub_year": int(pub_date[:4]) if pub_date else None,
            "pub_dates": [f"{kind}:{iso}" for kind, iso in dates],
            "article_type": art.get("article-type"),
            "language": art.get("{http://www.w3.org/XML/1998/namespace}lang"),
            "license": license_text,
            "license_url": license_url,
            "keywords": keywords,
            "subjects": [s for s in subjects if s],
            "volume": _text_of(meta.find("volume")) or None if meta is not None else None,
            "issue": _text_of(meta.find("issue")) or None if meta is not None else None,
            "pages": pages,
            "source_url": None,
        }

    def _references(self, art):
        back = art.find("back")
        refs = back.iter("ref") if back is not None else []
        has_markup = set()  # elements holding a node the walk treats specially (one C-level scan)
        if back is not None:
            for e in back.iter(*_WALK_MARKUP_TAGS):
                has_markup.update(e.iterancestors())
        for n, ref in enumerate(refs):
            key = ref.get("id") or f"ref{n + 1}"
            self.ref_order[key] = n
            self.ref_ids.append(key)
            cit = None
            for c in ref:
                if local(c.tag) in ("element-citation", "mixed-citation", "nlm-citation", "citation"):
                    cit = c
                    break
            if cit is None:
                alt = ref.find("citation-alternatives")
                cit = alt[0] if alt is not None and len(alt) else ref
            # Fields are gathered by lxml's C-level tag filter in one pass per citation: a dozen find()
            # calls per reference, or a Python loop over all its elements, cost a third of the parse.
            first: dict = {}
            pub_id_els, links, names, collabs = [], [], [], []
            for e in cit.iter(*_REFERENCE_FIELDS):
                tag = e.tag
                if e is not cit:
                    first.setdefault(tag, e)
                if tag == "pub-id":
                    pub_id_els.append(e)
                elif tag == "ext-link":
                    links.append(e)
                elif tag == "name" or tag == "string-name":
                    names.append(e)
                elif tag == "collab":
                    collabs.append(e)
            child = {}
            for c in cit:
                child.setdefault(c.tag, c)
            pub_ids = []
            for pid in pub_id_els:
                kind = (pid.get("pub-id-type") or "other").lower()
                value = normalise(pid.text)
                if value:
                    pub_ids.append((kind, value))
            for link in links:
                href = link.get("{http://www.w3.org/1999/xlink}href") or ""
                m = re.search(r"doi\.org/(10\.\S+)", href)
                if m:
                    pub_ids.append(("doi", m.group(1)))
            by_kind = {}
            for kind, value in pub_ids:
                by_kind.setdefault(kind, value)
            pmcid = by_kind.get("pmcid") or by_kind.get("pmc")
            if pmcid and not pmcid.upper().startswith("PMC"):
                pmcid = "PMC" + pmcid
            authors = []
            for name in names:
                surname, given = _text_of(name.find("surname")), _text_of(name.find("given-names"))
                authors.append(" ".join(x for x in (surname, given) if x) or _text_of(name))
            for collab in collabs:
                authors.append(_text_of(collab))
            title_el = None
            for tag in ("article-title", "chapter-title", "data-title", "part-title"):
                title_el = first.get(tag)
                if title_el is not None:
                    break
            fpage, lpage = _text_of(child.get("fpage")), _text_of(child.get("lpage"))
            if local(cit.tag) == "element-citation":
                citation_text = _fields_text(cit)
            elif cit in has_markup:
                citation_text = _text_of(cit)
            else:  # plain markup: the walk would give the text of every node, as itertext does
                citation_text = normalise("".join(cit.itertext()))
            self.doc.references.append({
                "ref_key": key,
                "ordinal": n + 1,
                "label": _text_of(ref.find("label")) or None,
                "publication_type": cit.get("publication-type") or cit.get("citation-type"),
                "title": _text_of(title_el) or None,
                "source": _text_of(child.get("source")) or None,
                "year": _text_of(child.get("year")) or None,
                "volume": _text_of(child.get("volume")) or None,
                "issue": _text_of(child.get("issue")) or None,
                "pages": (f"{fpage}-{lpage}" if fpage and lpage else fpage or _text_of(child.get("elocation-id"))) or None,
                "authors": [a for a in authors if a],
                "doi": by_kind.get("doi"),
                "pmid": by_kind.get("pmid"),
                "pmcid": pmcid,
                "pub_ids": [f"{k}:{v}" for k, v in dict.fromkeys(pub_ids)],
                "citation_text": citation_text or None,
            })


def _table_parts(table):
    """(part name, rows) for thead/tbody/tfoot, or a single body when rows sit directly in <table>."""
    parts = []
    loose = []
    for child in table:
        name = local(child.tag)
        if name in ("thead", "tbody", "tfoot"):
            rows = [r for r in child if local(r.tag) == "tr"]
            label = {"thead": "head", "tbody": "body", "tfoot": "foot"}[name]
            if parts and parts[-1][0] == label:  # several <tbody> form one body
                parts[-1] = (label, parts[-1][1] + rows)
            else:
                parts.append((label, rows))
        elif name == "tr":
            loose.append(child)
    if loose:
        parts.append(("body", loose))
    return parts


def _span(value) -> int:
    try:
        return max(0, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


# Markup inside a field of a structured citation; every other element is a field of its own.
_FORMATTING = {"italic", "bold", "sup", "sub", "sc", "underline", "monospace", "roman", "sans-serif", "overline",
               "strike", "named-content", "styled-content", "inline-formula", "abbrev"}


def _fields_text(el) -> str:
    """An <element-citation>'s text: JATS writes its fields with no punctuation or spaces between them, so
    each field is a word of its own ("Nature 2020 1 9", not "Nature202019")."""
    b = TextBuilder()

    def walk(e):
        b.add(e.text)
        for c in e:
            name = local(c.tag)
            if name is not None and name not in SILENT:
                if name == "alternatives" or name == "mml:semantics":
                    chosen = _choose_alternative(c)
                    if chosen is not None:
                        walk(chosen)
                elif name in _FORMATTING or name.startswith("mml:"):
                    walk(c)
                else:
                    b.separate()
                    walk(c)
                    b.separate()
            b.add(c.tail)
    walk(el)
    return b.text()


def _aff_text(aff) -> str:
    b = TextBuilder()
    inline = _Inline(b, extract=False)
    b.add(aff.text)
    for c in aff:
        name = local(c.tag)
        if name is not None and name != "label":
            inline.walk(c)
            if name in ("institution", "addr-line", "country"):
                b.separate()
        b.add(c.tail)
    return b.text()


def _iso_date(d) -> str | None:
    year = normalise(d.findtext("year"))
    if not re.fullmatch(r"\d{4}", year):
        return None
    month = normalise(d.findtext("month"))
    day = normalise(d.findtext("day"))
    if month.isdigit() and 1 <= int(month) <= 12:
        if day.isdigit() and 1 <= int(day) <= 31:
            return f"{year}-{int(month):02d}-{int(day):02d}"
        return f"{year}-{int(month):02d}"
    return year


def _preferred_date(dates) -> str | None:
    """Electronic publication first, then print, then anything; fuller dates beat partial ones."""
    if not dates:
        return None
    rank = {"epub": 0, "electronic": 0, "ppub": 1, "print": 1, "pub": 2, "collection": 3}
    return sorted(dates, key=lambda kd: (rank.get(kd[0], 2), -len(kd[1])))[0][1]


def parse_jats_tree(tree) -> list[ParsedDocument]:
    root = tree.getroot()
    name = local(root.tag)
    if name == "article":
        return [JatsArticle(root, tree, 0, "jats").parse()]
    if name == "pmc-articleset":
        articles = [a for a in root if local(a.tag) == "article"]
        return [JatsArticle(a, tree, i, "jats").parse() for i, a in enumerate(articles)]
    raise ValueError(f"root element <{name}> is not a JATS <article> or <pmc-articleset>")
