"""x86-64 machine code, data sections and symbols from the typed AST.

What this pass produces: a `ModuleImage` (certa/kernel/modfile.py) holding the code of every
function, the module's data, its symbols, line table and interface. The code generator is
deliberately simple (every value lives in a frame slot; expressions are computed in rax with
rcx/rdx/r8 as scratch), in a shape a register allocator can replace later:

* Frame: on entry `sub rsp, F` once, where F ≡ 8 (mod 16) so that every call site has
  rsp ≡ 0 (mod 16); nothing else ever changes rsp until `add rsp, F; ret`. From rsp upward:
  the outgoing stack-argument area, the locals (parameters first), then expression temporaries.
  So rsp is the entry rsp minus a constant at every instruction (DESIGN §3).
* Stack limit: a function that calls a function (of this module or another), or whose frame
  is larger than the kernel's margin, first checks `rsp - (F + 8) >= limit` (the
  `__certa_stack_limit` slot) and traps with kind "stack" otherwise (DESIGN §9.9), so deep
  recursion ends in a clean trap.
* Values: a value of C type T is held in a 64-bit register in canonical form: sign-extended
  if T is signed, zero-extended if unsigned. Narrow results are re-extended after every
  operation, which makes wrap-around behave as C says for unsigned types.
* Only caller-saved registers are used, so there is nothing to save.
* Calls inside the module are `call rel32`; host services are `call [rip + import slot]`.
* Data is reached rip-relatively, so `.text` has no relocations.

Untrusted: a mistake here yields a module the kernel rejects or a failing differential test.
"""
from __future__ import annotations

import json
from dataclasses import dataclass

from certa.compiler import tast as T
from certa.compiler.memtypes import MemTypes
from certa.compiler.ctype import (
    BOOL, INT, LONG, ArrayType, CType, IntType, PointerType, StructType, VoidType, iface_name)
from certa.compiler.x86 import (
    ARG_REGS, NEGATE, R8, R9, R10, R11, RAX, RCX, RDI, RDX, RSI, RSP, Asm, Label, Mem, RipRef, fits32)
from certa.kernel.modfile import ModuleImage, Relocation, Symbol, layout
from certa.kernel.symexec import LIMIT_SLOT, STACK_MARGIN

# Host services that take a buffer: (pointer argument, length argument). The call checks at
# run time that the buffer lies inside the pointer's bounds (the kernel's contract asks for it).
HOST_BUFFERS = {"__certa_write": (0, 1), "__certa_file_open": (0, 1), "__certa_file_read": (1, 2)}

TRAP_BOUNDS, TRAP_DIVIDE, TRAP_STACK = 1, 3, 5      # kinds for __certa_trap (see certa/runtime)
# Run-time checks (array bounds, divisors). Always on for users; bench/kernel.py turns them
# off in-process only to measure what they cost (such modules do not pass the kernel).
RUNTIME_CHECKS = True
JOIN_PATHS = 16         # a join gets a cut point once this many paths may reach it
SIGNED_CC = {"==": "e", "!=": "ne", "<": "l", "<=": "le", ">": "g", ">=": "ge"}
UNSIGNED_CC = {"==": "e", "!=": "ne", "<": "b", "<=": "be", ">": "a", ">=": "ae"}


MAX63 = (1 << 63) - 1
# The bounds of a pointer nothing vouches for: every address a real pointer can have (so
# its checks pass and the program runs as C says) and a region no kernel rule can cover.
UNKNOWN = (1, MAX63)
FAT_PREFIX = "__certa_fat_"     # the fat-ABI body of an exported function with pointer parameters


def is_pointer(t: CType) -> bool:
    return isinstance(t, PointerType)


def pointer_params(f: T.Function) -> list[int]:
    """Indices of f's pointer parameters: each gets two hidden arguments (base, end)."""
    return [i for i, v in enumerate(f.params) if is_pointer(v.type)]


def call_arity(c: T.Call) -> int:
    """Registers and stack words a call passes: the C arguments, then (base, end) for each
    pointer parameter of a function of the module."""
    return len(c.args) + (2 * len(pointer_params(c.func)) if c.func.body is not None else 0)


def main_with_argv(f: T.Function) -> bool:
    """int main(int argc, char **argv): the runtime passes a real argv."""
    return (f.name == "main" and len(f.params) == 2 and is_pointer(f.params[1].type)
            and is_pointer(f.params[1].type.target))


def needs_wrapper(f: T.Function) -> bool:
    """An exported function with pointer parameters is entered from outside through a
    wrapper with the plain C signature, which passes empty bounds (the runtime passes only
    NULL pointers); calls inside the module go to the fat body directly."""
    return not f.static and not f.library and bool(pointer_params(f))


def is_signed(t: CType) -> bool:
    return isinstance(t, IntType) and t.signed


def align_up(n: int, a: int) -> int:
    return (n + a - 1) // a * a


def log2(n: int) -> int | None:
    return n.bit_length() - 1 if n > 0 and n & (n - 1) == 0 else None


class DataLayout:
    """Where every global and string literal lives, and the bytes of .rodata/.data.

    Every object in .rodata/.data is a *block*: the 16 bytes before it hold its size and 0
    (the header the kernel reads to bound a pointer to it that was stored in memory).
    Globals that hold pointers live in .data (zero-initialised or not) and are typed."""

    def __init__(self, memtypes: MemTypes | None = None, need_header: set | None = None):
        self.memtypes = memtypes or MemTypes()
        self.need_header = need_header or set()     # id(GlobalVar): not in .bss
        self.object_types: dict[str, str] = {}           # typed globals -> memory type
        self.rodata = bytearray()
        self.data = bytearray()
        self.bss_size = 0
        self.place: dict[int, tuple[str, int]] = {}     # id(GlobalVar) -> (section, offset)
        self.strings: dict[bytes, int] = {}              # literal -> .rodata offset
        self.relocations: list[Relocation] = []
        self.symbols: list[Symbol] = []

    def string(self, data: bytes) -> int:
        """The .rodata offset of a string literal; each distinct literal is an object of its
        own (a symbol, so the kernel has a region for it and objdump names it)."""
        off = self.strings.get(data)
        if off is None:
            off = self.header(self.rodata, len(data), 1)
            self.rodata += data
            self.strings[data] = off
            self.symbols.append(Symbol(f".str.{len(self.strings) - 1}", ".rodata", off, len(data),
                                       "object", False))
        return off

    @staticmethod
    def header(buf: bytearray, size: int, align: int) -> int:
        """Append a block header for an object of `size` bytes aligned to `align` (at least
        8); returns the object's offset."""
        align = max(align, 8)
        buf += bytes(align_up(len(buf) + 16, align) - 16 - len(buf))
        buf += size.to_bytes(8, "little") + bytes(8)
        return len(buf)

    def add_global(self, g: T.GlobalVar) -> None:
        t = g.type
        align = max(t.align, 16 if t.size >= 16 else 1)
        mtype = self.memtypes.name(t)
        if mtype != "bytes":
            self.object_types[g.name] = mtype
        zero = g.init is None or (not g.init.addrs and not any(v for _, _, v in g.init.values))
        if zero and mtype == "bytes" and id(g) not in self.need_header:
            if g.readonly:
                section, buf = ".rodata", self.rodata
            else:
                self.bss_size = align_up(self.bss_size, align)
                self.place[id(g)] = (".bss", self.bss_size)
                self.symbols.append(Symbol(g.name, ".bss", self.bss_size, max(t.size, 1), "object", False))
                self.bss_size += max(t.size, 1)
                return
        else:
            section, buf = (".rodata", self.rodata) if g.readonly else (".data", self.data)
        off = self.header(buf, max(t.size, 1), align)
        buf += bytes(max(t.size, 1))
        self.place[id(g)] = (section, off)
        self.symbols.append(Symbol(g.name, section, off, max(t.size, 1), "object", False))

    def fill(self, g: T.GlobalVar) -> None:
        if g.init is None:
            return
        section, off = self.place[id(g)]
        if section == ".bss":
            return
        buf = self.rodata if section == ".rodata" else self.data
        for o, size, value in g.init.values:
            buf[off + o:off + o + size] = value.to_bytes(size, "little")
        for o, target, addend in g.init.addrs:
            if isinstance(target, T.StrLit):
                tsec, toff = ".rodata", self.string(target.data)
            else:
                tsec, toff = self.place[id(target)]
            self.relocations.append(Relocation(section, off + o, tsec, toff + addend))


