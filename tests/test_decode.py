"""The kernel's decoder: hand-written encodings, must-reject cases, agreement with objdump
on random whitelisted instructions and random bytes, and the compiler's real output."""
from __future__ import annotations

import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from certa.kernel.decode import DecodeError, Imm, Insn, Mem, Reg, decode_one, decode_range

TESTS_DIR = Path(__file__).resolve().parent
needs_objdump = pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump not installed")


def dec(hexstr: str, offset: int = 0) -> Insn:
    return decode_one(bytes.fromhex(hexstr.replace(" ", "")), offset)


# ---------------------------------------------------------------------------------------------
# 1. Hand-written encodings: bytes -> Intel text

ACCEPT = [
    # mov register/register, all sizes, REX.R/B, spl-dil
    ("48 89 c3", "mov rbx, rax"),
    ("89 c3", "mov ebx, eax"),
    ("66 89 c3", "mov bx, ax"),
    ("88 c3", "mov bl, al"),
    ("40 88 f7", "mov dil, sil"),
    ("44 88 c0", "mov al, r8b"),
    ("4d 89 c8", "mov r8, r9"),
    ("45 89 c8", "mov r8d, r9d"),
    ("66 45 89 c8", "mov r8w, r9w"),
    ("48 8b c3", "mov rax, rbx"),
    # ModRM/SIB addressing: rsp/rbp/r12/r13 bases, index, scale, disp8/disp32, no base, rip
    ("48 8b 44 24 10", "mov rax, qword ptr [rsp + 0x10]"),
    ("8b 45 00", "mov eax, dword ptr [rbp]"),
    ("48 8b 45 f8", "mov rax, qword ptr [rbp - 0x8]"),
    ("49 8b 04 24", "mov rax, qword ptr [r12]"),
    ("4d 8b 65 00", "mov r12, qword ptr [r13]"),
    ("41 8b 45 08", "mov eax, dword ptr [r13 + 0x8]"),
    ("41 8b 84 24 00 01 00 00", "mov eax, dword ptr [r12 + 0x100]"),
    ("8b 04 98", "mov eax, dword ptr [rax + rbx*4]"),
    ("42 8b 04 a0", "mov eax, dword ptr [rax + r12*4]"),
    ("4b 8b 04 c8", "mov rax, qword ptr [r8 + r9*8]"),
    ("8b 84 c8 10 00 00 00", "mov eax, dword ptr [rax + rcx*8 + 0x10]"),
    ("8b 44 48 f0", "mov eax, dword ptr [rax + rcx*2 - 0x10]"),
    ("8b 04 08", "mov eax, dword ptr [rax + rcx*1]"),
    ("8b 04 25 10 00 00 00", "mov eax, dword ptr [0x10]"),
    ("8b 04 8d 10 00 00 00", "mov eax, dword ptr [rcx*4 + 0x10]"),
    ("41 8b 04 2d 10 00 00 00", "mov eax, dword ptr [rbp*1 + 0x10]"),  # SIB base 101, mod 00
    ("8b 04 24", "mov eax, dword ptr [rsp]"),
    ("8b 05 10 00 00 00", "mov eax, dword ptr [rip + 0x10]"),
    ("48 8b 05 f0 ff ff ff", "mov rax, qword ptr [rip - 0x10]"),
    ("8a 40 01", "mov al, byte ptr [rax + 0x1]"),
    ("40 8a 70 01", "mov sil, byte ptr [rax + 0x1]"),
    ("66 8b 00", "mov ax, word ptr [rax]"),
    ("88 18", "mov byte ptr [rax], bl"),
    ("48 89 3c 24", "mov qword ptr [rsp], rdi"),
    # mov immediates
    ("c6 00 01", "mov byte ptr [rax], 0x1"),
    ("c6 00 ff", "mov byte ptr [rax], -0x1"),
    ("41 c6 c0 7f", "mov r8b, 0x7f"),
    ("66 c7 00 01 00", "mov word ptr [rax], 0x1"),
    ("c7 00 01 00 00 00", "mov dword ptr [rax], 0x1"),
    ("48 c7 00 ff ff ff ff", "mov qword ptr [rax], -0x1"),
    ("48 c7 c0 ff ff ff ff", "mov rax, -0x1"),
    ("48 c7 44 24 08 00 00 00 80", "mov qword ptr [rsp + 0x8], -0x80000000"),
    ("b8 ff ff ff ff", "mov eax, -0x1"),
    ("41 b9 78 56 34 12", "mov r9d, 0x12345678"),
    ("48 b8 ef cd ab 89 67 45 23 01", "mov rax, 0x123456789abcdef"),
    ("49 bf 00 00 00 00 00 00 00 80", "mov r15, -0x8000000000000000"),
    # movzx/movsx/movsxd
    ("0f b6 c0", "movzx eax, al"),
    ("48 0f b6 c6", "movzx rax, sil"),
    ("0f b7 00", "movzx eax, word ptr [rax]"),
    ("48 0f be 41 08", "movsx rax, byte ptr [rcx + 0x8]"),
    ("0f bf c1", "movsx eax, cx"),
    ("66 0f b6 c1", "movzx ax, cl"),
    ("66 0f be c1", "movsx ax, cl"),
    ("45 0f b6 c0", "movzx r8d, r8b"),
    ("48 63 c1", "movsxd rax, ecx"),
    ("4c 63 44 24 08", "movsxd r8, dword ptr [rsp + 0x8]"),
    # lea
    ("48 8d 44 24 08", "lea rax, [rsp + 0x8]"),
    ("4a 8d 04 a0", "lea rax, [rax + r12*4]"),
    ("48 8d 05 10 00 00 00", "lea rax, [rip + 0x10]"),
    ("4c 8d 0c 8d 10 00 00 00", "lea r9, [rcx*4 + 0x10]"),
    ("4d 8d 64 24 f8", "lea r12, [r12 - 0x8]"),
    # ALU
    ("48 01 d8", "add rax, rbx"),
    ("01 d8", "add eax, ebx"),
    ("66 01 d8", "add ax, bx"),
    ("00 d8", "add al, bl"),
    ("03 08", "add ecx, dword ptr [rax]"),
    ("48 09 c8", "or rax, rcx"),
    ("21 c8", "and eax, ecx"),
    ("48 29 c8", "sub rax, rcx"),
    ("31 c0", "xor eax, eax"),
    ("48 39 c8", "cmp rax, rcx"),
    ("3a 01", "cmp al, byte ptr [rcx]"),
    ("22 c1", "and al, cl"),
    ("48 2b 0c 24", "sub rcx, qword ptr [rsp]"),
    ("33 44 24 04", "xor eax, dword ptr [rsp + 0x4]"),
    ("08 c8", "or al, cl"),
    ("48 83 ec 08", "sub rsp, 0x8"),
    ("48 83 c4 f8", "add rsp, -0x8"),
    ("48 81 ec 00 10 00 00", "sub rsp, 0x1000"),
    ("81 f9 ff ff ff 7f", "cmp ecx, 0x7fffffff"),
    ("66 81 c1 ff 7f", "add cx, 0x7fff"),
    ("66 83 c1 ff", "add cx, -0x1"),
    ("80 f9 41", "cmp cl, 0x41"),
    ("40 80 fe 41", "cmp sil, 0x41"),
    ("41 80 7d 00 00", "cmp byte ptr [r13], 0x0"),
    ("48 83 7c 24 10 00", "cmp qword ptr [rsp + 0x10], 0x0"),
    ("48 83 e0 f0", "and rax, -0x10"),
    ("83 f0 01", "xor eax, 0x1"),
    ("83 c9 01", "or ecx, 0x1"),
    ("80 20 0f", "and byte ptr [rax], 0xf"),
    # test
    ("48 85 c0", "test rax, rax"),
    ("84 c0", "test al, al"),
    ("85 08", "test dword ptr [rax], ecx"),
    ("f6 c1 01", "test cl, 0x1"),
    ("f7 c1 00 01 00 00", "test ecx, 0x100"),
    ("66 f7 c1 00 01", "test cx, 0x100"),
    ("48 f7 c0 ff ff ff ff", "test rax, -0x1"),
    # imul
    ("48 0f af c1", "imul rax, rcx"),
    ("0f af 04 24", "imul eax, dword ptr [rsp]"),
    ("48 6b c0 0a", "imul rax, rax, 0xa"),
    ("48 69 c9 e8 03 00 00", "imul rcx, rcx, 0x3e8"),
    ("6b c1 ff", "imul eax, ecx, -0x1"),
    ("4d 0f af c1", "imul r8, r9"),
    # neg, not, div, idiv
    ("48 f7 d8", "neg rax"),
    ("f7 d0", "not eax"),
    ("49 f7 f0", "div r8"),
    ("48 f7 f9", "idiv rcx"),
    ("f7 f9", "idiv ecx"),
    ("66 f7 d8", "neg ax"),
    ("48 f7 1c 24", "neg qword ptr [rsp]"),
    # shifts
    ("48 d3 e0", "shl rax, cl"),
    ("d3 e8", "shr eax, cl"),
    ("48 d3 f8", "sar rax, cl"),
    ("48 c1 e0 03", "shl rax, 0x3"),
    ("41 c1 e8 1f", "shr r8d, 0x1f"),
    ("d1 f8", "sar eax, 0x1"),
    ("66 c1 e0 02", "shl ax, 0x2"),
    ("c1 e0 ff", "shl eax, 0xff"),
    # cqo, cdq
    ("48 99", "cqo"),
    ("99", "cdq"),
    # setcc, cmovcc
    ("0f 94 c0", "sete al"),
    ("40 0f 9f c6", "setg sil"),
    ("41 0f 9c c0", "setl r8b"),
    ("0f 92 00", "setb byte ptr [rax]"),
    ("0f 95 c3", "setne bl"),
    ("48 0f 44 c1", "cmove rax, rcx"),
    ("0f 4f c8", "cmovg ecx, eax"),
    ("66 0f 42 c1", "cmovb ax, cx"),
    ("4c 0f 4d 04 24", "cmovge r8, qword ptr [rsp]"),
    # control flow (decoded at offset 0)
    ("eb 00", "jmp 0x2"),
    ("eb fe", "jmp 0x0"),
    ("e9 fb ff ff ff", "jmp 0x0"),
    ("e9 00 01 00 00", "jmp 0x105"),
    ("74 05", "je 0x7"),
    ("7c fe", "jl 0x0"),
    ("70 00", "jo 0x2"),
    ("0f 84 00 01 00 00", "je 0x106"),
    ("0f 87 f0 ff ff ff", "ja -0xa"),
    ("0f 8b 00 00 00 00", "jnp 0x6"),
    ("e8 00 00 00 00", "call 0x5"),
    ("ff 15 10 00 00 00", "call qword ptr [rip + 0x10]"),
    ("c3", "ret"),
    ("55", "push rbp"),
    ("41 54", "push r12"),
    ("5d", "pop rbp"),
    ("41 5f", "pop r15"),
    ("90", "nop"),
]


