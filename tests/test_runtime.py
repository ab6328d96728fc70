"""Tests of the runtime (certa/runtime): loading, calls, host services, traps, W^X.

Modules are built by hand: machine code bytes with the assembly beside them, written to a
file with the module writer and loaded through the one public way in, `load(path)`.
"""
import ctypes
import io
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading

import pytest

from certa.kernel.modfile import TEXT_ADDR, ModuleImage, Symbol, layout
from certa.runtime import LoadedModule, LoadError, ModuleExit, Trap, load
from certa.runtime import native

from certa.compiler.module_writer import write_module


# --- building modules by hand ------------------------------------------------------------

class Text:
    """Machine code for .text; rip-relative operands are computed from the final layout,
    assuming .text fits in one page (so the other sections' addresses are known)."""

    def __init__(self, rodata=b"", data=b"", bss=0, imports=()):
        self.code = bytearray()
        self.funcs = []                 # (name, start, end)
        self.imports = tuple(imports)
        self.addrs = layout({".text": 1, ".rodata": len(rodata), ".data": len(data),
                             ".bss": bss, ".certa.imports": 8 * len(self.imports)})

    def func(self, name, *parts):
        start = len(self.code)
        for p in parts:
            if isinstance(p, tuple):            # a rip-relative instruction, see rip()
                prefix, section, offset, suffix = p
                end = len(self.code) + len(prefix) + 4 + len(suffix)
                disp = self.addrs[section] + offset - (TEXT_ADDR + end)
                p = prefix + disp.to_bytes(4, "little", signed=True) + suffix
            self.code += p if isinstance(p, bytes) else bytes.fromhex(p)
        self.funcs.append((name, start, len(self.code)))
        return start

    def rip(self, prefix, section, offset=0, suffix=""):
        """Instruction `prefix disp32 suffix` whose disp32 reaches section+offset (resolved
        when func() appends it)."""
        return (bytes.fromhex(prefix), section, offset, bytes.fromhex(suffix))

    def call_import(self, name):
        """call [rip+slot]  (ff 15 disp32)"""
        return self.rip("ff15", ".certa.imports", 8 * self.imports.index(name))


def iface(funcs, source="prog.c"):
    return json.dumps({"format": "certa-iface/0", "source": source, "functions": [
        {"name": n, "params": list(p), "ret": r, "exported": True} for n, p, r in funcs]}
    ).encode()


def make_image(t: Text, sigs, rodata=b"", data=b"", bss=0, lines=(), iface_bytes=None,
               relocations=()):
    assert len(t.code) < 4096
    syms = tuple(Symbol(n, ".text", s, e - s, "func", True) for n, s, e in t.funcs)
    return ModuleImage(text=bytes(t.code), rodata=rodata, data=data, bss_size=bss,
                       imports=t.imports, symbols=syms, relocations=tuple(relocations),
                       lines=tuple(lines),
                       iface=iface_bytes if iface_bytes is not None else iface(sigs),
                       cert=b"")


class _AcceptAll:
    ok = True
    exports: dict = {}
    imports: dict = {}


def load_unchecked(path, **kw) -> LoadedModule:
    """Load a hand-built module that carries no certificate. These tests exercise the
    runtime's own defences (traps on faults the kernel would never have let a module reach,
    W^X, stacks, host services), so for this one load, in the test process only, the kernel
    is replaced by a stand-in that accepts. The real gate is tested below (test_gate_*)."""
    from certa.runtime import loader
    saved = loader.check_module
    loader.check_module = lambda data: _AcceptAll()
    try:
        return load(path, **kw)
    finally:
        loader.check_module = saved


def load_image(tmp_path, image, name="prog.certa", **kw) -> LoadedModule:
    path = tmp_path / name
    path.write_bytes(write_module(image))
    return load_unchecked(path, **kw)


IMPORTS = ("__certa_write", "__certa_alloc", "__certa_exit", "__certa_trap")
MSG = b"hello, world\n"


