"""The kernel's decoder: machine code bytes to instructions of a small whitelist.

What this file guarantees: `decode_one(code, offset)` either returns the one instruction a
64-bit x86 CPU executes when it fetches at `offset` (its exact length, its operation and
every operand it names), or raises `DecodeError("DECODE: offset 0x1a3: reason")`. It never
raises anything else, whatever the bytes. `decode_range` does a linear sweep and rejects an
instruction that crosses the end of the range.

Soundness rests on agreeing with the CPU, and agreement rests on accepting little. The
whitelist (docs/kernel-decoder.md) names exact tuples of prefixes, opcode, ModRM.reg and
ModRM.mod; every other byte pattern is rejected. The rules that close the known gaps
between a naive decoder and the CPU (DESIGN §9 item 3):

- Prefixes: at most one `66`, then at most one REX, which must immediately precede the
  opcode (a REX followed by anything else is ignored by the CPU, so we reject it). No lock,
  rep, segment-override or `67` prefix; no `66` together with REX.W; no `66` on byte
  operations, branches, calls, ret, push, pop, setcc, lea, movsxd, cqo/cdq, div/idiv or nop;
  no REX at all on branches, calls, ret and nop.
- Byte registers 4-7 name AH, CH, DH, BH without a REX prefix and SPL, BPL, SIL, DIL with
  one. We never accept the AH-BH meaning.
- Undocumented aliases (F6/F7 /1 test, D1/D3/C1 /6 sal) and every form whose meaning we do
  not model (one-operand mul/imul, 8-bit div, rotates, adc/sbb, inc/dec, string and system
  instructions) are rejected.
- REX bits the CPU ignores for a form (REX.W on a byte operation, REX.R where ModRM.reg is
  an opcode extension, REX.X without an index) are ignored here too: the manual defines them
  as ignored, so both sides agree.

Operand conventions: registers are numbered rax=0 ... r15=15; operands are in Intel order
(destination first). An `Imm` holds the immediate read as a signed integer of its encoded
width, so a form that sign-extends it to the operand size has exactly that value; its
`size` is the operand size (a shift count is an unsigned byte of size 1). A rip-relative
`Mem` has `rip=True`, `base=None`, and `disp` relative to the end of the instruction; the
instruction's `rip_target` is that address as an offset into .text. Branch targets are
offsets into .text too (the caller checks they land on instruction starts).
"""
from dataclasses import dataclass


class DecodeError(Exception):
    """A byte pattern outside the whitelist. The message is `DECODE: offset 0x..: reason`."""


REG_NAMES = {
    8: ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"] + [f"r{i}" for i in range(8, 16)],
    4: ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] + [f"r{i}d" for i in range(8, 16)],
    2: ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"] + [f"r{i}w" for i in range(8, 16)],
    1: ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"] + [f"r{i}b" for i in range(8, 16)],
}
PTR = {1: "byte ptr ", 2: "word ptr ", 4: "dword ptr ", 8: "qword ptr ", 0: ""}
CC = ("o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g")
ALU = ("add", "or", "adc", "sbb", "and", "sub", "xor", "cmp")   # by opcode >> 3 or ModRM.reg
SHIFT = {4: "shl", 5: "shr", 7: "sar"}
CC_PREFIX = {"jcc": "j", "setcc": "set", "cmovcc": "cmov"}

# Opcodes rejected with a name rather than "unknown opcode" (the message is "<name> is not
# allowed"). Everything not decoded below is rejected whether it is listed here or not.
NAMED_ONE = {0xCC: "int3", 0xCD: "int", 0xF4: "hlt", 0xC2: "ret imm16", 0xCA: "far ret",
             0xCB: "far ret", 0xCF: "iret", 0x68: "push imm", 0x6A: "push imm", 0x8F: "pop r/m",
             0x9C: "pushf", 0x9D: "popf", 0x9E: "sahf", 0x9F: "lahf", 0x98: "cbw/cwde/cdqe",
             0xC8: "enter", 0xC9: "leave", 0xFA: "cli", 0xFB: "sti", 0xC4: "VEX prefix",
             0xC5: "VEX prefix", 0x62: "EVEX prefix", 0x8C: "mov from a segment register",
             0x8E: "mov to a segment register", 0xA8: "short accumulator form of test",
             0xA9: "short accumulator form of test"}
