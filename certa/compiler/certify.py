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
from certa.kernel.symexec import Obligation, Reject
from certa.prover.farkas import prove


@dataclass
class Unproven:
    function: str
    obligation: Obligation


class CertifyError(Exception):
    def __init__(self, failures: list[Unproven]):
        self.failures = failures
        first = failures[0]
        super().__init__(f"{len(failures)} obligation(s) not proven; first in {first.function} "
                         f"at 0x{first.obligation.offset:x}: {first.obligation.what}")


def goal_proof(hyps, goal: Fact):
    if kcheck.trivially(hyps, goal):
        return None, True
    pf = prove(list(hyps), goal)
    return pf, pf is not None


def prove_goals(hyps, goals) -> list | None:
    """Proofs for every (goal, description), or None when one of them is not found."""
    out = []
    for goal, _ in goals:
        pf, ok = goal_proof(hyps, goal)
        if not ok:
            return None
        out.append(pf)
    return out


def prove_obligation(ob: Obligation):
    """(proof, ok) for one obligation, in the shape kernel.check.discharge expects; the
    goals come from the kernel's own cover_goals / divisor_goals."""
    if ob.kind in ("access", "region"):
        for i, r in enumerate(ob.regions):
            try:
                goals = kcheck.cover_goals(ob, r)
            except Reject:
                continue            # the kernel would refuse this region
            proofs = prove_goals(ob.hyps, goals)
            if proofs is not None:
                return [i, *proofs], True
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

        def sink(k: int, ob: Obligation) -> None:
            pf, ok = prove_obligation(ob)
            if not ok:
                failures.append(Unproven(spec.name, ob))
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


def with_cert(image: ModuleImage, skeleton: dict) -> ModuleImage:
    """The image carrying a complete certificate; CertifyError if anything is unproven."""
    data, failures = certify(image, skeleton)
    if failures:
        raise CertifyError(failures)
    return replace(image, cert=data)
