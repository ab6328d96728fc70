"""The kernel's one entry point: `check_module(data) -> Verdict`.

What this file guarantees: a module is accepted only if (1) its file parses strictly
(modfile), (2) every function's code decodes to whitelisted instructions (decode), (3) every
path of every function keeps the rules of symexec, and (4) every obligation symexec emits is
proven by the certificate (proof). Anything else — a malformed certificate, a missing proof,
an internal error — is a rejection whose message names the rule, the function, the address
and the instruction. Nothing here trusts the compiler: the certificate only supplies
contracts, cut-point assertions, frame areas, exactness claims and proofs, and each is
re-checked.

The certificate (`.certa.cert`) is zlib-compressed JSON:

    {"format": "certa-cert/0",
     "imports": {NAME: {"params": ..., "ret": ..., "pre": ..., "pre_regions": ..., "post": ...}},
     "functions": {NAME: {"params": [[name, size, signed], ...], "ret": [size, signed],
                          "pre": [FACT...], "pre_regions": [REGION...], "post": [FACT...],
                          "areas": [[lo, hi] or [lo, hi, type], ...], "exact": [offset, ...],
                          "cuts": {OFFSET: {"depth": d, "regs": {REG: POLY},
                                            "slots": {OFFSET: [size, POLY]},
                                            "facts": [FACT...], "regions": [REGION...]}},
                          "proofs": [PROOF, ...]}}}
    POLY = [[coeff, [var, ...]], ...]      FACT = [">=" | "==", POLY]
    REGION = [name, POLY base, POLY length, writable, nullable]
"""
from __future__ import annotations

import json
import re
import time
import zlib
from dataclasses import dataclass

from certa.kernel import decode, proof
from certa.kernel.logic import Fact, Poly
from certa.kernel.modfile import ModuleFormatError, ModuleImage, image_size, layout, parse_module
from certa.kernel.symexec import (
    LIMIT_SLOT, MAX64, PAGE, REG_NAMES, USER_TOP, Assertion, Contract, FunctionSpec, Layout, ModuleFacts, Obligation,
    Region, Reject, Walker, const, ge0, var)

MAX_CERT = 16 << 20
MAX_JSON = 64 << 20
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


@dataclass
class Verdict:
    ok: bool
    reason: str = ""                 # "RULE: ..." on rejection
    function: str | None = None
    offset: int | None = None        # .text offset of the instruction
    instruction: str | None = None
    line: int | None = None
    functions: int = 0
    instructions: int = 0
    obligations: int = 0
    code_bytes: int = 0
    cert_bytes: int = 0
    seconds: float = 0.0
    # On acceptance: the contracts the check relied on, for the loader's linking (IMPORT):
    # each exported function's (what it was proven to keep) and each import's (what its
    # callers were proven to establish, and what they assumed back).
    exports: dict | None = None
    imports: dict | None = None

    def message(self) -> str:
        if self.ok:
            return "accepted"
        where = []
        if self.function:
            where.append(f"function {self.function}")
        if self.offset is not None:
            where.append(f"at 0x{self.offset:x}")
        if self.instruction:
            where.append(f"'{self.instruction}'")
        if self.line:
            where.append(f"(line {self.line})")
        return (" ".join(where) + ": " if where else "") + self.reason


# -- host services: the contracts of the imports a module may call ---------------------------
def host_contracts() -> dict[str, Contract]:
    buf, n, size = var("buf"), var("len"), var("size")
    return {
        "__certa_write": Contract(params=(("buf", 8, False), ("len", 8, True)),
                                  pre=(ge0(n),),
                                  pre_regions=(Region("buf", buf, n, False),),
                                  ret=(8, True)),
        "__certa_alloc": Contract(params=(("size", 8, False),), ret=(8, False),
                                  post=(ge0(var("result")), ge0(const(USER_TOP) - var("result")),
                                        ge0(const(USER_TOP + 1) - var("result") - size)),
                                  post_regions=(Region("heap", var("result"), size, True, True,
                                                       "bytes", True),)),
        "__certa_exit": Contract(params=(("status", 4, True),), returns=False),
        "__certa_clock": Contract(params=(), ret=(8, True), post=(ge0(var("result")),)),
        "__certa_file_open": Contract(params=(("buf", 8, False), ("len", 8, True)),
                                      pre=(ge0(n),), pre_regions=(Region("buf", buf, n, False),),
                                      ret=(8, True)),
        "__certa_file_size": Contract(params=(("handle", 8, True),), ret=(8, True)),
        "__certa_file_close": Contract(params=(("handle", 8, True),), ret=(8, True)),
        "__certa_file_read": Contract(params=(("handle", 8, True), ("buf", 8, False), ("len", 8, True),
                                              ("offset", 8, True)),
                                      pre=(ge0(n),), pre_regions=(Region("buf", buf, n, True),),
                                      ret=(8, True),
                                      post=(ge0(n - var("result")), ge0(var("result") + const(1)))),
        "__certa_trap": Contract(params=(("kind", 4, True), ("line", 4, True)), returns=False),
    }


