"""Native machinery of the runtime: memory mappings, hand-written machine-code stubs, and
the fault handler. TRUSTED: standard library only.

What this file guarantees:

* `Mapping` objects are anonymous mmaps whose address we know (libc `mmap` through ctypes);
  `protect()` is `mprotect`. Nothing here ever maps a page writable and executable at once:
  stub code is written into a read+write page which is then turned read+execute.
* `Context` is one block of runtime-owned memory per stack (layout below) plus a page of
  call/unwind stubs; `ModuleStubs` is one per loaded module: a heap block and a page of
  service stubs (exit, trap, alloc, host calls) bound to the context the module runs in. The
  addresses are baked into every stub (`movabs`), so no stub trusts any register the module
  left behind. Modules linked together share one context, so a trap in a module called by
  another unwinds to the host exactly as if the host had called it.
* `ModuleStubs.entries[k]`, called from Python with the arguments of the module's k-th
  entry function, runs that function on the context's stack (through the context's `call`
  stub) and always comes back: either the function returned (TRAP_CODE is 0; the result is
  its rax) or the module was unwound to the saved host context (TRAP_CODE is not 0, reason
  in TRAP_ARG/TRAP_AUX/TRAP_RIP). Unwinding is a longjmp to the registers saved by `call` on
  the host stack, outside module memory; it is never a Python callback that returns into
  the module.
* The process-wide fault handler (SIGSEGV, SIGBUS, SIGFPE, SIGILL, on an alternate signal
  stack) turns a fault whose rip lies in a registered module range into such an unwind.
  Any other fault is handed back to whatever handler was installed before ours (or the
  default action), so the process dies exactly as it would have without us.

Context block (all fields u64; offsets are baked into the stubs below):

    0x00 HOST_RSP    host rsp saved by call (16-byte aligned, below the saved registers)
    0x08 STACK_TOP   initial module rsp (16-byte aligned)
    0x10 .. 0x48     (unused)
    0x50 TRAP_CODE   0 none, 1 __certa_trap, 2 __certa_exit, 3 fault, 4 host service trap
    0x58 TRAP_ARG    trap kind / exit status / signal number / host trap kind
    0x60 TRAP_RIP    return address of the trapping call, or the faulting rip
    0x68 MOD_RSP     module rsp saved by a host call stub (and by the fault handler)
    0x70 HEAP_PTR    bump pointer of the module heap      (in a ModuleStubs block)
    0x78 HEAP_END    end of the module heap (quota)       (in a ModuleStubs block)
    0x80 UNWIND      address of this context's unwind stub (read by the fault handler)
    0x88 STACK_LO    lowest usable address of the module stack (guard page just below)
    0x90 (reserved)
    0x98 TRAP_AUX    trap line / fault address (si_addr)
"""
from __future__ import annotations

import ctypes
import mmap
import os
import signal
import struct
import threading

PAGE = mmap.PAGESIZE

# --- libc -------------------------------------------------------------------------------

_libc = ctypes.CDLL(None, use_errno=True)
_libc.mmap.restype = ctypes.c_void_p
_libc.mmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int, ctypes.c_int,
                       ctypes.c_int, ctypes.c_long]
_libc.mprotect.restype = ctypes.c_int
_libc.mprotect.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
_libc.munmap.restype = ctypes.c_int
_libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]

PROT_NONE, PROT_READ, PROT_WRITE, PROT_EXEC = 0, 1, 2, 4
MAP_PRIVATE, MAP_ANONYMOUS, MAP_NORESERVE = 0x02, 0x20, 0x4000
MAP_FAILED = ctypes.c_void_p(-1).value


def _oserror(what: str) -> OSError:
    err = ctypes.get_errno()
    return OSError(err, f"{what}: {os.strerror(err)}")


