"""PDF, Word, web page and OFD files made in the test run from one corpus excerpt: each must
give the same sentences, passages and sections as the .txt, exact offsets, and pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kb import load
from kb.formats import base, docx, ocr
from kb.load import LoadError, find_files, load_document, skipped_summary
from kb.segment import segment
from tests import formats_samples as samples

pytest.importorskip("pypdfium2")
pytest.importorskip("docx")
pytest.importorskip("trafilatura")


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("formats")
    made = {
        "txt": folder / "report.txt",
        "html": samples.write_html(folder / "report.html"),
        "docx": samples.write_docx(folder / "report.docx"),
        "ofd": samples.write_ofd(folder / "report.ofd"),
    }
    made["txt"].write_text("\n".join(samples.excerpt_lines()) + "\n", encoding="utf-8")
    if samples.chromium():
        printable = samples.write_html(folder / "print.html", site=False)
        made["pdf"] = samples.print_pdf(printable, folder / "report.pdf")
    return made


def _doc(files, kind):
    if kind not in files:
        pytest.skip("chromium is not installed (scripts/setup installs it)")
    return load_document(files[kind], files[kind].name)


def _sentences(text: str) -> list[str]:
    return [s for s in re.findall(r"[^。！？\n]+[。！？]", text)]


@pytest.mark.parametrize("kind", ["html", "docx", "pdf", "ofd"])
def test_every_sentence_of_the_txt_comes_out_whole(files, kind):
    doc = _doc(files, kind)
    reference = _sentences(files["txt"].read_text(encoding="utf-8"))
    assert len(reference) > 40
    missing = [s for s in reference if s not in doc.text]
    assert not missing, missing[:3]
    assert doc.title == "2025年重庆市政府工作报告" and doc.year == "2025" and doc.doc_type == "报告"


@pytest.mark.parametrize("kind", ["html", "docx", "pdf", "ofd"])
def test_passages_and_sections_match_the_txt(files, kind):
    """The numbering tree works as for text: each .txt passage is a passage of the
    extracted text too, under the same section (一、2024年工作回顾 > （一）…)."""
    doc = _doc(files, kind)
    txt = load_document(files["txt"], "report.txt")
    passages = segment(doc.text, doc.is_markdown)
    for p in passages:
        assert doc.text[p.char_start:p.char_end] == p.text
    found = {(p.text, p.section) for p in passages}
    reference = [(p.text, p.section) for p in segment(txt.text) if not p.text.startswith("2025年重庆")]
    missing = [r for r in reference if r not in found]
    assert not missing, missing[:2]
    assert any(s.startswith("一、2024年工作回顾 > （一）") for _, s in found)


def _links_by_passage(path: Path) -> dict[str, tuple[list[str], list[str]]]:
    from kb.link import Linker

    doc = load_document(path, path.name)
    passages = segment(doc.text, doc.is_markdown)
    links = Linker.load().link_document(doc, passages)
    return {p.text: tuple(sorted({lk.name for lk in links.for_passage(p) if lk.kind == kind})
                          for kind in ("cluster", "park")) for p in passages}


@pytest.mark.parametrize("kind", ["html", "docx", "pdf", "ofd"])
def test_each_passage_is_linked_as_in_the_txt(files, kind):
    """Clusters and parks rest on paragraphs (the aboutness model reads a paragraph's length
    and its clauses): a format that cut or merged paragraphs would link them otherwise."""
    _doc(files, kind)
    reference, got = _links_by_passage(files["txt"]), _links_by_passage(files[kind])
    assert sum(bool(clusters) for clusters, _ in reference.values()) >= 5
    assert {t: reference[t] for t in reference if t in got} == {t: got[t] for t in reference if t in got}
    assert sum(t in got for t in reference) >= len(reference) - 1  # the title line may differ


def test_html_drops_the_sites_menus_and_footer_and_keeps_the_table(files):
    doc = _doc(files, "html")
    for chrome in [*samples.NAV, *samples.RELATED, "当前位置", "版权所有", "网站地图"]:
        assert chrome not in doc.text
    assert "【指标】地区生产总值｜【2025年目标】增长6%左右\n" in doc.text
    assert doc.pages == [] and doc.page_at(10) is None


def test_docx_table_row_is_one_sentence_with_metric_and_value(files):
    doc = _doc(files, "docx")
    sentences = [s.text for p in segment(doc.text) for s in p.sentences]
    row = next(s for s in sentences if "地区生产总值｜" in s)
    assert re.search(r"地区生产总值.*增长6%左右", row) and "\n" not in row
    assert "【指标】城镇新增就业｜【2025年目标】65万人" in doc.text


def test_pdf_pages_name_where_each_passage_stands(files):
    doc = _doc(files, "pdf")
    assert len(doc.pages) == 3 and doc.pages[0] == 0 and doc.pages == sorted(doc.pages)
    assert doc.page_at(doc.text.index("2025年重庆市政府工作报告")) == 1
    assert doc.page_at(doc.text.index("单位地区生产总值能耗 下降2.5%")) == 3
    assert doc.page_at(len(doc.text) - 1) == 3
    # Chromium's running header and footer (date, title, file URL, page n/3) are gone
    assert "file://" not in doc.text and "/3" not in doc.text and "人民政府网" not in doc.text
    # lines re-joined: each paragraph of the .txt is one line of the PDF text
    lines = set(doc.text.splitlines())
    paragraphs = [line for line in samples.excerpt_lines() if len(line) > 60]
    assert all(p in lines for p in paragraphs)


def test_ofd_pages_and_page_numbers(files):
    doc = _doc(files, "ofd")
    assert len(doc.pages) >= 2
    assert not re.search(r"— \d+ —", doc.text)
    second = doc.pages[1]
    assert doc.page_at(second) == 2 and doc.page_at(second - 1) == 1


def test_join_lines_keeps_words_whole_and_starts_markers_on_their_own_line():
    lines = ["一、总体要求", "推动产业集群高质量发", "展，壮大新质生产力。",  # wrapped in the middle of 发展
             "（一）强化创新。加快", "建设科创平台。", "3"]
    assert base.join_lines(base.drop_running_lines([lines])[0]) == [
        "一、总体要求", "推动产业集群高质量发展，壮大新质生产力。", "（一）强化创新。加快建设科创平台。"]


def test_running_headers_and_page_numbers_are_dropped():
    pages = [["重庆市人民政府公报", f"正文第{i}页的内容。", f"— {i} —"] for i in range(1, 5)]
    assert base.drop_running_lines(pages) == [[f"正文第{i}页的内容。"] for i in range(1, 5)]


def test_word_numbering_is_rendered_in_chinese():
    assert [docx.chinese_number(n) for n in (1, 10, 12, 20, 35, 105)] == ["一", "十", "十二", "二十", "三十五", "一百零五"]
    assert docx.format_number(3, "chineseCounting") == "三" and docx.format_number(3, "decimal") == "3"


def test_page_at_without_pages_and_at_edges():
    doc = load.Document("a", "x" * 30, "utf-8", "", "", "", "other", False, pages=[0, 10, 20])
    assert [doc.page_at(o) for o in (0, 9, 10, 29)] == [1, 1, 2, 3]


# --- bad input: one line each ------------------------------------------------------------

def test_encrypted_pdf_is_refused_with_a_reason(files, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    source = _doc(files, "pdf") and files["pdf"]
    writer = pypdf.PdfWriter(clone_from=str(source))
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(LoadError, match="encrypted PDF"):
        load_document(path, path.name)


def test_truncated_pdf_and_non_zip_docx_and_empty_page(files, tmp_path):
    _doc(files, "pdf")
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(files["pdf"].read_bytes()[:2000])
    with pytest.raises(LoadError, match="damaged or truncated PDF"):
        load_document(cut, cut.name)
    fake = tmp_path / "fake.docx"
    fake.write_bytes("这不是Word文件。".encode() * 20)
    with pytest.raises(LoadError, match="not a zip"):
        load_document(fake, fake.name)
    menus = tmp_path / "menus.html"
    menus.write_text("<html><body><nav>" + "".join(f"<a href='/{n}'>{n}</a>" for n in samples.NAV)
                     + "</nav></body></html>", encoding="utf-8")
    with pytest.raises(LoadError, match="no article"):
        load_document(menus, menus.name)
    bad_ofd = tmp_path / "bad.ofd"
    bad_ofd.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(LoadError, match="OFD"):
        load_document(bad_ofd, bad_ofd.name)


def test_five_hundred_page_pdf_is_refused_before_extraction(tmp_path):
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument.new()
    for _ in range(500):
        pdf.new_page(595, 842)
    path = tmp_path / "long.pdf"
    pdf.save(str(path))
    with pytest.raises(LoadError, match=r"too many pages \(500 > 300 limit; set KB_MAX_PAGES"):
        load_document(path, path.name)


def test_scanned_pdf_without_ocr_says_how_to_enable_it(files, tmp_path, monkeypatch):
    path = _scanned_page(files, tmp_path)
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(LoadError, match=r"no text layer .*pip install 'kb\[ocr\]'"):
        load_document(path, path.name)


def test_scanned_pdf_is_read_by_ocr_when_installed(files, tmp_path):
    pytest.importorskip("rapidocr_onnxruntime")
    path = _scanned_page(files, tmp_path)
    doc = load_document(path, path.name)
    assert doc.source_format == "pdf-ocr" and doc.pages == [0]
    assert "现在，我代表市人民政府向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。" in doc.text


def _scanned_page(files, tmp_path) -> Path:
    """The PDF's first page as an image-only PDF, as a scanner makes it."""
    import pypdfium2 as pdfium

    _doc(files, "pdf")
    pdf = pdfium.PdfDocument(str(files["pdf"]))
    image = pdf[0].render(scale=2).to_pil().convert("RGB")
    path = tmp_path / "scan.pdf"
    image.save(path, "PDF", resolution=144)
    return path


