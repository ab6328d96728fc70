"""Malformed input never gets past Certa's parsers as anything but a clean error.

Certa's promise is that bad input gets a clean error, never a Python traceback and never a
crash. This file checks that promise with property-based fuzzing (hypothesis) of every
input parser, each against the one outcome it is allowed to have:

* Module file reader, `certa.kernel.modfile.parse_module(data)`: a `ModuleImage` or a
  `ModuleFormatError("MODFILE: ...")`, and never the reader's own "internal error" safety
  net (which would mean an exception it did not anticipate). Inputs: arbitrary bytes, and a
  real compiled module with random byte edits, truncations, extensions, and edits aimed at
  the fields of the ELF header, program headers, section headers, symbols, relocations, line
  entries and at the bytes of each section.
* Kernel, `certa.kernel.check.check_module(data)`: never raises; always a `Verdict` whose
  rejection reason starts with an upper-case RULE name and ':' (and is not "KERNEL: internal
  error"); a kernel that accepts a file must also be able to parse it. Inputs: the same
  files; well-formed files whose symbols, relocations, imports, .bss and data were edited
  (written by the module writer, so they get past the reader); and the real module with
  its certificate replaced by random bytes, by valid zlib of random bytes, by valid zlib of
  random JSON, or by the real certificate JSON after random structural edits (a small JSON
  mutator: dropped, duplicated, renamed and retyped keys, huge/negative/float/bool/string
  numbers, deep nesting, long strings, unknown register names, odd slot offsets ...), and
  with its interface section edited the same way. Random inputs that cannot be a
  certificate must be rejected; an edited real certificate may still be accepted (the
  kernel re-checks the unchanged code against it).
* Runtime loader, `certa.runtime.load(path)`: a loaded module or `LoadError`, on a handful of
  the mutants above and on unreadable paths (small: every accepted load maps memory).
* C frontend, `certa cc` (`compile_file`): a `CompileError` whose text starts with
  "file:line:col: error:", "file:line: error:", "file: error:" (about the whole input file)
  or "certa: error:", having written nothing; or success, having written a module the kernel
  accepts. Inputs: random text, and a valid program after token-level edits (deleted,
  duplicated, swapped tokens, stray punctuation, unterminated comments and strings, huge
  literals, deep nesting, very long identifiers, #include of missing files, #define loops).
* ACSL annotations, through `compile_file`: a program with a contract, a loop annotation and
  an assert, one of them replaced by a random sequence of ACSL-ish tokens; the same outcome
  as for C input.
* Manifests, `certa.runtime.manifest.read_manifest(path)`: a valid manifest after
  character-level edits; a `Manifest` whose modules exist and whose grants are known, or a
  `ManifestError` starting with "file:line:" or "file:".
* The `certa` command itself, run as a subprocess on a malformed C file and a junk module:
  exit status 1, one error message on stderr, no traceback.

Everything is derandomized, so every run tries the same examples; bench/trust_malformed.py
runs the same properties (`TARGETS`) with random examples for as long as it is asked to.
Inputs that broke a promise (deep nesting, objects and frames too large for the module
format, over-long names, a NUL in a load path; all fixed) are kept as plain regression
tests (`test_finding_*`). `OPEN_FINDINGS` records their signatures; the fuzzers no longer
tolerate any of them (`tolerate_open` is off by default).
"""
from __future__ import annotations

import copy
import dataclasses
import functools
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import traceback
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from certa.compiler.module_writer import write_module  # noqa: E402
from certa.compiler.pipeline import compile_file  # noqa: E402
from certa.diagnostics import CompileError  # noqa: E402
from certa.kernel.check import Verdict, check_module  # noqa: E402
from certa.kernel.modfile import (  # noqa: E402
    EH, LINE, PH, RELA, SH, SYM, ModuleFormatError, ModuleImage, Relocation, parse_module)
from certa.runtime import LoadError, load  # noqa: E402

CERTA = Path(sys.executable).parent / "certa"

# The sample: small, but it fills every section (code, strings, a relocated table of
# pointers, data, bss), and its certificate uses most of the format (types, objects, field
# hints, cut points with slots and regions, preconditions with regions, frame areas), so
# edits reach every part of the certificate parser. It compiles in ~0.3 s and the kernel
# checks it in ~40 ms.
SAMPLE_C = r"""/* Every section in use; argv gives main a precondition with a region. */
static const char *names[] = {"zero", "one", "two"};
static int weights[4] = {3, 1, 4, 1};
static int scratch[4];
static long calls;
static int first_char(int i) { return names[i % 3][0]; }
static int total(const int *a, int n) { int s = 0; for (int i = 0; i < n; i++) s += a[i]; return s; }
int sum(int n) {
    calls++;
    for (int i = 0; i < 4; i++) scratch[i] = weights[i] * n;
    return total(scratch, 4);
}
int main(int argc, char **argv) {
    int local[3] = {argc, 2, 3};
    int c = argc > 1 && argv[1] != 0 ? argv[1][0] : 0;
    return (sum(2) + first_char(1) + c + total(local, 3)) % 7;
}
"""

RULE = re.compile(r"^[A-Z][A-Z_]*: \S")
# The shapes of a compiler diagnostic's first line: file:line:col, file:line, and "certa"
# when there is no file. A fourth, "file: error:", is how the compiler reports what belongs
# to the whole file (an empty program has no main); it is allowed only for the input file.
DIAGNOSTIC = re.compile(r"^(?:[^\n:]+:\d+:\d+|[^\n:]+:\d+|certa): error: \S")


def diagnostic_shape_ok(msg: str, src: str) -> bool:
    return bool(DIAGNOSTIC.match(msg) or re.match(re.escape(src) + r": error: \S", msg))


# Examples per test. The whole file runs in about a minute on two cores; the bench script
# runs the same properties far longer.
FAST = 500          # parse_module: a few ms per example, mostly building it
KERNEL = 350        # check_module: up to ~40 ms when an edit leaves the module checkable
COMPILE = 20        # compile_file: 0.1-1 s per example


