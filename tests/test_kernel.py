"""The kernel: modules built by hand (machine code from the compiler's assembler, certificates
written here) that must be accepted, and attacks that must be rejected with a specific
reason. Each rejection test names the rule it exercises (docs/kernel.md)."""
from __future__ import annotations

import json
import zlib

import pytest

from certa.compiler.certify import certify
from certa.compiler.module_writer import write_module
from certa.compiler.x86 import (
    R8, R11, RAX, RBX, RCX, RDI, RDX, RSI, RSP, Asm, Mem, RipRef)
from certa.kernel.check import CertError, check_module
from certa.kernel.modfile import ModuleImage, Symbol, layout

INT = ["x", 4, True]


# -- building modules ------------------------------------------------------------------------
def poly(*terms):
    """poly((1, "i"), (4,)) -> [[1, ["i"]], [4, []]]"""
    return [[t[0], list(t[1:])] for t in terms]


def build(funcs, objects=(), imports=(), rodata=b"", data=b"", bss=0, internal=("get",)):
    """funcs: [(name, emit(asm, labels))]; objects: [(name, section, offset, size)];
    functions named in `internal` are not exported (so they may have preconditions). Every
    module imports the stack limit, in the last slot (`checked` reads it)."""
    imports = tuple(imports) + ("__certa_stack_limit",)
    asm = Asm()
    asm.limit_slot = len(imports) - 1
    labels = {name: asm.label(name) for name, _ in funcs}
    symbols = []
    for name, emit in funcs:
        while len(asm.code) % 16:
            asm.code.append(0xCC)
        start = asm.here()
        asm.bind(labels[name])
        emit(asm, labels)
        symbols.append(Symbol(name, ".text", start, asm.here() - start, "func", name not in internal))
    asm.resolve_labels()
    sizes = {".text": len(asm.code), ".rodata": len(rodata), ".certa.imports": 8 * len(imports),
             ".data": len(data), ".bss": bss}
    asm.resolve_rip(layout(sizes)[".text"], layout(sizes))
    objs = [Symbol(n, sec, off, size, "object", False) for n, sec, off, size in objects]
    objs += [s for s in symbols if not s.exported]          # locals first, as ELF wants
    symbols = [s for s in symbols if s.exported]
    iface = {"format": "certa-iface/0", "source": "hand.s", "functions": [
        {"name": name, "params": [], "ret": "long", "exported": True} for name, _ in funcs
        if name not in internal]}
    return ModuleImage(bytes(asm.code), rodata, data, bss, tuple(imports), tuple(objs + symbols),
                       (), (), json.dumps(iface).encode(), b"")


C_NAMES = {(1, True): "signed char", (1, False): "unsigned char", (2, True): "short",
           (2, False): "unsigned short", (4, True): "int", (4, False): "unsigned int",
           (8, True): "long", (8, False): "unsigned long", (0, False): "void", (0, True): "void"}


def with_iface(image, skeleton):
    """The image with an interface section giving each exported function the C types of
    its certificate (the kernel checks that they agree)."""
    exported = {s.name for s in image.symbols if s.kind == "func" and s.exported}
    funcs = []
    for name, f in skeleton.items():
        if name in exported and isinstance(f, dict):
            try:
                params = [C_NAMES[(p[1], p[2])] for p in f.get("params", [])]
                ret = C_NAMES[tuple(f.get("ret", [0, False]))]
            except (KeyError, TypeError, IndexError):
                continue
            funcs.append({"name": name, "params": params, "ret": ret, "exported": True})
    iface = {"format": "certa-iface/0", "source": "hand.s", "functions": funcs}
    return ModuleImage(image.text, image.rodata, image.data, image.bss_size, image.imports, image.symbols,
                       image.relocations, image.lines, json.dumps(iface).encode(), image.cert)


def seal(image, skeleton, allow_unproven=False, types=None, imports=None):
    image = with_iface(image, skeleton)
    full = {"format": "certa-cert/0", "functions": skeleton}
    if imports is not None:
        full["imports"] = imports
    if types is not None:
        full["types"] = types
    try:
        cert, failures = certify(image, full, partial=allow_unproven)
    except Exception:
        # The kernel's own walk rejects the code: ship the skeleton without proofs.
        if not allow_unproven:
            raise
        cert, failures = zlib.compress(json.dumps(full).encode()), []
    if not allow_unproven:
        assert not failures, [f.obligation.what for f in failures]
    return write_module(ModuleImage(image.text, image.rodata, image.data, image.bss_size,
                                    image.imports, image.symbols, image.relocations, image.lines,
                                    image.iface, cert))


def verdict(image, skeleton, **kw):
    return check_module(seal(image, skeleton, allow_unproven=True, **kw))


def accepted(image, skeleton, **kw):
    v = check_module(seal(image, skeleton, **kw))
    assert v.ok, v.message()
    return v


def rejected(image, skeleton, reason, **kw):
    v = verdict(image, skeleton, **kw)
    assert not v.ok, "an unsafe module was accepted"
    assert reason in v.reason, v.message()
    return v


def simple(emit, params=(INT,), ret=(4, True), **extra):
    image = build([("f", lambda a, l: emit(a))])
    return image, {"f": {"params": [list(p) for p in params], "ret": list(ret), **extra}}


# -- code fragments --------------------------------------------------------------------------
def prologue(a, frame=24):
    a.alu_ri("sub", RSP, frame)


def epilogue(a, frame=24):
    a.alu_ri("add", RSP, frame)
    a.ret()


def limit_check(a, room, load=None, cc="ge"):
    """The stack-limit check (STACK) for `room` bytes, returning 0 when it fails:
    lea r11, [rsp - room]; cmp r11, LOAD (the limit slot); j<cc> ok; return 0; ok:"""
    ok = a.label()
    a.lea(R11, Mem(RSP, -room))
    a.alu_rm("cmp", R11, load or RipRef(".certa.imports", 8 * a.limit_slot))
    a.jcc(cc, ok)
    a.mov_imm(RAX, 0)
    a.ret()
    a.bind(ok)


def checked(a, frame=24, room=None):
    """The prologue of a function that calls functions: the stack-limit check for `room`
    bytes (frame + 8 by default: the frame and a call's return address), then the frame."""
    limit_check(a, frame + 8 if room is None else room)
    prologue(a, frame)


def square(a):
    prologue(a)
    a.store(Mem(RSP, 0), RDI, 4)
    a.load_ext(RAX, Mem(RSP, 0), 4, True)
    a.imul_rr(RAX, RAX)
    a.extend(RAX, 4, True)
    epilogue(a)


def sum_global(a, upper=10, store_index_reg=RCX):
    """long f(void) { for (i = 0; i < upper; i++) s += g[i]; } over `int g[10]` in .bss:
    rcx = i, rdx = s; the loop header is a cut point."""
    prologue(a)
    a.store_imm(Mem(RSP, 0), 0, 8)           # probe the frame
    a.mov_imm(RCX, 0)
    a.mov_imm(RDX, 0)
    head, body, done = a.label(), a.label(), a.label()
    a.jmp(head)
    a.bind(body)
    a.lea(R8, RipRef(".bss", 0))
    a.load_ext(RAX, Mem(R8, 0, RCX, 4), 4, True)
    a.alu_rr("add", RDX, RAX)
    a.alu_ri("add", RCX, 1)
    a.bind(head)
    a.alu_ri("cmp", RCX, upper)
    a.jcc("l", body)
    a.mov_rr(RAX, RDX)
    epilogue(a)
    return head


