"""The verification report page (certa/compiler/report_html.py).

Unit tests parse the rendered HTML with the standard library's html.parser; the
browser tests load the page in headless Chromium (Debian package `chromium`),
read back the DOM it built (`--dump-dom`) and take a screenshot, which is also
copied to build/report-screenshot.png for a person to look at.

The browser is launched exactly twice in this file (once per browser test), so
the cost is the same whether or not pytest-xdist splits the module.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from certa.compiler import report_html
from certa.compiler.report_html import render

TESTS_DIR = Path(__file__).resolve().parent
REPO = TESTS_DIR.parent
PROG = TESTS_DIR / "report" / "prog.c"
SOURCE = PROG.read_text(encoding="utf-8")

# Hand-written report data for tests/report/prog.c (positions checked by
# test_fixture_positions_match_the_source).
DATA = {
    "file": "report/prog.c",
    "source": SOURCE,
    "certified": False,
    "verdict": "rejected: 1 access can be neither proven nor checked (main, line 35)",
    "accesses": [
        {"line": 11, "col": 13, "length": 4, "text": "a[i]", "function": "find",
         "status": "proven", "detail": "need 0 <= i < n for a[i]; known: 0 <= i < n (invariant, loop test)"},
        {"line": 23, "col": 16, "length": 9, "text": "a[idx[i]]", "function": "gather",
         "status": "checked", "detail": "need 0 <= idx[i] < n for a[idx[i]]; idx[i] is unknown: bounds check at run time"},
        {"line": 23, "col": 18, "length": 6, "text": "idx[i]", "function": "gather",
         "status": "proven", "detail": "need 0 <= i < n for idx[i]; known: 0 <= i < n (loop test)"},
        {"line": 27, "col": 37, "length": 2, "text": "*p", "function": "swap",
         "status": "checked", "detail": "p has no \\valid precondition: checked against its block at run time"},
        {"line": 27, "col": 41, "length": 2, "text": "*p", "function": "swap",
         "status": "checked", "detail": "p has no \\valid precondition: checked against its block at run time"},
        {"line": 27, "col": 46, "length": 2, "text": "*q", "function": "swap",
         "status": "checked", "detail": "q has no \\valid precondition: checked against its block at run time"},
        {"line": 27, "col": 50, "length": 2, "text": "*q", "function": "swap",
         "status": "checked", "detail": "q has no \\valid precondition: checked against its block at run time"},
        {"line": 35, "col": 9, "length": 9, "text": "xs[ix[3]]", "function": "main",
         "status": "rejected", "detail": "need 0 <= ix[3] < 4 for xs[ix[3]]; known: ix[3] == 9 & 9 >= 4"},
        {"line": 35, "col": 12, "length": 5, "text": "ix[3]", "function": "main",
         "status": "proven", "detail": "need 0 <= 3 < 4 for ix[3]"},
        {"line": 37, "col": 12, "length": 5, "text": "xs[0]", "function": "main",
         "status": "proven", "detail": "need 0 <= 0 < 4 for xs[0]"},
        {"line": 37, "col": 20, "length": 5, "text": "xs[1]", "function": "main",
         "status": "proven", "detail": "need 0 <= 1 < 4 for xs[1]"},
    ],
    "annotations": [
        {"line": 5, "col": 5, "length": 40, "text": "requires n >= 0 && \\valid(a + (0..n-1));",
         "function": "find", "kind": "requires", "status": "proven", "detail": "proven at 1 call site"},
        {"line": 6, "col": 5, "length": 26, "text": "ensures -1 <= \\result < n;",
         "function": "find", "kind": "ensures", "status": "proven", "detail": "proven on 2 return paths"},
        {"line": 9, "col": 9, "length": 27, "text": "loop invariant 0 <= i <= n;",
         "function": "find", "kind": "invariant", "status": "proven",
         "detail": "established on entry and preserved by the body"},
        {"line": 17, "col": 5, "length": 56,
         "text": "requires \\valid(a + (0..n-1)) && \\valid(idx + (0..n-1));",
         "function": "gather", "kind": "requires", "status": "proven", "detail": "proven at 1 call site"},
        {"line": 18, "col": 5, "length": 21, "text": "ensures \\result >= 0;",
         "function": "gather", "kind": "ensures", "status": "unproven",
         "detail": "cannot show sum >= 0: the elements of a may be negative"},
    ],
    "functions": [
        {"name": "find", "line": 7, "proven": 1, "checked": 0, "rejected": 0,
         "annotations_proven": 3, "annotations_unproven": 0},
        {"name": "gather", "line": 19, "proven": 1, "checked": 1, "rejected": 0,
         "annotations_proven": 1, "annotations_unproven": 1},
        {"name": "swap", "line": 27, "proven": 0, "checked": 4, "rejected": 0,
         "annotations_proven": 0, "annotations_unproven": 0},
        {"name": "main", "line": 29, "proven": 3, "checked": 0, "rejected": 1,
         "annotations_proven": 0, "annotations_unproven": 0},
    ],
    "notes": [
        "report/prog.c:33: note: string literal contains \"<script>\" & quotes",
        "report/prog.c:35: error: index ix[3] == 9 is out of bounds of xs[4]",
    ],
}

COLS = ("proven", "checked", "rejected", "annotations_proven", "annotations_unproven")


# --- a small DOM built with html.parser --------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "source", "track", "wbr"}


class Node:
    def __init__(self, tag: str, attrs: dict[str, str | None], parent: "Node | None"):
        self.tag, self.attrs, self.parent = tag, attrs, parent
        self.children: list[Node | str] = []

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)

    def iter(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.iter()

    def find_all(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> list["Node"]:
        out = []
        for n in self.iter():
            if tag is not None and n.tag != tag:
                continue
            if cls is not None and not set(cls.split()) <= set(n.classes):
                continue
            if any(n.attrs.get(k.replace("_", "-")) != v for k, v in attrs.items()):
                continue
            out.append(n)
        return out

    def by_id(self, ident: str) -> "Node":
        found = [n for n in self.iter() if n.attrs.get("id") == ident]
        assert len(found) == 1, f"expected one element with id={ident!r}, found {len(found)}"
        return found[0]


class TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {}, None)
        self.cur = self.root
        self.doctype: str | None = None

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, dict(attrs), self.cur))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        # Well-formed documents close the current element; be strict about it.
        assert self.cur.tag == tag, f"</{tag}> closes <{self.cur.tag}>"
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(page: str) -> TreeBuilder:
    tb = TreeBuilder()
    tb.feed(page)
    tb.close()
    assert tb.cur is tb.root, f"unclosed <{tb.cur.tag}>"
    return tb


# --- checks shared by the unit tests and the browser test -----------------------------

def check_summary(doc: Node, data: dict) -> None:
    table = doc.by_id("summary")
    rows = [r for r in table.find_all("tr") if "data-function" in r.attrs]
    assert [r.attrs["data-function"] for r in rows] == [f["name"] for f in data["functions"]]
    for row, f in zip(rows, data["functions"]):
        cells = {c.attrs["data-col"]: c.text().strip() for c in row.iter() if "data-col" in c.attrs}
        assert cells["function"] == f["name"]
        assert cells["line"] == str(f["line"])
        for col in COLS:
            assert cells[col] == str(f[col]), (f["name"], col)
        # the function's name links to its line
        links = row.find_all("a", href=f"#L{f['line']}")
        assert links, f"no link to line {f['line']} in the row of {f['name']}"
    [total] = table.find_all("tr", data_row="total")
    cells = {c.attrs["data-col"]: c.text().strip() for c in total.iter() if "data-col" in c.attrs}
    for col in COLS:
        assert cells[col] == str(sum(f[col] for f in data["functions"])), col


def check_source(doc: Node, data: dict) -> None:
    pre = doc.by_id("source")
    assert pre.tag == "pre"
    assert pre.text() == data["source"]
    # each line is addressable: #L<n>
    lines = pre.find_all("span", cls="line")
    assert len(lines) == data["source"].count("\n") + (not data["source"].endswith("\n"))
    for i, line in enumerate(lines, 1):
        assert line.attrs["id"] == f"L{i}"


def check_marks(doc: Node, data: dict) -> None:
    pre = doc.by_id("source")
    for status in ("proven", "checked", "rejected"):
        spans = pre.find_all("span", cls=f"access {status}")
        want = [a for a in data["accesses"] if a["status"] == status]
        assert len(spans) == len(want), status
        # in source order, each span covers its access's text and its title carries the detail
        want.sort(key=lambda a: (a["line"], a["col"]))
        for span, a in zip(spans, want):
            assert span.text() == a["text"]
            assert a["detail"] in span.attrs["title"]
    # all access spans in the whole page are in the listing (the legend does not count)
    assert len(doc.find_all("span", cls="access")) == len(data["accesses"])
    for status in ("proven", "unproven", "unused", "checked"):
        spans = pre.find_all("span", cls=f"annot {status}")
        want = sorted((a for a in data["annotations"] if a["status"] == status),
                      key=lambda a: (a["line"], a["col"]))
        assert len(spans) == len(want), status
        for span, a in zip(spans, want):
            assert span.text() == a["text"]
            assert a["detail"] in span.attrs["title"]
            assert span.attrs["data-kind"] == a["kind"]


def check_no_foreign_scripts_or_fetches(doc: Node) -> None:
    scripts = doc.find_all("script")
    assert len(scripts) == 1, f"{len(scripts)} <script> elements"
    assert scripts[0].text().strip() == report_html.SCRIPT
    assert not scripts[0].attrs.get("src")
    for n in doc.iter():
        assert n.tag not in ("link", "iframe", "img", "object", "embed"), n.tag
        assert "src" not in n.attrs, n.tag
        href = n.attrs.get("href")
        assert href is None or href.startswith("#"), href


def check_all(doc: Node, data: dict) -> None:
    check_summary(doc, data)
    check_source(doc, data)
    check_marks(doc, data)
    check_no_foreign_scripts_or_fetches(doc)
    title = doc.find_all("title")[0].text()
    assert data["file"] in title
    assert data["verdict"] in doc.by_id("verdict").text()
    notes = doc.by_id("notes").text()
    for note in data["notes"]:
        assert note in notes


# --- unit tests (no browser) ----------------------------------------------------------

def test_fixture_positions_match_the_source():
    lines = SOURCE.split("\n")
    for item in DATA["accesses"] + DATA["annotations"]:
        line = lines[item["line"] - 1]
        assert line[item["col"] - 1:item["col"] - 1 + item["length"]] == item["text"], item
    for f in DATA["functions"]:
        assert f["name"] + "(" in lines[f["line"] - 1], f
        for col, status in (("proven", "proven"), ("checked", "checked"), ("rejected", "rejected")):
            n = sum(1 for a in DATA["accesses"] if a["function"] == f["name"] and a["status"] == status)
            assert f[col] == n, (f["name"], col)
    assert "</script>" in SOURCE and "&" in SOURCE


def test_render_realistic_page():
    page = render(DATA)
    assert page.startswith("<!DOCTYPE html>\n")
    assert '<meta charset="utf-8">' in page
    tb = parse(page)
    assert tb.doctype.lower() == "doctype html"
    check_all(tb.root, DATA)
    # the untrusted "</script>" only ever appears escaped
    assert page.count("</script>") == 1
    assert "&lt;/script&gt;" in page
    # findings list what is not proven, with its reason, readable without hovering
    findings = tb.root.by_id("findings")
    text = findings.text()
    for a in DATA["accesses"] + DATA["annotations"]:
        assert (a["detail"] in text) == (a["status"] != "proven"), a["text"]
    assert "not certified" in tb.root.by_id("verdict").text()
    # the status bar is for the script to show; without JS it stays hidden
    assert "hidden" in tb.root.by_id("status").attrs


def test_certified_badge():
    data = dict(DATA, certified=True, verdict="accepted by the kernel (4 functions)")
    verdict = parse(render(data)).root.by_id("verdict")
    assert verdict.find_all("span", cls="badge ok")
    assert "accepted by the kernel (4 functions)" in verdict.text()


def test_csp_pins_the_inline_script():
    page = render(DATA)
    doc = parse(page).root
    [meta] = doc.find_all("meta", http_equiv="Content-Security-Policy")
    csp = meta.attrs["content"]
    assert "default-src 'none'" in csp
    import base64
    import hashlib
    [script] = doc.find_all("script")
    digest = base64.b64encode(hashlib.sha256(script.text().encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


@pytest.mark.parametrize("source", [
    '<b>&"\'</b>\n',
    'x = "</script><script>alert(1)</script>";\n',
    "no newline at end <",
    "crlf line\r\nsecond\r\n",
    "tab\there &amp; &#60; &lt;\n\n\n",
    "unicode: é → ∀ 🙂\n",
    "",
])
def test_escaping_round_trips(source):
    data = {"file": '<b>&"\'.c', "source": source, "certified": True,
            "verdict": "<i>&verdict\"</i>", "accesses": [], "annotations": [],
            "functions": [{"name": "<f&\">", "line": 1, "proven": 0, "checked": 0, "rejected": 0,
                           "annotations_proven": 0, "annotations_unproven": 0}],
            "notes": ["<script>alert('n')</script> & \"x\""]}
    page = render(data)
    doc = parse(page).root
    assert doc.by_id("source").text() == source
    assert doc.find_all("title")[0].text() == 'Certa report: <b>&"\'.c'
    assert "<i>&verdict\"</i>" in doc.by_id("verdict").text()
    assert doc.find_all("tr", data_function='<f&">')
    assert "<script>alert('n')</script> & \"x\"" in doc.by_id("notes").text()
    assert not doc.find_all("b") and not doc.find_all("i")
    check_no_foreign_scripts_or_fetches(doc)


def _one_line(source: str, accesses: list[dict], annotations: list[dict] = ()) -> Node:
    data = {"file": "t.c", "source": source, "certified": True, "verdict": "ok",
            "accesses": accesses, "annotations": list(annotations), "functions": [], "notes": []}
    doc = parse(render(data)).root
    assert doc.by_id("source").text() == source
    return doc.by_id("source")


def _acc(line, col, length, status="proven", detail=None, text="?"):
    return {"line": line, "col": col, "length": length, "text": text, "function": "f",
            "status": status, "detail": detail or f"d{line}:{col}:{length}"}


def test_nested_marks_are_nested_spans():
    src = "x = a[b[c[i]]];\n"
    pre = _one_line(src, [_acc(1, 5, 10, "rejected"), _acc(1, 7, 7, "checked"), _acc(1, 9, 4)])
    outer = pre.find_all("span", cls="access rejected")[0]
    assert outer.text() == "a[b[c[i]]]"
    middle = outer.find_all("span", cls="access checked")[0]
    assert middle.text() == "b[c[i]]"
    inner = middle.find_all("span", cls="access proven")[0]
    assert inner.text() == "c[i]"
    assert "d1:9:4" in inner.attrs["title"] and "d1:5:10" in outer.attrs["title"]


def test_identical_ranges_each_get_a_span():
    pre = _one_line("y = p[0];\n", [_acc(1, 5, 4, "checked")],
                    [{"line": 1, "col": 5, "length": 4, "text": "p[0]", "kind": "assert",
                      "status": "unproven", "detail": "A"}])
    [annot] = pre.find_all("span", cls="annot unproven")
    [acc] = annot.find_all("span", cls="access checked")
    assert acc.text() == annot.text() == "p[0]"


def test_overlapping_marks_clip_the_later_one():
    src = "0123456789\n"
    pre = _one_line(src, [_acc(1, 2, 4, "proven"), _acc(1, 4, 5, "rejected")])
    [first] = pre.find_all("span", cls="access proven")
    [second] = pre.find_all("span", cls="access rejected")
    assert first.text() == "1234"
    assert second.text() == "34"          # clipped to end where the first ends
    assert second.parent is first
    # the rest of the line is plain text, still in order
    assert pre.text() == src


def test_mark_past_end_of_line_is_clipped():
    src = "short[1]\nnext line\n"
    pre = _one_line(src, [_acc(1, 6, 100, "checked")])
    [span] = pre.find_all("span", cls="access checked")
    assert span.text() == "[1]"
    assert "next" not in span.text()


def test_mark_on_last_line_without_newline_is_clipped():
    pre = _one_line("a[i]", [_acc(1, 1, 50)])
    assert pre.find_all("span", cls="access proven")[0].text() == "a[i]"


def test_out_of_range_marks_are_dropped():
    src = "a[i];\nb[j];\n"
    bad = [_acc(0, 1, 2), _acc(3, 1, 2), _acc(99, 1, 2), _acc(1, 0, 2), _acc(1, -4, 2),
           _acc(1, 6, 1), _acc(1, 40, 3), _acc(2, 1, 0), _acc(2, 1, -3),
           {"line": "x", "col": None, "length": 2, "status": "proven"}, {"status": "checked"}]
    pre = _one_line(src, bad + [_acc(2, 1, 4, "rejected")])
    spans = pre.find_all("span", cls="access")
    assert len(spans) == 1 and spans[0].text() == "b[j]"


def test_empty_accesses_and_functions_render():
    data = {"file": "empty.c", "source": "int main(void) { return 0; }\n", "certified": True,
            "verdict": "accepted by the kernel", "accesses": [], "annotations": [],
            "functions": [], "notes": []}
    doc = parse(render(data)).root
    assert not doc.find_all("span", cls="access")
    total = doc.by_id("summary").find_all("tr", data_row="total")[0]
    assert [c.text() for c in total.iter() if c.attrs.get("data-col") == "proven"] == ["0"]
    # and a minimal dict (only a source) renders too
    doc = parse(render({"source": "x\n"})).root
    assert doc.by_id("source").text() == "x\n"


def test_function_with_line_out_of_range_has_no_dangling_link():
    data = {"source": "int f(void);\n", "functions": [
        {"name": "f", "line": 42, "proven": 0, "checked": 0, "rejected": 0,
         "annotations_proven": 0, "annotations_unproven": 0}]}
    doc = parse(render(data)).root
    [row] = doc.by_id("summary").find_all("tr", data_function="f")
    assert not row.find_all("a")


# --- browser tests --------------------------------------------------------------------

def chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    pytest.fail("headless Chromium is needed for the report page tests: "
                "apt-get install chromium (see .ci/run)")


def run_chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess:
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
           "--no-first-run", "--no-default-browser-check", "--hide-scrollbars",
           f"--user-data-dir={profile}", *args]
    # stderr carries dbus/GPU noise: ignore it (but keep it for the failure message).
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
    assert proc.returncode == 0, (proc.returncode, proc.stderr.decode(errors="replace")[-2000:])
    return proc


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("report") / "report.html"
    path.write_text(render(DATA), encoding="utf-8")
    return path


def test_browser_dom(page_file, tmp_path):
    t0 = time.monotonic()
    proc = run_chromium(["--dump-dom", page_file.as_uri()], tmp_path / "profile")
    dom = proc.stdout.decode("utf-8")
    print(f"chromium --dump-dom: {time.monotonic() - t0:.1f}s")
    assert "<pre" in dom, dom[:500]
    doc = parse(dom).root
    check_all(doc, DATA)
    # the inline script ran (the CSP hash let it through) and found the findings
    [html_el] = doc.find_all("html")
    assert "js" in html_el.classes
    assert "hidden" not in doc.by_id("status").attrs
    focusable = [n for n in doc.by_id("source").iter() if n.attrs.get("tabindex") == "0"]
    want = [a for a in DATA["accesses"] if a["status"] in ("checked", "rejected")]
    want += [a for a in DATA["annotations"] if a["status"] == "unproven"]
    assert len(focusable) == len(want)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


def test_browser_screenshot(page_file, tmp_path):
    shot = tmp_path / "report.png"
    t0 = time.monotonic()
    run_chromium([f"--screenshot={shot}", "--window-size=1200,900", page_file.as_uri()],
                 tmp_path / "profile")
    print(f"chromium --screenshot: {time.monotonic() - t0:.1f}s")
    assert shot.exists(), "chromium wrote no screenshot"
    data = shot.read_bytes()
    assert len(data) > 8 * 1024, f"screenshot is only {len(data)} bytes"
    assert png_size(data) == (1200, 900)
    build = REPO / "build"
    build.mkdir(exist_ok=True)
    # write then rename, so a parallel run never leaves a half-written file
    tmp = build / f".report-screenshot.{os.getpid()}.png"
    shutil.copyfile(shot, tmp)
    os.replace(tmp, build / "report-screenshot.png")