def fuzz(n: int):
    """Deterministic settings: the same examples on every run, no example database written
    into the repository, no per-example deadline (timing varies with the machine's load)."""
    return settings(derandomize=True, database=None, max_examples=n, deadline=None,
                    # inputs are built from a 20 KB module, which hypothesis finds large
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


def short(x, n: int = 300) -> str:
    r = repr(x)
    return r if len(r) <= n else r[:n] + f"... ({len(r)} chars)"


# -- the sample module and where its fields are --------------------------------------------------
@dataclass(frozen=True)
class Field:
    name: str           # e.g. "sh[3].sh_size", "sym[5].st_value"
    offset: int         # file offset
    width: int          # bytes (little endian)


class Sample:
    """The compiled sample and what the fuzzers need to know about it. A plain class, not a
    dataclass: hypothesis would print all 20 KB of it with every failing example."""

    def __init__(self, workdir: Path, data: bytes, image: ModuleImage, cert: dict, iface: dict,
                 fields: tuple, sections: tuple):
        self.workdir = workdir
        self.data = data            # the compiled module file (accepted by the kernel)
        self.image = image
        self.cert = cert            # its certificate, decompressed
        self.iface = iface          # its interface section
        self.fields = fields        # every header/table field of the file, as Field
        self.sections = sections    # (name, file offset, size) of each section with file bytes

    def __repr__(self) -> str:
        return f"Sample({self.workdir})"


def _struct_fields(prefix: str, base: int, fmt: struct.Struct, names: list) -> list:
    out, off = [], base
    for (count, code), name in zip(re.findall(r"(\d*)([a-zA-Z])", fmt.format), names):
        if code == "s":             # the 16-byte e_ident: one field per byte
            out += [Field(f"{prefix}{name}[{i}]", off + i, 1) for i in range(int(count))]
            off += int(count)
            continue
        width = struct.calcsize("<" + code)
        out.append(Field(prefix + name, off, width))
        off += width
    return out


def elf_fields(data: bytes) -> tuple[tuple, tuple]:
    """Every field of the ELF header, program headers, section headers, symbols, relocations
    and line entries of a module file, and the file range of each section."""
    eh = EH.unpack_from(data, 0)
    phoff, shoff, phnum, shnum, shstrndx = eh[5], eh[6], eh[10], eh[12], eh[13]
    fields = _struct_fields("", 0, EH, ["e_ident", "e_type", "e_machine", "e_version", "e_entry",
                                        "e_phoff", "e_shoff", "e_flags", "e_ehsize", "e_phentsize",
                                        "e_phnum", "e_shentsize", "e_shnum", "e_shstrndx"])
    for i in range(phnum):
        fields += _struct_fields(f"ph[{i}].", phoff + PH.size * i, PH,
                                 ["p_type", "p_flags", "p_offset", "p_vaddr", "p_paddr",
                                  "p_filesz", "p_memsz", "p_align"])
    headers = [SH.unpack_from(data, shoff + SH.size * i) for i in range(shnum)]
    names_at = headers[shstrndx][4]
    sections = []
    for i, h in enumerate(headers):
        name = data[names_at + h[0]:data.index(b"\0", names_at + h[0])].decode() or "null"
        fields += _struct_fields(f"sh[{i}]({name}).", shoff + SH.size * i, SH,
                                 ["sh_name", "sh_type", "sh_flags", "sh_addr", "sh_offset",
                                  "sh_size", "sh_link", "sh_info", "sh_addralign", "sh_entsize"])
        off, size = h[4], h[5]
        if i and h[1] != 8 and size:            # not the null section, not NOBITS (.bss)
            sections.append((name, off, size))
        table = {".symtab": (SYM, "sym", ["st_name", "st_info", "st_other", "st_shndx",
                                          "st_value", "st_size"]),
                 ".rela.dyn": (RELA, "rela", ["r_offset", "r_info", "r_addend"]),
                 ".certa.lines": (LINE, "line", ["text_offset", "line"])}.get(name)
        if table:
            fmt, what, names = table
            for k in range(size // fmt.size):
                fields += _struct_fields(f"{what}[{k}].", off + fmt.size * k, fmt, names)
    return tuple(fields), tuple(sections)


def build_sample(workdir: Path) -> Sample:
    """Compile SAMPLE_C with the real pipeline (once per session)."""
    workdir.mkdir(parents=True, exist_ok=True)
    src, out = workdir / "sample.c", workdir / "sample.cm"
    src.write_text(SAMPLE_C)
    compile_file(str(src), str(out))
    data = out.read_bytes()
    verdict = check_module(data)
    assert verdict.ok, f"the sample must be accepted as compiled: {verdict.message()}"
    image = parse_module(data)
    fields, sections = elf_fields(data)
    return Sample(workdir, data, image, json.loads(zlib.decompress(image.cert)),
                  json.loads(image.iface), fields, sections)


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> Sample:
    return build_sample(tmp_path_factory.mktemp("trust_malformed"))


def with_sections(sample: Sample, **changes) -> bytes:
    """The sample module rewritten with some sections replaced (cert=..., iface=...)."""
    return write_module(dataclasses.replace(sample.image, **changes))


# -- byte-level mutants of the module file -------------------------------------------------------
def interesting_values(old: int, width: int, size: int) -> list:
    """Values a careless reader would mishandle: zero, one, all ones, the sign bit, near the
    old value, near page and file boundaries."""
    top = (1 << (8 * width)) - 1
    near = [old + d for d in (-1, 1, -8, 8, -16, 16, -24, 24, -64, 64, -4096, 4096)]
    return [v & top for v in [0, 1, 2, top, top >> 1, (top >> 1) + 1, 0xFF, 0xFFFF, 0x7FFFFFFF,
                              0xFFFFFFFF, 1 << 32, 1 << 40, 4096, size, size - 1, size + 1,
                              old * 2, old >> 1] + near]


@st.composite
def field_edit(draw, sample: Sample, size: int):
    f = draw(st.sampled_from(sample.fields))
    old = int.from_bytes(sample.data[f.offset:f.offset + f.width], "little")
    value = draw(st.sampled_from(interesting_values(old, f.width, size))
                 | st.integers(0, (1 << (8 * f.width)) - 1))
    return ("field", f.name, f.offset, value.to_bytes(f.width, "little"))


@st.composite
def section_edit(draw, sample: Sample):
    """Overwrite bytes inside one section's contents (names, symbol table, code, ...)."""
    name, off, size = draw(st.sampled_from(sample.sections))
    at = off + draw(st.integers(0, size - 1))
    return ("section", name, at, draw(st.binary(min_size=1, max_size=8)))


def byte_edits(sample: Sample):
    n = len(sample.data)
    pos = st.integers(0, n - 1)
    return st.one_of(
        st.tuples(st.just("set"), pos, st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("flip"), pos, st.integers(0, 7)),
        st.tuples(st.just("truncate"), st.integers(0, n - 1)),
        st.tuples(st.just("extend"), st.binary(min_size=1, max_size=64)),
        st.tuples(st.just("insert"), pos, st.binary(min_size=1, max_size=16)),
        st.tuples(st.just("delete"), pos, st.integers(1, 64)),
        field_edit(sample, n),
        field_edit(sample, n),          # twice: the structured edits are the interesting ones
        section_edit(sample),
    )


def apply_edits(data: bytes, edits) -> bytes:
    b = bytearray(data)
    for e in edits:
        kind = e[0]
        if kind in ("field", "section"):
            at, new = e[2], e[3]
            if at < len(b):
                b[at:at + len(new)] = new
        elif kind == "set" and e[1] < len(b):
            b[e[1]:e[1] + len(e[2])] = e[2]
        elif kind == "flip" and e[1] < len(b):
            b[e[1]] ^= 1 << e[2]
        elif kind == "truncate":
            del b[e[1]:]
        elif kind == "extend":
            b += e[1]
        elif kind == "insert":
            b[e[1]:e[1]] = e[2]
        elif kind == "delete":
            del b[e[1]:e[1] + e[2]]
    return bytes(b)


def module_mutant(sample: Sample, data) -> bytes:
    edits = data.draw(st.lists(byte_edits(sample), min_size=1, max_size=4), label="edits")
    return apply_edits(sample.data, edits)


# -- image-level mutants: well-formed files whose contents disagree ------------------------------
# Byte edits mostly die in the reader. These go through the (untrusted) writer instead, so the
# file is well formed and the kernel meets odd symbols, relocations, imports and data.
SECTIONS = (".text", ".rodata", ".certa.imports", ".data", ".bss")
ODD_OFFSETS = [0, 1, 7, 8, 15, 16, 17, 24, 4095, 4096, 4097, 1 << 20, 1 << 32]
ODD_NAMES = ["main", "sum", "names", "__certa_trap", "__certa_alloc", "printf", "a" * 300,
             ".str.0", "x y", "", "\u00e9", "_" * 64]


def image_mutant(sample: Sample, data) -> bytes | None:
    """The sample image with 1-3 structured edits, written by write_module; None when the
    writer refuses the image (it checks the few things it must to write a file at all)."""
    img = sample.image
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        what = data.draw(st.sampled_from(["symbol", "drop_symbol", "dup_symbol", "relocation",
                                          "drop_relocation", "add_relocation", "imports",
                                          "bss", "lines", "data_bytes"]), label="edit")
        syms, relocs = list(img.symbols), list(img.relocations)
        if what == "symbol":
            i = data.draw(st.integers(0, len(syms) - 1))
            field = data.draw(st.sampled_from(["section", "offset", "size", "kind", "exported", "name"]))
            value = {"section": st.sampled_from(SECTIONS), "offset": st.sampled_from(ODD_OFFSETS),
                     "size": st.sampled_from(ODD_OFFSETS), "kind": st.sampled_from(["func", "object"]),
                     "exported": st.booleans(), "name": st.sampled_from(ODD_NAMES)}[field]
            syms[i] = dataclasses.replace(syms[i], **{field: data.draw(value)})
        elif what == "drop_symbol":
            del syms[data.draw(st.integers(0, len(syms) - 1))]
        elif what == "dup_symbol":
            syms.append(syms[data.draw(st.integers(0, len(syms) - 1))])
        elif what == "drop_relocation" and relocs:
            del relocs[data.draw(st.integers(0, len(relocs) - 1))]
        elif what in ("relocation", "add_relocation") and relocs:
            i = data.draw(st.integers(0, len(relocs) - 1))
            base = relocs[i]
            new = Relocation(data.draw(st.sampled_from([".data", ".rodata"])),
                             data.draw(st.sampled_from(ODD_OFFSETS + [base.offset, base.offset + 8])),
                             data.draw(st.sampled_from(SECTIONS)),
                             data.draw(st.sampled_from(ODD_OFFSETS + [base.target_offset])))
            if what == "add_relocation":
                relocs.append(new)
            else:
                relocs[i] = new
        elif what == "imports":
            img = dataclasses.replace(img, imports=tuple(data.draw(st.lists(
                st.sampled_from(ODD_NAMES + ["__certa_write", "__certa_exit"]), max_size=4))))
        elif what == "bss":
            img = dataclasses.replace(img, bss_size=data.draw(st.sampled_from(ODD_OFFSETS + [1 << 30])))
        elif what == "lines":
            img = dataclasses.replace(img, lines=tuple(sorted(data.draw(st.lists(
                st.tuples(st.integers(0, len(img.text) - 1), st.integers(0, (1 << 32) - 1)),
                max_size=5)))))
        elif what == "data_bytes":
            # block headers and pointer fields live here
            at = data.draw(st.integers(0, len(img.data) - 1))
            patch = data.draw(st.binary(min_size=1, max_size=16))
            patched = (img.data[:at] + patch + img.data[at + len(patch):])[:len(img.data)]
            img = dataclasses.replace(img, data=patched)
        img = dataclasses.replace(img, symbols=tuple(syms), relocations=tuple(relocs))
    try:
        return write_module(img)
    except (ValueError, KeyError, struct.error, UnicodeEncodeError, OverflowError):
        return None             # the untrusted writer refused; nothing for the kernel to see


# -- a small JSON mutator ---------------------------------------------------------------------
class Pairs(list):
    """A JSON object written as a list of (key, value) pairs: it can repeat a key."""


class Raw(str):
    """JSON text inserted verbatim (e.g. nesting too deep to build as Python objects)."""


def encode(x) -> str:
    if isinstance(x, Raw):
        return str(x)
    if isinstance(x, Pairs):
        return "{" + ",".join(json.dumps(k) + ":" + encode(v) for k, v in x) + "}"
    if isinstance(x, dict):
        return "{" + ",".join(json.dumps(str(k)) + ":" + encode(v) for k, v in x.items()) + "}"
    if isinstance(x, list):
        return "[" + ",".join(encode(v) for v in x) + "]"
    return json.dumps(x)        # NaN and Infinity included: Python's json reads them back


WEIRD_NUMBERS = [0, -1, 1, 2, 3, 7, 8, 16, 4096, 1 << 24, (1 << 31) - 1, 1 << 31, 1 << 32,
                 (1 << 63) - 1, 1 << 63, 1 << 64, (1 << 64) + 1, -(1 << 63), -(1 << 64),
                 1 << 128, (1 << 128) + 1, -(1 << 129), 1 << 1000, 10 ** 4000 - 1,
                 0.5, -0.0, 1e308, float("inf"), float("nan"), True, False]
WEIRD_STRINGS = ["", " ", "0", "-0", "-", "--8", "+8", "08", "0x10", "1e3", "1.5", " 12", "12 ",
                 "\u0661\u0662", "\u00b2", "99999999999", "-99999999999", "4294967296",
                 "rax", "rsp", "rip", "RAX", "eax", "r16", "xmm0", "S", "M", "result", "cs_0",
                 "bytes", "ptr_bytes", "nosuchtype", "main", "sum", ">=", "==", "<=", "lin",
                 "round", "mul", "empty", "null", "pos", "neg", "neg2", "void", "int *",
                 "unsigned long long", "char **", "\x00", "\ud800", "a" * 65, "x" * 100_000]
WEIRD_KEYS = ["format", "functions", "types", "objects", "params", "ret", "ret_region",
              "ret_block", "pre", "pre_regions", "post", "areas", "exact", "cuts", "fields",
              "allocs", "proofs", "depth", "regs", "slots", "facts", "regions", "size",
              "pointers", "name", "exported", "source", "rax", "rbx", "rsp", "r15", "rip",
              "xmm0", "0", "-8", "-0", "08", "0x8", "4294967296", "", "\u0661", "unknown"]
# JSON text no Python value encodes to: deep nesting (the decoder's recursion limit), a
# number past the int-parsing digit limit, an overflowing exponent.
RAW_JSON = [Raw("[" * n + "]" * n) for n in (100, 900, 5000, 200_000)] + \
           [Raw('{"a":' * n + "0" + "}" * n) for n in (1000, 100_000)] + \
           [Raw("9" * 5000), Raw("-" + "1" * 4301), Raw("1e999"), Raw("-1e-999")]


def weird_value(data):
    return data.draw(st.one_of(
        st.sampled_from(WEIRD_NUMBERS), st.sampled_from(WEIRD_STRINGS), st.none(),
        st.sampled_from(RAW_JSON), st.just([]), st.just({}),
        st.integers(), st.text(max_size=20),
        st.lists(st.sampled_from(WEIRD_NUMBERS[:20] + WEIRD_STRINGS[:30]), max_size=8)),
        label="value")


def nodes(x, path=()):
    """Paths to every node of a JSON document."""
    yield path
    if isinstance(x, (Pairs, Raw)):
        return                          # already mangled: edit it as a whole only
    if isinstance(x, dict):
        for k, v in x.items():
            yield from nodes(v, path + (k,))
    elif isinstance(x, list):
        for i, v in enumerate(x):
            yield from nodes(v, path + (i,))


def mutate_json(doc, data, max_edits: int = 3):
    """`doc` (a JSON value, not modified) after 1..max_edits random structural edits."""
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, max_edits), label="edits")):
        paths = list(nodes(doc))
        path = data.draw(st.sampled_from(paths), label="path")
        parent, key = None, None
        node = doc
        for k in path:
            parent, key, node = node, k, node[k]
        ops = ["replace"]
        if isinstance(node, dict):
            ops += ["drop_key", "add_key", "rename_key", "duplicate_key", "to_list"]
        if isinstance(node, list):
            ops += ["drop_item", "duplicate_item", "swap_items", "append", "truncate", "to_dict"]
        if type(node) is int:
            ops += ["nudge"]
        if isinstance(node, str):
            ops += ["restring"]
        op = data.draw(st.sampled_from(ops), label="op")
        new = node
        if op == "replace":
            new = weird_value(data)
        elif op == "drop_key" and node:
            node.pop(data.draw(st.sampled_from(sorted(node))))
        elif op == "add_key":
            k = data.draw(st.sampled_from(WEIRD_KEYS + sorted(node)) | st.text(max_size=8))
            node[k] = weird_value(data)
        elif op == "rename_key" and node:
            k = data.draw(st.sampled_from(sorted(node)))
            node[data.draw(st.sampled_from(WEIRD_KEYS) | st.text(max_size=8))] = node.pop(k)
        elif op == "duplicate_key" and node:
            k = data.draw(st.sampled_from(sorted(node)))
            new = Pairs(list(node.items()) + [(k, weird_value(data))])
        elif op == "to_list":
            new = list(node.values())
        elif op == "drop_item" and node:
            del node[data.draw(st.integers(0, len(node) - 1))]
        elif op == "duplicate_item" and node:
            i = data.draw(st.integers(0, len(node) - 1))
            node.insert(i, copy.deepcopy(node[i]))
        elif op == "swap_items" and len(node) > 1:
            i, j = data.draw(st.integers(0, len(node) - 1)), data.draw(st.integers(0, len(node) - 1))
            node[i], node[j] = node[j], node[i]
        elif op == "append":
            node.append(weird_value(data))
        elif op == "truncate":
            del node[data.draw(st.integers(0, len(node))):]
        elif op == "to_dict":
            new = {str(i): v for i, v in enumerate(node)}
        elif op == "nudge":
            new = node + data.draw(st.sampled_from([-1, 1, -8, 8, 4096, -4096, 1 << 32, -(1 << 64)]))
        elif op == "restring":
            new = data.draw(st.sampled_from(WEIRD_STRINGS) | st.text(max_size=12))
        if new is not node:
            if parent is None:
                doc = new
            else:
                parent[key] = new
        if not isinstance(doc, (dict, list)) or isinstance(doc, (Pairs, Raw)):
            break                       # nothing left to descend into
    return doc