def loop_module(upper=10, invariant_hi=10, cut_regs=None):
    holder = {}

    def emit(a, labels):
        holder["head"] = sum_global(a, upper)

    image = build([("f", emit)], objects=[("g", ".bss", 0, 40)], bss=40)
    # The cut point is the loop header; find its offset by re-running the emitter.
    a = Asm()
    head = sum_global(a, upper)
    skeleton = {"f": {"params": [], "ret": [8, True], "cuts": {str(head.pos): {
        "depth": 24,
        "regs": cut_regs or {"rcx": poly((1, "i")), "rdx": poly((1, "s"))},
        "facts": [[">=", poly((1, "i"))], [">=", poly((-1, "i"), (invariant_hi,))]],
    }}}}
    return image, skeleton


# -- accepted --------------------------------------------------------------------------------
def test_straight_line_function_is_accepted():
    image, sk = simple(square)
    v = accepted(image, sk)
    assert v.functions == 1 and v.instructions == 7


def test_loop_over_global_array_with_invariant_is_accepted():
    image, sk = loop_module()
    v = accepted(image, sk)
    assert v.obligations > 0


def test_runtime_check_proves_the_access():
    """int f(int i) { if ((unsigned long)i >= 10) trap(); return g[i]; }"""
    def emit(a, labels):
        prologue(a)
        a.store(Mem(RSP, 0), RDI, 4)
        a.load_ext(RCX, Mem(RSP, 0), 4, True)
        ok, trap = a.label(), a.label()
        a.alu_ri("cmp", RCX, 0)
        a.jcc("l", trap)
        a.alu_ri("cmp", RCX, 10)
        a.jcc("l", ok)
        a.bind(trap)
        a.mov_imm(RDI, 1)
        a.mov_imm(RSI, 3)
        a.call_import(0)
        a.bind(ok)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RCX, 4), 4, True)
        epilogue(a)
    image = build([("f", emit)], objects=[("g", ".bss", 0, 40)], bss=40, imports=["__certa_trap"])
    accepted(image, {"f": {"params": [INT], "ret": [4, True]}})


def alloc_then(size: int, use):
    """f(): p = __certa_alloc(size) (import 0, p in rax); if (p) use(asm)."""
    def emit(a, labels):
        prologue(a, 8)
        a.mov_imm(RDI, size)
        a.call_import(0)
        null = a.label()
        a.test_rr(RAX, RAX)
        a.jcc("e", null)
        use(a)
        a.bind(null)
        epilogue(a, 8)
    return emit


def test_alloc_with_null_check_is_accepted():
    image = build([("f", alloc_then(64, lambda a: a.store_imm(Mem(RAX, 56), 7, 8)))],
                  imports=["__certa_alloc"])
    accepted(image, {"f": {"params": [], "ret": [0, False]}})


def test_console_write_of_a_string_is_accepted():
    def emit(a, labels):
        prologue(a, 8)
        a.lea(RDI, RipRef(".rodata", 0))
        a.mov_imm(RSI, 6)
        a.call_import(0)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("msg", ".rodata", 0, 6)], rodata=b"hello\n",
                  imports=["__certa_write"])
    accepted(image, {"f": {"params": [], "ret": [0, False]}})


def test_guarded_division_is_accepted():
    def emit(a, labels):
        prologue(a)
        a.store(Mem(RSP, 0), RDI, 4)
        a.store(Mem(RSP, 4), RSI, 4)
        a.load_ext(RAX, Mem(RSP, 0), 4, True)
        a.load_ext(RCX, Mem(RSP, 4), 4, True)
        zero = a.label()
        a.alu_ri("cmp", RCX, 0)
        a.jcc("l", zero)
        a.test_rr(RCX, RCX)          # after y >= 0 is known, y != 0 means y >= 1
        a.jcc("e", zero)
        a.cqo()
        a.idiv(RCX)
        a.bind(zero)
        a.extend(RAX, 4, True)
        epilogue(a)
    image = build([("f", emit)])
    accepted(image, {"f": {"params": [INT, ["y", 4, True]], "ret": [4, True]}})


def test_call_with_precondition_is_accepted():
    def callee(a, labels):       # int get(int i) requires 0 <= i < 10: return g[i]
        prologue(a, 8)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RDI, 4), 4, True)
        epilogue(a, 8)

    def caller(a, labels):
        checked(a, 8)
        a.mov_imm(RDI, 9)
        a.call(labels["get"])
        epilogue(a, 8)
    image = build([("get", callee), ("main", caller)], objects=[("g", ".bss", 0, 40)], bss=40)
    pre = [[">=", poly((1, "i"))], [">=", poly((-1, "i"), (9,))]]
    accepted(image, {"get": {"params": [["i", 4, True]], "ret": [4, True], "pre": pre},
                     "main": {"params": [], "ret": [4, True]}})


# -- rejected: decoding and control flow ------------------------------------------------------
@pytest.mark.parametrize("code, reason", [
    (b"\x0f\x05", "syscall"),
    (b"\xcc", "int3"),
    (b"\xcd\x80", "int"),
    (b"\xff\xe0", "DECODE"),          # jmp rax
    (b"\xff\xd0", "DECODE"),          # call rax
    (b"\x0f\xa2", "DECODE"),          # cpuid
    (b"\xc2\x08\x00", "DECODE"),      # ret imm16
    (b"\xff\x34\x24", "DECODE"),      # push [rsp]
    (b"\x64\x48\x8b\x04\x25\x28\x00\x00\x00", "DECODE"),   # mov rax, fs:[0x28]
    (b"\x0f\x0b", "DECODE"),          # ud2
])
def test_forbidden_instructions_are_rejected(code, reason):
    image = build([("f", lambda a, l: (a.code.extend(code), a.ret()))])
    v = verdict(image, {"f": {"params": [], "ret": [0, False]}})
    assert not v.ok and reason in v.reason and "DECODE" in v.reason, v.message()


def test_jump_into_the_middle_of_an_instruction():
    def emit(a, labels):
        a.mov_imm(RAX, 0x90C3)        # b8 c3 90 00 00: contains a `ret` at +1
        a.code += b"\xeb\xfa"         # jmp back to +1
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "not an instruction boundary")


def test_falling_off_the_end():
    rejected(build([("f", lambda a, l: a.mov_imm(RAX, 1))]), {"f": {"params": [], "ret": [4, True]}},
             "FLOW: control leaves")


def test_call_to_a_non_entry_address():
    def emit(a, labels):
        prologue(a, 8)
        inner = a.label()
        a.call(inner)
        a.bind(inner)
        epilogue(a, 8)
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "is not the entry of a function")


def test_call_through_data_is_not_an_import_call():
    def emit(a, labels):
        prologue(a, 8)
        a._op(b"\xff", 2, RipRef(".data", 0), 4)      # call [rip + data]
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("p", ".data", 0, 8)], data=bytes(8))
    rejected(image, {"f": {"params": [], "ret": [0, False]}}, "CALL: indirect call")


def test_loop_without_cut_point():
    def emit(a, labels):
        a.mov_imm(RCX, 0)
        top = a.label()
        a.bind(top)
        a.alu_ri("add", RCX, 1)
        a.alu_ri("cmp", RCX, 10)
        a.jcc("l", top)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "has no cut point")


def test_unknown_import():
    image = build([("f", lambda a, l: a.ret())], imports=["__certa_system"])
    rejected(image, {"f": {"params": [], "ret": [0, False]}}, "is not a host service")


def test_import_of_a_module_function_needs_a_contract():
    image = build([("f", lambda a, l: a.ret())], imports=["system"])
    rejected(image, {"f": {"params": [], "ret": [0, False]}}, "CERT: import system: no contract")


