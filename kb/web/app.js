// kb web page: plain JS over the JSON API (/api/*). Text from the index is always put in
// the page as text nodes, never as HTML.
"use strict";

const $ = (sel, root = document) => root.querySelector(sel);
const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// ------------------------------------------------------------ API

class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

function headers() {
  const token = localStorage.getItem("kb-token");
  return token ? { Authorization: "Bearer " + token } : {};
}

function query(params) {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== "" && value !== null && value !== undefined && value !== false) out.set(key, value);
  }
  return out.toString();
}

async function api(path, params = {}) {
  const qs = query(params);
  const response = await fetch(path + (qs ? "?" + qs : ""), { headers: headers() });
  if (response.status === 401) $("#token-bar").hidden = false;
  if (!response.ok) {
    let message = response.statusText;
    try { message = (await response.json()).error || message; } catch (_) { /* not JSON */ }
    throw new ApiError(response.status, message);
  }
  return response;
}

const getJson = async (path, params) => (await api(path, params)).json();

function formParams(form) {
  const params = {};
  for (const [key, value] of new FormData(form).entries()) params[key] = String(value).trim();
  return params;
}

function setStatus(node, text, isError = false) {
  node.textContent = text;
  node.classList.toggle("error", isError);
}

// ------------------------------------------------------------ highlighting

// Mark every occurrence of the words (longest first; single characters only when digits),
// plus explicit [start, end, class] ranges, as <mark> nodes.
function highlighted(text, words = [], ranges = []) {
  const marks = new Array(text.length).fill("");
  const sorted = Array.from(new Set(words)).sort((a, b) => b.length - a.length);
  for (const word of sorted) {
    if (!word || (word.length < 2 && !/^\d+$/.test(word))) continue;
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
      for (let i = at; i < at + word.length; i++) marks[i] = marks[i] || "word";
    }
  }
  for (const [start, end, cls] of ranges) {
    for (let i = Math.max(0, start); i < Math.min(text.length, end); i++) marks[i] = cls;
  }
  const out = document.createDocumentFragment();
  let i = 0;
  while (i < text.length) {
    let j = i;
    while (j < text.length && marks[j] === marks[i]) j++;
    const piece = text.slice(i, j);
    out.append(marks[i] ? el("mark", marks[i] === "word" ? {} : { class: marks[i] }, piece) : piece);
    i = j;
  }
  return out;
}

function sourceLine(row) {
  const lines = row.line_end && row.line_end !== row.line_start ? `${row.line_start}-${row.line_end}` : `${row.line_start ?? row.line}`;
  return `${row.doc}:${lines}` + (row.page ? `（第 ${row.page} 页）` : "");
}

// ------------------------------------------------------------ search tab

function linkChips(links) {
  const chips = [];
  for (const park of links.parks || []) chips.push(el("span", { class: "chip park", title: "园区" }, "园区 · " + park.name));
  for (const cluster of links.clusters || []) chips.push(el("span", { class: "chip cluster", title: "产业集群" }, "集群 · " + cluster.name));
  for (const t of links.targets || []) {
    const label = `目标 · ${t.year} ${t.strength} ${t.metric} ${t.value}${t.unit}${t.qualifier || ""}`;
    chips.push(el("button", { class: "chip target", type: "button", title: "在审计页追溯此目标",
                              onclick: () => openTrace(t.id) }, label));
  }
  return chips.length ? el("div", { class: "chips" }, chips) : null;
}

function hitItem(hit, words) {
  return el("li", { class: "hit" },
    el("div", { class: "head" }, `${hit.rank}. ${hit.title}`, hit.section ? el("span", { class: "section" }, " · " + hit.section) : null),
    el("div", { class: "source" }, `${sourceLine(hit)}  得分 ${hit.score.toFixed(4)}`),
    el("div", { class: "text" }, highlighted(hit.text, words)),
    linkChips(hit.links || {}));
}

async function runSearch(event) {
  event.preventDefault();
  const params = formParams($("#search-form"));
  const status = $("#search-status");
  setStatus(status, "检索中…");
  $("#results").replaceChildren();
  try {
    const data = await getJson("/api/ask", params);
    setStatus(status, data.results.length ? `共 ${data.results.length} 条结果` : "没有匹配的段落");
    $("#results").replaceChildren(...data.results.map((hit) => hitItem(hit, data.words)));
  } catch (error) {
    setStatus(status, "出错：" + error.message, true);
  }
}

// ------------------------------------------------------------ writers' tab

