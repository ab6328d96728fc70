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

from dataclasses import dataclass, field

from certa.compiler import tast as T
from certa.compiler.codegen import FrameInfo, PointerFlows, address_taken, main_with_argv, root_object
from certa.compiler.memtypes import MemTypes
from certa.compiler.ctype import ArrayType, CType, IntType, PointerType, StructType, VoidType
from certa.compiler.annotations import Annotations, Env
from certa.kernel.logic import Fact, Poly


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
    if isinstance(t, PointerType):
        # The kernel reads a pointer parameter as a signed 64-bit value: when `v >= 0`
        # cannot be shown, this weaker fact still bounds sums like v + 4*i from below.
        out.append([">=", [[1, [name]], [1 << 63, []]]])
    return out


USER_END = 1 << 47          # the top of user space, exclusive (kernel: USER_TOP + 1)


def poly(*terms) -> list:
    """[[coeff, [vars]], ...] from (coeff, var-or-None) pairs."""
    return [[c, [v] if v else []] for c, v in terms]


def bounds_facts(b: str, e: str) -> list:
    """0 <= b <= e <= USER_END, and e >= 0 (so e has an interval of its own)."""
    return [[">=", poly((1, b))], [">=", poly((1, e), (-1, b))], [">=", poly((-1, e), (USER_END, None))],
            [">=", poly((1, e))]]


def bounds_region(name: str, b: str, e: str, writable: bool, mtype: str = "bytes") -> list:
    region = [name, poly((1, b)), poly((1, e), (-1, b)), writable, False]
    return region if mtype == "bytes" else region + [mtype, False]


def block_region(name: str, p: str, e: str, writable: bool, mtype: str) -> list:
    """A pointer that is null or the start of a block: its region is that maybe-null block."""
    return [name, poly((1, p)), poly((1, e), (-1, p)), writable, True, mtype, True]


def start_region(name: str, p: str, e: str, writable: bool, mtype: str) -> list:
    """A pointer that is the start of an object (its bounds' base): the region [p, e)."""
    return [name, poly((1, p)), poly((1, e), (-1, p)), writable, False, mtype, False]


def poly_json(p: Poly) -> list:
    return [[c, list(m)] for c, m in p.to_data()]


def fact_json(f: Fact) -> list:
    return [f.kind, poly_json(f.poly)]


def json_poly(x: list) -> Poly:
    return Poly.from_data([(c, tuple(m)) for c, m in x])


def region_json(name: str, r, mt: MemTypes) -> list:
    out = [name, poly_json(r.base), poly_json(r.length), r.writable, False]
    mtype = mt.name(r.target) if not isinstance(r.target, VoidType) else "bytes"
    return out if mtype == "bytes" else out + [mtype, False]


@dataclass
class Sources:
    """Where the annotation facts of a certificate came from, for diagnostics (not part of
    the certificate): per function symbol, the clause behind each precondition fact and
    region, each postcondition fact, and the facts and regions each cut point must keep."""
    pre: dict = field(default_factory=dict)          # symbol -> [clause | None] per pre fact
    pre_regions: dict = field(default_factory=dict)  # symbol -> [clause | None] per pre region
    post: dict = field(default_factory=dict)         # symbol -> [clause] per post fact
    musts: dict = field(default_factory=dict)        # symbol -> {cut: [(kind, json, clause)]}
    lowered: list = field(default_factory=list)      # (clause, Lowered) for the report
    var_names: dict = field(default_factory=dict)    # symbol -> {certificate variable: C name}


