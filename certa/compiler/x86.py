"""x86-64 machine code for the instruction subset of DESIGN §3: an assembler with labels.

What this file guarantees: every method appends exactly one instruction's bytes, encoded as
the Intel manual specifies, using only the whitelisted forms (no segment or address-size
prefixes, no AH-BH registers, at most one REX). Branches and rip-relative references to other
sections are emitted with 32-bit displacements and patched once their targets are known, so
an instruction's length never changes after it is emitted.

Untrusted: a wrong encoding here can only make the kernel reject the module (once the kernel
exists) or make a test disagree with gcc.

Registers are small integers (RAX=0 ... R15=15); an operand size is 1, 2, 4 or 8 bytes.
A memory operand is a `Mem` (base register + displacement, optional index*scale) or a
`RipRef` (an address in another section, resolved after layout).
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI = range(8)
R8, R9, R10, R11, R12, R13, R14, R15 = range(8, 16)
ARG_REGS = (RDI, RSI, RDX, RCX, R8, R9)

REG_NAMES = {
    8: ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"] + [f"r{i}" for i in range(8, 16)],
    4: ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] + [f"r{i}d" for i in range(8, 16)],
    2: ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"] + [f"r{i}w" for i in range(8, 16)],
    1: ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"] + [f"r{i}b" for i in range(8, 16)],
}

# Condition codes (the low nibble of jcc/setcc/cmovcc opcodes).
CC = {"o": 0, "no": 1, "b": 2, "ae": 3, "e": 4, "ne": 5, "be": 6, "a": 7,
      "s": 8, "ns": 9, "p": 10, "np": 11, "l": 12, "ge": 13, "le": 14, "g": 15}
NEGATE = {"e": "ne", "ne": "e", "l": "ge", "ge": "l", "g": "le", "le": "g",
          "b": "ae", "ae": "b", "a": "be", "be": "a", "s": "ns", "ns": "s"}

# ALU operations: (opcode of "r/m op= reg", ModRM.reg extension for the immediate form).
ALU = {"add": (0x01, 0), "or": (0x09, 1), "and": (0x21, 4), "sub": (0x29, 5),
       "xor": (0x31, 6), "cmp": (0x39, 7)}
SHIFT_EXT = {"shl": 4, "shr": 5, "sar": 7}


@dataclass(frozen=True)
class Mem:
    base: int
    disp: int = 0
    index: int | None = None
    scale: int = 1


@dataclass(frozen=True)
class RipRef:
    """The address `offset` bytes into `section` (".rodata", ".data", ".bss",
    ".certa.imports", or ".text")."""
    section: str
    offset: int


class Label:
    __slots__ = ("pos", "name")

    def __init__(self, name: str = ""):
        self.pos: int | None = None
        self.name = name


def fits8(v: int) -> bool:
    return -128 <= v <= 127


def fits32(v: int) -> bool:
    return -(1 << 31) <= v < (1 << 31)


class Asm:
    def __init__(self):
        self.code = bytearray()
        self.label_fixups: list[tuple[int, Label]] = []          # rel32 at pos -> label
        self.rip_fixups: list[tuple[int, int, RipRef]] = []      # disp32 at pos, insn end, target

    # -- labels -----------------------------------------------------------------------
    def label(self, name: str = "") -> Label:
        return Label(name)

    def bind(self, label: Label) -> None:
        assert label.pos is None, "label bound twice"
        label.pos = len(self.code)

    def here(self) -> int:
        return len(self.code)

    def resolve_labels(self) -> None:
        for pos, label in self.label_fixups:
            assert label.pos is not None, f"unbound label {label.name}"
            rel = label.pos - (pos + 4)
            self.code[pos:pos + 4] = struct.pack("<i", rel)
        self.label_fixups = []

    def resolve_rip(self, text_addr: int, section_addrs: dict[str, int]) -> None:
        for pos, end, ref in self.rip_fixups:
            target = section_addrs[ref.section] + ref.offset
            rel = target - (text_addr + end)
            self.code[pos:pos + 4] = struct.pack("<i", rel)

    # -- encoding helpers -------------------------------------------------------------
    def _rex(self, w: bool, reg: int, index: int, base: int, force: bool = False) -> None:
        rex = 0x40 | (8 if w else 0) | (4 if reg & 8 else 0) | (2 if index & 8 else 0) | (1 if base & 8 else 0)
        if rex != 0x40 or force:
            self.code.append(rex)

    def _emit(self, opcode: bytes, reg: int, rm, size: int, byte_regs: tuple = ()) -> None:
        """Emit [66] [REX] opcode ModRM [SIB] [disp] for operand `rm` (a register number,
        a Mem or a RipRef) with ModRM.reg = `reg`. Immediates are appended by the caller,
        which must call `_end_rip` after them when `rm` is a RipRef."""
        if size == 2:
            self.code.append(0x66)
        w = size == 8
        # A REX prefix is needed to name spl/bpl/sil/dil as byte registers.
        force = any(4 <= r <= 7 for r in byte_regs)
        if isinstance(rm, int):
            self._rex(w, reg, 0, rm, force)
            self.code += opcode
            self.code.append(0xC0 | ((reg & 7) << 3) | (rm & 7))
        elif isinstance(rm, RipRef):
            self._rex(w, reg, 0, 0, force)
            self.code += opcode
            self.code.append(((reg & 7) << 3) | 5)
            self._pending_rip = (len(self.code), rm)
            self.code += b"\0\0\0\0"
        else:
            base, disp, index = rm.base, rm.disp, rm.index
            self._rex(w, reg, index or 0, base, force)
            self.code += opcode
            if disp == 0 and (base & 7) != RBP:
                mod, dbytes = 0, b""
            elif fits8(disp):
                mod, dbytes = 1, struct.pack("<b", disp)
            else:
                mod, dbytes = 2, struct.pack("<i", disp)
            if index is None and (base & 7) != RSP:
                self.code.append((mod << 6) | ((reg & 7) << 3) | (base & 7))
            else:
                idx = RSP if index is None else index
                assert idx != RSP or index is None, "rsp cannot be an index"
                ss = {1: 0, 2: 1, 4: 2, 8: 3}[rm.scale]
                self.code.append((mod << 6) | ((reg & 7) << 3) | 4)
                self.code.append((ss << 6) | ((idx & 7) << 3) | (base & 7))
            self.code += dbytes

    def _end_rip(self, rm) -> None:
        if isinstance(rm, RipRef):
            pos, ref = self._pending_rip
            self.rip_fixups.append((pos, len(self.code), ref))

    def _op(self, opcode: bytes, reg: int, rm, size: int, imm: bytes = b"", byte_regs=()) -> None:
        self._emit(opcode, reg, rm, size, byte_regs)
        self.code += imm
        self._end_rip(rm)

    # -- data movement ----------------------------------------------------------------
    def mov_rr(self, dst: int, src: int, size: int = 8) -> None:
        op = b"\x88" if size == 1 else b"\x89"
        self._op(op, src, dst, size, byte_regs=(dst, src) if size == 1 else ())

    def load(self, dst: int, mem, size: int = 8) -> None:
        """mov dst, [mem] for size 4 or 8 (a 32-bit load zero-extends)."""
        assert size in (4, 8)
        self._op(b"\x8b", dst, mem, size)

    def store(self, mem, src: int, size: int) -> None:
        """mov [mem], src (low `size` bytes of src)."""
        op = b"\x88" if size == 1 else b"\x89"
        self._op(op, src, mem, size, byte_regs=(src,) if size == 1 else ())

    def store_imm(self, mem, imm: int, size: int) -> None:
        """mov [mem], imm (imm sign-extended from 32 bits for size 8)."""
        if size == 1:
            self._op(b"\xc6", 0, mem, 1, struct.pack("<B", imm & 0xFF))
        elif size == 2:
            self._op(b"\xc7", 0, mem, 2, struct.pack("<H", imm & 0xFFFF))
        elif size == 4:
            self._op(b"\xc7", 0, mem, 4, struct.pack("<I", imm & 0xFFFFFFFF))
        else:
            assert fits32(imm)
            self._op(b"\xc7", 0, mem, 8, struct.pack("<i", imm))

    def load_ext(self, dst: int, mem, size: int, signed: bool) -> None:
        """Load `size` bytes and extend to 64 bits (canonical form of the value)."""
        if size == 8:
            self.load(dst, mem, 8)
        elif size == 4:
            if signed:
                self._op(b"\x63", dst, mem, 8)           # movsxd r64, m32
            else:
                self.load(dst, mem, 4)                  # mov r32, m32 zero-extends
        elif size == 2:
            self._op(b"\x0f\xbf" if signed else b"\x0f\xb7", dst, mem, 8 if signed else 4)
        else:
            self._op(b"\x0f\xbe" if signed else b"\x0f\xb6", dst, mem, 8 if signed else 4)

    def extend(self, reg: int, size: int, signed: bool) -> None:
        """Bring the low `size` bytes of reg to canonical 64-bit form in place."""
        if size == 8:
            return
        if size == 4:
            if signed:
                self._op(b"\x63", reg, reg, 8)           # movsxd reg, reg32
            else:
                self._op(b"\x89", reg, reg, 4)           # mov reg32, reg32
        elif size == 2:
            self._op(b"\x0f\xbf" if signed else b"\x0f\xb7", reg, reg, 8 if signed else 4)
        else:
            self._op(b"\x0f\xbe" if signed else b"\x0f\xb6", reg, reg, 8 if signed else 4,
                     byte_regs=(reg,))

    def mov_imm(self, dst: int, imm: int) -> None:
        """Load a 64-bit constant (any value in [-2^63, 2^64))."""
        imm &= (1 << 64) - 1
        if imm == 0:
            self._op(b"\x31", dst, dst, 4)               # xor r32, r32
        elif imm < (1 << 32):
            self._rex(False, 0, 0, dst)
            self.code.append(0xB8 + (dst & 7))
            self.code += struct.pack("<I", imm)
        elif imm >= (1 << 64) - (1 << 31):
            self._op(b"\xc7", 0, dst, 8, struct.pack("<i", imm - (1 << 64)))
        else:
            self._rex(True, 0, 0, dst)
            self.code.append(0xB8 + (dst & 7))
            self.code += struct.pack("<Q", imm)

    def lea(self, dst: int, mem) -> None:
        self._op(b"\x8d", dst, mem, 8)

    def push(self, reg: int) -> None:
        self._rex(False, 0, 0, reg)
        self.code.append(0x50 + (reg & 7))

    def pop(self, reg: int) -> None:
        self._rex(False, 0, 0, reg)
        self.code.append(0x58 + (reg & 7))

    # -- arithmetic -------------------------------------------------------------------
    def alu_rr(self, op: str, dst: int, src: int, size: int = 8) -> None:
        self._op(bytes([ALU[op][0]]), src, dst, size)

    def alu_rm(self, op: str, dst: int, mem, size: int = 8) -> None:
        """dst op= [mem]  (the "reg, r/m" direction: opcode + 2)."""
        self._op(bytes([ALU[op][0] + 2]), dst, mem, size)

    def alu_ri(self, op: str, dst, imm: int, size: int = 8) -> None:
        ext = ALU[op][1]
        if fits8(imm):
            self._op(b"\x83", ext, dst, size, struct.pack("<b", imm))
        else:
            assert fits32(imm)
            self._op(b"\x81", ext, dst, size, struct.pack("<i", imm))

    def test_rr(self, a: int, b: int, size: int = 8) -> None:
        self._op(b"\x85", b, a, size)

    def imul_rr(self, dst: int, src: int, size: int = 8) -> None:
        self._op(b"\x0f\xaf", dst, src, size)

    def imul_rri(self, dst: int, src: int, imm: int, size: int = 8) -> None:
        if fits8(imm):
            self._op(b"\x6b", dst, src, size, struct.pack("<b", imm))
        else:
            self._op(b"\x69", dst, src, size, struct.pack("<i", imm))

    def neg(self, reg: int, size: int = 8) -> None:
        self._op(b"\xf7", 3, reg, size)

    def not_(self, reg: int, size: int = 8) -> None:
        self._op(b"\xf7", 2, reg, size)

    def shift_cl(self, op: str, reg: int, size: int = 8) -> None:
        self._op(b"\xd3", SHIFT_EXT[op], reg, size)

    def shift_imm(self, op: str, reg: int, count: int, size: int = 8) -> None:
        self._op(b"\xc1", SHIFT_EXT[op], reg, size, bytes([count & 0x3F]))

    def cqo(self) -> None:
        self.code += b"\x48\x99"

    def idiv(self, reg: int, size: int = 8) -> None:
        self._op(b"\xf7", 7, reg, size)

    def div(self, reg: int, size: int = 8) -> None:
        self._op(b"\xf7", 6, reg, size)

    def setcc(self, cc: str, reg: int) -> None:
        self._op(bytes([0x0F, 0x90 + CC[cc]]), 0, reg, 1, byte_regs=(reg,))

    def cmov(self, cc: str, dst: int, src: int, size: int = 8) -> None:
        self._op(bytes([0x0F, 0x40 + CC[cc]]), dst, src, size)

    # -- control flow -----------------------------------------------------------------
    def jmp(self, label: Label) -> None:
        self.code.append(0xE9)
        self.label_fixups.append((len(self.code), label))
        self.code += b"\0\0\0\0"

    def jcc(self, cc: str, label: Label) -> None:
        self.code += bytes([0x0F, 0x80 + CC[cc]])
        self.label_fixups.append((len(self.code), label))
        self.code += b"\0\0\0\0"

    def call(self, label: Label) -> None:
        self.code.append(0xE8)
        self.label_fixups.append((len(self.code), label))
        self.code += b"\0\0\0\0"

    def call_import(self, slot: int) -> None:
        """call [rip + import slot]"""
        self._op(b"\xff", 2, RipRef(".certa.imports", 8 * slot), 4)

    def ret(self) -> None:
        self.code.append(0xC3)

    def nop(self) -> None:
        self.code.append(0x90)
