"""The module file format: writer round trip, tool compatibility, strict reader, fuzzing."""
import random
import shutil
import struct
import subprocess

import pytest

from certa.compiler.module_writer import write_module
from certa.kernel.modfile import (
    EH, MAX_BLOB, MAX_FILE, PH, RELA, SH, SYM, ModuleFormatError, ModuleImage, Relocation,
    Symbol, layout, parse_module)


def call_import0() -> bytes:
    """main: push rbp; call [rip -> import slot 0]; pop rbp; ret.  helper: xor eax,eax; ret."""
    disp = 0x3000 - (0x1000 + 1 + 6)   # .certa.imports is at 0x3000 when .text < 1 page
    return b"\x55\xff\x15" + struct.pack("<i", disp) + b"\x5d\xc3" + b"\x31\xc0\xc3"


def sample() -> ModuleImage:
    return ModuleImage(
        text=call_import0(), rodata=b"hello\0\0\0" + bytes(16), data=bytes(24), bss_size=5000,
        imports=("printf", "puts"),
        symbols=(Symbol("helper", ".text", 9, 3, "func", False),
                 Symbol("msg", ".rodata", 0, 6, "object", False),
                 Symbol("main", ".text", 0, 9, "func", True),
                 Symbol("table", ".data", 0, 24, "object", True),
                 Symbol("buf", ".bss", 0, 5000, "object", True)),
        relocations=(Relocation(".data", 0, ".rodata", 0), Relocation(".data", 8, ".text", 9),
                     Relocation(".rodata", 8, ".bss", 5000),
                     Relocation(".rodata", 16, ".data", 24)),
        lines=((0, 1), (1, 2), (1, 3), (9, 7)), iface=b"iface bytes", cert=b"\x01\x02")


def empty() -> ModuleImage:
    return ModuleImage(b"", b"", b"", 0, (), (), (), (), b"", b"")


# ---------------------------------------------------------------------------------------------
# Round trip

IMAGES = {
    "sample": sample(),
    "empty": empty(),
    "imports_only": ModuleImage(b"\xc3", b"", b"", 0, ("a", "b", "c"),
                                (Symbol("f", ".text", 0, 1, "func", True),), (), (), b"", b""),
    "big_bss": ModuleImage(b"\xc3", b"", b"", 1 << 30, (),
                           (Symbol("big", ".bss", 0, 1 << 30, "object", False),), (), (),
                           b"x", b""),
    "page_sized": ModuleImage(b"\x90" * 4095 + b"\xc3", bytes(4096), bytes(8192 + 8), 4096,
                              ("imp",), (Symbol("f", ".text", 0, 4096, "func", False),),
                              (Relocation(".data", 8192, ".rodata", 4095),
                               Relocation(".rodata", 0, ".text", 100),
                               Relocation(".data", 0, ".bss", 4095)),
                              tuple((i, i + 1) for i in range(0, 4096, 64)), b"", b"c" * 1000),
}


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_round_trip(name):
    img = IMAGES[name]
    data = write_module(img)
    assert parse_module(data) == img
    assert write_module(img) == data                # deterministic
    assert parse_module(bytearray(data)) == img


def test_writer_puts_locals_first():
    img = ModuleImage(b"\xc3\xc3", b"", b"", 0, (),
                      (Symbol("g", ".text", 0, 1, "func", True),
                       Symbol("l", ".text", 1, 1, "func", False)), (), (), b"", b"")
    got = parse_module(write_module(img))
    assert [s.name for s in got.symbols] == ["l", "g"]


def test_relocation_target_canonical_form():
    # .text is exactly one page: its end address is the start of .rodata, which is how the
    # reader names it.
    img = ModuleImage(b"\x90" * 4096, b"ab", bytes(8), 0, (), (),
                      (Relocation(".data", 0, ".text", 4096),), (), b"", b"")
    got = parse_module(write_module(img))
    assert got.relocations == (Relocation(".data", 0, ".rodata", 0),)


def test_layout_addresses_used():
    data = write_module(sample())
    addrs = layout(sample().section_sizes())
    secs = sections(data)
    for name, addr in addrs.items():
        assert secs[name][1][3] == addr


# ---------------------------------------------------------------------------------------------
# Tools

