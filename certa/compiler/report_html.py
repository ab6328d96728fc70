"""The verification report: one self-contained HTML page per C file.

`certa report prog.c -o report.html` shows a person what the compiler and the
kernel concluded about a program, laid over the program's own text.  The CLI
computes a JSON-like dict (see `render`) and this module turns it into a single
HTML5 document:

* a header with the file name and the kernel's verdict;
* a summary table, one row per function plus a total row, counting the memory
  accesses that were proven, checked at run time or rejected, and the
  annotations that were or were not proven.  The table has ``id="summary"``,
  each function row ``data-function="NAME"`` and ``data-line``, the total row
  ``data-row="total"``, and each cell ``data-col="proven"`` etc., so that tools
  and tests can read it without scraping the layout;
* a list of findings: everything that is not statically proven, with its line
  and the reason, so the page can be read without hovering;
* a legend and the source listing with line numbers.  Every memory access is a
  ``<span class="access proven|checked|rejected">`` and every annotation a
  ``<span class="annot proven|unproven|unused|checked">``, each with a
  ``title`` carrying the obligation or the reason.  Each line is a
  ``<span class="line" id="L12">``, so ``report.html#L12`` is a link to line 12;
  the line numbers are drawn by CSS from ``data-n``, so the text content of the
  listing (``<pre id="source">``) is exactly the source, and copying from the
  page copies code without numbers.

The page needs no other file and no network: the CSS and a small script are
inline, and a Content-Security-Policy ``<meta>`` forbids every fetch and every
script except the one whose SHA-256 hash the page itself carries.  The page is
complete without JavaScript; the script only adds niceties (click a summary row
to jump to the function, ``n``/``p`` to walk the findings in the listing, a
status bar that shows the hovered mark's text).

The source is untrusted text: it may contain ``<``, ``&``, quotes or
``</script>`` in a string literal or a comment, and so may function names,
details and notes.  Every piece of data goes through `html.escape` (quotes
included) before it reaches the document, carriage returns are written as
``&#13;`` so that they survive HTML's newline normalisation, and no data is ever
placed inside the ``<script>`` element, which is a constant.

Marks are placed by 1-based line/column and a length in characters.  A mark is
clipped at the end of its line, and dropped when its line or column lies outside
the source (or its length is not positive); it still appears in the findings.
Marks that nest (an access inside another, ``a[b[i]]``) become nested spans,
each with its own title.  When two marks overlap without nesting, the later one
is clipped to end where the enclosing one ends, so the HTML stays well formed.
"""
from __future__ import annotations

import base64
import hashlib
import html
from typing import Any, Iterable

__all__ = ["render", "SCRIPT"]

ACCESS_STATUSES = ("proven", "checked", "rejected")
ANNOT_STATUSES = ("proven", "unproven", "unused", "checked")

_ACCESS_LABEL = {"proven": "proven", "checked": "checked at run time", "rejected": "rejected"}
_ANNOT_LABEL = {"proven": "proven", "unproven": "not proven", "unused": "unused",
                "checked": "checked at run time"}

# (data-col, header, key in a `functions` entry)
_COLUMNS = (
    ("proven", "Proven", "proven"),
    ("checked", "Checked at run time", "checked"),
    ("rejected", "Rejected", "rejected"),
    ("annotations_proven", "Annotations proven", "annotations_proven"),
    ("annotations_unproven", "Annotations not proven", "annotations_unproven"),
)
# Columns whose non-zero values deserve attention, and the class that shows it.
_ATTENTION = {"checked": "warn", "rejected": "bad", "annotations_unproven": "bad"}

