"""The kernel's decoder against capstone, an independent disassembler.

What this file guarantees (with fixed seeds, in well under a minute):

1. Every encoding `trust.encodings` draws from the documented whitelist (every form, every
   allowed prefix combination, every ModRM byte, every SIB byte, edge displacements and
   immediates) is accepted by `decode_one`, with the generated length, and agrees with
   capstone on length, operation, every operand (registers with their 8/16/32/64-bit view,
   memory base/index/scale/displacement/access size, rip-relative targets, immediates after
   the sign extension the operand size implies) and branch targets.
2. For random byte strings and for near misses of valid encodings, each kernel verdict is
   checked: an accepted instruction must agree with capstone as in 1 and be inside the
   subset; a rejected one must be outside it, that is capstone cannot decode it or reads it
   as something the whitelist excludes. `outside_subset` decides that from capstone's
   reading and the raw prefix/opcode bytes, written from docs/kernel-decoder.md and never
   from the kernel's code, so a kernel that rejected a documented form (a completeness gap)
   or accepted an undocumented one (a soundness risk) would be reported here.

The helpers are shared with bench/trust_decoder.py, which runs the same checks for a given
time. `COUNTS` holds what the tests checked; `pytest -s` prints it.
"""
from __future__ import annotations

import collections
import itertools
import random
from dataclasses import dataclass, field, replace

import capstone
from capstone import x86

from certa.kernel.decode import DecodeError, Imm, Insn, Mem, Reg, decode_one
from trust.encodings import PREFIX_BYTES, covering_encodings, near_miss, random_encoding

# ---------------------------------------------------------------------------------------------
# Capstone's reading, normalised to the kernel's vocabulary

CS = capstone.Cs(capstone.CS_ARCH_X86, capstone.CS_MODE_64)
CS.detail = True


def capstone_one(buf: bytes, offset: int):
    """Capstone's first instruction at `offset` (addressed as `offset`), or None."""
    return next(CS.disasm(buf[offset:offset + 16], offset, 1), None)


_GPR_NAMES = {
    8: "rax rcx rdx rbx rsp rbp rsi rdi r8 r9 r10 r11 r12 r13 r14 r15",
    4: "eax ecx edx ebx esp ebp esi edi r8d r9d r10d r11d r12d r13d r14d r15d",
    2: "ax cx dx bx sp bp si di r8w r9w r10w r11w r12w r13w r14w r15w",
    1: "al cl dl bl spl bpl sil dil r8b r9b r10b r11b r12b r13b r14b r15b",
}
# capstone register name -> (number with rax=0 ... r15=15, size in bytes)
GPR = {name: (num, size) for size, names in _GPR_NAMES.items()
       for num, name in enumerate(names.split())}
HIGH_BYTE_REGISTERS = {"ah", "ch", "dh", "bh"}

# condition-code spellings capstone may use, mapped to the kernel's names (docs: "o no b ae e
# ne be a s ns p np l ge le g")
CC_SPELLINGS = {"o": "o", "no": "no", "b": "b", "c": "b", "nae": "b", "ae": "ae", "nb": "ae",
                "nc": "ae", "e": "e", "z": "e", "ne": "ne", "nz": "ne", "be": "be", "na": "be",
                "a": "a", "nbe": "a", "s": "s", "ns": "ns", "p": "p", "pe": "p", "np": "np",
                "po": "np", "l": "l", "nge": "l", "ge": "ge", "nl": "ge", "le": "le", "ng": "le",
                "g": "g", "nle": "g"}
SAME_NAME = {"mov", "movzx", "movsx", "movsxd", "lea", "add", "or", "and", "sub", "xor", "cmp",
             "test", "imul", "not", "neg", "div", "idiv", "shl", "shr", "sar", "cqo", "cdq",
             "jmp", "ret", "push", "pop", "nop"}
RENAMED = {"movabs": "mov", "sal": "shl"}   # sal /4 and shl are one instruction
BRANCHES = {"jmp", "jcc", "call"}


