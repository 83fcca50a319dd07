"""Search: dense (FAISS) and lexical (BM25, kb.lexical) rankings of passages, fused by RRF.

Lexical ranks passages twice over one BM25 index: by the query's whole words and, at
half weight, by its search-mode sub-words, which find more but match more noise. Dense
ranks them by their mean sentence vector and by their single best sentence (a short
question matches one sentence better than a paragraph). All four rankings meet in
weighted reciprocal rank fusion; dense counts as much as the model earned on the eval
questions (embed.dense_weight: half for USE, the weaker signal on Chinese policy text,
full for multilingual-e5-small). The lexical index carries each
passage's document title, year and type, so 海拉尔2013年… finds the 2013 Hailar report.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from . import lexical, tokenize, vectors
from .embed import dense_weight
from .index import Index
from .store import Selection
from .understand import Understood, preference, understand

Filters = Selection  # the filters of `kb ask` and `kb phrase` (store.Selection)

MODES = ("hybrid", "dense", "lexical")
RRF_K = 2  # measured on the dev questions: top-heavy fusion beats the textbook 60 here
LEXICAL_WEIGHT = 1.0  # BM25 on whole words (jieba's plain cut of the query)
SUBWORD_WEIGHT = 0.5  # BM25 on search-mode words (adds 电动, 动车 inside 电动车)
CANDIDATES = 100
SENTENCE_CANDIDATES = 3 * CANDIDATES  # sentences searched for the best-sentence ranking
MAX_QUERY_CHARS = 1000
EXPANSION_WEIGHT = 0.5  # BM25 on the thesaurus's and the corpus's other names of the query's words
PREFERENCE_WEIGHT = 2.0  # the question asked again inside the few documents its place/time/type singles out
# (bench/tune_fusion.py: 5-fold CV over the development questions, see docs/quality.md)
SCOPED_DOCUMENTS = 4  # a question's place/time/type fits at most this many documents: ask inside them too
COMMON_SHARE = 0.1  # a query word in more than this share of passages is skipped (see selective)


class QueryError(Exception):
    """A query that cannot be answered as typed; one line for the user."""


@dataclass
class Hit:
    passage_id: int
    doc: str
    title: str
    year: str
    doc_type: str
    section: str
    text: str
    char_start: int
    char_end: int
    line_start: int
    line_end: int
    score: float
    rank: int
    links: dict = field(default_factory=dict)
    page: int | None = None


def check_query(query: str) -> str:
    cleaned = "".join(ch for ch in query if ch.isprintable() or ch in "\t ").strip()
    if not cleaned:
        raise QueryError("the query is empty: type a question or a phrase")
    if not tokenize.has_words(cleaned):
        raise QueryError("the query has only punctuation or symbols: type some words")
    return cleaned[:MAX_QUERY_CHARS]


def _filters_key(filters: Filters) -> tuple:
    return tuple(sorted(vars(filters).items()))


def allowed_passages(index: Index, filters: Filters) -> np.ndarray | None:
    """Ids of the passages the filters let through (None: no filter), kept for the last
    few sets of filters: one query uses them in four rankings."""
    if not filters.active():
        return None
    return index.cache.get(("passages", _filters_key(filters)),
                           lambda: np.asarray(index.store.selected_passages(filters), dtype=np.int64))


def allowed_sentences(index: Index, filters: Filters) -> np.ndarray | None:
    """Ids of the sentences of the allowed passages, ascending (the BM25 rows know each
    owner and are in id order)."""
    passages = allowed_passages(index, filters)
    if passages is None:
        return None

    def compute() -> np.ndarray:
        rows = index.lexicon("sentences").rows
        return np.asarray(rows[np.isin(rows[:, 1], passages), 0])

    return index.cache.get(("sentences", _filters_key(filters)), compute)


def selective(index: Index, words: list[str], table: str = "passages") -> list[str]:
    """Drop the query words that occur in more than COMMON_SHARE of the rows, while two or
    more others remain: their BM25 weight is near zero, and their long posting lists are
    most of a query's work on a large index (园区, 发展 in a policy library)."""
    if len(words) < 3:
        return words
    lexicon = index.lexicon(table)
    common = {w for w in words if lexicon.document_frequency(w) > COMMON_SHARE * max(lexicon.size, 1)}
    kept = [w for w in words if w not in common]
    return kept if len(kept) >= 2 else words


def query_words(index: Index, query: str, whole_words: bool = False) -> list[str]:
    """The query's BM25 words: jieba words of the chosen mode (cut by the index's own
    tokenizer) plus their synonyms (kb/data/synonyms.txt)."""
    return tokenize.expand(index.tokenizer.tokens(query, for_query=True, whole_words=whole_words))


