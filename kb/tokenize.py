"""Tokenize: jieba words for the lexical index and for matching queries.

Text is folded before cutting (traditional -> simplified with OpenCC, full-width ->
half-width, lower case) so that 發展 finds 发展 and ２０２５ finds 2025. Folding is for
matching only; stored text and spans keep the original characters.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache
from importlib import resources

from .files import atomic_write
from .settings import settings

_WORD = re.compile(r"[\w\u4e00-\u9fff×]", re.UNICODE)


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    text = resources.files("kb.data").joinpath("stopwords.txt").read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip())


def _jieba_tokenizer(words: tuple[str, ...]):
    """A jieba tokenizer of its own (the global one is left alone): jieba's dictionary,
    kb's user dictionary, then `words` (taxonomy names) kept whole."""
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    if words:  # kb's dictionary is loaded once a process; a tokenizer with more words copies it
        base = _cached_jieba(())
        tk.FREQ, tk.total, tk.initialized = dict(base.FREQ), base.total, True
        tk.user_word_tag_tab = dict(base.user_word_tag_tab)
    else:
        _load_prefix_dictionary(tk)
        with resources.as_file(resources.files("kb.data").joinpath("userdict.txt")) as path:
            tk.load_userdict(str(path))
    for word in words:
        tk.add_word(word, freq=1000)
    return tk


def _load_prefix_dictionary(tk) -> None:
    """jieba's prefix dictionary (500k entries) from a words file and a frequency array.

    jieba's own marshal cache takes about 1 s to load here, most of a fresh `kb ask`;
    a newline-joined word list plus a numpy array rebuilds the same dict in a third of
    that. Written on first use next to the model cache; any problem falls back to jieba.
    """
    import jieba
    import numpy as np

    folder = settings().cache_dir / f"jieba-{jieba.__version__}"
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
        atomic_write(words_path, lambda tmp: tmp.write_text("\n".join(tk.FREQ), encoding="utf-8"), durable=False)
        frequencies = np.array([tk.total, *tk.FREQ.values()], dtype=np.int64)

        def save_frequencies(tmp) -> None:
            with open(tmp, "wb") as fh:
                np.save(fh, frequencies)

        atomic_write(freq_path, save_frequencies, durable=False)
    except (OSError, ValueError):
        if not tk.initialized:
            tk.initialize()


def _dictionary_text() -> str:
    return resources.files("kb.data").joinpath("userdict.txt").read_text(encoding="utf-8")


class Tokenizer:
    """jieba words for the BM25 index and for queries, the same on both sides.

    An ingest builds it from kb's user dictionary plus the taxonomy's names and records
    the names and the fingerprint in the index; a query rebuilds it from what the index
    recorded, so 新能源汽车产业 is one word in a question exactly when it is one in the
    index. A different fingerprint (kb's dictionary or jieba changed) is a one-line error.
    """

    def __init__(self, words: list[str] | tuple[str, ...] = ()) -> None:
        self.words = tuple(sorted({w for w in words if w and len(w) >= 2}))
        self._jieba = None
        self._tagger = None

    @property
    def fingerprint(self) -> str:
        import jieba

        digest = hashlib.sha256(f"jieba {jieba.__version__}\n".encode())
        digest.update(_dictionary_text().encode("utf-8"))
        digest.update("\n".join(self.words).encode("utf-8"))
        return digest.hexdigest()[:16]

    def _tk(self):
        if self._jieba is None:
            self._jieba = _cached_jieba(self.words)
        return self._jieba

    def cut(self, text: str, whole_words: bool = False) -> list[str]:
        """jieba's words of the folded text: plain cut, or search mode (sub-words too)."""
        tk = self._tk()
        return list(tk.cut(fold(text)) if whole_words else tk.cut_for_search(fold(text)))

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) of jieba's tagger over `text` as given, HMM on (names jieba
        does not know, such as 青秀, come out as one word)."""
        if self._tagger is None:
            import jieba.posseg

            self._tagger = jieba.posseg.POSTokenizer(self._tk())
        return [(w.word, w.flag) for w in self._tagger.cut(text)]

    def in_dictionary(self, word: str) -> bool:
        return self.frequency(word) > 0

    def frequency(self, word: str) -> int:
        """How often jieba's dictionary counts the word (0: not a word of it); rare ns words
        are names, common ones words."""
        return self._tk().FREQ.get(word, 0)

    def spans(self, text: str, search_mode: bool = False) -> list[tuple[str, int, int]]:
        """(word, start, end) of jieba's cut of `text` as given (not folded): word boundaries."""
        return list(self._tk().tokenize(text, mode="search" if search_mode else "default"))

    def tokens(self, text: str, for_query: bool = False, whole_words: bool = False) -> list[str]:
        """jieba tokens, minus stop words and punctuation.

        Search mode (the default, and what the index holds) adds the shorter words inside
        long ones (电动车 -> 电动, 动车, 电动车); whole_words gives jieba's plain cut, which
        a query uses for a second, sharper BM25 ranking.
        """
        stops = stop_words()
        out = []
        for tok in self.cut(text, whole_words):
            tok = tok.strip()
            if not tok or not _WORD.search(tok) or tok in stops:
                continue
            out.append(tok)
        if for_query:
            out = list(dict.fromkeys(out))
        return out