# -- rejected: the stack ----------------------------------------------------------------------
def test_store_over_the_return_address():
    def emit(a, labels):
        a.store(Mem(RSP, 0), RAX, 8)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "outside the frame")


def test_store_below_rsp_red_zone():
    def emit(a, labels):
        a.store(Mem(RSP, -8), RAX, 8)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "outside the frame")


def test_rsp_changed_by_a_non_constant():
    def emit(a, labels):
        a.alu_rr("sub", RSP, RDI)
        a.alu_rr("add", RSP, RDI)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [["n", 8, True]], "ret": [0, False]}},
             "rsp changed by a non-constant")


def test_rsp_copied_into_a_register():
    def emit(a, labels):
        a.mov_rr(RAX, RSP)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "copying rsp")


def test_rsp_not_restored_at_ret():
    def emit(a, labels):
        a.alu_ri("sub", RSP, 8)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "rsp is not restored")


def test_callee_saved_register_not_restored():
    def emit(a, labels):
        a.mov_imm(RBX, 1)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}},
             "callee-saved register rbx is not restored")


def test_big_frame_without_probing():
    def emit(a, labels):
        a.alu_ri("sub", RSP, 3 * 4096 + 8)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.alu_ri("add", RSP, 3 * 4096 + 8)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "skips the guard page")


def test_big_frame_with_probing_is_accepted():
    def emit(a, labels):
        a.alu_ri("sub", RSP, 3 * 4096 + 8)
        for k in (2, 1, 0):                      # S-4096, S-8192, S-12288: a page at a time
            a.store_imm(Mem(RSP, k * 4096 + 8), 0, 8)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.alu_ri("add", RSP, 3 * 4096 + 8)
        a.ret()
    accepted(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}})


def test_misaligned_call():
    def emit(a, labels):
        a.alu_ri("sub", RSP, 16)
        a.call(labels["f"])
        a.alu_ri("add", RSP, 16)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "16-byte aligned")


# -- rejected: memory -------------------------------------------------------------------------
def test_out_of_bounds_global_store():
    def emit(a, labels):
        prologue(a, 8)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.lea(RAX, RipRef(".bss", 40))
        a.store_imm(Mem(RAX, 0), 1, 4)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("g", ".bss", 0, 40), ("h", ".bss", 48, 8)], bss=56)
    rejected(image, {"f": {"params": [], "ret": [0, False]}}, "PROOF")


def test_store_to_read_only_data():
    def emit(a, labels):
        prologue(a, 8)
        a.lea(RAX, RipRef(".rodata", 0))
        a.store_imm(Mem(RAX, 0), 1, 1)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("s", ".rodata", 0, 4)], rodata=b"abc\0")
    v = verdict(image, {"f": {"params": [], "ret": [0, False]}})
    assert not v.ok and ("read-only" in v.reason or "PROOF" in v.reason), v.message()


def test_lying_invariant_allows_nothing():
    """The invariant claims i <= 100 for a 10-element array: the access is unprovable."""
    image, sk = loop_module(upper=100, invariant_hi=100)
    rejected(image, sk, "PROOF")


def test_wrong_loop_invariant():
    """The invariant i <= 5 does not survive the loop i < 10."""
    image, sk = loop_module(upper=10, invariant_hi=5)
    v = rejected(image, sk, "PROOF")
    assert "invariant" in v.reason


def test_unknown_address():
    def emit(a, labels):
        a.mov_imm(RAX, 5)
        a.store_imm(Mem(RAX, 0), 0, 1)     # 8-bit write keeps upper bits: unknown
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [0, False]}}, "PROOF")


def test_alloc_without_null_check():
    def emit(a, labels):
        prologue(a, 8)
        a.mov_imm(RDI, 64)
        a.call_import(0)
        a.store_imm(Mem(RAX, 0), 7, 8)
        epilogue(a, 8)
    image = build([("f", emit)], imports=["__certa_alloc"])
    rejected(image, {"f": {"params": [], "ret": [0, False]}}, "PROOF")


def test_console_write_past_the_string():
    def emit(a, labels):
        prologue(a, 8)
        a.lea(RDI, RipRef(".rodata", 0))
        a.mov_imm(RSI, 4096)
        a.call_import(0)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("msg", ".rodata", 0, 6)], rodata=b"hello\n",
                  imports=["__certa_write"])
    rejected(image, {"f": {"params": [], "ret": [0, False]}}, "PROOF")


def test_index_computed_with_32_bit_wrap():
    """The ticket-lock class: a 32-bit increment may wrap, so its result is fresh."""
    def emit(a, labels):
        prologue(a)
        a.store(Mem(RSP, 0), RDI, 4)
        a.load_ext(RCX, Mem(RSP, 0), 4, False)
        a.alu_ri("add", RCX, 1, 4)           # ecx += 1 (may wrap to 0 .. or exceed)
        a.alu_ri("and", RCX, 7, 8)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RCX, 4), 4, True)
        epilogue(a)
    image = build([("f", emit)], objects=[("g", ".bss", 0, 32)], bss=32)
    accepted(image, {"f": {"params": [["x", 4, False]], "ret": [4, True]}})   # masked: safe

    def emit2(a, labels):
        prologue(a)
        a.store(Mem(RSP, 0), RDI, 4)
        a.load_ext(RCX, Mem(RSP, 0), 4, False)
        a.mov_imm(RAX, 0)
        ok = a.label()
        a.alu_ri("cmp", RCX, 7)
        a.jcc("g", ok)                        # x > 7: skip
        a.alu_ri("add", RCX, 1, 4)            # 32-bit: exact only if proven, here it is
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RCX, 4), 4, True)
        a.bind(ok)
        epilogue(a)
    image = build([("f", emit2)], objects=[("g", ".bss", 0, 32)], bss=32)
    rejected(image, {"f": {"params": [["x", 4, True]], "ret": [4, True]}}, "PROOF")


def narrowing_module(upper_guard: bool):
    """get(long x, long n) with 0 <= n <= 10: if (x >= 0 [&& x < n]) return g[(int)x]; the
    32-bit sign extension is claimed exact. x < n bounds x only relationally (no interval),
    so the claim must be proven; without the upper guard it cannot be."""
    where = {}

    def emit(a, labels):
        prologue(a)
        a.mov_rr(RCX, RDI)
        a.mov_imm(RAX, 0)
        skip = a.label()
        a.alu_ri("cmp", RCX, 0)
        a.jcc("l", skip)
        if upper_guard:
            a.alu_rr("cmp", RCX, RSI)
            a.jcc("ge", skip)
        where["movsxd"] = a.here()
        a.extend(RCX, 4, True)               # rcx = (int) x: claimed exact
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RCX, 4), 4, True)
        a.bind(skip)
        epilogue(a)
    image = build([("get", emit)], objects=[("g", ".bss", 0, 40)], bss=40)   # internal: may have a pre
    return image, {"get": {"params": [["x", 8, True], ["n", 8, True]], "ret": [4, True],
                         "pre": [[">=", poly((1, "n"))], [">=", [[-1, ["n"]], [10, []]]]],
                         "exact": [where["movsxd"]]}}


def test_narrowing_read_claimed_exact_is_proven():
    accepted(*narrowing_module(upper_guard=True))


def test_narrowing_read_claimed_exact_without_a_bound_is_refused():
    """The claim's range obligations (x <= 2^31 - 1) have no proof: the kernel refuses."""
    rejected(*narrowing_module(upper_guard=False), "PROOF")


