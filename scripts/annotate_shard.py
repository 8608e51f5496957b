"""Snakemake script for rules/annotate.smk: annotate one shard."""
import os

from curation.annotate_stage import annotate_shard
from curation.logs import setup

setup(snakemake.log[0])
annotate_shard(
    parsed_dir=os.path.dirname(snakemake.input.passages),
    vocabulary_dir=os.path.dirname(snakemake.input.vocabulary_info),
    outputs={name: path for name, path in snakemake.output.items()},
    curated_dir=os.path.dirname(snakemake.input.checksums),
    annotation=snakemake.params.annotation,
)