def build_main_module(tmp_path, **kw):
    """One module with a function per scenario."""
    t = Text(rodata=MSG, imports=IMPORTS)
    t.func("ret42", "b82a000000", "c3")                     # mov eax, 42; ret
    t.func("add", "8d0437", "c3")                           # lea eax, [rdi+rsi]; ret
    t.func("minus1", "48c7c0ffffffff", "c3")                # mov rax, -1; ret
    t.func("hello", "4883ec08",                             # sub rsp, 8
           t.rip("488d3d", ".rodata"),                      # lea rdi, [rip+msg]
           f"be{len(MSG):02x}000000",                       # mov esi, len
           t.call_import("__certa_write"),                  # call [rip+write]
           "4883c408", "c3")                                # add rsp, 8; ret
    t.func("write_any", "4883ec08",                         # write(rdi, rsi): sub rsp, 8
           t.call_import("__certa_write"),                  # call [rip+write]
           "4883c408", "c3")                                # add rsp, 8; ret
    t.func("write_text", "4883ec08",                        # write(text, 4): not readable
           t.rip("488d3d", ".text"),                        # lea rdi, [rip+text]
           "be04000000",                                    # mov esi, 4
           t.call_import("__certa_write"), "4883c408", "c3")
    t.func("alloc", "4883ec08",                             # sub rsp, 8
           t.call_import("__certa_alloc"),                  # call [rip+alloc]  (rdi = size)
           "4885c0", "7403",                                # test rax, rax; jz +3
           "c60007",                                        # mov byte [rax], 7
           "4883c408", "c3")                                # add rsp, 8; ret
    t.func("divide", "31c9", "99", "f7f9", "c3")            # xor ecx,ecx; cdq; idiv ecx; ret
    t.func("null_store", "c7042500000000" "01000000", "c3")  # mov dword [0], 1; ret
    t.func("recurse", "e8fbffffff", "c3")                   # call recurse; ret
    trap_at = t.func("trap", "4883ec08",                    # sub rsp, 8
                     "bf01000000", "be07000000",            # mov edi, 1; mov esi, 7
                     t.call_import("__certa_trap"))         # call [rip+trap]
    t.func("trap_kind", "4883ec08",                         # trap(rdi, 0)
           "31f6", t.call_import("__certa_trap"))           # xor esi, esi; call [rip+trap]
    t.func("exit3", "4883ec08", "bf03000000",               # sub rsp, 8; mov edi, 3
           t.call_import("__certa_exit"))                   # call [rip+exit]
    t.func("poke_import", t.rip("488905", ".certa.imports"), "c3")  # mov [rip+slot0], rax
    t.func("ud2", "0f0b")                                   # ud2
    t.func("cond_exit", "4883ec08",                         # if (rdi) exit(rdi); return 5
           "85ff", "7406", t.call_import("__certa_exit"),   # test edi,edi; jz +6; call exit
           "b805000000", "4883c408", "c3")                  # mov eax, 5; add rsp, 8; ret
    sigs = [("ret42", [], "int"), ("add", ["int", "int"], "int"),
            ("minus1", [], "long"), ("hello", [], "long"),
            ("write_any", ["char *", "long"], "long"), ("write_text", [], "long"),
            ("alloc", ["unsigned long"], "char *"), ("divide", [], "int"),
            ("null_store", [], "void"), ("recurse", [], "void"), ("trap", [], "void"),
            ("trap_kind", ["int"], "void"), ("exit3", [], "void"),
            ("poke_import", [], "void"), ("ud2", [], "void"), ("cond_exit", ["int"], "int")]
    lines = [(0, 1), (trap_at, 7), (trap_at + 4, 8)]
    return load_image(tmp_path, make_image(t, sigs, rodata=MSG, lines=lines), **kw)


@pytest.fixture
def mod(tmp_path):
    m = build_main_module(tmp_path)
    m.stdout = io.BytesIO()
    return m


