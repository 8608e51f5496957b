# Literature curation: papers -> schema-checked, versioned Parquet datasets.
# The DAG: parse (per shard) -> annotate (per shard, with the vocabulary built once) -> publish.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "rules/common.smk"
include: "rules/parse.smk"
include: "rules/vocabulary.smk"
include: "rules/annotate.smk"
include: "rules/publish.smk"
include: "rules/evaluate.smk"


rule all:
    default_target: True
    input:
        PUBLISHED,
