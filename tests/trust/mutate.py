"""Mutation fuzzing of compiled modules: whatever is changed, an accepted module stays safe.

What this file guarantees: `mutants(data, rng)` yields modified copies of a compiled module,
each with a label saying what was changed:

* `code`: one byte of a user function's code set to a random value, or one bit flipped;
* `cert`: one field of the decompressed certificate JSON changed (a number nudged or made
  extreme, a list element dropped or duplicated, a string swapped for another name, a
  boolean negated), then recompressed;
* `contract`: the same, restricted to a function's contract (params, pre, pre_regions, ret,
  post, areas);
* `size`: a section size or the .bss size changed in the image before it is written again.

`fuzz(bases, rng, budget)` feeds every mutant to the kernel; every mutant the kernel accepts
is run under the emulator oracle (tests/trust/oracle.py, exact object bounds) and must show
no violation. Counts: tried, accepted, run, violations (each with the mutation and the
oracle's report). A violation is a soundness bug in the kernel (or, if the oracle is wrong,
in the oracle): it is never expected.
"""
from __future__ import annotations

import copy
import json
import random
import zlib
from dataclasses import dataclass, field, replace

from certa.compiler.module_writer import write_module
from certa.kernel.check import check_module
from certa.kernel.modfile import ModuleFormatError, parse_module
from tests.trust.oracle import run_module

MAX_INSNS = 2_000_000           # an accepted mutant may loop: the budget ends it


def _paths(node, prefix=()):
    """Every (path, value) of a JSON tree, leaves and containers."""
    yield prefix, node
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


def _get(node, path):
    for k in path:
        node = node[k]
    return node


def mutate_json(doc, rng: random.Random, under: tuple = ()) -> str | None:
    """Change one field of `doc` in place (below the path `under`); returns what changed."""
    choices = [(p, v) for p, v in _paths(doc) if p[:len(under)] == under and len(p) > len(under)]
    if not choices:
        return None
    path, value = rng.choice(choices)
    parent, key = _get(doc, path[:-1]), path[-1]
    if isinstance(value, bool):
        parent[key] = not value
    elif isinstance(value, int):
        parent[key] = rng.choice([v for v in (value + 1, value - 1, value + 8, value - 8, -value,
                                              0, 1, value * 2, 1 << 47, -(1 << 63)) if v != value])
    elif isinstance(value, str):
        names = sorted({v for _, v in _paths(doc) if isinstance(v, str)} - {value})
        if not names:
            return None
        parent[key] = rng.choice(names)
    elif isinstance(value, list) and value:
        i = rng.randrange(len(value))
        if rng.random() < 0.5:
            del value[i]
        else:
            value.insert(i, copy.deepcopy(value[i]))
    elif isinstance(value, dict) and value:
        k = rng.choice(sorted(value))
        del value[k]
    else:
        return None
    return "/".join(str(p) for p in path)


@dataclass
class Base:
    """A compiled, kernel-accepted module and how to run it."""
    name: str
    data: bytes
    argv: list
    image: object = None
    cert: dict = None
    user_code: list = field(default_factory=list)     # (start, end) of user functions in .text

    def __post_init__(self):
        self.image = parse_module(self.data)
        self.cert = json.loads(zlib.decompress(self.image.cert))
        # User functions have source lines; the bundled libc's are all line 0.
        self.user_code = [(s.offset, s.offset + s.size) for s in self.image.symbols
                          if s.kind == "func" and s.section == ".text"
                          and any(s.offset <= off < s.offset + s.size and line
                                  for off, line in self.image.lines)]


def _with(base: Base, **changes) -> bytes:
    return write_module(replace(base.image, **changes))


def mutants(base: Base, rng: random.Random):
    """An endless stream of (kind, what, module bytes)."""
    text_spans = base.user_code or [(0, len(base.image.text))]
    while True:
        kind = rng.choice(["code", "code", "cert", "contract", "size"])
        if kind == "code":
            start, end = rng.choice(text_spans)
            at = rng.randrange(start, end)
            text = bytearray(base.image.text)
            if rng.random() < 0.5:
                text[at] ^= 1 << rng.randrange(8)
            else:
                text[at] = rng.randrange(256)
            yield kind, f".text+0x{at:x}", _with(base, text=bytes(text))
        elif kind in ("cert", "contract"):
            doc = copy.deepcopy(base.cert)
            under = ()
            if kind == "contract":
                fname = rng.choice(sorted(doc["functions"]))
                key = rng.choice(["params", "pre", "pre_regions", "ret", "post", "areas"])
                if key not in doc["functions"][fname]:
                    continue
                under = ("functions", fname, key)
            what = mutate_json(doc, rng, under)
            if what is None:
                continue
            cert = zlib.compress(json.dumps(doc, separators=(",", ":")).encode(), 9)
            yield kind, what, _with(base, cert=cert)
        else:
            field_name = rng.choice(["bss_size", "rodata", "data"])
            if field_name == "bss_size":
                new = max(0, base.image.bss_size + rng.choice([-16, -8, -1, 1, 8, 4096]))
                yield kind, f"bss_size={new}", _with(base, bss_size=new)
            else:
                old = getattr(base.image, field_name)
                new = old[:-8] if len(old) >= 8 and rng.random() < 0.5 else old + bytes(8)
                yield kind, f"{field_name} {len(old)}->{len(new)}", _with(base, **{field_name: new})


@dataclass
class Tally:
    tried: int = 0
    accepted: int = 0
    run: int = 0
    out_of_steps: int = 0
    violations: list = field(default_factory=list)
    by_kind: dict = field(default_factory=dict)

    def line(self) -> str:
        kinds = ", ".join(f"{k} {a}/{t}" for k, (t, a) in sorted(self.by_kind.items()))
        return (f"mutants tried {self.tried}, accepted by the kernel {self.accepted} "
                f"(accepted/tried by kind: {kinds}), run under the oracle {self.run} "
                f"({self.out_of_steps} out of steps), violations {len(self.violations)}")


def fuzz(bases: list, rng: random.Random, budget, tally: Tally | None = None) -> Tally:
    """Try mutants round-robin over `bases` while `budget()` is true."""
    tally = tally or Tally()
    streams = [(b, mutants(b, rng)) for b in bases]
    while budget():
        base, stream = streams[tally.tried % len(streams)]
        kind, what, data = next(stream)
        tally.tried += 1
        t, a = tally.by_kind.get(kind, (0, 0))
        verdict = check_module(data)
        tally.by_kind[kind] = (t + 1, a + bool(verdict.ok))
        if not verdict.ok:
            continue
        tally.accepted += 1
        try:
            parse_module(data)
        except ModuleFormatError:
            tally.violations.append((base.name, kind, what, "accepted but unreadable"))
            continue
        result = run_module(data, base.argv, MAX_INSNS)
        tally.run += 1
        tally.out_of_steps += result.out_of_steps
        if result.violations:
            tally.violations.append((base.name, kind, what, result.violations[:3]))
    return tally