def expansion_words(index: Index, query: str) -> list[str]:
    """Other names of the query's words that the query itself does not hold: the policy
    thesaurus (个税 → 个人所得税) and the abbreviations the indexed documents define
    (…（以下简称“新区”）). They rank passages on their own, at EXPANSION_WEIGHT, so a
    wrong expansion can add a candidate but not reorder the query's own ranking."""
    words = index.tokenizer.tokens(query, for_query=True, whole_words=True)
    expanded = tokenize.expand(words, index.expansions(), index.tokenizer)
    own = set(query_words(index, query, whole_words=True)) | set(query_words(index, query))
    return [w for w in expanded if w not in own]


def bm25_ranking(index: Index, table: str, words: list[str], filters: Filters,
                 limit: int) -> list[tuple[int, float]]:
    """Passage or sentence ids holding any of `words`, best BM25 first."""
    if not words:
        return []
    allowed = allowed_passages(index, filters)
    if allowed is not None and not len(allowed):
        return []
    return lexical.rank(index.lexicon(table), words, limit, allowed)


def lexical_ranking(index: Index, query: str, filters: Filters, limit: int = CANDIDATES,
                    whole_words: bool = False) -> list[tuple[int, float]]:
    return bm25_ranking(index, "passages", selective(index, query_words(index, query, whole_words)), filters, limit)


def _passage_vector_ranking(index: Index, query_vector: np.ndarray, filters: Filters,
                            limit: int) -> list[tuple[int, float]]:
    ids, scores = vectors.search(index.vectors("passages"), query_vector, limit, allowed_passages(index, filters))
    return list(zip(ids, scores))


def nearest_sentences(index: Index, query_vector: np.ndarray, k: int,
                      filters: Filters | None = None) -> tuple[list[int], list[float]]:
    """Sentence neighbours of a query vector. `kb phrase` runs the `ask` ranking of the
    same query too: the search is kept for the last vector and filters, so one search
    over the sentence index serves both."""
    filters = filters or Filters()
    depth = max(k, SENTENCE_CANDIDATES)
    key = ("nearest sentences", query_vector.tobytes(), _filters_key(filters), depth)
    ids, scores = index.cache.get(key, lambda: vectors.search(
        index.vectors("sentences"), query_vector, depth, allowed_sentences(index, filters)))
    return ids[:k], scores[:k]


def _best_sentence_ranking(index: Index, query_vector: np.ndarray, filters: Filters,
                           limit: int) -> list[tuple[int, float]]:
    """Passages ranked by their best-matching sentence."""
    s_ids, s_scores = nearest_sentences(index, query_vector, limit * 3, filters)
    if not s_ids:
        return []
    owner = index.store.sentence_owners(s_ids)
    best: dict[int, float] = {}
    for sid, score in zip(s_ids, s_scores):
        pid = owner.get(sid)
        if pid is not None and pid not in best:
            best[pid] = score
    return sorted(best.items(), key=lambda kv: -kv[1])[:limit]


def dense_rankings(index: Index, query_vector: np.ndarray, filters: Filters,
                   limit: int = CANDIDATES) -> list[list[tuple[int, float]]]:
    """Two dense views: the passage's mean vector, and its best sentence."""
    return [_passage_vector_ranking(index, query_vector, filters, limit),
            _best_sentence_ranking(index, query_vector, filters, limit)]


def fuse(rankings: list[tuple[list[tuple[int, float]], float]], k: int | None = None) -> list[tuple[int, float]]:
    """Weighted reciprocal rank fusion (k: RRF_K unless given)."""
    k = RRF_K if k is None else k
    scores: dict[int, float] = {}
    for ranking, weight in rankings:
        for rank, (pid, _) in enumerate(ranking):
            scores[pid] = scores.get(pid, 0.0) + weight / (k + rank + 1)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def ask(index: Index, query: str, k: int = 5, mode: str = "hybrid", filters: Filters | None = None) -> list[Hit]:
    if mode not in MODES:
        raise QueryError(f"unknown mode {mode!r}: choose one of {', '.join(MODES)}")
    query = check_query(query)
    return hits(index, rank_passages(index, query, mode, filters or Filters())[:k])


