"""Modules linked in one address space (issue: the single-address-space OS): an `extern`
function with a contract is an import; the kernel checks calls to it against the contract
the certificate states (IMPORT); the loader links it only to an export the kernel proved
against the same contract, granted by the manifest; the modules of an application share one
stack, and a trap in any of them unwinds to the host naming the module it happened in.
Also the file service (read-only files under a granted directory) and the allocator's
contract that lets malloc'd memory meet a `\\valid` precondition."""
from __future__ import annotations

import array
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from certa.compiler.pipeline import compile_file
from certa.diagnostics import CompileError
from certa.kernel.check import check_module
import certa
from certa.runtime import LoadError, Trap, load, load_app
from certa.runtime.host import open_beneath

ROOT = Path(__file__).resolve().parent.parent

LIB = """
/*@ requires 0 <= n <= 1000000;
    requires \\valid_read(a + (0..n-1));
*/
long total(const unsigned char *a, long n) {
    long s = 0;
    /*@ loop invariant 0 <= i <= n; */
    for (long i = 0; i < n; i++)
        s += a[i];
    return s;
}

/*@ ensures 0 <= \\result <= 100; */
int clamp(int x) { return x < 0 ? 0 : x > 100 ? 100 : x; }

/*@ requires 0 <= n <= 4096;
    requires \\valid(a + (0..n-1));
*/
void fill(unsigned char *a, long n, int v) {
    /*@ loop invariant 0 <= i <= n; */
    for (long i = 0; i < n; i++)
        a[i] = v;
}

int boom(int x) { int z = 0; if (x > 0) z = 10 / (x - x); return z; }
"""

IMPORTS = """
/*@ requires 0 <= n <= 1000000;
    requires \\valid_read(a + (0..n-1));
*/
extern long total(const unsigned char *a, long n);
/*@ ensures 0 <= \\result <= %s; */
extern int clamp(int x);
/*@ requires 0 <= n <= 4096;
    requires \\valid(a + (0..n-1));
*/
extern void fill(unsigned char *a, long n, int v);
extern int boom(int x);
"""

APP = """
#include <stdio.h>
%s
unsigned char data[100];
int hist[101];

int main(void) {
    fill(data, 100, 3);
    int c = clamp(250);
    hist[c]++;            /* in bounds only because of clamp's ensures */
    printf("%%ld %%d %%d\\n", total(data, 100), c, hist[100]);
    return 0;
}

int crash(int x) { return boom(x) + 1; }
"""

MANIFEST = """\
[app]
main = "app"

[modules.app]
path = "app.cm"
grants = [%s]

[modules.lib]
path = "lib.cm"
"""
ALL = '"console", "lib.total", "lib.clamp", "lib.fill", "lib.boom"'


def build(d: Path, name: str, source: str) -> Path:
    (d / f"{name}.c").write_text(source)
    compile_file(str(d / f"{name}.c"), str(d / f"{name}.cm"))
    return d / f"{name}.cm"


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    d = tmp_path_factory.mktemp("link")
    build(d, "lib", LIB)
    build(d, "app", APP % (IMPORTS % "100"))
    (d / "app.toml").write_text(MANIFEST % ALL)
    return d


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "certa", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def test_an_application_links_modules_and_runs(linked):
    r = run("run", linked / "app.toml")
    assert (r.returncode, r.stdout, r.stderr) == (0, "300 100 1\n", "")


def test_python_calls_into_a_linked_application(linked):
    app = certa.load(linked / "app.toml")          # the package-level API
    try:
        assert isinstance(app, certa.App)
        assert app.run_main([]) == 0
        buf = bytearray(10)
        app.lib.call("fill", buf, 10, 7)          # the exporter, called from Python
        assert buf == bytearray([7] * 10)
        assert app.modules["lib"].call("total", bytes(buf), 10) == 70
    finally:
        app.close()