def json_containers(inner):
    return st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    json_containers, max_leaves=30)


# -- the properties ---------------------------------------------------------------------------
# Each property asserts the one outcome its target may have and returns a short label of what
# happened ("MODFILE", "CERT", "accepted", "CompileError", ...): the bench script tallies them,
# which shows how deep the mutants get.
def assert_reader_outcome(data: bytes) -> str:
    """parse_module returns a ModuleImage or raises ModuleFormatError("MODFILE: ...")."""
    try:
        image = parse_module(data)
    except ModuleFormatError as e:
        msg = str(e)
        assert msg.startswith("MODFILE: "), f"bad message {msg!r} for {short(data)}"
        assert "internal error" not in msg, f"the reader's safety net fired: {msg} for {short(data)}"
        return "MODFILE"
    except BaseException as e:  # noqa: BLE001 - whatever escapes is the finding
        raise AssertionError(f"parse_module raised {type(e).__name__}: {e} on {short(data)}") from e
    assert isinstance(image, ModuleImage)
    return "parsed"


def assert_kernel_outcome(data: bytes, must_reject: bool = False) -> str:
    """check_module returns a Verdict, never raises; a rejection names a rule; an acceptance
    is of a file the reader parses."""
    try:
        v = check_module(data)
    except BaseException as e:  # noqa: BLE001
        raise AssertionError(f"check_module raised {type(e).__name__}: {e} on {short(data)}") from e
    assert isinstance(v, Verdict)
    if v.ok:
        assert not must_reject, f"accepted what cannot be a valid module: {short(data)}"
        assert v.reason == "" and v.functions > 0
        parse_module(data)      # raises if the kernel accepted a file its reader refuses
        return "accepted"
    assert RULE.match(v.reason), f"reason does not name a rule: {v.reason!r}"
    assert "internal error" not in v.reason, f"{v.reason} on {short(data)}"
    v.message()                 # the CLI prints this: it must render
    return v.reason.split(":", 1)[0]