def test_narrowing_read_without_a_claim_is_unknown():
    """Without the claim the sign-extended value is fresh, so the access is unprovable even
    with both guards (intervals cannot see x < n)."""
    image, sk = narrowing_module(upper_guard=True)
    del sk["get"]["exact"]
    rejected(image, sk, "PROOF")


def quotient_module(lo: int, hi: int, length: int, use_remainder: bool = False, offset: int = 0):
    """get(long a) with lo <= a <= hi: q = a / 2 (idiv), then return g[q + offset] (or
    g[a % 2 + offset]) from a global array of `length` ints. The kernel knows the quotient
    only through 0 <= a - 2q <= 1 (a >= 0) or -1 <= a - 2q <= 0 (a < 0), splitting on the
    sign of a when it is unknown."""
    def emit(a, labels):
        prologue(a)
        a.mov_rr(RAX, RDI)
        a.mov_imm(RCX, 2)
        a.cqo()
        a.idiv(RCX)
        if use_remainder:
            a.mov_rr(RAX, RDX)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 4 * offset, RAX, 4), 4, True)
        epilogue(a)
    image = build([("get", emit)], objects=[("g", ".bss", 0, 4 * length)], bss=4 * length)
    return image, {"get": {"params": [["a", 8, True]], "ret": [4, True],
                           "pre": [[">=", [[1, ["a"]], [-lo, []]]], [">=", [[-1, ["a"]], [hi, []]]]]}}


@pytest.mark.parametrize("lo, hi, length, rem, offset, ok", [
    (0, 19, 10, False, 0, True),        # q <= 9 (2q <= a <= 19, rounded)
    (0, 21, 10, False, 0, False),       # q may be 10
    (-19, 19, 10, False, 0, False),     # q may be negative
    (-19, 19, 19, False, 9, True),      # -9 <= q <= 9 on both sides of the split
    (0, 100, 2, True, 0, True),         # the remainder is exact: 0 <= a % 2 <= 1
    (-100, 100, 2, True, 0, False),     # ... and may be -1 for a negative dividend
])
def test_division_by_a_constant(lo, hi, length, rem, offset, ok):
    image, sk = quotient_module(lo, hi, length, rem, offset)
    if ok:
        accepted(image, sk)
    else:
        rejected(image, sk, "PROOF")


def clock_index(mask: bool):
    """f(): t = __certa_clock(); return g[t (& 7 if mask)]: the kernel knows only t >= 0."""
    def emit(a, labels):
        prologue(a, 8)
        a.call_import(0)
        if mask:
            a.alu_ri("and", RAX, 7)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RAX, 4), 4, True)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("g", ".bss", 0, 32)], bss=32, imports=["__certa_clock"])
    return image, {"f": {"params": [], "ret": [4, True]}}


def test_clock_result_is_only_known_to_be_non_negative():
    rejected(*clock_index(mask=False), "PROOF")
    accepted(*clock_index(mask=True))


def file_read_index(length: int, shift: int, bss: int):
    """f(): r = __certa_file_read(0, &g, length, 0); return g[r + shift] (bytes of g)."""
    def emit(a, labels):
        prologue(a, 8)
        a.mov_imm(RDI, 0)
        a.lea(RSI, RipRef(".bss", 0))
        a.mov_imm(RDX, length)
        a.mov_imm(RCX, 0)
        a.call_import(0)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, shift, RAX, 1), 1, False)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("g", ".bss", 0, bss)], bss=bss,
                  imports=["__certa_file_read"])
    return image, {"f": {"params": [], "ret": [4, True]}}


def test_a_file_read_returns_minus_one_to_len_and_needs_writable_memory():
    accepted(*file_read_index(8, 1, 10))                # -1 <= r <= 8: g[r + 1] of 10 bytes
    rejected(*file_read_index(8, 0, 10), "PROOF")       # r may be -1
    rejected(*file_read_index(8, 1, 9), "PROOF")        # r may be len: g[9] of 9 bytes
    image, sk = file_read_index(12, 1, 10)              # the buffer is 10 bytes, not 12
    rejected(image, sk, "precondition of __certa_file_read: region")


# -- imports of other modules' functions (IMPORT) ----------------------------------------------
def get_contract(post=True, writable=True, rtype=None, params=2):
    """get(p, n): requires n >= 0 and [p, p + n) (writable) memory; ensures 0 <= result <= 7."""
    region = ["arg", [[1, ["p"]]], [[1, ["n"]]], writable, False] + ([rtype, False] if rtype else [])
    c = {"params": [["p", 8, False], ["n", 8, True]] + [[f"x{i}", 8, True] for i in range(params - 2)],
         "ret": [8, True], "pre": [[">=", [[1, ["n"]]]]], "pre_regions": [region]}
    if post:
        c["post"] = [[">=", [[1, ["result"]]]], [">=", [[7, []], [-1, ["result"]]]]]
    return c


def import_caller(n: int):
    """f(): r = get(&g, n) through import slot 0; return g[r] (g: 8 ints in .bss)."""
    def emit(a, labels):
        checked(a, 8)
        a.lea(RDI, RipRef(".bss", 0))
        a.mov_imm(RSI, n)
        a.call_import(0)
        a.lea(R8, RipRef(".bss", 0))
        a.load_ext(RAX, Mem(R8, 0, RAX, 4), 4, True)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("g", ".bss", 0, 32)], bss=32, imports=["get"])
    return image, {"f": {"params": [], "ret": [4, True]}}


def test_a_call_to_an_import_keeps_its_contract():
    accepted(*import_caller(32), imports={"get": get_contract()})


def test_a_call_to_an_import_must_establish_its_precondition():
    rejected(*import_caller(33), "precondition of get", imports={"get": get_contract()})


def test_an_import_gives_only_the_postcondition_it_states():
    rejected(*import_caller(32), "PROOF", imports={"get": get_contract(post=False)})


def test_an_import_cannot_lend_read_only_memory_as_writable():
    def emit(a, labels):
        checked(a, 8)
        a.lea(RDI, RipRef(".rodata", 0))
        a.mov_imm(RSI, 8)
        a.call_import(0)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("k", ".rodata", 0, 8)], rodata=bytes(8), imports=["get"])
    sk = {"f": {"params": [], "ret": [0, False]}}
    rejected(image, sk, "precondition of get: region", imports={"get": get_contract(writable=True)})
    accepted(image, sk, imports={"get": get_contract(writable=False)})


@pytest.mark.parametrize("imports, reason", [
    ({"get": {**get_contract(), "ret_region": True}}, "import get: no contract (or unknown keys)"),
    ({"get": get_contract(params=7)}, "import get: more than 6 parameters"),
    ({"get": get_contract(rtype="node")}, "region arg is not plain bytes"),
    ({"get": get_contract(), "put": get_contract()}, "contract for 'put', which the module does not import"),
    ({"get": {**get_contract(), "pre": [[">=", [[1, ["q"]]]]]}}, "a precondition may only mention parameters"),
    ([], "imports must be an object"),
])
def test_malformed_import_contracts(imports, reason):
    rejected(*import_caller(32), reason, imports=imports)


def test_a_host_service_contract_is_the_kernels():
    image, sk = clock_index(mask=True)
    rejected(image, sk, "a host service's contract is the kernel's",
             imports={"__certa_clock": {"params": [], "ret": [8, True], "post": []}})


def test_the_verdict_lists_exports_and_imports():
    v = accepted(*import_caller(32), imports={"get": get_contract()})
    assert set(v.imports) == {"get"} and set(v.exports) == {"f"}
    assert len(v.imports["get"].post) == 2 and v.exports["f"].params == ()