def kernel_op_of(cs) -> tuple[str, str | None] | None:
    """The kernel's (op, cc) for capstone's mnemonic, or None if the kernel has no such op."""
    m = cs.mnemonic
    if m in SAME_NAME:
        return m, None
    if m in RENAMED:
        return RENAMED[m], None
    if m == "call":
        is_mem = cs.operands and cs.operands[0].type == x86.X86_OP_MEM
        return ("call_import" if is_mem else "call"), None
    for stem, op in (("cmov", "cmovcc"), ("set", "setcc"), ("j", "jcc")):
        if m.startswith(stem) and m[len(stem):] in CC_SPELLINGS:
            return op, CC_SPELLINGS[m[len(stem):]]
    return None


def capstone_operands(cs) -> list[tuple]:
    """Capstone's operands as ("reg", num, size) / ("mem", base, index, scale, disp, size,
    rip) / ("imm", value, size); anything the kernel cannot name stays a ("?", text)."""
    out = []
    for o in cs.operands:
        if o.type == x86.X86_OP_REG:
            name = cs.reg_name(o.reg)
            out.append(("reg", *GPR[name]) if name in GPR else ("?", name))
        elif o.type == x86.X86_OP_IMM:
            out.append(("imm", o.imm, o.size))
        elif o.type == x86.X86_OP_MEM:
            m = o.mem
            if m.segment:
                out.append(("?", f"segment {cs.reg_name(m.segment)}"))
                continue
            base = cs.reg_name(m.base) if m.base else None
            index = cs.reg_name(m.index) if m.index else None
            scale = m.scale
            if index == "riz":                 # SIB index 100 without REX.X: no index
                index, scale = None, 1
            if base not in (None, "rip") and base not in GPR or index not in (None, *GPR):
                out.append(("?", f"address registers {base} {index}"))
                continue
            rip = base == "rip"
            out.append(("mem", None if base is None or rip else GPR[base][0],
                        None if index is None else GPR[index][0], scale, m.disp, o.size, rip))
        else:
            out.append(("?", f"operand type {o.type}"))
    return out


def kernel_operands(insn: Insn) -> list[tuple]:
    out = []
    for o in insn.operands:
        if isinstance(o, Reg):
            out.append(("reg", o.num, o.size))
        elif isinstance(o, Mem):
            out.append(("mem", o.base, o.index, o.scale, o.disp, o.size, o.rip))
        elif isinstance(o, Imm):
            out.append(("imm", o.value, o.size))
        else:
            out.append(("?", repr(o)))
    return out


# ---------------------------------------------------------------------------------------------
# Is capstone's reading inside the subset? Written from docs/kernel-decoder.md only.

LEGACY_PREFIX_NAMES = {0xF0: "lock", 0xF2: "repne", 0xF3: "rep", 0x26: "es:", 0x2E: "cs:",
                       0x36: "ss:", 0x3E: "ds:", 0x64: "fs:", 0x65: "gs:", 0x66: "66",
                       0x67: "67 (address size)"}
ALU_ROWS = (("add", 0x00, 0), ("or", 0x08, 1), ("and", 0x20, 4),
            ("sub", 0x28, 5), ("xor", 0x30, 6), ("cmp", 0x38, 7))