def contract_parts(f: T.Function, annots: Annotations | None, values: dict, mt: MemTypes,
                   sources: "Sources", label: str):
    """ACSL requires/ensures of f over the variables in `values` (id(param) -> Poly):
    (pre facts, pre regions, post facts) as certificate JSON, sources recorded."""
    fc = annots.contracts.get(f.name) if annots is not None else None
    if fc is None:
        return [], [], []
    names = {v.name: v for v in f.params}
    pre, regions, post = [], [], []
    pre_src, region_src, post_src = [], [], []
    for v in f.params:
        # The kernel reads a 64-bit register as signed; an unsigned 64-bit parameter of an
        # annotated function is asked to be below 2^63 (the runtime passes no more).
        if isinstance(v.type, IntType) and v.type.size == 8 and not v.type.signed:
            pre.append(fact_json(Fact(values[id(v)], ">=")))
            pre_src.append(None)
    for c in fc.requires:
        low = annots.lower(c.expr, Env(names, values, values))
        sources.lowered.append((c, low))
        # Valid memory is addressable: a region ends in user space (so offsets into it
        # cannot wrap), which every caller can prove from its own objects or contract.
        inside = [Fact(USER_END - r.base - r.length, ">=") for r in low.regions]
        pre += [fact_json(x) for x in low.facts + inside]
        pre_src += [c] * (len(low.facts) + len(inside))
        regions += [region_json(f"acsl{len(regions) + k}", r, mt) for k, r in enumerate(low.regions)]
        region_src += [c] * len(low.regions)
    ret_int = isinstance(f.type.ret, IntType)
    for c in fc.ensures:
        low = annots.lower(c.expr, Env(names, values, values, Poly.var("result") if ret_int else None))
        sources.lowered.append((c, low))
        post += [fact_json(x) for x in low.facts]
        post_src += [c] * len(low.facts)
        if low.regions:
            low.unused += [(c.expr, "\\valid in an ensures clause is not used (a returned region "
                                    "comes from the function's own bounds)")]
    sources.pre[label] = pre_src
    sources.pre_regions[label] = region_src
    sources.post[label] = post_src
    return pre, regions, post


def c_poly(e, now: dict):
    """The value of a C expression over the cut point's variables, when it is a sum of
    variables and constants (a Poly), else None."""
    if isinstance(e, T.Local):
        return now.get(id(e.var))
    if isinstance(e, T.Const):
        return Poly.const(e.value)
    if isinstance(e, T.Convert):
        src, dst = e.operand.type, e.type
        if isinstance(src, IntType) and isinstance(dst, IntType) and (
                dst.size > src.size and (dst.signed or not src.signed)
                or (dst.size == src.size and dst.signed == src.signed)):
            return c_poly(e.operand, now)       # widening keeps the value
        if isinstance(src, PointerType) and isinstance(dst, PointerType):
            return c_poly(e.operand, now)
        return None
    if isinstance(e, T.Binary) and e.op in ("+", "-", "*"):
        a, b = c_poly(e.left, now), c_poly(e.right, now)
        if a is None or b is None or (e.op == "*" and not (a.is_const() or b.is_const())):
            return None
        return a + b if e.op == "+" else a - b if e.op == "-" else a * b
    if isinstance(e, T.PtrAdd):
        a, b = c_poly(e.ptr, now), c_poly(e.index, now)
        return None if a is None or b is None else a + b * e.scale
    return None


def condition_facts(e, now: dict) -> list:
    """Facts a loop condition states (comparisons of sums of variables, and their &&):
    candidates for the cut points inside the loop."""
    if isinstance(e, T.Logical) and e.op == "&&":
        return condition_facts(e.left, now) + condition_facts(e.right, now)
    if isinstance(e, T.Binary) and e.op in ("<", "<=", ">", ">=", "=="):
        a, b = c_poly(e.left, now), c_poly(e.right, now)
        if a is None or b is None:
            return []
        f = {"<": Fact(b - a - 1, ">="), "<=": Fact(b - a, ">="), ">": Fact(a - b - 1, ">="),
             ">=": Fact(a - b, ">="), "==": Fact(a - b, "==")}[e.op]
        return [fact_json(f)]
    return []