NAMED_TWO = {0x05: "syscall", 0x07: "sysret", 0x34: "sysenter", 0x35: "sysexit", 0x0B: "ud2",
             0xA2: "cpuid", 0x31: "rdtsc", 0x30: "wrmsr", 0x32: "rdmsr", 0x01: "system instruction",
             0x1F: "multi-byte nop", 0xB0: "cmpxchg", 0xB1: "cmpxchg", 0xC7: "cmpxchg8b/16b",
             0xC0: "xadd", 0xC1: "xadd", 0xA3: "bt", 0xAB: "bts", 0xB3: "btr", 0xBB: "btc",
             0xBA: "bt", 0xBC: "bsf", 0xBD: "bsr"}
for _name, _codes in (("xchg", [0x86, 0x87, *range(0x91, 0x98)]),
                      ("8-bit shift", [0xC0, 0xD0, 0xD2]),
                      ("in/out", [*range(0xE4, 0xE8), *range(0xEC, 0xF0)]),
                      ("ins/outs", range(0x6C, 0x70)), ("loop/jrcxz", range(0xE0, 0xE4)),
                      ("string instruction", [*range(0xA4, 0xA8), *range(0xAA, 0xB0)]),
                      ("mov r8, imm8", range(0xB0, 0xB8)), ("x87", range(0xD8, 0xE0))):
    NAMED_ONE.update(dict.fromkeys(_codes, _name))
del _name, _codes
NAMED_TWO.update(dict.fromkeys(range(0xC8, 0xD0), "bswap"))
PREFIX_NAMES = {0xF0: "lock prefix", 0xF2: "rep prefix", 0xF3: "rep prefix",
                0x67: "address-size prefix"}
PREFIX_NAMES.update(dict.fromkeys((0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65), "segment override prefix"))


@dataclass(frozen=True)
class Reg:
    num: int            # 0..15, rax=0 ... r15=15
    size: int           # 1, 2, 4 or 8


@dataclass(frozen=True)
class Mem:
    base: int | None    # register number; None for rip-relative or no base
    index: int | None
    scale: int          # 1, 2, 4 or 8 (1 when there is no index)
    disp: int
    size: int           # bytes accessed: 1, 2, 4, 8; 0 for lea
    rip: bool           # disp is relative to the end of the instruction


@dataclass(frozen=True)
class Imm:
    value: int
    size: int


@dataclass(frozen=True)
class Insn:
    offset: int
    length: int
    op: str
    operands: tuple
    size: int
    cc: str | None = None
    target: int | None = None
    rip_target: int | None = None

    def text(self) -> str:
        name = CC_PREFIX[self.op] + self.cc if self.op in CC_PREFIX else self.op
        name = "call" if name == "call_import" else name
        ops = [_fmt(o) for o in self.operands]
        if self.target is not None:
            ops.append(hex(self.target))
        return name + (" " + ", ".join(ops) if ops else "")


def _fmt(o) -> str:
    if isinstance(o, Reg):
        return REG_NAMES[o.size][o.num]
    if isinstance(o, Imm):
        return hex(o.value)
    parts = ["rip"] if o.rip else [] if o.base is None else [REG_NAMES[8][o.base]]
    if o.index is not None:
        parts.append(f"{REG_NAMES[8][o.index]}*{o.scale}")
    s = " + ".join(parts)
    if o.disp or not parts:
        s += (" - " if o.disp < 0 else " + ") + hex(abs(o.disp)) if parts else hex(o.disp)
    return f"{PTR[o.size]}[{s}]"