class Mapping:
    """An anonymous private mapping [addr, addr+size), read+write when created
    (or PROT_NONE with `prot=PROT_NONE`)."""

    def __init__(self, size: int, prot: int = PROT_READ | PROT_WRITE, noreserve: bool = False):
        size = (size + PAGE - 1) // PAGE * PAGE
        flags = MAP_PRIVATE | MAP_ANONYMOUS | (MAP_NORESERVE if noreserve else 0)
        addr = _libc.mmap(None, size, prot, flags, -1, 0)
        if addr is None or addr == MAP_FAILED:
            raise _oserror("mmap")
        if addr + size > (1 << 47):
            # The kernel proves modules safe assuming user-space addresses below 2^47
            # (docs/kernel.md, ADDRESSES); refuse a mapping outside that.
            _libc.munmap(addr, size)
            raise OSError("mmap returned an address above 2^47")
        self.addr, self.size = addr, size

    def protect(self, offset: int, length: int, prot: int) -> None:
        assert offset % PAGE == 0 and 0 <= offset and offset + length <= self.size
        if length and _libc.mprotect(self.addr + offset, length, prot) != 0:
            raise _oserror("mprotect")

    def write(self, offset: int, data: bytes) -> None:
        assert 0 <= offset and offset + len(data) <= self.size
        ctypes.memmove(self.addr + offset, data, len(data))

    def unmap(self) -> None:
        if self.size:
            _libc.munmap(self.addr, self.size)
            self.size = 0


def code_page(code: bytes) -> Mapping:
    """Copy `code` into a fresh mapping, then make it read+execute (never W and X at once)."""
    m = Mapping(len(code))
    m.write(0, code)
    m.protect(0, m.size, PROT_READ | PROT_EXEC)
    return m


def read_u64(addr: int) -> int:
    return ctypes.c_uint64.from_address(addr).value


def write_u64(addr: int, value: int) -> None:
    ctypes.c_uint64.from_address(addr).value = value & 0xFFFFFFFFFFFFFFFF


# --- a tiny assembler for hand-written bytes ---------------------------------------------
# Each instruction is written as its bytes (hex) with the assembly beside it. The only help
# is for labels: `jump` emits an opcode with a rel8/rel32 placeholder resolved at the end,
# and `imm64` appends a baked-in 64-bit constant.

class _Asm:
    def __init__(self):
        self.code = bytearray()
        self.labels: dict[str, int] = {}
        self.fixups: list[tuple[int, int, str]] = []   # (position, width, label)

    def op(self, hexbytes: str, asm: str = "") -> None:
        self.code += bytes.fromhex(hexbytes)

    def imm64(self, hexbytes: str, value: int, asm: str = "") -> None:
        self.code += bytes.fromhex(hexbytes) + struct.pack("<Q", value)

    def label(self, name: str) -> None:
        self.labels[name] = len(self.code)

    def jump(self, hexbytes: str, width: int, target: str, asm: str = "") -> None:
        self.code += bytes.fromhex(hexbytes)
        self.fixups.append((len(self.code), width, target))
        self.code += bytes(width)

    def finish(self) -> bytes:
        for pos, width, target in self.fixups:
            rel = self.labels[target] - (pos + width)
            self.code[pos:pos + width] = rel.to_bytes(width, "little", signed=True)
        return bytes(self.code)


# --- context block ---------------------------------------------------------------------

HOST_RSP, STACK_TOP = 0x00, 0x08
TRAP_CODE, TRAP_ARG, TRAP_RIP, MOD_RSP = 0x50, 0x58, 0x60, 0x68
HEAP_PTR, HEAP_END, UNWIND, STACK_LO, TRAP_AUX = 0x70, 0x78, 0x80, 0x88, 0x98
CTX_SIZE = 0xA0

T_NONE, T_TRAP, T_EXIT, T_FAULT, T_HOST = 0, 1, 2, 3, 4


def _epilogue(a: _Asm) -> None:
    """Restore the host registers `call` saved (rsp points at them) and return to it."""
    a.op("4883c408", "add rsp, 8")
    a.op("415f", "pop r15")
    a.op("415e", "pop r14")
    a.op("415d", "pop r13")
    a.op("415c", "pop r12")
    a.op("5d", "pop rbp")
    a.op("5b", "pop rbx")
    a.op("c3", "ret")


def _unwind(a: _Asm, ctx: int) -> None:
    """The longjmp back to call's caller; TRAP_* fields are already filled in."""
    a.label("unwind")
    a.op("fc", "cld")
    a.imm64("49bb", ctx, "movabs r11, CTX")
    a.op("498b23", "mov rsp, [r11+HOST_RSP]")
    a.op("b801000000", "mov eax, 1")
    _epilogue(a)