def _documented_opcodes() -> dict[str, set[tuple[bytes, int | None]]]:
    """op -> the (opcode bytes, ModRM.reg or None) the whitelist table lists for it."""
    t: dict[str, set] = collections.defaultdict(set)
    for name, base, ext in ALU_ROWS:
        t[name] |= {(bytes([base + k]), None) for k in range(4)}
        t[name] |= {(bytes([o]), ext) for o in (0x80, 0x81, 0x83)}
    t["mov"] |= {(bytes([o]), None) for o in (0x88, 0x89, 0x8A, 0x8B, *range(0xB8, 0xC0))}
    t["mov"] |= {(b"\xc6", 0), (b"\xc7", 0)}
    t["movzx"] |= {(b"\x0f\xb6", None), (b"\x0f\xb7", None)}
    t["movsx"] |= {(b"\x0f\xbe", None), (b"\x0f\xbf", None)}
    t["movsxd"].add((b"\x63", None))
    t["lea"].add((b"\x8d", None))
    t["test"] |= {(b"\x84", None), (b"\x85", None), (b"\xf6", 0), (b"\xf7", 0)}
    t["imul"] |= {(b"\x0f\xaf", None), (b"\x69", None), (b"\x6b", None)}
    for name, ext in (("not", 2), ("neg", 3), ("div", 6), ("idiv", 7)):
        t[name].add((b"\xf7", ext))
    for name, ext in (("shl", 4), ("shr", 5), ("sar", 7)):
        t[name] |= {(bytes([o]), ext) for o in (0xC1, 0xD1, 0xD3)}
    t["cdq"].add((b"\x99", None))
    t["cqo"].add((b"\x99", None))
    t["push"] |= {(bytes([0x50 + r]), None) for r in range(8)}
    t["pop"] |= {(bytes([0x58 + r]), None) for r in range(8)}
    t["setcc"] |= {(bytes([0x0F, 0x90 + c]), 0) for c in range(16)}
    t["cmovcc"] |= {(bytes([0x0F, 0x40 + c]), None) for c in range(16)}
    t["jcc"] |= {(bytes([0x70 + c]), None) for c in range(16)}
    t["jcc"] |= {(bytes([0x0F, 0x80 + c]), None) for c in range(16)}
    t["jmp"] |= {(b"\xeb", None), (b"\xe9", None)}
    t["call"].add((b"\xe8", None))
    t["call_import"].add((b"\xff", 2))
    t["ret"].add((b"\xc3", None))
    t["nop"].add((b"\x90", None))
    return dict(t)


DOCUMENTED_OPCODES = _documented_opcodes()
# "66 means 16-bit operand size" is allowed only on these (docs: Prefix rules, the table)
OPS_TAKING_66 = {"mov", "add", "or", "and", "sub", "xor", "cmp", "test", "imul", "not", "neg",
                 "shl", "shr", "sar", "cmovcc", "movzx", "movsx"}
OPS_WITHOUT_ANY_PREFIX = {"jmp", "jcc", "call", "call_import", "ret", "nop"}


def split_prefixes(raw: bytes) -> tuple[bytes, bytes]:
    """(every leading legacy-prefix or REX byte, the rest starting at the opcode)."""
    k = 0
    while k < len(raw) and (raw[k] in LEGACY_PREFIX_NAMES or 0x40 <= raw[k] <= 0x4F):
        k += 1
    return raw[:k], raw[k:]


def outside_subset(cs) -> str | None:
    """Why capstone's instruction is outside the documented subset, or None if it is inside."""
    raw = bytes(cs.bytes)
    prefixes, rest = split_prefixes(raw)
    for b in prefixes:
        if b in LEGACY_PREFIX_NAMES and b != 0x66:
            return f"prefix {LEGACY_PREFIX_NAMES[b]}"
    layout = "".join("6" if b == 0x66 else "R" for b in prefixes)
    if layout not in ("", "6", "R", "6R"):
        return f"prefix bytes {prefixes.hex(' ')} are not [66] [REX] immediately before the opcode"
    has66 = "6" in layout
    rex = prefixes[-1] if layout.endswith("R") else None
    if has66 and rex is not None and rex & 8:
        return "66 together with REX.W"
    named = kernel_op_of(cs)
    if named is None:
        return f"mnemonic {cs.mnemonic!r} is not modelled"
    op, _ = named
    opcode = rest[:2] if rest[:1] == b"\x0f" else rest[:1]
    modrm_reg = (rest[len(opcode)] >> 3) & 7 if len(rest) > len(opcode) else None
    allowed = DOCUMENTED_OPCODES[op]
    if (opcode, None) not in allowed and (opcode, modrm_reg) not in allowed:
        return f"{op} is not whitelisted as opcode {opcode.hex(' ')} /{modrm_reg}"
    ops = capstone_operands(cs)
    for o in cs.operands:
        if o.type == x86.X86_OP_REG and cs.reg_name(o.reg) in HIGH_BYTE_REGISTERS:
            return f"AH-BH register {cs.reg_name(o.reg)}"
    unknown = [o for o in ops if o[0] == "?"]
    if unknown:
        return f"operand outside the subset: {unknown[0][1]}"
    if op in OPS_WITHOUT_ANY_PREFIX and prefixes:
        return f"prefix on {op}"
    sizes = [o[2] if o[0] == "reg" else o[5] if o[0] == "mem" else None for o in ops]
    if has66:
        if op not in OPS_TAKING_66:
            return f"66 on {op}"
        if sizes[0] != 2:
            return f"66 on a {sizes[0]}-byte operation"
        if op == "mov" and 0xB8 <= opcode[0] <= 0xBF:
            return "66 on mov r, imm (B8+r)"
        if op in ("movzx", "movsx") and sizes[1] == 2:
            return "66 on movzx/movsx from 16 bits"
    if op in ("movsxd", "lea") and sizes[0] != 8:
        return f"{op} without a 64-bit destination"
    if op == "lea" and ops[1][0] != "mem":
        return "lea of a register"
    if op == "call_import" and not (ops[0][0] == "mem" and ops[0][6]):
        return "indirect call not through a rip-relative slot"
    if op in ("push", "pop") and sizes[0] != 8:
        return f"{sizes[0]}-byte {op}"
    return None


