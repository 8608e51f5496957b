"""Config checking: the JSON schema in schemas/config.schema.yaml, reported as one readable line."""
from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "config.schema.yaml"


class ConfigError(ValueError):
    pass


def load_schema() -> dict:
    return yaml.safe_load(SCHEMA_PATH.read_text())


def check_config(config: dict) -> None:
    """Raise ConfigError naming the first problem (the one jsonschema finds most relevant)."""
    validator = jsonschema.Draft202012Validator(load_schema())
    error = jsonschema.exceptions.best_match(validator.iter_errors(config))
    if error is None:
        return
    where = "config." + ".".join(str(p) for p in error.absolute_path) if error.absolute_path else "config"
    if error.validator == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        raise ConfigError(f"{where}: {error.message}; allowed keys: {', '.join(allowed)}")
    raise ConfigError(f"{where}: {error.message}")
