"""``report.html`` for a dataset version: what is in it, what changed, what needs a curator's attention.

Every number is read from the version's own Parquet files and manifest (never from intermediate files).
The page is self-contained: styles inline, the relation network an inline SVG (labels stay text), no
scripts, nothing fetched. Each relation row links to its evidence sentences further down the page.
"""
from __future__ import annotations

import html
import io
import json
import logging
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.dataset as ds

from .dataset import read as read_version_table

log = logging.getLogger("curation.report")

TYPE_COLOURS = {"gene": "#1f77b4", "chemical": "#d62728", "chemical_role": "#ff9896", "disease": "#9467bd", "variant": "#2ca02c",
                "species": "#8c564b", "cell_line": "#e377c2"}
NETWORK_MAX_EDGES = 30


def _esc(value) -> str:
    return html.escape("" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value))


def _table(df: pd.DataFrame, columns: list[str] | None = None, raw: set[str] = frozenset()) -> str:
    columns = columns or list(df.columns)
    head = "".join(f"<th>{_esc(c)}</th>" for c in columns)
    body = "".join("<tr>" + "".join(f"<td>{row[c] if c in raw else _esc(row[c])}</td>" for c in columns) + "</tr>"
                   for _, row in df.iterrows())
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _names(concepts: pd.DataFrame) -> dict[str, str]:
    return dict(zip(concepts["concept_id"], concepts["preferred_name"]))


