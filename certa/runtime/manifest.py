"""Applications: a manifest (TOML, one file per application) names the modules to load and
what each may import. TRUSTED: standard library only; the manifest is the access matrix.

What this file guarantees: `read_manifest(path)` returns a `Manifest` only when the file is
valid UTF-8 TOML of exactly this shape, and raises `ManifestError("app.toml:LINE: ...")`
otherwise (unknown keys and tables, missing or wrong-typed values, modules whose file does
not exist, grants of services that do not exist, a main module that is not listed):

    [app]
    name = "wordcount"            # optional, for messages
    main = "counter"              # the module whose main() `certa run app.toml` runs

    [modules.counter]
    path = "counter.cm"           # relative to the manifest's directory
    grants = ["console", "alloc", "files", "words.tokenize"]   # default: none
    heap_bytes = 1048576          # optional: the module's heap quota in bytes
    files = "data"                # with the "files" grant: the directory it may read

Grantable services: "console" (`__certa_write`), "alloc" (`__certa_alloc`, within the
module's heap quota), "clock" (`__certa_clock`, the host's monotonic clock) and "files"
(`__certa_file_open/size/read`: read-only files under the module's `files` directory).
Every module may exit and trap (`__certa_exit`, `__certa_trap`): they only end the module's
own call. A grant "MODULE.FUNCTION" lets the module import FUNCTION from MODULE (which must be
listed; the loader links it only if the export's contract is the import's); one function
name comes from one module. The loader refuses a module importing anything its grants do
not cover, naming the module, the import and the manifest line. Modules may import from each
other in cycles: all are mapped before any is linked.
"""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass

GRANTABLE = {"console": "__certa_write", "alloc": "__certa_alloc", "clock": "__certa_clock",
             "files": "__certa_file_open"}
# Services that come together with a grant's first import.
GRANT_ALSO = {"files": ("__certa_file_size", "__certa_file_read", "__certa_file_close")}
ALWAYS = frozenset({"__certa_exit", "__certa_trap", "__certa_stack_limit"})
APP_KEYS = {"name", "main"}
MODULE_KEYS = {"path", "grants", "heap_bytes", "files"}
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,63}$")
C_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")
MAX_MANIFEST = 1 << 20
MAX_HEAP = 1 << 40


class ManifestError(Exception):
    pass


@dataclass(frozen=True)
class ModuleSpec:
    name: str
    path: str                       # absolute
    grants: frozenset               # service grant names ("console", "alloc", ...)
    heap_bytes: int | None
    line: int                       # the line of its [modules.NAME] table
    grant_line: int                 # the line of its grants (or of the table)
    links: dict = None              # imported function -> (exporting module, manifest line)
    files: str | None = None        # absolute directory the file service may read

    def imports_allowed(self) -> frozenset:
        services = {GRANTABLE[g] for g in self.grants}
        for g in self.grants:
            services |= set(GRANT_ALSO.get(g, ()))
        return ALWAYS | services | set(self.links or {})


@dataclass(frozen=True)
class Manifest:
    path: str
    name: str
    main: str
    modules: dict                   # name -> ModuleSpec, in file order


def _lines(text: str):
    """(table, key) -> line, for `[table]` headers (key None) and `key = ...` lines."""
    where: dict = {}
    table = None
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        m = re.match(r"^\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$", line)
        if m:
            table = m.group(1).replace('"', "").replace(" ", "")
            where.setdefault((table, None), n)
            continue
        m = re.match(r'^"?([A-Za-z0-9_.-]+)"?\s*=', line)
        if m:
            where.setdefault((table, m.group(1)), n)
    return where


