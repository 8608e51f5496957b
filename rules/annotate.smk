rule annotate_shard:
    """Sentences, entity mentions, text-defined abbreviations and checks of claimed entities, for one shard."""
    input:
        passages=f"{RESULTS}/shards/{{shard}}/passages.parquet",
        abbreviations=f"{RESULTS}/shards/{{shard}}/abbreviations.parquet",
        source_entities=f"{RESULTS}/shards/{{shard}}/source_entities.parquet",
        imported_mentions=f"{RESULTS}/shards/{{shard}}/mentions.parquet",
        vocabulary=list(VOCABULARY_FILES.values()),
    output:
        **{table: f"{RESULTS}/annotated/{{shard}}/{table}.parquet" for table in ANNOTATE_TABLES},
    params:
        code_version=CODE_VERSION,
        parsed_dir=f"{RESULTS}/shards/{{shard}}",
        vocabulary_dir=VOCABULARY,
        curated_dir=config["vocabularies"]["curated_dir"],
    log:
        f"{RESULTS}/logs/annotate/{{shard}}.log",
    resources:
        mem_mb=3000,
        runtime=60,
    script:
        "../scripts/annotate_shard.py"