def test_an_allocation_ends_in_user_space():
    # f(): p = __certa_alloc(64); if (p) get(p, 64): get's contract asks nothing of where the
    # region ends, but its caller's proof of [p, p + 64) uses the allocator's contract.
    def emit(a, labels):
        checked(a, 8)
        a.mov_imm(RDI, 64)
        a.call_import(0)
        null = a.label()
        a.test_rr(RAX, RAX)
        a.jcc("e", null)
        a.mov_rr(RDI, RAX)
        a.mov_imm(RSI, 64)
        a.call_import(1)
        a.bind(null)
        epilogue(a, 8)
    image = build([("f", emit)], imports=["__certa_alloc", "get"])
    sk = {"f": {"params": [], "ret": [0, False]}}
    c = get_contract(post=False)
    c["pre"].append([">=", [[1 << 47, []], [-1, ["p"]], [-1, ["n"]]]])     # p + n <= 2^47
    accepted(image, sk, imports={"get": c})
    c["pre"][-1] = [">=", [[(1 << 47) - 1, []], [-1, ["p"]], [-1, ["n"]]]]  # one byte less: no
    rejected(image, sk, "PROOF", imports={"get": c})


# -- rejected: division ------------------------------------------------------------------------
def divide_by_param(a, labels, with_cqo=True, zero_rdx=False, unsigned=False):
    prologue(a)
    a.store(Mem(RSP, 0), RDI, 8)
    a.store(Mem(RSP, 8), RSI, 8)
    a.load(RAX, Mem(RSP, 0), 8)
    a.load(RCX, Mem(RSP, 8), 8)
    if unsigned:
        if zero_rdx:
            a.mov_imm(RDX, 0)
        a.div(RCX)
    else:
        if with_cqo:
            a.cqo()
        a.idiv(RCX)
    epilogue(a)


LONGS = {"params": [["x", 8, True], ["y", 8, True]], "ret": [8, True]}


def test_division_by_a_value_that_may_be_zero():
    rejected(build([("f", divide_by_param)]), {"f": dict(LONGS)}, "PROOF")


def test_division_int_min_by_minus_one():
    def emit(a, labels):
        prologue(a)
        a.store(Mem(RSP, 0), RDI, 8)
        a.load(RAX, Mem(RSP, 0), 8)
        a.mov_imm(RCX, -1)
        a.cqo()
        a.idiv(RCX)
        epilogue(a)
    rejected(build([("f", emit)]), {"f": {"params": [["x", 8, True]], "ret": [8, True]}}, "no overflow")


def test_idiv_without_cqo():
    rejected(build([("f", lambda a, l: divide_by_param(a, l, with_cqo=False))]), {"f": dict(LONGS)},
             "idiv must directly follow cqo")


def test_div_without_zeroed_rdx():
    rejected(build([("f", lambda a, l: divide_by_param(a, l, unsigned=True))]), {"f": dict(LONGS)},
             "div needs rdx = 0")


# -- rejected: calls and contracts ---------------------------------------------------------------
def test_call_whose_precondition_is_not_proven():
    def callee(a, labels):
        a.ret()

    def caller(a, labels):
        checked(a, 8)
        a.mov_imm(RDI, 10)
        a.call(labels["get"])
        epilogue(a, 8)
    image = build([("get", callee), ("main", caller)])
    pre = [[">=", poly((1, "i"))], [">=", poly((-1, "i"), (9,))]]
    rejected(image, {"get": {"params": [["i", 4, True]], "ret": [0, False], "pre": pre},
                     "main": {"params": [], "ret": [0, False]}}, "precondition of get")


def test_argument_out_of_its_type_range():
    def callee(a, labels):
        a.ret()

    def caller(a, labels):
        checked(a, 8)
        a.mov_imm(RDI, 1 << 40)
        a.call(labels["get"])
        epilogue(a, 8)
    image = build([("get", callee), ("main", caller)])
    rejected(image, {"get": {"params": [["i", 4, True]], "ret": [0, False]},
                     "main": {"params": [], "ret": [0, False]}}, "argument i")


def test_return_value_out_of_range():
    def emit(a, labels):
        a.mov_imm(RAX, 1 << 40)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [4, True]}}, "return value")


def test_postcondition_must_hold():
    def emit(a, labels):
        a.mov_imm(RAX, 5)
        a.ret()
    rejected(build([("f", emit)]), {"f": {"params": [], "ret": [4, True],
                                          "post": [[">=", poly((1, "result"), (-6,))]]}}, "postcondition")


# -- rejected: the certificate itself ------------------------------------------------------------
def tamper(data: bytes, change) -> bytes:
    from certa.kernel.modfile import parse_module
    img = parse_module(data)
    cert = json.loads(zlib.decompress(img.cert))
    change(cert)
    return write_module(ModuleImage(img.text, img.rodata, img.data, img.bss_size, img.imports,
                                    img.symbols, img.relocations, img.lines, img.iface,
                                    zlib.compress(json.dumps(cert).encode())))


def sealed_loop():
    image, sk = loop_module()
    return seal(image, sk)


def first_proof(cert):
    for p in cert["functions"]["f"]["proofs"]:
        if p is not None:
            return p
    raise AssertionError("no proof")


def test_missing_certificate():
    image, sk = simple(square)
    v = check_module(write_module(image))
    assert not v.ok and "CERT: the certificate is missing" in v.reason


@pytest.mark.parametrize("raw, reason", [
    (b"\x78\x9c garbage", "malformed certificate"),
    (zlib.compress(b"[1, 2, 3]"), "not a certa-cert/0 certificate"),
    (zlib.compress(b'{"format": "certa-cert/0", "functions": {"g": {}}}'), "unknown function"),
    (zlib.compress(b'{"format": "certa-cert/0", "functions": {}}'), "no certificate for function f"),
    (zlib.compress(b"{" * 100000), "malformed certificate"),
    (zlib.compress(b" " * (70 << 20)), "decompresses to too much"),
])
def test_garbled_certificates(raw, reason):
    image, _ = simple(square)
    data = write_module(ModuleImage(image.text, image.rodata, image.data, image.bss_size, image.imports,
                                    image.symbols, image.relocations, image.lines, image.iface, raw))
    v = check_module(data)
    assert not v.ok and reason in v.reason, v.message()