function timeline(data) {
  const years = Object.entries(data.per_year);
  const most = Math.max(1, ...years.map(([, n]) => n));
  const first = data.first_seen ? `，最早见于 ${data.first_seen.year} 年《${data.first_seen.doc}》` : "";
  const types = Object.entries(data.per_type).map(([t, n]) => `${t} ${n} 次`).join("、");
  return el("div", {},
    el("p", {}, `“${data.phrase}” 共出现 ${data.count} 次${first}。文种：${types || "—"}`),
    el("div", { class: "bars", "aria-label": "按年份的出现次数" }, years.map(([year, n]) =>
      el("div", { class: "bar", title: `${year}：${n} 次` }, String(n),
        el("span", { class: "fill", style: `height:${Math.round((n / most) * 90)}px` }), year))));
}

function occurrenceItem(o, phrase) {
  return el("li", {},
    el("div", { class: "head" }, `${o.year || "?"} · ${o.title}`, o.section ? el("span", { class: "section" }, " · " + o.section) : null),
    el("div", { class: "source" }, `${o.doc}:${o.line_start}`),
    el("div", { class: "text" }, highlighted(o.text, [phrase])));
}

function phraseItem(row, words) {
  const years = Array.from(new Set(row.occurrences.map((o) => o.year).filter(Boolean))).sort();
  return el("li", {},
    el("div", { class: "text" }, highlighted(row.text, row.shared_words.length ? row.shared_words : words)),
    el("div", { class: "source" }, `${row.title}（${row.year || "?"}）· ${row.section || "—"} · ${row.doc}:${row.line_start}`),
    row.occurrences.length > 1 ? el("div", { class: "fold" }, `同一提法出现 ${row.occurrences.length} 次：${years.join("、")}`) : null);
}

async function runPhrase(event) {
  event.preventDefault();
  const params = formParams($("#phrase-form"));
  params.exact = $("#exact").checked ? "true" : "";
  const status = $("#phrase-status");
  setStatus(status, "查找中…");
  $("#timeline").replaceChildren();
  $("#phrase-results").replaceChildren();
  try {
    const data = await getJson("/api/phrase", params);
    if (params.exact) {
      setStatus(status, data.count ? "" : "没有找到这一提法");
      if (data.count) $("#timeline").replaceChildren(timeline(data));
      $("#phrase-results").replaceChildren(...data.occurrences.map((o) => occurrenceItem(o, data.phrase)));
    } else {
      setStatus(status, data.results.length ? `共 ${data.results.length} 条提法` : "没有相近的提法");
      $("#phrase-results").replaceChildren(...data.results.map((row) => phraseItem(row, data.words)));
    }
  } catch (error) {
    setStatus(status, "出错：" + error.message, true);
  }
}

// ------------------------------------------------------------ auditors' tab

function commitmentRow(row) {
  return el("tr", { "data-id": row.id, onclick: () => openTrace(row.id) },
    el("td", {}, row.id), el("td", {}, row.year), el("td", {}, row.strength), el("td", {}, row.metric),
    el("td", {}, `${row.value}${row.unit}${row.qualifier || ""}`), el("td", {}, row.cluster || "—"),
    el("td", {}, row.park || "—"), el("td", {}, `${row.doc}:${row.line}`), el("td", {}, row.quote));
}

async function runCommitments(event) {
  if (event) event.preventDefault();
  const status = $("#commit-status");
  setStatus(status, "加载中…");
  try {
    const data = await getJson("/api/commitments", formParams($("#commit-form")));
    setStatus(status, `共 ${data.results.length} 条（点击一行查看出处）`);
    $("#commitments tbody").replaceChildren(...data.results.map(commitmentRow));
  } catch (error) {
    setStatus(status, "出错：" + error.message, true);
  }
}

// Possible parks kb did not name (kb parks --candidates), read once when the list is opened:
// an auditor confirms them and adds them to taxonomy.toml.
async function loadCandidates() {
  const body = $("#candidate-table tbody");
  if (!$("#candidates").open || body.children.length) return;
  const status = $("#candidates-status");
  setStatus(status, "加载中…");
  try {
    const rows = (await getJson("/api/parks/candidates")).results;
    setStatus(status, `共 ${rows.length} 个（确认后写入 taxonomy.toml，再次 kb ingest 即可关联）`);
    body.replaceChildren(...rows.map((r) => el("tr", {},
      el("td", {}, r.name), el("td", {}, r.mentions), el("td", {}, r.docs.join("、")), el("td", { class: "quote" }, r.quote))));
  } catch (error) {
    setStatus(status, "出错：" + error.message, true);
  }
}

async function downloadCsv() {
  try {
    const response = await api("/api/commitments", { ...formParams($("#commit-form")), format: "csv" });
    const url = URL.createObjectURL(await response.blob());
    const link = el("a", { href: url, download: "commitments.csv" });
    document.body.append(link);
    link.click();
    link.remove();
    URL.revokeObjectURL(url);
  } catch (error) {
    setStatus($("#commit-status"), "出错：" + error.message, true);
  }
}

