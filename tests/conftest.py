"""Shared helpers for the test suite."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent


def certa_command() -> list[str]:
    """The `certa` command of the interpreter running the tests.

    Prefer the console script installed next to sys.executable (what users run);
    fall back to `python -m certa` when the package is not installed as a script.
    """
    exe = Path(sys.executable).parent / "certa"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "certa"]


@pytest.fixture(scope="session")
def certa() -> list[str]:
    return certa_command()


@pytest.fixture(scope="session")
def gcc() -> str:
    path = shutil.which("gcc")
    if path is None:
        pytest.skip("gcc is not installed (needed as the reference compiler)")
    return path
