"""Tokenize: jieba words for the lexical index and for matching queries.

Text is folded before cutting (traditional -> simplified with OpenCC, full-width ->
half-width, lower case) so that 發展 finds 发展 and ２０２５ finds 2025. Folding is for
matching only; stored text and spans keep the original characters.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from pathlib import Path

_WORD = re.compile(r"[\w\u4e00-\u9fff×]", re.UNICODE)
_jieba = None


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    text = resources.files("kb.data").joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


def _tokenizer():
    global _jieba
    if _jieba is None:
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        with resources.as_file(resources.files("kb.data").joinpath("userdict.txt")) as path:
            tk.load_userdict(str(path))
        _jieba = tk
    return _jieba


def add_words(words: list[str]) -> None:
    """Teach jieba names the taxonomy knows (parks, clusters) so they stay whole."""
    tk = _tokenizer()
    for word in words:
        if word and len(word) >= 2:
            tk.add_word(word, freq=1000)


def add_user_dictionary(path: Path) -> None:
    _tokenizer().load_userdict(str(path))


# quotes and brackets that NFKC leaves alone but a reader treats as the same mark
_PUNCT = str.maketrans({"“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"',
                        "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})


def fold(text: str) -> str:
    """Matching form of text: simplified, half-width, lower case. Same length where it can."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    return _opencc().convert(text).lower()


def tokens(text: str, for_query: bool = False) -> list[str]:
    """jieba search-mode tokens, minus stop words and punctuation."""
    stops = stop_words()
    out = []
    for tok in _tokenizer().cut_for_search(fold(text)):
        tok = tok.strip()
        if not tok or not _WORD.search(tok) or tok in stops:
            continue
        out.append(tok)
    if for_query:
        seen: set[str] = set()
        out = [t for t in out if not (t in seen or seen.add(t))]
    return out


@lru_cache(maxsize=1)
def synonyms() -> dict[str, list[str]]:
    text = resources.files("kb.data").joinpath("synonyms.txt").read_text(encoding="utf-8")
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        words = [fold(w) for w in line.split()] if not line.startswith("#") else []
        for w in words:
            table.setdefault(w, []).extend(x for x in words if x != w)
    return table


def expand(words: list[str]) -> list[str]:
    """Query words plus their synonyms, each once."""
    table = synonyms()
    out = list(words)
    for w in words:
        out.extend(table.get(w, []))
    return list(dict.fromkeys(out))


def has_words(text: str) -> bool:
    return bool(_WORD.search(text))