@lru_cache(maxsize=1)
def plain_tokenizer() -> Tokenizer:
    """kb's dictionary without taxonomy names: for word boundaries outside the index."""
    return Tokenizer()


@lru_cache(maxsize=4)
def _cached_jieba(words: tuple[str, ...]):
    return _jieba_tokenizer(words)


# quotes and brackets that NFKC leaves alone but a reader treats as the same mark
_PUNCT = str.maketrans({"“": '"', "”": '"', "„": '"', "「": '"', "」": '"', "『": '"', "』": '"',
                        "‘": "'", "’": "'", "〔": "[", "〕": "]", "【": "[", "】": "]"})


def to_simplified(text: str) -> str:
    """Simplified characters in place of traditional ones, one for one, so that offsets into the
    result are offsets into `text` (包頭稀土高新技術產業開發區 → 包头稀土高新技术产业开发区). A
    character of the simplified set (GB2312) stays as written: OpenCC would make 乾县 干县."""
    converted = _opencc().convert(text)
    if converted == text:
        return text
    if len(converted) != len(text):
        converted = "".join(c if len(c := _opencc().convert(ch)) == 1 else ch for ch in text)
    return "".join(new if new != old and not _is_simplified(old) else old for old, new in zip(text, converted))


def as_written(written: str, simplified: str, start: int, end: int, name: str) -> str:
    """`name`, found at simplified[start:end] (simplified = to_simplified(written)), in the characters
    `written` has there; a name that is no slice of the text (a list member's completed name) stays."""
    return written[start:end] if simplified[start:end] == name else name


@lru_cache(maxsize=8192)
def _is_simplified(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def fold(text: str) -> str:
    """Matching form of text: simplified, half-width, lower case. Same length where it can."""
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT)
    return _opencc().convert(text).lower()


@lru_cache(maxsize=1)
def synonyms() -> dict[str, list[str]]:
    text = resources.files("kb.data").joinpath("synonyms.txt").read_text(encoding="utf-8")
    table: dict[str, list[str]] = {}
    for line in text.splitlines():
        words = [fold(w) for w in line.split()] if not line.startswith("#") else []
        for w in words:
            table.setdefault(w, []).extend(x for x in words if x != w)
    return table


def merge_tables(*tables: dict[str, list[str]]) -> dict[str, list[str]]:
    """Expansion tables joined: each word with every other name any table gives it, once."""
    out: dict[str, list[str]] = {}
    for table in tables:
        for word, others in table.items():
            merged = out.setdefault(word, [])
            merged.extend(o for o in others if o not in merged and o != word)
    return out


def expand(words: list[str], table: dict[str, list[str]] | None = None,
           tokenizer: Tokenizer | None = None) -> list[str]:
    """Query words plus their other names, each once. A name the tokenizer cuts into
    several words (自由贸易试验区 for 自贸区) adds those words."""
    table = synonyms() if table is None else table
    out = list(words)
    for w in words:
        for other in table.get(w, []):
            parts = tokenizer.tokens(other, whole_words=True) if tokenizer is not None else [other]
            out.extend(parts if len(parts) > 1 else [other])
    return list(dict.fromkeys(out))


def has_words(text: str) -> bool:
    return bool(_WORD.search(text))