def test_the_import_contract_is_in_the_certificate_and_checked(linked):
    v = check_module((linked / "app.cm").read_bytes())
    assert v.ok, v.message()
    assert set(v.imports) == {"total", "clamp", "fill", "boom"}
    c = v.imports["fill"]
    assert [r.writable for r in c.pre_regions] == [True]
    assert [r.writable for r in v.imports["total"].pre_regions] == [False]
    assert {str(f) for f in v.imports["clamp"].post} == {"-result + 100 >= 0", "result >= 0"}
    lib = check_module((linked / "lib.cm").read_bytes())
    assert {"total", "clamp", "fill", "boom"} <= set(lib.exports)


def test_a_different_contract_is_refused_showing_both(linked, tmp_path):
    for f in ("lib.cm",):
        shutil.copy(linked / f, tmp_path / f)
    build(tmp_path, "app", APP % (IMPORTS % "1000"))   # a weaker ensures than the export's
    (tmp_path / "app.toml").write_text(MANIFEST % ALL)
    with pytest.raises(LoadError) as e:
        load_app(tmp_path / "app.toml")
    msg = str(e.value)
    assert msg.startswith(f"{tmp_path / 'app.toml'}:6: module 'app' imports clamp from 'lib' "
                          "with a different contract"), msg
    assert "import (app.cm): (p0: int32) -> int32; requires nothing; ensures -result + 1000 >= 0" in msg
    assert "export (lib.cm): (p0: int32) -> int32; requires nothing; ensures -result + 100 >= 0" in msg
    r = run("run", tmp_path / "app.toml")
    assert r.returncode == 1 and "with a different contract" in r.stderr and "Traceback" not in r.stderr


def test_an_import_not_granted_is_refused(linked, tmp_path):
    (tmp_path / "app.toml").write_text(
        (MANIFEST % '"console", "lib.total", "lib.clamp", "lib.fill"')
        .replace('"app.cm"', f'"{linked / "app.cm"}"').replace('"lib.cm"', f'"{linked / "lib.cm"}"'))
    with pytest.raises(LoadError) as e:
        load_app(tmp_path / "app.toml")
    assert f"{tmp_path / 'app.toml'}:6: module 'app' imports boom from another module, which is " \
           "not granted (grant 'MODULE.boom' in the manifest)" in str(e.value)


def test_an_export_that_does_not_exist_is_refused(linked, tmp_path):
    build(tmp_path, "other", "int unrelated(int x) { return x; }\n")
    (tmp_path / "app.toml").write_text(
        (MANIFEST % '"console", "lib.total", "lib.clamp", "lib.fill", "other.boom"')
        .replace('"app.cm"', f'"{linked / "app.cm"}"').replace('"lib.cm"', f'"{linked / "lib.cm"}"')
        + '\n[modules.other]\npath = "other.cm"\n')
    with pytest.raises(LoadError) as e:
        load_app(tmp_path / "app.toml")
    assert "imports boom from 'other', which does not export it" in str(e.value)


def test_a_module_with_imports_is_not_loaded_alone(linked):
    with pytest.raises(LoadError) as e:
        load(linked / "app.cm")
    assert "imports boom from another module, which is not granted (load it as part of an " \
           "application: a manifest granting 'MODULE.boom')" in str(e.value)
    with pytest.raises(ValueError, match="link other modules"):
        load(linked / "app.cm", grants=["console", "lib.total"])
    r = run("run", linked / "app.cm")
    assert r.returncode == 1 and "from another module" in r.stderr


def test_a_trap_in_the_callee_names_the_callee_and_the_host_goes_on(linked):
    app = load_app(linked / "app.toml")
    try:
        for _ in range(3):
            with pytest.raises(Trap) as e:
                app.app.call("crash", 5)
            t = e.value
            assert (t.module, t.function, t.kind) == ("lib.cm", "boom", "divide"), str(t)
            assert t.line == LIB.split("\n").index(
                "int boom(int x) { int z = 0; if (x > 0) z = 10 / (x - x); return z; }") + 1
            assert app.app.call("crash", 0) == 1      # both modules still work
    finally:
        app.close()


