"""Certificates: the proofs for a module, found by running the kernel's own obligation
generator and an untrusted prover.

What this pass produces: given a module image and a certificate skeleton (contracts, cut-point
assertions, frame areas, exactness claims: everything but proofs), the finished certificate
with one proof per obligation, in the kernel's order, compressed as `.certa.cert` expects.
It uses the kernel's code to enumerate obligations (so both sides agree on what must be
proven) and `certa.prover.farkas` to prove them. Untrusted: a wrong proof here only makes
the kernel reject the module.
"""
from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, replace

from certa.kernel import check as kcheck
from certa.kernel.logic import Fact
from certa.kernel.modfile import ModuleImage
from certa.kernel.symexec import Obligation, Reject, Walker
from certa.prover.farkas import prove

# Arithmetic whose result the kernel keeps exact only when a claim says so (and a proof
# shows it does not wrap): every one is claimed first, the unprovable claims are dropped.
CLAIMABLE = ("add", "sub", "imul", "lea", "neg", "shl", "not")
# Narrowing reads and stores (a value known only relationally to fit its C type), claimed
# in annotated functions only: there the facts that bound them come from the user.
NARROWING = ("movsx", "movsxd", "movzx", "mov")
MAX_ROUNDS = 40


@dataclass
class Unproven:
    function: str
    obligation: Obligation
    ordinal: int = 0        # how many obligations of its kind and `what` prefix came before it
                            # at the same instruction (the clause's index, modulo the number of
                            # clauses, for preconditions and postconditions)


class CertifyError(Exception):
    def __init__(self, failures: list[Unproven]):
        self.failures = failures
        first = failures[0]
        super().__init__(f"{len(failures)} obligation(s) not proven; first in {first.function} "
                         f"at 0x{first.obligation.offset:x}: {first.obligation.what}")


def goal_proof(hyps, goal: Fact, quick: bool = False):
    if kcheck.trivially(hyps, goal):
        return None, True
    pf = prove(list(hyps), goal, quick)
    return pf, pf is not None


def prove_goals(hyps, goals, quick: bool = False) -> list | None:
    """Proofs for every (goal, description), or None when one of them is not found."""
    out = []
    for goal, _ in goals:
        pf, ok = goal_proof(hyps, goal, quick)
        if not ok:
            return None
        out.append(pf)
    return out


def prove_obligation(ob: Obligation, quick: bool = False):
    """(proof, ok) for one obligation, in the shape kernel.check.discharge expects; the
    goals come from the kernel's own cover_goals / divisor_goals."""
    if ob.kind in ("access", "region"):
        if ob.kind == "region" and ob.access[0].length.is_const():
            order = []              # a constant length: empty, or covered by an object
        else:
            base = ob.access[0].base if ob.kind == "region" else ob.access[0]
            # Regions whose base shares a variable with the address first: they are the
            # likely cover, and a failed attempt costs a linear program.
            order = sorted(range(len(ob.regions)),
                           key=lambda i: not (ob.regions[i].base.variables() & base.variables()))
        for i in order or range(len(ob.regions)):
            r = ob.regions[i]
            try:
                goals = kcheck.cover_goals(ob, r)
            except Reject:
                continue            # the kernel would refuse this region
            proofs = prove_goals(ob.hyps, goals, quick)
            if proofs is not None:
                return [i, *proofs], True
        if ob.kind == "region":
            for how, goals in (("empty", kcheck.empty_goals), ("null", kcheck.null_goals)):
                try:
                    proofs = prove_goals(ob.hyps, goals(ob), quick)
                except Reject:
                    proofs = None
                if proofs is not None:
                    return [how, *proofs], True
        return None, False
    if ob.kind == "divisor":
        for case in kcheck.DIVISOR_CASES:
            proofs = prove_goals(ob.hyps, kcheck.divisor_goals(ob, case))
            if proofs is not None:
                return [case, *proofs], True
        return None, False
    return goal_proof(ob.hyps, ob.goal)


def certify(image: ModuleImage, skeleton: dict, stop_at_first: bool = False,
            partial: bool = False) -> tuple[bytes, list[Unproven]]:
    """The compressed certificate for `image`, and the obligations that could not be
    proven (the certificate is complete only when that list is empty). With
    `stop_at_first`, give up at the first unproven obligation."""
    cert = json.loads(json.dumps(skeleton))
    mod, specs = kcheck.prepare(image, cert)
    failures: list[Unproven] = []
    class GiveUp(Exception):
        pass

    for spec in specs.values():
        proofs = []
        seen: dict = {}

        def sink(k: int, ob: Obligation) -> None:
            key = (ob.offset, ob.kind, ob.what.split(":", 1)[0])
            seen[key] = seen.get(key, -1) + 1
            pf, ok = prove_obligation(ob)
            if not ok:
                failures.append(Unproven(spec.name, ob, seen[key]))
                if stop_at_first:
                    raise GiveUp
            proofs.append(pf)
        try:
            kcheck.walk_function(image, mod, spec, sink)
        except GiveUp:
            return b"", failures
        except Reject:
            # With `partial` (for tests of the kernel), keep the proofs found before the
            # kernel's walk refused the code, so the kernel meets the same refusal.
            if not partial:
                raise
        while proofs and proofs[-1] is None:
            proofs.pop()
        cert["functions"][spec.name]["proofs"] = proofs
    data = zlib.compress(json.dumps(cert, separators=(",", ":")).encode(), 9)
    return data, failures


