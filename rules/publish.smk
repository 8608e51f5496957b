rule publish:
    """Check every shard, then the corpus, and publish an immutable dataset version (a shard at a time)."""
    input:
        parsed=expand(f"{RESULTS}/shards/{{shard}}/{{table}}.parquet", shard=SHARDS, table=PARSE_TABLES),
        annotated=expand(f"{RESULTS}/annotated/{{shard}}/{{table}}.parquet", shard=SHARDS, table=ANNOTATE_TABLES),
        evidence=expand(f"{RESULTS}/related/{{shard}}/evidence.parquet", shard=SHARDS),
        **{f"vocabulary_{name}": path for name, path in VOCABULARY_FILES.items()},
    output:
        PUBLISHED,
    params:
        datasets_dir=config["publish_dir"],
        config=config,
        code_root=workflow.basedir,
    log:
        f"{RESULTS}/logs/publish.log",
    benchmark:
        f"{RESULTS}/benchmarks/publish/publish.tsv"
    resources:
        mem_mb=4000,
        runtime=60,
    script:
        "../scripts/publish.py"
