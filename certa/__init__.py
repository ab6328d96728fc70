"""Certa: proof-carrying code for C. `certa.load(path)` loads a checked module (or, for a
.toml manifest, a linked application); see certa.runtime and the README."""

_RUNTIME = ("load", "load_app", "App", "LoadedModule", "Trap", "LoadError", "ModuleExit",
            "ManifestError")


def __getattr__(name):
    # The runtime is imported on first use, so the compiler's processes do not map it.
    if name in _RUNTIME:
        from certa import runtime
        return getattr(runtime, name)
    raise AttributeError(f"module 'certa' has no attribute {name!r}")