@pytest.mark.skipif(shutil.which("readelf") is None, reason="readelf not installed")
@pytest.mark.parametrize("name", sorted(IMAGES))
def test_readelf_clean(tmp_path, name):
    path = tmp_path / "m.elf"
    path.write_bytes(write_module(IMAGES[name]))
    r = subprocess.run(["readelf", "-a", "-W", str(path)], capture_output=True, text=True)
    assert r.returncode == 0
    assert r.stderr == ""
    assert "warning" not in r.stdout.lower()


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump not installed")
def test_objdump_names_functions_and_imports(tmp_path):
    path = tmp_path / "m.elf"
    path.write_bytes(write_module(sample()))
    r = subprocess.run(["objdump", "-d", str(path)], capture_output=True, text=True)
    assert r.returncode == 0 and r.stderr == ""
    assert "<main>:" in r.stdout and "<helper>:" in r.stdout
    call = [ln for ln in r.stdout.splitlines() if "call" in ln]
    assert call and "*0x" in call[0] and "(%rip)" in call[0] and "<printf>" in call[0]


# ---------------------------------------------------------------------------------------------
# Malformed files

def sections(data):
    """name -> (index, list of section header fields)."""
    shoff, shnum, shstrndx = struct.unpack_from("<Q", data, 40)[0], *struct.unpack_from(
        "<HH", data, 60)
    hdrs = [list(SH.unpack_from(data, shoff + SH.size * i)) for i in range(shnum)]
    strs = hdrs[shstrndx]
    table = data[strs[4]:strs[4] + strs[5]]
    out = {}
    for i, h in enumerate(hdrs[1:], 1):
        out[table[h[0]:table.index(b"\0", h[0])].decode()] = (i, h)
    return out


def patch_sh(data, name, field, value):
    shoff = struct.unpack_from("<Q", data, 40)[0]
    i, h = sections(data)[name]
    h[field] = value
    b = bytearray(data)
    b[shoff + SH.size * i:shoff + SH.size * (i + 1)] = SH.pack(*h)
    return bytes(b)


def patch(data, off, fmt, value):
    b = bytearray(data)
    struct.pack_into(fmt, b, off, value)
    return bytes(b)


def section_off(data, name):
    return sections(data)[name][1][4]


def add_section(data, copy_of, name_off=None):
    """Append one more section header (a copy of `copy_of`, maybe renamed)."""
    _, h = sections(data)[copy_of]
    if name_off is not None:
        h = h[:]
        h[0] = name_off
    shnum = struct.unpack_from("<H", data, 60)[0]
    return patch(data + SH.pack(*h), 60, "<H", shnum + 1)


def rejects(data, reason):
    with pytest.raises(ModuleFormatError) as e:
        parse_module(data)
    msg = str(e.value)
    assert msg.startswith("MODFILE: ")
    assert reason in msg, msg


GOOD = write_module(sample())


@pytest.mark.parametrize("cut,reason", [
    (0, "too short"), (10, "too short"), (63, "too short"), (64, "program header table"),
    (200, "program header table"), (0x1005, "section header table"),
    (len(GOOD) - 1, "section header table"), (len(GOOD) - SH.size, "section header table"),
])
def test_truncated(cut, reason):
    rejects(GOOD[:cut], reason)


def test_truncated_inside_section_data():
    # Keep the section header table but drop the file bytes under .shstrtab's end.
    rejects(patch_sh(GOOD, ".shstrtab", 5, len(GOOD)), "bad section name table")
    rejects(patch_sh(GOOD, ".certa.iface", 5, len(GOOD)), "extends past the end of the file")


@pytest.mark.parametrize("off,fmt,value,reason", [
    (0, "<B", 0x7E, "bad magic"), (4, "<B", 1, "ELFCLASS64"), (5, "<B", 2, "little endian"),
    (6, "<B", 2, "version"), (7, "<B", 3, "OS ABI"), (12, "<B", 1, "padding"),
    (16, "<H", 2, "ET_DYN"), (18, "<H", 3, "EM_X86_64"), (20, "<I", 2, "version"),
    (24, "<Q", 0x1000, "e_entry"), (48, "<I", 1, "e_flags"), (52, "<H", 65, "entry sizes"),
    (54, "<H", 64, "entry sizes"), (58, "<H", 40, "entry sizes"),
    (32, "<Q", 0x100, "program header table not right after"),
    (56, "<H", 0xFFFF, "too many program headers"), (56, "<H", 5, "program headers"),
    (60, "<H", 0xFFFF, "section count"), (60, "<H", 0, "section count"),
    (40, "<Q", 2**63, "section header table outside"), (40, "<Q", 0x1001, "misaligned"),
    (62, "<H", 0, "e_shstrndx"), (62, "<H", 200, "e_shstrndx"),
    (62, "<H", 1, "section name table"),
])
def test_bad_header_fields(off, fmt, value, reason):
    rejects(patch(GOOD, off, fmt, value), reason)


