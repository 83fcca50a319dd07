"""Runs each bad input through the real CLI and writes the table the README shows.

The table (tests/faults.md, written there when KB_UPDATE_DOCS=1) is what the commands printed
in this run, one row per fault;
the assertions make sure each row says what the README promises.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SPEECH, docs_artifact, run_kb

FAULTS_MD = Path(__file__).resolve().parent / "faults.md"
ROWS: list[tuple[str, str, str]] = []


# an ingest's progress lines on a log (kb/ingest.py _stage_line) are not what it said about the fault
STAGE_LINE = re.compile(r"kb: (read|linked and cut|embedded|stored) ")


def _record(fault: str, result, expect: str) -> None:
    said_on_stderr = [line for line in result.stderr.strip().splitlines() if not STAGE_LINE.match(line)]
    said = (said_on_stderr or result.stdout.strip().splitlines() or [""])[-1]
    said = re.sub(r"/tmp/\S+/", "…/", said)
    said = re.sub(r" in \d+\.\d s$", " in … s", said)
    ROWS.append((fault, f"exit {result.returncode}", said))
    assert "Traceback" not in result.stderr
    assert re.search(expect, said), said


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    base = tmp_path_factory.mktemp("faults")
    good = base / "good"
    good.mkdir()
    shutil.copy(SPEECH, good / SPEECH.name)
    index = base / "index"
    assert run_kb("ingest", str(good), "-q", index=index).returncode == 0
    yield base, index
    docs_artifact(FAULTS_MD, base).write_text(
        "| fault | exit | what kb said |\n| --- | --- | --- |\n"
        + "".join(f"| {f} | {e} | `` {s} `` |\n" for f, e, s in ROWS), encoding="utf-8")


FILES = [
    ("empty file", "empty.txt", b"", "empty file"),
    ("binary file (PNG)", "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file"),
    ("binary file (ZIP)", "archive.txt", b"PK\x03\x04" + bytes(200), "binary file"),
    ("NUL bytes inside text", "nul.txt", "园区工作报告。".encode() * 60 + b"\x00\x00" + "完。".encode(), "NUL"),
    ("invalid UTF-8, not GB18030 either", "bad.txt", b"abc\x80\x80\x80" * 30, "not UTF-8"),
    ("GBK text", "gbk.txt", "202x年园区实际利用外资预计达到×亿美元。".encode("gbk"), r"decoded as gb18030"),
    ("UTF-16 with BOM", "utf16.txt", "202x年生物医药产业预计实现产值×亿元。".encode("utf-16"), r"decoded as utf-16"),
    ("no sentence punctuation at all", "flat.txt", ("园区产业集群发展" * 500).encode(), r"1 added"),
    ("Markdown with an unclosed fence", "broken.md", "# 标题\n\n```\n未闭合\n## 二、**加粗".encode(), r"1 added"),
]


def _ingest_one(workspace, name: str, data: bytes):
    """A fresh `kb ingest` of a folder holding one file with these bytes."""
    base, index = workspace
    folder = base / name.replace(".", "_")
    folder.mkdir()
    (folder / name).write_bytes(data)
    return run_kb("ingest", str(folder), index=index)


@pytest.mark.parametrize("fault, name, data, expect", FILES, ids=[f[0] for f in FILES])
def test_bad_file(workspace, fault, name, data, expect):
    _record(fault, _ingest_one(workspace, name, data), expect)


def test_fifo(workspace):
    base, index = workspace
    folder = base / "fifo"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    _record("FIFO named .txt", run_kb("ingest", str(folder), index=index), "not a regular file")


def test_symlink_loop(workspace):
    base, index = workspace
    folder = base / "loop"
    folder.mkdir()
    (folder / "self").symlink_to(folder)
    _record("symlink loop", run_kb("ingest", str(folder), index=index), "symlink loop")


def test_missing_path(workspace):
    base, index = workspace
    _record("path that does not exist", run_kb("ingest", str(base / "nowhere"), index=index), "no such file")


@pytest.mark.parametrize("fault, query", [
    ("empty query", ""), ("whitespace query", "   "), ("punctuation-only query", "？！。，"),
    ("control characters", "\x01\x02"),
])
def test_bad_query(workspace, fault, query):
    _, index = workspace
    _record(fault, run_kb("ask", query, index=index), "kb: error:")


def test_missing_index(workspace):
    base, _ = workspace
    _record("no index", run_kb("ask", "产值", index=base / "none"), "no index")


def test_other_model(workspace):
    _, index = workspace
    _record("query with another model", run_kb("ask", "产值", "--model", "all-MiniLM-L6-v2", index=index),
            "rebuild")


def test_truncated_vectors_and_garbage_database(workspace):
    base, index = workspace
    broken = base / "broken-index"
    shutil.copytree(index, broken)
    for path in broken.glob("sentences.*.faiss"):
        path.write_bytes(path.read_bytes()[:64])
    _record("truncated FAISS file", run_kb("ask", "产值", index=broken), "damaged")
    garbage = base / "garbage-index"
    shutil.copytree(index, garbage)
    for extra in garbage.glob("kb.sqlite-*"):
        extra.unlink()
    (garbage / "kb.sqlite").write_bytes(b"not a database" * 100)
    _record("SQLite file overwritten", run_kb("ask", "产值", index=garbage), "unreadable")


def test_missing_and_truncated_bm25_postings(workspace):
    base, index = workspace
    missing = base / "missing-postings"
    shutil.copytree(index, missing)
    for path in missing.glob("passages.*.postings.npy"):
        path.unlink()
    _record("BM25 postings file missing", run_kb("ask", "产值", index=missing), "damaged.*rebuild")
    truncated = base / "truncated-postings"
    shutil.copytree(index, truncated)
    for path in truncated.glob("sentences.*.weights.npy"):
        path.write_bytes(path.read_bytes()[:100])
    _record("BM25 weights file truncated", run_kb("phrase", "产值", index=truncated), "damaged.*rebuild")


def _format_faults() -> list[tuple[str, str, bytes, str]]:
    """Bad PDF/Word/web/OFD files and an unknown extension, made here with real writers."""
    import pypdfium2 as pdfium

    from tests import formats_samples

    long_pdf = pdfium.PdfDocument.new()
    for _ in range(500):
        long_pdf.new_page(595, 842)
    buffer = __import__("io").BytesIO()
    long_pdf.save(buffer)
    one_page = pdfium.PdfDocument.new()
    one_page.new_page(595, 842)
    small = __import__("io").BytesIO()
    one_page.save(small)
    menus = "<html><body><nav>" + "".join(f"<a href='/{n}'>{n}</a>" for n in formats_samples.NAV) + "</nav></body></html>"
    return [
        ("truncated PDF", "cut.pdf", buffer.getvalue()[:1500], "damaged or truncated PDF"),
        ("500-page PDF", "long.pdf", buffer.getvalue(), "too many pages"),
        ("PDF without a text layer (blank scan)", "scan.pdf", small.getvalue(), "no text layer|OCR"),
        (".docx that is not a zip", "fake.docx", "这不是Word文件。".encode() * 20, "not a zip"),
        ("web page with menus and no article", "menus.html", menus.encode(), "no article"),
        ("unknown extension", "table.xlsx", b"PK\x03\x04" + bytes(100), "unsupported file type .xlsx"),
    ]


@pytest.mark.parametrize("fault, name, data, expect", _format_faults(), ids=lambda v: v if isinstance(v, str) else "")
def test_bad_document_format(workspace, fault, name, data, expect):
    pytest.importorskip("pypdfium2")
    _record(fault, _ingest_one(workspace, name, data), expect)


def test_encrypted_pdf(workspace):
    pypdf = pytest.importorskip("pypdf")
    import pypdfium2 as pdfium

    base, index = workspace
    folder = base / "locked"
    folder.mkdir()
    page = pdfium.PdfDocument.new()
    page.new_page(595, 842)
    page.save(str(folder / "plain.pdf"))
    writer = pypdf.PdfWriter(clone_from=str(folder / "plain.pdf"))
    writer.encrypt(user_password="secret", owner_password="owner")
    (folder / "plain.pdf").unlink()
    with (folder / "locked.pdf").open("wb") as fh:
        writer.write(fh)
    _record("encrypted PDF", run_kb("ingest", str(folder), index=index), "encrypted PDF")