# -- certificate parsing --------------------------------------------------------------------
class CertError(Exception):
    pass


def bad(msg: str):
    raise CertError(f"CERT: {msg}")


def want(cond: bool, msg: str) -> None:
    if not cond:
        bad(msg)


def parse_int(x, what: str, lo: int = -(1 << 64), hi: int = 1 << 64) -> int:
    want(type(x) is int and lo <= x <= hi, f"{what} must be an integer in [{lo}, {hi}]")
    return x


def parse_poly(x, what: str) -> Poly:
    want(isinstance(x, list) and len(x) <= 64, f"{what}: a polynomial is a list of terms")
    p = Poly.const(0)
    for term in x:
        want(isinstance(term, list) and len(term) == 2, f"{what}: a term is [coeff, [vars]]")
        c = parse_int(term[0], f"{what}: coefficient", -(1 << 128), 1 << 128)
        want(isinstance(term[1], list) and len(term[1]) <= 4, f"{what}: term variables")
        t = Poly.const(c)
        for v in term[1]:
            want(isinstance(v, str) and NAME.match(v) is not None, f"{what}: bad variable name {v!r}")
            t = t * Poly.var(v)
        p = p + t
    return p


def parse_fact(x, what: str) -> Fact:
    want(isinstance(x, list) and len(x) == 2 and x[0] in (">=", "=="), f"{what}: a fact is [op, poly]")
    return Fact(parse_poly(x[1], what), x[0])


def parse_region(x, what: str) -> Region:
    want(isinstance(x, list) and len(x) in (5, 7) and isinstance(x[0], str) and len(x[0]) <= 64
         and type(x[3]) is bool and type(x[4]) is bool,
         f"{what}: a region is [name, base, length, writable, nullable(, type, block)]")
    rtype, block = ("bytes", False) if len(x) == 5 else (x[5], x[6])
    want(isinstance(rtype, str) and NAME.match(rtype) is not None and type(block) is bool,
         f"{what}: region type")
    return Region(x[0], parse_poly(x[1], what), parse_poly(x[2], what), x[3], x[4], rtype, block)


def parse_types(x) -> dict:
    """Memory layouts: {name: {"size": n, "pointers": [[offset, target], ...]}}."""
    want(isinstance(x, dict) and len(x) <= 4096, "types must be an object")
    types = {"bytes": Layout(1)}
    for name, t in x.items():
        want(NAME.match(name) is not None and name != "bytes", f"type name {name!r}")
        want(isinstance(t, dict) and set(t) <= {"size", "pointers"}, f"type {name}")
        size = parse_int(t.get("size"), f"type {name}: size", 1, 1 << 24)
        ptrs = []
        pointers = t.get("pointers", [])
        want(isinstance(pointers, list) and len(pointers) <= 4096, f"type {name}: pointers must be a list")
        for i, pf in enumerate(pointers):
            want(isinstance(pf, list) and len(pf) in (2, 3) and isinstance(pf[1], str)
                 and (len(pf) == 2 or type(pf[2]) is bool), f"type {name}: pointer {i}")
            off = parse_int(pf[0], f"type {name}: pointer {i}", 0, size - 8)
            want(off % 8 == 0, f"type {name}: pointer fields must be 8-byte aligned")
            want(all(abs(off - o) >= 8 for o, _, _ in ptrs), f"type {name}: pointer fields overlap")
            ptrs.append((off, pf[1], pf[2] if len(pf) == 3 else True))
        types[name] = Layout(size, tuple(sorted(ptrs)))
    for name, lay in types.items():
        for _, target, _ in lay.pointers:
            want(target in types, f"type {name}: unknown pointer target type {target!r}")
    return types


def check_region_types(regions, types) -> None:
    for r in regions:
        want(r.type in types, f"region {r.name}: unknown type {r.type!r}")


def parse_list(x, what: str, item, limit: int = 4096) -> tuple:
    want(isinstance(x, list) and len(x) <= limit, f"{what} must be a list of at most {limit}")
    return tuple(item(e, f"{what}[{i}]") for i, e in enumerate(x))