def prop_reader_arbitrary_bytes(sample: Sample, data) -> str:
    blob = data.draw(st.binary(max_size=512)
                     | st.binary(max_size=512).map(lambda b: b"\x7fELF\x02\x01\x01" + b))
    return assert_reader_outcome(blob)


def prop_reader_module_mutants(sample: Sample, data) -> str:
    return assert_reader_outcome(module_mutant(sample, data))


def prop_kernel_arbitrary_bytes(sample: Sample, data) -> str:
    blob = data.draw(st.binary(max_size=512)
                     | st.binary(max_size=4096).map(lambda b: sample.data[:64] + b))
    return assert_kernel_outcome(blob, must_reject=True)


def prop_kernel_module_mutants(sample: Sample, data) -> str:
    return assert_kernel_outcome(module_mutant(sample, data))


def prop_kernel_image_mutants(sample: Sample, data) -> str:
    blob = image_mutant(sample, data)
    if blob is None:
        return "unwritable"
    assert_reader_outcome(blob)
    return assert_kernel_outcome(blob)


def prop_kernel_cert_random_bytes(sample: Sample, data) -> str:
    blob = data.draw(st.binary(max_size=2048))
    return assert_kernel_outcome(with_sections(sample, cert=blob), must_reject=True)


def prop_kernel_cert_zlib_of_random_bytes(sample: Sample, data) -> str:
    blob = data.draw(st.binary(max_size=2048))
    level = data.draw(st.integers(0, 9))
    return assert_kernel_outcome(with_sections(sample, cert=zlib.compress(blob, level)),
                                 must_reject=True)


