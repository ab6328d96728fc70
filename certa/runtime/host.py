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
  `__certa_file_read` writes into module memory only after the same check for writing.
* The file services open only regular files under the module's granted directory: the path
  (at most 4096 bytes, relative, components other than "", "." and "..") is opened one
  component at a time from a descriptor of that directory, each with O_NOFOLLOW, so neither
  ".." nor a symbolic link can lead out of it. At most 64 files are open per module; the
  kernel's contract of read (result <= len, result >= -1) is kept: a read returns at most
  len bytes, and -1 for any failure.

The services:

    __certa_write(const char *buf, long len) -> long   write to LoadedModule.stdout; returns len
    __certa_alloc(unsigned long size) -> void *        zero-filled 16-byte aligned block, or 0
    __certa_clock(void) -> long                        monotonic clock, nanoseconds (>= 0)
    __certa_file_open(const char *path, long len) -> long     a handle >= 0, or -1
    __certa_file_size(long handle) -> long             size in bytes, or -1
    __certa_file_read(long h, char *buf, long len, long offset) -> long
                                                        bytes read, in [0, len], or -1
    __certa_file_close(long handle) -> long            0, or -1 if the handle is not open
    __certa_exit(int status)                            unwind; run_main returns status
    __certa_trap(int kind, int line)                    unwind; raises Trap(kind, line)
    __certa_stack_limit                                 not a function: the slot holds the
                                                        stack limit L = lowest usable stack
                                                        address + SIGNAL_ROOM + STACK_MARGIN,
                                                        for the prologue check rsp - F >= L
"""
from __future__ import annotations

import ctypes
import os
import stat
import time

from certa.runtime import native

# name -> (how, what): "stub" = a per-context native stub; "python" = a host-call stub in
# front of a ctypes callback made by the named factory below; "value" = a plain value.
SERVICES = {
    "__certa_write": ("python", "write"),
    "__certa_clock": ("python", "clock"),
    "__certa_file_open": ("python", "file_open"),
    "__certa_file_size": ("python", "file_size"),
    "__certa_file_read": ("python", "file_read"),
    "__certa_file_close": ("python", "file_close"),
    "__certa_alloc": ("stub", "alloc"),
    "__certa_exit": ("stub", "exit"),
    "__certa_trap": ("stub", "trap"),
    "__certa_stack_limit": ("value", "stack_limit"),
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


MAX_HANDLES = 64
MAX_PATH = 4096
_OPEN = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_uint64, ctypes.c_int64)
_BY_HANDLE = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64)
_READ = ctypes.CFUNCTYPE(ctypes.c_int64, ctypes.c_int64, ctypes.c_uint64, ctypes.c_int64, ctypes.c_int64)


def open_beneath(root: str, path: bytes) -> int | None:
    """A read-only descriptor of the regular file `path` under directory `root`, or None.
    Each component is opened relative to the previous one with O_NOFOLLOW (a symbolic link
    anywhere fails), and "", "." and ".." are refused, so the file is inside root."""
    parts = path.split(b"/")
    if not path or len(path) > MAX_PATH or b"\0" in path or path.startswith(b"/") \
            or any(p in (b"", b".", b"..") for p in parts):
        return None
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for p in parts[:-1]:
            nxt = os.open(p, flags | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = nxt
        f = os.open(parts[-1], flags | os.O_NONBLOCK, dir_fd=fd)
    except OSError:
        return None
    finally:
        os.close(fd)
    if not stat.S_ISREG(os.fstat(f).st_mode):     # no devices, fifos or directories
        os.close(f)
        return None
    return f


def _handle(module, h: int):
    return module.handles[h] if 0 <= h < len(module.handles) else None


def _new_handle(module, fd: int) -> int:
    """The lowest free handle for fd (a closed one is reused), or -1 when 64 are open."""
    for h, old in enumerate(module.handles):
        if old is None:
            module.handles[h] = fd
            return h
    if len(module.handles) >= MAX_HANDLES:
        os.close(fd)
        return -1
    module.handles.append(fd)
    return len(module.handles) - 1


def make_file_open(module):
    def file_open(path: int, length: int) -> int:
        if length < 0 or (length and not module.readable(path, length)):
            return _host_trap(module, KIND_CHECK)
        if module.files is None:
            return -1
        fd = open_beneath(module.files, ctypes.string_at(path, length) if length else b"")
        return -1 if fd is None else _new_handle(module, fd)
    return _OPEN(_guarded(module, file_open))


def make_file_size(module):
    def file_size(h: int) -> int:
        fd = _handle(module, h)
        try:
            return -1 if fd is None else os.fstat(fd).st_size
        except OSError:
            return -1
    return _BY_HANDLE(_guarded(module, file_size))


def make_file_read(module):
    def file_read(h: int, buf: int, length: int, offset: int) -> int:
        if length < 0 or (length and not module.readable(buf, length, write=True)):
            return _host_trap(module, KIND_CHECK)
        fd = _handle(module, h)
        if fd is None or offset < 0:
            return -1
        done = 0
        try:
            while done < length:
                data = os.pread(fd, min(length - done, 1 << 24), offset + done)
                if not data:
                    break
                ctypes.memmove(buf + done, data, len(data))
                done += len(data)
        except OSError:
            return -1
        return done
    return _READ(_guarded(module, file_read))


def make_file_close(module):
    def file_close(h: int) -> int:
        fd = _handle(module, h)
        if fd is None:
            return -1
        module.handles[h] = None
        os.close(fd)
        return 0
    return _BY_HANDLE(_guarded(module, file_close))


FACTORIES = {"write": make_write, "clock": make_clock, "file_open": make_file_open,
             "file_size": make_file_size, "file_read": make_file_read,
             "file_close": make_file_close}