@pytest.mark.parametrize("hexstr,text", ACCEPT)
def test_accept(hexstr, text):
    code = bytes.fromhex(hexstr.replace(" ", ""))
    insn = decode_one(code, 0)
    assert insn.length == len(code)
    assert insn.offset == 0
    assert insn.text() == text


@pytest.mark.parametrize("hexstr,text", ACCEPT)
def test_every_shorter_prefix_is_truncated(hexstr, text):
    code = bytes.fromhex(hexstr.replace(" ", ""))
    for n in range(len(code)):
        with pytest.raises(DecodeError, match=r"^DECODE: offset 0x0: truncated instruction$"):
            decode_one(code[:n], 0)


def test_table_is_large():
    assert len(ACCEPT) >= 80


def test_fields():
    i = dec("4b 8b 04 c8")
    assert (i.op, i.size, i.operands) == ("mov", 8, (Reg(0, 8), Mem(8, 9, 8, 0, 8, False)))
    # SIB base 101 with mod 00 means "no base, disp32" whatever REX.B says
    i = dec("41 8b 04 2d 10 00 00 00")
    assert i.operands == (Reg(0, 4), Mem(None, 5, 1, 0x10, 4, False))
    assert i.text() == "mov eax, dword ptr [rbp*1 + 0x10]"     # rbp is the *index* here
    # rm 101 with mod 00 is rip-relative even with REX.B; index 100 without REX.X is none
    i = dec("49 8b 05 10 00 00 00")
    assert i.operands == (Reg(0, 8), Mem(None, None, 1, 0x10, 8, True)) and i.rip_target == 0x17
    i = dec("8b 04 60")      # scale bits ignored when there is no index
    assert i.operands[1] == Mem(0, None, 1, 0, 4, False)
    # rm 100 with mod 11 is the register rsp/r12, no SIB
    assert dec("49 89 e4").operands == (Reg(12, 8), Reg(4, 8))
    # immediates: value as the CPU sees it, size = operand size
    assert dec("48 83 c0 ff").operands[1] == Imm(-1, 8)
    assert dec("66 83 c0 ff").operands[1] == Imm(-1, 2)
    assert dec("b8 ff ff ff ff").operands == (Reg(0, 4), Imm(-1, 4))
    assert dec("48 b8 ff ff ff ff 00 00 00 00").operands[1] == Imm(0xFFFFFFFF, 8)
    assert dec("c1 e0 ff").operands[1] == Imm(0xFF, 1)
    assert dec("d1 e0").operands == (Reg(0, 4), Imm(1, 1))
    assert dec("d3 e0").operands == (Reg(0, 4), Reg(1, 1))
    # sizes
    assert dec("0f b6 00").operands == (Reg(0, 4), Mem(0, None, 1, 0, 1, False))
    assert dec("48 0f b7 00").size == 8 and dec("48 0f b7 00").operands[1].size == 2
    assert dec("48 63 00").operands[1].size == 4
    assert dec("48 8d 00").operands[1].size == 0
    assert dec("0f 94 c0") == Insn(0, 3, "setcc", (Reg(0, 1),), 1, "e", None, None)
    assert dec("48 0f 4c c1").cc == "l" and dec("48 0f 4c c1").op == "cmovcc"
    assert dec("4899").op == "cqo" and dec("99").op == "cdq"
    assert dec("f7 d8").op == "neg" and dec("48 6b c0 0a").op == "imul"
    assert dec("48 6b c0 0a").operands == (Reg(0, 8), Reg(0, 8), Imm(10, 8))
    # byte registers 4-7 with a REX prefix are spl-dil; 8-15 need REX.B/R
    assert dec("40 88 e0").operands == (Reg(0, 1), Reg(4, 1))
    assert dec("41 54").operands == (Reg(12, 8),) and dec("41 54").size == 8
    i = dec("ff 15 f0 ff ff ff")
    assert i.op == "call_import" and i.rip_target == -10 and i.operands[0].size == 8


