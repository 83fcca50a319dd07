"""Word .docx through python-docx; .doc and .wps converted to .docx by LibreOffice first.

One paragraph a line, in body order with the tables, so the numbering segmenter sees
一、 （一） 一是 at line starts as in a .txt. Word's automatic numbering (numbering.xml),
which is not part of the paragraph's text, is rendered in front of it (一、 1. （1）).
Page headers and footers are not part of the body and are left out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from .base import Extracted, LoadError, table_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1..999 in Chinese counting: 十, 十一, 二十, 一百零五."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    hundreds, rest = divmod(n, 100)
    if n >= 1000:
        return str(n)
    tail = "" if rest == 0 else ("零" + _CN_DIGITS[rest] if rest < 10 else
                                 (_CN_DIGITS[1] if rest < 20 else "") + chinese_number(rest))
    return _CN_DIGITS[hundreds] + "百" + tail


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                           (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if fmt.startswith(("chinese", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return chinese_number(n)
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n).upper() if fmt == "upperRoman" else _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class Numbering:
    """Counts Word's list numbering as the paragraphs go by and renders each label."""

    def __init__(self, document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                fmt = lvl.find(f"{_W}numFmt")
                text = lvl.find(f"{_W}lvlText")
                start = lvl.find(f"{_W}start")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1)
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                for ilvl, spec in abstract.get(ref.get(f"{_W}val"), {}).items():
                    self.levels[(num.get(f"{_W}numId"), ilvl)] = spec

    def label(self, paragraph) -> str:
        num_pr = _num_pr(paragraph)
        if num_pr is None:
            return ""
        num_id, ilvl = num_pr
        if (num_id, ilvl) not in self.levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        fmt, text, start = self.levels[(num_id, ilvl)]
        counts[ilvl] = start if counts[ilvl] == 0 else counts[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        if fmt == "bullet":
            return ""

        def level_number(m: re.Match) -> str:
            level = int(m.group(1)) - 1
            spec = self.levels.get((num_id, level), ("decimal", "", 1))
            return format_number(max(counts[level], spec[2]), spec[0])

        return re.sub(r"%(\d)", level_number, text)


def _num_pr(paragraph) -> tuple[str, int] | None:
    """(numId, level) from the paragraph's own properties, else from its style's."""
    style = getattr(paragraph.style, "element", None)
    for holder in (paragraph._p.pPr, style.pPr if style is not None else None):
        if holder is None:
            continue
        num_pr = holder.find(f"{_W}numPr")
        if num_pr is not None:
            num_id = num_pr.find(f"{_W}numId")
            ilvl = num_pr.find(f"{_W}ilvl")
            if num_id is not None and num_id.get(f"{_W}val") != "0":
                return num_id.get(f"{_W}val"), int(ilvl.get(f"{_W}val")) if ilvl is not None else 0
    return None


def _soft_break(m: re.Match) -> str:
    before, after = m.string[max(m.start() - 1, 0):m.start()], m.string[m.end():m.end() + 1]
    return " " if before.isascii() and before.isalnum() and after.isascii() and after.isalnum() else ""


def _paragraph_text(paragraph) -> str:
    """The paragraph's text; a soft line break inside it joins CJK with nothing, words with a space."""
    return re.sub(r"\s*\n\s*", _soft_break, paragraph.text.replace("\t", " ")).strip()


def _table_rows(table) -> list[list[str]]:
    rows = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(_paragraph_text(p) for p in cell.paragraphs if p.text.strip()))
        rows.append(cells)
    return rows


def extract(data: bytes) -> Extracted:
    if not data.startswith(b"PK\x03\x04"):
        raise LoadError("not a Word .docx file (not a zip archive): a .doc renamed, or damaged")
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError:
        raise LoadError("Word support is not installed: pip install 'kb[formats]'") from None
    import io
    import zipfile

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise LoadError(f"damaged Word file ({type(exc).__name__}: {str(exc)[:80]})") from None
    except Exception as exc:  # python-docx raises PackageNotFoundError and lxml errors for broken parts
        raise LoadError(f"damaged Word file ({type(exc).__name__})") from None
    numbering = Numbering(document)
    lines: list[str] = []
    for element in document.element.body.iterchildren():
        if element.tag == f"{_W}p":
            paragraph = Paragraph(element, document)
            label = numbering.label(paragraph)
            text = _paragraph_text(paragraph)
            if text:
                lines.append(label + text)
        elif element.tag == f"{_W}tbl":
            lines.extend(table_lines(_table_rows(Table(element, document))))
    text = "\n".join(lines)
    return Extracted(text=text + "\n" if text else "")


def convert_with_soffice(data: bytes, suffix: str) -> bytes:
    """Old Word (.doc) and WPS (.wps) files: LibreOffice headless converts them to .docx."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise LoadError(f"{suffix} needs LibreOffice to convert it (soffice not found): "
                        "install libreoffice-writer, or save the file as .docx")
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"in{suffix}"
        source.write_bytes(data)
        try:
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                            "--convert-to", "docx", "--outdir", tmp, str(source)],
                           capture_output=True, timeout=180, check=False)
        except subprocess.TimeoutExpired:
            raise LoadError(f"LibreOffice took over 180 s to convert this {suffix} file") from None
        converted = Path(tmp) / "in.docx"
        if not converted.is_file():
            raise LoadError(f"LibreOffice could not convert this {suffix} file (damaged or not a Word file)")
        return converted.read_bytes()


def extract_legacy(data: bytes, suffix: str) -> Extracted:
    return extract(convert_with_soffice(data, suffix))