def prop_kernel_cert_zlib_of_random_json(sample: Sample, data) -> str:
    doc = data.draw(json_values)
    # Half the time inside a certificate's frame, so the parser gets past the format check
    # and reaches the function entries.
    if data.draw(st.booleans()):
        doc = {"format": "certa-cert/0",
               "functions": {s.name: data.draw(json_values) for s in sample.image.symbols
                             if s.kind == "func"}}
    return assert_kernel_outcome(with_sections(sample, cert=zlib.compress(encode(doc).encode())),
                                 must_reject=True)


def json_bytes(doc) -> bytes:
    return encode(doc).encode("utf-8", "surrogatepass")     # lone surrogates included


def prop_kernel_cert_json_edits(sample: Sample, data) -> str:
    cert = zlib.compress(json_bytes(mutate_json(sample.cert, data)))
    return assert_kernel_outcome(with_sections(sample, cert=cert))


def prop_kernel_iface_json_edits(sample: Sample, data) -> str:
    iface = json_bytes(mutate_json(sample.iface, data))
    return assert_kernel_outcome(with_sections(sample, iface=iface))


def any_mutant(sample: Sample, data) -> bytes:
    kind = data.draw(st.sampled_from(["file", "cert", "iface"]), label="mutant")
    if kind == "file":
        return module_mutant(sample, data)
    if kind == "cert":
        return with_sections(sample, cert=zlib.compress(json_bytes(mutate_json(sample.cert, data))))
    return with_sections(sample, iface=json_bytes(mutate_json(sample.iface, data)))


def prop_loader_mutants(sample: Sample, data) -> str:
    path = sample.workdir / "mutant.cm"
    path.write_bytes(any_mutant(sample, data))
    try:
        m = load(path)
    except LoadError as e:
        assert str(e).startswith(f"{path}: "), f"LoadError does not name the file: {e}"
        return "LoadError"
    except BaseException as e:  # noqa: BLE001
        raise AssertionError(f"load raised {type(e).__name__}: {e}") from e
    m.close()
    return "loaded"


# C source: pieces that join back to the text exactly; edits act on the non-blank ones.
C_PIECES = re.compile(r"""\s+|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|/\*.*?\*/|//[^\n]*"""
                      r"""|[A-Za-z_]\w*|\d[\w.]*|<<=|>>=|->|\+\+|--|<<|>>|&&|\|\||[-+*/%&|^!~<>=]=?|.""",
                      re.S)
PUNCTUATION = list("{}[]();,.?:~!@#$`\\") + ["->", "...", "##", "<<=", "&&", "::", "'", '"']
UNTERMINATED = ["/*", "/* /* */ */", '"never closed', "'", "'ab", "//\\", "\\", "??/", "*/"]
# (the decimal sizes are at the edges of the compiler's and the reader's limits)
HUGE_LITERALS = ["99999999999999999999999999999", "2147483647", "2000000000", "1073741825",
                 "0x" + "f" * 40, "1e999", "08", "0b101",
                 "1.5", "'ab'", "1ULL", "18446744073709551616", "-9223372036854775808",
                 "0" * 5000 + "1", "077777777777777777777777777", "1" * 400, "0xg", "1_000"]
LINES = ['#include "missing_header.h"', "#include <nosuch.h>", '#include "case.c"',
         "#include </>", '#include ""', "#include", "#define A B\n#define B A\nint loop_ab = A;",
         "#define f(x) f(f(x))\nint fx = f(1);", "#define X X X\nint xx = X;",
         "#if 1", "#endif", "#else", "#error boom", "#line 0", "#line 4294967295",
         '#line 7 "elsewhere.c"', "#pragma once", "#undef main", "#define main",
         "#define int long long long", "#define return for(;;)", "??=define Q 1", "\x00", "\x0c",
         "_Static_assert(1, \"x\");", "__attribute__((noreturn)) void q(void);",
         "asm(\"nop\");", "int main(void);", "struct s { int a : 3; };", "union u { int a; };"]


def c_pieces(src: str) -> list:
    pieces = C_PIECES.findall(src)
    assert "".join(pieces) == src
    return pieces


@st.composite
def c_edit(draw, n_tokens: int):
    i = st.integers(0, n_tokens - 1)
    return draw(st.one_of(
        st.tuples(st.just("delete"), i),
        st.tuples(st.just("duplicate"), i),
        st.tuples(st.just("swap"), i, i),
        st.tuples(st.just("insert"), i, st.sampled_from(PUNCTUATION)),
        st.tuples(st.just("insert"), i, st.sampled_from(UNTERMINATED)),
        st.tuples(st.just("replace"), i, st.sampled_from(HUGE_LITERALS)),
        st.tuples(st.just("nest"), i, st.sampled_from(["()", "{}", "[]"]),
                  st.sampled_from([3, 50, 300, 2000, 20000])),
        st.tuples(st.just("rename"), i, st.sampled_from([64, 300, 5000, 100_000])),
        st.tuples(st.just("line"), i, st.sampled_from(LINES)),
    ))