def test_ten_thousand_traps_across_modules_leak_nothing(linked):
    def rss():
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    app = load_app(linked / "app.toml")
    try:
        for _ in range(50):                                 # warm up
            with pytest.raises(Trap):
                app.app.call("crash", 1)
        before = rss()
        for i in range(10_000):
            try:
                app.app.call("crash", 1 + i % 7)
            except Trap as t:
                assert t.module == "lib.cm"
            else:
                raise AssertionError("no trap")
        assert rss() - before < 4 << 20
        assert app.app.call("crash", 0) == 1
    finally:
        app.close()


def test_a_trap_in_a_linked_module_from_the_command_line(tmp_path, linked):
    shutil.copy(linked / "lib.cm", tmp_path / "lib.cm")
    build(tmp_path, "app", (IMPORTS % "100") + "int main(void) { return boom(3); }\n")
    (tmp_path / "app.toml").write_text(MANIFEST % ALL)
    r = run("run", tmp_path / "app.toml")
    assert r.returncode == 70
    assert f"certa: trap in {linked / 'lib.c'}: function boom, line 25: division" in r.stderr


def test_modules_may_import_from_each_other(tmp_path):
    # ping calls pong, pong calls ping: mutual recursion across two modules (a cycle of
    # imports links, since every module is mapped before any is linked).
    build(tmp_path, "ping", """
/*@ requires 0 <= n <= 1000; */
extern long pong(long n);
/*@ requires 0 <= n <= 1000; */
long ping(long n) { return n == 0 ? 0 : 1 + pong(n - 1); }
""")
    build(tmp_path, "pong", """
/*@ requires 0 <= n <= 1000; */
extern long ping(long n);
/*@ requires 0 <= n <= 1000; */
long pong(long n) { return n == 0 ? 0 : 10 + ping(n - 1); }
""")
    (tmp_path / "app.toml").write_text('[app]\nmain = "ping"\n[modules.ping]\npath = "ping.cm"\n'
                                       'grants = ["pong.pong"]\n[modules.pong]\npath = "pong.cm"\n'
                                       'grants = ["ping.ping"]\n')
    app = load_app(tmp_path / "app.toml")
    try:
        assert app.ping.call("ping", 5) == 1 + 10 + 1 + 10 + 1
        assert app.pong.call("pong", 1000) == 500 * 11
        with pytest.raises(ValueError, match="precondition"):
            app.ping.call("ping", 1001)
        with pytest.raises(RuntimeError, match="close the application"):
            app.ping.close()
    finally:
        app.close()
    with pytest.raises(RuntimeError, match="closed"):
        app.ping.call("ping", 1)


def test_deep_recursion_across_modules_traps_cleanly(tmp_path):
    build(tmp_path, "a", "extern long b(long n);\nlong a(long n) { return n <= 0 ? 0 : 1 + b(n - 1); }\n")
    build(tmp_path, "b", "extern long a(long n);\nlong b(long n) { return n <= 0 ? 0 : 1 + a(n - 1); }\n")
    (tmp_path / "app.toml").write_text('[app]\nmain = "a"\n[modules.a]\npath = "a.cm"\ngrants = ["b.b"]\n'
                                       '[modules.b]\npath = "b.cm"\ngrants = ["a.a"]\n')
    app = load_app(tmp_path / "app.toml")
    try:
        with pytest.raises(Trap) as e:
            app.a.call("a", 1 << 40)
        assert e.value.kind == "stack"
        assert app.a.call("a", 1000) == 1000
    finally:
        app.close()


# -- what the compiler refuses to import -------------------------------------------------
@pytest.mark.parametrize("decl, call, msg", [
    ("extern char *name(void);", "name()", "returns a pointer"),
    ("struct p { int *q; };\nextern int f(struct p *x);", "f(0)", "points to 'struct p'"),
    ("extern int f(long a, long b, long c, long d, long e, long f, long g);", "f(0, 0, 0, 0, 0, 0, 0)",
     "more than 6 parameters"),
    ("extern int __certa_evil(int x);", "__certa_evil(1)", "names starting with __certa_ are the host's"),
])
def test_what_cannot_cross_modules_is_a_compile_error(tmp_path, decl, call, msg):
    (tmp_path / "x.c").write_text(f"{decl}\nint main(void) {{ {call}; return 0; }}\n")
    with pytest.raises(CompileError) as e:
        compile_file(str(tmp_path / "x.c"), str(tmp_path / "x.cm"))
    assert msg in str(e.value), str(e.value)


