# Shared by all rules: config checking, input discovery and sharding.
import os
import sys

# The pipeline's modules live beside the Snakefile; make them importable here and in scripts.
sys.path.insert(0, workflow.basedir)
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (workflow.basedir, os.environ.get("PYTHONPATH")) if p)

from snakemake.utils import validate

from curation.config import ConfigError, check_config, SCHEMA_PATH
from curation.inputs import InputConfigError, plan_shards, resolve_inputs
from curation.publish import code_fingerprint
from curation.runlock import RunLocked, acquire as acquire_run_lock
from schemas.tables import ANNOTATE_TABLES, PARSE_TABLES

try:
    check_config(config)
except ConfigError as e:
    raise WorkflowError(f"Invalid configuration: {e}") from None
validate(config, str(SCHEMA_PATH))  # fills in the schema's defaults

try:
    INPUT_FILES = resolve_inputs(config["inputs"])
except InputConfigError as e:
    raise WorkflowError(f"Invalid configuration: {e}") from None

# One run at a time on a results directory (see profiles/default/config.yaml); jobs and dry runs do not lock.
if workflow.is_main_process and not workflow.dryrun:
    try:
        RUN_LOCK = acquire_run_lock("results")
    except RunLocked as e:
        raise WorkflowError(f"Run refused: {e}") from None

SHARDS = plan_shards(INPUT_FILES, config["shard_size"])
# A change to the pipeline's modules must rebuild what they made: rules carry the code's fingerprint as a
# parameter, and Snakemake re-runs a job whose parameters changed.
CODE_VERSION = code_fingerprint(workflow.basedir, with_git=False)["sha256"][:16]
RESULTS = "results"
PUBLISHED = f"{RESULTS}/published.json"


wildcard_constraints:
    shard=r"\d+-of-\d+",


def shard_paths(wildcards):
    return [f.path for f in SHARDS[wildcards.shard]]


def shard_sources(wildcards):
    # in the order of shard_paths: the parse script pairs them with its (possibly storage-local) input paths
    return [f.source_path for f in SHARDS[wildcards.shard]]
