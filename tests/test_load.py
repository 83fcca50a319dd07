from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kb.load import LoadError, find_files, guess_type, load_document

SENTENCE = "202x年新能源汽车产业预计实现产值×亿元。重点发展动力电池、驱动电机、电控系统等核心零部件。\n"


def _doc(tmp_path: Path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return load_document(path, name)


@pytest.mark.parametrize(
    "encoded, encoding",
    [
        (SENTENCE.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + SENTENCE.encode("utf-8"), "utf-8-sig"),
        (SENTENCE.encode("gbk"), "gb18030"),
        (SENTENCE.encode("gb18030"), "gb18030"),
        (SENTENCE.encode("utf-16"), "utf-16"),
    ],
)
def test_decodes_the_encodings_official_files_come_in(tmp_path, encoded, encoding):
    doc = _doc(tmp_path, "speech.txt", encoded)
    assert doc.encoding == encoding
    assert doc.text == SENTENCE  # BOM dropped, nothing else changed


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
        (b"PK\x03\x04" + b"\x00" * 100, "binary"),
        ("园区工作报告。".encode() * 60 + b"\x00\x00" + "完".encode(), "NUL"),
        (b"abc\x80\x80\x80" * 30, "not UTF-8"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path, data, reason):
    with pytest.raises(LoadError, match=reason):
        _doc(tmp_path, "bad.txt", data)


def test_metadata_from_title_line_keeps_placeholder_year(tmp_path):
    text = "园区202x年上半年产业集群发展务虚会讲话\n今天我们召开202x年园区工作暨产业集群发展务虚会。\n"
    doc = _doc(tmp_path, "speech.txt", text.encode())
    assert doc.title == "园区202x年上半年产业集群发展务虚会讲话"
    assert doc.year == "202x"
    assert doc.doc_type == "讲话"


def test_metadata_from_sources_catalog(tmp_path):
    from kb.load import read_catalog

    catalog = read_catalog(Path(__file__).resolve().parent.parent / "corpus")
    path = Path(__file__).resolve().parent.parent / "corpus" / "gov-report-hailar-district-2013.txt"
    doc = load_document(path, path.name, catalog)
    assert doc.title == "2013年海拉尔区政府工作报告"
    assert doc.year == "2013"
    assert doc.doc_type == "报告"


def test_document_types():
    assert guess_type("国务院关于做好当前和今后一个时期促进就业工作的若干意见", "x") == "意见"
    assert guess_type("国务院关于印发《国务院工作规则》的通知", "x") == "通知"
    assert guess_type("河南省开发区条例", "x") == "条例"


def test_find_files_survives_a_symlink_loop(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "doc.txt").write_text(SENTENCE, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    found, problems = find_files([tmp_path])
    assert [p.name for _, p in found] == ["doc.txt"]
    assert any("symlink loop" in reason for _, reason in problems)


def test_a_fifo_is_skipped_not_waited_on(tmp_path):
    import os

    from kb.load import read_bytes

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="not a regular file"):
        read_bytes(fifo)


def test_a_file_that_changes_while_read_is_refused(tmp_path, monkeypatch):
    from kb import load

    path = tmp_path / "growing.txt"
    path.write_text(SENTENCE * 100, encoding="utf-8")
    real_stat = Path.stat
    calls = {"n": 0}

    def stat_then_grow(self, *args, **kwargs):
        if self == path:
            calls["n"] += 1
            if calls["n"] == 2:  # between the read and the check, a writer appends
                with open(path, "a", encoding="utf-8") as fh:
                    fh.write(SENTENCE)
        return real_stat(self, *args, **kwargs)

    monkeypatch.setattr(Path, "stat", stat_then_grow)
    with pytest.raises(LoadError, match="changed while being read"):
        load.read_bytes(path)


def test_too_large_files_are_refused_before_reading(tmp_path):
    from kb.load import read_bytes

    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(LoadError, match="too large"):
        read_bytes(path, max_bytes=1024)


def test_fifty_megabytes_on_one_line_without_punctuation_segments_exactly(tmp_path):
    from kb.segment import segment

    path = tmp_path / "huge.txt"
    path.write_bytes(("园区产业发展推进项目建设" * 1_400_000).encode("utf-8"))  # 50.4 MB, one line
    doc = load_document(path, "huge.txt")
    passages = segment(doc.text)
    assert sum(len(p.text) for p in passages) == len(doc.text)
    assert all(len(s.text) <= 400 for p in passages[:50] for s in p.sentences)
    last = passages[-1]
    assert doc.text[last.char_start:last.char_end] == last.text and last.line_end == 1


def test_unreadable_file_is_refused_with_a_reason(tmp_path, monkeypatch):
    """Root reads anything, so the permission error is injected where open() raises it."""
    from kb import load

    path = tmp_path / "secret.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    real_open = Path.open

    def denied(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(LoadError, match="permission denied"):
        load.read_bytes(path)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_loader_fuzz_raises_only_load_errors(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.txt"
    path.write_bytes(data)
    try:
        doc = load_document(path, "f.txt")
    except LoadError:
        return
    from kb.segment import segment

    for p in segment(doc.text):
        assert doc.text[p.char_start:p.char_end] == p.text
