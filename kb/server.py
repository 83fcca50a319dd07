"""Serve: the index over HTTP (JSON endpoints, OpenAPI) and a small web page, read-only.

`kb serve` runs this ASGI app with uvicorn. FastAPI (on Starlette) gives typed query
parameters, their validation and the OpenAPI description from one declaration; the rows
themselves come from kb.render, the functions `kb … --json` prints with, so the server
and the CLI answer the same fields with the same values.

Requests run in the threadpool, many at a time, over one opened index. The index owner
was written for one reader: here its lazily loaded parts are loaded before the first
answer, its query memo and the embedding model sit behind locks, and a new generation
committed by an ingest is opened beside the old one, which is closed when its last
request is done (IndexHolder).
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import __version__, render
from .commitments import NotFound
from .embed import ModelError, load_embedder
from .index import Index, QueryCache
from .search import QueryError
from .store import IndexUnavailable, Selection

WEB = Path(__file__).resolve().parent / "web"
MAX_QUERY_LENGTH = 10_000  # kb.search keeps the first 1000 characters; longer is a mistake


# ------------------------------------------------------------------ the shared index


class LockedQueryCache(QueryCache):
    """Index.cache for many threads: the memo's bookkeeping under a lock, the computing
    outside it (two threads may compute the same value once each; both are right)."""

    def __init__(self, size: int = 256) -> None:
        super().__init__(size)
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = compute()
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            super().clear()


class LockedEmbedder:
    """An embedder one thread at a time: the models keep scratch state and thread limits."""

    def __init__(self, inner) -> None:
        self._inner = inner
        self._lock = threading.Lock()
        self.name = inner.name
        self.dim = inner.dim

    def encode(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return self._inner.encode(texts)

    def encode_query(self, text: str) -> np.ndarray:
        with self._lock:
            return self._inner.encode_query(text)


def warm(index: Index) -> None:
    """Load every lazily loaded part now, under the holder's lock, so that the request
    threads only ever read them."""
    index.tokenizer.tokens("园区产值", for_query=True)
    for table in ("passages", "sentences"):
        index.vectors(table)
        index.lexicon(table)
    _ = index.embedder  # checks the model's dimension against the index


class IndexHolder:
    """The index every request reads, reopened when an ingest commits a new generation.

    Closing the old index at once would hurt a request still reading it; here the old one
    is closed by the last request that holds it.
    A missing index is looked for again at each request, so `kb serve` may start first.
    """

    def __init__(self, index_dir: Path) -> None:
        self.dir = index_dir
        self._lock = threading.Lock()
        self._current: Index | None = None
        self._users: Counter[int] = Counter()
        self._retired: dict[int, Index] = {}
        self._embedders: dict[str, LockedEmbedder] = {}

    def _open(self) -> Index:
        with Index.open(self.dir) as probe:
            model = probe.model
        if model not in self._embedders:
            self._embedders[model] = LockedEmbedder(load_embedder(model))
        index = Index.open(self.dir, embedder=self._embedders[model])
        index.cache = LockedQueryCache()
        try:
            warm(index)
        except Exception:
            index.close()
            raise
        return index

    @staticmethod
    def _changed(index: Index) -> bool:
        try:
            return int(index.store.meta("generation") or 0) != index.generation
        except sqlite3.Error:
            return True

    def _acquire(self) -> Index:
        with self._lock:
            current = self._current
            if current is not None and self._changed(current):
                self._retire(current)
                current = self._current = None
            if current is None:
                current = self._current = self._open()
            self._users[id(current)] += 1
            return current

    def _retire(self, index: Index) -> None:
        if self._users[id(index)]:
            self._retired[id(index)] = index
        else:
            index.close()

    def _release(self, index: Index) -> None:
        with self._lock:
            self._users[id(index)] -= 1
            if not self._users[id(index)]:
                del self._users[id(index)]
                retired = self._retired.pop(id(index), None)
                if retired is not None:
                    retired.close()

    @contextmanager
    def use(self) -> Iterator[Index]:
        """The current index for one request."""
        index = self._acquire()
        try:
            yield index
        finally:
            self._release(index)

    def preload(self) -> None:
        """Open and warm the index at start-up when there is one (else at the first request)."""
        try:
            with self.use():
                pass
        except (IndexUnavailable, ModelError):
            pass  # each request tries again and answers the one-line reason

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._retire(self._current)
                self._current = None


# ------------------------------------------------------------------ parameters


class Strict(BaseModel):
    """Parameters of one endpoint: an unknown one is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class AskParams(Strict):
    q: str = Field(max_length=MAX_QUERY_LENGTH, description="The question (Chinese, any wording).")
    k: int = Field(5, ge=1, le=1000, description="Number of passages.")
    mode: Literal["hybrid", "dense", "lexical"] = "hybrid"
    doc: str | None = Field(None, description="Only this document (path as ingested, or file name).")
    year: str | None = Field(None, description="Only documents of this year (2025, 202x).")
    park: str | None = Field(None, description="Only passages linked to this park.")
    cluster: str | None = Field(None, description="Only passages linked to this cluster.")