CSS = """
:root { --proven:#c8f0c8; --proven-edge:#3a9a3a; --checked:#ffe1a0; --checked-edge:#c08400;
  --rejected:#ffc0c0; --rejected-edge:#c62828; --ink:#1d1f21; --muted:#6a737d; --rule:#d0d7de; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  background: #fff; }
header { padding: 14px 24px 10px; border-bottom: 1px solid var(--rule); background: #f6f8fa; }
h1 { font-size: 20px; margin: 0 0 6px; font-weight: 600; }
h1 code { font-size: 19px; }
h2 { font-size: 16px; margin: 20px 0 8px; }
main { padding: 0 24px 48px; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; }
.verdict { margin: 0; }
.badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-weight: 600;
  font-size: 13px; margin-right: 8px; color: #fff; }
.badge.ok { background: var(--proven-edge); }
.badge.fail { background: var(--rejected-edge); }
table { border-collapse: collapse; font-size: 14px; }
th, td { border: 1px solid var(--rule); padding: 3px 10px; }
th { background: #f6f8fa; font-weight: 600; text-align: left; }
#summary td.num, #summary th.num { text-align: right; font-variant-numeric: tabular-nums; }
#summary tbody tr:hover { background: #f0f6ff; }
.js #summary tbody tr { cursor: pointer; }
#summary tfoot td { font-weight: 600; background: #fafbfc; }
td.warn { background: var(--checked); }
td.bad { background: var(--rejected); }
a { color: #0550ae; text-decoration: none; }
a:hover { text-decoration: underline; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 8px 0 10px; font-size: 13px;
  align-items: center; }
.legend span.mono { font-size: 13px; }
#findings td.status { white-space: nowrap; }
#findings tr.rejected td.status, #findings tr.unproven td.status { color: var(--rejected-edge); font-weight: 600; }
#findings tr.checked td.status { color: #8a5d00; font-weight: 600; }
#findings tr.unused td.status { color: var(--muted); }
.none { color: var(--muted); }
pre.source { margin: 0; padding: 8px 0; border: 1px solid var(--rule); border-radius: 4px;
  background: #fdfdfd; font-size: 13.5px; line-height: 1.5; tab-size: 8; overflow-x: auto; }
pre.source .line { display: block; padding-right: 12px; }
pre.source .line::before { content: attr(data-n); display: inline-block; width: calc(var(--lnw, 4ch) + 9px);
  margin-right: 14px; padding-right: 8px; text-align: right; color: var(--muted);
  border-right: 1px solid var(--rule); user-select: none; }
pre.source .line:target { background: #fff7c2; }
pre.source .line:target::before { color: var(--ink); font-weight: 600; }
.access, .sw { border-radius: 2px; padding: 0 1px; }
.access.proven, .sw.a-proven { background: var(--proven); box-shadow: inset 0 -1px var(--proven-edge); }
.access.checked, .sw.a-checked { background: var(--checked); box-shadow: inset 0 -2px var(--checked-edge); }
.access.rejected, .sw.a-rejected { background: var(--rejected); box-shadow: inset 0 -2px var(--rejected-edge);
  font-weight: 600; }
.annot, .sw.n { text-decoration-line: underline; text-underline-offset: 3px; text-decoration-thickness: 2px; }
.annot.proven, .sw.n-proven { text-decoration-color: var(--proven-edge); }
.annot.unproven, .sw.n-unproven { text-decoration-color: var(--rejected-edge); text-decoration-style: wavy;
  background: #fff0f0; }
.annot.unused, .sw.n-unused { text-decoration-color: #8c959f; text-decoration-style: dotted; }
.annot.checked, .sw.n-checked { text-decoration-color: var(--checked-edge); text-decoration-style: dashed; }
.access:hover, .annot:hover, .access:focus, .annot:focus { outline: 2px solid #0969da;
  outline-offset: 0; }
ul.notes { margin: 0; padding-left: 20px; font-size: 13px; }
#status { position: fixed; left: 0; right: 0; bottom: 0; margin: 0; padding: 4px 24px;
  background: #24292f; color: #f6f8fa; font-size: 13px; white-space: pre-wrap;
  min-height: 1.5em; }
@media print { #status { display: none; } pre.source { overflow: visible; white-space: pre-wrap; } }
""".strip()