def test_offsets_are_text_relative():
    code = b"\x90" * 0x1a0 + bytes.fromhex("0f8410000000" "ff1510000000" "8b0510000000" "7402")
    insns = decode_range(code, 0x1a0, len(code))
    assert [i.offset for i in insns] == [0x1a0, 0x1a6, 0x1ac, 0x1b2]
    assert insns[0].target == 0x1a6 + 0x10 and insns[0].op == "jcc" and insns[0].cc == "e"
    assert insns[1].rip_target == 0x1ac + 0x10 and insns[1].target is None
    assert insns[2].rip_target == 0x1b2 + 0x10
    assert insns[3].target == 0x1b4 + 2
    with pytest.raises(DecodeError, match=r"^DECODE: offset 0x1a3: syscall is not allowed$"):
        decode_one(b"\x90" * 0x1a3 + b"\x0f\x05", 0x1a3)


def test_decode_range():
    code = bytes.fromhex("4889c3" "e800000000" "c3")
    assert [i.op for i in decode_range(code, 0, len(code))] == ["mov", "call", "ret"]
    assert decode_range(code, 3, 3) == []
    with pytest.raises(DecodeError, match=r"^DECODE: offset 0x3: instruction crosses the end"):
        decode_range(code, 0, 6)
    with pytest.raises(DecodeError, match="range outside the code"):
        decode_range(code, 0, 100)
    with pytest.raises(DecodeError, match="range outside the code"):
        decode_range(code, 5, 4)
    with pytest.raises(DecodeError, match="range outside the code"):
        decode_range(code, -1, 4)
    with pytest.raises(DecodeError):
        decode_one(code, -1)
    with pytest.raises(DecodeError, match="truncated"):
        decode_one(code, len(code))
    with pytest.raises(DecodeError):
        decode_one("4889c3", 0)


# ---------------------------------------------------------------------------------------------
# 2. Must-reject cases: bytes -> reason

