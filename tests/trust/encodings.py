"""Encodings drawn from the kernel decoder's whitelist, and near misses of them.

What this file guarantees: every `Encoding` it yields is, by the table of
docs/kernel-decoder.md ("The whitelist" and "Prefix rules"), an instruction the kernel must
accept: an allowed opcode form, an allowed prefix combination (`66` only where the table
allows it, never with REX.W; REX with any W/R/X/B bits where REX is allowed, REX.W where the
form requires it), any ModRM/SIB/displacement the standard 64-bit rules allow, an immediate
of the width the operand size implies, and no AH-BH byte register. It is written from the
document, not from certa/kernel/decode.py, so that a gap between the two shows up as a test
failure instead of being copied here.

`covering_encodings(rng)` walks the table systematically: every form with every prefix
combination it allows, every ModRM byte it allows, every SIB byte (and, across the forms,
every SIB byte under each of mod 00/01/10), every register of the `+r` forms, and the edge
values of every immediate and displacement width. `random_encoding(rng)` draws one form and everything else at random. `near_miss(rng, enc)`
changes one prefix, one opcode byte or one ModRM field of a valid encoding; the result may or
may not be in the subset (the test decides that from capstone's reading). Everything is a
pure function of the `random.Random` passed in.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

REX_ANY = tuple(range(0x40, 0x50))
REX_W = tuple(range(0x48, 0x50))
REX_NO_W = tuple(range(0x40, 0x48))
LEGACY_PREFIXES = (0xF0, 0xF2, 0xF3, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65, 0x66, 0x67)
CONDITION_CODES = ("o", "no", "b", "ae", "e", "ne", "be", "a",
                   "s", "ns", "p", "np", "l", "ge", "le", "g")


@dataclass(frozen=True)
class Form:
    """One row (or one opcode of a row) of the whitelist table.

    `layout` is how the operands are encoded: "modrm" (ModRM.reg names a register), "ext"
    (ModRM.reg is the opcode extension `ext`), "plus_r" (register in the opcode's low 3
    bits), "rel" (a branch displacement of `imm` width), or "none".
    `rex` is which REX bytes may precede the opcode: "any" (none or 40-4F), "w" (48-4F
    required), "no_w" (none or 40-47), "none". `rm_kind` limits ModRM.rm: "any", "mem"
    (mod != 11), "rip" (mod 00, rm 101 only). `imm` is "", "ib" (one byte), "iz" (imm16
    with 66, else imm32), "iv" (imm64 with REX.W, else imm32), "rel8" or "rel32".
    """
    op: str                 # the kernel's name for the operation
    opcode: bytes
    layout: str
    ext: int | None = None
    reg_byte: bool = False  # ModRM.reg names a byte register
    rm_byte: bool = False   # a register ModRM.rm names a byte register
    allow_66: bool = False
    rex: str = "any"
    rm_kind: str = "any"
    imm: str = ""
    cc: str | None = None

    def describe(self) -> str:
        ext = f" /{self.ext}" if self.ext is not None else ""
        return f"{self.op}{self.cc or ''} {self.opcode.hex(' ')}{ext}"


@dataclass(frozen=True)
class Encoding:
    """One generated instruction, with where its parts are (for near misses)."""
    form: Form
    data: bytes
    prefix_len: int          # bytes before the opcode
    modrm_at: int | None     # index of the ModRM byte in `data`, if any


def _build_forms() -> tuple[Form, ...]:
    forms: list[Form] = []
    add = forms.append
    alu = (("add", 0x00, 0), ("or", 0x08, 1), ("and", 0x20, 4),
           ("sub", 0x28, 5), ("xor", 0x30, 6), ("cmp", 0x38, 7))
    for name, base, ext in alu:
        # +0 r/m8, r8; +1 r/mv, rv; +2 r8, r/m8; +3 rv, r/mv
        add(Form(name, bytes([base]), "modrm", reg_byte=True, rm_byte=True))
        add(Form(name, bytes([base + 1]), "modrm", allow_66=True))
        add(Form(name, bytes([base + 2]), "modrm", reg_byte=True, rm_byte=True))
        add(Form(name, bytes([base + 3]), "modrm", allow_66=True))
        add(Form(name, b"\x80", "ext", ext, rm_byte=True, imm="ib"))
        add(Form(name, b"\x81", "ext", ext, allow_66=True, imm="iz"))
        add(Form(name, b"\x83", "ext", ext, allow_66=True, imm="ib"))
    add(Form("mov", b"\x88", "modrm", reg_byte=True, rm_byte=True))
    add(Form("mov", b"\x89", "modrm", allow_66=True))
    add(Form("mov", b"\x8a", "modrm", reg_byte=True, rm_byte=True))
    add(Form("mov", b"\x8b", "modrm", allow_66=True))
    add(Form("mov", b"\xc6", "ext", 0, rm_byte=True, imm="ib"))
    add(Form("mov", b"\xc7", "ext", 0, allow_66=True, imm="iz"))
    add(Form("mov", b"\xb8", "plus_r", imm="iv"))
    add(Form("movzx", b"\x0f\xb6", "modrm", rm_byte=True, allow_66=True))
    add(Form("movzx", b"\x0f\xb7", "modrm"))
    add(Form("movsx", b"\x0f\xbe", "modrm", rm_byte=True, allow_66=True))
    add(Form("movsx", b"\x0f\xbf", "modrm"))
    add(Form("movsxd", b"\x63", "modrm", rex="w"))
    add(Form("lea", b"\x8d", "modrm", rex="w", rm_kind="mem"))
    add(Form("test", b"\x84", "modrm", reg_byte=True, rm_byte=True))
    add(Form("test", b"\x85", "modrm", allow_66=True))
    add(Form("test", b"\xf6", "ext", 0, rm_byte=True, imm="ib"))
    add(Form("test", b"\xf7", "ext", 0, allow_66=True, imm="iz"))
    add(Form("imul", b"\x0f\xaf", "modrm", allow_66=True))
    add(Form("imul", b"\x6b", "modrm", allow_66=True, imm="ib"))
    add(Form("imul", b"\x69", "modrm", allow_66=True, imm="iz"))
    add(Form("not", b"\xf7", "ext", 2, allow_66=True))
    add(Form("neg", b"\xf7", "ext", 3, allow_66=True))
    add(Form("div", b"\xf7", "ext", 6))
    add(Form("idiv", b"\xf7", "ext", 7))
    for name, ext in (("shl", 4), ("shr", 5), ("sar", 7)):
        add(Form(name, b"\xd3", "ext", ext, allow_66=True))
        add(Form(name, b"\xc1", "ext", ext, allow_66=True, imm="ib"))
        add(Form(name, b"\xd1", "ext", ext, allow_66=True))
    add(Form("cdq", b"\x99", "none", rex="no_w"))
    add(Form("cqo", b"\x99", "none", rex="w"))
    add(Form("push", b"\x50", "plus_r"))
    add(Form("pop", b"\x58", "plus_r"))
    for i, cc in enumerate(CONDITION_CODES):
        add(Form("setcc", bytes([0x0F, 0x90 + i]), "ext", 0, rm_byte=True, cc=cc))
        add(Form("cmovcc", bytes([0x0F, 0x40 + i]), "modrm", allow_66=True, cc=cc))
        add(Form("jcc", bytes([0x70 + i]), "rel", rex="none", imm="rel8", cc=cc))
        add(Form("jcc", bytes([0x0F, 0x80 + i]), "rel", rex="none", imm="rel32", cc=cc))
    add(Form("jmp", b"\xeb", "rel", rex="none", imm="rel8"))
    add(Form("jmp", b"\xe9", "rel", rex="none", imm="rel32"))
    add(Form("call", b"\xe8", "rel", rex="none", imm="rel32"))
    add(Form("call_import", b"\xff", "ext", 2, rex="none", rm_kind="rip"))
    add(Form("ret", b"\xc3", "none", rex="none"))
    add(Form("nop", b"\x90", "none", rex="none"))
    return tuple(forms)


FORMS: tuple[Form, ...] = _build_forms()


# -- pieces -----------------------------------------------------------------------------------

def prefix_choices(form: Form) -> list[tuple[bool, int | None]]:
    """Every (66 present, REX byte or None) the table allows for `form`."""
    rexes = {"any": (None, *REX_ANY), "w": REX_W, "no_w": (None, *REX_NO_W),
             "none": (None,)}[form.rex]
    out = []
    for p66 in ((False, True) if form.allow_66 else (False,)):
        for rex in rexes:
            if p66 and rex is not None and rex & 8:
                continue                       # 66 with REX.W is never allowed
            out.append((p66, rex))
    return out


def modrm_choices(form: Form) -> list[int]:
    """Every ModRM byte the table allows for `form` (an ext form fixes ModRM.reg)."""
    if form.rm_kind == "rip":
        return [form.ext << 3 | 0b101]
    out = []
    for m in range(256):
        mod, reg = m >> 6, (m >> 3) & 7
        if form.layout == "ext" and reg != form.ext:
            continue
        if form.rm_kind == "mem" and mod == 3:
            continue
        out.append(m)
    return out


def names_high_byte_register(form: Form, rex: int | None, modrm: int | None) -> bool:
    """True when, without REX, a byte register field is 4-7, which means AH-BH (rejected)."""
    if rex is not None or modrm is None:
        return False
    reg, rm = (modrm >> 3) & 7, modrm & 7
    if form.reg_byte and form.layout == "modrm" and reg >= 4:
        return True
    return form.rm_byte and modrm >> 6 == 3 and rm >= 4


def edge_values(nbytes: int) -> list[int]:
    """Signed values of an nbytes-wide field where sign extension and truncation show."""
    top = 1 << (8 * nbytes - 1)
    vals = {0, 1, -1, 2, top - 1, -top, top - 2, -top + 1, 0x7F, -0x80, 0x80 % top, 0x7FFF % top,
            -0x8000 if nbytes >= 2 else 0, 0x1234 % top}
    return sorted(v for v in vals if -top <= v < top)


def random_signed(rng: random.Random, nbytes: int) -> int:
    top = 1 << (8 * nbytes - 1)
    if rng.random() < 0.3:
        return rng.choice(edge_values(nbytes))
    return rng.randrange(-top, top)


def _le(value: int, nbytes: int) -> bytes:
    return value.to_bytes(nbytes, "little", signed=True)


def operand_size(form: Form, p66: bool, rex: int | None) -> int:
    """The operand size the table gives: 1 for byte forms, else 2 with 66, 8 with REX.W, 4."""
    if form.reg_byte or (form.rm_byte and form.op not in ("movzx", "movsx")):
        return 1
    if rex is not None and rex & 8:
        return 8
    return 2 if p66 else 4


def imm_width(form: Form, p66: bool, rex: int | None) -> int:
    size = operand_size(form, p66, rex)
    return {"": 0, "ib": 1, "rel8": 1, "rel32": 4, "iz": min(size, 4),
            "iv": 8 if size == 8 else 4}[form.imm]


# -- building one encoding --------------------------------------------------------------------

def encode(form: Form, rng: random.Random, p66: bool, rex: int | None, *, modrm: int | None = None,
           sib: int | None = None, disp: int | None = None, imm: int | None = None,
           reg: int | None = None) -> Encoding:
    """`form` with the given prefixes; whatever is not given is drawn from `rng`.
    `disp` is used for whichever displacement the ModRM/SIB bytes call for; `reg` is the
    low 3 bits of a `+r` opcode. The caller keeps AH-BH out (see `valid_modrm`)."""
    prefix = (b"\x66" if p66 else b"") + (bytes([rex]) if rex is not None else b"")
    opcode = bytearray(form.opcode)
    body = b""
    modrm_at = None
    if form.layout == "plus_r":
        opcode[-1] += rng.randrange(8) if reg is None else reg
    elif form.layout in ("modrm", "ext"):
        if modrm is None:
            modrm = valid_modrm(rng, form, rex)
        modrm_at = len(prefix) + len(opcode)
        mod, rm = modrm >> 6, modrm & 7
        body = bytes([modrm])
        disp_width = {0: 0, 1: 1, 2: 4, 3: 0}[mod]
        if mod != 3 and rm == 4:
            sib = rng.randrange(256) if sib is None else sib
            body += bytes([sib])
            if mod == 0 and sib & 7 == 5:
                disp_width = 4                  # SIB base 101 under mod 00: no base, disp32
        elif mod == 0 and rm == 5:
            disp_width = 4                      # rip-relative disp32
        if disp_width:
            body += _le(random_signed(rng, disp_width) if disp is None else
                        _clamp(disp, disp_width), disp_width)
    width = imm_width(form, p66, rex)
    if width:
        value = random_signed(rng, width) if imm is None else _clamp(imm, width)
        body += _le(value, width)
    return Encoding(form, prefix + bytes(opcode) + body, len(prefix), modrm_at)


def _clamp(value: int, nbytes: int) -> int:
    """`value` read back as a signed nbytes-wide field (keeps edge lists usable at any width)."""
    return int.from_bytes((value % (1 << (8 * nbytes))).to_bytes(nbytes, "little"), "little",
                          signed=True)


def valid_modrm(rng: random.Random, form: Form, rex: int | None) -> int:
    """A random allowed ModRM byte for `form` that names no AH-BH register under `rex`."""
    choices = modrm_choices(form)
    while True:
        m = rng.choice(choices)
        if not names_high_byte_register(form, rex, m):
            return m


def random_prefixes(rng: random.Random, form: Form, modrm: int | None = None):
    """Random allowed (66, REX) for `form`, keeping AH-BH out for the given ModRM byte."""
    choices = [c for c in prefix_choices(form) if not names_high_byte_register(form, c[1], modrm)]
    return rng.choice(choices)


# -- the generators ---------------------------------------------------------------------------

def random_encoding(rng: random.Random) -> Encoding:
    form = rng.choice(FORMS)
    p66, rex = rng.choice(prefix_choices(form))
    return encode(form, rng, p66, rex)


def covering_encodings(rng: random.Random):
    """Yield encodings that together cover the whole table (see the module essay)."""
    for form_number, form in enumerate(FORMS):
        # every allowed prefix combination
        for p66, rex in prefix_choices(form):
            yield encode(form, rng, p66, rex)
        if form.layout in ("modrm", "ext"):
            # every allowed ModRM byte (byte-register forms get a REX where 4-7 needs one)
            for m in modrm_choices(form):
                p66, rex = random_prefixes(rng, form, m)
                yield encode(form, rng, p66, rex, modrm=m)
            # every SIB byte (incl. index 100 = no index, base 101 = no base under mod 00,
            # rsp/r12 base); the mod rotates with the form so that, across the forms, every
            # (mod, SIB) pair occurs
            if form.rm_kind != "rip":
                for sib in range(256):
                    mod = (sib + form_number) % 3
                    modrm = mod << 6 | _reg_field(rng, form) << 3 | 0b100
                    p66, rex = random_prefixes(rng, form, modrm)
                    yield encode(form, rng, p66, rex, modrm=modrm, sib=sib)
            # edge displacements under disp8, disp32, rip-relative and the no-base SIB form
            for d in edge_values(4):
                for mod, rm, sib in ((1, 0b000, None), (2, 0b011, None), (0, 0b101, None),
                                     (0, 0b100, 0b00100101)):
                    if form.rm_kind == "rip" and (mod, rm) != (0, 0b101):
                        continue
                    modrm = mod << 6 | _reg_field(rng, form) << 3 | rm
                    p66, rex = random_prefixes(rng, form, modrm)
                    yield encode(form, rng, p66, rex, modrm=modrm, sib=sib, disp=d)
        if form.layout == "plus_r":
            for reg in range(8):
                for p66, rex in prefix_choices(form):
                    yield encode(form, rng, p66, rex, reg=reg)
        if form.imm:
            # edge immediates at every width the prefixes give (imm8/16/32/64, rel8/32)
            by_width: dict[int, list] = {}
            for p66, rex in prefix_choices(form):
                by_width.setdefault(imm_width(form, p66, rex), []).append((p66, rex))
            for width, combos in sorted(by_width.items()):
                for v in edge_values(width):
                    p66, rex = rng.choice(combos)
                    yield encode(form, rng, p66, rex, imm=v)


def _reg_field(rng: random.Random, form: Form) -> int:
    """ModRM.reg for `form`: its opcode extension, or a random register."""
    return form.ext if form.layout == "ext" else rng.randrange(8)


PREFIX_BYTES = LEGACY_PREFIXES + REX_ANY


def near_miss(rng: random.Random, enc: Encoding) -> tuple[str, bytes]:
    """`enc` with one prefix, opcode or ModRM change; returns (what changed, bytes)."""
    data = bytearray(enc.data)
    p = enc.prefix_len
    opcode_last = p + len(enc.form.opcode) - 1
    kinds = ["insert prefix", "replace prefix", "opcode"]
    if p:
        kinds.append("drop prefix")
    if enc.modrm_at is not None:
        kinds += ["modrm"] * 2
    kind = rng.choice(kinds)
    if kind == "insert prefix":
        data.insert(rng.randrange(p + 1), rng.choice(PREFIX_BYTES))
    elif kind == "drop prefix":
        del data[rng.randrange(p)]
    elif kind == "replace prefix":
        if p:
            data[rng.randrange(p)] = rng.choice(PREFIX_BYTES)
        else:                                      # no prefix to replace: add a REX or 66
            data.insert(0, rng.choice((0x66, *REX_ANY)))
    elif kind == "opcode":
        at = rng.choice(range(p, opcode_last + 1))
        how = rng.randrange(3)
        data[at] = (data[at] ^ 1 << rng.randrange(8) if how == 0 else
                    (data[at] + rng.choice((-1, 1))) % 256 if how == 1 else rng.randrange(256))
    else:
        at = enc.modrm_at
        shift, bits = rng.choice(((6, 2), (3, 3), (0, 3)))   # mod, reg or rm
        field = rng.randrange(1 << bits)
        data[at] = data[at] & ~(((1 << bits) - 1) << shift) & 0xFF | field << shift
    return kind, bytes(data)
