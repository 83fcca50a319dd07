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
        _load_prefix_dictionary(tk)
        with resources.as_file(resources.files("kb.data").joinpath("userdict.txt")) as path:
            tk.load_userdict(str(path))
        _jieba = tk
    return _jieba


def _load_prefix_dictionary(tk) -> None:
    """jieba's prefix dictionary (500k entries) from a words file and a frequency array.

    jieba's own marshal cache takes about 1 s to load here, most of a fresh `kb ask`;
    a newline-joined word list plus a numpy array rebuilds the same dict in a third of
    that. Written on first use next to the model cache; any problem falls back to jieba.
    """
    import os

    import jieba
    import numpy as np

    folder = Path(os.environ.get("KB_CACHE") or Path.home() / ".cache" / "kb") / f"jieba-{jieba.__version__}"
    words_path, freq_path = folder / "words.txt", folder / "freq.npy"
    try:
        if words_path.exists() and freq_path.exists():
            words = words_path.read_text(encoding="utf-8").split("\n")
            freqs = np.load(freq_path)
            if len(words) == len(freqs) - 1:
                tk.FREQ = dict(zip(words, freqs[1:].tolist()))
                tk.total = int(freqs[0])
                tk.initialized = True
                return
        tk.initialize()
        folder.mkdir(parents=True, exist_ok=True)
        if any("\n" in w for w in tk.FREQ):
            return
        tmp = folder / f".words.{os.getpid()}"
        tmp.write_text("\n".join(tk.FREQ), encoding="utf-8")
        os.replace(tmp, words_path)
        tmp = folder / f".freq.{os.getpid()}.npy"
        np.save(tmp, np.array([tk.total, *tk.FREQ.values()], dtype=np.int64))
        os.replace(tmp, freq_path)
    except (OSError, ValueError):
        if not tk.initialized:
            tk.initialize()


def add_words(words: list[str]) -> None:
    """Teach jieba names the taxonomy knows (parks, clusters) so they stay whole."""
    tk = _tokenizer()
    for word in words:
        if word and len(word) >= 2:
            tk.add_word(word, freq=1000)


# quotes and brackets that NFKC leaves alone but a reader treats as the same mark
_PUNCT = str.maketrans({"“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"',
                        "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})


def fold(text: str) -> str:
    """Matching form of text: simplified, half-width, lower case. Same length where it can."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    return _opencc().convert(text).lower()


def tokens(text: str, for_query: bool = False, whole_words: bool = False) -> list[str]:
    """jieba tokens, minus stop words and punctuation.

    Search mode (the default, and what the index holds) adds the shorter words inside
    long ones (电动车 -> 电动, 动车, 电动车); whole_words gives jieba's plain cut, which
    a query uses for a second, sharper BM25 ranking.
    """
    stops = stop_words()
    out = []
    tk = _tokenizer()
    for tok in (tk.cut(fold(text)) if whole_words else tk.cut_for_search(fold(text))):
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
