"""Fuzzing the kernel: `check_module` must never raise, never fail with "KERNEL: internal
error", and never accept an unsafe module (docs/kernel.md).

1. Certificate fuzzing. Valid sealed modules (the builders of tests/test_kernel.py and a few
   compiled programs of tests/certified/) get thousands of structured mutations of their
   certificate JSON. Their code is unchanged, so acceptance is fine; every rejection must name
   one of the kernel's rules.
2. Code fuzzing with an oracle. Random small functions over the instructions the kernel
   models are sealed by the (untrusted) certifier and checked; every accepted module is run
   (in a subprocess) and must not fault: a `Trap` of kind "crash" is a soundness bug.
3. Kernel bugs found this way, each reduced to a minimal reproducer that is now a regression
   test (`test_fixed_*`): accepted modules that faulted, internal errors, and inputs of a few
   KB that made the check take minutes and gigabytes. A new bug gets its reproducer here
   (marked `xfail(strict=True)` until the kernel is fixed); while a bug is open, the fuzzers
   tolerate exactly its signature, and the tolerance ends by itself once it is fixed.

Everything is seeded: the same mutants and programs on every run.
"""
from __future__ import annotations

import copy
import functools
import json
import random
import re
import subprocess
import sys
import time
import zlib
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.test_kernel import (  # noqa: E402
    NODE, build, limit_check, list_module, loop_module, poly, seal, seal_typed, with_iface)

from certa.compiler.certify import certify  # noqa: E402
from certa.compiler.module_writer import write_module  # noqa: E402
from certa.compiler.x86 import (  # noqa: E402
    R8, R9, R10, R11, RAX, RCX, RDI, RDX, RSI, RSP, Mem, RipRef)
from certa.kernel.check import check_module  # noqa: E402
from certa.kernel.decode import decode_range  # noqa: E402
from certa.kernel.modfile import Relocation, parse_module  # noqa: E402

RULES = {"MODFILE", "DECODE", "FLOW", "CUT", "STACK", "ABI", "MEMORY", "CALL", "RETURN", "DIV",
         "PROOF", "CERT", "PATHS", "FACTS"}
SAFE_TRAPS = {"check", "assert", "divide", "null", "stack", "heap"}


# -- helpers -----------------------------------------------------------------------------------
def rule(v) -> str:
    return "ACCEPT" if v.ok else v.reason.split(":", 1)[0]


def sealed(image, cert: dict) -> bytes:
    """The module with `cert` (a full certa-cert/0 dict) completed by the certifier; if the
    certifier's own walk rejects the code, the certificate as given, without proofs."""
    if isinstance(cert, dict) and isinstance(cert.get("functions"), dict):
        image = with_iface(image, cert["functions"])
    try:
        raw, _ = certify(image, copy.deepcopy(cert), partial=True)
    except Exception:
        raw = zlib.compress(json.dumps(cert).encode())
    return write_module(replace(image, cert=raw))


def with_cert(data: bytes, cert) -> bytes:
    """`data` (a module file) with its certificate replaced by `cert` (any JSON value)."""
    return write_module(replace(parse_module(data), cert=zlib.compress(json.dumps(cert).encode())))


def cert_of(data: bytes) -> dict:
    return json.loads(zlib.decompress(parse_module(data).cert))


RUNNER = r"""
import io, sys
from certa.runtime import Trap, load
for path in sys.argv[1:]:
    try:
        m = load(path)
        m.stdout = io.BytesIO()
        m.call("f")
        out = "ok"
    except Trap as t:
        out = "trap-" + t.kind + " " + str(t)
    except Exception as e:
        out = "error " + type(e).__name__ + " " + str(e)
    print(path, out.replace("\n", " "), flush=True)
"""


def run_modules(paths, timeout=30) -> dict:
    """path -> "ok" | "trap-KIND ..." | "error ..." | "died ...": each module loaded and its
    function f called, in batches in a subprocess (a module that kills or hangs its process
    is reported and the batch goes on after it)."""
    results, todo = {}, [str(p) for p in paths]
    while todo:
        try:
            r = subprocess.run([sys.executable, "-c", RUNNER, *todo], capture_output=True,
                               text=True, timeout=timeout)
            out, why = r.stdout, f"rc={r.returncode} {r.stderr[-300:]}"
        except subprocess.TimeoutExpired as e:
            out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            why = "timeout"
        for line in out.splitlines():
            path, _, res = line.partition(" ")
            results[path] = res
        rest = [p for p in todo if p not in results]
        if rest:
            results[rest[0]] = "died " + why
            rest = rest[1:]
        todo = rest
    return results


def run_f(data: bytes, tmp_dir: Path | None = None) -> str:
    """What running f of this module does (for failure messages)."""
    import tempfile
    d = Path(tmp_dir or tempfile.mkdtemp())
    p = d / "module.cm"
    p.write_bytes(data)
    return run_modules([p], timeout=20)[str(p)]


# -- reproducers of kernel bugs (section 3) ----------------------------------------------------
# Soundness bugs: modules the kernel accepts and that fault when run. Each returns module bytes.
ARR = [("arr", ".bss", 0, 80)]          # long arr[10]


def bug_stale_slot_below_rsp() -> bytes:
    """A frame slot survives `add rsp` (it is now below rsp), a call overwrites that memory
    (the callee's frame), `sub rsp` brings it back and the kernel still believes the old
    value: it indexes an array with what the callee wrote."""
    def g(a, labels):                   # writes 2^56 at its S-8, which is f's S-24
        a.alu_ri("sub", RSP, 8)
        a.mov_imm(RCX, 1 << 56)
        a.store(Mem(RSP, 0), RCX, 8)
        a.alu_ri("add", RSP, 8)
        a.ret()

    def f(a, labels):
        a.alu_ri("sub", RSP, 24)
        a.store_imm(Mem(RSP, 0), 0, 8)          # slot S-24 = 0
        a.alu_ri("add", RSP, 16)                # ... now below rsp, still tracked
        a.call(labels["g"])
        a.alu_ri("sub", RSP, 16)
        a.load(RAX, Mem(RSP, 0), 8)             # the kernel: 0; the machine: 2^56
        a.lea(R8, RipRef(".bss", 0))
        a.load(RAX, Mem(R8, 0, RAX, 8), 8)
        a.alu_ri("add", RSP, 24)
        a.ret()
    image = build([("g", g), ("f", f)], objects=ARR, bss=80)
    return sealed(image, {"format": "certa-cert/0", "functions": {
        "g": {"params": [], "ret": [0, False]}, "f": {"params": [], "ret": [8, True]}}})


def bug_frame_alias_through_cut_region() -> bytes:
    """A cut-point region whose base is a variable bound to a frame address (x = S-24, inside
    a frame area) is not syntactically on the stack: a store through it does not invalidate
    the frame slot it overwrites."""
    at = {}

    def f(a, labels):
        a.alu_ri("sub", RSP, 24)
        a.store_imm(Mem(RSP, 0), 0, 8)          # slot S-24 = 0
        a.lea(RAX, Mem(RSP, 0))                 # rax = S-24
        at["cut"] = a.here()
        a.mov_imm(RCX, 1 << 56)
        a.store(Mem(RAX, 0), RCX, 8)            # through region "buf" = [x, x+8)
        a.load(RDX, Mem(RSP, 0), 8)             # the kernel: still 0
        a.lea(R8, RipRef(".bss", 0))
        a.load(RAX, Mem(R8, 0, RDX, 8), 8)
        a.alu_ri("add", RSP, 24)
        a.ret()
    image = build([("f", f)], objects=ARR, bss=80)
    x = poly((1, "x"))
    return sealed(image, {"format": "certa-cert/0", "functions": {"f": {
        "params": [], "ret": [8, True], "areas": [[-24, -16]],
        "cuts": {str(at["cut"]): {"depth": 24, "regs": {"rax": x}, "slots": {"-24": [8, []]},
                                  "regions": [["buf", x, poly((8,)), True, False]]}}}}})