# A constant: no data is ever interpolated into the script (see the module docstring).
SCRIPT = """
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  var each = function (sel, f) { Array.prototype.forEach.call(document.querySelectorAll(sel), f); };
  each("#summary tr[data-line]", function (tr) {
    tr.addEventListener("click", function (ev) {
      if (ev.target.closest("a")) { return; }
      location.hash = "#L" + tr.getAttribute("data-line");
    });
  });
  var bar = document.getElementById("status");
  var idle = "Hover over a mark to read its obligation; n / p: next / previous finding.";
  var lineOf = function (el) { var l = el.closest(".line"); return l ? l.getAttribute("data-n") : "?"; };
  var show = function (el) {
    bar.textContent = el ? "line " + lineOf(el) + ": " + el.getAttribute("title") : idle;
  };
  if (bar) {
    bar.hidden = false;
    show(null);
    var src = document.getElementById("source");
    if (src) {
      src.addEventListener("mouseover", function (ev) { show(ev.target.closest(".access, .annot")); });
      src.addEventListener("mouseleave", function () { show(null); });
      src.addEventListener("focusin", function (ev) { show(ev.target.closest(".access, .annot")); });
    }
  }
  var findings = Array.prototype.slice.call(document.querySelectorAll(
    "#source .access.rejected, #source .access.checked, #source .annot.unproven"));
  findings.forEach(function (el) { el.tabIndex = 0; });
  var at = -1;
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || !findings.length) { return; }
    if (ev.key !== "n" && ev.key !== "p") { return; }
    var cur = findings.indexOf(document.activeElement);
    if (cur >= 0) { at = cur; }
    at = ev.key === "n" ? (at + 1) % findings.length : (at - 1 + findings.length) % findings.length;
    findings[at].focus();
    findings[at].scrollIntoView({block: "center"});
    ev.preventDefault();
  });
})();
""".strip()


_SCRIPT_TEXT = "\n" + SCRIPT + "\n"  # exactly the text of the <script> element


