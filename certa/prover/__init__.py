"""UNTRUSTED proof search. Nothing here is trusted: every proof it returns has already been
accepted by the kernel's checker (`certa.kernel.proof.check`), and a bug here can only make
the prover fail to find a proof.

    from certa.prover import prove
    proof = prove(hyps, goal)     # a proof for certa.kernel.proof.check, or None
"""
from certa.prover.farkas import prove

__all__ = ["prove"]
