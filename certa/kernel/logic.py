"""Terms and facts of the kernel's logic.

What this file guarantees. A `Poly` is a polynomial with integer coefficients over named
logical variables, each of which ranges over the mathematical integers. It is kept in one
canonical normal form: a mapping from monomials to nonzero integer coefficients, where a
monomial is a sorted tuple of variable names (a name repeated k times is its k-th power;
`()` is the constant monomial). Two polys are equal as functions of their variables iff
their normal forms are equal, so `==` and `hash` are semantic. Polys are never mutated
after construction.

A `Fact` is `poly >= 0` or `poly == 0`. Every helper below builds its fact by exact
integer arithmetic; `lt(a, b)` is `b - a - 1 >= 0`, which is `a < b` because all values
are integers.

Standard library only: this file is part of the trusted kernel.
"""
from __future__ import annotations

from dataclasses import dataclass


def _order(mono: tuple) -> tuple:
    """Canonical order of monomials: higher degree first, then by names; constant last."""
    return (-len(mono), mono)


class Poly:
    __slots__ = ("_t", "_h")

    def __init__(self, terms=()):
        """Build from a mapping (or pairs) monomial -> int; monomials are normalised,
        equal monomials added, zero coefficients dropped."""
        t: dict = {}
        items = terms.items() if isinstance(terms, dict) else terms
        for mono, c in items:
            if type(c) is not int:
                raise TypeError("Poly: coefficients must be int")
            if not isinstance(mono, tuple) or not all(type(v) is str and v for v in mono):
                raise TypeError("Poly: a monomial is a tuple of variable names")
            mono = tuple(sorted(mono))
            t[mono] = t.get(mono, 0) + c
        self._t = {m: c for m, c in t.items() if c != 0}
        self._h = None

    @staticmethod
    def _make(t: dict) -> "Poly":
        """Wrap a dict that is already in normal form (sorted monomials, no zeros)."""
        p = object.__new__(Poly)
        p._t = t
        p._h = None
        return p

    @staticmethod
    def const(c: int) -> "Poly":
        if type(c) is not int:
            raise TypeError("Poly.const: int expected")
        return Poly._make({(): c} if c else {})

    @staticmethod
    def var(name: str) -> "Poly":
        if type(name) is not str or not name:
            raise TypeError("Poly.var: a non-empty name expected")
        return Poly._make({(name,): 1})

    # -- inspection -----------------------------------------------------------------------
    def is_const(self) -> bool:
        return not self._t or (len(self._t) == 1 and () in self._t)

    @property
    def constant(self) -> int:
        return self._t.get((), 0)

    def coeff(self, mono: tuple) -> int:
        return self._t.get(tuple(sorted(mono)), 0)

    def variables(self) -> frozenset:
        return frozenset(v for mono in self._t for v in mono)

    def degree(self) -> int:
        return max((len(m) for m in self._t), default=0)

    def terms(self) -> tuple:
        """((monomial, coeff), ...) in canonical order."""
        return tuple(sorted(self._t.items(), key=lambda mc: _order(mc[0])))

    def __len__(self) -> int:
        """The number of terms (nonzero coefficients)."""
        return len(self._t)

    def eval(self, env: dict) -> int:
        """The value under an assignment of ints to the variables."""
        total = 0
        for mono, c in self._t.items():
            for v in mono:
                c *= env[v]
            total += c
        return total

    # -- arithmetic -----------------------------------------------------------------------
    @staticmethod
    def lincomb(pairs) -> "Poly":
        """The sum of k * p over the (p, k) pairs (Poly, int), in one pass."""
        t: dict = {}
        for p, k in pairs:
            if type(k) is not int:
                raise TypeError("Poly.lincomb: int multipliers expected")
            for m, c in p._t.items():
                t[m] = t.get(m, 0) + k * c
        return Poly._make({m: c for m, c in t.items() if c})

    @staticmethod
    def _lift(x):
        """x as a Poly (from a Poly or an int), else NotImplemented."""
        if isinstance(x, Poly):
            return x
        if type(x) is int:
            return Poly.const(x)
        return NotImplemented

    def __add__(self, other):
        other = Poly._lift(other)
        if other is NotImplemented:
            return other
        t = dict(self._t)
        for m, c in other._t.items():
            s = t.get(m, 0) + c
            if s:
                t[m] = s
            else:
                t.pop(m, None)
        return Poly._make(t)

    __radd__ = __add__

    def __neg__(self) -> "Poly":
        return Poly._make({m: -c for m, c in self._t.items()})

    def __sub__(self, other):
        other = Poly._lift(other)
        if other is NotImplemented:
            return other
        return self + (-other)

    def __rsub__(self, other):
        other = Poly._lift(other)
        if other is NotImplemented:
            return other
        return other + (-self)

    def __mul__(self, other):
        if type(other) is int:
            return Poly._make({m: c * other for m, c in self._t.items()} if other else {})
        if not isinstance(other, Poly):
            return NotImplemented
        t: dict = {}
        for m1, c1 in self._t.items():
            for m2, c2 in other._t.items():
                m = tuple(sorted(m1 + m2)) if m1 and m2 else m1 or m2
                t[m] = t.get(m, 0) + c1 * c2
        return Poly._make({m: c for m, c in t.items() if c})

    __rmul__ = __mul__

    # -- equality, hashing, printing ------------------------------------------------------
    def __eq__(self, other) -> bool:
        if not isinstance(other, Poly):
            return NotImplemented
        return self._t == other._t

    def __hash__(self) -> int:
        if self._h is None:
            self._h = hash(frozenset(self._t.items()))
        return self._h

    def __str__(self) -> str:
        out = []
        for mono, c in self.terms():
            sign, a = ("-" if c < 0 else "+"), abs(c)
            names = []
            for v in sorted(set(mono)):
                k = mono.count(v)
                names.append(v if k == 1 else f"{v}^{k}")
            body = "*".join(names)
            text = str(a) if not body else body if a == 1 else f"{a}*{body}"
            out.append((sign, text))
        if not out:
            return "0"
        first = ("-" if out[0][0] == "-" else "") + out[0][1]
        return " ".join([first] + [f"{s} {x}" for s, x in out[1:]])

    def __repr__(self) -> str:
        return f"Poly({str(self)!r})"

    def to_data(self) -> tuple:
        """Deterministic plain-data form: ((coeff, (var, ...)), ...) in canonical order."""
        return tuple((c, m) for m, c in self.terms())

    @staticmethod
    def from_data(data) -> "Poly":
        return Poly((tuple(m), c) for c, m in data)