class PhraseParams(Strict):
    q: str = Field(max_length=MAX_QUERY_LENGTH, description="The wording to find precedents of.")
    k: int = Field(10, ge=1, le=200)
    exact: bool = Field(False, description="Every occurrence of the exact phrase, with its timeline.")
    since: str | None = Field(None, description="Only documents from this year on.")
    until: str | None = Field(None, description="Only documents up to this year.")
    type: str | None = Field(None, description="Only this document type (报告, 讲话, 条例 …).")
    doc: str | None = None


class FormatParams(Strict):
    """A listing's parameters: JSON rows or the CSV file, as the CLI's --json and --csv."""

    format: Literal["json", "csv"] = "json"


class CommitmentsParams(FormatParams):
    park: str | None = None
    cluster: str | None = None
    year: str | None = None
    doc: str | None = None
    kind: Literal["target", "achievement", "all"] = "target"


class NamedParams(FormatParams):
    all: bool = Field(False, description="Parks only: also the bare zone words (园区, 开发区).")


class TraceParams(Strict):
    context: int | None = Field(None, ge=0, le=5000, description=(
        "Also give this many characters of source before and after the quote (`before`, "
        "`after`); without it the answer is exactly `kb trace --json`."))


# ------------------------------------------------------------------ answers


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message.splitlines()[0] if message else "error"}, status_code=status)


def _validation_message(exc: RequestValidationError) -> tuple[int, str]:
    first = exc.errors()[0] if exc.errors() else {}
    kind = first.get("type", "")
    loc = [str(p) for p in first.get("loc", ()) if p not in ("query", "body", "path")]
    name = ".".join(loc) or "request"
    if kind == "json_invalid":
        return 400, f"malformed JSON body: {first.get('ctx', {}).get('error', first.get('msg', ''))}"
    if kind == "extra_forbidden":
        return 422, f"unknown parameter {name!r}"
    return 422, f"{name}: {first.get('msg', 'invalid')}"


