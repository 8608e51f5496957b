rule parse_shard:
    """Parse one shard of input papers into documents, passages, tables, references, ..."""
    input:
        shard_paths,
    output:
        **{table: f"{RESULTS}/shards/{{shard}}/{table}.parquet" for table in PARSE_TABLES},
    params:
        code_version=CODE_VERSION,
        source_paths=shard_sources,
        max_bytes=int(config["limits"]["max_file_mb"] * 1_000_000),
    log:
        f"{RESULTS}/logs/parse/{{shard}}.log",
    benchmark:
        f"{RESULTS}/benchmarks/parse_shard/{{shard}}.tsv"
    resources:
        mem_mb=2000,
        runtime=60,
    script:
        "../scripts/parse_shard.py"
