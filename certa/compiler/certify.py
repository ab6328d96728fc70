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
from certa.kernel.symexec import MAX64, Obligation, Reject, const, ge0
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


def prove_obligation(ob: Obligation):
    """(proof, ok) for one obligation, in the shape kernel.check.discharge expects."""
    if ob.kind in ("access", "region"):
        if ob.kind == "access":
            addr, size, write = ob.access
            base, length, need_write = addr, const(size), write
        else:
            w, elem = ob.access
            base, length, need_write = w.base, w.length, w.writable
            if w.nullable:
                for i, r in enumerate(ob.regions):
                    if r.nullable and r.base == w.base and r.length == w.length and \
                            (r.writable or not w.writable):
                        return [i, None, None], True
                return None, False
        for i, r in enumerate(ob.regions):
            if need_write and not r.writable:
                continue
            if ob.kind == "region" and (r.type != w.type or (w.block and not (
                    r.block and r.base == w.base and r.length == w.length))):
                continue
            lo, ok1 = goal_proof(ob.hyps, ge0(base - r.base))
            if not ok1:
                continue
            hi, ok2 = goal_proof(ob.hyps, ge0(r.base + r.length - base - length))
            if not ok2:
                continue
            if r.nullable:
                nn, ok3 = goal_proof(ob.hyps, ge0(r.base - const(1)))
                if not ok3:
                    continue
                return [i, lo, hi, nn], True
            return [i, lo, hi], True
        return None, False
    if ob.kind == "divisor":
        d, dividend = ob.access
        pf, ok = goal_proof(ob.hyps, ge0(d - const(1)))
        if ok:
            return ["pos", pf], True
        pf, ok = goal_proof(ob.hyps, ge0(-d - const(2)))
        if ok:
            return ["neg2", pf], True
        pf, ok = goal_proof(ob.hyps, ge0(-d - const(1)))
        if not ok:
            return None, False
        if dividend is None:
            return ["neg", pf], True
        pf2, ok2 = goal_proof(ob.hyps, ge0(dividend - const(-MAX64)))
        return (["neg", pf, pf2], True) if ok2 else (None, False)
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