def bug_nullable_region_changes_type() -> bytes:
    """A maybe-null region is carried over a cut point "unchanged" without comparing its
    type and block flag: an untyped heap block holding an integer becomes a `node`, whose
    next field then loads as a pointer."""
    at = {}

    def f(a, labels):
        a.alu_ri("sub", RSP, 8)
        a.mov_imm(RDI, 16)
        a.call_import(0)                        # untyped (bytes) block
        done = a.label()
        a.test_rr(RAX, RAX)
        a.jcc("e", done)
        a.mov_imm(RCX, 1 << 56)
        a.store(Mem(RAX, 8), RCX, 8)            # an integer at +8
        at["cut"] = a.here()                    # ... the block is asserted to be a node here
        a.test_rr(RAX, RAX)
        a.jcc("e", done)
        at["load"] = a.here()
        a.load(RCX, Mem(RAX, 8), 8)             # p->next
        a.test_rr(RCX, RCX)
        a.jcc("e", done)
        at["deref"] = a.here()
        a.load(RDX, Mem(RCX, 0), 8)             # *(2^56)
        a.bind(done)
        a.alu_ri("add", RSP, 8)
        a.ret()
    image = build([("f", f)], imports=["__certa_alloc"])
    p = poly((1, "p"))
    return sealed(image, {"format": "certa-cert/0", "types": NODE, "functions": {"f": {
        "params": [], "ret": [0, False],
        "cuts": {str(at["cut"]): {"depth": 8, "regs": {"rax": p}, "facts": [[">=", p]],
                                  "regions": [["q", p, poly((16,)), True, True, "node", True]]}},
        "fields": {str(at["load"]): ["node", 8], str(at["deref"]): ["node", 0]}}}})


def follow_next(a, at: dict, touch: str = "deref") -> None:
    """rcx = rax->next (a node's pointer field at +8; its offset in at["load"]); if rcx is
    not null, touch *rcx at at[touch]: an 8-byte load ("deref") or a store of 5 ("store")."""
    at["load"] = a.here()
    a.load(RCX, Mem(RAX, 8), 8)
    done = a.label()
    a.test_rr(RCX, RCX)
    a.jcc("e", done)
    at[touch] = a.here()
    if touch == "store":
        a.store_imm(Mem(RCX, 0), 5, 8)
    else:
        a.load(RDX, Mem(RCX, 0), 8)
    a.bind(done)


def bug_imul_result_named_like_loaded_pointer() -> bytes:
    """`imul rcx, [rax+8], imm` on a pointer field: the load names the pointer %p<off>, and
    the out-of-range product gets the fresh variable %p<off> too, so the kernel takes
    rcx = next * 0x7fffffff for the block start `next`."""
    at = {}

    def f(a, labels):
        a.alu_ri("sub", RSP, 8)
        a.mov_imm(RDI, 16)
        at["alloc"] = a.here()
        a.call_import(0)
        done = a.label()
        a.test_rr(RAX, RAX)
        a.jcc("e", done)
        at["next"] = a.here()
        a.store(Mem(RAX, 8), RAX, 8)            # p->next = p
        at["imul"] = a.here()
        a.imul_rri(RCX, Mem(RAX, 8), 0x7FFFFFFF)
        a.test_rr(RCX, RCX)
        a.jcc("e", done)
        at["deref"] = a.here()
        a.load(RDX, Mem(RCX, 0), 8)
        a.bind(done)
        a.alu_ri("add", RSP, 8)
        a.ret()
    image = build([("f", f)], imports=["__certa_alloc"])
    return sealed(image, {"format": "certa-cert/0", "types": NODE, "functions": {"f": {
        "params": [], "ret": [0, False], "allocs": {str(at["alloc"]): "node"},
        "fields": {str(at["next"]): ["node", 8], str(at["imul"]): ["node", 8],
                   str(at["deref"]): ["node", 0]}}}})


def bug_overlapping_objects_of_different_types() -> bytes:
    """Two object symbols over the same bytes, one typed `node`, one untyped: an integer
    stored through the untyped one loads as the node's next pointer."""
    at = {}

    def f(a, labels):
        a.lea(RAX, RipRef(".data", 16))
        a.mov_imm(RCX, 1 << 56)
        a.store(Mem(RAX, 8), RCX, 8)            # via b (bytes): no pointer field there
        follow_next(a, at)                      # via a (node): a->next
        a.ret()
    image = build([("f", f)], objects=[("a", ".data", 16, 16), ("b", ".data", 16, 16)], data=bytes(32))
    return sealed(image, {"format": "certa-cert/0", "types": NODE, "objects": {"a": "node"},
                          "functions": {"f": {"params": [], "ret": [0, False], "fields": {
                              str(at["load"]): ["node", 8], str(at["deref"]): ["node", 0]}}}})


def bug_relocation_over_block_header() -> bytes:
    """A global block's header [size, 0] is checked in the file, but a relocation on it makes
    the loader write an address there: the header read the kernel takes for 16 is an
    address."""
    def f(a, labels):
        a.lea(RAX, RipRef(".data", 16))
        a.load(RCX, Mem(RAX, -16), 8)           # the header: the kernel says 16
        a.load_ext(RAX, Mem(RAX, -1, RCX, 1), 1, False)     # blk[len - 1]
        a.ret()
    header = (16).to_bytes(8, "little") + bytes(8)
    image = build([("f", f)], objects=[("blk", ".data", 16, 16)], data=header + bytes(16))
    image = replace(image, relocations=(Relocation(".data", 0, ".data", 16),))
    return sealed(image, {"format": "certa-cert/0", "functions": {"f": {"params": [], "ret": [8, True]}}})


def bug_relocation_straddles_pointer_field() -> bytes:
    """A node at .data+4 has its next field at [12, 20); a relocation at .data+8 overwrites
    [8, 16) at load time. Only relocations at exactly the field's offset are checked, so
    the field (zero in the file) holds half an address when it is loaded as a pointer."""
    at = {}

    def f(a, labels):
        a.lea(RAX, RipRef(".data", 4))
        follow_next(a, at)                      # head->next
        a.ret()
    image = build([("f", f)], objects=[("head", ".data", 4, 16), ("blob", ".data", 24, 8)], data=bytes(32))
    image = replace(image, relocations=(Relocation(".data", 8, ".data", 24),))
    return sealed(image, {"format": "certa-cert/0", "types": NODE, "objects": {"head": "node"},
                          "functions": {"f": {"params": [], "ret": [0, False], "fields": {
                              str(at["load"]): ["node", 8], str(at["deref"]): ["node", 0]}}}})


def bug_pointer_to_read_only_block_is_writable() -> bytes:
    """A typed .rodata object's pointer field may point to a .rodata block; the region of a
    loaded pointer is always writable, so the kernel accepts a store into .rodata."""
    at = {}

    def f(a, labels):
        a.lea(RAX, RipRef(".rodata", 0))
        follow_next(a, at, "store")             # head->next (a .rodata block) = 5
        a.ret()
    rodata = bytes(16) + (16).to_bytes(8, "little") + bytes(8) + bytes(16)     # head | header | blk
    image = build([("f", f)], objects=[("head", ".rodata", 0, 16), ("blk", ".rodata", 32, 16)], rodata=rodata)
    image = replace(image, relocations=(Relocation(".rodata", 8, ".rodata", 32),))
    return sealed(image, {"format": "certa-cert/0", "types": NODE, "objects": {"head": "node", "blk": "node"},
                          "functions": {"f": {"params": [], "ret": [0, False], "fields": {
                              str(at["load"]): ["node", 8], str(at["store"]): ["node", 0]}}}})


