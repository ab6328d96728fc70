"""The loader: one way in (`load(path)`), and calls into loaded modules. TRUSTED: standard
library and certa.kernel / certa.runtime only.

What this file guarantees:

* `load(path)` reads the file once, has the kernel check exactly those bytes (a module
  without a certificate, or whose certificate fails, is refused with the kernel's reason;
  there is no flag, variable or other constructor that skips this), and maps exactly the
  bytes it checked and parsed (DESIGN §9.11):
  .text read+execute, .rodata and the import table read-only, .data/.bss read+write, the
  header page inaccessible; never writable and executable at once. Relocations are applied
  and import slots filled before the pages are made read-only. An import that is not a host
  service, a malformed interface, or an export without its function symbol fails the load.
* Each module has its own stack (16 MiB, PROT_NONE guard page below), its own heap (a
  reserved region with a quota) and its own context block and stubs (see native.py).
* A call either returns a value converted by the function's declared return type, or raises
  `Trap` (module, function, kind, line, address) / `ModuleExit`. After either the module can
  be called again: every entry starts at the top of its stack; globals and heap persist.
* Nested entries (a host service calling back into any module on the same thread) and
  concurrent entries into one module from two threads are refused with RuntimeError.
* Module memory is unmapped only by an explicit `close()`, which refuses while a call is in
  progress; otherwise it stays mapped for the life of the process, so nothing that may point
  into it can ever see it reused.
"""
from __future__ import annotations

import ctypes
import functools
import json
import operator
import os
import signal
import struct
import sys
import threading

from certa.kernel import modfile
from certa.kernel.check import CertError, check_module, parse_fact, parse_region
from certa.kernel.logic import Fact
from certa.kernel.symexec import STACK_MARGIN, substitute, var
from certa.kernel.modfile import SECTION_ORDER, ModuleImage, image_size, layout
from certa.runtime import host, manifest, native
from certa.runtime.native import PROT_EXEC, PROT_NONE, PROT_READ, PROT_WRITE

STACK_BYTES = 16 << 20
# Kept free below the deepest stack a module may use (L - STACK_MARGIN): a signal handler
# that does not ask for an alternate stack (Python's own, for one) runs on the stack it
# interrupts, which may be the module's.
SIGNAL_ROOM = 64 << 10
DEFAULT_HEAP_BYTES = 1 << 30


class LoadError(Exception):
    """The module cannot be loaded (or a call names something the module does not export)."""


class ModuleExit(Exception):
    """The module called __certa_exit(status) from `call()`; `run_main` returns the status."""

    def __init__(self, status: int):
        super().__init__(f"module exited with status {status}")
        self.status = status


_KIND_TEXT = {
    "check": "run-time bounds check failed",
    "assert": "assertion failed",
    "divide": "division by zero or overflow",
    "null": "null pointer dereference",
    "stack": "stack overflow",
    "heap": "out of heap memory",
}


class Trap(Exception):
    """A module stopped at a run-time check or a hardware fault; the host goes on."""

    def __init__(self, module: str, source: str, function: str | None, kind: str,
                 line: int | None, address: int | None, detail: str | None = None):
        self.module, self.source, self.function = module, source, function
        self.kind, self.line, self.address, self.detail = kind, line, address, detail
        where = f"trap in {source or module}: function {function or '?'}"
        if line is not None:
            where += f", line {line}"
        super().__init__(f"{where}: {detail or _KIND_TEXT.get(kind, kind)}")


# --- the interface (.certa.iface) -------------------------------------------------------

# C type name -> (bits, signed). Pointers ("... *") are unsigned 64-bit.
_INT_TYPES = {
    "_Bool": (8, False),
    "char": (8, True), "signed char": (8, True), "unsigned char": (8, False),
    "short": (16, True), "short int": (16, True), "signed short": (16, True),
    "unsigned short": (16, False), "unsigned short int": (16, False),
    "int": (32, True), "signed": (32, True), "signed int": (32, True),
    "unsigned": (32, False), "unsigned int": (32, False),
    "long": (64, True), "long int": (64, True), "signed long": (64, True),
    "long long": (64, True), "long long int": (64, True), "signed long long": (64, True),
    "unsigned long": (64, False), "unsigned long int": (64, False),
    "unsigned long long": (64, False), "unsigned long long int": (64, False),
}
_TOP_KEYS = {"format", "source", "functions"}
_FN_KEYS = {"name", "params", "ret", "exported"}
_FN_OPTIONAL = {"pre", "pre_regions", "pre_text",     # an exported function's precondition
                "param_names"}                         # its parameters' names, for messages


def _is_pointer(t: str) -> bool:
    return t.endswith("*")


def _parse_iface(raw: bytes) -> tuple[str, list[dict]]:
    """(source, functions) from the .certa.iface bytes; ValueError on anything unexpected."""
    doc = json.loads(raw.decode("utf-8"))
    if not isinstance(doc, dict) or set(doc) != _TOP_KEYS:
        raise ValueError(f"keys must be exactly {sorted(_TOP_KEYS)}")
    if doc["format"] != "certa-iface/0":
        raise ValueError(f"unknown format {doc['format']!r}")
    if not isinstance(doc["source"], str) or not isinstance(doc["functions"], list):
        raise ValueError("source must be a string and functions a list")
    seen = set()
    for f in doc["functions"]:
        if not isinstance(f, dict) or not _FN_KEYS <= set(f) <= _FN_KEYS | _FN_OPTIONAL:
            raise ValueError(f"function entries must have the keys {sorted(_FN_KEYS)} "
                             f"(and optionally {sorted(_FN_OPTIONAL)})")
        name, params, ret = f["name"], f["params"], f["ret"]
        if not isinstance(name, str) or not name or name in seen:
            raise ValueError(f"bad or duplicate function name {name!r}")
        seen.add(name)
        if not isinstance(f["exported"], bool) or not isinstance(params, list):
            raise ValueError(f"{name}: bad 'exported' or 'params'")
        for t in params + [ret]:
            if not isinstance(t, str):
                raise ValueError(f"{name}: type names must be strings")
        if f["exported"]:
            if len(params) > 6:
                raise ValueError(f"{name}: more than 6 parameters")
            for t in params:
                if t not in _INT_TYPES and not _is_pointer(t):
                    raise ValueError(f"{name}: unsupported parameter type {t!r}")
            if ret != "void" and ret not in _INT_TYPES and not _is_pointer(ret):
                raise ValueError(f"{name}: unsupported return type {ret!r}")
    return doc["source"], doc["functions"]


