"""kb: a knowledge base with hybrid search over Chinese policy and speech texts.

The small public API mirrors the CLI::

    from kb import ingest, open_index, ask
    ingest([Path("corpus")], Path("index"))
    hits = ask(open_index(Path("index")), "园区电动车这块今年能做出多少产值")
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"
__all__ = ["ask", "ingest", "open_index", "__version__"]


def ingest(paths: list[Path], index_dir: Path, **options):
    from .ingest import ingest as run

    return run(paths, index_dir, **options)


def open_index(index_dir: Path, model: str | None = None):
    from .index import Index

    return Index.open(index_dir, model=model)


def ask(index, question: str, k: int = 5, mode: str = "hybrid", **filters):
    from .search import Filters
    from .search import ask as run

    return run(index, question, k=k, mode=mode, filters=Filters(**filters))