def bug_global_block_smaller_than_its_type() -> bytes:
    """An object typed with a pointer-free type is not checked to hold whole elements; as
    the target of a pointer field it is assumed to hold at least one (16 MiB) element."""
    at = {}
    big = 1 << 24

    def f(a, labels):
        a.lea(RAX, RipRef(".data", 0))
        at["load"] = a.here()
        a.load(RCX, Mem(RAX, 0), 8)             # head->p: a block of type big
        done = a.label()
        a.test_rr(RCX, RCX)
        a.jcc("e", done)
        at["far"] = a.here()
        a.load(RDX, Mem(RCX, big - 8), 8)       # ... that holds 8 bytes
        a.bind(done)
        a.ret()
    data = bytes(16) + (8).to_bytes(8, "little") + bytes(8) + bytes(8)     # head | pad | header | blk
    image = build([("f", f)], objects=[("head", ".data", 0, 8), ("blk", ".data", 32, 8)], data=data)
    image = replace(image, relocations=(Relocation(".data", 0, ".data", 32),))
    types = {"big": {"size": big, "pointers": []}, "ref": {"size": 8, "pointers": [[0, "big"]]}}
    return sealed(image, {"format": "certa-cert/0", "types": types, "objects": {"head": "ref", "blk": "big"},
                          "functions": {"f": {"params": [], "ret": [0, False], "fields": {
                              str(at["load"]): ["ref", 0], str(at["far"]): ["big", big - 8]}}}})


def bug_exported_parameter_narrower_than_its_interface() -> bytes:
    """The certificate says f(char x) but the interface (what the runtime checks at the
    Python boundary) says f(int): the kernel proves arr[x + 128] for x in [-128, 127], the
    runtime lets f(2**30) in."""
    def f(a, labels):
        a.lea(R8, RipRef(".bss", 0))
        a.load(RAX, Mem(R8, 1024, RDI, 8), 8)
        a.ret()
    image = build([("f", f)], objects=[("arr", ".bss", 0, 2048)], bss=2048)
    data = sealed(image, {"format": "certa-cert/0", "functions": {
        "f": {"params": [["x", 1, True]], "ret": [8, True]}}})
    img = parse_module(data)
    iface = json.loads(img.iface)
    iface["functions"][0]["params"] = ["int"]
    return write_module(replace(img, iface=json.dumps(iface).encode()))


SOUNDNESS_BUGS = {
    "stale frame slot below rsp survives a call": bug_stale_slot_below_rsp,
    "frame memory aliased by a cut-point region": bug_frame_alias_through_cut_region,
    "maybe-null region changes type at a cut point": bug_nullable_region_changes_type,
    "imul result and loaded pointer share a fresh name": bug_imul_result_named_like_loaded_pointer,
    "overlapping objects of different types": bug_overlapping_objects_of_different_types,
    "relocation over a global block's header": bug_relocation_over_block_header,
    "relocation straddling a typed pointer field": bug_relocation_straddles_pointer_field,
    "loaded pointer to a read-only block is writable": bug_pointer_to_read_only_block_is_writable,
    "global block smaller than its pointer-free type": bug_global_block_smaller_than_its_type,
}


@pytest.mark.parametrize("name", [
    n for n in SOUNDNESS_BUGS])
def test_fixed_unsafe_module_is_rejected(name, tmp_path):
    data = SOUNDNESS_BUGS[name]()
    v = check_module(data)
    assert "internal error" not in v.reason, v.reason
    assert not v.ok, f"accepted; running it: {run_f(data, tmp_path)}"


def test_fixed_exported_parameter_narrower_than_its_interface(tmp_path):
    data = bug_exported_parameter_narrower_than_its_interface()
    v = check_module(data)
    if v.ok:
        p = tmp_path / "m.cm"
        p.write_bytes(data)
        r = subprocess.run([sys.executable, "-c", "import sys\nfrom certa.runtime import load, Trap\n"
                            "try: load(sys.argv[1]).call('f', 2**30); print('ok')\n"
                            "except Trap as t: print('trap-' + t.kind, t)", str(p)],
                           capture_output=True, text=True, timeout=20)
        pytest.fail(f"accepted; f(2**30): {r.stdout.strip()}")


# Internal errors: certificate shapes the parser lets through into code that then raises.
def loop_cert_with(change) -> bytes:
    data = seal(*loop_module())
    cert = cert_of(data)
    change(cert, cert["functions"]["f"], next(iter(cert["functions"]["f"]["cuts"].values())))
    return with_cert(data, cert)


def list_cert_with(change) -> bytes:
    data = seal_typed(*list_module())
    cert = cert_of(data)
    change(cert, cert["functions"]["f"])
    return with_cert(data, cert)


INTERNAL_ERRORS = {
    # check.py parse_contract: `for i, p in enumerate(f.get("params", []))`
    "params is not a list": lambda: loop_cert_with(lambda c, f, cut: f.update(params=None)),
    # check.py prepare: `for i, a in enumerate(f.get("areas", []))`
    "areas is not a list": lambda: loop_cert_with(lambda c, f, cut: f.update(areas=7)),
    # check.py parse_types: `for i, pf in enumerate(t.get("pointers", []))`
    "pointers is not a list": lambda: loop_cert_with(
        lambda c, f, cut: c.update(types={"t": {"size": 8, "pointers": None}})),
    # check.py parse_assertion: `x.get("regs", {}).items()`
    "cut regs is not an object": lambda: loop_cert_with(lambda c, f, cut: cut.update(regs=[])),
    # check.py parse_assertion: `x.get("slots", {}).items()`
    "cut slots is not an object": lambda: loop_cert_with(lambda c, f, cut: cut.update(slots=5)),
    # check.py parse_contract: `p[1] in (1, 2, 4, 8)` admits 4.0; symexec.width_range shifts by it
    "parameter size 4.0": lambda: loop_cert_with(lambda c, f, cut: f.update(params=[["x", 4.0, True]])),
    # the same for `ret[0] in (0, 1, 2, 4, 8)`
    "return size 8.0": lambda: loop_cert_with(lambda c, f, cut: f.update(ret=[8.0, True])),
    # check.py static_regions: `t in types` with an unhashable t
    "object type is a list": lambda: loop_cert_with(lambda c, f, cut: c.update(objects={"g": []})),
    # check.py prepare: `t in types` with an unhashable t
    "allocation type is a list": lambda: list_cert_with(
        lambda c, f: f.update(allocs={k: ["node"] for k in f["allocs"]})),
    # check.py parse_offset: "²".isdigit() is True but int("²") raises ValueError
    "cut offset '²'": lambda: loop_cert_with(lambda c, f, cut: f.update(cuts={"²": cut})),
    "field hint offset '³'": lambda: list_cert_with(lambda c, f: f.update(fields={"³": ["node", 0]})),
}

# The message each reproducer produces today; the certificate fuzzer tolerates a message only
# while one of its reproducers still produces it.
INTERNAL_SIGNATURES = [
    (re.compile(r"internal error TypeError: '\w+' object is not iterable"),
     ["params is not a list", "areas is not a list", "pointers is not a list"]),
    (re.compile(r"internal error AttributeError: '\w+' object has no attribute 'items'"),
     ["cut regs is not an object", "cut slots is not an object"]),
    (re.compile(r"internal error TypeError: unsupported operand type\(s\) for <<: 'int' and 'float'"),
     ["parameter size 4.0", "return size 8.0"]),
    (re.compile(r"internal error TypeError: unhashable type"),
     ["object type is a list", "allocation type is a list"]),
    (re.compile(r"internal error ValueError: invalid literal for int\(\)"),
     ["cut offset '²'", "field hint offset '³'"]),
]


@functools.lru_cache(maxsize=None)
def still_broken(name: str) -> bool:
    if name in INTERNAL_ERRORS:
        return "internal error" in check_module(INTERNAL_ERRORS[name]()).reason
    return check_module(SOUNDNESS_BUGS[name]()).ok


def tolerated(reason: str) -> bool:
    return any(sig.search(reason) and any(still_broken(n) for n in names)
               for sig, names in INTERNAL_SIGNATURES)


@pytest.mark.parametrize("name", [
    n
    for n in INTERNAL_ERRORS])
def test_fixed_internal_error_is_a_clean_rejection(name):
    v = check_module(INTERNAL_ERRORS[name]())
    assert not v.ok and "internal error" not in v.reason, v.reason
    assert rule(v) in RULES, v.reason