def parse_contract(f: dict, name: str) -> Contract:
    params = []
    plist = f.get("params", [])
    want(isinstance(plist, list), f"{name}: params must be a list")
    for i, p in enumerate(plist):
        want(isinstance(p, list) and len(p) == 3 and isinstance(p[0], str) and NAME.match(p[0])
             and type(p[1]) is int and p[1] in (1, 2, 4, 8) and type(p[2]) is bool, f"{name}: parameter {i}")
        want(p[0] not in ("S", "M", "L", "result") and not p[0].startswith("cs_"),
             f"{name}: parameter name {p[0]} is reserved")
        params.append((p[0], p[1], p[2]))
    want(len({p[0] for p in params}) == len(params) and len(params) <= 16, f"{name}: parameters")
    ret = f.get("ret", [0, False])
    want(isinstance(ret, list) and len(ret) == 2 and type(ret[0]) is int and ret[0] in (0, 1, 2, 4, 8)
         and type(ret[1]) is bool, f"{name}: ret")
    ret_region = f.get("ret_region")
    want(ret_region is None or (type(ret_region) is bool and ret == [8, False]),
         f"{name}: ret_region must be true or false, for a function returning a pointer")
    ret_block = f.get("ret_block")
    want(ret_block is None or (isinstance(ret_block, str) and NAME.match(ret_block) is not None
                               and ret_region is not None),
         f"{name}: ret_block must name a memory type, with ret_region")
    c = Contract(tuple(params),
                 parse_list(f.get("pre", []), f"{name}.pre", parse_fact),
                 parse_list(f.get("pre_regions", []), f"{name}.pre_regions", parse_region),
                 (ret[0], ret[1]),
                 parse_list(f.get("post", []), f"{name}.post", parse_fact),
                 ret_region=ret_region, ret_block=ret_block)
    # A contract speaks only of the parameters (and the result): S and M differ between
    # caller and callee, so they must not appear.
    names = {p[0] for p in params}
    for fact in c.pre:
        want(fact.poly.variables() <= names, f"{name}: a precondition may only mention parameters")
    for r in c.pre_regions:
        want((r.base.variables() | r.length.variables()) <= names,
             f"{name}: a precondition region may only mention parameters")
    for fact in c.post:
        want(fact.poly.variables() <= names | {"result"},
             f"{name}: a postcondition may only mention parameters and result")
    return c


def parse_assertion(x, what: str) -> Assertion:
    want(isinstance(x, dict) and set(x) <= {"depth", "regs", "slots", "facts", "regions"}, f"{what}: keys")
    depth = parse_int(x.get("depth", 0), f"{what}.depth", 0, 1 << 24)
    regs = {}
    want(isinstance(x.get("regs", {}), dict) and isinstance(x.get("slots", {}), dict),
         f"{what}: regs and slots must be objects")
    for r, t in x.get("regs", {}).items():
        want(r in REG_NAMES and r != "rsp", f"{what}: unknown register {r!r}")
        regs[REG_NAMES.index(r)] = parse_poly(t, f"{what}.regs.{r}")
    slots = {}
    for off, st in x.get("slots", {}).items():
        want(isinstance(st, list) and len(st) == 2 and type(st[0]) is int and st[0] in (1, 2, 4, 8),
             f"{what}: slot {off}")
        neg = off.startswith("-")
        o = -parse_offset(off[1:], f"{what}: slot offset") if neg else parse_offset(off, f"{what}: slot offset")
        slots[o] = (st[0], parse_poly(st[1], f"{what}.slots.{off}"))
    regions = parse_list(x.get("regions", []), f"{what}.regions", parse_region)
    for r in regions:       # frame memory is described only by the frame areas
        want("S" not in r.base.variables() | r.length.variables(), f"{what}: region {r.name} mentions S")
    return Assertion(depth, regs, slots, parse_list(x.get("facts", []), f"{what}.facts", parse_fact),
                     regions)


def parse_cert(raw: bytes) -> dict:
    want(0 < len(raw) <= MAX_CERT, "the certificate is missing or too large")
    try:
        d = zlib.decompressobj()
        text = d.decompress(raw, MAX_JSON)
        want(not d.unconsumed_tail and d.eof, "the certificate decompresses to too much data or is truncated")
        want(not d.unused_data, "the certificate has bytes after its compressed data")
        cert = json.loads(text.decode("utf-8"))      # UTF-8 only, no BOM: as the loader reads
    except (zlib.error, ValueError, RecursionError) as e:
        bad(f"malformed certificate ({type(e).__name__})")
    want(isinstance(cert, dict) and cert.get("format") == "certa-cert/0"
         and isinstance(cert.get("functions"), dict), "not a certa-cert/0 certificate")
    want(set(cert) <= {"format", "functions", "types", "objects", "imports"}, "unknown certificate keys")
    return cert


