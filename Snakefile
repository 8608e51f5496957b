# Literature curation: papers -> schema-checked, versioned Parquet datasets.
# The DAG: parse -> annotate (with the vocabulary built once) -> relate, per shard -> publish.
from snakemake.utils import min_version

min_version("9.0")


configfile: "config/config.yaml"


include: "rules/common.smk"
include: "rules/parse.smk"
include: "rules/vocabulary.smk"
include: "rules/annotate.smk"
include: "rules/relate.smk"
include: "rules/publish.smk"
include: "rules/evaluate.smk"


rule all:
    default_target: True
    input:
        PUBLISHED,