def imul_chain(k: int) -> bytes:
    """x = rdi & 1; k times x = x * x: the exact term x^(2^k) stays in range (x is 0 or 1),
    so the kernel keeps a monomial of degree 2^k, and each step costs four times the last."""
    def f(a, labels):
        a.alu_ri("and", RDI, 1)
        for _ in range(k):
            a.imul_rr(RDI, RDI)
        a.ret()
    return sealed(build([("f", f)]), {"format": "certa-cert/0", "functions": {
        "f": {"params": [["x", 8, True]], "ret": [0, False]}}})


def test_fixed_term_growth_is_bounded():
    """20 instructions take a second; 30 would take days and gigabytes (symexec.exact keeps
    every in-range product, Poly.__mul__ builds monomials of degree 2^k)."""
    v = check_module(imul_chain(20))
    assert v.seconds < 0.2, f"{v.seconds:.1f} s for a 20-instruction function"


PATH_BLOWUP = r"""
import resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
from certa.kernel.check import check_module
data = open(sys.argv[1], "rb").read()
t = time.time()
v = check_module(data)
print(round(time.time() - t, 1), v.reason[:120])
"""


def path_blowup() -> bytes:
    """190 fresh values (380 facts), 14 independent branches (16384 paths), then 200 stores:
    the walk snapshots every path's facts into every obligation before checking any proof."""
    def f(a, labels):
        a.alu_ri("sub", RSP, 8)
        a.store_imm(Mem(RSP, 0), 0, 8)
        for _ in range(190):
            a.alu_ri("and", RAX, 0x7F)
        for i in range(14):
            skip = a.label()
            a.alu_ri("cmp", RDI, i)
            a.jcc("l", skip)
            a.nop()
            a.bind(skip)
        a.lea(R8, RipRef(".bss", 0))
        for i in range(200):
            a.store_imm(Mem(R8, 8 * (i % 10)), 0, 8)
        a.alu_ri("add", RSP, 8)
        a.ret()
    image = build([("f", f)], objects=ARR, bss=80)
    return write_module(replace(image, cert=zlib.compress(json.dumps({"format": "certa-cert/0", "functions": {
        "f": {"params": [["x", 8, True]], "ret": [0, False]}}}).encode())))


def test_fixed_obligation_blowup_is_bounded(tmp_path):
    p = tmp_path / "m.cm"
    p.write_bytes(path_blowup())
    try:
        r = subprocess.run([sys.executable, "-c", PATH_BLOWUP, str(p)], capture_output=True, text=True,
                           timeout=3)
    except subprocess.TimeoutExpired:
        pytest.fail("the check of a 2.5 KB module takes more than 3 s")
    out = r.stdout.strip()
    assert r.returncode == 0 and "internal error" not in out and "KERNEL" not in out, out or r.stderr[-500:]


# -- bugs found while fuzzing and already fixed: keep them fixed --------------------------------
def test_fixed_frame_area_lent_below_rsp():
    """A frame area below rsp (unprobed, soon the callee's frame) must not be lent."""
    def g(a, labels):
        a.alu_ri("sub", RSP, 40)
        a.store_imm(Mem(RSP, 8), 0, 8)
        a.mov_imm(RCX, 1 << 56)
        a.store(Mem(RDI, 0), RCX, 8)
        a.load(RAX, Mem(RSP, 8), 8)
        a.lea(R8, RipRef(".bss", 0))
        a.load(RAX, Mem(R8, 0, RAX, 8), 8)
        a.alu_ri("add", RSP, 40)
        a.ret()

    def f(a, labels):
        a.alu_ri("sub", RSP, 8)
        a.lea(RDI, Mem(RSP, -40))               # S-48: below rsp
        a.call(labels["get"])
        a.alu_ri("add", RSP, 8)
        a.ret()
    image = build([("get", g), ("f", f)], objects=ARR, bss=80)
    v = check_module(sealed(image, {"format": "certa-cert/0", "functions": {
        "get": {"params": [["p", 8, False]], "ret": [8, True],
                "pre_regions": [["buf", poly((1, "p")), poly((8,)), True, False]]},
        "f": {"params": [], "ret": [8, True], "areas": [[-48, -40]]}}}))
    assert not v.ok and rule(v) in RULES and "internal error" not in v.reason, v.reason


def test_fixed_stack_top_in_a_postcondition():
    """`result == S` proven in the callee (its S) was assumed in the caller (another S)."""
    def g(a, labels):
        a.lea(RAX, Mem(RSP, 0))
        a.ret()

    def f(a, labels):
        a.alu_ri("sub", RSP, 8)
        a.call(labels["get"])
        a.alu_ri("add", RSP, 8)
        a.ret()
    image = build([("get", g), ("f", f)])
    v = check_module(sealed(image, {"format": "certa-cert/0", "functions": {
        "get": {"params": [], "ret": [8, True], "post": [["==", poly((1, "result"), (-1, "S"))]]},
        "f": {"params": [], "ret": [8, True]}}}))
    assert not v.ok and v.reason.startswith("CERT"), v.reason


@pytest.mark.parametrize("cc", ["o", "no", "p", "np"])
@pytest.mark.parametrize("flags", ["cmp", "test"])
def test_fixed_overflow_and_parity_branches(cc, flags):
    """jo/jno/jp/jnp after cmp or test raised KeyError in Walker.condition."""
    def f(a, labels):
        if flags == "cmp":
            a.alu_ri("cmp", RDI, 5)
        else:
            a.test_rr(RDI, RDI)
        skip = a.label()
        a.jcc(cc, skip)
        a.bind(skip)
        a.ret()
    v = check_module(sealed(build([("f", f)]), {"format": "certa-cert/0", "functions": {
        "f": {"params": [["x", 8, True]], "ret": [0, False]}}}))
    assert "internal error" not in v.reason and (v.ok or rule(v) in RULES), v.reason


def test_fixed_exported_function_with_stack_parameters():
    """A 10-parameter exported function read its "stack arguments" above the module stack."""
    def f(a, labels):
        a.load(RAX, Mem(RSP, 32), 8)
        a.ret()
    v = check_module(sealed(build([("f", f)]), {"format": "certa-cert/0", "functions": {
        "f": {"params": [[f"a{i}", 8, True] for i in range(10)], "ret": [8, True]}}}))
    assert not v.ok and rule(v) in RULES, v.reason


# -- 1. certificate fuzzing ----------------------------------------------------------------------
def call_seed() -> bytes:
    """get(i) requires 0 <= i <= 9 and returns g[i]; f() returns get(9)."""
    def get(a, labels):
        a.alu_ri("sub", RSP, 8)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RDI, 4), 4, True)
        a.alu_ri("add", RSP, 8)
        a.ret()

    def f(a, labels):
        a.alu_ri("sub", RSP, 8)
        a.mov_imm(RDI, 9)
        a.call(labels["get"])
        a.alu_ri("add", RSP, 8)
        a.ret()
    image = build([("get", get), ("f", f)], objects=[("g", ".bss", 0, 40)], bss=40)
    i = poly((1, "i"))
    return sealed(image, {"format": "certa-cert/0", "functions": {
        "get": {"params": [["i", 4, True]], "ret": [4, True],
                "pre": [[">=", i], [">=", poly((-1, "i"), (9,))]]},
        "f": {"params": [], "ret": [4, True]}}})


def typed_global_seed() -> bytes:
    """head (a node in .data) -> blk (a node block with a header); f reads head->next->value."""
    at = {}

    def f(a, labels):
        a.lea(RAX, RipRef(".data", 0))
        at["load"] = a.here()
        a.load(RCX, Mem(RAX, 8), 8)
        done = a.label()
        a.test_rr(RCX, RCX)
        a.jcc("e", done)
        at["value"] = a.here()
        a.load(RDX, Mem(RCX, 0), 8)
        at["header"] = a.here()
        a.load(RDX, Mem(RCX, -16), 8)
        a.bind(done)
        a.ret()
    data = bytes(16) + (16).to_bytes(8, "little") + bytes(8) + bytes(16)
    image = build([("f", f)], objects=[("head", ".data", 0, 16), ("blk", ".data", 32, 16)], data=data)
    image = replace(image, relocations=(Relocation(".data", 8, ".data", 32),))
    return sealed(image, {"format": "certa-cert/0", "types": NODE, "objects": {"head": "node", "blk": "node"},
                          "functions": {"f": {"params": [], "ret": [0, False], "fields": {
                              str(at["load"]): ["node", 8], str(at["value"]): ["node", 0]}}}})


