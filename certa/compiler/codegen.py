"""x86-64 machine code, data sections and symbols from the typed AST.

What this pass produces: a `ModuleImage` (certa/kernel/modfile.py) holding the code of every
function, the module's data, its symbols, line table and interface. The code generator is
deliberately simple (every value lives in a frame slot; expressions are computed in rax with
rcx/rdx/r8 as scratch), in a shape a register allocator can replace later:

* Frame: on entry `sub rsp, F` once, where F ≡ 8 (mod 16) so that every call site has
  rsp ≡ 0 (mod 16); nothing else ever changes rsp until `add rsp, F; ret`. From rsp upward:
  the outgoing stack-argument area, the locals (parameters first), then expression temporaries.
  So rsp is the entry rsp minus a constant at every instruction (DESIGN §3).
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
from certa.compiler.ctype import (
    BOOL, INT, LONG, ArrayType, CType, IntType, PointerType, StructType, VoidType, iface_name)
from certa.compiler.x86 import (
    ARG_REGS, NEGATE, R8, RAX, RCX, RDI, RDX, RSI, RSP, Asm, Label, Mem, RipRef, fits32)
from certa.kernel.modfile import ModuleImage, Relocation, Symbol, layout

TRAP_BOUNDS, TRAP_DIVIDE = 1, 3      # kinds for __certa_trap (see certa/runtime)
# Run-time checks (array bounds, divisors). Always on for users; bench/kernel.py turns them
# off in-process only to measure what they cost (such modules do not pass the kernel).
RUNTIME_CHECKS = True
JOIN_PATHS = 16         # a join gets a cut point once this many paths may reach it
SIGNED_CC = {"==": "e", "!=": "ne", "<": "l", "<=": "le", ">": "g", ">=": "ge"}
UNSIGNED_CC = {"==": "e", "!=": "ne", "<": "b", "<=": "be", ">": "a", ">=": "ae"}


def is_signed(t: CType) -> bool:
    return isinstance(t, IntType) and t.signed


def align_up(n: int, a: int) -> int:
    return (n + a - 1) // a * a


def log2(n: int) -> int | None:
    return n.bit_length() - 1 if n > 0 and n & (n - 1) == 0 else None


class DataLayout:
    """Where every global and string literal lives, and the bytes of .rodata/.data."""

    def __init__(self):
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
            off = len(self.rodata)
            self.rodata += data
            self.strings[data] = off
            self.symbols.append(Symbol(f".str.{len(self.strings) - 1}", ".rodata", off, len(data),
                                       "object", False))
        return off

    def add_global(self, g: T.GlobalVar) -> None:
        t = g.type
        align = max(t.align, 16 if t.size >= 16 else 1)
        if g.init is None or (not g.init.addrs and not any(v for _, _, v in g.init.values)):
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
        buf += bytes(align_up(len(buf), align) - len(buf))
        off = len(buf)
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
        out_args = max([max(0, len(c.args) - 6) for c in calls_in(f.body)] + [0])
        self.locals_base = 8 * out_args
        offset = 0
        for v in f.params + f.locals:
            offset = align_up(offset, max(v.type.align, 1))
            v.offset = self.locals_base + offset
            offset += max(v.type.size, 1)
        self.temp_base = align_up(self.locals_base + offset, 8)
        self.temps = 0
        self.max_temps = 0
        self.frame = align_up(self.temp_base + 8 * temp_slots, 16) + 8
        self.loop_stack: list[tuple[Label, Label | None]] = []   # (break, continue)
        self.cut_labels: list[Label] = []                          # loop headers
        self.cut_facts: dict[int, list] = {}       # id(label) -> [(LocalVar, lo, hi)]
        self.counted: dict[int, tuple] = {}        # counters of the enclosing counted loops
        self.case_labels: dict[int, Label] = {}
        self.last_line = -1

    # -- bookkeeping ---------------------------------------------------------------
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

    # -- function -------------------------------------------------------------------
    def gen(self) -> None:
        a, f = self.asm, self.f
        self.traps: dict = {}
        self.line(f.line)
        a.alu_ri("sub", RSP, self.frame)
        # Touch the frame a page at a time from the top, so a deep stack faults in the
        # guard page instead of skipping it (the kernel's STACK rule).
        depth = 4096
        while depth < self.frame:
            a.store_imm(Mem(RSP, self.frame - depth), 0, 8)
            depth += 4096
        a.store_imm(Mem(RSP, 0), 0, 8)
        for v in f.locals:
            if v.type.is_scalar():          # every scalar local starts known (zero)
                a.store_imm(self.local_mem(v), 0, v.type.size)
        for i, v in enumerate(f.params):
            size = v.type.size
            if i < 6:
                a.store(self.local_mem(v), ARG_REGS[i], size)
            else:
                a.load(RAX, Mem(RSP, self.frame + 8 + 8 * (i - 6)), 8)
                a.store(self.local_mem(v), RAX, size)
        self.epilogue = a.label("epilogue")
        self.stmt(f.body)
        a.mov_imm(RAX, 0)        # falling off the end returns 0 (main's rule, harmless elsewhere)
        a.bind(self.epilogue)
        a.alu_ri("add", RSP, self.frame)
        a.ret()
        self.emit_traps()

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
                paths = 2 if isinstance(sub, (T.While, T.DoWhile, T.For)) else paths * path_factor(sub)
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
        elif isinstance(s, T.While):
            top, cond, end = a.label(), a.label(), a.label()
            self.cut_labels.append(cond)
            a.jmp(cond)
            a.bind(top)
            self.loop_stack.append((end, cond))
            self.stmt(s.body)
            self.loop_stack.pop()
            a.bind(cond)
            self.branch(s.cond, top, True)
            a.bind(end)
        elif isinstance(s, T.DoWhile):
            top, cont, end = a.label(), a.label(), a.label()
            self.cut_labels.append(top)
            a.bind(top)
            self.loop_stack.append((end, cont))
            self.stmt(s.body)
            self.loop_stack.pop()
            a.bind(cont)
            self.branch(s.cond, top, True)
            a.bind(end)
        elif isinstance(s, T.For):
            top, cont, cond, end = a.label(), a.label(), a.label(), a.label()
            self.cut_labels.append(cond)
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
            self.stmt(s.body)
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
        self.cut_labels.append(label)
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
            self.zero_fill(Mem(RSP, v.offset), v.type.size)
        for offset, t, value in s.parts:
            if isinstance(t, StructType):
                self.expr(value)                     # address of the source struct
                a.lea(RCX, self.local_mem(v, offset))
                self.copy(RCX, RAX, t.size)
            else:
                self.expr(value)
                a.store(self.local_mem(v, offset), RAX, t.size)

    def zero_fill(self, m: Mem, size: int) -> None:
        a = self.asm
        a.mov_imm(RCX, 0)
        off = 0
        if size > 256:
            # Loop: rdx walks the object in 8-byte steps.
            a.lea(RDX, m)
            a.lea(R8, Mem(m.base, m.disp + size // 8 * 8))
            top = a.label()
            a.bind(top)
            a.store(Mem(RDX, 0), RCX, 8)
            a.alu_ri("add", RDX, 8)
            a.alu_rr("cmp", RDX, R8)
            a.jcc("b", top)
            off = size // 8 * 8
        for size_step in (8, 4, 2, 1):
            while size - off >= size_step:
                a.store(Mem(m.base, m.disp + off), RCX, size_step)
                off += size_step

    def copy(self, dst: int, src: int, size: int) -> None:
        """Copy `size` bytes from [src] to [dst] (both registers other than rdx/r8)."""
        a = self.asm
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
                if step >= 4:
                    a.load(RDX, Mem(src, off), step)
                else:
                    a.load_ext(RDX, Mem(src, off), step, False)
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
                self.asm.load(reg, held[e.index], 8)
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

    def lvalue(self, e: T.Expr):
        """A memory operand for lvalue e. May compute an address into rax; the operand is
        then based on rax."""
        a = self.asm
        if isinstance(e, T.Local):
            return self.local_mem(e.var)
        if isinstance(e, T.GlobalRef):
            sec, off = self.mod.data.place[id(e.var)]
            return RipRef(sec, off)
        if isinstance(e, T.StrLit):
            return RipRef(".rodata", self.mod.data.string(e.data))
        if isinstance(e, T.Member):
            m = self.lvalue(e.base)
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
        elif isinstance(e, (T.Local, T.GlobalRef, T.Member, T.Deref, T.StrLit)):
            m = self.lvalue(e)
            self.load_typed(RAX, m, e.type)
        elif isinstance(e, T.AddrOf):
            m = self.lvalue(e.target)
            if not (isinstance(m, Mem) and m.base == RAX and m.disp == 0):
                a.lea(RAX, m)
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
                    held[i] = self.push_temp()
                    a.store(held[i], RAX, 8)
            outer = getattr(self, "printf_values", None)
            t = self.push_temp()
            a.store_imm(t, 0, 8)
            for piece in e.pieces:
                self.printf_values = (e.values, held)
                self.call(piece)
                self.printf_values = outer
                a._op(b"\x01", RAX, t, 8)        # add [t], rax
            a.load_ext(RAX, t, 4, True)
            for _ in range(1 + sum(1 for h in held if h is not None)):
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
        t = self.push_temp()
        a.store(t, RAX, 8)
        self.expr(e.index)
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
            m = self.lvalue(target)
            a.lea(RCX, m)
            a.load(RSI, s, 8)
            self.pop_temp()
            a.mov_rr(RDI, RCX)
            self.copy(RDI, RSI, t.size)
            a.mov_rr(RAX, RCX)
            return
        if isinstance(target, (T.Local, T.GlobalRef)):
            self.expr(e.value)
            a.store(self.lvalue(target), RAX, t.size)
            return
        if self.simple(e.value):
            m = self.rebase(self.lvalue(target), RCX if False else RAX)
            self.load_simple(e.value, RCX)
            a.store(m, RCX, t.size)
            a.mov_rr(RAX, RCX)
            return
        m = self.lvalue(target)
        if isinstance(m, Mem) and m.base == RAX:
            s = self.push_temp()
            a.store(s, RAX, 8)
            self.expr(e.value)
            a.load(RCX, s, 8)
            self.pop_temp()
            a.store(Mem(RCX, m.disp), RAX, t.size)
        else:
            self.expr(e.value)
            a.store(m, RAX, t.size)

    def target_in_r8(self, target: T.Expr):
        """A memory operand for `target` that survives computing another expression:
        frame/rip operands as they are, computed addresses kept in r8 (reloaded from a
        temporary by the caller via the returned reload step)."""
        m = self.lvalue(target)
        if isinstance(m, Mem) and m.base == RAX:
            s = self.push_temp()
            self.asm.store(s, RAX, 8)
            return Mem(R8, m.disp), s
        return m, None

    def compound_assign(self, e: T.CompoundAssign) -> None:
        a = self.asm
        m, saved = self.target_in_r8(e.target)
        self.expr(e.value)
        a.mov_rr(RCX, RAX)
        if saved is not None:
            a.load(R8, saved, 8)
        t = e.type
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
        a.store(m, RAX, t.size)
        if saved is not None:
            self.pop_temp()

    def inc_dec(self, e: T.IncDec) -> None:
        a = self.asm
        m = self.lvalue(e.target)
        if isinstance(m, Mem) and m.base == RAX:
            a.mov_rr(R8, RAX)
            m = Mem(R8, m.disp)
        t = e.type
        self.load_typed(RAX, m, t)
        if not e.prefix:
            a.mov_rr(RDX, RAX)
        a.alu_ri("add", RAX, e.delta) if fits32(e.delta) else (a.mov_imm(RCX, e.delta), a.alu_rr("add", RAX, RCX))
        if isinstance(t, IntType) and t.name == "_Bool":
            self.convert(LONG, BOOL)
        else:
            self.canon(t)
        a.store(m, RAX, t.size)
        if not e.prefix:
            a.mov_rr(RAX, RDX)

    def call(self, e: T.Call) -> None:
        a = self.asm
        args = e.args
        # Arguments are evaluated right to left, as gcc does on x86-64 (C leaves the
        # order unspecified; matching gcc keeps differential tests meaningful).
        slots: list[Mem | None] = [None] * len(args)
        for i in reversed(range(len(args))):
            if not self.simple(args[i]):
                self.expr(args[i])
                slots[i] = self.push_temp()
                a.store(slots[i], RAX, 8)
        for i, (arg, s) in enumerate(zip(args, slots)):
            reg = ARG_REGS[i] if i < 6 else RAX
            if s is None:
                self.load_simple(arg, reg)
            else:
                a.load(reg, s, 8)
            if i >= 6:
                a.store(Mem(RSP, 8 * (i - 6)), RAX, 8)
        for s in slots:
            if s is not None:
                self.pop_temp()
        self.line(e.line or self.last_line)
        if e.func.body is None:
            a.call_import(self.mod.import_slot[e.func.name])
        else:
            a.call(self.mod.func_labels[e.func.name])
        self.canon(e.type)


def path_factor(s: T.Stmt) -> int:
    """About how many paths leave statement s for each that enters it: each two-way choice
    doubles them (a run-time check's trap path ends at once, so checks do not count)."""
    k = sum(1 for n in T.nodes(s) if isinstance(n, (T.If, T.Logical, T.Cond, T.CaseLabel,
                                                    T.While, T.DoWhile, T.For)))
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


class ModuleGen:
    def __init__(self, program: T.Program):
        self.program = program
        self.asm = Asm()
        self.data = DataLayout()
        self.lines: list[tuple[int, int]] = []
        self.import_slot = {name: i for i, name in enumerate(program.imports)}
        self.func_labels = {f.name: Label(f.name) for f in program.functions}
        self.frames: dict[str, FrameInfo] = {}
        self.checks: list[tuple[int, int, str]] = []    # (trap kind, line, function) in user code
        self.proven_accesses = 0                        # array accesses needing no check

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
            while len(self.asm.code) % 16:
                self.asm.code.append(0xCC)     # int3 padding between functions
            start = self.asm.here()
            self.asm.bind(self.func_labels[f.name])
            gen = FunctionGen(self.asm, f, self, scratch.max_temps)
            gen.gen()
            self.frames[f.name] = FrameInfo(start, gen.frame, [l.pos for l in gen.cut_labels],
                                            {l.pos: gen.cut_facts.get(id(l), []) for l in gen.cut_labels})
            exported = not f.static and not f.library
            symbols.append(Symbol(f.name, ".text", start, self.asm.here() - start, "func", exported))
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
                 "ret": iface_name(f.type.ret), "exported": True}
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
