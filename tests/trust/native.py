"""Run a straight-line sequence of x86-64 instructions on this machine's CPU and report what
it did: the native side of the semantics cross-check (tests/test_trust_semantics.py).

What this file guarantees:

* `NativeRunner().run(code, registers, memory, rsp_offset)` executes `code` once, natively,
  with every general-purpose register except rsp set to `registers[i]` (rax=0 ... r15=15,
  the usual numbering), rsp set to `memory_address + rsp_offset`, and the arithmetic flags
  set to `flags` (only CF PF AF ZF SF OF are taken from it). The scratch memory is one
  fixed read+write mapping of `MEMORY_SIZE` bytes filled with `memory` before the run; an
  unmapped 1 MiB guard area lies on each side of it, so a stray stack access (a push below
  the scratch memory, a big displacement off rsp) faults instead of corrupting this
  process.
* The result holds the 16 registers after the last instruction (unsigned 64-bit; rsp
  included), RFLAGS (`.flag("ZF")` etc.) and the scratch memory as it was left.
* A sequence that raises SIGSEGV, SIGBUS, SIGFPE, SIGILL or SIGTRAP does not crash the
  process: the run ends there, `fault` is the signal number, the registers and flags are
  None, and `memory` holds whatever the instructions before the fault stored. The handlers
  run on their own signal stack (rsp may point anywhere when the fault happens) and the
  previous handlers and signal stack are restored after every run, so pytest's faulthandler
  keeps working.
* The code is W^X: it is copied into a buffer while that buffer is read+write, then the
  buffer is made read+execute before it runs. It is never writable and executable at once.

The code must fall off its end (a straight-line sequence; a jcc may only jump forward
within it): the runner appends a `jmp [rip+0]` back to its own exit stub, which saves all
registers and the flags without touching the scratch stack. There is no time limit, so a
backward jump would hang. This is a test harness, not trusted code.

The harness is a small C file compiled with gcc the first time it is needed (cached in the
temporary directory by a hash of its source) and loaded with ctypes; the register load and
save are inline assembly so that no compiler-generated code runs between them and the
sequence.
"""
from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

MEMORY_SIZE = 16384
CODE_CAPACITY = 65536
FLAG_BITS = {"CF": 0, "PF": 2, "AF": 4, "ZF": 6, "SF": 7, "OF": 11}
ARITHMETIC_FLAGS = sum(1 << b for b in FLAG_BITS.values())
MASK64 = (1 << 64) - 1

