"""Terms (kernel.logic), the proof checker (kernel.proof) and the untrusted prover
(prover.farkas): normal form, must-accept and must-reject proofs with their exact reasons,
fuzzing with malformed proofs, soundness by brute force, and the prover on typical
obligations and non-theorems."""
import itertools
import json
import random
from math import gcd

import pytest

from certa.kernel.logic import Fact, Poly, eq, ge, gt, le, lt
from certa.kernel.proof import MAX_STEPS, ProofError, check
from certa.prover import prove

V = Poly.var
i, j, k, m, n, x, y, z, a, b = (V(s) for s in "i j k m n x y z a b".split())
MIN64, MAX64 = -(1 << 63), (1 << 63) - 1


# ---------------------------------------------------------------------------------------------
# Poly: normal form and arithmetic

def test_normal_form_merges_and_drops():
    p = Poly({("b", "a"): 2, ("a", "b"): -2, ("a",): 3, (): 0})
    assert p == 3 * a
    assert Poly({("a", "b"): 1}) == a * b == b * a
    assert Poly() == Poly.const(0) == a - a
    assert len(Poly.const(0)) == 0 and Poly.const(0).is_const()
    assert hash(Poly({("y", "x"): 5})) == hash(5 * x * y)


def test_inspection():
    p = 4 * i * n + 3 * i - 2 * n * n + 7
    assert p.constant == 7 and Poly.const(0).constant == 0
    assert p.coeff(("n", "i")) == 4 and p.coeff(("i", "n")) == 4
    assert p.coeff(("n", "n")) == -2 and p.coeff(("x",)) == 0 and p.coeff(()) == 7
    assert p.variables() == {"i", "n"}
    assert p.degree() == 2 and Poly.const(5).degree() == 0 and (i * i * i * n).degree() == 4
    assert not p.is_const() and Poly.const(-3).is_const()
    assert p.eval({"i": 2, "n": 3}) == 24 + 6 - 18 + 7


def test_str():
    assert str(4 * i + b - 12) == "b + 4*i - 12"
    assert str(-i) == "-i"
    assert str(Poly.const(0)) == "0" and str(Poly.const(-5)) == "-5"
    assert str(i * i * n - 3 * i * n + 1) == "i^2*n - 3*i*n + 1"
    assert str(ge(i, n)) == "i - n >= 0" and str(eq(x, y + 1)) == "x - y - 1 == 0"
    assert repr(i + 1) == "Poly('i + 1')"


def test_serialisation_round_trip_and_determinism():
    p = 3 * i * n - n + 9 - x * x
    data = p.to_data()
    assert data == ((3, ("i", "n")), (-1, ("x", "x")), (-1, ("n",)), (9, ()))
    assert Poly.from_data(data) == p
    assert Poly.from_data(json.loads(json.dumps(data))) == p
    q = 9 - x * x + 3 * n * i - n       # built in another order
    assert q.to_data() == data and str(q) == str(p)


@pytest.mark.parametrize("bad", [{("x",): 1.5}, {("x",): True}, {"x": 1}, {(1,): 1},
                                 {("",): 1}, [(("x",), "1")]])
def test_bad_construction(bad):
    with pytest.raises(TypeError):
        Poly(bad)


def test_bad_const_and_var():
    for f, arg in ((Poly.const, 1.0), (Poly.const, "1"), (Poly.var, ""), (Poly.var, 3)):
        with pytest.raises(TypeError):
            f(arg)
    with pytest.raises(TypeError):
        ge(i, 1.5)
    with pytest.raises(TypeError):
        Fact(i, ">")
    with pytest.raises(TypeError):
        Fact("i", ">=")


def random_poly(rng, names="xyzw", deg=3, terms=4, big=False):
    out = Poly.const(0)
    for _ in range(rng.randint(0, terms)):
        mono = tuple(rng.choice(names) for _ in range(rng.randint(0, deg)))
        c = rng.randint(-(1 << 70), 1 << 70) if big and rng.random() < 0.2 else rng.randint(-9, 9)
        out = out + Poly({mono: c})
    return out