def _csv_response(rows: list[dict], columns: list[str], name: str) -> Response:
    return Response(render.csv_text(rows, columns), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _install_errors(app: FastAPI) -> None:
    """Every failure is one line of JSON, `{"error": …}`, with a 4xx for what the
    client can fix; a traceback never reaches the client."""
    mapping: list[tuple[type[Exception], int]] = [
        (QueryError, 400), (NotFound, 404), (IndexUnavailable, 404), (ModelError, 503)]
    for exc_type, status in mapping:
        app.add_exception_handler(exc_type, lambda _r, exc, status=status: error(status, str(exc)))

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return error(*_validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if exc.status_code != 404 else f"no such page: {request.url.path}"
        return error(exc.status_code, str(detail))

    @app.exception_handler(Exception)
    async def internal(_request: Request, exc: Exception) -> JSONResponse:
        first = str(exc).splitlines()[0] if str(exc) else ""
        return error(500, f"internal error: {type(exc).__name__}: {first}")


def _install_token(app: FastAPI, token: str | None) -> None:
    """With a token, every API request needs `Authorization: Bearer <token>`. The page's
    own files carry no data and load without it (a browser cannot send the header when
    it opens a link); the page asks for the token and sends it with each request."""
    if not token:
        return
    expected = f"Bearer {token}".encode()

    @app.middleware("http")
    async def require_token(request: Request, call_next):
        path = request.url.path
        if path == "/" or path.startswith("/static/"):
            return await call_next(request)
        given = request.headers.get("authorization", "").encode()
        if not secrets.compare_digest(given, expected):
            response = error(401, "missing or wrong token: send the header Authorization: Bearer <token>")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        return await call_next(request)


# ------------------------------------------------------------------ the app


def create_app(index_dir: Path, token: str | None = None) -> FastAPI:
    """The ASGI app over the index at `index_dir` (`kb serve`, or any ASGI server)."""
    holder = IndexHolder(index_dir)

    async def lifespan(_app: FastAPI):
        holder.preload()
        yield
        holder.close()

    app = FastAPI(title="kb", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Search Chinese policy and speech texts and trace their targets to the source. "
                              "Every answer has the fields of the matching `kb … --json`; every error is "
                              '`{"error": "one line"}`.')
    _install_errors(app)
    _install_token(app, token or os.environ.get("KB_TOKEN") or None)
    _search_routes(app, holder)
    _audit_routes(app, holder)
    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(WEB / "index.html")

    return app


def _ask(holder: IndexHolder, params: AskParams) -> dict:
    from .search import Filters, ask
    from .understand import understand

    with holder.use() as index:
        hits = ask(index, params.q, k=params.k, mode=params.mode,
                   filters=Filters(doc=params.doc, year=params.year, park=params.park, cluster=params.cluster))
        words = index.tokenizer.tokens(params.q, for_query=True)
    understood = understand(params.q)
    return {"query": params.q, "words": words, "understood": understood.to_json(),
            "results": [render.hit_row(h, understood) for h in hits]}


def _phrase(holder: IndexHolder, params: PhraseParams) -> dict:
    from . import phrase
    from .search import Filters

    filters = Filters(doc=params.doc, doc_type=params.type, since=params.since, until=params.until)
    with holder.use() as index:
        if params.exact:
            return phrase.exact(index, params.q, filters)
        rows = phrase.phrase(index, params.q, k=params.k, filters=filters)
        words = index.tokenizer.tokens(params.q, for_query=True)
    return {"query": params.q, "words": words, "results": rows}


def _search_routes(app: FastAPI, holder: IndexHolder) -> None:
    @app.get("/api/ask", tags=["search"], summary="kb ask: passages that answer a question")
    def ask_get(params: Annotated[AskParams, Query()]) -> JSONResponse:
        """`results` holds one `kb ask --json` line each; `words` are the query's words to highlight."""
        return JSONResponse(_ask(holder, params))

    @app.post("/api/ask", tags=["search"], summary="kb ask, the parameters as a JSON body")
    def ask_post(params: AskParams) -> JSONResponse:
        return JSONResponse(_ask(holder, params))

    @app.get("/api/phrase", tags=["search"], summary="kb phrase: precedent wording (exact=true: kb phrase --exact)")
    def phrase_get(params: Annotated[PhraseParams, Query()]) -> JSONResponse:
        """`results` holds one `kb phrase --json` line each; with exact=true the answer is
        `kb phrase --exact --json` (occurrences, per_year, per_type, first_seen)."""
        return JSONResponse(_phrase(holder, params))

    @app.post("/api/phrase", tags=["search"], summary="kb phrase, the parameters as a JSON body")
    def phrase_post(params: PhraseParams) -> JSONResponse:
        return JSONResponse(_phrase(holder, params))

    @app.get("/api/stats", tags=["index"], summary="kb stats: what the index holds")
    def stats() -> JSONResponse:
        from .check import stats as index_stats

        with holder.use() as index:
            return JSONResponse(index_stats(index))


def _audit_routes(app: FastAPI, holder: IndexHolder) -> None:
    @app.get("/api/commitments", tags=["audit"], summary="kb commitments: targets and achievements")
    def commitments(params: Annotated[CommitmentsParams, Query()]) -> Response:
        """`results` holds one `kb commitments --json` line each; format=csv downloads
        exactly `kb commitments --csv`."""
        from .commitments import COLUMNS, listing

        selection = Selection(park=params.park, cluster=params.cluster, year=params.year, doc=params.doc)
        with holder.use() as index:
            rows = listing(index, selection, params.kind)
        if params.format == "csv":
            return _csv_response(rows, COLUMNS, "commitments")
        return JSONResponse({"results": rows})

    @app.get("/api/trace/{target_id}", tags=["audit"], summary="kb trace: one target in its source")
    def trace(target_id: int, params: Annotated[TraceParams, Query()]) -> JSONResponse:
        from .commitments import trace as run_trace

        with holder.use() as index:
            row = run_trace(index, target_id, params.context or 0)
        return JSONResponse(render.trace_row(row, with_context=params.context is not None))

    def named(kind: str, params: NamedParams) -> Response:
        from .commitments import NAMED_COLUMNS, PARK_COLUMNS
        from .commitments import named as run_named

        with holder.use() as index:
            rows = run_named(index, kind, params.all)
        if params.format == "csv":
            return _csv_response(rows, PARK_COLUMNS if kind == "park" else NAMED_COLUMNS, kind + "s")
        return JSONResponse({"results": rows})

    @app.get("/api/parks", tags=["audit"], summary="kb parks: parks, zones and bodies")
    def parks(params: Annotated[NamedParams, Query()]) -> Response:
        return named("park", params)

    @app.get("/api/parks/candidates", tags=["audit"], summary="kb parks --candidates: possible parks to confirm")
    def park_candidates(params: Annotated[FormatParams, Query()]) -> Response:
        from .commitments import CANDIDATE_COLUMNS
        from .commitments import park_candidates as run_candidates

        with holder.use() as index:
            rows = run_candidates(index)
        if params.format == "csv":
            return _csv_response(rows, CANDIDATE_COLUMNS, "park-candidates")
        return JSONResponse({"results": rows})

    @app.get("/api/clusters", tags=["audit"], summary="kb clusters: industry clusters")
    def clusters(params: Annotated[NamedParams, Query()]) -> Response:
        return named("cluster", params)
