"""UNTRUSTED: finds proofs of `hyps ⇒ goal` over the integers, in the format that
`certa.kernel.proof.check` accepts (see that file for the rules).

The search, cheapest first:

1. Empty proofs: the goal is a true constant, or a hypothesis is a false one.
2. One hypothesis: the goal is a positive multiple of a hypothesis plus a constant that is
   large enough, possibly after rounding that hypothesis (`2*i - 1 >= 0 ⇒ i >= 1`). Found
   by hashing every hypothesis by its primitive linear part (cached per hypothesis list).
3. Two hypotheses: the goal minus ±one hypothesis is such a multiple of another.
4. Linear programming (an exact simplex on integer rows, below): write the goal as
   `g = D*G + C` with G primitive and minimise G over the hypotheses, treating every
   non-linear monomial as an atom. The optimal dual multipliers λ give
   `Σ λ_j p_j = G - v`, so G >= v. If D*v + C > -1 one "lin" step refutes the negated goal;
   else if D*ceil(v) + C >= 0, the same combination (scaled to integers) is rounded to
   G >= ceil(v) first (a Chvátal-Gomory cut). If G is unbounded below, the hypotheses
   contradict each other and their contradiction is the proof.
   The step is retried with more facts: hypotheses rounded by their own content, then (when
   non-linear monomials occur) products of pairs of linear facts aimed at those monomials.
   Only the facts connected to the goal through shared monomials enter the program, less
   those that no combination could cancel.

Every proof is checked by the kernel before it is returned; on any failure: None.
"""
from __future__ import annotations

from fractions import Fraction
from math import ceil, gcd, lcm

from certa.kernel.logic import Fact, Poly
from certa.kernel.proof import MAX_DEGREE, ProofError, check

MAX_PRODUCTS = 64            # products of pairs of facts tried in the last stage
BIG = 1 << 62               # facts with constants this large are not multiplied
MAX_PIVOTS = 1000           # simplex pivots per linear program
BLAND_AFTER = 100           # then pivot by Bland's rule, which cannot cycle
_CACHE_SIZE = 256


def prove(hyps: list[Fact], goal: Fact, quick: bool = False):
    """A proof of hyps ⇒ goal that the kernel accepts, or None. `quick`: one linear
    program at most (no rounding, no products, no search for contradictions)."""
    hyps = list(hyps)
    if goal.kind == "==":
        a = _prove_ge(hyps, goal.poly, quick)
        b = _prove_ge(hyps, -goal.poly, quick) if a is not None else None
        proof = None if b is None else [a, b]
    else:
        proof = _prove_ge(hyps, goal.poly, quick)
    if proof is None:
        return None
    try:
        check(hyps, goal, proof)
    except ProofError:
        return None
    return proof


# -- the cheap cases ------------------------------------------------------------------------
def _false(p: Poly, kind: str) -> bool:
    return p.is_const() and (p.constant < 0 if kind == ">=" else p.constant != 0)


