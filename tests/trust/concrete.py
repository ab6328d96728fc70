"""The kernel's instruction semantics evaluated on concrete values, compared with the CPU;
and the random straight-line cases to compare them on.

What this file guarantees. `compare(case, runner, tally)` gives the kernel (the real
`certa.kernel.symexec.Walker`, unchanged) a state in which every register and the frame
slots the case names hold known values, steps it through the case's instructions one by
one, runs every prefix of the same bytes natively (`tests.trust.native`), and checks after
each instruction that every claim the kernel makes about the machine is true of the CPU:

* exact claims: every register the kernel holds a term for equals the CPU register read as
  a signed 64-bit integer; `rsp` is `S - depth`; every frame slot `(offset, size, t)` the
  kernel tracks holds `t` in its `size` bytes (read as signed or unsigned: the kernel's
  convention);
* range claims: every fact the step added (the width range of a fresh value, `sar`'s
  `2^k q <= a <= 2^k q + 2^k - 1`, `and`'s `[0, imm]`, `cqo`'s `[-1, 0]`, the touched
  stack being above page 0, the condition a taken or fall-through `jcc` adds) holds;
* flag claims: while the kernel knows the flags (after cmp/test, until a flag writer), for
  every one of the 16 condition codes the facts the kernel would add on the branch the CPU
  actually takes hold (for `ne` with unknown sign: one of its two cases);
* division: when the kernel's divisor obligation is true (a proof could exist), the CPU's
  `div`/`idiv` does not fault; when the CPU raises SIGFPE the obligation is false.

Fresh variables are existential: the kernel says "some value with these facts". Each is
bound to what the CPU holds where the kernel put it: a value loaded from memory (`%m.<off>`)
to the memory contents before the instruction, any other to the register or slot whose term
contains it (linearly, coefficient ±1) after the instruction, and `S`/`M` to the scratch
stack's top and the code buffer. A fact about a variable the kernel put nowhere (e.g. the
range of an 8-bit `and` result, which makes the register unknown) constrains nothing and is
counted as vacuous. Once bound, a variable's value is fixed, so every later mention of it is
checked.

A case ends early, without a disagreement, where the kernel makes no further claim: a rule
rejects the instruction, an obligation it emits (a claimed-exact range, a divisor, a frame
access through a non-constant address, judged by the checker's own `cover_goals`) is false
for these values (no certificate could prove it), or the CPU faults where the kernel said it
might. Any other fault, or any false claim, is a disagreement: a message with the case's
bytes and values (`Case.describe()`).

`random_case(rng)` draws a case: initial registers from edge values of every width (some
given to the kernel as variables with a range instead of a constant), a frame of random
depth with constant, ranged, narrow and unknown slots and sometimes a frame area, and 1..6
instructions over the whole whitelist with semantics, at all operand widths, memory operands
only in the current frame (through rsp, a register holding a frame address, rsp plus a known
index, or rsp plus a ranged index into the frame area), divisions with safe and with
faulting divisors, and some arithmetic claimed exact (the certificate's `exact` list).
Everything is a pure function of the `random.Random` passed in.
"""
from __future__ import annotations

import collections
import random
import struct
from dataclasses import dataclass, field

from certa.compiler import x86
from certa.kernel.check import cover_goals
from certa.kernel.decode import CC, Mem, decode_one
from certa.kernel.logic import Fact, Poly
from certa.kernel.symexec import (Assertion, Contract, FunctionSpec, ModuleFacts, Reject,
                                  Walker, between, const, var)
from tests.trust.native import MEMORY_SIZE, NativeResult, NativeRunner

RSP = 4
MIN64, MAX64 = -(1 << 63), (1 << 63) - 1
MASK64 = (1 << 64) - 1
STACK_TOP = 12288           # S, the kernel's entry rsp, is this far into the scratch memory
NAMES = x86.REG_NAMES[8]


def signed64(v: int) -> int:
    v &= MASK64
    return v - (1 << 64) if v >> 63 else v


def read_bytes(mem: bytes, pos: int, size: int, signed: bool) -> int:
    return int.from_bytes(mem[pos:pos + size], "little", signed=signed)


def condition_holds(rflags: int, cc: str) -> bool:
    """The CPU's reading of a condition code from RFLAGS (Intel SDM, Jcc)."""
    cf, pf, zf, sf, of = (bool(rflags >> b & 1) for b in (0, 2, 6, 7, 11))
    base = {"o": of, "b": cf, "e": zf, "be": cf or zf, "s": sf, "p": pf,
            "l": sf != of, "le": zf or sf != of}
    if cc in base:
        return base[cc]
    return not base[{"no": "o", "ae": "b", "ne": "e", "a": "be", "ns": "s", "np": "p",
                     "ge": "l", "g": "le"}[cc]]


