"""Embedding pools: where an ingest's batches of sentences are embedded.

`LocalPool` runs the model in this process (what every ingest did before). `RayPool`
sends the batches to a Ray cluster, `kb ingest --ray [ADDRESS]`: an actor pool with one
model per actor, each actor given one CPU and as many model threads. Load, segment, link
and store stay in the driver; only lists of sentences go out and vectors come back.

Why `ray.util.ActorPool` and not Ray Data's `map_batches`: the driver must hold each
batch's vectors the moment they are computed, to keep them in the resume cache
(kb/vector_cache.py) and to stop cleanly on Ctrl-C after the last kept batch; an
ActorPool hands each result back as it finishes and takes no new work once we stop
submitting. Ray Data would add its streaming executor, blocks and the pyarrow/pandas
dependency of `ray[data]` to ship what is a list of strings out and an array back, and
its iterator hides which input rows a finished block held. Actors restart (and their
task is retried) twice if a node dies.

Ray is imported only here, and only when --ray is asked for.
"""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import numpy as np

from .embed import Embedder, load_embedder
from .settings import settings

RAY_EXTRA_MISSING = "--ray needs the ray extra: pip install 'kb[ray]'"
LOCAL = "local"  # ray.init's own word for "start a new local Ray"
CONNECT_TIMEOUT = 5.0  # seconds to reach a cluster's address before giving up with one line
_AHEAD = 2  # batches queued per actor, so an actor never waits for the driver to send the next


class RayUnavailable(Exception):
    """--ray cannot be used (no extra, no cluster); one line for the user."""


class EmbeddingPool(Protocol):
    dim: int
    workers: int

    def map(self, batches: Iterable[list[str]], stop: threading.Event) -> Iterator[tuple[list[str], np.ndarray]]:
        """(batch, its vectors) as each batch is done, until the batches run out or `stop` is set."""
        ...

    def close(self) -> None:
        ...


class LocalPool:
    """The model in this process: its own threads over the machine's cores."""

    workers = 1

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self.dim = embedder.dim

    def map(self, batches: Iterable[list[str]], stop: threading.Event) -> Iterator[tuple[list[str], np.ndarray]]:
        for batch in batches:
            if stop.is_set():
                return
            yield batch, self.embedder.encode(batch)

    def close(self) -> None:
        pass


def _embedding_actor(ray):
    """The actor class, made only once Ray is imported (Ray is an optional extra)."""

    @ray.remote(num_cpus=1, max_restarts=2, max_task_retries=2)
    class EmbeddingActor:
        def __init__(self, model: str, threads: int) -> None:
            from kb import embed

            # The embedders size their thread pools by the cores of the whole node; an
            # actor owns `threads` of them (its num_cpus), the node's other actors the rest.
            embed.cores = lambda: threads
            self.embedder = embed.load_embedder(model)

        def dim(self) -> int:
            return int(self.embedder.dim)

        def encode(self, number: int, texts: list[str]) -> tuple[int, np.ndarray]:
            return number, self.embedder.encode(texts)

    return EmbeddingActor


def _import_ray():
    try:
        import ray
    except ImportError:
        raise RayUnavailable(RAY_EXTRA_MISSING) from None
    return ray


def _host_port(address: str) -> tuple[str, int] | None:
    """host and port of a cluster address ("host:port", "ray://host:port"); None for the
    words ray.init resolves itself ("auto", "local")."""
    bare = address.split("://", 1)[-1].rstrip("/")
    host, _, port = bare.rpartition(":")
    if not host or not port.isdigit():
        return None
    return host.strip("[]"), int(port)


def check_reachable(address: str, timeout: float = CONNECT_TIMEOUT) -> None:
    """ray.init waits minutes on an address nobody answers: try the port first."""
    target = _host_port(address)
    if target is None:
        if address in (LOCAL, "auto"):
            return
        raise RayUnavailable(f"{address!r} is not a Ray cluster address (HOST:PORT, ray://HOST:PORT, auto or local)")
    try:
        with socket.create_connection(target, timeout=timeout):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise RayUnavailable(f"cannot reach the Ray cluster at {address}: {reason.lower()}") from None