# -- the check ------------------------------------------------------------------------------
def check_module(data: bytes) -> Verdict:
    """Accept or reject a module file. Never raises."""
    start = time.perf_counter()
    v = Verdict(False)
    image = None
    try:
        image = parse_module(data)
        v.code_bytes, v.cert_bytes = len(image.text), len(image.cert)
        v.exports, v.imports = check_image(image, v)
        v.ok = True
    except ModuleFormatError as e:
        v.reason = str(e)
    except (CertError, Reject, decode.DecodeError, proof.ProofError) as e:
        v.reason = str(e)
        if v.offset is None:
            v.offset = getattr(e, "offset", None)
    except RecursionError:
        v.reason = "KERNEL: input too deeply nested"
    except Exception as e:      # any internal error is itself a rejection
        v.reason = f"KERNEL: internal error {type(e).__name__}: {e}"
    if not v.ok and image is not None and v.offset is not None:
        v.line = next((line for off, line in reversed(image.lines) if off <= v.offset and line), None)
    v.seconds = time.perf_counter() - start
    return v


def prepare(image: ModuleImage, cert: dict) -> tuple[ModuleFacts, dict]:
    """The module's facts and each function's spec, from the image and the parsed
    certificate (shared with the untrusted certificate generator, so both sides agree)."""
    funcs = sorted((s for s in image.symbols if s.kind == "func"), key=lambda s: s.offset)
    want(funcs, "the module has no functions")
    types = parse_types(cert.get("types", {}))
    iface = interface_types(image.iface)
    fcerts = cert["functions"]
    names = {s.name for s in funcs}
    for name in fcerts:
        want(name in names, f"certificate for unknown function {name!r}")
    addrs = layout(image.section_sizes())
    text_addr = addrs[".text"]
    statics = static_regions(image, addrs, types, cert.get("objects", {}))
    region_names = {r.name for r in statics}
    specs = {}
    for s in funcs:
        f = fcerts.get(s.name)
        want(isinstance(f, dict), f"no certificate for function {s.name}")
        want(set(f) <= {"params", "ret", "ret_region", "ret_block", "pre", "pre_regions", "post", "areas",
                        "exact", "cuts", "fields", "allocs", "proofs"}, f"{s.name}: unknown keys")
        areas = []
        want(isinstance(f.get("areas", []), list), f"{s.name}: areas must be a list")
        for i, a in enumerate(f.get("areas", [])):
            want(isinstance(a, list) and len(a) in (2, 3), f"{s.name}: area {i}")
            lo = parse_int(a[0], f"{s.name}: area {i}", -(1 << 24), 0)
            hi = parse_int(a[1], f"{s.name}: area {i}", lo + 1, 0)
            t = a[2] if len(a) == 3 else "bytes"
            want(isinstance(t, str) and t in types, f"{s.name}: area {i} has an unknown type")
            want((hi - lo) % types[t].size == 0, f"{s.name}: area {i} is not whole elements of {t}")
            areas.append((lo, hi, t))
        for (lo1, hi1, _), (lo2, _, _) in zip(sorted(areas), sorted(areas)[1:]):
            want(hi1 <= lo2, f"{s.name}: frame areas overlap")
        cuts = {}
        cuts_in = f.get("cuts", {})
        want(isinstance(cuts_in, dict), f"{s.name}: cuts")
        for off, a in cuts_in.items():
            o = parse_offset(off, f"{s.name}: cut offset")
            want(s.offset < o < s.offset + s.size, f"{s.name}: cut point 0x{o:x} outside the function")
            cuts[o] = parse_assertion(a, f"{s.name}.cuts.{off}")
            check_region_types(cuts[o].regions, types)
        exact = frozenset(parse_list(f.get("exact", []), f"{s.name}.exact",
                                     lambda x, w: parse_int(x, w, 0, 1 << 32), 1 << 20))
        fields = {}
        for off, h in dict_items(f.get("fields", {}), f"{s.name}.fields"):
            want(isinstance(h, list) and len(h) == 2 and isinstance(h[0], str) and h[0] in types,
                 f"{s.name}: field hint {off} must be [type, field offset]")
            fields[parse_offset(off, f"{s.name}: field hint")] = (h[0], parse_int(h[1], "field offset", 0, 1 << 24))
        allocs = {}
        for off, t in dict_items(f.get("allocs", {}), f"{s.name}.allocs"):
            want(isinstance(t, str) and t in types, f"{s.name}: allocation of unknown type {t!r}")
            allocs[parse_offset(off, f"{s.name}: allocation")] = t
        contract = parse_contract(f, s.name)
        check_region_types(contract.pre_regions, types)
        want(contract.ret_block is None or contract.ret_block in types, f"{s.name}: ret_block type")
        if s.exported:
            # The runtime enters exported functions from Python with the types of the
            # interface section: they must be the contract's.
            entry = iface.get(s.name)
            want(entry is not None and entry[:2] == ([(p[1], p[2]) for p in contract.params], contract.ret),
                 f"exported function {s.name}: the interface's types differ from the certificate's")
            # The runtime passes at most six arguments, in registers, and checks only their
            # C types' ranges.
            want(len(contract.params) <= 6, f"exported function {s.name} has more than 6 parameters")
            # A precondition binds the host too: the runtime checks, before every call from
            # the host, the precondition the interface states, so the interface must state
            # exactly the certificate's (EXPORT rule, docs/kernel.md).
            stated = (parse_list(entry[2], f"interface {s.name}.pre", parse_fact),
                      parse_list(entry[3], f"interface {s.name}.pre_regions", parse_region))
            want(main_argv(s.name, contract, types)
                 or stated == (contract.pre, contract.pre_regions),
                 f"exported function {s.name}: the interface does not state its precondition "
                 "exactly (the runtime checks what the interface states)")
        for r in contract.pre_regions:
            want(r.name not in region_names, f"{s.name}: region name {r.name} is taken by an object")
        specs[s.offset] = FunctionSpec(s.name, s.offset, s.offset + s.size, contract,
                                       cuts, tuple(areas), exact, fields, allocs)
    imports = {addrs[".certa.imports"] - text_addr + 8 * i: name for i, name in enumerate(image.imports)}
    mod = ModuleFacts(text_addr, specs, imports, statics, import_contracts(image, cert), types,
                      image_size(image.section_sizes()))
    return mod, specs


