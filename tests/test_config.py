"""The config is checked against schemas/config.schema.yaml with one readable line per problem."""
import pytest
import yaml

from curation.config import ConfigError, check_config
from tests.conftest import ROOT


def default_config():
    return yaml.safe_load((ROOT / "config" / "config.yaml").read_text())


def test_default_config_is_valid():
    check_config(default_config())


@pytest.mark.parametrize("change, message", [
    (lambda c: c.update(shard_sise=10), "config: Additional properties are not allowed ('shard_sise' was unexpected); allowed keys:"),
    (lambda c: c.update(shard_size=0), "config.shard_size: 0 is less than the minimum of 1"),
    (lambda c: c.update(inputs=[]), "config.inputs: [] should be non-empty"),
    (lambda c: c["dataset"].update(version="one"), "config.dataset.version: 'one' does not match"),
    (lambda c: c.pop("dataset"), "config: 'dataset' is a required property"),
    (lambda c: c["annotation"].update(nested="yes"), "config.annotation: Additional properties are not allowed ('nested'"),
])
def test_bad_config_is_one_readable_line(change, message):
    config = default_config()
    change(config)
    with pytest.raises(ConfigError) as e:
        check_config(config)
    assert str(e.value).startswith(message) and "\n" not in str(e.value)


def test_snakemake_validation_fills_in_the_schema_defaults():
    from snakemake.utils import validate

    from curation.config import SCHEMA_PATH
    config = {"dataset": {"name": "x", "version": "1.0.0"}, "inputs": ["papers"]}
    validate(config, str(SCHEMA_PATH))
    assert config["shard_size"] == 500 and config["limits"] == {"max_file_mb": 50}
    assert config["annotation"] == {"nested_chemicals": False, "families_as_member": False}