def _context_stubs(ctx: int) -> tuple[bytes, dict[str, int]]:
    """Machine code of a context: call and unwind. Returns (code, {stub name: offset})."""
    a = _Asm()

    # call: reached from a module's entry stub (ModuleStubs), which Python calls through
    # ctypes with the function's arguments (rdi, rsi, rdx, rcx, r8, r9, untouched here) and
    # which puts the function's address in rax. Returns the function's rax, or 1 when the
    # module was unwound (TRAP_CODE, cleared here, then says which).
    a.label("call")
    a.op("53", "push rbx")
    a.op("55", "push rbp")
    a.op("4154", "push r12")
    a.op("4155", "push r13")
    a.op("4156", "push r14")
    a.op("4157", "push r15")
    a.op("4883ec08", "sub rsp, 8              ; rsp is now 16-byte aligned")
    a.imm64("49bb", ctx, "movabs r11, CTX")
    a.op("49c7435000000000", "mov qword [r11+TRAP_CODE], 0")
    a.op("498923", "mov [r11+HOST_RSP], rsp")
    a.op("498b6308", "mov rsp, [r11+STACK_TOP]  ; switch to the module stack")
    a.op("ffd0", "call rax")
    a.op("fc", "cld")
    a.imm64("49bb", ctx, "movabs r11, CTX        ; trust no register the module left")
    a.op("498b23", "mov rsp, [r11+HOST_RSP]")
    _epilogue(a)
    _unwind(a, ctx)
    a.label("end")
    return a.finish(), dict(a.labels)


def _module_stubs(ctx: int, call: int, heap: int, host_callbacks: list[int],
                  entries: list[int]) -> tuple[bytes, dict[str, int]]:
    """Machine code of one module's host services, run on behalf of the module (registered
    for faults): exit, trap and the host-call stubs unwind or switch stacks through the
    context `ctx` (shared by the modules linked together); alloc bumps this module's own heap
    block `heap` (HEAP_PTR/HEAP_END at their context offsets). `host_callbacks[i]` gets a
    host-call stub named `host<i>`; `entries[k]`, a function of the module the host may
    call, an entry stub `entry<k>` that goes to it through the context's `call` stub.
    Returns (code, {stub name: offset})."""
    a = _Asm()
    _unwind(a, ctx)         # a private copy, so every jump below is a short direct one

    for k, fn in enumerate(entries):
        a.label(f"entry{k}")
        a.imm64("48b8", fn, "movabs rax, FN          ; the arguments stay in their registers")
        a.imm64("49bb", call, "movabs r11, CALL")
        a.op("41ffe3", "jmp r11")

    # __certa_exit(int status)
    a.label("exit")
    a.imm64("49bb", ctx, "movabs r11, CTX")
    a.op("4863c7", "movsxd rax, edi")
    a.op("49894358", "mov [r11+TRAP_ARG], rax")
    a.op("488b0424", "mov rax, [rsp]           ; return address")
    a.op("49894360", "mov [r11+TRAP_RIP], rax")
    a.op("49c7435002000000", "mov qword [r11+TRAP_CODE], 2")
    a.jump("e9", 4, "unwind", "jmp unwind")

    # __certa_trap(int kind, int line)
    a.label("trap")
    a.imm64("49bb", ctx, "movabs r11, CTX")
    a.op("89f8", "mov eax, edi              ; zero-extend: upper bits are undefined")
    a.op("49894358", "mov [r11+TRAP_ARG], rax")
    a.op("89f0", "mov eax, esi")
    a.op("49898398000000", "mov [r11+TRAP_AUX], rax")
    a.op("488b0424", "mov rax, [rsp]")
    a.op("49894360", "mov [r11+TRAP_RIP], rax")
    a.op("49c7435001000000", "mov qword [r11+TRAP_CODE], 1")
    a.jump("e9", 4, "unwind", "jmp unwind")

    # __certa_alloc(unsigned long size): bump allocation; block = 16-byte header + data.
    a.label("alloc")
    a.imm64("48be", 1 << 47, "movabs rsi, 2^47")
    a.op("4839f7", "cmp rdi, rsi")
    a.jump("0f87", 4, "alloc_huge", "ja alloc_huge  ; more than all user space: a trap (the")
    # kernel's contract says result + size <= 2^47, so a refused size must be at most 2^47)
    a.imm64("49bb", heap, "movabs r11, HEAP        ; this module's heap block")
    a.op("498b4370", "mov rax, [r11+HEAP_PTR]")
    a.op("498b7378", "mov rsi, [r11+HEAP_END]")
    a.op("4829c6", "sub rsi, rax               ; rsi = bytes left")
    a.op("4839f7", "cmp rdi, rsi")
    a.jump("77", 1, "alloc_fail", "ja alloc_fail  ; size > left (so rdi+31 cannot wrap)")
    a.op("488d571f", "lea rdx, [rdi+31]")
    a.op("4883e2f0", "and rdx, -16              ; rdx = 16 + round_up(size, 16)")
    a.op("4839f2", "cmp rdx, rsi")
    a.jump("77", 1, "alloc_fail", "ja alloc_fail")
    a.op("488938", "mov [rax], rdi             ; header.length = size")
    a.op("48c7400800000000", "mov qword [rax+8], 0  ; header.type = 0")
    a.op("4801c2", "add rdx, rax")
    a.op("49895370", "mov [r11+HEAP_PTR], rdx")
    a.op("4883c010", "add rax, 16               ; the block follows its header")
    a.op("c3", "ret")
    a.label("alloc_fail")
    a.op("31c0", "xor eax, eax")
    a.op("c3", "ret")
    a.label("alloc_huge")            # __certa_trap(6 = heap, line 0: the call site's)
    a.op("bf06000000", "mov edi, 6")
    a.op("31f6", "xor esi, esi")
    a.jump("e9", 4, "trap", "jmp trap        ; [rsp] is still alloc's return address")

    # Host-call stubs: run a Python (ctypes) callback on the host stack.
    for i, callback in enumerate(host_callbacks):
        a.label(f"host{i}")
        a.imm64("49bb", ctx, "movabs r11, CTX")
        a.op("49896368", "mov [r11+MOD_RSP], rsp")
        a.op("498b23", "mov rsp, [r11+HOST_RSP]   ; 16-byte aligned; all below is free")
        a.imm64("48b8", callback, "movabs rax, CALLBACK")
        a.op("ffd0", "call rax                  ; rdi, rsi, ... are the module's args")
        a.imm64("49bb", ctx, "movabs r11, CTX")
        a.op("498b6368", "mov rsp, [r11+MOD_RSP]")
        a.op("49837b5000", "cmp qword [r11+TRAP_CODE], 0")
        a.jump("0f85", 4, "unwind", "jne unwind    ; the callback asked for a trap")
        a.op("c3", "ret")
    a.label("end")
    return a.finish(), dict(a.labels)


