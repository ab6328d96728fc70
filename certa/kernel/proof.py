"""The proof checker: does a certificate prove `hyps ⇒ goal` over the integers?

What this file guarantees. `check(hyps, goal, proof)` returns only if `proof` derives a
contradiction from the hypotheses and the negated goal by the three rules below, each
sound for integer-valued variables; otherwise it raises `ProofError("PROOF: reason")`. It
never raises anything else, whatever object `proof` is, and its work is bounded.

A proof of `g >= 0` refutes `hyps ∪ {-g - 1 >= 0}` (the negation of `g >= 0` over the
integers). A proof of `g == 0` is a pair of proofs: one of `g >= 0`, one of `-g >= 0`.
Facts are numbered: the hypotheses 0..n-1, the negated goal n, then one new fact per step,
each `p >= 0`. Steps are numbered from 0. A step is one of

    ("lin", [(i, m), ...])   Σ m * p_i >= 0; m >= 0 unless fact i is an equality
    ("round", i)             fact i is Σ a_j * mono_j + c >= 0 with g = gcd(a_j) > 1:
                             Σ (a_j / g) * mono_j + floor(c / g) >= 0
    ("mul", i, j)            p_i * p_j >= 0, for two >= facts, of degree at most 4

The proof succeeds iff its last fact is a constant c >= 0 with c < 0. A proof with no
steps succeeds iff one of the facts it starts from is already a false constant (c >= 0
with c < 0, or c == 0 with c != 0). Soundness arguments: docs/kernel-proofs.md.
"""
from __future__ import annotations

from math import gcd

from certa.kernel.logic import Fact, Poly

MAX_STEPS = 10_000       # steps in one proof
MAX_MULT_BITS = 256      # size of a multiplier in "lin"
MAX_DEGREE = 4           # degree of a product in "mul"
MAX_COEFF_BITS = 1024    # size of any coefficient of a derived fact
MAX_WORK = 500_000       # polynomial terms touched by one proof

TOO_LARGE = f"the proof is too large (it touches more than {MAX_WORK} terms)"
SHAPES = "expected ('lin', [(fact, multiplier), ...]), ('round', fact) or ('mul', fact, fact)"


class ProofError(Exception):
    """A proof does not establish its goal. The message starts with "PROOF: "."""


def fail(reason: str):
    raise ProofError("PROOF: " + reason)


def check(hyps: list[Fact], goal: Fact, proof) -> None:
    try:
        if goal.kind == "==":
            if type(proof) not in (list, tuple) or len(proof) != 2:
                fail("an equality goal needs a pair of proofs (of g >= 0 and of -g >= 0)")
            refute(hyps, goal.poly, proof[0], "first half: ")
            refute(hyps, -goal.poly, proof[1], "second half: ")
        else:
            refute(hyps, goal.poly, proof, "")
    except ProofError:
        raise
    except Exception as e:          # any other failure is a rejection, never a crash
        raise ProofError(f"PROOF: malformed proof ({type(e).__name__})") from None


def contradiction(p: Poly, kind: str) -> bool:
    return p.is_const() and (p.constant < 0 if kind == ">=" else p.constant != 0)


def show(p: Poly) -> str:
    s = str(p)
    return s if len(s) <= 200 else s[:200] + " ..."


def lookup(facts: list, i, at: str) -> tuple[Poly, str]:
    if type(i) is not int:
        fail(f"{at}malformed step: a fact index must be an int")
    if not 0 <= i < len(facts):
        fail(f"{at}fact {i if i.bit_length() <= 64 else '(huge)'} does not exist")
    return facts[i]


def refute(hyps: list[Fact], g: Poly, steps, where: str) -> None:
    """Check that `steps` derives a contradiction from hyps and -g - 1 >= 0."""
    facts = [(h.poly, h.kind) for h in hyps] + [(-g - 1, ">=")]
    if type(steps) not in (list, tuple):
        fail(f"{where}malformed proof: a proof is a list of steps")
    if len(steps) > MAX_STEPS:
        fail(f"{where}too many steps ({len(steps)} > {MAX_STEPS})")
    if not steps:
        if any(contradiction(p, kind) for p, kind in facts):
            return
        fail(f"{where}empty proof, but neither a hypothesis nor the negated goal "
             f"{show(-g - 1)} >= 0 is a contradiction")
    work = 0
    for k, step in enumerate(steps):
        at = f"{where}step {k}: "
        op = step[0] if type(step) in (list, tuple) and step else None
        if type(op) is not str:
            fail(f"{at}malformed step: {SHAPES}")
        if op == "lin" and len(step) == 2 and type(step[1]) in (list, tuple):
            pairs = []
            for pair in step[1]:
                if type(pair) not in (list, tuple) or len(pair) != 2:
                    fail(f"{at}malformed step: a 'lin' term is (fact, multiplier)")
                p, kind = lookup(facts, pair[0], at)
                m = pair[1]
                if type(m) is not int or m.bit_length() > MAX_MULT_BITS:
                    fail(f"{at}a multiplier must be an int of at most {MAX_MULT_BITS} bits")
                if m < 0 and kind != "==":
                    fail(f"{at}negative multiplier on fact {pair[0]}")
                work += len(p) + 1
                if work > MAX_WORK:
                    fail(f"{at}{TOO_LARGE}")
                pairs.append((p, m))
            new = Poly.lincomb(pairs)
        elif op == "round" and len(step) == 2:
            p, kind = lookup(facts, step[1], at)
            if kind != ">=":
                fail(f"{at}round needs a >= fact; fact {step[1]} is an equality")
            g = 0
            for mono, c in p.terms():
                if mono:
                    g = gcd(g, c)
            if g <= 1:
                fail(f"{at}round: the coefficients of fact {step[1]} have no common factor > 1")
            new = Poly({mono: (c // g) for mono, c in p.terms()})
        elif op == "mul" and len(step) == 3:
            (p, kp), (q, kq) = lookup(facts, step[1], at), lookup(facts, step[2], at)
            if kp != ">=" or kq != ">=":
                fail(f"{at}mul needs two >= facts; fact {step[1] if kp != '>=' else step[2]} "
                     f"is an equality")
            if p.degree() + q.degree() > MAX_DEGREE:
                fail(f"{at}mul: the product has degree {p.degree() + q.degree()} > {MAX_DEGREE}")
            work += len(p) * len(q)
            if work > MAX_WORK:
                fail(f"{at}{TOO_LARGE}")
            new = p * q
        else:
            fail(f"{at}malformed step: {SHAPES}")
        work += len(new) + 1
        if work > MAX_WORK:
            fail(f"{at}{TOO_LARGE}")
        if any(abs(c).bit_length() > MAX_COEFF_BITS for _, c in new.terms()):
            fail(f"{at}a coefficient exceeds {MAX_COEFF_BITS} bits")
        facts.append((new, ">="))
    last = facts[-1][0]
    if not contradiction(last, ">="):
        fail(f"{where}final fact {show(last)} >= 0 is not a contradiction")
