"""Applications from manifests: each module is loaded with exactly the host services its
manifest grants, and every malformed manifest is a clear error naming the file and line,
with nothing loaded."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from certa.compiler.pipeline import compile_file
from certa.runtime import LoadError, ManifestError, load, load_app
from certa.runtime.manifest import read_manifest

ROOT = Path(__file__).resolve().parent.parent
ALLOC = """
#include <stdio.h>
#include <stdlib.h>
int main(void) {
    int n = 0;
    while (n < 1000 && malloc(1000) != 0) n++;
    printf("%d\\n", n);
    return 0;
}
"""


@pytest.fixture(scope="module")
def app_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("app")
    compile_file(str(ROOT / "examples" / "hello.c"), str(d / "hello.cm"))
    (d / "alloc.c").write_text(ALLOC)
    compile_file(str(d / "alloc.c"), str(d / "alloc.cm"))
    (d / "sq.c").write_text("int sq(int x) { return x * x; }\n")
    compile_file(str(d / "sq.c"), str(d / "sq.cm"))
    return d


def write(d: Path, text: str, name: str = "app.toml") -> Path:
    p = d / name
    p.write_text(text)
    return p


GOOD = """\
[app]
name = "demo"
main = "hello"

[modules.hello]
path = "hello.cm"
grants = ["console"]