C_SOURCE = r"""
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define HIDDEN __attribute__((visibility("hidden")))

/* Shared with the assembly below through rip-relative addressing: the sequence may use
   every register, so the exit stub can reach nothing but fixed addresses. */
HIDDEN uint64_t trust_regs_in[16];
HIDDEN uint64_t trust_regs_out[16];
HIDDEN uint64_t trust_flags_in;
HIDDEN uint64_t trust_flags_out;
HIDDEN uint64_t trust_host_rsp;
HIDDEN uint64_t trust_code_entry;

HIDDEN void trust_enter(void);
HIDDEN void trust_exit(void);

__asm__(
    ".text\n"
    ".p2align 4\n"
    "trust_enter:\n"
    "  push %rbx\n  push %rbp\n  push %r12\n  push %r13\n  push %r14\n  push %r15\n"
    "  mov %rsp, trust_host_rsp(%rip)\n"
    "  pushq trust_flags_in(%rip)\n"
    "  popfq\n"
    "  mov trust_regs_in+0(%rip), %rax\n"
    "  mov trust_regs_in+8(%rip), %rcx\n"
    "  mov trust_regs_in+16(%rip), %rdx\n"
    "  mov trust_regs_in+24(%rip), %rbx\n"
    "  mov trust_regs_in+40(%rip), %rbp\n"
    "  mov trust_regs_in+48(%rip), %rsi\n"
    "  mov trust_regs_in+56(%rip), %rdi\n"
    "  mov trust_regs_in+64(%rip), %r8\n"
    "  mov trust_regs_in+72(%rip), %r9\n"
    "  mov trust_regs_in+80(%rip), %r10\n"
    "  mov trust_regs_in+88(%rip), %r11\n"
    "  mov trust_regs_in+96(%rip), %r12\n"
    "  mov trust_regs_in+104(%rip), %r13\n"
    "  mov trust_regs_in+112(%rip), %r14\n"
    "  mov trust_regs_in+120(%rip), %r15\n"
    "  mov trust_regs_in+32(%rip), %rsp\n"
    "  jmp *trust_code_entry(%rip)\n"
    ".p2align 4\n"
    "trust_exit:\n"
    "  mov %rax, trust_regs_out+0(%rip)\n"
    "  mov %rcx, trust_regs_out+8(%rip)\n"
    "  mov %rdx, trust_regs_out+16(%rip)\n"
    "  mov %rbx, trust_regs_out+24(%rip)\n"
    "  mov %rsp, trust_regs_out+32(%rip)\n"
    "  mov %rbp, trust_regs_out+40(%rip)\n"
    "  mov %rsi, trust_regs_out+48(%rip)\n"
    "  mov %rdi, trust_regs_out+56(%rip)\n"
    "  mov %r8, trust_regs_out+64(%rip)\n"
    "  mov %r9, trust_regs_out+72(%rip)\n"
    "  mov %r10, trust_regs_out+80(%rip)\n"
    "  mov %r11, trust_regs_out+88(%rip)\n"
    "  mov %r12, trust_regs_out+96(%rip)\n"
    "  mov %r13, trust_regs_out+104(%rip)\n"
    "  mov %r14, trust_regs_out+112(%rip)\n"
    "  mov %r15, trust_regs_out+120(%rip)\n"
    /* Back on the host stack before pushfq, so the scratch stack below rsp is untouched. */
    "  mov trust_host_rsp(%rip), %rsp\n"
    "  pushfq\n"
    "  popq trust_flags_out(%rip)\n"
    "  cld\n"
    "  pop %r15\n  pop %r14\n  pop %r13\n  pop %r12\n  pop %rbp\n  pop %rbx\n"
    "  ret\n"
);

static sigjmp_buf trust_jump;
static uint8_t *code_buf, *mem_buf, *alt_stack;
static size_t code_cap, mem_len, alt_len;
static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP};
#define GUARD ((size_t)1 << 20)     /* unmapped on each side of the scratch memory */
#define NSIG_FAULT (int)(sizeof fault_signals / sizeof fault_signals[0])

static void on_fault(int sig) { siglongjmp(trust_jump, sig); }

/* Map the code buffer, the scratch memory between two 1 MiB guard areas and a signal stack.
   Returns 0 on success. */
int trust_init(size_t code_capacity, size_t memory_size) {
    code_cap = code_capacity;
    mem_len = memory_size;
    alt_len = 1 << 16;
    code_buf = mmap(NULL, code_cap, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uint8_t *m = mmap(NULL, mem_len + 2 * GUARD, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    alt_stack = mmap(NULL, alt_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code_buf == MAP_FAILED || m == MAP_FAILED || alt_stack == MAP_FAILED)
        return -1;
    mem_buf = m + GUARD;
    if (mprotect(mem_buf, mem_len, PROT_READ | PROT_WRITE) != 0)
        return -1;
    return 0;
}

uint64_t trust_memory_address(void) { return (uint64_t)mem_buf; }
uint64_t trust_code_address(void) { return (uint64_t)code_buf; }

/* Run code[0:len] once. Returns 0 when it reached its end, the signal number when it
   faulted, -1 when the harness itself failed (code too long, mprotect refused). */
int trust_run(const uint8_t *code, size_t len, const uint64_t *regs, uint64_t flags,
              const uint8_t *memory, uint64_t rsp_offset, uint64_t *regs_out,
              uint64_t *flags_out, uint8_t *memory_out) {
    static const uint8_t back[6] = {0xFF, 0x25, 0, 0, 0, 0};   /* jmp [rip+0] */
    uint64_t exit_addr = (uint64_t)&trust_exit;
    if (len + sizeof back + 8 > code_cap || rsp_offset > mem_len)
        return -1;
    if (mprotect(code_buf, code_cap, PROT_READ | PROT_WRITE) != 0)
        return -1;
    memcpy(code_buf, code, len);
    memcpy(code_buf + len, back, sizeof back);
    memcpy(code_buf + len + sizeof back, &exit_addr, 8);
    if (mprotect(code_buf, code_cap, PROT_READ | PROT_EXEC) != 0)
        return -1;
    memcpy(mem_buf, memory, mem_len);
    memcpy(trust_regs_in, regs, sizeof trust_regs_in);
    trust_regs_in[4] = (uint64_t)mem_buf + rsp_offset;
    trust_flags_in = (flags & 0x8D5) | 0x2;
    trust_code_entry = (uint64_t)code_buf;

    struct sigaction act, old[NSIG_FAULT];
    stack_t ss = {.ss_sp = alt_stack, .ss_size = alt_len, .ss_flags = 0}, old_ss;
    memset(&act, 0, sizeof act);
    act.sa_handler = on_fault;
    act.sa_flags = SA_ONSTACK;
    sigemptyset(&act.sa_mask);
    sigaltstack(&ss, &old_ss);
    for (int i = 0; i < NSIG_FAULT; i++)
        sigaction(fault_signals[i], &act, &old[i]);

    volatile int sig = sigsetjmp(trust_jump, 1);
    if (sig == 0)
        trust_enter();

    for (int i = 0; i < NSIG_FAULT; i++)
        sigaction(fault_signals[i], &old[i], NULL);
    sigaltstack(&old_ss, NULL);
    memcpy(memory_out, mem_buf, mem_len);
    if (sig == 0) {
        memcpy(regs_out, trust_regs_out, sizeof trust_regs_out);
        *flags_out = trust_flags_out;
    }
    return sig;
}
"""


