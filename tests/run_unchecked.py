"""Test helper: run a compiled module the kernel does not accept yet, past the loader gate.

The differential tests use this only for the programs in tests/c/uncertified.txt (the
compiler cannot certify them yet, so `certa run` refuses them), to keep their code
generation tested against gcc. It replaces the kernel check in this process only; nothing
in certa/ offers a way around the gate.

    python tests/run_unchecked.py MODULE.cm [ARGS...]      exit status as `certa run`
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from certa.runtime import Trap, loader  # noqa: E402


class AcceptAll:
    ok = True
    exports: dict = {}
    imports: dict = {}


def main() -> int:
    loader.check_module = lambda data: AcceptAll()
    m = loader.load(sys.argv[1])
    try:
        status = m.run_main(sys.argv[1:])
    except Trap as t:
        sys.stdout.flush()
        print(f"certa: {t}", file=sys.stderr)
        return 70
    sys.stdout.flush()
    return status & 0xFF


if __name__ == "__main__":
    sys.exit(main())