def _handler_code(table: int, old_actions: int, sigaction_fn: int) -> bytes:
    """The SA_SIGINFO handler: handler(int sig, siginfo_t *info, ucontext_t *uc).
    Offsets (glibc x86-64): uc->uc_mcontext.gregs at 40, REG_RIP 16 -> 168, REG_RSP 15 -> 160;
    info->si_addr at 16; sizeof(struct sigaction) = 152 (checked in tests with gcc)."""
    a = _Asm()
    a.op("4c8b82a8000000", "mov r8, [rdx+168]         ; faulting rip")
    a.imm64("49b9", table, "movabs r9, TABLE")
    a.op("498b09", "mov rcx, [r9]              ; number of entries")
    a.op("4983c108", "add r9, 8")
    a.label("loop")
    a.op("4885c9", "test rcx, rcx")
    a.jump("74", 1, "notours", "jz notours")
    a.op("4d3b01", "cmp r8, [r9]               ; entry.lo")
    a.jump("72", 1, "next", "jb next")
    a.op("4d3b4108", "cmp r8, [r9+8]             ; entry.hi")
    a.jump("73", 1, "next", "jae next")
    a.op("4d8b5110", "mov r10, [r9+16]           ; entry.ctx")
    a.op("49c7425003000000", "mov qword [r10+TRAP_CODE], 3")
    a.op("49897a58", "mov [r10+TRAP_ARG], rdi    ; signal number")
    a.op("488b4610", "mov rax, [rsi+16]          ; si_addr")
    a.op("49898298000000", "mov [r10+TRAP_AUX], rax")
    a.op("4d894260", "mov [r10+TRAP_RIP], r8")
    a.op("488b82a0000000", "mov rax, [rdx+160]         ; faulting rsp")
    a.op("49894268", "mov [r10+MOD_RSP], rax")
    a.op("498b8280000000", "mov rax, [r10+UNWIND]")
    a.op("488982a8000000", "mov [rdx+168], rax         ; resume in the unwind stub")
    a.op("c3", "ret                        ; libc's restorer does rt_sigreturn")
    a.label("next")
    a.op("4983c118", "add r9, 24")
    a.op("48ffc9", "dec rcx")
    a.jump("eb", 1, "loop", "jmp loop")
    a.label("notours")
    # Not module code: put back the previous action and return; the fault happens again
    # and is handled as if we had never been installed.
    a.op("89f8", "mov eax, edi")
    a.op("4869f098000000", "imul rsi, rax, 152")
    a.imm64("48b8", old_actions, "movabs rax, OLD_ACTIONS")
    a.op("4801c6", "add rsi, rax               ; &old[sig]")
    a.op("31d2", "xor edx, edx")
    a.imm64("48b8", sigaction_fn, "movabs rax, sigaction")
    a.op("4883ec08", "sub rsp, 8")
    a.op("ffd0", "call rax                   ; sigaction(sig, &old[sig], NULL)")
    a.op("4883c408", "add rsp, 8")
    a.op("c3", "ret")
    return a.finish()