REJECT = [
    ("0f 05", "syscall is not allowed"),
    ("0f 34", "sysenter is not allowed"),
    ("0f 07", "sysret is not allowed"),
    ("cc", "int3 is not allowed"),
    ("cd 80", "int is not allowed"),
    ("f4", "hlt is not allowed"),
    ("0f 0b", "ud2 is not allowed"),
    ("ff e0", "indirect jump is not allowed"),
    ("ff 25 10 00 00 00", "indirect jump is not allowed"),
    ("41 ff e3", "indirect jump is not allowed"),
    ("ff d0", "indirect call is not allowed"),
    ("ff 10", "indirect call is not allowed"),
    ("ff 14 25 10 00 00 00", "indirect call is not allowed"),
    ("ff 95 10 00 00 00", "indirect call is not allowed"),        # [rbp + disp32], not rip
    ("41 ff 15 10 00 00 00", "REX prefix is not allowed on call_import"),
    ("66 ff 15 10 00 00 00", "66 prefix is not allowed on call_import"),
    ("ff 2c 24", "far jump is not allowed"),
    ("ff 1c 24", "far call is not allowed"),
    ("ff c0", "inc is not allowed"),
    ("48 ff c8", "dec is not allowed"),
    ("ff 30", "push r/m is not allowed"),
    ("8f c0", "pop r/m is not allowed"),
    ("8f 00", "pop r/m is not allowed"),
    ("6a 01", "push imm is not allowed"),
    ("68 01 00 00 00", "push imm is not allowed"),
    ("c2 08 00", "ret imm16 is not allowed"),
    ("cb", "far ret is not allowed"),
    # prefixes
    ("f0 48 01 08", "lock prefix is not allowed"),
    ("48 f0 01 08", "lock prefix is not allowed"),
    ("f3 c3", "rep prefix is not allowed"),
    ("f2 48 01 c0", "rep prefix is not allowed"),
    ("f3 48 ab", "rep prefix is not allowed"),
    ("64 8b 04 25 00 00 00 00", "segment override prefix is not allowed"),
    ("65 48 8b 00", "segment override prefix is not allowed"),
    ("2e 74 00", "segment override prefix is not allowed"),
    ("3e ff e0", "segment override prefix is not allowed"),
    ("26 90", "segment override prefix is not allowed"),
    ("36 90", "segment override prefix is not allowed"),
    ("67 8b 00", "address-size prefix is not allowed"),
    ("66 67 8b 00", "address-size prefix is not allowed"),
    ("66 48 01 c0", "66 prefix together with REX.W"),
    ("66 48 89 04 24", "66 prefix together with REX.W"),
    ("48 66 01 c0", "REX prefix must immediately precede the opcode"),
    ("48 48 01 c0", "two REX prefixes"),
    ("40 41 50", "two REX prefixes"),
    ("66 66 01 c0", "duplicated 66 prefix"),
    ("66 88 c0", "66 prefix is not allowed on a byte operation"),
    ("66 c6 00 01", "66 prefix is not allowed on a byte operation"),
    ("66 80 c0 01", "66 prefix is not allowed on a byte operation"),
    ("66 84 c0", "66 prefix is not allowed on a byte operation"),
    ("66 f6 c0 01", "66 prefix is not allowed on a byte operation"),
    ("66 e9 00 00 00 00", "66 prefix is not allowed on jmp"),
    ("66 eb 00", "66 prefix is not allowed on jmp"),
    ("66 74 00", "66 prefix is not allowed on jcc"),
    ("66 0f 84 00 00 00 00", "66 prefix is not allowed on jcc"),
    ("66 e8 00 00 00 00", "66 prefix is not allowed on call"),
    ("66 c3", "66 prefix is not allowed on ret"),
    ("66 50", "66 prefix is not allowed on push/pop"),
    ("66 41 5c", "66 prefix is not allowed on push/pop"),
    ("66 0f 94 c0", "66 prefix is not allowed on setcc"),
    ("66 8d 00", "lea must be 64-bit"),
    ("66 63 c0", "movsxd without REX.W"),
    ("66 99", "66 prefix is not allowed on cqo/cdq"),
    ("66 90", "66 prefix is not allowed on nop"),
    ("66 b8 01 00", "66 prefix is not allowed on mov r, imm"),
    ("66 f7 f1", "66 prefix is not allowed on div/idiv"),
    ("66 f7 f9", "66 prefix is not allowed on div/idiv"),
    ("66 0f b7 c0", "66 prefix is not allowed on movzx/movsx from 16 bits"),
    ("66 0f bf c0", "66 prefix is not allowed on movzx/movsx from 16 bits"),
    ("48 e9 00 00 00 00", "REX prefix is not allowed on jmp"),
    ("40 74 00", "REX prefix is not allowed on jcc"),
    ("41 e8 00 00 00 00", "REX prefix is not allowed on call"),
    ("48 c3", "REX prefix is not allowed on ret"),
    ("41 90", "REX prefix is not allowed on nop"),                 # = xchg eax, r8d
    # AH-BH
    ("88 e0", "AH-BH registers are not allowed"),                  # mov al, ah
    ("88 c4", "AH-BH registers are not allowed"),                  # mov ah, al
    ("8a 38", "AH-BH registers are not allowed"),                  # mov bh, [rax]
    ("0f b6 c4", "AH-BH registers are not allowed"),               # movzx eax, ah
    ("0f 94 c4", "AH-BH registers are not allowed"),               # sete ah
    ("80 fc 01", "AH-BH registers are not allowed"),               # cmp ah, 1
    ("84 e4", "AH-BH registers are not allowed"),                  # test ah, ah
    ("c6 c7 01", "AH-BH registers are not allowed"),               # mov bh, 1
    ("30 f6", "AH-BH registers are not allowed"),                  # xor dh, dh
    # undocumented aliases, forms we do not model
    ("f7 c8 01 00 00 00", "undocumented test alias"),
    ("f6 c8 01", "undocumented test alias"),
    ("d1 f0", "undocumented sal alias"),
    ("c1 f0 03", "undocumented sal alias"),
    ("d3 f0", "undocumented sal alias"),
    ("d3 c0", "rotate is not allowed"),
    ("c1 c8 03", "rotate is not allowed"),
    ("d1 d0", "rotate is not allowed"),
    ("d1 d8", "rotate is not allowed"),
    ("d0 e0", "8-bit shift is not allowed"),
    ("c0 e0 03", "8-bit shift is not allowed"),
    ("d2 e0", "8-bit shift is not allowed"),
    ("11 c0", "adc is not allowed"),
    ("13 00", "adc is not allowed"),
    ("19 c0", "sbb is not allowed"),
    ("1a c0", "sbb is not allowed"),
    ("83 d0 01", "adc is not allowed"),
    ("81 d8 01 00 00 00", "sbb is not allowed"),
    ("80 d0 01", "adc is not allowed"),
    ("04 01", "short accumulator form of add"),
    ("05 01 00 00 00", "short accumulator form of add"),
    ("0c 01", "short accumulator form of or"),
    ("48 2d 01 00 00 00", "short accumulator form of sub"),
    ("3c 01", "short accumulator form of cmp"),
    ("a8 01", "short accumulator form of test"),
    ("14 01", "short accumulator form of adc"),
    ("0f 1f 00", "multi-byte nop is not allowed"),
    ("0f 1f 44 00 00", "multi-byte nop is not allowed"),
    ("c7 c8 01 00 00 00", "opcode 0xc7 /1 is not allowed"),
    ("c6 c8 01", "opcode 0xc6 /1 is not allowed"),
    ("48 8d c0", "lea with a register operand"),
    ("8d 00", "lea must be 64-bit"),
    ("63 c1", "movsxd without REX.W"),
    ("44 63 c1", "movsxd without REX.W"),
    ("f6 f1", "8-bit form of opcode 0xf6 /6"),
    ("f6 f9", "8-bit form of opcode 0xf6 /7"),
    ("f6 d8", "8-bit form of opcode 0xf6 /3"),
    ("f6 d0", "8-bit form of opcode 0xf6 /2"),
    ("f6 e1", "8-bit form of opcode 0xf6 /4"),
    ("f7 e9", "one-operand mul/imul is not allowed"),
    ("48 f7 e1", "one-operand mul/imul is not allowed"),
    ("0f 94 c8", "setcc with ModRM.reg != 0"),
    ("0f 9f f8", "setcc with ModRM.reg != 0"),
    ("b0 01", "mov r8, imm8 is not allowed"),
    ("e4 60", "in/out is not allowed"),
    ("ec", "in/out is not allowed"),
    ("ef", "in/out is not allowed"),
    ("6c", "ins/outs is not allowed"),
    ("0f a2", "cpuid is not allowed"),
    ("0f 31", "rdtsc is not allowed"),
    ("0f 30", "wrmsr is not allowed"),
    ("0f 01 f8", "system instruction is not allowed"),            # swapgs
    ("87 c8", "xchg is not allowed"),
    ("48 87 00", "xchg is not allowed"),
    ("91", "xchg is not allowed"),
    ("0f b1 0a", "cmpxchg is not allowed"),
    ("0f c7 0e", "cmpxchg8b/16b is not allowed"),
    ("0f c1 c0", "xadd is not allowed"),
    ("0f a3 c8", "bt is not allowed"),
    ("0f ba e0 03", "bt is not allowed"),
    ("0f c8", "bswap is not allowed"),
    ("0f bc c0", "bsf is not allowed"),
    ("a4", "string instruction is not allowed"),
    ("48 ab", "string instruction is not allowed"),
    ("c9", "leave is not allowed"),
    ("c8 00 00 00", "enter is not allowed"),
    ("9c", "pushf is not allowed"),
    ("9d", "popf is not allowed"),
    ("9e", "sahf is not allowed"),
    ("fa", "cli is not allowed"),
    ("cf", "iret is not allowed"),
    ("e2 fe", "loop/jrcxz is not allowed"),
    ("e3 fe", "loop/jrcxz is not allowed"),
    ("48 98", "cbw/cwde/cdqe is not allowed"),
    ("d9 c0", "x87 is not allowed"),
    ("8e d8", "mov to a segment register is not allowed"),
    ("8c d8", "mov from a segment register is not allowed"),
    ("c5 f8 77", "VEX prefix is not allowed"),
    ("c4 e2 79 18 00", "VEX prefix is not allowed"),
    ("62 f1 7c 48 10 00", "EVEX prefix is not allowed"),
    ("82 c0 01", "privileged or unknown opcode 0x82"),
    ("ea", "privileged or unknown opcode 0xea"),
    ("06", "privileged or unknown opcode 0x06"),
    ("d6", "privileged or unknown opcode 0xd6"),
    ("0f 0f c0 00", "privileged or unknown opcode 0x0f 0x0f"),
    ("0f 38 00 c0", "privileged or unknown opcode 0x0f 0x38"),
    ("0f 10 00", "privileged or unknown opcode 0x0f 0x10"),      # movups
    ("f3 0f 10 00", "rep prefix is not allowed"),                  # movss
    ("66 0f 6f 00", "privileged or unknown opcode 0x0f 0x6f"),    # movdqa
    # truncation at every stage of an instruction
    ("", "truncated instruction"),
    ("66", "truncated instruction"),
    ("48", "truncated instruction"),
    ("66 41", "truncated instruction"),
    ("0f", "truncated instruction"),
    ("48 89", "truncated instruction"),
    ("8b 04", "truncated instruction"),
    ("8b 04 25 10 00 00", "truncated instruction"),
    ("8b 44 24", "truncated instruction"),
    ("8b 84 24 00 01 00", "truncated instruction"),
    ("8b 05 00 00 00", "truncated instruction"),
    ("48 81 c0 00 00 00", "truncated instruction"),
    ("66 81 c0 00", "truncated instruction"),
    ("48 c7 44 24 08 00 00 00", "truncated instruction"),
    ("48 b8 01 02 03 04 05 06 07", "truncated instruction"),
    ("b8 01 02 03", "truncated instruction"),
    ("c1 e0", "truncated instruction"),
    ("48 6b c0", "truncated instruction"),
    ("e8 00 00 00", "truncated instruction"),
    ("0f 84 00 00", "truncated instruction"),
    ("74", "truncated instruction"),
    ("ff 15 00 00 00", "truncated instruction"),
    ("ff", "truncated instruction"),
]