# ---------------------------------------------------------------------------------------------
# Agreement between an accepted instruction and capstone

def _fits_signed(value: int, size: int) -> bool:
    return -(1 << (8 * size - 1)) <= value < 1 << (8 * size - 1)


def disagreements(insn: Insn, cs, offset: int) -> list[str]:
    """Every way the kernel's reading differs from capstone's (empty when they agree)."""
    bad = []
    if insn.offset != offset:
        bad.append(f"offset {insn.offset} != {offset}")
    if insn.length != cs.size:
        bad.append(f"length {insn.length} != capstone {cs.size}")
        return bad                             # the rest would be read from other bytes
    named = kernel_op_of(cs)
    if named != (insn.op, insn.cc):
        bad.append(f"operation {(insn.op, insn.cc)} != capstone {named}")
        return bad
    theirs = capstone_operands(cs)
    ours = kernel_operands(insn)
    end = offset + cs.size
    if insn.op in BRANCHES:
        if ours:
            bad.append(f"branch with operands {ours}")
        if len(theirs) != 1 or theirs[0][0] != "imm":
            bad.append(f"capstone branch operands {theirs}")
        elif insn.target is None or (insn.target - theirs[0][1]) % (1 << 64):
            bad.append(f"target {insn.target} != capstone {theirs[0][1] % (1 << 64):#x}")
        expected_size = 0
    else:
        if insn.target is not None:
            bad.append(f"target {insn.target} on a non-branch")
        if len(ours) != len(theirs):
            bad.append(f"operand count {len(ours)} != capstone {len(theirs)}")
            return bad
        for i, (a, b) in enumerate(zip(ours, theirs)):
            bad += [f"operand {i}: {d}" for d in _operand_differences(insn, a, b)]
        expected_size = {"cdq": 4, "cqo": 8, "ret": 0, "nop": 0, "call_import": 0}.get(
            insn.op, theirs[0][2] if theirs and theirs[0][0] == "reg" else
            theirs[0][5] if theirs and theirs[0][0] == "mem" else None)
    if insn.size != expected_size:
        bad.append(f"operation size {insn.size} != {expected_size}")
    rip = [b for b in theirs if b[0] == "mem" and b[6]]
    expected_rip = end + rip[0][4] if rip else None
    if insn.rip_target != expected_rip:
        bad.append(f"rip_target {insn.rip_target} != {expected_rip}")
    if (insn.cc is not None) != (insn.op in ("jcc", "setcc", "cmovcc")):
        bad.append(f"cc {insn.cc!r} on {insn.op}")
    return bad