def test_old_word_without_libreoffice_names_the_converter(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(LoadError, match=r"\.doc needs LibreOffice .*soffice"):
        load_document(path, path.name)


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is optional: .doc/.wps need it")
def test_old_word_is_converted_by_libreoffice(files, tmp_path):
    import subprocess

    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/p", "--headless", "--convert-to", "doc",
                    "--outdir", str(tmp_path), str(files["docx"])], check=True, capture_output=True, timeout=180)
    doc = load_document(tmp_path / "report.doc", "report.doc")
    assert "一、2024年工作回顾" in doc.text.splitlines()


def test_unknown_extensions_are_listed_and_summarised(tmp_path):
    (tmp_path / "SOURCES.tsv").write_text("file\ttitle\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("园区产值增长。", encoding="utf-8")
    for i in range(5):
        (tmp_path / f"photo{i}.jpg").write_bytes(b"\xff\xd8\xff")
    (tmp_path / "table.xlsx").write_bytes(b"PK\x03\x04")
    found, problems = find_files([tmp_path])
    assert [f.name for _, f in found] == ["a.txt"]
    assert sorted(reason for _, reason in problems) == ["unsupported file type .jpg"] * 5 + ["unsupported file type .xlsx"]
    lines = skipped_summary(problems)
    assert lines[0].startswith(".jpg: 5 files skipped (unsupported file type .jpg)")
    assert lines[1] == f"skipped {tmp_path / 'table.xlsx'}: unsupported file type .xlsx"
