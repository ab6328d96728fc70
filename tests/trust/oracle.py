"""An emulator oracle for Certa modules: run a module under unicorn and check every memory
access against the exact memory the module may touch.

What this file guarantees:

* `run_module(data, argv)` maps the module's image the way the runtime does (the layout of
  `certa.kernel.modfile.layout`, the header page unmapped, `.text` read+execute, `.rodata`
  and the import table read-only, `.data`/`.bss` read+write, relocations applied), gives it
  a 16 MiB stack with an unmapped guard page below it and nothing mapped above it, a bump
  heap with the runtime's quota and block headers, and builds `argv` in that heap exactly as
  `LoadedModule.run_main` does. Import slots point at stub code; each host service
  (`__certa_write`, `__certa_alloc`, `__certa_exit`, `__certa_trap`, and the
  `__certa_stack_limit` value) is emulated in Python with the runtime's semantics, so the
  module's stdout and exit status are what `certa run` gives.
* Every data access the module makes (UC_HOOK_MEM_READ / UC_HOOK_MEM_WRITE, every address,
  every width) must lie wholly inside ONE allowed region, and a write must go to a writable
  one. The allowed regions, all pairwise disjoint, are:
    - each object of the symbol table, exactly `[address, address + size)`: `.rodata`
      objects read-only, `.data`/`.bss` objects read+write. Padding between objects, and the
      parts of sections no symbol covers, are not allowed;
    - each live heap block exactly `[p, p + requested size)`, read+write (the rounding slack
      up to 16 bytes is not allowed), including the blocks the runtime makes for `argv`;
    - the length word of each block header, `[p - 16, p - 8)`, and only for an 8-byte read at
      exactly `p - 16`: that is the one header access the kernel ever allows (MEMORY, block
      headers). So a read of the header's type word, e.g. the byte at `p - 1`, is a violation.
      Global objects in `.rodata`/`.data` have such a header when the 16 bytes before them
      hold `[size, 0]`;
    - the module's own stack, read+write: the mapped stack (guard page to top) and, within
      it, only the live part `[rsp, top)` at the time of the access. The kernel allows no
      red zone, so the only access below rsp is the 8 bytes a push or call stores at
      `rsp - 8` (the hook sees that store before rsp moves), recognised by the
      instruction's address;
    - the import table, read-only (`call [rip+slot]` reads the slot).
  An access outside them, partly outside, or spanning two of them is a violation; so is any
  unmapped or protection-faulting access (the guard page included), an instruction fetched
  outside `.text` (other than the service stubs' entries) or off the instruction boundaries
  the kernel decoded, a hardware fault, and a buffer handed to `__certa_write` that does not
  lie in one region (the kernel proves that precondition). Each violation records the kind,
  the access, the address, its size, the function and instruction that made it, and the
  region it fell in or the regions beside it.
* A module's own run-time check that calls `__certa_trap` is a normal outcome (`trap` is set,
  no violation), as are `__certa_exit` and returning from `main`.
* The instruction budget (`max_insns`) bounds every run, so arbitrary module bytes (e.g. from
  a mutation fuzzer) can be run safely; running out of budget is reported, not a violation.

This is a test oracle, not trusted code. It is independent of `certa/runtime`, so that a
runtime or kernel bug shows up as a disagreement with it rather than being copied into it;
it shares with the kernel only the module reader (`parse_module`: the symbol table defines
the objects) and the decoder (instruction boundaries, push/call sites, and the instruction
count: instructions are counted per translated block, exact unless a run stops inside one).
`hook_stack=False` trades the live-stack check for speed: stack accesses are then checked
only by the mapping (inside the stack or a fault), not against rsp.
"""
from __future__ import annotations

import bisect
import ctypes
import json
import os
import struct
from dataclasses import dataclass, field

import unicorn
from unicorn import x86_const as X

from certa.kernel.decode import DecodeError, decode_range
from certa.kernel.symexec import STACK_MARGIN
from certa.kernel.modfile import SECTION_ORDER, image_size, layout, page_round, parse_module

PAGE = 0x1000
# Where things live in the emulated address space. The runtime lets mmap choose; any
# addresses below 2^47 are equally valid, and fixed ones make violations reproducible.
MODULE_BASE = 0x10_0000_0000
STUB_PAGE = 0x0F_FFFF_0000            # service stubs: their own read+execute page
STACK_BYTES = 16 << 20                # as the runtime (loader.STACK_BYTES)
STACK_GUARD = 0x20_0000_0000          # unmapped guard page; the stack starts one page above
STACK_LO = STACK_GUARD + PAGE
STACK_TOP = STACK_LO + STACK_BYTES    # nothing is mapped above the top
HEAP_BASE = 0x30_0000_0000
HEAP_BYTES = 1 << 30                  # the runtime's default quota (loader.DEFAULT_HEAP_BYTES)