def test_an_undefined_function_without_extern_is_still_an_error(tmp_path):
    (tmp_path / "x.c").write_text("int f(int);\nint main(void) { return f(1); }\n")
    with pytest.raises(CompileError, match="used but never defined .declare it `extern`"):
        compile_file(str(tmp_path / "x.c"), str(tmp_path / "x.cm"))


def test_a_call_that_does_not_establish_the_import_precondition(tmp_path):
    (tmp_path / "x.c").write_text(IMPORTS % "100" + """
unsigned char small[10];
int main(void) { return (int)total(small, 11); }
""")
    with pytest.raises(CompileError) as e:
        compile_file(str(tmp_path / "x.c"), str(tmp_path / "x.cm"))
    assert "does not establish its precondition" in str(e.value) and "total" in str(e.value)


# -- malloc'd memory meets a \\valid precondition -----------------------------------------
def test_malloc_in_an_annotated_function_can_be_lent(tmp_path, linked):
    build(tmp_path, "app", IMPORTS % "100" + """
#include <stdio.h>
#include <stdlib.h>
/*@ requires 0 <= n <= 4096; */
long go(long n) {
    unsigned char *p = malloc(n + 1);
    if (p == NULL) return -1;
    fill(p, n, 2);
    return total(p, n);
}
int main(void) { printf("%ld\\n", go(4096)); return 0; }
""")
    shutil.copy(linked / "lib.cm", tmp_path / "lib.cm")
    (tmp_path / "app.toml").write_text(MANIFEST % (ALL + ', "alloc"'))
    r = run("run", tmp_path / "app.toml")
    assert (r.returncode, r.stdout) == (0, "8192\n"), r.stderr


def test_the_allocator_traps_above_all_user_space(tmp_path):
    # The kernel's contract of __certa_alloc says result + size <= 2^47, which a NULL
    # result keeps only for sizes up to 2^47: a larger request traps (malloc returns NULL
    # before asking).
    build(tmp_path, "m", """
#include <certa.h>
#include <stdlib.h>
long huge(unsigned long n) { return __certa_alloc(n) == 0; }
long via_malloc(unsigned long n) { return malloc(n) == 0; }
""")
    m = load(tmp_path / "m.cm")
    assert m.call("huge", 1 << 47) == 1                 # refused: NULL
    with pytest.raises(Trap) as e:
        m.call("huge", (1 << 47) + 1)
    assert e.value.kind == "heap" and e.value.function == "huge"
    assert m.call("via_malloc", (1 << 47) + 1) == 1     # C's malloc: NULL
    assert m.call("via_malloc", (1 << 63) - 1) == 1


# -- files ----------------------------------------------------------------------------------
READER = """
#include <stdio.h>
#include <certa.h>
char buf[64];
const char ro[64] = "read-only";
int show(const char *path) {
    long h = certa_file_open(path);
    if (h < 0) { printf("%s: cannot open\\n", path); return 1; }
    long size = certa_file_size(h);
    long n = certa_file_read(h, buf, 63, 0);
    if (n < 0) { printf("%s: cannot read\\n", path); return 1; }
    buf[n] = 0;
    printf("%s: %ld: %s", path, size, buf);
    return 0;
}
int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) show(argv[i]);
    return 0;
}
/*@ requires 0 <= n <= 64; requires \\valid(b + (0..n-1)); */
long read_into(long h, char *b, long n, long off) { return certa_file_read(h, b, n, off); }
long opened(void) { return certa_file_open("a.txt"); }
long closed(long h) { return certa_file_close(h); }
"""


@pytest.fixture
def files_app(tmp_path):
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / "a.txt").write_text("hello file\n")
    (data / "sub" / "b.txt").write_text("deep\n")
    (tmp_path / "secret.txt").write_text("secret\n")
    os.symlink("../secret.txt", data / "link.txt")
    os.symlink("sub", data / "dirlink")
    os.mkfifo(data / "fifo")
    build(tmp_path, "rd", READER)
    (tmp_path / "app.toml").write_text('[app]\nmain = "rd"\n[modules.rd]\npath = "rd.cm"\n'
                                       'grants = ["console", "files"]\nfiles = "data"\n')
    return tmp_path