def _operand_differences(insn: Insn, ours: tuple, theirs: tuple) -> list[str]:
    if ours[0] != theirs[0] or ours[0] == "?":
        return [f"{ours} != capstone {theirs}"]
    if ours[0] == "reg":
        return [] if ours == theirs else [f"{ours} != capstone {theirs}"]
    if ours[0] == "mem":
        _, base, index, scale, disp, size, rip = ours
        _, cbase, cindex, cscale, cdisp, csize, crip = theirs
        out = []
        if (base, index, scale, rip) != (cbase, cindex, cscale, crip):
            out.append(f"address {ours} != capstone {theirs}")
        if (disp - cdisp) % (1 << 64):
            out.append(f"displacement {disp} != capstone {cdisp}")
        # lea reads no memory: the kernel says size 0 (docs); capstone gives the register size
        if size != (0 if insn.op == "lea" else csize):
            out.append(f"access size {size} != capstone {csize}")
        return out
    value, size = ours[1], ours[2]
    cvalue, csize = theirs[1], theirs[2]
    if insn.op in ("shl", "shr", "sar"):
        # a shift count is an unsigned byte of size 1 (docs); capstone sizes `D1`'s 1 as the
        # operand, so only the value is compared with it
        ok = size == 1 and 0 <= value <= 255 and value == cvalue
        return [] if ok else [f"shift count {ours} != capstone {theirs}"]
    out = []
    if size != csize:
        out.append(f"immediate size {size} != capstone {csize}")
    # equal as operand-size bit patterns: this is where a missing sign extension would show
    if (value - cvalue) % (1 << (8 * csize)):
        out.append(f"immediate {value:#x} != capstone {cvalue:#x} at {csize} bytes")
    if not _fits_signed(value, size):
        out.append(f"immediate {value:#x} is not a signed {size}-byte value")
    return out


def render(buf: bytes, offset: int, insn: Insn | None, cs, error: str | None = None) -> str:
    """The bytes, the kernel's reading and capstone's, for a failure message."""
    raw = buf[offset:offset + (cs.size if cs else insn.length if insn else 15)]
    kernel = f"{insn.text()}  {insn!r}" if insn else f"rejected: {error}"
    theirs = (f"{cs.mnemonic} {cs.op_str}  len={cs.size} {capstone_operands(cs)}"
              if cs else "cannot decode")
    return f"bytes {raw.hex(' ')} at offset {offset}\n  kernel:   {kernel}\n  capstone: {theirs}"


# ---------------------------------------------------------------------------------------------
# Judging one byte string

# Byte strings the kernel rejects although `outside_subset` finds them inside, each with the
# docs/kernel-decoder.md passage that makes the rejection intended. Empty: none were found.
INTENDED_REJECTIONS: dict[bytes, str] = {}


@dataclass
class Tally:
    """Counts by category, and the first findings in full. A finding is anything that is not
    an agreement or a rejection of bytes outside the subset."""
    counts: collections.Counter = field(default_factory=collections.Counter)
    findings: list[str] = field(default_factory=list)
    finding_count: int = 0

    def finding(self, kind: str, text: str) -> None:
        self.counts[kind] += 1
        self.finding_count += 1
        if len(self.findings) < 20:            # enough to diagnose; keeps messages readable
            self.findings.append(f"{kind}:\n{text}")


def judge(buf: bytes, offset: int, tally: Tally, source: str, expected_length: int | None = None):
    """Decode `buf` at `offset` with the kernel and capstone and record the verdict under
    `source`. With `expected_length`, the bytes are a whitelist encoding of that length."""
    tally.counts[f"{source} tried"] += 1
    cs = capstone_one(buf, offset)
    try:
        insn = decode_one(buf, offset)
    except DecodeError as e:
        if not str(e).startswith(f"DECODE: offset {offset:#x}: "):
            tally.finding("malformed rejection message", render(buf, offset, None, cs, str(e)))
        if expected_length is not None:
            tally.finding("REJECTED a whitelist encoding", render(buf, offset, None, cs, str(e)))
            return
        if cs is None:
            tally.counts[f"{source} rejected, capstone cannot decode"] += 1
            return
        reason = outside_subset(cs)
        if reason is not None:
            tally.counts[f"{source} rejected, outside the subset"] += 1
        elif bytes(cs.bytes) in INTENDED_REJECTIONS:
            tally.counts[f"{source} rejected, intended (allow-list)"] += 1
        else:
            tally.finding("completeness gap: rejected but inside the subset",
                          render(buf, offset, None, cs, str(e)))
        return
    tally.counts[f"{source} accepted"] += 1
    if cs is None:
        tally.finding("DISAGREEMENT: accepted, capstone cannot decode",
                      render(buf, offset, insn, cs))
        return
    bad = disagreements(insn, cs, offset)
    if expected_length is not None and insn.length != expected_length:
        bad.append(f"length {insn.length} != generated {expected_length}")
    if bad:
        tally.finding("DISAGREEMENT", render(buf, offset, insn, cs) + "\n  " + "\n  ".join(bad))
        return
    reason = outside_subset(cs)
    if reason is not None:
        tally.finding("DISAGREEMENT: accepted but outside the documented subset",
                      render(buf, offset, insn, cs) + f"\n  outside because: {reason}")
        return
    tally.counts[f"{source} agreed"] += 1