def compiled_seed(name: str) -> bytes | None:
    try:
        from certa.compiler.pipeline import compile_image
        return write_module(compile_image(str(ROOT / "tests" / "certified" / f"{name}.c")))
    except Exception:           # the compiler is not what is tested here
        return None


@functools.lru_cache(maxsize=None)
def seeds() -> dict:
    out = {"loop": seal(*loop_module()), "list": seal_typed(*list_module()), "call": call_seed(),
           "typed_global": typed_global_seed()}
    for name in ("local_arrays", "fact_gcd", "division"):
        data = compiled_seed(name)
        if data is not None:
            out[name] = data
    return out


def instruction_offsets(data: bytes) -> list:
    img = parse_module(data)
    offs = [i.offset for s in img.symbols if s.kind == "func"
            for i in decode_range(img.text, s.offset, s.offset + s.size)]
    return offs + [o + 1 for o in offs[:16]] + [0, len(img.text), 1 << 31]


def deep(n: int):
    x = 0
    for _ in range(n):
        x = [x]
    return x


JUNK = [None, True, False, 0, 1, -1, 2, 7, 8, 16, 24, 1 << 31, 1 << 63, -(1 << 63), 1 << 64, 1 << 200,
        -(1 << 200), 0.0, 1.0, 4.0, 8.0, -0.5, 1e300, float("inf"), float("nan"), "", "x", "i", "S", "M",
        "result", "cs_rbx", "rax", "rsp", "0", "8", "-8", "39", "²", "١٢", " 1", "1_0", "x\n", "bytes",
        "node", ">=", "==", "pos", "neg", "neg2", "lin", "round", "mul", [], [[]], [None], [0], [1, 2],
        [1, 2, 3], [[1, ["i"]]], [">=", []], {}, {"a": 1}, {"depth": 8}, deep(50)]

NAMES = ["i", "s", "x", "p", "S", "M", "result", "cs_rbx", "cs_r15", "v0", "p0", "_", "a" * 64,
         "a" * 65, "1x", "x-y", "%m1", "x\n", "", "heap@9", "*23", "frame[-8:0]"]

BAD_PROOFS = [None, "", "proof", 0, -1, 1.5, True, {}, [], [[]], [None], ["pos"], ["neg"], ["neg2"],
              ["pos", "x"], ["neg", 5], ["neg", None, "x"], ["neg2", [["lin", []]]], ["pos", [["lin", []]]],
              [999, [], []], [-1, None, None], [0, "x", None], [0, None, None, None, None],
              [True, None, None], [0.0, None, None], [[0], None, None], [1 << 70, None, None],
              [["lin", "x"]], [["lin", [[0, 1.0]]]], [["lin", [[0, -1]]]], [["lin", [[-1, 1]]]],
              [["lin", [[10 ** 30, 1]]]], [["lin", [[0, 1 << 300]]]], [["lin", [[0]]]], [["lin", [0, 1]]],
              [["lin", [[True, 1]]]], [["round", -1]], [["round", 0]], [["round", "0"]], [["round"]],
              [["mul", 0, 0]], [["mul", 0]], [["mul", 0, 0, 0]], [["nope"]], [[]], [[None]],
              [["lin", [[0, 1]]], 7], [["mul", 0, 0]] + [["mul", k, k] for k in range(1, 40)],
              [["lin", [[k, 1 << 255] for k in range(20)]]] * 30, deep(200), [deep(100)],
              [["lin", [[deep(20), 1]]]], [[0, [["lin", [[0, 1]]]]], [1, []]]]

HUGE_PROOFS = [[["lin", [[0, 1]]]] * 100_001,                            # too many steps
               [["lin", [[0, 1]] * 1000]] * 200,                           # too much work
               [["mul", 0, 0]] + [["mul", k, k] for k in range(1, 10_001)]]


def nodes(x, path=()):
    """(path, value) of every node, not descending into big lists."""
    yield path, x
    if len(path) > 12 or (isinstance(x, list) and len(x) > 64):
        return
    if isinstance(x, dict):
        for k, v in x.items():
            yield from nodes(v, path + (k,))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from nodes(v, path + (i,))


def at(x, path):
    for p in path:
        x = x[p]
    return x


def functions_of(cert) -> list:
    fns = cert.get("functions") if isinstance(cert, dict) else None
    return [f for f in fns.values() if isinstance(f, dict)] if isinstance(fns, dict) else []


