"""The kernel's instruction semantics against this machine's CPU.

What this file guarantees. The trusted kernel (certa/kernel/symexec.py) states, for every
instruction it follows, what the machine holds afterwards: exact terms for registers and
frame slots, facts about the fresh values it introduces when an exact term could wrap,
and facts about operands when a jcc is taken or not. Every one of those statements is
checked here against the real CPU running the same bytes (tests/trust/native.py), through
tests/trust/concrete.py, which steps the unchanged kernel on concrete values:

* the native runner itself does what the comparison relies on: it loads and returns all
  16 registers, the flags and the scratch memory, records faults (SIGFPE, SIGSEGV, SIGILL,
  SIGTRAP) without disturbing the process, and maps its code W^X;
* directed cases at the edges the semantics singles out (32-bit writes zero-extend, even a
  shift by 0 or a cmov not taken; 8/16-bit writes keep the upper bits; wrap-around at every
  width; shift counts at and above the width; signed against unsigned conditions; the two
  division faults) agree with the CPU;
* random straight-line sequences (fixed seeds, 1..6 instructions over every whitelisted
  instruction with semantics at every width the decoder accepts) agree with the CPU, and
  exercise every (operation, width) pair;
* stores through a non-constant frame address (a ranged index into a declared frame area)
  make the kernel forget the slots they may overwrite;
* the comparison is not vacuous: the same comparison run against a deliberately wrong
  kernel (a monkeypatched Walker method, never the file) reports a disagreement.

A disagreement is a kernel claim the CPU refutes; the failure message has the bytes, the
initial values and the claim. `test_kernel_shr_of_a_loaded_qword_is_a_logical_shift` is the
minimal case of the one found so far (see its docstring).
"""
from __future__ import annotations

import random
import signal

import pytest

from certa.compiler import x86
from certa.compiler.x86 import RAX, RBX, RCX, RDX, RSI, RSP, R8, R12, R15, Asm
from certa.kernel import symexec
from tests.trust.concrete import (MASK64, STACK_TOP, Case, Tally, compare, random_case,
                                  signed64)
from tests.trust.native import MEMORY_SIZE, NativeRunner

MIN64 = 1 << 63             # as an unsigned register value
MAX64 = (1 << 63) - 1


@pytest.fixture(scope="module")
def runner() -> NativeRunner:
    return NativeRunner()


def asm(build) -> bytes:
    a = Asm()
    build(a)
    return bytes(a.code)


# -- the runner ---------------------------------------------------------------------------
def test_runner_loads_and_returns_every_register(runner):
    # lea r, [r + r + 1] for every register but rsp: each output depends on its own input.
    code = asm(lambda a: [a.lea(r, x86.Mem(r, 1, r, 1)) for r in range(16) if r != RSP])
    regs = [0x1111_0000_0000_0000 * (r % 3) + 17 * r + 3 for r in range(16)]
    res = runner.run(code, regs, bytes(MEMORY_SIZE), 4096)
    assert res.fault is None
    for r in range(16):
        want = runner.memory_address + 4096 if r == RSP else (2 * regs[r] + 1) & MASK64
        assert res.registers[r] == want, x86.REG_NAMES[8][r]


@pytest.mark.parametrize("a, b", [(0, 0), (1, 2), (2, 1), (MIN64, 1), (MAX64, MASK64), (5, 5)])
def test_runner_reports_the_flags_of_cmp(runner, a, b):
    res = runner.run(asm(lambda x: x.alu_rr("cmp", RAX, RBX)), [a, 0, 0, b] + [0] * 12,
                     bytes(MEMORY_SIZE), 4096)
    diff = (a - b) & MASK64
    assert res.flag("CF") == (a < b)
    assert res.flag("ZF") == (a == b)
    assert res.flag("SF") == bool(diff >> 63)
    assert res.flag("OF") == (signed64(a) - signed64(b) != signed64(diff))


