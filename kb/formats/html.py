"""Web pages: the article through trafilatura, without the site's menus, footer and links.

trafilatura over readability-lxml (docs/formats.md): both found the article and dropped
the navigation on our test pages, but trafilatura returns structure (head, p, list,
table with header cells marked), detects the page's charset from its bytes, is faster on
pages built of divs, and says plainly when a page has no article.
"""

from __future__ import annotations

import re

from .base import Extracted, LoadError, table_lines


def _element_text(element) -> list[str]:
    """An element's text as lines: <lb/> (a <br> in the page) ends a line."""
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "lb" else "".join(child.itertext()))
        parts.append(child.tail or "")
    return [line.strip(" \t\u3000\xa0") for line in "".join(parts).split("\n")]


def _table(element) -> list[str]:
    rows = []
    for row in element.iter("row"):
        rows.append([" ".join("".join(cell.itertext()).split()) for cell in row if cell.tag == "cell"])
    return table_lines(rows)


def article_lines(xml: str) -> list[str]:
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    lines: list[str] = []
    for element in main if main is not None else []:
        if element.tag == "table":
            lines.extend(_table(element))
        elif element.tag == "list":
            for item in element.iter("item"):
                lines.extend(_element_text(item))
        else:  # head, p, quote, code
            lines.extend(_element_text(element))
    return [line for line in lines if line]


def _only_menu_items(lines: list[str]) -> bool:
    """Link labels, not an article: no line has a clause in it, and every line is short
    labels (首页 政务公开 新闻中心, as trafilatura strings a menu together)."""
    return all(not re.search(r"[，。；！？,.;!?]", line) and all(len(w) <= 12 for w in line.split())
               for line in lines)


def extract(data: bytes) -> Extracted:
    try:
        import trafilatura
    except ImportError:
        raise LoadError("web page support is not installed: pip install 'kb[formats]'") from None
    xml = trafilatura.extract(data, output_format="xml", include_tables=True, include_comments=False,
                              include_links=False, include_images=False, favor_recall=True)
    lines = article_lines(xml) if xml else []
    if not lines or _only_menu_items(lines):
        raise LoadError("no article text found in the page (only menus, links or scripts)")
    return Extracted(text="\n".join(lines) + "\n")
