#!/usr/bin/env python3
"""Bit flips in certified modules: the kernel must never accept a mutant that then faults.

For each program of tests/certified/ named, the module is compiled with its certificate;
then, one at a time, a random bit of its code (user functions) or of its certificate is
flipped. The kernel checks each mutant; every accepted mutant is run (in a subprocess, with
a timeout) and must end normally, time out, or stop at a trap the runtime raises on purpose
(a failed run-time check, a division check, stack overflow, heap exhaustion). A memory
fault ("crash") or a dead process is a soundness bug: reported, and the exit status is 1.

    .venv/bin/python bench/flips.py --flips 2000 linked_list strings     # a long run
    .venv/bin/python bench/flips.py --flips 30 --seed 3 pointer_params   # CI size

The tests run a short version (tests/test_certified.py).
"""
from __future__ import annotations

import argparse
import collections
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from certa.compiler.module_writer import write_module  # noqa: E402
from certa.compiler.pipeline import compile_image  # noqa: E402
from certa.kernel.check import check_module  # noqa: E402
from certa.kernel.modfile import parse_module  # noqa: E402

SAFE = {"check", "assert", "divide", "null", "stack", "heap"}
RUNNER = """
import sys
from certa.runtime import load, Trap
from certa.runtime.loader import ModuleExit
try:
    m = load(sys.argv[1])
    rc = m.run_main([sys.argv[1]])
    print("ok", rc, file=sys.stderr)
except Trap as t:
    print("trap", t.kind, file=sys.stderr)
"""


def run(data: bytes) -> tuple[str, bytes]:
    """(verdict, stdout) of running a module's main in a fresh process."""
    with tempfile.NamedTemporaryFile(suffix=".cm", delete=False) as f:
        f.write(data)
    try:
        r = subprocess.run([sys.executable, "-c", RUNNER, f.name], capture_output=True,
                           timeout=20, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return "timeout", b""
    finally:
        os.unlink(f.name)
    last = r.stderr.decode(errors="replace").strip().splitlines()[-1:] or [f"died rc={r.returncode}"]
    return last[0], r.stdout


def flip_program(name: str, flips: int, rng: random.Random) -> tuple[collections.Counter, list]:
    data = write_module(compile_image(str(ROOT / "tests" / "certified" / f"{name}.c")))
    assert check_module(data).ok, name
    image = parse_module(data)
    text_at, cert_at = data.index(image.text), data.index(image.cert)
    user = [s for s in image.symbols if s.kind == "func" and not s.name.startswith("__certa_")
            or s.name.startswith("__certa_fat_")]
    base = run(data)
    tally, unsafe = collections.Counter(), []
    for _ in range(flips):
        if rng.random() < 0.75:
            s = rng.choice(user)
            pos = text_at + s.offset + rng.randrange(s.size)
        else:
            pos = cert_at + rng.randrange(len(image.cert))
        mutant = bytearray(data)
        mutant[pos] ^= 1 << rng.randrange(8)
        v = check_module(bytes(mutant))
        if not v.ok:
            tally["rejected"] += 1
            continue
        verdict, out = run(bytes(mutant))
        if (verdict, out) == base:
            tally["accepted, same run"] += 1
        elif verdict.startswith("ok") or verdict == "timeout" or \
                (verdict.startswith("trap ") and verdict.split()[1] in SAFE):
            tally["accepted, safe but different"] += 1
        else:
            tally["UNSAFE"] += 1
            unsafe.append(f"{name}: byte {pos:#x} bit flipped: {verdict}")
    return tally, unsafe


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("programs", nargs="*", default=["linked_list", "pointer_params", "strings"])
    ap.add_argument("--flips", type=int, default=300, help="per program")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    unsafe = []
    for name in args.programs:
        tally, bad = flip_program(name, args.flips, rng)
        unsafe += bad
        print(f"{name}: {dict(tally)}")
    for line in unsafe:
        print("SOUNDNESS BUG:", line)
    return 1 if unsafe else 0


if __name__ == "__main__":
    sys.exit(main())