def test_wrong_shstrndx_pointing_at_strtab():
    rejects(patch(GOOD, 62, "<H", sections(GOOD)[".strtab"][0]), "unknown section 'printf'")


def test_extra_and_missing_sections():
    rejects(add_section(GOOD, ".certa.cert"), "duplicate section '.certa.cert'")
    rejects(add_section(GOOD, ".certa.cert", name_off=sections(GOOD)[".text"][1][0] + 1),
            "unknown section 'text'")
    rejects(patch_sh(GOOD, ".certa.cert", 0, sections(GOOD)[".text"][1][0] + 1),
            "unknown section 'text'")
    # Renaming .certa.cert to ".text" makes it a duplicate; cut the table to drop one.
    # Drop .certa.lines: its header slot gets .shstrtab's, the table gets one entry shorter.
    shoff = struct.unpack_from("<Q", GOOD, 40)[0]
    i = sections(GOOD)[".certa.lines"][0]
    last = GOOD[shoff + SH.size * (i + 1):shoff + SH.size * (i + 2)]
    dropped = GOOD[:shoff + SH.size * i] + last
    rejects(patch(patch(dropped, 60, "<H", i + 1), 62, "<H", i), "missing section '.certa.lines'")
    rejects(patch_sh(GOOD, ".text", 0, 10**6), "outside the string table")


@pytest.mark.parametrize("name,field,value,reason", [
    (".rodata", 3, 0x2100, "not at its layout address"),
    (".rodata", 4, 0x2100, "not at its layout address"),
    (".text", 3, 0x2000, "not at its layout address"),
    (".text", 2, 7, "wrong type, flags"),                         # .text made writable
    (".rodata", 2, 3, "wrong type, flags"),
    (".rodata", 2, 6, "wrong type, flags"),
    (".bss", 1, 1, "wrong type, flags"),
    (".symtab", 9, 16, "wrong type, flags"),
    (".rela.dyn", 2, 2, "wrong type, flags"),
    (".symtab", 6, 0, "bad sh_link"),
    (".rela.dyn", 6, 7, "bad sh_link"),
    (".certa.lines", 7, 1, "bad sh_info"),
    (".certa.iface", 3, 0x9000, "nonzero address"),
    (".symtab", 4, 0x4101, "misaligned file offset"),
    (".symtab", 5, 2**40, "extends past the end"),
    (".certa.iface", 4, 0x1000, "overlap"),
    (".strtab", 4, 0x40, "overlap"),
    (".certa.imports", 5, 12, ".certa.imports size"),
    (".bss", 5, (1 << 30) + 1, ".bss too large"),
])
def test_bad_section_headers(name, field, value, reason):
    rejects(patch_sh(GOOD, name, field, value), reason)


def test_bss_size_change_breaks_program_headers():
    rejects(patch_sh(GOOD, ".bss", 5, 100), "program header 4 does not match")


def test_program_headers_checked():
    rejects(patch(GOOD, EH.size + 4, "<I", 7), "program header 0 does not match")   # text RWX
    rejects(patch(GOOD, EH.size + PH.size + 32, "<Q", 0), "program header 1 does not match")
    rejects(patch(GOOD, 56, "<H", 5), "expected 6 program headers, found 5")


def test_nonzero_import_slot():
    rejects(patch(GOOD, 0x3008, "<B", 1), ".certa.imports is not all zero")


def test_oversize_file_and_blobs():
    rejects(GOOD + bytes(MAX_FILE), "file too large")
    big = sample()
    big = ModuleImage(**{**big.__dict__, "iface": bytes(MAX_BLOB + 1)})
    rejects(write_module(big), "section .certa.iface too large")
    ok = ModuleImage(**{**big.__dict__, "iface": bytes(MAX_BLOB)})
    assert parse_module(write_module(ok)) == ok