def mutate(cert, rng: random.Random, offsets: list) -> None:
    """One random structured mutation, in place."""
    everything = list(nodes(cert))[1:]
    if not everything:
        return
    path, val = rng.choice(everything)
    parent, key = at(cert, path[:-1]), path[-1]
    fns = functions_of(cert)
    fn = rng.choice(fns) if fns else {}
    op = rng.randrange(15)
    if op == 0:                         # a value of another type
        parent[key] = copy.deepcopy(rng.choice(JUNK))
    elif op == 1:                       # a key or element removed
        del parent[key]
    elif op == 2:                       # a key added (known names in the wrong place, unknown names)
        dicts = [v for _, v in everything if isinstance(v, dict)] or [cert]
        rng.choice(dicts)[rng.choice(["zzz", "depth", "regs", "slots", "types", "fields", "allocs", "1",
                                      "pointers", "size", "objects", "proofs", "rsp"])] = \
            copy.deepcopy(rng.choice(JUNK))
    elif op == 3:                       # list lengths
        lists = [v for _, v in everything if isinstance(v, list)]
        if lists:
            lst = rng.choice(lists)
            c = rng.randrange(4)
            if c == 0 and lst:
                lst.append(copy.deepcopy(rng.choice(lst)))
            elif c == 1:
                lst.insert(rng.randrange(len(lst) + 1), copy.deepcopy(rng.choice(JUNK)))
            elif c == 2:
                del lst[rng.randrange(len(lst) + 1):]
            else:
                lst[:] = lst * rng.choice((2, 70))
    elif op == 4:                       # numbers
        ints = [(p, v) for p, v in everything if type(v) is int]
        if ints:
            p, v = rng.choice(ints)
            at(cert, p[:-1])[p[-1]] = rng.choice([v + 1, v - 1, -v, 2 * v, v + 8, 0, v + (1 << 64),
                                                  v - (1 << 70), v * (1 << 128), float(v), str(v)])
    elif op == 5:                       # a variable renamed everywhere
        names = sorted({v for p, v in everything if isinstance(v, str) and isinstance(p[-1], int)
                        and re.match(r"[A-Za-z_]\w*\Z", v)})
        if names:
            old, new = rng.choice(names), rng.choice(NAMES)
            for p, v in list(nodes(cert))[1:]:
                if v == old and isinstance(p[-1], int):
                    at(cert, p[:-1])[p[-1]] = new
    elif op == 6:                       # object keys: offsets, register names, slot offsets
        dicts = [v for _, v in everything if isinstance(v, dict) and v]
        if dicts:
            d = rng.choice(dicts)
            k = rng.choice(list(d))
            v = d.pop(k)
            cands = ["0", "1", "-8", "-24", "8", "4096", "9999999999", "99999999999", "abc", "", " 12",
                     "²", "١٢", "+8", "1_6", "rbx", "rsp", "r16", "zzz", "S", str(rng.choice(offsets))]
            if k.lstrip("-").isdigit():
                cands += [str(int(k) + d_) for d_ in (-3, -2, -1, 1, 2, 3, 5, 100)]
            d[rng.choice(cands)] = v
    elif op == 7:                       # a proof of the wrong shape
        if fn:
            pr = fn.get("proofs")
            if isinstance(pr, list) and pr and rng.random() < 0.8:
                pr[rng.randrange(len(pr))] = copy.deepcopy(rng.choice(BAD_PROOFS))
            else:
                fn["proofs"] = [copy.deepcopy(rng.choice(BAD_PROOFS)) for _ in range(rng.randrange(4))]
    elif op == 8:                       # a proof step of the wrong shape
        steps = [(p, v) for p, v in everything if isinstance(v, list) and v and v[0] in ("lin", "round", "mul")]
        if steps:
            p, v = rng.choice(steps)
            v[rng.randrange(len(v))] = copy.deepcopy(rng.choice(JUNK + [[0, 1], [10 ** 6, 1], [0, -5], [-1, 1]]))
    elif op == 9:                       # memory types
        types = cert.setdefault("types", {}) if isinstance(cert, dict) else None
        if isinstance(types, dict):
            size = rng.choice([0, 1, 7, 8, 9, 16, 24, 1 << 24, (1 << 24) + 1, -8])
            types[rng.choice(["t", "node", "u", "bytes", "v", "x\n"])] = {"size": size, "pointers": rng.choice([
                [], [[0, "t"]], [[4, "t"]], [[8, "node"]], [[0, "zz"]], [[0, "u"], [8, "v"]], [[0, "bytes"]],
                [[size - 8, "t"]], [[0, "t"], [4, "t"]], [[-8, "t"]], [[0, "t", 1]], [[0]]])}
            if rng.random() < 0.5:          # a cycle
                types["u"] = {"size": 8, "pointers": [[0, "v"]]}
                types["v"] = {"size": 8, "pointers": [[0, "u"]]}
            if rng.random() < 0.3:
                cert["objects"] = {rng.choice(["g", "head", "blk", "arr", "zz"]): rng.choice(["t", "node", "u", "zz"])}
    elif op == 10:                      # field hints and allocation hints
        if fn:
            kind = rng.choice(["fields", "allocs"])
            if not isinstance(fn.get(kind), dict):
                fn[kind] = {}
            off = str(rng.choice(offsets))
            if kind == "fields":
                fn[kind][off] = [rng.choice(["node", "bytes", "t", "u", "nope", "frame[-8:0]", "", "x" * 90]),
                                 rng.choice([0, 8, 4, 16, 1 << 24, 1 << 25, -8, 1])]
            else:
                fn[kind][off] = rng.choice(["node", "bytes", "t", "zz"])
    elif op == 11:                      # regions and frame areas
        if fn:
            region = [rng.choice(["r", "g", "frame[-8:0]", "heap@9", "*23", ""]),
                      rng.choice([poly((1, "S"), (-16,)), poly((1, "M")), poly((1, "i")), [], poly((4096,))]),
                      rng.choice([poly((8,)), poly((1, "i")), [], poly((-8,))]),
                      rng.choice([True, False]), rng.choice([True, False])]
            if rng.random() < 0.5:
                region += [rng.choice(["bytes", "node", "zz"]), rng.choice([True, False])]
            where = rng.randrange(3)
            if where == 0 and isinstance(fn.setdefault("pre_regions", []), list):
                fn["pre_regions"].append(region)
            elif where == 1:
                fn["areas"] = rng.choice([[[-8, 0]], [[-4096 * 4, -4096 * 4 + 8]], [[0, 8]], [[-(1 << 24), 0]],
                                          [[-(1 << 24) - 1, 0]], [[-8, -8]], [[-16, -8], [-12, -4]]])
            else:
                cuts = fn.get("cuts")
                if isinstance(cuts, dict) and cuts:
                    c = rng.choice(list(cuts.values()))
                    if isinstance(c, dict) and isinstance(c.setdefault("regions", []), list):
                        c["regions"].append(region)
    elif op == 12:                      # contracts
        if fn:
            which = rng.choice(["params", "ret", "pre", "post"])
            if which == "params":
                fn["params"] = rng.choice([
                    [["x", 4, True]], [["S", 8, True]], [["x", 8, True]] * 2, [[f"a{i}", 8, True] for i in range(8)],
                    [[f"a{i}", 8, True] for i in range(17)], [["x", 3, True]], [["x", True, True]],
                    [["x", 4, 1]], [["result", 4, True]], [["cs_rbx", 4, True]], [["x", 4]], [["i", 1, False]]])
            elif which == "ret":
                fn["ret"] = rng.choice([[0, False], [1, True], [2, False], [8, False], [3, True], [True, True],
                                        [8], [4, True, 1]])
            else:
                fn[which] = [[rng.choice([">=", "==", ">", "<="]), rng.choice([
                    poly((1, "x")), poly((-1,)), poly((1, "S"), (-1, "result")), poly((1, "result")),
                    [[1 << 129, ["x"]]], [[1, ["x"] * 5]], [[1, ["a", "b", "c", "d"]]] * 65, poly((1, "i"))])]]
    elif op == 13:                      # cut points: offsets, depth, assertions
        if fn:
            cuts = fn.get("cuts")
            if not isinstance(cuts, dict):
                cuts = fn["cuts"] = {}
            body = copy.deepcopy(rng.choice(list(cuts.values()))) if cuts and rng.random() < 0.7 else {}
            if isinstance(body, dict) and rng.random() < 0.5:
                body["depth"] = rng.choice([0, 8, 16, 24, 40, 4096, 1 << 24, (1 << 24) + 8])
            if isinstance(body, dict) and rng.random() < 0.3:
                body["slots"] = {rng.choice(["-8", "-24", "0", "8", "16", "-4096"]): [rng.choice([1, 2, 4, 8, 3]),
                                                                                   poly((1, "z"))]}
            cuts[str(rng.choice(offsets))] = body
    else:                               # two subtrees exchanged
        p2, v2 = rng.choice(everything)
        try:
            at(cert, p2[:-1])[p2[-1]] = copy.deepcopy(val)
            parent[key] = copy.deepcopy(v2)
        except (KeyError, IndexError, TypeError):
            pass


class Tally:
    """Outcomes of a fuzzing run, and the failures worth reporting."""

    def __init__(self):
        self.rules, self.bad, self.known, self.n = Counter(), [], Counter(), 0

    def check(self, data: bytes, what) -> None:
        self.n += 1
        try:
            v = check_module(data)
        except BaseException as e:                  # check_module must never raise
            self.bad.append(f"{what}: raised {type(e).__name__}: {e}")
            return
        self.rules[rule(v)] += 1
        if v.ok:
            return
        if "internal error" in v.reason or v.reason.startswith("KERNEL"):
            if tolerated(v.reason):
                self.known[v.reason[:90]] += 1
            else:
                self.bad.append(f"{what}: {v.reason[:300]}")
        elif rule(v) not in RULES:
            self.bad.append(f"{what}: rejection without a rule name: {v.reason[:300]}")

    def verify(self, least: int) -> None:
        print(f"\n{self.n} mutants: {dict(self.rules)}; open-bug internal errors tolerated: {dict(self.known)}")
        assert not self.bad, "\n".join(self.bad[:20])
        assert self.n >= least


def test_certificate_mutations_are_rejected_cleanly():
    """Random structured mutations (1-3 each) of every seed's certificate."""
    rng = random.Random(20240601)
    tally = Tally()
    budget = {"loop": 700, "list": 700, "call": 600, "typed_global": 600,
              "local_arrays": 250, "fact_gcd": 250, "division": 250}
    for name, data in seeds().items():
        img, cert0, offs = parse_module(data), cert_of(data), instruction_offsets(data)
        for k in range(budget[name]):
            cert = copy.deepcopy(cert0)
            for _ in range(rng.choice((1, 1, 2, 3))):
                mutate(cert, rng, offs)
            raw = zlib.compress(json.dumps(cert).encode())
            tally.check(write_module(replace(img, cert=raw)), f"{name} #{k} {json.dumps(cert)[:1500]}")
    tally.verify(3000)


