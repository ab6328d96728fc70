"""Write a ModuleImage as a Certa module file (ELF64). Untrusted: the kernel's reader,
`certa.kernel.modfile.parse_module`, checks everything this writes.

Output is deterministic (a pure function of the image). File layout:

    0x0             ELF header, program headers
    vaddr           .text, .rodata, .certa.imports, .data (file offset == virtual address)
    after .data     .rela.dyn, .symtab, .strtab, .certa.iface, .certa.cert, .certa.lines,
                    .shstrtab, then the section header table

Symbols are written locals first (a stable partition of `image.symbols`), so
`parse_module(write_module(img)) == img` exactly when `img.symbols` already lists its locals
before its globals and every relocation target is in canonical form (see docs/module-format.md).
"""
from __future__ import annotations

from certa.kernel.modfile import (
    EH, EM_X86_64, ET_DYN, LINE, PH, RELA, R_X86_64_RELATIVE, SECTION_HEADERS, SECTION_ORDER,
    SH, STB_GLOBAL, STB_LOCAL, STT_FUNC, STT_OBJECT, SYM, ModuleImage, layout,
    program_headers)


def _check(image: ModuleImage) -> None:
    sizes = image.section_sizes()
    for s in image.symbols:
        if s.section not in SECTION_ORDER or s.section == ".certa.imports":
            raise ValueError(f"symbol {s.name!r}: bad section {s.section!r}")
        if s.kind not in ("func", "object"):
            raise ValueError(f"symbol {s.name!r}: bad kind {s.kind!r}")
    for r in image.relocations:
        if r.section not in (".data", ".rodata") or r.target_section not in SECTION_ORDER:
            raise ValueError(f"bad relocation {r}")
        if not 0 <= r.offset <= sizes[r.section] - 8:
            raise ValueError(f"relocation slot outside its section: {r}")
    for off, line in image.lines:
        if not (0 <= off < 2**32 and 0 <= line < 2**32):
            raise ValueError(f"line entry {(off, line)} does not fit u32")


def write_module(image: ModuleImage) -> bytes:
    _check(image)
    sizes = image.section_sizes()
    addrs = layout(sizes)
    names = list(SECTION_HEADERS)
    shndx = {name: i + 1 for i, name in enumerate(names)}

    # Symbols: null, import slots, the module's locals, then its globals.
    strtab = bytearray(b"\0")

    def name_off(name: str) -> int:
        off = len(strtab)
        strtab.extend(name.encode("ascii") + b"\0")
        return off

    syms = [SYM.pack(0, 0, 0, 0, 0, 0)]
    for i, imp in enumerate(image.imports):
        syms.append(SYM.pack(name_off(imp), STB_LOCAL << 4 | STT_OBJECT, 0,
                             shndx[".certa.imports"], addrs[".certa.imports"] + 8 * i, 8))
    ordered = ([s for s in image.symbols if not s.exported]
               + [s for s in image.symbols if s.exported])
    first_global = len(syms) + sum(1 for s in image.symbols if not s.exported)
    for s in ordered:
        info = (STB_GLOBAL if s.exported else STB_LOCAL) << 4 | (
            STT_FUNC if s.kind == "func" else STT_OBJECT)
        syms.append(SYM.pack(name_off(s.name), info, 0, shndx[s.section],
                             addrs[s.section] + s.offset, s.size))

    rela = b"".join(
        RELA.pack(addrs[r.section] + r.offset, R_X86_64_RELATIVE,
                  addrs[r.target_section] + r.target_offset)
        for r in image.relocations)
    lines = b"".join(LINE.pack(off, line) for off, line in image.lines)

    shstrtab = bytearray(b"\0")
    sh_name = {}
    for name in names:
        sh_name[name] = len(shstrtab)
        shstrtab.extend(name.encode("ascii") + b"\0")

    contents = {
        ".text": image.text, ".rodata": image.rodata,
        ".certa.imports": bytes(sizes[".certa.imports"]), ".data": image.data,
        ".rela.dyn": rela, ".symtab": b"".join(syms), ".strtab": bytes(strtab),
        ".certa.iface": image.iface, ".certa.cert": image.cert, ".certa.lines": lines,
        ".shstrtab": bytes(shstrtab),
    }

    out = bytearray(addrs[".data"] + len(image.data))
    offsets = {}
    for name in SECTION_ORDER:
        offsets[name] = addrs[name]
        if name != ".bss":
            out[addrs[name]:addrs[name] + sizes[name]] = contents[name]
    for name in names:
        if name in offsets:
            continue
        align = SECTION_HEADERS[name][2]
        out.extend(bytes(-len(out) % align))
        offsets[name] = len(out)
        out.extend(contents[name])
    out.extend(bytes(-len(out) % 8))
    shoff = len(out)

    out.extend(SH.pack(0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
    for name in names:
        typ, flags, align, entsize = SECTION_HEADERS[name]
        addr = addrs.get(name, 0)
        size = sizes[name] if name in sizes else len(contents[name])
        link = shndx[".strtab"] if name == ".symtab" else 0
        info = first_global if name == ".symtab" else 0
        out.extend(SH.pack(sh_name[name], typ, flags, addr, offsets[name], size, link, info,
                           align, entsize))

    phdrs = program_headers(sizes)
    ident = b"\x7fELF" + bytes([2, 1, 1, 0, 0]) + bytes(7)
    out[0:EH.size] = EH.pack(ident, ET_DYN, EM_X86_64, 1, 0, EH.size, shoff, 0, EH.size,
                             PH.size, len(phdrs), SH.size, len(names) + 1, shndx[".shstrtab"])
    for i, ph in enumerate(phdrs):
        out[EH.size + PH.size * i:EH.size + PH.size * (i + 1)] = PH.pack(*ph)
    return bytes(out)
