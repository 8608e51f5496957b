"""Snakemake script for rules/parse.smk: parse one shard."""
from curation.inputs import InputFile
from curation.logs import setup
from curation.parse_stage import parse_shard

setup(snakemake.log[0])
parse_shard(
    files=[InputFile(source_path, path) for source_path, path in zip(snakemake.params.source_paths, snakemake.input, strict=True)],
    outputs={name: path for name, path in snakemake.output.items()},
    max_bytes=snakemake.params.max_bytes,
)
