"""Snakemake script for rules/publish.smk: publish the dataset version and point results/published.json at it."""
from curation.logs import setup
from curation.publish import publish_and_point

setup(snakemake.log[0])
publish_and_point(
    shard_dirs=snakemake.params.shard_dirs,
    annotated_dirs=snakemake.params.annotated_dirs,
    related_dirs=snakemake.params.related_dirs,
    vocabulary_dir=snakemake.params.vocabulary_dir,
    datasets_dir=snakemake.params.datasets_dir,
    config=dict(snakemake.params.config),
    code_root=snakemake.params.code_root,
    pointer=snakemake.output[0],
)