[modules.sq]
path = "sq.cm"
"""


def test_an_application_runs_from_its_manifest(app_dir):
    man = write(app_dir, GOOD)
    proc = subprocess.run([sys.executable, "-m", "certa", "run", str(man), "--", "a", "b", "a"],
                          capture_output=True, text=True, timeout=60)
    direct = subprocess.run([sys.executable, "-m", "certa", "run", str(app_dir / "hello.cm"), "--",
                             "a", "b", "a"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == direct.returncode == 0, proc.stderr
    assert proc.stdout == direct.stdout and proc.stdout


def test_modules_of_an_app_are_callable(app_dir):
    app = load_app(write(app_dir, GOOD))
    try:
        assert app.modules["sq"].call("sq", 12) == 144
    finally:
        app.close()


def test_an_import_the_manifest_does_not_grant_is_refused(app_dir):
    man = write(app_dir, GOOD.replace('grants = ["console"]\n', ""))
    with pytest.raises(LoadError) as e:
        load_app(man)
    msg = str(e.value)
    assert f"{man}:5: module 'hello' imports __certa_write (service 'console'), which is not granted" \
        in msg, msg
    proc = subprocess.run([sys.executable, "-m", "certa", "run", str(man)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1 and "which is not granted" in proc.stderr and not proc.stdout


def test_grants_from_python(app_dir):
    with pytest.raises(LoadError, match="imports __certa_write .service 'console'., which is not granted"):
        load(app_dir / "hello.cm", grants=[])
    load(app_dir / "hello.cm", grants=["console"]).close()
    load(app_dir / "sq.cm", grants=[]).close()            # needs nothing but trap
    with pytest.raises(ValueError, match="unknown service"):
        load(app_dir / "sq.cm", grants=["network"])


CLOCK = """
#include <stdio.h>
#include <certa.h>
int main(void) {
    long a = certa_clock_ns();
    long b = certa_clock_ns();
    printf("%d %d\\n", a > 0, b >= a);
    return 0;
}
"""


def test_the_clock_is_a_capability(app_dir):
    (app_dir / "clock.c").write_text(CLOCK)
    compile_file(str(app_dir / "clock.c"), str(app_dir / "clock.cm"))
    granted = write(app_dir, '[app]\nmain = "c"\n[modules.c]\npath = "clock.cm"\n'
                             'grants = ["console", "clock"]\n', "clock.toml")
    proc = subprocess.run([sys.executable, "-m", "certa", "run", str(granted)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and proc.stdout == "1 1\n", proc.stderr
    refused = write(app_dir, '[app]\nmain = "c"\n[modules.c]\npath = "clock.cm"\n'
                             'grants = ["console"]\n', "noclock.toml")
    with pytest.raises(LoadError, match=r"imports __certa_clock \(service 'clock'\), which is not granted"):
        load_app(refused)


def test_the_heap_quota_is_the_manifests(app_dir):
    """The module's allocator stops at its quota (malloc returns NULL), per manifest."""
    def run(quota):
        man = write(app_dir, f'[app]\nmain = "a"\n[modules.a]\npath = "alloc.cm"\n'
                             f'grants = ["console", "alloc"]\nheap_bytes = {quota}\n', "quota.toml")
        proc = subprocess.run([sys.executable, "-m", "certa", "run", str(man)],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        return int(proc.stdout)
    small, large = run(20000), run(400000)
    assert small < 20 and large > small, (small, large)


BAD = [
    ("unknown top-level table", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\n[network]\nx = 1\n',
     5, "unknown key or table 'network'"),
    ("unknown key in app", '[app]\nmain = "sq"\nmian = "x"\n[modules.sq]\npath = "sq.cm"\n',
     3, "unknown key 'mian' in [app]"),
    ("unknown key in a module", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrant = []\n',
     5, "unknown key 'grant' in [modules.sq]"),
    ("no app", '[modules.sq]\npath = "sq.cm"\n', None, "missing [app] table"),
    ("main not a module", '[app]\nmain = "nope"\n[modules.sq]\npath = "sq.cm"\n',
     2, "[app] main must name one of the modules"),
    ("missing module file", '[app]\nmain = "sq"\n[modules.sq]\npath = "missing.cm"\n',
     4, "module 'sq': no such file: missing.cm"),
    ("unknown service", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrants = ["network"]\n',
     5, "unknown service 'network'"),
    ("an export of a module not listed", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrants = ["hello.main"]\n',
     5, "grant 'hello.main': no module 'hello' in the manifest"),
    ("its own export", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrants = ["sq.f"]\n',
     5, "a module does not import its own functions"),
    ("not a function name", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrants = ["sq2.f-g"]\n'
     '[modules.sq2]\npath = "sq.cm"\n', 5, "'f-g' is not a function name"),
    ("a host name", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrants = ["sq2.__certa_write"]\n'
     '[modules.sq2]\npath = "sq.cm"\n', 5, "'__certa_write' is not a function name"),
    ("one function from two modules", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\n'
     'grants = ["a.f", "b.f"]\n[modules.a]\npath = "sq.cm"\n[modules.b]\npath = "sq.cm"\n',
     5, "'f' is granted from both 'a' and 'b'"),
    ("files without a directory", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrants = ["files"]\n',
     5, "\"files\" is granted but no files"),
    ("a directory without the grant", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\nfiles = "."\n',
     5, "files is set but \"files\" is not granted"),
    ("no such directory", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrants = ["files"]\n'
     'files = "nowhere"\n', 6, "no such directory: nowhere"),
    ("grants not a list", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\ngrants = "console"\n',
     5, "grants must be a list of strings"),
    ("bad heap", '[app]\nmain = "sq"\n[modules.sq]\npath = "sq.cm"\nheap_bytes = -1\n',
     5, "heap_bytes must be an integer"),
    ("no modules", '[app]\nmain = "sq"\n', None, "no modules"),
    ("not TOML", '[app\nmain = "sq"\n', 1, "not valid TOML"),
    ("module not a table", '[app]\nmain = "sq"\n[modules]\nsq = 3\n', 4, "must be a table"),
]


@pytest.mark.parametrize("what, text, line, msg", BAD, ids=[b[0] for b in BAD])
def test_a_bad_manifest_is_a_clear_error(app_dir, what, text, line, msg):
    man = write(app_dir, text, "bad.toml")
    with pytest.raises(ManifestError) as e:
        read_manifest(man)
    where = f"{man}:{line}" if line else f"{man}:"
    assert str(e.value).startswith(where) and msg in str(e.value), str(e.value)
    proc = subprocess.run([sys.executable, "-m", "certa", "run", str(man)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 1 and msg in proc.stderr and "Traceback" not in proc.stderr


def test_a_manifest_that_is_not_utf8(app_dir):
    man = app_dir / "latin.toml"
    man.write_bytes(b'[app]\nname = "caf\xe9"\n')
    with pytest.raises(ManifestError, match="not UTF-8"):
        read_manifest(man)