DEFAULT_MAX_INSNS = 200_000_000
NEARBY = 1 << 16                      # how far a violation report looks for neighbours
MAX_VIOLATIONS = 50                   # after this many the run is stopped (fuzzing floods)
EXIT_TRAP = 70                        # `certa run`'s exit status for a trap (certa/cli.py)

TRAP_KINDS = {1: "check", 2: "assert", 3: "divide", 4: "null", 5: "stack", 6: "heap"}
SERVICES = ("__certa_write", "__certa_alloc", "__certa_exit", "__certa_trap")
# Registers a host service may clobber (System V caller-saved, except the result in rax).
# The oracle overwrites them after every service so a module that relied on them surviving
# a call (the kernel treats them as unknown) behaves visibly differently.
CLOBBERED = (X.UC_X86_REG_RCX, X.UC_X86_REG_RDX, X.UC_X86_REG_RSI, X.UC_X86_REG_RDI,
             X.UC_X86_REG_R8, X.UC_X86_REG_R9, X.UC_X86_REG_R10, X.UC_X86_REG_R11)
POISON = 0xDEAD_BEEF_0BAD_F00D
LEGACY_PREFIXES = frozenset((0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65))


class OracleError(Exception):
    """The module cannot be run at all (malformed file, unknown import, no usable main)."""


@dataclass(frozen=True)
class Region:
    lo: int
    hi: int
    writable: bool
    name: str
    header: bool = False          # a block header's length word: 8-byte read at lo only

    def allows(self, address: int, size: int, write: bool) -> bool:
        if self.header:
            return not write and address == self.lo and size == 8
        return self.lo <= address and address + size <= self.hi and (self.writable or not write)

    def __str__(self):
        mode = "header read-only" if self.header else ("rw" if self.writable else "read-only")
        return f"{self.name} [{self.lo:#x}, {self.hi:#x}) {mode}"


@dataclass(frozen=True)
class Violation:
    kind: str              # out-of-region | read-only | below-rsp | unmapped | protection |
                           # fetch | off-boundary | host-buffer | fault
    access: str            # read | write | fetch | host-read (a service reading for it)
    address: int
    size: int
    pc: int                # the instruction that made the access (absolute)
    function: str | None   # the module function containing pc
    text_offset: int | None  # pc - start of .text (for a fetch: of the block jumping there)
    where: str             # the address described (module+off section / heap+off / stack)
    regions: str           # the region it fell in, or the nearest ones

    def __str__(self):
        at = f"pc {self.pc:#x}" if self.text_offset is None else \
            f"{self.function or '?'} at .text+{self.text_offset:#x}"
        if self.access == "fetch":
            at = f"a jump from the block {at}"
        return (f"{self.kind}: {self.access} of {self.size} byte(s) at {self.address:#x} "
                f"({self.where}) by {at}; {self.regions}")


@dataclass
class OracleResult:
    stdout: bytes = b""
    status: int | None = None          # main's int result or the __certa_exit status
    trap: tuple | None = None          # (kind, line) of a trap, None otherwise
    instructions: int = 0              # module instructions executed (per translated block)
    violations: list = field(default_factory=list)
    out_of_steps: bool = False         # max_insns ran out before the module finished

    @property
    def exit_code(self) -> int | None:
        """The exit status `certa run` gives: 70 for a trap, else the status's low byte."""
        if self.trap is not None:
            return EXIT_TRAP
        return None if self.status is None else self.status & 0xFF