@dataclass(frozen=True)
class NativeResult:
    fault: int | None              # the signal that ended the run, or None
    registers: tuple | None        # 16 unsigned 64-bit values after the run (None on a fault)
    rflags: int | None
    memory: bytes                  # the scratch memory after the run

    def flag(self, name: str) -> bool:
        return bool(self.rflags >> FLAG_BITS[name] & 1)

    def signed(self, r: int) -> int:
        """Register r read as a signed 64-bit integer (the kernel's reading of terms)."""
        v = self.registers[r]
        return v - (1 << 64) if v >> 63 else v

    @property
    def fault_name(self) -> str | None:
        return None if self.fault is None else signal.Signals(self.fault).name


def build_library() -> Path:
    """Compile the harness once per source text; concurrent builders each write their own
    temporary file and rename it into place, so a half-written library is never loaded."""
    digest = hashlib.sha256(C_SOURCE.encode()).hexdigest()[:16]
    out = Path(tempfile.gettempdir()) / f"certa-trust-native-{digest}.so"
    if out.exists():
        return out
    gcc = shutil.which("gcc")
    if gcc is None:
        raise RuntimeError("gcc is needed to build the native test harness")
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "native.c"
        src.write_text(C_SOURCE)
        tmp = Path(d) / "native.so"
        # No _FORTIFY_SOURCE: its longjmp check mistakes the jump off the signal stack
        # for a jump into a dead frame.
        subprocess.run([gcc, "-O1", "-U_FORTIFY_SOURCE", "-fPIC", "-shared", "-o", str(tmp), str(src)],
                       check=True, capture_output=True)
        staged = out.with_suffix(f".{os.getpid()}.tmp")
        shutil.copyfile(tmp, staged)
        os.replace(staged, out)
    return out


class NativeRunner:
    """One loaded harness: its code buffer and scratch memory stay at fixed addresses for the
    runner's lifetime (the library is loaded once per process; every runner shares it)."""

    _lib = None

    def __init__(self):
        if NativeRunner._lib is None:
            lib = ctypes.CDLL(str(build_library()))
            lib.trust_init.argtypes = [ctypes.c_size_t, ctypes.c_size_t]
            lib.trust_memory_address.restype = ctypes.c_uint64
            lib.trust_code_address.restype = ctypes.c_uint64
            lib.trust_run.argtypes = [ctypes.c_char_p, ctypes.c_size_t,
                                      ctypes.POINTER(ctypes.c_uint64), ctypes.c_uint64,
                                      ctypes.c_char_p, ctypes.c_uint64,
                                      ctypes.POINTER(ctypes.c_uint64),
                                      ctypes.POINTER(ctypes.c_uint64), ctypes.c_char_p]
            if lib.trust_init(CODE_CAPACITY, MEMORY_SIZE) != 0:
                raise RuntimeError("the native harness could not map its buffers")
            NativeRunner._lib = lib
        self.lib = NativeRunner._lib
        self.memory_address = self.lib.trust_memory_address()
        self.code_address = self.lib.trust_code_address()

    def run(self, code: bytes, registers, memory: bytes, rsp_offset: int, flags: int = 0) -> NativeResult:
        if len(registers) != 16:
            raise ValueError("16 register values expected")
        if len(memory) != MEMORY_SIZE:
            raise ValueError(f"the scratch memory is exactly {MEMORY_SIZE} bytes")
        if not 0 <= rsp_offset <= MEMORY_SIZE:
            raise ValueError("rsp must point into the scratch memory")
        regs_in = (ctypes.c_uint64 * 16)(*[v & MASK64 for v in registers])
        regs_out = (ctypes.c_uint64 * 16)()
        flags_out = ctypes.c_uint64()
        mem_out = ctypes.create_string_buffer(MEMORY_SIZE)
        sig = self.lib.trust_run(bytes(code), len(code), regs_in, flags & ARITHMETIC_FLAGS,
                                 bytes(memory), rsp_offset, regs_out, ctypes.byref(flags_out), mem_out)
        if sig < 0:
            raise RuntimeError("the native harness failed (code too long or mprotect refused)")
        if sig:
            return NativeResult(sig, None, None, mem_out.raw)
        return NativeResult(None, tuple(regs_out), flags_out.value, mem_out.raw)
