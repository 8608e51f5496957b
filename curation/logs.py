"""Logging for rule scripts: the rule's log file plus stderr, one plain line per event."""
from __future__ import annotations

import logging
import sys


def setup(log_path: str | None) -> None:
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_path:
        handlers.append(logging.FileHandler(log_path, mode="w", encoding="utf-8"))
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s", handlers=handlers, force=True)