def function_skeleton(f: T.Function, info: FrameInfo, flows: "Flows", mt: MemTypes, blocks,
                      annots: Annotations | None = None, sources: "Sources | None" = None,
                      label: str = "") -> dict:
    sources = sources if sources is not None else Sources()
    params = [[f"p{i}", *c_width(v.type)] for i, v in enumerate(f.params)]
    pre, pre_regions = [], []
    # Pointer parameters whose region the exported entry computes from a contract: the
    # entry passes an object start (p == base), never a block with a header.
    contracted = {id(f.params[i]) for i in (annots.wrapper_bounds(f) if annots is not None else {})}
    used = {id(n.var) for n in T.nodes(f.body) if isinstance(n, T.Local)}
    for i, v in enumerate(f.params):
        if isinstance(v.type, PointerType):
            b, e = f"b{i}", f"e{i}"
            params += [[b, 8, True], [e, 8, True]]
            pre += bounds_facts(b, e)[:3]
            if id(v) not in used:
                continue        # never used (free's): asks callers for no memory at all
            if blocks.blockish(T.Local(v, v.type)) and id(v) in info.bounds and id(v) not in contracted:
                pre.append(["==", poly((1, f"p{i}"), (-1, b))])
                pre_regions.append(block_region(f"arg{i}", f"p{i}", e, flows.writable(v), mt.name(v.type.target)))
            elif blocks.value_is_base(v) and id(v) in info.bounds:
                pre.append(["==", poly((1, f"p{i}"), (-1, b))])
                pre_regions.append(start_region(f"arg{i}", f"p{i}", e, flows.writable(v), mt.name(v.type.target)))
            else:
                pre_regions.append(bounds_region(f"arg{i}", b, e, flows.writable(v), mt.name(v.type.target)))
    fat_pre, fat_regions = len(pre), len(pre_regions)
    entry = {id(v): Poly.var(f"p{i}") for i, v in enumerate(f.params)}
    acsl_pre, acsl_regions, post = contract_parts(f, annots, entry, mt, sources, label)
    sources.pre[label] = [None] * fat_pre + sources.pre.get(label, [])
    sources.pre_regions[label] = [None] * fat_regions + sources.pre_regions.get(label, [])
    pre += acsl_pre
    pre_regions += acsl_regions
    ret = [0, False] if isinstance(f.type.ret, VoidType) else list(c_width(f.type.ret))
    taken = address_taken(f)
    areas, slots, facts, regions, names, alternatives = [], {}, [], [], {}, {}
    for k, v in enumerate(f.params + f.locals):
        off = v.offset - info.frame                  # from the entry rsp S
        if isinstance(v.type, (ArrayType, StructType)) or id(v) in taken:
            areas.append([off, off + max(v.type.size, 1)] + ([info.typed[id(v)]] if id(v) in (info.typed or {}) else []))
        else:
            name = f"v{k}"
            names[id(v)] = name
            slots[str(off)] = [v.type.size, [[1, [name]]]]
            facts += ranges(name, v.type) + templates(name, v.type)
        if id(v) in info.bounds:
            boff = info.bounds[id(v)] - info.frame
            b, e = f"vb{k}", f"ve{k}"
            generic = {"slots": {str(boff): [8, poly((1, b))], str(boff + 8): [8, poly((1, e))]},
                       "facts": bounds_facts(b, e),
                       "regions": [bounds_region(f"var{k}", b, e, flows.writable(v), mt.name(v.type.target))]}
            target = flows.frame_target(v)
            own = any(target is x for x in f.params + f.locals) and not any(v is x for x in f.params)
            if blocks.value_is_base(v) and name_of(names, v) is not None:
                # Null or a block start (or an object start): value and base are one
                # variable, the region the maybe-null block (so the pointer may be stored
                # into a pointer field) or the object.
                voff = str(v.offset - info.frame)
                vname = names[id(v)]
                slots[str(boff)] = [8, poly((1, vname))]
                slots[str(boff + 8)] = [8, poly((1, e))]
                facts += bounds_facts(vname, e)
                region = block_region if blocks.blockish(T.Local(v, v.type)) and id(v) not in contracted \
                    else start_region
                regions.append(region(f"var{k}", vname, e, flows.writable(v), mt.name(v.type.target)))
                plain = dict(generic["slots"], **{voff: [8, poly((1, vname))]})
                fallback = {"slots": plain, "facts": generic["facts"], "regions": generic["regions"]}
                for o in (str(boff), str(boff + 8)):
                    alternatives[o] = fallback
            elif own and name_of(names, v) is not None:
                # A pointer into one frame object: its bounds are that object, its value
                # the stack top plus a variable (the kernel keeps it a stack address).
                lo = target.offset - info.frame
                hi = lo + max(target.type.size, 1)
                voff = str(v.offset - info.frame)
                slots[voff] = [8, poly((1, "S"), (lo, None), (1, names[id(v)]))]
                slots[str(boff)] = [8, poly((1, "S"), (lo, None))]
                slots[str(boff + 8)] = [8, poly((1, "S"), (hi, None))]
                facts = [x for x in facts if not any(names[id(v)] in term[1] for term in x[1])]
                plain = dict(generic["slots"], **{voff: [8, poly((1, names[id(v)]))]})
                fallback = {"slots": plain, "facts": generic["facts"] + ranges(names[id(v)], v.type),
                            "regions": generic["regions"]}
                for o in (voff, str(boff), str(boff + 8)):
                    alternatives[o] = fallback
            else:
                slots.update(generic["slots"])
                facts += generic["facts"]
                regions += generic["regions"]
    cuts = {}
    annotated = annots is not None and f.name in annots.annotated
    if annotated:
        # The contract's facts and regions speak of entry values, which never change: every
        # cut point can keep them. A parameter that is never assigned keeps its entry value
        # (a candidate: certify.infer drops it where it does not hold).
        facts = facts + pre
        regions = regions + acsl_regions
        for i, v in enumerate(f.params):
            off = str(v.offset - info.frame)
            if off in slots and slots[off][1] == poly((1, names.get(id(v)))):
                facts = facts + [["==", poly((1, names[id(v)]), (-1, f"p{i}"))]]
    musts = sources.musts.setdefault(label, {})
    shown = sources.var_names.setdefault(label, {"result": "\\result"})
    for k, v in enumerate(f.params + f.locals):
        if id(v) in names:
            shown[names[id(v)]] = v.name
    for i, v in enumerate(f.params):
        shown.setdefault(f"p{i}", v.name)
    for pos in info.loop_heads:
        extra = []
        for v, lo, hi in info.ranges.get(pos, []):     # counted loops: lo <= i <= hi
            if id(v) in names:
                extra += [[">=", [[1, [names[id(v)]]], [-lo, []]]], [">=", [[-1, [names[id(v)]]], [hi, []]]]]
        user_facts, user_regions = [], []
        spec = (info.annots or {}).get(pos)
        now = {}
        if annotated:
            for v in f.params + f.locals:
                off = v.offset - info.frame
                if str(off) in slots:
                    now[id(v)] = json_poly(slots[str(off)][1])
                elif isinstance(v.type, ArrayType):
                    now[id(v)] = Poly.var("S") + off
            # Inside loops, their invariants and conditions are candidates (they hold here
            # when nothing they mention changed since the loop header).
            for loop in (info.context or {}).get(pos, []):
                if getattr(loop, "spec", None) is not None:
                    for c in annots.clauses_at(loop.spec):
                        low = annots.lower(c.expr, Env(loop.spec.names, now, entry))
                        extra += [fact_json(x) for x in low.facts]
                if not isinstance(loop, T.DoWhile) and loop.cond is not None:
                    extra += condition_facts(loop.cond, now)
        if spec is not None and annotated:
            for c in annots.clauses_at(spec):
                low = annots.lower(c.expr, Env(spec.names, now, entry))
                sources.lowered.append((c, low))
                user_facts += [fact_json(x) for x in low.facts]
                user_regions += [region_json(f"inv{len(user_regions) + k}", r, mt)
                                 for k, r in enumerate(low.regions)]
                musts.setdefault(pos, []).extend(
                    [("fact", fact_json(x), c) for x in low.facts] +
                    [("region", region_json(f"inv{len(user_regions) - len(low.regions) + k}", r, mt), c)
                     for k, r in enumerate(low.regions)])
        if info.room:                   # the entry's stack-limit check: S - room >= L
            extra.append([">=", poly((1, "S"), (-1, "L"), (-info.room, None))])
        cuts[str(pos)] = {"depth": info.frame, "slots": slots, "facts": facts + extra + user_facts,
                          "regions": regions + user_regions}
        if pos in info.fills:           # a zero-fill loop: rdx = object, rcx = word index
            disp, words = info.fills[pos]
            cuts[str(pos)]["regs"] = {"rdx": poly((1, "S"), (disp - info.frame, None)),
                                      "rcx": poly((1, "fill")), "r8": poly((words, None)),
                                      "r9": []}
            cuts[str(pos)]["facts"] = cuts[str(pos)]["facts"] + [
                [">=", poly((1, "fill"))], [">=", poly((-1, "fill"), (words - 1, None))]]
    out = {"params": params, "ret": ret, "areas": areas, "cuts": cuts}
    if alternatives:
        out["alternatives"] = alternatives       # for certify.infer; not part of the certificate
    if pre or pre_regions:
        out["pre"], out["pre_regions"] = pre, pre_regions
    if post:
        out["post"] = post
    if annotated:
        out["narrowing"] = True     # for certify.infer; not part of the certificate
    if isinstance(f.type.ret, PointerType):
        out["ret_region"] = flows.writable_result(f)
        if ("ret", f.name) not in blocks.bad:
            out["ret_block"] = mt.name(f.type.ret.target)
    return out