def _key(p: Poly):
    """(primitive, scale) with lin(p) = scale * primitive, the primitive's first coefficient
    positive; primitive is a hashable tuple of (monomial, coeff). None if p is constant."""
    terms = [(m, c) for m, c in p.terms() if m]
    if not terms:
        return None
    g = 0
    for _, c in terms:
        g = gcd(g, c)
    if terms[0][1] < 0:
        g = -g
    return tuple((m, c // g) for m, c in terms), g


class _Index:
    """What the cheap cases need to know about a list of hypotheses, computed once."""

    def __init__(self, hyps: list[Fact]):
        self.by_prim: dict = {}         # primitive -> [(i, scale, constant, kind)]
        self.monos = []                 # per hypothesis: its non-constant monomials
        for i, h in enumerate(hyps):
            key = _key(h.poly)
            if key is not None:
                self.by_prim.setdefault(key[0], []).append((i, key[1], h.poly.constant, h.kind))
            self.monos.append({m for m, _ in h.poly.terms() if m})
        self.false = any(_false(h.poly, h.kind) for h in hyps)


_index_cache: dict = {}


def _index(hyps: list[Fact]) -> _Index:
    k = tuple(hyps)
    idx = _index_cache.get(k)
    if idx is None:
        if len(_index_cache) >= _CACHE_SIZE:
            _index_cache.clear()
        idx = _index_cache[k] = _Index(hyps)
    return idx


def _single(idx: _Index, g: Poly, n: int, pre: list):
    """Steps proving g >= 0 from one hypothesis, or None. `pre`: lin terms (fact, m) of a
    combination c with g + c the real goal; they are scaled with the negated goal."""
    key = _key(g)
    if key is None:
        return None
    prim, sd = key
    neg_const = -g.constant - 1
    for i, sc, c, kind in idx.by_prim.get(prim, ()):
        t = gcd(sc, sd)
        b = abs(sc) // t                      # multiplier of the negated goal (> 0)
        a = (sd // t) * (1 if sc > 0 else -1) # a * sc == b * sd
        if a < 0 and kind != "==":
            continue
        if a * c + b * neg_const < 0:
            return [("lin", [(i, a), (n, b)] + [(f, b * m) for f, m in pre])]
        if kind == ">=" and abs(sc) > 1 and not pre:
            # round the hypothesis first: sign(sc) * prim + floor(c / |sc|) >= 0
            a1 = sd * (1 if sc > 0 else -1)
            if a1 * (c // abs(sc)) + neg_const < 0:
                return [("round", i), ("lin", [(n + 1, a1), (n, 1)])]
    return None


def _cheap(hyps: list[Fact], idx: _Index, g: Poly):
    """The goal is a multiple of one hypothesis, or of one plus ± another, plus a constant."""
    n = len(hyps)
    proof = _single(idx, g, n, [])
    if proof is not None:
        return proof
    gm = {m for m, _ in g.terms() if m}
    for i, h in enumerate(hyps):
        if idx.monos[i].isdisjoint(gm):
            continue                    # one of the two shares a monomial with the goal
        for s in ((1, -1) if h.kind == "==" else (1,)):
            rest = g - h.poly * s
            proof = _single(idx, rest, n, [(i, s)])
            if proof is not None:
                return proof
    return None


def _prove_ge(hyps: list[Fact], g: Poly, quick: bool = False):
    idx = _index(hyps)
    if idx.false or _false(-g - 1, ">="):
        return []
    proof = _cheap(hyps, idx, g)
    if proof is not None:
        return proof
    if quick:
        return _lp_proof([_Entry(h.poly, h.kind, ("hyp", i)) for i, h in enumerate(hyps)], g, len(hyps))
    return _search(hyps, g)


# -- facts derived on the way, and turning them into steps -----------------------------------
class _Entry:
    """A fact the search may use: poly >= 0 or == 0, and how to derive it."""
    __slots__ = ("poly", "kind", "rule", "monos")

    def __init__(self, poly: Poly, kind: str, rule: tuple):
        self.poly, self.kind, self.rule = poly, kind, rule
        self.monos = {m: c for m, c in poly.terms() if m}


class _Emitter:
    def __init__(self, n: int):
        self.n, self.steps, self.index = n, [], {}

    def __call__(self, e: _Entry) -> int:
        if e.rule[0] == "hyp":
            return e.rule[1]
        if id(e) not in self.index:
            r = e.rule
            if r[0] == "round":
                step = ("round", self(r[1]))
            elif r[0] == "lin":
                step = ("lin", [(self(a), m) for a, m in r[1]])
            else:
                step = ("mul", self(r[1]), self(r[2]))
            self.steps.append(step)
            self.index[id(e)] = self.n + len(self.steps)
        return self.index[id(e)]


def _content(p: Poly) -> int:
    g = 0
    for m, c in p.terms():
        if m:
            g = gcd(g, c)
    return g


def _rounded(pool: list) -> list:
    """Each >= fact (and each direction of each == fact) whose linear part has a content
    d > 1 not dividing its constant, divided by d and rounded."""
    out = []
    for e in pool:
        d = _content(e.poly)
        if d <= 1 or e.poly.constant % d == 0:
            continue
        sides = [e] if e.kind == ">=" else [_Entry(e.poly * s, ">=", ("lin", [(e, s)]))
                                            for s in (1, -1)]
        for f in sides:
            q = Poly({m: c // d for m, c in f.poly.terms()})
            out.append(_Entry(q, ">=", ("round", f)))
    return out


def _directions(pool: list) -> list:
    """The >= facts of the pool, and both directions of its == facts, of degree 1."""
    out = []
    for e in pool:
        if e.poly.degree() != 1:
            continue
        if e.kind == ">=":
            out.append(e)
        else:
            out += [_Entry(e.poly * s, ">=", ("lin", [(e, s)])) for s in (1, -1)]
    return out


def _products(pool: list, g: Poly) -> list:
    """Products of pairs of linear facts aimed at the quadratic monomials v*w of the goal and
    the facts: a fact mentioning v times one mentioning w. The monomials those products
    bring in are aimed at once more. Facts with few terms and small constants go first;
    facts with constants of BIG or more (64-bit ranges) are left out."""
    targets = [m for p in [g] + [e.poly for e in pool] for m, _ in p.terms() if len(m) == 2]
    if not targets:
        return []
    by_var: dict = {}
    for e in sorted(_directions(pool), key=lambda e: (len(e.monos), abs(e.poly.constant))):
        if abs(e.poly.constant) >= BIG:
            continue                    # 64-bit range facts: their products only add noise
        for v in e.poly.variables():
            by_var.setdefault(v, []).append(e)
    seen, pairs, out = set(), set(), []
    for _ in range(2):
        more = []
        for t in targets:
            if t in seen:
                continue
            seen.add(t)
            for a in by_var.get(t[0], ()):
                for b in by_var.get(t[1], ()):
                    key = frozenset((id(a), id(b)))
                    if key in pairs:
                        continue
                    pairs.add(key)
                    out.append(_Entry(a.poly * b.poly, ">=", ("mul", a, b)))
                    more += [m for m in out[-1].monos if len(m) == 2]
                    if len(out) >= MAX_PRODUCTS:
                        return out
        targets = more
    return out


# -- the linear-programming search -----------------------------------------------------------
_contradiction_cache: dict = {}


def _search(hyps: list[Fact], g: Poly):
    n = len(hyps)
    base = [_Entry(h.poly, h.kind, ("hyp", i)) for i, h in enumerate(hyps)]
    proof = _lp_proof(base, g, n) or _contradiction_of(hyps, base, n, 0)
    rounded = []
    if proof is None:
        rounded = _rounded(base)
        if rounded:
            pool = base + rounded
            proof = _lp_proof(pool, g, n) or _contradiction_of(hyps, pool, n, 1)
    if proof is None:
        products = _products(base, g)
        if products:
            proof = _lp_proof(base + rounded + products, g, n)
    return proof


def _contradiction_of(hyps: list[Fact], pool: list, n: int, stage: int):
    """_contradiction(pool), cached: many goals are asked under the same hypotheses."""
    key = (tuple(hyps), stage)
    if key not in _contradiction_cache:
        if len(_contradiction_cache) >= _CACHE_SIZE:
            _contradiction_cache.clear()
        _contradiction_cache[key] = _contradiction(pool, n)
    return _contradiction_cache[key]


def _component(pool: list, monos) -> list:
    """The facts connected to `monos` through shared monomials."""
    want, out, rest = set(monos), [], list(pool)
    while True:
        left = []
        for e in rest:
            if any(m in want for m in e.monos):
                out.append(e)
                want.update(e.monos)
            else:
                left.append(e)
        if len(left) == len(rest):
            return out
        rest = left


def _prune(pool: list, need: set) -> list:
    """Drop facts that no solution can use: those with a monomial outside `need` that no
    other fact can cancel (every fact holding it is a >= fact with the same sign there, or
    it is the only fact holding it)."""
    alive = list(pool)
    while True:
        signs: dict = {}
        for e in alive:
            for m, c in e.monos.items():
                if m not in need:
                    s = 0 if e.kind == "==" else (1 if c > 0 else -1)
                    signs.setdefault(m, []).append(s)
        dead = {m for m, ss in signs.items()
                if len(ss) == 1 or (0 not in ss and len(set(ss)) == 1)}
        keep = [e for e in alive if not any(m in dead for m in e.monos)]
        if len(keep) == len(alive):
            return keep
        alive = keep


def _columns(alive: list):
    cols = []                                   # (entry, sign)
    for e in alive:
        cols.append((e, 1))
        if e.kind == "==":
            cols.append((e, -1))
    return cols


def _matrix(cols: list, extra: set):
    rows = sorted({m for e, _ in cols for m in e.monos} | extra, key=lambda m: (len(m), m))
    return rows, [[s * e.monos.get(m, 0) for e, s in cols] for m in rows]


def _lp_proof(pool: list, g: Poly, n: int):
    """A proof of g >= 0 by minimising g's primitive linear part over the pool, or None."""
    C, D = g.constant, _content(g)
    if not D:
        return None
    G = {m: c // D for m, c in g.terms() if m}
    alive = _prune(_component(pool, G), set(G))
    if not all(any(m in e.monos for e in alive) for m in G):
        return None
    cols = _columns(alive)
    rows, A = _matrix(cols, set(G))
    cost = [s * e.poly.constant for e, s in cols]
    status, x = _simplex(A, [G.get(m, 0) for m in rows], cost)
    if status == "unbounded":                       # the facts contradict each other
        return _contradiction(alive, n)
    if status != "optimal":
        return None
    v = -sum(xi * ci for xi, ci in zip(x, cost))    # Σ x_j p_j = G - v, so G >= v
    if max(max(xi.numerator.bit_length(), xi.denominator.bit_length()) for xi in x) > 32:
        # Another optimum may need smaller multipliers: minimise their sum, keeping v.
        q = v.denominator
        status, x2 = _simplex(A + [[c * q for c in cost]], [G.get(m, 0) for m in rows]
                              + [-v.numerator], [1] * len(cols))
        x = x2 if status == "optimal" else x
    if D * v + C > -1:
        return _finish(cols, [xi * D for xi in x], n, None)
    if D * ceil(v) + C >= 0:
        return _finish(cols, x, n, D)
    return None


def _contradiction(pool: list, n: int):
    """Steps deriving a false constant from the facts alone, or None. Each connected
    component of the facts is tried on its own."""
    rest = [e for e in pool if e.monos]
    while rest:
        comp = _component(rest, rest[0].monos)
        ids = {id(e) for e in comp}
        rest = [e for e in rest if id(e) not in ids]
        alive = _prune(comp, set())
        if not alive:
            continue
        cols = _columns(alive)
        rows, A = _matrix(cols, set())
        A.append([s * e.poly.constant for e, s in cols])
        status, x = _simplex(A, [0] * len(rows) + [-1], [0] * len(cols))
        if status == "optimal":
            return _finish(cols, x, n, None, with_goal=False)
    return None


def _finish(cols: list, x: list, n: int, round_by, with_goal: bool = True):
    """Steps for the combination Σ x_j * fact_j, scaled by M to integers (after the steps
    deriving the facts it uses). round_by None: add M times the negated goal (or nothing,
    for a contradiction of the facts alone). round_by D: the combination is M*G - M*v with
    G primitive; round it to G - ceil(v) >= 0 and add D times it to the negated goal."""
    mult: dict = {}
    for (e, s), xi in zip(cols, x):
        if xi:
            mult.setdefault(id(e), [e, 0])[1] += s * xi
    M = lcm(*[Fraction(m).denominator for _, m in mult.values()]) if mult else 1
    emit = _Emitter(n)
    terms = [(emit(e), int(m * M)) for e, m in mult.values() if m]
    if round_by is None:
        return emit.steps + [("lin", terms + ([(n, M)] if with_goal else []))]
    steps = emit.steps + [("lin", terms)]
    k = n + len(steps)
    return steps + [("round", k), ("lin", [(k + 1, round_by), (n, 1)])]


# -- an exact simplex ------------------------------------------------------------------------
# Integer rows: each row of the tableau is an equation Σ T[i][j] x_j = T[i][-1] kept as a
# primitive integer vector (any positive multiple is the same equation), with its basic
# variable's coefficient positive; so a basic value is T[i][-1] / T[i][basis[i]]. Pivoting
# touches only the rows with a nonzero in the entering column, and never needs a Fraction.

def _simplex(A: list, b: list, cost: list):
    """min cost·x subject to A x = b, x >= 0 (all integers), exactly, by the two-phase
    simplex method (largest reduced cost first, Bland's rule after a while so it cannot
    cycle). Returns ("optimal", x as Fractions), ("infeasible", None), ("unbounded", None)
    or ("gave up", None)."""
    m, n = len(A), len(cost)
    T = []
    for i in range(m):
        sg = -1 if b[i] < 0 else 1
        T.append([sg * a for a in A[i]] + [int(k == i) for k in range(m)] + [sg * b[i]])
    basis = [n + i for i in range(m)]
    z = [-sum(row[j] for row in T) for j in range(n)] + [0] * m + [-sum(row[-1] for row in T)]
    status = _run(T, basis, z, n + m)
    if status != "optimal" or z[-1] != 0:
        return ("infeasible" if status == "optimal" else status), None
    for r in range(m):                          # drive artificial variables out of the basis
        if basis[r] >= n:
            s = next((j for j in range(n) if T[r][j]), None)
            if s is not None:
                if T[r][s] < 0:
                    T[r] = [-v for v in T[r]]
                _pivot(T, basis, None, r, s)
    keep = [i for i in range(m) if basis[i] < n]
    T = [T[i][:n] + [T[i][-1]] for i in keep]
    basis = [basis[i] for i in keep]
    # phase 2: reduced costs of `cost`, scaled by L to integers
    L = lcm(*[T[i][basis[i]] for i in range(len(T))]) if T else 1
    z = [cj * L for cj in cost] + [0]
    for i, row in enumerate(T):
        cb = cost[basis[i]]
        if cb:
            f = cb * (L // row[basis[i]])
            z = [zj - f * tj for zj, tj in zip(z, row)]
    status = _run(T, basis, z, n)
    if status != "optimal":
        return status, None
    x = [Fraction(0)] * n
    for i, j in enumerate(basis):
        x[j] = Fraction(T[i][-1], T[i][j])
    return "optimal", x


def _primitive(row: list) -> list:
    g = gcd(*row)
    return row if g <= 1 else [v // g for v in row]


def _pivot(T: list, basis: list, z, r: int, s: int) -> None:
    """Make column s basic in row r (T[r][s] > 0): eliminate it from every other row."""
    rr = T[r]
    p = rr[s]
    for i, row in enumerate(T):
        f = row[s]
        if i != r and f:
            T[i] = _primitive([p * a - f * c for a, c in zip(row, rr)])
    if z is not None and z[s]:
        f = z[s]
        z[:] = _primitive([p * a - f * c for a, c in zip(z, rr)])
    basis[r] = s


def _run(T: list, basis: list, z: list, ncols: int) -> str:
    """Pivot until no reduced cost in z is negative."""
    for count in range(MAX_PIVOTS):
        bland = count >= BLAND_AFTER
        s = None
        for j in range(ncols):
            if z[j] < 0 and (s is None or (not bland and z[j] < z[s])):
                s = j
                if bland:
                    break
        if s is None:
            return "optimal"
        r = None
        for i, row in enumerate(T):
            a = row[s]
            if a > 0:
                if r is None:
                    r = i
                    continue
                lhs, rhs = row[-1] * T[r][s], T[r][-1] * a      # ratio_i vs ratio_r
                if lhs < rhs or (lhs == rhs and basis[i] < basis[r]):
                    r = i
        if r is None:
            return "unbounded"
        _pivot(T, basis, z, r, s)
    return "gave up"
