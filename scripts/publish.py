"""Snakemake script for rules/publish.smk: publish the dataset version and point results/published.json at it."""
import os

from curation.inputs import parent_directories
from curation.logs import setup
from curation.publish import publish_and_point

setup(snakemake.log[0])
publish_and_point(
    shard_dirs=parent_directories(snakemake.input.parsed),
    annotated_dirs=parent_directories(snakemake.input.annotated),
    related_dirs=parent_directories(snakemake.input.evidence),
    vocabulary_dir=os.path.dirname(snakemake.input.vocabulary_info),
    datasets_dir=snakemake.params.datasets_dir,
    config=dict(snakemake.params.config),
    code_root=snakemake.params.code_root,
    pointer=snakemake.output[0],
)