# -- cases ---------------------------------------------------------------------------------
@dataclass
class Case:
    code: bytes
    registers: tuple                 # 16 initial values (unsigned 64-bit); rsp's is ignored
    ranged: dict                     # register -> (lo, hi): the kernel gets a variable in it
    memory: bytes                    # the scratch memory (S is at STACK_TOP)
    depth: int                       # rsp = S - depth at the start
    slots: dict                      # offset from S -> (size, signed reading, (lo, hi) or None)
    exact: frozenset = frozenset()   # instruction offsets the certificate claims exact
    flags: int = 0                   # initial RFLAGS (the kernel assumes nothing of them)
    areas: tuple = ()                # frame areas ((lo, hi, "bytes"), ...): non-constant
                                     # stack addresses must lie in one

    def describe(self) -> str:
        regs = ", ".join(f"{NAMES[r]}={signed64(v):#x}" + (f" in [{self.ranged[r][0]:#x}, {self.ranged[r][1]:#x}]"
                                                        if r in self.ranged else "")
                         for r, v in enumerate(self.registers) if r != RSP)
        slots = ", ".join(f"S{off:+d}:{size}{'s' if sg else 'u'}="
                          f"{read_bytes(self.memory, STACK_TOP + off, size, sg):#x}"
                          + (f" in [{rng[0]:#x}, {rng[1]:#x}]" if rng else "")
                          for off, (size, sg, rng) in sorted(self.slots.items()))
        insns = []
        pos = 0
        while pos < len(self.code):
            insn = decode_one(self.code, pos)
            insns.append(f"  {pos:#04x}: {self.code[pos:pos + insn.length].hex(' ')}  {insn.text()}"
                         + ("   [claimed exact]" if pos in self.exact else ""))
            pos += insn.length
        areas = ", ".join(f"[S{lo:+d}, S{hi:+d})" for lo, hi, _ in self.areas)
        lo = STACK_TOP - self.depth - 64
        return (f"code {self.code.hex()}\n" + "\n".join(insns) + f"\nregisters: {regs}\n"
                f"depth {self.depth}; frame slots: {slots or 'none'}; frame areas: {areas or 'none'}; "
                f"flags {self.flags:#x}\nmemory [S{lo - STACK_TOP:+d}, S+16): "
                f"{self.memory[lo:STACK_TOP + 16].hex()}")


@dataclass
class Tally:
    cases: int = 0
    instructions: int = 0            # instructions the kernel and the CPU both executed
    exact: int = 0                   # register/slot/rsp equalities checked
    ranges: int = 0                  # facts about fresh values checked
    vacuous: int = 0                 # facts about values the kernel put nowhere
    flags: int = 0                   # condition-code claims checked (non-empty facts)
    divisions: int = 0               # divisor claims checked against a fault or no fault
    claimed_exact: int = 0           # certificate exactness claims that held (term then checked)
    area_accesses: int = 0           # non-constant stack accesses inside a frame area
    unchecked: int = 0               # register/slot terms over variables nothing bound
    ops: collections.Counter = field(default_factory=collections.Counter)   # (op, size) executed
    faults: collections.Counter = field(default_factory=collections.Counter)
    rejected: collections.Counter = field(default_factory=collections.Counter)
    unprovable: collections.Counter = field(default_factory=collections.Counter)
    disagreements: list = field(default_factory=list)

    def summary(self) -> str:
        return (f"{self.cases} cases, {self.instructions} instructions; checked {self.exact} exact "
                f"claims, {self.ranges} range facts ({self.vacuous} vacuous), {self.flags} "
                f"condition claims, {self.divisions} division claims, {self.claimed_exact} exactness "
                f"claims, {self.area_accesses} frame-area accesses; {self.unchecked} terms unchecked; "
                f"faults {dict(self.faults)}; "
                f"kernel rejections {sum(self.rejected.values())}, false obligations "
                f"{dict(self.unprovable)}; disagreements {len(self.disagreements)}")


class Disagreement(Exception):
    pass


