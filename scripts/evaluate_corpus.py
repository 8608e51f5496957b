"""Snakemake script for rules/evaluate.smk."""
import os

from curation.evaluate import run
from curation.logs import setup

setup(snakemake.log[0])
run(corpus=snakemake.wildcards.corpus, path=snakemake.input.gold, fmt=snakemake.params.format,
    vocabulary_dir=os.path.dirname(snakemake.input.vocabulary_info), output=snakemake.output[0],
    limit=snakemake.params.limit, curated_dir=os.path.dirname(snakemake.input.checksums),
    annotation=snakemake.params.annotation, pipeline_annotation=snakemake.params.pipeline_annotation)
