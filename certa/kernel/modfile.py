"""The Certa module file: an ELF64 image, and the one strict reader for it.

What this file guarantees: `parse_module(data)` either returns a `ModuleImage` whose every
field was read from `data` and cross-checked (section bounds, alignment, symbol ranges,
relocation targets, sizes), or raises `ModuleFormatError("MODFILE: reason")`. It never raises
anything else and never reads outside `data`.

Layout (shared by writer, reader and loader; see docs/module-format.md):
the image is position independent. Sections sit at fixed virtual addresses relative to the
load base, each starting on a page boundary, in this order:

    0x1000              .text           read + execute
    next page           .rodata         read only
    next page           .certa.imports  8-byte import slots, filled by the loader, then read only
    next page           .data           read + write
    next page           .bss            read + write, zero filled

Code reaches the other sections only rip-relatively, so `.text` carries no relocations.
8-byte slots in `.data`/`.rodata` that hold addresses are listed as R_X86_64_RELATIVE
relocations in `.rela.dyn`.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass

PAGE = 4096
TEXT_ADDR = 0x1000
# Section order in the image; every one starts on its own page.
SECTION_ORDER = (".text", ".rodata", ".certa.imports", ".data", ".bss")


class ModuleFormatError(Exception):
    """A malformed module file. The message is `MODFILE: reason`."""


@dataclass(frozen=True)
class Symbol:
    name: str
    section: str        # one of SECTION_ORDER
    offset: int         # offset inside the section
    size: int
    kind: str           # "func" or "object"
    exported: bool      # STB_GLOBAL if True, else STB_LOCAL


@dataclass(frozen=True)
class Relocation:
    """The 8-byte slot at `section`+`offset` receives the load address of
    `target_section`+`target_offset`."""
    section: str        # ".data" or ".rodata"
    offset: int
    target_section: str
    target_offset: int


@dataclass(frozen=True)
class ModuleImage:
    text: bytes
    rodata: bytes
    data: bytes
    bss_size: int
    imports: tuple[str, ...]            # slot i is at .certa.imports + 8*i
    symbols: tuple[Symbol, ...]         # functions and objects (not the import slots)
    relocations: tuple[Relocation, ...]
    lines: tuple[tuple[int, int], ...]  # (text offset, source line), sorted by offset
    iface: bytes                        # contents of .certa.iface
    cert: bytes                         # contents of .certa.cert (may be empty)

    def section_sizes(self) -> dict[str, int]:
        return {
            ".text": len(self.text),
            ".rodata": len(self.rodata),
            ".certa.imports": 8 * len(self.imports),
            ".data": len(self.data),
            ".bss": self.bss_size,
        }


def page_round(n: int) -> int:
    return (n + PAGE - 1) // PAGE * PAGE


def layout(sizes: dict[str, int]) -> dict[str, int]:
    """Virtual address (relative to the load base) of each section, from the section sizes.
    An empty section still gets its own (empty) page boundary, so addresses are distinct."""
    addrs = {}
    addr = TEXT_ADDR
    for name in SECTION_ORDER:
        addrs[name] = addr
        addr += max(page_round(sizes.get(name, 0)), PAGE)
    return addrs


def image_size(sizes: dict[str, int]) -> int:
    """Bytes from the load base to the end of the last section (page rounded)."""
    addrs = layout(sizes)
    last = SECTION_ORDER[-1]
    return addrs[last] + max(page_round(sizes.get(last, 0)), PAGE)


# ---------------------------------------------------------------------------------------------
# ELF encoding shared by the writer (certa/compiler/module_writer.py) and the reader below.

EH = struct.Struct("<16sHHIQQQIHHHHHH")     # ELF header, 64 bytes
PH = struct.Struct("<IIQQQQQQ")             # program header, 56 bytes
SH = struct.Struct("<IIQQQQIIQQ")           # section header, 64 bytes
SYM = struct.Struct("<IBBHQQ")              # Elf64_Sym, 24 bytes
RELA = struct.Struct("<QQq")                # Elf64_Rela, 24 bytes
LINE = struct.Struct("<II")                 # .certa.lines entry: text offset, source line

ET_DYN, EM_X86_64 = 3, 62
SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_NOBITS = 1, 2, 3, 4, 8
SHF_WRITE, SHF_ALLOC, SHF_EXECINSTR = 1, 2, 4
STB_LOCAL, STB_GLOBAL, STT_OBJECT, STT_FUNC = 0, 1, 1, 2
R_X86_64_RELATIVE = 8
PT_LOAD, PT_GNU_STACK = 1, 0x6474E551
PF_X, PF_W, PF_R = 1, 2, 4

MAX_FILE = 64 << 20
MAX_BSS = 1 << 30
MAX_BLOB = 16 << 20         # .certa.iface and .certa.cert each
MAX_PHDRS = 16
MAX_SECTIONS = 64
MAX_NAME = 256

# Every section of a module file, in section-header order (index = position + 1; index 0 is
# the null section): name -> (sh_type, sh_flags, sh_addralign, sh_entsize).
SECTION_HEADERS = {
    ".text": (SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 16, 0),
    ".rodata": (SHT_PROGBITS, SHF_ALLOC, 16, 0),
    ".certa.imports": (SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 8, 8),
    ".data": (SHT_PROGBITS, SHF_ALLOC | SHF_WRITE, 16, 0),
    ".bss": (SHT_NOBITS, SHF_ALLOC | SHF_WRITE, 16, 0),
    ".rela.dyn": (SHT_RELA, 0, 8, RELA.size),
    ".symtab": (SHT_SYMTAB, 0, 8, SYM.size),
    ".strtab": (SHT_STRTAB, 0, 1, 0),
    ".certa.iface": (SHT_PROGBITS, 0, 1, 0),
    ".certa.cert": (SHT_PROGBITS, 0, 1, 0),
    ".certa.lines": (SHT_PROGBITS, 0, 4, LINE.size),
    ".shstrtab": (SHT_STRTAB, 0, 1, 0),
}
_SEGMENT_FLAGS = {".text": PF_R | PF_X, ".rodata": PF_R, ".certa.imports": PF_R | PF_W,
                  ".data": PF_R | PF_W, ".bss": PF_R | PF_W}


def program_headers(sizes: dict[str, int]) -> list[tuple[int, ...]]:
    """The program headers (PH field tuples) of a module with these section sizes: one PT_LOAD
    per non-empty allocated section (file offset == vaddr; .bss has no file bytes), then
    PT_GNU_STACK. They only inform tools; the loader maps from the parsed ModuleImage."""
    addrs = layout(sizes)
    out = []
    for name in SECTION_ORDER:
        size = sizes.get(name, 0)
        if size:
            filesz = 0 if name == ".bss" else size
            out.append((PT_LOAD, _SEGMENT_FLAGS[name], addrs[name], addrs[name], addrs[name],
                        filesz, size, PAGE))
    out.append((PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0, 0, 16))
    return out


# ---------------------------------------------------------------------------------------------
# The reader (trusted).

def _fail(reason: str):
    raise ModuleFormatError("MODFILE: " + reason)


def _cstr(table: bytes, off: int, what: str) -> str:
    """A NUL-terminated name in a string table: non-empty printable ASCII, no spaces."""
    if off >= len(table):
        _fail(f"{what}: string offset {off} outside the string table")
    end = table.find(b"\0", off)
    if end < 0:
        _fail(f"{what}: name not NUL-terminated")
    raw = table[off:end]
    if not raw or len(raw) > MAX_NAME or any(b < 0x21 or b > 0x7E for b in raw):
        _fail(f"{what}: invalid name {raw[:40]!r}")
    return raw.decode("ascii")


def _locate(addrs: dict, sizes: dict, addr: int):
    """(section, offset) of an image address: the section with the greatest address <= addr,
    provided addr is inside it or exactly at its end; otherwise None."""
    for name in reversed(SECTION_ORDER):
        if addrs[name] <= addr:
            off = addr - addrs[name]
            return (name, off) if off <= sizes[name] else None
    return None


def parse_module(data: bytes) -> ModuleImage:
    """Parse and check a module file. Raises ModuleFormatError, and nothing else."""
    try:
        return _parse(data)
    except ModuleFormatError:
        raise
    except Exception as e:  # safety net: every input must end in ModuleFormatError
        raise ModuleFormatError(f"MODFILE: internal error: {type(e).__name__}: {e}") from None


def _parse(data) -> ModuleImage:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        _fail("input is not bytes")
    data = bytes(data)
    n = len(data)
    if n > MAX_FILE:
        _fail(f"file too large ({n} bytes, limit {MAX_FILE})")
    if n < EH.size:
        _fail("file too short for the ELF header")
    (ident, e_type, e_machine, e_version, e_entry, e_phoff, e_shoff, e_flags, e_ehsize,
     e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx) = EH.unpack_from(data, 0)
    if ident[:4] != b"\x7fELF":
        _fail("bad magic")
    if ident[4] != 2:
        _fail("not ELFCLASS64")
    if ident[5] != 1:
        _fail("not little endian")
    if ident[6] != 1 or e_version != 1:
        _fail("bad ELF version")
    if ident[7] != 0 or ident[8] != 0 or any(ident[9:]):
        _fail("bad OS ABI or nonzero ident padding")
    if e_type != ET_DYN:
        _fail("e_type is not ET_DYN")
    if e_machine != EM_X86_64:
        _fail("e_machine is not EM_X86_64")
    if e_entry != 0 or e_flags != 0:
        _fail("nonzero e_entry or e_flags")
    if (e_ehsize, e_phentsize, e_shentsize) != (EH.size, PH.size, SH.size):
        _fail("bad header entry sizes")
    if e_phoff != EH.size:
        _fail("program header table not right after the ELF header")
    if e_phnum > MAX_PHDRS:
        _fail(f"too many program headers ({e_phnum})")
    ph_end = e_phoff + PH.size * e_phnum
    if ph_end > n:
        _fail("program header table outside the file")
    if not 1 <= e_shnum <= MAX_SECTIONS:
        _fail(f"section count {e_shnum} out of range")
    sh_end = e_shoff + SH.size * e_shnum
    if e_shoff % 8 or sh_end > n:
        _fail("section header table outside the file or misaligned")
    if not 0 < e_shstrndx < e_shnum:
        _fail("bad e_shstrndx")

    # Section headers: every name known, present exactly once.
    shdrs = [SH.unpack_from(data, e_shoff + SH.size * i) for i in range(e_shnum)]
    if any(shdrs[0]):
        _fail("section 0 is not the null section")
    shs = shdrs[e_shstrndx]
    if shs[1] != SHT_STRTAB or shs[4] + shs[5] > n:
        _fail("bad section name table")
    shstr = data[shs[4]:shs[4] + shs[5]]
    index = {}
    for i in range(1, e_shnum):
        name = _cstr(shstr, shdrs[i][0], f"section {i}")
        if name not in SECTION_HEADERS:
            _fail(f"unknown section {name!r}")
        if name in index:
            _fail(f"duplicate section {name!r}")
        index[name] = i
    for name in SECTION_HEADERS:
        if name not in index:
            _fail(f"missing section {name!r}")
    if index[".shstrtab"] != e_shstrndx:
        _fail("e_shstrndx is not .shstrtab")
    sec = {name: shdrs[i] for name, i in index.items()}

    # Types, flags, sizes, file ranges.
    sizes = {}
    ranges = [(0, EH.size, "ELF header"), (e_phoff, ph_end, "program headers"),
              (e_shoff, sh_end, "section headers")]
    for name, (typ, flags, align, entsize) in SECTION_HEADERS.items():
        _, s_type, s_flags, s_addr, s_off, s_size, s_link, s_info, s_align, s_ent = sec[name]
        if (s_type, s_flags, s_align, s_ent) != (typ, flags, align, entsize):
            _fail(f"section {name}: wrong type, flags, alignment or entry size")
        if s_link != (index[".strtab"] if name == ".symtab" else 0):
            _fail(f"section {name}: bad sh_link")
        if s_info != 0 and name != ".symtab":
            _fail(f"section {name}: bad sh_info")
        if typ != SHT_NOBITS:
            if s_off + s_size > n:
                _fail(f"section {name} extends past the end of the file")
            if s_size:
                ranges.append((s_off, s_off + s_size, name))
        if flags & SHF_ALLOC:
            sizes[name] = s_size
        elif s_addr != 0 or s_off % align:
            _fail(f"section {name}: nonzero address or misaligned file offset")
    ranges.sort()
    for (_, end1, a), (start2, _, b) in zip(ranges, ranges[1:]):
        if start2 < end1:
            _fail(f"file ranges of {a} and {b} overlap")
    if sizes[".bss"] > MAX_BSS:
        _fail(f".bss too large ({sizes['.bss']} bytes)")
    for name in (".certa.iface", ".certa.cert"):
        if sec[name][5] > MAX_BLOB:
            _fail(f"section {name} too large")
    if sizes[".certa.imports"] % 8:
        _fail(".certa.imports size is not a multiple of 8")
    addrs = layout(sizes)
    for name in SECTION_ORDER:
        if sec[name][3] != addrs[name] or sec[name][4] != addrs[name]:
            _fail(f"section {name} not at its layout address {addrs[name]:#x}")

    def body(name):
        s = sec[name]
        return data[s[4]:s[4] + s[5]]

    if any(body(".certa.imports")):
        _fail(".certa.imports is not all zero")

    # Program headers must be exactly those the sections imply.
    expected = program_headers(sizes)
    if e_phnum != len(expected):
        _fail(f"expected {len(expected)} program headers, found {e_phnum}")
    for i, ph in enumerate(expected):
        if PH.unpack_from(data, e_phoff + PH.size * i) != ph:
            _fail(f"program header {i} does not match the sections")

    # Symbols: the null symbol, one per import slot in order, then the module's symbols.
    strtab = body(".strtab")
    if not strtab or strtab[0] != 0 or not shstr or shstr[0] != 0:
        _fail("string table does not start with NUL")
    symtab = body(".symtab")
    if len(symtab) % SYM.size or not symtab:
        _fail("symbol table size is not a positive multiple of 24")
    count = len(symtab) // SYM.size
    if SYM.unpack_from(symtab, 0) != (0, 0, 0, 0, 0, 0):
        _fail("symbol 0 is not the null symbol")
    first_global = sec[".symtab"][7]
    if not 1 <= first_global <= count:
        _fail("symbol table sh_info out of range")
    nimports = sizes[".certa.imports"] // 8
    if count - 1 < nimports:
        _fail("fewer symbols than import slots")
    section_at = {index[name]: name for name in SECTION_ORDER}
    seen, imports, symbols = set(), [], []
    for i in range(1, count):
        st_name, st_info, st_other, st_shndx, value, size = SYM.unpack_from(symtab, SYM.size * i)
        name = _cstr(strtab, st_name, f"symbol {i}")
        if name in seen:
            _fail(f"duplicate symbol name {name!r}")
        seen.add(name)
        bind, typ = st_info >> 4, st_info & 15
        if bind != (STB_LOCAL if i < first_global else STB_GLOBAL):
            _fail(f"symbol {name!r}: binding does not match its place (locals, then globals)")
        if typ not in (STT_OBJECT, STT_FUNC) or st_other != 0:
            _fail(f"symbol {name!r}: bad type or visibility")
        where = section_at.get(st_shndx)
        if where is None:
            _fail(f"symbol {name!r}: bad section index {st_shndx}")
        off = value - addrs[where]
        if off < 0 or off + size > sizes[where]:
            _fail(f"symbol {name!r} outside its section {where}")
        if i <= nimports:
            if (where, typ, bind, off, size) != (".certa.imports", STT_OBJECT, STB_LOCAL,
                                                 8 * (i - 1), 8):
                _fail(f"symbol {name!r} is not import slot {i - 1}")
            imports.append(name)
            continue
        if where == ".certa.imports":
            _fail(f"symbol {name!r} in .certa.imports is not an import slot")
        if typ == STT_FUNC and (where != ".text" or size == 0):
            _fail(f"function {name!r} outside .text or of size 0")
        if typ == STT_OBJECT and where == ".text":
            _fail(f"object {name!r} in .text")
        symbols.append(Symbol(name, where, off, size, "func" if typ == STT_FUNC else "object",
                              bind == STB_GLOBAL))
    funcs = sorted((s.offset, s.offset + s.size, s.name) for s in symbols if s.kind == "func")
    for (_, end1, a), (start2, _, b) in zip(funcs, funcs[1:]):
        if start2 < end1:
            _fail(f"functions {a!r} and {b!r} overlap")

    # Relocations: R_X86_64_RELATIVE on distinct 8-byte slots of .data/.rodata.
    rela = body(".rela.dyn")
    if len(rela) % RELA.size:
        _fail(".rela.dyn size is not a multiple of 24")
    slots, relocations = set(), []
    for i in range(len(rela) // RELA.size):
        r_offset, r_info, addend = RELA.unpack_from(rela, RELA.size * i)
        if r_info != R_X86_64_RELATIVE:
            _fail(f"relocation {i}: not R_X86_64_RELATIVE with symbol 0")
        slot = _locate(addrs, sizes, r_offset)
        if (r_offset % 8 or slot is None or slot[0] not in (".data", ".rodata")
                or slot[1] + 8 > sizes[slot[0]]):
            _fail(f"relocation {i}: slot {r_offset:#x} not an aligned 8 bytes in .data/.rodata")
        if r_offset in slots:
            _fail(f"relocation {i}: second relocation on slot {r_offset:#x}")
        slots.add(r_offset)
        target = _locate(addrs, sizes, addend)
        if target is None:
            _fail(f"relocation {i}: target {addend:#x} outside every section")
        relocations.append(Relocation(slot[0], slot[1], target[0], target[1]))

    # Line table.
    raw = body(".certa.lines")
    if len(raw) % LINE.size:
        _fail(".certa.lines size is not a multiple of 8")
    lines, prev = [], 0
    for i in range(len(raw) // LINE.size):
        off, line = LINE.unpack_from(raw, LINE.size * i)
        if off < prev or off >= sizes[".text"]:
            _fail(f"line entry {i}: offset {off:#x} decreasing or outside .text")
        prev = off
        lines.append((off, line))

    return ModuleImage(text=body(".text"), rodata=body(".rodata"), data=body(".data"),
                       bss_size=sizes[".bss"], imports=tuple(imports), symbols=tuple(symbols),
                       relocations=tuple(relocations), lines=tuple(lines),
                       iface=body(".certa.iface"), cert=body(".certa.cert"))
