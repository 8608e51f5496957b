rule relate_shard:
    """Typed, directed relations with their evidence (sentences and table rows), for one shard."""
    input:
        passages=f"{RESULTS}/shards/{{shard}}/passages.parquet",
        table_cells=f"{RESULTS}/shards/{{shard}}/table_cells.parquet",
        imported_mentions=f"{RESULTS}/shards/{{shard}}/mentions.parquet",
        imported_relations=f"{RESULTS}/shards/{{shard}}/imported_relations.parquet",
        sentences=f"{RESULTS}/annotated/{{shard}}/sentences.parquet",
        mentions=f"{RESULTS}/annotated/{{shard}}/mentions.parquet",
    output:
        f"{RESULTS}/related/{{shard}}/evidence.parquet",
    params:
        code_version=CODE_VERSION,
    log:
        f"{RESULTS}/logs/relate/{{shard}}.log",
    benchmark:
        f"{RESULTS}/benchmarks/relate_shard/{{shard}}.tsv"
    resources:
        mem_mb=2000,
        runtime=30,
    script:
        "../scripts/relate_shard.py"