# ---------------------------------------------------------------------------------------------
# The cases: endless streams of (source, buffer, offset, expected length or None), each a pure
# function of its random.Random (bench/trust_decoder.py draws from them for a given time)

def _framed(rng: random.Random, data: bytes) -> tuple[bytes, int]:
    """`data` after 0-7 junk bytes (so offsets and targets are not all 0) and before 15
    random bytes (so reading past the instruction would change its length or meaning)."""
    lead = rng.randrange(8)
    return rng.randbytes(lead) + data + rng.randbytes(15), lead


def whitelist_cases(rng: random.Random):
    """The covering encodings, then random whitelist encodings for ever."""
    for enc in covering_encodings(rng):
        yield ("whitelist", *_framed(rng, enc.data), len(enc.data))
    while True:
        enc = random_encoding(rng)
        yield ("whitelist", *_framed(rng, enc.data), len(enc.data))


def random_string(rng: random.Random) -> bytes:
    """16 random bytes; half of them start with 1-3 prefix or 0F bytes, which uniform bytes
    rarely combine, so prefix orderings and two-byte opcodes are exercised too."""
    if rng.random() < 0.5:
        return rng.randbytes(16)
    lead = bytes(rng.choice((*PREFIX_BYTES, 0x0F, 0x66, 0x48)) for _ in range(rng.randint(1, 3)))
    return (lead + rng.randbytes(16))[:16]


def random_cases(rng: random.Random):
    while True:
        yield "random", random_string(rng), 0, None


def near_miss_cases(rng: random.Random):
    while True:
        _, data = near_miss(rng, random_encoding(rng))
        yield ("near miss", *_framed(rng, data), None)


def run(cases, count: int, tally: Tally) -> Tally:
    for source, buf, offset, expected_length in itertools.islice(cases, count):
        judge(buf, offset, tally, source, expected_length)
    return tally


# What the tests below checked, by category (printed with `pytest -s`).
COUNTS: collections.Counter = collections.Counter()


def _report(name: str, tally: Tally) -> None:
    COUNTS.update(tally.counts)
    print(f"\n{name}: " + ", ".join(f"{k}={v}" for k, v in sorted(tally.counts.items())))


def _findings(tally: Tally) -> str:
    return "\n\n".join(tally.findings)


# ---------------------------------------------------------------------------------------------
# The comparison and the predicate can fail