def _result(ret: str):
    """How a raw rax becomes the declared return type: (mask, top, full), the value being
    `rax & mask`, minus `full` when above `top` (signed types); None for void."""
    if ret == "void":
        return None
    bits, signed = (64, False) if _is_pointer(ret) else _INT_TYPES[ret]
    mask = (1 << bits) - 1
    return (mask, mask >> 1, 1 << bits) if signed else (mask, mask, 0)


def _convert(value: int, conv):
    """A raw rax as the type `conv` (from _result) describes: None for void."""
    if conv is None:
        return None
    value &= conv[0]
    return value - conv[2] if value > conv[1] else value


_INT = _result("int")


class _Lent:
    """A Python buffer lent to the module for one call, zero-copy: its address, size in
    bytes and writability. `hold` keeps the buffer exported (a bytearray cannot be resized
    or freed) until the call returns."""
    __slots__ = ("addr", "size", "writable", "hold")

    def __init__(self, addr: int, size: int, writable: bool, hold):
        self.addr, self.size, self.writable, self.hold = addr, size, writable, hold


def _lend(fn: str, arg: str, value) -> _Lent:
    """The buffer behind bytes, bytearray, memoryview, array.array, numpy arrays (anything
    with a C-contiguous buffer); TypeError for anything else."""
    try:
        view = memoryview(value)
    except TypeError:
        raise TypeError(f"{fn}: {arg} is a pointer: pass None or a buffer (bytes, "
                        f"bytearray, memoryview, array, numpy array), not {type(value).__name__}") from None
    if not view.c_contiguous:
        raise TypeError(f"{fn}: {arg}: the buffer is not contiguous")
    size = view.nbytes
    if not view.readonly:
        # (c_char from a non-empty buffer: the same export as an array of `size`, made faster)
        hold = (ctypes.c_char if size else ctypes.c_char * 0).from_buffer(
            view.cast("B") if view.format != "B" or view.ndim != 1 else view)
        return _Lent(ctypes.addressof(hold), size, True, (hold, view))
    if isinstance(value, bytes):
        # bytes are immutable and own their storage: c_char_p points at it (no copy).
        return _Lent(ctypes.cast(ctypes.c_char_p(value), ctypes.c_void_p).value or 0, size, False, value)
    raise TypeError(f"{fn}: {arg}: a read-only buffer other than bytes cannot be lent "
                    "(pass bytes, or a writable buffer)")


def _int_range(ptype: str) -> tuple[int, int]:
    """The Python ints an integer parameter of C type `ptype` accepts."""
    bits, signed = _INT_TYPES[ptype]
    lo, hi = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    if ptype == "_Bool":
        hi = 1
    # The kernel reads every register as a signed 64-bit value, so an unsigned 64-bit
    # argument is proven safe only below 2^63 (docs/kernel.md, CALL).
    return lo, min(hi, (1 << 63) - 1)


def _compile_poly(p, index: dict, fn: str) -> tuple:
    """A polynomial over the parameters p0, p1, ... as plain data: (constant, ((coefficient,
    parameter indices), ...)); a monomial x*x*y lists x twice. LoadError if it names
    anything but a parameter (the kernel allows nothing else: docs/kernel.md, EXPORT)."""
    const, terms = 0, []
    for mono, c in p.terms():
        if not mono:
            const = c
        elif all(v in index for v in mono):
            terms.append((c, tuple(index[v] for v in mono)))
        else:
            raise LoadError(f"bad precondition of {fn}: {p} names something other than "
                            "its parameters")
    return const, tuple(terms)


def _value(poly: tuple, s) -> int:
    """The value of a compiled polynomial for the parameter values s."""
    value, terms = poly
    for c, idx in terms:
        for i in idx:
            c *= s[i]
        value += c
    return value


def _check_facts(facts: tuple, s) -> None:
    """ValueError (its message) for the first compiled fact, (poly >= 0?, poly, message),
    that does not hold for the parameter values s (read as signed 64-bit, as the kernel
    reads registers; a lent buffer's value is its address)."""
    for ge, poly, message in facts:
        value = _value(poly, s)
        if value < 0 if ge else value != 0:
            raise ValueError(message)