def rank_passages(index: Index, query: str, mode: str, filters: Filters) -> list[tuple[int, float]]:
    """Passage ids and fused scores, best first (`ask` without the rows and links)."""
    lists: list[tuple[list[tuple[int, float]], float]] = []
    pending = None
    if mode == "hybrid" and not index.has_embedder:
        # first query of a process: load the model while jieba loads its dictionary
        from concurrent.futures import ThreadPoolExecutor

        pool = ThreadPoolExecutor(max_workers=1)
        pending = pool.submit(index.embed_query, query)
        pool.shutdown(wait=False)
    if mode in ("lexical", "hybrid"):
        lists += _lexical_lists(index, query, filters)
        extra = expansion_words(index, query)
        if extra and EXPANSION_WEIGHT:
            lists.append((bm25_ranking(index, "passages", selective(index, extra), filters, CANDIDATES),
                          EXPANSION_WEIGHT))
    if mode in ("dense", "hybrid"):
        vector = pending.result() if pending is not None else index.embed_query(query)
        lists += _dense_lists(index, vector, filters)
    preferred = preference_ranking(index, understand(query), query, mode, filters,
                                   vector if mode in ("dense", "hybrid") else None)
    if preferred:
        lists.append((preferred, PREFERENCE_WEIGHT))
    return fuse(lists)


def preference_ranking(index: Index, understood: Understood, query: str, mode: str = "hybrid",
                       filters: Filters | None = None, vector: np.ndarray | None = None) -> list[tuple[int, float]]:
    """A soft preference that joins the fusion, never a filter: when the place, time and type
    a question names single out a few documents (安徽今年… -> Anhui's latest report), the
    question is asked again inside them, so their best passages join the fusion even when
    other provinces' reports share its words. When many documents fit as well (今年 alone
    fits every place's latest report) nothing is added: reordering the candidates by fit
    lost on the development questions (bench/tune_fusion.py, weight 0 in every fold). The
    documents are chosen among those the caller's filters let through, and the rankings are
    those of `mode`, inside the filters."""
    if not understood.names_place_or_time():
        return []  # a type word alone is often what the question asks about (出台…实施办法的时限)
    documents = index.documents()
    if filters is not None and filters.active():  # choose among the documents the filters let through
        allowed = index.cache.get(("selected documents", _filters_key(filters)),
                                  lambda: index.store.selected_documents(filters))
        documents = {path: meta for path, meta in documents.items() if path in allowed}
    fits = {path: preference(understood, meta) for path, meta in documents.items()}
    best = max(fits.values(), default=0.0)
    chosen = [path for path, score in fits.items() if score == best] if best > 0 else []
    if not 0 < len(chosen) <= SCOPED_DOCUMENTS:
        return []
    return _scoped_ranking(index, query, mode, filters or Filters(), vector, chosen)


def _scoped_ranking(index: Index, query: str, mode: str, filters: Filters, vector: np.ndarray | None,
                    paths: list[str]) -> list[tuple[int, float]]:
    """The query's rankings of `mode` inside each chosen document (and the caller's filters), fused.
    The paths were chosen among the documents the filters let through, so a --doc stays one."""
    lists: list[tuple[list[tuple[int, float]], float]] = []
    for path in paths:
        scope = replace(filters, doc=path)
        if mode in ("lexical", "hybrid"):
            lists += _lexical_lists(index, query, scope)
        if vector is not None:
            lists += _dense_lists(index, vector, scope)
    return fuse(lists)


def _lexical_lists(index: Index, query: str, filters: Filters) -> list[tuple[list[tuple[int, float]], float]]:
    """BM25 on the query's whole words and on its search-mode sub-words, with their weights."""
    return [(lexical_ranking(index, query, filters, whole_words=True), LEXICAL_WEIGHT),
            (lexical_ranking(index, query, filters), SUBWORD_WEIGHT)]


def _dense_lists(index: Index, vector: np.ndarray, filters: Filters) -> list[tuple[list[tuple[int, float]], float]]:
    """The two dense views (mean vector, best sentence), each at the model's dense weight."""
    weight = dense_weight(index.model)
    return [(ranking, weight) for ranking in dense_rankings(index, vector, filters)]


def hits(index: Index, ranked: list[tuple[int, float]]) -> list[Hit]:
    if not ranked:
        return []
    ids = [pid for pid, _ in ranked]
    rows = index.store.passages(ids)
    links = index.store.passage_links(ids)
    out = []
    for rank, (pid, score) in enumerate(ranked, 1):
        r = rows.get(pid)
        if r is None:
            continue
        out.append(Hit(pid, r["path"], r["title"], r["year"], r["doc_type"], r["section"], r["text"],
                       r["char_start"], r["char_end"], r["line_start"], r["line_end"], round(score, 6), rank,
                       links.get(pid, {"parks": [], "clusters": [], "targets": []}), r["page"]))
    return out
