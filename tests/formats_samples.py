"""Real files in each format, made from one excerpt of a corpus document.

The excerpt is the opening of corpus/gov-report-2025-chongqing.txt (title, 一、 with its
first sections, 二、 with the year's targets) plus its targets as a 主要指标表. Each maker
writes a file the way the format's own tools write it: python-docx for DOCX, headless
Chromium for the PDF (printed from the HTML page, CJK font from fonts-wqy-zenhei), the
OFD zip of XML laid out line by line as an OFD writer does.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "corpus" / "gov-report-2025-chongqing.txt"
TABLE = [
    ["指标", "2025年目标"],
    ["地区生产总值", "增长6%左右"],
    ["固定资产投资", "增长5%"],
    ["城镇新增就业", "65万人"],
    ["单位地区生产总值能耗", "下降2.5%"],
]
NAV = ["首页", "政务公开", "新闻中心", "办事服务", "互动交流", "数据开放"]
RELATED = ["市政府召开常务会议研究部署近期重点工作", "我市出台支持民营经济发展若干措施", "2024年全市经济运行情况新闻发布会"]
FOOTER = "主办单位：重庆市人民政府办公厅　版权所有　网站标识码5000000095　渝ICP备05003300号"


def excerpt_lines(repeat: int = 1) -> list[str]:
    """The excerpt's lines, as they stand in the .txt (the reference every format must match)."""
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    body = lines[:14] + lines[26:29]
    return body + lines[29:80] * (repeat - 1) if repeat > 1 else body


def is_heading(line: str) -> int:
    """0 for body text, 1 for the document title, 2 for 一、 headings."""
    if line.endswith("政府工作报告"):
        return 1
    return 2 if len(line) < 20 and line[:2] in ("一、", "二、") else 0


def write_html(path: Path, repeat: int = 1, site: bool = True) -> Path:
    """A government site's page: menus, breadcrumb, the article, related links, footer;
    with site=False the page's print view (the article alone), which the PDF is printed from."""
    parts = ["<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'>",
             "<title>2025年重庆市政府工作报告_重庆市人民政府网</title>",
             "<style>body{font-family:'WenQuanYi Zen Hei',sans-serif;} nav a{margin:0 1em}</style></head><body>",
             "<!--site-->",
             "<header><div class='logo'>重庆市人民政府网</div><nav>",
             *(f"<a href='/{i}'>{html.escape(n)}</a>" for i, n in enumerate(NAV)),
             "</nav><div class='crumb'>当前位置：<a href='/'>首页</a> &gt; <a href='/zwgk'>政务公开</a> &gt; 政府工作报告</div>",
             "</header><main><article>"]
    for line in excerpt_lines(repeat):
        level = is_heading(line)
        tag = f"h{level}" if level else "p"
        parts.append(f"<{tag}>{html.escape(line)}</{tag}>")
        if line.startswith("今年经济社会发展的主要预期目标"):
            parts.append("<table><thead><tr>" + "".join(f"<th>{c}</th>" for c in TABLE[0]) + "</tr></thead><tbody>")
            parts.extend("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE[1:])
            parts.append("</tbody></table>")
    parts.append("</article></main><aside><h3>相关阅读</h3><ul>")
    parts.extend(f"<li><a href='/news/{i}'>{t}</a></li>" for i, t in enumerate(RELATED))
    parts.append(f"</ul></aside><footer><p>{FOOTER}</p><p>联系我们 | 网站地图 | 隐私声明</p></footer></body></html>")
    page = "\n".join(parts)
    if not site:
        page = re.sub(r"<!--site-->.*?<main>|</main>.*?</body>", lambda m: "" if "<main>" in m.group() else "</body>",
                      page, flags=re.S)
    path.write_text(page, encoding="utf-8")
    return path


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def print_pdf(html_path: Path, pdf_path: Path) -> Path:
    """Print the page to PDF with headless Chromium, its default header and footer on
    (date, title, URL, page x/y): the running lines the PDF loader must remove."""
    browser = chromium()
    if not browser:
        raise FileNotFoundError("chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}",
                        f"--print-to-pdf={pdf_path}", html_path.as_uri()],
                       check=True, capture_output=True, timeout=120)
    return pdf_path


def write_docx(path: Path, repeat: int = 1) -> Path:
    """Title and Heading 1 styles for the headings, Normal paragraphs, the targets table."""
    import docx

    document = docx.Document()
    for line in excerpt_lines(repeat):
        level = is_heading(line)
        if level == 1:
            document.add_heading(line, level=0)
        elif level == 2:
            document.add_heading(line, level=1)
        else:
            document.add_paragraph(line)
        if line.startswith("今年经济社会发展的主要预期目标"):
            table = document.add_table(rows=len(TABLE), cols=2)
            for r, row in enumerate(TABLE):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    document.save(path)
    return path


_OFD_NS = "http://www.ofdspec.org/2016"


def _ofd_page(lines: list[str], page_number: int) -> str:
    objects = []
    for i, line in enumerate(lines):
        y = 30 + i * 7
        deltas = " ".join(["4.2"] * (len(line) - 1))
        objects.append(
            f"<ofd:TextObject ID='{1000 * page_number + i}' Boundary='25 {y} 170 6' Font='3' Size='4.2'>"
            f"<ofd:TextCode X='0' Y='4.5' DeltaX='{deltas}'>{html.escape(line)}</ofd:TextCode></ofd:TextObject>")
    objects.append(f"<ofd:TextObject ID='{1000 * page_number + 999}' Boundary='95 280 20 6' Font='3' Size='4.2'>"
                   f"<ofd:TextCode X='0' Y='4.5'>— {page_number} —</ofd:TextCode></ofd:TextObject>")
    return (f"<?xml version='1.0' encoding='UTF-8'?><ofd:Page xmlns:ofd='{_OFD_NS}'><ofd:Content>"
            f"<ofd:Layer ID='{page_number}'>{''.join(objects)}</ofd:Layer></ofd:Content></ofd:Page>")


def wrap(line: str, width: float = 38) -> list[str]:
    """Lines as a writer lays them out: full when the next glyph would pass the margin
    (CJK one em wide, digits and Latin half)."""
    from kb.formats.base import display_width

    rows, current = [], ""
    for ch in line:
        if display_width(current + ch) > width:
            rows.append(current)
            current = ""
        current += ch
    return rows + [current]


def write_ofd(path: Path, lines_per_page: int = 34) -> Path:
    """An OFD package (GB/T 33190): OFD.xml -> Document.xml -> one Content.xml per page,
    each line a TextObject at its position, a page number at the foot of each page."""
    rows = [row for line in excerpt_lines() for row in wrap(line)]
    pages = [rows[i:i + lines_per_page] for i in range(0, len(rows), lines_per_page)]
    page_list = "".join(f"<ofd:Page ID='{i + 1}' BaseLoc='Pages/Page_{i}/Content.xml'/>" for i in range(len(pages)))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("OFD.xml", f"<?xml version='1.0' encoding='UTF-8'?><ofd:OFD xmlns:ofd='{_OFD_NS}' Version='1.0' "
                    "DocType='OFD'><ofd:DocBody><ofd:DocInfo><ofd:Title>2025年重庆市政府工作报告</ofd:Title>"
                    "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>")
        zf.writestr("Doc_0/Document.xml", f"<?xml version='1.0' encoding='UTF-8'?><ofd:Document xmlns:ofd='{_OFD_NS}'>"
                    "<ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                    f"</ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>")
        for i, page in enumerate(pages):
            zf.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", _ofd_page(page, i + 1))
    return path
