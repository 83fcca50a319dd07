"""Vectors: FAISS indexes of passage and sentence embeddings, files named by generation.

Inner product over L2-normalised vectors is cosine similarity. Ids are the SQLite row
ids, so a hit maps straight back to its passage or sentence. Files are written to a
temporary name, fsynced and renamed; the generation number in SQLite's meta table says
which files belong to the committed index.

Exact search (a flat index) while it is fast; past IVF_THRESHOLD vectors the index is
rebuilt once as IVF with 8-bit scalar quantisation (nlist 4·√n, searched with nprobe
128): bench/scale.py measured exact search at 138 ms and 2 GB for a million vectors,
IVF+SQ8 at 5 ms and 0.5 GB with recall@10 0.967 against exact. Later additions go into
the trained index; `kb ingest --rebuild` retrains it.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from .files import atomic_write, cores, fsync_dir
from .settings import settings

KINDS = ("passages", "sentences")
NPROBE = 128


def _faiss():
    import faiss

    return faiss


def file_name(kind: str, generation: int) -> str:
    return f"{kind}.{generation}.faiss"


def new_index(dim: int):
    faiss = _faiss()
    return faiss.IndexIDMap2(faiss.IndexFlatIP(dim))


def read(index_dir: Path, kind: str, generation: int, dim: int, writable: bool = False):
    """Load a committed vector file; an empty index when the generation has none yet.

    A reader maps the file (FAISS's zero-copy mmap): a fresh `kb ask` on a million
    passages touches only the lists it probes instead of reading gigabytes. An ingest,
    which adds and removes vectors, asks for a writable copy in memory."""
    faiss = _faiss()
    path = index_dir / file_name(kind, generation)
    if generation == 0 and not path.exists():
        return new_index(dim)
    if not path.exists():
        raise FileNotFoundError(f"{path.name} is missing")
    try:
        index = faiss.read_index(str(path), 0 if writable else faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
    except RuntimeError as exc:
        raise ValueError(f"{path.name} is corrupted ({str(exc).splitlines()[0][:120]})") from None
    if index.d != dim:
        raise ValueError(f"{path.name} has dimension {index.d}, the index records {dim}")
    return index


def write(index, index_dir: Path, kind: str, generation: int) -> Path:
    faiss = _faiss()
    final = atomic_write(index_dir / file_name(kind, generation), lambda tmp: faiss.write_index(index, str(tmp)))
    fsync_dir(index_dir)
    return final


def is_approximate(index) -> bool:
    faiss = _faiss()
    return isinstance(faiss.downcast_index(index), faiss.IndexIVF)


def fit_to_size(index, threshold: int | None = None):
    """The flat index while small; converted to IVF+SQ8 once it outgrows the IVF threshold
    (KB_IVF_THRESHOLD, 200,000 vectors by default)."""
    faiss = _faiss()
    if is_approximate(index) or index.ntotal <= (threshold or settings().ivf_threshold):
        return index
    ids = faiss.vector_to_array(index.id_map).astype(np.int64)
    flat = faiss.downcast_index(index.index)
    data = faiss.rev_swig_ptr(flat.get_xb(), flat.ntotal * flat.d).reshape(flat.ntotal, flat.d).copy()
    n, dim = data.shape
    nlist = max(1, min(int(4 * np.sqrt(n)), n // 39))
    quantizer = faiss.IndexFlatIP(dim)
    ivf = faiss.IndexIVFScalarQuantizer(quantizer, dim, nlist, faiss.ScalarQuantizer.QT_8bit,
                                        faiss.METRIC_INNER_PRODUCT)
    ivf.own_fields = True
    quantizer.this.disown()
    rng = np.random.default_rng(0)
    sample = data[rng.choice(n, size=min(n, 50 * nlist), replace=False)]
    faiss.omp_set_num_threads(cores())
    ivf.train(sample)
    ivf.set_direct_map_type(faiss.DirectMap.Hashtable)  # reconstruct and remove by id
    ivf.add_with_ids(data, ids)
    return ivf


def remove_ids(index, ids: list[int]) -> None:
    if ids:
        index.remove_ids(np.asarray(ids, dtype=np.int64))


def add(index, ids: list[int], vectors: np.ndarray) -> None:
    if ids:
        index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))


def search(index, query: np.ndarray, k: int, allowed_ids: np.ndarray | None = None) -> tuple[list[int], list[float]]:
    """The k nearest ids; with allowed_ids, only among those. A filter lets through a
    share of the index, so an IVF index probes proportionally more lists (all of them
    for a filter as narrow as one document) to find as many allowed neighbours as an
    unfiltered search finds neighbours."""
    faiss = _faiss()
    # one query at a time: OpenMP's fork-join costs more than it saves (measured, 2 cores)
    faiss.omp_set_num_threads(1)
    if index.ntotal == 0 or k <= 0:
        return [], []
    q = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    approximate = is_approximate(index)
    params = faiss.SearchParametersIVF(nprobe=NPROBE) if approximate else None
    if allowed_ids is not None:
        allowed_ids = np.asarray(allowed_ids, dtype=np.int64)
        if not len(allowed_ids):
            return [], []
        # a bitmap over the id range: built in milliseconds even for millions of ids
        bits = np.zeros(int(allowed_ids.max()) + 1, dtype=bool)
        bits[allowed_ids] = True
        bitmap = np.packbits(bits, bitorder="little")
        selector = faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap))  # n counts bytes
        if approximate:
            nlist = faiss.downcast_index(index).nlist
            share = len(allowed_ids) / max(index.ntotal, 1)
            params = faiss.SearchParametersIVF(sel=selector, nprobe=min(nlist, int(np.ceil(NPROBE / share))))
        else:
            params = faiss.SearchParameters(sel=selector)
        k = min(k, len(allowed_ids))
    k = min(k, index.ntotal)
    scores, ids = index.search(q, k, params=params) if params is not None else index.search(q, k)
    pairs = [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def clean_other_generations(index_dir: Path, keep: int) -> None:
    """Remove the files of other generations (FAISS and BM25 postings alike) and any
    temporary file: leftovers of a replaced or interrupted run."""
    for path in index_dir.iterdir():
        parts = path.name.split(".")
        if len(parts) < 3 or parts[0] not in KINDS or not parts[1].isdigit():
            continue
        if int(parts[1]) == keep and parts[-1] != "tmp":
            continue
        try:
            path.unlink()
        except OSError:
            pass