def test_the_comparison_reports_every_kind_of_difference():
    buf = bytes.fromhex("48 83 44 8b f0 80 00")     # add qword ptr [rbx + rcx*4 - 0x10], -0x80
    cs = capstone_one(buf, 0)
    good = decode_one(buf, 0)
    assert disagreements(good, cs, 0) == []
    mem, imm = good.operands
    wrong = [
        replace(good, length=7),
        replace(good, op="sub"),
        replace(good, size=4),
        replace(good, offset=1),
        replace(good, operands=(replace(mem, scale=2), imm)),
        replace(good, operands=(replace(mem, disp=0xF0), imm)),      # disp8 not sign-extended
        replace(good, operands=(replace(mem, size=4), imm)),
        replace(good, operands=(replace(mem, base=None, rip=True), imm)),
        replace(good, operands=(mem, Imm(0x80, 8))),                 # imm8 not sign-extended
        replace(good, operands=(mem, Imm(-0x80, 1))),
        replace(good, operands=(Reg(0, 8), imm)),
        replace(good, operands=(mem,)),
    ]
    for w in wrong:
        assert disagreements(w, cs, 0), w
    jcc = b"\0" * 4 + bytes.fromhex("0f 84 f0 ff ff ff")            # je -0x10 at offset 4
    good_jcc = decode_one(jcc, 4)
    assert good_jcc.target == -6 and disagreements(good_jcc, capstone_one(jcc, 4), 4) == []
    for w in (replace(good_jcc, target=-10), replace(good_jcc, cc="ne")):
        assert disagreements(w, capstone_one(jcc, 4), 4), w


def test_the_subset_predicate_follows_the_document():
    inside = ["48 89 c3", "66 45 89 c8", "40 88 e0", "48 99", "41 99", "41 50", "ff 15 00 00 00 00",
              "0f 94 c0", "66 0f b6 c0", "d1 e0", "48 8d 04 24", "48 63 c0", "c3", "90"]
    outside = {"88 e0": "AH-BH", "0f 94 c8": "not whitelisted", "f6 c8 01": "not whitelisted",
               "d1 f0": "not whitelisted", "04 01": "not whitelisted", "b0 01": "not whitelisted",
               "48 66 89 c3": "immediately before", "66 48 89 c3": "REX.W",
               "66 66 89 c3": "immediately before", "f0 01 00": "lock", "64 8b 00": "fs:",
               "67 8b 00": "67", "63 c0": "64-bit destination", "8d 05 00 00 00 00": "64-bit",
               "66 b8 01 00": "B8+r", "66 0f b7 c0": "16 bits", "66 99": "not modelled",
               "41 90": "not modelled", "48 90": "prefix on nop", "66 90": "prefix on nop",
               "f3 90": "prefix rep", "0f 1f 00": "not whitelisted", "48 c3": "prefix on ret",
               "66 50": "66 on push", "f7 e0": "not modelled", "f7 e8": "not whitelisted",
               "66 f7 f0": "66 on div", "f6 f0": "not whitelisted", "ff d0": "not whitelisted",
               "ff 14 25 00 00 00 00": "rip-relative",
               "c0 e0 01": "not whitelisted", "e3 00": "not modelled", "8c c0": "not whitelisted"}
    for h in inside:
        assert outside_subset(capstone_one(bytes.fromhex(h.replace(" ", "")), 0)) is None, h
    for h, why in outside.items():
        reason = outside_subset(capstone_one(bytes.fromhex(h.replace(" ", "")), 0))
        assert reason is not None and why in reason, (h, reason)


# ---------------------------------------------------------------------------------------------
# The three comparisons

def test_every_whitelist_encoding_is_accepted_and_agrees_with_capstone():
    # the number of covering encodings depends only on the table, not on the seed
    covering = sum(1 for _ in covering_encodings(random.Random(0)))
    tally = run(whitelist_cases(random.Random(20250601)), covering + 10_000, Tally())
    _report("whitelist", tally)
    assert not tally.findings, _findings(tally)
    assert tally.counts["whitelist agreed"] == tally.counts["whitelist tried"] == covering + 10_000


def test_random_bytes_agree_or_are_outside_the_subset():
    tally = run(random_cases(random.Random(4242)), 200_000, Tally())
    _report("random", tally)
    assert not tally.findings, _findings(tally)
    assert tally.counts["random agreed"] > 30_000       # the biased half reaches many forms
    assert tally.counts["random rejected, outside the subset"] > 100_000


def test_near_misses_agree_or_are_outside_the_subset():
    tally = run(near_miss_cases(random.Random(777)), 40_000, Tally())
    _report("near miss", tally)
    assert not tally.findings, _findings(tally)
    assert tally.counts["near miss agreed"] > 10_000
    assert tally.counts["near miss rejected, outside the subset"] > 10_000
