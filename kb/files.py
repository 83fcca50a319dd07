"""Files: the one way kb writes a file that readers may open at any moment, and the core count."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path


def atomic_write(final: Path, write: Callable[[Path], None], durable: bool = True) -> Path:
    """Write through `write(tmp)` to a temporary name beside `final`, fsync it when
    `durable`, then rename: a reader sees the old file or the whole new one, never half."""
    tmp = final.with_name(f"{final.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        if durable:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()
    return final


def fsync_dir(folder: Path) -> None:
    """Make renames inside `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def cores() -> int:
    """CPUs this process may use (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)