// The source paragraph: the context the server gives, cut at the paragraph's line breaks,
// with the quote and every link's evidence inside it marked.
function paragraph(row) {
  const base = row.char_start - row.before.length;
  const cut = row.before.lastIndexOf("\n") + 1;
  const afterEnd = row.after.indexOf("\n") === -1 ? row.after.length : row.after.indexOf("\n");
  const text = row.before.slice(cut) + row.quote + row.after.slice(0, afterEnd);
  const start = base + cut;
  const ranges = row.links.map((lk) => [lk.evidence_start - start, lk.evidence_end - start, "evidence"]);
  ranges.push([row.char_start - start, row.char_end - start, "quote"]);
  return el("div", { class: "paragraph" }, highlighted(text, [], ranges));
}

function traceView(row) {
  const links = el("table", {},
    el("thead", {}, el("tr", {}, el("th", {}, "链接"), el("th", {}, "名称"), el("th", {}, "判定"), el("th", {}, "依据"))),
    el("tbody", {}, row.links.map((lk) => el("tr", {},
      el("td", {}, lk.kind === "park" ? "园区" : lk.kind === "cluster" ? "集群" : lk.kind), el("td", {}, lk.name),
      el("td", {}, lk.resolution), el("td", {}, `“${lk.evidence}” @${lk.evidence_start}`)))));
  const related = row.related.length ? el("div", {}, el("h3", {}, "同一指标的其他数据"),
    el("ul", {}, row.related.map((r) => el("li", {}, `#${r.id} ${r.year} ${r.strength} ${r.value}${r.unit} · ${r.doc}:${r.line} · ${r.quote}`)))) : null;
  return [
    el("h2", {}, `目标 #${row.id}：${row.year} ${row.strength} ${row.metric} ${row.value}${row.unit}${row.qualifier || ""}`),
    el("dl", {},
      el("dt", {}, "文档"), el("dd", {}, row.title),
      el("dt", {}, "出处"), el("dd", {}, `${sourceLine(row)} · 字符 ${row.char_start}-${row.char_end}`),
      el("dt", {}, "章节"), el("dd", {}, row.section || "—"),
      el("dt", {}, "核对"), el("dd", {}, row.status),
      el("dt", {}, "归属"), el("dd", {}, `集群 ${row.cluster || "—"} · 园区 ${row.park || "（园区整体）"} · ${row.resolution}`)),
    paragraph(row),
    row.links.length ? links : el("p", { class: "muted" }, "此段没有园区或集群链接"),
    related,
  ];
}

async function openTrace(id) {
  selectTab("auditors");
  const view = $("#trace");
  view.hidden = false;
  view.replaceChildren(el("p", { class: "muted" }, "加载中…"));
  $$("#commitments tbody tr").forEach((tr) => tr.classList.toggle("selected", tr.dataset.id === String(id)));
  try {
    view.replaceChildren(...traceView(await getJson(`/api/trace/${id}`, { context: 600 })).filter(Boolean));
  } catch (error) {
    view.replaceChildren(el("p", { class: "status error" }, "出错：" + error.message));
  }
}

// ------------------------------------------------------------ page

function selectTab(name) {
  for (const button of $$("nav button")) button.setAttribute("aria-selected", String(button.dataset.tab === name));
  for (const panel of $$("[role=tabpanel]")) panel.hidden = panel.id !== "tab-" + name;
  if (name === "auditors" && !$("#commitments tbody").children.length) runCommitments();
}

async function loadLists() {
  const stats = await getJson("/api/stats");
  $("#stats").textContent = `${stats.documents} 篇文档 · ${stats.passages} 个段落 · ${stats.targets} 条目标 · 模型 ${stats.model}`;
  for (const [kind, cls] of [["parks", ".park-list"], ["clusters", ".cluster-list"]]) {
    const rows = (await getJson("/api/" + kind)).results;
    for (const select of $$(cls)) select.append(...rows.map((r) => el("option", { value: r.name }, `${r.name}（${r.passages}）`)));
  }
}

function start() {
  for (const button of $$("nav button")) button.addEventListener("click", () => selectTab(button.dataset.tab));
  $("#search-form").addEventListener("submit", runSearch);
  $("#phrase-form").addEventListener("submit", runPhrase);
  $("#commit-form").addEventListener("submit", runCommitments);
  $("#csv").addEventListener("click", downloadCsv);
  $("#candidates").addEventListener("toggle", loadCandidates);
  $("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    localStorage.setItem("kb-token", $("#token-input").value.trim());
    $("#token-bar").hidden = true;
    loadLists().catch(() => {});
  });
  loadLists().catch((error) => setStatus($("#search-status"), "无法读取索引：" + error.message, true));
}

document.addEventListener("DOMContentLoaded", start);
