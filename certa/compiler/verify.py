"""Verification of annotated programs: certificates for functions whose accesses are proven
from the user's annotations, and diagnostics in source terms when a proof fails.

What this pass produces: the module image and its certificate, built in rounds. In a function
with annotations every access through a pointer and every array index starts unchecked; the
kernel's obligations are generated and proven; each access the prover cannot prove gets its
run-time check back (per source line) and the module is built again, until every remaining
obligation is proven or the failure is not an access (then it is the user's annotation that
does not hold, and the error says which, where, and what was missing).

Untrusted: the kernel checks the result. An access left unchecked here is safe only because
the kernel accepts its proof.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field, replace

from certa.compiler import acsl as A
from certa.compiler import tast as T
from certa.compiler.annotations import Annotations
from certa.compiler.certgen import Sources, json_poly, skeleton
from certa.compiler.certify import certify, infer
from certa.compiler.codegen import FAT_PREFIX, ModuleGen
from certa.compiler.ctype import ArrayType, IntType, PointerType
from certa.diagnostics import CompileError, read_line
from certa.kernel.check import CertError
from certa.kernel.decode import DecodeError
from certa.kernel.logic import Fact, Poly
from certa.kernel.symexec import Reject

MAX_ROUNDS = 6


@dataclass
class Outcome:
    image: object
    cert: bytes
    why_not: str                                    # when there is no certificate
    gen: ModuleGen
    sources: Sources
    checked: dict = field(default_factory=dict)     # (function, line) -> explanation
    annotation_status: dict = field(default_factory=dict)   # id(clause) -> (status, detail)


def line_of(image, offset: int | None) -> int:
    if offset is None:
        return 0
    return next((ln for off, ln in reversed(image.lines) if off <= offset and ln), 0)


def source_name(label: str) -> str:
    return label[len(FAT_PREFIX):] if label.startswith(FAT_PREFIX) else label


def build(program: T.Program, annots: Annotations, certificate) -> Outcome:
    """The rounds described above. `certificate(image, skeleton)` is the plain path
    (pipeline.certificate), used when nothing is annotated."""
    keep: set = set()
    checked: dict = {}
    for _ in range(MAX_ROUNDS):
        gen = ModuleGen(program, annots, frozenset(keep))
        image = gen.generate()
        sources = Sources()
        sk = skeleton(program, gen, sources)
        image = with_preconditions(image, sk, sources)
        if annots is None or not annots.annotated:
            cert, why = certificate(image, sk)
            return Outcome(image, cert, why, gen, sources)
        drops: dict = {}
        try:
            inferred = infer(image, sk, drops)
        except (Reject, CertError, DecodeError) as e:
            return Outcome(image, b"", str(e), gen, sources)
        dropped_invariants(inferred, sources, image, drops)
        try:
            data, failures = certify(image, inferred)
        except (Reject, CertError, DecodeError) as e:
            return Outcome(image, b"", str(e), gen, sources)
        elided = {(f, ln) for f, ln, _ in gen.elided}
        new = {}
        for u in failures:
            key = (source_name(u.function), line_of(image, u.obligation.offset))
            if u.obligation.kind == "access" and key in elided and key not in keep:
                new.setdefault(key, u)
        if new:
            for key, u in new.items():
                checked[key] = explain_access(u, [e for f, ln, e in gen.elided if (f, ln) == key],
                                              program, annots, sources, image)
            keep |= set(new)
            continue
        out = Outcome(image, data if not failures else b"", "", gen, sources, checked)
        if failures:
            contract_failure(failures, sources, image, program, annots)
            u = failures[0]
            line = line_of(image, u.obligation.offset)
            out.why_not = (f"in {source_name(u.function)}: cannot prove {u.obligation.what}"
                           + (f" (line {line})" if line else ""))
        return out
    raise CompileError("the compiler could not settle which accesses need run-time checks "
                       f"after {MAX_ROUNDS} rounds", program.source)


def with_preconditions(image, sk: dict, sources: Sources):
    """The interface states each exported function's precondition exactly as the certificate
    does (the kernel's EXPORT rule), with the clause texts for the runtime's messages."""
    iface = json.loads(image.iface)
    changed = False
    for f in iface["functions"]:
        spec = sk["functions"].get(f["name"])
        if spec is None or f["name"] == "main" or not (spec.get("pre") or spec.get("pre_regions")):
            continue
        f["pre"], f["pre_regions"] = spec.get("pre", []), spec.get("pre_regions", [])
        clauses = sources.pre.get(f["name"], []) + sources.pre_regions.get(f["name"], [])
        f["pre_text"] = [A.show(c.expr) if c is not None else "the pointer's region lies in user space"
                         for c in clauses]
        changed = True
    return replace(image, iface=json.dumps(iface, indent=1).encode()) if changed else image


# -- annotations that do not hold --------------------------------------------------------------
def clause_error(clause, msg: str, notes: list[str]) -> CompileError:
    return CompileError(msg, clause.pos.file, clause.pos.line, clause.pos.col, notes=notes)


def path_text(origin, pos: int, image, clause) -> str:
    """Where the path on which a cut point's fact failed began, for the user."""
    loop = clause.kind == "invariant"
    if origin is None:
        return ("it does not hold when the loop is first reached (the path from the function's "
                "entry)") if loop else "it fails on the path from the function's entry"
    if origin == pos:
        return ("it is not preserved by the loop body (the path from the loop header around "
                "the loop back to it)") if loop else "it fails on the path from this point back to it"
    line = line_of(image, origin)
    return f"it fails on the path that starts at line {line}" if line else \
        "it fails on a path from another cut point"


def dropped_invariants(inferred: dict, sources: Sources, image, drops: dict | None = None) -> None:
    """A loop invariant or assert the inference had to drop is not proven: an error at it."""
    for label, cuts in sources.musts.items():
        f = inferred["functions"].get(label)
        if f is None:
            continue
        for pos, wants in cuts.items():
            cut = f["cuts"].get(str(pos), {})
            for kind, item, clause in wants:
                have = cut.get("facts", []) if kind == "fact" else cut.get("regions", [])
                present = item in have if kind == "fact" else any(
                    r[1:] == item[1:] for r in have)
                if not present:
                    what = "loop invariant" if clause.kind == "invariant" else clause.kind
                    part = fact_text(item, label, sources) if kind == "fact" else "its \\valid region"
                    key = (label, pos, json.dumps(item))
                    where = path_text(drops[key], pos, image, clause) if drops and key in drops else (
                        "it must hold when the loop is reached and after every iteration"
                        if clause.kind == "invariant" else "it must hold on every path that reaches it")
                    raise clause_error(
                        clause, f"{what} `{A.show(clause.expr)}` is not proven",
                        [f"the part that fails: {part}", where,
                         "add what it depends on as a loop invariant or requires clause"])


def contract_failure(failures: list, sources: Sources, image, program: T.Program,
                     annots: Annotations) -> None:
    """An unproven precondition at a call or postcondition at a return: an error in the
    user's terms at the call (with the clause) or at the ensures clause."""
    for u in failures:
        ob = u.obligation
        prefix = ob.what.split(":", 1)[0]
        line = line_of(image, ob.offset)
        if prefix.startswith("precondition of "):
            callee = prefix[len("precondition of "):]
            table = sources.pre if ob.kind == "call" else sources.pre_regions
            clauses = table.get(callee, [])
            if not clauses:
                continue
            clause = clauses[u.ordinal % len(clauses)]
            name = source_name(callee)
            if clause is None and ob.kind == "region" and u.function == name:
                # The exported entry cannot give its body the writable bounds the body needs:
                # the contract says read-only where the function writes.
                ro = read_only_clause(annots, name, sources)
                if ro is not None:
                    raise clause_error(ro, f"{name} writes through memory that `{A.show(ro.expr)}` "
                                           "gives it read-only", [
                                               "use \\valid instead of \\valid_read for memory the "
                                               "function writes"])
            if clause is None:
                continue
            text = read_line(program.source, line) or ""
            col = text.find(name + "(") + 1 if line else 0
            raise CompileError(
                f"this call to {name} does not establish its precondition `{A.show(clause.expr)}`",
                program.source, line, max(col, 0),
                notes=[f"{clause.pos.file}:{clause.pos.line}:{clause.pos.col}: the requires clause",
                       f"cannot prove {goal_text(ob, u.function, sources)} here"])
        if prefix == "postcondition":
            clauses = sources.post.get(u.function, [])
            if not clauses:
                continue
            clause = clauses[u.ordinal % len(clauses)]
            raise clause_error(clause, f"ensures `{A.show(clause.expr)}` is not proven",
                               [f"it fails on a path that returns (line {line})" if line else
                                "it fails on a path that returns",
                                f"cannot prove {goal_text(ob, u.function, sources)}"])


def read_only_clause(annots: Annotations, name: str, sources: Sources):
    """The requires clause of `name` that gives read-only memory (\\valid_read), if any."""
    fc = annots.contracts.get(name)
    own = {id(c) for c in fc.requires} if fc is not None else set()
    for clause, low in sources.lowered:
        if id(clause) in own and any(not r.writable for r in low.regions):
            return clause
    return None


# -- rendering kernel facts in the user's terms ------------------------------------------------
def render_poly_fact(f: Fact, names: dict) -> str | None:
    """`poly >= 0` as `lhs >= rhs` with C names, or None when a variable has no C name."""
    left, right = [], []
    for mono, c in f.poly.terms():
        parts = []
        for v in mono:
            if v not in names:
                return None
            parts.append(names[v])
        term = "*".join(parts)
        side = left if c > 0 else right
        k = abs(c)
        side.append(str(k) if not term else (term if k == 1 else f"{k}*{term}"))
    lhs = " + ".join(left) or "0"
    rhs = " + ".join(right) or "0"
    op = ">=" if f.kind == ">=" else "=="
    return f"{lhs} {op} {rhs}"


def fact_text(item, label: str, sources: Sources) -> str:
    f = Fact(json_poly(item[1]), item[0])
    return render_poly_fact(f, sources.var_names.get(label, {})) or str(f)


def goal_text(ob, label: str, sources: Sources) -> str:
    if ob.goal is None:
        return ob.what
    return render_poly_fact(ob.goal, sources.var_names.get(label, {})) or str(ob.goal)


def known_text(ob, label: str, sources: Sources, about: set) -> list[str]:
    names = sources.var_names.get(label, {})
    out = []
    for h in ob.hyps:
        if about and not (h.poly.variables() & about):
            continue
        if abs(h.poly.constant) >= (1 << 31) - 1:
            continue            # a C type's range: noise next to the facts that matter
        text = render_poly_fact(h, names)
        if text and text not in out:
            out.append(text)
    return out[:6]


# -- accesses that keep their check ------------------------------------------------------------
def c_text(e) -> str:
    """A C rendering of a typed expression (for diagnostics)."""
    if isinstance(e, T.Local):
        return e.var.name
    if isinstance(e, T.GlobalRef):
        return e.var.name
    if isinstance(e, T.Const):
        return str(e.value)
    if isinstance(e, T.Convert):
        return c_text(e.operand)
    if isinstance(e, T.AddrOf):
        return c_text(e.target) if isinstance(e.target.type, ArrayType) else "&" + c_text(e.target)
    if isinstance(e, T.Deref):
        p = e.ptr
        if isinstance(p, T.PtrAdd):
            return f"{c_text(p.ptr)}[{c_text(p.index)}]"
        return f"*{c_text(p)}"
    if isinstance(e, T.Member):
        if isinstance(e.base, T.Deref) and not isinstance(e.base.ptr, T.PtrAdd):
            return f"{c_text(e.base.ptr)}->{e.name}" if hasattr(e, "name") else c_text(e.base)
        return f"{c_text(e.base)}.{getattr(e, 'name', '?')}"
    if isinstance(e, T.Binary):
        return f"{c_text(e.left)} {e.op} {c_text(e.right)}"
    if isinstance(e, T.PtrAdd):
        return f"{c_text(e.ptr)} + {c_text(e.index)}"
    if isinstance(e, T.IncDec):
        return f"{c_text(e.target)}{'++' if e.delta > 0 else '--'}"
    return "..."


def pointer_root(e):
    """The variable an access goes through (a[i], *p, p->f), or None."""
    while isinstance(e, T.Member):
        e = e.base
    if isinstance(e, T.Deref):
        p = e.ptr.ptr if isinstance(e.ptr, T.PtrAdd) else e.ptr
        while isinstance(p, (T.Convert, T.PtrAdd)):
            p = p.operand if isinstance(p, T.Convert) else p.ptr
        if isinstance(p, T.Local):
            return p.var
        if isinstance(p, T.IncDec) and isinstance(p.target, T.Local):
            return p.target.var
        if isinstance(p, T.AddrOf) and isinstance(p.target, T.Local):
            return p.target.var
    return None


def explain_access(u, accesses: list, program: T.Program, annots: Annotations, sources: Sources,
                   image) -> dict:
    """Why an access on this line could not be proven, in source terms, and what would
    supply the missing fact."""
    ob = u.obligation
    label = u.function
    fname = source_name(label)
    f = next(x for x in program.functions if x.name == fname)
    access = accesses[0] if accesses else None
    if ob.access and len(accesses) > 1:
        # The access whose index (or pointer) variable the failing address mentions.
        inv = {c: k for k, c in sources.var_names.get(label, {}).items() if not k.startswith("p")}
        used = ob.access[0].variables()
        for e in accesses:
            idx = e.ptr.index if isinstance(e, T.Deref) and isinstance(e.ptr, T.PtrAdd) else None
            if idx is not None and inv.get(c_text(idx)) in used:
                access = e
                break
    text = c_text(access) if access is not None else "this access"
    root = pointer_root(access) if access is not None else None
    write = bool(ob.access and ob.access[2])
    need, suggestion = "", ""
    fc = annots.contracts.get(fname)
    index = access.ptr.index if isinstance(access, T.Deref) and isinstance(access.ptr, T.PtrAdd) else None
    idx = c_text(index) if index is not None else None
    names = sources.var_names.get(label, {})
    about = {k for k, n in names.items() if n == idx} if index is not None else set()
    if root is not None and any(root is p for p in f.params) and isinstance(root.type, PointerType):
        bounded = annots.wrapper_bounds(f) if fc is not None else {}
        i = next(k for k, p in enumerate(f.params) if p is root)
        if i in bounded:
            count = render_count(bounded[i][0], f)
            need = f"need 0 <= {idx} < {count} for {text}" if idx else \
                f"need {text} within \\valid({root.name} + (0..{count}-1))"
            suggestion = (f"add a loop invariant bounding {idx} (e.g. /*@ loop invariant 0 <= {idx} "
                          f"<= {count}; */) or a requires clause" if idx else
                          "add a loop invariant relating the pointer to the region")
        else:
            n = next((p.name for p in f.params if isinstance(p.type, IntType)
                      and p.name in ("n", "len", "size", "count", "length")), "n")
            valid = "\\valid" if write else "\\valid_read"
            need = f"need {root.name} to point to memory: it has no \\valid clause"
            suggestion = f"add /*@ requires {valid}({root.name} + (0..{n}-1)); */ before {fname}"
    elif root is not None:
        need = f"need {text} within the bounds of {root.name}"
        suggestion = "add a loop invariant relating the index or pointer to the object's size"
    known = known_text(ob, label, sources, about)
    line = line_of(image, ob.offset)
    src = read_line(program.source, line) or ""
    col = src.find(text) + 1 if text and text in src else 0
    return {"line": line, "col": col, "text": text, "need": need, "known": known,
            "suggestion": suggestion, "function": fname, "goal": ob.what}


def render_count(count: Poly, f: T.Function) -> str:
    """A polynomial over the entry variables p0, p1, ... with the parameters' C names."""
    names = {f"p{i}": v.name for i, v in enumerate(f.params)}
    parts = []
    for mono, c in count.terms():
        if any(v not in names for v in mono):
            return str(count)
        term = "*".join(names[v] for v in mono)
        k = abs(c)
        text = str(k) if not term else (term if k == 1 else f"{k}*{term}")
        parts.append(("- " if c < 0 else "+ ") + text)
    out = " ".join(parts) or "0"
    return out[2:] if out.startswith("+ ") else "-" + out[2:]