def test_arithmetic_properties_randomised():
    rng = random.Random(1234)
    for _ in range(1500):
        p, q, r = (random_poly(rng, big=True) for _ in range(3))
        c = rng.randint(-50, 50)
        env = {v: rng.randint(-20, 20) for v in "xyzw"}
        assert (p + q).eval(env) == p.eval(env) + q.eval(env)
        assert (p - q).eval(env) == p.eval(env) - q.eval(env)
        assert (p * q).eval(env) == p.eval(env) * q.eval(env)
        assert (-p).eval(env) == -p.eval(env) and (p * c).eval(env) == c * p.eval(env)
        assert p + q == q + p and p * q == q * p
        assert (p + q) + r == p + (q + r) and (p * q) * r == p * (q * r)
        assert p * (q + r) == p * q + p * r
        assert p - p == Poly.const(0) and p + 0 == p and 1 * p == p and p * 0 == Poly.const(0)
        assert c - p == -(p - c) and c + p == p + c
        assert Poly.lincomb([(p, 2), (q, -3)]) == 2 * p - 3 * q
        if p == q:
            assert hash(p) == hash(q)
        assert Poly.from_data(p.to_data()) == p
        assert all(cf != 0 for _, cf in p.terms())
        if p != Poly.const(0) and q != Poly.const(0):
            assert (p * q).degree() == p.degree() + q.degree()
        assert (p * q).variables() <= p.variables() | q.variables()
        # equality of normal forms agrees with equality as functions on sample points
        same = all((p * q).eval(e) == (q * p).eval(e) for e in [env])
        assert same


def test_fact_helpers_semantics():
    rng = random.Random(7)
    for _ in range(500):
        u, v = random_poly(rng, deg=2), random_poly(rng, deg=2)
        env = {s: rng.randint(-5, 5) for s in "xyzw"}
        uv, vv = u.eval(env), v.eval(env)
        holds = lambda f: f.poly.eval(env) >= 0 if f.kind == ">=" else f.poly.eval(env) == 0
        assert holds(ge(u, v)) == (uv >= vv) and holds(le(u, v)) == (uv <= vv)
        assert holds(lt(u, v)) == (uv < vv) and holds(gt(u, v)) == (uv > vv)
        assert holds(eq(u, v)) == (uv == vv)
    assert lt(i, n) == Fact(n - i - 1, ">=") and gt(i, 3) == Fact(i - 4, ">=")
    assert ge(5, i) == le(i, 5) and eq(i, 2).kind == "=="


def test_poly_is_usable_as_a_key():
    d = {3 * x + y: "a", ge(x, 1): "b"}
    assert d[y + x * 3] == "a" and d[Fact(x - 1, ">=")] == "b"


# ---------------------------------------------------------------------------------------------
# The checker: valid proofs

H = [ge(i, 0),              # 0: i >= 0
     lt(i, n),              # 1: n - i - 1 >= 0
     le(n, 100),            # 2: 100 - n >= 0
     eq(x, y + 1),          # 3: x - y - 1 == 0
     ge(2 * z - 1, 0)]      # 4: 2z - 1 >= 0
G = le(4 * i + 4, 400)      # negated: 4i - 397 >= 0 is fact 5


def test_accepts_linear_combination():
    check(H, G, [("lin", [(1, 4), (2, 4), (5, 1)])])
    # the same proof as JSON-decoded data (lists, no tuples)
    check(H, G, json.loads(json.dumps([("lin", [(1, 4), (2, 4), (5, 1)])])))
    # larger multipliers than needed are fine
    check(H, G, [("lin", [(1, 8), (2, 8), (5, 2), (0, 0)])])
    # in several steps
    check(H, G, [("lin", [(1, 1), (2, 1)]), ("lin", [(6, 4), (5, 1)])])


def test_equality_hypotheses_take_either_sign():
    check(H, ge(x, y + 1), [("lin", [(3, 1), (5, 1)])])
    check(H, le(x, y + 1), [("lin", [(3, -1), (5, 1)])])
    check(H, eq(x, y + 1), [[("lin", [(3, 1), (5, 1)])], [("lin", [(3, -1), (5, 1)])]])


