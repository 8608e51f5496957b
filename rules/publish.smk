rule publish:
    """Check all shards together and publish an immutable dataset version."""
    input:
        parsed=expand(f"{RESULTS}/shards/{{shard}}/{{table}}.parquet", shard=SHARDS, table=PARSE_TABLES),
        annotated=expand(f"{RESULTS}/annotated/{{shard}}/{{table}}.parquet", shard=SHARDS, table=ANNOTATE_TABLES),
        evidence=expand(f"{RESULTS}/related/{{shard}}/evidence.parquet", shard=SHARDS),
        vocabulary=list(VOCABULARY_FILES.values()),
    output:
        PUBLISHED,
    params:
        shard_dirs=[f"{RESULTS}/shards/{shard}" for shard in SHARDS],
        annotated_dirs=[f"{RESULTS}/annotated/{shard}" for shard in SHARDS],
        related_dirs=[f"{RESULTS}/related/{shard}" for shard in SHARDS],
        vocabulary_dir=VOCABULARY,
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