def apply_c_edits(src: str, edits) -> str:
    pieces = c_pieces(src)
    for e in edits:
        toks = [k for k, p in enumerate(pieces) if not p.isspace()]
        k = toks[e[1] % len(toks)] if toks else 0
        kind = e[0]
        if kind == "delete" and toks:
            pieces[k] = " "
        elif kind == "duplicate" and toks:
            pieces.insert(k, pieces[k] + " ")
        elif kind == "swap" and toks:
            j = toks[e[2] % len(toks)]
            pieces[k], pieces[j] = pieces[j], pieces[k]
        elif kind == "insert":
            pieces.insert(k, " " + e[2] + " ")
        elif kind == "replace" and toks:
            pieces[k] = e[2]
        elif kind == "nest" and toks:
            # one token wrapped in k levels: ((((x)))), {{{{;}}}}, [[[[x]]]]
            o, c = e[2]
            pieces[k] = o * e[3] + pieces[k] + c * e[3]
        elif kind == "rename" and toks:
            name = pieces[k]
            if re.fullmatch(r"[A-Za-z_]\w*", name):
                # every use of the name, so the program may still compile with it
                long_name = (name * (e[2] // len(name) + 1))[:e[2]]
                pieces = [long_name if p == name else p for p in pieces]
        elif kind == "line":
            pieces.insert(k, "\n" + e[2] + "\n")
    return "".join(pieces)


def compile_outcome(workdir: Path, text: str) -> tuple[str, object]:
    """Compile `text` as `certa cc` does: ("CompileError", error) and nothing written, or
    ("compiled", the kernel's Verdict on the module written), or ("raised", the exception)."""
    src, out = workdir / "case.c", workdir / "case.cm"
    src.write_text(text, encoding="utf-8", errors="surrogatepass")
    out.unlink(missing_ok=True)
    try:
        compile_file(str(src), str(out))
    except CompileError as e:
        assert not out.exists(), "a failed compilation wrote its output"
        return "CompileError", e
    except BaseException as e:  # noqa: BLE001 - whatever escapes is the finding
        return "raised", e
    return "compiled", check_module(out.read_bytes())


def assert_compiler_outcome(sample: Sample, text: str, tolerate_open: bool = False) -> str:
    """compile_file succeeds, and wrote a module the kernel accepts (the compiler writes only
    what it certified), or raises a CompileError with a positioned message, and wrote
    nothing. With `tolerate_open`, an open finding's exact signature is tolerated."""
    kind, detail = compile_outcome(sample.workdir, text)
    if kind == "CompileError":
        msg = detail.format()
        assert diagnostic_shape_ok(msg, str(sample.workdir / "case.c")), \
            f"diagnostic without a position shape: {msg[:300]!r}\nfor {short(text, 2000)}"
        return "CompileError"
    finding = open_finding(kind, detail) if tolerate_open else None
    if finding:
        return f"tolerated: {finding} (open finding)"
    if kind == "raised":
        # `from None`: a RecursionError's chained traceback is a thousand identical frames
        raise AssertionError(f"compile_file raised {type(detail).__name__}: {str(detail)[:200]} "
                             f"in {innermost(detail)}\nfor {short(text, 2000)}") from None
    assert detail.ok, f"compiled to a module the kernel refuses: {detail.message()}\n" \
                      f"for {short(text, 2000)}"
    return "compiled"


def prop_compiler_random_text(sample: Sample, data) -> str:
    text = data.draw(st.text(alphabet=st.characters(min_codepoint=9, max_codepoint=0x2FF,
                                                    blacklist_categories=("Cs",)), max_size=400)
                     | st.text(max_size=80).map(lambda t: "int main(void) { return 0; }\n" + t))
    return assert_compiler_outcome(sample, text)


def prop_compiler_token_edits(sample: Sample, data) -> str:
    n = sum(1 for p in c_pieces(SAMPLE_C) if not p.isspace())
    edits = data.draw(st.lists(c_edit(n), min_size=1, max_size=3), label="edits")
    return assert_compiler_outcome(sample, apply_c_edits(SAMPLE_C, edits))


# Annotations: a program with a contract, a loop annotation and an assert, one of which is
# replaced by ACSL-ish tokens (so the annotation parser, the attachment, the name and type
# checks and the lowering all see malformed input).
ANNOTATED_C = """/*@ {0} */
int find(const int *a, int n, int v) {{
    int i;
    /*@ {1} */
    for (i = 0; i < n; i++) {{
        //@ {2}
        if (a[i] == v) return i;
    }}
    return -1;
}}
int main(void) {{ int p[4] = {{1, 2, 3, 4}}; return find(p, 4, 3); }}
"""
ANNOTATED_DEFAULTS = ("requires n >= 0; requires \\valid_read(a + (0..n-1)); ensures \\result < n;",
                      "loop invariant 0 <= i <= n; loop assigns i; loop variant n - i;",
                      "assert 0 <= i < n;")
ACSL_TOKENS = ("requires", "ensures", "assigns", "loop", "invariant", "variant", "assert", "check",
               "behavior", "assumes", "predicate", "logic", "\\valid", "\\valid_read", "\\result",
               "\\old", "\\at", "\\forall", "\\exists", "\\null", "\\nothing", "\\separated",
               "\\let", "integer", "int", "char", "a", "n", "i", "v", "k", "x", "Pre", "Here", "(", ")",
               "[", "]", "..", "+", "-", "*", "/", "%", "<", "<=", ">", "==", "!=", "&&", "||", "==>",
               "<==>", "!", "?", ":", ";", ",", "=", "0", "1", "-1", "99999999999999999999", "'c'",
               "@", "\\", "->", ".")


def prop_compiler_annotation_edits(sample: Sample, data) -> str:
    slot = data.draw(st.integers(0, 2), label="which annotation")
    tokens = data.draw(st.lists(st.sampled_from(ACSL_TOKENS), max_size=14), label="tokens")
    if slot == 1 and data.draw(st.booleans(), label="loop prefix"):
        tokens = ["loop", "invariant"] + tokens
    if slot == 2 and data.draw(st.booleans(), label="assert prefix"):
        tokens = ["assert"] + tokens
    parts = list(ANNOTATED_DEFAULTS)
    parts[slot] = " ".join(tokens)
    return assert_compiler_outcome(sample, ANNOTATED_C.format(*parts))


# Manifests: the access matrix of an application (certa/runtime/manifest.py). A valid
# manifest naming the sample module, with character-level edits, or random text: a Manifest
# whose modules exist and whose grants are known, or a ManifestError "file:line: ..." (or
# "file: ..."), nothing else.
MANIFEST = """[app]
name = "fuzz"
main = "sample"

[modules.sample]
path = "sample.cm"
grants = ["console", "alloc"]
heap_bytes = 65536
"""
MANIFEST_PIECES = ("[", "]", "[[", "=", '"', "'", ",", "\n", "#", "app", "modules", "main",
                   "path", "grants", "heap_bytes", "console", "alloc", "sample", "sample.cm",
                   ".", "-1", "1e9", "true", "{", "}", "\\", "\x00", "\xe9", "99999999999999999999")


def prop_manifest_edits(sample: Sample, data) -> str:
    from certa.runtime.manifest import GRANTABLE, Manifest, ManifestError, read_manifest
    (sample.workdir / "sample.cm").write_bytes(sample.data)
    text = MANIFEST
    for _ in range(data.draw(st.integers(1, 4), label="edits")):
        k = data.draw(st.integers(0, len(text)), label="at")
        cut = data.draw(st.integers(0, 6), label="delete")
        piece = data.draw(st.sampled_from(MANIFEST_PIECES) | st.text(max_size=6), label="insert")
        text = text[:k] + piece + text[k + cut:]
    path = sample.workdir / "app.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        m = read_manifest(path)
    except ManifestError as e:
        assert re.match(re.escape(str(path)) + r"(:\d+(:\d+)?)?: \S", str(e)), str(e)
        return "ManifestError"
    assert isinstance(m, Manifest) and m.main in m.modules
    for spec in m.modules.values():
        assert os.path.isfile(spec.path) and spec.grants <= set(GRANTABLE)
    return "Manifest"


# -- open findings ------------------------------------------------------------------------------
# Each open finding has minimal reproducers (a plain test below fails until it is fixed), a
# signature, and a probe. While the probe still shows the signature, the fuzzers tolerate
# exactly that signature (so they keep looking for new failures); once the finding is fixed
# the tolerance ends by itself.
def innermost(e: BaseException) -> str:
    """Where an exception was raised: the innermost frames, as file:line function."""
    frames = traceback.extract_tb(e.__traceback__)[-3:]
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames))