def test_round_is_floor():
    # 2x - 1 >= 0 rounds to x - 1 >= 0 (floor(-1/2) = -1), which proves x >= 1
    hyps = [ge(2 * x - 1, 0)]
    check(hyps, ge(x, 1), [("round", 0), ("lin", [(2, 1), (1, 1)])])
    # 2x - 1 >= 0 ⇒ 3x - 3 >= 0 needs the round: the best plain combination is 1 >= 0
    check(hyps, ge(3 * x, 3), [("round", 0), ("lin", [(2, 3), (1, 1)])])
    with pytest.raises(ProofError, match=r"^PROOF: final fact 1 >= 0 is not a contradiction$"):
        check(hyps, ge(3 * x, 3), [("lin", [(0, 3), (1, 2)])])
    # positive constant: 3y + 5 >= 0 rounds to y + 1 >= 0 (floor(5/3) = 1)
    check([ge(3 * y + 5, 0)], ge(y, -1), [("round", 0), ("lin", [(2, 1), (1, 1)])])
    # round on a derived fact, with several monomials
    check([ge(2 * x + 4 * y, 1)], ge(x + 2 * y, 1),
          [("lin", [(0, 1)]), ("round", 2), ("lin", [(3, 1), (1, 1)])])


def test_wrong_hand_made_rounding_rejected():
    # claiming ceil instead of floor: 2x + 1 >= 0 gives x >= 0 (x + floor(1/2)), not x >= 1
    with pytest.raises(ProofError, match=r"^PROOF: final fact 0 >= 0 is not a contradiction$"):
        check([ge(2 * x + 1, 0)], ge(x, 1), [("round", 0), ("lin", [(2, 1), (1, 1)])])
    # rounding 2x - 1 >= 0 cannot give x >= 2
    with pytest.raises(ProofError, match=r"^PROOF: final fact 0 >= 0 is not a contradiction$"):
        check([ge(2 * x - 1, 0)], ge(x, 2), [("round", 0), ("lin", [(2, 1), (1, 1)])])


def test_mul_for_index_arithmetic():
    # 0 <= i < m, 0 <= j < n  ⇒  i*n + j < m*n
    hyps = [ge(i, 0), lt(i, m), ge(j, 0), lt(j, n)]
    goal = lt(i * n + j, m * n)
    check(hyps, goal, [("mul", 1, 3), ("mul", 1, 2), ("lin", [(5, 1), (6, 1), (1, 1), (3, 1), (4, 1)])])
    # products of derived facts too
    check([ge(x, 1)], ge(x * x, 1), [("lin", [(0, 1)]), ("mul", 2, 2),
                                      ("lin", [(3, 1), (0, 2), (1, 1)])])


def test_empty_proofs():
    check([], ge(Poly.const(0), 0), [])                      # negated goal: -1 >= 0
    check([], ge(Poly.const(7), 0), ())
    check([ge(Poly.const(-1), 0)], ge(x, 1000), [])            # a false hypothesis
    check([eq(Poly.const(2), 0)], ge(x, 1000), [])             # a false equality
    check([], eq(Poly.const(0), 0), [[], []])
    check([eq(x, 3)], eq(Poly.const(3), 3), [[], []])


def test_contradictory_hypotheses_prove_anything():
    check([ge(x, 1), le(x, 0)], ge(y, 10 ** 9), [("lin", [(0, 1), (1, 1)])])


# ---------------------------------------------------------------------------------------------
# The checker: invalid proofs, each with its reason

def many(step, count):
    return [step] * count