@pytest.mark.parametrize("hexstr,reason", REJECT)
def test_reject(hexstr, reason):
    with pytest.raises(DecodeError) as e:
        dec(hexstr)
    assert str(e.value).startswith("DECODE: offset 0x0: ")
    assert reason in str(e.value)


def test_reject_table_is_large():
    assert len(REJECT) >= 40


def test_rejects_at_an_offset_name_the_offset():
    code = bytes.fromhex("4889c3" "31c0" "ffe0")
    with pytest.raises(DecodeError, match=r"^DECODE: offset 0x5: indirect jump is not allowed$"):
        decode_range(code, 0, len(code))


# ---------------------------------------------------------------------------------------------
# objdump: the reference decoder

LINE = re.compile(r"^\s*([0-9a-f]+):\t((?:[0-9a-f]{2} )+)\s*\t?(.*)$")


def objdump(code: bytes) -> dict[int, tuple[int, str]]:
    """offset -> (length, text) for a linear sweep of `code` by GNU objdump."""
    with tempfile.NamedTemporaryFile(suffix=".bin") as f:
        f.write(code)
        f.flush()
        out = subprocess.run(["objdump", "-D", "-b", "binary", "-m", "i386:x86-64", "-M", "intel",
                              "--insn-width=16", f.name], capture_output=True, text=True,
                             check=True).stdout
    result = {}
    for line in out.splitlines():
        m = LINE.match(line)
        if m:
            result[int(m.group(1), 16)] = (len(m.group(2).split()), m.group(3).strip())
    return result