def test_truncated_certificate():
    data = sealed_loop()
    from certa.kernel.modfile import parse_module
    img = parse_module(data)
    bad = write_module(ModuleImage(img.text, img.rodata, img.data, img.bss_size, img.imports, img.symbols,
                                   img.relocations, img.lines, img.iface, img.cert[:len(img.cert) // 2]))
    v = check_module(bad)
    assert not v.ok and "CERT" in v.reason


def test_proofs_removed():
    data = tamper(sealed_loop(), lambda c: c["functions"]["f"].update(proofs=[]))
    v = check_module(data)
    assert not v.ok and "PROOF" in v.reason and "obligation" in v.reason


def test_proof_multipliers_that_do_not_combine():
    def change(cert):
        proofs = cert["functions"]["f"]["proofs"]
        for i, p in enumerate(proofs):
            if p is not None and p and isinstance(p[0], int):        # an access proof
                proofs[i] = [p[0], [["lin", [[0, 1]]]], p[2]]
                return
    v = check_module(tamper(sealed_loop(), change))
    assert not v.ok and "PROOF" in v.reason


def test_negative_multiplier():
    def change(cert):
        proofs = cert["functions"]["f"]["proofs"]
        for i, p in enumerate(proofs):
            if isinstance(p, list) and p and isinstance(p[0], int) and isinstance(p[1], list) and p[1]:
                step = p[1][0]
                if step[0] == "lin":
                    step[1] = [[k, -abs(m) - 1] for k, m in step[1]]
                    return
        raise AssertionError("no linear step to corrupt")
    v = check_module(tamper(sealed_loop(), change))
    assert not v.ok and "PROOF" in v.reason


def test_proof_naming_another_region():
    def change(cert):
        proofs = cert["functions"]["f"]["proofs"]
        for i, p in enumerate(proofs):
            if isinstance(p, list) and p and isinstance(p[0], int):
                p[0] = 99
                return
    v = check_module(tamper(sealed_loop(), change))
    assert not v.ok and "PROOF" in v.reason


def test_invariant_weakened_in_the_certificate():
    def change(cert):
        cut = next(iter(cert["functions"]["f"]["cuts"].values()))
        cut["facts"] = cut["facts"][:1]        # drop i <= 10
    v = check_module(tamper(sealed_loop(), change))
    assert not v.ok and "PROOF" in v.reason


def test_code_bytes_edited_after_compilation():
    """Changing the loop bound from 10 to 11 in the code must break the proof."""
    data = bytearray(sealed_loop())
    from certa.kernel.modfile import parse_module
    img = parse_module(bytes(data))
    text_off = 0x1000
    pos = img.text.index(bytes([0x48, 0x83, 0xF9, 10]))     # cmp rcx, 10
    data[text_off + pos + 3] = 11
    v = check_module(bytes(data))
    assert not v.ok and "PROOF" in v.reason, v.message()


RUN_MUTANT = """
import sys
from certa.runtime import Trap, load
try:
    load(sys.argv[1]).call("f")
except Trap as t:
    sys.exit(3 if t.kind == "crash" else 0)
"""


def test_single_byte_flips_never_accept_unsafe_code(tmp_path):
    """Flip bits in every byte of the loop's code. The kernel must never fail with an
    internal error, and every mutant it accepts must run without a memory fault (each in a
    subprocess with a time limit: a mutant may loop forever, which is safe; the full
    emulator oracle with exact object bounds comes with the trust tests)."""
    import subprocess
    import sys
    data = sealed_loop()
    from certa.kernel.modfile import parse_module
    img = parse_module(data)
    accepted_paths = []
    for i in range(len(img.text)):
        for bit in (0x01, 0x08, 0x80):
            mutant = bytearray(data)
            mutant[0x1000 + i] ^= bit
            v = check_module(bytes(mutant))
            assert "internal error" not in v.reason, v.reason
            if v.ok:
                path = tmp_path / f"m{i}_{bit}.cm"
                path.write_bytes(bytes(mutant))
                accepted_paths.append(path)
    assert len(accepted_paths) < len(img.text) * 3     # most mutants are rejected
    for path in accepted_paths:
        try:
            r = subprocess.run([sys.executable, "-c", RUN_MUTANT, str(path)], timeout=5,
                               capture_output=True, text=True)
        except subprocess.TimeoutExpired:
            continue
        assert r.returncode == 0, f"accepted mutant {path.name} faulted: {r.stderr[-500:]}"


# -- typed memory ---------------------------------------------------------------------------------
NODE = {"node": {"size": 16, "pointers": [[8, "node"]]}}


def list_module(store_value=None, hint=True, bad_field=False):
    """p = alloc(16) typed node; if (p) { p->value = 7; p->next = q; q = p->next; if (q) q->value; }"""
    offs = {}

    def emit(a, labels):
        prologue(a, 8)
        a.mov_imm(RDI, 16)
        offs["alloc"] = a.here()
        a.call_import(0)
        done = a.label()
        a.test_rr(RAX, RAX)
        a.jcc("e", done)
        offs["value"] = a.here()
        a.store_imm(Mem(RAX, 0), 7, 8)                       # p->value = 7
        if store_value is None:
            offs["next"] = a.here()
            a.store(Mem(RAX, 8), RAX, 8)                     # p->next = p (a block start)
        else:
            a.mov_imm(RCX, store_value)
            offs["next"] = a.here()
            a.store(Mem(RAX, 16 if bad_field else 8), RCX, 8)
        offs["load"] = a.here()
        a.load(RCX, Mem(RAX, 8), 8)                          # q = p->next
        a.test_rr(RCX, RCX)
        a.jcc("e", done)
        offs["qvalue"] = a.here()
        a.load(RDX, Mem(RCX, 0), 8)                          # q->value
        a.bind(done)
        epilogue(a, 8)
    image = build([("f", emit)], imports=["__certa_alloc"])
    fields = {str(offs["value"]): ["node", 0], str(offs["next"]): ["node", 8],
              str(offs["load"]): ["node", 8], str(offs["qvalue"]): ["node", 0]}
    if not hint:
        fields.pop(str(offs["value"]))
    sk = {"f": {"params": [], "ret": [0, False], "allocs": {str(offs["alloc"]): "node"},
                "fields": fields}}
    return image, sk


def seal_typed(image, skeleton, types=NODE, allow_unproven=False):
    return seal(image, skeleton, allow_unproven, types)


def test_linked_list_in_typed_memory_is_accepted():
    image, sk = list_module()
    v = check_module(seal_typed(image, sk))
    assert v.ok, v.message()


def test_pointer_field_overwritten_with_an_integer():
    image, sk = list_module(store_value=0x1000)
    v = check_module(seal_typed(image, sk, allow_unproven=True))
    assert not v.ok and "must be null or the start of a writable block of type node" in v.reason


def test_pointer_field_may_be_set_to_null():
    image, sk = list_module(store_value=0)
    v = check_module(seal_typed(image, sk))
    assert v.ok, v.message()


def test_typed_memory_needs_a_field_hint():
    image, sk = list_module(hint=False)
    v = check_module(seal_typed(image, sk, allow_unproven=True))
    assert not v.ok and "PROOF" in v.reason


def test_access_straddling_a_pointer_field():
    # bytes 4..12 overlap next
    image = build([("f", alloc_then(16, lambda a: a.store_imm(Mem(RAX, 4), 1, 8)))],
                  imports=["__certa_alloc"])
    alloc_at = image.text.index(b"\xff\x15")
    store_at = image.text.index(b"\x48\xc7\x40\x04")
    sk = {"f": {"params": [], "ret": [0, False], "allocs": {str(alloc_at): "node"},
                "fields": {str(store_at): ["node", 4]}}}
    v = check_module(seal_typed(image, sk, allow_unproven=True))
    assert not v.ok and "overlaps a pointer field" in v.reason


def test_typing_a_non_fresh_allocation_is_rejected():
    def callee(a, labels):
        a.ret()

    def emit(a, labels):
        prologue(a, 8)
        a.call(labels["g"])
        epilogue(a, 8)
    image = build([("g", callee), ("f", emit)])
    call_at = next(s.offset for s in image.symbols if s.name == "f") + 4
    sk = {"g": {"params": [], "ret": [0, False]},
          "f": {"params": [], "ret": [0, False], "allocs": {str(call_at): "node"}}}
    v = check_module(seal_typed(image, sk, allow_unproven=True))
    assert not v.ok and "allocation" in v.reason or "typed" in v.reason, v.message()


def test_block_header_gives_the_length():
    """n = header(p); if (i < n) p[i] = 0 -- bounds from the block header."""
    def emit(a, labels):
        prologue(a)
        a.store(Mem(RSP, 0), RDI, 8)                         # i (long, >= 0 checked below)
        a.mov_imm(RDI, 100)
        a.call_import(0)
        done = a.label()
        a.test_rr(RAX, RAX)
        a.jcc("e", done)
        a.load(RDX, Mem(RAX, -16), 8)                        # length from the header
        a.load(RCX, Mem(RSP, 0), 8)
        a.alu_ri("cmp", RCX, 0)
        a.jcc("l", done)
        a.alu_rr("cmp", RCX, RDX)
        a.jcc("ge", done)
        a.store_imm(Mem(RAX, 0, RCX, 1), 0, 1)
        a.bind(done)
        epilogue(a)
    image = build([("f", emit)], imports=["__certa_alloc"])
    accepted(image, {"f": {"params": [["i", 8, True]], "ret": [0, False]}})


def test_block_header_cannot_be_written():
    def emit(a, labels):
        prologue(a, 8)
        a.mov_imm(RDI, 100)
        a.call_import(0)
        done = a.label()
        a.test_rr(RAX, RAX)
        a.jcc("e", done)
        a.store_imm(Mem(RAX, -16), 1 << 20, 8)
        a.bind(done)
        epilogue(a, 8)
    image = build([("f", emit)], imports=["__certa_alloc"])
    rejected(image, {"f": {"params": [], "ret": [0, False]}}, "PROOF")


def test_static_pointer_must_point_to_a_block():
    """A global `node` whose next field is relocated to a non-block object is refused."""
    from certa.kernel.modfile import Relocation
    image = build([("f", lambda a, l: a.ret())], objects=[("head", ".data", 16, 16), ("blob", ".data", 48, 8)],
                  data=bytes(16) + bytes(16) + bytes(16) + bytes(8))
    image = ModuleImage(image.text, image.rodata, image.data, image.bss_size, image.imports, image.symbols,
                        (Relocation(".data", 24, ".data", 48),), (), image.iface, b"")
    cert = {"format": "certa-cert/0", "types": NODE, "objects": {"head": "node"},
            "functions": {"f": {"params": [], "ret": [0, False]}}}
    data = write_module(ModuleImage(image.text, image.rodata, image.data, image.bss_size, image.imports,
                                    image.symbols, image.relocations, (), image.iface,
                                    zlib.compress(json.dumps(cert).encode())))
    v = check_module(data)
    assert not v.ok and "must point to the start of a writable block of type node" in v.reason


def test_disequality_splits_the_path():
    """if (y != 0) x / y: with y's sign unknown, the kernel splits y != 0 into y >= 1 or
    y <= -1, and each case proves the divisor (the dividend is an int: never MIN64)."""
    def emit(a, labels):
        prologue(a)
        a.store(Mem(RSP, 0), RDI, 4)
        a.store(Mem(RSP, 4), RSI, 4)
        a.load_ext(RAX, Mem(RSP, 0), 4, True)
        a.load_ext(RCX, Mem(RSP, 4), 4, True)
        zero = a.label()
        a.test_rr(RCX, RCX)
        a.jcc("e", zero)
        a.cqo()
        a.idiv(RCX)
        a.bind(zero)
        a.extend(RAX, 4, True)
        epilogue(a)
    accepted(build([("f", emit)]), {"f": {"params": [INT, ["y", 4, True]], "ret": [4, True]}})


def precondition_module(stated):
    """f(x) with precondition x >= 0; the interface states `stated` (None: nothing)."""
    image = build([("f", lambda a, l: a.ret())])
    skeleton = {"f": {"params": [INT], "ret": [0, False], "pre": [[">=", poly((1, "x"))]]}}
    image = with_iface(image, skeleton)
    iface = json.loads(image.iface)
    if stated is not None:
        iface["functions"][0]["pre"] = stated
    image = ModuleImage(image.text, image.rodata, image.data, image.bss_size, image.imports,
                        image.symbols, image.relocations, image.lines, json.dumps(iface).encode(),
                        image.cert)
    full = {"format": "certa-cert/0", "functions": skeleton}
    try:
        cert, failures = certify(image, full)
        assert not failures
    except CertError:           # refused before any proof is asked for: ship no proofs
        cert = zlib.compress(json.dumps(full).encode())
    return check_module(write_module(ModuleImage(
        image.text, image.rodata, image.data, image.bss_size, image.imports, image.symbols,
        image.relocations, image.lines, image.iface, cert)))


def test_exported_precondition_must_be_stated_in_the_interface():
    """The runtime checks an exported function's precondition before every call from the
    host, from the interface: a precondition the interface does not state is refused."""
    v = precondition_module(None)
    assert not v.ok and "does not state its precondition exactly" in v.reason, v.message()


def test_exported_precondition_stated_exactly_is_accepted():
    v = precondition_module([[">=", poly((1, "x"))]])
    assert v.ok, v.message()


@pytest.mark.parametrize("stated", [
    [[">=", [[1, ["x"]], [5, []]]]],                  # weaker: x >= -5
    [],                                               # nothing
    [[">=", poly((1, "x"))], [">=", poly((1, "x"))]],  # the same fact twice (not exactly it)
])
def test_exported_precondition_stated_differently_is_refused(stated):
    v = precondition_module(stated)
    assert not v.ok and "does not state its precondition exactly" in v.reason, v.message()


def test_stack_arguments_must_be_in_the_callers_frame():
    def callee(a, labels):
        a.ret()

    def caller(a, labels):
        checked(a, 8)
        a.store_imm(Mem(RSP, 0), 0, 8)
        for r in (RDI, RSI, RDX, RCX, R8, 9):
            a.mov_imm(r, 0)
        a.call(labels["get"])           # get takes 8 parameters: 2 on the stack, 16 bytes
        a.alu_ri("add", RSP, 8)
        a.ret()
    params = [[f"a{i}", 8, True] for i in range(8)]
    rejected(build([("get", callee), ("main", caller)]),
             {"get": {"params": params, "ret": [0, False]}, "main": {"params": [], "ret": [0, False]}},
             "not inside the caller's frame")


@pytest.mark.parametrize("contract, reason", [
    ({"pre": [[">=", poly((1, "S"), (-100,))]]}, "may only mention parameters"),
    ({"pre_regions": [["r", poly((1, "S"), (-64,)), poly((32,)), True, False]]}, "may only mention parameters"),
    ({"post": [[">=", poly((1, "M"))]]}, "may only mention parameters and result"),
])
def test_contracts_cannot_mention_the_stack_or_module_base(contract, reason):
    image = build([("get", lambda a, l: a.ret()), ("f", lambda a, l: a.ret())])
    v = verdict(image, {"get": {"params": [INT], "ret": [0, False], **contract},
                        "f": {"params": [], "ret": [0, False]}})
    assert not v.ok and reason in v.reason, v.message()


def test_frame_area_below_rsp_cannot_be_lent():
    """At entry (depth 0) the function's future frame area lies below rsp: it cannot be
    passed to the console (it would be a callee's frame)."""
    def emit(a, labels):
        a.lea(RDI, Mem(RSP, -64))
        a.mov_imm(RSI, 8)
        a.alu_ri("sub", RSP, 72)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.alu_ri("add", RSP, 72)
        a.alu_ri("sub", RSP, 8)
        a.call_import(0)
        a.alu_ri("add", RSP, 8)
        a.ret()
    image = build([("f", emit)], imports=["__certa_write"])
    v = verdict(image, {"f": {"params": [], "ret": [0, False], "areas": [[-72, -8]]}})
    assert not v.ok and "PROOF" in v.reason, v.message()


def test_divisor_case_claimed_wrongly():
    """x / -1 with the proof claiming the divisor is <= -2 (which would make MIN / d safe):
    the kernel checks the claimed case's goal itself."""
    def emit(a, labels):
        prologue(a)
        a.store(Mem(RSP, 0), RDI, 8)
        a.load(RAX, Mem(RSP, 0), 8)
        a.mov_imm(RCX, -1)
        a.cqo()
        a.idiv(RCX)
        epilogue(a)
    data = seal(build([("f", emit)]), {"f": {"params": [["x", 8, True]], "ret": [8, True]}},
                allow_unproven=True)
    for claim in (["neg2"], ["neg2", [["lin", [[0, 1]]]]], ["pos"]):
        v = check_module(tamper(data, lambda c: c["functions"]["f"].update(proofs=[claim])))
        assert not v.ok and "PROOF" in v.reason and "divisor" in v.reason, v.message()


# -- the stack limit (STACK: a function is entered with S >= L) ---------------------------------
def calling(prologue_emit, frame=8):
    """main() calls get() after `prologue_emit(a)` (which must leave rsp at S - frame)."""
    def caller(a, labels):
        prologue_emit(a)
        a.call(labels["get"])
        epilogue(a, frame)
    return build([("get", lambda a, l: a.ret()), ("main", caller)]), \
        {"get": {"params": [], "ret": [0, False]}, "main": {"params": [], "ret": [0, False]}}


def test_a_checked_call_is_accepted():
    accepted(*calling(lambda a: checked(a, 8)))


def test_a_call_without_the_stack_limit_check_is_rejected():
    rejected(*calling(lambda a: prologue(a, 8)), "STACK: the call of get at depth 8 needs the stack limit checked")


def test_a_stack_limit_check_for_too_few_bytes_is_rejected():
    # 8 bytes checked, but the call's return address lands at S - 16.
    rejected(*calling(lambda a: checked(a, 8, room=8)), "needs the stack limit checked for 16 bytes (checked: 8)")


def test_the_call_must_be_on_the_side_where_the_check_passed():
    rejected(*calling(lambda a: (limit_check(a, 16, cc="l"), prologue(a, 8))),
             "needs the stack limit checked")


def test_a_limit_read_from_elsewhere_proves_nothing():
    # The same check against a word of .data the module controls: its value is not L.
    def caller(a, labels):
        limit_check(a, 16, load=RipRef(".data", 0))
        prologue(a, 8)
        a.call(labels["get"])
        epilogue(a, 8)
    image = build([("get", lambda a, l: a.ret()), ("main", caller)], objects=[("lim", ".data", 0, 8)],
                  data=bytes(8))
    rejected(image, {"get": {"params": [], "ret": [0, False]}, "main": {"params": [], "ret": [0, False]}},
             "needs the stack limit checked")


def test_a_narrow_read_of_the_limit_slot_is_rejected():
    def caller(a, labels):
        a.load(RAX, RipRef(".certa.imports", 8 * a.limit_slot), 4)
        a.ret()
    rejected(build([("main", caller)]), {"main": {"params": [], "ret": [0, False]}},
             "4-byte load from M + 12288): no region covers it")


def test_the_limit_slot_cannot_be_written():
    def caller(a, labels):
        a.store(RipRef(".certa.imports", 8 * a.limit_slot), RAX, 8)
        a.ret()
    rejected(build([("main", caller)]), {"main": {"params": [], "ret": [0, False]}},
             "8-byte store to M + 12288): no region covers it")


def test_the_limit_slot_cannot_be_called():
    def caller(a, labels):
        prologue(a, 8)
        a.call_import(a.limit_slot)
        epilogue(a, 8)
    rejected(build([("main", caller)]), {"main": {"params": [], "ret": [0, False]}},
             "CALL: no contract for import __certa_stack_limit")


def test_a_call_to_another_module_needs_the_check_too():
    def emit(a, labels):
        prologue(a, 8)
        a.lea(RDI, RipRef(".bss", 0))
        a.mov_imm(RSI, 32)
        a.call_import(0)
        epilogue(a, 8)
    image = build([("f", emit)], objects=[("g", ".bss", 0, 32)], bss=32, imports=["get"])
    rejected(image, {"f": {"params": [], "ret": [0, False]}}, "STACK: the call of get at depth 8 needs",
             imports={"get": get_contract()})


def test_a_host_service_needs_only_the_margin():
    # __certa_clock's stub runs on the host stack: its return address is the only module
    # stack it uses, so no check is needed inside the margin (16 KiB below L).
    def emit(a, labels):
        prologue(a, 8)
        a.call_import(0)
        epilogue(a, 8)
    accepted(build([("f", emit)], imports=["__certa_clock"]), {"f": {"params": [], "ret": [0, False]}})


def probe_down(a, frame):
    """sub rsp, frame, touching one word per page from the top (the guard-page rule)."""
    a.alu_ri("sub", RSP, frame)
    depth = 4096
    while depth < frame:
        a.store_imm(Mem(RSP, frame - depth), 0, 8)
        depth += 4096
    a.store_imm(Mem(RSP, 0), 0, 8)


def test_a_frame_beyond_the_margin_needs_the_check():
    # 24 KiB of frame, probed page by page: the guard page is not skipped, but the bottom of
    # the frame lies below L - 16 KiB, which need not be mapped stack.
    frame = 24 * 1024 + 8
    def plain(a, labels):
        probe_down(a, frame)
        epilogue(a, frame)
    rejected(build([("f", plain)]), {"f": {"params": [], "ret": [0, False]}},
             "is below the stack limit's margin (the limit is checked for 0 bytes, the margin is 16384)")

    def with_check(a, labels):
        limit_check(a, frame)
        probe_down(a, frame)
        epilogue(a, frame)
    accepted(build([("f", with_check)]), {"f": {"params": [], "ret": [0, False]}})


def loop_calling(with_room: bool):
    """main(): check, then `for (i = 0; i < 10; i++) get();` with a cut point at the loop
    head, whose assertion states the room (S - L - 16 >= 0) or not."""
    holder = {}

    def caller(a, labels):
        checked(a, 8, room=32)      # the loop's calls are at depth 24
        a.push(RBX)                 # depth 16: realign for the call
        a.alu_ri("sub", RSP, 8)
        a.store_imm(Mem(RSP, 0), 0, 8)
        a.mov_imm(RBX, 0)
        head, body = a.label(), a.label()
        a.jmp(head)
        a.bind(body)
        a.call(labels["get"])
        a.alu_ri("add", RBX, 1)
        a.bind(head)
        holder["head"] = head
        a.alu_ri("cmp", RBX, 10)
        a.jcc("l", body)
        a.alu_ri("add", RSP, 8)
        a.pop(RBX)
        epilogue(a, 8)
    image = build([("get", lambda a, l: a.ret()), ("main", caller)])
    facts = [[">=", poly((1, "i"))], [">=", poly((-1, "i"), (10,))]]
    if with_room:
        facts.append([">=", poly((1, "S"), (-1, "L"), (-32,))])
    sk = {"get": {"params": [], "ret": [0, False]},
          "main": {"params": [], "ret": [0, False], "cuts": {str(holder["head"].pos): {
              "depth": 24, "regs": {"rbx": poly((1, "i"))}, "slots": {"-16": [8, poly((1, "cs_rbx"))]},
              "facts": facts}}}}
    return image, sk


def test_the_room_crosses_a_cut_point_only_when_asserted():
    rejected(*loop_calling(False), "STACK: the call of get at depth 24 needs the stack limit checked for 32 bytes (checked: 0)")
    accepted(*loop_calling(True))


def test_l_is_a_reserved_name():
    image = build([("get", lambda a, l: a.ret()), ("f", lambda a, l: a.ret())])
    v = verdict(image, {"get": {"params": [["L", 8, True]], "ret": [0, False]},
                        "f": {"params": [], "ret": [0, False]}})
    assert not v.ok and "parameter name L is reserved" in v.reason, v.message()