def raised_in(kind: str, detail, types: tuple, where: str) -> bool:
    return kind == "raised" and isinstance(detail, types) and where in innermost(detail)


def refused_by_reader(kind: str, detail, pattern: str) -> bool:
    return kind == "compiled" and not detail.ok and re.match(pattern, detail.reason) is not None


@dataclass(frozen=True)
class OpenFinding:
    what: str
    signature: object           # (kind, detail) -> bool
    probe: str                  # C source that shows the signature while the finding is open
    reproducers: tuple          # (name, C source): each a regression test


FAR_INDEX = "static char a[2147483647];\nint main(void) { return a[2147483646]; }\n"
BIG_FRAME = "int main(void) { char a[2000000000]; char b[200000000]; a[0] = 1; return a[0]; }\n"
LONG_NAME = ("static int " + "x" * 257 + "(void) { return 1; }\n"
             "int main(void) { return " + "x" * 257 + "(); }\n")
BIG_BSS = "static char big[1073741825];\nint main(void) { return big[0]; }\n"

OPEN_FINDINGS = (
    OpenFinding(
        "RecursionError on deep nesting",
        lambda k, d: k == "raised" and isinstance(d, RecursionError),
        # far deeper than the reproducers: hypothesis raises the recursion limit in its tests
        "int main(void) { return " + "(" * 20000 + "1" + ")" * 20000 + "; }\n",
        (   # pycparser's recursive-descent parser: 122 levels are enough (default limit)
            ("parentheses_130", "int main(void) { return " + "(" * 130 + "1" + ")" * 130 + "; }\n"),
            ("blocks_260", "int main(void) { " + "{" * 260 + "}" * 260 + " return 0; }\n"),
            # typecheck.Checker.expr recurses once per operator: 328 are enough
            ("sum_of_400_terms", "int main(void) { return " + "1 + " * 400 + "1; }\n"),
        )),
    OpenFinding("struct.error: rip displacement beyond 2 GiB",
                lambda k, d: raised_in(k, d, (struct.error,), "resolve_rip"),
                FAR_INDEX, (("bss_index_past_2GiB", FAR_INDEX),)),
    OpenFinding("AssertionError: stack frame beyond 2 GiB",
                lambda k, d: raised_in(k, d, (AssertionError,), "alu_ri"),
                BIG_FRAME, (("frame_of_2_2GB", BIG_FRAME),)),
    OpenFinding("name too long for the reader",
                lambda k, d: refused_by_reader(k, d, r"MODFILE: symbol \d+: invalid name"),
                LONG_NAME, (("function_name_of_257", LONG_NAME),)),
    OpenFinding(".bss too large for the reader",
                lambda k, d: refused_by_reader(k, d, r"MODFILE: \.bss too large"),
                BIG_BSS, (("bss_of_1GiB_plus_1", BIG_BSS),)),
)


@functools.lru_cache(maxsize=None)
def still_open(finding: OpenFinding) -> bool:
    with tempfile.TemporaryDirectory() as d:
        return finding.signature(*compile_outcome(Path(d), finding.probe))


def open_finding(kind: str, detail) -> str | None:
    """The open finding whose signature this outcome has, while it is still open."""
    for f in OPEN_FINDINGS:
        if f.signature(kind, detail) and still_open(f):
            return f.what
    return None