# -- the comparison ------------------------------------------------------------------------
class Comparison:
    """One case: the kernel's state, the CPU's state before the current instruction, and
    the values bound to the kernel's variables."""

    def __init__(self, case: Case, runner: NativeRunner, tally: Tally):
        self.case, self.runner, self.tally = case, runner, tally
        self.insns = []
        pos = 0
        while pos < len(case.code):
            insn = decode_one(case.code, pos)       # the generator emits only decodable bytes
            self.insns.append(insn)
            pos += insn.length
        self.code = {i.offset: i for i in self.insns}
        self.S = runner.memory_address + STACK_TOP
        fn = FunctionSpec("case", 0, len(case.code), Contract(params=()), {}, tuple(case.areas), case.exact)
        mod = ModuleFacts(text_addr=0, entries={}, imports={}, statics=(), host={})
        self.obligations = []
        self.walker = Walker(fn, self.code, mod, lambda i, ob: self.obligations.append(ob))
        self.env = {"S": self.S, "M": runner.code_address}
        regs, facts = {}, []
        for r in range(16):
            if r == RSP:
                continue
            value = signed64(case.registers[r])
            if r in case.ranged:
                v = var(f"in_{NAMES[r]}")
                self.env[f"in_{NAMES[r]}"] = value
                facts += between(v, *case.ranged[r])
                regs[r] = v
            else:
                regs[r] = const(value)
        slots = {}
        for off, (size, sg, rng) in case.slots.items():
            value = read_bytes(case.memory, STACK_TOP + off, size, sg)
            if rng is None:
                slots[off] = (size, const(value))
            else:
                name = f"in_S{off + 4096}"
                self.env[name] = value
                facts += between(var(name), *rng)
                slots[off] = (size, var(name))
        self.state = self.walker.cut_state(Assertion(case.depth, regs, slots, tuple(facts), ()))
        rsp_in = list(case.registers)
        rsp_in[RSP] = self.S - case.depth
        self.before = NativeResult(None, tuple(v & MASK64 for v in rsp_in), case.flags, case.memory)
        self.defining = set()       # registers/slots whose term just bound a variable

    # -- evaluation ------------------------------------------------------------------------
    def value(self, p: Poly) -> int | None:
        if not p.variables() <= self.env.keys():
            return None
        return p.eval(self.env)

    def holds(self, f: Fact) -> bool | None:
        v = self.value(f.poly)
        return None if v is None else (v >= 0 if f.kind == ">=" else v == 0)

    def fail(self, step: int, what: str) -> None:
        insn = self.insns[step]
        raise Disagreement(f"after instruction {step} ({insn.text()}): {what}\n{self.case.describe()}")

    # -- binding fresh variables -----------------------------------------------------------
    def solve(self, t: Poly, observed: int):
        """(v, value) when t has exactly one unbound variable v, linearly with coefficient
        ±1, and t = observed fixes it; else None."""
        free = t.variables() - self.env.keys()
        if len(free) != 1:
            return None
        (v,) = free
        c = t.coeff((v,))
        rest = t - var(v) * c
        if c not in (1, -1) or v in rest.variables():
            return None
        r = self.value(rest)
        return None if r is None else (v, (observed - r) * c)

    def bind_load(self, insn, before: NativeResult) -> None:
        """A fresh load result is the memory the instruction read, before it ran."""
        name = f"%m.{insn.offset:x}"
        mems = [o for o in insn.operands if isinstance(o, Mem) and o.size]
        if name in self.env or not mems:
            return
        m = mems[0]
        addr = m.disp
        if m.base is not None:
            addr += before.registers[m.base]
        if m.index is not None:
            addr += before.registers[m.index] * m.scale
        pos = (addr & MASK64) - self.runner.memory_address
        if not 0 <= pos <= MEMORY_SIZE - m.size:
            return
        lo, _ = self.state.bounds.get(name, (MIN64, MAX64))
        self.env[name] = read_bytes(before.memory, pos, m.size, signed=lo < 0)

    def bind_stored(self, after: NativeResult) -> None:
        st = self.state
        progress = True
        while progress:
            progress = False
            for r in range(16):
                t = st.regs[r]
                if r != RSP and t is not None:
                    got = self.solve(t, after.signed(r))
                    if got:
                        self.env[got[0]] = got[1]
                        self.defining.add(("reg", r))
                        progress = True
            for off, (size, t) in st.slots.items():
                # A slot holds t when its bytes are t read as signed or (narrower than 8
                # bytes) as unsigned: the kernel's claim is that one of the readings
                # satisfies its facts, so take the first that does.
                pos = STACK_TOP + off
                readings = [read_bytes(after.memory, pos, size, True)]
                if size < 8:
                    readings.append(read_bytes(after.memory, pos, size, False))
                sols = [s for s in (self.solve(t, x) for x in readings) if s]
                if not sols:
                    continue
                facts = [f for f in st.facts if sols[0][0] in f.poly.variables()]
                chosen = next((s for s in sols if self.satisfies(s, facts)), sols[0])
                self.env[chosen[0]] = chosen[1]
                self.defining.add(("slot", off))
                progress = True

    def satisfies(self, binding, facts) -> bool:
        """Whether binding (v, value) makes none of the facts false."""
        v, value = binding
        self.env[v] = value
        try:
            return all(self.holds(f) is not False for f in facts)
        finally:
            del self.env[v]

    # -- checks ----------------------------------------------------------------------------
    def check_facts(self, step: int, facts) -> None:
        for f in facts:
            ok = self.holds(f)
            if ok is None:
                self.tally.vacuous += 1
                continue
            if not ok:
                vals = {v: self.env[v] for v in f.poly.variables()}
                self.fail(step, f"the kernel's fact {f} is false on the CPU ({vals})")
            self.tally.ranges += 1

    def check_state(self, step: int, after: NativeResult) -> None:
        st = self.state
        if after.registers[RSP] != (self.S - st.depth) & MASK64:
            self.fail(step, f"rsp is {after.registers[RSP]:#x} on the CPU, S - {st.depth} = "
                            f"{self.S - st.depth:#x} for the kernel")
        self.tally.exact += 1
        for r in range(16):
            t = st.regs[r]
            if r == RSP or t is None or ("reg", r) in self.defining:
                continue
            v = self.value(t)
            if v is None:
                self.tally.unchecked += 1
                continue
            if v != after.signed(r):
                self.fail(step, f"{NAMES[r]} = {after.signed(r):#x} on the CPU, the kernel says {t} = {v:#x}")
            self.tally.exact += 1
        for off, (size, t) in st.slots.items():
            if ("slot", off) in self.defining:
                continue
            v = self.value(t)
            if v is None:
                self.tally.unchecked += 1
                continue
            raw = read_bytes(after.memory, STACK_TOP + off, size, False)
            lo = MIN64 if size == 8 else -(1 << (8 * size - 1))
            hi = MAX64 if size == 8 else (1 << (8 * size)) - 1
            if not (lo <= v <= hi and v % (1 << (8 * size)) == raw):
                self.fail(step, f"the {size}-byte slot S{off:+d} holds {raw:#x} on the CPU, the "
                                f"kernel says {t} = {v:#x}")
            self.tally.exact += 1

    def check_conditions(self, step: int, after: NativeResult) -> None:
        """For every condition code: the facts the kernel would add on the branch the CPU
        takes hold (one of the cases, when it splits)."""
        if self.state.flags is None:
            return
        for cc in CC:
            taken = condition_holds(after.rflags, cc)
            cases = self.walker.condition(self.state, cc, taken)
            if cases == [[]]:
                continue
            verdicts = [[self.holds(f) for f in c] for c in cases]
            if any(all(v is not False for v in vs) for vs in verdicts):
                self.tally.flags += 1
                continue
            self.fail(step, f"j{cc} is {'taken' if taken else 'not taken'} on the CPU (rflags "
                            f"{after.rflags:#x}) but the kernel's facts for that branch are false: "
                            f"{[[str(f) for f in c] for c in cases]} with flags {self.state.flags}")

    # -- the walk --------------------------------------------------------------------------
    def run(self) -> None:
        tally = self.tally
        for step, insn in enumerate(self.insns):
            st = self.state
            nfacts, nobl = len(st.facts), len(self.obligations)
            ntrue = len(self.walker.condition(st, insn.cc, True)) if insn.op == "jcc" else 0
            try:
                nexts = self.walker.step(st, insn)
            except Reject as e:
                tally.rejected[str(e).split(":")[0]] += 1
                return
            after = self.runner.run(self.case.code[:insn.offset + insn.length], self.case.registers,
                                    self.case.memory, STACK_TOP - self.case.depth, self.case.flags)
            if insn.op == "jcc":
                taken = condition_holds(self.before.rflags, insn.cc)
                options = nexts[:ntrue] if taken else nexts[ntrue:]
                chosen = [s for s, _ in options if all(self.holds(f) is not False for f in s.facts[nfacts:])]
                if not chosen:
                    claims = [[str(f) for f in s.facts[nfacts:]] for s, _ in options]
                    self.fail(step, f"the CPU {'takes' if taken else 'does not take'} j{insn.cc} "
                                    f"(rflags {self.before.rflags:#x}) but the kernel's facts for "
                                    f"that branch are false: {claims}")
                self.state = chosen[0]
                tally.flags += 1
            elif len(nexts) != 1:
                # A case split (division by a constant on the dividend's sign): the CPU's
                # values decide which case this is; the facts of that case are checked below.
                chosen = [s for s, _ in nexts if all(self.holds(f) is not False for f in s.facts[nfacts:])]
                if len(chosen) != 1:
                    self.fail(step, f"{insn.text()} splits into {len(nexts)} cases and "
                                    f"{len(chosen)} agree with the CPU's values")
                    return
                self.state = chosen[0]
            st = self.state
            self.defining = set()
            self.bind_load(insn, self.before)
            if not self.obligations_hold(step, insn, nobl, after):
                return
            if after.fault is not None:
                self.fail(step, f"the CPU raised {after.fault_name}, which the kernel does not allow for")
            tally.instructions += 1
            tally.ops[insn.op, insn.size] += 1
            self.bind_stored(after)
            self.check_facts(step, st.facts[nfacts:])
            self.check_state(step, after)
            self.check_conditions(step, after)
            self.before = after

    def obligations_hold(self, step: int, insn, nobl: int, after: NativeResult) -> bool:
        """Whether every obligation the step emitted is true for these values (else no
        certificate could be accepted, and the kernel's further claims assume it)."""
        for ob in self.obligations[nobl:]:
            if ob.kind == "divisor":
                d, dividend = (self.value(x) if x is not None else None for x in ob.access)
                if d is None or (ob.access[1] is not None and dividend is None):
                    raise AssertionError(f"divisor obligation over unbound variables: {ob.what}")
                safe = d >= 1 or d <= -2 or (d == -1 and (dividend is None or dividend > MIN64))
                self.tally.divisions += 1
                if after.fault is not None:
                    self.tally.faults[after.fault_name] += 1
                    if safe:
                        self.fail(step, f"the kernel's divisor obligation holds ({ob.what}: "
                                        f"d={d}, dividend={dividend}) but the CPU raised {after.fault_name}")
                    return False
                if not safe:
                    self.tally.unprovable["divisor"] += 1
                    return False
                continue
            if ob.kind == "range":
                ok = self.holds(ob.goal)
                if ok is None:
                    raise AssertionError(f"range obligation over unbound variables: {ob.what}")
                if not ok:
                    self.tally.unprovable["range"] += 1
                    return False
                self.tally.claimed_exact += 1
                continue
            if ob.kind == "access" and self.covered(ob):
                self.tally.area_accesses += 1
                continue
            self.tally.unprovable[ob.kind] += 1
            return False
        return True

    def covered(self, ob) -> bool:
        """Whether one of the access obligation's candidate regions covers it for these
        values, by the goals the checker would have a proof establish (check.cover_goals)."""
        for region in ob.regions:
            try:
                goals = cover_goals(ob, region)
            except Reject:
                continue
            if all(self.holds(g) for g, _ in goals):
                return True
        return False


