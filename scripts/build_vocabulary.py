"""Snakemake script for rules/vocabulary.smk."""
from curation.logs import setup
from curation.vocab_stage import build_vocabulary

setup(snakemake.log[0])
build_vocabulary(
    settings=dict(snakemake.params.settings),
    curated_dir=snakemake.params.curated_dir,
    outputs={name: path for name, path in snakemake.output.items()},
)