def read_manifest(path) -> Manifest:
    path = os.fspath(path)
    try:
        with open(path, "rb") as f:
            raw = f.read(MAX_MANIFEST + 1)
    except (OSError, ValueError) as e:
        raise ManifestError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    if len(raw) > MAX_MANIFEST:
        raise ManifestError(f"{path}: larger than {MAX_MANIFEST} bytes")
    try:
        text = raw.decode("utf-8")
        doc = tomllib.loads(text)
    except UnicodeDecodeError as e:
        raise ManifestError(f"{path}: not UTF-8 (byte {e.start})") from None
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column (\d+)\)", str(e))
        where = f"{path}:{m.group(1)}:{m.group(2)}" if m else path
        raise ManifestError(f"{where}: not valid TOML: {re.sub(r' [(]at line.*', '', str(e))}") from None
    except RecursionError:
        raise ManifestError(f"{path}: nested too deeply") from None
    lines = _lines(text)

    def fail(table, key, msg):
        subtable = key if table is None else f"{table}.{key}"
        line = lines.get((table, key)) or lines.get((subtable, None)) or lines.get((table, None))
        raise ManifestError(f"{path}:{line}: {msg}" if line else f"{path}: {msg}")

    for key in doc:
        if key not in ("app", "modules"):
            fail(None, key, f"unknown key or table '{key}' (expected [app] and [modules.NAME])")
    app = doc.get("app")
    if not isinstance(app, dict):
        fail(None, "app", "missing [app] table")
    for key in app:
        if key not in APP_KEYS:
            fail("app", key, f"unknown key '{key}' in [app] (expected {sorted(APP_KEYS)})")
    name = app.get("name", os.path.splitext(os.path.basename(path))[0])
    if not isinstance(name, str):
        fail("app", "name", "[app] name must be a string")
    mods = doc.get("modules")
    if not isinstance(mods, dict) or not mods:
        fail(None, "modules", "no modules: add a [modules.NAME] table with a path")
    base = os.path.dirname(os.path.abspath(path))
    specs = {}
    for mname, m in mods.items():
        table = f"modules.{mname}"
        if not isinstance(m, dict):
            fail("modules", mname, f"module '{mname}' must be a table [modules.{mname}]")
        if not NAME.match(mname):
            fail(table, None, f"bad module name '{mname}'")
        for key in m:
            if key not in MODULE_KEYS:
                fail(table, key, f"unknown key '{key}' in [{table}] (expected {sorted(MODULE_KEYS)})")
        mpath = m.get("path")
        if not isinstance(mpath, str) or not mpath:
            fail(table, "path", f"module '{mname}' needs path = \"FILE.cm\"")
        full = mpath if os.path.isabs(mpath) else os.path.join(base, mpath)
        if "\0" in full or not os.path.isfile(full):
            fail(table, "path", f"module '{mname}': no such file: {mpath}")
        grants = m.get("grants", [])
        if not isinstance(grants, list) or not all(isinstance(g, str) for g in grants):
            fail(table, "grants", f"module '{mname}': grants must be a list of strings")
        services, links = set(), {}
        for g in grants:
            if "." in g:
                exporter, _, fn = g.partition(".")
                if exporter not in mods:
                    fail(table, "grants", f"module '{mname}': grant '{g}': no module '{exporter}' "
                                          f"in the manifest (modules: {', '.join(mods)})")
                if exporter == mname:
                    fail(table, "grants", f"module '{mname}': grant '{g}': a module does not "
                                          "import its own functions")
                if not C_NAME.match(fn) or fn.startswith("__certa_"):
                    fail(table, "grants", f"module '{mname}': grant '{g}': '{fn}' is not a "
                                          "function name")
                if fn in links and links[fn][0] != exporter:
                    fail(table, "grants", f"module '{mname}': '{fn}' is granted from both "
                                          f"'{links[fn][0]}' and '{exporter}'")
                links[fn] = (exporter, lines.get((table, "grants"), 0))
                continue
            if g not in GRANTABLE:
                fail(table, "grants", f"module '{mname}': unknown service '{g}' (known: "
                                      f"{', '.join(sorted(GRANTABLE))}, or MODULE.FUNCTION)")
            services.add(g)
        files = m.get("files")
        if files is not None:
            if not isinstance(files, str) or not files or "\0" in files:
                fail(table, "files", f"module '{mname}': files must be a directory name")
            if "files" not in services:
                fail(table, "files", f"module '{mname}': files is set but \"files\" is not granted")
            files = os.path.realpath(files if os.path.isabs(files) else os.path.join(base, files))
            if not os.path.isdir(files):
                fail(table, "files", f"module '{mname}': no such directory: {m.get('files')}")
        elif "files" in services:
            fail(table, "grants", f"module '{mname}': \"files\" is granted but no files = "
                                  "\"DIRECTORY\" says where")
        heap = m.get("heap_bytes")
        if heap is not None and (type(heap) is not int or not 0 <= heap <= MAX_HEAP):
            fail(table, "heap_bytes", f"module '{mname}': heap_bytes must be an integer in "
                                      f"[0, {MAX_HEAP}]")
        line = lines.get((table, None), 0)
        specs[mname] = ModuleSpec(mname, full, frozenset(services), heap, line,
                                  lines.get((table, "grants"), line), links, files)
    main = app.get("main")
    if not isinstance(main, str) or main not in specs:
        fail("app", "main", f"[app] main must name one of the modules ({', '.join(specs)})")
    return Manifest(path, name, main, specs)