def test_proofs_of_every_wrong_shape_are_rejected_cleanly():
    """Each bad proof shape in the place of a real proof, of a proof the kernel does not need,
    and one past the end; and huge proofs (10^5 steps, too much work, a 10^4-step mul
    chain)."""
    tally = Tally()
    for name, data in seeds().items():
        cert0 = cert_of(data)
        compiled = name in ("local_arrays", "fact_gcd", "division")
        for fname, f in cert0["functions"].items():
            proofs = f.get("proofs", [])
            used = [k for k, pf in enumerate(proofs) if pf is not None]
            if compiled and not used:
                continue
            unused = [k for k, pf in enumerate(proofs) if pf is None]
            places = used[:1] + unused[:1] if compiled else used[:3] + unused[:1] + [len(proofs)]
            for k in places:
                for pf in (BAD_PROOFS[::2] if compiled else BAD_PROOFS):
                    cert = copy.deepcopy(cert0)
                    proofs = cert["functions"][fname].setdefault("proofs", [])
                    proofs.extend([None] * (k + 1 - len(proofs)))
                    proofs[k] = copy.deepcopy(pf)
                    tally.check(with_cert(data, cert), f"{name}.{fname} proof {k} = {json.dumps(pf)[:200]}")
            if compiled:
                break
    data = seeds()["loop"]              # obligation 2 is an access, 3 a goal
    cert0 = cert_of(data)
    for pf, k, wrap in ((HUGE_PROOFS[0], 3, lambda p: p), (HUGE_PROOFS[1], 2, lambda p: [0, p, p]),
                        (HUGE_PROOFS[2], 3, lambda p: p)):
        cert = copy.deepcopy(cert0)
        proofs = cert["functions"]["f"].setdefault("proofs", [])
        proofs.extend([None] * (k + 1 - len(proofs)))
        proofs[k] = wrap(pf)
        tally.check(with_cert(data, cert), f"loop: huge proof {json.dumps(pf)[:60]} in place {k}")
    tally.verify(900)


def test_certificate_fields_of_every_wrong_type_are_rejected_cleanly():
    """Every node of every seed's certificate (except inside proofs) replaced by each value
    of the JUNK list, one at a time; and every key renamed to an unknown one."""
    tally = Tally()
    for name in ("loop", "list", "call", "typed_global"):
        data = seeds()[name]
        cert0 = cert_of(data)
        for path, _ in list(nodes(cert0))[1:]:
            if "proofs" in path:
                continue
            for junk in JUNK:
                cert = copy.deepcopy(cert0)
                at(cert, path[:-1])[path[-1]] = copy.deepcopy(junk)
                tally.check(with_cert(data, cert), f"{name} {path} = {json.dumps(junk)[:80]}")
            if isinstance(path[-1], str):
                cert = copy.deepcopy(cert0)
                parent = at(cert, path[:-1])
                parent["zz" + path[-1]] = parent.pop(path[-1])
                tally.check(with_cert(data, cert), f"{name} {path} renamed")
        for top in (None, [], "x", 0, {}, {"format": "certa-cert/0"}, {"format": "certa-cert/1", "functions": {}},
                    {"format": "certa-cert/0", "functions": [], "types": {}}, deep(500)):
            tally.check(with_cert(data, top), f"{name}: certificate {json.dumps(top)[:60]}")
        img = parse_module(data)
        for raw in (b"[" * 100_000 + b"]" * 100_000, b'{"format": "certa-cert/0", "functions": ' + b"{" * 50_000,
                    b'{"format": "certa-cert/0", "functions": {"f": ' + b"[" * 5000 + b"]" * 5000 + b"}}",
                    json.dumps(cert0).encode().replace(b"]", b"", 1), b"\xff\xfe", b"NaN", b"1e999"):
            tally.check(write_module(replace(img, cert=zlib.compress(raw))), f"{name}: raw {raw[:40]!r}")
    tally.verify(2000)


# -- 2. code fuzzing with an oracle ------------------------------------------------------------------
SCRATCH = (RAX, RCX, RDX, RSI, RDI, R9, R10, R11)      # r8 is the array base, reloaded before use
REG_NAME = ("rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11")
POISON = (1 << 56, -(1 << 56), 0x7FFFFFFF, 1 << 40, -1)     # values that fault when used as an index
CCS = ("e", "ne", "l", "ge", "le", "g", "b", "ae", "be", "a", "s", "ns")
N_ARR = 10


