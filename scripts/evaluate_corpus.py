"""Snakemake script for rules/evaluate.smk."""
from curation.evaluate import run
from curation.logs import setup

setup(snakemake.log[0])
run(corpus=snakemake.wildcards.corpus, path=snakemake.input.gold, fmt=snakemake.params.format,
    vocabulary_dir=snakemake.params.vocabulary_dir, output=snakemake.output[0], limit=snakemake.params.limit)
