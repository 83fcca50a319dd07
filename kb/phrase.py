"""Phrase: precedent wording for writers, sentence by sentence, near-duplicates folded.

Candidates come from the sentence index (dense) and the sentence BM25 index, fused by
RRF. Sentences whose folded text is nearly the same (rapidfuzz ratio >= FOLD_RATIO,
so small edits across years still fold) become one row listing every place and year
it appears; the row shows the newest wording.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
from rapidfuzz import fuzz, process

from . import lexical, search, tokenize
from .embed import dense_weight
from .index import Index
from .segment import CLAUSE_MARKS

FOLD_RATIO = 85.0
FOLD_CANDIDATES = 200  # fused candidates considered for the rows; the rest join via the postings
CANDIDATES = 200
PASSAGE_WEIGHT = 2.0  # the best sentence of each passage `kb ask` finds


def _lexical(index: Index, query: str, filters: search.Filters,
             whole_words: bool = False) -> list[tuple[int, float]]:
    words = search.selective(index, search.query_words(index, query, whole_words), "sentences")
    return search.bm25_ranking(index, "sentences", words, filters, CANDIDATES)


def _best_sentences_of_passages(index: Index, query: str, query_vector, filters: search.Filters,
                                limit: int = 30) -> list[tuple[int, float]]:
    """The passage ranking of `kb ask`, each passage stood for by its sentence closest to
    the query: a paraphrase often wins on the words around it, not in the sentence."""
    ids = [pid for pid, _ in search.rank_passages(index, query, "hybrid", filters)[:limit]]
    if not ids:
        return []
    by_passage = index.store.sentences_of_passages(ids)
    sentence_index = index.vectors("sentences")
    out = []
    for pid in ids:
        sids = by_passage.get(pid, [])
        if not sids:
            continue
        vecs = np.vstack([sentence_index.reconstruct(int(sid)) for sid in sids])
        sims = vecs @ query_vector
        best = int(np.argmax(sims))
        out.append((sids[best], float(sims[best])))
    return out


_CLAUSE = re.compile(f"[^{re.escape(CLAUSE_MARKS)}]+")
_MARKS = re.compile(r"[\"'“”‘’《》（）()、\s]")


def _bigrams(text: str) -> set[str]:
    text = _MARKS.sub("", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


def _formula(fold_key: str, query_bigrams: set[str]) -> str:
    """The clause of a sentence that carries the wording asked about: a formula such as
    坚持不搞"大水漫灌"式强刺激 recurs inside sentences that differ around it. The clause
    sharing most character pairs with the query is it (cheap, and jieba-free)."""
    clauses = [c.strip() for c in _CLAUSE.findall(fold_key) if c.strip()]
    if len(clauses) <= 1:
        return _MARKS.sub("", fold_key)
    best = max(clauses, key=lambda c: (len(_bigrams(c) & query_bigrams), -len(c)))
    return _MARKS.sub("", best)


def _same_formula(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 6:
        return False
    # small edits (我们坚持不搞 / 坚持不搞) fold; a clause contained in another folds too
    return fuzz.ratio(a, b) >= FOLD_RATIO or (
        min(len(a), len(b)) >= 8 and fuzz.partial_ratio(a, b) >= 95 and max(len(a), len(b)) <= 1.6 * min(len(a), len(b)))


def _matching_group(formula: str, groups: list[dict]) -> dict | None:
    """The first group whose formula folds with this one (rapidfuzz's C loop first)."""
    formulas = [g["formula"] for g in groups]
    if not formulas:
        return None
    hit = process.extractOne(formula, formulas, scorer=fuzz.ratio, score_cutoff=FOLD_RATIO)
    if hit is not None and min(len(formula), len(hit[0])) >= 6:
        return groups[hit[2]]
    for _, _, i in process.extract(formula, formulas, scorer=fuzz.partial_ratio, score_cutoff=95, limit=None):
        if _same_formula(formula, formulas[i]):
            return groups[i]
    return next((g for g in groups if g["formula"] == formula), None)


def _sentences_with(index: Index, formula: str, limit: int = 200) -> list[int]:
    """Sentences holding every word of the formula (the candidates to fold with it)."""
    words = index.tokenizer.tokens(formula, whole_words=True)
    return lexical.rows_with_all(index.lexicon("sentences"), words, limit) if words else []


def _year_key(year: str) -> str:
    return year or "0000"


def phrase(index: Index, query: str, k: int = 10, filters: search.Filters | None = None) -> list[dict]:
    query = search.check_query(query)
    filters = filters or search.Filters()
    query_vector = index.embed_query(query)
    s_ids, s_scores = search.nearest_sentences(index, query_vector, CANDIDATES, filters)
    dense = list(zip(s_ids, s_scores))
    fused = search.fuse([
        (_lexical(index, query, filters, whole_words=True), search.LEXICAL_WEIGHT),
        (_lexical(index, query, filters), search.SUBWORD_WEIGHT),
        (dense, dense_weight(index.model)),
        (_best_sentences_of_passages(index, query, query_vector, filters), PASSAGE_WEIGHT),
    ])
    rows = index.store.sentences([sid for sid, _ in fused])
    words = set(index.tokenizer.tokens(query, for_query=True))
    query_bigrams = _bigrams(tokenize.fold(query))
    formulas: dict[str, str] = {}  # fold_key -> formula: recurring sentences are cut once

    def formula_of(fold_key: str) -> str:
        if fold_key not in formulas:
            formulas[fold_key] = _formula(fold_key, query_bigrams)
        return formulas[fold_key]

    groups: list[dict] = []
    for sid, score in fused[:FOLD_CANDIDATES]:
        row = rows.get(sid)
        if row is None:
            continue
        formula = formula_of(row["fold_key"])
        group = _matching_group(formula, groups)
        if group is not None:
            group["members"].append(row)
        elif len(groups) < k * 3:
            groups.append({"formula": formula, "score": score, "members": [row]})
    # the same formula anywhere else in the index joins its group (posting-list intersection)
    allowed = search.allowed_sentences(index, filters)
    for group in groups[:k]:
        have = {m["id"] for m in group["members"]}
        extra_ids = [i for i in _sentences_with(index, group["formula"]) if i not in have]
        if allowed is not None and extra_ids:
            extra_ids = [int(i) for i in np.asarray(extra_ids)[lexical.in_sorted(extra_ids, allowed)]]
        if not extra_ids:
            continue
        keys = index.store.sentence_keys(extra_ids)
        same = [i for i, key in keys if _same_formula(formula_of(key), group["formula"])]
        group["members"] += index.store.sentences(same).values()
    out = []
    for group in groups[:k]:
        members = sorted(group["members"], key=lambda m: (_year_key(m["year"]), m["doc"]), reverse=True)
        head = members[0]
        shared = [w for w in index.tokenizer.tokens(head["text"]) if w in words]
        out.append({
            "text": head["text"], "doc": head["doc"], "title": head["title"], "year": head["year"],
            "doc_type": head["doc_type"], "section": head["section"], "char_start": head["char_start"],
            "char_end": head["char_end"], "line_start": head["line_start"], "page": head["page"],
            "score": round(group["score"], 6),
            "shared_words": list(dict.fromkeys(shared)),
            "occurrences": [{"doc": m["doc"], "year": m["year"], "char_start": m["char_start"],
                             "line_start": m["line_start"], "text": m["text"]} for m in members],
        })
    return out


def exact(index: Index, text: str, filters: search.Filters | None = None) -> dict:
    """Every sentence containing the phrase, with a timeline by year and document type."""
    text = search.check_query(text)
    needle = tokenize.fold(text)
    filters = filters or search.Filters()
    rows = index.store.sentences_containing(needle, filters)
    occurrences = []
    for r in rows:
        offset = r["fold_key"].find(needle)
        start = r["char_start"] + offset if len(r["fold_key"]) == len(r["text"]) else r["char_start"]
        occurrences.append({"doc": r["doc"], "title": r["title"], "year": r["year"], "doc_type": r["doc_type"],
                            "section": r["section"], "line_start": r["line_start"], "char_start": start,
                            "char_end": start + len(needle), "text": r["text"]})
    years = Counter(o["year"] or "?" for o in occurrences)
    types = Counter(o["doc_type"] for o in occurrences)
    dated = sorted(y for y in years if y != "?")
    return {
        "phrase": text, "count": len(occurrences),
        "first_seen": ({"year": dated[0], "doc": next(o["doc"] for o in occurrences if o["year"] == dated[0])}
                       if dated else None),
        "per_year": dict(sorted(years.items())), "per_type": dict(types.most_common()),
        "occurrences": occurrences,
    }