def preflight(address: str) -> None:
    """Before an ingest reads a file: the extra is installed and the address answers
    ("" is RAY_ADDRESS, else a new local Ray)."""
    ray = _import_ray()
    address = address or settings().ray_address
    if address and not ray.is_initialized():
        check_reachable(address)


class RayPool:
    """Batches out to a Ray actor pool, vectors back to the driver as each batch is done."""

    def __init__(self, model: str, address: str | None = None, actors: int | None = None) -> None:
        ray = self._ray = _import_ray()
        self._started_ray = False
        if not ray.is_initialized():
            self._connect(ray, address or settings().ray_address or LOCAL)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.workers = max(1, actors or cpus)
        actor_class = _embedding_actor(ray)
        self._actors = [actor_class.remote(model, 1) for _ in range(self.workers)]
        try:
            dims = ray.get([a.dim.remote() for a in self._actors])
        except Exception as exc:
            self.close()
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[-1]
            raise RayUnavailable(f"the Ray actors could not load model {model!r}: {first[:200]}") from None
        self.dim = dims[0]

    def _connect(self, ray, address: str) -> None:
        check_reachable(address)
        import kb

        options = {"address": address, "log_to_driver": False, "logging_level": logging.ERROR,
                   # the workers import this kb, not whatever a cluster node has installed
                   "runtime_env": {"py_modules": [str(Path(kb.__file__).parent)]}}
        if address == LOCAL:  # a local Ray listens on the loopback only, never on the machine's own address
            options.update(include_dashboard=False, _node_ip_address="127.0.0.1")
        try:
            ray.init(**options)
        except Exception as exc:  # ConnectionError, RuntimeError, ...: the user needs one line
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise RayUnavailable(f"cannot connect to the Ray cluster at {address}: {first[:200]}") from None
        self._started_ray = True

    def map(self, batches: Iterable[list[str]], stop: threading.Event) -> Iterator[tuple[list[str], np.ndarray]]:
        ray = self._ray
        idle = [actor for actor in self._actors for _ in range(_AHEAD)]  # a slot per queued batch
        in_flight: dict = {}  # ObjectRef -> (actor, batch)
        queue = iter(batches)
        numbered = 0
        while True:
            while idle and not stop.is_set():
                batch = next(queue, None)
                if batch is None:
                    break
                actor = idle.pop()
                in_flight[actor.encode.remote(numbered, batch)] = (actor, batch)
                numbered += 1
            if not in_flight:
                return
            done, _ = ray.wait(list(in_flight), num_returns=1)
            actor, batch = in_flight.pop(done[0])
            idle.append(actor)
            try:
                _, vectors = ray.get(done[0])
            except Exception as exc:  # an actor lost past its restarts, the cluster gone
                first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                raise RayUnavailable(f"the Ray cluster failed while embedding ({first[:160]}); the batches "
                                     "embedded so far are kept: run the same command to resume") from None
            yield batch, vectors
            if stop.is_set():
                return

    def close(self) -> None:
        """A Ray this pool started goes with its actors; on a shared cluster only our actors go."""
        ray = self._ray
        if self._started_ray:
            ray.shutdown()  # killing actors first would log each queued task's retry
            self._started_ray = False
        else:
            for actor in getattr(self, "_actors", []):
                try:
                    ray.kill(actor)
                except Exception:
                    pass
        self._actors = []


def open_pool(model: str, embedder: Embedder | None = None, ray: str | None = None,
              actors: int | None = None) -> EmbeddingPool:
    """In this process unless `ray` is given ("" for RAY_ADDRESS or a new local Ray)."""
    if ray is None:
        return LocalPool(embedder or load_embedder(model))
    return RayPool(model, ray or None, actors)
