"""Settings: every environment override kb honours, read once per process.

    KB_INDEX          index folder (default ./index)
    KB_MODEL          embedding model of a new index (default multilingual-e5-small; `fast` for USE)
    KB_CACHE          cache folder for derived model and dictionary files (default ~/.cache/kb)
    KB_MAX_FILE_MB    files larger than this are skipped at ingest (default 64)
    KB_IVF_THRESHOLD  vectors past which FAISS switches from exact to IVF search (default 200000)
    KB_EMBED_BATCH    sentences per embedding batch, the unit kept in the resume cache and sent to a Ray actor (default 1000)
    RAY_ADDRESS       the Ray cluster `kb ingest --ray` sends embedding batches to when --ray names none
    KB_DEBUG          show tracebacks instead of one-line internal errors
    NO_COLOR          no colour on a terminal
    KB_TEST_KILL_AT, KB_TEST_PAUSE_AT, KB_TEST_PAUSE_SECONDS   fault injection for the crash tests
                      (KB_TEST_KILL_AT=point:N kills at the N-th time the point is reached)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    index_dir: Path
    model: str | None
    cache_dir: Path
    max_file_bytes: int
    ivf_threshold: int
    embed_batch: int
    ray_address: str
    debug: bool
    no_color: bool
    test_kill_at: str
    test_kill_count: int
    test_pause_at: str
    test_pause_seconds: float

    @classmethod
    def from_environment(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        kill_at, _, kill_count = env.get("KB_TEST_KILL_AT", "").partition(":")
        return cls(
            index_dir=Path(env.get("KB_INDEX") or "index"),
            model=env.get("KB_MODEL") or None,
            cache_dir=Path(env.get("KB_CACHE") or Path.home() / ".cache" / "kb"),
            max_file_bytes=int(float(env.get("KB_MAX_FILE_MB", "64")) * 1024 * 1024),
            ivf_threshold=int(env.get("KB_IVF_THRESHOLD", "200000")),
            embed_batch=max(1, int(env.get("KB_EMBED_BATCH") or 1000)),
            ray_address=env.get("RAY_ADDRESS", ""),
            debug=bool(env.get("KB_DEBUG")),
            no_color=bool(env.get("NO_COLOR")),
            test_kill_at=kill_at,
            test_kill_count=int(kill_count or 1),
            test_pause_at=env.get("KB_TEST_PAUSE_AT", ""),
            test_pause_seconds=float(env.get("KB_TEST_PAUSE_SECONDS", "5")),
        )


@lru_cache(maxsize=1)
def settings() -> Settings:
    """The process's settings (the environment as it was at first use)."""
    return Settings.from_environment()