# --- calls and results -----------------------------------------------------------------

def test_simple_calls(mod):
    assert mod.call("ret42") == 42
    assert mod.call("add", 2, 40) == 42
    assert mod.call("add", -5, 2) == -3
    assert mod.call("minus1") == -1


@pytest.mark.parametrize("ret,value", [
    ("int", -1), ("unsigned int", 0xFFFFFFFF), ("char", -1), ("unsigned char", 0xFF),
    ("short", -1), ("unsigned short", 0xFFFF), ("_Bool", 0xFF), ("long", -1),
    ("long long", -1), ("unsigned long", 2**64 - 1), ("void *", 2**64 - 1), ("void", None)])
def test_return_conversion(tmp_path, ret, value):
    t = Text()
    t.func("f", "48c7c0ffffffff", "c3")                     # mov rax, -1; ret
    m = load_image(tmp_path, make_image(t, [("f", [], ret)]))
    assert m.call("f") == value


def test_argument_checks(mod):
    with pytest.raises(TypeError):
        mod.call("add", 1)
    with pytest.raises(TypeError):
        mod.call("add", 1, "2")
    with pytest.raises(ValueError):
        mod.call("add", 1, 2**31)
    with pytest.raises(TypeError):                          # pointers never come from ints
        mod.call("write_any", 4096, 0)
    with pytest.raises(LoadError):
        mod.call("nope")
    assert mod.call("add", 2**31 - 1, 0) == 2**31 - 1


# --- host services -----------------------------------------------------------------------

def test_write(mod):
    assert mod.call("hello") == len(MSG)
    assert mod.call("hello") == len(MSG)
    assert mod.stdout.getvalue() == MSG * 2
    assert mod.call("write_any", None, 0) == 0              # empty write of NULL is fine


def test_write_default_stdout(tmp_path, capfdbinary):
    m = build_main_module(tmp_path)
    print("before", flush=False)
    m.call("hello")
    print("after")
    out = capfdbinary.readouterr().out
    assert out == b"before\n" + MSG + b"after\n"


def test_write_bad_range_traps(mod):
    with pytest.raises(Trap) as e:
        mod.call("write_text")
    assert e.value.kind == "check" and e.value.function == "write_text"
    with pytest.raises(Trap) as e:
        mod.call("write_any", None, 5)                      # NULL
    assert e.value.kind == "check"
    assert mod.stdout.getvalue() == b""
    assert mod.call("hello") == len(MSG)


def test_write_error_propagates(mod):
    class Broken:
        def write(self, b):
            raise OSError("disk on fire")

        def flush(self):
            pass
    mod.stdout = Broken()
    with pytest.raises(OSError, match="disk on fire"):
        mod.call("hello")
    mod.stdout = io.BytesIO()
    assert mod.call("hello") == len(MSG)


def test_reentry_refused(mod):
    class Reenter(io.BytesIO):
        def write(self, b):
            mod.call("ret42")
    mod.stdout = Reenter()
    with pytest.raises(RuntimeError, match="nested"):
        mod.call("hello")
    assert mod.call("ret42") == 42


def test_alloc(mod):
    a = mod.call("alloc", 100)
    b = mod.call("alloc", 1)
    c = mod.call("alloc", 0)
    assert a and b and c
    assert a % 16 == 0 and b % 16 == 0 and c % 16 == 0
    assert b == a + 112 + 16 and c == b + 16 + 16
    assert native.read_u64(a - 16) == 100 and native.read_u64(a - 8) == 0
    assert ctypes.string_at(a, 100) == b"\x07" + bytes(99)   # zero-filled, then poked


