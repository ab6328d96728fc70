"""The Certa runtime (TRUSTED: standard library and certa.kernel only).

One way in: `load(path)` reads a module file, has the kernel check it (refusing anything
the kernel does not accept), parses it with the kernel's strict reader, maps it W^X, links its imports to host services, and returns a `LoadedModule` whose
`call(name, *args)` and `run_main(argv)` run its code on its own stack. A module that fails a
run-time check or faults raises `Trap`; the host process goes on. See docs/runtime.md.
"""
from certa.runtime.loader import App, LoadedModule, LoadError, ModuleExit, Trap, load, load_app
from certa.runtime.manifest import ManifestError

__all__ = ["load", "load_app", "App", "LoadedModule", "Trap", "LoadError", "ModuleExit",
           "ManifestError"]