@dataclass(frozen=True)
class Fact:
    """`poly >= 0` (kind ">=") or `poly == 0` (kind "==")."""
    poly: Poly
    kind: str

    def __post_init__(self):
        if not isinstance(self.poly, Poly) or self.kind not in (">=", "=="):
            raise TypeError("Fact: a Poly and '>=' or '==' expected")

    def __str__(self) -> str:
        return f"{self.poly} {self.kind} 0"


def _diff(a, b) -> Poly:
    """a - b for Polys or ints."""
    a, b = Poly._lift(a), Poly._lift(b)
    if a is NotImplemented or b is NotImplemented:
        raise TypeError("a Poly or an int expected")
    return a - b


def ge(a, b) -> Fact:
    """a >= b"""
    return Fact(_diff(a, b), ">=")


def le(a, b) -> Fact:
    """a <= b"""
    return Fact(_diff(b, a), ">=")


def eq(a, b) -> Fact:
    """a == b"""
    return Fact(_diff(a, b), "==")


def lt(a, b) -> Fact:
    """a < b, i.e. b - a - 1 >= 0 over the integers"""
    return Fact(_diff(b, a) - 1, ">=")


def gt(a, b) -> Fact:
    """a > b, i.e. a - b - 1 >= 0 over the integers"""
    return Fact(_diff(a, b) - 1, ">=")
