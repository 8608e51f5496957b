"""Snakemake script for rules/relate.smk: relations evidence for one shard."""
from curation.logs import setup
from curation.relate_stage import relate_shard

setup(snakemake.log[0])
relate_shard(parsed_dir=snakemake.params.parsed_dir, annotated_dir=snakemake.params.annotated_dir,
             output=snakemake.output[0])