def name_of(names: dict, v) -> str | None:
    return names.get(id(v))


USER_TOP_FACTS = "the pointer and the end of its region lie in user space"


def wrapper_skeleton(f: T.Function, mt: MemTypes, annots: Annotations | None = None,
                     sources: "Sources | None" = None, label: str = "") -> dict:
    """The exported entry of a function with pointer parameters: the plain C contract, and
    for main(argc, argv) the one precondition the kernel knows the runtime keeps (argv is
    null or a block of argc + 1 pointers to blocks of bytes; check.main_argv)."""
    ret = [0, False] if isinstance(f.type.ret, VoidType) else list(c_width(f.type.ret))
    out = {"params": [[f"p{i}", *c_width(v.type)] for i, v in enumerate(f.params)], "ret": ret}
    sources = sources if sources is not None else Sources()
    entry = {id(v): Poly.var(f"p{i}") for i, v in enumerate(f.params)}
    pre, regions, post = contract_parts(f, annots, entry, mt, sources, label)
    extra = []
    for i, (count, size) in (annots.wrapper_bounds(f) if annots is not None else {}).items():
        # The wrapper passes bounds [p, p + max(count, 0) * size): the caller (the runtime)
        # must give a pointer whose region ends in user space.
        p = Poly.var(f"p{i}")
        extra += [fact_json(Fact(p, ">=")), fact_json(Fact(USER_END - p, ">=")),
                  fact_json(Fact(USER_END - p - count * size, ">="))]
    if pre or regions or extra:
        out["pre"], out["pre_regions"] = pre + extra, regions
        sources.pre[label] = sources.pre.get(label, []) + [None] * len(extra)
    if post:
        out["post"] = post
    if main_with_argv(f):
        out["pre"] = [[">=", poly((1, "p0"))], [">=", poly((1, "p1"))]]
        out["pre_regions"] = [["argv", poly((1, "p1")), poly((8, "p0"), (8, None)), True, True,
                               mt.name(f.params[1].type.target), True]]
    return out