# name -> (property, examples in the test, relative weight of its time in the bench)
TARGETS = {
    "parse_module: arbitrary bytes": (prop_reader_arbitrary_bytes, FAST, 1),
    "parse_module: module mutants": (prop_reader_module_mutants, FAST * 2, 3),
    "check_module: arbitrary bytes": (prop_kernel_arbitrary_bytes, KERNEL, 1),
    "check_module: module mutants": (prop_kernel_module_mutants, KERNEL * 2, 3),
    "check_module: image edits": (prop_kernel_image_mutants, KERNEL * 2, 3),
    "check_module: cert random bytes": (prop_kernel_cert_random_bytes, KERNEL // 2, 1),
    "check_module: cert zlib(random bytes)": (prop_kernel_cert_zlib_of_random_bytes, KERNEL // 2, 1),
    "check_module: cert zlib(random JSON)": (prop_kernel_cert_zlib_of_random_json, KERNEL, 2),
    "check_module: cert JSON edits": (prop_kernel_cert_json_edits, KERNEL * 2, 4),
    "check_module: iface JSON edits": (prop_kernel_iface_json_edits, KERNEL, 2),
    "load: mutants": (prop_loader_mutants, 8, 1),
    "cc: random text": (prop_compiler_random_text, COMPILE, 2),
    "cc: token edits": (prop_compiler_token_edits, COMPILE * 2, 4),
    "cc: annotation edits": (prop_compiler_annotation_edits, COMPILE * 2, 4),
    "read_manifest: edits": (prop_manifest_edits, FAST, 1),
}


def _test(name: str):
    prop, n, _ = TARGETS[name]

    @fuzz(n)
    @given(data=st.data())
    def test(sample, data):
        prop(sample, data)
    test.__doc__ = prop.__doc__
    return test


test_module_reader_accepts_or_rejects_arbitrary_bytes_cleanly = _test("parse_module: arbitrary bytes")
test_module_reader_accepts_or_rejects_edited_modules_cleanly = _test("parse_module: module mutants")
test_kernel_rejects_arbitrary_bytes_with_a_rule = _test("check_module: arbitrary bytes")
test_kernel_judges_edited_modules_with_a_rule = _test("check_module: module mutants")
test_kernel_judges_modules_with_edited_contents_with_a_rule = _test("check_module: image edits")
test_kernel_rejects_random_certificate_bytes = _test("check_module: cert random bytes")
test_kernel_rejects_compressed_random_bytes_as_certificate = \
    _test("check_module: cert zlib(random bytes)")
test_kernel_rejects_compressed_random_json_as_certificate = _test("check_module: cert zlib(random JSON)")
test_kernel_judges_edited_certificates_with_a_rule = _test("check_module: cert JSON edits")
test_kernel_judges_edited_interfaces_with_a_rule = _test("check_module: iface JSON edits")
test_loader_refuses_mutants_with_load_error = _test("load: mutants")
test_compiler_rejects_random_text_with_a_diagnostic = _test("cc: random text")
test_compiler_rejects_edited_programs_with_a_diagnostic = _test("cc: token edits")
test_compiler_rejects_edited_annotations_with_a_diagnostic = _test("cc: annotation edits")
test_manifest_reader_accepts_or_rejects_edited_manifests_cleanly = _test("read_manifest: edits")


# -- fixed cases: each a boundary a parser must handle ---------------------------------------
def test_the_edits_reach_their_targets(sample):
    """Guards the fuzzers themselves: the sample has every table the field edits aim at, and
    a field edit does land in the file (otherwise the tests above would test nothing)."""
    names = {f.name.split(".")[0].split("[")[0] for f in sample.fields}
    assert {"e_ident", "e_shoff", "ph", "sh", "sym", "rela", "line"} <= names
    assert sample.image.relocations and sample.image.imports and sample.image.bss_size
    assert {"types", "objects"} <= set(sample.cert)
    size = next(f for f in sample.fields if f.name.endswith("(.symtab).sh_size"))
    mutant = apply_edits(sample.data, [("field", size.name, size.offset, (1).to_bytes(8, "little"))])
    with pytest.raises(ModuleFormatError, match="^MODFILE: "):
        parse_module(mutant)
    assert c_pieces(SAMPLE_C)
    assert apply_c_edits(SAMPLE_C, [("rename", 1, 300)]) != SAMPLE_C    # token 0 is a comment


@pytest.mark.parametrize("cert", [
    b"", b"\x00", zlib.compress(b""), zlib.compress(b"{}"), zlib.compress(b"[]"),
    zlib.compress(b"null"), zlib.compress(b'"certa-cert/0"'), zlib.compress(b"\xff\xfe"),
    zlib.compress(b"[" * 100_000), zlib.compress(b'{"format": "certa-cert/0", "functions": {}}'),
    zlib.compress(b"{}")[:-1], zlib.compress(b" " * (1 << 20)),
], ids=lambda c: short(c, 40))
def test_kernel_rejects_boundary_certificates(sample, cert):
    assert_kernel_outcome(with_sections(sample, cert=cert), must_reject=True)


def test_loader_refuses_unreadable_paths_with_load_error(sample):
    for path in [sample.workdir / "no_such.cm", sample.workdir, os.devnull]:
        with pytest.raises(LoadError):
            load(path)


@pytest.mark.parametrize("source", [src for f in OPEN_FINDINGS for _, src in f.reproducers],
                         ids=[name for f in OPEN_FINDINGS for name, _ in f.reproducers])
def test_finding_compiler_reproducer(sample, source):
    """FINDINGS in the C frontend, one reproducer each (see OPEN_FINDINGS): compile_file
    raises RecursionError, struct.error or AssertionError instead of a CompileError, or
    reports success ("certificate: yes") for a module the kernel's reader then refuses."""
    assert_compiler_outcome(sample, source, tolerate_open=False)


def test_finding_loader_path_with_nul_byte_raises_value_error(sample):
    """FINDING: load("a\\0b") raises ValueError("embedded null byte") from open(), not
    LoadError: loader.load catches only OSError around the read."""
    with pytest.raises(LoadError):
        load(str(sample.workdir / "mod\0.cm"))


def run_certa(*args, cwd: Path) -> subprocess.CompletedProcess:
    cmd = [str(CERTA)] if CERTA.exists() else [sys.executable, "-m", "certa"]
    return subprocess.run(cmd + list(args), cwd=cwd, capture_output=True, text=True, timeout=120)


def test_cli_reports_a_malformed_c_file_in_one_message(sample):
    bad = sample.workdir / "bad.c"
    bad.write_text("int main(void) {\n    return (1 + ;\n/* never closed\n")
    r = run_certa("cc", "bad.c", cwd=sample.workdir)
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    assert r.stdout == ""
    assert len(re.findall(r": error: ", r.stderr)) == 1, r.stderr
    assert DIAGNOSTIC.match(r.stderr) and r.stderr.startswith("bad.c:"), r.stderr
    assert not (sample.workdir / "bad.cm").exists()


def test_cli_reports_a_junk_module_in_one_message(sample):
    junk = sample.workdir / "junk.cm"
    junk.write_bytes(sample.data[:64] + bytes(range(256)) * 3)
    r = run_certa("check", "junk.cm", cwd=sample.workdir)
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    assert r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("junk.cm: rejected: MODFILE: "), lines


def test_certificate_with_trailing_bytes_or_another_encoding_is_rejected(sample):
    """The kernel reads exactly what the loader reads: one zlib stream and nothing after it;
    UTF-8 JSON without a byte-order mark (json.loads would otherwise guess UTF-16 or skip a
    BOM that the loader's interface reader refuses)."""
    image = parse_module(sample.data)
    text = zlib.decompress(image.cert)
    for cert, reason in ((image.cert + b"junk", "bytes after its compressed data"),
                         (zlib.compress(text.decode().encode("utf-16")), "malformed certificate"),
                         (zlib.compress(b"\xef\xbb\xbf" + text), "malformed certificate")):
        v = check_module(write_module(dataclasses.replace(image, cert=cert)))
        assert not v.ok and reason in v.reason, v.message()
    v = check_module(write_module(dataclasses.replace(image, iface=b"\xef\xbb\xbf" + image.iface)))
    assert not v.ok and "interface section is not valid JSON" in v.reason, v.message()