PTRS = {1: "BYTE PTR ", 2: "WORD PTR ", 4: "DWORD PTR ", 8: "QWORD PTR ", 0: ""}
NAMES = {
    8: ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi"] + [f"r{i}" for i in range(8, 16)],
    4: ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"] + [f"r{i}d" for i in range(8, 16)],
    2: ["ax", "cx", "dx", "bx", "sp", "bp", "si", "di"] + [f"r{i}w" for i in range(8, 16)],
    1: ["al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil"] + [f"r{i}b" for i in range(8, 16)],
}
M64 = (1 << 64) - 1


def canon_mem(ptr: str, base, index, scale, disp) -> str:
    disp &= M64
    disp = disp - (1 << 64) if disp >> 63 else disp
    s = "+".join(p for p in (base, index and f"{index}*{scale}") if p)
    if disp:
        s += ("-" if disp < 0 else "+" if s else "") + hex(abs(disp))
    return f"{ptr}[{s}]"


def canon_objdump(text: str) -> str:
    """objdump's Intel text in a canonical form: no rex.* noise, no comment, memory operands
    as [base+index*scale±disp], numbers in hex, movabs as mov."""
    text = text.split("#")[0]
    words = [w for w in text.split() if not w.startswith("rex")]
    if not words:
        return ""
    mnem, rest = words[0], "".join(words[1:]).replace("PTR", " PTR ")
    mnem = "mov" if mnem == "movabs" else mnem
    ops = []
    for op in filter(None, rest.split(",")):
        if "[" in op or "ds:" in op:
            ptr, inner = re.match(r"(.*?)(?:ds:|\[)([^\]]*)\]?$", op).groups()
            ptr = " ".join(ptr.split()) + " " if ptr.strip() else ""
            base = index = None
            scale, disp = 1, 0
            for sign, term in re.findall(r"([+-]?)([^+-]+)", inner):
                if "*" in term:
                    reg, sc = term.split("*")
                    if reg != "riz":
                        index, scale = reg, int(sc)
                elif term[0].isdigit():
                    disp += -int(term, 16) if sign == "-" else int(term, 16)
                else:
                    base = term
            ops.append(canon_mem(ptr, base, index, scale, disp))
        elif op[0].isdigit():
            ops.append(hex(int(op, 16)))
        else:
            ops.append(op)
    return mnem + " " + ",".join(ops)


def canon_ours(insn: Insn) -> str:
    mnem = insn.text().split()[0]
    ops = []
    for o in insn.operands:
        if isinstance(o, Reg):
            ops.append(NAMES[o.size][o.num])
        elif isinstance(o, Imm):
            ops.append(hex(o.value & ((1 << 8 * o.size) - 1)))
        else:
            base = "rip" if o.rip else None if o.base is None else NAMES[8][o.base]
            index = None if o.index is None else NAMES[8][o.index]
            ops.append(canon_mem(PTRS[o.size], base, index, o.scale, o.disp))
    if insn.target is not None:
        ops.append(hex(insn.target & M64))
    return mnem + " " + ",".join(ops)


def rip_comment(text: str) -> int | None:
    m = re.search(r"#\s*0x([0-9a-f]+)", text)
    return int(m.group(1), 16) if m else None


def check_against_objdump(code: bytes, insns: list[Insn]) -> None:
    ref = objdump(code)
    mismatches = []
    for i in insns:
        length, text = ref.get(i.offset, (None, ""))
        ok = length == i.length and canon_objdump(text) == canon_ours(i)
        if ok and i.rip_target is not None:
            ok = rip_comment(text) == i.rip_target & M64
        if not ok:
            raw = code[i.offset:i.offset + i.length].hex(" ")
            mismatches.append(f"{i.offset:#x} [{raw}]: ours {canon_ours(i)!r} ({i.length}), "
                              f"objdump {canon_objdump(text)!r} ({length})")
    assert not mismatches, f"{len(mismatches)} mismatches, first:\n" + "\n".join(mismatches[:20])