class Flows:
    """Which pointers are written through, so which regions must be writable. Untrusted
    and flow-insensitive (over codegen.PointerFlows): a pointer variable (or a function's
    result) is writable when something stores through it or it is stored into memory
    (pointer fields hold writable blocks unless they may hold literals, and then nothing
    stored there is written through), or when it flows into one that is writable (by
    assignment, as an argument, by being returned). A region that is writable where it need
    not be only makes the kernel refuse the module (a string literal cannot cover it)."""

    def __init__(self, flows: PointerFlows, mt: MemTypes, import_writes=frozenset()):
        """`import_writes`: (import, argument index) of the imports' writable regions."""
        self.flows = flows
        self.objects: dict = {}         # id(LocalVar) -> LocalVar, for ("obj", id) keys
        self.edges = {k: set().union(*(self.roots(e) for e in exprs if e is not None))
                      for k, exprs in flows.sources.items()}
        written = set().union(*(self.roots(e) for e in flows.stored
                                if not (isinstance(e.type, PointerType)
                                        and mt.name(e.type.target) in mt.read_only_targets)))
        for name, i, arg in flows.import_args:
            if (name, i) in import_writes:
                written |= self.roots(arg)
        for target in flows.targets:
            while isinstance(target, T.Member):
                target = target.base
            if isinstance(target, T.Deref):
                written |= self.roots(target.ptr)
        self.closure = set(written)
        work = list(written)
        while work:
            k = work.pop()
            for src in self.edges.get(k, ()):
                if src not in self.closure:
                    self.closure.add(src)
                    work.append(src)

    def writable(self, v: T.LocalVar) -> bool:
        return ("var", id(v)) in self.closure

    def writable_result(self, f: T.Function) -> bool:
        return ("ret", f.name) in self.closure

    def frame_target(self, v: T.LocalVar):
        """The one frame object a pointer local only ever points into (it is assigned
        the address of something in it, or itself moved), else None."""
        srcs = self.edges.get(("var", id(v)), set()) - {("var", id(v))}
        if len(srcs) == 1:
            (kind, obj), = srcs
            if kind == "obj":
                return self.objects[obj]
        return None

    def roots(self, e) -> set:
        if isinstance(e, T.PrintfArg):
            e = self.flows.printf_args.get(id(e))
            return self.roots(e) if e is not None else {("other", None)}
        if isinstance(e, T.Local):
            return {("var", id(e.var))}
        if isinstance(e, T.Call):
            return {("ret", e.func.name)}
        if isinstance(e, (T.PtrAdd,)):
            return self.roots(e.ptr)
        if isinstance(e, T.Convert):
            return self.roots(e.operand)
        if isinstance(e, T.Cond):
            return self.roots(e.then) | self.roots(e.other)
        if isinstance(e, T.Assign):
            return self.roots(e.value)
        if isinstance(e, T.Comma):
            return self.roots(e.second)
        if isinstance(e, (T.CompoundAssign, T.IncDec)):
            return self.roots(e.target)
        if isinstance(e, T.AddrOf):
            root = root_object(e.target)
            if isinstance(root, T.Local):
                self.objects[id(root.var)] = root.var
                return {("obj", id(root.var))}
            if root is not None:
                return {("static", None)}
            t = e.target
            while isinstance(t, T.Member):
                t = t.base
            return self.roots(t.ptr) if isinstance(t, T.Deref) else set()
        return {("other", None)}