def test_alloc_quota(tmp_path):
    m = build_main_module(tmp_path, heap_bytes=4096)
    assert m.call("alloc", 5000) == 0
    assert m.call("alloc", 2**47) == 0                     # the largest size refused with NULL
    with pytest.raises(Trap) as e:                         # above all of user space: a trap
        m.call("alloc", 2**47 + 1)                         # (the kernel's contract needs it)
    assert e.value.kind == "heap"
    with pytest.raises(Trap):
        m.call("alloc", 2**63 - 1)
    with pytest.raises(ValueError):
        m.call("alloc", 2**63)          # unsigned 64-bit arguments stop at 2^63 - 1
    assert m.call("alloc", 4080) != 0                      # 16 + 4080 = 4096: fits exactly
    assert m.call("alloc", 0) == 0                         # nothing left for a header


# --- traps -------------------------------------------------------------------------------

def trap_of(mod, name, *args) -> Trap:
    with pytest.raises(Trap) as e:
        mod.call(name, *args)
    assert mod.call("ret42") == 42                          # usable again after every trap
    return e.value


def test_trap_call(mod):
    t = trap_of(mod, "trap")
    assert (t.kind, t.function, t.line, t.module) == ("check", "trap", 7, "prog.certa")
    assert str(t) == "trap in prog.c: function trap, line 7: run-time bounds check failed"
    kinds = {1: "check", 2: "assert", 3: "divide", 4: "null", 5: "stack", 6: "heap"}
    for code, kind in kinds.items():
        t = trap_of(mod, "trap_kind", code)
        assert t.kind == kind and t.function == "trap_kind"
    assert trap_of(mod, "trap_kind", 99).kind == "check"


def test_divide(mod):
    t = trap_of(mod, "divide")
    assert t.kind == "divide" and t.function == "divide" and t.line == 1
    assert t.address == mod.functions["divide"][2] + 3       # the idiv


def test_null_store(mod):
    t = trap_of(mod, "null_store")
    assert t.kind == "crash" and t.function == "null_store"
    assert "SIGSEGV" in str(t)


def test_stack_overflow(mod):
    t = trap_of(mod, "recurse")
    assert t.kind == "stack" and t.function == "recurse"
    t = trap_of(mod, "recurse")
    assert t.kind == "stack"


def test_illegal_instruction(mod):
    t = trap_of(mod, "ud2")
    assert t.kind == "crash" and "SIGILL" in str(t)


def test_import_table_is_read_only(mod):
    t = trap_of(mod, "poke_import")
    assert t.kind == "crash" and t.function == "poke_import"
    assert mod.call("hello") == len(MSG)                    # slot unchanged


def test_exit(mod):
    with pytest.raises(ModuleExit) as e:
        mod.call("exit3")
    assert e.value.status == 3
    assert mod.call("cond_exit", 0) == 5
    with pytest.raises(ModuleExit) as e:
        mod.call("cond_exit", -2)
    assert e.value.status == -2


def test_many_traps_rss_flat(mod):
    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    for name in ("divide", "trap", "null_store", "hello"):   # warm up
        try:
            mod.call(name)
        except Trap:
            pass
    before = rss()
    for i in range(10_000):
        name = ("divide", "trap", "null_store", "write_text")[i % 4]
        try:
            mod.call(name)
        except Trap:
            pass
        else:
            raise AssertionError("no trap")
    after = rss()
    assert after - before < 4 << 20
    assert mod.call("ret42") == 42


def test_threads(mod):
    results = []

    def worker():
        try:
            mod.call("divide")
        except Trap as t:
            results.append(t.kind)
        results.append(mod.call("ret42"))
    th = threading.Thread(target=worker)
    th.start()
    th.join()
    assert results == ["divide", 42]


# --- run_main --------------------------------------------------------------------------