def test_files_under_the_granted_directory_and_nothing_else(files_app):
    paths = ["a.txt", "sub/b.txt", "../secret.txt", "link.txt", "dirlink/b.txt", "fifo",
             str(files_app / "secret.txt"), "sub", "nope", "sub/../a.txt", "./a.txt", "sub//b.txt", ""]
    r = run("run", files_app / "app.toml", *paths)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "a.txt: 11: hello file", "sub/b.txt: 5: deep"] + [f"{p}: cannot open" for p in paths[2:]]


def test_open_beneath_refuses_every_way_out(files_app):
    root = str(files_app / "data")
    fd = open_beneath(root, b"sub/b.txt")
    assert fd is not None and os.read(fd, 10) == b"deep\n"
    os.close(fd)
    for bad in (b"../secret.txt", b"/etc/passwd", b"link.txt", b"dirlink/b.txt", b"sub/..",
                b"a.txt\0x", b"", b".", b"sub/", b"x" * 5000, b"fifo", b"sub"):
        assert open_beneath(root, bad) is None, bad


def test_file_reads_go_only_to_memory_the_module_may_write(files_app):
    app = load_app(files_app / "app.toml")
    try:
        m = app.rd
        h = m.call("opened")
        assert h == 0
        buf = bytearray(16)
        assert m.call("read_into", h, buf, 16, 6) == 5 and buf[:5] == b"file\n"
        assert m.call("read_into", h, buf, 16, 100) == 0        # past the end
        assert m.call("read_into", 99, buf, 16, 0) == -1         # no such handle
        assert m.call("read_into", h, buf, 16, -1) == -1
        with pytest.raises(ValueError, match="needs writable memory"):
            m.call("read_into", h, b"x" * 16, 16, 0)
        for _ in range(70):                                      # at most 64 handles
            last = m.call("opened")
        assert last == -1
        assert m.call("closed", 5) == 0 and m.call("closed", 5) == -1   # closed once
        assert m.call("closed", 64) == -1 and m.call("closed", -1) == -1
        assert m.call("opened") == 5                             # the handle is reused
        assert m.call("read_into", 5, buf, 5, 0) == 5 and buf[:5] == b"hello"
    finally:
        app.close()


def test_files_without_the_grant_are_refused(files_app):
    (files_app / "app2.toml").write_text('[app]\nmain = "rd"\n[modules.rd]\npath = "rd.cm"\n'
                                         'grants = ["console"]\n')
    with pytest.raises(LoadError, match="imports __certa_file_close .service 'files'., which is not granted"):
        load_app(files_app / "app2.toml")
    m = load(files_app / "rd.cm")          # every service, but no directory: nothing opens
    assert m.call("opened") == -1


# -- the demonstration ------------------------------------------------------------------------
def test_the_wordfreq_demonstration_matches_its_gcc_twin(tmp_path):
    src = ROOT / "examples" / "wordfreq"
    for name in ("tokenizer", "counter", "ranker", "main"):
        compile_file(str(src / f"{name}.c"), str(tmp_path / f"{name}.cm"))
    shutil.copy(src / "app.toml", tmp_path / "app.toml")
    shutil.copy(src / "sample.txt", tmp_path / "sample.txt")
    r = run("run", tmp_path / "app.toml", "sample.txt")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("words: 2000\ndistinct: ")
    exe = tmp_path / "single"
    g = subprocess.run(["gcc", "-O2", "-I", str(src / "pipes" / "shim"), "-o", str(exe),
                        str(src / "pipes" / "single.c")], capture_output=True, text=True)
    assert g.returncode == 0, g.stderr
    twin = subprocess.run([str(exe), str(tmp_path / "sample.txt")], capture_output=True, text=True)
    assert twin.stdout == r.stdout
    # the modules share the buffer: no module but main may read files
    r = run("run", tmp_path / "app.toml", "../app.toml")
    assert r.returncode == 1 and r.stdout == "wordfreq: cannot open ../app.toml\n"
    # the application runs again and again in one process (its file closed each time)
    app = load_app(tmp_path / "app.toml")
    try:
        import io
        app.main.stdout = io.BytesIO()
        for _ in range(70):
            assert app.run_main(["wordfreq", "sample.txt"]) == 0
        assert app.main.handles == [None]
    finally:
        app.close()