def _bounds(ranges: tuple, facts: tuple) -> tuple[tuple, tuple]:
    """(bounds, rest): bounds[i] is the range of parameter i (a pointer's: any signed 64-bit
    value) narrowed by every fact on it alone, `c*p_i + k >= 0` or `c*p_i + k == 0`; rest
    are the other facts, each once. Values within their bounds satisfy the narrowed facts."""
    bounds = [[-(1 << 63), (1 << 63) - 1] if r is None else list(r) for r in ranges]
    rest, seen = [], set()
    for fact in facts:
        ge, (k, terms), _ = fact
        if fact[:2] in seen:                    # stated twice (the compiler may): once is enough
            continue
        seen.add(fact[:2])
        if len(terms) != 1 or len(terms[0][1]) != 1:
            rest.append(fact)
            continue
        c, (i,) = terms[0]                      # c != 0 (a Poly has no zero coefficient)
        b = bounds[i]
        if ge and c > 0:                        # p >= -k/c
            b[0] = max(b[0], -(k // c))
        elif ge:                                # p <= k/-c
            b[1] = min(b[1], k // -c)
        elif k % c == 0:                        # p == -k/c
            b[0], b[1] = max(b[0], -k // c), min(b[1], -k // c)
        else:                                   # no integer p
            b[0], b[1] = 1, 0
    return tuple(map(tuple, bounds)), tuple(rest)


class _Export:
    """An exported function with everything a call needs that does not depend on the
    arguments, prepared once when the module is loaded: the parameters' labels (for
    messages) and ranges (None for a pointer), the precondition as plain data (parsed as the
    kernel parses it: the kernel has checked it is exactly the certificate's), the result
    conversion. A call checks the argument values against their `bounds` and the `rest` of
    the facts (_bounds); when one is outside its bounds, every fact in order, to name the
    first that fails. `simple`: no pointer parameter and no region (LoadedModule.call's
    fast path)."""
    __slots__ = ("name", "params", "offset", "labels", "ranges", "refused", "facts",
                 "regions", "lendable", "simple", "bounds", "rest", "result", "entry")

    def __init__(self, f: dict, offset: int):
        name, params = f["name"], tuple(f["params"])
        self.name, self.params, self.offset = name, params, offset
        names = f.get("param_names")
        if not (isinstance(names, list) and len(names) == len(params)
                and all(isinstance(n, str) and n.isidentifier() for n in names)):
            names = ()
        self.labels = tuple(f"argument {i + 1}" + (f" ({names[i]})" if names else "")
                            for i in range(len(params)))
        self.ranges = tuple(None if _is_pointer(t) else _int_range(t) for t in params)
        # The kernel lets main(argc, argv) assume the argument vector run_main builds
        # (docs/kernel.md, CALL): only run_main may supply it.
        self.refused = name == "main" and bool(params)
        try:
            facts = tuple(parse_fact(x, "pre") for x in f.get("pre", []))
            regions = tuple(parse_region(x, "pre_regions") for x in f.get("pre_regions", []))
        except (CertError, TypeError) as e:
            raise LoadError(f"bad precondition of {name}: {e}") from None
        texts = f.get("pre_text", [])
        if not isinstance(texts, list) or not all(isinstance(t, str) for t in texts):
            texts = []

        def clause(k: int, default: str) -> str:
            return texts[k] if k < len(texts) else default
        index = {f"p{i}": i for i in range(len(params))}
        self.facts = tuple(
            (x.kind == ">=", _compile_poly(x.poly, index, name),
             f"{name}: precondition `{clause(k, str(x))}` does not hold for these arguments")
            for k, x in enumerate(facts))
        self.regions = tuple(
            (_compile_poly(r.base, index, name), _compile_poly(r.length, index, name),
             r.writable, r.nullable, r.type != "bytes" or r.block, clause(len(facts) + k, r.name))
            for k, r in enumerate(regions))
        # The parameters a region is based on: only those may be lent a buffer (the exported
        # wrapper passes NULL for any other pointer parameter, docs/kernel.md EXPORT).
        self.lendable = frozenset(i for (_, terms), *_ in self.regions for _, idx in terms for i in idx)
        # main(argc, argv) is refused in call() (_call_general), which `simple` leads to
        self.simple = not regions and None not in self.ranges and not self.refused
        self.bounds, self.rest = _bounds(self.ranges, self.facts)
        self.result = _result(f["ret"])

    def arg(self, i: int, value):
        """Argument i as the module gets it: an int in the parameter's range, 0 for None,
        or a buffer lent for the call (_Lent); TypeError or ValueError naming it otherwise."""
        fn, label, ptype, rng = self.name, self.labels[i], self.params[i], self.ranges[i]
        if rng is None:
            if value is None:
                return 0
            if isinstance(value, (int, bool)):
                raise TypeError(f"{fn}: {label} is a pointer ({ptype}); an int is never "
                                "accepted as a pointer (pass None or a buffer)")
            return _lend(fn, label, value)
        if type(value) is not int:
            if not isinstance(value, int):
                raise TypeError(f"{fn}: {label} must be an int, not {type(value).__name__}")
            value = operator.index(value)   # an exact int: a subclass cannot lie below
        if not rng[0] <= value <= rng[1]:
            raise ValueError(f"{fn}: {label} = {value} does not fit {ptype}")
        return value

    def check_facts(self, s) -> None:
        """Every fact holds for the parameter values s: each value within its bounds and the
        rest of the facts; ValueError naming the first fact (in order) that fails."""
        for v, (lo, hi) in zip(s, self.bounds):
            if v < lo or v > hi:
                _check_facts(self.facts, s)     # raises: a narrowed fact fails
        _check_facts(self.rest, s)

    def check_regions(self, s, lent: list) -> None:
        """Every region is empty (or NULL where nullable) or lies inside one buffer lent for
        this call (writable if the region is), of plain bytes; ValueError naming the clause
        otherwise. s: the parameter values (a lent buffer's value is its address)."""
        fn = self.name
        for base, length, writable, nullable, typed, what in self.regions:
            base, length = _value(base, s), _value(length, s)
            if length <= 0 or (nullable and base == 0):
                continue
            if typed:
                raise ValueError(f"{fn}: precondition `{what}` needs typed memory, which Python "
                                 "cannot lend")
            for b in lent:
                if (b.addr <= base and base + length <= b.addr + b.size
                        and (b.writable or not writable)):
                    break
            else:
                if not any(b.addr <= base and base + length <= b.addr + b.size for b in lent):
                    have = ", ".join(f"{b.size} bytes" for b in lent) or "no buffer (None)"
                    raise ValueError(f"{fn}: precondition `{what}` needs {length} bytes of memory "
                                     f"at the pointer; the call lends {have}")
                raise ValueError(f"{fn}: precondition `{what}` needs writable memory; the buffer "
                                 "is read-only (pass a bytearray or a writable array)")


# --- loading -------------------------------------------------------------------------------

def load(path, *, heap_bytes: int = DEFAULT_HEAP_BYTES, grants=None):
    """Load a module file (or, for a path ending in .toml, an application: see load_app).
    The only way a module gets into the process. With `grants` (an iterable of service
    names: "console", "alloc", "clock"), the module may import only those host services (and
    exit/trap); None grants every host service (a single trusted-by-the-user module, as
    `certa run prog.cm`). A module that imports other modules' functions is loaded only as
    part of an application."""
    if os.fspath(path).endswith(".toml"):
        if grants is not None or heap_bytes != DEFAULT_HEAP_BYTES:
            raise ValueError("an application's grants and heap quotas are in its manifest")
        return load_app(path)
    if grants is not None:
        grants = frozenset(grants)
        linked = sorted(g for g in grants if "." in g)
        if linked:
            raise ValueError(f"grant(s) {linked} link other modules: describe the application in "
                             "a manifest and load that (certa.load('app.toml'))")
        unknown = sorted(g for g in grants if g not in manifest.GRANTABLE)
        if unknown:
            raise ValueError(f"unknown service(s) {unknown} (known: {sorted(manifest.GRANTABLE)})")
        allowed = manifest.ALWAYS | {manifest.GRANTABLE[g] for g in grants}
        return _load(path, heap_bytes, allowed, "the grants")
    return _load(path, heap_bytes, None, "")


def _load(path, heap_bytes: int, allowed, where: str, domain=None, files=None) -> "LoadedModule":
    path = os.fspath(path)
    try:
        with open(path, "rb") as f:
            data = f.read()             # read once: what is checked is what is mapped
    except (OSError, ValueError) as e:        # ValueError: a NUL byte in the path
        raise LoadError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    try:
        return LoadedModule(data, path, heap_bytes, allowed, where, domain, files)
    except LoadError as e:
        raise LoadError(f"{path}: {e}") from None


class App:
    """The modules of a manifest, each loaded with exactly its grants and linked to the
    exports it was granted, all sharing one stack (one Domain). `modules[name]` (or
    `app.NAME`) is a LoadedModule; `run_main(argv)` runs the main module's main()."""

    def __init__(self, m):
        self.manifest, self.modules = m, {}
        self.domain = _Domain()
        try:
            for spec in m.modules.values():
                allowed = spec.imports_allowed()
                where = f"{m.path}:{spec.grant_line}: module '{spec.name}'"
                heap = spec.heap_bytes if spec.heap_bytes is not None else DEFAULT_HEAP_BYTES
                self.modules[spec.name] = _load(spec.path, heap, allowed, where, self.domain,
                                                spec.files)
            for spec in m.modules.values():
                mod = self.modules[spec.name]
                mod._link(self._targets(spec, mod))
        except BaseException:
            self.close()
            raise

    def _targets(self, spec, mod) -> dict:
        """The address of each module function `mod` imports: the export it was granted,
        whose contract (as the kernel checked it) must be the import's (IMPORT)."""
        targets = {}
        for name, want in mod.import_contracts.items():
            exporter, line = spec.links[name]
            where = f"{self.manifest.path}:{line}: module '{spec.name}'"
            exp = self.modules[exporter]
            have = exp.export_contracts.get(name)
            if have is None:
                raise LoadError(f"{where} imports {name} from '{exporter}', which does not export it")
            if _normal(want) != _normal(have):
                raise LoadError(f"{where} imports {name} from '{exporter}' with a different "
                                f"contract:\n  import ({mod.name}): {_render(want)}\n"
                                f"  export ({exp.name}): {_render(have)}")
            targets[name] = exp.text_base + exp.export_offset(name)
        return targets

    def __getattr__(self, name):
        modules = self.__dict__.get("modules", {})
        if name in modules:
            return modules[name]
        raise AttributeError(name)

    def run_main(self, argv: list) -> int:
        return self.modules[self.manifest.main].run_main(argv)

    def close(self) -> None:
        """Unmap every module of the application (refused while a call is in progress)."""
        self.domain.close()


def _by_position(c) -> tuple:
    """(pre facts, pre regions as (base, length, writable, nullable, type, block), post
    facts) of a contract with its parameters renamed by position: p0, p1, ..."""
    theta = {name: var(f"p{i}") for i, (name, _, _) in enumerate(c.params)}

    def facts(fs):
        return tuple(Fact(substitute(f.poly, theta), f.kind) for f in fs)
    regions = tuple((substitute(r.base, theta), substitute(r.length, theta), r.writable,
                     r.nullable, r.type, r.block) for r in c.pre_regions)
    return facts(c.pre), regions, facts(c.post)


def _normal(c) -> tuple:
    """Two contracts are the same when these are equal: types, and the precondition facts
    and regions and postcondition facts as sets, parameters renamed by position."""
    pre, regions, post = _by_position(c)
    return (tuple((size, signed) for _, size, signed in c.params), c.ret, c.returns,
            c.ret_region, c.ret_block, frozenset(pre), frozenset(regions), frozenset(post),
            c.post_regions)


def _render(c) -> str:
    """A contract in the kernel's terms, parameters by position, for link errors."""
    pre, regions, post = _by_position(c)
    params = ", ".join(f"p{i}: {'' if signed else 'u'}int{8 * size}"
                       for i, (_, size, signed) in enumerate(c.params))
    out = f"({params}) -> " + (f"{'' if c.ret[1] else 'u'}int{8 * c.ret[0]}" if c.ret[0] else "void")
    needs = sorted(map(str, pre)) + sorted(f"{'writable' if r[2] else 'readable'} [{r[0]}, +{r[1]})"
                                           for r in regions)
    out += "; requires " + (", ".join(needs) if needs else "nothing")
    out += "; ensures " + (", ".join(sorted(map(str, post))) if post else "nothing")
    if c.ret_region is not None:
        out += "; returns a region"
    return out


def load_app(path) -> App:
    """Load every module a manifest names, with its grants, and link each module's imports
    to the exports it was granted (ManifestError for a bad manifest; LoadError naming the
    module, the import and the manifest line for an import the manifest does not grant or
    an export whose contract differs). Nothing stays loaded if any module is refused."""
    return App(manifest.read_manifest(path))


class _Domain:
    """The stack and context that the modules linked together share (a module loaded alone
    has its own). Every entry from the host runs on this stack, from its top; every trap
    or fault in any of the modules unwinds through this context; one entry at a time."""

    def __init__(self):
        self.modules: list = []
        self.lock = threading.Lock()
        self.host_error = None
        self.lent = ()                  # (lo, hi, writable) of the buffers lent for this call
        self.console = False            # a module imports __certa_write: flush around calls
        self.closed = False
        self.stack = native.Mapping(native.PAGE + STACK_BYTES, noreserve=True)
        try:
            self.stack.protect(0, native.PAGE, PROT_NONE)        # guard page
            self.stack_lo, self.stack_top = self.stack.addr + native.PAGE, self.stack.addr + self.stack.size
            self.ctx = native.Context(self.stack_top, self.stack_lo)
        except BaseException:
            self.stack.unmap()
            raise

    def module_at(self, addr: int):
        """The module whose code contains addr (an instruction or a return address)."""
        for m in self.modules:
            if m.text_base <= addr <= m.text_base + len(m.image.text):
                return m
        return None

    def close(self) -> None:
        if self.closed:
            return
        if threading.get_ident() in _inside or not self.lock.acquire(blocking=False):
            raise RuntimeError("cannot close during a call")
        try:
            for m in self.modules:
                m._release()
            self.modules = []
            self.ctx.release()
            self.stack.unmap()
            self.closed = True
        finally:
            self.lock.release()


# The threads inside a module call (nested entries are refused), and the threads whose
# alternate signal stack the fault handler was made sure of (on a thread's first entry).
# Sets of thread identifiers: cheaper on every call than a threading.local. An identifier
# may be reused once its thread has ended, so a thread's entry in _handled is dropped when
# the thread ends (its _ThreadEnd, kept in a threading.local, is then deleted).
_inside: set = set()
_handled: set = set()
_thread_end = threading.local()


class _ThreadEnd:
    def __init__(self, ident: int):
        self.ident, self.handled = ident, _handled   # (the module may be gone at exit)

    def __del__(self):
        self.handled.discard(self.ident)


class LoadedModule:
    """A module mapped into this process. Use `call(name, *args)` and `run_main(argv)`."""

    def __init__(self, data: bytes, path: str, heap_bytes: int, allowed=None, where: str = "",
                 domain=None, files=None):
        # The gate: the kernel checks exactly these bytes, and only the image parsed from
        # them is mapped. There is no other constructor and no way to skip this.
        verdict = check_module(bytes(data))
        if not verdict.ok:
            raise LoadError(f"refused by the kernel: {verdict.message()}")
        try:
            image = modfile.parse_module(bytes(data))
        except modfile.ModuleFormatError as e:
            raise LoadError(str(e)) from None
        self.path, self.name, self.image = path, os.path.basename(path), image
        self.stdout = None          # None: sys.stdout.buffer at the time of the write
        self.files = files          # the directory the file service may read, or None
        self.handles: list = []     # open file descriptors, by handle
        self._closed = False
        # What the kernel proved this module keeps (exports) and assumes (imports of other
        # modules' functions): the linker matches them (IMPORT, docs/kernel.md).
        self.export_contracts, self.import_contracts = verdict.exports, verdict.imports
        if not isinstance(heap_bytes, int) or not 0 <= heap_bytes <= 1 << 46:
            raise LoadError(f"bad heap_bytes {heap_bytes!r}")

        try:
            self.source, functions = _parse_iface(image.iface)
        except (ValueError, UnicodeDecodeError) as e:
            raise LoadError(f"bad .certa.iface: {e}") from None
        who = where if where not in ("", "the grants") else "the module"
        for imp in image.imports:
            if imp in self.import_contracts:
                if domain is None or allowed is None or imp not in allowed:
                    how = (f"grant 'MODULE.{imp}' in the manifest" if domain is not None else
                           f"load it as part of an application: a manifest granting 'MODULE.{imp}'")
                    raise LoadError(f"{who} imports {imp} from another module, which is not "
                                    f"granted ({how})")
                continue
            if imp not in host.SERVICES:
                raise LoadError(f"unknown import {imp!r}")
            if allowed is not None and imp not in allowed:
                service = next((g for g, n in manifest.GRANTABLE.items()
                                if n == imp or imp in manifest.GRANT_ALSO.get(g, ())), imp)
                raise LoadError(f"{who} imports {imp} (service '{service}'), which is not granted")
        syms = {s.name: s for s in image.symbols}
        self.functions = {}         # name -> (params, ret, text offset)
        self._exports = {}          # name -> _Export: what a call needs, prepared once
        for f in functions:
            if not f["exported"]:
                continue
            s = syms.get(f["name"])
            if (s is None or s.kind != "func" or s.section != ".text" or not s.exported
                    or not 0 <= s.offset < len(image.text)):
                raise LoadError(f"exported function {f['name']!r} has no exported "
                                "function symbol in .text")
            self.functions[f["name"]] = (tuple(f["params"]), f["ret"], s.offset)
            self._exports[f["name"]] = _Export(f, s.offset)
        self._funcs = sorted((s.offset, s.offset + s.size, s.name) for s in image.symbols
                             if s.kind == "func" and s.section == ".text")

        alone = domain is None
        self.domain = _Domain() if alone else domain
        self.ctx = self.domain.ctx
        self._trap_code = self.ctx.trap_code
        self._maps, self._ranges, self.stubs = [], [], None
        try:
            self._map(image, heap_bytes)
        except BaseException as e:
            self._release()
            if alone:
                self.domain.close()
            if isinstance(e, OSError):
                raise LoadError(f"cannot map: {e}") from None
            raise
        self.domain.modules.append(self)
        if "__certa_write" in image.imports:
            self.domain.console = True
        if alone:
            self._link({})

    def _map(self, image: ModuleImage, heap_bytes: int) -> None:
        """Map the image (still writable: slots are filled by _link), the heap and the
        module's service stubs."""
        sizes = image.section_sizes()
        self.addrs = addrs = layout(sizes)
        self.sizes = sizes
        img = native.Mapping(image_size(sizes))
        self._maps.append(img)
        self._img = img
        self.base = base = img.addr
        self.text_base = base + addrs[".text"]
        img.write(addrs[".text"], image.text)
        img.write(addrs[".rodata"], image.rodata)
        img.write(addrs[".data"], image.data)     # .bss: anonymous memory is zero
        for r in image.relocations:
            img.write(addrs[r.section] + r.offset,
                      struct.pack("<Q", base + addrs[r.target_section] + r.target_offset))
        heap = native.Mapping(max(heap_bytes, 1), noreserve=True)
        self._maps.append(heap)
        self.heap_lo = heap.addr
        self._callbacks = [host.FACTORIES[host.SERVICES[n][1]](self)
                           for n in host.PYTHON_SERVICES]
        exports = list(self._exports.values())
        self.stubs = native.ModuleStubs(self.ctx, heap.addr, heap.addr + heap_bytes, self._callbacks,
                                        [(self.text_base + e.offset, len(e.params)) for e in exports])
        for e, entry in zip(exports, self.stubs.entries):
            e.entry = entry
        self._static = [(base + addrs[n], base + addrs[n] + sizes[n], n != ".rodata")
                        for n in (".rodata", ".data", ".bss") if sizes[n]]
        faults = native.faults()
        self._ranges.append(faults.add_range(base, base + img.size, self.ctx.addr))
        self._ranges.append(faults.add_range(self.stubs.code.addr, self.stubs.stub["end"], self.ctx.addr))
        # A module the kernel accepted does not fault (a stack overflow is the prologue's
        # trap, STACK), so the handler is a second line: made sure of at every load and on
        # each thread's first entry, not before every call (that cost two system calls).
        faults.ensure_installed()

    def _link(self, targets: dict) -> None:
        """Fill every import slot (host services from this module's stubs, other modules'
        functions from `targets`), then protect the image: the slots become read-only."""
        image, addrs, img = self.image, self.addrs, self._img
        for i, imp in enumerate(image.imports):
            if imp in self.import_contracts:
                value = targets[imp]
            else:
                how, what = host.SERVICES[imp]
                if how == "stub":
                    value = self.stubs.stub[what]
                elif how == "python":
                    value = self.stubs.stub[f"host{host.PYTHON_SERVICES.index(imp)}"]
                else:
                    # The limit L: the kernel lets a module use STACK_MARGIN bytes below
                    # it (docs/kernel.md, STACK), which must be mapped stack; below those,
                    # SIGNAL_ROOM more for signal handlers.
                    value = {"stack_limit": self.domain.stack_lo + SIGNAL_ROOM + STACK_MARGIN}[what]
            img.write(addrs[".certa.imports"] + 8 * i, struct.pack("<Q", value))

        def extent(name):
            return max(modfile.page_round(self.sizes[name]), native.PAGE)
        prot = {".text": PROT_READ | PROT_EXEC, ".rodata": PROT_READ,
                ".certa.imports": PROT_READ, ".data": PROT_READ | PROT_WRITE,
                ".bss": PROT_READ | PROT_WRITE}
        img.protect(0, addrs[".text"], PROT_NONE)          # header page
        for name in SECTION_ORDER:
            img.protect(addrs[name], extent(name), prot[name])

    def export_offset(self, name: str) -> int:
        return next(s.offset for s in self.image.symbols
                    if s.name == name and s.kind == "func" and s.exported)

    @property
    def stack_lo(self) -> int:
        return self.domain.stack_lo

    @property
    def stack_top(self) -> int:
        return self.domain.stack_top

    @property
    def host_error(self):
        return self.domain.host_error

    @host_error.setter
    def host_error(self, value) -> None:
        self.domain.host_error = value

    # --- host service support ---

    def readable(self, addr: int, n: int, write: bool = False) -> bool:
        """Does [addr, addr+n) lie inside one region a module of this domain may read (or
        write): a module's static data (not .rodata, for writing) or allocated heap, the
        live stack, or a buffer lent for the current call (if writable, for writing)? The
        kernel proved the caller may; this is a second look before the host touches it."""
        d = self.domain
        regions = [(d.ctx.get(native.MOD_RSP), d.stack_top)]
        regions += [(lo, hi) for lo, hi, writable in d.lent if writable or not write]
        for m in d.modules:
            regions += [(lo, hi) for lo, hi, writable in m._static if writable or not write]
            regions.append((m.heap_lo, m.stubs.get(native.HEAP_PTR)))
        return any(lo <= addr and addr + n <= hi for lo, hi in regions)

    def emit(self, data: bytes) -> None:
        out = self.stdout
        if out is None:
            out = getattr(sys.stdout, "buffer", None)
            if out is None:
                sys.stdout.write(data.decode("utf-8", "replace"))
                return
        out.write(data)

    def _flush(self) -> None:
        for m in self.domain.modules:
            out = m.stdout if m.stdout is not None else sys.stdout
            if out is not None and hasattr(out, "flush"):
                out.flush()

    def heap_alloc(self, size: int) -> int:
        """Allocate from the module heap exactly as __certa_alloc does; 0 if exhausted."""
        heap = self.stubs
        ptr, end = heap.get(native.HEAP_PTR), heap.get(native.HEAP_END)
        total = 16 + (size + 15) // 16 * 16
        if total > end - ptr:
            return 0
        native.write_u64(ptr, size)
        native.write_u64(ptr + 8, 0)
        heap.set(native.HEAP_PTR, ptr + total)
        return ptr + 16

    # --- calls ---

    def call(self, name: str, *args):
        """Call an exported function; returns its converted result. Integer arguments are
        checked against their C type; a pointer argument is None (NULL) or a buffer lent
        zero-copy for the call (bytes, bytearray, memoryview, array.array, numpy arrays),
        allowed only where the function's contract says `\\valid` memory; the contract's
        precondition is checked before the module is entered (ValueError naming the clause).
        `m.name(*args)` is the same call (see __getattr__)."""
        e = self._exports.get(name)
        if e is None or not e.simple or len(args) != len(e.bounds):
            value, e = self._call_general(name, e, args)
        else:                       # the fast path: ints within their (narrowed) ranges
            for a, (lo, hi) in zip(args, e.bounds):
                if type(a) is not int or a < lo or a > hi:
                    value, e = self._call_general(name, e, args)
                    break
            else:
                if e.rest:
                    _check_facts(e.rest, args)
                value = self._enter(e.entry, args)
        return _convert(value, e.result)

    def __getattr__(self, name: str):
        """`m.f` for an exported function f (not hidden by a method or attribute of the
        module: use call() for those): a callable doing `m.call("f", ...)`, made once."""
        e = self.__dict__.get("_exports", {}).get(name)
        if e is None:
            raise AttributeError(f"{self.__dict__.get('name', 'module')}: no exported function or "
                                 f"attribute {name!r}")
        f = self.__dict__[name] = functools.partial(self.call, name)
        return f

    def _call_general(self, name: str, e, args: tuple) -> tuple:
        """Every other call: an unknown function or a wrong count (the errors), arguments
        to convert (an int subclass) or refuse, buffers to lend. (raw result, _Export)."""
        if self._closed:
            raise RuntimeError(f"{self.name}: module is closed")
        if e is None:
            raise LoadError(f"{self.name}: no exported function {name!r}")
        if len(args) != len(e.params):
            raise TypeError(f"{name}() takes {len(e.params)} arguments ({len(args)} given)")
        if e.refused:
            raise TypeError("main(argc, argv) is entered with run_main(argv), not call()")
        if not e.simple:
            return self._call_lending(e, args), e
        args = tuple(map(e.arg, range(len(args)), args))   # exact ints, or raise
        e.check_facts(args)
        return self._enter(e.entry, args), e

    def _call_lending(self, e: _Export, args: tuple) -> int:
        """The general call: pointer parameters (None, or a buffer lent for the call) or
        regions in the precondition. Returns the raw result."""
        s, lent, lent_at = [], [], []   # the values the module gets; the buffers lent, where
        for i, a in enumerate(args):
            v = e.arg(i, a)
            if type(v) is _Lent:
                lent.append(v)
                lent_at.append(i)
                v = v.addr
            s.append(v)
        for i in lent_at:
            if i not in e.lendable:
                raise TypeError(f"{e.name}: {e.labels[i]} is a pointer with no \\valid clause "
                                "in the function's contract: the module would receive NULL; pass None")
        e.check_facts(s)
        e.check_regions(s, lent)
        try:
            return self._enter(e.entry, s,
                               [(b.addr, b.addr + b.size, b.writable) for b in lent])
        finally:
            del lent                    # the buffers are released after the call

    def run_main(self, argv: list) -> int:
        """Run main(argc, argv) (or main()); returns main's result or the exit status."""
        params, ret, offset = self._function("main")
        if ret != "int" or len(params) not in (0, 2):
            raise LoadError(f"{self.name}: main must be int main(void) or "
                            "int main(int, char **)")
        args = []
        if params:
            if params[0] != "int" or params[1].replace(" ", "") != "char**":
                raise LoadError(f"{self.name}: main's parameters must be (int, char **)")
            strings = [a if isinstance(a, bytes) else os.fsencode(a) for a in argv]
            vec = self.heap_alloc(8 * (len(strings) + 1))
            if not vec:
                raise MemoryError("module heap exhausted building argv")
            for i, s in enumerate(strings):
                p = self.heap_alloc(len(s) + 1)
                if not p:
                    raise MemoryError("module heap exhausted building argv")
                ctypes.memmove(p, s, len(s))      # the block is zero: NUL is already there
                native.write_u64(vec + 8 * i, p)
            args = [len(strings), vec]
        try:
            return _convert(self._enter(self._exports["main"].entry, args), _INT)
        except ModuleExit as e:
            return e.status

    def _function(self, name: str):
        if self._closed:
            raise RuntimeError(f"{self.name}: module is closed")
        try:
            return self.functions[name]
        except KeyError:
            raise LoadError(f"{self.name}: no exported function {name!r}") from None

    def _enter(self, entry, args, lent=()) -> int:
        """Run an exported function (its `entry` stub, ModuleStubs.entries) with args (ints
        in [-2^63, 2^63), checked) on the domain's stack; its raw result, or raise what
        unwound it. `lent`: (lo, hi, writable) of the buffers lent for the call,
        for the host services. Python's stdout is flushed before and the modules' after
        only when a module of the domain can write (imports __certa_write), so that their
        output and Python's stay in order."""
        d, me = self.domain, threading.get_ident()
        if me in _inside:
            raise RuntimeError("nested entry into a Certa module is refused")
        if not d.lock.acquire(False):
            raise RuntimeError(f"{self.name}: module is busy in another thread")
        console = d.console
        try:
            if self._closed:
                raise RuntimeError(f"{self.name}: module is closed")
            _inside.add(me)
            if me not in _handled:  # once per thread (its alternate signal stack)
                native.faults().ensure_installed()
                _thread_end.token = _ThreadEnd(me)
                _handled.add(me)
            if console and sys.stdout is not None:
                sys.stdout.flush()
            d.host_error = None
            if lent:
                d.lent = lent
            value = entry(*args)
        finally:
            _inside.discard(me)
            if lent:
                d.lent = ()
            d.lock.release()
            if console:
                self._flush()
        if not self._trap_code.value:
            return value
        return self._unwound()

    def _unwound(self):
        """Raise what ended the call: ModuleExit, the host service's exception, or a Trap
        naming the module (of this domain) the trap or fault happened in."""
        d, ctx = self.domain, self.ctx
        code, arg, rip, aux = (ctx.get(native.TRAP_CODE), ctx.get(native.TRAP_ARG),
                               ctx.get(native.TRAP_RIP), ctx.get(native.TRAP_AUX))
        if code == native.T_EXIT:
            raise ModuleExit(_convert(arg, _INT))
        if code == native.T_HOST and d.host_error is not None:
            err, d.host_error = d.host_error, None
            raise err
        where = d.module_at(rip) or self
        detail, line = None, None
        if code in (native.T_TRAP, native.T_HOST):
            kind = host.TRAP_KINDS.get(arg, "check")
            address = where._call_site(rip)
            if code == native.T_TRAP and aux:
                line = aux
            if arg not in host.TRAP_KINDS:
                detail = f"trap with unknown kind code {arg}"
        else:   # T_FAULT
            address = rip - where.text_base
            fault_rsp = ctx.get(native.MOD_RSP)
            if arg == signal.SIGFPE:
                kind = "divide"
            elif (d.stack_lo - native.PAGE <= aux < d.stack_lo
                  or d.stack_lo - (1 << 20) <= fault_rsp < d.stack_lo):
                kind = "stack"
            else:
                kind = "crash"
                detail = (f"hardware fault: {signal.Signals(arg).name} "
                          f"at address {aux:#x}")
        if line is None:
            line = where._line(address)
        raise Trap(where.name, where.source, where._function_at(address), kind, line,
                   address, detail)

    def _call_site(self, ret_addr: int) -> int:
        """Text offset of the call instruction that returns to `ret_addr`."""
        off = ret_addr - self.text_base
        if 6 <= off <= len(self.image.text) and self.image.text[off - 6:off - 4] == b"\xff\x15":
            return off - 6          # call [rip+disp32]
        return off - 1

    def _function_at(self, offset: int) -> str | None:
        for lo, hi, name in self._funcs:
            if lo <= offset < hi:
                return name
        return None

    def _line(self, offset: int) -> int | None:
        if not 0 <= offset < len(self.image.text):
            return None
        best = None
        for off, line in self.image.lines:
            if off > offset:
                break
            best = line
        return best

    # --- lifetime ---

    def close(self) -> None:
        """Unmap the module (with its stack). Refused while a call is in progress; afterwards
        calls fail. A module of an application is closed with the application (App.close),
        since the others may call it."""
        if self._closed:
            return
        if len(self.domain.modules) > 1:
            raise RuntimeError(f"{self.name} is linked with other modules: close the application")
        self.domain.close()

    def _release(self) -> None:
        """Unmap this module's memory (the domain, holding its lock, releases its modules;
        also after a failed _map, so every step checks what exists)."""
        if self._closed:
            return
        self._closed = True
        faults = native.faults()
        for r in getattr(self, "_ranges", ()):
            faults.remove_range(r)
        if getattr(self, "stubs", None) is not None:
            self.stubs.release()
        for fd in self.handles:
            if fd is not None:
                os.close(fd)
        self.handles = []
        self._unmap()

    def _unmap(self) -> None:
        for m in self._maps:
            m.unmap()
        self._maps = []

    def __repr__(self):
        return f"<LoadedModule {self.name} at {getattr(self, 'base', 0):#x}>"
