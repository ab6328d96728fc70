"""bench/os.py keeps working: its quick mode builds the call, pipe, Python and wordfreq
benchmarks (with Certa and gcc), checks that every loop contains the call it claims to
time and that all wordfreq outputs agree, and exits 0. No timing is asserted."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_bench_os_quick_mode_runs():
    r = subprocess.run([sys.executable, str(ROOT / "bench" / "os.py"), "--quick"],
                       capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-2000:]
    for row in ("Calls from Python", "wordfreq", "Load time", "load_app(app.toml)"):
        assert row in r.stdout, row