@needs_objdump
def test_hand_written_table_agrees_with_objdump():
    code = b"".join(bytes.fromhex(h.replace(" ", "")) for h, _ in ACCEPT)
    check_against_objdump(code, decode_range(code, 0, len(code)))


# ---------------------------------------------------------------------------------------------
# 3. Random instructions from the whitelisted forms agree with objdump

def rand_disp(rng: random.Random, n: int) -> bytes:
    v = rng.choice([0, rng.randrange(-128, 128), rng.randrange(-1 << 31, 1 << 31)])
    v = max(-(1 << (8 * n - 1)), min(v, (1 << (8 * n - 1)) - 1))
    return v.to_bytes(n, "little", signed=True)


def rand_modrm(rng: random.Random, ext: int, mem_only=False, reg_only=False):
    """ModRM [SIB] [disp] with ModRM.reg = ext: returns (bytes, rm register or None)."""
    if reg_only or (not mem_only and rng.random() < 0.35):
        rm = rng.randrange(8)
        return bytes([0xC0 | ext << 3 | rm]), rm
    mod, rm = rng.randrange(3), rng.randrange(8)
    out = bytes([mod << 6 | ext << 3 | rm])
    if rm == 4:
        sib = rng.randrange(256)
        out += bytes([sib])
        if sib & 7 == 5 and mod == 0:
            out += rand_disp(rng, 4)
    elif rm == 5 and mod == 0:
        out += rand_disp(rng, 4)
    if mod == 1:
        out += rand_disp(rng, 1)
    elif mod == 2:
        out += rand_disp(rng, 4)
    return out, None


def modrm_form(rng, opcode: bytes, *, ext=None, byte=False, sizes=(2, 4, 8), imm=None,
               mem_only=False, reg_only=False, byte_rm=None, byte_reg=None) -> bytes:
    """One instruction `[66] [REX] opcode ModRM... [imm]` with random operands.
    imm: None, "b" (imm8), "z" (imm16 for 16-bit, else imm32)."""
    size = 1 if byte else rng.choice(sizes)
    reg = rng.randrange(8) if ext is None else ext
    modrm, rm = rand_modrm(rng, reg, mem_only, reg_only)
    rex = (8 if size == 8 else 0) | rng.choice([0, 0, 1, 2, 4, 7])
    byte_rm = byte if byte_rm is None else byte_rm
    byte_reg = byte if byte_reg is None else byte_reg
    need40 = (byte_reg and ext is None and 4 <= reg <= 7) or (byte_rm and rm is not None and 4 <= rm <= 7)
    prefix = b"\x66" if size == 2 else b""
    if rex or need40 or rng.random() < 0.05:
        prefix += bytes([0x40 | rex])
    tail = b""
    if imm == "b":
        tail = rand_disp(rng, 1)
    elif imm == "z":
        tail = rand_disp(rng, 2 if size == 2 else 4)
    return prefix + opcode + modrm + tail


ALU_BASES = (0x00, 0x08, 0x20, 0x28, 0x30, 0x38)
ALU_EXTS = (0, 1, 4, 5, 6, 7)


def random_insn(rng: random.Random) -> bytes:
    k = rng.randrange(27)
    if k == 0:
        op = rng.choice(ALU_BASES) + rng.randrange(4)
        return modrm_form(rng, bytes([op]), byte=op & 1 == 0)
    if k == 1:
        op = rng.choice((0x80, 0x81, 0x83))
        return modrm_form(rng, bytes([op]), ext=rng.choice(ALU_EXTS), byte=op == 0x80,
                          imm="z" if op == 0x81 else "b")
    if k == 2:
        op = rng.choice((0x84, 0x85))
        return modrm_form(rng, bytes([op]), byte=op == 0x84)
    if k == 3:
        return rng.choice([modrm_form(rng, b"\xf6", ext=0, byte=True, imm="b"),
                           modrm_form(rng, b"\xf7", ext=0, imm="z")])
    if k in (4, 5):
        op = rng.choice((0x88, 0x89, 0x8A, 0x8B))
        return modrm_form(rng, bytes([op]), byte=op & 1 == 0)
    if k == 6:
        return rng.choice([modrm_form(rng, b"\xc6", ext=0, byte=True, imm="b"),
                           modrm_form(rng, b"\xc7", ext=0, imm="z")])
    if k == 7:
        r = rng.randrange(16)
        w = rng.random() < 0.5
        rex = (8 if w else 0) | (r >> 3)
        return (bytes([0x40 | rex]) if rex else b"") + bytes([0xB8 + (r & 7)]) + \
            rand_disp(rng, 8 if w else 4)
    if k == 8:
        op = rng.choice((0xB6, 0xBE))
        return modrm_form(rng, bytes([0x0F, op]), byte_rm=True)
    if k == 9:
        op = rng.choice((0xB7, 0xBF))
        return modrm_form(rng, bytes([0x0F, op]), sizes=(4, 8))
    if k == 10:
        return modrm_form(rng, b"\x63", sizes=(8,))
    if k == 11:
        return modrm_form(rng, b"\x8d", sizes=(8,), mem_only=True)
    if k == 12:
        return modrm_form(rng, b"\x0f\xaf")
    if k == 13:
        op = rng.choice((0x6B, 0x69))
        return modrm_form(rng, bytes([op]), imm="b" if op == 0x6B else "z")
    if k == 14:
        ext = rng.choice((2, 3, 6, 7))
        return modrm_form(rng, b"\xf7", ext=ext, sizes=(2, 4, 8) if ext < 6 else (4, 8))
    if k == 15:
        op = rng.choice((0xD3, 0xD1, 0xC1))
        return modrm_form(rng, bytes([op]), ext=rng.choice((4, 5, 7)),
                          imm="b" if op == 0xC1 else None)
    if k == 16:
        return rng.choice([b"\x99", b"\x48\x99"])
    if k == 17:
        return modrm_form(rng, bytes([0x0F, 0x90 + rng.randrange(16)]), ext=0, byte=True)
    if k == 18:
        return modrm_form(rng, bytes([0x0F, 0x40 + rng.randrange(16)]))
    if k == 19:
        return rng.choice([b"\xeb" + rand_disp(rng, 1), b"\xe9" + rand_disp(rng, 4),
                           b"\xe8" + rand_disp(rng, 4)])
    if k == 20:
        cc = rng.randrange(16)
        return rng.choice([bytes([0x70 + cc]) + rand_disp(rng, 1),
                           bytes([0x0F, 0x80 + cc]) + rand_disp(rng, 4)])
    if k == 21:
        return b"\xff\x15" + rand_disp(rng, 4)
    if k == 22:
        r = rng.randrange(16)
        return (b"\x41" if r >= 8 else b"") + bytes([rng.choice((0x50, 0x58)) + (r & 7)])
    if k == 23:
        return rng.choice([b"\xc3", b"\x90"])
    # more of the memory-heavy forms
    op = rng.choice((0x89, 0x8B, 0x03, 0x2B, 0x39, 0x3B))
    return modrm_form(rng, bytes([op]), mem_only=True)