def test_not_bytes():
    rejects("hello", "input is not bytes")
    rejects(None, "input is not bytes")


def with_(**kw):
    return write_module(ModuleImage(**{**sample().__dict__, **kw}))


def test_bad_symbols_from_writer():
    S = Symbol
    rejects(with_(symbols=(S("f", ".text", 0, 5, "func", True), S("g", ".text", 4, 2, "func", True))),
            "functions 'f' and 'g' overlap")
    rejects(with_(symbols=(S("f", ".text", 5, 100, "func", True),)), "outside its section .text")
    rejects(with_(symbols=(S("x", ".bss", 4999, 2, "object", True),)), "outside its section .bss")
    rejects(with_(symbols=(S("x", ".rodata", 0, 1, "func", True),)), "function 'x' outside .text")
    rejects(with_(symbols=(S("x", ".text", 0, 0, "func", True),)), "of size 0")
    rejects(with_(symbols=(S("x", ".text", 0, 1, "object", True),)), "object 'x' in .text")
    rejects(with_(symbols=(S("x", ".data", 0, 1, "object", False),
                           S("x", ".data", 1, 1, "object", True))), "duplicate symbol name 'x'")
    rejects(with_(symbols=(S("printf", ".data", 0, 1, "object", False),)),
            "duplicate symbol name 'printf'")
    rejects(with_(imports=("a", "a")), "duplicate symbol name 'a'")
    rejects(with_(symbols=(S("", ".data", 0, 1, "object", False),)), "invalid name")
    rejects(with_(symbols=(S("a b", ".data", 0, 1, "object", False),)), "invalid name")
    rejects(with_(symbols=(S("x" * 300, ".data", 0, 1, "object", False),)), "invalid name")


def sym_off(data, i):
    return section_off(data, ".symtab") + SYM.size * i


def test_bad_symbols_patched():
    # Symbols: 0 null, 1 printf, 2 puts, 3 helper, 4 msg, 5 main, ...
    rejects(patch_sh(GOOD, ".symtab", 7, 4), "binding does not match")
    rejects(patch_sh(GOOD, ".symtab", 7, 0), "sh_info out of range")
    rejects(patch_sh(GOOD, ".symtab", 7, 100), "sh_info out of range")
    rejects(patch(GOOD, sym_off(GOOD, 3) + 5, "<B", 1), "bad type or visibility")   # st_other
    rejects(patch(GOOD, sym_off(GOOD, 3) + 4, "<B", 0x03), "bad type or visibility")  # SECTION
    rejects(patch(GOOD, sym_off(GOOD, 3) + 6, "<H", 0), "bad section index 0")
    rejects(patch(GOOD, sym_off(GOOD, 3) + 6, "<H", 7), "bad section index 7")  # .symtab
    rejects(patch(GOOD, sym_off(GOOD, 3) + 6, "<H", 0xFFF1), "bad section index")  # SHN_ABS
    rejects(patch(GOOD, sym_off(GOOD, 3) + 8, "<Q", 0xFFF), "outside its section")
    rejects(patch(GOOD, sym_off(GOOD, 3) + 8, "<Q", 2**64 - 1), "outside its section")
    rejects(patch(GOOD, sym_off(GOOD, 3) + 16, "<Q", 2**64 - 1), "outside its section")
    rejects(patch(GOOD, sym_off(GOOD, 2) + 8, "<Q", 0x3000), "not import slot 1")
    rejects(patch(GOOD, sym_off(GOOD, 1) + 16, "<Q", 4), "not import slot 0")
    rejects(patch(GOOD, sym_off(GOOD, 0), "<I", 1), "symbol 0 is not the null symbol")
    rejects(patch(GOOD, sym_off(GOOD, 3), "<I", 10**6), "outside the string table")
    # a data symbol moved into .certa.imports
    moved = patch(patch(GOOD, sym_off(GOOD, 4) + 6, "<H", 3), sym_off(GOOD, 4) + 8, "<Q", 0x3000)
    rejects(moved, "not an import slot")
    rejects(patch_sh(patch_sh(GOOD, ".symtab", 5, 24 * 2), ".symtab", 7, 2), "fewer symbols than import slots")
    rejects(patch_sh(GOOD, ".symtab", 5, 24 * 5 + 1), "positive multiple of 24")
    rejects(patch_sh(GOOD, ".symtab", 5, 0), "positive multiple of 24")
    unterminated = patch_sh(GOOD, ".strtab", 5, sections(GOOD)[".strtab"][1][5] - 1)
    rejects(unterminated, "not NUL-terminated")
    rejects(patch(GOOD, section_off(GOOD, ".strtab"), "<B", 65), "does not start with NUL")


