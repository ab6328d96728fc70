"""Mutation fuzzing, CI size (bench/trust_mutate.py runs it for as long as you like): code
bytes, certificate fields, contract fields and section sizes of certified modules are
mutated; every mutant the kernel accepts runs under the emulator oracle with no access
outside the memory the module owns."""
from __future__ import annotations

import random

from certa.compiler.pipeline import compile_file
from tests.trust.mutate import Base, Tally, fuzz, mutate_json

PROGRAMS = ("strings", "pointer_params", "linked_list", "stack_pointers")
MUTANTS = 48


def test_accepted_mutants_stay_inside_their_memory(tmp_path):
    bases = []
    for name in PROGRAMS:
        out = tmp_path / f"{name}.cm"
        compile_file(f"tests/certified/{name}.c", str(out))
        bases.append(Base(name, out.read_bytes(), [out.name]))
    tally = Tally()
    fuzz(bases, random.Random(20261203), lambda: tally.tried < MUTANTS, tally)
    print(tally.line())
    assert tally.tried == MUTANTS
    assert tally.accepted > 0 and tally.run == tally.accepted   # the oracle did run mutants
    assert len(tally.by_kind) == 4                               # every kind of mutation
    assert not tally.violations, tally.violations


def test_json_mutation_changes_exactly_one_field():
    doc = {"functions": {"f": {"pre": [[">=", [[1, ["b"]]]]], "areas": [[-8, 0]]}}}
    rng = random.Random(1)
    seen = set()
    for _ in range(40):
        d = {"functions": {"f": {"pre": [[">=", [[1, ["b"]]]]], "areas": [[-8, 0]]}}}
        what = mutate_json(d, rng, ("functions", "f"))
        assert what is not None and what.startswith("functions/f/") and d != doc
        seen.add(what.split("/")[2])
    assert seen == {"pre", "areas"}
