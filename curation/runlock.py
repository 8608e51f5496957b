"""One run at a time per results directory, with a lock the kernel releases when the process dies.

Snakemake's own lock is a file that outlives a killed run and then refuses every later run until someone
runs ``--unlock``; ``flock`` has neither problem.
"""
from __future__ import annotations

import fcntl
import os
from pathlib import Path


class RunLocked(RuntimeError):
    pass


def acquire(results_dir: str):
    """Hold the lock for the life of the calling process; returns the open lock file (keep a reference)."""
    Path(results_dir).mkdir(parents=True, exist_ok=True)
    path = Path(results_dir) / ".run.lock"
    handle = open(path, "a+")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise RunLocked(f"another run (pid {holder}) is using {results_dir}/; wait for it to finish "
                        f"(the lock is released when that process ends)") from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