class _Decoder:
    """The state of decoding one instruction: a cursor into `code` and the prefixes."""

    def __init__(self, code: bytes, offset: int):
        self.code, self.start, self.pos = code, offset, offset
        self.p66, self.rex = False, None

    def fail(self, reason: str):
        raise DecodeError(f"DECODE: offset {self.start:#x}: {reason}")

    def byte(self) -> int:
        if self.pos >= len(self.code):
            self.fail("truncated instruction")
        self.pos += 1
        return self.code[self.pos - 1]

    def signed(self, n: int) -> int:
        if self.pos + n > len(self.code):
            self.fail("truncated instruction")
        self.pos += n
        return int.from_bytes(self.code[self.pos - n:self.pos], "little", signed=True)

    def rexbit(self, mask: int) -> int:
        return 8 if self.rex is not None and self.rex & mask else 0

    # -- prefixes ---------------------------------------------------------------------
    def prefixes(self) -> int:
        """Read [66] [REX] and return the opcode byte."""
        b = self.byte()
        if b == 0x66:
            self.p66, b = True, self.byte()
        if 0x40 <= b <= 0x4F:
            self.rex, b = b, self.byte()
        if b in PREFIX_NAMES:
            self.fail(f"{PREFIX_NAMES[b]} is not allowed")
        if b == 0x66 or 0x40 <= b <= 0x4F:
            if self.rex is not None:
                self.fail("REX prefix must immediately precede the opcode" if b == 0x66
                          else "two REX prefixes")
            self.fail("duplicated 66 prefix")
        if self.p66 and self.rexbit(8):
            self.fail("66 prefix together with REX.W")
        return b

    def no66(self, what: str) -> None:
        if self.p66:
            self.fail(f"66 prefix is not allowed on {what}")

    def bare(self, what: str) -> None:
        """Branches, calls, ret and nop take no prefix at all."""
        self.no66(what)
        if self.rex is not None:
            self.fail(f"REX prefix is not allowed on {what}")

    def osize(self, byte_op: bool = False) -> int:
        if byte_op:
            self.no66("a byte operation")
            return 1
        return 8 if self.rexbit(8) else 2 if self.p66 else 4

    # -- operands ---------------------------------------------------------------------
    def reg(self, num: int, size: int) -> Reg:
        if size == 1 and self.rex is None and 4 <= num <= 7:
            self.fail("AH-BH registers are not allowed")
        return Reg(num, size)

    def modrm(self):
        """Read ModRM [SIB] [disp]. Returns (ModRM.reg without REX.R, ModRM.reg with REX.R,
        rm) where rm is a register number or a (base, index, scale, disp, rip) tuple."""
        m = self.byte()
        mod, ext, rm = m >> 6, (m >> 3) & 7, m & 7
        if mod == 3:
            return ext, ext | self.rexbit(4), rm | self.rexbit(1)
        base, index, scale, disp, rip = rm | self.rexbit(1), None, 1, 0, False
        if rm == 4:
            sib = self.byte()
            idx = (sib >> 3) & 7 | self.rexbit(2)
            if idx != 4:                          # index 100 without REX.X: no index
                index, scale = idx, 1 << (sib >> 6)
            base = sib & 7 | self.rexbit(1)
            if sib & 7 == 5 and mod == 0:         # no base, disp32
                base, disp = None, self.signed(4)
        elif rm == 5 and mod == 0:                # rip-relative, disp32
            base, rip, disp = None, True, self.signed(4)
        if mod == 1:
            disp = self.signed(1)
        elif mod == 2:
            disp = self.signed(4)
        return ext, ext | self.rexbit(4), (base, index, scale, disp, rip)

    def rm(self, rm, size: int):
        return self.reg(rm, size) if isinstance(rm, int) else Mem(*rm[:4], size, rm[4])

    def imm(self, n: int, size: int) -> Imm:
        return Imm(self.signed(n), size)

    def done(self, op: str, operands: tuple, size: int, cc=None, target=None) -> Insn:
        rip = [o.disp + self.pos for o in operands if isinstance(o, Mem) and o.rip]
        return Insn(self.start, self.pos - self.start, op, operands, size, cc, target,
                    rip[0] if rip else None)

    def branch(self, op: str, n: int, cc=None) -> Insn:
        self.bare(op)
        rel = self.signed(n)
        return self.done(op, (), 0, cc, self.pos + rel)

    # -- the whitelist ----------------------------------------------------------------
    def decode(self) -> Insn:
        op = self.prefixes()
        if op == 0x0F:
            return self.two_byte(self.byte())
        if op < 0x40 and op & 7 <= 3 or op in (0x84, 0x85, 0x88, 0x89, 0x8A, 0x8B):
            name = ALU[op >> 3] if op < 0x40 else "test" if op < 0x88 else "mov"
            if name in ("adc", "sbb"):                    # ALU, test, mov: r/m, r or r, r/m
                self.fail(f"{name} is not allowed")
            size = self.osize(op & 1 == 0)
            _, r, rm = self.modrm()
            ops = (self.rm(rm, size), self.reg(r, size))
            return self.done(name, ops[::-1] if op & 2 else ops, size)
        if op < 0x40 and op & 7 in (4, 5):
            self.fail(f"short accumulator form of {ALU[op >> 3]} is not allowed")
        if op in (0x80, 0x81, 0x83, 0xC6, 0xC7):          # ALU r/m, imm; mov r/m, imm
            size = self.osize(op in (0x80, 0xC6))
            ext, _, rm = self.modrm()
            name = ALU[ext] if op < 0xC6 else "mov" if ext == 0 else f"opcode {op:#04x} /{ext}"
            if name in ("adc", "sbb") or name.startswith("opcode"):
                self.fail(f"{name} is not allowed")
            dst = self.rm(rm, size)
            return self.done(name, (dst, self.imm(1 if op == 0x83 else min(size, 4), size)), size)
        if 0xB8 <= op <= 0xBF:                            # mov r32, imm32 / mov r64, imm64
            self.no66("mov r, imm")
            size = self.osize()
            dst = Reg(op - 0xB8 | self.rexbit(1), size)
            return self.done("mov", (dst, self.imm(size, size)), size)
        if op == 0x63:
            if not self.rexbit(8):
                self.fail("movsxd without REX.W is not allowed")
            _, r, rm = self.modrm()
            return self.done("movsxd", (Reg(r, 8), self.rm(rm, 4)), 8)
        if op == 0x8D:
            if not self.rexbit(8):
                self.fail("lea must be 64-bit (REX.W)")
            _, r, rm = self.modrm()
            if isinstance(rm, int):
                self.fail("lea with a register operand is not allowed")
            return self.done("lea", (Reg(r, 8), self.rm(rm, 0)), 8)
        if op in (0x69, 0x6B):                            # imul r, r/m, imm
            size = self.osize()
            _, r, rm = self.modrm()
            src = self.rm(rm, size)
            n = 1 if op == 0x6B else min(size, 4)
            return self.done("imul", (Reg(r, size), src, self.imm(n, size)), size)
        if op in (0xF6, 0xF7):
            return self.group3(op)
        if op in (0xC1, 0xD1, 0xD3):                      # shl/shr/sar
            size = self.osize()
            ext, _, rm = self.modrm()
            if ext not in SHIFT:
                self.fail("undocumented sal alias (/6) is not allowed" if ext == 6
                          else "rotate is not allowed")
            dst = self.rm(rm, size)
            count = Reg(1, 1) if op == 0xD3 else Imm(1, 1) if op == 0xD1 else Imm(self.byte(), 1)
            return self.done(SHIFT[ext], (dst, count), size)
        if op == 0x99:
            self.no66("cqo/cdq")
            return self.done("cqo" if self.rexbit(8) else "cdq", (), self.osize())
        if 0x50 <= op <= 0x5F:
            self.no66("push/pop")
            return self.done("push" if op < 0x58 else "pop", (Reg(op & 7 | self.rexbit(1), 8),), 8)
        if 0x70 <= op <= 0x7F:
            return self.branch("jcc", 1, CC[op - 0x70])
        if op in (0xE8, 0xE9, 0xEB):
            return self.branch("call" if op == 0xE8 else "jmp", 1 if op == 0xEB else 4)
        if op == 0xC3:
            self.bare("ret")
            return self.done("ret", (), 0)
        if op == 0x90:
            self.bare("nop")
            return self.done("nop", (), 0)
        if op == 0xFF:
            return self.group5()
        if op in NAMED_ONE:
            self.fail(f"{NAMED_ONE[op]} is not allowed")
        self.fail(f"privileged or unknown opcode {op:#04x}")

    def group3(self, op: int) -> Insn:
        """F6/F7: test r/m, imm; not; neg; div; idiv."""
        size = self.osize(op == 0xF6)
        ext, _, rm = self.modrm()
        if ext == 1:
            self.fail("undocumented test alias (/1) is not allowed")
        if op == 0xF6 and ext != 0:
            self.fail(f"8-bit form of opcode 0xf6 /{ext} is not allowed")
        if ext in (4, 5):
            self.fail("one-operand mul/imul is not allowed")
        if ext in (6, 7):
            self.no66("div/idiv")
        dst = self.rm(rm, size)
        if ext == 0:
            return self.done("test", (dst, self.imm(min(size, 4), size)), size)
        return self.done(("", "", "not", "neg", "", "", "div", "idiv")[ext], (dst,), size)

    def group5(self) -> Insn:
        """FF: only `call qword ptr [rip + disp32]` (the import table)."""
        ext, _, rm = self.modrm()
        if ext == 2 and not isinstance(rm, int) and rm[4]:
            self.bare("call_import")
            return self.done("call_import", (self.rm(rm, 8),), 0)
        names = ("inc", "dec", "indirect call", "far call", "indirect jump", "far jump",
                 "push r/m", "opcode 0xff /7")
        self.fail(f"{names[ext]} is not allowed")

    def two_byte(self, op: int) -> Insn:
        if 0x80 <= op <= 0x8F:
            return self.branch("jcc", 4, CC[op - 0x80])
        if 0x90 <= op <= 0x9F:
            self.no66("setcc")
            ext, _, rm = self.modrm()
            if ext != 0:
                self.fail("setcc with ModRM.reg != 0 is not allowed")
            return self.done("setcc", (self.rm(rm, 1),), 1, CC[op - 0x90])
        if 0x40 <= op <= 0x4F or op == 0xAF:              # cmovcc r, r/m; imul r, r/m
            size = self.osize()
            _, r, rm = self.modrm()
            ops = (Reg(r, size), self.rm(rm, size))
            return self.done("imul", ops, size) if op == 0xAF else \
                self.done("cmovcc", ops, size, CC[op - 0x40])
        if op in (0xB6, 0xB7, 0xBE, 0xBF):                # movzx, movsx
            src_size = 1 if op & 1 == 0 else 2
            if src_size == 2:
                self.no66("movzx/movsx from 16 bits")
            size = self.osize()
            _, r, rm = self.modrm()
            ops = (Reg(r, size), self.rm(rm, src_size))
            return self.done("movzx" if op < 0xB8 else "movsx", ops, size)
        if op in NAMED_TWO:
            self.fail(f"{NAMED_TWO[op]} is not allowed")
        self.fail(f"privileged or unknown opcode 0x0f {op:#04x}")


def decode_one(code: bytes, offset: int) -> Insn:
    """The instruction at `offset` in `code`, or DecodeError."""
    if not isinstance(code, (bytes, bytearray)) or type(offset) is not int or offset < 0:
        raise DecodeError("DECODE: offset ?: bad arguments to the decoder")
    return _Decoder(code, offset).decode()


def decode_range(code: bytes, start: int, end: int) -> list[Insn]:
    """Decode `code[start:end]` by linear sweep; an instruction crossing `end` is an error."""
    if not isinstance(code, (bytes, bytearray)) or type(start) is not int or type(end) is not int \
            or not 0 <= start <= end <= len(code):
        raise DecodeError("DECODE: offset ?: range outside the code")
    out, pos = [], start
    while pos < end:
        insn = decode_one(code, pos)
        if pos + insn.length > end:
            raise DecodeError(f"DECODE: offset {pos:#x}: instruction crosses the end of the range")
        out.append(insn)
        pos += insn.length
    return out