def random_module(rng: random.Random, rsp_games: bool):
    """(image, certificate) of a random module: f (exported, no parameters) and h (a helper
    that fills its frame with 2^56). Straight-line code with forward branches only, so every
    run ends. The certificate has frame areas, exactness claims and cut points; the
    certifier adds the proofs. Accesses are usually guarded, sometimes off by one, sometimes
    not guarded at all; registers often hold values that fault if misused as an index."""
    frame = rng.choice((24, 40, 56))
    meta = {"exact": [], "cuts": {}, "areas": []}
    # Usually f checks the stack limit for its frame, two nested pushes and a call (STACK);
    # without the check its calls are rejected. The room may be asserted at cut points.
    room = frame + 40 if rng.random() < 0.85 else 0

    def helper(a, labels):
        a.alu_ri("sub", RSP, 24)
        a.store(Mem(RSP, 0), RDI, 8)
        a.mov_imm(RAX, 1 << 56)
        a.store(Mem(RSP, 8), RAX, 8)
        a.store(Mem(RSP, 16), RAX, 8)
        a.alu_ri("add", RSP, 24)
        a.ret()

    def reg():
        return rng.choice(SCRATCH)

    def reinit(a):
        for r in SCRATCH:
            a.mov_imm(r, rng.choice((0, 1, 3, 9, rng.randint(-20, 20)) + POISON))

    def slot(st, size=8):
        return rng.randrange(0, st["depth"] - size + 1, size)

    def claim(a):
        if rng.random() < 0.3:
            meta["exact"].append(a.here())

    def block(a, labels, st, nest):
        while st["budget"] > 0:
            st["budget"] -= 1
            stmt(a, labels, st, nest)

    def nested(a, labels, st, nest, most):
        inner = min(st["budget"], rng.randint(0, most))
        st["budget"] -= inner
        block(a, labels, {"depth": st["depth"], "budget": inner}, nest + 1)

    def stmt(a, labels, st, nest):
        k = rng.randrange(26)
        d = st["depth"]
        if k == 0:
            a.mov_imm(reg(), rng.choice((0, 1, 2, 5, 9, 10, -1, rng.randint(-50, 50)) + POISON))
        elif k == 1:
            claim(a)
            op, size = rng.choice(("add", "sub", "and", "or", "xor")), rng.choice((8, 8, 4))
            if rng.random() < 0.5:
                a.alu_rr(op, reg(), reg(), size)
            else:
                a.alu_ri(op, reg(), rng.choice((1, 7, -1, 8, 100, 0x7FFFFFFF)), size)
        elif k == 2:
            claim(a)
            if rng.random() < 0.5:
                a.imul_rr(reg(), reg())
            else:
                a.imul_rri(reg(), reg(), rng.choice((2, 3, 8, -1, 1 << 20)))
        elif k == 3:
            claim(a)
            a.lea(reg(), Mem(reg(), rng.choice((0, 8, -8, 4096)), rng.choice((None, reg())), rng.choice((1, 2, 4, 8))))
        elif k == 4:
            r, c = reg(), rng.randrange(5)
            if c == 0:
                a.neg(r)
            elif c == 1:
                a.not_(r)
            else:
                a.shift_imm(("shl", "sar", "shr")[c - 2], r, rng.choice((1, 3, 8, 63)))
        elif k == 5:
            size = rng.choice((8, 4))
            a.store(Mem(RSP, slot(st, size)), reg(), size)
        elif k == 6:
            size = rng.choice((8, 4, 1))
            a.load_ext(reg(), Mem(RSP, slot(st, size)), size, rng.random() < 0.5)
        elif k in (7, 8):                           # arr[r], usually guarded
            r, skip = reg(), a.label()
            if rng.random() < 0.8:
                a.alu_ri("cmp", r, rng.choice((0, 0, 1, -1)))
                a.jcc(rng.choice(("l", "l", "l", "b", "le")), skip)
                a.alu_ri("cmp", r, rng.choice((N_ARR, N_ARR, N_ARR, N_ARR + 1, N_ARR - 1)))
                a.jcc(rng.choice(("ge", "ge", "ae", "g")), skip)
            a.lea(R8, RipRef(".bss", 0))
            if rng.random() < 0.5:
                a.load(reg(), Mem(R8, rng.choice((0, 0, 8, -8)), r, 8), 8)
            else:
                a.store(Mem(R8, rng.choice((0, 0, 8, -8)), r, 8), reg(), 8)
            a.bind(skip)
        elif k == 9 and d % 16 == 8:                # a heap block
            size = rng.choice((8, 16, 24, 100))
            a.mov_imm(RDI, size)
            a.call_import(0)
            skip = a.label()
            if rng.random() < 0.9:
                a.test_rr(RAX, RAX)
                a.jcc("e", skip)
            off = rng.choice((0, 8, size - 8, size - 4, size, -8, -16))
            if rng.random() < 0.5:
                a.store(Mem(RAX, off), reg(), 8)
            else:
                a.load(reg(), Mem(RAX, off), 8)
            a.bind(skip)
            reinit(a)
        elif k == 10 and nest < 2:                  # push, push, statements, pop, pop
            a.push(reg())
            a.push(reg())
            st["depth"] += 16
            nested(a, labels, st, nest, 3)
            a.pop(reg())
            a.pop(reg())
            st["depth"] -= 16
        elif k == 11 and d >= 24 and nest < 2 and rsp_games:    # shrink the frame around a call
            if rng.random() < 0.5:
                a.store_imm(Mem(RSP, rng.choice((0, 8))), rng.randrange(N_ARR), 8)
            a.alu_ri("add", RSP, 16)
            if rng.random() < 0.5:
                a.mov_rr(RDI, reg())
                a.call(labels["h"])
            else:
                a.mov_imm(RDI, 16)
                a.call_import(0)
            reinit(a)
            a.alu_ri("sub", RSP, 16)
            if rng.random() < 0.5:
                r = reg()
                a.load(r, Mem(RSP, slot(st)), 8)
                a.lea(R8, RipRef(".bss", 0))
                a.load(reg(), Mem(R8, 0, r, 8), 8)
        elif k == 12 and d % 16 == 8:
            a.mov_rr(RDI, reg())
            a.call(labels["h"])
            reinit(a)
        elif k == 13 and d % 16 == 8:               # console output
            a.lea(RDI, RipRef(".rodata", rng.choice((0, 0, 4, 16))))
            a.mov_imm(RSI, rng.choice((0, 5, 14, 16, 17)))
            a.call_import(1)
            reinit(a)
        elif k == 14:                               # division, usually guarded
            r, skip = reg(), a.label()
            if rng.random() < 0.8:
                a.alu_ri("cmp", r, 0)
                a.jcc(rng.choice(("le", "l", "e")), skip)
            if r not in (RAX, RDX):
                if rng.random() < 0.5:
                    a.cqo()
                    a.idiv(r)
                else:
                    a.mov_imm(RDX, 0)
                    a.div(r)
            a.bind(skip)
        elif k == 15 and nest < 3:                  # a forward branch over statements
            if rng.random() < 0.5:
                a.alu_rr("cmp", reg(), reg())
            else:
                a.alu_ri("cmp", reg(), rng.randint(-5, 12))
            skip = a.label()
            a.jcc(rng.choice(CCS), skip)
            nested(a, labels, st, nest, 4)
            a.bind(skip)
        elif k == 16:                               # a frame-area element through a computed address
            r, skip = reg(), a.label()
            base = R10 if r == R9 else R9
            if rng.random() < 0.8:
                a.alu_ri("cmp", r, 0)
                a.jcc("l", skip)
                n = (frame - 8) // 8
                a.alu_ri("cmp", r, rng.choice((n, n, n + 1)))
                a.jcc("ge", skip)
            a.lea(base, Mem(RSP, d - frame, r, 8))
            if rng.random() < 0.5:
                a.store(Mem(base, 0), reg(), 8)
            else:
                a.load(reg(), Mem(base, 0), 8)
            a.bind(skip)
        elif k == 17:
            a.mov_rr(reg(), reg())
        elif k == 18 and nest == 0 and d == frame:  # a cut point that keeps some registers
            meta["cuts"][a.here()] = {"depth": frame, "regs": {
                REG_NAME[r]: poly((1, f"v{r}")) for r in SCRATCH if rng.random() < 0.3}}
            if room and rng.random() < 0.8:
                meta["cuts"][a.here()]["facts"] = [[">=", poly((1, "S"), (-1, "L"), (-room,))]]
        elif k == 19:
            a.test_rr(reg(), reg())
        elif k == 20:
            r = reg()
            a.setcc(rng.choice(CCS), r)
            a.extend(r, 1, False)
        elif k == 21:
            a.cmov(rng.choice(CCS), reg(), reg())
        elif k in (22, 23):                         # a small value kept in a frame slot ...
            r = reg()
            a.mov_imm(r, rng.randrange(N_ARR))
            a.store(Mem(RSP, slot(st)), r, 8)
        elif k in (24, 25):                         # ... used as an index without a check
            r = reg()
            a.load(r, Mem(RSP, slot(st)), 8)
            a.lea(R8, RipRef(".bss", 0))
            a.load(reg(), Mem(R8, 0, r, 8), 8)

    def f(a, labels):
        if room:
            limit_check(a, room)
        a.alu_ri("sub", RSP, frame)
        a.store_imm(Mem(RSP, 0), 0, 8)              # probe
        if rng.random() < 0.5:
            meta["areas"].append([-frame, -8])
        reinit(a)
        block(a, labels, {"depth": frame, "budget": rng.randint(4, 22)}, 0)
        a.mov_rr(RAX, reg())
        a.alu_ri("add", RSP, frame)
        a.ret()

    image = build([("h", helper), ("f", f)], objects=[("arr", ".bss", 0, 8 * N_ARR), ("msg", ".rodata", 0, 16)],
                  bss=8 * N_ARR, rodata=b"hello, world!\n\0\0", imports=["__certa_alloc", "__certa_write"])
    return image, {"format": "certa-cert/0", "functions": {
        "h": {"params": [["x", 8, True]], "ret": [0, False]},
        "f": {"params": [], "ret": [8, True], "areas": meta["areas"], "exact": meta["exact"],
              "cuts": {str(o): c for o, c in meta["cuts"].items()}}}}


def test_random_code_accepted_by_the_kernel_runs_without_faults(tmp_path):
    rng = random.Random(7)
    # Shrinking the frame around a call triggers the open stale-slot bug (see its reproducer);
    # the fuzzer does it once that bug is fixed.
    rsp_games = not still_broken("stale frame slot below rsp survives a call")
    outcomes, accepted = Counter(), []
    for i in range(300):
        image, cert = random_module(rng, rsp_games)
        data = sealed(image, cert)
        v = check_module(data)
        assert "internal error" not in v.reason and (v.ok or rule(v) in RULES), f"module {i}: {v.message()}"
        outcomes[rule(v)] += 1
        if v.ok:
            path = tmp_path / f"m{i}.cm"
            path.write_bytes(data)
            accepted.append(path)
    results = run_modules(accepted)
    runs = Counter(r.split(" ")[0] for r in results.values())
    print(f"\nkernel: {dict(outcomes)}; runs: {dict(runs)}")
    assert len(accepted) >= 30, outcomes
    bad = {p: r for p, r in results.items()
           if not (r == "ok" or (r.startswith("trap-") and r[5:].split(" ")[0] in SAFE_TRAPS))}
    assert not bad, "accepted modules that fault (kernel soundness bugs): " + \
        "; ".join(f"{Path(p).name}: {r[:200]}" for p, r in bad.items())