INVALID = [
    ("negative multiplier", G, [("lin", [(1, -4), (2, 4), (5, 1)])],
     "PROOF: step 0: negative multiplier on fact 1"),
    ("negative multiplier later", G, [("lin", [(0, 1)]), ("lin", [(5, 1)]), ("lin", [(0, 1)]),
                                      ("lin", [(6, -1)])],
     "PROOF: step 3: negative multiplier on fact 6"),
    ("negative on negated goal", G, [("lin", [(5, -1)])],
     "PROOF: step 0: negative multiplier on fact 5"),
    ("missing fact", G, [("lin", [(0, 1)])] * 5 + [("lin", [(99, 1)])],
     "PROOF: step 5: fact 99 does not exist"),
    ("negative index", G, [("lin", [(-1, 1)])], "PROOF: step 0: fact -1 does not exist"),
    ("future fact", G, [("lin", [(6, 1)])], "PROOF: step 0: fact 6 does not exist"),
    ("huge index", G, [("lin", [(10 ** 100, 1)])], "PROOF: step 0: fact (huge) does not exist"),
    ("does not cancel", G, [("lin", [(1, 4), (2, 3), (5, 1)])],
     "PROOF: final fact n - 101 >= 0 is not a contradiction"),
    ("not a contradiction", G, [("lin", [(1, 4), (2, 4)])],
     "PROOF: final fact -4*i + 396 >= 0 is not a contradiction"),
    ("constant but not negative", G, [("lin", [(1, 4), (2, 4), (5, 1), (0, 1), (1, 0)]),
                                      ("lin", [(6, 0)])],
     "PROOF: final fact 0 >= 0 is not a contradiction"),
    ("one short", le(4 * i + 4, 399), [("lin", [(1, 4), (2, 4), (5, 1)])],
     "PROOF: final fact 0 >= 0 is not a contradiction"),
    ("round gcd 1", G, [("round", 0)],
     "PROOF: step 0: round: the coefficients of fact 0 have no common factor > 1"),
    ("round constant", G, [("lin", [(0, 0)]), ("round", 6)],
     "PROOF: step 1: round: the coefficients of fact 6 have no common factor > 1"),
    ("round equality", G, [("round", 3)],
     "PROOF: step 0: round needs a >= fact; fact 3 is an equality"),
    ("mul equality", G, [("mul", 0, 3)],
     "PROOF: step 0: mul needs two >= facts; fact 3 is an equality"),
    ("degree too high", G, [("mul", 0, 0), ("mul", 6, 6), ("mul", 7, 0)],
     "PROOF: step 2: mul: the product has degree 5 > 4"),
    ("multiplier too big", G, [("lin", [(0, 1 << 256)])],
     "PROOF: step 0: a multiplier must be an int of at most 256 bits"),
    ("negative multiplier too big", G, [("lin", [(3, -(1 << 256))])],
     "PROOF: step 0: a multiplier must be an int of at most 256 bits"),
    ("float multiplier", G, [("lin", [(0, 1.0)])],
     "PROOF: step 0: a multiplier must be an int of at most 256 bits"),
    ("bool multiplier", G, [("lin", [(0, True)])],
     "PROOF: step 0: a multiplier must be an int of at most 256 bits"),
    ("bool index", G, [("lin", [(True, 1)])],
     "PROOF: step 0: malformed step: a fact index must be an int"),
    ("string index", G, [("round", "0")],
     "PROOF: step 0: malformed step: a fact index must be an int"),
    ("triple lin term", G, [("lin", [(0, 1, 2)])],
     "PROOF: step 0: malformed step: a 'lin' term is (fact, multiplier)"),
    ("flat lin terms", G, [("lin", (0, 1))],
     "PROOF: step 0: malformed step: a 'lin' term is (fact, multiplier)"),
    ("unknown rule", G, [("frob", 1)], "PROOF: step 0: malformed step: expected"),
    ("rule without args", G, [("lin",)], "PROOF: step 0: malformed step: expected"),
    ("round with two args", G, [("round", 1, 2)], "PROOF: step 0: malformed step: expected"),
    ("mul with one arg", G, [("mul", 0)], "PROOF: step 0: malformed step: expected"),
    ("step is an int", G, [5], "PROOF: step 0: malformed step: expected"),
    ("step is a dict", G, [{"lin": [(0, 1)]}], "PROOF: step 0: malformed step: expected"),
    ("empty step", G, [()], "PROOF: step 0: malformed step: expected"),
    ("empty proof", G, [],
     "PROOF: empty proof, but neither a hypothesis nor the negated goal 4*i - 397 >= 0 "
     "is a contradiction"),
    ("None", G, None, "PROOF: malformed proof: a proof is a list of steps"),
    ("string", G, "lin", "PROOF: malformed proof: a proof is a list of steps"),
    ("dict", G, {"steps": []}, "PROOF: malformed proof: a proof is a list of steps"),
    ("too many steps", G, many(("lin", [(0, 1)]), MAX_STEPS + 1),
     f"PROOF: too many steps ({MAX_STEPS + 1} > {MAX_STEPS})"),
    ("coefficient blow-up", G, [("lin", [(1, 1 << 255)])]
     + [("lin", [(6 + s, 1 << 255)]) for s in range(5)],
     "PROOF: step 4: a coefficient exceeds 1024 bits"),
    ("too much work", G, [("lin", [(0, 1)] * 600_000)],
     "PROOF: step 0: the proof is too large"),
    ("equality goal, one proof", eq(x, y + 1), [("lin", [(3, 1), (5, 1)])],
     "PROOF: an equality goal needs a pair of proofs"),
    ("equality goal, bad second half", eq(x, y + 1),
     [[("lin", [(3, 1), (5, 1)])], [("lin", [(3, 1), (5, 1)])]],
     "PROOF: second half: final fact 2*x - 2*y - 3 >= 0 is not a contradiction"),
    ("equality goal, bad first half", eq(x, y + 1),
     [[("lin", [(3, -1), (5, 1)])], [("lin", [(3, -1), (5, 1)])]],
     "PROOF: first half: final fact -2*x + 2*y + 1 >= 0 is not a contradiction"),
    ("equality goal, None halves", eq(x, y), [None, None],
     "PROOF: first half: malformed proof: a proof is a list of steps"),
]