def compare(case: Case, runner: NativeRunner, tally: Tally) -> None:
    """Compare one case; a disagreement is appended to tally.disagreements."""
    tally.cases += 1
    try:
        Comparison(case, runner, tally).run()
    except Disagreement as e:
        tally.disagreements.append(f"case #{tally.cases - 1}, {e}")


# -- random cases --------------------------------------------------------------------------
def edge_values(bits: int) -> list[int]:
    top = 1 << (bits - 1)
    return [0, 1, 2, -1, -2, top - 1, top - 2, -top, -top + 1, top, (1 << bits) - 1, 7, 8, 31, 32, 63, 64, 127]


EDGE64 = sorted({v & MASK64 for b in (8, 16, 32, 64) for v in edge_values(b)}
                | {1 << 31, (1 << 32) - 1, 1 << 32, (1 << 32) + 1, 1 << 47, 255, 256, 65535, 65536})
SHIFT_COUNTS = (0, 1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64, 65, 127, 128, 255)


def random_value(rng: random.Random) -> int:
    """A 64-bit register value: an edge value of some width, extended in one of the ways
    the upper bits can look (zero, sign, garbage), or a random one."""
    k = rng.random()
    if k < 0.55:
        v = rng.choice(EDGE64)
    elif k < 0.8:
        bits = rng.choice((8, 16, 32))
        low = rng.choice(edge_values(bits)) & ((1 << bits) - 1)
        upper = rng.choice((0, MASK64, rng.getrandbits(64)))
        v = (upper & ~((1 << bits) - 1) | low) & MASK64
    elif k < 0.9:
        v = rng.randint(-300, 300) & MASK64
    else:
        v = rng.getrandbits(64)
    if rng.random() < 0.1:
        v = (v + rng.choice((-1, 1))) & MASK64
    return v


