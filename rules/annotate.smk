rule annotate_shard:
    """Sentences, entity mentions, text-defined abbreviations and checks of claimed entities, for one shard."""
    input:
        passages=f"{RESULTS}/shards/{{shard}}/passages.parquet",
        abbreviations=f"{RESULTS}/shards/{{shard}}/abbreviations.parquet",
        source_entities=f"{RESULTS}/shards/{{shard}}/source_entities.parquet",
        imported_mentions=f"{RESULTS}/shards/{{shard}}/mentions.parquet",
        **{f"vocabulary_{name}": path for name, path in VOCABULARY_FILES.items()},
        checksums=f"{config['vocabularies']['curated_dir']}/embedded_checksums.tsv",
    output:
        **{table: f"{RESULTS}/annotated/{{shard}}/{table}.parquet" for table in ANNOTATE_TABLES},
    params:
        code_version=CODE_VERSION,
        annotation=config["annotation"],
    log:
        f"{RESULTS}/logs/annotate/{{shard}}.log",
    benchmark:
        f"{RESULTS}/benchmarks/annotate_shard/{{shard}}.tsv"
    resources:
        mem_mb=3000,
        runtime=60,
    script:
        "../scripts/annotate_shard.py"