# --- signals -------------------------------------------------------------------------------

class _Sigaction(ctypes.Structure):
    _fields_ = [("handler", ctypes.c_void_p), ("mask", ctypes.c_ulong * 16),
                ("flags", ctypes.c_int), ("restorer", ctypes.c_void_p)]


class _StackT(ctypes.Structure):
    _fields_ = [("sp", ctypes.c_void_p), ("flags", ctypes.c_int), ("size", ctypes.c_size_t)]


_libc.sigaction.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
_libc.sigaltstack.argtypes = [ctypes.c_void_p, ctypes.c_void_p]

SA_SIGINFO, SA_ONSTACK, SA_NODEFER = 0x4, 0x08000000, 0x40000000
SS_DISABLE = 2
FAULT_SIGNALS = (signal.SIGSEGV, signal.SIGBUS, signal.SIGFPE, signal.SIGILL)
ALTSTACK_SIZE = 64 * 1024
MAX_RANGES = 1023
_TABLE_BYTES = 8 + 24 * MAX_RANGES          # count, then (lo, hi, ctx) entries
_OLD_OFFSET = (_TABLE_BYTES + PAGE - 1) // PAGE * PAGE


class _Faults:
    """Process-wide state: the range table, the saved previous actions, the handler code."""

    def __init__(self):
        self.lock = threading.Lock()
        self.mem = Mapping(_OLD_OFFSET + 65 * ctypes.sizeof(_Sigaction))
        self.table = self.mem.addr
        self.old = self.mem.addr + _OLD_OFFSET
        sigaction_fn = ctypes.cast(_libc.sigaction, ctypes.c_void_p).value
        self.code = code_page(_handler_code(self.table, self.old, sigaction_fn))
        self.local = threading.local()

    def add_range(self, lo: int, hi: int, ctx: int) -> int:
        with self.lock:
            count = read_u64(self.table)
            for i in range(count):          # reuse a freed entry
                e = self.table + 8 + 24 * i
                if read_u64(e + 16) == 0:
                    break
            else:
                if count == MAX_RANGES:
                    raise RuntimeError("too many loaded modules")
                i = count
            e = self.table + 8 + 24 * i
            write_u64(e, 0)                 # lo=hi=0 matches nothing while we write
            write_u64(e + 8, 0)
            write_u64(e + 16, ctx)
            write_u64(e, lo)
            write_u64(e + 8, hi)
            if i == count:
                write_u64(self.table, count + 1)
            return i

    def remove_range(self, i: int) -> None:
        with self.lock:
            e = self.table + 8 + 24 * i
            write_u64(e + 8, 0)
            write_u64(e, 0)
            write_u64(e + 16, 0)

    def ensure_installed(self) -> None:
        """Make sure our handler is the current one for every fault signal, and that this
        thread has an alternate signal stack large enough for it. Checked at every load and
        on each thread's first entry; only SIGSEGV is queried (whoever replaces fault handlers,
        e.g. faulthandler.enable(), replaces SIGSEGV with the others), and all four are
        (re)installed if it is not ours."""
        cur = _Sigaction()
        if _libc.sigaction(signal.SIGSEGV, None, ctypes.byref(cur)) != 0:
            raise _oserror("sigaction")
        if cur.handler != self.code.addr:
            with self.lock:
                for sig in FAULT_SIGNALS:
                    if _libc.sigaction(sig, None, ctypes.byref(cur)) != 0:
                        raise _oserror("sigaction")
                    if cur.handler == self.code.addr:
                        continue
                    old = _Sigaction.from_address(self.old + sig * ctypes.sizeof(_Sigaction))
                    new = _Sigaction()
                    new.handler = self.code.addr
                    new.flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER
                    if _libc.sigaction(sig, ctypes.byref(new), ctypes.byref(old)) != 0:
                        raise _oserror("sigaction")
        # The alternate stack is checked on every entry too: someone (faulthandler.disable())
        # may have removed it, and without it a stack overflow could not be reported.
        st = _StackT()
        if _libc.sigaltstack(None, ctypes.byref(st)) != 0:
            raise _oserror("sigaltstack")
        if st.flags & SS_DISABLE or st.size < ALTSTACK_SIZE:
            stack = getattr(self.local, "altstack", None)
            if stack is None:
                stack = self.local.altstack = Mapping(ALTSTACK_SIZE)  # kept for the thread
            st = _StackT(stack.addr, 0, stack.size)
            if _libc.sigaltstack(ctypes.byref(st), None) != 0:
                raise _oserror("sigaltstack")


