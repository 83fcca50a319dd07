"""The follow-through report an auditor can send: one self-contained HTML page.

One section per issuer and year (targets, results, status, the quotes with their
sources), then per issuer a chart of target vs result per metric across years, drawn
by matplotlib as inline SVG (no script, no network: the page works offline).
"""

from __future__ import annotations

import io
from collections import defaultdict
from html import escape

from .follow import Pair

STATUS_LABELS = {"met": "已完成", "not_met": "未完成", "partly": "部分完成", "no_report": "未见报告",
                 "not_comparable": "不可比"}
_CSS = """
body{font-family:"Noto Sans CJK SC","WenQuanYi Zen Hei","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:1.5em}th,td{border:1px solid #ccc;padding:4px 6px;
vertical-align:top;font-size:14px}th{background:#f2f2f2}.met{color:#0a6b2d}.not_met{color:#b00020}
.partly{color:#a86400}.no_report,.not_comparable{color:#666}blockquote{margin:0;font-size:13px}
.src{color:#666;font-size:12px}figure{display:inline-block;margin:0 1em 1em 0}
"""


def _value(pair_value: str | None, unit: str | None) -> str:
    return f"{pair_value}{unit or ''}" if pair_value is not None else "—"


def _row(pair: Pair) -> str:
    t, r = pair.target, pair.result
    result_cell = (f"<blockquote>{escape(r.quote)}</blockquote><div class=src>{escape(r.doc)} "
                   f"[{r.char_start}–{r.char_end}]</div>") if r else "—"
    return (
        f"<tr><td>{escape(pair.metric)}</td><td>{escape(_value(t.value, t.unit))}{escape(t.qualifier)}</td>"
        f"<td>{escape(_value(r.value, r.unit) if r else '—')}</td>"
        f"<td class={pair.status}>{STATUS_LABELS[pair.status]}<div class=src>{escape(pair.rule)}</div></td>"
        f"<td><blockquote>{escape(t.quote)}</blockquote><div class=src>{escape(t.doc)} "
        f"[{t.char_start}–{t.char_end}]</div></td><td>{result_cell}</td></tr>"
    )


def _chart(issuer: str, metric: str, unit: str, pairs: list[Pair]) -> str:
    """Target vs result across years for one metric, as an inline SVG figure."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams["svg.fonttype"] = "none"  # text stays text: the browser draws the Chinese
    plt.rcParams["font.sans-serif"] = ["Noto Sans CJK SC", "WenQuanYi Zen Hei", "DejaVu Sans"]
    points = sorted((p.year, p.target_value[1], p.result_value) for p in pairs if p.target_value)
    years = [y for y, _, _ in points]
    fig, ax = plt.subplots(figsize=(4.2, 2.6))
    ax.plot(years, [t for _, t, _ in points], marker="o", label="目标")
    shown = [(y, r) for y, _, r in points if r is not None]
    ax.plot([y for y, _ in shown], [r for _, r in shown], marker="s", linestyle="--", label="结果")
    ax.set_title(f"{issuer} · {metric}（{unit}）", fontsize=10)
    ax.legend(fontsize=8)
    ax.tick_params(labelsize=8)
    fig.tight_layout()
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg")
    plt.close(fig)
    svg = buffer.getvalue()
    return f"<figure>{svg[svg.index('<svg'):]}</figure>"


def render(pairs: list[Pair], title: str = "目标完成情况核查报告") -> str:
    """The whole report as one HTML string (UTF-8, no external resources)."""
    by_issuer: dict[str, dict[str, list[Pair]]] = defaultdict(lambda: defaultdict(list))
    for pair in pairs:
        by_issuer[pair.issuer][pair.year].append(pair)
    counts = defaultdict(int)
    for pair in pairs:
        counts[pair.status] += 1
    summary = "，".join(f"{STATUS_LABELS[s]} {counts[s]}" for s in STATUS_LABELS if counts[s])
    parts = [f"<!DOCTYPE html><html lang=zh-CN><head><meta charset=utf-8><title>{escape(title)}</title>"
             f"<style>{_CSS}</style></head><body><h1>{escape(title)}</h1><p>共 {len(pairs)} 项目标：{summary}。"
             "比较规则：左右按容差判断（百分比目标为百分点，其余为目标值的百分比），以上/以内按上下限。</p>"]
    header = "<tr><th>指标</th><th>目标</th><th>结果</th><th>状态</th><th>目标原文及出处</th><th>结果原文及出处</th></tr>"
    for issuer in sorted(by_issuer):
        parts.append(f"<h2>{escape(issuer)}</h2>")
        for year in sorted(by_issuer[issuer]):
            rows = "".join(_row(p) for p in by_issuer[issuer][year])
            parts.append(f"<section><h3>{escape(issuer)} {escape(year)}年</h3><table>{header}{rows}</table></section>")
        series: dict[tuple[str, str], list[Pair]] = defaultdict(list)
        for year_pairs in by_issuer[issuer].values():
            for p in year_pairs:
                if p.target_value and p.status != "not_comparable":
                    series[(p.metric, p.base_unit)].append(p)
        charts = [_chart(issuer, metric, unit, ps) for (metric, unit), ps in sorted(series.items())]
        if charts:
            parts.append(f"<section><h3>{escape(issuer)}：目标与结果对比</h3>{''.join(charts)}</section>")
    parts.append("</body></html>")
    return "\n".join(parts)