class FunctionGen:
    """Machine code for one function. Run twice: once to measure the temporaries, once for
    real with the final frame size."""

    def __init__(self, asm: Asm, f: T.Function, mod: "ModuleGen", temp_slots: int):
        self.asm, self.f, self.mod = asm, f, mod
        self.lines = mod.lines
        out_args = max([max(0, call_arity(c) - 6) for c in calls_in(f.body)] + [0])
        self.locals_base = 8 * out_args
        offset = 0
        for v in f.params + f.locals:
            offset = align_up(offset, max(v.type.align, 1))
            v.offset = self.locals_base + offset
            offset += max(v.type.size, 1)
        # Every pointer variable carries its bounds (base, end) in two words of its own,
        # unless its address is taken: then it may change through memory, and like any
        # pointer read from memory it has unknown bounds.
        self.bounds: dict[int, int] = {}
        self.typed = typed_frame_objects(f, mod.memtypes, mod.blocks)
        taken = address_taken(f)
        for v in f.params + f.locals:
            if is_pointer(v.type) and id(v) not in taken:
                offset = align_up(offset, 8)
                self.bounds[id(v)] = self.locals_base + offset
                offset += 16
        self.temp_base = align_up(self.locals_base + offset, 8)
        self.temps = 0
        self.max_temps = 0
        self.frame = align_up(self.temp_base + 8 * temp_slots, 16) + 8
        self.loop_stack: list[tuple[Label, Label | None]] = []   # (break, continue)
        self.cut_labels: list[Label] = []                          # loop headers
        self.cut_facts: dict[int, list] = {}       # id(label) -> [(LocalVar, lo, hi)]
        self.cut_annots: dict[int, object] = {}    # id(label) -> T.LoopSpec | T.AnnotStmt | None
        self.cut_context: dict[int, list] = {}     # id(label) -> the loops around it, outermost first
        self.enclosing: list = []                  # the loops around the current statement
        # In a function with annotations, accesses through pointers and array indexing are
        # left unchecked first; the pipeline puts checks back on the lines where the kernel
        # cannot prove them (ModuleGen.keep).
        self.elide = f.name in mod.elide and not f.library
        self.counted: dict[int, tuple] = {}        # counters of the enclosing counted loops
        self.case_labels: dict[int, Label] = {}
        self.fill_loops: dict[int, tuple] = {}     # id(label) -> (rsp offset, words)
        self.last_line = -1

    # -- bookkeeping ---------------------------------------------------------------
    def add_cut(self, label: Label) -> None:
        """A cut point; remembers the loops around it (certgen offers their invariants and
        conditions as candidate facts there)."""
        self.cut_labels.append(label)
        self.cut_context[id(label)] = list(self.enclosing)

    def line(self, n: int) -> None:
        if self.f.library:
            n = 0
        if n != self.last_line and (n or self.last_line == -1):
            self.lines.append((self.asm.here(), n))
            self.last_line = n

    def push_temp(self) -> Mem:
        m = Mem(RSP, self.temp_base + 8 * self.temps)
        self.temps += 1
        self.max_temps = max(self.max_temps, self.temps)
        return m

    def pop_temp(self) -> None:
        self.temps -= 1

    def local_mem(self, v: T.LocalVar, extra: int = 0) -> Mem:
        return Mem(RSP, v.offset + extra)

    # -- bounds of pointer values -------------------------------------------------------
    # A pointer value computed into rax has its bounds [base, end) in r10/r11: the memory
    # it may reach. Pointer variables keep theirs in their two bound words; a pointer read
    # from memory has none the compiler can vouch for, so it gets (1, 2^63-1): every
    # run-time check passes and the kernel can prove nothing through it.
    def bounds_zero(self) -> None:
        self.asm.mov_imm(R10, 0)
        self.asm.mov_imm(R11, 0)

    def bounds_unknown(self) -> None:
        self.asm.mov_imm(R10, UNKNOWN[0])
        self.asm.mov_imm(R11, UNKNOWN[1])

    def bounds_load(self, v: T.LocalVar) -> None:
        self.asm.load(R10, Mem(RSP, self.bounds[id(v)]), 8)
        self.asm.load(R11, Mem(RSP, self.bounds[id(v)] + 8), 8)

    def bounds_store(self, v: T.LocalVar, value: T.Expr | None = None) -> None:
        """Store r10/r11 as v's bounds. When `value` (just assigned to v) is null or a block
        start but v is not (it moves, say), null gets the bounds (0, 0): then they are empty,
        and otherwise the block, known not null, covers them (as for arguments, call())."""
        blocks = self.mod.blocks
        if value is not None and blocks.blockish(value) and not blocks.blockish(T.Local(v, v.type)):
            ok = self.asm.label()
            self.asm.test_rr(R10, R10)
            self.asm.jcc("ne", ok)
            self.asm.mov_rr(R11, R10)
            self.asm.bind(ok)
        self.asm.store(Mem(RSP, self.bounds[id(v)]), R10, 8)
        self.asm.store(Mem(RSP, self.bounds[id(v)] + 8), R11, 8)

    def bounds_of_object(self, root: T.Expr) -> None:
        """r10/r11 := the start and end of the frame, global or string object `root`."""
        a = self.asm
        if isinstance(root, T.Local):
            size = max(root.var.type.size, 1)
            a.lea(R10, self.local_mem(root.var))
            a.lea(R11, self.local_mem(root.var, size))
            return
        if isinstance(root, T.GlobalRef):
            sec, off = self.mod.data.place[id(root.var)]
            size = max(root.var.type.size, 1)
        else:
            sec, off = ".rodata", self.mod.data.string(root.data)
            size = len(root.data)
        a.lea(R10, RipRef(sec, off))
        a.lea(R11, RipRef(sec, off + size))

    def simple_bounds(self, e: T.Expr, base: int, end: int) -> None:
        """The bounds of a simple pointer expression (a pointer variable, a null constant or
        a held printf argument) into two registers."""
        a = self.asm
        if isinstance(e, T.PrintfArg):
            values, held = self.printf_values
            if held[e.index] is not None:
                _, mb, me = held[e.index]
                a.load(base, mb, 8)
                a.load(end, me, 8)
                return
            e = values[e.index]
        if isinstance(e, T.Local) and id(e.var) in self.bounds:
            a.load(base, Mem(RSP, self.bounds[id(e.var)]), 8)
            a.load(end, Mem(RSP, self.bounds[id(e.var)] + 8), 8)
        elif isinstance(e, T.Local):        # address taken: unknown
            a.mov_imm(base, UNKNOWN[0])
            a.mov_imm(end, UNKNOWN[1])
        else:
            a.mov_imm(base, 0)
            a.mov_imm(end, 0)

    def spill_pointer(self) -> tuple:
        """Save rax, r10 and r11 in three temporaries."""
        ts = (self.push_temp(), self.push_temp(), self.push_temp())
        for t, r in zip(ts, (RAX, R10, R11)):
            self.asm.store(t, r, 8)
        return ts

    def check_access(self, m: Mem, size: int) -> Mem:
        """A run-time bounds check of a `size`-byte access at m (based on rax) against the
        bounds in r10/r11: base <= address <= end - size, or trap. The compare proves the
        access to the kernel, whatever the address term is."""
        a = self.asm
        if m.disp:
            a.lea(RAX, m)
        self.note_check(TRAP_BOUNDS)
        trap = self.trap_label(TRAP_BOUNDS)
        a.test_rr(R10, R10)             # a null pointer's bounds start at 0 (a maybe-null
        a.jcc("e", trap)                # block is usable only once its base is not 0)
        a.alu_rr("cmp", RAX, R10)
        a.jcc("l", trap)
        a.mov_rr(RCX, R11)
        a.alu_ri("sub", RCX, size)
        a.alu_rr("cmp", RAX, RCX)
        a.jcc("g", trap)
        return Mem(RAX, 0)

    # -- typed memory ---------------------------------------------------------------------
    def place(self, e: T.Expr):
        """(memory type, field offset within an element) of the memory lvalue e designates,
        or None when it is in the frame (never typed) or the offset is not constant."""
        mt = self.mod.memtypes
        if isinstance(e, T.Member):
            p = self.place(e.base)
            return None if p is None else (p[0], p[1] + e.offset)
        if isinstance(e, T.Local):
            return (self.typed[id(e.var)], 0) if id(e.var) in self.typed else None
        if isinstance(e, T.GlobalRef):
            return (mt.name(e.var.type), 0)
        if isinstance(e, T.StrLit):
            return ("bytes", 0)
        if isinstance(e, T.Deref):
            ptr = e.ptr
            if not known_array(ptr):
                return (mt.name(ptr.type.target), 0)      # an element of what p points to
            p = self.place(ptr.ptr.target)
            if p is None:
                return None
            tname, off = p
            if tname == "bytes":
                return p
            size = mt.layouts[tname]["size"]
            if off % size == 0 and ptr.scale % size == 0:
                return (tname, 0)                         # whole elements
            if isinstance(ptr.index, T.Const):
                return (tname, off + ptr.index.value * ptr.scale)
        return None

    def hint(self, e: T.Expr) -> None:
        """The next instruction accesses lvalue e: if e lies in typed memory, tell the kernel
        which field of which memory type (docs/kernel.md, field accesses)."""
        self.hint_place(self.place(e))

    def hint_place(self, p, extra: int = 0) -> None:
        """The next instruction accesses `extra` bytes into place p (see place())."""
        if self.asm is self.mod.asm and p is not None and p[0] != "bytes":
            self.mod.fields.setdefault(self.mod.body_labels[self.f.name].name, {})[self.asm.here()] = \
                (p[0], p[1] + extra)

    def typed_allocation(self, e: T.Convert):
        """The memory type of `(T *)malloc(n)` or `(T *)calloc(n, c)` when T holds pointers:
        such a block is allocated typed (the kernel types a fresh, zero-filled allocation
        once for life; typed_alloc rounds the size up to one element); else None (an
        ordinary, untyped allocation)."""
        call = e.operand
        if self.constant_alloc_size(call) is None and self.variable_alloc_size(call) is None:
            return None
        if not is_pointer(e.type) or "__certa_alloc" not in self.mod.import_slot:
            return None
        mtype = self.mod.memtypes.name(e.type.target)
        return None if mtype == "bytes" else mtype

    @staticmethod
    def constant_alloc_size(call: T.Expr) -> int | None:
        """The byte size of `malloc(c)` / `calloc(n, c)` with constant arguments (the product
        below 2^47: anything larger fails at run time anyway), else None."""
        if not (isinstance(call, T.Call) and all(isinstance(x, T.Const) for x in call.args)):
            return None
        if call.func.name == "malloc" and len(call.args) == 1:
            size = call.args[0].value
        elif call.func.name == "calloc" and len(call.args) == 2:
            size = call.args[0].value * call.args[1].value
        else:
            return None
        return size if 0 <= size < 1 << 47 else None

    @staticmethod
    def variable_alloc_size(call: T.Expr):
        """(n, c) for `malloc(n)` (c = 1) or `calloc(n, c)` / `calloc(c, n)` with c a
        positive constant and n not: the size is n * c. None for anything else."""
        if not isinstance(call, T.Call):
            return None
        if call.func.name == "malloc" and len(call.args) == 1:
            return call.args[0], 1
        if call.func.name == "calloc" and len(call.args) == 2:
            n, c = call.args
            if isinstance(n, T.Const):
                n, c = c, n
            if isinstance(c, T.Const) and 0 < c.value < 1 << 32:
                return n, c.value
        return None

    def typed_alloc(self, e: T.Convert) -> None:
        a = self.asm
        size = self.constant_alloc_size(e.operand)
        # A typed block holds at least one element (the kernel's obligation), so a smaller
        # size is rounded up to one element; a size of 2^63 or more (negative as a signed
        # word) becomes 2^47, which the allocator refuses (returns NULL) as C's malloc would.
        least = self.mod.memtypes.layouts[self.typed_allocation(e)]["size"]
        if size is not None:
            a.mov_imm(RDI, max(size, least))
        else:
            n, scale = self.variable_alloc_size(e.operand)
            self.expr(n)
            a.mov_rr(RDI, RAX)
            ok, small, huge = a.label(), a.label(), a.label()
            if scale > 1:                   # calloc: n * c, or 2^47 when that is larger
                a.test_rr(RDI, RDI)
                a.jcc("s", huge)
                a.mov_imm(RCX, (1 << 47) // scale)
                a.alu_rr("cmp", RDI, RCX)
                a.jcc("g", huge)
                a.imul_rri(RDI, RDI, scale)
            a.alu_ri("cmp", RDI, least)
            a.jcc("ge", ok)
            a.test_rr(RDI, RDI)
            a.jcc("ns", small)
            a.bind(huge)
            a.mov_imm(RDI, 1 << 47)
            a.jmp(ok)
            a.bind(small)
            a.mov_imm(RDI, least)
            a.bind(ok)
        self.line(e.operand.line or self.last_line)
        if self.asm is self.mod.asm:
            self.mod.allocs.setdefault(self.mod.body_labels[self.f.name].name, {})[a.here()] = \
                self.typed_allocation(e)
        a.call_import(self.mod.import_slot["__certa_alloc"])
        self.alloc_bounds()

    def loaded_pointer_bounds(self, e: T.Expr) -> None:
        """Bounds of a pointer just loaded from memory lvalue e: from typed memory it is null
        or the start of a block, so the block header gives its length; otherwise unknown."""
        p = self.place(e)
        if p is not None and p[0] != "bytes" and self.mod.blocks.ok:
            self.alloc_bounds()
        else:
            self.bounds_unknown()

    # -- function -------------------------------------------------------------------
    def gen(self, calls_out: bool = True) -> None:
        """The function's code. `calls_out`: whether it calls functions (measured by the
        first pass, which passes True and records what it emits in self.calls_out)."""
        a, f = self.asm, self.f
        self.traps: dict = {}
        self.calls_out = False
        self.line(f.line)
        self.room = self.frame + 8 if calls_out or self.frame + 8 > STACK_MARGIN else 0
        overflow = self.mod.stack_check(a, self.room) if self.room else None
        a.alu_ri("sub", RSP, self.frame)
        # Touch the frame a page at a time from the top, so a deep stack faults in the
        # guard page instead of skipping it (the kernel's STACK rule).
        depth = 4096
        while depth < self.frame:
            a.store_imm(Mem(RSP, self.frame - depth), 0, 8)
            depth += 4096
        a.store_imm(Mem(RSP, 0), 0, 8)
        for v in f.locals:
            if id(v) in self.typed:         # typed frame objects start with null pointers
                for off, _ in self.mod.memtypes.pointers(v.type):
                    a.store_imm(self.local_mem(v, off), 0, 8)
        for v in f.locals:
            if v.type.is_scalar():          # every scalar local starts known (zero)
                a.store_imm(self.local_mem(v), 0, v.type.size)
        for v in f.locals:
            if id(v) in self.bounds:        # a pointer local starts as NULL with empty bounds
                a.store_imm(Mem(RSP, self.bounds[id(v)]), 0, 8)
                a.store_imm(Mem(RSP, self.bounds[id(v)] + 8), 0, 8)
        incoming = [(self.local_mem(v), v.type.size) for v in f.params]
        for i in pointer_params(f):
            b = self.bounds.get(id(f.params[i]))
            incoming += [(Mem(RSP, b), 8), (Mem(RSP, b + 8), 8)] if b is not None else [None, None]
        # A parameter that is null or a block start (certgen's contract says base == p)
        # keeps p itself as its base: the kernel then sees one term for both.
        same = {len(f.params) + 2 * j: i for j, i in enumerate(pointer_params(f))
                if self.mod.blocks.value_is_base(f.params[i])}
        for i, target in enumerate(incoming):
            if target is None:
                continue
            m, size = target
            if i in same:
                src = same[i]
                if src < 6:
                    a.store(m, ARG_REGS[src], 8)
                else:
                    a.load(RAX, Mem(RSP, self.frame + 8 + 8 * (src - 6)), 8)
                    a.store(m, RAX, 8)
                continue
            if i < 6:
                a.store(m, ARG_REGS[i], size)
            else:
                a.load(RAX, Mem(RSP, self.frame + 8 + 8 * (i - 6)), 8)
                a.store(m, RAX, size)
        self.epilogue = a.label("epilogue")
        self.stmt(f.body)
        a.mov_imm(RAX, 0)        # falling off the end returns 0 (main's rule, harmless elsewhere)
        if is_pointer(f.type.ret):
            self.bounds_zero()
        a.bind(self.epilogue)
        a.alu_ri("add", RSP, self.frame)
        a.ret()
        self.emit_traps()
        if overflow is not None:
            self.mod.stack_trap(a, overflow, f.line)

    # -- statements -----------------------------------------------------------------
    def stmt(self, s: T.Stmt) -> None:
        a = self.asm
        if s.line:
            self.line(s.line)
        if isinstance(s, T.Block):
            paths = 1
            for sub in s.stmts:
                if paths > JOIN_PATHS and not isinstance(sub, T.CaseLabel):
                    self.join_point()
                    paths = 1
                self.stmt(sub)
                if isinstance(sub, (T.While, T.DoWhile, T.For)):
                    paths = 2 * (path_factor(sub.cond) if sub.cond is not None else 1)
                else:
                    paths = paths * path_factor(sub)
        elif isinstance(s, T.ExprStmt):
            self.expr(s.expr)
        elif isinstance(s, T.If):
            other, end = a.label(), a.label()
            self.branch(s.cond, other, False)
            self.stmt(s.then)
            if s.other is not None:
                a.jmp(end)
            a.bind(other)
            if s.other is not None:
                self.stmt(s.other)
                a.bind(end)
        elif isinstance(s, T.AnnotStmt):
            if self.mod.annots is not None:
                here = a.label()            # an assert is checked as a cut point's assertion
                a.bind(here)
                self.add_cut(here)
                self.cut_facts[id(here)] = list(self.counted.values())
                self.cut_annots[id(here)] = s
        elif isinstance(s, T.While):
            top, cond, end = a.label(), a.label(), a.label()
            self.cut_annots[id(cond)] = s.spec
            self.add_cut(cond)
            self.cut_facts[id(cond)] = list(self.counted.values())    # enclosing counters
            a.jmp(cond)
            a.bind(top)
            self.loop_stack.append((end, cond))
            self.enclosing.append(s)
            self.stmt(s.body)
            self.enclosing.pop()
            self.loop_stack.pop()
            a.bind(cond)
            self.branch(s.cond, top, True)
            a.bind(end)
        elif isinstance(s, T.DoWhile):
            top, cont, end = a.label(), a.label(), a.label()
            self.cut_annots[id(top)] = s.spec
            self.add_cut(top)
            self.cut_facts[id(top)] = list(self.counted.values())
            a.bind(top)
            self.loop_stack.append((end, cont))
            self.enclosing.append(s)
            self.stmt(s.body)
            self.enclosing.pop()
            self.loop_stack.pop()
            a.bind(cont)
            self.branch(s.cond, top, True)
            a.bind(end)
        elif isinstance(s, T.For):
            top, cont, cond, end = a.label(), a.label(), a.label(), a.label()
            self.cut_annots[id(cond)] = s.spec
            self.add_cut(cond)
            counted = counted_loop(s)
            # Facts the cut point at the loop header will assert: the ranges of the counted
            # loops around it (inside their bodies) and of this loop's own counter.
            facts = list(self.counted.values())
            if counted is not None:
                v, lo, head_hi, body_hi = counted
                facts.append((v, lo, head_hi))
            self.cut_facts[id(cond)] = facts
            if s.init is not None:
                self.stmt(s.init)
            a.jmp(cond)
            a.bind(top)
            self.loop_stack.append((end, cont))
            if counted is not None:
                self.counted[id(v)] = (v, lo, body_hi)
            self.enclosing.append(s)
            self.stmt(s.body)
            self.enclosing.pop()
            if counted is not None:
                del self.counted[id(v)]
            self.loop_stack.pop()
            a.bind(cont)
            if s.step is not None:
                self.expr(s.step)
            a.bind(cond)
            if s.cond is not None:
                self.branch(s.cond, top, True)
            else:
                a.jmp(top)
            a.bind(end)
        elif isinstance(s, T.Return):
            if s.value is not None:
                self.expr(s.value)
            a.jmp(self.epilogue)
        elif isinstance(s, T.Break):
            a.jmp(self.loop_stack[-1][0])
        elif isinstance(s, T.Continue):
            for _, cont in reversed(self.loop_stack):
                if cont is not None:
                    a.jmp(cont)
                    break
        elif isinstance(s, T.Switch):
            self.switch(s)
        elif isinstance(s, T.CaseLabel):
            a.bind(self.case_labels[id(s)])
        elif isinstance(s, T.InitLocal):
            self.init_local(s)
        else:
            raise AssertionError(f"unknown statement {s}")

    def join_point(self) -> None:
        """A cut point here, where paths from a branching statement join: it keeps the
        number of paths between cut points linear in the number of statements (nothing is
        live in registers between statements, so the slots say everything)."""
        label = self.asm.label("join")
        self.asm.bind(label)
        self.add_cut(label)
        self.cut_facts[id(label)] = list(self.counted.values())

    def switch(self, s: T.Switch) -> None:
        a = self.asm
        end = a.label()
        self.expr(s.value)
        default = None
        for c in s.cases:
            lab = a.label()
            self.case_labels[id(c)] = lab
            if c.value is None:
                default = lab
                continue
            if fits32(c.value):
                a.alu_ri("cmp", RAX, c.value)
            else:
                a.mov_imm(RCX, c.value)
                a.alu_rr("cmp", RAX, RCX)
            a.jcc("e", lab)
        a.jmp(default or end)
        self.loop_stack.append((end, None))
        self.stmt(s.body)
        self.loop_stack.pop()
        a.bind(end)

    def init_local(self, s: T.InitLocal) -> None:
        a = self.asm
        v = s.var
        if s.zero:
            self.zero_fill(Mem(RSP, v.offset), v.type.size, straight=id(v) in self.typed)
        for offset, t, value in s.parts:
            if isinstance(t, StructType):
                self.expr(value)                     # address of the source struct
                a.lea(RCX, self.local_mem(v, offset))
                dst = self.place(T.Local(v, v.type))
                self.copy(RCX, RAX, t.size, (None if dst is None else (dst[0], dst[1] + offset),
                                             self.place(value)))
            else:
                self.expr(value)
                a.store(self.local_mem(v, offset), RAX, t.size)
                if id(v) in self.bounds and offset == 0:
                    self.bounds_store(v, value)

    def zero_fill(self, m: Mem, size: int, straight: bool = False) -> None:
        """Zero `size` bytes of the frame at m (an rsp-based operand); `straight`: without
        a loop (a typed frame object: the kernel sees each pointer field written)."""
        a = self.asm
        a.mov_imm(RCX, 0)
        off = 0
        if size > 256 and not straight:
            # Loop over the 8-byte words with an index (rcx), which keeps the cut point's
            # assertion linear: rdx = the object, 0 <= rcx < words, r9 = 0.
            words = size // 8
            a.lea(RDX, m)
            a.mov_imm(R8, words)
            a.mov_imm(R9, 0)
            top = a.label("fill")
            a.bind(top)
            a.store(Mem(RDX, 0, RCX, 8), R9, 8)
            a.alu_ri("add", RCX, 1)
            a.alu_rr("cmp", RCX, R8)
            a.jcc("b", top)
            self.add_cut(top)
            self.cut_facts[id(top)] = list(self.counted.values())
            self.fill_loops[id(top)] = (m.disp, words)
            a.mov_imm(RCX, 0)
            off = words * 8
        for size_step in (8, 4, 2, 1):
            while size - off >= size_step:
                a.store(Mem(m.base, m.disp + off), RCX, size_step)
                off += size_step

    def copy(self, dst: int, src: int, size: int, places=(None, None)) -> None:
        """Copy `size` bytes from [src] to [dst] (both registers other than rdx/r8).
        `places`: where the destination and source lie (place()), for field hints: a struct
        holding pointers is copied word by word as typed accesses, so each pointer copied
        is checked by the kernel like any pointer store."""
        a = self.asm
        dst_place, src_place = places
        off = 0
        if size > 256:
            a.lea(R8, Mem(src, size // 8 * 8))
            top = a.label()
            a.bind(top)
            a.load(RDX, Mem(src, 0), 8)
            a.store(Mem(dst, 0), RDX, 8)
            a.alu_ri("add", src, 8)
            a.alu_ri("add", dst, 8)
            a.alu_rr("cmp", src, R8)
            a.jcc("b", top)
            size -= size // 8 * 8
        for step in (8, 4, 2, 1):
            while size - off >= step:
                self.hint_place(src_place, off)
                if step >= 4:
                    a.load(RDX, Mem(src, off), step)
                else:
                    a.load_ext(RDX, Mem(src, off), step, False)
                self.hint_place(dst_place, off)
                a.store(Mem(dst, off), RDX, step)
                off += step

    # -- conditions -----------------------------------------------------------------
    def branch(self, e: T.Expr, label: Label, when: bool) -> None:
        """Jump to `label` if the truth of e equals `when`; otherwise fall through."""
        a = self.asm
        if isinstance(e, T.Const):
            if bool(e.value) == when:
                a.jmp(label)
            return
        if isinstance(e, T.Unary) and e.op == "!":
            self.branch(e.operand, label, not when)
            return
        if isinstance(e, T.Logical):
            if (e.op == "&&") != when:
                # && jumping when false / || jumping when true: either operand decides.
                self.branch(e.left, label, when)
                self.branch(e.right, label, when)
            else:
                skip = a.label()
                self.branch(e.left, skip, not when)
                self.branch(e.right, label, when)
                a.bind(skip)
            return
        if isinstance(e, T.Binary) and e.op in SIGNED_CC:
            self.compare(e)
            cc = (SIGNED_CC if is_signed(e.left.type) else UNSIGNED_CC)[e.op]
            a.jcc(cc if when else NEGATE[cc], label)
            return
        self.expr(e)
        a.test_rr(RAX, RAX)
        a.jcc("ne" if when else "e", label)

    def compare(self, e: T.Binary) -> None:
        a = self.asm
        self.expr(e.left)
        r = e.right
        if isinstance(r, T.Const) and fits32(r.value if r.value < (1 << 63) else r.value - (1 << 64)):
            v = r.value if r.value < (1 << 63) else r.value - (1 << 64)
            a.alu_ri("cmp", RAX, v)
        else:
            self.operand_to_rcx(r)
            a.alu_rr("cmp", RAX, RCX)

    # -- expressions ----------------------------------------------------------------
    def simple(self, e: T.Expr) -> bool:
        return isinstance(e, (T.Const, T.PrintfArg)) or (isinstance(e, T.Local) and e.type.is_scalar())

    def load_simple(self, e: T.Expr, reg: int) -> None:
        if isinstance(e, T.Const):
            self.asm.mov_imm(reg, e.value)
        elif isinstance(e, T.PrintfArg):
            values, held = self.printf_values
            if held[e.index] is not None:
                self.asm.load(reg, held[e.index][0], 8)
            else:
                self.load_simple(values[e.index], reg)
        else:
            self.load_typed(reg, self.local_mem(e.var), e.type)

    def operand_to_rcx(self, r: T.Expr) -> None:
        """rcx := value of r, preserving rax."""
        a = self.asm
        if self.simple(r):
            self.load_simple(r, RCX)
            return
        t = self.push_temp()
        a.store(t, RAX, 8)
        self.expr(r)
        a.mov_rr(RCX, RAX)
        a.load(RAX, t, 8)
        self.pop_temp()

    def load_typed(self, reg: int, m, t: CType) -> None:
        if isinstance(t, IntType):
            self.asm.load_ext(reg, m, t.size, t.signed)
        elif isinstance(t, PointerType):
            self.asm.load(reg, m, 8)
        else:
            self.asm.lea(reg, m)     # aggregates are handled by address

    def canon(self, t: CType, reg: int = RAX) -> None:
        if isinstance(t, IntType) and t.size < 8:
            self.asm.extend(reg, t.size, t.signed)

    def lvalue(self, e: T.Expr, access: bool = False):
        """A memory operand for lvalue e. May compute an address into rax; the operand is
        then based on rax, with the pointer's bounds in r10/r11. With `access`, the operand
        is about to be read or written: an address reached through a pointer is checked
        against its bounds first (known-size arrays have their own index check)."""
        m = self.lvalue_of(e)
        if access and through_pointer(e) and RUNTIME_CHECKS:
            size = e.type.size if not isinstance(e.type, ArrayType) else 0
            if size and self.unchecked(e):
                return m
            if size:
                m = self.check_access(m, size)
        return m

    def unchecked(self, e: T.Expr) -> bool:
        """Whether the access e is left to the proof (see `elide`)."""
        if not self.elide or (self.f.name, self.last_line) in self.mod.keep:
            return False
        if self.asm is self.mod.asm:
            self.mod.elided.append((self.f.name, self.last_line, e))
        return True

    def lvalue_of(self, e: T.Expr):
        a = self.asm
        if isinstance(e, T.Local):
            return self.local_mem(e.var)
        if isinstance(e, T.GlobalRef):
            sec, off = self.mod.data.place[id(e.var)]
            return RipRef(sec, off)
        if isinstance(e, T.StrLit):
            return RipRef(".rodata", self.mod.data.string(e.data))
        if isinstance(e, T.Member):
            m = self.lvalue_of(e.base)
            if isinstance(m, RipRef):
                return RipRef(m.section, m.offset + e.offset)
            return Mem(m.base, m.disp + e.offset)
        if isinstance(e, T.Deref):
            p = e.ptr
            if isinstance(p, T.PtrAdd):
                self.ptr_add(p, check=True)
            else:
                self.expr(p)
            return Mem(RAX, 0)
        raise AssertionError(f"not an lvalue: {e}")

    def rebase(self, m, reg: int):
        if isinstance(m, Mem) and m.base == RAX:
            return Mem(reg, m.disp)
        return m

    def expr(self, e: T.Expr) -> None:
        """Compute e into rax (canonical form; aggregates as their address)."""
        a = self.asm
        if e.line and e.line != self.last_line and not self.f.library:
            self.line(e.line)
        if isinstance(e, T.Const):
            a.mov_imm(RAX, e.value)
            if is_pointer(e.type):
                self.bounds_zero()
        elif isinstance(e, (T.Local, T.GlobalRef, T.Member, T.Deref, T.StrLit)):
            m = self.lvalue(e, access=not isinstance(e.type, ArrayType))
            if e.type.is_scalar():
                self.hint(e)
            self.load_typed(RAX, m, e.type)
            if is_pointer(e.type):
                if isinstance(e, T.Local) and id(e.var) in self.bounds:
                    self.bounds_load(e.var)
                else:
                    self.loaded_pointer_bounds(e)
        elif isinstance(e, T.AddrOf):
            m = self.lvalue(e.target)
            if not (isinstance(m, Mem) and m.base == RAX and m.disp == 0):
                a.lea(RAX, m)
            root = root_object(e.target)
            if root is not None:
                self.bounds_of_object(root)
        elif isinstance(e, T.Convert) and self.typed_allocation(e) is not None:
            self.typed_alloc(e)
        elif isinstance(e, T.Convert):
            self.expr(e.operand)
            self.convert(e.operand.type, e.type)
        elif isinstance(e, T.Unary):
            self.expr(e.operand)
            if e.op == "-":
                a.neg(RAX)
                self.canon(e.type)
            elif e.op == "~":
                a.not_(RAX)
                self.canon(e.type)
            else:
                a.test_rr(RAX, RAX)
                a.setcc("e", RAX)
                a.extend(RAX, 1, False)
        elif isinstance(e, T.Binary):
            self.binary(e)
        elif isinstance(e, T.Logical):
            false, end = a.label(), a.label()
            self.branch(e, false, False)
            a.mov_imm(RAX, 1)
            a.jmp(end)
            a.bind(false)
            a.mov_imm(RAX, 0)
            a.bind(end)
        elif isinstance(e, T.Cond):
            other, end = a.label(), a.label()
            self.branch(e.cond, other, False)
            self.expr(e.then)
            a.jmp(end)
            a.bind(other)
            self.expr(e.other)
            a.bind(end)
        elif isinstance(e, T.PtrAdd):
            self.ptr_add(e)
        elif isinstance(e, T.PtrDiff):
            self.expr(e.left)
            self.operand_to_rcx(e.right)
            a.alu_rr("sub", RAX, RCX)
            k = log2(e.scale)
            if k is not None:
                if k:
                    a.shift_imm("sar", RAX, k)
            else:
                a.mov_imm(RCX, e.scale)
                a.cqo()
                a.idiv(RCX)
        elif isinstance(e, T.Assign):
            self.assign(e)
        elif isinstance(e, T.CompoundAssign):
            self.compound_assign(e)
        elif isinstance(e, T.IncDec):
            self.inc_dec(e)
        elif isinstance(e, T.Call):
            self.call(e)
        elif isinstance(e, T.Comma):
            self.expr(e.first)
            self.expr(e.second)
        elif isinstance(e, T.Printf):
            if not e.pieces:
                a.mov_imm(RAX, 0)
                return
            held = [None] * len(e.values)
            for i in reversed(range(len(e.values))):
                if not self.simple(e.values[i]):
                    self.expr(e.values[i])
                    if is_pointer(e.values[i].type):
                        held[i] = self.spill_pointer()
                    else:
                        held[i] = (self.push_temp(), None, None)
                        a.store(held[i][0], RAX, 8)
            outer = getattr(self, "printf_values", None)
            t = self.push_temp()
            a.store_imm(t, 0, 8)
            for piece in e.pieces:
                self.printf_values = (e.values, held)
                self.call(piece)
                self.printf_values = outer
                a._op(b"\x01", RAX, t, 8)        # add [t], rax
            a.load_ext(RAX, t, 4, True)
            for _ in range(1 + sum((3 if h[1] is not None else 1) for h in held if h is not None)):
                self.pop_temp()
        else:
            raise AssertionError(f"unknown expression {e}")

    def convert(self, src: CType, dst: CType) -> None:
        a = self.asm
        if isinstance(dst, VoidType):
            return
        if isinstance(dst, IntType) and dst.name == "_Bool":
            if isinstance(src, IntType) and src.name == "_Bool":
                return
            a.test_rr(RAX, RAX)
            a.setcc("ne", RAX)
            a.extend(RAX, 1, False)
            return
        if isinstance(dst, IntType) and isinstance(src, IntType):
            if dst.size == 8:
                return
            if src.size < dst.size and (not src.signed or dst.signed):
                return
            if src.size == dst.size and src.signed == dst.signed:
                return
            a.extend(RAX, dst.size, dst.signed)

    def binary(self, e: T.Binary) -> None:
        a = self.asm
        op, t = e.op, e.type
        if op in SIGNED_CC:
            self.compare(e)
            cc = (SIGNED_CC if is_signed(e.left.type) else UNSIGNED_CC)[op]
            a.setcc(cc, RAX)
            a.extend(RAX, 1, False)
            return
        self.expr(e.left)
        r = e.right
        if op in ("+", "-", "&", "|", "^") and isinstance(r, T.Const):
            v = r.value if r.value < (1 << 63) else r.value - (1 << 64)
            if fits32(v):
                a.alu_ri({"+": "add", "-": "sub", "&": "and", "|": "or", "^": "xor"}[op], RAX, v)
                self.canon(t)
                return
        if op in ("<<", ">>") and isinstance(r, T.Const) and 0 <= r.value < 64:
            a.shift_imm("shl" if op == "<<" else ("sar" if is_signed(t) else "shr"), RAX, r.value)
            self.canon(t)
            return
        self.operand_to_rcx(r)
        if op in ("+", "-", "&", "|", "^"):
            a.alu_rr({"+": "add", "-": "sub", "&": "and", "|": "or", "^": "xor"}[op], RAX, RCX)
        elif op == "*":
            a.imul_rr(RAX, RCX)
        elif op in ("/", "%"):
            self.divide(t, op, r)
        elif op == "<<":
            a.shift_cl("shl", RAX)
        elif op == ">>":
            a.shift_cl("sar" if is_signed(t) else "shr", RAX)
        else:
            raise AssertionError(op)
        self.canon(t)

    def divide(self, t: CType, op: str, divisor: T.Expr) -> None:
        """rax op= rcx for / and %, with the run-time checks that make the division provably
        fault-free: a zero divisor traps, and so does MIN / -1 for 64-bit signed division.
        A constant divisor other than 0 and -1 needs neither."""
        a = self.asm
        known = isinstance(divisor, T.Const) and divisor.value not in (0, -1, (1 << 64) - 1)
        if RUNTIME_CHECKS and not known:
            self.note_check(TRAP_DIVIDE)
            a.test_rr(RCX, RCX)
            a.jcc("e", self.trap_label(TRAP_DIVIDE))
        if is_signed(t):
            if t.size == 8 and RUNTIME_CHECKS and not known:
                ok = a.label()
                a.alu_ri("cmp", RCX, -1)
                a.jcc("ne", ok)
                a.mov_imm(RDX, 1 << 63)
                a.alu_rr("cmp", RAX, RDX)
                a.jcc("e", self.trap_label(TRAP_DIVIDE))
                a.bind(ok)
            a.cqo()
            a.idiv(RCX)
        else:
            a.mov_imm(RDX, 0)
            a.div(RCX)
        if op == "%":
            a.mov_rr(RAX, RDX)

    def note_check(self, kind: int) -> None:
        """Record an inserted run-time check (for `certa cc`'s warnings and counts)."""
        if self.asm is self.mod.asm and not self.f.library:
            self.mod.checks.append((kind, self.last_line, self.f.name))

    def trap_label(self, kind: int) -> Label:
        """A label that calls __certa_trap(kind, current line); the call sits after the
        function's epilogue so the checked path runs straight through."""
        key = (kind, self.last_line)
        if key not in self.traps:
            self.traps[key] = self.asm.label(f"trap{kind}")
        return self.traps[key]

    def emit_traps(self) -> None:
        a = self.asm
        for (kind, line), label in self.traps.items():
            a.bind(label)
            a.mov_imm(RDI, kind)
            a.mov_imm(RSI, max(line, 0))
            a.call_import(self.mod.import_slot["__certa_trap"])

    def checked_index(self, e: T.PtrAdd) -> int | None:
        """The length of the array being indexed when e is `array + index` and the index is
        not already known to be in bounds, else None. A counted loop's counter is known to
        lie in its range inside the loop body (the cut point asserts it; the kernel checks)."""
        p = e.ptr
        if isinstance(p, T.AddrOf) and isinstance(p.target.type, ArrayType) and p.target.type.length:
            length = p.target.type.length
            if self.unchecked(T.Deref(e, e.type.target)):
                return None
            idx = e.index.operand if isinstance(e.index, T.Convert) else e.index
            if isinstance(idx, T.Local) and id(idx.var) in self.counted:
                _, lo, hi = self.counted[id(idx.var)]
                if 0 <= lo and hi < length:
                    if self.asm is self.mod.asm and not self.f.library:
                        self.mod.proven_accesses += 1
                    return None
            return length
        return None

    def ptr_add(self, e: T.PtrAdd, check: bool = False) -> None:
        a = self.asm
        length = self.checked_index(e) if check and RUNTIME_CHECKS else None
        if length is not None and isinstance(e.index, T.Const) and 0 <= e.index.value < length:
            length = None
        if isinstance(e.index, T.Const) and length is None:
            self.expr(e.ptr)
            v = e.index.value * e.scale
            if v and fits32(v):
                a.alu_ri("add", RAX, v)
            elif v:
                a.mov_imm(RCX, v)
                a.alu_rr("add", RAX, RCX)
            return
        if length is not None:
            self.note_check(TRAP_BOUNDS)
        if length is not None and isinstance(e.index, T.Const):
            a.jmp(self.trap_label(TRAP_BOUNDS))
            return
        self.expr(e.ptr)
        keep = not self.simple(e.index)     # the index may clobber the bounds
        t = self.push_temp()
        a.store(t, RAX, 8)
        if keep:
            tb, te = self.push_temp(), self.push_temp()
            a.store(tb, R10, 8)
            a.store(te, R11, 8)
        self.expr(e.index)
        if keep:
            a.load(R10, tb, 8)
            a.load(R11, te, 8)
            self.pop_temp()
            self.pop_temp()
        if length is not None:
            # Run-time bounds check of a known array: 0 <= index < length, or trap.
            a.alu_ri("cmp", RAX, 0)
            a.jcc("l", self.trap_label(TRAP_BOUNDS))
            a.mov_imm(RCX, length)
            a.alu_rr("cmp", RAX, RCX)
            a.jcc("ge", self.trap_label(TRAP_BOUNDS))
        self.scale(RAX, e.scale)
        a.alu_rm("add", RAX, t)
        self.pop_temp()

    def scale(self, reg: int, scale: int) -> None:
        k = log2(abs(scale))
        if k is not None and scale > 0:
            if k:
                self.asm.shift_imm("shl", reg, k)
        else:
            self.asm.imul_rri(reg, reg, scale)

    def assign(self, e: T.Assign) -> None:
        a = self.asm
        t = e.type
        target = e.target
        if isinstance(t, StructType):
            self.expr(e.value)                       # source address
            s = self.push_temp()
            a.store(s, RAX, 8)
            m = self.lvalue(target, access=True)
            a.lea(RCX, m)
            a.load(RSI, s, 8)
            self.pop_temp()
            a.mov_rr(RDI, RCX)
            self.copy(RDI, RSI, t.size, (self.place(target), self.place(e.value)))
            a.mov_rr(RAX, RCX)
            return
        if isinstance(target, (T.Local, T.GlobalRef)):
            self.expr(e.value)
            self.hint(target)
            a.store(self.lvalue(target), RAX, t.size)
            if isinstance(target, T.Local) and id(target.var) in self.bounds:
                self.bounds_store(target.var, e.value)
            return
        if self.simple(e.value) and not is_pointer(t):
            m = self.lvalue(target, access=True)
            self.load_simple(e.value, RCX)
            self.hint(target)
            a.store(m, RCX, t.size)
            a.mov_rr(RAX, RCX)
            return
        m = self.lvalue(target, access=True)
        if isinstance(m, Mem) and m.base == RAX:
            s = self.push_temp()
            a.store(s, RAX, 8)
            self.expr(e.value)
            a.load(RCX, s, 8)
            self.pop_temp()
            self.hint(target)
            a.store(Mem(RCX, m.disp), RAX, t.size)
        else:
            self.expr(e.value)
            self.hint(target)
            a.store(m, RAX, t.size)
        if is_pointer(t):
            self.bounds_unknown()           # the value now lives in memory

    def target_in_r8(self, target: T.Expr):
        """A memory operand for `target` that survives computing another expression:
        frame/rip operands as they are, computed addresses kept in r8 (reloaded from a
        temporary by the caller via the returned reload step)."""
        m = self.lvalue(target, access=True)
        if isinstance(m, Mem) and m.base == RAX:
            s = self.push_temp()
            self.asm.store(s, RAX, 8)
            return Mem(R8, m.disp), s
        return m, None

    def compound_assign(self, e: T.CompoundAssign) -> None:
        self.compound_assign_value(e)
        if is_pointer(e.type):
            self.pointer_result_bounds(e.target)

    def pointer_result_bounds(self, target: T.Expr) -> None:
        """After p += k, p++ and the like: the bounds of the updated pointer."""
        if isinstance(target, T.Local) and id(target.var) in self.bounds:
            self.bounds_load(target.var)
        else:
            self.bounds_unknown()

    def compound_assign_value(self, e: T.CompoundAssign) -> None:
        a = self.asm
        m, saved = self.target_in_r8(e.target)
        self.expr(e.value)
        a.mov_rr(RCX, RAX)
        if saved is not None:
            a.load(R8, saved, 8)
        t = e.type
        self.hint(e.target)
        self.load_typed(RAX, m, t)
        if e.op == "ptradd":
            self.scale(RCX, e.scale)
            a.alu_rr("add", RAX, RCX)
        else:
            self.convert(t, e.optype)
            op = e.op
            if op in ("+", "-", "&", "|", "^"):
                a.alu_rr({"+": "add", "-": "sub", "&": "and", "|": "or", "^": "xor"}[op], RAX, RCX)
            elif op == "*":
                a.imul_rr(RAX, RCX)
            elif op in ("/", "%"):
                self.divide(e.optype, op, e.value)
            elif op == "<<":
                a.shift_cl("shl", RAX)
            elif op == ">>":
                a.shift_cl("sar" if is_signed(e.optype) else "shr", RAX)
            self.canon(e.optype)
            self.convert(e.optype, t)
        self.hint(e.target)
        a.store(m, RAX, t.size)
        if saved is not None:
            self.pop_temp()

    def inc_dec(self, e: T.IncDec) -> None:
        self.inc_dec_value(e)
        if is_pointer(e.type):
            self.pointer_result_bounds(e.target)

    def inc_dec_value(self, e: T.IncDec) -> None:
        a = self.asm
        m = self.lvalue(e.target, access=True)
        if isinstance(m, Mem) and m.base == RAX:
            a.mov_rr(R8, RAX)
            m = Mem(R8, m.disp)
        t = e.type
        self.hint(e.target)
        self.load_typed(RAX, m, t)
        if not e.prefix:
            a.mov_rr(RDX, RAX)
        a.alu_ri("add", RAX, e.delta) if fits32(e.delta) else (a.mov_imm(RCX, e.delta), a.alu_rr("add", RAX, RCX))
        if isinstance(t, IntType) and t.name == "_Bool":
            self.convert(LONG, BOOL)
        else:
            self.canon(t)
        self.hint(e.target)
        a.store(m, RAX, t.size)
        if not e.prefix:
            a.mov_rr(RAX, RDX)

    def call(self, e: T.Call) -> None:
        a = self.asm
        args, callee = e.args, e.func
        if (callee.name == "malloc" and callee.library and len(args) == 1
                and self.f.name in self.mod.elide and "__certa_alloc" in self.mod.import_slot):
            # In an annotated function malloc(n) calls the allocator directly, so the kernel
            # knows the block is n bytes that end in user space (its contract of
            # __certa_alloc): what a callee's \valid precondition asks for.
            self.expr(args[0])
            a.mov_rr(RDI, RAX)
            self.line(e.line or self.last_line)
            a.call_import(self.mod.import_slot["__certa_alloc"])
            self.alloc_bounds()
            return
        fat = pointer_params(callee) if callee.body is not None else []
        buffer = HOST_BUFFERS.get(callee.name)       # (pointer argument, length argument)
        want_bounds = set(fat) | ({buffer[0]} if buffer else set())
        # Arguments are evaluated right to left, as gcc does on x86-64 (C leaves the
        # order unspecified; matching gcc keeps differential tests meaningful). A pointer
        # argument's bounds are kept with it.
        held: list = [None] * len(args)
        pushed = 0
        for i in reversed(range(len(args))):
            if not self.simple(args[i]):
                self.expr(args[i])
                if i in want_bounds:
                    held[i] = self.spill_pointer()
                    pushed += 3
                else:
                    held[i] = (self.push_temp(), None, None)
                    a.store(held[i][0], RAX, 8)
                    pushed += 1
        parts = [(i, 0) for i in range(len(args))] + [(i, k) for i in fat for k in (1, 2)]
        for pos, (i, k) in enumerate(parts):
            reg = ARG_REGS[pos] if pos < 6 else RAX
            if held[i] is not None:
                a.load(reg, held[i][k], 8)
            elif k == 0:
                self.load_simple(args[i], reg)
            elif k == 1:
                self.simple_bounds(args[i], reg, R11)
            else:
                self.simple_bounds(args[i], R10, reg)
            if pos >= 6:
                a.store(Mem(RSP, 8 * (pos - 6)), RAX, 8)
        # A pointer that may be a null block start goes to a parameter that takes plain
        # bounds: make its bounds (0, 0) when it is null, so they are empty (the kernel
        # covers the other case by the block, now known not to be null).
        for j, i in enumerate(fat):
            pb, pe = len(args) + 2 * j, len(args) + 2 * j + 1
            param = callee.params[i]
            if pe < 6 and self.mod.blocks.blockish(args[i]) and \
                    not self.mod.blocks.blockish(T.Local(param, param.type)):
                ok = a.label()
                a.test_rr(ARG_REGS[pb], ARG_REGS[pb])
                a.jcc("ne", ok)
                a.mov_rr(ARG_REGS[pe], ARG_REGS[pb])
                a.bind(ok)
        if buffer:
            b, n = buffer
            if held[b] is not None:
                a.load(R10, held[b][1], 8)
                a.load(R11, held[b][2], 8)
            else:
                self.simple_bounds(args[b], R10, R11)
            self.check_write(ARG_REGS[b], ARG_REGS[n])
        for _ in range(pushed):
            self.pop_temp()
        self.line(e.line or self.last_line)
        if callee.body is None:
            a.call_import(self.mod.import_slot[callee.name])
            self.calls_out |= not callee.name.startswith("__certa_")
            if callee.name == "__certa_alloc":
                self.alloc_bounds()
        else:
            a.call(self.mod.body_labels[callee.name])
            self.calls_out = True
        self.canon(e.type)

    def check_write(self, buf: int, length: int) -> None:
        """A host service's buffer (HOST_BUFFERS) must stay inside buf's bounds (r10/r11):
        base <= buf <= end and 0 <= length <= end - buf, or trap."""
        a = self.asm
        trap = self.trap_label(TRAP_BOUNDS)
        done = a.label()
        a.alu_ri("cmp", length, 0)      # writing nothing needs no memory
        a.jcc("e", done)
        a.test_rr(R10, R10)
        a.jcc("e", trap)
        a.alu_rr("cmp", buf, R10)
        a.jcc("l", trap)
        a.alu_rr("cmp", buf, R11)
        a.jcc("g", trap)
        a.alu_ri("cmp", length, 0)
        a.jcc("l", trap)
        a.mov_rr(RAX, R11)
        a.alu_rr("sub", RAX, buf)
        a.alu_rr("cmp", length, RAX)
        a.jcc("g", trap)
        a.bind(done)

    def alloc_bounds(self) -> None:
        """The bounds of the block pointer in rax (a fresh allocation, or a pointer loaded
        from typed memory) into r10/r11."""
        block_bounds(self.asm, RAX, R10, R11)


def block_bounds(a: Asm, ptr: int, base: int, end: int) -> None:
    """base/end := the bounds of `ptr`, which is null or the start of a block: empty for
    null, else from the start to the start plus the length its header records."""
    done = a.label()
    a.mov_rr(base, ptr)
    a.mov_rr(end, ptr)
    a.test_rr(ptr, ptr)
    a.jcc("e", done)
    a.load(end, Mem(ptr, -16), 8)
    a.alu_rr("add", end, ptr)
    a.bind(done)


def known_array(p: T.Expr) -> bool:
    """p is `array + index` into an array of known length that is itself reached without
    a pointer (its index gets the array's own check)."""
    return (isinstance(p, T.PtrAdd) and isinstance(p.ptr, T.AddrOf)
            and isinstance(p.ptr.target.type, ArrayType) and bool(p.ptr.target.type.length)
            and root_object(p.ptr.target) is not None)


def root_object(e: T.Expr):
    """The frame, global or string object lvalue e lies in when it is reached through
    members and known-array indexing only; None when a pointer is involved."""
    while True:
        if isinstance(e, T.Member):
            e = e.base
        elif isinstance(e, T.Deref) and known_array(e.ptr):
            e = e.ptr.ptr.target
        else:
            return e if isinstance(e, (T.Local, T.GlobalRef, T.StrLit)) else None


def through_pointer(e: T.Expr) -> bool:
    return root_object(e) is None


def path_factor(s: T.Stmt) -> int:
    """About how many paths leave statement s for each that enters it: each two-way choice
    doubles them, and so does each equality test (the kernel splits `a != b` into `a < b`
    and `a > b`); a run-time check's trap path ends at once, so checks do not count."""
    k = sum(1 for n in T.nodes(s) if isinstance(n, (T.If, T.Logical, T.Cond, T.CaseLabel,
                                                    T.While, T.DoWhile, T.For))
            or isinstance(n, T.Binary) and n.op in ("==", "!="))
    return 1 << min(k, 20)


def counted_loop(s: T.For):
    """(counter, first value, range end at the header, range end in the body) for
    `for (i = c; i < K; i++)` (or `<=`) whose body never writes i nor takes its address;
    else None. Then c <= i <= K holds at the header and c <= i <= K - 1 in the body."""
    init = s.init.stmts[0] if isinstance(s.init, T.Block) and len(s.init.stmts) == 1 else s.init
    if not (isinstance(init, T.ExprStmt) and isinstance(init.expr, T.Assign)
            and isinstance(init.expr.target, T.Local) and isinstance(init.expr.value, T.Const)):
        return None
    v, c0 = init.expr.target.var, init.expr.value.value
    cond, step = s.cond, s.step
    if not (isinstance(cond, T.Binary) and cond.op in ("<", "<=") and isinstance(cond.left, T.Local)
            and cond.left.var is v and isinstance(cond.right, T.Const)
            and isinstance(v.type, IntType) and v.type.signed and v.type.size >= 4):
        return None
    if not (isinstance(step, T.IncDec) and isinstance(step.target, T.Local) and step.target.var is v
            and step.delta == 1):
        return None
    k = cond.right.value
    head_hi, body_hi = (k, k - 1) if cond.op == "<" else (k + 1, k)
    if c0 > head_hi or head_hi > v.type.max:
        return None
    for n in T.nodes(s.body):
        target = getattr(n, "target", None)
        if isinstance(n, (T.Assign, T.CompoundAssign, T.IncDec, T.AddrOf)) and \
                isinstance(target, T.Local) and target.var is v:
            return None
    return v, c0, head_hi, body_hi


class PointerFlows:
    """Where pointer values go, flow-insensitively (one walk, shared by BlockStarts and
    certgen.Flows): for every pointer variable ("var", id) and function result ("ret", name)
    the expressions assigned to it (None: it is changed in place or through its address);
    the pointer values stored into memory; the lvalues stored to; printf's arguments behind
    the PrintfArg of its pieces."""

    def __init__(self, program: T.Program):
        self.sources: dict = {}                 # key -> [expr | None]
        self.stored: list = []                  # pointer values stored into memory
        self.targets: list = []                 # every lvalue stored to
        self.moved_in_memory = False            # a pointer in memory changed in place
        self.printf_args: dict = {}             # id(PrintfArg) -> the argument
        self.import_args: list = []             # (import, argument index, pointer argument)
        for f in program.functions:
            for n in T.nodes(f.body):
                self.visit(f, n)

    def source(self, key, e) -> None:
        self.sources.setdefault(key, []).append(e)

    def visit(self, f: T.Function, n) -> None:
        if isinstance(n, (T.Assign, T.CompoundAssign, T.IncDec)):
            self.targets.append(n.target)
        if isinstance(n, T.Printf):
            for piece in n.pieces:
                for a in T.nodes(piece):
                    if isinstance(a, T.PrintfArg):
                        self.printf_args[id(a)] = n.values[a.index]
        elif isinstance(n, T.Assign) and is_pointer(n.type):
            if isinstance(n.target, T.Local):
                self.source(("var", id(n.target.var)), n.value)
            else:
                self.stored.append(n.value)
        elif isinstance(n, T.InitLocal):
            for off, t, value in n.parts:
                if is_pointer(t):
                    if off == 0 and is_pointer(n.var.type):
                        self.source(("var", id(n.var)), value)
                    else:
                        self.stored.append(value)
        elif isinstance(n, (T.IncDec, T.CompoundAssign)) and is_pointer(n.type):
            if isinstance(n.target, T.Local):
                self.source(("var", id(n.target.var)), None)
            else:
                self.moved_in_memory = True
        elif isinstance(n, T.AddrOf) and isinstance(n.target, T.Local) and is_pointer(n.target.type):
            self.source(("var", id(n.target.var)), None)
        elif isinstance(n, T.Call) and n.func.body is not None:
            for p, arg in zip(n.func.params, n.args):
                if is_pointer(p.type):
                    self.source(("var", id(p)), arg)
        elif isinstance(n, T.Call):
            for i, arg in enumerate(n.args):
                if is_pointer(arg.type):
                    self.import_args.append((n.func.name, i, arg))
        elif isinstance(n, T.Return) and n.value is not None and is_pointer(f.type.ret):
            self.source(("ret", f.name), n.value)


class BlockStarts:
    """Whether every pointer the program ever stores in memory is null or the start of a
    block (an allocation, a whole global in .data/.rodata, a whole string literal): then a
    pointer loaded from memory can be bounded by the header in front of it. Untrusted and
    conservative (one answer for the whole program); the kernel checks every store anyway.
    When the answer is no, loaded pointers get unknown bounds, so a module that stores an
    interior pointer still runs as C says (but is not certified)."""

    ALLOCATORS = ("malloc", "calloc", "__certa_alloc")

    def __init__(self, program: T.Program, flows: "PointerFlows"):
        self.flows = flows
        self.globals_needed: set = set()        # id(GlobalVar) that must get a header
        self.ok = not flows.moved_in_memory     # a stored pointer moved inside its block
        for g in program.globals:
            if g.init is not None:
                for _, target, addend in g.init.addrs:
                    if addend:
                        self.ok = False
                    elif isinstance(target, T.GlobalVar):
                        self.globals_needed.add(id(target))
        # Pointer variables and function results: blockish until shown otherwise.
        self.bad: set = set()
        changed = True
        while changed:
            changed = False
            for key, exprs in flows.sources.items():
                if key not in self.bad and not all(e is not None and self.blockish(e) for e in exprs):
                    self.bad.add(key)
                    changed = True
        if self.ok:
            self.ok = all(self.blockish(e) for e in flows.stored)
        # Parameters that only ever receive the start of an object (null, a block, or the
        # address of a whole frame or global object) and never change: their value is
        # their base, which the contract can say (p == b), so a typed access through them
        # sits at a whole element of their region.
        params = {("var", id(v)) for f in program.functions for v in f.params if is_pointer(v.type)}
        self.object_starts = {k for k in params if k in flows.sources}
        changed = True
        while changed:
            changed = False
            for key in list(self.object_starts):
                if not all(e is not None and self.object_start(e) for e in flows.sources[key]):
                    self.object_starts.discard(key)
                    changed = True

    def object_start(self, e) -> bool:
        if isinstance(e, T.Convert):
            return self.object_start(e.operand)
        if isinstance(e, T.AddrOf) and isinstance(e.target, (T.Local, T.GlobalRef)):
            return True
        if isinstance(e, T.Local) and ("var", id(e.var)) in self.object_starts:
            return True
        return self.blockish(e)

    def value_is_base(self, v: T.LocalVar) -> bool:
        """v (a pointer variable) always holds the base of its bounds."""
        return self.blockish(T.Local(v, v.type)) or ("var", id(v)) in self.object_starts

    def blockish(self, e) -> bool:
        if isinstance(e, T.PrintfArg):
            e = self.flows.printf_args.get(id(e))
            return e is not None and self.blockish(e)
        if isinstance(e, T.Const):
            return e.value == 0
        if isinstance(e, T.Convert):
            return self.blockish(e.operand)
        if isinstance(e, (T.Assign,)):
            return self.blockish(e.value)
        if isinstance(e, T.Comma):
            return self.blockish(e.second)
        if isinstance(e, T.Cond):
            return self.blockish(e.then) and self.blockish(e.other)
        if isinstance(e, T.Local):
            return ("var", id(e.var)) not in self.bad
        if isinstance(e, T.Call):
            if e.func.name in self.ALLOCATORS:
                return True
            return e.func.body is not None and ("ret", e.func.name) not in self.bad
        if isinstance(e, T.AddrOf):
            t = e.target
            if isinstance(t, T.StrLit):
                return True
            if isinstance(t, T.GlobalRef):
                self.globals_needed.add(id(t.var))
                return True
            return False
        if isinstance(e, (T.Member, T.Deref, T.GlobalRef)):
            return True                         # loaded from memory: blockish by induction
        return False


def literal_targets(program: T.Program) -> set:
    """Memory types that pointers stored in memory may reach as string literals (read-only
    blocks): pointer fields to them are declared read-only."""
    for g in program.globals:
        if g.init is not None and any(isinstance(t, T.StrLit) for _, t, _ in g.init.addrs):
            return {"bytes"}
    for f in program.functions:
        for n in T.nodes(f.body):
            if isinstance(n, T.Assign) and is_pointer(n.type) and not isinstance(n.target, T.Local):
                stored = [n.value]
            elif isinstance(n, T.InitLocal):
                stored = [v for off, t, v in n.parts if is_pointer(t) and (off or not is_pointer(n.var.type))]
            else:
                continue
            for v in stored:
                while isinstance(v, (T.Convert, T.PtrAdd)):
                    v = v.operand if isinstance(v, T.Convert) else v.ptr
                if isinstance(v, T.AddrOf) and isinstance(root_object(v.target), T.StrLit):
                    return {"bytes"}
    return set()


TYPED_FRAME_MAX = 2048     # bytes: a typed frame object is zeroed in straight-line code


def typed_frame_objects(f: T.Function, mt: MemTypes, blocks: "BlockStarts") -> dict:
    """id() of each local array or struct that holds pointers and can live in a typed frame
    area (docs/kernel.md, FRAME) -> its memory type. It must be reached only by indexing, by
    member access, by whole-struct assignment, and by passing its address to a parameter of
    the same memory type (never lent as plain bytes), and every pointer the program stores must be
    null or a block start (else loads from it have unknown bounds anyway and the kernel would
    refuse the stores). Untrusted: a wrong answer only makes the kernel refuse the module."""
    if not blocks.ok:
        return {}
    out = {}
    for v in f.locals:
        if isinstance(v.type, (ArrayType, StructType)) and v.type.size <= TYPED_FRAME_MAX:
            name = mt.name(v.type)
            if name != "bytes" and v.type.size % mt.layouts[name]["size"] == 0:
                out[id(v)] = name
    if not out:
        return out
    fine = set()            # id() of the nodes that use a local in an understood way
    for n in T.nodes(f.body):
        if isinstance(n, T.Deref) and known_array(n.ptr):
            fine.add(id(n.ptr.ptr))
        elif isinstance(n, T.Member):
            fine.add(id(n.base))
        elif isinstance(n, T.AddrOf):
            fine.add(id(n.target))
        elif isinstance(n, T.Call):
            for p, arg in zip(n.func.params, n.args):
                if isinstance(arg, T.AddrOf) and is_pointer(p.type) and \
                        mt.name(p.type.target) == mt.name(arg.target.type):
                    fine.add(id(arg))
        elif isinstance(n, T.Assign) and isinstance(n.type, StructType):
            fine.update((id(n.target), id(n.value)))      # copied word by word, hinted
        elif isinstance(n, T.InitLocal):
            fine.update(id(v) for _, t, v in n.parts if isinstance(t, StructType))
    for n in T.nodes(f.body):
        if isinstance(n, T.AddrOf) and id(n) not in fine:
            root = root_object(n.target)
            if isinstance(root, T.Local):
                out.pop(id(root.var), None)
        elif isinstance(n, T.Local) and isinstance(n.type, StructType) and id(n) not in fine:
            out.pop(id(n.var), None)
    return out


def address_taken(f: T.Function) -> set:
    """id() of every local or parameter whose address is taken (`&x`, members included)."""
    out = set()
    for n in T.nodes(f.body):
        if isinstance(n, T.AddrOf):
            t = n.target
            while isinstance(t, T.Member):
                t = t.base
            if isinstance(t, T.Local):
                out.add(id(t.var))
    return out


def calls_in(node) -> list[T.Call]:
    """Every Call in a statement or expression tree."""
    return [n for n in T.nodes(node) if isinstance(n, T.Call)]


@dataclass
class FrameInfo:
    """What the certificate generator needs to know about a function's code."""
    start: int              # .text offset of the entry
    frame: int              # bytes subtracted from rsp in the prologue
    loop_heads: list        # .text offsets of the loop headers (the cut points)
    ranges: dict            # loop header -> [(LocalVar, lo, hi)] known at that header
    bounds: dict            # id(LocalVar) of a pointer -> frame offset of its (base, end) words
    fills: dict             # cut point of a zero-fill loop -> (rsp offset of the object, words)
    typed: dict = None      # id(LocalVar) -> memory type of its typed frame area
    annots: dict = None     # cut point -> T.LoopSpec or T.AnnotStmt whose facts it asserts
    context: dict = None    # cut point -> the loops around it (T.While/DoWhile/For), outermost first
    room: int = 0           # bytes the entry's stack-limit check covers (0: no check)


class ModuleGen:
    def __init__(self, program: T.Program, annots=None, keep: frozenset = frozenset()):
        self.program = program
        self.annots = annots            # annotations.Annotations (None: no annotations)
        self.elide = annots.annotated if annots is not None else frozenset()
        self.keep = keep                # (function, line): accesses checked at run time anyway
        self.elided: list = []          # (function, line, access) left to the proof
        self.asm = Asm()
        self.memtypes = MemTypes(literal_targets(program))
        self.flows = PointerFlows(program)
        self.blocks = BlockStarts(program, self.flows)
        self.data = DataLayout(self.memtypes, self.blocks.globals_needed)
        self.fields: dict[str, dict] = {}       # function symbol -> {insn offset: (type, field)}
        self.allocs: dict[str, dict] = {}       # function symbol -> {call offset: type}
        self.lines: list[tuple[int, int]] = []
        self.import_slot = {name: i for i, name in enumerate(program.imports)}
        self.func_labels = {f.name: Label(f.name) for f in program.functions}
        # Calls inside the module go to the fat-ABI body: the function itself, or for an
        # exported function with pointer parameters the body behind its wrapper.
        self.body_labels = {f.name: Label(FAT_PREFIX + f.name) if needs_wrapper(f) else self.func_labels[f.name]
                            for f in program.functions}
        self.wrapped: dict[str, T.Function] = {}        # body symbol -> function
        self.frames: dict[str, FrameInfo] = {}
        self.checks: list[tuple[int, int, str]] = []    # (trap kind, line, function) in user code
        self.proven_accesses = 0                        # array accesses needing no check

    def wrapper(self, f: T.Function) -> Symbol:
        """The exported entry of f: the C arguments as they came, bounds for each pointer,
        then the fat body."""
        a = self.asm
        while len(a.code) % 16:
            a.code.append(0xCC)
        start = a.here()
        a.bind(self.func_labels[f.name])
        n, ptrs = len(f.params), pointer_params(f)
        total = n + 2 * len(ptrs)
        frame = align_up(8 * max(0, total - 6), 16) + 8
        overflow = self.stack_check(a, frame + 8)
        a.alu_ri("sub", RSP, frame)
        a.store_imm(Mem(RSP, 0), 0, 8)          # touch the frame (the kernel's STACK rule)
        for i in range(6, n):                   # C stack arguments move down to the call's
            a.load(RAX, Mem(RSP, frame + 8 + 8 * (i - 6)), 8)
            a.store(Mem(RSP, 8 * (i - 6)), RAX, 8)
        bounded = self.annots.wrapper_bounds(f) if self.annots is not None else {}
        if f.name != "main":
            for i in ptrs:                      # NULL, as the runtime passes (said plainly)
                if i in bounded:
                    continue                    # ... unless a contract gives its region
                if i < 6:
                    a.mov_imm(ARG_REGS[i], 0)
                else:
                    a.store_imm(Mem(RSP, 8 * (i - 6)), 0, 8)
        if main_with_argv(f):
            # main's argv is null or a block the runtime built: its header gives the end.
            block_bounds(a, RSI, RDX, RCX)
        else:
            for pos in range(n, total):         # NULL pointers: empty bounds
                if pos < 6:
                    a.mov_imm(ARG_REGS[pos], 0)
                else:
                    a.store_imm(Mem(RSP, 8 * (pos - 6)), 0, 8)
            for j, i in enumerate(ptrs):
                if i in bounded:
                    self.contract_bounds(f, frame, i, n + 2 * j, *bounded[i])
        a.call(self.body_labels[f.name])
        a.alu_ri("add", RSP, frame)
        a.ret()
        self.stack_trap(a, overflow, f.line)
        self.frames[f.name] = FrameInfo(start, frame, [], {}, {}, {}, room=frame + 8)
        return Symbol(f.name, ".text", start, a.here() - start, "func", True)

    def stack_check(self, a: Asm, room: int) -> Label:
        """At a function's entry, before any stack write: go on only if rsp - room >= the
        stack limit (the kernel then knows S - room >= L); else jump to the returned label,
        to be bound by stack_trap."""
        overflow = a.label("overflow")
        a.lea(R11, Mem(RSP, -room))
        a.alu_rm("cmp", R11, RipRef(".certa.imports", 8 * self.import_slot[LIMIT_SLOT]))
        a.jcc("l", overflow)
        return overflow

    def stack_trap(self, a: Asm, overflow: Label, line: int) -> None:
        """__certa_trap(stack, line), reached at entry depth (rsp - 8 realigns the call)."""
        a.bind(overflow)
        a.alu_ri("sub", RSP, 8)
        a.mov_imm(RDI, TRAP_STACK)
        a.mov_imm(RSI, max(line, 0))
        a.call_import(self.import_slot["__certa_trap"])

    def contract_bounds(self, f: T.Function, frame: int, i: int, pos: int, count, size: int) -> None:
        """In a wrapper: bounds [p, p + max(count, 0) * size) for pointer parameter i, count a
        polynomial over the C parameters p0, p1, ... (a requires \\valid(p + (0..count-1)))."""
        a = self.asm

        def param(j: int, reg: int) -> None:
            if j < 6:
                a.mov_rr(reg, ARG_REGS[j])
            else:
                a.load(reg, Mem(RSP, frame + 8 + 8 * (j - 6)), 8)
            t = f.params[j].type
            if isinstance(t, IntType) and t.size < 8:
                a.extend(reg, t.size, t.signed)
        a.mov_imm(RAX, 0)
        for c, mono in count.to_data():
            a.mov_imm(R10, c)
            for name in mono:
                param(int(name[1:]), R11)
                a.imul_rr(R10, R11)
            a.alu_rr("add", RAX, R10)
        ok = a.label()
        a.alu_ri("cmp", RAX, 0)
        a.jcc("ge", ok)
        a.mov_imm(RAX, 0)
        a.bind(ok)
        a.mov_imm(R10, size)
        a.imul_rr(RAX, R10)
        param(i, R10)
        a.alu_rr("add", RAX, R10)
        for k, reg in ((pos, R10), (pos + 1, RAX)):
            if k < 6:
                a.mov_rr(ARG_REGS[k], reg)
            else:
                a.store(Mem(RSP, 8 * (k - 6)), reg, 8)

    def generate(self) -> ModuleImage:
        for g in self.program.globals:
            self.data.add_global(g)
        for g in self.program.globals:
            self.data.fill(g)
        symbols = []
        for f in self.program.functions:
            # Pass 1 measures the temporaries on a scratch assembler; pass 2 emits.
            scratch = FunctionGen(Asm(), f, self, 0)
            saved_lines = list(self.lines)
            scratch.gen()
            self.lines[:] = saved_lines
            exported = not f.static and not f.library
            if needs_wrapper(f):
                symbols.append(self.wrapper(f))
            while len(self.asm.code) % 16:
                self.asm.code.append(0xCC)     # int3 padding between functions
            start = self.asm.here()
            label = self.body_labels[f.name]
            self.asm.bind(label)
            gen = FunctionGen(self.asm, f, self, scratch.max_temps)
            gen.gen(scratch.calls_out)
            self.frames[label.name] = FrameInfo(start, gen.frame, [l.pos for l in gen.cut_labels],
                                                {l.pos: gen.cut_facts.get(id(l), []) for l in gen.cut_labels},
                                                gen.bounds,
                                                {l.pos: gen.fill_loops[id(l)] for l in gen.cut_labels
                                                 if id(l) in gen.fill_loops}, gen.typed,
                                                {l.pos: gen.cut_annots[id(l)] for l in gen.cut_labels
                                                 if gen.cut_annots.get(id(l)) is not None},
                                                {l.pos: gen.cut_context.get(id(l), []) for l in gen.cut_labels},
                                                gen.room)
            self.wrapped[label.name] = f
            symbols.append(Symbol(label.name, ".text", start, self.asm.here() - start, "func",
                                  exported and not needs_wrapper(f)))
        self.asm.resolve_labels()
        sizes = {".text": len(self.asm.code), ".rodata": len(self.data.rodata),
                 ".certa.imports": 8 * len(self.program.imports), ".data": len(self.data.data),
                 ".bss": self.data.bss_size}
        addrs = layout(sizes)
        self.asm.resolve_rip(addrs[".text"], addrs)
        iface = {
            "format": "certa-iface/0",
            "source": self.program.source,
            "functions": [
                {"name": f.name, "params": [iface_name(p) for p in f.type.params],
                 "ret": iface_name(f.type.ret), "exported": True,
                 "param_names": [v.name for v in f.params]}
                for f in self.program.functions if not f.static and not f.library],
        }
        all_symbols = [s for s in self.data.symbols + symbols if not s.exported] + \
                      [s for s in symbols if s.exported]
        lines = []
        for off, line in self.lines:
            if lines and lines[-1][0] == off:
                lines[-1] = (off, line)
            elif not lines or lines[-1][1] != line:
                lines.append((off, line))
        return ModuleImage(
            text=bytes(self.asm.code), rodata=bytes(self.data.rodata), data=bytes(self.data.data),
            bss_size=self.data.bss_size, imports=tuple(self.program.imports),
            symbols=tuple(all_symbols), relocations=tuple(self.data.relocations),
            lines=tuple(lines), iface=json.dumps(iface, indent=1).encode(), cert=b"")
