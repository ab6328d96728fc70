"""Symbolic execution of decoded machine code: the kernel's model of the instructions, and
the obligations every path between two cut points must meet.

What this file guarantees. `Walker.run()` visits every path of one function between cut
points (the entry, the offsets the certificate names, and the exits), follows each
instruction with the semantics below, and either raises `Reject("RULE: reason")` for a
rule it can decide on the spot (decoding, control flow, stack discipline, frame accesses),
or emits an `Obligation` — `hypotheses ⇒ goal` over the integers — for every fact it cannot
decide alone (an access inside a region, a divisor, a range claim, a callee's precondition,
the target cut point's assertion). The caller checks a proof for each obligation, in order.
If every rule holds and every obligation is proven, every execution of the function that
starts in a state satisfying its entry assertion keeps to the safety policy of DESIGN §4
until it returns.

The model (each rule's soundness argument is in docs/kernel.md):

* Values are terms: polynomials over logical variables (`logic.Poly`), each variable an
  integer. A register holds a term, or is unknown (None). A term's value always lies in the
  signed 64-bit range: a result is kept exact only when that is proven (by intervals or an
  obligation); otherwise it becomes a fresh variable bounded by its width (the
  exact-or-fresh rule, which makes wrap-around sound).
* The stack: `rsp` is always S - depth, S the entry rsp and depth a constant known at every
  instruction. Frame slots are tracked exactly, keyed by (offset from S, size); a store
  invalidates every slot it overlaps; a load that does not match a slot exactly is fresh.
  Writes go only to [rsp, S); every stack access lands within a page of the lowest address
  already touched (so the guard page cannot be skipped).
* The stack limit: L is the value the runtime puts in the `__certa_stack_limit` slot, and
  the STACK_MARGIN bytes below L are mapped stack. Every function is entered with S >= L;
  a path knows S - room >= L for the largest `room` a fact `S - L - room >= 0` gives (the
  prologue check `lea r11, [rsp - K]; cmp r11, [rip + limit]; jl trap` makes one). Every
  stack access lies at or above S - room - STACK_MARGIN, and a call of a function (of this
  module or another) needs its return address at or above L (depth + 8 <= room), so
  the callee is again entered with S >= L: deep recursion ends in a trap, never a fault.
* Flags are "cmp a, b", "test a, a" or unknown; only a following jcc reads them.
* Memory outside the frame is described by regions: (base, length, writable). Loads from a
  region give fresh values bounded by the access width; stores must fit the region.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from certa.kernel.decode import Imm, Insn, Mem, Reg
from certa.kernel.logic import Fact, Poly

RSP = 4
RAX, RCX, RDX = 0, 1, 2
R10, R11 = 10, 11                                   # the bounds of a returned pointer
ARG_REGS = (7, 6, 2, 1, 8, 9)                       # rdi rsi rdx rcx r8 r9
CALLEE_SAVED = (3, 5, 12, 13, 14, 15)               # rbx rbp r12 r13 r14 r15
CALLER_SAVED = (0, 1, 2, 6, 7, 8, 9, 10, 11)
REG_NAMES = ("rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
             "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15")
PAGE = 4096
STACK_MARGIN = 16 * 1024        # mapped stack below the limit L (the runtime maps it)
LIMIT_SLOT = "__certa_stack_limit"
USER_TOP = (1 << 47) - 1        # user-space addresses (4-level paging; the runtime checks it)
MIN64, MAX64 = -(1 << 63), (1 << 63) - 1
MAX_PATHS = 20000
MAX_FACTS = 400
MAX_OBLIGATIONS = 200000        # per function
MAX_DEGREE, MAX_TERMS = 4, 64   # larger arithmetic results become fresh variables


class Reject(Exception):
    """A rule failed. `str()` is `RULE: reason`; `offset` is the instruction, if any."""

    def __init__(self, message: str, offset: int | None = None):
        super().__init__(message)
        self.offset = offset


def const(c: int) -> Poly:
    return Poly.const(c)


def var(name: str) -> Poly:
    return Poly.var(name)


def ge0(p: Poly) -> Fact:
    return Fact(p, ">=")


def between(p: Poly, lo: int, hi: int) -> list[Fact]:
    """lo <= p <= hi"""
    return [ge0(p - const(lo)), ge0(const(hi) - p)]


def width_range(size: int, signed: bool) -> tuple[int, int]:
    """The values a term of this C width can have. Terms are the signed reading of 64 bits,
    so an unsigned 64-bit quantity at or above 2^63 is a negative term: its range is the
    whole signed range (it constrains nothing)."""
    bits = 8 * size
    if signed or size == 8:
        return -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return 0, (1 << bits) - 1


def binder(t: Poly, fixed: set) -> tuple:
    """(v, F) when an asserted value t is v + F: v a variable of the assertion's own, with
    coefficient 1, and F over fixed (entry) variables only, e.g. `S - 64 + v` for a pointer
    into the frame. Arriving at the cut then chooses v := value - F (the choice is free:
    the equality is still proven afterwards). Else (None, None)."""
    free = t.variables() - fixed
    if len(free) != 1:
        return None, None
    name = next(iter(free))
    known = t - var(name)
    if t.coeff((name,)) != 1 or name in known.variables():
        return None, None
    return name, known


def bounds_facts(base: Poly, end: Poly) -> list[Fact]:
    """0 <= base <= end <= the top of user space."""
    return [ge0(base), ge0(end - base), ge0(const(USER_TOP + 1) - end)]


def substitute(p: Poly, theta: dict[str, Poly]) -> Poly:
    out = const(0)
    for mono, coeff in p.terms():
        t = const(coeff)
        for v in mono:
            t = t * theta.get(v, var(v))
        out = out + t
    return out


@dataclass(frozen=True)
class Region:
    """[base, base + length) may be read, and written if `writable`. `nullable`: the region
    exists only if base != 0 (an allocation that may have failed). `type`: the layout of its
    elements ("bytes" for memory holding no pointers). `block`: base is the start of a block
    whose 16-byte header (at base - 16, outside every region) holds `length`. `until`: the
    region may be frame memory lent to a callee and returned by it, so it is usable only
    while rsp stays at or below S + until (the lowest frame area then live stays live)."""
    name: str
    base: Poly
    length: Poly
    writable: bool
    nullable: bool = False
    type: str = "bytes"
    block: bool = False
    until: int | None = None


@dataclass(frozen=True)
class Layout:
    """A memory type: element size and its pointer fields (offset -> target type name).
    Every pointer field holds 0 or the start of a block of its target type."""
    size: int
    pointers: tuple = ()        # ((offset, target type, writable target), ...)

    def pointer_at(self, off: int, size: int):
        """(is a whole pointer field, target) for an access of `size` bytes at field offset
        `off`; raises if it overlaps a pointer field partially."""
        for po, target, writable in self.pointers:
            if off == po and size == 8:
                return True, (target, writable)
            if off < po + 8 and po < off + size:
                return None, None
        return False, None


@dataclass(frozen=True)
class Obligation:
    kind: str           # access | divisor | range | call | assert | return | region
    offset: int         # instruction offset in .text
    hyps: tuple[Fact, ...]
    goal: Fact
    what: str           # the obligation in words, for error messages
    regions: tuple[Region, ...] = ()   # for "access"/"region": the candidates a proof may name
    access: tuple = ()                 # for "access": (address, size, write)


@dataclass(frozen=True)
class Contract:
    """A function's interface as the kernel sees it: parameter variables (with the byte
    size and signedness of their C types), precondition facts and regions over them,
    return size/signedness (0 for void) and postcondition facts over them and `result`."""
    params: tuple[tuple[str, int, bool], ...]
    pre: tuple[Fact, ...] = ()
    pre_regions: tuple[Region, ...] = ()
    ret: tuple[int, bool] = (0, False)
    post: tuple[Fact, ...] = ()
    post_regions: tuple[Region, ...] = ()
    returns: bool = True
    ret_region: bool | None = None      # returns bounds [r10, r11) of memory; True: writable
    ret_block: str | None = None        # ... and the result is null or a block of this type


@dataclass(frozen=True)
class Assertion:
    """The state promised at a cut point, over its own variables."""
    depth: int
    regs: dict              # register number -> Poly
    slots: dict             # offset from S -> (size, Poly)
    facts: tuple[Fact, ...]
    regions: tuple[Region, ...]


@dataclass
class State:
    regs: list              # 16 entries, Poly or None; rsp is `depth` instead
    depth: int
    slots: dict             # offset -> (size, Poly)
    low: int                # lowest stack offset (from S) known to be mapped
    flags: tuple | None
    facts: list
    regions: list
    bounds: dict = field(default_factory=dict)   # var -> (lo, hi): intervals from simple facts
    visited: set = field(default_factory=set)
    last: str = ""          # the previous instruction's op (cqo/xor-before-div rules)
    ready: bool = True      # the typed frame areas are initialised (FRAME rule)
    room: int = 0           # S - room >= L is known (the stack limit; STACK rule)

    def copy(self) -> "State":
        return State(list(self.regs), self.depth, dict(self.slots), self.low, self.flags,
                     list(self.facts), list(self.regions), dict(self.bounds),
                     set(self.visited), self.last, self.ready, self.room)

    def add_fact(self, f: Fact) -> None:
        if len(self.facts) >= MAX_FACTS:
            raise Reject("FACTS: too many facts on one path")
        self.facts.append(f)
        learn_bound(self.bounds, f)
        # A fact `S - L - c >= 0` says the stack has room for c bytes above the limit.
        p = f.poly
        if f.kind == ">=" and p.variables() == {"S", "L"} and p.degree() == 1 \
                and p.coeff(("S",)) == 1 and p.coeff(("L",)) == -1:
            self.room = max(self.room, -p.constant)


def learn_bound(bounds: dict, f: Fact) -> None:
    """Record `a*v + c >= 0` / `== 0` with a = ±1 as an interval for v."""
    p = f.poly
    vs = p.variables()
    if len(vs) != 1 or p.degree() != 1:
        return
    v = next(iter(vs))
    a, c = p.coeff((v,)), p.constant
    if a not in (1, -1):
        return
    lo, hi = bounds.get(v, (MIN64, MAX64))
    if a == 1:
        lo = max(lo, -c)
        if f.kind == "==":
            hi = min(hi, -c)
    else:
        hi = min(hi, c)
        if f.kind == "==":
            lo = max(lo, c)
    bounds[v] = (lo, hi)


def interval(p: Poly, bounds: dict) -> tuple[int, int] | None:
    """Bounds of p by interval arithmetic over the variables' intervals; None if a
    variable has no interval."""
    lo = hi = 0
    for mono, coeff in p.terms():
        mlo, mhi = 1, 1
        for v in mono:
            if v not in bounds:
                return None
            vlo, vhi = bounds[v]
            cands = (mlo * vlo, mlo * vhi, mhi * vlo, mhi * vhi)
            mlo, mhi = min(cands), max(cands)
        a, b = coeff * mlo, coeff * mhi
        lo, hi = lo + min(a, b), hi + max(a, b)
    return lo, hi


@dataclass
class FunctionSpec:
    """What the kernel knows about one function while checking it."""
    name: str
    start: int
    end: int
    contract: Contract
    cuts: dict              # offset -> Assertion (not including the entry)
    areas: tuple            # ((lo, hi, type), ...) address-taken frame areas, offsets from S
    exact: frozenset        # offsets of arithmetic instructions claimed not to wrap
    fields: dict = field(default_factory=dict)   # insn offset -> (region name, field offset)
    allocs: dict = field(default_factory=dict)   # offset of a call to __certa_alloc -> type


@dataclass
class ModuleFacts:
    """Module-wide facts: entries of functions, import slots, static regions."""
    text_addr: int                      # vaddr of .text (M + text_addr is its load address)
    entries: dict                       # .text offset -> FunctionSpec (for calls)
    imports: dict                       # .text-relative address of a slot -> import name
    statics: tuple                      # Regions over M
    host: dict                          # import name -> Contract
    types: dict = field(default_factory=lambda: {"bytes": Layout(1)})   # name -> Layout
    image_size: int = PAGE              # bytes mapped from M (the whole image lies in user space)


class Walker:
    def __init__(self, fn: FunctionSpec, code: dict, mod: ModuleFacts, sink):
        """`sink(index, obligation)` receives the obligations in order."""
        self.fn, self.code, self.mod, self.sink = fn, code, mod, sink
        self.count = 0
        self.paths = 0
        self.words = self.pointer_words()

    # -- entry and cut states ----------------------------------------------------------
    def entry_state(self) -> State:
        c = self.fn.contract
        st = State([None] * 16, 0, {}, 0, None, [], [], {})
        for r in CALLEE_SAVED:
            st.regs[r] = var(f"cs_{REG_NAMES[r]}")
        for i, (name, size, signed) in enumerate(c.params):
            p = var(name)
            if i < 6:
                st.regs[ARG_REGS[i]] = p
            else:
                st.slots[8 + 8 * (i - 6)] = (8, p)
            for f in between(p, *width_range(size, signed)):
                st.add_fact(f)
        self.base_facts(st)
        for f in c.pre:
            st.add_fact(f)
        st.regions.extend(c.pre_regions)
        st.ready = not self.words       # typed frame areas start as garbage
        return st

    def base_facts(self, st: State) -> None:
        """What holds everywhere: the module base M, the stack top S and the stack limit L
        are user-space addresses (the loader and runtime guarantee all three; docs/kernel.md,
        ADDRESSES), and S >= L (every caller makes sure of it; STACK)."""
        for f in between(var("M"), PAGE, USER_TOP + 1 - self.mod.image_size) + \
                between(var("S"), PAGE, USER_TOP) + between(var("L"), PAGE, USER_TOP):
            st.add_fact(f)
        st.add_fact(ge0(var("S") - var("L")))
        st.regions.extend(self.mod.statics)
        for lo, hi, t in self.fn.areas:
            st.regions.append(Region(f"frame[{lo}:{hi}]", var("S") + const(lo), const(hi - lo), True,
                                     type=t))

    def pointer_words(self) -> list:
        """[(offset from S, (target type, writable)), ...]: every pointer field of every
        element of the typed frame areas."""
        out = []
        for lo, hi, t in self.fn.areas:
            lay = self.mod.types[t]
            for start in range(lo, hi, lay.size) if lay.pointers else ():
                out += [(start + po, (target, w)) for po, target, w in lay.pointers]
        return out

    def make_ready(self, st: State, insn: Insn) -> None:
        """Before typed frame memory is relied on (a load of a pointer field the kernel
        does not track, an access with a non-constant stack address, a call, a cut point),
        every pointer field of every typed frame area must have been written on this path
        with null or the start of a block of its target type. From then on the typing
        invariant holds for the frame areas as for any typed memory (every store into them
        is checked), so the state is `ready` for the rest of the path and at every cut point."""
        if st.ready:
            return
        for off, target in self.words:
            slot = st.slots.get(off)
            if slot is None or slot[0] != 8 or not self.valid_pointer(st, target, slot[1]):
                raise Reject(f"FRAME: a typed frame area is used before its pointer field at "
                             f"S{off:+d} is initialised with null or a block of type {target[0]}",
                             insn.offset)
        st.ready = True

    def frame_pointer(self, off: int, size: int, insn: Insn):
        """(target type, writable) when the frame access [off, off+size) is exactly one
        pointer field of a typed frame area; None when it touches none; rejects a partial
        overlap."""
        for po, target in self.words:
            if off == po and size == 8:
                return target
            if off < po + 8 and po < off + size:
                raise Reject(f"MEMORY: {size}-byte access at S{off:+d} overlaps a pointer field of a "
                             "typed frame area partially", insn.offset)
        return None

    def cut_state(self, a: Assertion) -> State:
        st = State([None] * 16, a.depth, {}, -a.depth, None, [], [], {})
        for r in CALLEE_SAVED:              # unnamed callee-saved registers keep entry values
            st.regs[r] = var(f"cs_{REG_NAMES[r]}")
        for r, t in a.regs.items():
            st.regs[r] = t
        for off, (size, t) in a.slots.items():
            st.slots[off] = (size, t)
        self.base_facts(st)
        st.add_fact(ge0(var("S") - const(a.depth + PAGE)))     # probed down to rsp (arrive)
        for f in a.facts:
            st.add_fact(f)
        st.regions.extend(r for r in a.regions if r not in st.regions)
        return st

    # -- the walk ------------------------------------------------------------------------
    def run(self) -> int:
        """Walk every path; returns the number of obligations emitted."""
        self.walk(self.entry_state(), self.fn.start)
        for off in sorted(self.fn.cuts):
            if off not in self.code:
                raise Reject(f"CUT: cut point 0x{off:x} is not an instruction of {self.fn.name}", off)
            self.walk(self.cut_state(self.fn.cuts[off]), off, from_cut=off)
        return self.count

    def walk(self, st: State, pc: int, from_cut: int | None = None) -> None:
        stack = [(st, pc, from_cut is not None)]
        while stack:
            st, pc, starting = stack.pop()
            while True:
                if not (self.fn.start <= pc < self.fn.end):
                    raise Reject(f"FLOW: control leaves {self.fn.name} at 0x{pc:x}", pc)
                if pc not in self.code:
                    raise Reject(f"FLOW: 0x{pc:x} is not an instruction boundary", pc)
                if not starting and pc in self.fn.cuts:
                    self.arrive(st, pc)
                    break
                starting = False
                if pc in st.visited:
                    raise Reject(f"CUT: a loop through 0x{pc:x} has no cut point", pc)
                st.visited.add(pc)
                insn = self.code[pc]
                nexts = self.step(st, insn)
                if not nexts:
                    break
                self.paths += len(nexts) - 1
                if self.paths > MAX_PATHS:
                    raise Reject("PATHS: too many paths between cut points; add cut points", pc)
                for later in reversed(nexts[1:]):
                    stack.append((later[0], later[1], False))
                st, pc = nexts[0]


    # -- values --------------------------------------------------------------------------
    def fresh(self, st: State, insn: Insn, tag: str, size: int = 8, signed: bool = True) -> Poly:
        v = var(f"%{tag}.{insn.offset:x}")
        for f in between(v, *width_range(size, signed)):
            st.add_fact(f)
        return v

    def in_range(self, st: State, t: Poly, lo: int, hi: int) -> bool:
        b = interval(t, st.bounds)
        return b is not None and lo <= b[0] and b[1] <= hi

    def view(self, st: State, t: Poly | None, size: int, signed: bool,
             insn: Insn | None = None) -> Poly | None:
        """The low `size` bytes of a 64-bit value t, read as a signed or unsigned integer:
        t itself when t is provably in that range (by intervals, or by a proof when the
        instruction carries an exactness claim), else unknown."""
        if t is None:
            return None
        if size == 8 and signed:            # every term is a signed 64-bit value
            return t
        # Read as unsigned 64 bits, t means itself only when it is not negative.
        lo, hi = (0, MAX64) if size == 8 else width_range(size, signed)
        if self.fits(st, insn, t, lo, hi):
            return t
        return None

    def fits(self, st: State, insn: Insn | None, t: Poly, lo: int, hi: int) -> bool:
        """lo <= t <= hi: by intervals, or (EXACT claim on a narrowing read or store) by two
        obligations the certificate must prove."""
        if self.in_range(st, t, lo, hi):
            return True
        if insn is not None and insn.offset in self.fn.exact:
            self.oblige(st, "range", insn, ge0(t - const(lo)), f"{t} >= {lo} (fits the width)")
            self.oblige(st, "range", insn, ge0(const(hi) - t), f"{t} <= {hi} (fits the width)")
            return True
        return False

    def exact(self, st: State, insn: Insn, t: Poly, tag: str, size: int = 8) -> Poly:
        """The exact-or-fresh rule for an arithmetic result t of `size` bytes, written to a
        register (a 32-bit result is zero-extended, so it must lie in [0, 2^32))."""
        lo, hi = width_range(8, True) if size == 8 else width_range(4, False)
        if t.degree() > MAX_DEGREE or len(t) > MAX_TERMS:      # keep terms small
            return self.fresh(st, insn, tag, 8 if size == 8 else 4, size == 8)
        if self.in_range(st, t, lo, hi):
            return t
        if insn.offset in self.fn.exact:
            self.oblige(st, "range", insn, ge0(t - const(lo)), f"{t} >= {lo} (no wrap-around)")
            self.oblige(st, "range", insn, ge0(const(hi) - t), f"{t} <= {hi} (no wrap-around)")
            return t
        if size == 8 and t.coeff(("S",)) == 1 and "S" not in (t - var("S")).variables():
            # A stack address that may have wrapped stays S + x, with x the fresh (and
            # unbounded) distance from S: still exact, and still known to be a stack address
            # (so a store through it invalidates the frame areas' slots).
            x = var(f"%{tag}.{insn.offset:x}")
            for f in between(var("S") + x, MIN64, MAX64):
                st.add_fact(f)
            return var("S") + x
        return self.fresh(st, insn, tag, 8 if size == 8 else 4, size == 8)

    def oblige(self, st: State, kind: str, insn: Insn, goal: Fact | None, what: str,
               regions: tuple = (), access: tuple = ()) -> None:
        """Hand one obligation to `sink` (which checks or proves it at once, so obligations
        never pile up in memory)."""
        if self.count >= MAX_OBLIGATIONS:
            raise Reject("PATHS: too many obligations in one function; add cut points", insn.offset)
        ob = Obligation(kind, insn.offset, tuple(st.facts), goal, what, regions, access)
        self.sink(self.count, ob)
        self.count += 1

    def reg(self, st: State, r: int) -> Poly | None:
        if r == RSP:
            return var("S") - const(st.depth)
        return st.regs[r]

    def address(self, st: State, m: Mem, insn: Insn) -> Poly | None:
        if m.rip:
            return var("M") + const(self.mod.text_addr + insn.rip_target)
        t = const(m.disp)
        if m.base is not None:
            b = self.reg(st, m.base)
            if b is None:
                return None
            t = t + b
        if m.index is not None:
            i = self.reg(st, m.index)
            if i is None:
                return None
            t = t + i * m.scale
        return t

    def read(self, st: State, insn: Insn, op, size: int, signed: bool) -> Poly | None:
        if isinstance(op, Imm):
            return const(op.value) if signed or op.value >= 0 else const(op.value % (1 << (8 * size)))
        if isinstance(op, Reg):
            return self.view(st, self.reg(st, op.num), size, signed, insn)
        # A loaded term is the signed reading of the bytes: an unsigned 64-bit read means
        # it only when it is provably not negative (as for registers).
        return self.view(st, self.load(st, insn, op, size, signed), size, signed, insn)

    def set_reg(self, st: State, insn: Insn, r: int, size: int, value: Poly | None) -> None:
        """Write a register: 64-bit writes replace it; 32-bit writes zero-extend (value must
        be the unsigned 32-bit result); 8/16-bit writes keep the upper bits, so the register
        becomes unknown."""
        if r == RSP:
            raise Reject("STACK: rsp may only change by add/sub of a constant", insn.offset)
        if size == 8:
            st.regs[r] = value
        elif size == 4:
            st.regs[r] = value if value is not None and self.in_range(st, value, 0, (1 << 32) - 1) \
                else self.fresh(st, insn, "z", 4, False)
        else:
            st.regs[r] = None

    # -- memory --------------------------------------------------------------------------
    def frame_offset(self, a: Poly, insn: Insn) -> tuple[bool, int | None]:
        """(is a stack address, its constant offset from S or None)."""
        s = a.coeff(("S",))
        if s == 0 and not any("S" in mono for mono, _ in a.terms()):
            return False, None
        rest = a - var("S")
        if s != 1 or "S" in rest.variables():
            raise Reject(f"STACK: address {a} is not the stack top plus an offset", insn.offset)
        return True, (rest.constant if rest.is_const() else None)

    def access(self, st: State, insn: Insn, m: Mem, size: int, write: bool, value=None):
        """Check one load or store and say what it touches: ("frame", offset) for a constant
        frame slot, ("header", region) for the header read of a block, ("field", target) for
        a pointer field of typed memory, or ("scalar", None)."""
        a = self.address(st, m, insn)
        if a is None:
            raise Reject(f"MEMORY: address of {insn.text()} is unknown", insn.offset)
        if m.rip and not write and size == 8 and self.mod.imports.get(insn.rip_target) == LIMIT_SLOT:
            return "limit", None            # the slot is read-only: it holds L
        on_stack, off = self.frame_offset(a, insn)
        if on_stack and off is not None:
            self.frame_access(st, insn, off, size, write)
            target = self.frame_pointer(off, size, insn)
            if target is not None and write:
                self.check_pointer_store(st, insn, target, value)
            return ("frame", off) if target is None else ("frame field", (off, target))
        what = f"{size}-byte {'store to' if write else 'load from'} {a}"
        if on_stack:
            self.make_ready(st, insn)       # before a store forgets what was initialised
        if on_stack and write:
            for lo, hi, _ in self.fn.areas:
                self.invalidate(st, lo, hi - lo)
        live = self.live_regions(st)
        if not write and size == 8:
            for r in live:
                if r.block and a == r.base - const(16):
                    if r.nullable:
                        self.oblige(st, "nonnull", insn, ge0(r.base - const(1)), f"{r.name} is not null")
                    return "header", r
        hint = self.fn.fields.get(insn.offset)
        if hint is not None:
            # A typed access: field `foff` of an element of type `tname`. The proof names
            # the region (of that type; a frame area only for a stack address, which has
            # invalidated the areas' slots) and cover_goals checks the access sits at that
            # field of one of its elements.
            tname, foff = hint
            lay = self.mod.types[tname]
            if not (0 <= foff and foff + size <= lay.size):
                raise Reject(f"MEMORY: field offset {foff} does not fit type {tname}", insn.offset)
            whole, target = lay.pointer_at(foff, size)
            if whole is None:
                raise Reject(f"MEMORY: {what} overlaps a pointer field of {tname} partially", insn.offset)
            if whole and write:
                self.check_pointer_store(st, insn, target, value)
            cands = tuple(r for r in live if r.type == tname and r.name.startswith("frame[") == on_stack)
            self.oblige(st, "access", insn, None, what, cands, (a, size, write, foff, lay.size))
            return ("field", target) if whole else ("scalar", None)
        cands = tuple(r for r in live
                      if r.name.startswith("frame[") == on_stack and not self.mod.types[r.type].pointers)
        self.oblige(st, "access", insn, None, what, cands, (a, size, write))
        return "scalar", None

    def frame_access(self, st: State, insn: Insn, off: int, size: int, write: bool) -> None:
        nstack = max(0, len(self.fn.contract.params) - 6)
        top = 0 if write else 8 + 8 * nstack
        if off < -st.depth or off + size > top:
            what = "store" if write else "load"
            raise Reject(f"STACK: {what} at S{off:+d} is outside the frame [S{-st.depth:+d}, S{top:+d})",
                         insn.offset)
        if off < st.low - PAGE:
            raise Reject(f"STACK: access at S{off:+d} skips the guard page (lowest touched: S{st.low:+d})",
                         insn.offset)
        self.within_limit(st, insn, off)
        self.touch(st, off)

    def within_limit(self, st: State, insn: Insn, off: int) -> None:
        """The stack at S + off lies at or above L - STACK_MARGIN: mapped stack."""
        if off < -st.room - STACK_MARGIN:
            raise Reject(f"STACK: access at S{off:+d} is below the stack limit's margin (the limit "
                         f"is checked for {st.room} bytes, the margin is {STACK_MARGIN})", insn.offset)

    def touch(self, st: State, off: int) -> None:
        """The stack at S + off is accessed: from then on it is known mapped, so it is not in
        page 0 (never mapped) — a fault there ends the path instead."""
        if off < st.low:
            st.low = off
            st.add_fact(ge0(var("S") + const(off - PAGE)))

    def set_depth(self, st: State, depth: int) -> None:
        """Move rsp. Memory below rsp belongs to whoever runs next (a callee, a signal
        handler), so slots there are forgotten when rsp rises."""
        st.depth = depth
        for o in [o for o in st.slots if o < -depth]:
            del st.slots[o]
        if any(o < -depth for o, _ in self.words):
            st.ready = False        # below rsp, a typed area is anyone's memory again

    def live_regions(self, st: State) -> tuple:
        """The regions usable now: a frame area only while it lies within the probed frame
        above rsp (below rsp it would be a callee's frame)."""
        out = []
        for r in st.regions:
            if r.name.startswith("frame["):
                lo = r.base - var("S")
                if not (lo.is_const() and lo.constant >= -st.depth and lo.constant >= st.low):
                    continue
            if r.until is not None and r.until < -st.depth:
                continue
            out.append(r)
        return tuple(out)

    def lasting_regions(self, st: State) -> tuple:
        """The live regions that are not (and may not be) frame memory: what may cover a
        cut point's region or a returned region, which outlive any frame area."""
        return tuple(r for r in self.live_regions(st)
                     if not r.name.startswith("frame[") and r.until is None)

    def invalidate(self, st: State, off: int, size: int) -> None:
        for o, (sz, _) in list(st.slots.items()):
            if o < off + size and off < o + sz:
                del st.slots[o]

    def load(self, st: State, insn: Insn, m: Mem, size: int, signed: bool) -> Poly | None:
        kind, info = self.access(st, insn, m, size, False)
        if kind == "frame field":
            off, target = info
            t = self.view(st, st.slots[off][1], size, signed) if off in st.slots else None
            if t is not None:
                return t
            self.make_ready(st, insn)
            kind, info = "field", target
        if kind == "limit":
            return var("L")
        if kind == "frame" and info in st.slots and st.slots[info][0] == size:
            t = self.view(st, st.slots[info][1], size, signed, insn)
            if t is not None:
                return t
        if kind == "header":
            # A block that exists lies in user space: its length is not negative and it
            # ends at or below the top of user space (the runtime maps nothing higher).
            st.add_fact(ge0(info.length))
            st.add_fact(ge0(const(USER_TOP + 1) - info.base - info.length))
            return info.length
        if kind == "field":
            # A pointer field holds 0 or the start of a block of its target type (writable
            # if the field says so).
            target, writable = info
            v = var(f"%ptr.{insn.offset:x}")
            length = var(f"%len.{insn.offset:x}")
            least = self.mod.types[target].size if target != "bytes" else 0
            for f in between(v, 0, USER_TOP) + between(length, least, USER_TOP):
                st.add_fact(f)
            st.regions.append(Region(f"*{insn.offset:x}", v, length, writable, True, target, True))
            return v
        return self.fresh(st, insn, "m", size, signed)

    def valid_pointer(self, st: State, info, value: Poly | None) -> bool:
        """value is 0 or the start of a block of the target type (writable if asked)."""
        target, writable = info
        return value is not None and (value == const(0) or any(
            r.block and r.type == target and r.base == value and (r.writable or not writable)
            for r in st.regions))

    def check_pointer_store(self, st: State, insn: Insn, info, value: Poly | None) -> None:
        """A pointer field may only receive 0 or the start of a block of its target type
        (a writable block if the field is writable)."""
        target, writable = info
        if not self.valid_pointer(st, info, value):
            raise Reject(f"MEMORY: the value stored into a pointer field must be null or the "
                         f"start of a {'writable ' if writable else ''}block of type {target}",
                         insn.offset)

    def store(self, st: State, insn: Insn, m: Mem, size: int, value: Poly | None) -> None:
        kind, info = self.access(st, insn, m, size, True, value)
        if kind == "frame field":
            kind, info = "frame", info[0]
        if kind == "frame":
            self.invalidate(st, info, size)
            # The slot holds t when its bytes are t read as signed or as unsigned; `view`
            # on load decides which reading is meant.
            if value is not None and (size == 8 or self.fits(
                    st, insn, value, -(1 << (8 * size - 1)), (1 << (8 * size)) - 1)):
                st.slots[info] = (size, value)
        elif kind == "header":
            raise Reject("MEMORY: block headers are read-only", insn.offset)

    # -- instructions --------------------------------------------------------------------
    def step(self, st: State, insn: Insn) -> list:
        handler = getattr(self, "op_" + insn.op, None)
        if handler is None:
            raise Reject(f"DECODE: no semantics for {insn.op}", insn.offset)
        nexts = handler(st, insn, insn.offset + insn.length)
        st.last = insn.op
        return nexts

    def write_dst(self, st: State, insn: Insn, dst, size: int, value: Poly | None) -> None:
        if isinstance(dst, Reg):
            self.set_reg(st, insn, dst.num, size, value)
        else:
            self.store(st, insn, dst, size, value)

    def op_nop(self, st, insn, nxt):
        return [(st, nxt)]

    def op_mov(self, st, insn, nxt):
        dst, src = insn.operands
        size = insn.size
        if isinstance(dst, Reg) and isinstance(src, Reg) and src.num == RSP:
            raise Reject("STACK: copying rsp is not allowed (frame addresses come from lea)", insn.offset)
        if isinstance(src, Imm):
            value = const(src.value) if size == 8 else const(src.value % (1 << (8 * size)))
        elif isinstance(dst, Mem) and isinstance(src, Reg):
            value = self.reg(st, src.num)       # store() keeps it if it fits the width
        else:
            # A register or memory source; 32-bit reads zero-extend into a register.
            value = self.read(st, insn, src, size, signed=(size == 8))
        if isinstance(dst, Reg) and value is None and size == 8:
            value = self.fresh(st, insn, "v")
        self.write_dst(st, insn, dst, size, value)
        return [(st, nxt)]

    def op_movzx(self, st, insn, nxt):
        dst, src = insn.operands
        v = self.read(st, insn, src, src.size, signed=False)
        if v is None and dst.size >= 4:
            v = self.fresh(st, insn, "v", src.size, False)
        self.set_reg(st, insn, dst.num, dst.size, v)
        return [(st, nxt)]

    def op_movsx(self, st, insn, nxt):
        dst, src = insn.operands
        v = self.read(st, insn, src, src.size, signed=True)
        if dst.size == 8 and v is None:
            v = self.fresh(st, insn, "v", src.size, True)
        self.set_reg(st, insn, dst.num, dst.size, v)
        return [(st, nxt)]

    op_movsxd = op_movsx

    def op_lea(self, st, insn, nxt):
        dst, m = insn.operands
        a = self.address(st, m, insn)
        if a is None:
            v = self.fresh(st, insn, "v")
        else:
            v = self.exact(st, insn, a, "a", 8)
        self.set_reg(st, insn, dst.num, 8, v)
        return [(st, nxt)]

    def op_add(self, st, insn, nxt):
        return self.arith(st, insn, nxt, 1)

    def op_sub(self, st, insn, nxt):
        return self.arith(st, insn, nxt, -1)

    def arith(self, st, insn, nxt, sign: int):
        dst, src = insn.operands
        st.flags = None
        if isinstance(dst, Reg) and dst.num == RSP:
            if not isinstance(src, Imm) or insn.size != 8:
                raise Reject("STACK: rsp changed by a non-constant", insn.offset)
            depth = st.depth - sign * src.value
            if depth < 0:
                raise Reject(f"STACK: rsp raised above the entry rsp (depth {depth})", insn.offset)
            self.set_depth(st, depth)
            return [(st, nxt)]
        size = insn.size
        a = self.read(st, insn, dst, size, signed=(size == 8))
        b = self.read(st, insn, src, size, signed=(size == 8))
        v = None
        if a is not None and b is not None and size in (4, 8):
            v = self.exact(st, insn, a + b * sign, "s", size)
        self.write_dst(st, insn, dst, size, v)
        return [(st, nxt)]

    def op_cmp(self, st, insn, nxt):
        a, b = insn.operands
        size = insn.size
        sa = self.read(st, insn, a, size, True)
        sb = self.read(st, insn, b, size, True)
        ua = self.read(st, insn, a, size, False) if not isinstance(a, Mem) else None
        ub = self.read(st, insn, b, size, False) if not isinstance(b, Mem) else None
        st.flags = ("cmp", sa, sb, ua, ub)
        return [(st, nxt)]

    def op_test(self, st, insn, nxt):
        a, b = insn.operands
        st.flags = None
        if isinstance(a, Reg) and isinstance(b, Reg) and a.num == b.num:
            st.flags = ("test", self.read(st, insn, a, insn.size, True),
                        self.read(st, insn, a, insn.size, False))
        elif isinstance(a, Mem) or isinstance(b, Mem):
            self.read(st, insn, a if isinstance(a, Mem) else b, insn.size, True)
        return [(st, nxt)]

    def bitwise(self, st, insn, nxt, op: str):
        dst, src = insn.operands
        size = insn.size
        st.flags = None
        if isinstance(dst, Reg) and isinstance(src, Reg) and dst.num == src.num and op == "xor":
            self.write_dst(st, insn, dst, size, const(0))
            return [(st, nxt)]
        self.read(st, insn, dst, size, True)        # memory operands must be accessible
        self.read(st, insn, src, size, True)
        if op == "and" and isinstance(src, Imm) and src.value >= 0:
            v = var(f"%and.{insn.offset:x}")
            for f in between(v, 0, src.value):
                st.add_fact(f)
        else:
            v = self.fresh(st, insn, "b", size, size == 8) if size >= 4 else None
            if size == 4:
                v = self.fresh(st, insn, "b", 4, False)
        self.write_dst(st, insn, dst, size, v)
        return [(st, nxt)]

    def op_and(self, st, insn, nxt):
        return self.bitwise(st, insn, nxt, "and")

    def op_or(self, st, insn, nxt):
        return self.bitwise(st, insn, nxt, "or")

    def op_xor(self, st, insn, nxt):
        return self.bitwise(st, insn, nxt, "xor")

    def op_imul(self, st, insn, nxt):
        size = insn.size
        st.flags = None
        if len(insn.operands) == 3:
            dst, src, imm = insn.operands
            a, b = self.read(st, insn, src, size, size == 8), const(imm.value)
        else:
            dst, src = insn.operands
            a, b = self.read(st, insn, dst, size, size == 8), self.read(st, insn, src, size, size == 8)
        v = self.exact(st, insn, a * b, "p", size) if a is not None and b is not None else None
        self.set_reg(st, insn, dst.num, size, v if v is not None else self.fresh(st, insn, "p", size, size == 8))
        return [(st, nxt)]

    def op_neg(self, st, insn, nxt):
        (dst,) = insn.operands
        st.flags = None
        a = self.read(st, insn, dst, insn.size, insn.size == 8)
        v = self.exact(st, insn, -a, "n", insn.size) if a is not None else None
        self.write_dst(st, insn, dst, insn.size, v)
        return [(st, nxt)]

    def op_not(self, st, insn, nxt):
        (dst,) = insn.operands
        a = self.read(st, insn, dst, insn.size, insn.size == 8)
        v = None
        if a is not None and insn.size == 8:
            v = -a - const(1)
        elif a is not None and insn.size == 4:
            v = self.exact(st, insn, const((1 << 32) - 1) - a, "n", 4)
        self.write_dst(st, insn, dst, insn.size, v)
        return [(st, nxt)]

    def shift(self, st, insn, nxt, kind: str):
        dst, count = insn.operands
        size = insn.size
        st.flags = None
        a = self.read(st, insn, dst, size, kind != "shr")
        v = None
        if isinstance(count, Imm) and a is not None and size == 8:
            k = count.value & 63
            if kind == "shl":
                v = self.exact(st, insn, a * (1 << k), "h", 8)
            else:
                # floor(a / 2^k) as a fresh q with 2^k*q <= a <= 2^k*q + 2^k - 1.
                q = self.fresh(st, insn, "h", 8, True)
                st.add_fact(ge0(a - q * (1 << k)))
                st.add_fact(ge0(q * (1 << k) + const((1 << k) - 1) - a))
                v = q
        if v is None:
            v = self.fresh(st, insn, "h", 8 if size == 8 else 4, size == 8) if size >= 4 else None
        self.write_dst(st, insn, dst, size, v)
        return [(st, nxt)]

    def op_shl(self, st, insn, nxt):
        return self.shift(st, insn, nxt, "shl")

    def op_sar(self, st, insn, nxt):
        return self.shift(st, insn, nxt, "sar")

    def op_shr(self, st, insn, nxt):
        return self.shift(st, insn, nxt, "shr")

    def op_cqo(self, st, insn, nxt):
        a = st.regs[RAX]
        if a is not None and self.in_range(st, a, 0, MAX64):
            st.regs[RDX] = const(0)
        else:
            v = var(f"%cqo.{insn.offset:x}")
            for f in between(v, -1, 0):
                st.add_fact(f)
            st.regs[RDX] = v
        return [(st, nxt)]

    def op_cdq(self, st, insn, nxt):
        st.regs[RDX] = self.fresh(st, insn, "d", 4, False)
        return [(st, nxt)]

    def divide(self, st, insn, nxt, signed: bool):
        (src,) = insn.operands
        if insn.size != 8:
            raise Reject("DIV: only 64-bit division is allowed", insn.offset)
        if signed and st.last != "cqo":
            raise Reject("DIV: idiv must directly follow cqo", insn.offset)
        if not signed and st.regs[RDX] != const(0):
            raise Reject("DIV: div needs rdx = 0 (xor edx, edx before it)", insn.offset)
        d = self.read(st, insn, src, 8, True)
        if d is None:
            raise Reject("DIV: the divisor is unknown", insn.offset)
        dividend = st.regs[RAX] if signed else None
        if signed and dividend is None:
            raise Reject("DIV: the dividend is unknown", insn.offset)
        self.oblige(st, "divisor", insn, None, f"{d} != 0" + (f" and not ({dividend} = MIN and {d} = -1)" if signed else ""),
                    access=(d, dividend))
        a = dividend if signed else self.view(st, st.regs[RAX], 8, False)
        q = self.fresh(st, insn, "q")
        st.regs[RAX], st.regs[RDX] = q, self.fresh(st, insn, "r")
        st.flags = None
        if not (d.is_const() and d.constant >= 1) or a is None:
            return [(st, nxt)]
        # A constant divisor k >= 1: the remainder is a - k*q exactly, with 0 <= r <= k-1
        # when a >= 0 (div: a is unsigned) and -(k-1) <= r <= 0 when a < 0 (idiv truncates
        # toward zero); when the sign of a is not known, the path splits on it.
        k = d.constant
        rem = a - const(k) * q
        nonneg = (ge0(a), ge0(rem), ge0(const(k - 1) - rem))
        negative = (ge0(-a - const(1)), ge0(-rem), ge0(const(k - 1) + rem))
        b = interval(a, st.bounds)
        if not signed or (b is not None and b[0] >= 0):
            cases = [nonneg]
        elif b is not None and b[1] < 0:
            cases = [negative]
        else:
            cases = [nonneg, negative]
        out = []
        for facts in cases:
            s2 = st.copy() if len(cases) > 1 else st
            for f in facts:
                s2.add_fact(f)
            s2.regs[RDX] = rem
            out.append((s2, nxt))
        return out

    def op_idiv(self, st, insn, nxt):
        return self.divide(st, insn, nxt, True)

    def op_div(self, st, insn, nxt):
        return self.divide(st, insn, nxt, False)

    def op_setcc(self, st, insn, nxt):
        (dst,) = insn.operands
        self.write_dst(st, insn, dst, 1, None)
        return [(st, nxt)]

    def op_cmovcc(self, st, insn, nxt):
        dst, src = insn.operands
        self.read(st, insn, src, insn.size, True)
        self.set_reg(st, insn, dst.num, insn.size,
                     self.fresh(st, insn, "c", insn.size, insn.size == 8) if insn.size >= 4 else None)
        return [(st, nxt)]

    def op_push(self, st, insn, nxt):
        (r,) = insn.operands
        value = self.reg(st, r.num)
        off = -st.depth - 8
        st.depth += 8
        self.frame_access(st, insn, off, 8, True)
        self.invalidate(st, off, 8)
        if value is not None:
            st.slots[off] = (8, value)
        return [(st, nxt)]

    def op_pop(self, st, insn, nxt):
        (r,) = insn.operands
        off = -st.depth
        if st.depth < 8:
            raise Reject("STACK: pop above the entry rsp", insn.offset)
        self.frame_access(st, insn, off, 8, False)
        value = st.slots[off][1] if off in st.slots and st.slots[off][0] == 8 else self.fresh(st, insn, "v")
        self.set_depth(st, st.depth - 8)
        self.set_reg(st, insn, r.num, 8, value)
        return [(st, nxt)]

    # -- control flow --------------------------------------------------------------------
    def op_jmp(self, st, insn, nxt):
        return [(st, insn.target)]

    def op_jcc(self, st, insn, nxt):
        out = []
        for holds, target in ((True, insn.target), (False, nxt)):
            for facts in self.condition(st, insn.cc, holds):
                succ = st.copy()
                for f in facts:
                    succ.add_fact(f)
                out.append((succ, target))
        return out

    def condition(self, st: State, cc: str, holds: bool) -> list[list[Fact]]:
        """The cases a jcc on `cc` splits into when the branch is taken (holds) or not, each
        a list of facts: one case, or two for a disequality `d != 0` whose sign is unknown
        (`d >= 1` or `d <= -1`). Flags from anything but cmp/test teach nothing; unsigned
        conditions teach only about operands proven non-negative (then unsigned and signed
        order agree)."""
        facts = self.condition_facts(st, cc, holds)
        return facts if facts and isinstance(facts[0], list) else [facts]

    def condition_facts(self, st: State, cc: str, holds: bool):
        if st.flags is None:
            return []
        if not holds:
            cc = {"e": "ne", "ne": "e", "l": "ge", "ge": "l", "le": "g", "g": "le",
                  "b": "ae", "ae": "b", "be": "a", "a": "be", "s": "ns", "ns": "s"}.get(cc)
            if cc is None:
                return []
        if st.flags[0] == "cmp":
            _, sa, sb, ua, ub = st.flags
            if cc in ("b", "ae", "be", "a"):
                if ua is None or ub is None or not (self.in_range(st, ua, 0, MAX64)
                                                      and self.in_range(st, ub, 0, MAX64)):
                    return []
                sa, sb, cc = ua, ub, {"b": "l", "ae": "ge", "be": "le", "a": "g"}[cc]
            if sa is None or sb is None:
                return []
            d = sa - sb
        else:
            _, sa, ua = st.flags
            if cc in ("b", "ae", "be", "a"):
                cc = {"b": "never", "ae": "always", "be": "e", "a": "ne"}[cc]
            d = sa if sa is not None else ua
            if d is None or (cc in ("l", "ge", "le", "g", "s", "ns") and sa is None):
                return []
            cc = {"s": "l", "ns": "ge"}.get(cc, cc)
        if cc == "never":
            return [ge0(const(-1))]
        if cc == "always":
            return []
        if cc == "e":
            return [Fact(d, "==")]
        if cc == "ne":
            b = interval(d, st.bounds)
            if b is not None and b[0] >= 0:
                return [ge0(d - const(1))]
            if b is not None and b[1] <= 0:
                return [ge0(-d - const(1))]
            return [[ge0(d - const(1))], [ge0(-d - const(1))]]
        rel = {"l": ge0(-d - const(1)), "ge": ge0(d), "le": ge0(-d), "g": ge0(d - const(1))}
        return [rel[cc]] if cc in rel else []       # o, no, p, np (and s, ns after cmp): nothing

    def op_call(self, st, insn, nxt):
        callee = self.mod.entries.get(insn.target)
        if callee is None:
            raise Reject(f"CALL: 0x{insn.target:x} is not the entry of a function", insn.offset)
        return self.call(st, insn, nxt, callee.contract, callee.name, False)

    def op_call_import(self, st, insn, nxt):
        name = self.mod.imports.get(insn.rip_target)
        if name is None:
            raise Reject("CALL: indirect call through something other than an import slot", insn.offset)
        contract = self.mod.host.get(name)
        if contract is None:
            raise Reject(f"CALL: no contract for import {name}", insn.offset)
        return self.call(st, insn, nxt, contract, name, name.startswith("__certa_"))

    def call(self, st: State, insn: Insn, nxt: int, c: Contract, name: str, service: bool):
        if insn.offset in self.fn.allocs and name != "__certa_alloc":
            raise Reject("MEMORY: only fresh allocations (__certa_alloc) can be typed", insn.offset)
        if c.returns:                       # the callee may be lent the typed frame areas
            self.make_ready(st, insn)       # (one that never returns ends the path: trap, exit)
        if st.depth % 16 != 8:
            raise Reject(f"STACK: rsp is not 16-byte aligned at a call (depth {st.depth})", insn.offset)
        # The call pushes the return address just below rsp: it must stay within a page of
        # what is already known to be mapped (the guard page cannot be skipped).
        ret_slot = -st.depth - 8
        if ret_slot < st.low - PAGE:
            raise Reject(f"STACK: the call's push at S{ret_slot:+d} skips the guard page", insn.offset)
        # A host service uses no module stack beyond the return address (its stub switches
        # to the host stack); a function starts with S >= L, so the caller must know that.
        if service:
            self.within_limit(st, insn, ret_slot)
        elif -ret_slot > st.room:
            raise Reject(f"STACK: the call of {name} at depth {st.depth} needs the stack limit checked "
                         f"for {-ret_slot} bytes (checked: {st.room})", insn.offset)
        self.touch(st, ret_slot)
        theta = {}
        nstack = max(0, len(c.params) - 6)
        if st.depth < 8 * nstack:
            raise Reject(f"CALL: the stack arguments of {name} are not inside the caller's frame", insn.offset)
        for lo, hi, _ in self.fn.areas:     # the callee treats its stack arguments as fixed
            if nstack and lo < -st.depth + 8 * nstack and -st.depth < hi:
                raise Reject(f"CALL: a frame area overlaps the stack arguments of {name}", insn.offset)
        for i, (pname, size, signed) in enumerate(c.params):
            if i < 6:
                t = st.regs[ARG_REGS[i]]
            else:
                slot = st.slots.get(-st.depth + 8 * (i - 6))
                t = slot[1] if slot and slot[0] == 8 else None
            if t is None:
                raise Reject(f"CALL: argument {i + 1} ({pname}) of {name} is unknown", insn.offset)
            lo, hi = width_range(size, signed)
            if size < 8 and not self.in_range(st, t, lo, hi):
                self.oblige(st, "call", insn, ge0(t - const(lo)), f"argument {pname} = {t} >= {lo}")
                self.oblige(st, "call", insn, ge0(const(hi) - t), f"argument {pname} = {t} <= {hi}")
            theta[pname] = t
        for f in c.pre:
            g = Fact(substitute(f.poly, theta), f.kind)
            self.oblige(st, "call", insn, g, f"precondition of {name}: {g}")
        for r in c.pre_regions:
            want = Region(r.name, substitute(r.base, theta), substitute(r.length, theta), r.writable,
                          r.nullable, r.type, r.block)
            self.oblige(st, "region", insn, None, f"precondition of {name}: region {want.base} .. +{want.length}",
                        self.live_regions(st), (want, self.mod.types[want.type].size))
        if not c.returns:
            return []
        for r in CALLER_SAVED:
            st.regs[r] = None
        st.flags = None
        for lo, hi, _ in self.fn.areas:       # the callee may have written what we lent it
            self.invalidate(st, lo, hi - lo)
        size, signed = c.ret
        res = self.fresh(st, insn, "ret", size, signed) if size else None
        if c.ret_region is not None:
            # The callee proved [r10, r11) is memory it could reach (or empty) and that
            # 0 <= r10 <= r11 <= top of user space; with ret_block, that the result is r10
            # and null or the start of a block of that type, of length r11 - r10.
            rb = res if c.ret_block else var(f"%rb.{insn.offset:x}")
            re = var(f"%re.{insn.offset:x}")
            st.regs[R10], st.regs[R11] = rb, re
            for f in bounds_facts(rb, re):
                st.add_fact(f)
            if c.ret_block:
                st.regions.append(Region(f"ret@{insn.offset:x}", rb, re - rb, c.ret_region, True,
                                         c.ret_block, True))
            else:
                # The callee may return memory it was lent, and that may be one of our
                # frame areas: then the result lives only as long as that area (RETURN).
                live = self.live_regions(st)
                lent = [(r.base - var("S")).constant for r in live if r.name.startswith("frame[")]
                lent += [r.until for r in live if r.until is not None]
                st.regions.append(Region(f"ret@{insn.offset:x}", rb, re - rb, c.ret_region,
                                         until=min(lent) if lent else None))
        if size:
            theta["result"] = res
            st.regs[RAX] = res
            for f in c.post:
                st.add_fact(Fact(substitute(f.poly, theta), f.kind))
            for r in c.post_regions:
                rtype = r.type
                if insn.offset in self.fn.allocs:
                    rtype = self.fn.allocs[insn.offset]
                    if rtype != "bytes":      # a typed block holds at least one element
                        n = substitute(r.length, theta)
                        self.oblige(st, "alloc", insn, ge0(n - const(self.mod.types[rtype].size)),
                                    f"a block of type {rtype} holds a whole element: {n} >= "
                                    f"{self.mod.types[rtype].size}")
                st.regions.append(Region(f"{r.name}@{insn.offset:x}", substitute(r.base, theta),
                                         substitute(r.length, theta), r.writable, r.nullable,
                                         rtype, r.block))
        return [(st, nxt)]

    def op_ret(self, st, insn, nxt):
        if st.depth != 0:
            raise Reject(f"STACK: rsp is not restored at ret (depth {st.depth})", insn.offset)
        for r in CALLEE_SAVED:
            if st.regs[r] != var(f"cs_{REG_NAMES[r]}"):
                raise Reject(f"ABI: callee-saved register {REG_NAMES[r]} is not restored at ret", insn.offset)
        c = self.fn.contract
        size, signed = c.ret
        if size:
            t = self.view(st, st.regs[RAX], 8, True) if st.regs[RAX] is not None else None
            if t is None:
                raise Reject("RETURN: the return value is unknown", insn.offset)
            lo, hi = width_range(size, signed)
            if size < 8 and not self.in_range(st, t, lo, hi):
                self.oblige(st, "return", insn, ge0(t - const(lo)), f"return value {t} >= {lo}")
                self.oblige(st, "return", insn, ge0(const(hi) - t), f"return value {t} <= {hi}")
            if c.ret_region is not None:
                base, end = st.regs[R10], st.regs[R11]
                if base is None or end is None:
                    raise Reject("RETURN: the bounds of the returned pointer (r10, r11) are unknown",
                                 insn.offset)
                for f in bounds_facts(base, end):
                    self.oblige(st, "return", insn, f, f"bounds of the returned pointer: {f}")
                if c.ret_block:
                    self.oblige(st, "return", insn, Fact(t - base, "=="),
                                f"the returned pointer {t} is its base {base}")
                    want = Region("result", base, end - base, c.ret_region, True, c.ret_block, True)
                else:
                    want = Region("result", base, end - base, c.ret_region)
                self.oblige(st, "region", insn, None, f"returned region {base} .. {end}",
                            self.lasting_regions(st), (want, 1))
            params = {p: var(p) for p, _, _ in c.params}
            for f in c.post:
                g = Fact(substitute(f.poly, {**params, "result": t}), f.kind)
                self.oblige(st, "return", insn, g, f"postcondition: {g}")
        return []

    # -- arriving at a cut point -----------------------------------------------------------
    def entry_vars(self) -> set:
        return {"S", "M", "L"} | {p for p, _, _ in self.fn.contract.params} | \
               {f"cs_{REG_NAMES[r]}" for r in CALLEE_SAVED}

    def arrive(self, st: State, pc: int) -> None:
        a: Assertion = self.fn.cuts[pc]
        insn = self.code[pc]
        if st.depth != a.depth:
            raise Reject(f"CUT: rsp depth {st.depth} differs from the assertion's {a.depth}", pc)
        if st.low > -a.depth:
            raise Reject("STACK: the frame is not probed down to rsp at a cut point", pc)
        self.make_ready(st, insn)           # paths from a cut point start `ready`
        regs = dict(a.regs)
        for r in CALLEE_SAVED:
            regs.setdefault(r, var(f"cs_{REG_NAMES[r]}"))
        theta: dict[str, Poly] = {}
        fixed = self.entry_vars()
        for r, t in regs.items():
            name, known = binder(t, fixed)
            if name is not None:
                if st.regs[r] is None:
                    raise Reject(f"CUT: {REG_NAMES[r]} is unknown but the assertion names it {name}", pc)
                theta.setdefault(name, st.regs[r] - known)
        for off, (size, t) in a.slots.items():
            name, known = binder(t, fixed)
            if name is not None:
                cur = st.slots.get(off)
                if cur is None or cur[0] != size:
                    raise Reject(f"CUT: frame slot S{off:+d} is unknown but the assertion names it {name}", pc)
                theta.setdefault(name, cur[1] - known)
        def inst(p: Poly) -> Poly:
            for v in p.variables():
                if v not in fixed and v not in theta:
                    raise Reject(f"CUT: variable {v} of the assertion at 0x{pc:x} is not bound "
                                 "by a register or frame slot", pc)
            return substitute(p, theta)
        for r, t in regs.items():
            want = inst(t)
            have = st.regs[r]
            if have is None:
                raise Reject(f"CUT: {REG_NAMES[r]} is unknown at the cut point", pc)
            if have != want:
                self.oblige(st, "assert", insn, Fact(have - want, "=="), f"{REG_NAMES[r]} = {want}")
        for off, (size, t) in a.slots.items():
            want = inst(t)
            cur = st.slots.get(off)
            if cur is None or cur[0] != size:
                raise Reject(f"CUT: frame slot S{off:+d} is unknown at the cut point", pc)
            if cur[1] != want:
                self.oblige(st, "assert", insn, Fact(cur[1] - want, "=="), f"slot S{off:+d} = {want}")
        for f in a.facts:
            g = Fact(inst(f.poly), f.kind)
            self.oblige(st, "assert", insn, g, f"invariant {g}")
        for r in a.regions:
            want = Region(r.name, inst(r.base), inst(r.length), r.writable, r.nullable, r.type, r.block)
            # Frame memory is described only by the frame areas, never by a cut region.
            self.oblige(st, "region", insn, None, f"region {want.name}: {want.base} .. +{want.length}",
                        self.lasting_regions(st), (want, self.mod.types[want.type].size))
