"""Snakemake script for rules/annotate.smk: annotate one shard."""
from curation.annotate_stage import annotate_shard
from curation.logs import setup

setup(snakemake.log[0])
annotate_shard(
    parsed_dir=snakemake.params.parsed_dir,
    vocabulary_dir=snakemake.params.vocabulary_dir,
    outputs={name: path for name, path in snakemake.output.items()},
    curated_dir=snakemake.params.curated_dir,
)