def test_python_arguments_are_checked_naming_the_parameter_and_clause(linked):
    m = load(linked / "lib.cm")
    try:
        with pytest.raises(TypeError, match=r"^clamp: argument 1 \(x\) must be an int, not str$"):
            m.call("clamp", "7")
        with pytest.raises(ValueError, match=r"^clamp: argument 1 \(x\) = 2147483648 does not fit int$"):
            m.call("clamp", 1 << 31)
        with pytest.raises(TypeError, match=r"^fill: argument 1 \(a\) is a pointer \(unsigned char \*\); "
                                            "an int is never accepted"):
            m.call("fill", 5, 10, 1)
        buf = bytearray(5)
        with pytest.raises(ValueError, match=r"^fill: precondition `\\valid\(a \+ \(0..n - 1\)\)` needs "
                                             "10 bytes of memory at the pointer; the call lends 5 bytes"):
            m.call("fill", buf, 10, 1)
        with pytest.raises(ValueError, match="needs writable memory"):
            m.call("fill", bytes(10), 10, 1)
        with pytest.raises(ValueError, match=r"^total: precondition `0 <= n && n <= 1000000` does not hold"):
            m.call("total", bytes(4), -1)
        assert buf == bytearray(5)                  # the module was not entered
        m.call("fill", buf, 5, 1)
        assert buf == bytearray([1] * 5)
    finally:
        m.close()


def tampered_certificate(path: Path, change) -> bytes:
    """The module at path with its certificate edited by change(cert dict) and proven again
    by our own prover: what an attacker with the public tools can ship."""
    import json
    import zlib
    from dataclasses import replace

    from certa.compiler.certify import certify
    from certa.compiler.module_writer import write_module
    from certa.kernel.modfile import parse_module
    image = parse_module(path.read_bytes())
    cert = json.loads(zlib.decompress(image.cert))
    change(cert)
    for f in cert["functions"].values():
        f.pop("proofs", None)
    raw, failures = certify(image, cert)
    assert not failures, [f.obligation.what for f in failures]
    return write_module(replace(image, cert=raw))


@pytest.mark.parametrize("what, change", [
    # the importer claims a stronger ensures than the export proves: its own proofs still
    # hold (it only assumes more), so the kernel accepts it; the link must not
    ("a stronger ensures", lambda c: c["imports"]["clamp"].__setitem__(
        "post", [[">=", [[1, ["result"]]]], [">=", [[50, []], [-1, ["result"]]]]])),
    ("an extra ensures", lambda c: c["imports"]["total"].setdefault("post", []).append(
        [">=", [[1, ["result"]]]])),
    ("a dropped requires region", lambda c: c["imports"]["fill"].__setitem__("pre_regions", [])),
    ("a region made read-only", lambda c: c["imports"]["fill"]["pre_regions"][0].__setitem__(3, False)),
    ("a parameter made narrower", lambda c: c["imports"]["fill"]["params"][2].__setitem__(1, 1)),
])
def test_an_importer_that_assumes_more_is_not_linked(linked, tmp_path, what, change):
    shutil.copy(linked / "lib.cm", tmp_path / "lib.cm")
    data = tampered_certificate(linked / "app.cm", change)
    (tmp_path / "app.cm").write_bytes(data)
    (tmp_path / "app.toml").write_text(MANIFEST % ALL)
    # The kernel accepts the importer alone (it assumes more, which only makes its own
    # proofs easier, or its call sites prove more than asked), so only the link can refuse.
    assert check_module(data).ok
    with pytest.raises(LoadError, match="with a different contract"):
        load_app(tmp_path / "app.toml")