# The host services' writable buffers, by argument position (check.host_contracts).
HOST_WRITES = frozenset({("__certa_file_read", 1)})


def skeleton(program: T.Program, gen, sources: Sources | None = None) -> dict:
    annots = gen.annots
    # An import's contract is written as the exporter's entry is (wrapper_skeleton), so the
    # two are equal exactly when the C types and ACSL contracts agree (IMPORT).
    imports = {f.name: wrapper_skeleton(f, gen.memtypes, annots, sources, f.name)
               for f in program.externs}
    # Arguments whose region an import may write: those a writable region starts at.
    writes = set(HOST_WRITES) | {(name, i) for name, c in imports.items()
                                 for r in c.get("pre_regions", []) for i in range(len(c["params"]))
                                 if r[3] and r[1] == poly((1, f"p{i}"))}
    flows = Flows(gen.flows, gen.memtypes, frozenset(writes))
    funcs = {}
    for f in program.functions:
        label = gen.body_labels[f.name].name
        funcs[label] = function_skeleton(f, gen.frames[label], flows, gen.memtypes, gen.blocks,
                                         annots, sources, label)
        if gen.fields.get(label):
            funcs[label]["fields"] = {str(off): list(h) for off, h in gen.fields[label].items()}
        if gen.allocs.get(label):
            funcs[label]["allocs"] = {str(off): t for off, t in gen.allocs[label].items()}
        if label != f.name:
            funcs[f.name] = wrapper_skeleton(f, gen.memtypes, annots, sources, f.name)
    out = {"format": "certa-cert/0", "functions": funcs}
    if imports:
        out["imports"] = imports
    if gen.memtypes.declared():
        out["types"] = gen.memtypes.declared()
    if gen.data.object_types:
        out["objects"] = dict(gen.data.object_types)
    return out
