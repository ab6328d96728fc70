"""The verification report's data: what `certa report prog.c -o report.html` shows.

What this module produces: the dict `report_html.render` draws, computed by compiling the
program once: every memory access through a pointer or into an array in the user's
functions (proven statically, checked at run time, or rejected when the kernel would refuse
the module), every annotation clause (proven: part of the certificate the kernel checked;
unused: read but neither required nor assumed; unproven: the clause the compiler reported),
and a summary per function. Untrusted and read-only: it changes nothing in the module.
"""
from __future__ import annotations

from pathlib import Path

from certa.compiler import acsl as A
from certa.compiler.pipeline import Report, compile_image
from certa.compiler.verify import c_text
from certa.diagnostics import CompileError, read_line


def column(path: str, line: int, text: str) -> int:
    src = read_line(path, line) or ""
    k = src.find(text) if text else -1
    return k + 1 if k >= 0 else max(1, len(src) - len(src.lstrip()) + 1)


def clause_text(c) -> str:
    if isinstance(c, A.Assigns):
        return f"{c.kind} " + (", ".join(A.show(t) for t in c.targets) or "\\nothing")
    kind = {"invariant": "loop invariant", "variant": "loop variant"}.get(c.kind, c.kind)
    return f"{kind} {A.show(c.expr)}" if c.expr is not None else kind


def report_data(path: str, defines: list[str] | None = None) -> dict:
    rep = Report()
    error = None
    try:
        compile_image(path, defines, rep)
    except CompileError as e:
        error = e
    source = Path(path).read_text(encoding="utf-8", errors="replace")
    out = {"file": Path(path).name, "source": source, "accesses": [], "annotations": [],
           "functions": [], "notes": [w.format().splitlines()[0] for w in rep.warnings]}
    outcome = rep.outcome
    out["certified"] = bool(rep.certified) and error is None
    if error is not None:
        out["verdict"] = f"not certified: {error.message}"
        out["notes"].append(error.format().splitlines()[0])
    elif rep.certified:
        out["verdict"] = "certified: the kernel accepts this module"
    else:
        out["verdict"] = f"not certified: {rep.why_not}"
    stats: dict = {}

    def count(fn: str, key: str) -> None:
        stats.setdefault(fn, {"proven": 0, "checked": 0, "rejected": 0,
                              "annotations_proven": 0, "annotations_unproven": 0})[key] += 1
    if outcome is not None:
        gen = outcome.gen
        for fn, line, e in gen.elided:
            text = c_text(e)
            status = "proven" if out["certified"] else "rejected"
            out["accesses"].append({"line": line, "col": column(path, line, text), "length": len(text),
                                    "text": text, "function": fn, "status": status,
                                    "detail": "proven from the annotations; the kernel checked the proof"
                                    if status == "proven" else "not proven: " + (rep.why_not or "see the error")})
            count(fn, status)
        for kind, line, fn in gen.checks:
            if kind != 1:
                continue
            why = outcome.checked.get((fn, line))
            text = why["text"] if why else "access"
            detail = (why["need"] + ("; known: " + ", ".join(why["known"]) if why["known"] else "")
                      if why else "bounds checked at run time (not proven statically)")
            out["accesses"].append({"line": line, "col": why["col"] if why and why["col"] else
                                    column(path, line, "["), "length": len(text) if why else 1,
                                    "text": text, "function": fn, "status": "checked", "detail": detail})
            count(fn, "checked")
    annots = rep.annotations
    if annots is not None:
        unused = set()
        if outcome is not None:
            for clause, low in outcome.sources.lowered:
                if low.unused:
                    unused.add(id(clause))
        clauses = []
        for name, fc in annots.contracts.items():
            clauses += [(name, c) for c in fc.requires + fc.ensures + fc.other]
        for k, (f, _) in annots.statements.items():
            for item in annots.items.get(k, []):
                parts = item.clauses if isinstance(item, A.LoopAnnot) else [item.clause]
                clauses += [(f.name, c) for c in parts]
        for fn, c in clauses:
            if error is not None and (error.line, error.col) == (c.pos.line, c.pos.col):
                status, detail = "unproven", error.message
            elif isinstance(c, A.Assigns) or c.kind in ("variant", "terminates", "decreases"):
                status, detail = "unused", "read but not checked (not needed for memory safety)"
            elif id(c) in unused:
                status, detail = "unused", "part of it cannot be expressed as facts: neither checked nor assumed"
            elif out["certified"]:
                status, detail = "proven", {"requires": "established at every call; assumed in the body",
                                            "ensures": "proven at every return; assumed after calls"}.get(
                                                c.kind, "proven on every path that reaches it")
            else:
                status, detail = "unproven", "the program was not certified"
            text = clause_text(c)
            out["annotations"].append({"line": c.pos.line, "col": c.pos.col,
                                       "length": len(text), "text": text, "function": fn,
                                       "kind": c.kind, "status": status, "detail": detail})
            if status in ("proven", "unproven"):
                count(fn, f"annotations_{status}")
    if outcome is not None:
        for f in outcome.gen.program.functions:
            if f.library:
                continue
            s = stats.get(f.name, {"proven": 0, "checked": 0, "rejected": 0,
                                   "annotations_proven": 0, "annotations_unproven": 0})
            out["functions"].append({"name": f.name, "line": f.line, **s})
    return out