def test_runner_returns_the_scratch_memory(runner):
    memory = bytes(range(256)) * (MEMORY_SIZE // 256)
    code = asm(lambda a: (a.store(x86.Mem(RSP, 8), RAX, 8), a.push(RBX), a.store_imm(x86.Mem(RSP, 3), 0x7F, 1)))
    res = runner.run(code, [0x0102030405060708, 0, 0, 0xAABB] + [0] * 12, memory, 2048)
    want = bytearray(memory)
    want[2056:2064] = (0x0102030405060708).to_bytes(8, "little")
    want[2040:2048] = (0xAABB).to_bytes(8, "little")
    want[2043] = 0x7F
    assert res.memory == bytes(want)
    assert res.registers[RSP] == runner.memory_address + 2040


@pytest.mark.parametrize("name, code, regs, sig", [
    ("div by zero", "4831d248f7f3", {RAX: 7, RBX: 0}, signal.SIGFPE),
    ("idiv MIN / -1", "489948f7fb", {RAX: MIN64, RBX: MASK64}, signal.SIGFPE),
    ("load from page 0", "488b0425" + "10000000", {}, signal.SIGSEGV),
    ("store below the scratch memory", "48890424", {}, signal.SIGSEGV),
    ("ud2", "0f0b", {}, signal.SIGILL),
    ("int3", "cc", {}, signal.SIGTRAP),
])
def test_runner_records_faults_and_survives(runner, name, code, regs, sig):
    before = signal.getsignal(signal.SIGSEGV), signal.getsignal(signal.SIGFPE)
    values = [regs.get(r, 0) for r in range(16)]
    # The stored-below case starts with rsp at the very bottom of the scratch memory, so the
    # store at [rsp] must hit the guard area: the runner needs rsp_offset 0 and a store.
    store_below = name.startswith("store")
    prefix = bytes.fromhex("4883ec08") if store_below else b""        # sub rsp, 8
    res = runner.run(prefix + bytes.fromhex(code), values, b"\x5a" * MEMORY_SIZE, 0 if store_below else 4096)
    assert res.fault == sig and res.registers is None
    assert res.memory == b"\x5a" * MEMORY_SIZE
    assert (signal.getsignal(signal.SIGSEGV), signal.getsignal(signal.SIGFPE)) == before
    ok = runner.run(asm(lambda a: a.mov_imm(RAX, 42)), [0] * 16, bytes(MEMORY_SIZE), 4096)
    assert ok.fault is None and ok.registers[RAX] == 42


def test_runner_keeps_stores_made_before_a_fault(runner):
    code = asm(lambda a: (a.store(x86.Mem(RSP, 0), RCX, 8), a.alu_rr("xor", RDX, RDX, 4), a.div(RBX)))
    res = runner.run(code, [1, 0x1234, 0, 0] + [0] * 12, bytes(MEMORY_SIZE), 4096)
    assert res.fault == signal.SIGFPE
    assert res.memory[4096:4104] == (0x1234).to_bytes(8, "little")


def test_runner_code_buffer_is_never_writable_and_executable(runner):
    runner.run(asm(lambda a: a.nop()), [0] * 16, bytes(MEMORY_SIZE), 4096)
    with open("/proc/self/maps") as f:
        for line in f:
            span, perms = line.split()[:2]
            lo, hi = (int(x, 16) for x in span.split("-"))
            if lo <= runner.code_address < hi:
                assert perms.startswith("r-x"), line
                return
    raise AssertionError("the code buffer is not mapped")


# -- directed cases -----------------------------------------------------------------------
def make_case(code: bytes, regs: dict, depth: int = 16, stack: dict | None = None,
              slots: dict | None = None, ranged: dict | None = None, exact=(), areas=()) -> Case:
    """A case with the registers not named set to distinct junk (upper bits set, so a write
    that should zero-extend shows), `stack` {offset from S: (value, size)} written to
    memory, and `slots` {offset: (size, signed reading, range or None)} told to the kernel."""
    values = [0xDEAD_BEEF_0000_0000 | (r * 0x01010101) for r in range(16)]
    for r, v in regs.items():
        values[r] = v & MASK64
    memory = bytearray(b"\xa5" * MEMORY_SIZE)
    for off, (v, size) in (stack or {}).items():
        memory[STACK_TOP + off:STACK_TOP + off + size] = (v & ((1 << 8 * size) - 1)).to_bytes(size, "little")
    return Case(code, tuple(values), ranged or {}, bytes(memory), depth, slots or {}, frozenset(exact),
                areas=tuple(areas))


def agree(runner, case: Case) -> Tally:
    tally = Tally()
    compare(case, runner, tally)
    if tally.disagreements:
        pytest.fail(tally.disagreements[0], pytrace=False)
    return tally


def cmp_then(a_val, b_val, cc, size=8):
    # Asm has no byte-sized ALU forms: cmp al, bl is 38 d8.
    cmp = b"\x38\xd8" if size == 1 else asm(lambda a: a.alu_rr("cmp", RAX, RBX, size))
    return make_case(cmp + bytes([0x70 + x86.CC[cc], 0]), {RAX: a_val, RBX: b_val})


DIRECTED = {
    # 32-bit writes zero-extend: the kernel keeps a 32-bit result only in [0, 2^32).
    "mov eax, ebx": make_case(asm(lambda a: a.mov_rr(RAX, RBX, 4)), {RBX: 0xFFFF_FFFF_8000_0000}),
    "add eax, 1 wraps": make_case(asm(lambda a: a.alu_ri("add", RAX, 1, 4)), {RAX: 0xFFFF_FFFF}),
    "shl eax, 0 still zero-extends": make_case(asm(lambda a: a.shift_imm("shl", RAX, 0, 4)), {RAX: MASK64}),
    "shl eax, cl with cl = 32": make_case(asm(lambda a: a.shift_cl("shl", RAX, 4)), {RAX: MASK64, RCX: 32}),
    "cmovo eax, ebx not taken": make_case(asm(lambda a: (a.alu_rr("cmp", RAX, RAX), a.cmov("o", RAX, RBX, 4))),
                                          {RAX: MASK64, RBX: 5}),
    "not eax": make_case(asm(lambda a: a.not_(RAX, 4)), {RAX: 0x1_0000_0005}),
    "cdq": make_case(bytes.fromhex("99"), {RAX: 0x8000_0000}),
    "xor eax, eax": make_case(asm(lambda a: a.alu_rr("xor", RAX, RAX, 4)), {RAX: MASK64}),
    "imul eax, ebx, -1": make_case(asm(lambda a: a.imul_rri(RAX, RBX, -1, 4)), {RBX: 1}),
    # 8/16-bit writes keep the upper bits.
    "mov ax, bx": make_case(asm(lambda a: a.mov_rr(RAX, RBX, 2)), {RAX: 0x1234_5678_9ABC_DEF0, RBX: 7}),
    "mov sil, r8b": make_case(asm(lambda a: a.mov_rr(RSI, R8, 1)), {RSI: MASK64, R8: 0x80}),
    "sub word [rsp], 1": make_case(asm(lambda a: a.alu_ri("sub", x86.Mem(RSP, 0), 1, 2)), {},
                                   stack={-16: (0, 8)}, slots={-16: (8, True, None)}),
    # 64-bit wrap-around, with the operands exact (constants) and ranged (variables).
    "add rax, rbx at MAX": make_case(asm(lambda a: a.alu_rr("add", RAX, RBX)), {RAX: MAX64, RBX: 1}),
    "add rax, rbx, ranged": make_case(asm(lambda a: a.alu_rr("add", RAX, RBX)), {RAX: 100, RBX: -5},
                                      ranged={RAX: (0, 100), RBX: (-5, 5)}),
    "imul rax, rbx overflows": make_case(asm(lambda a: a.imul_rr(RAX, RBX)), {RAX: 1 << 32, RBX: 1 << 32}),
    "neg rax at MIN": make_case(asm(lambda a: a.neg(RAX)), {RAX: MIN64}),
    "lea wraps": make_case(asm(lambda a: a.lea(RAX, x86.Mem(RBX, 0x7FFF_FFFF, RCX, 8))), {RBX: MAX64, RCX: 1}),
    "shl rax, 63": make_case(asm(lambda a: a.shift_imm("shl", RAX, 63)), {RAX: 1}),
    "add claimed exact": make_case(asm(lambda a: a.alu_rr("add", RAX, RBX)), {RAX: 5, RBX: 6},
                                   ranged={RAX: (0, 1 << 62), RBX: (0, 1 << 62)}, exact=(0,)),
    # Shifts: floor division, masking of the count.
    "sar rax, 63 of a negative": make_case(asm(lambda a: a.shift_imm("sar", RAX, 63)), {RAX: MIN64 + 5}),
    "sar rax, 3 ranged": make_case(asm(lambda a: a.shift_imm("sar", RAX, 3)), {RAX: -17 & MASK64},
                                   ranged={RAX: (-100, 100)}),
    "shr rax, 1 of -1": make_case(asm(lambda a: a.shift_imm("shr", RAX, 1)), {RAX: MASK64}),
    "shl rax, 65 is shl 1": make_case(bytes.fromhex("48c1e041"), {RAX: 3}),
    "sar rax, cl with cl = 64": make_case(asm(lambda a: a.shift_cl("sar", RAX)), {RAX: 0x80, RCX: 64}),
    # Conditions: signed directly, unsigned only for non-negative operands.
    "cmp MIN, 1; jl": cmp_then(MIN64, 1, "l"),
    "cmp -1, 1; jb (unsigned: not taken)": cmp_then(MASK64, 1, "b"),
    "cmp 1, 2; jb": cmp_then(1, 2, "b"),
    "cmp eax, ebx 32-bit; jg": cmp_then(0x1_0000_0001, 0xFFFF_FFFF, "g", 4),
    "cmp al, bl; jle": cmp_then(0x80, 0x7F, "le", 1),
    "test al, al; js": make_case(b"\x84\xc0\x78\x00", {RAX: 0x180}),
    "test rax, rax; jb never": make_case(asm(lambda a: a.test_rr(RAX, RAX)) + b"\x72\x00", {RAX: MASK64}),
    "cmp rax, rbx; jne ranged": make_case(asm(lambda a: a.alu_rr("cmp", RAX, RBX)) + b"\x75\x00",
                                          {RAX: 3, RBX: 9}, ranged={RAX: (-10, 10)}),
    # Division: safe, and both faults.
    "cqo; idiv -1 of MIN faults": make_case(asm(lambda a: (a.cqo(), a.idiv(RCX))), {RAX: MIN64, RCX: MASK64}),
    "cqo; idiv -1 of MIN+1": make_case(asm(lambda a: (a.cqo(), a.idiv(RCX))), {RAX: MIN64 + 1, RCX: MASK64}),
    "xor edx, edx; div 0 faults": make_case(asm(lambda a: (a.alu_rr("xor", RDX, RDX, 4), a.div(RCX))),
                                            {RAX: 9, RCX: 0}),
    "xor edx, edx; div by a huge divisor": make_case(asm(lambda a: (a.alu_rr("xor", RDX, RDX, 4), a.div(RCX))),
                                                     {RAX: MASK64, RCX: MIN64}),
    "cqo of a negative": make_case(asm(lambda a: a.cqo()), {RAX: MASK64}, ranged={RAX: (-1, 0)}),
    # Memory and the stack.
    "push rsp; pop rax": make_case(asm(lambda a: (a.push(RSP), a.pop(RAX))), {}),
    "push r15; pop r12": make_case(asm(lambda a: (a.push(R15), a.pop(R12))), {R15: MIN64}),
    "movsx rax, byte [rsp]": make_case(asm(lambda a: a.load_ext(RAX, x86.Mem(RSP, 0), 1, True)), {},
                                       stack={-16: (0x80, 1)}, slots={-16: (1, False, None)}),
    "movsxd rax, dword [rsp]": make_case(asm(lambda a: a.load_ext(RAX, x86.Mem(RSP, 0), 4, True)), {},
                                         stack={-16: (0x8000_0000, 4)}),
    "movzx eax, word [rsp+2]": make_case(asm(lambda a: a.load_ext(RAX, x86.Mem(RSP, 2), 2, False)), {},
                                         stack={-16: (0xFFFF_0000, 4)}, slots={-14: (2, True, None)}),
    "store then narrow reload": make_case(asm(lambda a: (a.store(x86.Mem(RSP, 0), RBX, 8),
                                                         a.load(RAX, x86.Mem(RSP, 0), 4))), {RBX: MASK64}),
    "setl byte [rsp]": make_case(asm(lambda a: a.alu_rr("cmp", RAX, RBX)) + bytes.fromhex("0f9c0424"),
                                 {RAX: 1, RBX: 2}, slots={-16: (8, True, None)}),
    # A store through a non-constant frame address (inside a declared frame area) must make
    # the kernel forget the slots of the area it may have overwritten.
    "store through [rsp + rbx*8] into a slot": make_case(
        asm(lambda a: (a.store(x86.Mem(RSP, 0, RBX, 8), RAX, 8), a.load(RCX, x86.Mem(RSP, 16)))),
        {RAX: 77, RBX: 2}, depth=32, stack={-16: (5, 8)}, slots={-16: (8, True, None)},
        ranged={RBX: (0, 3)}, areas=((-32, 0, "bytes"),)),
    # A wrapping stack-address sum stays S + x with x unbounded (the slot holds it).
    "add [rsp], rsp wraps": make_case(asm(lambda a: a.alu_rr("add", x86.Mem(RSP, 0), RSP)), {}, depth=8,
                                      stack={-8: (MAX64, 8)}),
    "sub rsp, 16; store; add rsp, 16": make_case(
        asm(lambda a: (a.alu_ri("sub", RSP, 16), a.store(x86.Mem(RSP, 0), RAX, 8), a.alu_ri("add", RSP, 16))),
        {RAX: 77}, depth=0),
}


@pytest.mark.parametrize("name", sorted(DIRECTED))
def test_directed_case_agrees(runner, name):
    tally = agree(runner, DIRECTED[name])
    assert tally.exact + tally.ranges + tally.flags + tally.divisions > 0
    assert not tally.rejected, tally.rejected


def test_directed_faults_are_the_ones_the_kernel_refuses(runner):
    tally = Tally()
    for name in ("cqo; idiv -1 of MIN faults", "xor edx, edx; div 0 faults"):
        compare(DIRECTED[name], runner, tally)
    assert tally.disagreements == []
    assert tally.faults["SIGFPE"] == 2 and tally.divisions == 2


def test_kernel_shr_of_a_loaded_qword_is_a_logical_shift(runner):
    """KERNEL BUG (found by this file). `shr qword ptr [rsp], 1` (48 d1 2c 24) with
    0x8000000000000000 in an untracked frame qword: the CPU stores 0x4000000000000000 = 2^62.
    Walker.shift reads the operand with signed=False, trusting `read` to give the unsigned
    reading or None; `view` guarantees that for registers, but `load` of an untracked qword
    returns a fresh %m with width_range(8, False) = the whole signed range, i.e. the signed
    reading (-2^63 here). The kernel then states 2*q <= %m <= 2*q + 1 with %m <= 2^63 - 1
    for the stored q, so q <= 2^62 - 1: no value of %m makes that true of the CPU's 2^62.
    In general it believes a shifted qword loaded from memory is at most 2^(63-k) - 1 (and
    may be negative) when the machine holds up to 2^(64-k) - 1. Only shr with a 64-bit memory
    operand is affected (register operands go through `view`, cmp excludes memory from its
    unsigned operands). A fix: read signed and apply `view(st, a, 8, False)` for shr."""
    case = make_case(bytes.fromhex("48d12c24"), {}, depth=8, stack={-8: (MIN64, 8)})
    agree(runner, case)


# -- random sequences ---------------------------------------------------------------------
SEEDS = (1, 2, 3, 4)
CASES_PER_SEED = 3000
EXPECTED_OPS = ({(op, s) for op in ("add", "sub", "and", "or", "xor", "cmp", "test", "mov") for s in (1, 2, 4, 8)}
                | {(op, s) for op in ("imul", "neg", "not", "shl", "shr", "sar", "cmovcc") for s in (2, 4, 8)}
                | {("movzx", s) for s in (2, 4, 8)} | {("movsx", s) for s in (2, 4, 8)}
                | {("movsxd", 8), ("lea", 8), ("cqo", 8), ("cdq", 4), ("idiv", 8), ("div", 8),
                   ("setcc", 1), ("jcc", 0), ("push", 8), ("pop", 8)})


@pytest.fixture(scope="module")
def random_tally(runner) -> Tally:
    tally = Tally()
    for seed in SEEDS:
        rng = random.Random(seed)
        for _ in range(CASES_PER_SEED):
            compare(random_case(rng), runner, tally)
    return tally


def test_random_sequences_agree_with_the_cpu(random_tally):
    t = random_tally
    if t.disagreements:
        shown = "\n\n".join(t.disagreements[:3])
        pytest.fail(f"{len(t.disagreements)} disagreements; {t.summary()}\nthe first:\n{shown}", pytrace=False)


def test_random_sequences_cover_the_whitelist(random_tally):
    t = random_tally
    missing = EXPECTED_OPS - set(t.ops)
    assert not missing, f"never executed: {sorted(missing)}"
    assert t.cases == len(SEEDS) * CASES_PER_SEED
    # Enough of every kind of claim is checked for the agreement to mean something.
    assert t.exact > 20 * t.cases and t.ranges > t.cases and t.flags > t.cases // 2
    assert t.divisions > 200 and t.faults["SIGFPE"] > 20 and t.claimed_exact > 50 and t.area_accesses > 200
    assert t.unchecked == 0
    # Almost every case runs to its end: the generator stays inside what the kernel accepts.
    assert sum(t.rejected.values()) < t.cases // 100, t.rejected


# -- the comparison can fail --------------------------------------------------------------
def wrong_not(self, st, insn, nxt):
    (dst,) = insn.operands
    a = self.read(st, insn, dst, insn.size, insn.size == 8)
    self.write_dst(st, insn, dst, insn.size, -a if a is not None and insn.size == 8 else None)
    return [(st, nxt)]


def narrow_write_replaces(self, st, insn, r, size, value):
    st.regs[r] = value


def swapped_unsigned(self, st, cc, holds):
    swap = {"b": "a", "a": "b", "ae": "be", "be": "ae"}
    return ORIGINAL_CONDITION(self, st, swap.get(cc, cc), holds)


ORIGINAL_CONDITION = symexec.Walker.condition_facts


@pytest.mark.parametrize("method, wrong, case", [
    ("op_not", wrong_not, make_case(asm(lambda a: a.not_(RAX)), {RAX: 5})),
    ("set_reg", narrow_write_replaces, make_case(asm(lambda a: a.mov_rr(RAX, RBX, 2)), {RBX: 7})),
    ("condition_facts", swapped_unsigned, cmp_then(1, 2, "b")),
    ("invalidate", lambda self, st, off, size: None, DIRECTED["store through [rsp + rbx*8] into a slot"]),
])
def test_a_wrong_kernel_is_caught(runner, monkeypatch, method, wrong, case):
    agree(runner, case)                                   # the real kernel agrees ...
    monkeypatch.setattr(symexec.Walker, method, wrong)    # ... a wrong one does not
    tally = Tally()
    compare(case, runner, tally)
    assert len(tally.disagreements) == 1