@pytest.mark.parametrize("name,goal,proof,reason", INVALID, ids=[c[0] for c in INVALID])
def test_rejects_invalid_proof(name, goal, proof, reason):
    with pytest.raises(ProofError) as e:
        check(H, goal, proof)
    assert str(e.value).startswith(reason), str(e.value)


def test_at_least_25_must_reject_cases():
    assert len(INVALID) >= 25


def test_deep_nesting_and_odd_objects():
    deep = []
    for _ in range(100_000):
        deep = [deep]
    odd = [deep, [deep], [("lin", deep)], [("lin", [deep])], [("mul", deep, deep)],
           [b"lin"], [("lin", [(0, 1)]), None], [["lin", [[0, 1]]], float("nan")],
           [("lin", {0: 1})], [("lin", [{0, 1}])], [("round", 1.0)], [("round", None)],
           [("lin", [(0, 10 ** 5000)])], [("lin", [(10 ** 5000, 1)])], [(None,)], [("",)],
           [("lin" * 10000, [])], [(1, 2, 3)], object(), [object()], [(object(), [])],
           [("lin", [(0, object())])], [("lin", [(object(), 1)])], 3, 2.5, True, b"", ...]

    class Evil(list):
        def __len__(self):
            raise RuntimeError("boom")

        def __iter__(self):
            raise RuntimeError("boom")

    odd += [Evil(), [Evil()], [("lin", Evil())], [("lin", [Evil()])]]
    for proof in odd:
        with pytest.raises(ProofError):
            check(H, G, proof)
        with pytest.raises(ProofError):
            check(H, eq(x, y), proof)
        with pytest.raises(ProofError):
            check(H, eq(x, y), [proof, proof])