def import_contracts(image: ModuleImage, cert: dict) -> dict:
    """The contract of every import (IMPORT rule, docs/kernel.md): a host service's is the
    kernel's own; any other import is a function of another module, whose contract the
    certificate states. The loader links such an import only to an export the kernel proved
    against the very same contract, so the callee keeps what its callers assume. Its regions
    are plain bytes (memory types are per module, and pointers do not cross modules), it
    returns no region, and it takes at most six arguments (in registers)."""
    host = host_contracts()
    stated = cert.get("imports", {})
    want(isinstance(stated, dict), "imports must be an object")
    for name in stated:
        want(name in image.imports, f"contract for {name!r}, which the module does not import")
    out = {}
    for name in image.imports:
        if name == LIMIT_SLOT:
            continue            # a value (the stack limit L), not a function: never called
        if name.startswith("__certa_"):
            want(name in host, f"import {name} is not a host service the kernel knows")
            want(name not in stated, f"import {name}: a host service's contract is the kernel's")
            out[name] = host[name]
            continue
        want(NAME.match(name) is not None, f"import {name!r}: not a C function name")
        c = stated.get(name)
        want(isinstance(c, dict) and set(c) <= {"params", "ret", "pre", "pre_regions", "post"},
             f"import {name}: no contract (or unknown keys)")
        contract = parse_contract(c, f"import {name}")
        want(len(contract.params) <= 6, f"import {name}: more than 6 parameters")
        for r in contract.pre_regions:
            want(r.type == "bytes" and not r.block,
                 f"import {name}: region {r.name} is not plain bytes (typed memory cannot cross modules)")
        out[name] = contract
    return out


def main_argv(name: str, c: Contract, types: dict) -> bool:
    """The one precondition of an exported function the runtime vouches for: main(argc,
    argv) is entered (runtime.run_main) with argc >= 0, argv >= 0, and argv null or a block of
    argc + 1 pointer fields, each null or a writable block of bytes (the strings, and a
    final null). A read-only field is allowed too (it promises less)."""
    if name != "main" or [(p[1], p[2]) for p in c.params] != [(4, True), (8, False)] or c.post:
        return False
    argc, argv = var(c.params[0][0]), var(c.params[1][0])
    if c.pre != (ge0(argc), ge0(argv)) or len(c.pre_regions) != 1:
        return False
    r = c.pre_regions[0]
    lay = types.get(r.type)
    return (r.base == argv and r.length == argc * 8 + const(8) and r.writable and r.nullable
            and r.block and lay is not None and lay.size == 8 and len(lay.pointers) == 1
            and lay.pointers[0][:2] == (0, "bytes"))


