"""Certificate skeletons: the contracts, cut points and frame areas of a compiled program.

What this pass produces: for every function of the typed program, the part of the
certificate the kernel cannot find by itself — the contract (each parameter's name, byte size
and signedness; the return type), the frame areas of address-taken locals, and at each loop
header a cut-point assertion. The assertion is the simplest one that holds: the frame depth,
and every scalar local and parameter slot bound to its own variable, bounded by its C type.
(Scalar locals are zero-initialised in the prologue, so every slot is known at every loop
header.) `certify.py` then asks the kernel for the obligations and the prover for proofs.

Untrusted. Programs whose safety needs more than this — pointer parameters, pointers loaded
from memory, facts that must flow around a loop — do not certify yet; the compiler then
writes no certificate (see docs/kernel.md, known gaps).
"""
from __future__ import annotations

from certa.compiler import tast as T
from certa.compiler.codegen import FrameInfo
from certa.compiler.ctype import ArrayType, CType, IntType, PointerType, StructType, VoidType


def c_width(t: CType) -> tuple[int, bool]:
    """(byte size, signed) of a scalar C type as the kernel sees it."""
    if isinstance(t, IntType):
        return t.size, t.signed
    if isinstance(t, PointerType):
        return 8, False
    raise ValueError(f"not a scalar: {t}")


def ranges(name: str, t: CType) -> list:
    size, signed = c_width(t)
    if isinstance(t, IntType) and t.name == "_Bool":
        lo, hi = 0, 1
    elif signed:
        lo, hi = -(1 << (8 * size - 1)), (1 << (8 * size - 1)) - 1
    else:
        lo, hi = 0, min((1 << (8 * size)) - 1, (1 << 63) - 1)
    return [[">=", [[1, [name]], [-lo, []]]], [">=", [[-1, [name]], [hi, []]]]]


def templates(name: str, t: CType) -> list:
    """Candidate facts beyond the type's range (certify.infer keeps those that hold):
    v >= 0 and v >= 1, the facts loop counters and lengths usually need."""
    out = [[">=", [[1, [name]], [-1, []]]]]
    if isinstance(t, IntType) and t.signed:
        out.append([">=", [[1, [name]]]])
    return out


def address_taken(f: T.Function) -> set:
    out = set()
    for n in T.nodes(f.body):
        if isinstance(n, T.AddrOf):
            t = n.target
            while isinstance(t, T.Member):
                t = t.base
            if isinstance(t, T.Local):
                out.add(id(t.var))
    return out


def function_skeleton(f: T.Function, info: FrameInfo) -> dict:
    params = [[f"p{i}", *c_width(v.type)] for i, v in enumerate(f.params)]
    ret = [0, False] if isinstance(f.type.ret, VoidType) else list(c_width(f.type.ret))
    taken = address_taken(f)
    areas, slots, facts, names = [], {}, [], {}
    for k, v in enumerate(f.params + f.locals):
        off = v.offset - info.frame                  # from the entry rsp S
        if isinstance(v.type, (ArrayType, StructType)) or id(v) in taken:
            areas.append([off, off + max(v.type.size, 1)])
        else:
            name = f"v{k}"
            names[id(v)] = name
            slots[str(off)] = [v.type.size, [[1, [name]]]]
            facts += ranges(name, v.type) + templates(name, v.type)
    cuts = {}
    for pos in info.loop_heads:
        extra = []
        for v, lo, hi in info.ranges.get(pos, []):     # counted loops: lo <= i <= hi
            if id(v) in names:
                extra += [[">=", [[1, [names[id(v)]]], [-lo, []]]], [">=", [[-1, [names[id(v)]]], [hi, []]]]]
        cuts[str(pos)] = {"depth": info.frame, "slots": slots, "facts": facts + extra}
    return {"params": params, "ret": ret, "areas": areas, "cuts": cuts}


def skeleton(program: T.Program, frames: dict[str, FrameInfo]) -> dict:
    return {"format": "certa-cert/0",
            "functions": {f.name: function_skeleton(f, frames[f.name]) for f in program.functions}}
