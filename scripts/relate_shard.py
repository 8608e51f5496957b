"""Snakemake script for rules/relate.smk: relations evidence for one shard."""
import os

from curation.logs import setup
from curation.relate_stage import relate_shard

setup(snakemake.log[0])
relate_shard(parsed_dir=os.path.dirname(snakemake.input.passages), annotated_dir=os.path.dirname(snakemake.input.sentences),
             output=snakemake.output[0])
