"""Descriptions that let other tools read a published version: Frictionless ``datapackage.json`` and a
Workflow Run RO-Crate (``ro-crate-metadata.json``). Both are derived from the schemas and the manifest,
with no timestamps, so they are as reproducible as the data."""
from __future__ import annotations

from schemas.tables import TABLES, arrow_schema

FRICTIONLESS_TYPE = {"string": "string", "int64": "integer", "bool": "boolean", "double": "number"}
PARQUET = "application/vnd.apache.parquet"


def datapackage(manifest: dict) -> dict:
    resources = []
    for table, info in sorted(manifest["tables"].items()):
        model, _ = TABLES[table]
        columns = model.to_schema().columns
        fields = []
        for field in arrow_schema(table):
            kind = "array" if str(field.type).startswith("list") else FRICTIONLESS_TYPE.get(str(field.type), "any")
            entry = {"name": field.name, "type": kind, "description": field.metadata[b"description"].decode()}
            if not field.nullable:
                entry["constraints"] = {"required": True}
            fields.append(entry)
        key = [n for n, c in columns.items() if c.unique]
        # a multipart resource: one path per shard partition (their sha256s are in the manifest)
        paths = [f["path"] for f in info["files"]]
        resource = {"name": table, "path": paths if len(paths) > 1 else paths[0], "format": "parquet", "mediatype": PARQUET,
                    **({"hash": f"sha256:{info['files'][0]['sha256']}"} if len(paths) == 1 else {}),
                    "description": (model.__doc__ or "").strip().split("\n")[0],
                    "schema": {"fields": fields, **({"primaryKey": key} if key else {})}}
        resources.append(resource)
    credits = sorted({v["credit"] for v in manifest.get("vocabularies", []) if v.get("credit")})
    return {
        "profile": "data-package", "name": manifest["dataset"], "id": manifest["version"],
        "version": manifest["semantic_version"], "title": f"{manifest['dataset']} {manifest['version']}",
        "sources": [{"title": i["path"], "path": i["path"]} for i in manifest["inputs"]],
        "x-vocabulary-credits": credits, "resources": resources,
    }


def ro_crate(manifest: dict) -> dict:
    files = [{"@id": f["path"], "@type": "File", "name": table, "encodingFormat": PARQUET, "sha256": f["sha256"]}
             for table, info in sorted(manifest["tables"].items()) for f in info["files"]]
    inputs = [{"@id": f"#input:{i['path']}", "@type": "File", "name": i["path"],
               "sha256": i["sha256"], "contentSize": str(i["size_bytes"]), "description": f"{i['format']}, {i['status']}"}
              for i in manifest["inputs"]]
    vocabularies = [{"@id": f"#vocabulary-{v['name']}", "@type": "Dataset", "name": v["name"], "version": v["version"],
                     "sha256": v["sha256"], **({"license": v["licence"]} if v.get("licence") else {}),
                     **({"creditText": v["credit"]} if v.get("credit") else {})} for v in manifest.get("vocabularies", [])]
    code = manifest["code"]
    return {
        "@context": "https://w3id.org/ro/crate/1.1/context",
        "@graph": [
            {"@id": "ro-crate-metadata.json", "@type": "CreativeWork", "about": {"@id": "./"},
             "conformsTo": [{"@id": "https://w3id.org/ro/crate/1.1"}, {"@id": "https://w3id.org/ro/wfrun/workflow/0.5"}]},
            {"@id": "./", "@type": "Dataset", "name": manifest["version"], "version": manifest["semantic_version"],
             "hasPart": [{"@id": f["@id"]} for f in files] + [{"@id": "manifest.json"}, {"@id": "datapackage.json"},
                                                              {"@id": "report.html"}],
             "mainEntity": {"@id": "#workflow"}, "mentions": {"@id": "#run"}},
            {"@id": "manifest.json", "@type": "File", "encodingFormat": "application/json"},
            {"@id": "datapackage.json", "@type": "File", "encodingFormat": "application/json"},
            {"@id": "report.html", "@type": "File", "encodingFormat": "text/html", "name": "What is in this version"},
            {"@id": "#workflow", "@type": ["SoftwareSourceCode", "ComputationalWorkflow"], "name": "Snakefile",
             "programmingLanguage": {"@id": "#snakemake"}, "version": code.get("git_commit") or code["sha256"]},
            {"@id": "#snakemake", "@type": "ComputerLanguage", "name": "Snakemake",
             "version": manifest["libraries"].get("snakemake")},
            {"@id": "#run", "@type": "CreateAction", "name": f"snakemake run publishing {manifest['version']}",
             "instrument": {"@id": "#workflow"},
             "object": [{"@id": i["@id"]} for i in inputs] + [{"@id": v["@id"]} for v in vocabularies],
             "result": [{"@id": "./"}]},
            *files, *inputs, *vocabularies,
        ],
    }