class _Run:
    """One emulated run of one module. Built per run: nothing is shared between runs."""

    def __init__(self, data: bytes, max_insns: int, hook_stack: bool):
        try:
            image = parse_module(bytes(data))
        except Exception as e:                      # ModuleFormatError: not a module
            raise OracleError(str(e)) from None
        self.image = image
        self.max_insns = max_insns
        self.result = OracleResult()
        self.out = bytearray()
        self.sizes = sizes = image.section_sizes()
        self.addrs = {n: MODULE_BASE + a for n, a in layout(sizes).items()}
        self.text_lo = self.addrs[".text"]
        self.text_hi = self.text_lo + sizes[".text"]
        self.funcs = sorted((self.addrs[s.section] + s.offset, s.size, s.name)
                            for s in image.symbols if s.kind == "func")
        self.func_starts = [f[0] for f in self.funcs]
        self.insn_starts, self.pushes = self._instructions()
        self.insn_set = set(self.insn_starts)
        self.main = self._main_signature()
        self.regions: list[Region] = []
        self.region_starts: list[int] = []
        self.heap_ptr = HEAP_BASE
        self.blocks = 0
        self.stopped = False               # a service, a return or a violation ended the run
        self.pending = None                # (kind, line) of the trap a fault becomes
        self.last_block = 0                # start of the last translated block entered
        self.uc = unicorn.Uc(unicorn.UC_ARCH_X86, unicorn.UC_MODE_64)
        self.reg = self._fast_register_reader()
        self.keep_alive = []               # ctypes callbacks unicorn holds pointers to
        self.error = None                  # an exception raised inside a direct hook
        self._map_image()
        self._map_stubs()
        self._map_stack_and_heap()
        self._add_static_regions()
        self._install_hooks(hook_stack)

    # --- the module ----------------------------------------------------------------------

    def _instructions(self) -> tuple[list[int], set[int]]:
        """(sorted addresses of every instruction of every function, addresses of the
        push/call instructions), from the kernel's decoder: the same linear sweep the kernel
        checked. The first counts instructions; the second tells an implicit store at
        rsp - 8 from an access below rsp."""
        starts, pushes = set(), set()
        self.rex_r_fixes = []
        for lo, size, _ in self.funcs:
            off = lo - self.text_lo
            try:
                insns = decode_range(self.image.text, off, off + size)
            except DecodeError:
                starts.update(range(lo, lo + size))  # not decodable: count bytes (upper bound)
                continue
            for i in insns:
                starts.add(self.text_lo + i.offset)
                if i.op in ("push", "call", "call_import"):
                    pushes.add(self.text_lo + i.offset)
                self._note_rex_r_mov(i.offset, i.length)
        return sorted(starts), pushes

    def _note_rex_r_mov(self, offset: int, length: int) -> None:
        """unicorn (QEMU) raises #UD for `mov r/m, imm` (C6 /0, C7 /0) with REX.R set, which
        the CPU executes as the plain mov (REX.R is ignored where ModRM.reg is an opcode
        extension; Intel SDM 2.2.1.2) and the kernel decodes as one. Such a REX byte is
        noted here and loaded into the emulator with R cleared, so the emulated module runs
        as the native one does (found by mutating certified modules)."""
        code = self.image.text[offset:offset + length]
        i = 0
        while i < len(code) and code[i] in LEGACY_PREFIXES:
            i += 1
        if i + 1 < len(code) and 0x40 <= code[i] <= 0x4F and code[i] & 0x04 \
                and code[i + 1] in (0xC6, 0xC7):
            self.rex_r_fixes.append(offset + i)

    def _main_signature(self) -> int:
        """Number of main's parameters (0 or 2), from the interface, as run_main requires."""
        try:
            doc = json.loads(self.image.iface.decode("utf-8"))
            fns = {f["name"]: f for f in doc["functions"]}
            main = fns["main"]
            params, ret = main["params"], main["ret"]
        except Exception as e:
            raise OracleError(f"no usable main in the interface: {e!r}") from None
        if ret != "int" or len(params) not in (0, 2):
            raise OracleError("main must be int main(void) or int main(int, char **)")
        if params and (params[0] != "int" or params[1].replace(" ", "") != "char**"):
            raise OracleError("main's parameters must be (int, char **)")
        if not any(name == "main" for _, _, name in self.funcs):
            raise OracleError("main has no function symbol")
        return len(params)

    def _map_image(self) -> None:
        uc, image, sizes, addrs = self.uc, self.image, self.sizes, self.addrs
        prot = {".text": unicorn.UC_PROT_READ | unicorn.UC_PROT_EXEC,
                ".rodata": unicorn.UC_PROT_READ, ".certa.imports": unicorn.UC_PROT_READ,
                ".data": unicorn.UC_PROT_READ | unicorn.UC_PROT_WRITE,
                ".bss": unicorn.UC_PROT_READ | unicorn.UC_PROT_WRITE}
        # The header page [base, base + 0x1000) stays unmapped (the runtime: PROT_NONE).
        for name in SECTION_ORDER:
            uc.mem_map(addrs[name], max(page_round(sizes[name]), PAGE), prot[name])
        assert addrs[SECTION_ORDER[-1]] + max(page_round(sizes[".bss"]), PAGE) \
            == MODULE_BASE + image_size(sizes)
        text = bytearray(image.text)
        for at in self.rex_r_fixes:                 # see _note_rex_r_mov
            text[at] &= ~0x04
        uc.mem_write(addrs[".text"], bytes(text))
        uc.mem_write(addrs[".rodata"], image.rodata)
        uc.mem_write(addrs[".data"], image.data)
        for r in image.relocations:
            uc.mem_write(addrs[r.section] + r.offset,
                         struct.pack("<Q", addrs[r.target_section] + r.target_offset))

    def _map_stubs(self) -> None:
        """One read+execute page of `ret` instructions; service i enters at STUB_PAGE + 16*i
        and a code hook on the page performs the service before the `ret` runs. The return
        address main is entered with points at the `ret` after the services."""
        self.uc.mem_map(STUB_PAGE, PAGE, unicorn.UC_PROT_READ | unicorn.UC_PROT_EXEC)
        self.uc.mem_write(STUB_PAGE, b"\xc3" * PAGE)
        self.stub_of = {STUB_PAGE + 16 * i: name for i, name in enumerate(SERVICES)}
        self.return_stub = STUB_PAGE + 16 * len(SERVICES)
        self.stub_of[self.return_stub] = "return from main"
        slots = self.addrs[".certa.imports"]
        for i, name in enumerate(self.image.imports):
            if name in SERVICES:
                value = STUB_PAGE + 16 * SERVICES.index(name)
            elif name == "__certa_stack_limit":
                value = STACK_LO + STACK_MARGIN     # the runtime's limit L
            else:
                raise OracleError(f"unknown import {name!r}")
            self.uc.mem_write(slots + 8 * i, struct.pack("<Q", value))

    def _map_stack_and_heap(self) -> None:
        # [STACK_GUARD, STACK_LO) is the guard page and [STACK_TOP, ...) is never mapped:
        # leaving them unmapped is what makes a hit there a fault. The heap is the whole
        # quota, mapped read+write as the runtime's reservation is (unicorn maps lazily, so
        # this costs nothing): memory past the last block is mapped but in no region.
        self.uc.mem_map(STACK_LO, STACK_BYTES, unicorn.UC_PROT_READ | unicorn.UC_PROT_WRITE)
        self.uc.mem_map(HEAP_BASE, HEAP_BYTES, unicorn.UC_PROT_READ | unicorn.UC_PROT_WRITE)

    # --- regions -------------------------------------------------------------------------

    def _add_region(self, region: Region) -> None:
        if region.hi <= region.lo:
            return                                  # an empty region allows nothing
        i = bisect.bisect_left(self.region_starts, region.lo)
        before = self.regions[i - 1] if i else None
        after = self.regions[i] if i < len(self.regions) else None
        if (before and before.hi > region.lo) or (after and region.hi > after.lo):
            raise OracleError(f"overlapping regions: {region} and {before or after}")
        self.regions.insert(i, region)
        self.region_starts.insert(i, region.lo)

    def _add_static_regions(self) -> None:
        image, addrs = self.image, self.addrs
        objects = sorted((s for s in image.symbols if s.kind == "object"),
                         key=lambda s: (s.section, s.offset))
        content = {".rodata": image.rodata, ".data": image.data}
        # (section, start, end) of everything a header must not overlap: objects, and the
        # 8-byte slots relocations write.
        taken = [(o.section, o.offset, o.offset + o.size) for o in objects] + \
                [(r.section, r.offset, r.offset + 8) for r in image.relocations]
        for s in objects:
            lo = addrs[s.section] + s.offset
            self._add_region(Region(lo, lo + s.size, s.section in (".data", ".bss"),
                                    f"object {s.name} ({s.section})"))
            # A block header [size, 0] just before a .rodata/.data object, in the same
            # section, overlapping no object and no relocation, makes the object a block
            # (kernel: typed globals); its length word may then be read.
            if s.section in content and s.offset >= 16 and s.size > 0:
                head = content[s.section][s.offset - 16:s.offset]
                clear = all(sec != s.section or end <= s.offset - 16 or start >= s.offset
                            for sec, start, end in taken)
                if clear and struct.unpack("<QQ", head) == (s.size, 0):
                    self._add_region(Region(lo - 16, lo - 8, False,
                                            f"header of {s.name}", header=True))
        if self.sizes[".certa.imports"]:
            lo = addrs[".certa.imports"]
            self._add_region(Region(lo, lo + self.sizes[".certa.imports"], False, "import table"))
        self.stack = Region(STACK_LO, STACK_TOP, True, "stack")
        self._add_region(self.stack)

    def find_region(self, address: int) -> Region | None:
        i = bisect.bisect_right(self.region_starts, address) - 1
        if i >= 0 and address < self.regions[i].hi:
            return self.regions[i]
        return None

    def nearby(self, address: int) -> str:
        """The region `address` falls in, or the regions on either side of it (when they
        are within NEARBY bytes: farther ones explain nothing)."""
        r = self.find_region(address)
        if r is not None:
            return f"in {r}"
        i = bisect.bisect_right(self.region_starts, address)
        parts = []
        if i > 0 and address - self.regions[i - 1].hi < NEARBY:
            parts.append(f"{address - self.regions[i - 1].hi} byte(s) after {self.regions[i - 1]}")
        if i < len(self.regions) and self.regions[i].lo - address < NEARBY:
            parts.append(f"{self.regions[i].lo - address} byte(s) before {self.regions[i]}")
        return "outside every region" + (": " + "; ".join(parts) if parts else "")

    def where(self, address: int) -> str:
        if MODULE_BASE <= address < MODULE_BASE + image_size(self.sizes):
            sec = max((n for n in SECTION_ORDER if self.addrs[n] <= address),
                      key=lambda n: self.addrs[n], default=None)
            name = sec if sec else "header page"
            return f"module+{address - MODULE_BASE:#x} in {name}"
        if STACK_GUARD <= address < STACK_LO:
            return f"stack guard page (stack bottom-{STACK_LO - address:#x})"
        if STACK_LO <= address < STACK_TOP + PAGE:
            return f"stack top-{STACK_TOP - address:#x}" if address < STACK_TOP \
                else f"stack top+{address - STACK_TOP:#x}"
        if HEAP_BASE <= address < HEAP_BASE + HEAP_BYTES:
            return f"heap+{address - HEAP_BASE:#x}"
        if STUB_PAGE <= address < STUB_PAGE + PAGE:
            return "service stubs"
        return "unmapped"

    def function_at(self, pc: int) -> tuple[str | None, int | None]:
        if not self.text_lo <= pc < self.text_hi:
            return None, None
        i = bisect.bisect_right(self.func_starts, pc) - 1
        if i >= 0 and pc < self.funcs[i][0] + self.funcs[i][1]:
            return self.funcs[i][2], pc - self.text_lo
        return None, pc - self.text_lo

    def violation(self, kind: str, access: str, address: int, size: int,
                  pc: int | None = None) -> None:
        if pc is None:
            pc = self.uc.reg_read(X.UC_X86_REG_RIP)
        v = self.result.violations
        if v and (v[-1].pc, v[-1].address, v[-1].access) == (pc, address, access):
            return          # one access reported by two hooks (region check, then the fault)
        # A bad fetch is charged to the block that jumped there (its pc is the target).
        fn, off = self.function_at(self.last_block if access == "fetch" else pc)
        v.append(Violation(kind, access, address, size, pc, fn, off, self.where(address),
                           self.nearby(address)))
        if len(v) >= MAX_VIOLATIONS:
            self.stop()

    # --- heap ----------------------------------------------------------------------------

    def alloc(self, size: int, name: str | None = None) -> int:
        """The runtime's bump allocator (native.py `alloc` stub, loader.heap_alloc): a
        16-byte header [size, 0], the block 16-aligned, zero filled, never reused; 0 when the
        quota is exhausted."""
        left = HEAP_BASE + HEAP_BYTES - self.heap_ptr
        if size > left:
            return 0
        total = (size + 31) & ~15
        if total > left:
            return 0
        header, block = self.heap_ptr, self.heap_ptr + 16
        self.heap_ptr += total
        self.uc.mem_write(header, struct.pack("<QQ", size, 0))
        self.blocks += 1
        name = name or f"heap block #{self.blocks}"
        self._add_region(Region(header, header + 8, False, f"header of {name}", header=True))
        self._add_region(Region(block, block + size, True, f"{name} ({size} bytes)"))
        return block

    # --- hooks ---------------------------------------------------------------------------

    def _install_hooks(self, hook_stack: bool) -> None:
        uc = self.uc
        if hook_stack:
            self._add_access_hook(1, 0)             # begin > end: every address
        else:
            # Everything but the stack is hooked access by access. The stack region is the
            # whole stack mapping, with unmapped memory on both sides, so an access that
            # starts in it is inside the stack exactly when it does not fault; the faulting
            # ones are reported by _on_invalid. Not checked in this mode: accesses below rsp.
            self._add_access_hook(0, STACK_GUARD - 1)
            self._add_access_hook(STACK_TOP, (1 << 64) - 1)
        uc.hook_add(unicorn.UC_HOOK_MEM_INVALID, self._on_invalid)
        uc.hook_add(unicorn.UC_HOOK_BLOCK, self._on_block)
        uc.hook_add(unicorn.UC_HOOK_CODE, self._on_stub, begin=STUB_PAGE,
                    end=STUB_PAGE + PAGE - 1)
        uc.hook_add(unicorn.UC_HOOK_INTR, self._on_interrupt)

    def _add_access_hook(self, begin: int, end: int) -> None:
        """UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE on [begin, end] calling _on_access. It runs
        for every access, so when the binding exposes its C entry points the callback is
        registered directly (uc.hook_add puts two more Python frames in front of it: ~15% of
        the oracle's time); otherwise through uc.hook_add."""
        kinds = unicorn.UC_HOOK_MEM_READ | unicorn.UC_HOOK_MEM_WRITE
        try:
            from unicorn.unicorn_py3 import unicorn as binding
            cfunc, hook_t, lib = binding.HOOK_MEM_ACCESS_CFUNC, binding.uc_hook_h, binding.uclib
        except (ImportError, AttributeError):
            self.uc.hook_add(kinds, self._on_access, begin=begin, end=end)
            return

        def callback(_handle, access, address, size, value, _key):
            try:
                self._on_access(self.uc, access, address, size, value, None)
            except BaseException as e:      # an oracle bug: never swallowed by ctypes
                self.error = self.error or e
                self.stop()
        fptr = cfunc(callback)
        self.keep_alive.append(fptr)
        handle = hook_t()
        status = lib.uc_hook_add(self.uc._uch, ctypes.byref(handle), kinds,
                                 ctypes.cast(fptr, ctypes.c_void_p), None,
                                 ctypes.c_uint64(begin), ctypes.c_uint64(end))
        if status != unicorn.UC_ERR_OK:
            raise unicorn.UcError(status)

    def _fast_register_reader(self):
        """uc.reg_read costs ~3 us in the Python binding (generic type dispatch); the stack
        check reads rsp on every stack access, so call the C function directly when the
        binding exposes it (same value, ~3x cheaper)."""
        try:
            from unicorn.unicorn_py3.unicorn import uclib
            raw, handle = uclib.uc_reg_read, self.uc._uch
        except (ImportError, AttributeError):
            return lambda reg: self.uc.reg_read(reg)
        value = ctypes.c_uint64()
        ref = ctypes.byref(value)

        def read(reg):
            raw(handle, reg, ref)
            return value.value
        return read

    def _on_access(self, uc, access, address, size, value, _):
        write = access == unicorn.UC_MEM_WRITE
        if STACK_LO <= address and address + size <= STACK_TOP:
            # The stack region (the common case by far, hence first). The live stack is
            # [rsp, top): the kernel lets no load or store go below rsp (STACK: no red
            # zone). The one exception is the return address or register a call/push
            # stores at rsp - 8: the hook sees that store before rsp moves.
            rsp = self.reg(X.UC_X86_REG_RSP)
            if address >= rsp or (write and size == 8 and address == rsp - 8
                                  and self.reg(X.UC_X86_REG_RIP) in self.pushes):
                return
            kind = "below-rsp"
        else:
            r = self.find_region(address)
            if r is not None and r.allows(address, size, write):
                return
            if r is not None and write and r.lo <= address and address + size <= r.hi:
                kind = "read-only"
            else:
                kind = "out-of-region"
        self.violation(kind, "write" if write else "read", address, size)

    def _on_invalid(self, uc, access, address, size, value, _):
        kinds = {unicorn.UC_MEM_READ_UNMAPPED: ("unmapped", "read"),
                 unicorn.UC_MEM_WRITE_UNMAPPED: ("unmapped", "write"),
                 unicorn.UC_MEM_FETCH_UNMAPPED: ("fetch", "fetch"),
                 unicorn.UC_MEM_READ_PROT: ("protection", "read"),
                 unicorn.UC_MEM_WRITE_PROT: ("protection", "write"),
                 unicorn.UC_MEM_FETCH_PROT: ("fetch", "fetch")}
        kind, what = kinds.get(access, ("protection", "access"))
        pc = address if what == "fetch" else None
        self.violation(kind, what, address, size, pc)
        # The runtime turns this fault into a trap: "stack" for the guard page or a module
        # rsp below the stack, "crash" for anything else (loader._unwound).
        rsp = uc.reg_read(X.UC_X86_REG_RSP)
        stack = STACK_GUARD <= address < STACK_LO or STACK_LO - (1 << 20) <= rsp < STACK_LO
        self.pending = ("stack" if stack else "crash", None)
        return False                                # stop: the access does not happen

    def _on_block(self, uc, address, size, _):
        if STUB_PAGE <= address < STUB_PAGE + PAGE:
            return              # a service stub (checked by _on_stub): not module code
        if not (self.text_lo <= address and address + size <= self.text_hi):
            # Executable, so in .text's last page, but past its end: padding never checked.
            self.violation("fetch", "fetch", address, size, address)
        elif address not in self.insn_set:
            # Control reached .text off the decoded instruction boundaries (the middle of an
            # instruction, or padding between functions): the kernel's FLOW rule promises
            # this never happens, and the bytes run there were never checked. The run goes
            # on, as it would in the runtime; further accesses are checked as ever.
            self.violation("off-boundary", "fetch", address, size, address)
        else:
            self.last_block = address
        # (unicorn also reports empty blocks, size 0: they count nothing)
        self.result.instructions += (bisect.bisect_left(self.insn_starts, address + size)
                                     - bisect.bisect_left(self.insn_starts, address))

    def _on_interrupt(self, uc, intno, _):
        pc = uc.reg_read(X.UC_X86_REG_RIP)
        # #DE (0) is SIGFPE in the runtime: a "divide" trap; the kernel proves no division
        # faults, so in a certified module it is a violation all the same.
        self.violation("fault", f"interrupt {intno}", pc, 0, pc)
        self.pending = ("divide" if intno == 0 else "crash", None)
        self.stop()

    def _on_stub(self, uc, address, size, _):
        name = self.stub_of.get(address)
        if name is None:
            self.violation("fetch", "fetch", address, size, address)
            self.pending = ("crash", None)
            self.stop()
            return
        if name == "return from main":
            self.result.status = _int32(uc.reg_read(X.UC_X86_REG_RAX))
            self.stop()
            return
        rdi = uc.reg_read(X.UC_X86_REG_RDI)
        rsi = uc.reg_read(X.UC_X86_REG_RSI)
        if name == "__certa_exit":
            self.result.status = _int32(rdi)
            self.stop()
        elif name == "__certa_trap":
            kind, line = rdi & 0xFFFFFFFF, rsi & 0xFFFFFFFF
            self.result.trap = (TRAP_KINDS.get(kind, "check"), line or self._call_line())
            self.stop()
        elif name == "__certa_alloc":
            self._clobber()
            uc.reg_write(X.UC_X86_REG_RAX, self.alloc(rdi))
        elif name == "__certa_write":
            self._write(rdi, _int64(rsi))

    def _write(self, buf: int, length: int) -> None:
        """__certa_write as host.make_write: len 0 writes nothing, a bad range is a "check"
        trap. The kernel proves len >= 0 and [buf, buf+len) inside one region, so a range
        that is not inside one allowed region is also a violation."""
        uc = self.uc
        call_pc = self._call_pc()
        if length < 0:
            self.violation("host-buffer", "host-read", buf, length, call_pc)
        elif length > 0:
            r = self.find_region(buf)
            if r is None or not r.allows(buf, length, False) or r.header:
                self.violation("host-buffer", "host-read", buf, length, call_pc)
        if length == 0:
            result = 0
        elif length < 0 or not self._runtime_readable(buf, length):
            self.result.trap = ("check", self._call_line())
            self.stop()
            return
        else:
            self.out += uc.mem_read(buf, length)
            result = length
        self._clobber()
        uc.reg_write(X.UC_X86_REG_RAX, result & 0xFFFFFFFFFFFFFFFF)

    def _runtime_readable(self, buf: int, length: int) -> bool:
        """The runtime's own check (LoadedModule.readable): whole sections, the allocated
        heap, the live stack. Coarser than the regions: it decides trap-or-write only."""
        rsp = self.uc.reg_read(X.UC_X86_REG_RSP)
        spans = [(self.addrs[n], self.addrs[n] + self.sizes[n])
                 for n in (".rodata", ".data", ".bss") if self.sizes[n]]
        spans += [(HEAP_BASE, self.heap_ptr), (rsp, STACK_TOP)]
        return any(lo <= buf and buf + length <= hi for lo, hi in spans)

    def _clobber(self) -> None:
        for reg in CLOBBERED:
            self.uc.reg_write(reg, POISON)

    def _call_pc(self) -> int:
        """The `call [rip+slot]` (6 bytes) that entered the current service."""
        ret = struct.unpack("<Q", self.uc.mem_read(self.uc.reg_read(X.UC_X86_REG_RSP), 8))[0]
        return ret - 6

    def _call_line(self) -> int | None:
        off = self._call_pc() - self.text_lo
        best = None
        for o, line in self.image.lines:
            if o > off:
                break
            best = line
        return best

    def stop(self) -> None:
        self.stopped = True
        self.uc.emu_stop()

    # --- running -------------------------------------------------------------------------

    def run(self, argv: list) -> OracleResult:
        uc, res = self.uc, self.result
        args = []
        if self.main == 2:                          # loader.run_main, allocation for allocation
            strings = [a if isinstance(a, bytes) else os.fsencode(a) for a in argv]
            vec = self.alloc(8 * (len(strings) + 1), "argv vector")
            for i, s in enumerate(strings):
                p = self.alloc(len(s) + 1, f"argv[{i}]")
                if not vec or not p:
                    raise OracleError("heap exhausted building argv")
                uc.mem_write(p, s)                  # the block is zero: NUL is already there
                uc.mem_write(vec + 8 * i, struct.pack("<Q", p))
            if not vec:
                raise OracleError("heap exhausted building argv")
            args = [len(strings), vec]
        regs = [X.UC_X86_REG_RDI, X.UC_X86_REG_RSI, X.UC_X86_REG_RDX, X.UC_X86_REG_RCX,
                X.UC_X86_REG_R8, X.UC_X86_REG_R9]
        for reg in (X.UC_X86_REG_RAX, X.UC_X86_REG_RBX, X.UC_X86_REG_RBP, X.UC_X86_REG_R10,
                    X.UC_X86_REG_R11, X.UC_X86_REG_R12, X.UC_X86_REG_R13, X.UC_X86_REG_R14,
                    X.UC_X86_REG_R15):
            uc.reg_write(reg, POISON)               # whatever the host left there
        for reg, value in zip(regs, args + [0] * 6):
            uc.reg_write(reg, value)
        # The runtime's enter stub: rsp = STACK_TOP (16-aligned), then `call main` pushes
        # the return address, so main starts with rsp = STACK_TOP - 8.
        uc.mem_write(STACK_TOP - 8, struct.pack("<Q", self.return_stub))
        uc.reg_write(X.UC_X86_REG_RSP, STACK_TOP - 8)
        main = next(lo for lo, _, name in self.funcs if name == "main")
        try:
            uc.emu_start(main, 0, count=self.max_insns)
        except unicorn.UcError as e:
            if self.pending is None:                # an error no hook explained
                pc = uc.reg_read(X.UC_X86_REG_RIP)
                self.violation("fault", f"emulation error ({e})", pc, 0, pc)
                self.pending = ("crash", None)
        if self.error is not None:
            raise self.error
        if self.pending is not None and res.trap is None and res.status is None:
            res.trap = self.pending
        if res.trap is None and res.status is None and not self.stopped:
            res.out_of_steps = True
        res.stdout = bytes(self.out)
        return res


def _int32(v: int) -> int:
    v &= 0xFFFFFFFF
    return v - (1 << 32) if v >> 31 else v


def _int64(v: int) -> int:
    v &= 0xFFFFFFFFFFFFFFFF
    return v - (1 << 64) if v >> 63 else v


def run_module(data: bytes, argv: list, max_insns: int = DEFAULT_MAX_INSNS,
               hook_stack: bool = True) -> OracleResult:
    """Run main(argc, argv) of the module `data` (argv[0] included, as `certa run` passes
    the module path) under the emulator, checking every access. The module is not checked
    by the kernel here: callers decide (the tests check it first; a fuzzer may not).
    `hook_stack=False` leaves stack accesses to the mapping (inside the stack or a fault;
    accesses below rsp go unnoticed) and is several times faster on stack-heavy code."""
    if not isinstance(max_insns, int) or max_insns < 1:
        raise ValueError("max_insns must be a positive int (unicorn reads 0 as no limit)")
    return _Run(data, max_insns, hook_stack).run(list(argv))