class _Tracking(Walker):
    """The kernel's walker, remembering which cut point's assertion is being checked and
    which of its facts comes next (arrive() emits the facts in order)."""
    arriving = False
    starts = None           # cut points to walk from (None: the entry and every cut point)

    def run(self):
        if self.starts is None:
            return super().run()
        for off in sorted(self.starts):
            self.walk(self.cut_state(self.fn.cuts[off]), off, from_cut=off)
        return self.count

    origin = None           # where the path being walked started (None: the entry)

    def walk(self, st, pc, from_cut=None):
        self.origin = from_cut
        return super().walk(st, pc, from_cut)

    def arrive(self, st, pc):
        self.cut, self.fact_no, self.region_no, self.arriving = pc, 0, 0, True
        try:
            super().arrive(st, pc)
        finally:
            self.arriving = False


def infer(image: ModuleImage, skeleton: dict, drops: dict | None = None) -> dict:
    """Houdini: the skeleton's cut-point facts are candidates; every candidate that some
    arriving path cannot establish is dropped, and the function is walked again until the
    rest is inductive. Exactness claims are found the same way, starting from every
    arithmetic instruction. Only the obligations that decide a candidate are proven here;
    functions are independent (contracts do not change), so each reaches its own fixpoint."""
    cert = json.loads(json.dumps(skeleton))
    alternatives = {name: f.pop("alternatives", {}) for name, f in cert["functions"].items()}
    narrowing = {name: f.pop("narrowing", False) for name, f in cert["functions"].items()}
    mod, specs = kcheck.prepare(image, cert)
    for spec in specs.values():
        f = cert["functions"][spec.name]
        fallback = alternatives[spec.name]
        code = {i.offset: i for i in kcheck.decode.decode_range(image.text, spec.start, spec.end)}
        claimable = CLAIMABLE + (NARROWING if narrowing[spec.name] else ())
        f["exact"] = sorted(o for o, i in code.items() if i.op in claimable)
        spec.exact = frozenset(f["exact"])
        # Only paths leaving a weakened cut point can fail anew (a smaller assertion at a
        # target only removes goals); a dropped exactness claim changes every path through
        # it, so then everything is walked again.
        starts = None
        for _ in range(MAX_ROUNDS):
            bad_facts: set = set()
            bad_regions: set = set()
            bad_slots: set = set()
            bad_exact: set = set()
            walker = None

            def sink(k: int, ob: Obligation) -> None:
                if ob.kind == "assert" and ob.what.startswith("invariant "):
                    key = (walker.cut, walker.fact_no)
                    walker.fact_no += 1
                    if key not in bad_facts and not goal_proof(ob.hyps, ob.goal, True)[1]:
                        bad_facts.add(key)
                        if drops is not None:   # for diagnostics: where the failing path began
                            fact = f["cuts"][str(walker.cut)]["facts"][walker.fact_no - 1]
                            drops.setdefault((spec.name, walker.cut, json.dumps(fact)), walker.origin)
                elif ob.kind == "assert" and ob.what.startswith("slot S"):
                    off = str(int(ob.what[6:].split(" ", 1)[0]))
                    if off in fallback and (walker.cut, off) not in bad_slots \
                            and not goal_proof(ob.hyps, ob.goal, True)[1]:
                        bad_slots.add((walker.cut, off))
                elif ob.kind == "region" and walker.arriving:
                    key = (walker.cut, walker.region_no)
                    walker.region_no += 1
                    if key not in bad_regions and not prove_obligation(ob, True)[1]:
                        bad_regions.add(key)
                elif ob.kind == "range" and ob.offset not in bad_exact:
                    if not goal_proof(ob.hyps, ob.goal, True)[1]:
                        bad_exact.add(ob.offset)
            walker = _Tracking(spec, code, mod, sink)
            walker.starts = starts
            walker.run()            # a Reject here is final: certification cannot succeed
            if not bad_facts and not bad_exact and not bad_regions and not bad_slots:
                break
            changed = {c for c, _ in bad_facts | bad_regions | bad_slots}
            starts = None if bad_exact else changed
            for cut, off in bad_slots:      # back to the general form for that pointer
                a = f["cuts"][str(cut)]
                alt = fallback[off]
                if any(a["slots"].get(o) != t for o, t in alt["slots"].items()):
                    a["slots"].update(alt["slots"])
                    a["facts"] = a["facts"] + alt["facts"]
                    a["regions"] = a.get("regions", []) + alt["regions"]
            f["exact"] = [o for o in f["exact"] if o not in bad_exact]
            spec.exact = frozenset(f["exact"])
            for cut, idx in bad_facts:
                f["cuts"][str(cut)]["facts"][idx] = None
            for cut, idx in bad_regions:
                f["cuts"][str(cut)]["regions"][idx] = None
            for cut in changed:             # only the weakened assertions are parsed again
                a = f["cuts"][str(cut)]
                a["facts"] = [x for x in a["facts"] if x is not None]
                a["regions"] = [x for x in a.get("regions", []) if x is not None]
                spec.cuts[cut] = kcheck.parse_assertion(a, f"{spec.name}.cuts.{cut}")
    return cert


def with_cert(image: ModuleImage, skeleton: dict) -> ModuleImage:
    """The image carrying a complete certificate; CertifyError if anything is unproven."""
    data, failures = certify(image, skeleton)
    if failures:
        raise CertifyError(failures)
    return replace(image, cert=data)