def random_junk(rng, depth=0):
    r = rng.random()
    if depth > 4 or r < 0.3:
        return rng.choice([0, 1, -1, 5, 6, 7, 1 << 300, -(1 << 300), True, None, 1.5, "lin",
                           "round", "mul", "", b"x", float("inf"), (), [], {}])
    if r < 0.5:
        op = rng.choice(["lin", "round", "mul", "nope"])
        return (op,) + tuple(random_junk(rng, depth + 1) for _ in range(rng.randint(0, 3)))
    if r < 0.6:
        return {rng.choice([0, "lin", 1.5, None]): random_junk(rng, depth + 1)}
    seq = [random_junk(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return seq if rng.random() < 0.5 else tuple(seq)


def test_fuzz_malformed_proofs_only_raise_proof_error():
    rng = random.Random(99)
    accepted = 0
    for _ in range(4000):
        proof = random_junk(rng)
        for goal in (G, eq(x, y + 1)):
            try:
                check(H, goal, proof)
                accepted += 1
            except ProofError as e:
                assert str(e).startswith("PROOF: ")
    assert accepted == 0


def mutate(rng, proof):
    """A random small change of a valid proof (as nested lists)."""
    p = json.loads(json.dumps(proof))
    step = rng.randrange(len(p))
    if p[step][0] == "lin" and p[step][1]:
        t = rng.randrange(len(p[step][1]))
        which = rng.randrange(2)
        p[step][1][t][which] += rng.choice([-2, -1, 1, 2, 100])
    elif rng.random() < 0.5:
        p[step][1] += rng.choice([-1, 1])
    else:
        del p[step]
    return p


def test_fuzz_mutated_proofs_are_rejected_or_still_sound():
    rng = random.Random(5)
    cases = [(H, G, [("lin", [(1, 4), (2, 4), (5, 1)])]),
             ([ge(2 * x - 1, 0)], ge(x, 1), [("round", 0), ("lin", [(2, 1), (1, 1)])]),
             ([ge(i, 0), lt(i, m), ge(j, 0), lt(j, n)], lt(i * n + j, m * n),
              [("mul", 1, 3), ("mul", 1, 2), ("lin", [(5, 1), (6, 1), (1, 1), (3, 1), (4, 1)])])]
    for hyps, goal, proof in cases:
        check(hyps, goal, proof)
        for _ in range(700):
            bad = mutate(rng, proof)
            try:
                check(hyps, goal, bad)
            except ProofError:
                continue
            # accepted: it must still be a proof; check the goal on a box of points
            assert_valid_on_box(hyps, goal)


# ---------------------------------------------------------------------------------------------
# Soundness by brute force: whatever the checker accepts holds on every point of a box

BOX = range(-4, 5)


def holds(f: Fact, env) -> bool:
    v = f.poly.eval(env)
    return v >= 0 if f.kind == ">=" else v == 0


def assert_valid_on_box(hyps, goal, names=None):
    names = sorted(set().union(*(h.poly.variables() for h in hyps), goal.poly.variables()))
    for point in itertools.product(BOX, repeat=len(names)):
        env = dict(zip(names, point))
        if all(holds(h, env) for h in hyps):
            assert holds(goal, env), (env, [str(h) for h in hyps], str(goal))


def random_linear(rng, names="xyz"):
    p = Poly.const(rng.randint(-6, 6))
    for v in names:
        if rng.random() < 0.7:
            p = p + rng.randint(-3, 3) * V(v)
    return p


def test_soundness_of_derived_goals():
    """Derive random facts from random hypotheses with random steps, turn the derived fact into
    the goal, and check that the goal really follows on the whole box."""
    rng = random.Random(2024)
    accepted = 0
    for _ in range(300):
        hyps = [Fact(random_linear(rng), rng.choice([">=", ">=", "=="])) for _ in range(3)]
        facts = [(h.poly, h.kind) for h in hyps]
        steps = []
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            if r < 0.5:
                terms = [(t, rng.randint(-2 if facts[t][1] == "==" else 0, 3))
                         for t in rng.sample(range(len(facts)), min(2, len(facts)))]
                new = Poly.lincomb([(facts[t][0], c) for t, c in terms])
                steps.append(("lin", terms))
            elif r < 0.75:
                t = rng.randrange(len(facts))
                p = facts[t][0]
                gcd_ = 0
                for mono, c in p.terms():
                    if mono:
                        gcd_ = gcd(gcd_, c)
                if facts[t][1] != ">=" or gcd_ <= 1:
                    continue
                new = Poly({mono: c // gcd_ for mono, c in p.terms()})
                steps.append(("round", t))
            else:
                t, u = rng.randrange(len(facts)), rng.randrange(len(facts))
                if facts[t][1] != ">=" or facts[u][1] != ">=" or \
                        facts[t][0].degree() + facts[u][0].degree() > 4:
                    continue
                new = facts[t][0] * facts[u][0]
                steps.append(("mul", t, u))
            facts.append((new, ">="))
        if not steps:
            continue
        # facts were numbered without the negated goal: renumber derived indices past it
        nh = len(hyps)
        shift = lambda t: t + 1 if t >= nh else t
        fixed = []
        for s in steps:
            if s[0] == "lin":
                fixed.append(("lin", [(shift(t), c) for t, c in s[1]]))
            elif s[0] == "round":
                fixed.append(("round", shift(s[1])))
            else:
                fixed.append(("mul", shift(s[1]), shift(s[2])))
        goal = Fact(facts[-1][0], ">=")
        proof = fixed + [("lin", [(nh + len(fixed), 1), (nh, 1)])]
        check(hyps, goal, proof)
        accepted += 1
        assert_valid_on_box(hyps, goal)
    assert accepted > 100


def test_soundness_of_random_proof_attempts():
    """Random goals with random one-step combinations: every accepted one is valid."""
    rng = random.Random(77)
    accepted = 0
    for _ in range(10_000):
        hyps = [Fact(random_linear(rng, "xy"), rng.choice([">=", "=="])) for _ in range(3)]
        goal = Fact(random_linear(rng, "xy"), ">=")
        steps = []
        if rng.random() < 0.3:
            steps.append(("round", rng.randrange(4)))
        idx = 4 + len(steps)
        lo = lambda t: -2 if t < 3 and hyps[t].kind == "==" or rng.random() < 0.05 else 0
        steps.append(("lin", [(t, rng.randint(lo(t), 3)) for t in range(idx)]))
        try:
            check(hyps, goal, steps)
        except ProofError:
            continue
        accepted += 1
        assert_valid_on_box(hyps, goal)
    assert accepted > 20


# ---------------------------------------------------------------------------------------------
# The prover

THEOREMS = [
    ([ge(i, 0), lt(i, n), le(n, 100)], le(4 * i + 4, 400)),
    ([ge(i, 0), le(i, 9)], le(8 * i + 8, 80)),
    ([ge(i, 0), le(i, 9)], ge(8 * i, 0)),
    ([eq(x, y + 1), ge(y, 0)], ge(x, 1)),
    ([eq(x, y + 1), lt(y, n), le(n, 10)], le(x, 10)),
    ([le(2 * i, 2 * n - 1)], le(i, n - 1)),
    ([ge(2 * x - 1, 0)], ge(x, 1)),
    ([ge(2 * x - 1, 0)], ge(3 * x - 3, 0)),
    ([ge(i, 0)], ge(i, 0)),
    ([ge(i, 0)], ge(i, -5)),
    ([eq(i, 7)], ge(i, 7)),
    ([eq(i, 7)], eq(i, 7)),
    ([eq(i, 7)], eq(7, i)),
    ([ge(i, 0), ge(j, 0)], ge(i + j, 0)),
    ([ge(i, 1), ge(j, 2)], ge(i + j, 3)),
    ([ge(i, 1), ge(j, 2)], ge(2 * i + 3 * j, 8)),
    ([eq(x, y), eq(y, z), eq(z, 3)], eq(x, 3)),
    ([ge(x, 1), le(x, 0)], eq(y, 12345)),                 # contradictory hypotheses
    ([eq(2 * x, 2 * y + 1)], ge(x, 10 ** 6)),              # integer contradiction (parity)
    ([ge(3 * x, 1), le(3 * x, 2)], ge(y, 5)),              # no integer between 1/3 and 2/3
    ([ge(i, 0), lt(i, m), ge(j, 0), lt(j, n)], lt(i * n + j, m * n)),
    ([ge(i, 0), lt(i, m), ge(j, 0), lt(j, n)], ge(i * n + j, 0)),
    ([ge(k, 0), lt(k, n), ge(n, 0)], le(8 * k + 8, 8 * n)),
    ([ge(i, 0), lt(i, n), eq(a, b + 4 * i), ge(b, 4096)], ge(a, b)),
    ([ge(i, 0), lt(i, n), eq(a, b + 4 * i)], le(a + 4, b + 4 * n)),
    ([ge(i, MIN64), le(i, MAX64), ge(i, 0), lt(i, 10)], lt(i, 10)),
    ([ge(x, -(1 << 31)), le(x, (1 << 31) - 1)], le(x + 1, 1 << 31)),
    ([ge(x, 0), le(x, 255), ge(y, 0), le(y, 255)], le(x + y, 510)),
    ([ge(x, 0), le(x, 255), ge(y, 0), le(y, 255)], le(x * 256 + y, 65535)),
    ([ge(i, 0), lt(i, n), le(n, 50), eq(j, i + 1)], le(j, 50)),
    ([ge(i, 1), le(i, n)], ge(n, 1)),
    ([gt(n, 0), eq(m, n - 1)], ge(m, 0)),
    ([ge(x, 0)], ge(x * x, 0)),
    ([ge(x, 1)], ge(x * x, 1)),
    ([ge(i, 0), le(i, 3), eq(x, 2 * i)], le(x, 6)),
    ([ge(i, 0), lt(i, n), le(n, 100), eq(m, n * n)], le(n, 100)),
    ([le(4 * i, 4 * n - 4), ge(i, 0)], lt(i, n)),
    ([ge(x, 0), le(2 * x, 7)], le(x, 3)),
    ([ge(x, y), ge(y, z), ge(z, 0)], ge(x, 0)),
    ([ge(x, y), ge(y, z), ge(z, 0), ge(a, x)], ge(a, z)),
]


@pytest.mark.parametrize("hyps,goal", THEOREMS, ids=[str(g) for _, g in THEOREMS])
def test_prover_proves_typical_obligations(hyps, goal):
    proof = prove(hyps, goal)
    assert proof is not None, f"{[str(h) for h in hyps]} ⇒ {goal}"
    check(hyps, goal, proof)
    check(hyps, goal, json.loads(json.dumps(proof)))    # survives serialisation


def test_at_least_30_theorems():
    assert len(THEOREMS) >= 30


# Each with a counterexample, so the test itself cannot be wrong.
NON_THEOREMS = [
    ([ge(i, 0)], ge(i, 1), {"i": 0}),
    ([ge(i, 0), lt(i, n)], lt(i, 100), {"i": 100, "n": 101}),
    ([ge(i, 0), lt(i, n), le(n, 100)], le(4 * i + 4, 399), {"i": 99, "n": 100}),
    ([ge(i, 0), le(i, n), le(n, 100)], lt(i, n), {"i": 5, "n": 5}),
    ([ge(i, 0), lt(i, m), ge(j, 0), lt(j, n)], lt(i * n + j, m * n - n),
     {"i": 1, "m": 2, "j": 0, "n": 1}),
    ([ge(i, 0), lt(i, m), ge(j, 0), le(j, n)], lt(i * n + j, m * n),
     {"i": 0, "m": 1, "j": 1, "n": 1}),
    ([eq(x, y + 1)], ge(x, 1), {"x": 0, "y": -1}),
    ([eq(x, y + 1), ge(y, 0)], ge(x, 2), {"x": 1, "y": 0}),
    ([ge(2 * x - 1, 0)], ge(x, 2), {"x": 1}),
    ([ge(x, 0), le(2 * x, 8)], le(x, 3), {"x": 4}),
    ([], ge(x, 0), {"x": -1}),
    ([], eq(x, 0), {"x": 1}),
    ([ge(x, 0)], eq(x, 0), {"x": 1}),
    ([ge(x, 0), le(x, 255)], le(x, 254), {"x": 255}),
    ([ge(i, MIN64), le(i, MAX64)], le(i + 1, MAX64), {"i": MAX64}),
    ([ge(x, y), ge(y, z)], ge(x, 0), {"x": -1, "y": -1, "z": -1}),
    ([ge(x, 0)], ge(x * x, 1), {"x": 0}),
    ([ge(x, 0), ge(y, 0)], ge(x * y, 1), {"x": 0, "y": 3}),
    ([], ge(Poly.const(-1), 0), {}),
]


@pytest.mark.parametrize("hyps,goal,cex", NON_THEOREMS, ids=[str(g) for _, g, _ in NON_THEOREMS])
def test_prover_refuses_non_theorems(hyps, goal, cex):
    env = {v: 0 for v in set().union(goal.poly.variables(), *(h.poly.variables() for h in hyps))}
    env.update(cex)
    if goal.poly.variables() or hyps:
        assert all(holds(h, env) for h in hyps) and not holds(goal, env)
    assert prove(hyps, goal) is None


def test_at_least_15_non_theorems():
    assert len(NON_THEOREMS) >= 15


def test_prover_on_random_linear_obligations_is_sound():
    rng = random.Random(31337)
    found = 0
    for _ in range(400):
        hyps = [Fact(random_linear(rng), rng.choice([">=", ">=", "=="])) for _ in range(3)]
        goal = Fact(random_linear(rng), rng.choice([">=", ">=", ">=", "=="]))
        proof = prove(hyps, goal)
        if proof is not None:
            found += 1
            check(hyps, goal, proof)
            assert_valid_on_box(hyps, goal)
    assert found > 10


def test_prover_many_simple_obligations():
    """Tens of thousands of simple questions come from the compiler: run 10,000 (no timing
    assertion; this is here so a slow cheap path shows up in the test run's duration)."""
    hyps = []
    for t in range(8):
        hyps += [ge(V(f"r{t}"), MIN64), le(V(f"r{t}"), MAX64)]
    hyps += [ge(i, 0), lt(i, n), le(n, 100), eq(x, y + 1), ge(y, 0)]
    goals = [lambda c: ge(i, -c), lambda c: le(i, n + c), lambda c: lt(i, 100 + c),
             lambda c: ge(x, 1 - c), lambda c: ge(x + i, -c)]
    proven = 0
    for c in range(10_000):
        goal = goals[c % len(goals)](c)
        proof = prove(list(hyps), goal)
        assert proof is not None
        proven += 1
    assert proven == 10_000
