rule publish:
    """Check all shards together and publish an immutable dataset version."""
    input:
        expand(f"{RESULTS}/shards/{{shard}}/{{table}}.parquet", shard=SHARDS, table=PARSE_TABLES),
    output:
        PUBLISHED,
    params:
        shard_dirs=[f"{RESULTS}/shards/{shard}" for shard in SHARDS],
        datasets_dir=f"{RESULTS}/datasets",
        config=config,
        code_root=workflow.basedir,
    log:
        f"{RESULTS}/logs/publish.log",
    resources:
        mem_mb=4000,
        runtime=60,
    script:
        "../scripts/publish.py"