def _script_hash() -> str:
    digest = hashlib.sha256(_SCRIPT_TEXT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def _esc(value: Any) -> str:
    """Escape any value for element text or a double-quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True).replace("\r", "&#13;")


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None


def _status(value: Any, allowed: tuple[str, ...]) -> str:
    s = str(value)
    return s if s in allowed else "unknown"


def _split_lines(source: str) -> list[str]:
    """Split on "\\n" only (the compiler's line numbering), keeping the newline."""
    if not source:
        return []
    parts = source.split("\n")
    lines = [p + "\n" for p in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _access_title(a: dict) -> str:
    status = _status(a.get("status"), ACCESS_STATUSES)
    label = _ACCESS_LABEL.get(status, str(a.get("status")))
    head = f"{a.get('text', '')}: {label}"
    detail = a.get("detail")
    return f"{head}. {detail}" if detail else head


def _annot_title(a: dict) -> str:
    status = _status(a.get("status"), ANNOT_STATUSES)
    label = _ANNOT_LABEL.get(status, str(a.get("status")))
    head = f"{a.get('kind', 'annotation')}: {label}"
    detail = a.get("detail")
    return f"{head}. {detail}" if detail else head


class _Mark:
    __slots__ = ("start", "end", "order", "open_tag")

    def __init__(self, start: int, end: int, order: int, open_tag: str) -> None:
        self.start, self.end, self.order, self.open_tag = start, end, order, open_tag


def _collect_marks(lines: list[str], data: dict) -> dict[int, list[_Mark]]:
    """Marks per 0-based line index, clipped to their line; out-of-range marks dropped."""
    marks: dict[int, list[_Mark]] = {}
    order = 0

    def add(item: Any, open_tag: str) -> None:
        nonlocal order
        order += 1
        if not isinstance(item, dict):
            return
        line, col, length = _int(item.get("line")), _int(item.get("col")), _int(item.get("length"))
        if line is None or col is None or length is None:
            return
        if not (1 <= line <= len(lines)) or col < 1 or length < 1:
            return
        text = lines[line - 1].rstrip("\n")
        if text.endswith("\r"):
            text = text[:-1]
        start = col - 1
        end = min(start + length, len(text))
        if start >= end:
            return
        marks.setdefault(line - 1, []).append(_Mark(start, end, order, open_tag))

    # Annotations first: on an identical range the annotation encloses the access.
    for a in data.get("annotations") or ():
        if isinstance(a, dict):
            status = _status(a.get("status"), ANNOT_STATUSES)
            add(a, f'<span class="annot {status}" data-kind="{_esc(a.get("kind", ""))}"'
                   f' data-function="{_esc(a.get("function", ""))}" title="{_esc(_annot_title(a))}">')
    for a in data.get("accesses") or ():
        if isinstance(a, dict):
            status = _status(a.get("status"), ACCESS_STATUSES)
            add(a, f'<span class="access {status}" data-function="{_esc(a.get("function", ""))}"'
                   f' title="{_esc(_access_title(a))}">')
    return marks


def _render_line(text: str, marks: Iterable[_Mark]) -> str:
    """The line's text with its marks as (possibly nested) spans."""
    out: list[str] = []
    pos = 0
    stack: list[int] = []  # end offsets of the open spans, innermost last (non-increasing)
    for m in sorted(marks, key=lambda m: (m.start, -m.end, m.order)):
        while stack and stack[-1] <= m.start:
            end = stack.pop()
            out.append(_esc(text[pos:end]))
            out.append("</span>")
            pos = end
        end = m.end
        if stack and end > stack[-1]:
            end = stack[-1]  # overlaps without nesting: clip the later mark
        out.append(_esc(text[pos:m.start]))
        out.append(m.open_tag)
        pos = m.start
        stack.append(end)
    while stack:
        end = stack.pop()
        out.append(_esc(text[pos:end]))
        out.append("</span>")
        pos = end
    out.append(_esc(text[pos:]))
    return "".join(out)


def _line_link(line: Any, nlines: int, label: Any = None) -> str:
    n = _int(line)
    text = _esc(line if label is None else label)
    if n is not None and 1 <= n <= nlines:
        return f'<a href="#L{n}">{text}</a>'
    return text


def _summary(functions: list, nlines: int) -> str:
    head = "".join(f'<th class="num" scope="col">{_esc(h)}</th>' for _, h, _ in _COLUMNS)
    rows: list[str] = []
    totals = {col: 0 for col, _, _ in _COLUMNS}
    for f in functions:
        if not isinstance(f, dict):
            continue
        name = f.get("name", "")
        line = _int(f.get("line"))
        cells = [f'<th scope="row" data-col="function">{_line_link(line, nlines, name)}</th>',
                 f'<td class="num" data-col="line">{_line_link(f.get("line", ""), nlines)}</td>']
        for col, _, key in _COLUMNS:
            value = f.get(key, 0)
            n = _int(value)
            if n is not None:
                totals[col] += n
            cls = "num" + (f" {_ATTENTION[col]}" if col in _ATTENTION and n else "")
            cells.append(f'<td class="{cls}" data-col="{col}">{_esc(value)}</td>')
        line_attr = f' data-line="{line}"' if line is not None and 1 <= line <= nlines else ""
        rows.append(f'<tr data-function="{_esc(name)}"{line_attr}>{"".join(cells)}</tr>')
    total_cells = ['<th scope="row" data-col="function">Total</th>', '<td data-col="line"></td>']
    for col, _, _ in _COLUMNS:
        cls = "num" + (f" {_ATTENTION[col]}" if col in _ATTENTION and totals[col] else "")
        total_cells.append(f'<td class="{cls}" data-col="{col}">{totals[col]}</td>')
    body = "\n".join(rows) if rows else (
        f'<tr><td colspan="{len(_COLUMNS) + 2}" class="none">No functions.</td></tr>')
    return (
        '<table id="summary">\n'
        f'<thead><tr><th scope="col">Function</th><th class="num" scope="col">Line</th>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody>\n"
        f'<tfoot><tr class="total" data-row="total">{"".join(total_cells)}</tr></tfoot>\n'
        "</table>"
    )


def _findings(data: dict, nlines: int) -> str:
    items: list[tuple[int, int, str]] = []
    severity = {"rejected": 0, "unproven": 0, "checked": 1, "unused": 2}
    for kind, entries in (("access", data.get("accesses") or ()),
                          ("annot", data.get("annotations") or ())):
        for a in entries:
            if not isinstance(a, dict):
                continue
            allowed = ACCESS_STATUSES if kind == "access" else ANNOT_STATUSES
            status = _status(a.get("status"), allowed)
            if status == "proven":
                continue
            labels = _ACCESS_LABEL if kind == "access" else _ANNOT_LABEL
            label = labels.get(status, str(a.get("status")))
            # An annotation's text already starts with its keyword ("ensures ...").
            what = "access " if kind == "access" else ""
            line = _int(a.get("line"))
            row = (f'<tr class="finding {status}">'
                   f'<td class="status">{_esc(label)}</td>'
                   f'<td class="num">{_line_link(a.get("line", ""), nlines)}</td>'
                   f'<td>{_esc(a.get("function", ""))}</td>'
                   f'<td>{what}<code>{_esc(a.get("text", ""))}</code></td>'
                   f'<td>{_esc(a.get("detail", ""))}</td></tr>')
            items.append((line if line is not None else 1 << 30, severity.get(status, 3), row))
    if not items:
        return '<p id="findings" class="none">Nothing to report: every access and annotation is proven.</p>'
    items.sort(key=lambda t: (t[0], t[1]))
    return ('<table id="findings">\n<thead><tr><th>Status</th><th>Line</th><th>Function</th>'
            '<th>What</th><th>Why</th></tr></thead>\n<tbody>\n'
            + "\n".join(r for _, _, r in items) + "\n</tbody>\n</table>")


_LEGEND = (
    '<div class="legend" id="legend">'
    '<span>Accesses:</span>'
    '<span class="sw a-proven mono">a[i]</span><span>proven</span>'
    '<span class="sw a-checked mono">a[i]</span><span>checked at run time</span>'
    '<span class="sw a-rejected mono">a[i]</span><span>rejected</span>'
    '<span>Annotations:</span>'
    '<span class="sw n n-proven mono">proven</span>'
    '<span class="sw n n-unproven mono">not proven</span>'
    '<span class="sw n n-unused mono">unused</span>'
    '<span class="sw n n-checked mono">checked at run time</span>'
    "</div>"
)


def _legend() -> str:
    # Swatches have their own classes ("sw ..."), styled like the marks, so that the
    # legend is never counted as marks by `.access` / `.annot` selectors.
    return _LEGEND


def render(data: dict) -> str:
    """The whole HTML document for the report `data` (see the module docstring).

    Keys read: ``file``, ``source``, ``certified``, ``verdict``, ``accesses``,
    ``annotations``, ``functions``, ``notes``; all optional.  An access or
    annotation is a dict with ``line``, ``col`` (1-based), ``length``, ``text``,
    ``function``, ``status``, ``detail`` (and ``kind`` for annotations).
    """
    source = str(data.get("source") or "")
    lines = _split_lines(source)
    nlines = len(lines)
    name = str(data.get("file") or "<source>")
    certified = bool(data.get("certified"))
    verdict = data.get("verdict") or ("accepted by the kernel" if certified else "not certified")
    functions = [f for f in (data.get("functions") or ()) if isinstance(f, dict)]
    notes = [n for n in (data.get("notes") or ())]

    marks = _collect_marks(lines, data)
    listing: list[str] = []
    for i, raw in enumerate(lines):
        nl = raw.endswith("\n")
        text = raw[:-1] if nl else raw
        body = _render_line(text, marks.get(i, ()))
        listing.append(f'<span class="line" id="L{i + 1}" data-n="{i + 1}">{body}{chr(10) if nl else ""}</span>')
    lnw = max(2, len(str(nlines)))

    badge = ('<span class="badge ok">certified</span>' if certified
             else '<span class="badge fail">not certified</span>')
    notes_html = ("<ul class=\"notes\" id=\"notes\">\n"
                  + "\n".join(f"<li><code>{_esc(n)}</code></li>" for n in notes) + "\n</ul>"
                  if notes else '<p id="notes" class="none">No notes.</p>')
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{_script_hash()}'; "
           "base-uri 'none'; form-action 'none'")

    return "".join([
        "<!DOCTYPE html>\n",
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        f'<meta http-equiv="Content-Security-Policy" content="{_esc(csp)}">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="certa report">\n',
        f"<title>Certa report: {_esc(name)}</title>\n",
        f"<style>\n{CSS}\n</style>\n</head>\n<body>\n",
        "<header>\n",
        f"<h1>Certa verification report: <code>{_esc(name)}</code></h1>\n",
        f'<p class="verdict" id="verdict">{badge}{_esc(verdict)}</p>\n',
        "</header>\n<main>\n",
        '<section aria-labelledby="h-summary">\n<h2 id="h-summary">Functions</h2>\n',
        _summary(functions, nlines), "\n</section>\n",
        '<section aria-labelledby="h-findings">\n<h2 id="h-findings">Not proven statically</h2>\n',
        _findings(data, nlines), "\n</section>\n",
        '<section aria-labelledby="h-source">\n',
        f'<h2 id="h-source">Source: <code>{_esc(name)}</code></h2>\n',
        _legend(), "\n",
        # No newline after <pre>: the parser would drop one from the source.
        f'<pre class="source" id="source" style="--lnw: {lnw}ch">', "".join(listing), "</pre>\n",
        "</section>\n",
        '<section aria-labelledby="h-notes">\n<h2 id="h-notes">Notes</h2>\n', notes_html,
        "\n</section>\n</main>\n",
        '<p id="status" hidden></p>\n',
        f"<script>{_SCRIPT_TEXT}</script>\n",
        "</body>\n</html>\n",
    ])
