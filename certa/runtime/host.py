"""Host services: the imports a module may name, and how each slot is filled. TRUSTED:
standard library only.

What this file guarantees:

* `SERVICES` is the complete list of host services. An import not named here fails the
  load (the loader raises LoadError naming it).
* Every service either unwinds the module (exit, trap), runs entirely in native code on the
  module stack without touching anything but the module's own heap and context (alloc), or
  runs in Python on the *host* stack behind a host-call stub (write). A Python service never
  raises into ctypes: any failure is recorded in the module and turned into an unwind.
* `__certa_write` copies bytes out of module memory only after checking that the whole range
  lies inside one region the module may read (rodata, data, bss, the allocated part of its
  heap, the live part of its stack). A bad range is a trap of kind "check", not a read.

The services:

    __certa_write(const char *buf, long len) -> long   write to LoadedModule.stdout; returns len
    __certa_alloc(unsigned long size) -> void *        zero-filled 16-byte aligned block, or 0
    __certa_clock(void) -> long                        monotonic clock, nanoseconds (>= 0)
    __certa_exit(int status)                            unwind; run_main returns status
    __certa_trap(int kind, int line)                    unwind; raises Trap(kind, line)
    __certa_stack_limit                                 not a function: the slot holds the
                                                        lowest usable module stack address,
                                                        for the prologue check rsp-F >= limit
"""
from __future__ import annotations

import ctypes
import time

from certa.runtime import native

# name -> (how, what): "stub" = a per-context native stub; "python" = a host-call stub in
# front of a ctypes callback made by the named factory below; "value" = a plain value.
SERVICES = {
    "__certa_write": ("python", "write"),
    "__certa_clock": ("python", "clock"),
    "__certa_alloc": ("stub", "alloc"),
    "__certa_exit": ("stub", "exit"),
    "__certa_trap": ("stub", "trap"),
    "__certa_stack_limit": ("value", "stack_lo"),
}
PYTHON_SERVICES = [name for name, (how, _) in SERVICES.items() if how == "python"]

# Trap kind codes shared by __certa_trap and host services.
TRAP_KINDS = {1: "check", 2: "assert", 3: "divide", 4: "null", 5: "stack", 6: "heap"}
KIND_CHECK = 1

_WRITE = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_uint64, ctypes.c_int64)


def _host_trap(module, kind: int) -> int:
    """Ask the host-call stub to unwind with a trap of `kind`, attributed to the call site."""
    ctx = module.ctx
    ctx.set(native.TRAP_ARG, kind)
    ctx.set(native.TRAP_RIP, native.read_u64(ctx.get(native.MOD_RSP)))  # return address
    ctx.set(native.TRAP_CODE, native.T_HOST)
    return 0


def _guarded(module, body):
    """Wrap a service body so no Python exception escapes into ctypes."""
    def callback(*args):
        try:
            return body(*args)
        except BaseException as exc:        # recorded, re-raised by the loader after unwind
            module.host_error = exc
            return _host_trap(module, KIND_CHECK)
    return callback


def make_write(module):
    def write(buf: int, length: int) -> int:
        if length == 0:
            return 0
        if length < 0 or not module.readable(buf, length):
            return _host_trap(module, KIND_CHECK)
        module.emit(ctypes.string_at(buf, length))
        return length
    return _WRITE(_guarded(module, write))


_CLOCK = ctypes.CFUNCTYPE(ctypes.c_int64)


def make_clock(module):
    """__certa_clock(): nanoseconds of the host's monotonic clock (never negative, never
    decreasing); it reads nothing of the module."""
    return _CLOCK(_guarded(module, time.monotonic_ns))


FACTORIES = {"write": make_write, "clock": make_clock}