C_WIDTHS = {"_Bool": (1, False), "char": (1, True), "signed char": (1, True),
            "unsigned char": (1, False), "short": (2, True), "unsigned short": (2, False),
            "int": (4, True), "unsigned int": (4, False), "long": (8, True),
            "unsigned long": (8, False), "long long": (8, True), "unsigned long long": (8, False)}


def c_width(t) -> tuple:
    want(isinstance(t, str), "interface: a type must be a string")
    if t.endswith("*"):
        return (8, False)
    want(t in C_WIDTHS, f"interface: unknown type {t!r}")
    return C_WIDTHS[t]


def interface_types(raw: bytes) -> dict:
    """{exported function: ([(size, signed) per parameter], (size, signed) of the result,
    precondition facts, precondition regions (both as in the certificate, unparsed))} from
    `.certa.iface` (JSON), as the runtime reads it."""
    try:
        iface = json.loads(raw.decode("utf-8"))     # UTF-8 only, no BOM: as the loader reads
    except (ValueError, RecursionError):
        bad("the interface section is not valid JSON")
    want(isinstance(iface, dict) and isinstance(iface.get("functions"), list), "interface: no function list")
    out = {}
    for f in iface["functions"]:
        want(isinstance(f, dict) and isinstance(f.get("name"), str) and isinstance(f.get("params"), list),
             "interface: malformed function entry")
        if f.get("exported") is True:
            ret = (0, False) if f.get("ret") == "void" else c_width(f.get("ret"))
            out[f["name"]] = ([c_width(p) for p in f["params"]], ret, f.get("pre", []),
                              f.get("pre_regions", []))
    return out


def parse_offset(x, what: str) -> int:
    want(isinstance(x, str) and x.isascii() and x.isdigit() and len(x) <= 10, f"{what} {x!r}")
    return int(x)


def dict_items(x, what: str):
    want(isinstance(x, dict) and len(x) <= 1 << 20, f"{what} must be an object")
    return x.items()