_faults: _Faults | None = None
_faults_lock = threading.Lock()


def faults() -> _Faults:
    global _faults
    if _faults is not None:         # made once, complete before it is assigned
        return _faults
    with _faults_lock:
        if _faults is None:
            _faults = _Faults()
        return _faults


# --- contexts and module stubs ---------------------------------------------------------------

# An entry stub as ctypes sees it, for n arguments: (a0, ..., a(n-1)) -> rax. ctypes
# truncates an int to 64 bits, so the values must be checked first (the loader checks every
# argument against its C type and passes buffer addresses below 2^47).
_CALLS = tuple(ctypes.CFUNCTYPE(ctypes.c_int64, *[ctypes.c_int64] * n) for n in range(7))


class _Block:
    """CTX_SIZE bytes of runtime-owned memory read and written as u64 fields."""

    def __init__(self):
        self.mem = Mapping(CTX_SIZE)
        self.addr = self.mem.addr
        self.words = (ctypes.c_uint64 * (CTX_SIZE // 8)).from_address(self.addr)

    def get(self, field: int) -> int:
        return self.words[field // 8]

    def set(self, field: int, value: int) -> None:
        self.words[field // 8] = value & 0xFFFFFFFFFFFFFFFF


class Context(_Block):
    """The context block and call/unwind stubs of one stack: every entry from the host into
    the modules that share it (one module loaded alone, or the modules of an application,
    linked together) runs on that stack, and every trap or fault in any of them unwinds
    through it."""

    def __init__(self, stack_top: int, stack_lo: int):
        super().__init__()
        code, labels = _context_stubs(self.addr)
        self.code = code_page(code)
        self.stub = {name: self.code.addr + off for name, off in labels.items()}
        self.set(STACK_TOP, stack_top)
        self.set(STACK_LO, stack_lo)
        self.set(UNWIND, self.stub["unwind"])
        # Not 0 after an entry: it ended by unwinding (TRAP_*), not by returning.
        self.trap_code = ctypes.c_uint64.from_address(self.addr + TRAP_CODE)

    def release(self) -> None:
        self.code.unmap()
        self.mem.unmap()


class ModuleStubs(_Block):
    """One module's heap block (HEAP_PTR, HEAP_END) and its service stubs (exit, trap,
    alloc, one host-call stub per callback), bound to the context `ctx` it runs in.
    `host_callbacks` are ctypes function pointers (CFUNCTYPE objects, kept alive here).
    `entries`: (address, number of arguments) of each function the host may call;
    `self.entries[k]` calls the k-th (ctypes: each argument an int in [-2^63, 2^63), which
    the caller has checked, since ctypes would truncate) and returns its rax as a signed
    64-bit int — meaningful only if the context's TRAP_CODE is 0 afterwards."""

    def __init__(self, ctx: Context, heap_lo: int, heap_end: int, host_callbacks: list,
                 entries: list = ()):
        super().__init__()
        self.callbacks = list(host_callbacks)
        ptrs = [ctypes.cast(cb, ctypes.c_void_p).value for cb in self.callbacks]
        code, labels = _module_stubs(ctx.addr, ctx.stub["call"], self.addr, ptrs,
                                     [fn for fn, _ in entries])
        self.code = code_page(code)
        self.stub = {name: self.code.addr + off for name, off in labels.items()}
        self.entries = tuple(_CALLS[n](self.stub[f"entry{k}"]) for k, (_, n) in enumerate(entries))
        self.set(HEAP_PTR, heap_lo)
        self.set(HEAP_END, heap_end)

    def release(self) -> None:
        self.code.unmap()
        self.mem.unmap()