def network_svg(relations: pd.DataFrame, concepts: pd.DataFrame) -> str:
    """The strongest non-co-occurrence relations as a directed graph; deterministic layout."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import networkx as nx

    names = _names(concepts)
    asserted = relations[relations["predicate"] != "co-occurs_with"]
    asserted = asserted.sort_values(["n_evidence", "confidence", "relation_id"], ascending=[False, False, True])
    edges = asserted.head(NETWORK_MAX_EDGES)
    graph = nx.MultiDiGraph()
    for r in edges.itertuples(index=False):
        for concept, etype in ((r.subject_concept, r.subject_type), (r.object_concept, r.object_type)):
            label = names.get(concept, concept)
            graph.add_node(concept, label=label if len(label) <= 22 else label[:20] + "…",
                           colour=TYPE_COLOURS.get(etype, "#7f7f7f"))
        graph.add_edge(r.subject_concept, r.object_concept, label=r.predicate, width=min(1 + r.n_evidence, 8))
    matplotlib.rcParams["svg.fonttype"] = "none"  # labels stay searchable text
    matplotlib.rcParams["svg.hashsalt"] = "report"  # stable element IDs
    fig, ax = plt.subplots(figsize=(13, 10))
    ax.set_axis_off()
    if graph.number_of_nodes():
        pos = nx.spring_layout(nx.Graph(graph), seed=7, k=2.2, iterations=200)
        nx.draw_networkx_nodes(graph, pos, ax=ax, node_color=[d["colour"] for _, d in graph.nodes(data=True)],
                               node_size=500, alpha=0.9)
        label_pos = {n: (x, y + 0.055) for n, (x, y) in pos.items()}
        nx.draw_networkx_labels(graph, label_pos, ax=ax, labels={n: d["label"] for n, d in graph.nodes(data=True)},
                                font_size=10, font_color="#111111", font_weight="bold")
        for u, v, d in graph.edges(data=True):
            nx.draw_networkx_edges(graph, pos, edgelist=[(u, v)], ax=ax, width=d["width"], arrows=True,
                                   arrowsize=14, edge_color="#777777", connectionstyle="arc3,rad=0.08",
                                   node_size=500, alpha=0.8)
        edge_labels = {}
        for u, v, d in graph.edges(data=True):
            edge_labels.setdefault((u, v), []).append(d["label"])
        nx.draw_networkx_edge_labels(nx.DiGraph(graph), pos, ax=ax, font_size=7,
                                     edge_labels={k: ", ".join(sorted(set(v))) for k, v in edge_labels.items()})
        handles = [plt.Line2D([0], [0], marker="o", color="w", markerfacecolor=c, markersize=10, label=t)
                   for t, c in TYPE_COLOURS.items() if any(d["colour"] == c for _, d in graph.nodes(data=True))]
        ax.legend(handles=handles, loc="lower left", frameon=False)
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None, "Creator": None})
    plt.close(fig)
    svg = buffer.getvalue()
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.S)  # RDF boilerplate naming external vocabularies
    return svg[svg.index("<svg"):]


LISTED_ROWS = 200


def _capped(df: pd.DataFrame, what: str, columns: list[str] | None = None) -> str:
    """A table of the first LISTED_ROWS rows, saying how many more the dataset holds."""
    more = f"<p>... and {len(df) - LISTED_ROWS} more {what} (all of them are in the dataset).</p>" if len(df) > LISTED_ROWS else ""
    return _table(df.head(LISTED_ROWS), columns) + more


def render(dataset_dir: str | Path, previous_dir: str | Path | None = None) -> str:
    d = Path(dataset_dir)
    manifest = json.loads((d / "manifest.json").read_text())
    rows_of = {name: info["rows"] for name, info in manifest["tables"].items()}
    # Corpus-level tables whole; of the per-document tables only the columns (and rows) shown, so the report
    # of a large corpus fits in memory.
    t = {name: read_version_table(d, name) for name in ("documents", "concepts", "relations", "quarantine")}
    names = _names(t["concepts"])
    docs = t["documents"]
    passages = read_version_table(d, "passages", ["kind"])
    mentions = read_version_table(d, "mentions", ["entity_type", "concept_id", "vocabulary_version", "method"])
    cells = read_version_table(d, "table_cells", ["doc_id", "table_id"])
    sections = []

    inputs = pd.DataFrame(manifest["inputs"])
    overview = pd.DataFrame([
        ("input files", len(inputs)), ("documents", len(docs)), ("passages", len(passages)),
        ("tables (distinct)", cells.groupby(["doc_id", "table_id"]).ngroups if len(cells) else 0),
        ("references", rows_of["references"]), ("mentions", len(mentions)), ("relations", len(t["relations"])),
        ("evidence rows", rows_of["evidence"]), ("curation flags", rows_of["curation_flags"]),
        ("quarantined inputs", len(t["quarantine"])),
    ], columns=["what", "count"])
    sections.append(("Overview", _table(overview)))
    formats = docs.groupby("format").size().rename("documents").reset_index()
    kinds = passages.groupby("kind").size().rename("passages").reset_index().sort_values("passages", ascending=False)
    doc_list = docs.sort_values("source_path")[["title", "format", "doi", "pmid", "pmcid", "source_path"]]
    sections.append(("Documents", _table(formats) + _capped(doc_list, "documents") + "<h3>Passages by kind</h3>" + _table(kinds)))

    if len(mentions):
        vocab = mentions["vocabulary_version"].fillna(mentions["method"]).str.split("@").str[0]
        by_type = mentions.assign(vocabulary=vocab).groupby(["entity_type", "vocabulary"]).size().rename("mentions").reset_index()
        normalised = mentions.groupby("entity_type")["concept_id"].apply(lambda s: f"{s.notna().mean():.0%}").rename("normalised").reset_index()
        top = (mentions.dropna(subset=["concept_id"]).groupby(["entity_type", "concept_id"]).size().rename("mentions")
               .reset_index().sort_values(["entity_type", "mentions", "concept_id"], ascending=[True, False, True])
               .groupby("entity_type").head(8))
        top["name"] = top["concept_id"].map(names)
        sections.append(("Entities", _table(by_type) + _table(normalised)
                         + "<h3>Top concepts per type</h3>" + _table(top, ["entity_type", "concept_id", "name", "mentions"])))

    relations = t["relations"]
    if len(relations):
        asserted = relations[relations["predicate"] != "co-occurs_with"].sort_values(
            ["n_evidence", "confidence", "relation_id"], ascending=[False, False, True])
        rows = asserted.head(60).copy()
        rows["subject"] = rows["subject_concept"].map(lambda c: _esc(names.get(c, c)))
        rows["object"] = rows["object_concept"].map(lambda c: _esc(names.get(c, c)))
        rows["evidence"] = rows["relation_id"].map(lambda r: f'<a href="#rel-{r}">sentences</a>')
        figure = network_svg(relations, t["concepts"])
        sections.append(("Relations", f'<figure class="network">{figure}<figcaption>Relation network: nodes are '
                         f'concepts coloured by type, edges the strongest {NETWORK_MAX_EDGES} asserted relations '
                         f'labelled by predicate, thicker with more evidence.</figcaption></figure>'
                         + f"<p>{len(asserted)} asserted relations and {len(relations) - len(asserted)} co-occurrences; "
                           f"the {len(rows)} with most evidence:</p>"
                         + _table(rows, ["subject", "predicate", "relation_type", "object", "n_evidence", "n_documents",
                                         "confidence", "evidence"], raw={"subject", "object", "evidence"})))
        shown = ds.field("relation_id").isin(pa.array(rows["relation_id"].tolist(), pa.string()))
        evidence = read_version_table(d, "evidence", where=shown)
        sentence_passages = read_version_table(d, "passages", ["passage_id", "offset", "text"],
                                               where=ds.field("passage_id").isin(pa.array(sorted(set(evidence["passage_id"])), pa.string())))
        evidence = evidence.sort_values("evidence_id").merge(sentence_passages, on="passage_id")
        blocks = []
        for r in rows.itertuples(index=False):
            items = []
            for e in evidence[evidence["relation_id"] == r.relation_id].head(10).itertuples(index=False):
                sentence = e.text[e.sentence_start - e.offset:e.sentence_end - e.offset]
                flags = " ".join(f for f, on in (("negated", e.negated), ("hypothesis", e.hypothesis)) if on)
                items.append(f'<li id="ev-{_esc(e.evidence_id)}">{_esc(sentence)} <span class="meta">[{_esc(e.rule)}, '
                             f'{_esc(e.section_kind)}{", " + flags if flags else ""}]</span></li>')
            blocks.append(f'<div class="rel" id="rel-{_esc(r.relation_id)}"><b>{r.subject} {_esc(r.predicate)} {r.object}</b>'
                          f'<ul>{"".join(items)}</ul></div>')
        sections.append(("Evidence", "".join(blocks)))

    if rows_of["curation_flags"]:
        flags = read_version_table(d, "curation_flags", ["flag_id", "claim", "flag", "vocabulary_says", "explanation"])
        sections.append(("Curation flags", f"<p>{len(flags)} claims the vocabularies contradict or cannot confirm.</p>"
                         + _table(flags.groupby("flag").size().rename("claims").reset_index())
                         + _capped(flags.sort_values("flag_id"), "flags", ["claim", "flag", "vocabulary_says", "explanation"])))
    quarantine = t["quarantine"]
    sections.append(("Quarantined inputs", _capped(quarantine.sort_values("source_path"), "quarantined inputs",
                                                   ["source_path", "outcome", "reason"]) if len(quarantine)
                     else "<p>None: every input was published.</p>"))
    from schemas.integrity import RULES
    sections.append(("Validation", "<p>Every table passed its schema and every cross-table rule before publishing:</p><ul>"
                     + "".join(f"<li>{_esc(rule.__name__)}: 0 violations</li>" for rule in RULES) + "</ul>"))
    if previous_dir and Path(previous_dir, "manifest.json").exists():
        from .diff import diff
        import tempfile
        previous_version = json.loads(Path(previous_dir, "manifest.json").read_text())["version"]
        try:
            with tempfile.TemporaryDirectory() as tmp:
                summary = diff(previous_dir, d, tmp)
        except (OSError, pa.ArrowException) as e:  # a damaged earlier version must not stop this one
            log.warning("report: cannot compare with %s: %s", previous_version, e)
            sections.append(("Changes since the previous version",
                             f"<p>Not compared: {_esc(previous_version)} could not be read ({_esc(str(e)[:300])}).</p>"))
        else:
            lines = [line for line in summary.splitlines() if line.startswith("|")][2:]
            rows = pd.DataFrame([[c.strip() for c in line.strip("|").split("|")] for line in lines],
                                columns=["table", "added", "removed", "changed"])
            sections.append(("Changes since the previous version",
                             f"<p>Compared with {_esc(previous_version)}.</p>" + _table(rows)))
    else:
        sections.append(("Changes since the previous version", "<p>This is the first version.</p>"))

    nav = "".join(f'<a href="#{title.lower().replace(" ", "-")}">{title}</a>' for title, _ in sections)
    body = "".join(f'<section id="{title.lower().replace(" ", "-")}"><h2>{title}</h2>{content}</section>'
                   for title, content in sections)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{_esc(manifest['version'])}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #222; max-width: 1200px; }}
nav a {{ margin-right: 1rem; }} table {{ border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }}
th, td {{ border: 1px solid #ccc; padding: .25rem .5rem; text-align: left; vertical-align: top; }}
th {{ background: #f3f3f3; }} .meta {{ color: #777; font-size: .8rem; }} figure.network svg {{ max-width: 100%; height: auto; }}
.rel {{ margin-bottom: .8rem; }} section {{ margin-top: 2rem; }}
</style></head><body>
<h1>Dataset {_esc(manifest['version'])}</h1>
<p>Content hash {_esc(manifest['content_hash'])}; schema {_esc(manifest['schema_version'])};
code {_esc(manifest['code'].get('git_commit') or manifest['code']['sha256'][:12])}.</p>
<nav>{nav}</nav>{body}
</body></html>
"""