def random_range(rng: random.Random, value: int) -> tuple[int, int]:
    """A range the kernel is told a value lies in: tight, loose, or a C type's range."""
    v = signed64(value)
    k = rng.random()
    if k < 0.3:
        for lo, hi in ((0, 255), (-128, 127), (0, 65535), (-(1 << 31), (1 << 31) - 1), (0, (1 << 32) - 1)):
            if lo <= v <= hi and rng.random() < 0.5:
                return lo, hi
        return MIN64, MAX64
    below, above = rng.choice((0, 1, 10, 1 << 16, 1 << 40)), rng.choice((0, 1, 10, 1 << 16, 1 << 40))
    return max(MIN64, v - below), min(MAX64, v + above)


class Generator:
    """Draws one case, tracking what it must know to keep memory operands in the frame:
    the current depth, registers holding frame addresses, registers whose value the kernel
    knows as a constant (usable as an index into any slot), and registers still holding
    their ranged variable (an index the kernel cannot resolve: only into a frame area)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.registers = [random_value(rng) for _ in range(16)]
        self.ranged = {r: random_range(rng, self.registers[r]) for r in range(16)
                       if r != RSP and rng.random() < 0.25}
        self.depth = self.depth0 = rng.choice((0, 8, 16, 32, 64, 128, 256))
        self.frame_regs = {}        # register -> (its offset from S, the kernel's term has a variable)
        self.ranged_live = set(self.ranged)     # registers still holding their ranged variable
        self.areas = ()
        if self.depth0 >= 16 and rng.random() < 0.4:
            lo = -self.depth0 + 8 * rng.randint(0, self.depth0 // 16)
            self.areas = ((lo, rng.randint(lo // 8 + 1, 0) * 8, "bytes"),)
        self.known = {r: signed64(v) for r, v in enumerate(self.registers)
                      if r != RSP and r not in self.ranged}
        self.out = bytearray()
        self.exact = set()

    # -- operands --------------------------------------------------------------------------
    def reg(self, avoid=()) -> int:
        return self.rng.choice([r for r in range(16) if r != RSP and r not in avoid])

    def wrote(self, *regs) -> None:
        for r in regs:
            self.frame_regs.pop(r, None)
            self.known.pop(r, None)
            self.ranged_live.discard(r)

    def area_index(self):
        """A ranged register with a small value: indexing the frame with it gives the kernel
        a non-constant stack address (S + c + k*v), which must lie in a frame area."""
        small = sorted(r for r in self.ranged_live if abs(signed64(self.registers[r])) < 1 << 20)
        return self.rng.choice(small) if small else None

    def area_offset(self, size: int):
        """An offset from S for an access of `size` bytes inside the frame area, if the
        area is still inside the frame."""
        if not self.areas:
            return None
        lo, hi, _ = self.areas[0]
        if lo < -self.depth or hi - lo < size:
            return None
        return self.rng.randint(lo, hi - size)

    def mem(self, size: int, write: bool):
        """A memory operand for an access of `size` bytes inside the frame, or None when
        there is no room (a store needs [rsp, S))."""
        rng = self.rng
        top = 0 if write else 8
        lo, hi = -self.depth, top - size
        if hi < lo:
            return None
        off = rng.randint(lo, hi)
        if rng.random() < 0.7:
            off = max(lo, off - off % size)
        k = rng.random()
        index, target = self.area_index(), self.area_offset(size)
        if k < 0.25 and index is not None and target is not None:         # non-constant, in the area
            scale = rng.choice((1, 2, 4, 8))
            value = signed64(self.registers[index])
            return x86.Mem(RSP, target + self.depth - value * scale, index, scale)
        if k < 0.4 and self.frame_regs:
            base = rng.choice(sorted(self.frame_regs))
            base_off, variable = self.frame_regs[base]
            if variable:                        # S + c + k*v: only addresses in the area
                if target is None:
                    return x86.Mem(RSP, off + self.depth)
                off = target
            return x86.Mem(base, off - base_off)
        small = [r for r, v in self.known.items() if abs(v) < 512 and r != RSP]
        if k < 0.55 and small:
            index = rng.choice(sorted(small))
            scale = rng.choice((1, 2, 4, 8))
            return x86.Mem(RSP, off + self.depth - self.known[index] * scale, index, scale)
        return x86.Mem(RSP, off + self.depth)

    def rm(self, size: int, write: bool, p_mem: float = 0.35):
        if self.rng.random() < p_mem:
            m = self.mem(size, write)
            if m is not None:
                return m
        return self.reg()

    def imm(self, size: int) -> int:
        bits = 8 * min(size, 4)
        rng = self.rng
        v = rng.choice(edge_values(bits) + [rng.randint(-(1 << (bits - 1)), (1 << (bits - 1)) - 1)])
        return signed64(v << (64 - bits)) >> (64 - bits)        # as a signed `bits`-bit value

    # -- emitting --------------------------------------------------------------------------
    def emit(self, opcode: bytes, reg: int, rm, size: int, imm: bytes = b"", byte_regs=(), exact_ok=False):
        # Asm's named methods cover the forms the compiler emits (no byte ALU ops, no 16-bit
        # immediates, no register setcc to memory...); `_op` is the general ModRM encoder
        # they are all built on, so every form here is encoded the same way.
        asm = x86.Asm()
        asm._op(opcode, reg, rm, size, imm, byte_regs)
        if exact_ok and self.rng.random() < 0.3:
            self.exact.add(len(self.out))
        self.out += asm.code

    def raw(self, b: bytes) -> None:
        self.out += b

    @staticmethod
    def byte_regs(size, *ops):
        return tuple(o for o in ops if isinstance(o, int)) if size == 1 else ()

    # -- instructions ----------------------------------------------------------------------
    def i_mov(self):
        size = self.rng.choice((1, 2, 4, 8))
        k = self.rng.random()
        if k < 0.3:                                                  # mov r/m, r
            dst, src = self.rm(size, True), self.reg()
            self.emit(b"\x88" if size == 1 else b"\x89", src, dst, size, byte_regs=self.byte_regs(size, dst, src))
            if isinstance(dst, int):
                self.wrote(dst)
        elif k < 0.55:                                               # mov r, r/m
            dst, src = self.reg(), self.rm(size, False, 0.7)
            self.emit(b"\x8a" if size == 1 else b"\x8b", dst, src, size, byte_regs=self.byte_regs(size, dst, src))
            self.wrote(dst)
        elif k < 0.8:                                                # mov r/m, imm
            dst = self.rm(size, True)
            imm = self.imm(size)
            enc = {1: "<b", 2: "<h", 4: "<i", 8: "<i"}[size]
            self.emit(b"\xc6" if size == 1 else b"\xc7", 0, dst, size, struct.pack(enc, imm),
                      byte_regs=self.byte_regs(size, dst))
            if isinstance(dst, int):
                self.wrote(dst)
                if size == 8:
                    self.known[dst] = imm
        else:                                                        # B8+r: imm32 / imm64
            dst = self.reg()
            value = random_value(self.rng)
            asm = x86.Asm()
            asm.mov_imm(dst, value)
            self.out += asm.code
            self.wrote(dst)
            self.known[dst] = signed64(value)

    def i_extend(self):
        rng = self.rng
        src_size = rng.choice((1, 2, 4))
        if src_size == 4:
            op, dst_size = b"\x63", 8                                # movsxd
        else:
            signed = rng.random() < 0.5
            op = {(1, False): b"\x0f\xb6", (2, False): b"\x0f\xb7", (1, True): b"\x0f\xbe",
                  (2, True): b"\x0f\xbf"}[src_size, signed]
            dst_size = rng.choice((2, 4, 8) if src_size == 1 else (4, 8))
        dst, src = self.reg(), self.rm(src_size, False, 0.5)
        self.emit(op, dst, src, dst_size, byte_regs=self.byte_regs(src_size, src))
        self.wrote(dst)

    def i_lea(self):
        rng = self.rng
        dst = self.reg()
        k = rng.random()
        disp = rng.choice((0, 1, -1, 8, -8, 127, -128, (1 << 31) - 1, -(1 << 31), rng.randint(-4096, 4096)))
        if k < 0.3:                                                  # a frame address
            off = rng.randint(-self.depth - 64, 8)
            index = self.area_index() if rng.random() < 0.4 else None
            if index is None:
                self.emit(b"\x8d", dst, x86.Mem(RSP, off + self.depth), 8, exact_ok=True)
            else:                                                    # S + c + k*v
                scale = rng.choice((1, 2, 4, 8))
                disp = off + self.depth - signed64(self.registers[index]) * scale
                self.emit(b"\x8d", dst, x86.Mem(RSP, disp, index, scale), 8, exact_ok=True)
            self.wrote(dst)
            self.frame_regs[dst] = (off, index is not None)
            return
        if k < 0.4:                                                  # rip-relative
            self.raw(bytes([0x48 | (4 if dst & 8 else 0), 0x8D, 0x05 | (dst & 7) << 3]) + struct.pack("<i", disp))
        elif k < 0.5:                                                # [index*scale + disp32], no base
            index, ss = self.reg(), rng.randint(0, 3)
            rex = 0x48 | (4 if dst & 8 else 0) | (2 if index & 8 else 0)
            self.raw(bytes([rex, 0x8D, 0x04 | (dst & 7) << 3, ss << 6 | (index & 7) << 3 | 5])
                     + struct.pack("<i", disp))
        else:
            base = self.reg() if rng.random() < 0.9 else RSP
            index = self.reg() if rng.random() < 0.6 else None
            self.emit(b"\x8d", dst, x86.Mem(base, disp, index, rng.choice((1, 2, 4, 8))), 8, exact_ok=True)
        self.wrote(dst)

    def i_alu(self):
        rng = self.rng
        op = rng.choice(("add", "sub", "and", "or", "xor", "cmp"))
        size = rng.choice((1, 2, 4, 8, 8))
        opcode, ext = x86.ALU[op]
        byte_op = opcode - 1 if size == 1 else opcode
        k = rng.random()
        exact_ok = op in ("add", "sub")
        if k < 0.4:                                                  # op r/m, r
            dst = self.rm(size, op != "cmp", 0.3)
            src = self.reg() if rng.random() < 0.9 else RSP
            if rng.random() < 0.15 and isinstance(dst, int):
                src = dst                                            # xor r, r / sub r, r
            self.emit(bytes([byte_op]), src, dst, size, byte_regs=self.byte_regs(size, dst, src), exact_ok=exact_ok)
        elif k < 0.6:                                                # op r, r/m
            dst, src = self.reg(), self.rm(size, False, 0.6)
            self.emit(bytes([byte_op + 2]), dst, src, size, byte_regs=self.byte_regs(size, dst, src), exact_ok=exact_ok)
        else:                                                        # op r/m, imm
            dst = self.rm(size, op != "cmp", 0.3)
            imm = self.imm(size)
            if size == 1:
                opc, b = b"\x80", struct.pack("<b", imm)
            elif -128 <= imm <= 127 and rng.random() < 0.6:
                opc, b = b"\x83", struct.pack("<b", imm)
            else:
                opc, b = b"\x81", struct.pack("<h" if size == 2 else "<i", imm)
            self.emit(opc, ext, dst, size, b, byte_regs=self.byte_regs(size, dst), exact_ok=exact_ok)
        if op != "cmp" and isinstance(dst, int):
            self.wrote(dst)

    def i_test(self):
        rng = self.rng
        size = rng.choice((1, 2, 4, 8))
        k = rng.random()
        if k < 0.5:                                                  # test r, r (same: flags known)
            a = self.reg()
            self.emit(b"\x84" if size == 1 else b"\x85", a, a, size, byte_regs=self.byte_regs(size, a))
        elif k < 0.75:
            a, b = self.rm(size, False), self.reg()
            self.emit(b"\x84" if size == 1 else b"\x85", b, a, size, byte_regs=self.byte_regs(size, a, b))
        else:
            a = self.rm(size, False)
            imm = self.imm(size)
            enc = {1: "<b", 2: "<h", 4: "<i", 8: "<i"}[size]
            self.emit(b"\xf6" if size == 1 else b"\xf7", 0, a, size, struct.pack(enc, imm),
                      byte_regs=self.byte_regs(size, a))

    def i_imul(self):
        rng = self.rng
        size = rng.choice((2, 4, 8, 8))
        dst, src = self.reg(), self.rm(size, False, 0.3)
        k = rng.random()
        if k < 0.5:
            self.emit(b"\x0f\xaf", dst, src, size, exact_ok=True)
        else:
            imm = self.imm(size)
            if -128 <= imm <= 127 and rng.random() < 0.5:
                self.emit(b"\x6b", dst, src, size, struct.pack("<b", imm), exact_ok=True)
            else:
                self.emit(b"\x69", dst, src, size, struct.pack("<h" if size == 2 else "<i", imm), exact_ok=True)
        self.wrote(dst)

    def i_unary(self):
        size = self.rng.choice((2, 4, 8, 8))
        neg = self.rng.random() < 0.5
        dst = self.rm(size, True, 0.3)
        self.emit(b"\xf7", 3 if neg else 2, dst, size, exact_ok=neg)
        if isinstance(dst, int):
            self.wrote(dst)

    def i_shift(self):
        rng = self.rng
        size = rng.choice((2, 4, 8, 8))
        ext = rng.choice((4, 5, 7))
        k = rng.random()
        if k >= 0.6 and rng.random() < 0.6:                         # set cl to an edge count
            count = rng.choice(SHIFT_COUNTS) | rng.choice((0, 0, 0x100, 1 << 40))
            asm = x86.Asm()
            asm.mov_imm(1, count)
            self.out += asm.code
            self.wrote(1)
            self.known[1] = count
        dst = self.rm(size, True, 0.25)
        if k < 0.45:
            self.emit(b"\xc1", ext, dst, size, bytes([rng.choice(SHIFT_COUNTS)]), exact_ok=ext == 4)
        elif k < 0.6:
            self.emit(b"\xd1", ext, dst, size, exact_ok=ext == 4)
        else:
            self.emit(b"\xd3", ext, dst, size)
        if isinstance(dst, int):
            self.wrote(dst)

    def i_cqo(self):
        self.raw(b"\x48\x99" if self.rng.random() < 0.7 else b"\x99")
        self.wrote(2)

    def i_divide(self):
        """cqo; idiv r/m64 — or xor edx, edx; div r/m64 — with a divisor that is usually
        safe, sometimes 0, and for idiv sometimes -1 under rax = MIN."""
        rng = self.rng
        signed = rng.random() < 0.5
        k = rng.random()
        if k < 0.15:
            divisor = 0
        elif k < 0.3 and signed:
            divisor = MASK64                                          # -1
            if rng.random() < 0.5:
                asm = x86.Asm()
                asm.mov_imm(0, 1 << 63)                               # rax = MIN
                self.out += asm.code
                self.wrote(0)
        else:
            divisor = random_value(rng) or 3
        self.wrote(2)           # cqo / xor edx, edx: rdx cannot index the divisor's slot
        use_mem = rng.random() < 0.3 and self.depth >= 8
        if use_mem:
            m = self.mem(8, True)
            if divisor & MASK64 == divisor and -(1 << 31) <= signed64(divisor) < (1 << 31):
                self.emit(b"\xc7", 0, m, 8, struct.pack("<i", signed64(divisor)))
            else:
                use_mem = False
        if not use_mem:
            # Mostly a register other than the dividend's; sometimes rax or rdx itself.
            d = self.reg(avoid=(0, 2) if rng.random() < 0.9 else ())
            asm = x86.Asm()
            asm.mov_imm(d, divisor)
            self.out += asm.code
            self.wrote(d)
            self.known[d] = signed64(divisor)
            m = d
        if signed:
            self.raw(b"\x48\x99")
        else:
            self.emit(b"\x31", 2, 2, 4)                               # xor edx, edx
        self.emit(b"\xf7", 7 if signed else 6, m, 8)
        self.wrote(0, 2)

    def i_setcc(self):
        cc = self.rng.choice(CC)
        dst = self.rm(1, True, 0.3)
        self.emit(bytes([0x0F, 0x90 + CC.index(cc)]), 0, dst, 1, byte_regs=self.byte_regs(1, dst))
        if isinstance(dst, int):
            self.wrote(dst)

    def i_cmov(self):
        cc = self.rng.choice(CC)
        size = self.rng.choice((2, 4, 4, 8, 8))
        dst, src = self.reg(), self.rm(size, False, 0.3)
        self.emit(bytes([0x0F, 0x40 + CC.index(cc)]), dst, src, size)
        self.wrote(dst)

    def i_jcc(self):
        cc = CC.index(self.rng.choice(CC))
        self.raw(bytes([0x70 + cc, 0]) if self.rng.random() < 0.6 else bytes([0x0F, 0x80 + cc, 0, 0, 0, 0]))

    def i_push_pop(self):
        rng = self.rng
        if self.depth >= 8 and rng.random() < 0.45:
            r = self.reg()
            self.raw(bytes([0x41, 0x58 + (r & 7)]) if r & 8 else bytes([0x58 + r]))
            self.depth -= 8
            self.wrote(r)
        else:
            r = rng.choice(range(16))                                  # push rsp too
            self.raw(bytes([0x41, 0x50 + (r & 7)]) if r & 8 else bytes([0x50 + r]))
            self.depth += 8

    def i_frame(self):
        rng = self.rng
        delta = rng.choice((8, 16, 32, 128, 256))
        if rng.random() < 0.5 and self.depth >= delta:
            delta = -delta                                            # rsp rises
        # sub rsp, +d or add rsp, -d lowers rsp; add rsp, +d or sub rsp, -d raises it.
        ext, imm = rng.choice(((5, delta), (0, -delta)))
        opcode = b"\x83" if -128 <= imm <= 127 else b"\x81"
        self.emit(opcode, ext, RSP, 8, struct.pack("<b" if opcode == b"\x83" else "<i", imm))
        self.depth += delta

    def i_nop(self):
        self.raw(b"\x90")

    KINDS = (("i_mov", 10), ("i_extend", 5), ("i_lea", 6), ("i_alu", 14), ("i_test", 5), ("i_imul", 5),
             ("i_unary", 4), ("i_shift", 7), ("i_cqo", 2), ("i_divide", 4), ("i_setcc", 5),
             ("i_cmov", 5), ("i_jcc", 7), ("i_push_pop", 4), ("i_frame", 2), ("i_nop", 1))

    def case(self) -> Case:
        rng = self.rng
        n = rng.randint(1, 6)
        names, weights = zip(*self.KINDS)
        for i in range(n):
            kind = rng.choices(names, weights)[0]
            if i > 0 and rng.random() < 0.3:
                kind = rng.choice(("i_jcc", "i_setcc", "i_cmov"))         # consume the flags
            getattr(self, kind)()
        memory = bytearray(rng.getrandbits(8) for _ in range(512)) * (MEMORY_SIZE // 512)
        slots = {}
        for off in range(-self.depth0 - 64, 16, 8):                       # edge values in the frame
            if rng.random() < 0.6:
                v = random_value(rng)
                memory[STACK_TOP + off:STACK_TOP + off + 8] = v.to_bytes(8, "little")
        for off in range(-self.depth0, 8, 8):                             # what the kernel is told
            k = rng.random()
            if k < 0.45:
                slots[off] = (8, True, None)
            elif k < 0.6:
                slots[off] = (8, True, "range")
            elif k < 0.8:
                size = rng.choice((1, 2, 4))
                for sub in range(off, off + 8, size):
                    if rng.random() < 0.7:
                        slots[sub] = (size, rng.random() < 0.5, "range" if rng.random() < 0.2 else None)
        for off, (size, sg, rngd) in list(slots.items()):
            if rngd:
                value = read_bytes(memory, STACK_TOP + off, size, sg)
                slots[off] = (size, sg, random_range(rng, value & MASK64))
        return Case(bytes(self.out), tuple(self.registers), self.ranged, bytes(memory), self.depth0, slots,
                    frozenset(self.exact), rng.getrandbits(12), self.areas)


def random_case(rng: random.Random) -> Case:
    return Generator(rng).case()