def static_regions(image: ModuleImage, addrs: dict, types: dict, objects) -> tuple:
    """One region per object symbol. Objects must not overlap. An object is a block when the
    16 bytes before it, in the same section and outside every object, hold its size and 0;
    no relocation may touch a block header. An object typed T (not bytes) must be whole
    elements of T, in .data/.rodata when T has pointer fields; each pointer field must be 0 or
    relocated to the start of a block object of the target type (in .data if the field is
    writable), and no relocation may touch a typed object anywhere else."""
    want(isinstance(objects, dict), "objects must be an object")
    objs = {sym.name: sym for sym in image.symbols if sym.kind == "object"}
    for name, t in objects.items():
        want(name in objs and isinstance(t, str) and t in types, f"object type {name!r}: {t!r}")
    content = {".rodata": image.rodata, ".data": image.data}
    spans = sorted((addrs[o.section] + o.offset, addrs[o.section] + o.offset + o.size, o.name)
                   for o in objs.values())
    for (a0, a1, an), (b0, b1, bn) in zip(spans, spans[1:]):
        want(a1 <= b0, f"objects {an} and {bn} overlap")

    def is_block(o) -> bool:
        if o.section not in content or o.offset < 16:
            return False
        lo, hi = addrs[o.section] + o.offset - 16, addrs[o.section] + o.offset
        if any(a < hi and lo < b for a, b, _ in spans):
            return False
        data = content[o.section]
        return data[o.offset - 16:o.offset] == o.size.to_bytes(8, "little") + bytes(8)

    blocks = {o.name: is_block(o) for o in objs.values()}
    by_start = {(o.section, o.offset): o for o in objs.values()}
    fields = set()              # (section, offset) of every typed pointer field
    regions = []
    for o in objs.values():
        t = objects.get(o.name, "bytes")
        lay = types[t]
        if t != "bytes":
            want(o.size % lay.size == 0 and o.size >= lay.size,
                 f"object {o.name} of type {t} must be whole elements")
        if lay.pointers:
            want(o.section in content, f"object {o.name} of type {t} must be in .data or .rodata")
            relocs = {(r.section, r.offset): r for r in image.relocations}
            for k in range(o.size // lay.size):
                for po, target, writable in lay.pointers:
                    at = o.offset + k * lay.size + po
                    fields.add((o.section, at))
                    r = relocs.get((o.section, at))
                    if r is None:
                        want(content[o.section][at:at + 8] == bytes(8),
                             f"object {o.name}: pointer field at +{at - o.offset} is neither 0 nor relocated")
                        continue
                    dest = by_start.get((r.target_section, r.target_offset))
                    want(dest is not None and blocks[dest.name] and objects.get(dest.name, "bytes") == target
                         and (dest.section == ".data" or not writable),
                         f"object {o.name}: pointer field at +{at - o.offset} must point to the start "
                         f"of a {'writable ' if writable else ''}block of type {target}")
        regions.append(Region(o.name, var("M") + const(addrs[o.section] + o.offset), const(o.size),
                              o.section in (".data", ".bss"), False, t, blocks[o.name]))
    for r in image.relocations:
        lo, hi = addrs[r.section] + r.offset, addrs[r.section] + r.offset + 8
        for o in objs.values():
            o0 = addrs[o.section] + o.offset
            if blocks[o.name]:
                want(not (lo < o0 and o0 - 16 < hi), f"a relocation overwrites the header of {o.name}")
            if types[objects.get(o.name, "bytes")].pointers and lo < o0 + o.size and o0 < hi:
                want((r.section, r.offset) in fields,
                     f"a relocation overwrites typed object {o.name} outside its pointer fields")
    return tuple(regions)


def walk_function(image: ModuleImage, mod: ModuleFacts, spec: FunctionSpec, sink) -> dict:
    """Decode one function and walk all its paths, handing each obligation to
    `sink(index, obligation)`; returns the decoded instructions."""
    code = {i.offset: i for i in decode.decode_range(image.text, spec.start, spec.end)}
    Walker(spec, code, mod, sink).run()
    return code


def check_image(image: ModuleImage, v: Verdict) -> tuple[dict, dict]:
    """Check every function; returns (exported contracts, import contracts) by name."""
    cert = parse_cert(image.cert)
    mod, specs = prepare(image, cert)
    for spec in specs.values():
        v.function = spec.name
        code = {i.offset: i for i in decode.decode_range(image.text, spec.start, spec.end)}
        proofs = cert["functions"][spec.name].get("proofs", [])
        want(isinstance(proofs, list), f"{spec.name}: proofs must be a list")

        def sink(k: int, ob: Obligation) -> None:
            v.offset, v.instruction = ob.offset, code[ob.offset].text()
            discharge(ob, proofs[k] if k < len(proofs) else None, k)
            v.obligations += 1
        try:
            Walker(spec, code, mod, sink).run()
        except Reject as e:
            if e.offset in code:
                v.offset, v.instruction = e.offset, code[e.offset].text()
            raise
        v.instructions += len(code)
        v.functions += 1
        v.offset = v.instruction = None
    v.function = None
    exported = {s.name for s in image.symbols if s.kind == "func" and s.exported}
    return ({spec.name: spec.contract for spec in specs.values() if spec.name in exported},
            {name: mod.host[name] for name in image.imports if not name.startswith("__certa_")})


# -- discharging obligations ------------------------------------------------------------------
def trivially(hyps: tuple, goal: Fact) -> bool:
    """Goals that need no proof: a constant that holds, or a goal equal to a hypothesis."""
    p = goal.poly
    if p.is_const():
        return p.constant >= 0 if goal.kind == ">=" else p.constant == 0
    return goal in hyps


def prove(hyps: tuple, goal: Fact, pf, what: str) -> None:
    if trivially(hyps, goal):
        return
    if pf is None:
        raise proof.ProofError(f"PROOF: no proof for {what}")
    try:
        proof.check(list(hyps), goal, pf)
    except proof.ProofError as e:         # say which obligation the bad proof was for
        raise proof.ProofError(f"{e} ({what})") from None


DIVISOR_CASES = ("pos", "neg2", "neg")


def empty_goals(ob: Obligation, what: str = "") -> list:
    """The goal that shows a region obligation asks for no memory at all: its length is not
    positive (such a region grants no access). Not for blocks (their header would be
    believed) nor maybe-null regions (carried over unchanged only)."""
    w, _ = ob.access
    if w.block or w.nullable:
        raise Reject(f"MEMORY: {what}: a block or maybe-null region cannot be empty", ob.offset)
    return [(ge0(-w.length), f"{what}: the region is empty")]


def null_goals(ob: Obligation, what: str = "") -> list:
    """The goal that shows a maybe-null region obligation asks for nothing: its base is 0
    (a maybe-null region is usable only where its base is proven non-zero, and storing its
    base stores null)."""
    w, _ = ob.access
    if not w.nullable:
        raise Reject(f"MEMORY: {what}: only a maybe-null region can be null", ob.offset)
    return [(Fact(w.base, "=="), f"{what}: the region is null")]


def cover_goals(ob: Obligation, r: Region, what: str = "") -> list:
    """The goals that show region r covers what an "access" or "region" obligation asks
    for: [(goal, description), ...] (empty when nothing is left to prove). Raises Reject
    when r may not be used at all. Shared with the certificate generator, so both sides
    apply the same rules."""
    if ob.kind == "access":
        addr, size, write = ob.access[:3]
        want_base, want_len, need_write = addr, const(size), write
        if len(ob.access) == 5:         # a typed access: at field `foff` of an element
            foff, elem = ob.access[3:]
            if any(c % elem for _, c in (addr - r.base - const(foff)).terms()):
                raise Reject(f"MEMORY: {what}: not at field offset {foff} of an element of "
                             f"{r.name} ({r.type})", ob.offset)
    else:
        w, elem = ob.access
        want_base, want_len, need_write = w.base, w.length, w.writable
        if w.nullable:
            # A maybe-null region is only carried over as the very same region (maybe-null
            # or not: a block that surely exists is in particular one that may not).
            if not (r.base == w.base and r.length == w.length
                    and r.type == w.type and r.block == w.block and (r.writable or not w.writable)):
                raise Reject(f"MEMORY: {what}: a maybe-null region must be carried over unchanged",
                             ob.offset)
            return []
    if need_write and not r.writable:
        raise Reject(f"MEMORY: {what}: region {r.name} is read-only", ob.offset)
    if ob.kind == "region":
        # A lent region keeps its memory type; a block stays exactly that block; typed
        # elements stay aligned to their element size.
        if w.type != r.type:
            raise Reject(f"MEMORY: {what}: region {r.name} has type {r.type}, not {w.type}", ob.offset)
        if w.block and not (r.block and r.base == w.base and r.length == w.length):
            raise Reject(f"MEMORY: {what}: only a block can be passed as a block", ob.offset)
        if elem > 1 and any(c % elem for _, c in (w.base - r.base).terms()):
            raise Reject(f"MEMORY: {what}: not aligned to the elements of {r.type}", ob.offset)
    goals = [(ge0(want_base - r.base), f"{what}: lower bound in {r.name}"),
             (ge0(r.base + r.length - want_base - want_len), f"{what}: upper bound in {r.name}")]
    if r.nullable:
        goals.append((ge0(r.base - const(1)), f"{what}: {r.name} is not null"))
    return goals


def divisor_goals(ob: Obligation, case: str, what: str = "") -> list:
    """The goals of one way to show a division cannot fault: the divisor is >= 1, or <= -2,
    or <= -1 with a dividend above MIN (for idiv)."""
    d, dividend = ob.access
    if case == "pos":
        return [(ge0(d - const(1)), f"{what}: divisor >= 1")]
    if case == "neg2":          # d <= -2: no quotient overflows, even for MIN
        return [(ge0(-d - const(2)), f"{what}: divisor <= -2")]
    goals = [(ge0(-d - const(1)), f"{what}: divisor <= -1")]
    if dividend is not None:
        goals.append((ge0(dividend - const(-MAX64)), f"{what}: no overflow"))
    return goals


def discharge(ob: Obligation, pf, k: int) -> None:
    what = f"obligation {k} ({ob.kind}: {ob.what})"
    if ob.kind == "region" and isinstance(pf, list) and len(pf) == 2 and pf[0] in ("empty", "null"):
        (goal, desc), = (empty_goals if pf[0] == "empty" else null_goals)(ob, what)
        prove(ob.hyps, goal, pf[1], desc)
        return
    if ob.kind in ("access", "region"):
        if not (isinstance(pf, list) and 1 <= len(pf) <= 4 and type(pf[0]) is int
                and 0 <= pf[0] < len(ob.regions)):
            raise proof.ProofError(f"PROOF: {what}: the proof must name one of "
                                   f"{len(ob.regions)} regions" if ob.regions else
                                   f"PROOF: {what}: no region covers it")
        for i, (goal, desc) in enumerate(cover_goals(ob, ob.regions[pf[0]], what)):
            prove(ob.hyps, goal, pf[1 + i] if 1 + i < len(pf) else None, desc)
        return
    if ob.kind == "divisor":
        if isinstance(pf, list) and pf and pf[0] in DIVISOR_CASES:
            case, sub = pf[0], pf[1:]
        else:
            case = "pos" if trivially(ob.hyps, ge0(ob.access[0] - const(1))) else "neg"
            sub = []
        for i, (goal, desc) in enumerate(divisor_goals(ob, case, what)):
            prove(ob.hyps, goal, sub[i] if i < len(sub) else None, desc)
        return
    prove(ob.hyps, ob.goal, pf, what)