def test_run_main_argv(tmp_path):
    t = Text(imports=IMPORTS)
    # return argc * 1000 + argv[1][0] + 100 * (argv[argc] == NULL) + strlen-ish check
    t.func("main",
           "4863c7",                # movsxd rax, edi
           "488b04c6",              # mov rax, [rsi+rax*8]      ; argv[argc]
           "4885c0",                # test rax, rax
           "0f94c1",                # sete cl
           "0fb6c9",                # movzx ecx, cl
           "6bc964",                # imul ecx, ecx, 100
           "488b4608",              # mov rax, [rsi+8]          ; argv[1]
           "0fb600",                # movzx eax, byte [rax]
           "01c8",                  # add eax, ecx
           "69ffe8030000",          # imul edi, edi, 1000
           "01f8",                  # add eax, edi
           "c3")                    # ret
    m = load_image(tmp_path, make_image(t, [("main", ["int", "char **"], "int")]))
    assert m.run_main(["prog", "A"]) == 2000 + 100 + ord("A")
    assert m.run_main(["prog", "xyz", "q"]) == 3000 + 100 + ord("x")
    # The kernel lets main assume run_main's argv (argc >= 0, a real vector): nothing else
    # may enter main(argc, argv).
    with pytest.raises(TypeError, match="run_main"):
        m.call("main", -5, None)


def test_run_main_exit(tmp_path):
    t = Text(imports=IMPORTS)
    t.func("main", "4883ec08", "bf03000000", t.call_import("__certa_exit"))
    m = load_image(tmp_path, make_image(t, [("main", [], "int")]))
    assert m.run_main(["prog"]) == 3
    assert m.run_main([]) == 3


# --- mapping -----------------------------------------------------------------------------

def maps():
    out = []
    with open("/proc/self/maps") as f:
        for line in f:
            rng, perms = line.split()[:2]
            lo, hi = (int(x, 16) for x in rng.split("-"))
            out.append((lo, hi, perms))
    return out


def test_w_xor_x_and_protections(mod):
    m = mod
    ctx = m.ctx
    prot = {}
    for a, b, perms in maps():
        for name, addr in m.addrs.items():
            if a <= m.base + addr < b:
                prot[name] = perms[:3]
        if a <= m.base < b:
            prot["header"] = perms[:3]
        if a <= ctx.code.addr < b:
            prot["stubs"] = perms[:3]
        if a <= m.stack_lo - 1 < b:
            prot["guard"] = perms[:3]
    assert prot == {"header": "---", ".text": "r-x", ".rodata": "r--",
                    ".certa.imports": "r--", ".data": "rw-", ".bss": "rw-",
                    "stubs": "r-x", "guard": "---"}
    for a, b, perms in maps():
        if "w" in perms and "x" in perms:
            assert not (a < m.base + 0x10000 and m.base < b)


def test_data_relocations_and_globals(tmp_path):
    # .data holds a pointer (relocated) to .rodata; get() returns *(long *)ptr's target byte;
    # bump() increments a .bss counter: globals persist across calls and traps.
    rodata = b"Z" + bytes(15)
    data = bytes(8)
    t = Text(rodata=rodata, data=data, bss=8, imports=IMPORTS)
    t.func("get", t.rip("488b05", ".data"),                # mov rax, [rip+ptr]
           "0fb600", "c3")                                  # movzx eax, byte [rax]; ret
    t.func("bump", t.rip("488b05", ".bss"),                 # mov rax, [rip+counter]
           "48ffc0",                                        # inc rax
           t.rip("488905", ".bss"), "c3")                   # mov [rip+counter], rax; ret
    from certa.kernel.modfile import Relocation
    img = make_image(t, [("get", [], "int"), ("bump", [], "long")], rodata=rodata,
                     data=data, bss=8, relocations=[Relocation(".data", 0, ".rodata", 0)])
    m = load_image(tmp_path, img)
    assert m.call("get") == ord("Z")
    assert [m.call("bump") for _ in range(3)] == [1, 2, 3]


# --- load errors -------------------------------------------------------------------------

def simple_text(imports=()):
    t = Text(imports=imports)
    t.func("f", "b82a000000", "c3")
    return t