@needs_objdump
def test_random_whitelisted_instructions_agree_with_objdump():
    rng = random.Random(20240611)
    parts = [random_insn(rng) for _ in range(6000)]
    code = b"".join(parts)
    insns = decode_range(code, 0, len(code))
    assert [i.length for i in insns] == [len(p) for p in parts]
    ops = {i.op for i in insns}
    assert ops >= {"mov", "movzx", "movsx", "movsxd", "lea", "add", "or", "and", "sub", "xor",
                   "cmp", "test", "imul", "neg", "not", "div", "idiv", "shl", "shr", "sar",
                   "cqo", "cdq", "setcc", "cmovcc", "jmp", "jcc", "call", "call_import", "ret",
                   "push", "pop", "nop"}
    check_against_objdump(code, insns)


# ---------------------------------------------------------------------------------------------
# 4. Random bytes: only DecodeError, and what is accepted agrees with objdump

INTERESTING = [bytes([b]) for b in range(256)] + [bytes([0x0F, b]) for b in range(256)]
WHITELIST_OPCODES = [bytes([b]) for b in (
    list(range(0x00, 0x40)) + [0x63, 0x69, 0x6B, 0x80, 0x81, 0x83, 0x84, 0x85, 0x88, 0x89, 0x8A,
                               0x8B, 0x8D, 0x90, 0x99, 0xC1, 0xC3, 0xC6, 0xC7, 0xD1, 0xD3, 0xE8,
                               0xE9, 0xEB, 0xF6, 0xF7, 0xFF] + list(range(0x50, 0x60))
    + list(range(0x70, 0x80)) + list(range(0xB8, 0xC0)))] + \
    [bytes([0x0F, b]) for b in list(range(0x40, 0x50)) + list(range(0x80, 0xA0))
     + [0xAF, 0xB6, 0xB7, 0xBE, 0xBF]]


def random_bytes(rng: random.Random) -> bytes:
    r = rng.random()
    if r < 0.3:
        return bytes(rng.randrange(256) for _ in range(rng.randrange(16)))
    prefix = rng.choice([b"", b"", b"\x66", bytes([0x40 + rng.randrange(16)]),
                         b"\x66" + bytes([0x40 + rng.randrange(8)]),
                         bytes([rng.choice([0xF0, 0xF2, 0xF3, 0x2E, 0x64, 0x67, 0x66, 0x48])])])
    opcode = rng.choice(WHITELIST_OPCODES if r < 0.9 else INTERESTING)
    return prefix + opcode + bytes(rng.randrange(256) for _ in range(rng.randrange(12)))


@needs_objdump
def test_random_bytes():
    rng = random.Random(1234)
    accepted = []
    for _ in range(20000):
        s = random_bytes(rng)
        try:
            insn = decode_one(s, 0)
        except DecodeError as e:
            assert str(e).startswith("DECODE: offset 0x0: ")
            continue
        assert 1 <= insn.length <= len(s)
        accepted.append(s[:insn.length])
    assert len(accepted) > 5000
    code = b"".join(accepted)
    insns = decode_range(code, 0, len(code))
    assert [i.length for i in insns] == [len(a) for a in accepted]
    check_against_objdump(code, insns)


def test_random_bytes_at_offsets_never_crash():
    rng = random.Random(99)
    code = bytes(rng.randrange(256) for _ in range(20000))
    for off in range(len(code)):
        try:
            decode_one(code, off)
        except DecodeError:
            pass


# ---------------------------------------------------------------------------------------------
# 5. The compiler's real output

PROGRAMS = ["algo_crc32.c", "algo_quicksort.c", "algo_hash_table.c", "arith_divmod_neg.c",
            "arith_casts_sext.c", "arith_char.c", "algo_bigint_factorial.c", "algo_base64.c",
            "arith_bitwise.c", "arith_compound_assign_narrow.c"]


@needs_objdump
@pytest.mark.parametrize("name", PROGRAMS)
def test_compiler_output_decodes(name):
    from certa.compiler.pipeline import compile_image
    image = compile_image(str(TESTS_DIR / "c" / name))
    insns = []
    funcs = [s for s in image.symbols if s.kind == "func"]
    assert funcs
    for f in funcs:
        insns += decode_range(image.text, f.offset, f.offset + f.size)
    assert insns
    check_against_objdump(image.text, insns)