def rela_off(data, i, field):
    return section_off(data, ".rela.dyn") + RELA.size * i + 8 * field


def test_bad_relocations():
    S = Relocation
    rejects(with_(relocations=(S(".data", 0, ".rodata", 25),)), "outside every section")
    rejects(with_(relocations=(S(".data", 0, ".bss", 5001),)), "outside every section")
    rejects(with_(relocations=(S(".data", 0, ".data", 0), S(".data", 0, ".text", 0))),
            "second relocation on slot 0x4000")
    rejects(patch(GOOD, rela_off(GOOD, 0, 1), "<Q", 1), "not R_X86_64_RELATIVE")
    rejects(patch(GOOD, rela_off(GOOD, 0, 1), "<Q", (1 << 32) | 8), "not R_X86_64_RELATIVE")
    rejects(patch(GOOD, rela_off(GOOD, 0, 0), "<Q", 0x4004), "not an aligned 8 bytes")
    rejects(patch(GOOD, rela_off(GOOD, 0, 0), "<Q", 0x4018), "not an aligned 8 bytes")
    rejects(patch(GOOD, rela_off(GOOD, 0, 0), "<Q", 0x1000), "not an aligned 8 bytes")
    rejects(patch(GOOD, rela_off(GOOD, 0, 0), "<Q", 0x3000), "not an aligned 8 bytes")
    rejects(patch(GOOD, rela_off(GOOD, 0, 0), "<Q", 2**64 - 8), "not an aligned 8 bytes")
    rejects(patch(GOOD, rela_off(GOOD, 0, 2), "<q", -8), "outside every section")
    rejects(patch(GOOD, rela_off(GOOD, 0, 2), "<q", 0x10), "outside every section")
    rejects(patch_sh(GOOD, ".rela.dyn", 5, 25), "multiple of 24")


def test_bad_lines():
    rejects(with_(lines=((3, 1), (2, 1))), "decreasing or outside .text")
    rejects(with_(lines=((12, 1),)), "decreasing or outside .text")
    rejects(with_(text=b"", symbols=(), relocations=(), lines=((0, 1),)), "outside .text")
    rejects(patch_sh(GOOD, ".certa.lines", 5, 12), "multiple of 8")


# ---------------------------------------------------------------------------------------------
# Fuzz: any mutant either parses or raises ModuleFormatError.

def test_fuzz_mutants():
    rng = random.Random(1234)
    base = write_module(sample())
    hot = (list(range(0, 0x180)) + list(range(0x1000, 0x1010)) + list(range(0x3000, 0x3010))
           + list(range(0x4000, len(base))))
    outcomes = {"ok": 0, "rejected": 0}
    for _ in range(3000):
        b = bytearray(base)
        for _ in range(rng.choice((1, 1, 2, 4))):
            pos = rng.choice(hot) if rng.random() < 0.9 else rng.randrange(len(b))
            pos = min(pos, len(b) - 1)
            op = rng.random()
            if op < 0.6:
                b[pos] ^= 1 << rng.randrange(8)
            elif op < 0.75:
                b[pos] = rng.choice((0, 0xFF, 0x7F, 0x80, 1, rng.randrange(256)))
            elif op < 0.88:
                b.insert(pos, rng.randrange(256))
            else:
                del b[pos]
        try:
            parse_module(bytes(b))
            outcomes["ok"] += 1
        except ModuleFormatError as e:
            assert str(e).startswith("MODFILE: ")
            assert "internal error" not in str(e), str(e)
            outcomes["rejected"] += 1
    assert outcomes["rejected"] > 1000 and outcomes["ok"] > 10


def test_internal_errors_are_wrapped(monkeypatch):
    import certa.kernel.modfile as m

    def boom(*a):
        raise KeyError("x")
    monkeypatch.setattr(m, "layout", boom)
    rejects(GOOD, "internal error")