@pytest.mark.parametrize("doc", [
    b"not json",
    b"\xff\xfe",
    b"[]",
    b'{"format": "certa-iface/1", "source": "p.c", "functions": []}',
    b'{"format": "certa-iface/0", "source": "p.c"}',
    b'{"format": "certa-iface/0", "source": "p.c", "functions": [], "extra": 1}',
    b'{"format": "certa-iface/0", "source": 3, "functions": []}',
    b'{"format": "certa-iface/0", "source": "p.c", "functions": [{"name": "f"}]}',
    b'{"format": "certa-iface/0", "source": "p.c", "functions": [{"name": "f", '
    b'"params": [], "ret": "struct s", "exported": true}]}',
    b'{"format": "certa-iface/0", "source": "p.c", "functions": [{"name": "f", '
    b'"params": [], "ret": "int", "exported": 1}]}',
    b'{"format": "certa-iface/0", "source": "p.c", "functions": [{"name": "g", '
    b'"params": [], "ret": "int", "exported": true}]}',    # no symbol g
])
def test_bad_iface(tmp_path, doc):
    img = make_image(simple_text(), [], iface_bytes=doc)
    with pytest.raises(LoadError):
        load_image(tmp_path, img)


def test_unknown_import(tmp_path):
    img = make_image(simple_text(("__certa_write", "system")), [("f", [], "int")])
    with pytest.raises(LoadError, match="system"):
        load_image(tmp_path, img)


def test_bad_files(tmp_path):
    with pytest.raises(LoadError, match="cannot read"):
        load(tmp_path / "missing.certa")
    p = tmp_path / "junk.certa"
    p.write_bytes(b"\x7fELF" + bytes(100))
    with pytest.raises(LoadError, match="junk.certa.*MODFILE"):
        load(p)


def test_close(tmp_path):
    m = build_main_module(tmp_path)
    assert m.call("ret42") == 42
    m.close()
    with pytest.raises(RuntimeError):
        m.call("ret42")
    m2 = build_main_module(tmp_path)
    assert m2.call("ret42") == 42


# --- the fault handler leaves other faults alone ---------------------------------------

def test_foreign_fault_still_kills(tmp_path):
    """After a module ran, a segfault outside module code still kills the process with
    SIGSEGV (through faulthandler, which was installed first)."""
    build = textwrap.dedent(f"""
        import ctypes, faulthandler, sys
        sys.path.insert(0, {os.getcwd()!r})
        faulthandler.enable()
        sys.path.insert(0, {os.path.dirname(__file__)!r})
        import pathlib, test_runtime as T
        m = T.build_main_module(pathlib.Path({str(tmp_path)!r}))
        try:
            m.call("null_store")
        except T.Trap:
            print("trapped", flush=True)
        ctypes.string_at(0)
    """)
    r = subprocess.run([sys.executable, "-c", build], capture_output=True, text=True,
                       timeout=60)
    assert r.stdout == "trapped\n"
    assert r.returncode == -11
    assert "Segmentation fault" in r.stderr             # faulthandler's report


@pytest.mark.skipif(shutil.which("gcc") is None, reason="needs gcc")
def test_ucontext_offsets(tmp_path):
    src = tmp_path / "uc.c"
    src.write_text(textwrap.dedent("""
        #define _GNU_SOURCE
        #include <stdio.h>
        #include <stddef.h>
        #include <signal.h>
        #include <ucontext.h>
        int main(void) {
            printf("%zu %zu %zu %zu\\n", offsetof(ucontext_t, uc_mcontext.gregs[REG_RIP]),
                   offsetof(ucontext_t, uc_mcontext.gregs[REG_RSP]),
                   offsetof(siginfo_t, si_addr), sizeof(struct sigaction));
            return 0;
        }
    """))
    exe = tmp_path / "uc"
    subprocess.run(["gcc", "-o", str(exe), str(src)], check=True)
    out = subprocess.run([str(exe)], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["168", "160", "16", str(ctypes.sizeof(native._Sigaction))]
    assert ctypes.sizeof(native._Sigaction) == 152


def test_handlers_and_altstack_restored(tmp_path):
    """Someone replacing the fault handlers or removing the alternate signal stack does not
    stop a fault from being caught once a module is loaded again: every load makes sure of
    the handler and of this thread's alternate stack. (These modules are unchecked ones that
    fault; a module the kernel accepted does not need the handler, tests/test_stack_limit.py.
    Run in a subprocess: if it went wrong the process would die.)"""
    script = textwrap.dedent(f"""
        import ctypes, faulthandler, pathlib, sys
        sys.path.insert(0, {os.path.dirname(__file__)!r})
        import test_runtime as T
        from certa.runtime import native
        kinds = []
        def run(name):
            m = T.build_main_module(pathlib.Path({str(tmp_path)!r}))
            try:
                m.call(name)
            except T.Trap as t:
                kinds.append(t.kind)
            m.close()
        run("recurse")
        faulthandler.disable(); faulthandler.enable()
        run("recurse")
        off = native._StackT(None, native.SS_DISABLE, 0)
        assert native._libc.sigaltstack(ctypes.byref(off), None) == 0
        run("recurse")
        run("null_store")
        print(kinds)
    """)
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                       timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "['stack', 'stack', 'stack', 'crash']\n"


# --- the gate: the kernel checks every module before it is mapped --------------------------

def compiled(tmp_path, source: str, name="gate"):
    from certa.compiler.pipeline import compile_file
    src = tmp_path / f"{name}.c"
    src.write_text(textwrap.dedent(source))
    out = tmp_path / f"{name}.cm"
    compile_file(str(src), str(out))
    return out


GATE_C = """
    #include <stdio.h>
    int twice(int x) { return 2 * x; }
    int main(void) { printf("gate %d\\n", twice(21)); return 0; }
"""


def test_gate_loads_a_certified_module(tmp_path):
    m = load(compiled(tmp_path, GATE_C))
    assert m.call("twice", 4) == 8


def test_gate_refuses_a_module_without_a_certificate(tmp_path):
    p = tmp_path / "plain.certa"
    p.write_bytes(write_module(make_image(simple_text(), [("f", [], "int")])))
    with pytest.raises(LoadError, match=r"plain.certa: refused by the kernel: CERT: the certificate is missing"):
        load(p)


def test_gate_refuses_the_hand_built_module(tmp_path):
    """The module the runtime tests above load past the gate: through `load` it is refused."""
    build_main_module(tmp_path)
    with pytest.raises(LoadError, match="prog.certa: refused by the kernel: CERT"):
        load(tmp_path / "prog.certa")


def test_gate_refuses_code_edited_after_compilation(tmp_path):
    """The first instruction of `twice` replaced by a store through its int argument: the
    certificate no longer proves the code, and nothing is mapped."""
    from dataclasses import replace
    from certa.kernel.modfile import parse_module
    path = compiled(tmp_path, GATE_C)
    image = parse_module(path.read_bytes())
    start = next(s.offset for s in image.symbols if s.name == "twice")
    text = bytearray(image.text)
    assert text[start:start + 3] == bytes.fromhex("4883ec")            # sub rsp, imm8
    text[start:start + 4] = bytes.fromhex("48893f90")                  # mov [rdi], rdi; nop
    path.write_bytes(write_module(replace(image, text=bytes(text))))
    with pytest.raises(LoadError, match=r"refused by the kernel: function twice at 0x"):
        load(path)


def test_gate_refuses_a_certificate_edited_after_compilation(tmp_path):
    from dataclasses import replace
    from certa.kernel.modfile import parse_module
    path = compiled(tmp_path, GATE_C)
    image = parse_module(path.read_bytes())
    cert = bytearray(image.cert)
    cert[len(cert) // 2] ^= 0x40
    path.write_bytes(write_module(replace(image, cert=bytes(cert))))
    with pytest.raises(LoadError, match="refused by the kernel"):
        load(path)
